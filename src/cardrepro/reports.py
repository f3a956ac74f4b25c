"""What a run leaves for DVC, written atomically at the end: ``metrics.json``, the few numbers
``dvc metrics show`` prints (verdict, headline base / tuned / card, loss at the card's window),
``details.json`` with everything else (provenance, every metric and interval, per-seed runs), and
plot data."""

from __future__ import annotations

import json
import math
from math import ceil
from pathlib import Path

import pandas as pd

from cardrepro.findings import ceiling
from cardrepro.outputs import DETAILS_FILE, METRICS_FILE, PLOTS_DIR
from cardrepro.paths import atomic_write
from cardrepro.verdict import margins, recorded, verdict



def _clean(value):
    """JSON has no NaN: missing figures become null."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _write_json(path: Path, record: dict) -> Path:
    with atomic_write(path) as handle:
        handle.write(json.dumps(_clean(record), indent=2, sort_keys=False) + "\n")
    return path


def write_metrics(report_dir: str | Path, details: dict) -> tuple[Path, Path]:
    """``details.json`` (the whole record) and ``metrics.json`` (its headline, with the verdict)."""
    report_dir = Path(report_dir)
    return (_write_json(report_dir / METRICS_FILE, headline_metrics(details)),
            _write_json(report_dir / DETAILS_FILE, details))


def headline_metrics(details: dict) -> dict:
    """What a DVC user compares across runs and experiments: the verdict, the headline metric of the
    base model, the tuned model (with its 95% interval over the held-out items, that of the gain, and, for a
    recipe run at several training seeds, the interval over seeds and items the verdict uses) and the card, the
    loss over the card's last logging window the run reached, what was substituted, and where it trained."""
    name = details["headline"]
    interval = details.get("intervals", {}).get(name, {})
    seeded = details.get("repeats") or {}
    judged = recorded(details)
    reached = [(step, pair) for step, pair in details["loss_at_card_steps"].items() if pair["run"] is not None]
    step, pair = reached[-1] if reached else (None, {"run": None, "card": None})
    shown = lambda value: None if value is None else round(value, 4)  # noqa: E731 - as every table shows them
    low_high = lambda key: {f"{key}_{side}": shown(bound)  # noqa: E731
                            for side, bound in zip(("low", "high"), interval.get(key) or (None, None), strict=True)}
    return {
        "verdict": judged.status,
        "headline": name,
        "base": shown(details["base"].get(name)),
        "tuned": shown(details["tuned"].get(name)),
        **low_high("tuned"),
        **low_high("gain"),
        "training_seeds": len(seeded.get("seeds", [])) or 1,
        **{f"tuned_over_seeds_{side}": shown(bound) for side, bound in
           zip(("low", "high"), seeded["intervals"][name] if seeded else (None, None), strict=True)},
        "card": shown(details["card"].get(name)),
        "loss_card_step": None if step is None else int(step),
        "loss_run": shown(pair["run"]),
        "loss_card": shown(pair["card"]),
        "stand_in_model": details["substituted"]["stand_in_model"],
        "generated_data": details["substituted"]["generated_data"],
        "steps": details["training"]["steps"],
        "seconds": details["training"]["seconds"],
        "processes": details["training"]["processes"],
        "device": details["training"]["device"],
        "per_device_batch": details["training"]["per_device_batch"],
    }


def write_plot_data(report_dir: str | Path, name: str, frame: pd.DataFrame) -> Path:
    """One CSV per curve under ``<report_dir>/plots/`` (DVC plots read x/y columns from it)."""
    path = Path(report_dir) / PLOTS_DIR / f"{name}.csv"
    with atomic_write(path) as handle:
        handle.write(frame.to_csv(index=False, float_format="%.6g"))
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


