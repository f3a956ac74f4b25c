"""The objective comparison: the card's TSDAE objective and the prefix one trained side by side at
several seeds, and a training-free decoder embedding from the literature on the same queries."""

from __future__ import annotations

import pandas as pd

from cardrepro.objectives.tsdae.checks import OBJECTIVE_NAMES, check_trained, objectives

def compare_objectives(resolved, model_params: dict, training: dict, train_pairs: list[dict],
                       eval_pairs: list[dict], evaluator, main: tuple) -> tuple[pd.DataFrame, dict]:
    """Train both objectives at each of ``training.compare_seeds`` from the base model: same data, steps, recipe.

    ``main`` is this run's (held-out scores, TrainingResult, per-query scores), its objective at
    ``training.seed``: reused, not trained again. Returns one row per (objective, seed) (held-out
    scores, the conditioning check of the trained objective, seconds) and each run's per-query
    scores by (objective, seed), for ``objective_gaps``.
    """
    from cardrepro.distributed import train
    from cardrepro.models import load_sentence_transformer
    from cardrepro.progress import progress
    from cardrepro.uncertainty import per_query_scores

    seeds = training.get("compare_seeds") or [training["seed"]]
    chosen = training.get("conditioning", "none")
    plan = [(conditioning, seed) for conditioning in objectives({**training, "compare_conditioning": True}) for seed in seeds]
    rows, per_query = [], {}
    for conditioning, seed in progress(plan, desc="objective x seed"):
        if (conditioning, seed) == (chosen, training["seed"]):
            scores, result, queries = main
        else:
            model = load_sentence_transformer(resolved, model_params["max_seq_length"], model_params.get("normalize"))
            result = train(model, train_pairs, {**training, "conditioning": conditioning, "seed": seed})
            queries = per_query_scores(model, evaluator)
            scores = queries.mean().to_dict()  # the evaluator's figures, from the same single pass
        check = check_trained(result.loss, eval_pairs, {**training, "conditioning": conditioning})
        check = check[OBJECTIVE_NAMES[conditioning]]
        rows.append({"objective": OBJECTIVE_NAMES[conditioning], "seed": seed, **scores,
                     **{f"trained_{key}": value for key, value in check.items()}, "seconds": round(result.seconds, 1)})
        per_query[(OBJECTIVE_NAMES[conditioning], seed)] = queries
    return pd.DataFrame(rows), per_query


# PromptEOL (Jiang et al., 2023): a decoder's last hidden state after a prompt asking for a one-word summary
PROMPT_BASELINE = 'This sentence : "{}" means in one word:"'
PROMPT_NAME = "PromptEOL"


def prompt_baseline(resolved, model_params: dict, evaluation: dict, eval_pairs: list[dict],
                    corpus: list[dict]) -> tuple[dict, pd.DataFrame]:
    """A training-free decoder embedding from the literature on the same held-out queries: the base
    model, every query and candidate wrapped in PromptEOL's prompt, the last token's hidden state as
    the embedding. Returns its held-out scores and per-query scores."""
    from sentence_transformers.sentence_transformer.modules import Pooling

    from cardrepro.evaluation import make_evaluator
    from cardrepro.models import load_sentence_transformer
    from cardrepro.uncertainty import per_query_scores

    model = load_sentence_transformer(resolved, model_params["max_seq_length"], normalize=False)
    model[1] = Pooling(model.get_embedding_dimension(), pooling_mode="lasttoken")
    wrap = PROMPT_BASELINE.format
    pairs = [{**p, "sentence_0": wrap(p["sentence_0"]), "sentence_1": wrap(p["sentence_1"])} for p in eval_pairs]
    candidates = [{**row, "text": wrap(row["text"])} for row in corpus or []]
    queries = per_query_scores(model, make_evaluator(evaluation, pairs, candidates))
    return queries.mean().to_dict(), queries

