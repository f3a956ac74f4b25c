"""What a misconception is, how families register them, and the ids they get.

A *family* is one question generator shared by the misconceptions that are
distractors for that kind of question; each misconception turns the question's
parameters into the wrong answer it leads to.  Topic modules register their
families with ``@family(topic, ...)`` at import time, so the package imports them
in a fixed order: ids and the order of the registry (which fixes the draws in
``generate_pairs``) depend on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable

Params = SimpleNamespace

MAX_TRIES = 500  # resampling budget before a family is declared broken

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
        for _ in range(MAX_TRIES):
            question = self.make(rng)
            wrong = self.wrong(question.p)
            if wrong is not None and wrong != question.correct:
                return question, wrong
        raise RuntimeError(f"misconception {self.id} never produced a distinct wrong answer")


REGISTRY: list[Misconception] = []


def family(topic: str, *misconceptions: tuple[str, Callable[[Params], str | None]]):
    """Register a question generator with the misconceptions that answer it wrongly.

    Ids are the topic's base plus the running count within the topic, so they are
    stable as long as entries are only appended.
    """

    def register(make: Callable[[random.Random], Question]):
        for name, wrong in misconceptions:
            mid = _TOPIC_BASES[topic] + sum(m.topic == topic for m in REGISTRY)
            REGISTRY.append(Misconception(mid, topic, name, make.__name__, make, wrong))
        return make

    return register


def catalogue() -> dict[int, str]:
    """All generated misconception names by id (>= 100)."""
    return {m.id: m.name for m in REGISTRY}


def topics() -> dict[int, str]:
    """Topic of each misconception id."""
    return {m.id: m.topic for m in REGISTRY}
