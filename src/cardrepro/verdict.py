"""Was a card reproduced? One rule for every figure a card reports, applied once to a run's record.

A figure can be checked only by a run on the card's own data (``data.source: real``) with the card's own
base model (no stand-in), of at least a tenth of the card's steps (less is a smoke run) and, for an
evaluation figure, a held-out set of the card's size. Each checkable evaluation figure then gets one of:

* **reproduced**: the run's whole 95% interval lies within the card's figure +/- its margin
  (``margins.yaml``): whatever the difference, it is smaller than the margin (an equivalence test);
* **consistent**: the card's figure lies inside the run's interval, but the interval reaches past the
  margin: the run can neither tell the two apart nor show them the same;
* **not reproduced**: the card's figure lies outside the run's interval (by how much, which way);
* **uninformative**: the untrained base model passes the same test (its own interval holds the card's
  figure, or lies within the margin): the check cannot tell training from none, so it does not count.

A logged loss is reproduced when the run's mean over the card's logging window is within ``logged_loss``
(relative) of the card's, else not reproduced; the card logged one run, so there is no interval to test.
Figures read off one similarity threshold (``threshold_groups``) are one piece of evidence: shown
together, counted once. The interval is the held-out resampling's or, when the recipe was repeated at
other training seeds, the one over seeds and held-out items together (``cardrepro.repeats``).

The card is *not reproduced* when any counted figure is not, *reproduced* when all are, *consistent*
otherwise, and *not checkable* when none counts; the reasons and the caveats (recipe, held-out items,
seeds) travel with it. ``verdict`` runs once per run, in its report; every table reads the record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources

import yaml

LOSS_FIGURE = "training loss at step"  # how a loss figure's name starts
SMOKE_FRACTION = 0.1  # a run under a tenth of the card's steps checks nothing
REPRODUCED, CONSISTENT, NOT_REPRODUCED = "reproduced", "consistent", "not reproduced"
UNINFORMATIVE, NOT_CHECKABLE = "uninformative", "not checkable"
COUNTED = (REPRODUCED, CONSISTENT, NOT_REPRODUCED)


@cache
def card_facts() -> dict:
    """card_facts.yaml: which cards' data is public, and the size of their held-out sets (read once)."""
    return yaml.safe_load(resources.files("cardrepro").joinpath("card_facts.yaml").read_text(encoding="utf-8"))


# An imported card's run (`cardrepro card import`) is trained on the file its user names as the card's pairs.
IMPORTED_FACTS = {"public_data": "the pairs file data.raw names, given by its user as the card's"}


def facts_for(run: str) -> dict:
    """The run's entry of card_facts.yaml; for an imported card's run, what its import declares."""
    return card_facts().get(run, IMPORTED_FACTS)


