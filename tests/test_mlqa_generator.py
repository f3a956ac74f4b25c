"""The offline glossary is big, varied and deterministic enough to stand in for the mnrl-qa CSV."""

from collections import Counter

from cardrepro.data.mlqa import split_answers
from cardsynth.mlqa import generate_pairs, load_glossary


def test_glossary_has_enough_concepts_phrasings_and_answers():
    glossary = load_glossary()
    assert len(glossary) >= 50
    for concept, entry in glossary.items():
        assert len(set(entry["questions"])) >= 2, concept
        assert len(set(entry["answers"])) >= 10, concept
        assert all(isinstance(text, str) and text.strip() for text in entry["questions"] + entry["answers"])


def test_no_answer_appears_twice():
    answers = [a for entry in load_glossary().values() for a in entry["answers"]]
    assert len(answers) == len(set(answers))


def test_pairs_use_every_answer_once_with_its_concepts_phrasings():
    glossary = load_glossary()
    pairs = generate_pairs(seed=0)
    assert len(pairs) >= 1000
    assert Counter(p["sentence_1"] for p in pairs) == Counter(
        a for entry in glossary.values() for a in entry["answers"]
    )
    for p in pairs:
        assert p["sentence_0"] in glossary[p["topic"]]["questions"]
        assert p["sentence_1"] in glossary[p["topic"]]["answers"]
    used = {(p["topic"], p["sentence_0"]) for p in pairs}
    assert used == {(c, q) for c, entry in glossary.items() for q in entry["questions"]}


def test_order_is_deterministic_per_seed():
    assert generate_pairs(seed=3) == generate_pairs(seed=3)
    assert generate_pairs(seed=3) != generate_pairs(seed=4)
    assert sorted(map(str, generate_pairs(seed=3))) == sorted(map(str, generate_pairs(seed=4)))


def test_split_by_concept_covers_every_concept_and_phrasing():
    pairs = generate_pairs(seed=42)
    train, heldout = split_answers(pairs, eval_fraction=0.2, seed=42, group_by="topic")
    assert (train, heldout) == split_answers(pairs, eval_fraction=0.2, seed=42, group_by="topic")
    corpus = heldout["corpus"]
    assert not set(corpus.values()) & {p["sentence_1"] for p in train}
    assert len(train) + len(corpus) == len(pairs)
    concepts = set(load_glossary())
    assert {p["topic"] for p in train} == concepts
    assert {pairs[int(aid[1:])]["topic"] for aid in corpus} == concepts
    assert set(heldout["queries"].values()) == {p["sentence_0"] for p in pairs}
    topic_of = {p["sentence_0"]: p["topic"] for p in pairs}
    for qid, question in heldout["queries"].items():
        expected = {aid for aid in corpus if pairs[int(aid[1:])]["topic"] == topic_of[question]}
        assert heldout["relevant"][qid] == expected != set()
