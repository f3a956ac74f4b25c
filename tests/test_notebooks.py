"""The notebook under papermill, as the pipeline runs it (nbval re-runs the committed copy separately)."""

from __future__ import annotations

import json

import nbformat
import pytest

from cardrepro.cli import main
from cardrepro.notebooks import execute
from cardrepro.params import RUNS, ParamsError, validate
from cardrepro.paths import project_root
from tests.smoke import smoke_params, smoke_run


@pytest.fixture
def params(tmp_path):
    return smoke_run(tmp_path, "cosine_sparql", model_dir=str(tmp_path / "model"), report_dir=str(tmp_path / "report"))


@pytest.mark.slow
def test_papermill_run_writes_notebook_metrics_plots_and_model(params, tmp_path):
    """The two stages as the pipeline runs them: train (model, measurements), then the notebook on them."""
    from cardrepro.train_stage import train_run

    assert train_run(params) == tmp_path / "report" / "measured"
    output = execute(params)
    assert output == tmp_path / "report" / "cosine_sparql.ipynb"
    notebook = nbformat.read(output, as_version=4)
    assert "papermill" not in notebook.metadata and "widgets" not in notebook.metadata
    assert "widget-view" not in json.dumps([c.get("outputs", []) for c in notebook.cells])
    assert all("execution" not in cell.metadata for cell in notebook.cells)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and 'profile = "full"' in injected[0].source and "cosine_sparql.yaml" in injected[0].source

    metrics = json.loads((tmp_path / "report" / "details.json").read_text())
    headline = json.loads((tmp_path / "report" / "metrics.json").read_text())
    assert headline["verdict"] == "not checkable" and headline["headline"] == "cosine_ap"
    assert headline["tuned"] == round(metrics["tuned"]["cosine_ap"], 4) and headline["loss_card_step"] is None
    assert metrics["substituted"] == {"stand_in_model": False, "generated_data": True}
    assert metrics["data"] == {"source": "generated", "train_pairs": 48, "eval_pairs": 16}
    assert metrics["training"]["steps"] == 6
    assert 0.0 <= metrics["base"]["cosine_ap"] <= 1.0 and 0.0 <= metrics["tuned"]["cosine_ap"] <= 1.0
    assert metrics["card"]["cosine_ap"] == pytest.approx(0.9166469813448259)
    assert {p.name for p in (tmp_path / "report" / "plots").iterdir()} == {
        "loss.csv", "eval.csv", "card_loss.csv", "card_eval.csv"}
    assert (tmp_path / "model" / "README.md").is_file() and (tmp_path / "model" / "model.safetensors").is_file()
    intervals = metrics["intervals"]
    assert intervals["resampled_items"] == 16 and intervals["level"] == 0.95
    low, high = intervals["cosine_ap"]["tuned"]
    assert low <= metrics["tuned"]["cosine_ap"] <= high
    html = (tmp_path / "report" / "cosine_sparql.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "What the card claims" in html and "data:image/png;base64" in html

    # Same seed, same numbers: the run again, over its own previous results, gives identical metrics
    plots = {p.name: p.read_bytes() for p in (tmp_path / "report" / "plots").iterdir()}
    execute(params)
    again = json.loads((tmp_path / "report" / "details.json").read_text())
    clock = ("seconds", "steps_per_second", "peak_memory_mib")  # wall time and memory, not results
    for run in (metrics, again):
        for key in clock:
            run["training"].pop(key)
    assert again == metrics
    assert {p.name: p.read_bytes() for p in (tmp_path / "report" / "plots").iterdir()} == plots


def test_missing_prepared_file_stops_before_any_kernel(params):
    from cardrepro.train_stage import train_run

    waiting = validate(params.as_dict() | {"data": params.data | {"train_file": "data/processed/none.jsonl"}}, "p.yaml")
    with pytest.raises(ParamsError, match=r"p.yaml: data.train_file: no such file .*fix: run `dvc repro prepare@cosine_sparql`"):
        train_run(waiting)


def test_unavailable_model_stops_before_any_kernel(params, monkeypatch):
    from cardrepro import models

    monkeypatch.setattr(models, "_from_hugging_face", lambda model_id: None)
    from cardrepro.train_stage import train_run

    other = validate(params.as_dict() | {"model": params.model | {"base": "org/unreachable"}}, "p.yaml")
    with pytest.raises(ParamsError, match=r"p.yaml: model.base: 'org/unreachable' is not in the Hugging Face cache"):
        train_run(other)


def test_a_report_without_its_measurements_stops_in_one_line_naming_the_train_command(params):
    with pytest.raises(ParamsError, match=r"report/measured: no measurements of cosine_sparql there; fix: run "
                                          r"`cardrepro train cosine_sparql` \(its train stage\) first"):
        execute(params)


def test_cli_prints_one_line_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    raw = smoke_params("cosine_sparql")
    raw["training"]["batch_size"] = 0
    bad.write_text(json.dumps(raw))
    assert main(["execute", "cosine_sparql", "--params", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "training.batch_size: impossible value 0; fix:" in err


@pytest.mark.parametrize("run", RUNS)
def test_outputs_nbval_compares_hold_no_machine_paths(run):
    """nbval compares stored outputs on another machine (CI clones elsewhere): no absolute paths in them."""
    notebook = nbformat.read(project_root() / "notebooks" / f"{run}.ipynb", as_version=4)
    leaks = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        text = json.dumps(cell.get("outputs", []))
        leaks += [f"cell {number}: {marker}" for marker in (str(project_root()), "site-packages") if marker in text]
    assert not leaks, leaks
