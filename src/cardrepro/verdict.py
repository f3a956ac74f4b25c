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

from cardrepro.findings import CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED, UNINFORMATIVE
from cardrepro.sentences import verdict as words

LOSS_FIGURE = "training loss at step"  # how a loss figure's name starts
SMOKE_FRACTION = 0.1  # a run under a tenth of the card's steps checks nothing
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
        reasons.append(words.GENERATED_DATA)
    if facts.get("public_data") is None:
        reasons.append(words.UNPUBLISHED_DATA)
    if metrics["substituted"]["stand_in_model"]:
        reasons.append(words.STAND_IN)
    steps, card_steps = metrics["training"]["steps"], metrics["training"].get("card_steps")
    if card_steps and steps < SMOKE_FRACTION * card_steps:
        reasons.append(words.smoke_run(steps, card_steps))
    return reasons


def interval_status(card: float, interval: tuple[float, float], margin: float) -> str:
    """The rule on one interval (``sentences.verdict.interval_why`` says what it rests on)."""
    low, high = interval
    if card - margin <= low and high <= card + margin:
        return REPRODUCED
    return CONSISTENT if low <= card <= high else NOT_REPRODUCED


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
        why.append(words.heldout_size(metrics["data"], heldout))
    if run is None:
        why.append(words.NOT_REPORTED)
    elif interval is None:
        why.append(words.NO_INTERVAL)
    if why or reasons:
        return Figure(name, card, run, interval, NOT_CHECKABLE, "; ".join(why), control, group)
    margin = margins()["evaluation"]
    status = interval_status(card, interval, margin)
    if control is not None:
        passed = interval_status(card, control, margin)
        if passed != NOT_REPRODUCED:
            return Figure(name, card, run, interval, UNINFORMATIVE, words.uninformative_why(control, passed, status),
                          control, group)
    return Figure(name, card, run, interval, status, words.interval_why(status, card, interval, margin), control, group)


def _loss_figure(step: str, pair: dict, reasons: list[str]) -> Figure:
    name, card, run = f"{LOSS_FIGURE} {step}", pair["card"], pair["run"]
    why = [words.run_ended(step)] if run is None else []
    if why or reasons:
        return Figure(name, card, run, None, NOT_CHECKABLE, "; ".join(why))
    tolerance = margins()["logged_loss"]
    change = (run - card) / card
    status = REPRODUCED if abs(change) <= tolerance else NOT_REPRODUCED
    return Figure(name, card, run, None, status, words.loss_why(run, card, change, tolerance))


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
    notes, rows = words.caveats(metrics, facts), curve(metrics)
    if not figures:
        return Verdict(metrics["run"], NOT_CHECKABLE, [words.NO_FIGURE] + reasons, figures, notes, rows)
    counted = [status for _, status, _ in Verdict(metrics["run"], "", [], figures).units() if status in COUNTED]
    if counted:
        return Verdict(metrics["run"], card_status(counted), [], figures, notes, rows)
    if any(f.status == UNINFORMATIVE for f in figures) and not reasons:
        common = [words.ALL_UNINFORMATIVE]
    else:
        common = reasons or sorted({f.why for f in figures if f.why})
    return Verdict(metrics["run"], NOT_CHECKABLE, common, figures, notes, rows)
