"""Questions and misconceptions of the "factors, multiples and primes" topic.

Covers highest common factors, lowest common multiples, spotting primes, counting
factors and telling factors from multiples.
"""

from __future__ import annotations

import math

from cardsynth.eedi.number_theory import coprime_pair, spf
from cardsynth.eedi.registry import Params, Question, family
from cardsynth.eedi.rendering import ask, listing


@family(
    "factors, multiples and primes",
    ("Gives the lowest common multiple when asked for the highest common factor",
     lambda p: str(p.h * p.a * p.b)),
    ("Gives a common factor that is not the highest one",
     lambda p: str(spf(p.h))),
)
def _hcf(rng):
    h = rng.choice((4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20))
    a, b = coprime_pair(rng, 2, 9)
    text = ask(rng, (
        "what is the highest common factor of {x} and {y}?",
        "find the hcf of {x} and {y}.",
        "{name} wants the biggest number that divides both {x} and {y}. what is it?",
    ), x=h * a, y=h * b)
    return Question(text, str(h), Params(h=h, a=a, b=b))


@family(
    "factors, multiples and primes",
    ("Gives the highest common factor when asked for the lowest common multiple",
     lambda p: str(p.g)),
    ("Multiplies the two numbers to get the lowest common multiple even when they share a factor",
     lambda p: str(p.g * p.g * p.a * p.b)),
)
def _lcm(rng):
    g = rng.randint(2, 9)
    a, b = coprime_pair(rng, 2, 9)
    text = ask(rng, (
        "what is the lowest common multiple of {x} and {y}?",
        "find the lcm of {x} and {y}.",
        "one bell rings every {x} minutes and another every {y} minutes. they ring together now. after how many minutes do they next ring together?",
        "{name} needs the smallest number that is in both the {x} times table and the {y} times table. what is it?",
    ), x=g * a, y=g * b)
    return Question(text, str(g * a * b), Params(g=g, a=a, b=b))


_PRIMES = tuple(n for n in range(2, 100) if all(n % k for k in range(2, n)))
_ODD_COMPOSITES = tuple(n for n in range(9, 100, 2) if n not in _PRIMES)


@family(
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
    text = ask(rng, (
        "which of these numbers is prime? {opts}",
        "{name} is asked to circle the prime number: {opts}. which should they circle?",
        "one of these is a prime number: {opts}. which one?",
    ), opts=listing(options))
    return Question(text, str(prime), Params(odd=odd, options=options))


def _factors(n: int) -> list[int]:
    return [k for k in range(1, n + 1) if n % k == 0]


@family(
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
    text = ask(rng, (
        "{name} is asked how many factors {n} has. what is the answer?",
        "{name} lists every factor of {n}. how many factors should there be?",
        "{name} wants to arrange {n} {things} in equal rows. how many factors does {n} have?",
    ), n=n, things=rng.choice(("chairs", "plants", "tiles", "stamps", "cupcakes", "photos")))
    return Question(text, str(len(_factors(n))), Params(n=n))


@family(
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
    text = ask(rng, (
        "which of these is a {word} of {n}? {opts}",
        "{name} is looking for a {word} of {n} in this list: {opts}. which number should they pick?",
    ), word=word, n=n, opts=listing(options))
    return Question(text, str(answer), Params(decoy=decoy))
