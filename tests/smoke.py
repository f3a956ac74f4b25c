"""Smoke parameters: the card's params file shrunk by params/smoke.yaml, as a plain dict to write or edit."""

from __future__ import annotations

import copy

import yaml

from cardrepro.params import smoke_changes
from tests.conftest import REPO


def smoke_params(run: str, **outputs: str) -> dict:
    """params/<run>.yaml with the smoke profile's values (prepared file names kept, for the pipeline's
    prepare stages); outputs overridden by keyword."""
    params = copy.deepcopy(yaml.safe_load((REPO / "params" / f"{run}.yaml").read_text()))
    for section, values in smoke_changes(run).items():
        params[section].update(values)
    params["outputs"].update(outputs)
    return params


def smoke_run(folder, run: str, name: str | None = None, **outputs: str):
    """A smoke run's params written to ``folder/<name or run.yaml>`` (pairs built in memory) and read back as a
    run reads them, ready for ``notebooks.execute``."""
    from cardrepro.params import load_run

    raw = smoke_params(run, **outputs)
    raw["data"].update({key: None for key in ("train_file", "eval_file", "corpus_file") if key in raw["data"]})
    path = folder / (name or f"{run}.yaml")
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    return load_run(path)
