"""An imported card's pairs, read from one file with the card's columns and split by position.

``data.raw`` names a CSV file (with a header row), a JSON Lines file or a Parquet file, a folder holding
exactly one such file, or a hub dataset (``hf://<dataset id>``, its train split, or ``hf://<dataset id>:<split>``,
where the hub can be reached); each row has the card's columns (``data.columns``, in the card's order: two texts, then a
label where the card has one), which become the project's sentence_0, sentence_1 and label. The first ``train_rows`` rows train and the ``eval_rows`` after them are held out: a card names no held-out
set, so the split is declared in the params file, not drawn here.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from cardrepro.data.counts import check_counts
from cardrepro.paths import resolve, shown

READERS = (".csv", ".jsonl", ".parquet")
HUB = "hf://"
TEXT_COLUMNS = ("sentence_0", "sentence_1")


def data_file(raw: str) -> Path:
    """``raw`` itself, or the one readable file of the folder it names."""
    path = resolve(raw)
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix in READERS)
        if len(found) != 1:
            raise ValueError(f"{shown(path)}: data.raw: {len(found)} files of {', '.join(READERS)}, not one; "
                             "fix: keep the one file of the card's pairs there, or point data.raw at it")
        return found[0]
    if path.suffix not in READERS:
        raise ValueError(f"{shown(path)}: data.raw: not a {', '.join(READERS)} file; fix: save the pairs as one")
    return path


def _rows(path: Path) -> list[dict]:
    try:
        if path.suffix == ".csv":
            with path.open(newline="", encoding="utf-8-sig") as handle:
                return list(csv.DictReader(handle))
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8-sig") as handle:
                return [json.loads(line) for line in handle if line.strip()]
        import pandas as pd

        return pd.read_parquet(path).to_dict("records")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{shown(path)}: not UTF-8 text (byte {exc.start}); fix: save the file as UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{shown(path)}: line {exc.lineno} is not JSON ({exc.msg}); fix: one JSON object a line") from exc


def _pair(row: dict, columns: list[str], number: int, where: str) -> dict:
    """One row as the project's pair: the card's two text columns as sentence_0 and sentence_1, its third as label."""
    texts, label = columns[:2], columns[2:]
    missing = [column for column in texts if not isinstance(row.get(column), str) or not row[column].strip()]
    if missing:
        raise ValueError(f"{where}: row {number}: no text in {', '.join(missing)}; "
                         f"fix: give every row the card's columns {', '.join(columns)} (data.columns)")
    pair = dict(zip(TEXT_COLUMNS, (row[column] for column in texts)))
    if label:
        try:
            pair["label"] = float(row.get(label[0]))
        except (TypeError, ValueError):
            pair["label"] = math.nan
        if not math.isfinite(pair["label"]):
            raise ValueError(f"{where}: row {number}: {label[0]} {row.get(label[0])!r} is not a number; "
                             "fix: give every row a number there")
    return pair


def _hub_rows(raw: str) -> list[dict]:
    """A hub dataset's rows in its own order, only where the hub is reachable (a card's dataset is usually there)."""
    import datasets

    name, _, split = raw[len(HUB):].partition(":")
    try:
        return datasets.load_dataset(name, split=split or "train").to_list()
    except Exception as exc:  # noqa: BLE001 - any hub failure means "not to be had here"
        raise ValueError(f"data.raw: {raw}: the hub dataset could not be loaded ({type(exc).__name__}); fix: download "
                         "its pairs as one CSV, JSON Lines or Parquet file and point data.raw at it") from exc


def build_pairs(data: dict, split: str) -> list[dict]:
    """The training rows (``train``) or the held-out rows after them (``eval``), as the card's pairs."""
    raw = data["raw"]
    if raw.startswith(HUB):
        where, rows = raw, _hub_rows(raw)
    else:
        path = data_file(raw)
        where, rows = shown(path), _rows(path)
    check_counts(data, len(rows))
    train_rows = min(data["train_rows"], len(rows) - data["eval_rows"])
    chosen = rows[:train_rows] if split == "train" else rows[train_rows:train_rows + data["eval_rows"]]
    start = 1 if split == "train" else train_rows + 1
    columns = data.get("columns") or list(TEXT_COLUMNS)
    return [_pair(row, columns, number, where) for number, row in enumerate(chosen, start=start)]
