"""LC-QuAD 2.0 (SPARQL over Wikidata, question) pairs for the cosine-sparql card.

The card's recipe, for source row i: a positive (sparql_wikidata_i, question_i, 1.0) and a
negative (sparql_wikidata_i, question_{i+1}, 0.0); the last row's negative wraps to the first.
Real rows come from the public files (official train/test JSON, the CSV export, or the hub
dataset when reachable); generated rows from ``cardsynth.lcquad`` when offline.
"""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

from cardrepro.data.counts import check_counts
from cardrepro.data.pinned import check_pinned
from cardrepro.paths import resolve

HUB_PREFIX = "hf://"
HUB_DATASET = "mohnish/lc_quad"
OFFICIAL_JSON = ("train.json", "test.json")
COLUMNS = ("sparql_wikidata", "question")


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: a byte-order mark is no part of a column name
        return list(csv.DictReader(handle))


def _read_json(path: Path) -> list[dict]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not whole JSON (line {exc.lineno}: {exc.msg}); fix: download it again "
                         "(`make data`)") from exc
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a JSON list of LC-QuAD rows; fix: use the official train.json/test.json")
    return rows


def _read_hub(dataset_id: str) -> list[dict]:
    """The hub copy (train then test split), only when the hub is reachable."""
    import datasets

    try:
        splits = datasets.load_dataset(dataset_id, revision="refs/convert/parquet")
    except Exception as exc:  # noqa: BLE001 - any hub failure means "not reachable here"
        raise FileNotFoundError(
            f"hf://{dataset_id}: the hub dataset could not be loaded ({type(exc).__name__}); "
            "fix: download LC-QuAD 2.0 and pass its train.json/test.json folder or CSV as --raw"
        ) from exc
    return [dict(row) for split in ("train", "test") for row in splits[split]]


def read_rows(raw: str | Path) -> list[dict]:
    """Rows in file order from a CSV, an official JSON, a folder of train/test JSON, or hf://<id>."""
    text = str(raw)
    if text.startswith(HUB_PREFIX):
        return _read_hub(text[len(HUB_PREFIX):] or HUB_DATASET)
    path = resolve(raw)
    if path.is_dir():
        found = [path / name for name in OFFICIAL_JSON if (path / name).is_file()]
        exports = sorted(path.glob("*.csv"))
        if found and exports or len(exports) > 1:
            names = ", ".join(p.name for p in [*found, *exports])
            raise ValueError(f"{path}: {names}: more than one copy of LC-QuAD 2.0, which would all be read as one; "
                             "fix: keep the official train.json/test.json or one CSV export there")
        found = found or exports
        if not found:
            raise FileNotFoundError(f"{path}: no train.json/test.json or CSV of LC-QuAD 2.0 here; fix: put the files in this folder")
        return [row for file in found for row in read_rows(file)]
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such LC-QuAD 2.0 file; fix: pass the CSV, the official JSON or its folder")
    check_pinned(path)
    try:
        rows = _read_json(path) if path.suffix == ".json" else _read_csv(path)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); fix: save it as UTF-8") from exc
    if not rows:
        raise ValueError(f"{path}: no rows; fix: give the LC-QuAD 2.0 file with its rows")
    for column in COLUMNS:
        if rows and column not in rows[0]:
            raise ValueError(f"{path}: missing column {column!r}; fix: use LC-QuAD 2.0's own column names")
    return rows


def drop_unusable(rows: list[dict], where: str) -> list[dict]:
    """Rows with an empty question or query cannot form a pair: drop them and say how many."""
    kept = [r for r in rows if all(isinstance(r.get(c), str) and r[c].strip() for c in COLUMNS)]
    if len(kept) != len(rows):
        warnings.warn(f"{where}: dropped {len(rows) - len(kept)} of {len(rows)} rows with an empty question or query",
                      stacklevel=2)
    return kept


def pairs_from_rows(rows: list[dict]) -> list[dict]:
    """The card's recipe: each row gives its positive, then a negative with the next row's question."""
    pairs = []
    for i, row in enumerate(rows):
        following = rows[(i + 1) % len(rows)]
        pairs.append({"sentence_0": row["sparql_wikidata"], "sentence_1": row["question"], "label": 1.0})
        pairs.append({"sentence_0": row["sparql_wikidata"], "sentence_1": following["question"], "label": 0.0})
    return pairs


def split_rows(rows: list[dict], train_rows: int, eval_rows: int) -> tuple[list[dict], list[dict]]:
    """Hold out the LAST ``eval_rows`` rows; train on up to ``train_rows`` rows before them."""
    if len(rows) <= eval_rows:
        raise ValueError(f"only {len(rows)} rows, cannot hold out {eval_rows}; fix: lower data.eval_rows")
    return rows[: min(train_rows, len(rows) - eval_rows)], rows[-eval_rows:]


def build_pairs(data: dict, split: str) -> list[dict]:
    """Pairs of one split (train or eval) from the params ``data`` section."""
    if data["source"] == "real":
        rows = read_rows(data["raw"])
    else:
        from cardsynth.lcquad import generate_rows

        rows = generate_rows(data["train_rows"] + data["eval_rows"], seed=data["seed"])
    check_counts(data, len(rows))
    train, held_out = split_rows(rows, data["train_rows"], data["eval_rows"])
    chosen = train if split == "train" else held_out
    return pairs_from_rows(drop_unusable(chosen, where=f"{data['source']} {split} rows"))
