"""Procedural Eedi-style pairs: (question + wrong answer, misconception name).

The "Mining Misconceptions in Mathematics" data cannot be shipped, so this module
authors its own catalogue.  Misconceptions that are distractors for the same kind
of question share a *family* generator: it draws a random question instance with
its correct answer and parameters, and each misconception turns those parameters
into the wrong answer it leads to.  Text is rendered in the competition's register:
lowercase, LaTeX-ish spacing (``\\frac {2} {7}``), maths optionally wrapped in
``( ... )``, and sentence_0 = question text + " " + wrong answer.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from types import SimpleNamespace
from typing import Callable

Params = SimpleNamespace

_MAX_TRIES = 500  # resampling budget before a family is declared broken
_LOOKAHEAD = 150  # how far ahead in the draw order siblings are sought for a shared question
_EXTRA_ANSWERS = (0, 0, 1, 2)  # extra wrong answers attached to a question (1-3 in total)

_TOPIC_BASES = {
    "place value and arithmetic": 100,
    "rounding and estimation": 200,
    "fractions": 300,
    "decimals": 400,
    "percentages": 500,
    "negative numbers": 600,
    "order of operations": 700,
    "powers and roots": 800,
    "algebraic expressions": 900,
    "equations and inequalities": 1000,
    "angles": 1100,
    "ratio and proportion": 1200,
    "sequences": 1300,
    "graphs and coordinates": 1400,
    "statistics and probability": 1500,
    "area, perimeter and volume": 1600,
    "measures and units": 1700,
    "factors, multiples and primes": 1800,
}

NAMES = (
    "sam", "priya", "tom", "aisha", "leo", "maya", "omar", "zoe", "finn", "grace", "ravi", "ella",
    "kofi", "nina", "jack", "lucy", "amir", "beth", "dev", "hana", "theo", "isla", "max", "noor",
)
ITEMS = ("coat", "bike", "lamp", "tent", "phone", "game", "chair", "watch", "kettle", "scooter")
LETTERS = ("x", "y", "a", "b", "p", "q", "m", "t")
_LENGTH_UNITS = ("cm", "m", "mm")


@dataclass(frozen=True)
class Question:
    """One rendered question instance; ``p`` holds what the wrong-answer rules need."""

    text: str
    correct: str
    p: Params


@dataclass(frozen=True)
class Misconception:
    """A named misconception: its family's question generator plus its wrong-answer rule."""

    id: int
    topic: str
    name: str
    family: str
    make: Callable[[random.Random], Question]
    wrong: Callable[[Params], str | None]

    def sample(self, rng: random.Random) -> tuple[Question, str]:
        """Draw questions until this misconception yields an answer that differs from the correct one."""
        for _ in range(_MAX_TRIES):
            question = self.make(rng)
            wrong = self.wrong(question.p)
            if wrong is not None and wrong != question.correct:
                return question, wrong
        raise RuntimeError(f"misconception {self.id} never produced a distinct wrong answer")


_REGISTRY: list[Misconception] = []


def _family(topic: str, *misconceptions: tuple[str, Callable[[Params], str | None]]):
    """Register a question generator with the misconceptions that answer it wrongly.

    Ids are the topic's base plus the running count within the topic, so they are
    stable as long as entries are only appended.
    """

    def register(make: Callable[[random.Random], Question]):
        for name, wrong in misconceptions:
            mid = _TOPIC_BASES[topic] + sum(m.topic == topic for m in _REGISTRY)
            _REGISTRY.append(Misconception(mid, topic, name, make.__name__, make, wrong))
        return make

    return register


# ----------------------------------------------------------------------------- rendering


def _ask(rng: random.Random, templates: tuple[str, ...], **fields) -> str:
    """Fill a random phrasing; maths between ``$`` signs is wrapped in ( ... ) or left bare."""
    fields.setdefault("name", rng.choice(NAMES))
    parts = rng.choice(templates).format(**fields).split("$")
    wrap = rng.random() < 0.5
    for i in range(1, len(parts), 2):
        parts[i] = f"( {parts[i].strip()} )" if wrap else parts[i].strip()
    return " ".join("".join(parts).split())


def _fr(n: int, d: int) -> str:
    """A fraction exactly as written, not simplified (students rarely simplify distractors)."""
    sign = "-" if n * d < 0 else ""
    return f"{sign}\\frac {{{abs(n)}}} {{{abs(d)}}}"


def _fv(x) -> str:
    """An exact value as an integer or a simplified fraction."""
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else _fr(x.numerator, x.denominator)


def _round_half_up(x) -> int:
    """School rounding (halves away from zero); Python's round() is banker's rounding."""
    x = Fraction(x)
    return math.floor(x + Fraction(1, 2)) if x >= 0 else -math.floor(-x + Fraction(1, 2))


