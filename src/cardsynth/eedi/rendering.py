"""How questions and answers are written, in the competition's register.

Lowercase text, LaTeX-ish maths with spaces (``\\frac {2} {7}``, ``x^ {2}``),
maths optionally wrapped in ``( ... )``; plus the names, items and letters that
questions draw from and the phrasings several topics share.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

NAMES = (
    "sam", "priya", "tom", "aisha", "leo", "maya", "omar", "zoe", "finn", "grace", "ravi", "ella",
    "kofi", "nina", "jack", "lucy", "amir", "beth", "dev", "hana", "theo", "isla", "max", "noor",
)
ITEMS = ("coat", "bike", "lamp", "tent", "phone", "game", "chair", "watch", "kettle", "scooter")
LETTERS = ("x", "y", "a", "b", "p", "q", "m", "t")
LENGTH_UNITS = ("cm", "m", "mm")


EXPRESSION_TEMPLATES = (
    "work out $ {e} $",
    "what is $ {e} $ ?",
    "calculate: $ {e} $",
    "{name} types $ {e} $ into a calculator. what answer should it show?",
)


def ask(rng: random.Random, templates: tuple[str, ...], **fields) -> str:
    """Fill a random phrasing; maths between ``$`` signs is wrapped in ( ... ) or left bare."""
    fields.setdefault("name", rng.choice(NAMES))
    parts = rng.choice(templates).format(**fields).split("$")
    wrap = rng.random() < 0.5
    for i in range(1, len(parts), 2):
        parts[i] = f"( {parts[i].strip()} )" if wrap else parts[i].strip()
    return " ".join("".join(parts).split())


def fr(n: int, d: int) -> str:
    """A fraction exactly as written, not simplified (students rarely simplify distractors)."""
    sign = "-" if n * d < 0 else ""
    return f"{sign}\\frac {{{abs(n)}}} {{{abs(d)}}}"


def fv(x) -> str:
    """An exact value as an integer or a simplified fraction."""
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else fr(x.numerator, x.denominator)


def round_half_up(x) -> int:
    """School rounding (halves away from zero); Python's round() is banker's rounding."""
    x = Fraction(x)
    return math.floor(x + Fraction(1, 2)) if x >= 0 else -math.floor(-x + Fraction(1, 2))


def fixed(x, places: int) -> str:
    """``x`` rounded to exactly ``places`` decimal places, keeping trailing zeros."""
    scaled = round_half_up(Fraction(x) * 10**places)
    digits = str(abs(scaled)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


def decimal_places(x) -> int | None:
    """Decimal places needed to write ``x`` exactly, or None if it does not terminate."""
    x = Fraction(x)
    for p in range(8):
        if (x * 10**p).denominator == 1:
            return p
    return None


def dec(x) -> str:
    """A value as a decimal: exact when it terminates, otherwise to 2 decimal places."""
    places = decimal_places(x)
    return fixed(x, 2 if places is None else places)


def deg(x) -> str:
    return f"{dec(x)}^ {{\\circ}}"


def index_form(base, exponent) -> str:
    return str(base) if exponent == 1 else f"{base}^ {{{exponent}}}"


def poly(*terms: tuple) -> str:
    """Render (coefficient, symbol) terms like ``3 x^ {2} - x + 4``, skipping zero terms."""
    out = []
    for coefficient, symbol in terms:
        if coefficient == 0:
            continue
        size = abs(coefficient)
        body = symbol if (size == 1 and symbol) else f"{dec(size)} {symbol}".strip()
        if out:
            out.append(f"{'-' if coefficient < 0 else '+'} {body}")
        else:
            out.append(f"{'-' if coefficient < 0 else ''}{body}")
    return " ".join(out) or "0"


def pt(x, y) -> str:
    return f"({dec(x)},{dec(y)})"


def listing(values) -> str:
    return ", ".join(str(v) for v in values)


def units(value, unit: str, power: int = 1) -> str:
    return f"{dec(value)} {unit}" + (f"^ {{{power}}}" if power > 1 else "")
