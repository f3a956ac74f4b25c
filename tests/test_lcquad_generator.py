"""Tests for the offline LC-QuAD-like row generator (fast; no model is loaded)."""

import re
import time

import pytest

from cardsynth.lcquad_catalogue import (
    CLASSES,
    ENTITIES,
    LITERAL_KINDS,
    PROPERTIES,
    STATEMENT_QUALIFIERS,
)
from cardsynth.lcquad import generate_rows

KEYS = ("sparql_wikidata", "question", "NNQT_question", "template")
ENTITY_IDS = {qid for pairs in (*ENTITIES.values(), *CLASSES.values()) for qid, _ in pairs}
PROPERTY_IDS = {p.pid for p in PROPERTIES}


@pytest.fixture(scope="module")
def rows():
    return generate_rows(2000, seed=7)


def test_same_seed_gives_identical_rows():
    assert generate_rows(300, seed=3) == generate_rows(300, seed=3)


def test_different_seeds_give_different_rows():
    a = {(r["sparql_wikidata"], r["question"]) for r in generate_rows(300, seed=3)}
    b = {(r["sparql_wikidata"], r["question"]) for r in generate_rows(300, seed=4)}
    assert a != b
    assert len(a & b) < 30


def test_count_and_uniqueness(rows):
    assert len(rows) == 2000
    assert len({(r["sparql_wikidata"], r["question"]) for r in rows}) == 2000
    assert generate_rows(0, seed=1) == []


def test_negative_count_is_rejected():
    with pytest.raises(ValueError):
        generate_rows(-1, seed=0)


def test_schema(rows):
    for row in rows:
        assert tuple(row) == KEYS
        assert all(isinstance(row[k], str) and row[k].strip() for k in KEYS)


def _balanced(text: str) -> bool:
    stack = []
    for ch in text:
        if ch in "{(":
            stack.append(ch)
        elif ch in "})":
            if not stack or stack.pop() != {"}": "{", ")": "("}[ch]:
                return False
    return not stack


def test_queries_are_syntactically_plausible(rows):
    for row in rows:
        query = row["sparql_wikidata"]
        assert _balanced(query), query
        assert "wd:Q" in query or "wdt:P31" in query or "?sbj" in query
        assert re.match(r"\s*(select|ask)\b", query, re.IGNORECASE), query


def test_every_id_belongs_to_the_catalogue(rows):
    for row in rows:
        query = row["sparql_wikidata"]
        assert set(re.findall(r"\bwd:(Q\d+)", query)) <= ENTITY_IDS, query
        assert set(re.findall(r"\b(?:wdt|p|ps|pq):(P\d+)", query)) <= PROPERTY_IDS, query


def test_catalogue_is_consistent():
    all_ids = [qid for pairs in (*ENTITIES.values(), *CLASSES.values()) for qid, _ in pairs]
    assert len(all_ids) == len(set(all_ids)), "a Q-id is used for two things"
    assert set(CLASSES) == set(ENTITIES)
    assert sum(len(v) for v in ENTITIES.values()) >= 250
    assert len(PROPERTY_IDS) >= 60
    for p in PROPERTIES:
        assert set(p.subj) <= set(ENTITIES)
        assert set(p.obj) <= set(ENTITIES) | set(LITERAL_KINDS)
        assert p.nouns
        assert (p.span is not None) == (p.subj != () and p.obj == ("number",))
    for pid, qualifiers in STATEMENT_QUALIFIERS.items():
        assert pid in PROPERTY_IDS and set(qualifiers) <= PROPERTY_IDS


def test_templates_are_varied(rows):
    assert len({r["template"] for r in rows}) >= 12


def test_questions_mostly_natural(rows):
    braces = sum("{" in r["question"] for r in rows) / len(rows)
    assert 0.02 < braces < 0.15
    assert sum(r["question"] == r["NNQT_question"] for r in rows) < 0.15 * len(rows)


def test_questions_use_labels_not_ids(rows):
    assert not any(re.search(r"\b[QP]\d{2,}\b", r["question"]) for r in rows)


def test_6100_rows_are_fast():
    start = time.perf_counter()
    generate_rows(6100, seed=42)
    assert time.perf_counter() - start < 2.0
