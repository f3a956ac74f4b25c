"""Rows of (question + wrong answer, misconception name) drawn from the registry."""

from __future__ import annotations

import random

from cardsynth.eedi.registry import MAX_TRIES, REGISTRY, Misconception, Question

_LOOKAHEAD = 150  # how far ahead in the draw order siblings are sought for a shared question
_EXTRA_ANSWERS = (0, 0, 1, 2)  # extra wrong answers attached to a question (1-3 in total)


def _deck(ids: list[int], n_pairs: int, rng: random.Random) -> list[int]:
    """Misconception ids in a shuffled, balanced order: whole permutations, so every id appears once per round."""
    deck = []
    while len(deck) < n_pairs:
        round_ = ids[:]
        rng.shuffle(round_)
        deck.extend(round_)
    return deck[:n_pairs]


def _sentence(question: Question, wrong: str) -> str:
    return f"{question.text} {wrong}".lower()


def _fresh_question(m: Misconception, rng: random.Random, seen: set[str]) -> tuple[Question, str]:
    """A question instance for ``m`` whose sentence_0 has not been used in this call."""
    for _ in range(MAX_TRIES):
        question, wrong = m.sample(rng)
        if _sentence(question, wrong) not in seen:
            return question, wrong
    raise RuntimeError(f"misconception {m.id} ran out of new questions")


def generate_pairs(n_pairs: int, seed: int) -> list[dict]:
    """n_pairs dicts: sentence_0, sentence_1, question_id (int), misconception_id (int), correct_answer (str), wrong_answer (str). Deterministic for (n_pairs, seed).

    Misconceptions come from a balanced shuffled deck.  Like the real data, a
    question may carry up to three wrong answers: after drawing a question for one
    misconception, upcoming deck entries from the same family are answered on the
    same question (which keeps the per-misconception counts of the deck).
    """
    if n_pairs < 0:
        raise ValueError(f"n_pairs must be >= 0, got {n_pairs}")
    by_id = {m.id: m for m in REGISTRY}
    rng = random.Random(seed)
    deck = _deck(list(by_id), n_pairs, rng)
    used = [False] * len(deck)
    seen: set[str] = set()
    pairs: list[dict] = []
    question_id = 0
    for i, mid in enumerate(deck):
        if used[i]:
            continue
        used[i] = True
        m = by_id[mid]
        question, wrong = _fresh_question(m, rng, seen)
        answers = [(m, wrong)]
        wanted = 1 + rng.choice(_EXTRA_ANSWERS)
        for j in range(i + 1, min(len(deck), i + _LOOKAHEAD)):
            if len(answers) >= wanted:
                break
            sibling = by_id[deck[j]]
            if used[j] or sibling.family != m.family or any(s is sibling for s, _ in answers):
                continue
            other = sibling.wrong(question.p)
            if other is None or other == question.correct or any(other == w for _, w in answers):
                continue
            if _sentence(question, other) in seen:
                continue
            used[j] = True
            answers.append((sibling, other))
        for member, answer in answers:
            sentence = _sentence(question, answer)
            seen.add(sentence)
            pairs.append({
                "sentence_0": sentence,
                "sentence_1": member.name,
                "question_id": question_id,
                "misconception_id": member.id,
                "correct_answer": question.correct,
                "wrong_answer": answer,
            })
        question_id += 1
    return pairs
