"""What a run's train stage measured, stored where its report stage reads it (``<report_dir>/measured/``).

Everything that needs a model (held-out scores, per-query scores, the pictured pairs' embeddings, the
training log, each objective's checks) is measured once, by ``cardrepro.measure``; the notebook reads
and reports it, so a new sentence or figure re-runs no model. Plain files a reviewer can open: values
in ``measured.json``, tables as Parquet, embeddings as NumPy arrays (``.npz``), all exact (floats
round-trip to the last bit).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

RECORD = "measured.json"


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot store {type(value).__name__} in {RECORD}")


def _is_pairs(value) -> bool:
    return isinstance(value, dict) and set(value) == {"first", "second", "label"}


def _is_tables(value) -> bool:
    return isinstance(value, dict) and value and all(isinstance(k, tuple) and isinstance(v, pd.DataFrame)
                                                     for k, v in value.items())


def save(values: dict, folder: Path) -> Path:
    """Write ``values`` (name -> value) into ``folder``, each in the plainest exact format for its kind."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds, inline = {}, {}
    for name, value in values.items():
        if isinstance(value, pd.DataFrame):
            value.to_parquet(folder / f"{name}.parquet")
            kinds[name] = "table"
        elif _is_tables(value):  # per-query tables keyed by (objective, seed): one table, the key as index levels
            pd.concat(value, names=["key_0", "key_1"]).to_parquet(folder / f"{name}.parquet")
            kinds[name] = "tables"
        elif _is_pairs(value):  # embeddings of pairs (evaluation.pair_embeddings), with their labels or none
            np.savez(folder / f"{name}.npz", **{k: np.asarray(v) for k, v in value.items() if v is not None})
            kinds[name] = "pairs"
        else:
            inline[name] = value
            kinds[name] = "value"
    record = {"kinds": kinds, "values": inline}
    (folder / RECORD).write_text(json.dumps(record, indent=1, default=_json_default) + "\n", encoding="utf-8")
    return folder


def load(folder: Path) -> dict:
    """What ``save`` wrote, as it was."""
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    values = {}
    for name, kind in record["kinds"].items():
        if kind == "value":
            values[name] = record["values"][name]
        elif kind == "table":
            values[name] = pd.read_parquet(folder / f"{name}.parquet")
        elif kind == "tables":
            joined = pd.read_parquet(folder / f"{name}.parquet")
            values[name] = {tuple(k.item() if isinstance(k, np.generic) else k for k in key): part.droplevel(["key_0", "key_1"])
                            for key, part in joined.groupby(level=["key_0", "key_1"], sort=False)}
        else:
            with np.load(folder / f"{name}.npz") as arrays:
                values[name] = {"first": arrays["first"], "second": arrays["second"],
                                "label": arrays["label"].tolist() if "label" in arrays else None}
    return values
