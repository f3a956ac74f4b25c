"""A new run's params/<run>.yaml, written from its card: the recipe derived from the ``card:`` section, each
value commented with where in the card it came from, and what the card does not say named as a gap."""

from __future__ import annotations

from typing import Any

import yaml

GAP = "GAP:"  # marks a value the card does not give; `cardrepro check` names what to fill in
HELDOUT_SHARE, HELDOUT_MAX = 10, 200  # a tenth of the card's pairs, at most 200, when the card names no held-out set
DEFAULT_METRIC = "cosine_mrr@10"  # the headline of a card that evaluated nothing: each query's own pair, ranked


class CardDumper(yaml.SafeDumper):
    """Writes multi-line text as a ``|`` block, as the params files keep the architecture."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


CardDumper.add_representer(str, _text)


def card_yaml(found: dict[str, Any]) -> str:
    """The ``card:`` section as YAML."""
    return yaml.dump({"card": found}, Dumper=CardDumper, sort_keys=False, allow_unicode=True, width=10_000)


def _section(name: str, values: list[tuple[str, Any, str]]) -> str:
    """One params section, a comment after each value that says where it came from."""
    lines = [f"{name}:"]
    for key, value, why in values:
        shown = yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix("\n...").strip()
        line = f"  {key}: {shown}"
        lines.append(f"{line:<32} # {why}" if why else line)
    return "\n".join(lines) + "\n"


def _logging_steps(card_steps: int) -> int:
    """Log every 50 steps where that divides the card's interval, so that the card's window can be rebuilt."""
    return 50 if card_steps % 50 == 0 else card_steps


def params_yaml(run: str, card_file: str, card: dict[str, Any], raw: str | None) -> str:
    """The whole params file for ``run``."""
    hyper, evaluator = card["hyperparameters"], card.get("evaluator")
    heldout = max(1, min(HELDOUT_MAX, card["train_pairs"] // HELDOUT_SHARE))
    labelled = len(card["dataset"]["columns"]) == 3
    kind = evaluator["kind"] if evaluator else "binary" if labelled else "retrieval"
    eval_steps = min(card["logged_eval"]) if card.get("logged_eval") else 100
    warmup = hyper["warmup_ratio"]
    parts = [
        f"# {run}: {card['base_model'].split('/')[-1]} trained with {hyper['loss']}, imported from the model card "
        f"{card_file}\n# by `cardrepro card import`. Each value says where it came from; {GAP} marks what the card "
        "does not say.\n",
        f"run: {run}\n",
        _section("data", [
            ("source", "real", "an imported card is run on its own data only"),
            ("raw", raw or f"data/raw/{run}", "the file of the card's training pairs" if raw else
             f"{GAP} the card does not say where its data is: put one CSV, JSON Lines or Parquet file with the "
             f"columns {', '.join(card['dataset']['columns'])} in this folder, or name the file (or hf://<dataset>)"),
            ("columns", card["dataset"]["columns"], "card: Training Dataset (two texts, then a label if any)"),
            ("seed", 42, "unused: real pairs are split by position"),
            ("train_rows", card["train_pairs"], "card: dataset_size tag (training samples)"),
            ("eval_rows", heldout, f"{GAP} the card publishes no held-out pairs: the {heldout} pairs after the "
                                   "training rows are held out"),
            ("train_file", f"data/processed/{run}/train.jsonl", ""),
            ("eval_file", f"data/processed/{run}/eval.jsonl", ""),
        ]),
        _section("model", [
            ("base", card["base_model"], "card: base_model"),
            ("local_path", None, "a folder with the model, to skip the cache/hub lookup"),
            ("stand_in", None, "none: name one if the base model cannot be had here (the report will say so)"),
            ("max_seq_length", hyper["max_seq_length"], "card: Maximum Sequence Length"),
        ]),
        _section("training", [
            ("loss", hyper["loss"], "card: loss tag"),
            *[(key, hyper[key], "card: Training Hyperparameters")
              for key in ("epochs", "batch_size", "learning_rate", "weight_decay")],
            ("warmup_ratio", warmup or 0.0, "card: Training Hyperparameters"
             + ("" if warmup is not None else " (None: no warm-up)")),
            *[(key, hyper[key], "card: Training Hyperparameters") for key in ("scheduler", "optim", "seed")],
            ("max_steps", -1, "-1: whole epochs, as the card"),
            ("logging_steps", _logging_steps(card["logging_steps"]),
             f"divides the card's {card['logging_steps']}, so its loss window can be rebuilt"),
            ("eval_steps", eval_steps, "card: Training Logs" if card.get("logged_eval") else "the card logs no evaluation"),
            ("processes", 1, "training processes: docs/scale-out.md"),
        ]),
        _section("evaluation", [
            ("name", evaluator["name"] if evaluator else "heldout", "card: Metrics" if evaluator else ""),
            ("batch_size", hyper["batch_size"], ""),
            ("kind", kind, "card: Metrics" if evaluator else "the card evaluated nothing: "
             + ("labelled pairs are classified" if labelled else "each held-out pair's answer is retrieved")),
            ("metric", evaluator["metric"] if evaluator else "cosine_ap" if labelled else DEFAULT_METRIC,
             "card: the Metrics table's bold primary metric" if evaluator else "the headline this project chose"),
        ]),
        _section("outputs", [
            ("model_dir", f"models/{run}", ""),
            ("report_dir", f"reports/{run}", ""),
        ]),
        card_yaml(card),
    ]
    return "\n".join(parts)
