"""The summary notebook's findings in words: the answer it opens with, where the card's logged loss lies among
the recipes', and whether the runs shared one environment, from the records and tables of ``cardreview.summary``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cardrepro.findings import CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED
from cardrepro.params import REAL_OVERLAY, REAL_RUNS_DIR, real_runs
from cardrepro.sentences.verdict import why
from cardrepro.verdict import margins, recorded

NOTHING_CHECKED = "No real-data run could check a card figure: nothing to draw."


def answer(generated: dict[str, dict | None], real: dict[str, dict | None], overlay: str | Path = REAL_OVERLAY) -> str:
    """The summary's answer, first: each card under the best verdict any run of it reached on the card's own data
    and model, with that verdict's one reason; the cards no run here can check, and why."""
    by_card: dict[str, tuple[str, str, str]] = {}
    unchecked_why: dict[str, str] = {}  # a card no run here can check: why, from its first real-data run
    for name in real_runs(overlay):
        found = real.get(f"{REAL_RUNS_DIR}/{name}")
        if found is None or found["run"] in by_card:
            continue
        judged = recorded(found)
        if judged.status != NOT_CHECKABLE:
            by_card[found["run"]] = (judged.status, name, why(judged))
        else:
            unchecked_why.setdefault(found["run"], why(judged))
    lines = []
    for status in (REPRODUCED, CONSISTENT, NOT_REPRODUCED):
        cards = [(card, name, why) for card, (got, name, why) in by_card.items() if got == status]
        if cards:
            lines.append(f"- **{status}:** " + "; ".join(f"{card} (real-data run {name}: {why})" for card, name, why in cards))
    unchecked = [run for run in generated if run not in by_card]
    if unchecked:
        reasons = {run: unchecked_why.get(run) or why(recorded(generated[run])) for run in unchecked if generated.get(run)}
        lines.append(f"- **{NOT_CHECKABLE}:** " + "; ".join(f"{run} ({reasons.get(run, 'not run')})" for run in unchecked))
    return "\n".join(lines)


def recipe_finding(table: pd.DataFrame, step: str) -> str:
    """Where the card's logged loss lies among the recipes', whether it is within each run's own noise (twice the
    standard error of the run's mean over the card's window), and whether the fixed tolerance agrees, in words
    chosen by the table's numbers."""
    if table.empty:
        return f"No real-data run of this card reached step {step}: nothing to compare."
    tolerance = f"±{margins()['logged_loss']:.0%}"
    loss = f"loss, steps 1-{step}"
    card = table["card"].iloc[0]
    named = lambda name: f"{name} ({table.loc[name, loss]:.4f}, {table.loc[name, 'difference']})"  # noqa: E731
    listed = lambda names: " and ".join(names) if names else "none"  # noqa: E731
    ordered = list(table.sort_values(loss).index)
    below = [name for name in ordered if table.loc[name, loss] < card]
    above = [name for name in ordered if table.loc[name, loss] >= card]
    text = f"The card's logged loss at step {step} ({card:.4f}) "
    if below and above:
        text += f"lies between {named(below[-1])} and {named(above[0])}."
    else:
        text += f"lies {'above' if below else 'below'} every recipe's: {' and '.join(map(named, below or above))}."
    seeds = int(table["training seeds"].max())
    seeded = "one training seed of each" if seeds == 1 else f"at most {seeds} training seeds of each"
    if (table["beyond the noise"] == "—").any():
        return text + (" A run that logged fewer than two windows inside the card's has no measure of its own noise, so "
                       "the comparison decides nothing." + _stand_in_clause(table))
    within_noise = [name for name in table.index if table.loc[name, "beyond the noise"] == "no"]
    noise = ", ".join(f"{name} {table.loc[name, 'noise of the mean (2 SE)']}" for name in table.index)
    if not within_noise:
        text += (f" It differs from each by more than the noise of the run's own mean ({noise}: twice the standard error "
                 f"from its logging windows), so with {seeded} neither recipe gives the card's loss here.")
    elif len(within_noise) == 1:
        text += (f" Only {within_noise[0]} is within the noise of its own mean ({noise}: twice the standard error from "
                 f"its logging windows): the card's loss resembles that recipe's ({seeded}).")
    else:
        text += f" {listed(within_noise)} are all within the noise of their own means ({noise}): the loss cannot tell them apart."
    within_tolerance = [name for name in table.index if table.loc[name, f"within {tolerance}"] == "yes"]
    if set(within_tolerance) != set(within_noise):
        text += (f" The fixed {tolerance} tolerance would say {listed(within_tolerance)}; against the runs' own noise "
                 "that cut decides nothing here.")
    text += (" The standard error treats the windows as independent and includes the loss's downward trend; it is "
             "not a spread over training seeds.")
    return text + _stand_in_clause(table)


def _stand_in_clause(table: pd.DataFrame) -> str:
    stand_ins = sorted({model for model in table["model"] if "stand-in" in model})
    if not stand_ins:
        return ""
    return (f" The runs trained {' and '.join(stand_ins)}, so this compares the recipes on this data with that "
            "model; it is not a check of the card's own model.")


def environment_finding(table: pd.DataFrame, metrics: dict[str, dict | None]) -> str:
    """Whether the runs compared here ran in one environment (``table``: cardreview.summary.environments_table of
    ``metrics``): a number that moved between two environments may have moved with the software, not the recipe."""
    recorded = table[~table.get("environment", pd.Series("", index=table.index)).isin(["not run", "not recorded"])]
    unrecorded = sorted(set(table.index) - set(recorded.index) - {run for run, found in metrics.items() if found is None})
    kinds = recorded.drop(columns=["environment"], errors="ignore").drop_duplicates()
    if recorded.empty:
        return "No run records its environment."
    if len(kinds) == 1:
        first = kinds.iloc[0]
        text = (f"All {len(recorded)} runs that record it ran in one environment: Python {first['Python']}, "
                f"Sentence Transformers {first['Sentence Transformers']}, Transformers {first['Transformers']}, "
                f"PyTorch {first['PyTorch']}, lock {first['lock']}"
                + (f", with {first['packages not as locked']} package(s) not as locked." if first["packages not as locked"]
                   else ", every package as locked."))
    else:
        groups = recorded.drop(columns=["environment"], errors="ignore").astype(str).agg(" / ".join, axis=1)
        listed = "; ".join(f"{', '.join(groups[groups == key].index)}: {key}" for key in dict.fromkeys(groups))
        text = (f"**The runs were made in {len(kinds)} different environments** ({listed}): a difference between "
                "runs of different environments may come from the software as well as the recipe.")
    if unrecorded:
        text += f" Not recorded (runs made before records named their environment): {', '.join(unrecorded)}."
    return text
