"""Put the seed card and this run side by side: recipe, architecture and generated model card.

Card facts live in ``params/<run>.yaml`` (section ``card``); nothing here is hard-coded per run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from cardrepro.display import readable

TRAINING_KEYS = ("loss", "epochs", "max_steps", "batch_size", "learning_rate", "weight_decay", "warmup_ratio", "scheduler",
                 "optim", "seed", "freeze_embeddings")
# What every card did where it names no value: whole epochs (max_steps -1, as in params), every weight trained.
CARD_DEFAULTS = {"max_steps": -1, "freeze_embeddings": False}


def recipe_table(card: dict, training: dict, max_seq_length: int, train_pairs: int) -> pd.DataFrame:
    """The card's recipe against this run's, with a flag where they differ."""
    card_values = CARD_DEFAULTS | card["hyperparameters"]
    ours = {k: training.get(k, CARD_DEFAULTS.get(k)) for k in TRAINING_KEYS} | {
        "max_seq_length": max_seq_length, "train_pairs": train_pairs}
    theirs = {k: card_values.get(k) for k in TRAINING_KEYS} | {
        "max_seq_length": card_values.get("max_seq_length"), "train_pairs": card["train_pairs"]}
    frame = pd.DataFrame({"card": pd.Series(theirs, dtype=object), "this run": pd.Series(ours, dtype=object)})
    frame["differs"] = [("yes" if str(a) != str(b) else "") for a, b in zip(frame["card"], frame["this run"])]
    return frame.rename_axis("setting")


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


def card_comparison(found: dict, card: dict, label: str) -> pd.DataFrame:
    """Facts ``found`` here (``label``: the base model as loaded, or the generated model card) against the
    seed card's; ``same`` is yes or no."""
    seed = {
        **architecture_summary(card["architecture"]),
        "max_seq_length": card["hyperparameters"].get("max_seq_length"),
        "loss": card["hyperparameters"].get("loss"),
        "train_pairs": card["train_pairs"],
    }
    seed = {key: seed[key] for key in found}
    frame = pd.DataFrame({"seed card": pd.Series(seed, dtype=object), label: pd.Series(found, dtype=object)})
    frame["same"] = ["yes" if str(a) == str(b) else "no" for a, b in zip(frame["seed card"], frame[label])]
    return frame.rename_axis("fact")


def card_claims(card: dict) -> pd.DataFrame:
    """What the card says it trained: base model, architecture, loss, data size and recipe."""
    claims = {"base model": card["base_model"], **architecture_summary(card["architecture"]),
              "training pairs": card["train_pairs"], **card["hyperparameters"]}
    return pd.DataFrame({"card": pd.Series(claims, dtype=object)}).rename_axis("claim")


def card_figures(card: dict):
    """The figures the card logged: training loss and evaluation by step, then final metrics; a
    sentence when it logged none."""
    rows = [{"figure": f"training loss (mean of {card['logging_steps']} steps)", "step": int(s), "value": v}
            for s, v in card["logged_loss"].items()]
    rows += [{"figure": "evaluation", "step": int(s), "value": v} for s, v in (card.get("logged_eval") or {}).items()]
    rows += [{"figure": name, "step": None, "value": v} for name, v in (card.get("final_metrics") or {}).items()]
    if not rows:
        from IPython.display import Markdown

        return Markdown("The card logs no training loss, no evaluation and no final metric: it gives a recipe, "
                        "and no figure to reproduce.")
    return readable(pd.DataFrame(rows, columns=["figure", "step", "value"]).astype({"step": "Int64"}))


def describe_model_card(model, resolved, run: str, data_source: str) -> None:
    """Fill the model card sentence-transformers writes on save, without asking the hub."""
    card_data = model.model_card_data
    card_data.local_files_only = True
    card_data.model_name = f"{run} reproduction ({data_source} data)"
    card_data.base_model = resolved.stand_in or resolved.requested