@cache
def margins() -> dict:
    """margins.yaml: the margin of each kind of figure, and the figures that share one threshold (read once)."""
    return yaml.safe_load(resources.files("cardrepro").joinpath("margins.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Figure:
    """One figure of a card against the run's value over the same metric or window."""

    name: str
    card: float
    run: float | None
    interval: tuple[float, float] | None
    status: str
    why: str  # this figure's own reasons or comparison; the run's reasons are the verdict's
    control: tuple[float, float] | None = None  # the untrained base model's interval: the negative control
    group: str | None = None  # the threshold group it belongs to, counted once


@dataclass(frozen=True)
class Verdict:
    run: str
    status: str
    reasons: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    curve: list[dict] = field(default_factory=list)  # the card's logged evaluations, step by step (not counted)

    def units(self) -> list[tuple[str, str, list[Figure]]]:
        """What counts towards the verdict: (name, status, figures), a threshold group as one unit."""
        units, groups = [], {}
        for figure in self.figures:
            if figure.group is None:
                units.append((figure.name, figure.status, [figure]))
            elif figure.group not in groups:
                groups[figure.group] = [f for f in self.figures if f.group == figure.group]
                units.append((figure.group, group_status(groups[figure.group]), groups[figure.group]))
        return units

    def why(self) -> str:
        """What the verdict rests on, every clause from the figures."""
        if self.status == NOT_CHECKABLE:
            return "; ".join(self.reasons)
        units = self.units()
        named = lambda status: [name for name, unit_status, _ in units if unit_status == status]  # noqa: E731
        if self.status == NOT_REPRODUCED:
            text = "; ".join(f"{f.name} {f.why}" for _, status, figures in units if status == NOT_REPRODUCED
                             for f in figures if f.status == NOT_REPRODUCED)
        elif self.status == REPRODUCED:
            text = f"{', '.join(named(REPRODUCED))} within the card's figure +/- its margin"
        else:
            text = (f"{', '.join(named(CONSISTENT))}: the card's figure lies in the run's interval, which reaches "
                    "past the margin" + (f"; {', '.join(named(REPRODUCED))} within the margin" if named(REPRODUCED) else ""))
        uninformative = [f.name for f in self.figures if f.status == UNINFORMATIVE]
        if uninformative:
            text += f"; not counted: {', '.join(uninformative)}, which the untrained base model passes too"
        return text

    def sentence(self) -> str:
        """The verdict in words, with what a reader must weigh."""
        return f"{self.status}: {self.why()}" + (f" (caveats: {'; '.join(self.caveats)})" if self.caveats else "")

    def as_record(self) -> dict:
        """For details.json: computed once, read by every table and sentence after."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict) -> Verdict:
        figures = [Figure(**{**f, "interval": _pair(f["interval"]), "control": _pair(f["control"])})
                   for f in record["figures"]]
        return cls(record["run"], record["status"], record["reasons"], figures, record["caveats"], record["curve"])


def _pair(value) -> tuple[float, float] | None:
    return None if value is None else tuple(value)


def recorded(details: dict) -> Verdict:
    """The verdict a run's report computed and stored in its record (computed here only for a record that holds
    none: one built by hand, as the tests do)."""
    return Verdict.from_record(details["verdict"]) if "verdict" in details else verdict(details)


def group_status(figures: list[Figure]) -> str:
    """A threshold group's status: that of its counted figures taken together."""
    counted = [f.status for f in figures if f.status in COUNTED]
    if not counted:
        return UNINFORMATIVE if any(f.status == UNINFORMATIVE for f in figures) else NOT_CHECKABLE
    return card_status(counted)


def card_status(statuses: list[str]) -> str:
    """Counted statuses taken together: any not reproduced, all reproduced, else consistent."""
    if NOT_REPRODUCED in statuses:
        return NOT_REPRODUCED
    return REPRODUCED if all(status == REPRODUCED for status in statuses) else CONSISTENT


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


def interval_status(card: float, interval: tuple[float, float], margin: float) -> tuple[str, str]:
    """The rule on one interval: (status, why)."""
    low, high = interval
    shown = f"[{low:.4f}, {high:.4f}]"
    if card - margin <= low and high <= card + margin:
        return REPRODUCED, f"{shown} lies within {card:.4f} +/- {margin:g}"
    if low <= card <= high:
        reach = max(card - low, high - card)
        return CONSISTENT, (f"{card:.4f} lies in {shown}, which reaches {reach:.4f} from it, past the margin of "
                            f"{margin:g}: a difference up to {reach:.4f} cannot be ruled out")
    side = "above" if card > high else "below"
    edge = high if side == "above" else low
    return NOT_REPRODUCED, f"{card:.4f} lies {abs(card - edge):.4f} {side} the run's interval {shown}"


def _groups() -> dict[str, str]:
    return {name: group for group, names in margins()["threshold_groups"].items() for name in names}


def _evaluation_figure(name: str, card: float, metrics: dict, facts: dict, reasons: list[str]) -> Figure:
    run = metrics["tuned"].get(name)
    spread = metrics.get("intervals", {}).get(name, {})
    seeded = (metrics.get("repeats") or {}).get("intervals", {}).get(name)
    interval, control = _pair(seeded or spread.get("tuned")), _pair(spread.get("base"))
    group = _groups().get(name)
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
        return Figure(name, card, run, interval, NOT_CHECKABLE, "; ".join(why), control, group)
    margin = margins()["evaluation"]
    status, because = interval_status(card, interval, margin)
    if control is not None:
        passed, _ = interval_status(card, control, margin)
        if passed != NOT_REPRODUCED:
            return Figure(name, card, run, interval, UNINFORMATIVE,
                          f"the untrained base model's interval [{control[0]:.4f}, {control[1]:.4f}] passes too "
                          f"({passed}); the run alone: {status}", control, group)
    return Figure(name, card, run, interval, status, because, control, group)


def _loss_figure(step: str, pair: dict, reasons: list[str]) -> Figure:
    name, card, run = f"{LOSS_FIGURE} {step}", pair["card"], pair["run"]
    why = [f"the run ended before step {step}"] if run is None else []
    if why or reasons:
        return Figure(name, card, run, None, NOT_CHECKABLE, "; ".join(why))
    tolerance = margins()["logged_loss"]
    change = (run - card) / card
    status = REPRODUCED if abs(change) <= tolerance else NOT_REPRODUCED
    return Figure(name, card, run, None, status,
                  f"{run:.4f} vs the card's {card:.4f} ({change:+.0%}; tolerance +/-{tolerance:.0%}; no control: "
                  "an untrained model logs no training loss)")


def caveats(metrics: dict, facts: dict) -> list[str]:
    """What a reader must weigh beside the status: the recipe's departures, the held-out items, the seeds."""
    notes = []
    recipe = metrics.get("card_recipe") or {}
    pairs, steps = metrics["data"]["train_pairs"], metrics["training"]["steps"]
    if recipe:
        fewer_pairs, other_steps = pairs != recipe["train_pairs"], steps != recipe["steps"]
        whose = "its" if fewer_pairs else "the card's"
        parts = ([f"on {pairs:,} of the card's {recipe['train_pairs']:,} pairs"] if fewer_pairs else []) + \
                ([f"{steps} of {whose} {recipe['steps']} steps"] if other_steps else [])
        if parts:
            notes.append("trained " + ", ".join(parts))
    if facts.get("heldout"):
        notes.append("held-out items drawn here, not the card's (it does not publish them)")
    seeds = (metrics.get("repeats") or {}).get("seeds")
    compared = (metrics.get("params") or {}).get("training", {}).get("compare_seeds") or []
    notes.append(f"training seeds {', '.join(map(str, seeds))}" if seeds and len(seeds) > 1 else
                 f"one training seed ({metrics['training']['seed']})"
                 + (f" for the headline; the objective comparison at seeds {', '.join(map(str, compared))}"
                    if len(compared) > 1 else ""))
    return notes


def curve(metrics: dict) -> list[dict]:
    """The card's logged evaluations beside the run's at the same steps: above, below or within the range of the
    run's seeds (one seed: above or below its one value). Compared, not counted: no held-out interval there."""
    rows = []
    for step, pair in (metrics.get("eval_at_card_steps") or {}).items():
        values = pair.get("seeds") or ([pair["run"]] if pair["run"] is not None else [])
        if not values:
            continue
        low, high = min(values), max(values)
        side = "card above the run" if pair["card"] > high else "card below the run" if pair["card"] < low else "within"
        rows.append({"step": int(step), "card": pair["card"], "run": pair["run"], "low": low, "high": high, "side": side})
    return rows


def verdict(metrics: dict, facts: dict | None = None) -> Verdict:
    """The verdict on one run's card, from its record (``facts``: its entry of card_facts.yaml)."""
    facts = facts_for(metrics["run"]) if facts is None else facts
    reasons = _run_reasons(metrics, facts)
    figures = [_evaluation_figure(name, value, metrics, facts, reasons) for name, value in metrics["card"].items()]
    figures += [_loss_figure(step, pair, reasons) for step, pair in metrics["loss_at_card_steps"].items()]
    notes, rows = caveats(metrics, facts), curve(metrics)
    if not figures:
        return Verdict(metrics["run"], NOT_CHECKABLE, ["the card reports no figure"] + reasons, figures, notes, rows)
    counted = [status for _, status, _ in Verdict(metrics["run"], "", [], figures).units() if status in COUNTED]
    if counted:
        return Verdict(metrics["run"], card_status(counted), [], figures, notes, rows)
    if any(f.status == UNINFORMATIVE for f in figures) and not reasons:
        common = ["every checkable figure is passed by the untrained base model too"]
    else:
        common = reasons or sorted({f.why for f in figures if f.why})
    return Verdict(metrics["run"], NOT_CHECKABLE, common, figures, notes, rows)
