"""Was a card reproduced? One rule for every figure a card reports, applied to a run's metrics JSON.

A figure can be checked only by a run on the card's own data (``data.source: real``) with the card's
own base model (no stand-in), of at least a tenth of the card's steps (less is a smoke run) and, for an
evaluation figure, a held-out set of the card's size.
Then:

* an evaluation figure is **reproduced** when it lies inside the run's 95% bootstrap interval of
  the same metric, else **not reproduced** (by how much, and in which direction);
* a logged loss is **reproduced** when the run's mean over the card's logging window is within
  ``LOSS_TOLERANCE`` (relative) of the card's: one run of the card gives no seed spread to test against.

A run is *reproduced* when every figure it can check is, *not reproduced* when any is not, and
*not checkable* when it can check none; the reasons say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

LOSS_TOLERANCE = 0.10
LOSS_FIGURE = "training loss at step"  # how a loss figure's name starts
SMOKE_FRACTION = 0.1  # a run under a tenth of the card's steps checks nothing
REPRODUCED, NOT_REPRODUCED, NOT_CHECKABLE = "reproduced", "not reproduced", "not checkable"


@cache
def card_facts() -> dict:
    """card_facts.yaml: which cards' data is public, and the size of their held-out sets (read once)."""
    return yaml.safe_load(resources.files("cardrepro").joinpath("card_facts.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Figure:
    """One figure of a card against the run's value over the same metric or window."""

    name: str
    card: float
    run: float | None
    interval: tuple[float, float] | None
    status: str
    why: str  # this figure's own reasons or comparison; the run's reasons are the verdict's


@dataclass(frozen=True)
class Verdict:
    run: str
    status: str
    reasons: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def why(self) -> str:
        """What the verdict rests on, every clause from the figures."""
        if self.status == NOT_CHECKABLE:
            return "; ".join(self.reasons)
        missed = [f for f in self.figures if f.status == NOT_REPRODUCED]
        if missed:
            return "; ".join(f"{f.name} {f.why}" for f in missed)
        checked = [f for f in self.figures if f.status == REPRODUCED]
        losses = sum(f.name.startswith(LOSS_FIGURE) for f in checked)
        bound = "tolerance" if losses == len(checked) else "interval or tolerance" if losses else "interval"
        return f"{', '.join(f.name for f in checked)} within the run's {bound}"

    def sentence(self) -> str:
        """The verdict in words."""
        return f"{self.status}: {self.why()}"


def _run_reasons(metrics: dict, facts: dict) -> list[str]:
    """Why no figure of this card can be checked by this run, whatever the figure (short: the
    summary's table says what was substituted)."""
    reasons = []
    if metrics["substituted"]["generated_data"]:
        reasons.append("generated data, not the card's")
    if facts.get("public_data") is None:
        reasons.append("the card's data was never published")
    if metrics["substituted"]["stand_in_model"]:
        reasons.append("a stand-in for the card's base model, which is not available here")
    steps, card_steps = metrics["training"]["steps"], metrics["training"].get("card_steps")
    if card_steps and steps < SMOKE_FRACTION * card_steps:
        reasons.append(f"a smoke run ({steps} of the card's {card_steps} steps)")
    return reasons


def _evaluation_figure(name: str, card: float, metrics: dict, facts: dict, reasons: list[str]) -> Figure:
    run = metrics["tuned"].get(name)
    bounds = metrics.get("intervals", {}).get(name, {}).get("tuned")
    interval = tuple(bounds) if bounds else None
    why = []
    heldout = facts.get("heldout") or {}
    if any(metrics["data"].get(key) != size for key, size in heldout.items()):
        why.append(", ".join(f"a held-out set of {metrics['data'].get(key)} {key.replace('eval_', '')}, not the card's {size}"
                             for key, size in heldout.items()))
    if run is None:
        why.append("the run does not report this metric")
    elif interval is None:
        why.append("no interval: a threshold is a by-product of the scores")
    if why or reasons:
        return Figure(name, card, run, interval, NOT_CHECKABLE, "; ".join(why))
    if interval[0] <= card <= interval[1]:
        return Figure(name, card, run, interval, REPRODUCED, f"{card:.4f} lies in [{interval[0]:.4f}, {interval[1]:.4f}]")
    side = "above" if card > interval[1] else "below"
    edge = interval[1] if side == "above" else interval[0]
    return Figure(name, card, run, interval, NOT_REPRODUCED,
                  f"{card:.4f} lies {abs(card - edge):.4f} {side} the run's interval [{interval[0]:.4f}, {interval[1]:.4f}]")


def _loss_figure(step: str, pair: dict, reasons: list[str]) -> Figure:
    name, card, run = f"{LOSS_FIGURE} {step}", pair["card"], pair["run"]
    why = [f"the run ended before step {step}"] if run is None else []
    if why or reasons:
        return Figure(name, card, run, None, NOT_CHECKABLE, "; ".join(why))
    change = (run - card) / card
    status = REPRODUCED if abs(change) <= LOSS_TOLERANCE else NOT_REPRODUCED
    return Figure(name, card, run, None, status,
                  f"{run:.4f} vs the card's {card:.4f} ({change:+.0%}; tolerance ±{LOSS_TOLERANCE:.0%})")


def verdict(metrics: dict, facts: dict | None = None) -> Verdict:
    """The verdict on one run's card, from its metrics JSON (``facts``: its entry of card_facts.yaml)."""
    facts = card_facts()[metrics["run"]] if facts is None else facts
    reasons = _run_reasons(metrics, facts)
    figures = [_evaluation_figure(name, value, metrics, facts, reasons) for name, value in metrics["card"].items()]
    figures += [_loss_figure(step, pair, reasons) for step, pair in metrics["loss_at_card_steps"].items()]
    if not figures:
        return Verdict(metrics["run"], NOT_CHECKABLE, ["the card reports no figure"] + reasons, figures)
    if any(f.status == NOT_REPRODUCED for f in figures):
        return Verdict(metrics["run"], NOT_REPRODUCED, [], figures)
    if any(f.status == REPRODUCED for f in figures):
        return Verdict(metrics["run"], REPRODUCED, [], figures)
    common = reasons or sorted({f.why for f in figures if f.why})
    return Verdict(metrics["run"], NOT_CHECKABLE, common, figures)
