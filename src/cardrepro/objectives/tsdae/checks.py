"""The conditioning check: does a TSDAE decoder read the sentence embedding?

``DenoisingAutoEncoderLoss`` hands the pooled embedding to the decoder as ``encoder_hidden_states``
for cross-attention. BERT decoders get cross-attention layers; Qwen2, Llama and Mistral have none
and their ``forward`` swallows the argument, so the loss no longer depends on the source sentence
and the pooled embedding gets no gradient. ``conditioning_check`` measures both facts on held-out
batches, before training (``check_objectives``) and after (``check_trained``).
"""

from __future__ import annotations

import pandas as pd
import torch
from torch import Tensor, nn

from cardrepro.objectives.tsdae.loss import make_tsdae_loss

CHECK_PAIRS = 8  # a batch of the card's size
CHECK_BATCHES = 16  # held-out batches the check averages over: their spread is the noise a rise must clear
OBJECTIVE_NAMES = {"none": "card", "prefix": "prefix"}  # conditioning -> name in tables and metrics keys


def objectives(training: dict) -> list[str]:
    """The conditioning this run trains, then the other one when ``compare_conditioning`` asks for it."""
    chosen = training.get("conditioning", "none")
    other = "prefix" if chosen == "none" else "none"
    return [chosen, other] if training.get("compare_conditioning") else [chosen]


def _batch(model, pairs: list[dict]) -> tuple[dict, dict]:
    device = model.device
    source = model.preprocess([p["sentence_0"] for p in pairs])
    target = model.preprocess([p["sentence_1"] for p in pairs])
    move = lambda features: {k: v.to(device) if isinstance(v, Tensor) else v for k, v in features.items()}  # noqa: E731
    return move(source), move(target)


def _shuffled(features: dict, order: Tensor) -> dict:
    return {k: v[order] if isinstance(v, Tensor) and v.dim() > 0 and v.shape[0] == len(order) else v
            for k, v in features.items()}


def _one_batch(loss: nn.Module, pairs: list[dict], generator: torch.Generator) -> tuple[float, float, float]:
    """Loss with the pairs' own sources, with the sources deranged, and the gradient norm at the pooled embedding."""
    model = loss.encoder
    source, target = _batch(model, pairs)
    order = torch.randperm(len(pairs), generator=generator)
    while len(pairs) > 1 and bool((order == torch.arange(len(pairs))).any()):  # no source keeps its own target
        order = torch.randperm(len(pairs), generator=generator)
    captured: dict[str, Tensor] = {}

    def keep(module, inputs, output):
        output["sentence_embedding"].retain_grad()
        captured["embedding"] = output["sentence_embedding"]

    handle = model[1].register_forward_hook(keep)  # the Pooling module
    try:
        real = loss([source, target], None)
        handle.remove()
        real.backward()
        grad = captured["embedding"].grad
        with torch.no_grad():
            shuffled = loss([_shuffled(source, order), target], None)
    finally:
        handle.remove()
        loss.zero_grad(set_to_none=True)
    return real.item(), shuffled.item(), float(grad.norm()) if grad is not None else 0.0


def conditioning_check(loss: nn.Module, pairs: list[dict], seed: int = 0) -> dict[str, float]:
    """Does ``loss`` depend on the source sentence? On each batch of ``CHECK_PAIRS`` of ``pairs`` (one
    batch of all of them when there are fewer): the loss with each pair's own source vs with the
    sources shuffled (a derangement, seeded), and the norm of the gradient that reaches the pooled
    sentence embedding. Returns the means over the batches and the 95% bootstrap interval of the
    mean gap, the batch-to-batch noise a rise must clear. Dropout is off; weights are unchanged.
    """
    from cardrepro.uncertainty import mean_interval

    size = min(CHECK_PAIRS, len(pairs))
    batches = [pairs[start:start + size] for start in range(0, len(pairs) - size + 1, size)]
    generator = torch.Generator().manual_seed(seed)
    was_training = loss.training
    loss.eval()
    try:
        checks = [_one_batch(loss, batch, generator) for batch in batches]
    finally:
        loss.train(was_training)
    real, shuffled, grads = (list(column) for column in zip(*checks, strict=True))
    gaps = [after - before for before, after in zip(real, shuffled, strict=True)]
    low, high = mean_interval(gaps, seed=seed)
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    return {"loss_real": mean(real), "loss_shuffled": mean(shuffled), "loss_gap_shuffled": mean(gaps),
            "loss_gap_low": low, "loss_gap_high": high, "grad_norm_pooled": mean(grads), "batches": len(batches)}


def check_objectives(model, pairs: list[dict], training: dict) -> pd.DataFrame:
    """``conditioning_check`` of each objective of ``objectives(training)`` on the first held-out pairs, before training.

    Each objective is built afresh on ``model`` (its weights are not changed) from the run's seed.
    """
    rows = {}
    for conditioning in objectives(training):
        torch.manual_seed(training["seed"])  # a new cross-attention or projection starts from the same draw
        loss = make_tsdae_loss(model, training, conditioning)
        rows[OBJECTIVE_NAMES[conditioning]] = conditioning_check(loss, pairs[:CHECK_PAIRS * CHECK_BATCHES],
                                                                 seed=training["seed"])
    return conditioning_table(rows)


def conditioning_table(checks: dict[str, dict]) -> pd.DataFrame:
    """``conditioning_check`` results by objective name, one row each (the batch count a whole number)."""
    return pd.DataFrame(checks).T.rename_axis("objective").astype({"batches": int})


def check_trained(loss: nn.Module, pairs: list[dict], training: dict) -> dict[str, dict]:
    """``conditioning_check`` of a trained objective (``TrainingResult.loss``), keyed by its name."""
    name = OBJECTIVE_NAMES[training.get("conditioning", "none")]
    return {name: conditioning_check(loss, pairs[:CHECK_PAIRS * CHECK_BATCHES], seed=training["seed"])}

