"""Tables and figures over every run's record (details.json): the verdict on each card, on the real data
beside the generated data, base vs tuned vs card with 95% intervals, loss at the card's steps,
substitutions, loss curves, and the spread over seeds."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from cardrepro.display import figures_frame, markdown_table, readable  # noqa: F401 (readable: for the notebook)
from cardrepro.formatting import with_interval
from cardrepro.findings import ABOVE, ACROSS, BELOW, side_of_zero
from cardrepro.sentences.run import HELDOUT_KINDS
from cardrepro.params import REAL_OVERLAY, REAL_RUNS_DIR, real_runs
from cardrepro.paths import atomic_write, resolve  # relative paths are from the repository root, as in params
from cardrepro.reports import DETAILS_FILE
from cardrepro.sentences.verdict import why
from cardrepro.verdict import (CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED, UNINFORMATIVE, facts_for,
                               margins, recorded)

MAIN_SEED_NOTE = "main run"
SEED_COLUMNS = ["run", "seed", "origin", "headline", "training seconds"]


def load_runs(report_root: str | Path, runs: list[str]) -> dict[str, dict | None]:
    """Each run's record (details.json) under ``report_root/<run>/``, or None when that run has not been run."""
    found = {}
    for run in runs:
        path = resolve(report_root) / run / DETAILS_FILE
        found[run] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    return found


def load_real_runs(report_root: str | Path, overlay: str | Path = REAL_OVERLAY) -> dict[str, dict | None]:
    """Each real-data run's record, keyed ``real/<name>`` (its folder under ``report_root``), or None
    when it has not been run (a fresh machine has no real data)."""
    return load_runs(report_root, [f"{REAL_RUNS_DIR}/{name}" for name in real_runs(overlay)])


def missing_runs(metrics: dict[str, dict | None]) -> list[str]:
    return [run for run, found in metrics.items() if found is None]


def _model(metrics: dict) -> str:
    model = metrics["model"]
    name = model["requested"].split("/")[-1]
    return f"{name} (stand-in: {model['stand_in'].split('/')[-1]})" if model["is_stand_in"] else name


def _held_out(data: dict) -> str:
    if "eval_queries" in data:
        unseen = f" ({HELDOUT_KINDS['questions']})" if data.get("heldout") == "questions" else ""
        return f"{data['eval_queries']} queries{unseen} x {data['corpus']} candidates"
    return f"{data['eval_pairs']} pairs"


