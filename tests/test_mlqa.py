"""The mnrl-qa loader reproduces the card's 2,764 pairs and splits answers for retrieval checks."""

import csv
import warnings
from pathlib import Path

import pytest

from cardrepro.data.mlqa import read_pairs, split_answers
from tests.conftest import shared_path

FIXTURE_ROWS = [
    ("What is A?", "A is the first letter.", "letters"),
    ("What is A?", "", "letters"),
    ("What is A?", "A starts the alphabet.", "letters"),
    ("What is B?", "B follows A.", ""),
    ("   ", "An answer without a question.", "letters"),
    ("What is B?", "B is the second letter.", ""),
    ("What is A?", "A is a vowel.", "letters"),
    ("What is B?", "B is a consonant.", ""),
]


def write_csv(path: Path, rows, header=("Question", "Answer", "Topic")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def fixture_csv(tmp_path):
    return write_csv(tmp_path / "qa.csv", FIXTURE_ROWS)


def read_quietly(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_pairs(path)


def test_read_pairs_keeps_file_order_and_fields(fixture_csv):
    pairs = read_quietly(fixture_csv)
    kept = [r for r in FIXTURE_ROWS if r[0].strip() and r[1].strip()]
    assert [(p["sentence_0"], p["sentence_1"], p["topic"]) for p in pairs] == kept
    assert len(pairs) == 6


def test_empty_rows_are_dropped_with_a_counted_warning(fixture_csv):
    with pytest.warns(UserWarning, match=r"dropped 2 of 8 rows"):
        read_pairs(fixture_csv)


def test_clean_file_reads_without_warning(tmp_path):
    path = write_csv(tmp_path / "clean.csv", [("Q?", "An answer.", "t")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_pairs(path)) == 1


def test_missing_file_names_path_and_remedy(tmp_path):
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(FileNotFoundError) as err:
        read_pairs(missing)
    message = str(err.value)
    assert str(missing) in message and "fix:" in message and "\n" not in message


def test_missing_column_names_column_and_file(tmp_path):
    path = write_csv(tmp_path / "no_answer.csv", [("Q?", "t")], header=("Question", "Topic"))
    with pytest.raises(ValueError, match="'Answer'") as err:
        read_pairs(path)
    assert str(path) in str(err.value)


def check_split(pairs, train, heldout, group_by="sentence_0"):
    """Disjoint and complete, every group on both sides, relevance = the group's held-out answers."""
    corpus = heldout["corpus"]
    assert all(pairs[int(aid[1:])]["sentence_1"] == text for aid, text in corpus.items())
    assert not set(corpus.values()) & {p["sentence_1"] for p in train}
    held_rows = [p for p in pairs if p["sentence_1"] in set(corpus.values())]
    assert len(train) + len(held_rows) == len(pairs)
    groups = {p[group_by] for p in pairs}
    assert {p[group_by] for p in train} == groups == {p[group_by] for p in held_rows}
    group_of = {p["sentence_0"]: p[group_by] for p in pairs}
    assert set(heldout["queries"].values()) == set(group_of)
    for qid, question in heldout["queries"].items():
        expected = {aid for aid in corpus if pairs[int(aid[1:])][group_by] == group_of[question]}
        assert heldout["relevant"][qid] == expected != set()


def test_split_on_fixture(fixture_csv):
    pairs = read_quietly(fixture_csv)
    train, heldout = split_answers(pairs, eval_fraction=0.2, seed=0)
    check_split(pairs, train, heldout)
    assert sorted(heldout["queries"].values()) == ["What is A?", "What is B?"]
    assert len(heldout["corpus"]) == 2


def test_split_keeps_duplicate_answers_on_one_side():
    pairs = [{"sentence_0": "Q?", "sentence_1": text, "topic": ""} for text in "aabbcc"]
    for seed in range(5):
        train, heldout = split_answers(pairs, eval_fraction=0.3, seed=seed)
        check_split(pairs, train, heldout)
        assert len(heldout["corpus"]) == 1 and len(train) == 4


def test_split_rejects_bad_inputs():
    one_answer = [{"sentence_0": "Q?", "sentence_1": "a", "topic": ""}] * 2
    with pytest.raises(ValueError, match="need >= 2"):
        split_answers(one_answer, eval_fraction=0.2, seed=0)
    with pytest.raises(ValueError, match="eval_fraction"):
        split_answers(one_answer, eval_fraction=1.0, seed=0)


@pytest.fixture(scope="module")
def real_pairs():
    csv_path = shared_path("data", "mlqa", "data_science_questions.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return read_pairs(csv_path)


def test_real_file_gives_the_cards_pairs(real_pairs):
    assert len(real_pairs) == 2764
    assert len({p["sentence_0"] for p in real_pairs}) == 59
    assert real_pairs[0]["sentence_0"] == "What is the purpose of feature engineering in machine learning?"


def test_real_split_is_deterministic_and_covers_every_question(real_pairs):
    train, heldout = split_answers(real_pairs, eval_fraction=0.2, seed=42)
    assert (train, heldout) == split_answers(real_pairs, eval_fraction=0.2, seed=42)
    assert heldout != split_answers(real_pairs, eval_fraction=0.2, seed=7)[1]
    check_split(real_pairs, train, heldout)
    assert len(heldout["queries"]) == 59
    assert 400 < len(heldout["corpus"]) < 600


def qa_pairs(questions: int, answers: int) -> list[dict]:
    return [{"sentence_0": f"Q{q}?", "sentence_1": f"answer {a} to {q}", "topic": ""}
            for q in range(questions) for a in range(answers)]


def test_the_question_split_keeps_whole_questions_out_of_training():
    from cardrepro.data.mlqa import split_questions

    pairs = qa_pairs(10, 6)
    train, heldout = split_questions(pairs, n_questions=3, max_answers=9, seed=1)
    held = set(heldout["queries"].values())
    assert len(held) == 3 and not held & {p["sentence_0"] for p in train}
    assert len(train) == 7 * 6
    relevant = set().union(*heldout["relevant"].values())
    assert len(relevant) == 9 and len(heldout["corpus"]) == 9 + 7 * 3  # the same rate, 9 of 18, for distractors
    for qid, question in heldout["queries"].items():
        assert heldout["relevant"][qid] and all(pairs[int(a[1:])]["sentence_0"] == question
                                                for a in heldout["relevant"][qid])
    assert split_questions(pairs, 3, 9, seed=1) == (train, heldout)
    assert split_questions(pairs, 3, 9, seed=2)[1]["queries"] != heldout["queries"]


@pytest.mark.parametrize("n", [1, 10])
def test_the_question_split_leaves_some_questions_on_each_side(n):
    from cardrepro.data.mlqa import split_questions

    with pytest.raises(ValueError, match=r"data.eval_questions: .* of 10 questions; fix: hold out at least 2"):
        split_questions(qa_pairs(10, 3), n_questions=n, max_answers=5, seed=0)


def test_real_question_split_holds_out_twelve_unseen_questions(real_pairs):
    from cardrepro.data.mlqa import build_pairs

    data = {"source": "real", "raw": str(shared_path("data", "mlqa", "data_science_questions.csv")), "seed": 42,
            "train_rows": 2764, "eval_rows": 200, "heldout": "questions", "eval_questions": 12}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        train, held = build_pairs(data, "train"), build_pairs(data, "eval")
    unseen = {p["sentence_0"] for p in held}
    assert len(unseen) == 12 and not unseen & {p["sentence_0"] for p in train}
    assert len(train) == 2764 - sum(p["sentence_0"] in unseen for p in real_pairs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        distractors = {row["text"] for row in build_pairs(data, "corpus")}
    trained_answers = {p["sentence_1"] for p in train}
    assert len(distractors) > 500 and distractors <= trained_answers and not distractors & {p["sentence_1"] for p in held}
