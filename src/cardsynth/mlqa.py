"""Offline stand-in for the mnrl-qa data: (question, answer) pairs from a glossary written here.

The real CSV is not part of the repository, so tests and default runs use `mlqa_glossary.yaml`: ML
concepts, each with a few question phrasings and many independently worded answers. As in the
real data, one concept has many correct answers; unlike it, questions vary in wording, so the
retrieval split must group by concept: `split_answers(pairs, f, seed, group_by="topic")`.
"""

from __future__ import annotations

import random
from functools import cache
from importlib.resources import files

import yaml

GLOSSARY_FILE = "mlqa_glossary.yaml"


@cache
def load_glossary() -> dict[str, dict[str, list[str]]]:
    """Concept -> {"questions": [...], "answers": [...]}, read once from the packaged YAML."""
    text = files(__package__).joinpath(GLOSSARY_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def generate_pairs(seed: int) -> list[dict]:
    """All (question, answer) pairs of the glossary: sentence_0, sentence_1, topic (the concept).

    Each answer is used once. Phrasings are dealt out in turn so every phrasing of a concept
    appears about equally often; the seed only shuffles the final order.
    """
    pairs = [
        {"sentence_0": entry["questions"][i % len(entry["questions"])], "sentence_1": answer,
         "topic": concept}
        for concept, entry in load_glossary().items()
        for i, answer in enumerate(entry["answers"])
    ]
    random.Random(seed).shuffle(pairs)
    return pairs
