"""The model card sentence-transformers writes when it saves a model: filled in before training
(``describe_model_card``), read back after saving (``generated_card_facts``), so the report can set it
beside the seed card."""

from __future__ import annotations

import re
from pathlib import Path


def describe_model_card(model, resolved, run: str, data_source: str) -> None:
    """Fill the model card sentence-transformers writes on save, without asking the hub."""
    card_data = model.model_card_data
    card_data.local_files_only = True
    card_data.model_name = f"{run} reproduction ({data_source} data)"
    card_data.base_model = resolved.stand_in or resolved.requested


def architecture_summary(text: str) -> dict:
    """Backbone, modules, dimension and pooling from an architecture print-out.

    Understands both the cards' sentence-transformers 3 format and the one printed here (6.x).
    """
    modules = re.findall(r"\(\d+\): (\w+)\(", text)
    backbone = re.search(r"Transformer model: (\w+)|'architecture': '(\w+)'", text)
    dimension = re.search(r"'(?:word_)?embedding_dimension': (\d+)", text)
    if "'pooling_mode_mean_tokens': True" in text or "'pooling_mode': 'mean'" in text:
        pooling = "mean"
    else:
        found = re.search(r"'pooling_mode': '(\w+)'|'pooling_mode_(\w+?)(?:_token|_tokens)?': True", text)
        pooling = next((g for g in found.groups() if g), None) if found else None
    return {
        "modules": " -> ".join(modules),
        "backbone": next((g for g in backbone.groups() if g), None) if backbone else None,
        "dimension": int(dimension.group(1)) if dimension else None,
        "pooling": pooling,
    }


def generated_card_facts(model_dir: str | Path) -> dict:
    """Facts read back from the README.md that sentence-transformers wrote when saving the model."""
    text = (Path(model_dir) / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Full Model Architecture\s*```\s*(.*?)```", text, re.S)
    max_seq = re.search(r"\*\*Maximum Sequence Length:\*\* (\d+)", text)
    loss = re.search(r"\* Loss: \[<code>(\w+)</code>\]", text)
    size = re.search(r"\* Size: ([\d,]+) training samples", text)
    return {
        **architecture_summary(block.group(1) if block else ""),
        "max_seq_length": int(max_seq.group(1)) if max_seq else None,
        "loss": loss.group(1) if loss else None,
        "train_pairs": int(size.group(1).replace(",", "")) if size else None,
    }
