"""Eedi misconception pairs of the tsdae-minilm and tsdae-qwen cards, and a question-level split.

The cards trained on one pair per (question, wrong answer) that has a misconception id in the
competition's train.csv: sentence_0 is the cleaned, lowercased question text, a space, and the
cleaned answer text; sentence_1 is the misconception name exactly as misconception_mapping.csv
writes it. Rows keep file order and answers go A to D.

The cleaning is reverse-engineered from every sample row of both cards. It reads as a
tokenizer pass over the LaTeX-laden text:

* double quotes are dropped;
* LaTeX commands (``\\frac``) and lone backslashes (the ``\\`` of ``\\(``, ``\\{``, ``\\\\``)
  get a space on both sides, opening brackets ``( [ {`` a space before, closing brackets
  ``) ] }`` a space after, and ``|`` a space on both sides;
* space-separated tokens that are only a backslash or one of ``( ) [ ]`` are dropped. This
  removes the math delimiters ``\\( \\) \\[ \\]`` and LaTeX line breaks, but also real brackets
  left standing alone (``\\( (\\boldsymbol{n}+\\mathbf{1})^{3} \\)`` loses its parentheses,
  as on the card), while ``\\(-`` keeps its ``(``; braces always stay;
* everything is lowercased, the answer too (the cards show ``fec``, ``q=2``).

The card's checkout had CRLF line endings and split tokens on spaces only, so the ``\\r`` of
each line end stayed glued to the token before it: an opening bracket that ends a line was not
alone and survived (``\\(`` + newline shows as ``(`` on the card). The cleaning marks line ends
the same way, then turns each line break into one space.
"""

from __future__ import annotations

import csv
import random
import re
import warnings
from collections import Counter
from pathlib import Path

from cardrepro.data.counts import check_counts
from cardrepro.data.pinned import check_pinned
from cardrepro.paths import resolve

TRAIN_FILE = "train.csv"
MAPPING_FILE = "misconception_mapping.csv"
ANSWERS = "ABCD"
TRAIN_COLUMNS = (
    "QuestionId",
    "QuestionText",
    *(f"Answer{letter}Text" for letter in ANSWERS),
    *(f"Misconception{letter}Id" for letter in ANSWERS),
)
MAPPING_COLUMNS = ("MisconceptionId", "MisconceptionName")
CARD_COLUMNS = ("sentence_0", "sentence_1")

_LATEX_COMMAND = re.compile(r"\\[A-Za-z]*")
_OPENING_BRACKET = re.compile(r"[(\[{]")
_CLOSING_BRACKET = re.compile(r"[)\]}]")
_LONE_DELIMITERS = frozenset({"\\", "(", ")", "[", "]"})
_LINE_END = "\r"
_SPACES = re.compile(" +")


def read_pairs(raw_dir: str | Path) -> list[dict]:
    """The card's 4,370 pairs in file order: dicts with sentence_0, sentence_1, question_id (int),
    misconception_id (int).

    A misconception id missing from the mapping is an error (mismatched downloads); pairs whose
    answer text is empty are dropped with a warning that counts them, never silently.
    """
    path = _data_file(raw_dir, TRAIN_FILE)
    catalogue = read_catalogue(raw_dir)
    pairs, n_empty = [], 0
    for number, row in enumerate(_read_rows(path, TRAIN_COLUMNS), start=1):
        row_pairs, row_empty = _pairs_of_row(row, number, path, catalogue)
        pairs += row_pairs
        n_empty += row_empty
    if n_empty:
        warnings.warn(
            f"{path}: dropped {n_empty} pair(s) whose answer text is empty", stacklevel=2
        )
    return pairs


def _pairs_of_row(
    row: dict[str, str], number: int, path: Path, catalogue: dict[int, str]
) -> tuple[list[dict], int]:
    """One question's pairs, answers A to D, and how many had an empty answer text."""
    question_id = _parse_id(row["QuestionId"], path, number, "QuestionId")
    question = clean_question_text(row["QuestionText"])
    pairs, n_empty = [], 0
    for letter in ANSWERS:
        column = f"Misconception{letter}Id"
        if not row[column].strip():
            continue
        misconception_id = _parse_id(row[column], path, number, column)
        if misconception_id not in catalogue:
            raise ValueError(
                f"{path}: QuestionId {question_id} answer {letter} has misconception id "
                f"{misconception_id}, which {MAPPING_FILE} does not list; fix: take both files "
                "from the same competition download"
            )
        answer = row[f"Answer{letter}Text"]
        if not answer.strip():
            n_empty += 1
            continue
        pairs.append(
            {
                "sentence_0": f"{question} {clean_question_text(answer)}",
                "sentence_1": catalogue[misconception_id],
                "question_id": question_id,
                "misconception_id": misconception_id,
            }
        )
    return pairs, n_empty


def read_catalogue(raw_dir: str | Path) -> dict[int, str]:
    """All 2,587 misconception names by id, as written in misconception_mapping.csv.

    Names are not stripped: a few end in a space on the card too.
    """
    path = _data_file(raw_dir, MAPPING_FILE)
    catalogue: dict[int, str] = {}
    for number, row in enumerate(_read_rows(path, MAPPING_COLUMNS), start=1):
        misconception_id = _parse_id(row["MisconceptionId"], path, number, "MisconceptionId")
        if misconception_id in catalogue:
            raise ValueError(
                f"{path}: row {number} repeats MisconceptionId {misconception_id}; fix: use the "
                "competition's original file"
            )
        catalogue[misconception_id] = row["MisconceptionName"]
    return catalogue


