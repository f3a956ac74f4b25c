"""Per-item scores agree with the library's evaluators, and the bootstrap matches answers known in closed form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cardrepro.evaluation import evaluate, make_evaluator
from cardrepro.models import load_sentence_transformer, resolve_base_model
from cardrepro.sentences.run import significant_gain
from cardrepro.uncertainty import binary_metrics, bootstrap_intervals, intervals_metrics, per_query_scores

RETRIEVAL = {"name": "heldout", "batch_size": 8, "kind": "retrieval", "metric": "cosine_map@3",
             "cutoffs": {"map_at_k": [3], "mrr_at_k": [2], "accuracy_at_k": [1, 3], "ndcg_at_k": [3],
                         "precision_recall_at_k": [2]}}
TEXTS = ["The train to the coast leaves at nine.", "Photosynthesis turns sunlight into sugar.",
         "A binary search halves the interval.", "My grandmother grows tomatoes.", "The market closed lower on Friday.",
         "Dogs bark at the postman.", "Rain is expected tomorrow afternoon."]
# queries whose answers are paraphrases, one with two answers, and a catalogue of distractors
PAIRS = [{"sentence_0": "When does the coastal train depart?", "sentence_1": TEXTS[0]},
         {"sentence_0": "How do plants make sugar?", "sentence_1": TEXTS[1]},
         {"sentence_0": "How do plants make sugar?", "sentence_1": TEXTS[6]},
         {"sentence_0": "Which search splits the range in two?", "sentence_1": TEXTS[2]},
         {"sentence_0": "What did stocks do on Friday?", "sentence_1": TEXTS[5]}]
CATALOGUE = [{"id": f"c{i}", "text": t} for i, t in enumerate(TEXTS[3:5])]


@pytest.fixture(scope="module")
def minilm():
    return load_sentence_transformer(resolve_base_model({"base": "sentence-transformers/all-MiniLM-L6-v2"}), 128)


def test_per_query_scores_average_to_the_retrieval_evaluators_figures(minilm):
    evaluator = make_evaluator(RETRIEVAL, PAIRS, CATALOGUE)
    per_query = per_query_scores(minilm, evaluator)
    assert len(per_query) == 4 and per_query.index.name == "query"
    aggregate = evaluate(minilm, evaluator)
    assert set(per_query.columns) == set(aggregate)
    for name, value in aggregate.items():
        assert per_query[name].mean() == pytest.approx(value, abs=1e-9), name
    assert per_query["cosine_accuracy@1"].isin([0.0, 1.0]).all()  # per query, a hit or a miss


def test_per_pair_scores_give_the_binary_evaluators_figures(minilm):
    labelled = [dict(p, label=1.0) for p in PAIRS] + [
        {"sentence_0": p["sentence_0"], "sentence_1": TEXTS[(i + 3) % 7], "label": 0.0} for i, p in enumerate(PAIRS)]
    evaluator = make_evaluator({"name": "b", "batch_size": 8, "kind": "binary", "metric": "cosine_ap"}, labelled)
    per_pair = per_query_scores(minilm, evaluator)
    assert list(per_pair.columns) == ["score", "label"] and len(per_pair) == 10
    aggregate = evaluate(minilm, evaluator)
    for name, value in binary_metrics(per_pair).items():
        assert value == pytest.approx(aggregate[name], abs=1e-6), name


def _binomial_quantile(q: float, n: int, p: float) -> int:
    """The smallest x with P(Binomial(n, p) <= x) >= q."""
    from math import comb

    total = 0.0
    for x in range(n + 1):
        total += comb(n, x) * p**x * (1 - p) ** (n - x)
        if total >= q:
            return x
    return n


def test_bootstrap_of_a_mean_of_hits_follows_the_binomial_distribution():
    # A resample of n 0/1 scores with k ones has Binomial(n, k/n) ones: its percentiles are known exactly.
    n, k = 200, 130
    hits = pd.DataFrame({"cosine_accuracy@1": [1.0] * k + [0.0] * (n - k)})
    table = bootstrap_intervals(hits, hits, resamples=20000, seed=1)
    low, high = _binomial_quantile(0.025, n, k / n) / n, _binomial_quantile(0.975, n, k / n) / n
    assert table.loc["cosine_accuracy@1", "base"] == 0.65
    assert table.loc["cosine_accuracy@1", "base_low"] == pytest.approx(low, abs=1.5 / n)
    assert table.loc["cosine_accuracy@1", "base_high"] == pytest.approx(high, abs=1.5 / n)
    # the same scores on both sides: every paired resample has gain exactly zero
    assert table.loc["cosine_accuracy@1", ["gain", "gain_low", "gain_high"]].tolist() == [0.0, 0.0, 0.0]


def test_paired_bootstrap_sees_a_consistent_gain_that_unpaired_spreads_would_hide():
    rng = np.random.default_rng(0)
    base = pd.DataFrame({"m": rng.uniform(0, 1, 300)})
    tuned = base + 0.02  # every query up by 0.02: a certain gain, far inside either model's own spread
    table = bootstrap_intervals(base, tuned, resamples=500)
    row = table.loc["m"]
    assert row["gain_low"] == pytest.approx(0.02) and row["gain_high"] == pytest.approx(0.02)
    assert row["tuned_low"] < row["base_high"]  # the two score intervals overlap
    assert "interval excludes zero" in significant_gain(table, "m")
    flat = intervals_metrics(table, items=300, resamples=500)
    assert flat["resampled_items"] == 300 and flat["m"]["gain"] == [0.02, 0.02]


def test_constant_scores_have_a_zero_width_interval_and_a_null_gain_cannot_tell():
    same = pd.DataFrame({"m": [0.5] * 10})
    table = bootstrap_intervals(same, same, resamples=100)
    assert table.loc["m", ["base_low", "base_high"]].tolist() == [0.5, 0.5]
    noisy = pd.DataFrame({"m": np.linspace(0, 1, 50)})
    shuffled = pd.DataFrame({"m": np.linspace(0, 1, 50)[::-1]})
    assert "includes zero" in significant_gain(bootstrap_intervals(noisy, shuffled, resamples=300), "m")


def test_intervals_need_the_same_queries_on_both_sides():
    with pytest.raises(ValueError, match="same queries"):
        bootstrap_intervals(pd.DataFrame({"m": [1.0, 0.0]}), pd.DataFrame({"m": [1.0]}))


def test_same_seed_same_intervals():
    scores = pd.DataFrame({"m": np.random.default_rng(3).uniform(size=40)})
    assert bootstrap_intervals(scores, scores * 0.9).equals(bootstrap_intervals(scores, scores * 0.9))


def test_the_interval_of_a_mean_holds_it_and_collapses_for_one_value_or_equal_values():
    from cardrepro.uncertainty import mean_interval

    low, high = mean_interval([0.1, 0.3, 0.2, 0.6, 0.0, 0.4])
    assert low < 0.2666 < high and 0.0 <= low and high <= 0.6
    assert mean_interval([0.5]) == (0.5, 0.5) and mean_interval([0.0] * 8) == (0.0, 0.0)
    assert mean_interval([0.1, 0.3, 0.2, 0.6], seed=1) == mean_interval([0.1, 0.3, 0.2, 0.6], seed=1)
