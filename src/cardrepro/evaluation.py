"""Score models with the library's evaluators, so base, tuned and card numbers mean the same thing."""

from __future__ import annotations

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

    doc_ids = {row["text"]: f"d{i}" for i, row in enumerate(corpus)}
    for pair in eval_pairs:
        doc_ids.setdefault(pair["sentence_1"], f"d{len(doc_ids)}")
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


def evaluate(model, evaluator) -> dict[str, float]:
    """Run an evaluator and drop its name prefix: {'cosine_ap': ..., ...}."""
    prefix = f"{evaluator.name}_"
    return {k.removeprefix(prefix): float(v) for k, v in evaluator(model).items()}


def comparison_table(base: dict, tuned: dict, card: dict) -> pd.DataFrame:
    """Base vs tuned vs card, one row per metric the card reports (others after it)."""
    names = list(card) + [k for k in tuned if k not in card]
    return pd.DataFrame(
        {"base": [base.get(n) for n in names], "tuned": [tuned.get(n) for n in names], "card": [card.get(n) for n in names]},
        index=pd.Index(names, name="metric"),
    )
