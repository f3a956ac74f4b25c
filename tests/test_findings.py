"""The decisions the report sentences word (cardrepro.findings), checked apart from any wording."""

from __future__ import annotations

import pytest

from cardrepro.findings import (ABOVE, ACROSS, BELOW, DEPENDS, EVERY_SEED, MEAN_ONLY, NO_SEED, NOT_MEASURED,
                                NOT_WIRED, ONE_SEED, SEEDS_DISAGREE, SOME_SEEDS_ONLY, WIRED_ONLY, conditioning,
                                seed_agreement)


@pytest.mark.parametrize(("gap", "grad", "low", "high", "batches", "found"), [
    (0.0, 0.0, None, None, 4, NOT_WIRED),          # Qwen's decoder with the card's objective: no cross-attention
    (0.0021, 1.2, -0.0140, 0.0158, 4, WIRED_ONLY),  # tsdae_minilm's gap, inside its noise: wired, not "reads"
    (0.0900, 1.2, 0.0400, 0.1400, 4, DEPENDS),
    (-0.1049, 1.8, -0.1914, -0.0072, 4, DEPENDS),   # below zero depends too: the loss moves with the source
    (0.0900, 1.2, None, None, 1, NOT_MEASURED),     # one batch: no noise to weigh the gap against
    (0.0900, 1.2, 0.04, 0.14, None, NOT_MEASURED),
])
def test_a_decoder_is_wired_when_gradient_reaches_it_and_depends_only_when_the_gap_clears_its_noise(
        gap, grad, low, high, batches, found):
    assert conditioning(gap, grad, low, high, batches) == found


@pytest.mark.parametrize(("per_seed", "mean", "kind", "side"), [
    ([ABOVE], None, ONE_SEED, ABOVE),
    ([ACROSS], None, ONE_SEED, ACROSS),
    ([BELOW, BELOW, BELOW], BELOW, EVERY_SEED, BELOW),
    ([ABOVE, BELOW, ACROSS], ACROSS, SEEDS_DISAGREE, ACROSS),
    ([ABOVE, BELOW, ABOVE], ABOVE, SEEDS_DISAGREE, ABOVE),
    ([BELOW, ACROSS, ACROSS], BELOW, MEAN_ONLY, BELOW),   # the mean clears zero, one seed of three on its own
    ([BELOW, ACROSS, ACROSS], ACROSS, SOME_SEEDS_ONLY, ACROSS),
    ([ACROSS, ACROSS, ACROSS], ACROSS, NO_SEED, ACROSS),
])
def test_seeds_agree_only_when_every_seed_is_on_one_side(per_seed, mean, kind, side):
    found = seed_agreement(per_seed, mean)
    assert (found.kind, found.side) == (kind, side)
    assert (found.above, found.below, found.seeds) == (per_seed.count(ABOVE), per_seed.count(BELOW), len(per_seed))


CARD = {"dataset": {"columns": ["question", "answer"], "statistics_sample": 1000,
                    "statistics": {"question": {"unit": "tokens", "min": 5, "mean": 49.27, "max": 90},
                                   "answer": {"unit": "tokens", "min": 3, "mean": 16.46, "max": 40}}}}


@pytest.mark.parametrize(("lengths", "stand_in", "status"), [
    ({"sentence_0": {"mean": 49.3}, "sentence_1": {"mean": 16.9}}, False, "match"),     # +0.1% and +2.7%
    ({"sentence_0": {"mean": 49.3}, "sentence_1": {"mean": 17.5}}, False, "differ"),    # +6.3%: past the 5%
    ({"sentence_0": {"mean": 49.3}, "sentence_1": {"mean": 16.5}}, True, "not compared"),  # another tokenizer
    ({"sentence_0": {"mean": 49.3}}, False, "not compared"),                              # a column missing
])
def test_the_pairs_match_the_cards_token_means_only_within_the_tolerance_and_with_its_tokenizer(lengths, stand_in, status):
    from cardrepro.data_check import token_check

    found = token_check(CARD, lengths, stand_in)
    assert found["status"] == status and found["card"] == "question mean 49.27; answer mean 16.46"
    assert (found["run"] is None) == (status == "not compared")


def test_seed_agreement_refuses_what_it_cannot_decide():
    with pytest.raises(ValueError):
        seed_agreement([])
    with pytest.raises(ValueError):
        seed_agreement([ABOVE, BELOW])  # several seeds and no interval over their mean