def _fixed(x, places: int) -> str:
    """``x`` rounded to exactly ``places`` decimal places, keeping trailing zeros."""
    scaled = _round_half_up(Fraction(x) * 10**places)
    digits = str(abs(scaled)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


def _places(x) -> int | None:
    """Decimal places needed to write ``x`` exactly, or None if it does not terminate."""
    x = Fraction(x)
    for p in range(8):
        if (x * 10**p).denominator == 1:
            return p
    return None


def _dec(x) -> str:
    """A value as a decimal: exact when it terminates, otherwise to 2 decimal places."""
    places = _places(x)
    return _fixed(x, 2 if places is None else places)


def _deg(x) -> str:
    return f"{_dec(x)}^ {{\\circ}}"


def _pow(base, exponent) -> str:
    return str(base) if exponent == 1 else f"{base}^ {{{exponent}}}"


def _poly(*terms: tuple) -> str:
    """Render (coefficient, symbol) terms like ``3 x^ {2} - x + 4``, skipping zero terms."""
    out = []
    for coefficient, symbol in terms:
        if coefficient == 0:
            continue
        size = abs(coefficient)
        body = symbol if (size == 1 and symbol) else f"{_dec(size)} {symbol}".strip()
        if out:
            out.append(f"{'-' if coefficient < 0 else '+'} {body}")
        else:
            out.append(f"{'-' if coefficient < 0 else ''}{body}")
    return " ".join(out) or "0"


def _pt(x, y) -> str:
    return f"({_dec(x)},{_dec(y)})"


def _listing(values) -> str:
    return ", ".join(str(v) for v in values)


def _spf(n: int) -> int:
    """Smallest prime factor."""
    return next(k for k in range(2, n + 1) if n % k == 0)


def _coprime_pair(rng: random.Random, lo: int, hi: int) -> tuple[int, int]:
    while True:
        a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        if a != b and math.gcd(a, b) == 1:
            return a, b


def _proper_fraction(rng: random.Random, lo: int = 2, hi: int = 12) -> tuple[int, int]:
    while True:
        d = rng.randint(lo, hi)
        n = rng.randint(1, d - 1)
        if math.gcd(n, d) == 1:
            return n, d


# ----------------------------------------------------------------------------- place value and arithmetic


def _columns(a: int, b: int) -> list[tuple[int, int]]:
    """Digit pairs of a column calculation, units column first."""
    da, db = str(a)[::-1], str(b)[::-1]
    width = max(len(da), len(db))
    return [(int(da[i]) if i < len(da) else 0, int(db[i]) if i < len(db) else 0) for i in range(width)]


def _join_columns(results: list[int]) -> str:
    """Write per-column results side by side, as a pupil would under the line."""
    return str(int("".join(str(r) for r in reversed(results))))


@_family(
    "place value and arithmetic",
    ("When adding in columns, writes down each column's full total instead of carrying",
     lambda p: _join_columns([x + y for x, y in p.cols])),
    ("Forgets to add on the carried digit when adding in columns",
     lambda p: _join_columns([(x + y) % 10 for x, y in p.cols[:-1]] + [sum(p.cols[-1])])),
)
def _column_addition(rng):
    """Two- and three-digit sums that need at least one carry."""
    while True:
        a, b = rng.randint(15, 989), rng.randint(15, 989)
        if any(x + y >= 10 for x, y in _columns(a, b)):
            break
    text = _ask(rng, (
        "work out $ {a} + {b} $",
        "what is $ {a} + {b} $ ?",
        "{name} uses the column method to add {a} and {b}. what answer should they get?",
        "a shop sells {a} drinks in the morning and {b} in the afternoon. how many drinks is that altogether?",
    ), a=a, b=b)
    return Question(text, str(a + b), Params(cols=_columns(a, b)))


@_family(
    "place value and arithmetic",
    ("Takes the smaller digit from the larger one in every column, whichever number it belongs to",
     lambda p: _join_columns([abs(x - y) for x, y in p.cols])),
    ("Exchanges from the next column when subtracting but does not reduce that column's digit",
     lambda p: _join_columns([x - y if x >= y else x + 10 - y for x, y in p.cols])),
)
def _column_subtraction(rng):
    """Three-digit subtractions with at least one exchange."""
    while True:
        a = rng.randint(200, 999)
        b = rng.randint(101, a - 1)
        if any(x < y for x, y in _columns(a, b)):
            break
    text = _ask(rng, (
        "work out $ {a} - {b} $",
        "calculate $ {a} - {b} $ using a written method.",
        "{name} has {a} stickers and gives away {b}. how many are left?",
        "what is the difference between {a} and {b}?",
    ), a=a, b=b)
    return Question(text, str(a - b), Params(cols=_columns(a, b)))


@_family(
    "place value and arithmetic",
    ("Thinks multiplying a decimal by 10, 100 or 1000 just means writing zeros on the end",
     lambda p: _dec(p.x) + "0" * p.k if p.times else None),
    ("Moves the digits the wrong way, making the number smaller when multiplying by a power of ten or bigger when dividing",
     lambda p: _dec(p.x / 10**p.k if p.times else p.x * 10**p.k)),
    ("Moves the digits one place fewer than the number of zeros in the power of ten",
     lambda p: (_dec(p.x * 10 ** (p.k - 1) if p.times else p.x / 10 ** (p.k - 1)) if p.k > 1 else None)),
)
def _power_of_ten(rng):
    """Decimals multiplied or divided by 10, 100 or 1000."""
    x = Fraction(rng.randint(11, 999), rng.choice((10, 100)))
    while x.denominator == 1:
        x = Fraction(rng.randint(11, 999), rng.choice((10, 100)))
    k, times = rng.randint(1, 3), rng.random() < 0.5
    power = 10**k
    if times:
        templates = ("work out $ {x} \\times {f} $", "what is $ {x} \\times {f} $ ?",
                     "{name} multiplies {x} by {f}. what should the answer be?")
    else:
        templates = ("work out $ {x} \\div {f} $", "what is $ {x} \\div {f} $ ?",
                     "{name} divides {x} by {f}. what should the answer be?")
    text = _ask(rng, templates, x=_dec(x), f=power)
    return Question(text, _dec(x * power if times else x / power), Params(x=x, k=k, times=times))


@_family(
    "place value and arithmetic",
    ("Gives the digit on its own instead of the value of the column it sits in",
     lambda p: str(p.d)),
    ("Counts place value columns starting from ten instead of one, so the value comes out ten times too big",
     lambda p: f"{p.d * 10 ** (p.pos + 1):,}"),
)
def _place_value(rng):
    """The value of one (non-repeated) digit in a large whole number."""
    while True:
        n = rng.randint(10_000, 9_999_999)
        s = str(n)
        choices = [i for i in range(1, len(s)) if s[-1 - i] != "0" and s.count(s[-1 - i]) == 1]
        if choices:
            break
    pos = rng.choice(choices)
    d = int(str(n)[-1 - pos])
    text = _ask(rng, (
        "what is the value of the digit {d} in the number $ {n} $ ?",
        "in the number {n}, what is the {d} worth?",
        "{name} writes the number {n}. what does the digit {d} represent?",
    ), d=d, n=f"{n:,}")
    return Question(text, f"{d * 10**pos:,}", Params(d=d, pos=pos))


@_family(
    "place value and arithmetic",
    ("Multiplies tens by tens and ones by ones, leaving out the other two partial products",
     lambda p: str(100 * (p.a // 10) * (p.b // 10) + (p.a % 10) * (p.b % 10))),
    ("Leaves out the place-holder zero when multiplying by the tens digit in long multiplication",
     lambda p: str(p.a * (p.b % 10) + p.a * (p.b // 10))),
)
def _long_multiplication(rng):
    """Two-digit by two-digit products."""
    a, b = rng.randint(11, 99), rng.randint(12, 99)
    while a % 10 == 0 or b % 10 == 0:
        a, b = rng.randint(11, 99), rng.randint(12, 99)
    text = _ask(rng, (
        "work out $ {a} \\times {b} $",
        "{name} uses long multiplication to calculate {a} \\times {b}. what is the answer?",
        "a box holds {a} pencils. how many pencils are in {b} boxes?",
        "calculate $ {a} \\times {b} $",
    ), a=a, b=b)
    return Question(text, str(a * b), Params(a=a, b=b))


@_family(
    "place value and arithmetic",
    ("Treats the remainder of a division as the decimal part of the answer",
     lambda p: f"{p.q}.{p.r}"),
    ("Drops the remainder and gives only the whole-number part when a decimal answer is asked for",
     lambda p: str(p.q)),
)
def _division_with_remainder(rng):
    """Divisions whose exact answer is a terminating decimal."""
    b = rng.choice((2, 4, 5, 8))
    q, r = rng.randint(3, 99), rng.randint(1, b - 1)
    a = b * q + r
    text = _ask(rng, (
        "work out $ {a} \\div {b} $, giving your answer as a decimal.",
        "a {a} m rope is cut into {b} equal pieces. how long is each piece, in metres?",
        "{name} divides {a} by {b} and writes the answer as a decimal. what should they write?",
    ), a=a, b=b)
    return Question(text, _dec(Fraction(a, b)), Params(q=q, r=r))


# ----------------------------------------------------------------------------- rounding and estimation


def _round_to(n: int, step: int) -> int:
    return _round_half_up(Fraction(n, step)) * step


@_family(
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
    text = _ask(rng, (
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
    value = Fraction(_round_half_up(x * Fraction(10) ** places)) / Fraction(10) ** places
    return _fixed(value, places) if places > 0 else f"{int(value):,}"


@_family(
    "rounding and estimation",
    ("Counts the zeros straight after the decimal point as significant figures",
     lambda p: _fixed(p.x, p.sf) if p.form == "small" else None),
    ("Leaves off the place-holder zeros when rounding a whole number to significant figures",
     lambda p: _sig_figs(p.x, p.sf).replace(",", "")[: p.sf] if p.form == "whole" else None),
    ("Rounds to that many decimal places when asked for significant figures",
     lambda p: _fixed(p.x, p.sf) if p.form == "mixed" else None),
)
def _significant_figures(rng):
    """Small decimals, whole numbers and mixed decimals rounded to significant figures."""
    form = rng.choice(("small", "whole", "mixed"))
    if form == "small":
        x, sf = Fraction(rng.randint(1001, 9999), 10 ** rng.randint(5, 7)), rng.randint(1, 3)
        shown = _dec(x)
    elif form == "whole":
        x, sf = Fraction(rng.randint(1_001, 999_999)), rng.randint(1, 2)
        shown = f"{int(x):,}"
    else:
        x, sf = Fraction(rng.randint(10_001, 999_999), 1000), rng.randint(2, 3)
        shown = _dec(x)
    text = _ask(rng, (
        "round {x} to {sf} significant figures.",
        "write {x} correct to {sf} significant figures.",
        "{name} rounds {x} to {sf} s.f. what should the answer be?",
    ), x=shown, sf=sf)
    return Question(text, _sig_figs(x, sf), Params(form=form, x=x, sf=sf))


def _one_sf(x: Fraction) -> Fraction:
    e = _magnitude(x)
    return Fraction(_round_half_up(x / Fraction(10) ** e)) * Fraction(10) ** e


@_family(
    "rounding and estimation",
    ("Rounds to the nearest whole number instead of to one significant figure when estimating",
     lambda p: str(_round_half_up(p.a) * _round_half_up(p.b))),
    ("Rounds only the first number before working out an estimate",
     lambda p: _dec(_one_sf(p.a) * p.b)),
)
def _estimation(rng):
    """Estimate a product of two decimals by rounding each to 1 s.f."""
    a, b = Fraction(rng.randint(101, 999), 10), Fraction(rng.randint(11, 99), 10)
    text = _ask(rng, (
        "estimate the value of $ {a} \\times {b} $ by rounding each number to 1 significant figure.",
        "{name} estimates {a} \\times {b} by rounding both numbers to one significant figure. what estimate should they get?",
        "by rounding to 1 significant figure, estimate the cost of {b} kg of cheese at £{a} per kg.",
    ), a=_dec(a), b=_dec(b))
    return Question(text, _dec(_one_sf(a) * _one_sf(b)), Params(a=a, b=b))


# ----------------------------------------------------------------------------- fractions


def _two_fractions(rng: random.Random) -> tuple[int, int, int, int]:
    """Two proper fractions in lowest terms with different denominators."""
    while True:
        a, b = _proper_fraction(rng)
        c, d = _proper_fraction(rng)
        if b != d:
            return a, b, c, d


_FRACTION_OPS = (
    "work out $ {f} {op} {g} $",
    "what is $ {f} {op} {g} $ ? give your answer in its simplest form.",
    "{name} works out {f} {op} {g}. what answer should they get?",
    "calculate: $ {f} {op} {g} $",
)


@_family(
    "fractions",
    ("Adds the numerators together and the denominators together when adding fractions",
     lambda p: _fv(Fraction(p.a + p.c, p.b + p.d))),
    ("Adds the numerators and multiplies the denominators without changing the numerators",
     lambda p: _fv(Fraction(p.a + p.c, p.b * p.d))),
    ("Finds a common denominator when adding fractions but keeps the original numerators",
     lambda p: _fv(Fraction(p.a + p.c, math.lcm(p.b, p.d)))),
)
def _fraction_addition(rng):
    a, b, c, d = _two_fractions(rng)
    text = _ask(rng, _FRACTION_OPS, f=_fr(a, b), g=_fr(c, d), op="+")
    return Question(text, _fv(Fraction(a, b) + Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@_family(
    "fractions",
    ("Subtracts the numerators and subtracts the denominators when subtracting fractions",
     lambda p: _fv(Fraction(p.a - p.c, p.b - p.d))),
    ("Writes both fractions over a common denominator for a subtraction but does not rescale the numerators",
     lambda p: _fv(Fraction(p.a - p.c, math.lcm(p.b, p.d)))),
)
def _fraction_subtraction(rng):
    while True:
        a, b, c, d = _two_fractions(rng)
        if b > d and Fraction(a, b) > Fraction(c, d):
            break
    text = _ask(rng, _FRACTION_OPS, f=_fr(a, b), g=_fr(c, d), op="-")
    return Question(text, _fv(Fraction(a, b) - Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@_family(
    "fractions",
    ("Cross-multiplies when multiplying fractions, numerator by the other denominator",
     lambda p: _fv(Fraction(p.a * p.d, p.b * p.c))),
    ("Puts fractions over a common denominator before multiplying and keeps that denominator",
     lambda p: _fv(Fraction((p.a * math.lcm(p.b, p.d) // p.b) * (p.c * math.lcm(p.b, p.d) // p.d),
                            math.lcm(p.b, p.d)))),
)
def _fraction_multiplication(rng):
    a, b, c, d = _two_fractions(rng)
    text = _ask(rng, _FRACTION_OPS, f=_fr(a, b), g=_fr(c, d), op="\\times")
    return Question(text, _fv(Fraction(a, b) * Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@_family(
    "fractions",
    ("Turns the first fraction upside down instead of the second when dividing fractions",
     lambda p: _fv(Fraction(p.b * p.c, p.a * p.d))),
    ("Multiplies the two fractions when the question asks for a division",
     lambda p: _fv(Fraction(p.a * p.c, p.b * p.d))),
)
def _fraction_division(rng):
    a, b, c, d = _two_fractions(rng)
    text = _ask(rng, _FRACTION_OPS, f=_fr(a, b), g=_fr(c, d), op="\\div")
    return Question(text, _fv(Fraction(a, b) / Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@_family(
    "fractions",
    ("Divides by the denominator when dividing a whole number by a unit fraction",
     lambda p: _fv(Fraction(p.n, p.k))),
)
def _divide_by_unit_fraction(rng):
    n, k = rng.randint(2, 30), rng.randint(2, 12)
    text = _ask(rng, (
        "work out $ {n} \\div {f} $",
        "how many lots of {f} are there in {n}?",
        "{name} has {n} pizzas and cuts each into pieces of size {f}. how many pieces is that?",
    ), n=n, f=_fr(1, k))
    return Question(text, str(n * k), Params(n=n, k=k))


@_family(
    "fractions",
    ("Finds one part of the amount but forgets to multiply by the numerator",
     lambda p: str(p.amount // p.d)),
    ("Swaps the roles of numerator and denominator, dividing by the top number and multiplying by the bottom",
     lambda p: str(p.amount // p.n * p.d) if p.amount % p.n == 0 else None),
    ("Multiplies the amount by the numerator but never divides by the denominator",
     lambda p: str(p.amount * p.n)),
)
def _fraction_of_amount(rng):
    n, d = _proper_fraction(rng, 3, 12)
    while n == 1:
        n, d = _proper_fraction(rng, 3, 12)
    amount = d * rng.randint(2, 25)
    text = _ask(rng, (
        "find $ {f} $ of {amount}",
        "what is $ {f} $ of £{amount} ?",
        "{name} has {amount} stickers and gives away {f} of them. how many stickers do they give away?",
        "a bag of flour weighs {amount} g. {f} of it is used. how many grams are used?",
    ), f=_fr(n, d), amount=amount)
    return Question(text, str(amount // d * n), Params(n=n, d=d, amount=amount))


@_family(
    "fractions",
    ("Stops simplifying after dividing by a common factor that is not the highest",
     lambda p: _fr(p.top // _spf(p.h), p.bottom // _spf(p.h))),
    ("Believes taking the same number away from the numerator and denominator gives an equivalent fraction",
     lambda p: _fr(p.n, p.bottom - p.top + p.n)),
)
def _simplify_fraction(rng):
    n, d = _proper_fraction(rng, 2, 15)
    h = rng.choice((4, 6, 8, 9, 10, 12, 14, 15))
    top, bottom = n * h, d * h
    text = _ask(rng, (
        "write $ {f} $ in its simplest form.",
        "simplify $ {f} $ fully.",
        "{name} is asked to simplify {f} as far as possible. what should the answer be?",
    ), f=_fr(top, bottom))
    return Question(text, _fr(n, d), Params(n=n, h=h, top=top, bottom=bottom))


@_family(
    "fractions",
    ("Multiplies the whole number by the numerator, not the denominator, when making an improper fraction",
     lambda p: _fr(p.w * p.n + p.d, p.d)),
    ("Writes the whole number in front of the numerator to make an improper fraction",
     lambda p: _fr(int(f"{p.w}{p.n}"), p.d)),
    ("Adds the whole number to the numerator when converting a mixed number",
     lambda p: _fr(p.w + p.n, p.d)),
)
def _mixed_to_improper(rng):
    n, d = _proper_fraction(rng)
    w = rng.randint(1, 9)
    text = _ask(rng, (
        "write $ {m} $ as an improper fraction.",
        "convert $ {m} $ into an improper fraction.",
        "{name} changes the mixed number {m} into a top-heavy fraction. what should they get?",
    ), m=f"{w} {_fr(n, d)}")
    return Question(text, _fr(w * d + n, d), Params(w=w, n=n, d=d))


@_family(
    "fractions",
    ("Thinks the fraction with the bigger denominator must be the bigger fraction",
     lambda p: _fr(*max(p.pair, key=lambda f: f[1]))),
    ("Compares fractions by looking only at their numerators",
     lambda p: _fr(*max(p.pair, key=lambda f: f[0]))),
)
def _compare_fractions(rng):
    while True:
        a, b, c, d = _two_fractions(rng)
        if a != c and Fraction(a, b) != Fraction(c, d):
            break
    pair = ((a, b), (c, d))
    text = _ask(rng, (
        "which is the larger fraction: $ {f} $ or $ {g} $ ?",
        "which of these fractions is bigger? {f} or {g}",
        "{name} ate {f} of a pizza and their friend ate {g} of an identical pizza. who ate more? give the fraction.",
    ), f=_fr(a, b), g=_fr(c, d))
    return Question(text, _fr(*max(pair, key=lambda f: Fraction(*f))), Params(pair=pair))


@_family(
    "fractions",
    ("Adds the same amount to the numerator as was added to the denominator to find an equivalent fraction",
     lambda p: str(p.n + p.d * p.k - p.d)),
    ("Keeps the numerator the same when changing the denominator of an equivalent fraction",
     lambda p: str(p.n)),
)
def _equivalent_fraction(rng):
    n, d = _proper_fraction(rng)
    k = rng.randint(2, 9)
    text = _ask(rng, (
        "$ {f} = {g} $ what number replaces the question mark?",
        "fill in the missing numerator: {f} = {g}",
        "{name} wants to write {f} with a denominator of {big}. what should the numerator be?",
    ), f=_fr(n, d), big=d * k, g=f"\\frac {{?}} {{{d * k}}}")
    return Question(text, str(n * k), Params(n=n, d=d, k=k))


# ----------------------------------------------------------------------------- decimals


def _decimal_digits(x: Fraction) -> str:
    """The digits after the decimal point, as written."""
    return _dec(x).split(".")[1]


@_family(
    "decimals",
    ("Thinks a decimal with more digits after the point must be the larger number",
     lambda p: _dec(max(p.pair, key=lambda x: _places(x)))),
    ("Thinks the decimal with fewer decimal places is always the larger one, because tenths beat hundredths",
     lambda p: _dec(min(p.pair, key=lambda x: _places(x)))),
)
def _compare_decimals(rng):
    whole = rng.randint(0, 9)
    short = whole + Fraction(rng.randint(1, 9), 10)
    digits = rng.randint(11, 999)
    while digits % 10 == 0:
        digits = rng.randint(11, 999)
    long = whole + Fraction(digits, 100 if digits < 100 else 1000)
    pair = (short, long) if rng.random() < 0.5 else (long, short)
    text = _ask(rng, (
        "which is bigger: $ {x} $ or $ {y} $ ?",
        "which of these decimals is the largest? {x}, {y}",
        "{name} ran {x} km and their friend ran {y} km. how far did the person who ran further run, in km?",
    ), x=_dec(pair[0]), y=_dec(pair[1]))
    return Question(text, _dec(max(pair)), Params(pair=pair))


def _random_decimal(rng: random.Random) -> Fraction:
    while True:
        x = Fraction(rng.randint(1, 99), 10 ** rng.randint(1, 2))
        if x.denominator != 1:
            return x


def _digits_only(x: Fraction) -> int:
    return int(_dec(x).replace(".", ""))


@_family(
    "decimals",
    ("Counts the decimal places in only one of the numbers when multiplying decimals",
     lambda p: _dec(Fraction(_digits_only(p.a) * _digits_only(p.b), 10 ** _places(p.a)))),
    ("Multiplies the digits and ignores the decimal points altogether",
     lambda p: str(_digits_only(p.a) * _digits_only(p.b))),
    ("Adds the decimals when the question asks for their product",
     lambda p: _dec(p.a + p.b)),
)
def _decimal_multiplication(rng):
    a, b = _random_decimal(rng), _random_decimal(rng)
    text = _ask(rng, (
        "work out $ {a} \\times {b} $",
        "what is $ {a} \\times {b} $ ?",
        "{name} buys {a} kg of grapes at £{b} per kg. how much does that cost in pounds?",
        "$ {a} \\times {b} = $",
    ), a=_dec(a), b=_dec(b))
    return Question(text, _dec(a * b), Params(a=a, b=b))


@_family(
    "decimals",
    ("Adds the digits after the decimal point as if they were a separate whole number",
     lambda p: f"{int(p.a) + int(p.b)}.{int(_decimal_digits(p.a)) + int(_decimal_digits(p.b))}"),
    ("Lines numbers up by their last digits instead of by the decimal point when adding",
     lambda p: _dec(Fraction(_digits_only(p.a) + _digits_only(p.b), 10 ** max(_places(p.a), _places(p.b))))),
)
def _decimal_addition(rng):
    a = Fraction(rng.randint(11, 99), 10)
    b = Fraction(rng.randint(101, 999), 100)
    while a.denominator == 1 or _places(b) != 2:
        a, b = Fraction(rng.randint(11, 99), 10), Fraction(rng.randint(101, 999), 100)
    if rng.random() < 0.5:
        a, b = b, a
    text = _ask(rng, (
        "work out $ {a} + {b} $",
        "what is the total of {a} and {b}?",
        "{name} pours {a} litres of water into a tank that already holds {b} litres. how many litres are in the tank now?",
    ), a=_dec(a), b=_dec(b))
    return Question(text, _dec(a + b), Params(a=a, b=b))


@_family(
    "decimals",
    ("Writes the numerator and the denominator on either side of a decimal point",
     lambda p: f"{p.n}.{p.d}"),
    ("Divides the denominator by the numerator when turning a fraction into a decimal",
     lambda p: _dec(Fraction(p.d, p.n))),
)
def _fraction_to_decimal(rng):
    d = rng.choice((2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80))
    n = rng.randint(1, d - 1)
    while math.gcd(n, d) != 1:
        n = rng.randint(1, d - 1)
    text = _ask(rng, (
        "write $ {f} $ as a decimal.",
        "{name} types {f} into a calculator that shows decimals. what should the display show?",
        "{name} has used {f} of a {thing}. write this fraction as a decimal.",
    ), f=_fr(n, d), thing=rng.choice(("tin of paint", "bag of rice", "roll of tape", "jug of juice", "tank of fuel")))
    return Question(text, _dec(Fraction(n, d)), Params(n=n, d=d))


@_family(
    "decimals",
    ("Names the columns after the decimal point tens, hundreds and thousands",
     lambda p: str(p.d * 10**p.pos)),
    ("Thinks the first column after the decimal point is the hundredths column",
     lambda p: _dec(Fraction(p.d, 10 ** (p.pos + 1)))),
)
def _decimal_place_value(rng):
    while True:
        x = Fraction(rng.randint(1001, 99999), 1000)
        digits = _fixed(x, 3).split(".")[1]
        choices = [i + 1 for i, c in enumerate(digits) if c != "0" and _fixed(x, 3).count(c) == 1]
        if choices:
            break
    pos = rng.choice(choices)
    d = int(digits[pos - 1])
    text = _ask(rng, (
        "what is the value of the digit {d} in $ {x} $ ?",
        "in the number {x}, what is the {d} worth? give your answer as a decimal.",
        "{name} writes {x}. what value does the digit {d} have?",
    ), d=d, x=_fixed(x, 3))
    return Question(text, _dec(Fraction(d, 10**pos)), Params(d=d, pos=pos))


# ----------------------------------------------------------------------------- percentages


def _pct(x) -> str:
    return f"{_dec(x)} %"


@_family(
    "percentages",
    ("Reads the numerator of a fraction as the percentage, whatever the denominator is",
     lambda p: _pct(p.n)),
    ("Divides the numerator by the denominator but forgets to multiply by 100 when writing a percentage",
     lambda p: _pct(Fraction(p.n, p.d))),
)
def _fraction_to_percentage(rng):
    d = rng.choice((4, 5, 8, 20, 25, 40, 50, 80, 200, 250))
    n = rng.randint(1, d - 1)
    while math.gcd(n, d) != 1:
        n = rng.randint(1, d - 1)
    text = _ask(rng, (
        "what is $ {f} $ written as a percentage?",
        "{name} has read {f} of a book. what percentage of the book is that?",
        "{name} scored {n} out of {d} in a quiz. what percentage did they score?",
    ), f=_fr(n, d), n=n, d=d)
    return Question(text, _pct(Fraction(100 * n, d)), Params(n=n, d=d))


@_family(
    "percentages",
    ("Thinks 1% of an amount is found by dividing it by 10",
     lambda p: _dec(Fraction(p.amount, 10) * p.pc)),
    ("Takes the percentage number away from the amount instead of finding that percentage of it",
     lambda p: _dec(p.amount - p.pc)),
    ("Divides the amount by the percentage number",
     lambda p: str(p.amount // p.pc) if p.amount % p.pc == 0 else None),
)
def _percentage_of_amount(rng):
    pc = rng.choice((5, 15, 20, 25, 30, 35, 40, 45, 55, 60, 65, 70, 75, 80, 85, 90, 95))
    amount = 20 * rng.randint(1, 30)
    text = _ask(rng, (
        "work out {pc} % of {amount}",
        "what is {pc} % of £{amount} ?",
        "{name} gets {pc} % off a bike that costs £{amount}. how many pounds do they save?",
        "{pc} % of the {amount} pupils in a school walk to school. how many pupils is that?",
    ), pc=pc, amount=amount)
    return Question(text, _dec(Fraction(amount * pc, 100)), Params(pc=pc, amount=amount))


@_family(
    "percentages",
    ("Works out the percentage of the amount but does not add it on or take it away",
     lambda p: _dec(Fraction(p.amount * p.pc, 100))),
    ("Adds or subtracts the percentage number itself rather than that percentage of the amount",
     lambda p: _dec(p.amount + p.sign * p.pc)),
)
def _percentage_change_amount(rng):
    amount = 10 * rng.randint(2, 60)
    pc = rng.choice((5, 10, 15, 20, 25, 30, 40, 50, 60, 75))
    sign = rng.choice((1, -1))
    if sign > 0:
        templates = ("increase {amount} by {pc} %",
                     "a {item} costs £{amount}. its price goes up by {pc} %. what is the new price?",
                     "{name}'s rent of £{amount} rises by {pc} %. what is the new rent?")
    else:
        templates = ("decrease {amount} by {pc} %",
                     "a {item} costing £{amount} is reduced by {pc} % in a sale. what is the sale price?",
                     "{name} had £{amount} and spent {pc} % of it. how much is left?")
    text = _ask(rng, templates, amount=amount, pc=pc, item=rng.choice(ITEMS))
    return Question(text, _dec(Fraction(amount * (100 + sign * pc), 100)), Params(amount=amount, pc=pc, sign=sign))


@_family(
    "percentages",
    ("Finds the percentage of the new amount and adds or subtracts it to undo a percentage change",
     lambda p: _dec(p.new - p.sign * p.new * Fraction(p.pc, 100))),
)
def _reverse_percentage(rng):
    original = 20 * rng.randint(1, 40)
    pc = rng.choice((5, 10, 20, 25, 40, 50))
    sign = rng.choice((1, -1))
    new = original * Fraction(100 + sign * pc, 100)
    word = "increase" if sign > 0 else "decrease"
    text = _ask(rng, (
        "after a {pc} % {word}, a {item} costs £{new}. what did it cost before?",
        "{name}'s wage changed by a {pc} % {word} and is now £{new}. what was it before the change?",
        "the price of a {item} is £{new} after a {pc} % {word}. find the original price.",
    ), pc=pc, word=word, new=_dec(new), item=rng.choice(ITEMS))
    return Question(text, str(original), Params(new=new, pc=pc, sign=sign))


@_family(
    "percentages",
    ("Writes a percentage as a decimal by putting its digits straight after the decimal point",
     lambda p: f"0.{p.pc}"),
    ("Multiplies by 100 when changing a percentage into a decimal, instead of dividing",
     lambda p: str(p.pc * 100)),
)
def _percentage_to_decimal(rng):
    pc = rng.choice((rng.randint(1, 9), rng.randint(11, 99), rng.randint(101, 350)))
    text = _ask(rng, (
        "{name} is asked to write {pc} % as a decimal. what should they write?",
        "the interest rate on {name}'s savings is {pc} %. write this rate as a decimal.",
        "{name} needs to type {pc} % into a spreadsheet as a decimal. what should they type?",
    ), pc=pc)
    return Question(text, _dec(Fraction(pc, 100)), Params(pc=pc))


@_family(
    "percentages",
    ("Divides the change by the new amount rather than the original when finding a percentage change",
     lambda p: _pct(Fraction(100 * abs(p.change), p.new))),
    ("Gives the actual change as if it were the percentage change",
     lambda p: _pct(abs(p.change))),
)
def _percentage_change(rng):
    while True:
        original = rng.choice((20, 25, 40, 50, 80, 120, 160, 200, 250, 400, 500))
        pc = rng.choice((10, 20, 25, 30, 40, 50, 60, 75))
        change = rng.choice((1, -1)) * original * pc // 100
        if original * pc % 100 == 0:
            break
    new = original + change
    word = "increase" if change > 0 else "decrease"
    text = _ask(rng, (
        "a price changes from £{old} to £{new}. what is the percentage {word}?",
        "the number of visitors to a museum went from {old} to {new}. find the percentage {word}.",
        "{name}'s score went from {old} to {new}. what is the percentage {word}?",
    ), old=original, new=new, word=word)
    return Question(text, _pct(pc), Params(change=change, new=new))


# ----------------------------------------------------------------------------- negative numbers


_EXPRESSION_TEMPLATES = (
    "work out $ {e} $",
    "what is $ {e} $ ?",
    "calculate: $ {e} $",
    "{name} types $ {e} $ into a calculator. what answer should it show?",
)


@_family(
    "negative numbers",
    ("Treats subtracting a negative number as if it were subtracting a positive number",
     lambda p: str(p.x - p.b) if p.form == "minus_negative" else None),
    ("Moves towards zero when subtracting a positive number from a negative one",
     lambda p: str(-p.a + p.b) if p.form == "negative_minus" else None),
    ("Uses 'two negatives make a positive' when subtracting a positive number from a negative one",
     lambda p: str(p.a + p.b) if p.form == "negative_minus" else None),
    ("Adds the sizes of the numbers and keeps the negative sign when adding a positive number to a negative one",
     lambda p: str(-(p.a + p.b)) if p.form == "negative_plus" else None),
)
def _add_subtract_negatives(rng):
    form = rng.choice(("minus_negative", "negative_minus", "negative_plus"))
    a, b = rng.randint(1, 25), rng.randint(1, 25)
    x = rng.choice((a, -a))
    expression, value = {
        "minus_negative": (f"{x}-({-b})", x + b),
        "negative_minus": (f"-{a}-{b}", -a - b),
        "negative_plus": (f"-{a}+{b}", b - a),
    }[form]
    text = _ask(rng, _EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, x=x))


@_family(
    "negative numbers",
    ("Thinks the product of two negative numbers is negative",
     lambda p: str(-p.a * p.b) if p.form == "times_both" else None),
    ("Gives a negative answer when a negative number is divided by a negative number",
     lambda p: str(-p.a) if p.form == "divide_both" else None),
    ("Thinks multiplying a negative number by a positive number gives a positive answer",
     lambda p: str(p.a * p.b) if p.form == "times_one" else None),
)
def _multiply_negatives(rng):
    form = rng.choice(("times_both", "divide_both", "times_one"))
    a, b = rng.randint(2, 12), rng.randint(2, 12)
    expression, value = {
        "times_both": (f"({-a}) \\times ({-b})", a * b),
        "divide_both": (f"({-a * b}) \\div ({-b})", a),
        "times_one": (rng.choice((f"({-a}) \\times {b}", f"{b} \\times ({-a})")), -a * b),
    }[form]
    text = _ask(rng, _EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b))


@_family(
    "negative numbers",
    ("Moves the wrong way along the number line when a temperature rises or falls",
     lambda p: f"{p.t - p.sign * p.k}°c"),
    ("Skips zero when counting across it on a number line, ending one place too far",
     lambda p: f"{p.t + p.sign * (p.k + 1)}°c"),
)
def _temperature_change(rng):
    sign = rng.choice((1, -1))
    start = rng.randint(1, 15)
    t = -start if sign > 0 else start
    k = start + rng.randint(1, 15)
    place = rng.choice(("in a village", "at the top of a mountain", "in a garden", "on a ski slope",
                        "at a weather station", "in a city park"))
    verb = "risen" if sign > 0 else "fallen"
    text = _ask(rng, (
        "the temperature {place} is {t}°c at 6 am. by noon it has {verb} by {k} degrees. what is the temperature at noon?",
        "at midnight the temperature {place} was {t}°c. it has since {verb} {k}°c. what is the temperature now?",
        "{name} records a temperature of {t}°c {place}. later it has {verb} by {k}°c. what does {name} record now?",
    ), place=place, t=t, verb=verb, k=k)
    return Question(text, f"{t + sign * k}°c", Params(t=t, k=k, sign=sign))


@_family(
    "negative numbers",
    ("Orders negative numbers by the size of their digits, ignoring the minus sign",
     lambda p: str(-max(p.a, p.b) if p.greater else -min(p.a, p.b))),
)
def _order_negatives(rng):
    a, b = rng.sample(range(1, 41), 2)
    greater = rng.random() < 0.5
    word = rng.choice(("greater", "bigger", "larger")) if greater else rng.choice(("smaller", "lower"))
    side = "right" if greater else "left"
    text = _ask(rng, (
        "which is {word}: $ -{a} $ or $ -{b} $ ?",
        "which of these numbers is {word}? -{a}, -{b}",
        "on a number line, which is further to the {side}: -{a} or -{b}?",
        "{name} compares -{a} and -{b}. which is the {word} number?",
    ), a=a, b=b, word=word, side=side)
    return Question(text, str(-min(a, b) if greater else -max(a, b)), Params(a=a, b=b, greater=greater))


# ----------------------------------------------------------------------------- order of operations


@_family(
    "order of operations",
    ("Works from left to right, adding or subtracting before multiplying or dividing",
     lambda p: _fv(Fraction(p.a + p.sign * p.b) * (p.c if p.times else Fraction(1, p.c)))),
)
def _multiply_before_adding(rng):
    a, b, c = rng.randint(2, 20), rng.randint(2, 12), rng.randint(2, 9)
    sign, times = rng.choice((1, -1)), rng.random() < 0.5
    if not times:
        b *= c
    plus, op = "+" if sign > 0 else "-", "\\times" if times else "\\div"
    expression = f"{a} {plus} {b} {op} {c}"
    text = _ask(rng, _EXPRESSION_TEMPLATES + ("what is the value of $ {e} $ ?",), e=expression)
    return Question(text, str(a + sign * (b * c if times else b // c)), Params(a=a, b=b, c=c, sign=sign, times=times))


@_family(
    "order of operations",
    ("Thinks addition must always be done before subtraction, whatever order they appear in",
     lambda p: str(p.a - (p.b + p.c)) if p.form == "subtract_add" else None),
    ("Thinks multiplication must always be done before division, whatever order they appear in",
     lambda p: _fv(Fraction(p.a, p.b * p.c)) if p.form == "divide_multiply" else None),
)
def _same_rank_operations(rng):
    form = rng.choice(("subtract_add", "divide_multiply"))
    b, c = rng.randint(2, 12), rng.randint(2, 12)
    if form == "subtract_add":
        a = b + rng.randint(1, 30)
        expression, value = f"{a} - {b} + {c}", a - b + c
    else:
        a = b * rng.randint(2, 12)
        expression, value = f"{a} \\div {b} \\times {c}", a // b * c
    text = _ask(rng, _EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, c=c))


@_family(
    "order of operations",
    ("Does the addition before working out the power",
     lambda p: str((p.a + p.b) ** p.n) if p.form == "add" else None),
    ("Multiplies by the number in front before working out the power",
     lambda p: str((p.a * p.b) ** p.n) if p.form == "multiply" else None),
)
def _powers_in_expressions(rng):
    form = rng.choice(("add", "multiply"))
    a, b, n = rng.randint(2, 12), rng.randint(2, 9), rng.choice((2, 2, 3))
    if form == "add":
        expression, value = f"{a} + {_pow(b, n)}", a + b**n
    else:
        expression, value = rng.choice((f"{a} \\times {_pow(b, n)}", f"{a} ( {_pow(b, n)} )")), a * b**n
    text = _ask(rng, _EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(form=form, a=a, b=b, n=n))


@_family(
    "order of operations",
    ("Multiplies only the first number inside the brackets by the number outside",
     lambda p: str(p.a * p.b + p.c) if p.outside_first else None),
    ("Ignores the brackets and does the multiplication first",
     lambda p: str(p.a + p.b * p.c) if not p.outside_first else None),
)
def _brackets_first(rng):
    a, b, c = rng.randint(2, 12), rng.randint(2, 15), rng.randint(2, 15)
    outside_first = rng.random() < 0.5
    if outside_first:
        expression = rng.choice((f"{a} \\times ({b} + {c})", f"{a}({b} + {c})"))
    else:
        expression = f"({a} + {b}) \\times {c}"
    value = a * (b + c) if outside_first else (a + b) * c
    text = _ask(rng, _EXPRESSION_TEMPLATES, e=expression)
    return Question(text, str(value), Params(a=a, b=b, c=c, outside_first=outside_first))


# ----------------------------------------------------------------------------- powers and roots


@_family(
    "powers and roots",
    ("Multiplies the base by the index instead of multiplying the base by itself",
     lambda p: str(p.a * p.n)),
    ("Multiplies the base by itself one time too many when working out a power",
     lambda p: str(p.a ** (p.n + 1))),
)
def _evaluate_power(rng):
    a, n = rng.randint(2, 20), rng.randint(2, 4)
    while a**n > 50_000:
        a, n = rng.randint(2, 20), rng.randint(2, 4)
    word = {2: "squared", 3: "cubed", 4: "to the power of 4"}[n]
    text = _ask(rng, (
        "what is the value of $ {e} $ ?",
        "{name} works out {a} {word}. what should the answer be?",
        "{name} is asked to calculate $ {e} $ . what should they get?",
    ), e=_pow(a, n), a=a, word=word)
    return Question(text, str(a**n), Params(a=a, n=n))


@_family(
    "powers and roots",
    ("Halves a number to find its square root",
     lambda p: _dec(Fraction(p.k**2, 2)) if p.n == 2 else None),
    ("Divides by 3 to find a cube root",
     lambda p: _dec(Fraction(p.k**3, 3)) if p.n == 3 else None),
)
def _roots(rng):
    n, u = rng.choice((2, 3)), rng.choice(_LENGTH_UNITS)
    k = rng.randint(2, 30) if n == 2 else rng.randint(2, 15)
    word, shape, size, part = (("square root", "square", "area", "side") if n == 2 else
                               ("cube root", "cube", "volume", "edge"))
    text = _ask(rng, (
        "what is $ {s} $ ?",
        "{name} needs the {word} of {v}. what is it?",
        "{name} is asked to work out $ {s} $ without a calculator. what is the answer?",
        "{name} makes a {shape} with {size} {v} {u}^ {{{n}}}. how long is each {part}, in {u}?",
    ), s=f"\\sqrt {{{k**n}}}" if n == 2 else f"\\sqrt[3] {{{k**n}}}", v=k**n, u=u, n=n,
        word=word, shape=shape, size=size, part=part)
    return Question(text, str(k), Params(k=k, n=n))


@_family(
    "powers and roots",
    ("Gives a negative result when squaring a negative number",
     lambda p: str(-p.a**2) if p.bracket else None),
    ("Squares the minus sign too when it sits outside the power",
     lambda p: str(p.a**2) if not p.bracket else None),
)
def _negative_squared(rng):
    a, bracket = rng.randint(2, 40), rng.random() < 0.5
    expression = f"(-{a})^ {{2}}" if bracket else f"-{a}^ {{2}}"
    text = _ask(rng, _EXPRESSION_TEMPLATES + ("evaluate $ {e} $",), e=expression)
    return Question(text, str(a**2 if bracket else -a**2), Params(a=a, bracket=bracket))


@_family(
    "powers and roots",
    ("Thinks any number to the power of zero is zero",
     lambda p: "0"),
    ("Thinks a number to the power of zero is the number itself",
     lambda p: str(p.a * p.b)),
)
def _zero_power(rng):
    a, b = rng.randint(2, 99), rng.choice((1, 1, rng.randint(2, 12)))
    expression = _pow(a, 0) if b == 1 else f"{b} \\times {_pow(a, 0)}"
    text = _ask(rng, _EXPRESSION_TEMPLATES + ("evaluate $ {e} $",), e=expression)
    return Question(text, str(b), Params(a=a, b=b))


@_family(
    "powers and roots",
    ("Thinks a negative index makes the answer negative",
     lambda p: str(-(p.a**p.n))),
    ("Multiplies the base by the negative index",
     lambda p: str(-p.a * p.n)),
)
def _negative_index(rng):
    a, n = rng.randint(2, 20), rng.randint(1, 4)
    while a**n > 100_000:
        a, n = rng.randint(2, 20), rng.randint(1, 4)
    text = _ask(rng, (
        "what is $ {e} $ as a fraction?",
        "{name} is asked to write $ {e} $ as a fraction. what should they write?",
        "{name} evaluates {e}. what should they write?",
    ), e=_pow(a, -n))
    return Question(text, _fr(1, a**n), Params(a=a, n=n))


# ----------------------------------------------------------------------------- algebraic expressions


_SIMPLIFY_TEMPLATES = (
    "simplify $ {e} $",
    "simplify fully: $ {e} $",
    "{name} is asked to simplify $ {e} $ . what should they write?",
    "write $ {e} $ in its simplest form.",
)


@_family(
    "algebraic expressions",
    ("Multiplies the coefficients when collecting like terms",
     lambda p: _poly((p.a * p.b, p.v))),
    ("Adds the powers as well as the coefficients when collecting like terms",
     lambda p: _poly((p.a + p.b, f"{p.v}^ {{2}}"))),
)
def _like_terms(rng):
    a, b, v = rng.randint(2, 12), rng.randint(2, 12), rng.choice(LETTERS)
    text = _ask(rng, _SIMPLIFY_TEMPLATES + ("collect like terms: $ {e} $",), e=_poly((a, v), (b, v)))
    return Question(text, _poly((a + b, v)), Params(a=a, b=b, v=v))


@_family(
    "algebraic expressions",
    ("Treats a subtraction as an addition when collecting like terms",
     lambda p: _poly((p.a + p.c, p.u), (p.b + p.d, p.w))),
    ("Combines unlike terms into a single term when simplifying",
     lambda p: _poly((p.a + p.b - p.c + p.d, f"{p.u} {p.w}"))),
)
def _collect_terms(rng):
    u, w = rng.choice((("x", "y"), ("a", "b"), ("m", "n"), ("p", "q"), ("c", "d")))
    a, b, d = rng.randint(2, 12), rng.randint(2, 12), rng.randint(1, 9)
    c = rng.randint(1, a - 1)
    expression = _poly((a, u), (b, w), (-c, u), (d, w))
    text = _ask(rng, _SIMPLIFY_TEMPLATES, e=expression)
    return Question(text, _poly((a - c, u), (b + d, w)), Params(a=a, b=b, c=c, d=d, u=u, w=w))


@_family(
    "algebraic expressions",
    ("Multiplies only the first term in the bracket by the number outside",
     lambda p: _poly((p.a, p.v), (p.sign * p.b, "")) if not p.negative else None),
    ("Removes the brackets without multiplying by the number outside",
     lambda p: _poly((1, p.v), (p.sign * p.b, "")) if not p.negative else None),
    ("Keeps the sign of the second term when expanding a bracket with a negative number outside",
     lambda p: _poly((-p.a, p.v), (-p.a * p.b, "")) if p.negative else None),
)
def _expand_single_bracket(rng):
    a, b, v = rng.randint(2, 9), rng.randint(1, 12), rng.choice(LETTERS)
    negative = rng.random() < 0.3
    sign = -1 if negative else rng.choice((1, -1))
    inner = _poly((1, v), (sign * b, ""))
    expression = f"{'-' if negative else ''}{a}({inner})"
    correct = _poly((-a, v), (a * b, "")) if negative else _poly((a, v), (sign * a * b, ""))
    text = _ask(rng, (
        "expand $ {e} $",
        "multiply out the bracket: $ {e} $",
        "{name} expands $ {e} $ . what should they get?",
        "write $ {e} $ without brackets.",
    ), e=expression)
    return Question(text, correct, Params(a=a, b=b, v=v, sign=sign, negative=negative))


@_family(
    "algebraic expressions",
    ("Multiplies only the first terms and the last terms when expanding double brackets",
     lambda p: _poly((1, f"{p.v}^ {{2}}"), (p.a * p.b, "")) if not p.square else None),
    ("Adds the numbers instead of multiplying them to get the constant term of double brackets",
     lambda p: _poly((1, f"{p.v}^ {{2}}"), (p.a + p.b, p.v), (p.a + p.b, "")) if not p.square else None),
    ("Squares each term inside the bracket separately when squaring a bracket",
     lambda p: _poly((1, f"{p.v}^ {{2}}"), (p.a**2, "")) if p.square else None),
)
def _double_brackets(rng):
    a, b, v = rng.randint(1, 9), rng.randint(1, 9), rng.choice(LETTERS)
    square = rng.random() < 0.35
    if square:
        b = a
        expression = f"({_poly((1, v), (a, ''))})^ {{2}}"
    else:
        expression = f"({_poly((1, v), (a, ''))})({_poly((1, v), (b, ''))})"
    text = _ask(rng, (
        "expand and simplify $ {e} $",
        "multiply out $ {e} $",
        "{name} expands $ {e} $ . what should their answer be?",
    ), e=expression)
    return Question(text, _poly((1, f"{v}^ {{2}}"), (a + b, v), (a * b, "")), Params(a=a, b=b, v=v, square=square))


_SUBSTITUTE_TEMPLATES = (
    "find the value of $ {e} $ when $ {v}={k} $",
    "if $ {v}={k} $, what is $ {e} $ ?",
    "{name} substitutes {v}={k} into $ {e} $ . what should they get?",
    "work out $ {e} $ when {v} is {k}.",
)


@_family(
    "algebraic expressions",
    ("Multiplies by the coefficient before squaring when substituting",
     lambda p: str((p.a * p.k) ** 2)),
    ("Doubles the value instead of squaring it when substituting",
     lambda p: str(p.a * 2 * p.k)),
)
def _substitute_square(rng):
    a, k, v = rng.randint(2, 9), rng.randint(2, 9), rng.choice(LETTERS)
    text = _ask(rng, _SUBSTITUTE_TEMPLATES, e=f"{a} {v}^ {{2}}", v=v, k=k)
    return Question(text, str(a * k * k), Params(a=a, k=k))


@_family(
    "algebraic expressions",
    ("Writes the coefficient and the value side by side instead of multiplying them",
     lambda p: str(int(f"{p.a}{p.k}") + p.c)),
    ("Adds the coefficient to the value instead of multiplying when substituting",
     lambda p: str(p.a + p.k + p.c)),
)
def _substitute_linear(rng):
    a, k, c, v = rng.randint(2, 9), rng.randint(2, 9), rng.randint(-9, 9), rng.choice(LETTERS)
    text = _ask(rng, _SUBSTITUTE_TEMPLATES, e=_poly((a, v), (c, "")), v=v, k=k)
    return Question(text, str(a * k + c), Params(a=a, k=k, c=c))


@_family(
    "algebraic expressions",
    ("Multiplies the indices when multiplying powers of the same base",
     lambda p: _pow(p.v, p.a * p.b) if p.form == "multiply" else None),
    ("Divides the indices when dividing powers of the same base",
     lambda p: _pow(p.v, p.a // p.b) if p.form == "divide" else None),
    ("Adds the indices when raising a power to another power",
     lambda p: _pow(p.v, p.a + p.b) if p.form == "power" else None),
    ("Adds the coefficients when two algebraic terms are multiplied together",
     lambda p: f"{p.r + p.s} {_pow(p.v, p.a + p.b)}" if p.form == "coefficients" else None),
)
def _index_laws(rng):
    form = rng.choice(("multiply", "divide", "power", "coefficients"))
    a, b, v = rng.randint(2, 9), rng.randint(2, 9), rng.choice(LETTERS)
    r, s = rng.randint(2, 9), rng.randint(2, 9)
    if form == "divide":
        a = b * rng.randint(2, 5)
    expression, correct = {
        "multiply": (f"{_pow(v, a)} \\times {_pow(v, b)}", _pow(v, a + b)),
        "divide": (f"{_pow(v, a)} \\div {_pow(v, b)}", _pow(v, a - b)),
        "power": (f"({_pow(v, a)})^ {{{b}}}", _pow(v, a * b)),
        "coefficients": (f"{r} {_pow(v, a)} \\times {s} {_pow(v, b)}", f"{r * s} {_pow(v, a + b)}"),
    }[form]
    text = _ask(rng, _SIMPLIFY_TEMPLATES, e=expression)
    return Question(text, correct, Params(form=form, a=a, b=b, v=v, r=r, s=s))


@_family(
    "algebraic expressions",
    ("Takes out a common factor that is not the highest common factor and calls it fully factorised",
     lambda p: f"{_spf(p.h)}({_poly((p.h * p.a // _spf(p.h), p.v), (p.h * p.b // _spf(p.h), ''))})"),
    ("Writes the common factor outside the bracket but leaves the original terms inside",
     lambda p: f"{p.h}({_poly((p.h * p.a, p.v), (p.h * p.b, ''))})"),
)
def _factorise(rng):
    h, v = rng.choice((4, 6, 8, 9, 10, 12, 14, 15, 16, 18)), rng.choice(LETTERS)
    a, b = rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    while math.gcd(a, b) != 1:
        a, b = rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    text = _ask(rng, (
        "factorise fully $ {e} $",
        "write $ {e} $ in fully factorised form.",
        "{name} factorises {e} as far as possible. what should they write?",
    ), e=_poly((h * a, v), (h * b, "")))
    return Question(text, f"{h}({_poly((a, v), (b, ''))})", Params(h=h, a=a, b=b, v=v))


@_family(
    "algebraic expressions",
    ("Writes the operations of a worded expression in the reverse order",
     lambda p: {"times_then_add": f"{p.a}({p.v} + {p.b})",
                "add_then_times": _poly((p.a, p.v), (p.b, ""))}.get(p.form)),
    ("Writes a subtraction the wrong way round when forming an expression from words",
     lambda p: {"subtract": f"{p.b} - {p.v}", "subtract_from": f"{p.v} - {p.b}"}.get(p.form)),
)
def _form_expression(rng):
    form = rng.choice(("times_then_add", "add_then_times", "subtract", "subtract_from"))
    a, b, v = rng.randint(2, 9), rng.randint(2, 20), rng.choice(("n", "x", "y", "m"))
    steps, correct = {
        "times_then_add": (f"multiplies it by {a} and then adds {b}", _poly((a, v), (b, ""))),
        "add_then_times": (f"adds {b} and then multiplies the result by {a}", f"{a}({v} + {b})"),
        "subtract": (f"subtracts {b} from it", f"{v} - {b}"),
        "subtract_from": (f"takes it away from {b}", f"{b} - {v}"),
    }[form]
    text = _ask(rng, (
        "{name} thinks of a number, {v}. they {steps}. write an expression for the result.",
        "a number {v} is taken. someone {steps}. which expression shows the answer?",
        "write an expression for: start with {v}, then the machine {steps}.",
    ), v=v, steps=steps)
    return Question(text, correct, Params(form=form, a=a, b=b, v=v))


# ----------------------------------------------------------------------------- equations and inequalities


_SOLVE_TEMPLATES = (
    "solve $ {e} $",
    "solve the equation $ {e} $",
    "{name} solves $ {e} $ . what value of {v} should they get?",
    "find {v} if $ {e} $",
)


def _sol(v: str, value) -> str:
    return f"{v}={_fv(value)}"


@_family(
    "equations and inequalities",
    ("Multiplies by the coefficient instead of dividing by it when solving an equation",
     lambda p: _sol(p.v, (p.c - p.sign * p.b) * p.a)),
    ("Moves the constant to the other side without changing its operation",
     lambda p: _sol(p.v, Fraction(p.c + p.sign * p.b, p.a))),
    ("Divides only the right-hand side by the coefficient, then deals with the constant",
     lambda p: _sol(p.v, Fraction(p.c, p.a) - p.sign * p.b)),
)
def _two_step_equation(rng):
    a, b, x = rng.randint(2, 9), rng.randint(1, 20), rng.randint(-5, 12)
    sign, v = rng.choice((1, -1)), rng.choice(LETTERS)
    c = a * x + sign * b
    text = _ask(rng, _SOLVE_TEMPLATES, e=f"{_poly((a, v), (sign * b, ''))}={c}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, sign=sign, v=v))


@_family(
    "equations and inequalities",
    ("Divides to undo a division when solving an equation",
     lambda p: _sol(p.v, Fraction(p.b, p.a)) if p.form == "divide" else None),
    ("Applies the same operation again instead of the inverse to get the letter on its own",
     lambda p: _sol(p.v, p.b - p.a if p.form == "subtract" else p.b + p.a) if p.form in ("subtract", "add") else None),
    ("Subtracts the coefficient instead of dividing by it",
     lambda p: _sol(p.v, p.b - p.a) if p.form == "multiply" else None),
)
def _one_step_equation(rng):
    form, v = rng.choice(("divide", "subtract", "add", "multiply")), rng.choice(LETTERS)
    a, b = rng.randint(2, 15), rng.randint(2, 40)
    if form == "multiply":
        b = a * rng.randint(2, 12)
    equation, value = {
        "divide": (f"\\frac {{{v}}} {{{a}}}={b}", a * b),
        "subtract": (f"{v}-{a}={b}", b + a),
        "add": (f"{v}+{a}={b}", b - a),
        "multiply": (f"{a} {v}={b}", b // a),
    }[form]
    text = _ask(rng, _SOLVE_TEMPLATES, e=equation, v=v)
    return Question(text, _sol(v, value), Params(form=form, a=a, b=b, v=v))


_FLIP = {">": "<", "<": ">", "\\geq": "\\leq", "\\leq": "\\geq"}


@_family(
    "equations and inequalities",
    ("Does not reverse the inequality sign when dividing both sides by a negative number",
     lambda p: f"{p.v} {p.sym} {p.k}" if p.negative else None),
    ("Writes the solution of an inequality with an equals sign",
     lambda p: f"{p.v}={p.k}"),
)
def _inequality(rng):
    a, k, v = rng.randint(2, 9), rng.randint(-9, 9), rng.choice(LETTERS)
    sym, negative = rng.choice(tuple(_FLIP)), rng.random() < 0.6
    if negative:
        inequality = f"-{a} {v} {sym} {-a * k}"
        correct = f"{v} {_FLIP[sym]} {k}"
    else:
        b = rng.randint(1, 15)
        inequality = f"{_poly((a, v), (b, ''))} {sym} {a * k + b}"
        correct = f"{v} {sym} {k}"
    text = _ask(rng, (
        "solve the inequality $ {e} $",
        "find the set of values of {v} for which $ {e} $",
        "{name} solves $ {e} $ . what should their answer be?",
    ), e=inequality, v=v)
    return Question(text, correct, Params(a=a, k=k, v=v, sym=sym, negative=negative))


@_family(
    "equations and inequalities",
    ("Multiplies only the letter term when expanding the bracket in an equation",
     lambda p: _sol(p.v, Fraction(p.c - p.b, p.a))),
)
def _bracket_equation(rng):
    a, b, x, v = rng.randint(2, 9), rng.randint(1, 9), rng.randint(1, 12), rng.choice(LETTERS)
    c = a * (x + b)
    text = _ask(rng, _SOLVE_TEMPLATES, e=f"{a}({v}+{b})={c}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, v=v))


@_family(
    "equations and inequalities",
    ("Adds the letter terms from both sides instead of subtracting them",
     lambda p: _sol(p.v, Fraction(p.d - p.b, p.a + p.c))),
)
def _both_sides_equation(rng):
    c, v = rng.randint(1, 6), rng.choice(LETTERS)
    a, b, x = c + rng.randint(1, 6), rng.randint(1, 15), rng.randint(1, 10)
    d = (a - c) * x + b
    text = _ask(rng, _SOLVE_TEMPLATES, e=f"{_poly((a, v), (b, ''))}={_poly((c, v), (d, ''))}", v=v)
    return Question(text, _sol(v, x), Params(a=a, b=b, c=c, d=d, v=v))


# ----------------------------------------------------------------------------- angles


@_family(
    "angles",
    ("Uses 360 degrees as the total of the angles on a straight line",
     lambda p: _deg(360 - p.a - p.b)),
    ("Takes only one of the given angles away from 180 degrees",
     lambda p: _deg(180 - p.a)),
)
def _straight_line_angles(rng):
    a, b = rng.randint(15, 140), rng.randint(15, 140)
    while a + b > 165:
        a, b = rng.randint(15, 140), rng.randint(15, 140)
    text = _ask(rng, (
        "! [a straight line with three angles on one side. two are {a} and {b}, the third is labelled {l}.] () what is the size of angle {l}?",
        "angles of {a}, {b} and {l} lie together on a straight line. work out {l}.",
        "{name} measures two of the three angles on a straight line as {a} and {b}. what is the third angle?",
    ), a=_deg(a), b=_deg(b), l=rng.choice(LETTERS))
    return Question(text, _deg(180 - a - b), Params(a=a, b=b))


@_family(
    "angles",
    ("Uses 360 degrees as the total of the angles inside a triangle",
     lambda p: _deg(360 - p.a - p.b)),
    ("Adds the two given angles of a triangle instead of taking them away from 180 degrees",
     lambda p: _deg(p.a + p.b)),
)
def _triangle_angles(rng):
    a, b = rng.randint(20, 130), rng.randint(20, 130)
    while a + b > 160:
        a, b = rng.randint(20, 130), rng.randint(20, 130)
    text = _ask(rng, (
        "a triangle has angles of {a} and {b}. what is the third angle?",
        "! [a triangle with two angles marked {a} and {b} and the third labelled {l}.] () find {l}.",
        "{name} draws a triangle with angles {a}, {b} and {l}. what is {l}?",
    ), a=_deg(a), b=_deg(b), l=rng.choice(LETTERS))
    return Question(text, _deg(180 - a - b), Params(a=a, b=b))


@_family(
    "angles",
    ("Uses 180 degrees as the total of the angles around a point",
     lambda p: _deg(180 - p.total)),
)
def _angles_around_point(rng):
    angles = [rng.randint(20, 80) for _ in range(3)]
    while sum(angles) > 170:
        angles = [rng.randint(20, 80) for _ in range(3)]
    a, b, c = (_deg(x) for x in angles)
    text = _ask(rng, (
        "four angles meet at a point. three of them are {a}, {b} and {c}. what is the fourth angle?",
        "! [four angles around a point: {a}, {b}, {c} and {l}.] () what is the size of {l}?",
        "{name} cuts a round cake into four slices. three slices have angles {a}, {b} and {c} at the centre. what is the angle of the last slice?",
    ), a=a, b=b, c=c, l=rng.choice(LETTERS))
    return Question(text, _deg(360 - sum(angles)), Params(total=sum(angles)))


_POLYGONS = {5: "pentagon", 6: "hexagon", 7: "heptagon", 8: "octagon", 9: "nonagon", 10: "decagon",
             11: "hendecagon", 12: "dodecagon"}
_SHAPED_THINGS = ("tile", "badge", "coaster", "window", "table top", "coin", "sign", "logo", "plate", "garden bed")


@_family(
    "angles",
    ("Uses 360 degrees as the interior angle total for polygons with more than four sides",
     lambda p: _deg(360) if p.form == "sum" else None),
    ("Multiplies the number of sides by 180 to find the sum of the interior angles",
     lambda p: _deg(180 * p.n) if p.form == "sum" else None),
    ("Gives the exterior angle when asked for an interior angle of a regular polygon",
     lambda p: _deg(Fraction(360, p.n)) if p.form == "interior" else None),
    ("Divides 180 by the number of sides to find an exterior angle of a regular polygon",
     lambda p: _deg(Fraction(180, p.n)) if p.form == "exterior" else None),
)
def _polygon_angles(rng):
    form = rng.choice(("sum", "interior", "exterior"))
    n = rng.choice(tuple(_POLYGONS) if form == "sum" else (5, 6, 8, 9, 10, 12))
    fields = dict(poly=_POLYGONS[n], n=n, thing=rng.choice(_SHAPED_THINGS))
    if form == "sum":
        templates = ("{name}'s {thing} is shaped like a {poly}. what do its interior angles add up to?",
                     "{name} draws a {poly} for a {thing} design. what is the sum of its interior angles?",
                     "a {thing} has {n} straight sides. {name} wants the total of its interior angles. what is it?")
        correct = _deg(180 * (n - 2))
    else:
        templates = ("{name}'s {thing} is a regular {poly}. what is the size of each {kind} angle?",
                     "{name} designs a {thing} in the shape of a regular {poly}. work out one of its {kind} angles.",
                     "a regular {thing} has {n} equal sides. {name} needs the size of one {kind} angle. what is it?")
        fields["kind"] = form
        correct = _deg(180 - Fraction(360, n)) if form == "interior" else _deg(Fraction(360, n))
    return Question(_ask(rng, templates, **fields), correct, Params(form=form, n=n))


@_family(
    "angles",
    ("Thinks vertically opposite angles make 180 degrees together instead of being equal",
     lambda p: _deg(180 - p.a)),
)
def _vertically_opposite(rng):
    a = rng.randint(15, 165)
    while a == 90:
        a = rng.randint(15, 165)
    text = _ask(rng, (
        "two straight lines cross. one of the angles formed is {a}. what is the angle vertically opposite it?",
        "! [two straight lines crossing at a point. one angle is {a}; the angle opposite it is labelled {l}.] () what is {l}?",
        "{name} draws two crossing straight lines and measures one angle as {a}. what is the angle directly opposite it?",
    ), a=_deg(a), l=rng.choice(LETTERS))
    return Question(text, _deg(a), Params(a=a))


@_family(
    "angles",
    ("Subtracts the top angle of an isosceles triangle from 180 degrees but forgets to halve",
     lambda p: _deg(180 - p.a) if p.apex_given else None),
    ("Assumes all the angles in an isosceles triangle are equal",
     lambda p: _deg(60)),
    ("Subtracts only one base angle from 180 degrees to find the top angle of an isosceles triangle",
     lambda p: _deg(180 - p.a) if not p.apex_given else None),
)
def _isosceles_angles(rng):
    apex_given = rng.random() < 0.5
    a = 2 * rng.randint(10, 80) if apex_given else rng.randint(20, 85)
    shown, l = _deg(a), rng.choice(LETTERS)
    if apex_given:
        templates = ("an isosceles triangle has a top angle of {s} between its equal sides. what is each base angle?",
                     "! [an isosceles triangle. the angle between the two equal sides is {s}; a base angle is labelled {l}.] () find {l}.",
                     "{name} draws an isosceles triangle whose angle between the equal sides is {s}. what size are the other two angles?")
        correct = _deg(Fraction(180 - a, 2))
    else:
        templates = ("the base angles of an isosceles triangle are each {s}. what is the third angle?",
                     "! [an isosceles triangle with both base angles marked {s}; the top angle is labelled {l}.] () find {l}.",
                     "{name} draws an isosceles triangle with two angles of {s}. what is the remaining angle?")
        correct = _deg(180 - 2 * a)
    return Question(_ask(rng, templates, s=shown, l=l), correct, Params(a=a, apex_given=apex_given))


@_family(
    "angles",
    ("Thinks alternate angles on parallel lines make 180 degrees together instead of being equal",
     lambda p: _deg(180 - p.a) if p.kind == "alternate" else None),
    ("Takes co-interior angles to be equal rather than adding to 180 degrees",
     lambda p: _deg(p.a) if p.kind == "co-interior" else None),
    ("Thinks corresponding angles on parallel lines make 180 degrees together instead of being equal",
     lambda p: _deg(180 - p.a) if p.kind == "corresponding" else None),
)
def _parallel_line_angles(rng):
    a, kind = rng.randint(35, 145), rng.choice(("alternate", "corresponding", "co-interior"))
    while a == 90:
        a = rng.randint(35, 145)
    text = _ask(rng, (
        "! [two parallel lines crossed by a transversal. one angle is {s}; angle {l} is {kind} to it.] () what is the size of {l}?",
        "angle {l} and an angle of {s} are {kind} angles between parallel lines. find {l}.",
        "{name} spots that angle {l} is {kind} to an angle of {s} on a pair of parallel lines. work out {l}.",
    ), s=_deg(a), l=rng.choice(LETTERS), kind=kind)
    return Question(text, _deg(180 - a if kind == "co-interior" else a), Params(a=a, kind=kind))


@_family(
    "angles",
    ("Reads from the wrong scale on a protractor",
     lambda p: _deg(180 - p.a)),
)
def _protractor(rng):
    a, inner = rng.randint(10, 170), rng.random() < 0.5
    while a == 90:
        a = rng.randint(10, 170)
    zero, other = ("inner", "outer") if inner else ("outer", "inner")
    text = _ask(rng, (
        "! [a protractor measuring an angle. one arm lies along zero on the {zero} scale; the other arm passes {a} on the {zero} scale and {b} on the {other} scale.] () what is the size of the angle?",
        "{name} measures an angle with a protractor. one arm is on zero of the {zero} scale and the other arm crosses the scales at {a} and {b} ({zero} first). what is the angle?",
    ), zero=zero, other=other, a=a, b=180 - a)
    return Question(text, _deg(a), Params(a=a))


# ----------------------------------------------------------------------------- ratio and proportion


@_family(
    "ratio and proportion",
    ("Shares an amount equally between the people, ignoring the ratio",
     lambda p: _dec(Fraction(p.total, 2))),
    ("Works out the value of one part but does not multiply by the number of parts",
     lambda p: str(p.total // (p.a + p.b))),
    ("Divides the total by that person's number in the ratio",
     lambda p: str(p.total // p.part) if p.total % p.part == 0 else None),
)
def _share_in_ratio(rng):
    a, b = _coprime_pair(rng, 1, 9)
    total = (a + b) * rng.randint(2, 30)
    first, second = rng.sample(NAMES, 2)
    ask_first = rng.random() < 0.5
    part, who = (a, first) if ask_first else (b, second)
    text = _ask(rng, (
        "{first} and {second} share £{total} in the ratio {a} : {b}. how much does {who} get?",
        "{total} sweets are shared between {first} and {second} in the ratio {a} : {b}. how many sweets does {who} receive?",
        "divide {total} in the ratio {a} : {b}. give the share for {who}, who has the {pos} part of the ratio.",
    ), first=first, second=second, total=total, a=a, b=b, who=who, pos="first" if ask_first else "second")
    return Question(text, str(total // (a + b) * part), Params(a=a, b=b, total=total, part=part))


@_family(
    "ratio and proportion",
    ("Divides both sides of a ratio by a common factor that is not the highest one",
     lambda p: f"{p.x // _spf(p.h)} : {p.y // _spf(p.h)}"),
    ("Simplifies only one side of a ratio",
     lambda p: f"{p.a} : {p.y}"),
)
def _simplify_ratio(rng):
    a, b = _coprime_pair(rng, 1, 12)
    h = rng.choice((4, 6, 8, 9, 10, 12, 15, 16, 18, 20))
    x, y = a * h, b * h
    text = _ask(rng, (
        "simplify the ratio {x} : {y} fully.",
        "write {x} : {y} in its simplest form.",
        "in a club there are {x} {group1} and {y} {group2}. write the ratio of {group1} to {group2} in its simplest form.",
    ), x=x, y=y, **dict(zip(("group1", "group2"), rng.choice((("boys", "girls"), ("adults", "children"),
                                                              ("cats", "dogs"), ("red cars", "blue cars"))))))
    return Question(text, f"{a} : {b}", Params(a=a, h=h, x=x, y=y))


@_family(
    "ratio and proportion",
    ("Adds the change in the number of people to the amount instead of scaling it",
     lambda p: f"{p.amount + p.new - p.old} g"),
    ("Multiplies by the new number of people but does not divide by the original number",
     lambda p: f"{p.amount * p.new} g"),
)
def _recipe_scaling(rng):
    old, new = rng.sample(range(2, 13), 2)
    amount = old * rng.randint(5, 60)
    ingredient = rng.choice(("flour", "sugar", "butter", "rice", "pasta", "oats", "cheese", "lentils"))
    text = _ask(rng, (
        "a recipe for {old} people uses {amount} g of {ingredient}. how much {ingredient} is needed for {new} people?",
        "{name} needs {amount} g of {ingredient} to cook for {old} people. how many grams are needed for {new} people?",
        "{amount} g of {ingredient} feeds {old} people. how much feeds {new} people?",
    ), old=old, new=new, amount=amount, ingredient=ingredient)
    return Question(text, f"{_dec(Fraction(amount * new, old))} g", Params(old=old, new=new, amount=amount))


@_family(
    "ratio and proportion",
    ("Uses the other part of the ratio as the denominator instead of the total number of parts",
     lambda p: _fr(p.a, p.b)),
)
def _ratio_to_fraction(rng):
    a, b = _coprime_pair(rng, 1, 12)
    kinds = rng.choice((("red", "blue"), ("apple", "orange"), ("milk", "dark"), ("fiction", "non-fiction")))
    things = rng.choice(("counters", "sweets", "beads", "books", "cards"))
    text = _ask(rng, (
        "the ratio of {k1} to {k2} {things} in a box is {a} : {b}. what fraction of the {things} are {k1}?",
        "{name} has {k1} and {k2} {things} in the ratio {a} : {b}. what fraction of them are {k1}?",
    ), k1=kinds[0], k2=kinds[1], things=things, a=a, b=b)
    return Question(text, _fr(a, a + b), Params(a=a, b=b))


@_family(
    "ratio and proportion",
    ("Uses a map scale without converting the centimetres into kilometres",
     lambda p: f"{p.cm:,} km"),
    ("Divides by 1000 to change centimetres into kilometres",
     lambda p: f"{_dec(Fraction(p.cm, 1000))} km"),
)
def _map_scale(rng):
    scale = rng.choice((10_000, 20_000, 25_000, 50_000, 100_000, 200_000))
    d = Fraction(rng.randint(2, 30), 2)
    cm = int(d * scale)
    text = _ask(rng, (
        "a map has a scale of 1 : {s}. two towns are {d} cm apart on the map. how far apart are they in real life, in km?",
        "{name} measures {d} cm between two villages on a map with scale 1 : {s}. what is the real distance in kilometres?",
    ), s=f"{scale:,}", d=_dec(d))
    return Question(text, f"{_dec(Fraction(cm, 100_000))} km", Params(cm=cm))


# ----------------------------------------------------------------------------- sequences


_NTH_TERM_TEMPLATES = (
    "what is the nth term of the sequence {seq}, ...?",
    "find an expression for the nth term of: {seq}, ...",
    "{name} writes the sequence {seq}, ... what is its nth term rule?",
)


@_family(
    "sequences",
    ("Uses the first term as the constant in the nth term rule",
     lambda p: _poly((p.d, "n"), (p.f, ""))),
    ("Writes the nth term as n plus the common difference",
     lambda p: _poly((1, "n"), (p.d, "")) if p.d > 0 else None),
    ("Swaps the coefficient of n and the constant in the nth term rule",
     lambda p: _poly((p.f - p.d, "n"), (p.d, "")) if p.d > 0 and p.f - p.d > 1 else None),
    ("Writes a positive coefficient of n for a sequence that goes down",
     lambda p: _poly((-p.d, "n"), (p.f - p.d, "")) if p.d < 0 else None),
)
def _nth_term(rng):
    if rng.random() < 0.7:
        f, d = rng.randint(1, 25), rng.randint(2, 9)
    else:
        f, d = rng.randint(30, 80), -rng.randint(2, 9)
    terms = [f + d * i for i in range(rng.randint(4, 5))]
    text = _ask(rng, _NTH_TERM_TEMPLATES, seq=_listing(terms))
    return Question(text, _poly((d, "n"), (f - d, "")), Params(f=f, d=d))


@_family(
    "sequences",
    ("Writes the position number next to the coefficient instead of multiplying",
     lambda p: str(int(f"{p.a}{p.k}") + p.b)),
    ("Multiplies the first term by the position number to find a later term",
     lambda p: str((p.a + p.b) * p.k)),
)
def _term_from_rule(rng):
    a, b, k = rng.randint(2, 9), rng.randint(-9, 9), rng.randint(10, 60)
    rule = _poly((a, "n"), (b, ""))
    text = _ask(rng, (
        "the nth term of a sequence is $ {rule} $. what is term number {k}?",
        "a sequence has nth term {rule}. find the {k}th term.",
        "{name} uses the rule {rule} to make a sequence. what is the value of the term in position {k}?",
    ), rule=rule, k=k)
    return Question(text, str(a * k + b), Params(a=a, b=b, k=k))


@_family(
    "sequences",
    ("Assumes a sequence that multiplies each time goes up by the same amount each time",
     lambda p: str(2 * p.terms[-1] - p.terms[-2]) if p.geometric else None),
    ("Continues a quadratic sequence by repeating the last difference",
     lambda p: str(2 * p.terms[-1] - p.terms[-2]) if not p.geometric else None),
)
def _next_term(rng):
    geometric = rng.random() < 0.5
    if geometric:
        start, r = rng.randint(1, 20), rng.randint(2, 5)
        terms = [start * r**i for i in range(4)]
        following = start * r**4
    else:
        s, c = rng.randint(1, 6), rng.randint(-5, 10)
        terms = [(s + i) ** 2 + c for i in range(4)]
        following = (s + 4) ** 2 + c
    text = _ask(rng, (
        "what is the next term in the sequence {seq}, ...?",
        "{name} continues the pattern {seq}, ... what number comes next?",
        "{name} writes down {seq}, ... in a puzzle. what is the next term?",
    ), seq=_listing(terms))
    return Question(text, str(following), Params(terms=terms, geometric=geometric))


def _iterate(first: int, position: int, step: Callable[[int], int]) -> int:
    """The term at ``position`` of a sequence given by its first term and a term-to-term rule."""
    term = first
    for _ in range(position - 1):
        term = step(term)
    return term


@_family(
    "sequences",
    ("Applies the two steps of a term-to-term rule in the reverse order",
     lambda p: str(_iterate(p.first, p.position, lambda t: (t + p.b) * p.a))),
)
def _term_to_term(rng):
    f, a, b, position = rng.randint(1, 10), rng.randint(2, 5), rng.randint(1, 9), rng.choice((2, 3))
    nth = {2: "second", 3: "third"}[position]
    text = _ask(rng, (
        "the first term of a sequence is {f}. the term-to-term rule is 'multiply by {a} then add {b}'. what is the {nth} term?",
        "{name} starts at {f} and repeatedly multiplies by {a} and then adds {b}. what is the {nth} number in the sequence?",
    ), f=f, a=a, b=b, nth=nth)
    return Question(text, str(_iterate(f, position, lambda t: a * t + b)), Params(first=f, position=position, a=a, b=b))


# ----------------------------------------------------------------------------- graphs and coordinates


@_family(
    "graphs and coordinates",
    ("Writes the y-coordinate before the x-coordinate",
     lambda p: _pt(p.y, p.x)),
    ("Ignores direction and gives positive coordinates for points left of or below the origin",
     lambda p: _pt(abs(p.x), abs(p.y))),
)
def _read_coordinates(rng):
    x, y = rng.choice((1, -1)) * rng.randint(1, 9), rng.choice((1, -1)) * rng.randint(1, 9)
    while abs(x) == abs(y):
        y = rng.choice((1, -1)) * rng.randint(1, 9)
    fields = dict(point=rng.choice("abcdefgh"), h=abs(x), v=abs(y),
                  across="right" if x > 0 else "left", up="up" if y > 0 else "down")
    text = _ask(rng, (
        "! [a coordinate grid. point {point} is {h} squares {across} of the origin and {v} squares {up}.] () what are the coordinates of {point}?",
        "{name} plots point {point} by moving {h} {across} and {v} {up} from (0,0). what are the coordinates of {point}?",
    ), **fields)
    return Question(text, _pt(x, y), Params(x=x, y=y))


@_family(
    "graphs and coordinates",
    ("Reads the constant term as the gradient of a straight line",
     lambda p: str(p.c) if p.form in ("gradient", "reversed") else None),
    ("Reads the coefficient of x as the y-intercept",
     lambda p: str(p.m) if p.form == "intercept" else None),
    ("Reads off the gradient without first dividing by the number in front of y",
     lambda p: str(p.k * p.m) if p.form == "scaled" else None),
)
def _line_equation(rng):
    form = rng.choice(("gradient", "reversed", "intercept", "scaled"))
    m, c, k = rng.choice((1, -1)) * rng.randint(1, 6), rng.choice((1, -1)) * rng.randint(1, 9), rng.randint(2, 5)
    while m == c:
        c = rng.choice((1, -1)) * rng.randint(1, 9)
    equation = {
        "gradient": f"y={_poly((m, 'x'), (c, ''))}",
        "reversed": f"y={_poly((c, ''), (m, 'x'))}",
        "intercept": f"y={_poly((m, 'x'), (c, ''))}",
        "scaled": f"{k} y={_poly((k * m, 'x'), (k * c, ''))}",
    }[form]
    if form == "intercept":
        templates = ("where does the line $ {e} $ cross the y-axis? give the y-value.",
                     "what is the y-intercept of $ {e} $ ?",
                     "{name} draws the graph of {e}. at what value of y does it cross the y-axis?")
    else:
        templates = ("what is the gradient of the line $ {e} $ ?",
                     "the line $ {e} $ is drawn on a graph. what is its gradient?",
                     "{name} wants the gradient of {e}. what is it?")
    text = _ask(rng, templates, e=equation)
    return Question(text, str(c if form == "intercept" else m), Params(form=form, m=m, c=c, k=k))


@_family(
    "graphs and coordinates",
    ("Divides the change in x by the change in y to find a gradient",
     lambda p: _fv(1 / p.m)),
    ("Subtracts the coordinates in a different order on the top and bottom of the gradient calculation",
     lambda p: _fv(-p.m)),
)
def _gradient_from_points(rng):
    x1, y1 = rng.randint(-6, 6), rng.randint(-6, 6)
    dx, dy = rng.randint(1, 6), rng.choice((1, -1)) * rng.randint(1, 12)
    while abs(Fraction(dy, dx)) == 1:
        dy = rng.choice((1, -1)) * rng.randint(1, 12)
    text = _ask(rng, (
        "a line passes through {p} and {q}. what is its gradient?",
        "find the gradient of the straight line joining {p} and {q}.",
        "{name} draws a straight line through the points {p} and {q}. what is the gradient?",
    ), p=_pt(x1, y1), q=_pt(x1 + dx, y1 + dy))
    return Question(text, _fv(Fraction(dy, dx)), Params(m=Fraction(dy, dx)))


@_family(
    "graphs and coordinates",
    ("Halves the difference between the coordinates instead of finding their mean for a midpoint",
     lambda p: _pt(Fraction(p.x2 - p.x1, 2), Fraction(p.y2 - p.y1, 2))),
    ("Adds the coordinates but forgets to halve when finding a midpoint",
     lambda p: _pt(p.x1 + p.x2, p.y1 + p.y2)),
)
def _midpoint(rng):
    x1, y1 = rng.randint(-10, 10), rng.randint(-10, 10)
    x2, y2 = x1 + 2 * rng.randint(1, 6), y1 + 2 * rng.randint(-6, 6)
    if rng.random() < 0.5:
        x1, y1, x2, y2 = x2, y2, x1, y1
    text = _ask(rng, (
        "what is the midpoint of {p} and {q}?",
        "find the coordinates of the midpoint of the line segment from {p} to {q}.",
        "{name} marks the point halfway between {p} and {q}. what are its coordinates?",
    ), p=_pt(x1, y1), q=_pt(x2, y2))
    return Question(text, _pt(Fraction(x1 + x2, 2), Fraction(y1 + y2, 2)), Params(x1=x1, y1=y1, x2=x2, y2=y2))


@_family(
    "graphs and coordinates",
    ("Writes x = k for a horizontal line and y = k for a vertical one",
     lambda p: f"{'y' if p.vertical else 'x'}={p.k}"),
)
def _vertical_horizontal_line(rng):
    vertical, k = rng.random() < 0.5, rng.choice((1, -1)) * rng.randint(1, 9)
    a, b = rng.sample(range(-9, 10), 2)
    p, q = (_pt(k, a), _pt(k, b)) if vertical else (_pt(a, k), _pt(b, k))
    axis = "y" if vertical else "x"
    text = _ask(rng, (
        "a straight line passes through {p} and {q}. what is its equation?",
        "what is the equation of the line parallel to the {axis}-axis that goes through {p}?",
        "{name} joins {p} and {q} with a straight line. write down the equation of the line.",
    ), p=p, q=q, axis=axis)
    return Question(text, f"{'x' if vertical else 'y'}={k}", Params(vertical=vertical, k=k))


# ----------------------------------------------------------------------------- statistics and probability


_DATA_CONTEXTS = ("goals scored in each match", "ages of some children", "heights of plants in cm",
                  "scores in a spelling test", "numbers of pets owned", "minutes spent on homework")


def _data_question(rng: random.Random, values: list[int], what: str) -> str:
    return _ask(rng, (
        "find the {what} of these numbers: {data}",
        "here are the {ctx}: {data}. what is the {what}?",
        "{name} records the {ctx}: {data}. work out the {what}.",
    ), what=what, data=_listing(values), ctx=rng.choice(_DATA_CONTEXTS))


def _median(values: list[int]) -> int:
    return sorted(values)[len(values) // 2]


@_family(
    "statistics and probability",
    ("Adds up the values but does not divide by how many there are when finding the mean",
     lambda p: str(sum(p.values))),
    ("Confuses the mean with the median, giving the middle value",
     lambda p: str(_median(p.values))),
)
def _mean(rng):
    n = rng.choice((5, 7))
    values = [rng.randint(1, 30) for _ in range(n - 1)]
    values.append(rng.choice([v for v in range(1, 31) if (sum(values) + v) % n == 0]))
    rng.shuffle(values)
    return Question(_data_question(rng, values, "mean"), str(sum(values) // n), Params(values=values))


@_family(
    "statistics and probability",
    ("Takes the middle value of the list without putting the data in order first",
     lambda p: str(p.values[len(p.values) // 2])),
    ("Answers with where the median sits in the list rather than the median value",
     lambda p: str((len(p.values) + 1) // 2)),
    ("Works out the mean when the question asks for the median",
     lambda p: _dec(Fraction(sum(p.values), len(p.values)))),
)
def _median_question(rng):
    values = [rng.randint(1, 50) for _ in range(rng.choice((5, 7, 9)))]
    return Question(_data_question(rng, values, "median"), str(_median(values)), Params(values=values))


@_family(
    "statistics and probability",
    ("Gives how many times the mode appears instead of the mode itself",
     lambda p: str(p.count)),
    ("Believes the mode is the largest value in the data",
     lambda p: str(max(p.values))),
)
def _mode(rng):
    mode, count = rng.randint(1, 40), rng.randint(2, 4)
    others = rng.sample([v for v in range(1, 41) if v != mode], rng.randint(3, 6))
    values = [mode] * count + others
    rng.shuffle(values)
    return Question(_data_question(rng, values, "mode"), str(mode), Params(values=values, count=count))


@_family(
    "statistics and probability",
    ("Gives the largest value as the range",
     lambda p: str(max(p.values))),
    ("Subtracts the first value in the list from the last without ordering the data",
     lambda p: str(abs(p.values[-1] - p.values[0]))),
)
def _range_question(rng):
    values = [rng.randint(1, 60) for _ in range(rng.randint(5, 8))]
    return Question(_data_question(rng, values, "range"), str(max(values) - min(values)), Params(values=values))


@_family(
    "statistics and probability",
    ("Divides the total of value times frequency by the number of rows instead of the total frequency",
     lambda p: _dec(Fraction(p.total, len(p.freqs)))),
    ("Finds the mean of the frequency column instead of the mean of the data",
     lambda p: _dec(Fraction(sum(p.freqs), len(p.freqs)))),
)
def _frequency_table_mean(rng):
    start, rows = rng.randint(0, 1), rng.randint(4, 5)
    freqs = [rng.randint(1, 12) for _ in range(rows)]
    label = rng.choice(("number of pets", "goals", "number of siblings", "books read", "cups of tea"))
    table = " ".join(f"{start + i} & {f} \\\\ \\hline" for i, f in enumerate(freqs))
    table = f"\\begin {{tabular}} {{|c|c|}} \\hline {label} & frequency \\\\ \\hline {table} \\end {{tabular}}"
    total = sum((start + i) * f for i, f in enumerate(freqs))
    text = _ask(rng, (
        "the table shows some survey results. {table} what is the mean {label}?",
        "{name} collected this data. {table} work out the mean.",
        "{table} calculate the mean {label} from the frequency table.",
    ), table=table, label=label)
    return Question(text, _dec(Fraction(total, sum(freqs))), Params(total=total, freqs=freqs))


@_family(
    "statistics and probability",
    ("Uses the frequency itself as the angle of a pie chart sector",
     lambda p: _deg(p.f)),
    ("Divides 360 by the frequency to find the angle of a pie chart sector",
     lambda p: _deg(Fraction(360, p.f))),
)
def _pie_chart(rng):
    total = rng.choice((12, 15, 18, 20, 24, 30, 36, 40, 45, 60, 72, 90, 120))
    k = rng.randint(3, 5)
    cuts = sorted(rng.sample(range(1, total), k - 1))
    freqs = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    labels = rng.sample(("bus", "car", "walk", "bike", "train", "scooter"), k)
    pick = rng.randrange(k)
    table = ", ".join(f"{lab} {f}" for lab, f in zip(labels, freqs))
    text = _ask(rng, (
        "{total} people were asked how they travel to work: {table}. in a pie chart, what angle should the {lab} sector have?",
        "{name} draws a pie chart of these results ({total} people): {table}. what is the angle for {lab}?",
    ), total=total, table=table, lab=labels[pick])
    return Question(text, _deg(freqs[pick] * 360 // total), Params(f=freqs[pick]))


@_family(
    "statistics and probability",
    ("Writes a probability as the favourable outcomes over the unfavourable outcomes",
     lambda p: _fv(Fraction(p.r, p.total - p.r))),
    ("Thinks every colour is equally likely whatever the numbers of each",
     lambda p: _fv(Fraction(1, p.k))),
    ("Gives the number of favourable outcomes instead of a probability",
     lambda p: str(p.r)),
)
def _bag_probability(rng):
    k = rng.randint(2, 3)
    colours = rng.sample(("red", "blue", "green", "yellow", "white", "black"), k)
    counts = [rng.randint(1, 12) for _ in range(k)]
    pick = rng.randrange(k)
    contents = " and ".join(f"{c} {col}" for c, col in zip(counts, colours))
    text = _ask(rng, (
        "a bag contains {contents} counters. one is picked at random. what is the probability it is {col}?",
        "{name} picks a ball at random from a box holding {contents} balls. what is the probability of picking {col}?",
    ), contents=contents, col=colours[pick])
    r, total = counts[pick], sum(counts)
    return Question(text, _fv(Fraction(r, total)), Params(r=r, total=total, k=k))


@_family(
    "statistics and probability",
    ("Subtracts a probability from 100 instead of from 1 to find the chance of it not happening",
     lambda p: _dec(100 - p.q)),
)
def _complement_probability(rng):
    q = Fraction(rng.randint(1, 99), rng.choice((10, 100)))
    while q >= 1:
        q = Fraction(rng.randint(1, 99), rng.choice((10, 100)))
    event = rng.choice(("it rains tomorrow", "the bus is late", "a spinner lands on red", "a team wins its next match",
                        "a seed grows", "a light bulb fails"))
    text = _ask(rng, (
        "the probability that {event} is {q}. what is the probability that this does not happen?",
        "{name} says the chance that {event} is {q}. what is the probability it does not happen?",
    ), event=event, q=_dec(q))
    return Question(text, _dec(1 - q), Params(q=q))


# ----------------------------------------------------------------------------- area, perimeter and volume


def _units(value, unit: str, power: int = 1) -> str:
    return f"{_dec(value)} {unit}" + (f"^ {{{power}}}" if power > 1 else "")


def _pi(value, unit: str, power: int = 1) -> str:
    return f"{_dec(value)} \\pi {unit}" + (f"^ {{{power}}}" if power > 1 else "")




@_family(
    "area, perimeter and volume",
    ("Adds the length and the width to find the area of a rectangle",
     lambda p: _units(p.l + p.w, p.u, 2) if p.area else None),
    ("Confuses area with perimeter, working out the perimeter when asked for the area",
     lambda p: _units(2 * (p.l + p.w), p.u, 2) if p.area else None),
    ("Adds only the two labelled sides to find the perimeter of a rectangle",
     lambda p: _units(p.l + p.w, p.u) if not p.area else None),
    ("Multiplies the side lengths when asked for the perimeter",
     lambda p: _units(p.l * p.w, p.u) if not p.area else None),
)
def _rectangle(rng):
    l, w = rng.sample(range(2, 26), 2)
    u, area = rng.choice(_LENGTH_UNITS), rng.random() < 0.5
    what = "area" if area else "perimeter"
    text = _ask(rng, (
        "! [a rectangle with length {l} {u} and width {w} {u}.] () what is the {what} of the rectangle?",
        "a rectangular {thing} is {l} {u} long and {w} {u} wide. what is its {what}?",
        "{name} draws a rectangle measuring {l} {u} by {w} {u}. work out its {what}.",
    ), l=l, w=w, u=u, what=what, thing=rng.choice(("rug", "garden", "photo", "field", "poster", "table")))
    correct = _units(l * w, u, 2) if area else _units(2 * (l + w), u)
    return Question(text, correct, Params(l=l, w=w, u=u, area=area))


@_family(
    "area, perimeter and volume",
    ("Forgets to halve when working out the area of a triangle",
     lambda p: _units(p.b * p.h, p.u, 2)),
    ("Uses the sloping side instead of the perpendicular height for the area of a triangle",
     lambda p: _units(Fraction(p.b * p.s, 2), p.u, 2)),
)
def _triangle_area(rng):
    b, h, u = rng.randint(2, 20), rng.randint(2, 15), rng.choice(_LENGTH_UNITS)
    s = h + rng.randint(1, 6)
    text = _ask(rng, (
        "! [a triangle with base {b} {u}, perpendicular height {h} {u} and a sloping side of {s} {u}.] () what is the area of the triangle?",
        "a triangle has a base of {b} {u} and a perpendicular height of {h} {u}. its sloping side is {s} {u}. find its area.",
        "{name} cuts out a triangle with base {b} {u}, height {h} {u} and slanted edge {s} {u}. what is its area?",
    ), b=b, h=h, s=s, u=u)
    return Question(text, _units(Fraction(b * h, 2), u, 2), Params(b=b, h=h, s=s, u=u))


@_family(
    "area, perimeter and volume",
    ("Confuses the area of a circle with its circumference",
     lambda p: _pi(2 * p.r, p.u, 2) if p.form != "circumference" else None),
    ("Puts the diameter into the area formula in place of the radius",
     lambda p: _pi((2 * p.r) ** 2, p.u, 2) if p.form == "area_d" else None),
    ("Uses the area formula when asked for the circumference of a circle",
     lambda p: _pi(p.r**2, p.u) if p.form == "circumference" else None),
)
def _circle(rng):
    r, u = rng.randint(2, 25), rng.choice(_LENGTH_UNITS)
    form = rng.choice(("area_r", "area_d", "circumference"))
    measure = f"a diameter of {2 * r}" if form == "area_d" else f"a radius of {r}"
    what = "circumference" if form == "circumference" else "area"
    text = _ask(rng, (
        "a circular {thing} has {measure} {u}. what is its {what}? give your answer in terms of \\pi.",
        "{name} draws a circle with {measure} {u}. find its {what}, leaving your answer in terms of \\pi.",
        "! [a circle with {measure} {u} marked.] () work out the {what} in terms of \\pi.",
    ), measure=measure, u=u, what=what, thing=rng.choice(("rug", "plate", "pond", "clock face", "table", "badge")))
    correct = _pi(2 * r, u) if form == "circumference" else _pi(r * r, u, 2)
    return Question(text, correct, Params(r=r, u=u, form=form))


@_family(
    "area, perimeter and volume",
    ("Multiplies the base by the slanted side to find the area of a parallelogram",
     lambda p: _units(p.b * p.s, p.u, 2)),
    ("Halves base times height for a parallelogram as if it were a triangle",
     lambda p: _units(Fraction(p.b * p.h, 2), p.u, 2)),
)
def _parallelogram(rng):
    b, h, u = rng.randint(3, 20), rng.randint(2, 15), rng.choice(_LENGTH_UNITS)
    s = h + rng.randint(1, 6)
    text = _ask(rng, (
        "! [a parallelogram with base {b} {u}, slanted side {s} {u} and perpendicular height {h} {u}.] () what is its area?",
        "a parallelogram has a base of {b} {u}, a perpendicular height of {h} {u} and slanted sides of {s} {u}. find its area.",
        "{name} draws a parallelogram: base {b} {u}, sloping side {s} {u}, height {h} {u}. what is the area?",
    ), b=b, h=h, s=s, u=u)
    return Question(text, _units(b * h, u, 2), Params(b=b, h=h, s=s, u=u))


@_family(
    "area, perimeter and volume",
    ("Leaves out the halving step of the trapezium area formula",
     lambda p: _units((p.a + p.b) * p.h, p.u, 2)),
    ("Multiplies the parallel sides together instead of adding them for a trapezium",
     lambda p: _units(Fraction(p.a * p.b * p.h, 2), p.u, 2)),
)
def _trapezium(rng):
    a, b = sorted(rng.sample(range(2, 21), 2))
    h, u = rng.randint(2, 12), rng.choice(_LENGTH_UNITS)
    text = _ask(rng, (
        "! [a trapezium with parallel sides {a} {u} and {b} {u} and perpendicular height {h} {u}.] () what is its area?",
        "a trapezium has parallel sides of {a} {u} and {b} {u}. the distance between them is {h} {u}. find the area.",
        "{name}'s garden is a trapezium with parallel sides {a} {u} and {b} {u}, {h} {u} apart. what is its area?",
    ), a=a, b=b, h=h, u=u)
    return Question(text, _units(Fraction((a + b) * h, 2), u, 2), Params(a=a, b=b, h=h, u=u))


@_family(
    "area, perimeter and volume",
    ("Adds the three dimensions to find the volume of a cuboid",
     lambda p: _units(sum(p.dims), p.u, 3)),
    ("Multiplies only two of the dimensions to find the volume of a cuboid",
     lambda p: _units(p.dims[0] * p.dims[1], p.u, 3)),
)
def _cuboid(rng):
    dims, u = [rng.randint(2, 15) for _ in range(3)], rng.choice(_LENGTH_UNITS)
    text = _ask(rng, (
        "! [a cuboid measuring {l} {u} by {w} {u} by {h} {u}.] () what is its volume?",
        "a box is {l} {u} long, {w} {u} wide and {h} {u} tall. find its volume.",
        "{name} fills a cuboid tank that is {l} {u} by {w} {u} by {h} {u}. what is the volume of the tank?",
    ), l=dims[0], w=dims[1], h=dims[2], u=u)
    return Question(text, _units(math.prod(dims), u, 3), Params(dims=dims, u=u))


# ----------------------------------------------------------------------------- measures and units


_CONVERSIONS = (("km", "m", 1000), ("m", "cm", 100), ("cm", "mm", 10), ("kg", "g", 1000), ("litres", "ml", 1000))


def _convert(p: Params, factor: int) -> str:
    return _units(p.v * factor if p.down else p.v / factor, p.target)


@_family(
    "measures and units",
    ("Divides instead of multiplying when converting to a smaller unit, or the other way round",
     lambda p: _convert(p, Fraction(1, p.factor))),
    ("Uses 100 as the number of metres in a kilometre",
     lambda p: _convert(p, 100) if p.pair == ("km", "m") else None),
    ("Uses 10 as the number of centimetres in a metre",
     lambda p: _convert(p, 10) if p.pair == ("m", "cm") else None),
    ("Uses 100 as the number of grams in a kilogram",
     lambda p: _convert(p, 100) if p.pair == ("kg", "g") else None),
)
def _unit_conversion(rng):
    big, small, factor = rng.choice(_CONVERSIONS)
    down = rng.random() < 0.5
    v = Fraction(rng.randint(1, 999), rng.choice((1, 10, 100))) if down else Fraction(rng.randint(1, 9999))
    source, target = (big, small) if down else (small, big)
    text = _ask(rng, (
        "convert {v} {source} into {target}.",
        "how many {target} are there in {v} {source}?",
        "{name} measures {v} {source}. write this measurement in {target}.",
    ), v=_dec(v), source=source, target=target)
    return Question(text, _units(v * factor if down else v / factor, target),
                    Params(v=v, down=down, target=target, factor=factor, pair=(big, small)))


def _duration(hours: int, minutes: int) -> str:
    return f"{hours} hour{'s' if hours != 1 else ''} {minutes} minutes"


@_family(
    "measures and units",
    ("Treats an hour as if it had 100 minutes",
     lambda p: _duration(p.h, int(p.q * 100)) if p.to_minutes else f"{_dec(p.h + Fraction(p.m, 100))} hours"),
)
def _time_decimals(rng):
    h = rng.randint(1, 9)
    tenths = tuple(Fraction(k, 10) for k in range(1, 10))
    q = rng.choice(tenths if rng.random() < 0.6 else (Fraction(1, 4), Fraction(3, 4)))
    to_minutes, m = rng.random() < 0.5, int(q * 60)
    if to_minutes:
        text = _ask(rng, ("write {x} hours in hours and minutes.",
                          "{name} spends {x} hours on a train. how long is that in hours and minutes?"), x=_dec(h + q))
        correct = _duration(h, m)
    else:
        text = _ask(rng, ("write {d} as a decimal number of hours.",
                          "{name} worked for {d}. how many hours is that as a decimal?"), d=_duration(h, m))
        correct = f"{_dec(h + q)} hours"
    return Question(text, correct, Params(h=h, q=q, m=m, to_minutes=to_minutes))


@_family(
    "measures and units",
    ("Subtracts times as if they were decimal numbers",
     lambda p: _duration(p.naive // 100, p.naive % 100)),
)
def _time_difference(rng):
    start_h, start_m = rng.randint(7, 15), rng.randint(10, 55)
    end_h, end_m = start_h + rng.randint(1, 5), rng.randint(0, start_m - 1)
    length = (end_h * 60 + end_m) - (start_h * 60 + start_m)
    start, end = f"{start_h}:{start_m:02d}", f"{end_h}:{end_m:02d}"
    text = _ask(rng, (
        "a film starts at {s} and finishes at {e}. how long is the film?",
        "{name} leaves home at {s} and arrives at {e}. how long was the journey?",
        "a train departs at {s} and arrives at {e}. how long does the trip take?",
    ), s=start, e=end)
    naive = int(end.replace(":", "")) - int(start.replace(":", ""))
    return Question(text, _duration(length // 60, length % 60), Params(naive=naive))


@_family(
    "measures and units",
    ("Uses the length conversion factor when converting units of area",
     lambda p: _units(p.v * 100 if p.up else p.v / 100, p.target, 2) if p.kind == "area" else None),
    ("Believes there are 100 cubic centimetres in a litre",
     lambda p: (f"{_dec(p.v * 100)} cm^ {{3}}" if p.up else f"{_dec(p.v / 100)} litres") if p.kind == "volume" else None),
)
def _area_volume_units(rng):
    kind, up = rng.choice(("area", "volume")), rng.random() < 0.5
    if kind == "area":
        v = Fraction(rng.randint(1, 99), rng.choice((1, 10))) if up else Fraction(100 * rng.randint(1, 999))
        source, target = ("m^ {2}", "cm") if up else ("cm^ {2}", "m")
        correct = _units(v * 10_000 if up else v / 10_000, target, 2)
    else:
        v = Fraction(rng.randint(1, 99), rng.choice((1, 10))) if up else Fraction(10 * rng.randint(1, 999))
        source, target = ("litres", "cm^ {3}") if up else ("cm^ {3}", "litres")
        correct = f"{_dec(v * 1000)} cm^ {{3}}" if up else f"{_dec(v / 1000)} litres"
    shown_target = f"{target}^ {{2}}" if kind == "area" else target
    text = _ask(rng, (
        "convert {v} {source} into {t}.",
        "how many {t} is {v} {source}?",
        "{name} needs {v} {source} written in {t}. what should they write?",
    ), v=_dec(v), source=source, t=shown_target)
    return Question(text, correct, Params(kind=kind, up=up, v=v, target=target))


# ----------------------------------------------------------------------------- factors, multiples and primes


@_family(
    "factors, multiples and primes",
    ("Gives the lowest common multiple when asked for the highest common factor",
     lambda p: str(p.h * p.a * p.b)),
    ("Gives a common factor that is not the highest one",
     lambda p: str(_spf(p.h))),
)
def _hcf(rng):
    h = rng.choice((4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20))
    a, b = _coprime_pair(rng, 2, 9)
    text = _ask(rng, (
        "what is the highest common factor of {x} and {y}?",
        "find the hcf of {x} and {y}.",
        "{name} wants the biggest number that divides both {x} and {y}. what is it?",
    ), x=h * a, y=h * b)
    return Question(text, str(h), Params(h=h, a=a, b=b))


@_family(
    "factors, multiples and primes",
    ("Gives the highest common factor when asked for the lowest common multiple",
     lambda p: str(p.g)),
    ("Multiplies the two numbers to get the lowest common multiple even when they share a factor",
     lambda p: str(p.g * p.g * p.a * p.b)),
)
def _lcm(rng):
    g = rng.randint(2, 9)
    a, b = _coprime_pair(rng, 2, 9)
    text = _ask(rng, (
        "what is the lowest common multiple of {x} and {y}?",
        "find the lcm of {x} and {y}.",
        "one bell rings every {x} minutes and another every {y} minutes. they ring together now. after how many minutes do they next ring together?",
        "{name} needs the smallest number that is in both the {x} times table and the {y} times table. what is it?",
    ), x=g * a, y=g * b)
    return Question(text, str(g * a * b), Params(g=g, a=a, b=b))


_PRIMES = tuple(n for n in range(2, 100) if all(n % k for k in range(2, n)))
_ODD_COMPOSITES = tuple(n for n in range(9, 100, 2) if n not in _PRIMES)


@_family(
    "factors, multiples and primes",
    ("Believes every odd number is prime",
     lambda p: str(p.odd)),
    ("Counts 1 as a prime number",
     lambda p: "1" if 1 in p.options else None),
)
def _spot_the_prime(rng):
    prime = rng.choice(_PRIMES)
    odd, other_odd = rng.sample(_ODD_COMPOSITES, 2)
    options = [prime, odd, 1 if rng.random() < 0.5 else other_odd, 2 * rng.randint(2, 49)]
    rng.shuffle(options)
    text = _ask(rng, (
        "which of these numbers is prime? {opts}",
        "{name} is asked to circle the prime number: {opts}. which should they circle?",
        "one of these is a prime number: {opts}. which one?",
    ), opts=_listing(options))
    return Question(text, str(prime), Params(odd=odd, options=options))


def _factors(n: int) -> list[int]:
    return [k for k in range(1, n + 1) if n % k == 0]


@_family(
    "factors, multiples and primes",
    ("Leaves out 1 and the number itself when counting factors",
     lambda p: str(len(_factors(p.n)) - 2)),
    ("Counts the square root twice when listing the factors of a square number in pairs",
     lambda p: str(len(_factors(p.n)) + 1) if math.isqrt(p.n) ** 2 == p.n else None),
)
def _count_factors(rng):
    n = rng.randint(12, 400)
    while len(_factors(n)) < 4:
        n = rng.randint(12, 400)
    text = _ask(rng, (
        "{name} is asked how many factors {n} has. what is the answer?",
        "{name} lists every factor of {n}. how many factors should there be?",
        "{name} wants to arrange {n} {things} in equal rows. how many factors does {n} have?",
    ), n=n, things=rng.choice(("chairs", "plants", "tiles", "stamps", "cupcakes", "photos")))
    return Question(text, str(len(_factors(n))), Params(n=n))


@_family(
    "factors, multiples and primes",
    ("Confuses factors with multiples, choosing one when asked for the other",
     lambda p: str(p.decoy)),
)
def _factor_or_multiple(rng):
    n = rng.choice([k for k in range(6, 61) if len(_factors(k)) > 2])
    factor, multiple = rng.choice(_factors(n)[1:-1]), n * rng.randint(2, 9)
    ask_multiple = rng.random() < 0.5
    answer, decoy = (multiple, factor) if ask_multiple else (factor, multiple)
    others = rng.sample([k for k in range(2, 10 * n) if k % n and n % k], 2)
    options = [answer, decoy] + others
    rng.shuffle(options)
    word = "multiple" if ask_multiple else "factor"
    text = _ask(rng, (
        "which of these is a {word} of {n}? {opts}",
        "{name} is looking for a {word} of {n} in this list: {opts}. which number should they pick?",
    ), word=word, n=n, opts=_listing(options))
    return Question(text, str(answer), Params(decoy=decoy))


# ----------------------------------------------------------------------------- public API


_BY_ID = {m.id: m for m in _REGISTRY}


def catalogue() -> dict[int, str]:
    """All generated misconception names by id (>= 100)."""
    return {m.id: m.name for m in _REGISTRY}


def topics() -> dict[int, str]:
    """Topic of each misconception id."""
    return {m.id: m.topic for m in _REGISTRY}


def _deck(n_pairs: int, rng: random.Random) -> list[int]:
    """Misconception ids in a shuffled, balanced order: whole permutations, so every id appears once per round."""
    ids, deck = list(_BY_ID), []
    while len(deck) < n_pairs:
        round_ = ids[:]
        rng.shuffle(round_)
        deck.extend(round_)
    return deck[:n_pairs]


def _sentence(question: Question, wrong: str) -> str:
    return f"{question.text} {wrong}".lower()


def _fresh_question(m: Misconception, rng: random.Random, seen: set[str]) -> tuple[Question, str]:
    """A question instance for ``m`` whose sentence_0 has not been used in this call."""
    for _ in range(_MAX_TRIES):
        question, wrong = m.sample(rng)
        if _sentence(question, wrong) not in seen:
            return question, wrong
    raise RuntimeError(f"misconception {m.id} ran out of new questions")


def generate_pairs(n_pairs: int, seed: int) -> list[dict]:
    """n_pairs dicts: sentence_0, sentence_1, question_id (int), misconception_id (int), correct_answer (str), wrong_answer (str). Deterministic for (n_pairs, seed).

    Misconceptions come from a balanced shuffled deck.  Like the real data, a
    question may carry up to three wrong answers: after drawing a question for one
    misconception, upcoming deck entries from the same family are answered on the
    same question (which keeps the per-misconception counts of the deck).
    """
    if n_pairs < 0:
        raise ValueError(f"n_pairs must be >= 0, got {n_pairs}")
    rng = random.Random(seed)
    deck = _deck(n_pairs, rng)
    used = [False] * len(deck)
    seen: set[str] = set()
    pairs: list[dict] = []
    question_id = 0
    for i, mid in enumerate(deck):
        if used[i]:
            continue
        used[i] = True
        m = _BY_ID[mid]
        question, wrong = _fresh_question(m, rng, seen)
        answers = [(m, wrong)]
        wanted = 1 + rng.choice(_EXTRA_ANSWERS)
        for j in range(i + 1, min(len(deck), i + _LOOKAHEAD)):
            if len(answers) >= wanted:
                break
            sibling = _BY_ID[deck[j]]
            if used[j] or sibling.family != m.family or any(s is sibling for s, _ in answers):
                continue
            other = sibling.wrong(question.p)
            if other is None or other == question.correct or any(other == w for _, w in answers):
                continue
            if _sentence(question, other) in seen:
                continue
            used[j] = True
            answers.append((sibling, other))
        for member, answer in answers:
            sentence = _sentence(question, answer)
            seen.add(sentence)
            pairs.append({
                "sentence_0": sentence,
                "sentence_1": member.name,
                "question_id": question_id,
                "misconception_id": member.id,
                "correct_answer": question.correct,
                "wrong_answer": answer,
            })
        question_id += 1
    return pairs
