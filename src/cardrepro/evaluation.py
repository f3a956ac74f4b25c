"""Score models with the library's evaluators, so base, tuned and card numbers mean the same thing."""

from __future__ import annotations

from math import comb
from statistics import fmean

import pandas as pd


def binary_classification_evaluator(pairs: list[dict], name: str, batch_size: int):
    """The card's BinaryClassificationEvaluator over labelled (sentence_0, sentence_1) pairs."""
    from sentence_transformers.sentence_transformer.evaluation import BinaryClassificationEvaluator

    return BinaryClassificationEvaluator(
        sentences1=[p["sentence_0"] for p in pairs],
        sentences2=[p["sentence_1"] for p in pairs],
        labels=[int(p["label"]) for p in pairs],
        name=name,
        batch_size=batch_size,
        show_progress_bar=False,
    )


def retrieval_evaluator(eval_pairs: list[dict], corpus: list[dict], name: str, batch_size: int, **k):
    """InformationRetrievalEvaluator: each distinct sentence_0 is a query, its sentence_1s are relevant.

    The corpus is every held-out sentence_1 plus ``corpus`` rows ({"id", "text"}, e.g. the whole
    misconception catalogue). ``k`` passes cut-offs such as ``map_at_k=[25]``.
    """
    from sentence_transformers.sentence_transformer.evaluation import InformationRetrievalEvaluator

    doc_ids: dict[str, str] = {}  # one id per distinct text, numbered in order: a repeated text never reuses an id
    for text in [row["text"] for row in corpus] + [pair["sentence_1"] for pair in eval_pairs]:
        doc_ids.setdefault(text, f"d{len(doc_ids)}")
    query_ids: dict[str, str] = {}
    relevant: dict[str, set[str]] = {}
    for pair in eval_pairs:
        qid = query_ids.setdefault(pair["sentence_0"], f"q{len(query_ids)}")
        relevant.setdefault(qid, set()).add(doc_ids[pair["sentence_1"]])
    return InformationRetrievalEvaluator(
        queries={qid: text for text, qid in query_ids.items()},
        corpus={did: text for text, did in doc_ids.items()},
        relevant_docs=relevant, name=name, batch_size=batch_size, show_progress_bar=False, **k,
    )


EVALUATOR_KINDS = ("binary", "retrieval")
CUTOFF_KEYS = ("map_at_k", "mrr_at_k", "ndcg_at_k", "accuracy_at_k", "precision_recall_at_k")
# What each evaluator reports per similarity function (cosine here), as in the library's compute_metrics.
BINARY_METRICS = ("accuracy", "accuracy_threshold", "f1", "f1_threshold", "precision", "recall", "ap", "mcc")
RETRIEVAL_METRICS = {"accuracy_at_k": ("accuracy",), "precision_recall_at_k": ("precision", "recall"),
                     "mrr_at_k": ("mrr",), "ndcg_at_k": ("ndcg",), "map_at_k": ("map",)}
# InformationRetrievalEvaluator's own default cut-offs (a test keeps them equal to the library's).
RETRIEVAL_DEFAULT_CUTOFFS = {"accuracy_at_k": [1, 3, 5, 10], "precision_recall_at_k": [1, 3, 5, 10],
                             "mrr_at_k": [10], "ndcg_at_k": [10], "map_at_k": [100]}


def metric_names(evaluation: dict) -> list[str]:
    """The metric names the evaluator of a params ``evaluation`` section will report, known before any
    model is loaded: a headline metric outside this list would only fail after training."""
    if evaluation["kind"] == "binary":
        return [f"cosine_{name}" for name in BINARY_METRICS]
    cutoffs = RETRIEVAL_DEFAULT_CUTOFFS | evaluation.get("cutoffs", {})
    return [f"cosine_{name}@{k}" for key, names in RETRIEVAL_METRICS.items() for name in names for k in cutoffs[key]]


def make_evaluator(evaluation: dict, eval_pairs: list[dict], corpus: list[dict] | None = None):
    """The evaluator a run's params ask for: ``binary`` (labelled pairs) or ``retrieval``."""
    if evaluation["kind"] == "binary":
        return binary_classification_evaluator(eval_pairs, evaluation["name"], evaluation["batch_size"])
    return retrieval_evaluator(eval_pairs, corpus or [], evaluation["name"], evaluation["batch_size"],
                               **evaluation.get("cutoffs", {}))


