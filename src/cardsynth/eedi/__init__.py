"""Procedural Eedi-style pairs: (question + wrong answer, misconception name).

The "Mining Misconceptions in Mathematics" data cannot be shipped, so this package
authors its own catalogue.  Misconceptions that are distractors for the same kind
of question share a *family* generator: it draws a random question instance with
its correct answer and parameters, and each misconception turns those parameters
into the wrong answer it leads to.  Text is rendered in the competition's register:
lowercase, LaTeX-ish spacing (``\\frac {2} {7}``), maths optionally wrapped in
``( ... )``, and sentence_0 = question text + " " + wrong answer.

Each topic module registers its families when imported.  The order below is the
registration order: it numbers the misconceptions within a topic and orders the
deck ``generate_pairs`` shuffles, so changing it changes ids and generated data
(tests/data/eedi_misconceptions.tsv pins the ids).
"""

from __future__ import annotations

from cardsynth.eedi import (  # noqa: F401 (imported to register their families, in this order)
    place_value,
    rounding,
    fraction_skills,
    decimals,
    percentages,
    negative_numbers,
    order_of_operations,
    powers_and_roots,
    algebraic_expressions,
    equations,
    angles,
    ratio,
    sequences,
    graphs,
    statistics_and_probability,
    area_and_volume,
    measures,
    factors_and_primes,
)
from cardsynth.eedi.pairs import generate_pairs
from cardsynth.eedi.registry import catalogue, topics

__all__ = ["catalogue", "generate_pairs", "topics"]
