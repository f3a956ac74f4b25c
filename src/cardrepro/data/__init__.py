"""Training and evaluation pairs of every run, from real public data or generated offline.

Each run registers a builder ``(data_params, split) -> list[dict]``; pairs carry the card's
column names (sentence_0, sentence_1 and, where the card has one, label).
"""

from __future__ import annotations

import importlib
import warnings

from cardrepro.data.jsonl import read_jsonl, write_jsonl
from cardrepro.paths import resolve

SPLITS = ("train", "eval", "corpus")
# Each run's builder, ``module.function(data_params, split)``, imported only when pairs are built (not when a
# prepared file is read): a run's train stage depends on its own loader's module alone (dvc.yaml).
BUILDERS = {
    "cosine_sparql": "lcquad.build_pairs",
    "tsdae_minilm": "eedi.build_pairs",
    "tsdae_qwen": "eedi.build_pairs",
    "mnrl_qa": "mlqa.build_pairs",
    "mnrl_compressed": "shorthand_pairs.build_run_pairs",
}
# Runs whose retrieval targets can be more than the held-out pairs' answers: the whole misconception
# catalogue; mnrl_qa's trained questions' answers when whole questions are held out.
CORPUS_RUNS = ("tsdae_minilm", "tsdae_qwen", "mnrl_qa")
LABELLED_RUNS = ("cosine_sparql",)  # pairs with a similarity label (CosineSimilarityLoss)
PAIRS_FILE_BUILDER = "pairs_file.build_pairs"  # an imported card's run: its pairs read from one file, split by position


def labelled(run: str) -> bool:
    """Whether the run's pairs carry a label: cosine_sparql's, or an imported card's with a label column."""
    from cardrepro.params import pipeline_runs

    return run in LABELLED_RUNS or bool(pipeline_runs().get(run, {}).get("labelled", False))


def columns(run: str, split: str) -> dict[str, tuple[type, ...]]:
    """The columns every row of a run's split must have, with their types."""
    if split == "corpus":
        return {"id": (str,), "text": (str,)}
    return {"sentence_0": (str,), "sentence_1": (str,)} | ({"label": (int, float)} if labelled(run) else {})


def build_pairs(run: str, data: dict, split: str) -> list[dict]:
    """Build one split of a run's pairs from its params ``data`` section."""
    from cardrepro.params import pipeline_runs

    if run not in pipeline_runs():
        raise ValueError(f"no data builder for run {run!r}; fix: use one of {', '.join(pipeline_runs())}")
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; fix: use one of {', '.join(SPLITS)}")
    if split == "corpus" and run not in CORPUS_RUNS:
        raise ValueError(f"run {run!r} has no corpus split; fix: its held-out pairs are its corpus")
    module, function = BUILDERS.get(run, PAIRS_FILE_BUILDER).split(".")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)(data, split)


def load_pairs(run: str, data: dict, split: str) -> list[dict]:
    """The prepared file of a split when params name one, else pairs built in memory (smoke runs)."""
    path = data.get(f"{split}_file")
    return read_jsonl(resolve(path), columns(run, split)) if path else build_pairs(run, data, split)


def check_data(params) -> tuple[dict[str, list[dict]], list[str]]:
    """Every split the run reads (train, eval and, for the retrieval runs, corpus), read or built once, before any
    model is loaded: a broken file or an impossible row count stops here with one line, not after minutes of
    training. Returns the splits and the warnings building them gave (dropped rows), for the report."""
    splits = [split for split in SPLITS if split != "corpus" or params.run in CORPUS_RUNS]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = {split: _checked_split(params, split) for split in splits}
    return loaded, list(dict.fromkeys(str(warning.message) for warning in caught))


def _checked_split(params, split: str) -> list[dict]:
    from cardrepro.data.counts import RowCountError
    from cardrepro.params import ParamsError

    path = params.data.get(f"{split}_file")
    if path and not resolve(path).is_file():
        raise ParamsError(f"{params.source}: data.{split}_file: no such file {path!r}; "
                          f"fix: run `dvc repro prepare@{params.run}` first, or set it to null")
    try:
        return load_pairs(params.run, params.data, split)
    except RowCountError as exc:
        raise ParamsError(f"{params.source}: {exc}") from exc


__all__ = ["CORPUS_RUNS", "labelled", "SPLITS", "build_pairs", "check_data", "columns", "load_pairs", "read_jsonl", "write_jsonl"]