def results_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """One row per run: its headline metric for base, tuned (with 95% bootstrap intervals), gain and card."""
    rows = {}
    for run, found in metrics.items():
        if found is None:
            continue
        name = found["headline"]
        interval = found.get("intervals", {}).get(name, {})
        base, tuned = found["base"].get(name), found["tuned"].get(name)
        rows[run] = {
            "model": _model(found),
            "data": found["data"]["source"],
            "held out": _held_out(found["data"]),
            "metric": name,
            "base [95% CI]": with_interval(base, interval.get("base")),
            "tuned [95% CI]": with_interval(tuned, interval.get("tuned")),
            "gain [95% CI]": with_interval(None if base is None or tuned is None else tuned - base,
                                            interval.get("gain"), signed=True),
            "card": with_interval(found["card"].get(name), None),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("run")


def side_by_side(generated: dict[str, dict | None], real: dict[str, dict | None],
                 overlay: str | Path = REAL_OVERLAY) -> pd.DataFrame:
    """One row per card run and real-data variant: the verdict and headline on the real data (the rows
    that can reproduce a card) beside those on the generated data (which, by construction, cannot)."""
    from cardrepro.repeats import repeated_runs

    repeats = repeated_runs(overlay)  # a run at another seed shares the verdict of the run it repeats: one row
    variants = {name: entry for name, entry in real_runs(overlay).items() if name not in repeats}
    rows = {}
    for run, found in generated.items():
        names = [name for name, entry in variants.items() if entry["run"] == run] or [None]
        for name in names:
            mine = real.get(f"{REAL_RUNS_DIR}/{name}") if name else None
            label = run if name in (run, None) else f"{run}, {name.removeprefix(run + '_').replace('_', ' ')}"
            rows[label] = {**_verdict_cells("real data", mine, run, name),
                           **_verdict_cells("generated data", found if name in (run, None) else None, run, name),
                           "card": _card_headline(found or mine)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("run")


def _verdict_cells(side: str, found: dict | None, run: str, name: str | None) -> dict:
    if found is None:
        missing = ("no public data" if side == "real data" and facts_for(run).get("public_data") is None else
                   "not run" if side == "real data" or name in (run, None) else "—")
        return {f"{side}: verdict": missing, f"{side}: headline [95% CI]": "—"}
    name_ = found["headline"]
    interval = found.get("intervals", {}).get(name_, {}).get("tuned")
    seeded = found.get("repeats")
    if seeded:  # the interval the verdict used: over the seeds and the held-out items together
        interval = seeded["intervals"][name_]
    judged = recorded(found)
    headline = f"{name_} {with_interval(found['tuned'].get(name_), interval)}" + (
        f" (seed {found['training']['seed']}; interval over seeds {', '.join(map(str, seeded['seeds']))})" if seeded else "")
    return {f"{side}: verdict": f"{judged.status} ({why(judged)}; {'; '.join(judged.caveats)})",
            f"{side}: headline [95% CI]": headline}


def _card_headline(found: dict | None) -> str:
    if found is None:
        return "—"
    return _card_figures(recorded(found).figures, found["headline"])


def recipe_comparison(real: dict[str, dict | None], run: str, step: str, overlay: str | Path = REAL_OVERLAY) -> pd.DataFrame:
    """The real-data variants of ``run`` that reached the card's logged ``step``: their recipe (the training
    values their record says they changed from the card's recipe run), their mean loss over the card's window, how
    far it is from the card's, and the noise of that mean from the run's own logging windows inside it
    (``loss_windows.window_noise``)."""
    rows = {}
    for name in real_runs(overlay):
        found = real.get(f"{REAL_RUNS_DIR}/{name}")
        if found is None or found["run"] != run or found["loss_at_card_steps"].get(step, {}).get("run") is None:
            continue
        pair = found["loss_at_card_steps"][step]
        change = (pair["run"] - pair["card"]) / pair["card"]
        noise = pair.get("noise")
        training = {key.removeprefix("training."): value for key, value in ((found.get("variant") or {}).get("changes")
                                                                             or {}).items() if key.startswith("training.")}
        rows[name] = {"recipe": ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in training.items())
                                or "the card's printed recipe",
                      "held out": _held_out(found["data"]), f"loss, steps 1-{step}": round(pair["run"], 4),
                      "card": pair["card"], "difference": f"{change:+.1%}",
                      "window-to-window spread": "—" if noise is None else f"±{noise['spread']:.1%} ({noise['windows']} windows)",
                      "noise of the mean (2 SE)": "—" if noise is None else f"±{2 * noise['standard_error']:.1%}",
                      "beyond the noise": "—" if noise is None else "yes" if abs(change) > 2 * noise["standard_error"] else "no",
                      f"within ±{margins()['logged_loss']:.0%}": "yes" if abs(change) <= margins()["logged_loss"] else "no",
                      "training seeds": len((found.get("repeats") or {}).get("seeds", [])) or 1,
                      "model": _model(found)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("real run")


def _card_figures(figures: list, headline: str) -> str:
    """The card's headline figure (or its first), and how many more it reports."""
    if not figures:
        return "none"
    first = next((f for f in figures if f.name == headline), figures[0])
    more = len(figures) - 1
    return f"{first.name} {first.card:.4f}" + (f" (+{more} more)" if more else "")


def figures_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """Every figure every card reports, against the run's value, with its status and why."""
    frames = [figures_frame(recorded(found).figures).assign(run=run) for run, found in metrics.items() if found is not None]
    columns = ["run", *figures_frame([]).columns]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


STATUS_COLOURS = {REPRODUCED: "tab:green", CONSISTENT: "tab:olive", NOT_REPRODUCED: "tab:red", UNINFORMATIVE: "0.55"}


def plot_card_vs_run(real: dict[str, dict | None]):
    """Each card figure a real-data run could check, one panel per metric on its own linear scale: the card's
    figure with its margin as a band, the run's 95% interval and value, and the untrained base model's interval
    (the negative control) below it, coloured by the figure's status. A run repeated at other seeds is one row."""
    from cardrepro.repeats import repeated_runs

    repeats = {f"{REAL_RUNS_DIR}/{name}" for name in repeated_runs()}  # their verdict is the run's they repeat
    checked = [(name.removeprefix(f"{REAL_RUNS_DIR}/"), f) for name, found in real.items()
               if found is not None and name not in repeats
               for f in recorded(found).figures if f.status != NOT_CHECKABLE and f.interval is not None]
    metrics = list(dict.fromkeys(f.name for _, f in checked))
    if not metrics:
        from cardrepro.sentences.summary import NOTHING_CHECKED

        return NOTHING_CHECKED
    margin = margins()["evaluation"]
    fig, axes = plt.subplots(len(metrics), 1, figsize=(9, 1.3 + 1.1 * len(checked) / max(len(metrics), 1) * len(metrics)),
                             squeeze=False)
    plt.close(fig)
    for ax, metric in zip(axes[:, 0], metrics, strict=True):
        rows = [(run, f) for run, f in checked if f.name == metric]
        card = rows[0][1].card
        ax.axvspan(card - margin, card + margin, color="tab:blue", alpha=0.12, label=f"card ± margin ({margin:g})")
        ax.axvline(card, color="tab:blue", linewidth=1)
        for row, (run, figure) in enumerate(rows):
            colour = STATUS_COLOURS.get(figure.status, "0.55")
            ax.plot(figure.interval, [row, row], color=colour, linewidth=4, alpha=0.7)
            ax.plot([figure.run], [row], "o", color=colour, label=figure.status if row == 0 else None)
            if figure.control is not None:
                ax.plot(figure.control, [row + 0.3, row + 0.3], color="0.4", linewidth=2, linestyle=":",
                        label="untrained model's interval" if row == 0 else None)
        ax.set_yticks(range(len(rows)), [run for run, _ in rows], fontsize=8)
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_title(metric, fontsize=10, loc="left")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
        ax.grid(axis="x", alpha=0.3)
    axes[-1, 0].set_xlabel("value (bars: 95% intervals; solid: the tuned run, dotted: the untrained base model)")
    fig.suptitle("Card figures against the real-data runs", fontsize=11)
    fig.tight_layout()
    return fig


def all_metrics_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """Every metric that has an interval, every run: base, tuned, gain with their 95% interval bounds."""
    rows = []
    for run, found in metrics.items():
        if found is None:
            continue
        for name, interval in found.get("intervals", {}).items():
            if not isinstance(interval, dict):
                continue  # level, resamples, resampled_items
            rows.append({"run": run, "metric": name,
                         **{f"{what}{side}": bound for what in ("base", "tuned", "gain")
                            for side, bound in zip(("_low", "_high"), interval[what], strict=True)},
                         "base": found["base"][name], "tuned": found["tuned"][name],
                         "gain": found["tuned"][name] - found["base"][name]})
    columns = ["base", "base_low", "base_high", "tuned", "tuned_low", "tuned_high", "gain", "gain_low", "gain_high"]
    return pd.DataFrame(rows, columns=["run", "metric", *columns]).set_index(["run", "metric"])


def loss_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """The mean training loss over each card's logging window, ours vs the card's, where the card logged one."""
    rows = []
    for run, found in metrics.items():
        if found is None:
            continue
        for step, pair in found["loss_at_card_steps"].items():
            ratio = pair["run"] / pair["card"] if pair["run"] is not None and pair["card"] else None
            rows.append({"run": run, "card step": int(step), "this run": pair["run"], "card": pair["card"],
                         "ratio": ratio, "steps run": found["training"]["steps"]})
    return pd.DataFrame(rows, columns=["run", "card step", "this run", "card", "ratio", "steps run"])


def substitutions_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """What each run replaced, so no number is read as the card's own setting when it is not."""
    rows = {}
    for run, found in metrics.items():
        if found is None:
            rows[run] = {"stand-in model": "not run", "generated data": "not run"}
            continue
        model = found["model"]
        rows[run] = {"stand-in model": f"yes: {model['stand_in']} for {model['requested']}" if model["is_stand_in"] else "no",
                     "generated data": "yes" if found["substituted"]["generated_data"] else "no (real data)",
                     "training seed": found["training"].get("seed"), "steps": found["training"]["steps"],
                     "seconds": found["training"]["seconds"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("run")


def environments_table(metrics: dict[str, dict | None]) -> pd.DataFrame:
    """The software each run ran on (its record's ``environment``), one row per run."""
    rows = {}
    for run, found in metrics.items():
        environment = (found or {}).get("environment")
        if environment is None:
            rows[run] = {"environment": "not run" if found is None else "not recorded"}
            continue
        frameworks = environment["frameworks"]
        rows[run] = {"Python": frameworks["Python"], "Sentence Transformers": frameworks["Sentence Transformers"],
                     "Transformers": frameworks["Transformers"],
                     "PyTorch": f"{frameworks['PyTorch']} ({environment['torch_build']})",
                     "lock": environment["lock_sha256"] or "none",
                     "packages not as locked": len(environment["not_as_locked"] or [])}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("run").fillna("—")


def plot_gains(metrics: dict[str, dict | None]):
    """The headline gain of each run with its 95% interval: which runs improved on their base model."""
    table = [(run, found) for run, found in metrics.items() if found is not None]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(table) + 1.2))
    plt.close(fig)
    for row, (run, found) in enumerate(table):
        name = found["headline"]
        gain = found["tuned"][name] - found["base"][name]
        interval = found.get("intervals", {}).get(name, {}).get("gain")
        colour = {ABOVE: "tab:green", BELOW: "tab:red", ACROSS: "0.5"}[side_of_zero(*interval)] if interval else "0.5"
        if interval:
            ax.plot(interval, [row, row], color=colour, linewidth=3, alpha=0.6)
        ax.plot([gain], [row], "o", color=colour)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(len(table)), [f"{run}\n{found['headline']}" for run, found in table], fontsize=8)
    ax.invert_yaxis()
    ax.set(xlabel="tuned minus base (95% paired bootstrap interval)", title="Gain over the base model, per run")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


PLOTS_PER_ROW = 4


def plot_losses(report_root: str | Path, metrics: dict[str, dict | None]):
    """Each run's training loss curve (window means) with the card's logged points as red crosses."""
    runs = [run for run, found in metrics.items() if found is not None]
    columns = min(max(len(runs), 1), PLOTS_PER_ROW)
    rows = -(-max(len(runs), 1) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 3 * rows), squeeze=False)
    plt.close(fig)
    for ax in axes.flat[len(runs):]:
        ax.set_visible(False)
    for ax, run in zip(axes.flat, runs, strict=False):
        plots = resolve(report_root) / run / "plots"
        if (plots / "loss.csv").is_file():
            loss = pd.read_csv(plots / "loss.csv")
            ax.plot(loss["step"], loss["loss"], marker=".", label="this run")
        if (plots / "card_loss.csv").is_file():
            card = pd.read_csv(plots / "card_loss.csv")
            ax.scatter(card["step"], card["loss"], marker="x", s=70, color="crimson", label="card", zorder=3)
        ax.set(title=run, xlabel="step")
        ax.title.set_fontsize(9)
        ax.grid(alpha=0.3)
    for row in axes:
        row[0].set_ylabel("training loss")
    legend = {label: handle for ax in axes.flat for handle, label in zip(*ax.get_legend_handles_labels(), strict=True)}
    if legend:  # one legend for all panels, below them: over no point
        fig.legend(legend.values(), legend.keys(), loc="lower center", ncol=len(legend), fontsize=8)
    fig.tight_layout(rect=(0, 0.06 / rows, 1, 1))
    return fig


