"""Tests for the offline Eedi-like pair generator (fast; no model is loaded)."""

import re
import time
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

from cardsynth.eedi import catalogue, generate_pairs, topics

FRACTION = re.compile(r"\\frac \{(\d+)\} \{(\d+)\}")
SNAPSHOT = Path(__file__).parent / "data" / "eedi_misconceptions.tsv"
KEYS = ("sentence_0", "sentence_1", "question_id", "misconception_id", "correct_answer", "wrong_answer")


@pytest.fixture(scope="module")
def pairs():
    return generate_pairs(5000, seed=11)


def test_same_seed_gives_identical_pairs():
    assert generate_pairs(400, seed=3) == generate_pairs(400, seed=3)


def test_different_seeds_give_different_pairs():
    assert generate_pairs(400, seed=3) != generate_pairs(400, seed=4)


def test_counts_and_schema(pairs):
    names = catalogue()
    assert len(pairs) == 5000
    assert generate_pairs(0, seed=1) == []
    for row in pairs:
        assert tuple(row) == KEYS
        assert isinstance(row["question_id"], int) and isinstance(row["misconception_id"], int)
        assert all(isinstance(row[k], str) and row[k].strip() for k in KEYS if not k.endswith("_id"))
        assert row["sentence_1"] == names[row["misconception_id"]]
        assert row["sentence_0"].endswith(" " + row["wrong_answer"].lower())


def test_negative_count_is_rejected():
    with pytest.raises(ValueError):
        generate_pairs(-1, seed=0)


def test_catalogue_size_and_topics():
    names, topic_of = catalogue(), topics()
    assert len(names) >= 100
    assert set(names) == set(topic_of)
    assert len(set(topic_of.values())) >= 10
    assert all(isinstance(mid, int) for mid in names)


def test_names_are_unique_and_non_empty():
    names = list(catalogue().values())
    assert all(name.strip() and name == name.strip() for name in names)
    assert len(set(names)) == len(names)


def test_ids_topics_and_registration_order_match_the_snapshot():
    """Ids are counted in registration order, so moving a family renumbers them; a new misconception appends its row."""
    rows = [line.split("\t") for line in SNAPSHOT.read_text().splitlines()[1:]]
    topic_of = topics()
    assert [[str(mid), topic_of[mid], name] for mid, name in catalogue().items()] == rows


def test_wrong_answer_always_differs_from_correct(pairs):
    assert all(row["wrong_answer"] != row["correct_answer"] for row in pairs)


def test_every_misconception_appears_in_1000_pairs():
    seen = {row["misconception_id"] for row in generate_pairs(1000, seed=5)}
    assert seen == set(catalogue())


def test_misconceptions_are_drawn_evenly(pairs):
    counts = Counter(row["misconception_id"] for row in pairs)
    assert max(counts.values()) - min(counts.values()) <= 1


def test_sentence_0_is_lowercase_and_unique(pairs):
    texts = [row["sentence_0"] for row in pairs]
    assert all(text == text.lower() for text in texts)
    assert len(set(texts)) == len(texts)


def test_questions_group_up_to_three_distinct_answers(pairs):
    by_question = defaultdict(list)
    for row in pairs:
        by_question[row["question_id"]].append(row)
    sizes = Counter(len(rows) for rows in by_question.values())
    assert set(sizes) <= {1, 2, 3} and sizes[2] > 0
    for rows in by_question.values():
        assert len({r["correct_answer"] for r in rows}) == 1
        assert len({r["wrong_answer"] for r in rows}) == len(rows)
        assert len({r["misconception_id"] for r in rows}) == len(rows)


def test_held_out_seed_gives_new_questions():
    train = {row["sentence_0"] for row in generate_pairs(4370, seed=0)}
    held_out = [row["sentence_0"] for row in generate_pairs(1000, seed=1)]
    assert sum(text in train for text in held_out) < 0.05 * len(held_out)


def test_latex_style_rendering(pairs):
    fraction_rows = [row for row in pairs if row["misconception_id"] == 300]
    assert fraction_rows and all("\\frac {" in row["sentence_0"] for row in fraction_rows)
    assert any("\\times" in row["sentence_0"] for row in pairs)


def test_fraction_addition_adds_tops_and_bottoms():
    row = next(r for r in generate_pairs(1000, seed=2) if r["misconception_id"] == 300)
    (a, b), (c, d) = [(int(n), int(m)) for n, m in FRACTION.findall(row["sentence_0"])[:2]]
    assert _value(row["wrong_answer"]) == Fraction(a + c, b + d)
    assert _value(row["correct_answer"]) == Fraction(a, b) + Fraction(c, d)


def _value(answer: str) -> Fraction:
    match = FRACTION.fullmatch(answer)
    return Fraction(int(match[1]), int(match[2])) if match else Fraction(answer)


def test_generation_is_fast():
    start = time.perf_counter()
    generate_pairs(4370, seed=0)
    assert time.perf_counter() - start < 2.0
