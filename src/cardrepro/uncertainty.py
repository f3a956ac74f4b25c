"""How sure a held-out score is: per-query (or per-pair) scores and paired bootstrap intervals.

A held-out set of a few hundred queries gives a metric that would move if other queries had been
held out. Resampling the queries with replacement, the same draws for base and tuned model, gives
a 95% interval for each score and for the gain, which is what a reviewer needs to tell a real
improvement from the luck of the split. Per-item scores come from the library's own evaluator
code, so their mean is the evaluator's number.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd

RESAMPLES = 1000
LEVEL = 0.95


def per_query_scores(model, evaluator) -> pd.DataFrame:
    """One row per held-out query (InformationRetrievalEvaluator) with every metric at every cut-off,
    or one row per pair (BinaryClassificationEvaluator) with its cosine score and label."""
    if hasattr(evaluator, "queries"):
        return _retrieval_per_query(model, evaluator)
    texts = list(dict.fromkeys([*evaluator.sentences1, *evaluator.sentences2]))
    embedded = dict(zip(texts, evaluator.embed_inputs(model, texts), strict=True))  # as the evaluator embeds them
    from sentence_transformers.util import pairwise_cos_sim

    first = np.stack([embedded[s] for s in evaluator.sentences1])
    second = np.stack([embedded[s] for s in evaluator.sentences2])
    scores = pairwise_cos_sim(first, second).detach().cpu().numpy()
    return pd.DataFrame({"score": scores, "label": np.asarray(evaluator.labels, dtype=int)})


def _retrieval_per_query(model, evaluator) -> pd.DataFrame:
    ranked: list[list[dict]] = []
    probe = copy.copy(evaluator)

    def keep_rankings(results):  # the evaluator's own top-k per query, before it averages them
        ranked.extend(results)
        return evaluator.compute_metrics(results)

    probe.compute_metrics = keep_rankings
    if getattr(probe, "_score_functions_from_model", False):  # as the evaluator's __call__ sets it, per model
        probe.score_functions = probe._model_score_functions(model)
    probe.compute_all_metrics(model)
    ranked = ranked[: len(evaluator.queries)]  # the first score function: cosine
    rows = {}
    for qid, text, results in zip(evaluator.queries_ids, evaluator.queries, ranked, strict=True):
        single = copy.copy(evaluator)
        single.queries_ids, single.queries = [qid], [text]
        rows[qid] = {f"cosine_{name.replace('@k', f'@{k}')}": float(value)
                     for name, by_k in single.compute_metrics([results]).items() for k, value in by_k.items()}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("query")


def binary_metrics(frame: pd.DataFrame) -> dict[str, float]:
    """The evaluator's cosine accuracy, F1, precision, recall, AP and MCC from per-pair scores and labels."""
    from sentence_transformers.sentence_transformer.evaluation import BinaryClassificationEvaluator as Evaluator
    from sklearn.metrics import average_precision_score, matthews_corrcoef

    scores, labels = frame["score"].to_numpy(), frame["label"].to_numpy()
    accuracy, _ = Evaluator.find_best_acc_and_threshold(scores, labels, True)
    f1, precision, recall, threshold = Evaluator.find_best_f1_and_threshold(scores, labels, True)
    return {"cosine_accuracy": accuracy, "cosine_f1": f1, "cosine_precision": precision, "cosine_recall": recall,
            "cosine_ap": average_precision_score(labels, scores), "cosine_mcc": matthews_corrcoef(labels, scores >= threshold)}


def _statistic(frame: pd.DataFrame):
    """What a resample is summarised by: the column means (per-query scores) or binary_metrics (pairs)."""
    if "label" in frame:
        return lambda rows: binary_metrics(frame.iloc[rows])
    values, names = frame.to_numpy(dtype=float), list(frame.columns)
    return lambda rows: dict(zip(names, values[rows].mean(axis=0), strict=True))


def bootstrap_intervals(base: pd.DataFrame, tuned: pd.DataFrame, resamples: int = RESAMPLES, level: float = LEVEL,
                        seed: int = 0) -> pd.DataFrame:
    """Percentile intervals for the base score, the tuned score and the gain, one row per metric.

    ``base`` and ``tuned`` are ``per_query_scores`` of the same evaluator: each resample draws the
    same rows from both (a paired bootstrap), so the gain's interval reflects the per-query change.
    """
    if len(base) != len(tuned) or not base.index.equals(tuned.index):
        raise ValueError("base and tuned per-query scores must cover the same queries in the same order")
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(base), size=(resamples, len(base)))
    of_base, of_tuned = _statistic(base), _statistic(tuned)
    full_base, full_tuned = of_base(np.arange(len(base))), of_tuned(np.arange(len(tuned)))
    sampled = [(of_base(rows), of_tuned(rows)) for rows in draws]
    tail = (1 - level) / 2 * 100
    table = {}
    for name in full_base:
        b = np.array([s[0][name] for s in sampled])
        t = np.array([s[1][name] for s in sampled])
        low_high = lambda x: np.percentile(x, [tail, 100 - tail])  # noqa: E731
        table[name] = {"base": full_base[name], "base_low": low_high(b)[0], "base_high": low_high(b)[1],
                       "tuned": full_tuned[name], "tuned_low": low_high(t)[0], "tuned_high": low_high(t)[1],
                       "gain": full_tuned[name] - full_base[name],
                       "gain_low": low_high(t - b)[0], "gain_high": low_high(t - b)[1]}
    return pd.DataFrame(table).T.astype(float).rename_axis("metric")


def intervals_metrics(intervals: pd.DataFrame, items: int, resamples: int = RESAMPLES, level: float = LEVEL) -> dict:
    """The intervals for the metrics JSON: {metric: {base: [lo, hi], tuned: [lo, hi], gain: [lo, hi]}}."""
    def pair(row, what):
        return [round(float(row[f"{what}_low"]), 6), round(float(row[f"{what}_high"]), 6)]

    return {"level": level, "resamples": resamples, "resampled_items": items,
            **{name: {what: pair(row, what) for what in ("base", "tuned", "gain")} for name, row in intervals.iterrows()}}


def mean_interval(values: list[float], resamples: int = RESAMPLES, level: float = LEVEL, seed: int = 0) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of ``values`` (the same value twice for one value)."""
    array = np.asarray(values, dtype=float)
    means = array[np.random.default_rng(seed).integers(0, len(array), size=(resamples, len(array)))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)