def load_seed_runs(report_root: str | Path, seeds_root: str | Path | None, runs: list[str]) -> pd.DataFrame:
    """One row per (run, seed) with each tuned metric: the main run (``report_root``), its repeats under
    ``seeds_root/<run>/seed<N>/``, and the other seeds a TSDAE objective comparison already trained
    (same recipe and objective as the main run, recorded in its ``objective_runs``)."""
    rows = []
    for run in runs:
        main_path = resolve(report_root) / run / DETAILS_FILE
        if not main_path.is_file():
            continue
        main = json.loads(main_path.read_text(encoding="utf-8"))
        found = [(MAIN_SEED_NOTE, main)]
        repeats = sorted((resolve(seeds_root) / run).glob("seed*/" + DETAILS_FILE)) if seeds_root else []
        found += [(path.parent.name, json.loads(path.read_text(encoding="utf-8"))) for path in repeats]
        for origin, metrics in found:
            rows.append({"run": run, "seed": metrics["training"]["seed"], "origin": origin,
                         "headline": metrics["headline"], **{f"tuned {k}": v for k, v in metrics["tuned"].items()},
                         "training seconds": metrics["training"]["seconds"]})
        rows += _comparison_seeds(run, main, {row["seed"] for row in rows if row["run"] == run})
    return pd.DataFrame(rows, columns=SEED_COLUMNS) if not rows else pd.DataFrame(rows)


