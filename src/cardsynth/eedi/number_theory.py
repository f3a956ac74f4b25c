"""Whole-number helpers several topics share: smallest prime factors and coprime pairs."""

from __future__ import annotations

import math
import random


def spf(n: int) -> int:
    """Smallest prime factor."""
    return next(k for k in range(2, n + 1) if n % k == 0)


def coprime_pair(rng: random.Random, lo: int, hi: int) -> tuple[int, int]:
    while True:
        a, b = rng.randint(lo, hi), rng.randint(lo, hi)
        if a != b and math.gcd(a, b) == 1:
            return a, b
