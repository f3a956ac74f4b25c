"""Eedi pairs of the tsdae cards: a small fixture in the real layout, then the real files.

The real-data tests read ../shared/data/eedi and ../shared/model-cards next to the repository
and skip when they are absent (a user's clone has no shared/).
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
import yaml

from cardrepro.data.eedi import (
    TRAIN_COLUMNS,
    clean_question_text,
    read_catalogue,
    read_pairs,
    split_by_question,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_DIR = SHARED / "data" / "eedi"
CARDS_DIR = SHARED / "model-cards"
CARDS = ("tsdae-minilm.md", "tsdae-qwen.md")

MAPPING = [(0, "Adds instead of multiplies"), (1, "Ignores the sign "), (2, "Misreads the axes")]
TRAIN = [
    {
        "QuestionId": "7",
        "QuestionText": "Solve the inequality:\n\\(-\\frac{1}{3} y \\leq-6\\)",
        "AnswerAText": "\\( y \\leq 18 \\)",
        "AnswerBText": "\\( y \\geq 2 \\)",
        "AnswerCText": "\\( y \\leq 2 \\)",
        "AnswerDText": "\\( y \\geq 18 \\)",
        "MisconceptionAId": "",
        "MisconceptionBId": "1.0",
        "MisconceptionCId": "",
        "MisconceptionDId": "0",
    },
    {
        "QuestionId": "3",
        "QuestionText": 'Which is "bigger"? ![Two bars, (1,2) and (3,4)]()',
        "AnswerAText": "Only\nTom",
        "AnswerBText": "Neither",
        "AnswerCText": "Both",
        "AnswerDText": "(p+2)(p+2)",
        "MisconceptionAId": "2",
        "MisconceptionBId": "",
        "MisconceptionCId": "",
        "MisconceptionDId": "0.0",
    },
]


def _write_raw(folder: Path, train: list[dict], mapping=MAPPING, columns=TRAIN_COLUMNS) -> Path:
    """Both competition files in the layout read_pairs expects."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "train.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(train)
    with (folder / "misconception_mapping.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["MisconceptionId", "MisconceptionName"])
        writer.writerows(mapping)
    return folder


def _with(row: dict, **changes: str) -> dict:
    return {**row, **changes}


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    return _write_raw(tmp_path / "eedi", TRAIN)


def test_pairs_in_file_order_answers_a_to_d(raw_dir: Path):
    pairs = read_pairs(raw_dir)
    assert [(p["question_id"], p["misconception_id"]) for p in pairs] == [
        (7, 1),
        (7, 0),
        (3, 2),
        (3, 0),
    ]
    assert [p["sentence_1"] for p in pairs] == [
        "Ignores the sign ",
        "Adds instead of multiplies",
        "Misreads the axes",
        "Adds instead of multiplies",
    ]


def test_sentence_0_is_cleaned_question_space_cleaned_answer(raw_dir: Path):
    pairs = read_pairs(raw_dir)
    assert pairs[0]["sentence_0"] == "solve the inequality: (- \\frac {1} {3} y \\leq -6 y \\geq 2"
    assert pairs[2]["sentence_0"] == "which is bigger? ! [two bars, (1,2) and (3,4) () only tom"
    assert pairs[3]["sentence_0"].endswith("() (p+2) (p+2)")


# Raw texts from train.csv and how the cards show them (cleaned, lowercased).
CARD_CLEANING = [
    (
        "What is \\( \\frac{13}{40} \\) written as a percentage?",
        "what is \\frac {13} {40} written as a percentage?",
    ),
    ("\\( 26 \\% \\)", "26 %"),
    ("\\( (\\boldsymbol{n}+\\mathbf{1})^{3} \\)", "\\boldsymbol {n} + \\mathbf {1} ^ {3}"),
    (
        "\\( \\begin{array}{l}3 h^{2}=225 \\\\ (3 h)^{2}=225\\end{array} \\)",
        "\\begin {array} {l} 3 h^ {2} =225 (3 h) ^ {2} =225 \\end {array}",
    ),
    ("y=\\left\\{\\begin{tabular}{|l|c|}", "y= \\left { \\begin {tabular} { | l | c | }"),
    ("from (4, 2.5) to (7, 2.5)]()", "from (4, 2.5) to (7, 2.5) ()"),
    ("10 miles = £8. ]() The", "10 miles = £8. () the"),
    ('has "− 4" written', "has − 4 written"),
]


@pytest.mark.parametrize(("raw", "cleaned"), CARD_CLEANING)
def test_cleaning_matches_the_cards(raw: str, cleaned: str):
    assert clean_question_text(raw) == cleaned


def test_opening_bracket_at_a_line_end_survives_as_on_the_crlf_card():
    text = "Factorise this expression, if possible:\n\\(\np^{2}+4 p\n\\)"
    assert clean_question_text(text) == "factorise this expression, if possible: ( p^ {2} +4 p"
    assert clean_question_text(text.replace("\n", "\r\n")) == clean_question_text(text)


def test_catalogue_keeps_names_as_written(raw_dir: Path):
    assert read_catalogue(raw_dir) == dict(MAPPING)


@pytest.mark.parametrize("name", ["train.csv", "misconception_mapping.csv"])
def test_missing_file_names_path_and_download(raw_dir: Path, name: str):
    (raw_dir / name).unlink()
    expected = re.escape(str(raw_dir / name)) + ".*download"
    with pytest.raises(FileNotFoundError, match=expected):
        read_pairs(raw_dir)


def test_missing_column_names_column_and_file(tmp_path: Path):
    columns = tuple(c for c in TRAIN_COLUMNS if c != "MisconceptionCId")
    folder = _write_raw(tmp_path, TRAIN, columns=columns)
    with pytest.raises(ValueError, match=r"train\.csv: missing column 'MisconceptionCId'"):
        read_pairs(folder)


def test_unknown_misconception_id_is_an_error(tmp_path: Path):
    folder = _write_raw(tmp_path, [_with(TRAIN[0], MisconceptionDId="99.0")])
    with pytest.raises(ValueError, match=r"QuestionId 7 answer D has misconception id 99"):
        read_pairs(folder)


def test_non_integer_id_is_an_error(tmp_path: Path):
    folder = _write_raw(tmp_path, [_with(TRAIN[0], MisconceptionDId="one")])
    with pytest.raises(ValueError, match=r"row 1 column 'MisconceptionDId' holds 'one'"):
        read_pairs(folder)


def test_empty_answer_is_dropped_with_a_count(tmp_path: Path):
    folder = _write_raw(tmp_path, [_with(TRAIN[0], AnswerBText=" "), TRAIN[1]])
    with pytest.warns(UserWarning, match=r"dropped 1 pair\(s\) whose answer text is empty"):
        pairs = read_pairs(folder)
    assert len(pairs) == 3


# --- the real competition files and the cards' sample rows ---------------------------------


def _normalise(text: str) -> str:
    """The cards show the CRLF checkout's \\r; compare without it and with single spaces."""
    return re.sub(" +", " ", text.replace("\r", "")).strip()


def _card_text(path: Path) -> str:
    """This copy of the cards is mojibake (UTF-8 saved again as if it were cp1252): undo it."""
    text = path.read_text(encoding="utf-8")
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def _widget_sources(text: str) -> list[str]:
    front_matter = text.split("---\n")[1]
    return [item["source_sentence"] for item in yaml.safe_load(front_matter)["widget"]]


def _widget_sentences(text: str) -> list[str]:
    front_matter = text.split("---\n")[1]
    return [s for item in yaml.safe_load(front_matter)["widget"] for s in item["sentences"]]


def _table_pairs(text: str) -> list[tuple[str, str]]:
    """(sentence_0, sentence_1) of each row of the "* Samples:" table under Training Dataset."""
    lines = text.split("* Samples:\n", 1)[1].splitlines()[2:]
    rows = []
    for line in lines:
        if not line.lstrip().startswith("|"):
            break
        cells = re.findall(r"<code>(.*?)</code>", line)
        rows.append(tuple(html.unescape(cell).replace("\\|", "|") for cell in cells))
    return rows


def _samples() -> list:
    """One param per card sample row; a single skipped one when the cards are absent."""
    if not CARDS_DIR.is_dir():
        return [pytest.param("", None, marks=pytest.mark.skip(reason=f"no {CARDS_DIR}"))]
    params = []
    for name in CARDS:
        text = _card_text(CARDS_DIR / name)
        for i, source in enumerate(_widget_sources(text)):
            params.append(pytest.param(source, None, id=f"{name}-widget-{i}"))
        for i, (sentence_0, sentence_1) in enumerate(_table_pairs(text)):
            params.append(pytest.param(sentence_0, sentence_1, id=f"{name}-table-{i}"))
    return params


@pytest.fixture(scope="module")
def real_pairs() -> list[dict]:
    if not REAL_DIR.is_dir():
        pytest.skip(f"no {REAL_DIR}")
    return read_pairs(REAL_DIR)


def test_real_counts(real_pairs: list[dict]):
    assert len(real_pairs) == 4370
    assert len(read_catalogue(REAL_DIR)) == 2587


def test_every_card_has_its_samples():
    if not CARDS_DIR.is_dir():
        pytest.skip(f"no {CARDS_DIR}")
    assert len(_samples()) == 16


@pytest.fixture(scope="module")
def real_normalised(real_pairs: list[dict]) -> set[tuple[str, str]]:
    return {(_normalise(p["sentence_0"]), _normalise(p["sentence_1"])) for p in real_pairs}


@pytest.mark.parametrize(("sentence_0", "sentence_1"), _samples())
def test_card_sample_is_a_loader_pair(real_normalised: set, sentence_0: str, sentence_1):
    """Widget rows give only a sentence_0; table rows give the whole pair."""
    if sentence_1 is None:
        assert _normalise(sentence_0) in {s0 for s0, _ in real_normalised}
    else:
        assert (_normalise(sentence_0), _normalise(sentence_1)) in real_normalised


def test_card_widget_sentences_are_catalogue_names():
    if not (CARDS_DIR.is_dir() and REAL_DIR.is_dir()):
        pytest.skip(f"no {CARDS_DIR} or {REAL_DIR}")
    names = set(read_catalogue(REAL_DIR).values())
    for name in CARDS:
        for sentence in _widget_sentences(_card_text(CARDS_DIR / name)):
            assert sentence in names


def test_split_by_question_is_disjoint_deterministic_and_sized(real_pairs: list[dict]):
    train, heldout = split_by_question(real_pairs, eval_fraction=0.2, seed=13)
    assert len(train) + len(heldout) == len(real_pairs)
    assert not {p["question_id"] for p in train} & {p["question_id"] for p in heldout}
    assert abs(len(heldout) / len(real_pairs) - 0.2) < 0.01
    assert split_by_question(real_pairs, eval_fraction=0.2, seed=13) == (train, heldout)
    assert split_by_question(real_pairs, eval_fraction=0.2, seed=14) != (train, heldout)


def test_split_by_question_on_generated_pairs():
    pairs = [
        {"question_id": q, "misconception_id": k, "sentence_0": f"q{q}", "sentence_1": f"m{k}"}
        for q in range(60)
        for k in range(1 + q % 3)
    ]
    train, heldout = split_by_question(pairs, eval_fraction=0.25, seed=0)
    assert not {p["question_id"] for p in train} & {p["question_id"] for p in heldout}
    assert sorted(train + heldout, key=pairs.index) == pairs
    assert abs(len(heldout) / len(pairs) - 0.25) < 0.05
    assert split_by_question(pairs, eval_fraction=0.25, seed=0) == (train, heldout)


def test_split_by_question_rejects_bad_input(raw_dir: Path):
    pairs = read_pairs(raw_dir)
    with pytest.raises(ValueError, match="eval_fraction"):
        split_by_question(pairs, eval_fraction=1.0, seed=0)
    with pytest.raises(ValueError, match="at least 2 questions"):
        split_by_question(pairs[:2], eval_fraction=0.5, seed=0)


def test_a_competition_file_in_data_raw_cut_short_is_refused(tmp_path: Path, monkeypatch):
    """train.csv under data/raw/eedi/ with other content than the pinned file (cut at half, say): one line naming
    it, not a different split of the questions."""
    (tmp_path / "dvc.yaml").write_text("stages: {}\n")
    (tmp_path / "params").mkdir()
    monkeypatch.chdir(tmp_path)  # a project root of its own
    folder = _write_raw(tmp_path / "data" / "raw" / "eedi", TRAIN)
    with pytest.raises(ValueError, match=r"data/raw/eedi/train.csv: its SHA-256 is .*, not the pinned .*"
                                         r"fix: restore it with `make data`"):
        read_pairs(folder)
    assert len(read_pairs(_write_raw(tmp_path / "mine", TRAIN))) > 0  # outside data/raw/: a user's own copy