def _comparison_seeds(run: str, main: dict, seen: set[int]) -> list[dict]:
    """The objective comparison's runs of the main run's own objective (``cardrepro.tsdae.seed_repeats``),
    at seeds not seen yet."""
    from cardrepro.tsdae import seed_repeats

    objective, runs = seed_repeats(main)
    return [{"run": run, "seed": other, "origin": f"objective comparison ({objective})", "headline": main["headline"],
             **{f"tuned {k}": v for k, v in scores.items() if k in main["tuned"]},
             "training seconds": scores.get("seconds")}
            for other, scores in runs.items() if other not in seen]


def seed_spread(seed_runs: pd.DataFrame, headline_only: bool = False) -> pd.DataFrame:
    """Mean, sample standard deviation (NaN with one seed), min and max over seeds, per run and tuned
    metric, or only each run's headline metric."""
    if seed_runs.empty:
        return pd.DataFrame(columns=["seeds", "mean", "std", "min", "max"])
    rows = []
    for run, group in seed_runs.groupby("run", sort=False):
        if group["seed"].nunique() != len(group):
            raise ValueError(f"{run}: two results for the same seed; fix: remove the duplicate under reports/seeds/{run}/")
        names = ([group["headline"].iloc[0]] if headline_only else
                 [c.removeprefix("tuned ") for c in group.columns if c.startswith("tuned ") and group[c].notna().all()])
        for name in names:
            values = group[f"tuned {name}"]
            rows.append({"run": run, "metric": name, "seeds": len(values), "mean": values.mean(),
                         "std": values.std(ddof=1) if len(values) > 1 else float("nan"),
                         "min": values.min(), "max": values.max()})
    return pd.DataFrame(rows).set_index(["run", "metric"])


def write_table(path: str | Path, *tables: pd.DataFrame) -> Path:
    """``tables`` as markdown pipe tables, one after the other, written whole or not at all (results.md:
    the verdicts, pasted into README.md, then base vs tuned, pasted into docs/results.md)."""
    path = resolve(path)
    with atomic_write(path) as handle:
        handle.write("\n".join(markdown_table(table) for table in tables))
    return path


def rendered_notebooks(report_root: str | Path, metrics: dict[str, dict | None]) -> pd.DataFrame:
    """Where each run's executed notebook and its HTML rendering are, from the repository root (a run's
    folder is its key, its notebook is named after its card run)."""
    rows = {}
    for key, found in metrics.items():
        notebook = found["run"] if found else key
        rows[key] = {kind: (str(Path(report_root) / key / f"{notebook}.{kind}")
                            if (resolve(report_root) / key / f"{notebook}.{kind}").is_file() else "not run")
                     for kind in ("ipynb", "html")}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("run")
