"""The decisions the reports' sentences rest on, each made in one place and returned as a small value, so that
tests check the decision and the sentences only word it (``cardrepro.sentences``, the report modules)."""

from __future__ import annotations

ABOVE, BELOW, ACROSS = "above", "below", "across"  # an interval's place against zero


def side_of_zero(low: float, high: float) -> str:
    """Where an interval lies against zero: wholly ``above``, wholly ``below``, or ``across`` it (no difference
    established: a difference inside its noise is no difference)."""
    return ABOVE if low > 0 else BELOW if high < 0 else ACROSS


def sides(intervals) -> list[str]:
    """``side_of_zero`` of each (low, high) row of a table with ``low`` and ``high`` columns."""
    return [side_of_zero(row["low"], row["high"]) for _, row in intervals.iterrows()]


def ceiling(base: float | None, tuned_interval: list[float] | None, level: float,
            at_maximum: tuple[int, int] | None = None, item_share: float = 1.0) -> list[str]:
    """Why a headline metric cannot show a gain here, if it cannot: the base model already at or above ``level``
    (on a 0-1 metric), ``at_maximum`` (queries at the metric's maximum of 1 before training, of all) reaching
    ``item_share`` (a mean below ``level`` can rest on a few hard queries while the rest have no room), or a tuned
    interval of zero width (every resample gives the same score). Empty when none."""
    found = []
    if base is not None and base >= level:
        found.append(f"the base model already scores {base:.4f}, at or above {level:g}")
    if at_maximum is not None and at_maximum[1] and at_maximum[0] / at_maximum[1] >= item_share:
        found.append(f"{at_maximum[0]} of the {at_maximum[1]} held-out queries already score 1.0000 (the most there "
                     "is) before training")
    if tuned_interval is not None and tuned_interval[0] == tuned_interval[1]:
        found.append(f"the tuned interval [{tuned_interval[0]:.4f}, {tuned_interval[1]:.4f}] has no width")
    return found
