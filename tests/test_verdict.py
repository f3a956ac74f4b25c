"""The verdict rule on cases whose answer is known: every status, the negative control, the threshold group, the
seeds, the caveats and the card's curve."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from cardrepro.sentences.verdict import why
from cardrepro.verdict import (CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED, UNINFORMATIVE, Verdict,
                               card_facts, margins, verdict)

PUBLIC = {"public_data": "some public set", "heldout": {"eval_pairs": 200}}


def _metrics(**changes) -> dict:
    """A cosine_sparql-like run on real data with the card's own model: every figure checkable. The tuned AP's
    interval is narrow (within the card's 0.9166 +/- 0.02); the untrained model's is far below it."""
    metrics = {
        "run": "cosine_sparql",
        "substituted": {"stand_in_model": False, "generated_data": False},
        "model": {"requested": "org/card-model", "stand_in": None, "is_stand_in": False},
        "data": {"source": "real", "train_pairs": 5780, "eval_pairs": 200},
        "headline": "cosine_ap",
        "tuned": {"cosine_ap": 0.9220, "cosine_accuracy_threshold": 0.41, "cosine_recall": 0.95,
                  "cosine_precision": 0.80},
        "card": {"cosine_ap": 0.9166},
        "card_recipe": {"train_pairs": 12000, "steps": 750},
        "intervals": {"cosine_ap": {"tuned": [0.9100, 0.9300], "base": [0.5400, 0.7300]},
                      "cosine_recall": {"tuned": [0.9000, 1.0000], "base": [0.7300, 1.0000]},
                      "cosine_precision": {"tuned": [0.7400, 0.8900], "base": [0.4500, 0.6200]}},
        "loss_at_card_steps": {},
        "training": {"seed": 42, "steps": 362, "card_steps": 750},
    }
    for key, value in changes.items():
        metrics[key] = value
    return copy.deepcopy(metrics)


def _with_interval(low: float, high: float, base=(0.54, 0.73), card: float = 0.9166) -> dict:
    return _metrics(card={"cosine_ap": card}, intervals={"cosine_ap": {"tuned": [low, high], "base": list(base)}})


def test_an_interval_within_the_margin_is_reproduced():
    judged = verdict(_metrics(), PUBLIC)
    assert margins()["evaluation"] == 0.02
    assert judged.status == REPRODUCED and judged.figures[0].status == REPRODUCED
    assert why(judged) == "cosine_ap within the card's figure +/- its margin"


def test_a_wide_interval_holding_the_card_is_consistent_and_says_what_it_cannot_rule_out():
    judged = verdict(_with_interval(0.8717, 0.9637), PUBLIC)  # the first real run's AP interval: 0.092 wide
    assert judged.status == CONSISTENT and judged.figures[0].status == CONSISTENT
    assert "a difference up to 0.0471 cannot be ruled out" in judged.figures[0].why


@pytest.mark.parametrize(("low", "high", "side", "gap"), [(0.8600, 0.9000, "above", 0.0166), (0.9300, 0.9500, "below", 0.0134)])
def test_a_card_figure_outside_the_runs_interval_is_not_reproduced_with_size_and_direction(low, high, side, gap):
    judged = verdict(_with_interval(low, high), PUBLIC)
    assert judged.status == NOT_REPRODUCED
    assert f"lies {gap:.4f} {side} the run's interval [{low:.4f}, {high:.4f}]" in why(judged)


def test_outside_the_interval_but_within_the_margin_is_reproduced():
    """Equivalence first: an interval wholly within the margin reproduces the figure even if it misses it."""
    judged = verdict(_with_interval(0.9200, 0.9300), PUBLIC)
    assert judged.status == REPRODUCED


def test_a_figure_the_untrained_model_passes_too_is_uninformative_and_not_counted():
    """The negative control: recall's base-model interval holds the card's 0.93, so recall says nothing."""
    metrics = _metrics(card={"cosine_ap": 0.9166, "cosine_recall": 0.93})
    judged = verdict(metrics, PUBLIC)
    recall = next(f for f in judged.figures if f.name == "cosine_recall")
    assert recall.status == UNINFORMATIVE and recall.control == (0.73, 1.0)
    assert "untrained base model's interval [0.7300, 1.0000] passes too" in recall.why
    assert judged.status == REPRODUCED  # AP alone counts
    assert "not counted: cosine_recall" in why(judged)


def test_only_uninformative_figures_leave_the_card_not_checkable():
    judged = verdict(_metrics(card={"cosine_recall": 0.93}), PUBLIC)
    assert judged.status == NOT_CHECKABLE
    assert judged.reasons == ["every checkable figure is passed by the untrained base model too"]


def test_figures_of_one_threshold_count_once_as_a_group():
    """Precision fails, recall is uninformative: the group is one unit, not reproduced, and so is the card."""
    judged = verdict(_metrics(card={"cosine_ap": 0.9166, "cosine_precision": 0.95, "cosine_recall": 0.93}), PUBLIC)
    units = judged.units()
    assert [name for name, _, _ in units] == ["cosine_ap", "threshold metrics"]
    assert units[1][1] == NOT_REPRODUCED and judged.status == NOT_REPRODUCED
    assert {f.group for f in judged.figures if f.name != "cosine_ap"} == {"threshold metrics"}


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
    assert judged.status == NOT_CHECKABLE and reason in why(judged)


def test_another_held_out_size_or_no_interval_makes_a_figure_not_checkable():
    smaller = verdict(_metrics(data={"source": "real", "train_pairs": 10, "eval_pairs": 20}), PUBLIC)
    assert why(smaller) == "a held-out set of 20 pairs, not the card's 200"
    threshold = verdict(_metrics(card={"cosine_accuracy_threshold": 0.4129}), PUBLIC)
    assert threshold.status == NOT_CHECKABLE and "no interval" in threshold.figures[0].why


@pytest.mark.parametrize(("run", "status"), [(0.1800, REPRODUCED), (0.1900, NOT_REPRODUCED), (None, NOT_CHECKABLE)])
def test_a_logged_loss_is_judged_within_ten_percent(run, status):
    judged = verdict(_metrics(card={}, loss_at_card_steps={"500": {"run": run, "card": 0.1687}}), PUBLIC)
    assert judged.figures[0].status == status and judged.status == status


def test_the_caveats_name_the_recipe_the_held_out_items_and_the_seeds():
    one = verdict(_metrics(), PUBLIC)
    assert one.caveats == ["trained on 5,780 of the card's 12,000 pairs, 362 of its 750 steps",
                           "held-out items drawn here, not the card's (it does not publish them)",
                           "one training seed (42)"]
    three = verdict(_metrics(repeats={"seeds": [42, 43, 44], "intervals": {"cosine_ap": [0.80, 0.99]}}), PUBLIC)
    assert three.caveats[-1] == "training seeds 42, 43, 44"
    assert three.figures[0].interval == (0.80, 0.99) and three.status == CONSISTENT  # the seeds' interval is the one used
    assert three.caveats[0].startswith("trained on 5,780")
    compared = verdict(_metrics(params={"training": {"compare_seeds": [42, 43, 44]}}), PUBLIC)
    assert compared.caveats[-1] == "one training seed (42) for the headline; the objective comparison at seeds 42, 43, 44"


def test_the_cards_curve_is_compared_step_by_step_and_not_counted():
    logged = {"93": {"card": 0.7887, "run": 0.9005, "seeds": [0.9005, 0.8800, 0.8950]},
              "186": {"card": 0.8644, "run": 0.9241, "seeds": [0.9241, 0.9100, 0.9200]},
              "744": {"card": 0.9166, "run": 0.9200, "seeds": [0.9100, 0.9200, 0.9300]}}
    judged = verdict(_metrics(eval_at_card_steps=logged), PUBLIC)
    assert [row["side"] for row in judged.curve] == ["card below the run", "card below the run", "within"]
    assert judged.status == REPRODUCED  # the curve does not count

    from cardrepro.sentences.run import curve_sentence

    text = curve_sentence(judged.curve, seeds=3)
    assert text.startswith("the run learns faster than the card early on: the card's logged evaluation lies below "
                           "the range of the run's 3 seeds at steps 93, 186; within the range of the run's 3 seeds at step 744")


def test_the_record_round_trips_so_no_table_recomputes_it():
    import json

    judged = verdict(_metrics(card={"cosine_ap": 0.9166, "cosine_recall": 0.93}), PUBLIC)
    assert Verdict.from_record(json.loads(json.dumps(judged.as_record()))) == judged


def test_the_interval_over_seeds_and_items_covers_a_seed_spread_the_items_alone_miss():
    """Three seeds whose scores differ by a shift the held-out resampling of one seed cannot see: the two-level
    interval spans the seeds; one seed's item interval sits around that seed only."""
    from cardrepro.repeats import seed_item_intervals

    rng = np.random.default_rng(0)
    base = rng.normal(0.5, 0.01, size=400)
    per_seed = {seed: pd.DataFrame({"m": base + shift}) for seed, shift in ((42, 0.0), (43, 0.1), (44, 0.2))}
    low, high = seed_item_intervals(per_seed)["m"]
    assert low < 0.51 and high > 0.69  # every seed's mean (0.5, 0.6, 0.7) inside
    one_low, one_high = seed_item_intervals({42: per_seed[42]})["m"]
    assert one_high < 0.51


def test_every_run_has_its_facts():
    from cardrepro.params import RUNS

    assert set(card_facts()) == set(RUNS)


@pytest.mark.parametrize(("low", "high", "side"), [(0.01, 0.2, "above"), (-0.2, -0.01, "below"), (-0.01, 0.2, "across"),
                                                    (0.0, 0.2, "across")])
def test_an_interval_lies_above_below_or_across_zero(low, high, side):
    from cardrepro.findings import side_of_zero

    assert side_of_zero(low, high) == side


@pytest.mark.parametrize(("base", "interval", "kinds"), [
    (0.9661, [1.0, 1.0], ["base at the level", "no width"]), (0.9661, [0.97, 1.0], ["base at the level"]),
    (0.50, [1.0, 1.0], ["no width"]), (0.50, [0.6, 0.7], []), (None, None, [])])
def test_a_headline_at_the_ceiling_is_flagged(base, interval, kinds):
    """mnrl-qa's real base model scores MRR@10 0.9661 and its tuned interval is [1, 1]: both say no room for a gain."""
    from cardrepro.findings import ceiling
    from cardrepro.sentences.run import ceiling_reasons

    found = ceiling(base, interval, margins()["ceiling"])
    assert [item["kind"] for item in found] == kinds
    if len(kinds) == 2:
        assert ceiling_reasons(found) == ("the base model already scores 0.9661, at or above 0.95; "
                                          "the tuned interval [1.0000, 1.0000] has no width")


@pytest.mark.parametrize(("at_maximum", "flagged"), [((11, 12), True), ((6, 12), True), ((5, 12), False), ((0, 0), False)])
def test_a_headline_whose_queries_are_mostly_perfect_before_training_is_at_the_ceiling(at_maximum, flagged):
    """mnrl-qa's 12 new questions: MAP@100 0.9329 on average, below the level, but 11 of them already at 1."""
    from cardrepro.findings import ceiling
    from cardrepro.sentences.run import ceiling_reasons

    found = ceiling(0.9329, [0.7761, 1.0], margins()["ceiling"], at_maximum, margins()["ceiling_items"])
    assert found == ([{"kind": "items at the maximum", "at_maximum": at_maximum[0], "of": 12}] if flagged else [])
    if flagged:
        assert ceiling_reasons(found) == (f"{at_maximum[0]} of the 12 held-out queries already score 1.0000 (the most "
                                          "there is) before training")


def test_the_committed_real_cosine_sparql_verdict_is_the_rules_on_its_own_record():
    """The verdict stored in the committed record is what the rule gives on the rest of that record, the control
    and the threshold group included."""
    import json

    from tests.conftest import REPO

    path = REPO / "reports/real/cosine_sparql/details.json"
    record = json.loads(path.read_text())
    assert Verdict.from_record(record["verdict"]) == verdict(record)
    statuses = {f.name: f.status for f in verdict(record).figures}
    assert statuses["cosine_recall"] == UNINFORMATIVE  # the untrained model's recall interval holds the card's 0.93
