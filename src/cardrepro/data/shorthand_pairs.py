"""(shorthand note, English sentence) pairs of the mnrl_compressed run.

The card's own pairs are private, so the run compresses the sentences of a story with the
project's shorthand compressor: the packaged original story when generated, any plain-text
file when real.
"""

from __future__ import annotations

import warnings
from importlib import resources

from cardrepro.data.counts import check_counts
from cardrepro.paths import resolve


def story_sentences() -> list[str]:
    """The packaged original story, one sentence per item."""
    from cardsynth.shorthand import split_sentences

    return split_sentences((resources.files("cardsynth") / "story.txt").read_text(encoding="utf-8"))


def build_pairs(sentences: list[str], group: int = 1) -> list[dict]:
    """(shorthand, English) training pairs; ``group`` consecutive sentences share one pair.

    Sentences whose compression is empty carry no signal and are dropped,
    with a warning that says how many.
    """
    from cardsynth.shorthand import compress

    if group < 1:
        raise ValueError("group must be at least 1")
    pairs, dropped = [], 0
    for start in range(0, len(sentences), group):
        chunk = sentences[start:start + group]
        notes = [note for note in map(compress, chunk) if note]
        if notes:
            pairs.append({"sentence_0": " | ".join(notes), "sentence_1": " ".join(chunk)})
        else:
            dropped += 1
    if dropped:
        warnings.warn(f"dropped {dropped} pair(s) whose shorthand was empty", stacklevel=2)
    return pairs


def _unique(pairs: list[dict]) -> list[dict]:
    """A repeated sentence would be its own in-batch negative, or leak into the held-out part: keep one."""
    first: dict[tuple[str, str], dict] = {}
    for pair in pairs:
        first.setdefault((pair["sentence_0"], pair["sentence_1"]), pair)
    unique = list(first.values())
    if len(unique) != len(pairs):
        warnings.warn(f"dropped {len(pairs) - len(unique)} repeated pair(s)", stacklevel=3)
    return unique


def build_run_pairs(data: dict, split: str) -> list[dict]:
    """One split of the mnrl_compressed run: the last ``eval_rows`` pairs are held out.

    generated: the packaged story; real: any plain-text file (``data.raw``), split into sentences.
    """
    if data["source"] == "real":
        path = resolve(data["raw"])
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such text file; fix: pass a plain-text story as --raw")
        from cardsynth.shorthand import split_sentences

        sentences = split_sentences(path.read_text(encoding="utf-8"))
    else:
        sentences = story_sentences()
    pairs = _unique(build_pairs(sentences))
    check_counts(data, len(pairs), "pairs")
    train, held_out = pairs[: -data["eval_rows"]], pairs[-data["eval_rows"]:]
    return train[: data["train_rows"]] if split == "train" else held_out