def run_metrics(params, measured: dict, intervals: pd.DataFrame, extra: dict | None = None) -> dict:
    """The run's whole record (``details.json``): the params it trained with (after the smoke, real and seed
    overlays), what was substituted, base vs tuned vs card with bootstrap intervals
    (``uncertainty.bootstrap_intervals``) and, where the recipe was repeated at other seeds, over seeds and items
    (``cardrepro.repeats``), loss and evaluations at the card's logged steps, the software the train stage ran
    on, ``extra`` sections (a TSDAE run's checks) and the verdict, computed here once."""
    from cardrepro.repeats import eval_at_card_steps, load_repeats, repeats_record
    from cardrepro.data_check import token_check
    from cardrepro.uncertainty import intervals_metrics
    from cardrepro.variants import load_variants, variant_of, variants_record

    counts = {"train_pairs": measured["counts"]["train_pairs"], **measured["heldout"]}
    if "heldout" in params.data:
        counts["heldout"] = params.data["heldout"]
    resampled = counts.get("eval_queries", counts.get("eval_pairs"))  # one per-query (or per-pair) row each
    card, result, repeats = params.card, measured["training"], load_repeats(params)
    details = {
        "run": params.run,
        "params": measured["params"],
        "substituted": {
            "stand_in_model": measured["model"]["is_stand_in"],
            "generated_data": params.data["source"] == "generated",
        },
        "model": measured["model"],
        "data": {"source": params.data["source"], **counts},
        "headline": params.evaluation["metric"],
        "base": measured["base_scores"],
        "tuned": measured["tuned_scores"],
        "card": card.get("final_metrics") or {},
        "card_recipe": {"train_pairs": card["train_pairs"], "steps": card_steps(card)},
        "intervals": intervals_metrics(intervals, resampled),
        "repeats": repeats_record(params.training["seed"], measured, repeats, list(measured["tuned_scores"])),
        "data_check": token_check(card, measured["token_lengths"], measured["model"]["is_stand_in"]),
        "variant": variant_of(params),
        "variants": variants_record(measured, load_variants(params), params.evaluation["metric"], intervals, repeats),
        "eval_at_card_steps": eval_at_card_steps(measured, repeats, card.get("logged_eval") or {},
                                                 params.evaluation["metric"]),
        "loss_at_card_steps": measured["card_windows"],
        "training": {
            "seed": params.training["seed"],
            "steps": result["steps"],
            "card_steps": card_steps(card),
            "seconds": round(result["seconds"], 1),
            "steps_per_second": round(result["steps"] / result["seconds"], 3),
            "optim": params.training["optim"],
            "group_by_length": bool(params.training.get("group_by_length", False)),
            "sentence_0_padding": result["padding"],
            "precision": result["precision"],
            "peak_memory_mib": result["peak_memory_mib"],
            "processes": result["processes"],
            "device": result["device"],
            "per_device_batch": result["per_device_batch"],
        },
        "environment": measured["environment"],
        **(extra or {}),
    }
    per_query = measured["base_per_query"]  # a retrieval run's: one row per query, a column per metric
    at_maximum = ((int((per_query[details["headline"]] >= 1.0).sum()), len(per_query))
                  if details["headline"] in per_query else None)
    details["ceiling"] = ceiling(details["base"].get(details["headline"]),
                                 details["intervals"].get(details["headline"], {}).get("tuned"), margins()["ceiling"],
                                 at_maximum, margins()["ceiling_items"])
    details["verdict"] = verdict(details).as_record()  # once: every table and sentence reads it from here
    return details


def write_run_report(written, params, history: pd.DataFrame, details: dict) -> str:
    """Plot data, ``metrics.json`` and ``details.json`` into the run's report folder; says where."""
    write_training_plots(written.report_dir, history, params.card, metric=details["headline"])
    write_metrics(written.report_dir, details)
    return f"metrics and plot data: {written.published(params, 'report_dir')}"


def card_steps(card: dict) -> int:
    """How many optimizer steps the card's run took."""
    hyper = card["hyperparameters"]
    return ceil(card["train_pairs"] / hyper["batch_size"]) * int(hyper["epochs"])
