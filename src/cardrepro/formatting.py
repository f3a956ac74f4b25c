"""How a number and its 95% interval are written, the same in every table, verdict and sentence (a leaf: the
tables of ``display`` and the sentences of ``sentences`` both use it)."""

from __future__ import annotations


def bracketed(interval, signed: bool = False) -> str:
    """An interval to 4 decimals in brackets, as every table and verdict shows it ("—" for none)."""
    if interval is None:
        return "—"
    number = "{:+.4f}" if signed else "{:.4f}"
    return f"[{number.format(interval[0])}, {number.format(interval[1])}]"


def with_interval(value: float | None, interval: list[float] | None = None, signed: bool = False) -> str:
    """A value to 4 decimals with its 95% interval in brackets, when it has one."""
    if value is None:
        return "—"
    shown = ("{:+.4f}" if signed else "{:.4f}").format(value)
    return f"{shown} {bracketed(interval, signed)}" if interval else shown
