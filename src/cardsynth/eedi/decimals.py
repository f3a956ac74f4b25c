"""Questions and misconceptions of the "decimals" topic.

Covers comparing, multiplying and adding decimals, writing fractions as decimals,
and the value of a digit after the decimal point.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, dec, decimal_places, fixed, fr


def _decimal_digits(x: Fraction) -> str:
    """The digits after the decimal point, as written."""
    return dec(x).split(".")[1]


@family(
    "decimals",
    ("Thinks a decimal with more digits after the point must be the larger number",
     lambda p: dec(max(p.pair, key=lambda x: decimal_places(x)))),
    ("Thinks the decimal with fewer decimal places is always the larger one, because tenths beat hundredths",
     lambda p: dec(min(p.pair, key=lambda x: decimal_places(x)))),
)
def _compare_decimals(rng):
    whole = rng.randint(0, 9)
    short = whole + Fraction(rng.randint(1, 9), 10)
    digits = rng.randint(11, 999)
    while digits % 10 == 0:
        digits = rng.randint(11, 999)
    long = whole + Fraction(digits, 100 if digits < 100 else 1000)
    pair = (short, long) if rng.random() < 0.5 else (long, short)
    text = ask(rng, (
        "which is bigger: $ {x} $ or $ {y} $ ?",
        "which of these decimals is the largest? {x}, {y}",
        "{name} ran {x} km and their friend ran {y} km. how far did the person who ran further run, in km?",
    ), x=dec(pair[0]), y=dec(pair[1]))
    return Question(text, dec(max(pair)), Params(pair=pair))


def _random_decimal(rng: random.Random) -> Fraction:
    while True:
        x = Fraction(rng.randint(1, 99), 10 ** rng.randint(1, 2))
        if x.denominator != 1:
            return x


def _digits_only(x: Fraction) -> int:
    return int(dec(x).replace(".", ""))


@family(
    "decimals",
    ("Counts the decimal places in only one of the numbers when multiplying decimals",
     lambda p: dec(Fraction(_digits_only(p.a) * _digits_only(p.b), 10 ** decimal_places(p.a)))),
    ("Multiplies the digits and ignores the decimal points altogether",
     lambda p: str(_digits_only(p.a) * _digits_only(p.b))),
    ("Adds the decimals when the question asks for their product",
     lambda p: dec(p.a + p.b)),
)
def _decimal_multiplication(rng):
    a, b = _random_decimal(rng), _random_decimal(rng)
    text = ask(rng, (
        "work out $ {a} \\times {b} $",
        "what is $ {a} \\times {b} $ ?",
        "{name} buys {a} kg of grapes at £{b} per kg. how much does that cost in pounds?",
        "$ {a} \\times {b} = $",
    ), a=dec(a), b=dec(b))
    return Question(text, dec(a * b), Params(a=a, b=b))


@family(
    "decimals",
    ("Adds the digits after the decimal point as if they were a separate whole number",
     lambda p: f"{int(p.a) + int(p.b)}.{int(_decimal_digits(p.a)) + int(_decimal_digits(p.b))}"),
    ("Lines numbers up by their last digits instead of by the decimal point when adding",
     lambda p: dec(Fraction(_digits_only(p.a) + _digits_only(p.b), 10 ** max(decimal_places(p.a), decimal_places(p.b))))),
)
def _decimal_addition(rng):
    a = Fraction(rng.randint(11, 99), 10)
    b = Fraction(rng.randint(101, 999), 100)
    while a.denominator == 1 or decimal_places(b) != 2:
        a, b = Fraction(rng.randint(11, 99), 10), Fraction(rng.randint(101, 999), 100)
    if rng.random() < 0.5:
        a, b = b, a
    text = ask(rng, (
        "work out $ {a} + {b} $",
        "what is the total of {a} and {b}?",
        "{name} pours {a} litres of water into a tank that already holds {b} litres. how many litres are in the tank now?",
    ), a=dec(a), b=dec(b))
    return Question(text, dec(a + b), Params(a=a, b=b))


@family(
    "decimals",
    ("Writes the numerator and the denominator on either side of a decimal point",
     lambda p: f"{p.n}.{p.d}"),
    ("Divides the denominator by the numerator when turning a fraction into a decimal",
     lambda p: dec(Fraction(p.d, p.n))),
)
def _fraction_to_decimal(rng):
    d = rng.choice((2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80))
    n = rng.randint(1, d - 1)
    while math.gcd(n, d) != 1:
        n = rng.randint(1, d - 1)
    text = ask(rng, (
        "write $ {f} $ as a decimal.",
        "{name} types {f} into a calculator that shows decimals. what should the display show?",
        "{name} has used {f} of a {thing}. write this fraction as a decimal.",
    ), f=fr(n, d), thing=rng.choice(("tin of paint", "bag of rice", "roll of tape", "jug of juice", "tank of fuel")))
    return Question(text, dec(Fraction(n, d)), Params(n=n, d=d))


@family(
    "decimals",
    ("Names the columns after the decimal point tens, hundreds and thousands",
     lambda p: str(p.d * 10**p.pos)),
    ("Thinks the first column after the decimal point is the hundredths column",
     lambda p: dec(Fraction(p.d, 10 ** (p.pos + 1)))),
)
def _decimal_place_value(rng):
    while True:
        x = Fraction(rng.randint(1001, 99999), 1000)
        digits = fixed(x, 3).split(".")[1]
        choices = [i + 1 for i, c in enumerate(digits) if c != "0" and fixed(x, 3).count(c) == 1]
        if choices:
            break
    pos = rng.choice(choices)
    d = int(digits[pos - 1])
    text = ask(rng, (
        "what is the value of the digit {d} in $ {x} $ ?",
        "in the number {x}, what is the {d} worth? give your answer as a decimal.",
        "{name} writes {x}. what value does the digit {d} have?",
    ), d=d, x=fixed(x, 3))
    return Question(text, dec(Fraction(d, 10**pos)), Params(d=d, pos=pos))
