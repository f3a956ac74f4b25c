"""Question/answer pairs of the mnrl-qa card and a held-out split for retrieval evaluation.

The card trained on every row of an ML-concepts Q&A CSV (columns Question, Answer, Topic) as one
(sentence_0 = question, sentence_1 = answer) pair. Each question has many paraphrased answers, so
the natural evaluation is retrieval: hold out some answers of every question and ask whether the
question finds them again among all held-out answers (``data.heldout: answers``). That keeps every
question in training; ``data.heldout: questions`` holds out whole questions instead, so the score is
about questions the model never saw.
"""

from __future__ import annotations

import csv
import random
import warnings
from pathlib import Path

from cardrepro.data.counts import check_counts
from cardrepro.data.pinned import check_pinned
from cardrepro.paths import resolve

COLUMNS = ("Question", "Answer", "Topic")


def read_pairs(csv_path: str | Path) -> list[dict]:
    """The card's 2,764 pairs in file order: sentence_0 (Question), sentence_1 (Answer), topic.

    Texts are kept as written (the card applied no cleaning); a missing Topic becomes "".
    Rows whose Question or Answer is empty are dropped with a warning, never silently.
    """
    path = Path(csv_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"MLQA CSV not found: {path}; fix: put data_science_questions.csv (columns "
            f"{', '.join(COLUMNS)}) there or pass its path"
        )
    check_pinned(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            _check_columns(reader.fieldnames or [], path)
            rows = list(reader)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); fix: save it as UTF-8") from exc
    pairs = [_to_pair(row) for row in rows]
    kept = [p for p in pairs if p["sentence_0"].strip() and p["sentence_1"].strip()]
    if len(kept) < len(pairs):
        warnings.warn(
            f"{path}: dropped {len(pairs) - len(kept)} of {len(pairs)} rows with an empty "
            "Question or Answer",
            stacklevel=2,
        )
    return kept


def _check_columns(fieldnames: list[str], path: Path) -> None:
    """Fail early with the file and column named, rather than a KeyError mid-read."""
    for column in COLUMNS:
        if column not in fieldnames:
            raise ValueError(f"{path}: missing column {column!r}; fix: give the file the columns "
                             f"{', '.join(COLUMNS)} (found {', '.join(fieldnames)})")


def _to_pair(row: dict) -> dict:
    """Short rows give None for their missing fields; treat those as empty text."""
    return {
        "sentence_0": row["Question"] or "",
        "sentence_1": row["Answer"] or "",
        "topic": (row["Topic"] or "").strip(),
    }


def split_answers(
    pairs: list[dict], eval_fraction: float, seed: int, group_by: str = "sentence_0"
) -> tuple[list[dict], dict]:
    """Hold out a fraction of each group's answers for retrieval evaluation.

    A group is one question for the real data (group_by="sentence_0"); for generated data, where
    one concept is asked in several phrasings, pass group_by="topic" so that every answer of the
    concept counts as relevant to each of its phrasings.

    Returns (train_pairs, heldout) with heldout = {"queries": {qid: question},
    "corpus": {aid: answer}, "relevant": {qid: set(aid)}}. Every distinct question text of a
    group is a query; the corpus holds all held-out answers of all groups, so a query competes
    against the other groups' answers. The split is over distinct answer texts, so a duplicated
    answer never lands on both sides; aid "a<i>" is the index i of the text's first pair.
    Deterministic for a seed; every group keeps >= 1 training pair and >= 1 held-out answer.
    """
    if not 0 < eval_fraction < 1:
        raise ValueError(f"eval_fraction must be in (0, 1), got {eval_fraction}")
    rng = random.Random(seed)
    held_indices: set[int] = set()
    heldout: dict = {"queries": {}, "corpus": {}, "relevant": {}}
    for key, indices in _groups(pairs, group_by).items():
        held = _held_out_texts(pairs, indices, eval_fraction, rng, key)
        held_indices.update(i for i in indices if pairs[i]["sentence_1"] in held)
        _add_queries(heldout, pairs, indices, _add_corpus(heldout["corpus"], pairs, indices, held))
    train = [p for i, p in enumerate(pairs) if i not in held_indices]
    return train, heldout


