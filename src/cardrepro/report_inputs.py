"""What a run's report reads: its train stage's measurements, checked against the params the report runs
with, or, under the smoke profile, measurements taken in place (seconds)."""

from __future__ import annotations

import json
from pathlib import Path

from cardrepro.measure import TRAINING_SECTIONS, measure, measured_folder, trained_params
from cardrepro.measurements import RECORD, load
from cardrepro.params import ParamsError, RunParams
from cardrepro.paths import shown


def check_measured(params: RunParams) -> Path:
    """The train stage's measurements of ``params``'s run, refused in one line when absent or measured with
    other params than these (read before a kernel starts)."""
    folder = measured_folder(params)
    run = _train_command(params)
    if not (folder / RECORD).is_file():
        raise ParamsError(f"{shown(folder)}: no measurements of {params.run} there; fix: run `{run}` (its train "
                          "stage) first")
    recorded = json.loads((folder / RECORD).read_text(encoding="utf-8"))["values"]["params"]
    wanted = json.loads(json.dumps(trained_params(params)))  # as the record stores them
    if recorded != wanted:
        changed = sorted(section for section in TRAINING_SECTIONS if recorded.get(section) != wanted[section])
        raise ParamsError(f"{shown(folder)}: measured with other {', '.join(changed)} params than {params.source} "
                          f"gives now; fix: run `{run}` to measure again")
    return folder


def measured_for(params: RunParams, model_dir: Path) -> dict:
    """What the run's train stage measured, for its notebook, with the card's loss windows computed once
    (``card_windows``). Under the smoke profile the notebook measures here and now (seconds; the model goes to
    ``model_dir``); otherwise it reads the train stage's record."""
    from cardrepro.loss_windows import card_windows

    smoke = params.origin and params.origin.get("profile") == "smoke"
    measured = measure(params, model_dir) if smoke else load(check_measured(params))
    return {**measured, "card_windows": card_windows(measured["history"], params.card)}


def _train_command(params: RunParams) -> str:
    origin = params.origin or {}
    option = (f" --real {origin['real']}" if origin.get("real") else
              f" --seed {origin['seed']}" if origin.get("seed") is not None else "")
    return f"cardrepro train {params.run}{option}"


def model_location(params: RunParams, written) -> str:
    """Where the tuned model is, for the notebook: saved by the train stage, or here under the smoke profile."""
    if params.origin and params.origin.get("profile") == "smoke":
        return f"the tuned model: {written.published(params, 'model_dir')}"
    return f"the tuned model: {shown(params.outputs['model_dir'])} (saved by `{_train_command(params)}`, the train stage)"
