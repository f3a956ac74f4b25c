"""Questions and misconceptions of the "fractions" topic.

Covers the four operations, dividing by a unit fraction, fractions of amounts,
simplifying, mixed numbers, comparing and equivalent fractions.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from cardsynth.eedi.number_theory import spf
from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, fr, fv


def _proper_fraction(rng: random.Random, lo: int = 2, hi: int = 12) -> tuple[int, int]:
    while True:
        d = rng.randint(lo, hi)
        n = rng.randint(1, d - 1)
        if math.gcd(n, d) == 1:
            return n, d


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


@family(
    "fractions",
    ("Adds the numerators together and the denominators together when adding fractions",
     lambda p: fv(Fraction(p.a + p.c, p.b + p.d))),
    ("Adds the numerators and multiplies the denominators without changing the numerators",
     lambda p: fv(Fraction(p.a + p.c, p.b * p.d))),
    ("Finds a common denominator when adding fractions but keeps the original numerators",
     lambda p: fv(Fraction(p.a + p.c, math.lcm(p.b, p.d)))),
)
def _fraction_addition(rng):
    a, b, c, d = _two_fractions(rng)
    text = ask(rng, _FRACTION_OPS, f=fr(a, b), g=fr(c, d), op="+")
    return Question(text, fv(Fraction(a, b) + Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@family(
    "fractions",
    ("Subtracts the numerators and subtracts the denominators when subtracting fractions",
     lambda p: fv(Fraction(p.a - p.c, p.b - p.d))),
    ("Writes both fractions over a common denominator for a subtraction but does not rescale the numerators",
     lambda p: fv(Fraction(p.a - p.c, math.lcm(p.b, p.d)))),
)
def _fraction_subtraction(rng):
    while True:
        a, b, c, d = _two_fractions(rng)
        if b > d and Fraction(a, b) > Fraction(c, d):
            break
    text = ask(rng, _FRACTION_OPS, f=fr(a, b), g=fr(c, d), op="-")
    return Question(text, fv(Fraction(a, b) - Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@family(
    "fractions",
    ("Cross-multiplies when multiplying fractions, numerator by the other denominator",
     lambda p: fv(Fraction(p.a * p.d, p.b * p.c))),
    ("Puts fractions over a common denominator before multiplying and keeps that denominator",
     lambda p: fv(Fraction((p.a * math.lcm(p.b, p.d) // p.b) * (p.c * math.lcm(p.b, p.d) // p.d),
                            math.lcm(p.b, p.d)))),
)
def _fraction_multiplication(rng):
    a, b, c, d = _two_fractions(rng)
    text = ask(rng, _FRACTION_OPS, f=fr(a, b), g=fr(c, d), op="\\times")
    return Question(text, fv(Fraction(a, b) * Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@family(
    "fractions",
    ("Turns the first fraction upside down instead of the second when dividing fractions",
     lambda p: fv(Fraction(p.b * p.c, p.a * p.d))),
    ("Multiplies the two fractions when the question asks for a division",
     lambda p: fv(Fraction(p.a * p.c, p.b * p.d))),
)
def _fraction_division(rng):
    a, b, c, d = _two_fractions(rng)
    text = ask(rng, _FRACTION_OPS, f=fr(a, b), g=fr(c, d), op="\\div")
    return Question(text, fv(Fraction(a, b) / Fraction(c, d)), Params(a=a, b=b, c=c, d=d))


@family(
    "fractions",
    ("Divides by the denominator when dividing a whole number by a unit fraction",
     lambda p: fv(Fraction(p.n, p.k))),
)
def _divide_by_unit_fraction(rng):
    n, k = rng.randint(2, 30), rng.randint(2, 12)
    text = ask(rng, (
        "work out $ {n} \\div {f} $",
        "how many lots of {f} are there in {n}?",
        "{name} has {n} pizzas and cuts each into pieces of size {f}. how many pieces is that?",
    ), n=n, f=fr(1, k))
    return Question(text, str(n * k), Params(n=n, k=k))


@family(
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
    text = ask(rng, (
        "find $ {f} $ of {amount}",
        "what is $ {f} $ of £{amount} ?",
        "{name} has {amount} stickers and gives away {f} of them. how many stickers do they give away?",
        "a bag of flour weighs {amount} g. {f} of it is used. how many grams are used?",
    ), f=fr(n, d), amount=amount)
    return Question(text, str(amount // d * n), Params(n=n, d=d, amount=amount))


@family(
    "fractions",
    ("Stops simplifying after dividing by a common factor that is not the highest",
     lambda p: fr(p.top // spf(p.h), p.bottom // spf(p.h))),
    ("Believes taking the same number away from the numerator and denominator gives an equivalent fraction",
     lambda p: fr(p.n, p.bottom - p.top + p.n)),
)
def _simplify_fraction(rng):
    n, d = _proper_fraction(rng, 2, 15)
    h = rng.choice((4, 6, 8, 9, 10, 12, 14, 15))
    top, bottom = n * h, d * h
    text = ask(rng, (
        "write $ {f} $ in its simplest form.",
        "simplify $ {f} $ fully.",
        "{name} is asked to simplify {f} as far as possible. what should the answer be?",
    ), f=fr(top, bottom))
    return Question(text, fr(n, d), Params(n=n, h=h, top=top, bottom=bottom))


@family(
    "fractions",
    ("Multiplies the whole number by the numerator, not the denominator, when making an improper fraction",
     lambda p: fr(p.w * p.n + p.d, p.d)),
    ("Writes the whole number in front of the numerator to make an improper fraction",
     lambda p: fr(int(f"{p.w}{p.n}"), p.d)),
    ("Adds the whole number to the numerator when converting a mixed number",
     lambda p: fr(p.w + p.n, p.d)),
)
def _mixed_to_improper(rng):
    n, d = _proper_fraction(rng)
    w = rng.randint(1, 9)
    text = ask(rng, (
        "write $ {m} $ as an improper fraction.",
        "convert $ {m} $ into an improper fraction.",
        "{name} changes the mixed number {m} into a top-heavy fraction. what should they get?",
    ), m=f"{w} {fr(n, d)}")
    return Question(text, fr(w * d + n, d), Params(w=w, n=n, d=d))


@family(
    "fractions",
    ("Thinks the fraction with the bigger denominator must be the bigger fraction",
     lambda p: fr(*max(p.pair, key=lambda f: f[1]))),
    ("Compares fractions by looking only at their numerators",
     lambda p: fr(*max(p.pair, key=lambda f: f[0]))),
)
def _compare_fractions(rng):
    while True:
        a, b, c, d = _two_fractions(rng)
        if a != c and Fraction(a, b) != Fraction(c, d):
            break
    pair = ((a, b), (c, d))
    text = ask(rng, (
        "which is the larger fraction: $ {f} $ or $ {g} $ ?",
        "which of these fractions is bigger? {f} or {g}",
        "{name} ate {f} of a pizza and their friend ate {g} of an identical pizza. who ate more? give the fraction.",
    ), f=fr(a, b), g=fr(c, d))
    return Question(text, fr(*max(pair, key=lambda f: Fraction(*f))), Params(pair=pair))


@family(
    "fractions",
    ("Adds the same amount to the numerator as was added to the denominator to find an equivalent fraction",
     lambda p: str(p.n + p.d * p.k - p.d)),
    ("Keeps the numerator the same when changing the denominator of an equivalent fraction",
     lambda p: str(p.n)),
)
def _equivalent_fraction(rng):
    n, d = _proper_fraction(rng)
    k = rng.randint(2, 9)
    text = ask(rng, (
        "$ {f} = {g} $ what number replaces the question mark?",
        "fill in the missing numerator: {f} = {g}",
        "{name} wants to write {f} with a denominator of {big}. what should the numerator be?",
    ), f=fr(n, d), big=d * k, g=f"\\frac {{?}} {{{d * k}}}")
    return Question(text, str(n * k), Params(n=n, d=d, k=k))