def top_k_retrieved(model, eval_pairs: list[dict], corpus: list[dict], queries: int, k: int = 5) -> pd.DataFrame:
    """``queries`` held-out queries with the ``k`` nearest corpus texts, relevant ones marked, and, where none of
    the ``k`` is relevant, the first relevant text at its own rank, so that every example shows the right answer.

    Queries are distinct sentence_0 spread evenly over the held-out pairs (neighbouring pairs often share a
    question); the corpus is as in retrieval_evaluator.
    """
    from sentence_transformers import util

    relevant: dict[str, set[str]] = {}
    for pair in eval_pairs:
        relevant.setdefault(pair["sentence_0"], set()).add(pair["sentence_1"])
    texts = list(dict.fromkeys([row["text"] for row in corpus] + [p["sentence_1"] for p in eval_pairs]))
    distinct = list(relevant)
    step = max(1, len(distinct) // max(1, queries))
    chosen = distinct[::step][:queries]
    hits = util.semantic_search(model.encode(chosen, convert_to_tensor=True),
                                model.encode(texts, convert_to_tensor=True, batch_size=64), top_k=len(texts))
    rows = []
    for query, ranking in zip(chosen, hits, strict=True):
        first_right = next(rank for rank, hit in enumerate(ranking) if texts[hit["corpus_id"]] in relevant[query])
        for rank in [*range(min(k, len(ranking))), *([first_right] if first_right >= k else [])]:
            hit = ranking[rank]
            rows.append({"query": query, "rank": rank + 1, "retrieved": texts[hit["corpus_id"]],
                         "score": round(hit["score"], 3), "relevant": "✔" if texts[hit["corpus_id"]] in relevant[query] else ""})
    return pd.DataFrame(rows).set_index(["query", "rank"])


def chance_scores(evaluator) -> dict[str, float]:
    """The expected MAP@k, MRR@k, accuracy@k, precision@k and recall@k of ranking the corpus at random,
    for the evaluator's cut-offs.

    Exact, per query (n candidates, m of them relevant), averaged over queries: the floor a model
    must clear before a retrieval score means anything, e.g. for a model with random weights. Empty
    for pair classification, which ranks nothing.
    """
    if not hasattr(evaluator, "corpus"):
        return {}
    n = len(evaluator.corpus)
    relevant = [len(evaluator.relevant_docs[qid]) for qid in evaluator.queries_ids]
    scores = {f"cosine_map@{k}": fmean(_chance_average_precision(n, m, k) for m in relevant) for k in evaluator.map_at_k}
    scores |= {f"cosine_mrr@{k}": fmean(_chance_reciprocal_rank(n, m, k) for m in relevant) for k in evaluator.mrr_at_k}
    # P(no relevant text in the top k); a cut-off past the corpus (a tiny held-out set) retrieves all of it
    scores |= {f"cosine_accuracy@{k}": fmean(1 - comb(n - m, min(k, n)) / comb(n, min(k, n)) for m in relevant)
               for k in evaluator.accuracy_at_k}
    # E[relevant in the top k] = k m / n, so precision@k is m / n and recall@k is k / n on average
    scores |= {f"cosine_precision@{k}": fmean(m / n for m in relevant) for k in evaluator.precision_recall_at_k}
    scores |= {f"cosine_recall@{k}": fmean(min(k, n) / n for _ in relevant) for k in evaluator.precision_recall_at_k}
    return scores


def _chance_reciprocal_rank(n: int, m: int, k: int) -> float:
    # P(first relevant at rank r) = C(n - r, m - 1) / C(n, m)
    return sum(comb(n - r, m - 1) / comb(n, m) / r for r in range(1, min(k, n - m + 1) + 1))


def _chance_average_precision(n: int, m: int, k: int) -> float:
    # AP@k as the evaluator computes it: sum over relevant hits at rank r <= k of (hits in top r) / r, over min(k, m).
    # E[hit at r * hits in top r] = m/n * (1 + (r - 1)(m - 1)/(n - 1))
    per_rank = (m / n * (1 + ((r - 1) * (m - 1) / (n - 1) if n > 1 else 0)) / r for r in range(1, min(k, n) + 1))
    return sum(per_rank) / min(k, m)


def heldout_counts(evaluator) -> dict[str, int]:
    """What an evaluator scores: pairs (binary), or queries and the candidates they rank (retrieval)."""
    if hasattr(evaluator, "queries"):
        return {"eval_queries": len(evaluator.queries), "corpus": len(evaluator.corpus)}
    return {"eval_pairs": len(evaluator.labels)}


def evaluate(model, evaluator) -> dict[str, float]:
    """Run an evaluator and drop its name prefix: {'cosine_ap': ..., ...}."""
    prefix = f"{evaluator.name}_"
    return {k.removeprefix(prefix): float(v) for k, v in evaluator(model).items()}


PICTURED_PAIRS = 40  # enough to see a pattern, few enough to see each pair


def pair_embeddings(model, pairs: list[dict], limit: int = PICTURED_PAIRS) -> dict:
    """Embeddings of the first ``limit`` held-out pairs (sentence_0, sentence_1), with labels when the pairs
    have them: taken before and after training, they show what training did to the pairs' geometry."""
    chosen = pairs[:limit]
    first = model.encode([p["sentence_0"] for p in chosen], convert_to_numpy=True, normalize_embeddings=True)
    second = model.encode([p["sentence_1"] for p in chosen], convert_to_numpy=True, normalize_embeddings=True)
    labels = [float(p["label"]) for p in chosen] if chosen and "label" in chosen[0] else None
    return {"first": first, "second": second, "label": labels}
