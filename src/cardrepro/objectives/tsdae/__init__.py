"""TSDAE (DenoisingAutoEncoderLoss): the loss (``loss``), whether its decoder reads the embedding
(``checks``) and, when ``training.compare_conditioning`` asks, the card's objective against the prefix
one at several seeds with a training-free baseline (``comparison``)."""

from __future__ import annotations

from cardrepro.objectives.tsdae.checks import check_objectives, check_trained
from cardrepro.objectives.tsdae.loss import decoder_facts, make_tsdae_loss

EXAMPLE_QUERIES, EXAMPLE_RANKS = 3, 5  # the held-out queries shown with their top candidates, before and after


def make_loss(model, training: dict, processes: int = 1):
    return make_tsdae_loss(model, training)  # the card's cross-attention, or the embedding as a prefix


def loss_facts(loss) -> dict:
    """How the decoder meets the sentence embedding, in place of transformers' load report."""
    return decoder_facts(loss)


def before_training(model, params, eval_pairs: list[dict], corpus: list[dict] | None) -> dict:
    """The base model's top candidates for the first held-out queries, and each objective's conditioning check."""
    from cardrepro.evaluation import top_k_retrieved

    return {"examples_before": top_k_retrieved(model, eval_pairs, corpus, queries=EXAMPLE_QUERIES, k=EXAMPLE_RANKS),
            "conditioning_before": check_objectives(model, eval_pairs, params.training)}


def after_training(model, result, params, train_pairs: list[dict], eval_pairs: list[dict], corpus: list[dict] | None,
                   evaluator, main: tuple) -> dict:
    """The tuned model's top candidates, the trained objective's conditioning check and, with
    ``training.compare_conditioning``, both objectives at every compare seed and PromptEOL.
    ``main`` is this run's (held-out scores, TrainingResult, per-query scores), reused by the comparison."""
    from cardrepro.evaluation import top_k_retrieved

    measured = {"examples_after": top_k_retrieved(model, eval_pairs, corpus, queries=EXAMPLE_QUERIES, k=EXAMPLE_RANKS),
                "conditioning_after": check_trained(result.loss, eval_pairs, params.training)}
    return measured


def compare(resolved, params, train_pairs: list[dict], eval_pairs: list[dict], corpus: list[dict] | None, evaluator,
            main: tuple) -> dict:
    """Run after the model is saved: the objective comparison and the prompt baseline, when asked for."""
    if not params.training.get("compare_conditioning"):
        return {}
    from cardrepro.objectives.tsdae.comparison import compare_objectives, prompt_baseline

    runs, per_query = compare_objectives(resolved, params.model, params.training, train_pairs, eval_pairs, evaluator, main)
    prompt_scores, prompt_per_query = prompt_baseline(resolved, params.model, params.evaluation, eval_pairs, corpus)
    return {"objective_runs": runs, "objective_per_query": per_query,
            "prompt_scores": prompt_scores, "prompt_per_query": prompt_per_query}
