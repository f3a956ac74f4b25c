"""The verdict rule on cases whose answer is known: inside, outside, and not checkable for each reason."""

from __future__ import annotations

import copy

import pytest

from cardrepro.verdict import NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED, card_facts, verdict

PUBLIC = {"public_data": "some public set", "heldout": {"eval_pairs": 200}}


def _metrics(**changes) -> dict:
    """A cosine_sparql-like run on real data with the card's own model: every figure checkable."""
    metrics = {
        "run": "cosine_sparql",
        "substituted": {"stand_in_model": False, "generated_data": False},
        "model": {"requested": "org/card-model", "stand_in": None, "is_stand_in": False},
        "data": {"source": "real", "train_pairs": 5780, "eval_pairs": 200},
        "headline": "cosine_ap",
        "tuned": {"cosine_ap": 0.9220, "cosine_accuracy_threshold": 0.41},
        "card": {"cosine_ap": 0.9166},
        "intervals": {"cosine_ap": {"tuned": [0.8900, 0.9500]}},
        "loss_at_card_steps": {},
        "training": {"steps": 362, "card_steps": 750},
    }
    for key, value in changes.items():
        metrics[key] = value
    return copy.deepcopy(metrics)


def test_a_card_figure_inside_the_runs_interval_is_reproduced():
    judged = verdict(_metrics(), PUBLIC)
    assert judged.status == REPRODUCED and judged.figures[0].status == REPRODUCED
    assert judged.sentence() == "reproduced: cosine_ap within the run's interval"


@pytest.mark.parametrize(("card", "bound"), [({"cosine_ap": 0.9166}, "cosine_ap, training loss at step 500 within the "
                                              "run's interval or tolerance"),
                                             ({}, "training loss at step 500 within the run's tolerance")])
def test_the_verdict_names_the_bound_each_reproduced_figure_was_held_to(card, bound):
    judged = verdict(_metrics(card=card, loss_at_card_steps={"500": {"run": 0.17, "card": 0.1687}}), PUBLIC)
    assert judged.sentence() == f"reproduced: {bound}"


@pytest.mark.parametrize(("card", "side", "gap"), [(0.9700, "above", 0.0200), (0.8500, "below", 0.0400)])
def test_a_card_figure_outside_the_runs_interval_is_not_reproduced_with_size_and_direction(card, side, gap):
    judged = verdict(_metrics(card={"cosine_ap": card}), PUBLIC)
    assert judged.status == NOT_REPRODUCED
    assert f"lies {gap:.4f} {side} the run's interval [0.8900, 0.9500]" in judged.sentence()


@pytest.mark.parametrize(("changes", "facts", "reason"), [
    ({"substituted": {"stand_in_model": False, "generated_data": True}}, PUBLIC, "generated data, not the card's"),
    ({"substituted": {"stand_in_model": True, "generated_data": False},
      "model": {"requested": "org/card-model", "stand_in": "org/other", "is_stand_in": True}}, PUBLIC,
     "a stand-in for the card's base model"),
    ({}, {"public_data": None, "heldout": {"eval_pairs": 200}}, "the card's data was never published"),
    ({"card": {}}, PUBLIC, "the card reports no figure"),
])
def test_not_checkable_names_its_reason(changes, facts, reason):
    judged = verdict(_metrics(**changes), facts)
    assert judged.status == NOT_CHECKABLE and reason in judged.sentence()


def test_another_held_out_size_or_no_interval_makes_a_figure_not_checkable():
    smaller = verdict(_metrics(data={"source": "real", "train_pairs": 10, "eval_pairs": 20}), PUBLIC)
    assert smaller.sentence() == "not checkable: a held-out set of 20 pairs, not the card's 200"
    threshold = verdict(_metrics(card={"cosine_accuracy_threshold": 0.4129}), PUBLIC)
    assert threshold.status == NOT_CHECKABLE and "no interval" in threshold.figures[0].why


@pytest.mark.parametrize(("run", "status"), [(0.1800, REPRODUCED), (0.1900, NOT_REPRODUCED), (None, NOT_CHECKABLE)])
def test_a_logged_loss_is_judged_within_ten_percent(run, status):
    judged = verdict(_metrics(card={}, loss_at_card_steps={"500": {"run": run, "card": 0.1687}}), PUBLIC)
    assert judged.figures[0].status == status and judged.status == status


def test_one_checkable_figure_reproduced_and_the_rest_not_checkable_is_reproduced():
    judged = verdict(_metrics(card={"cosine_ap": 0.9166, "cosine_accuracy_threshold": 0.4129},
                              loss_at_card_steps={"500": {"run": None, "card": 0.1687}}), PUBLIC)
    assert judged.status == REPRODUCED
    assert [f.status for f in judged.figures] == [REPRODUCED, NOT_CHECKABLE, NOT_CHECKABLE]


def test_a_figure_states_only_its_own_reasons_and_the_verdict_the_runs():
    judged = verdict(_metrics(substituted={"stand_in_model": True, "generated_data": True},
                              card={"cosine_ap": 0.9166, "cosine_accuracy_threshold": 0.4129}), PUBLIC)
    assert judged.reasons == ["generated data, not the card's",
                              "a stand-in for the card's base model, which is not available here"]
    assert [f.why for f in judged.figures] == ["", "no interval: a threshold is a by-product of the scores"]


def test_every_run_has_its_facts():
    from cardrepro.params import RUNS

    assert set(card_facts()) == set(RUNS)
