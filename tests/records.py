"""A run's whole record (details.json) with known contents, for tests that need no training."""

from __future__ import annotations


def details(run: str, base: float, tuned: float, seed: int = 42, stand_in: bool = False, card: dict | None = None) -> dict:
    return {
        "run": run, "headline": "cosine_mrr@10",
        "substituted": {"stand_in_model": stand_in, "generated_data": True},
        "model": {"requested": "org/big-model", "stand_in": "org/small-model" if stand_in else None, "is_stand_in": stand_in},
        "data": {"source": "generated", "train_pairs": 100, "eval_queries": 20, "corpus": 30},
        "base": {"cosine_mrr@10": base}, "tuned": {"cosine_mrr@10": tuned}, "card": card or {},
        "intervals": {"level": 0.95, "resamples": 1000, "resampled_items": 20,
                      "cosine_mrr@10": {"base": [base - 0.1, base + 0.1], "tuned": [tuned - 0.1, tuned + 0.1],
                                        "gain": [tuned - base - 0.05, tuned - base + 0.05]}},
        "loss_at_card_steps": {"500": {"run": 0.3, "card": 0.6}},
        "training": {"seed": seed, "steps": 90, "seconds": 12.5, "processes": 1, "device": "cpu", "per_device_batch": 32},
    }
