"""Questions and misconceptions of the "rounding and estimation" topic.

Covers rounding whole numbers, significant figures, and estimating by rounding
each number to one significant figure.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, dec, fixed, round_half_up


def _round_to(n: int, step: int) -> int:
    return round_half_up(Fraction(n, step)) * step


@family(
    "rounding and estimation",
    ("Rounds down even when the digit after the rounding column is 5 or more",
     lambda p: f"{p.n // 10**p.k * 10**p.k:,}"),
    ("Rounds to the column one place to the right of the one asked for",
     lambda p: f"{_round_to(p.n, 10 ** (p.k - 1)):,}" if p.k > 1 else None),
    ("Drops the digits after the rounding column instead of replacing them with zeros",
     lambda p: str(_round_to(p.n, 10**p.k) // 10**p.k)),
)
def _round_whole_number(rng):
    """Whole numbers rounded to the nearest ten, hundred or thousand."""
    n = rng.randint(1_000, 99_999)
    k = rng.randint(1, min(3, len(str(n)) - 1))
    unit = ("ten", "hundred", "thousand")[k - 1]
    text = ask(rng, (
        "round {n} to the nearest {unit}.",
        "what is {n} rounded to the nearest {unit}?",
        "{name} rounds the attendance at a match, {n}, to the nearest {unit}. what should they write?",
    ), n=f"{n:,}", unit=unit)
    return Question(text, f"{_round_to(n, 10**k):,}", Params(n=n, k=k))


def _magnitude(x: Fraction) -> int:
    """Power of ten of the leading digit of a positive number."""
    e = 0
    while Fraction(10) ** e > x:
        e -= 1
    while Fraction(10) ** (e + 1) <= x:
        e += 1
    return e


def _sig_figs(x: Fraction, sf: int) -> str:
    places = sf - 1 - _magnitude(x)
    value = Fraction(round_half_up(x * Fraction(10) ** places)) / Fraction(10) ** places
    return fixed(value, places) if places > 0 else f"{int(value):,}"


@family(
    "rounding and estimation",
    ("Counts the zeros straight after the decimal point as significant figures",
     lambda p: fixed(p.x, p.sf) if p.form == "small" else None),
    ("Leaves off the place-holder zeros when rounding a whole number to significant figures",
     lambda p: _sig_figs(p.x, p.sf).replace(",", "")[: p.sf] if p.form == "whole" else None),
    ("Rounds to that many decimal places when asked for significant figures",
     lambda p: fixed(p.x, p.sf) if p.form == "mixed" else None),
)
def _significant_figures(rng):
    """Small decimals, whole numbers and mixed decimals rounded to significant figures."""
    form = rng.choice(("small", "whole", "mixed"))
    if form == "small":
        x, sf = Fraction(rng.randint(1001, 9999), 10 ** rng.randint(5, 7)), rng.randint(1, 3)
        shown = dec(x)
    elif form == "whole":
        x, sf = Fraction(rng.randint(1_001, 999_999)), rng.randint(1, 2)
        shown = f"{int(x):,}"
    else:
        x, sf = Fraction(rng.randint(10_001, 999_999), 1000), rng.randint(2, 3)
        shown = dec(x)
    text = ask(rng, (
        "round {x} to {sf} significant figures.",
        "write {x} correct to {sf} significant figures.",
        "{name} rounds {x} to {sf} s.f. what should the answer be?",
    ), x=shown, sf=sf)
    return Question(text, _sig_figs(x, sf), Params(form=form, x=x, sf=sf))


def _one_sf(x: Fraction) -> Fraction:
    e = _magnitude(x)
    return Fraction(round_half_up(x / Fraction(10) ** e)) * Fraction(10) ** e


@family(
    "rounding and estimation",
    ("Rounds to the nearest whole number instead of to one significant figure when estimating",
     lambda p: str(round_half_up(p.a) * round_half_up(p.b))),
    ("Rounds only the first number before working out an estimate",
     lambda p: dec(_one_sf(p.a) * p.b)),
)
def _estimation(rng):
    """Estimate a product of two decimals by rounding each to 1 s.f."""
    a, b = Fraction(rng.randint(101, 999), 10), Fraction(rng.randint(11, 99), 10)
    text = ask(rng, (
        "estimate the value of $ {a} \\times {b} $ by rounding each number to 1 significant figure.",
        "{name} estimates {a} \\times {b} by rounding both numbers to one significant figure. what estimate should they get?",
        "by rounding to 1 significant figure, estimate the cost of {b} kg of cheese at £{a} per kg.",
    ), a=dec(a), b=dec(b))
    return Question(text, dec(_one_sf(a) * _one_sf(b)), Params(a=a, b=b))
