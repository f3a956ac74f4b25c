"""The packaged story and the mnrl_compressed run's (shorthand, sentence) pairs (fast, no model)."""

import pytest

from cardsynth.shorthand import compress
from cardrepro.data.shorthand_pairs import build_pairs, story_sentences


@pytest.fixture(scope="module")
def story():
    return story_sentences()


def test_compression_is_deterministic(story):
    assert [compress(sentence) for sentence in story] == [compress(sentence) for sentence in story]


def test_story_is_long_enough_and_every_pair_has_shorthand(story):
    assert len(story) >= 330
    with pytest.warns(UserWarning, match=r"dropped \d+ pair"):
        pairs = build_pairs(story)
    assert len(pairs) >= 330
    assert all(pair["sentence_0"].strip() and pair["sentence_1"].strip() for pair in pairs)


def test_shorthand_is_much_shorter_than_the_sentence(story):
    pairs = [{"sentence_0": compress(s), "sentence_1": s} for s in story if compress(s)]
    ratio = sum(len(p["sentence_0"]) / len(p["sentence_1"]) for p in pairs) / len(pairs)
    assert ratio < 0.6  # measured 0.44 on the packaged story


def test_empty_compressions_are_dropped_with_a_count():
    with pytest.warns(UserWarning, match="dropped 2 pair"):
        pairs = build_pairs(["Oh.", "It was.", "Mara ran."])
    assert pairs == [{"sentence_0": "Mara ran", "sentence_1": "Mara ran."}]


def test_grouping_joins_consecutive_sentences():
    pairs = build_pairs(["Mara ran.", "Bram slept.", "Priya is tired."], group=2)
    assert pairs == [
        {"sentence_0": "Mara ran | Bram sle", "sentence_1": "Mara ran. Bram slept."},
        {"sentence_0": "Priya : tir", "sentence_1": "Priya is tired."},
    ]
