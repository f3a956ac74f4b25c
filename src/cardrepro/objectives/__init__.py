"""The objectives a run can train, one module each: how its loss is built and what a run of it measures
beyond the held-out scores (``before_training``, ``after_training``).

A run's train stage depends on its own objective's module and no other (dvc.yaml), so a change to the
TSDAE loss re-trains the TSDAE runs only. The module is looked up by the loss's name, never imported by
name elsewhere in the training code, which keeps that dependency list exact (tests/test_pipeline.py).
"""

from __future__ import annotations

import importlib
from types import ModuleType

MODULES = {  # training.loss -> the module under cardrepro.objectives that builds and checks it
    "CosineSimilarityLoss": "contrastive",
    "MultipleNegativesRankingLoss": "contrastive",
    "DenoisingAutoEncoderLoss": "tsdae",
}


def objective(loss: str) -> ModuleType:
    """The objective module of ``training.loss``."""
    if loss not in MODULES:
        raise ValueError(f"training.loss: unsupported loss {loss!r}; fix: use one of {', '.join(MODULES)}")
    return importlib.import_module(f"{__name__}.{MODULES[loss]}")


def make_loss(model, training: dict, processes: int = 1):
    """The card's loss, named in params (``training.loss``), with the card's loss parameters."""
    return objective(training["loss"]).make_loss(model, training, processes)
