"""Questions and misconceptions of the "place value and arithmetic" topic.

Covers column addition and subtraction, multiplying and dividing by powers of ten,
digit values, long multiplication and division with remainders.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, dec


def _columns(a: int, b: int) -> list[tuple[int, int]]:
    """Digit pairs of a column calculation, units column first."""
    da, db = str(a)[::-1], str(b)[::-1]
    width = max(len(da), len(db))
    return [(int(da[i]) if i < len(da) else 0, int(db[i]) if i < len(db) else 0) for i in range(width)]


def _join_columns(results: list[int]) -> str:
    """Write per-column results side by side, as a pupil would under the line."""
    return str(int("".join(str(r) for r in reversed(results))))


@family(
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
    text = ask(rng, (
        "work out $ {a} + {b} $",
        "what is $ {a} + {b} $ ?",
        "{name} uses the column method to add {a} and {b}. what answer should they get?",
        "a shop sells {a} drinks in the morning and {b} in the afternoon. how many drinks is that altogether?",
    ), a=a, b=b)
    return Question(text, str(a + b), Params(cols=_columns(a, b)))


@family(
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
    text = ask(rng, (
        "work out $ {a} - {b} $",
        "calculate $ {a} - {b} $ using a written method.",
        "{name} has {a} stickers and gives away {b}. how many are left?",
        "what is the difference between {a} and {b}?",
    ), a=a, b=b)
    return Question(text, str(a - b), Params(cols=_columns(a, b)))


@family(
    "place value and arithmetic",
    ("Thinks multiplying a decimal by 10, 100 or 1000 just means writing zeros on the end",
     lambda p: dec(p.x) + "0" * p.k if p.times else None),
    ("Moves the digits the wrong way, making the number smaller when multiplying by a power of ten or bigger when dividing",
     lambda p: dec(p.x / 10**p.k if p.times else p.x * 10**p.k)),
    ("Moves the digits one place fewer than the number of zeros in the power of ten",
     lambda p: (dec(p.x * 10 ** (p.k - 1) if p.times else p.x / 10 ** (p.k - 1)) if p.k > 1 else None)),
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
    text = ask(rng, templates, x=dec(x), f=power)
    return Question(text, dec(x * power if times else x / power), Params(x=x, k=k, times=times))


@family(
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
    text = ask(rng, (
        "what is the value of the digit {d} in the number $ {n} $ ?",
        "in the number {n}, what is the {d} worth?",
        "{name} writes the number {n}. what does the digit {d} represent?",
    ), d=d, n=f"{n:,}")
    return Question(text, f"{d * 10**pos:,}", Params(d=d, pos=pos))


@family(
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
    text = ask(rng, (
        "work out $ {a} \\times {b} $",
        "{name} uses long multiplication to calculate {a} \\times {b}. what is the answer?",
        "a box holds {a} pencils. how many pencils are in {b} boxes?",
        "calculate $ {a} \\times {b} $",
    ), a=a, b=b)
    return Question(text, str(a * b), Params(a=a, b=b))


@family(
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
    text = ask(rng, (
        "work out $ {a} \\div {b} $, giving your answer as a decimal.",
        "a {a} m rope is cut into {b} equal pieces. how long is each piece, in metres?",
        "{name} divides {a} by {b} and writes the answer as a decimal. what should they write?",
    ), a=a, b=b)
    return Question(text, dec(Fraction(a, b)), Params(q=q, r=r))