def split_questions(
    pairs: list[dict], n_questions: int, max_answers: int, seed: int, group_by: str = "sentence_0"
) -> tuple[list[dict], dict]:
    """Hold out ``n_questions`` whole groups: none of their pairs is trained on.

    Returns (train_pairs, heldout) shaped like ``split_answers``: each distinct question text of a
    held-out group is a query, relevant to its group's answers in the corpus. The corpus holds about
    ``max_answers`` answers of the held-out groups and, at the same rate, answers of every trained group
    (they stay in training): a new question must find its answers among the answers of every question,
    not only among the few held out. Deterministic for a seed.
    """
    groups = _groups(pairs, group_by)
    if not 2 <= n_questions < len(groups):
        raise ValueError(f"data.eval_questions: {n_questions} of {len(groups)} questions; fix: hold out at least 2 "
                         f"and fewer than {len(groups)}, so that each side has some")
    rng = random.Random(seed)
    held_groups = set(rng.sample(list(groups), n_questions))
    texts = {key: list(dict.fromkeys(pairs[i]["sentence_1"] for i in indices)) for key, indices in groups.items()}
    rate = max_answers / sum(len(texts[key]) for key in held_groups)
    heldout: dict = {"queries": {}, "corpus": {}, "relevant": {}}
    for key, indices in groups.items():
        drawn = set(rng.sample(texts[key], max(1, min(len(texts[key]), round(rate * len(texts[key]))))))
        aids = _add_corpus(heldout["corpus"], pairs, indices, drawn)
        if key in held_groups:
            _add_queries(heldout, pairs, indices, aids)
    left_out = {i for key in held_groups for i in groups[key]}
    return [p for i, p in enumerate(pairs) if i not in left_out], heldout


def _groups(pairs: list[dict], group_by: str) -> dict[str, list[int]]:
    """Pair indices per group, groups in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for i, pair in enumerate(pairs):
        groups.setdefault(pair[group_by], []).append(i)
    return groups


def _held_out_texts(
    pairs: list[dict], indices: list[int], eval_fraction: float, rng: random.Random, key: str
) -> set[str]:
    """Draw round(fraction * distinct answers) texts, at least one and never all of them."""
    texts = list(dict.fromkeys(pairs[i]["sentence_1"] for i in indices))
    if len(texts) < 2:
        raise ValueError(f"group {key!r} has {len(texts)} distinct answer(s); need >= 2 to split")
    n_held = min(max(1, round(eval_fraction * len(texts))), len(texts) - 1)
    return set(rng.sample(texts, n_held))


def _add_queries(heldout: dict, pairs: list[dict], indices: list[int], aids: list[str]) -> None:
    """Each distinct question text of a group becomes a query, relevant to the group's answers ``aids``."""
    for question in dict.fromkeys(pairs[i]["sentence_0"] for i in indices):
        qid = f"q{len(heldout['queries'])}"
        heldout["queries"][qid] = question
        heldout["relevant"][qid] = set(aids)


def _add_corpus(corpus: dict, pairs: list[dict], indices: list[int], held: set[str]) -> list[str]:
    """Add the group's held-out texts to the corpus once each; return their ids."""
    aids = {}
    for i in indices:
        text = pairs[i]["sentence_1"]
        if text in held and text not in aids:
            aids[text] = f"a{i}"
            corpus[f"a{i}"] = text
    return list(aids.values())


def build_pairs(data: dict, split: str) -> list[dict]:
    """One split of the mnrl_qa run: training pairs, held-out (question, answer) pairs, or the corpus's
    other answers (none unless whole questions are held out).

    ``eval_rows`` is the number of answers to hold out: spread over every question (``heldout:
    answers``, the default) or drawn from ``eval_questions`` whole questions (``heldout: questions``);
    every held-out answer is relevant to each phrasing of its question, and together they are the corpus.
    """
    if data["source"] == "real":
        pairs, group_by = read_pairs(resolve(data["raw"])), "sentence_0"
    else:
        from cardsynth.mlqa import generate_pairs

        pairs, group_by = generate_pairs(data["seed"]), "topic"
    check_counts(data, len(pairs), "pairs")
    if data.get("heldout", "answers") == "questions":
        train, held_out = split_questions(pairs, data["eval_questions"], data["eval_rows"], data["seed"], group_by)
    else:
        train, held_out = split_answers(pairs, data["eval_rows"] / len(pairs), data["seed"], group_by=group_by)
    if split == "train":
        return [{"sentence_0": p["sentence_0"], "sentence_1": p["sentence_1"]} for p in train[: data["train_rows"]]]
    if split == "corpus":  # answers relevant to no held-out query: the trained questions' (question split only)
        relevant = set().union(*held_out["relevant"].values())
        return [{"id": aid, "text": text} for aid, text in held_out["corpus"].items() if aid not in relevant]
    return [
        {"sentence_0": held_out["queries"][qid], "sentence_1": held_out["corpus"][aid]}
        for qid in held_out["queries"]
        for aid in sorted(held_out["relevant"][qid], key=lambda a: int(a[1:]))
    ]