def split_by_question(
    pairs: list[dict], eval_fraction: float, seed: int
) -> tuple[list[dict], list[dict]]:
    """Held-out split for misconception retrieval: no QuestionId in both parts; deterministic.

    Whole questions move to the held-out part, in an order shuffled by ``seed``, until it holds
    at least round(eval_fraction * len(pairs)) pairs (at least one question, never all of
    them), so a question's wrong answers are never both trained on and evaluated. Both parts
    keep the pairs' order.
    """
    if not 0 < eval_fraction < 1:
        raise ValueError(f"eval_fraction must be in (0, 1), got {eval_fraction}")
    sizes = Counter(pair["question_id"] for pair in pairs)
    if len(sizes) < 2:
        raise ValueError(f"need pairs from at least 2 questions to split, got {len(sizes)}")
    order = sorted(sizes)
    random.Random(seed).shuffle(order)
    target = max(1, round(eval_fraction * len(pairs)))
    held: set[int] = set()
    n_held = 0
    for question_id in order[:-1]:
        if n_held >= target:
            break
        held.add(question_id)
        n_held += sizes[question_id]
    train = [pair for pair in pairs if pair["question_id"] not in held]
    heldout = [pair for pair in pairs if pair["question_id"] in held]
    return train, heldout


def clean_question_text(text: str) -> str:
    """Clean a question or answer text as the cards did (see the module docstring), lowercased."""
    text = _mark_line_ends(text.replace('"', ""))
    tokens = [t for t in _space_out(text).split(" ") if t and t not in _LONE_DELIMITERS]
    return _SPACES.sub(" ", " ".join(tokens).replace(_LINE_END, " ")).strip().lower()


def _mark_line_ends(text: str) -> str:
    """Write each line break as the card's checkout had it: a marker glued to the line, a space."""
    return text.replace("\r\n", "\n").replace("\n", f"{_LINE_END} ")


def _space_out(text: str) -> str:
    """Pad LaTeX commands, brackets and bars with spaces so that delimiters become tokens."""
    text = _LATEX_COMMAND.sub(lambda match: f" {match.group()} ", text)
    text = _OPENING_BRACKET.sub(lambda match: f" {match.group()}", text)
    text = _CLOSING_BRACKET.sub(lambda match: f"{match.group()} ", text)
    return text.replace("|", " | ")


def _data_file(raw_dir: str | Path, name: str) -> Path:
    """The path of one competition file, or an error saying where it must be put."""
    path = Path(raw_dir) / name
    if not path.is_file():
        raise FileNotFoundError(
            f"Eedi file not found: {path}; fix: download the Kaggle competition files of "
            f"'Eedi - Mining Misconceptions in Mathematics' ({TRAIN_FILE}, {MAPPING_FILE}) "
            f"into {Path(raw_dir)}"
        )
    check_pinned(path)
    return path


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """All rows as strings (ids stay text such as '1672.0'); short rows give '' for the rest."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            found = reader.fieldnames or []
            for column in columns:
                if column not in found:
                    raise ValueError(
                        f"{path}: missing column {column!r} (found {found}); fix: use the "
                        "competition's original file"
                    )
            return [{column: row[column] or "" for column in columns} for row in reader]
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); fix: use the competition's original file") from exc


def _parse_id(value: str, path: Path, number: int, column: str) -> int:
    """Ids are integers, written '1672' or, after a pandas round trip, '1672.0'."""
    try:
        as_float = float(value)
    except ValueError:
        as_float = float("nan")
    if not as_float.is_integer():
        raise ValueError(
            f"{path}: row {number} column {column!r} holds {value!r}, not an integer id; fix: "
            "use the competition's original file"
        )
    return int(as_float)


def build_pairs(data: dict, split: str) -> list[dict]:
    """One split of the tsdae runs from the params ``data`` section.

    train: the card's columns only; eval: held-out pairs with their question and misconception
    ids (real: whole questions held out; generated: new question instances); corpus: every
    misconception name as {"id", "text"}, the retrieval targets.
    """
    real = data["source"] == "real"
    if not real:
        from cardsynth import eedi as generator  # the offline stand-in, imported only where pairs are generated
    if split == "corpus":
        names = read_catalogue(resolve(data["raw"])) if real else generator.catalogue()
        return [{"id": str(i), "text": name} for i, name in names.items()]
    if real:
        pairs = read_pairs(resolve(data["raw"]))
        check_counts(data, len(pairs), "pairs")
        train, held_out = split_by_question(pairs, data["eval_rows"] / len(pairs), data["seed"])
    else:
        train = generator.generate_pairs(data["train_rows"], data["seed"])
        held_out = _new_questions(generator.generate_pairs(data["eval_rows"], data["seed"] + 1), train)
    if split == "eval":
        return [{k: p[k] for k in (*CARD_COLUMNS, "question_id", "misconception_id")} for p in held_out]
    return [{k: p[k] for k in CARD_COLUMNS} for p in train[: data["train_rows"]]]


def _new_questions(candidates: list[dict], train: list[dict]) -> list[dict]:
    """Generated held-out pairs whose text also occurs in training are dropped, and counted."""
    seen = {p["sentence_0"] for p in train}
    kept = [p for p in candidates if p["sentence_0"] not in seen]
    if len(kept) != len(candidates):
        warnings.warn(f"generated eval: dropped {len(candidates) - len(kept)} of {len(candidates)} "
                      "held-out pairs whose text also occurs in training", stacklevel=3)
    return kept

