"""The decisions the reports' sentences rest on, each made in one place and returned as a small value, so that
tests check the decision and ``cardrepro.sentences`` only words it."""

from __future__ import annotations

from dataclasses import dataclass

ABOVE, BELOW, ACROSS = "above", "below", "across"  # an interval's place against zero
# a card figure's status, and the card's (``cardrepro.verdict`` decides them)
REPRODUCED, CONSISTENT, NOT_REPRODUCED = "reproduced", "consistent", "not reproduced"
UNINFORMATIVE, NOT_CHECKABLE = "uninformative", "not checkable"


def side_of_zero(low: float, high: float) -> str:
    """Where an interval lies against zero: wholly ``above``, wholly ``below``, or ``across`` it (no difference
    established: a difference inside its noise is no difference)."""
    return ABOVE if low > 0 else BELOW if high < 0 else ACROSS


def sides(intervals) -> list[str]:
    """``side_of_zero`` of each (low, high) row of a table with ``low`` and ``high`` columns."""
    return [side_of_zero(row["low"], row["high"]) for _, row in intervals.iterrows()]


CEILING_BASE, CEILING_ITEMS, CEILING_NO_WIDTH = "base at the level", "items at the maximum", "no width"


def ceiling(base: float | None, tuned_interval: list[float] | None, level: float,
            at_maximum: tuple[int, int] | None = None, item_share: float = 1.0) -> list[dict]:
    """Why a headline metric cannot show a gain here, if it cannot, as {"kind", and its numbers}: the base model
    already at or above ``level`` (on a 0-1 metric), ``at_maximum`` (queries at the metric's maximum of 1 before
    training, of all) reaching ``item_share`` (a mean below ``level`` can rest on a few hard queries while the rest
    have no room), or a tuned interval of zero width (every resample gives the same score). Empty when none."""
    found = []
    if base is not None and base >= level:
        found.append({"kind": CEILING_BASE, "base": base, "level": level})
    if at_maximum is not None and at_maximum[1] and at_maximum[0] / at_maximum[1] >= item_share:
        found.append({"kind": CEILING_ITEMS, "at_maximum": at_maximum[0], "of": at_maximum[1]})
    if tuned_interval is not None and tuned_interval[0] == tuned_interval[1]:
        found.append({"kind": CEILING_NO_WIDTH, "interval": list(tuned_interval)})
    return found


NOT_WIRED, NOT_MEASURED, DEPENDS, WIRED_ONLY = "not wired", "not measured", "depends", "wired only"


def conditioning(gap: float, grad: float, low: float | None, high: float | None, batches: int | None) -> str:
    """What the checks on an untrained TSDAE decoder establish, two facts kept apart: wired (a gradient reaches
    the pooled embedding) and measurably dependent (shuffling the sources moves the loss beyond the interval over
    the held-out batches). ``NOT_WIRED``: neither gradient nor gap, the loss never sees the source;
    ``NOT_MEASURED``: wired, fewer than two batches to measure the gap's noise; ``DEPENDS``: wired and the gap's
    interval excludes zero; ``WIRED_ONLY``: wired, the gap inside its noise."""
    if grad == 0.0 and gap == 0.0:
        return NOT_WIRED
    if batches is None or batches < 2 or low is None or high is None:
        return NOT_MEASURED
    return DEPENDS if side_of_zero(low, high) != ACROSS else WIRED_ONLY


ONE_SEED, EVERY_SEED, SEEDS_DISAGREE, MEAN_ONLY, SOME_SEEDS_ONLY, NO_SEED = (
    "one seed", "every seed", "seeds disagree", "the mean only", "some seeds only", "no seed")


@dataclass(frozen=True)
class SeedAgreement:
    """What paired intervals at each of several training seeds, and over their mean, establish together."""

    kind: str
    seeds: int
    above: int
    below: int
    mean: str | None  # the side of the mean's interval (None at one seed)

    @property
    def side(self) -> str:
        """The side the evidence points to: every seed's, the mean's, or (one seed) that seed's."""
        if self.kind == EVERY_SEED or self.kind == ONE_SEED:
            return ABOVE if self.above else BELOW if self.below else ACROSS
        return self.mean or ACROSS


def seed_agreement(per_seed: list[str], mean: str | None = None) -> SeedAgreement:
    """``per_seed``: each seed's ``side_of_zero``; ``mean``: that of the interval over their mean (several seeds).
    Every seed on one side is ``EVERY_SEED``; seeds on both sides ``SEEDS_DISAGREE``; the mean clear of zero with
    fewer seeds ``MEAN_ONLY``; some seeds clear of zero and not the mean ``SOME_SEEDS_ONLY``; else ``NO_SEED``."""
    if not per_seed or (len(per_seed) > 1 and mean is None):
        raise ValueError("seed_agreement needs every seed's side and, for several seeds, their mean's")
    above, below, seeds = per_seed.count(ABOVE), per_seed.count(BELOW), len(per_seed)
    if seeds == 1:
        kind = ONE_SEED
    elif above == seeds or below == seeds:
        kind = EVERY_SEED
    elif above and below:
        kind = SEEDS_DISAGREE
    elif mean is not None and mean != ACROSS:
        kind = MEAN_ONLY
    elif above or below:
        kind = SOME_SEEDS_ONLY
    else:
        kind = NO_SEED
    return SeedAgreement(kind, seeds, above, below, None if seeds == 1 else mean)
