"""The cards' contrastive objectives, straight from sentence-transformers: CosineSimilarityLoss on
labelled pairs, MultipleNegativesRankingLoss on positive pairs with in-batch negatives. A run of
either measures nothing beyond its held-out scores."""

from __future__ import annotations


def make_loss(model, training: dict, processes: int = 1):
    """On several processes, MultipleNegativesRankingLoss gathers the candidates of every process, so
    each anchor's in-batch negatives are the whole global batch, as on one process."""
    from sentence_transformers import util
    from sentence_transformers.sentence_transformer import losses

    if training["loss"] == "CosineSimilarityLoss":
        return losses.CosineSimilarityLoss(model)  # MSE on cosine similarity, as in the card
    return losses.MultipleNegativesRankingLoss(model, scale=20.0, similarity_fct=util.cos_sim,  # the cards' values
                                               gather_across_devices=processes > 1)


def before_training(model, params, eval_pairs: list[dict], corpus: list[dict] | None) -> dict:
    return {}


def after_training(model, result, params, train_pairs: list[dict], eval_pairs: list[dict], corpus: list[dict] | None,
                   evaluator, main: tuple) -> dict:
    return {}


def compare(resolved, params, train_pairs: list[dict], eval_pairs: list[dict], corpus: list[dict] | None, evaluator,
            main: tuple) -> dict:
    return {}


def loss_facts(loss) -> None:
    return None
