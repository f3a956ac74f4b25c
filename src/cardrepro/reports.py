"""What a run leaves for DVC: a metrics JSON and plot data, written atomically at the end."""

from __future__ import annotations

import json
import math
from math import ceil
import os
from pathlib import Path

import pandas as pd

from cardrepro.paths import scratch_file

METRICS_FILE = "metrics.json"
SMOKE_FRACTION = 0.1  # a run under a tenth of the card's steps says nothing about the card
PLOTS_DIR = "plots"


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = scratch_file(path, ".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _clean(value):
    """JSON has no NaN: missing figures become null."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_metrics(report_dir: str | Path, metrics: dict) -> Path:
    path = Path(report_dir) / METRICS_FILE
    _atomic_write(path, json.dumps(_clean(metrics), indent=2, sort_keys=False) + "\n")
    return path


def write_plot_data(report_dir: str | Path, name: str, frame: pd.DataFrame) -> Path:
    """One CSV per curve under ``<report_dir>/plots/`` (DVC plots read x/y columns from it)."""
    path = Path(report_dir) / PLOTS_DIR / f"{name}.csv"
    _atomic_write(path, frame.to_csv(index=False, float_format="%.6g"))
    return path


def card_points(logged: dict, column: str) -> pd.DataFrame:
    """A card's logged figures ({step: value}) as a two-column frame."""
    return pd.DataFrame({"step": [int(s) for s in logged], column: [float(v) for v in logged.values()]})


def plot_column(metric: str) -> str:
    """A metric name as a CSV column that vega (behind `dvc plots`) reads as a plain field."""
    return metric.replace("@", "_at_")


def write_training_plots(report_dir: str | Path, history: pd.DataFrame, card: dict, metric: str) -> None:
    """loss.csv and eval.csv of this run, card_loss.csv (and card_eval.csv if logged) of the seed card."""
    column = f"eval_{metric}"
    write_plot_data(report_dir, "loss", history.dropna(subset=["loss"])[["step", "loss"]])
    if card["logged_loss"]:
        write_plot_data(report_dir, "card_loss", card_points(card["logged_loss"], "loss"))
    if column in history:
        evaluated = history.dropna(subset=[column])[["step", column]].rename(columns={column: plot_column(metric)})
        write_plot_data(report_dir, "eval", evaluated)
    if card.get("logged_eval"):
        write_plot_data(report_dir, "card_eval", card_points(card["logged_eval"], plot_column(metric)))


def run_metrics(params, resolved, base: dict, tuned: dict, result, loss_at_steps: dict, counts: dict,
                intervals: dict) -> dict:
    """The run's metrics JSON: what was substituted, base vs tuned vs card with bootstrap intervals
    (``uncertainty.intervals_metrics``), loss at card steps."""
    card = params.card
    return {
        "run": params.run,
        "substituted": {
            "stand_in_model": resolved.is_stand_in,
            "generated_data": params.data["source"] == "generated",
        },
        "model": resolved.as_metrics(),
        "data": {"source": params.data["source"], **counts},
        "headline": params.evaluation["metric"],
        "base": base,
        "tuned": tuned,
        "card": card.get("final_metrics") or {},
        "intervals": intervals,
        "loss_at_card_steps": {
            str(step): {"run": loss_at_steps.get(int(step)), "card": value} for step, value in card["logged_loss"].items()
        },
        "training": {
            "seed": params.training["seed"],
            "steps": result.steps,
            "seconds": round(result.seconds, 1),
            "steps_per_second": round(result.steps / result.seconds, 3),
            "optim": params.training["optim"],
            "group_by_length": bool(params.training.get("group_by_length", False)),
            "sentence_0_padding": result.padding,
            "precision": result.precision,
            "peak_memory_mib": result.peak_memory_mib,
        },
    }


def card_steps(card: dict) -> int:
    """How many optimizer steps the card's run took."""
    hyper = card["hyperparameters"]
    return ceil(card["train_pairs"] / hyper["batch_size"]) * int(hyper["epochs"])


def summary_markdown(metrics: dict, card: dict, metric: str, label: str) -> str:
    """A closing paragraph whose every number comes from the metrics JSON."""
    base, tuned, theirs = metrics["base"].get(metric), metrics["tuned"].get(metric), metrics["card"].get(metric)
    steps = metrics["training"]["steps"]
    data = metrics["data"]
    heldout = (f"{data['eval_queries']} held-out queries ranked against {data['corpus']} candidates"
               if "eval_queries" in data else f"{data['eval_pairs']} held-out pairs")
    headline = (f"**Result.** On {heldout} ({data['source']} data), "
                f"{label} went from **{base:.4f}** (base model) to **{tuned:.4f}** after {steps} training steps")
    text = [headline + (f"; the card reports {theirs:.4f}." if theirs is not None else ".")]
    spread = metrics.get("intervals", {}).get(metric)
    if spread:
        gain = spread["gain"]
        verdict = ("excludes zero" if gain[0] > 0 or gain[1] < 0 else "includes zero: this held-out set cannot tell")
        text.append(f"Resampling the held-out {metrics['intervals']['resampled_items']} "
                    f"{'queries' if 'eval_queries' in data else 'pairs'}, the 95% interval of the tuned score is "
                    f"{spread['tuned'][0]:.4f} to {spread['tuned'][1]:.4f}, and that of the gain, "
                    f"{gain[0]:+.4f} to {gain[1]:+.4f}, {verdict}.")
    for step, pair in metrics["loss_at_card_steps"].items():
        if pair["run"] is not None:
            text.append(f"Mean training loss over the card's window ending at step {step}: "
                        f"{pair['run']:.4f} here vs {pair['card']:.4f} in the card.")
    theirs_steps = card_steps(card)
    if steps < theirs_steps:
        text.append(f"**Shorter than the card:** {steps} steps on {data['train_pairs']} pairs, where the "
                    f"card ran {theirs_steps} on {card['train_pairs']}.")
    if steps < SMOKE_FRACTION * theirs_steps:
        text.append("That makes this a smoke run: its numbers only show that the code path works; "
                    "`dvc repro` runs the card's recipe.")
    if metrics["substituted"]["generated_data"]:
        text.append("**Generated data:** the card trained and evaluated on the real public data; this run used the "
                    "project's generated stand-in, so compare the gain over the base model, not absolute values.")
    if metrics["substituted"]["stand_in_model"]:
        text.append(f"**Stand-in model:** `{metrics['model']['stand_in']}` replaced `{metrics['model']['requested']}`.")
    return " ".join(text)
