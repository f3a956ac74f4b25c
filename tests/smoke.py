"""Smoke parameters: the card's params file shrunk to a few pairs and steps."""

from __future__ import annotations

import copy

import yaml

from tests.conftest import REPO


def smoke_params(run: str, **outputs: str) -> dict:
    """params/<run>.yaml with tiny data and training; outputs overridden by keyword."""
    params = copy.deepcopy(yaml.safe_load((REPO / "params" / f"{run}.yaml").read_text()))
    params["data"].update(train_rows=24, eval_rows=8)
    params["training"].update(batch_size=8, max_steps=-1, logging_steps=2, eval_steps=3)
    if run == "tsdae_qwen":  # the random-weight Qwen2 built here: seconds, where the default stand-in takes minutes
        params["model"]["stand_in"] = "cardrepro/tiny-qwen2"
        params["training"]["freeze_embeddings"] = False
    params["outputs"].update(outputs)
    return params
