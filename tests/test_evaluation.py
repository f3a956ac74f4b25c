"""Evaluators built from params, scored on cases whose answer is known in advance."""

from __future__ import annotations

import pytest

from cardrepro.evaluation import chance_scores, evaluate, heldout_counts, make_evaluator, top_k_retrieved
from cardrepro.models import load_sentence_transformer, resolve_base_model

RETRIEVAL = {"name": "heldout", "batch_size": 8, "kind": "retrieval", "metric": "cosine_mrr@10",
             "cutoffs": {"mrr_at_k": [10], "accuracy_at_k": [1, 2]}}
# Each query is word for word its own answer, so it must rank first among unrelated texts.
PAIRS = [{"sentence_0": text, "sentence_1": text} for text in (
    "The train to the coast leaves at nine in the morning.",
    "Photosynthesis turns sunlight, water and carbon dioxide into sugar.",
    "A binary search halves the interval it looks in at every step.",
)]
DISTRACTORS = [{"id": "x1", "text": "My grandmother grows tomatoes in her garden."},
               {"id": "x2", "text": "The stock market closed lower on Friday."}]


@pytest.fixture(scope="module")
def minilm():
    return load_sentence_transformer(resolve_base_model({"base": "sentence-transformers/all-MiniLM-L6-v2"}), 128)


def test_identical_query_and_answer_rank_first(minilm):
    evaluator = make_evaluator(RETRIEVAL, PAIRS, DISTRACTORS)
    assert heldout_counts(evaluator) == {"eval_queries": 3, "corpus": 5}
    scores = evaluate(minilm, evaluator)
    assert scores["cosine_mrr@10"] == pytest.approx(1.0) and scores["cosine_accuracy@1"] == pytest.approx(1.0)
    assert set(scores) >= {"cosine_accuracy@2", "cosine_map@100"}


def test_swapped_answers_score_low(minilm):
    swapped = [{"sentence_0": PAIRS[i]["sentence_0"], "sentence_1": PAIRS[(i + 1) % 3]["sentence_1"]} for i in range(3)]
    scores = evaluate(minilm, make_evaluator(RETRIEVAL, swapped, DISTRACTORS))
    assert scores["cosine_accuracy@1"] == 0.0 and scores["cosine_mrr@10"] < 0.6


def test_binary_evaluator_counts_pairs():
    labelled = [p | {"label": 1.0} for p in PAIRS]
    evaluator = make_evaluator({"name": "b", "batch_size": 8, "kind": "binary", "metric": "cosine_ap"}, labelled)
    assert heldout_counts(evaluator) == {"eval_pairs": 3}
    assert chance_scores(evaluator) == {}  # pairs are classified, not ranked: no random-ranking floor


def test_top_k_marks_the_relevant_text(minilm):
    table = top_k_retrieved(minilm, PAIRS, DISTRACTORS, queries=2, k=3)
    assert len(table) == 6
    first = table.xs(1, level="rank")
    assert list(first.relevant) == ["✔", "✔"]
    assert list(first.retrieved) == [PAIRS[0]["sentence_1"], PAIRS[1]["sentence_1"]]


def test_an_example_whose_answer_is_not_in_the_top_k_shows_it_at_its_rank_and_queries_are_spread(minilm):
    swapped = [{"sentence_0": PAIRS[i]["sentence_0"], "sentence_1": PAIRS[(i + 1) % 3]["sentence_1"]} for i in range(3)]
    table = top_k_retrieved(minilm, swapped, DISTRACTORS, queries=3, k=1)
    for query, rows in table.groupby(level="query"):
        ranks = list(rows.index.get_level_values("rank"))
        assert ranks[0] == 1 and rows.relevant.iloc[-1] == "✔" and (len(ranks) == 1 or ranks[1] > 1), query
    spread = top_k_retrieved(minilm, PAIRS, DISTRACTORS, queries=1, k=1)
    assert list(spread.index.get_level_values("query")) == [PAIRS[0]["sentence_0"]]


def test_chance_scores_of_a_corpus_smaller_than_a_cut_off_retrieve_all_of_it():
    """Three held-out pairs ranked at accuracy@5 and @10 (an imported card's tiny held-out set)."""
    scores = chance_scores(make_evaluator(RETRIEVAL | {"cutoffs": {"accuracy_at_k": [1, 5]}}, PAIRS))
    assert scores["cosine_accuracy@5"] == 1.0 and scores["cosine_accuracy@1"] == pytest.approx(1 / 3)


def test_chance_scores_equal_the_evaluators_own_metrics_averaged_over_every_ranking():
    from itertools import permutations

    from cardrepro.evaluation import chance_scores

    # 6 candidates; one query with a single relevant answer, one with two
    pairs = [{"sentence_0": "q1", "sentence_1": "a"}, {"sentence_0": "q2", "sentence_1": "b"},
             {"sentence_0": "q2", "sentence_1": "c"}]
    corpus = [{"id": f"x{i}", "text": f"other {i}"} for i in range(3)]
    cutoffs = {"map_at_k": [3], "mrr_at_k": [2, 6], "accuracy_at_k": [1, 4], "precision_recall_at_k": [2, 5]}
    evaluator = make_evaluator({**RETRIEVAL, "cutoffs": cutoffs}, pairs, corpus)
    ids = evaluator.corpus_ids
    rankings = list(permutations(ids))
    totals: dict[str, float] = {}
    for ranking in rankings:
        hits = [{"corpus_id": cid, "score": -rank} for rank, cid in enumerate(ranking)]
        for metric, by_k in evaluator.compute_metrics([hits, hits]).items():
            if metric in ("map@k", "mrr@k", "accuracy@k", "precision@k", "recall@k"):
                for k, value in by_k.items():
                    key = f"cosine_{metric.removesuffix('@k')}@{k}"
                    totals[key] = totals.get(key, 0.0) + value / len(rankings)
    chance = chance_scores(evaluator)
    assert set(chance) == set(totals) == {"cosine_map@3", "cosine_mrr@2", "cosine_mrr@6", "cosine_accuracy@1",
                                          "cosine_accuracy@4", "cosine_precision@2", "cosine_precision@5",
                                          "cosine_recall@2", "cosine_recall@5"}
    assert chance == pytest.approx(totals, abs=1e-12)


@pytest.mark.parametrize("evaluation", [RETRIEVAL, {"name": "heldout", "batch_size": 8, "kind": "retrieval", "metric": "x"},
                                        {"name": "pairs", "batch_size": 8, "kind": "binary", "metric": "cosine_ap"}])
def test_the_metric_names_known_before_training_are_those_the_evaluator_reports(minilm, evaluation):
    from cardrepro.evaluation import metric_names

    labelled = [p | {"label": float(i % 2)} for i, p in enumerate(PAIRS + PAIRS)]
    reported = evaluate(minilm, make_evaluator(evaluation, labelled, DISTRACTORS))
    assert sorted(metric_names(evaluation)) == sorted(reported)


def test_the_default_cutoffs_are_the_librarys():
    import inspect

    from sentence_transformers.sentence_transformer.evaluation import InformationRetrievalEvaluator

    from cardrepro.evaluation import RETRIEVAL_DEFAULT_CUTOFFS

    defaults = inspect.signature(InformationRetrievalEvaluator).parameters
    assert RETRIEVAL_DEFAULT_CUTOFFS == {key: defaults[key].default for key in RETRIEVAL_DEFAULT_CUTOFFS}


def test_the_position_limit_is_read_without_loading_the_model():
    from cardrepro.models import position_limit

    assert position_limit(resolve_base_model({"base": "sentence-transformers/all-MiniLM-L6-v2"})) == 512
