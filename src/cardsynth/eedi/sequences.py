"""Questions and misconceptions of the "sequences" topic.

Covers nth term rules, terms from a rule, the next term and term-to-term rules.
"""

from __future__ import annotations

from typing import Callable

from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, listing, poly


_NTH_TERM_TEMPLATES = (
    "what is the nth term of the sequence {seq}, ...?",
    "find an expression for the nth term of: {seq}, ...",
    "{name} writes the sequence {seq}, ... what is its nth term rule?",
)


@family(
    "sequences",
    ("Uses the first term as the constant in the nth term rule",
     lambda p: poly((p.d, "n"), (p.f, ""))),
    ("Writes the nth term as n plus the common difference",
     lambda p: poly((1, "n"), (p.d, "")) if p.d > 0 else None),
    ("Swaps the coefficient of n and the constant in the nth term rule",
     lambda p: poly((p.f - p.d, "n"), (p.d, "")) if p.d > 0 and p.f - p.d > 1 else None),
    ("Writes a positive coefficient of n for a sequence that goes down",
     lambda p: poly((-p.d, "n"), (p.f - p.d, "")) if p.d < 0 else None),
)
def _nth_term(rng):
    if rng.random() < 0.7:
        f, d = rng.randint(1, 25), rng.randint(2, 9)
    else:
        f, d = rng.randint(30, 80), -rng.randint(2, 9)
    terms = [f + d * i for i in range(rng.randint(4, 5))]
    text = ask(rng, _NTH_TERM_TEMPLATES, seq=listing(terms))
    return Question(text, poly((d, "n"), (f - d, "")), Params(f=f, d=d))


@family(
    "sequences",
    ("Writes the position number next to the coefficient instead of multiplying",
     lambda p: str(int(f"{p.a}{p.k}") + p.b)),
    ("Multiplies the first term by the position number to find a later term",
     lambda p: str((p.a + p.b) * p.k)),
)
def _term_from_rule(rng):
    a, b, k = rng.randint(2, 9), rng.randint(-9, 9), rng.randint(10, 60)
    rule = poly((a, "n"), (b, ""))
    text = ask(rng, (
        "the nth term of a sequence is $ {rule} $. what is term number {k}?",
        "a sequence has nth term {rule}. find the {k}th term.",
        "{name} uses the rule {rule} to make a sequence. what is the value of the term in position {k}?",
    ), rule=rule, k=k)
    return Question(text, str(a * k + b), Params(a=a, b=b, k=k))


@family(
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
    text = ask(rng, (
        "what is the next term in the sequence {seq}, ...?",
        "{name} continues the pattern {seq}, ... what number comes next?",
        "{name} writes down {seq}, ... in a puzzle. what is the next term?",
    ), seq=listing(terms))
    return Question(text, str(following), Params(terms=terms, geometric=geometric))


def _iterate(first: int, position: int, step: Callable[[int], int]) -> int:
    """The term at ``position`` of a sequence given by its first term and a term-to-term rule."""
    term = first
    for _ in range(position - 1):
        term = step(term)
    return term


@family(
    "sequences",
    ("Applies the two steps of a term-to-term rule in the reverse order",
     lambda p: str(_iterate(p.first, p.position, lambda t: (t + p.b) * p.a))),
)
def _term_to_term(rng):
    f, a, b, position = rng.randint(1, 10), rng.randint(2, 5), rng.randint(1, 9), rng.choice((2, 3))
    nth = {2: "second", 3: "third"}[position]
    text = ask(rng, (
        "the first term of a sequence is {f}. the term-to-term rule is 'multiply by {a} then add {b}'. what is the {nth} term?",
        "{name} starts at {f} and repeatedly multiplies by {a} and then adds {b}. what is the {nth} number in the sequence?",
    ), f=f, a=a, b=b, nth=nth)
    return Question(text, str(_iterate(f, position, lambda t: a * t + b)), Params(first=f, position=position, a=a, b=b))
