"""The GPU script: its params keep every output under --out, undo only the listed CPU departures, and
it runs end to end with the smoke recipes on this CPU (its full recipes need a GPU)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.gpu_recipes import CHANGES, gpu_params, main
from cardrepro.params import RUNS, load_yaml, validate


@pytest.mark.parametrize("run", RUNS)
def test_gpu_params_write_only_under_out_and_change_only_what_the_yaml_lists(run, tmp_path):
    changes = load_yaml(CHANGES)
    raw = gpu_params(run, tmp_path, changes)
    params = validate(raw, source=f"gpu params of {run}")
    written = [params.outputs["model_dir"], params.outputs["report_dir"],
               *(params.data[key] for key in ("train_file", "eval_file", "corpus_file") if params.data.get(key))]
    assert all(Path(path).is_relative_to(tmp_path) for path in written)
    original = load_yaml(Path("params") / f"{run}.yaml")
    for section in ("model", "training", "evaluation", "card"):
        differing = {key for key in original[section] if raw[section][key] != original[section][key]}
        assert differing == set(changes.get(run, {}).get(section, {}))


def test_tsdae_qwen_on_a_gpu_runs_the_cards_epoch_with_every_weight(tmp_path):
    training = gpu_params("tsdae_qwen", tmp_path, load_yaml(CHANGES))["training"]
    assert training["max_steps"] == -1 and training["freeze_embeddings"] is False


def test_refuses_a_folder_that_holds_anything(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["--out", str(tmp_path), "--profile", "smoke"]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_full_recipes_without_a_gpu_stop_in_one_line(tmp_path, capsys):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert main(["--out", str(tmp_path / "gpu")]) == 2
    assert capsys.readouterr().err.count("\n") == 1 and not (tmp_path / "gpu").exists()


@pytest.mark.slow
def test_smoke_recipe_end_to_end(tmp_path):
    out = tmp_path / "gpu"
    assert main(["--out", str(out), "--runs", "mnrl_compressed", "--profile", "smoke"]) == 0
    [row] = json.loads((out / "gpu_recipes.json").read_text())
    assert row["run"] == "mnrl_compressed" and row["device"] == "cpu" and row["steps"] > 0
    assert row["metric"] == "cosine_mrr@10" and 0 <= row["tuned"] <= 1 and row["departures"] == "none"
    assert (out / "gpu_recipes.md").read_text().count("\n") == 3
    assert (out / "reports" / "smoke" / "mnrl_compressed" / "mnrl_compressed.ipynb").is_file()
