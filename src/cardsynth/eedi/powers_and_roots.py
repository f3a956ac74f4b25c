"""Questions and misconceptions of the "powers and roots" topic.

Covers evaluating powers, square and cube roots, squaring a negative number, and
zero and negative indices.
"""

from __future__ import annotations

from fractions import Fraction

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import EXPRESSION_TEMPLATES, LENGTH_UNITS, ask, dec, fr, index_form


@family(
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
    text = ask(rng, (
        "what is the value of $ {e} $ ?",
        "{name} works out {a} {word}. what should the answer be?",
        "{name} is asked to calculate $ {e} $ . what should they get?",
    ), e=index_form(a, n), a=a, word=word)
    return Question(text, str(a**n), Params(a=a, n=n))


@family(
    "powers and roots",
    ("Halves a number to find its square root",
     lambda p: dec(Fraction(p.k**2, 2)) if p.n == 2 else None),
    ("Divides by 3 to find a cube root",
     lambda p: dec(Fraction(p.k**3, 3)) if p.n == 3 else None),
)
def _roots(rng):
    n, u = rng.choice((2, 3)), rng.choice(LENGTH_UNITS)
    k = rng.randint(2, 30) if n == 2 else rng.randint(2, 15)
    word, shape, size, part = (("square root", "square", "area", "side") if n == 2 else
                               ("cube root", "cube", "volume", "edge"))
    text = ask(rng, (
        "what is $ {s} $ ?",
        "{name} needs the {word} of {v}. what is it?",
        "{name} is asked to work out $ {s} $ without a calculator. what is the answer?",
        "{name} makes a {shape} with {size} {v} {u}^ {{{n}}}. how long is each {part}, in {u}?",
    ), s=f"\\sqrt {{{k**n}}}" if n == 2 else f"\\sqrt[3] {{{k**n}}}", v=k**n, u=u, n=n,
        word=word, shape=shape, size=size, part=part)
    return Question(text, str(k), Params(k=k, n=n))


@family(
    "powers and roots",
    ("Gives a negative result when squaring a negative number",
     lambda p: str(-p.a**2) if p.bracket else None),
    ("Squares the minus sign too when it sits outside the power",
     lambda p: str(p.a**2) if not p.bracket else None),
)
def _negative_squared(rng):
    a, bracket = rng.randint(2, 40), rng.random() < 0.5
    expression = f"(-{a})^ {{2}}" if bracket else f"-{a}^ {{2}}"
    text = ask(rng, EXPRESSION_TEMPLATES + ("evaluate $ {e} $",), e=expression)
    return Question(text, str(a**2 if bracket else -a**2), Params(a=a, bracket=bracket))


@family(
    "powers and roots",
    ("Thinks any number to the power of zero is zero",
     lambda p: "0"),
    ("Thinks a number to the power of zero is the number itself",
     lambda p: str(p.a * p.b)),
)
def _zero_power(rng):
    a, b = rng.randint(2, 99), rng.choice((1, 1, rng.randint(2, 12)))
    expression = index_form(a, 0) if b == 1 else f"{b} \\times {index_form(a, 0)}"
    text = ask(rng, EXPRESSION_TEMPLATES + ("evaluate $ {e} $",), e=expression)
    return Question(text, str(b), Params(a=a, b=b))


@family(
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
    text = ask(rng, (
        "what is $ {e} $ as a fraction?",
        "{name} is asked to write $ {e} $ as a fraction. what should they write?",
        "{name} evaluates {e}. what should they write?",
    ), e=index_form(a, -n))
    return Question(text, fr(1, a**n), Params(a=a, n=n))
