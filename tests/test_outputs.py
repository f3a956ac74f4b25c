"""Nothing lost: a run writes through its own staging folder and can never delete what it did not write."""

from __future__ import annotations

import json
import re
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from cardrepro.notebooks import execute
from cardrepro.outputs import MARKER, check_outputs, remove_stale_staging, staging_folder
from cardrepro.params import ParamsError, load_run
from tests.conftest import REPO, with_ctrl_c
from tests.smoke import smoke_params, smoke_run
from tests.tree import copy_tracked, tree_hash


def _params(tmp_path: Path, **outputs: str):
    return smoke_run(tmp_path, "cosine_sparql", "p.yaml", **{"model_dir": str(tmp_path / "model"),
                                                  "report_dir": str(tmp_path / "report"), **outputs})


def _measured(params) -> None:
    """A train stage's record for ``params`` (its params only): enough for a report stage to start."""
    from cardrepro.measure import measured_folder, trained_params
    from cardrepro.measurements import save

    save({"params": trained_params(params)}, measured_folder(params))


@pytest.mark.parametrize(("key", "value", "problem"), [
    ("model_dir", ".", "is the project root or a folder above it"),
    ("model_dir", "..", "is the project root or a folder above it"),
    ("report_dir", "/", "is the project root or a folder above it"),
    ("model_dir", "data", "holds or lies inside the inputs (data/)"),
    ("model_dir", "data/processed/cosine_sparql", "holds or lies inside the inputs (data/)"),
    ("report_dir", "src/cardrepro", "holds or lies inside the inputs (src/)"),
    ("report_dir", "notebooks", "holds or lies inside the inputs (notebooks/)"),
    ("model_dir", "params", "holds or lies inside the inputs (params/)"),
    ("model_dir", ".git", "holds or lies inside the inputs (.git/)"),
])
def test_output_folders_that_hold_the_project_or_its_inputs_are_refused(tmp_path, key, value, problem):
    with pytest.raises(ParamsError, match="^" + re.escape(f"{tmp_path / 'p.yaml'}: outputs.{key}: '{value}' {problem}; fix: ")):
        check_outputs(_params(tmp_path, **{key: value}))


def test_a_model_folder_holding_files_no_run_of_this_run_wrote_is_refused(tmp_path):
    mine = tmp_path / "model"
    mine.mkdir()
    (mine / "notes.txt").write_text("a user's file")
    with pytest.raises(ParamsError, match=r"outputs.model_dir: .* holds files that no run of cosine_sparql wrote"):
        check_outputs(_params(tmp_path))
    (mine / MARKER).write_text(json.dumps({"run": "mnrl_qa", "files": ["notes.txt"]}))  # another run's: not ours
    with pytest.raises(ParamsError, match=r"no run of cosine_sparql wrote"):
        check_outputs(_params(tmp_path))
    (mine / MARKER).write_text(json.dumps({"run": "cosine_sparql", "files": []}))  # ours, but notes.txt came later
    with pytest.raises(ParamsError, match=r"no run of cosine_sparql wrote \(notes.txt\)"):
        check_outputs(_params(tmp_path))
    (mine / MARKER).write_text(json.dumps({"run": "cosine_sparql", "files": ["notes.txt"]}))
    check_outputs(_params(tmp_path))  # a previous run of this run: replaced once the new one has finished


def test_a_seed_repeats_report_folder_with_dvcs_gitignore_is_accepted(tmp_path):
    report = tmp_path / "report"
    report.mkdir()
    (report / ".gitignore").write_text("/cosine_sparql.ipynb\n/cosine_sparql.html\n")  # DVC's, for cached outputs
    check_outputs(_params(tmp_path))


def test_a_report_folder_holding_other_files_is_refused(tmp_path):
    report = tmp_path / "report"
    (report / "plots").mkdir(parents=True)
    for name in ("cosine_sparql.ipynb", "cosine_sparql.html", "metrics.json", "plots/loss.csv"):
        (report / name).write_text("from a previous run")
    check_outputs(_params(tmp_path))
    (report / "draft.md").write_text("a user's notes")
    with pytest.raises(ParamsError, match=r"outputs.report_dir: .* holds files that no run of cosine_sparql writes \(draft.md\)"):
        check_outputs(_params(tmp_path))


def test_overlapping_model_and_report_folders_are_refused(tmp_path):
    with pytest.raises(ParamsError, match="outputs.model_dir: the model folder and the report folder overlap"):
        check_outputs(_params(tmp_path, model_dir=str(tmp_path / "report" / "model")))


def test_a_stale_staging_folder_is_removed_with_one_line_unless_its_run_is_alive(tmp_path):
    params = _params(tmp_path)
    folder = staging_folder(params)
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (folder / MARKER).write_text(json.dumps({"run": "cosine_sparql", "pid": int(dead.stdout)}))
    (folder / "model").mkdir()
    line = remove_stale_staging(params)
    assert line.startswith("cosine_sparql: removed ") and "killed" in line and "\n" not in line
    assert not folder.exists()
    folder.mkdir()
    (folder / MARKER).write_text(json.dumps({"run": "cosine_sparql", "pid": os.getppid()}))  # alive
    with pytest.raises(ParamsError, match=r"another run of cosine_sparql \(process \d+\) is writing to"):
        remove_stale_staging(params)
    (folder / MARKER).write_text("not ours")
    with pytest.raises(ParamsError, match="was not made by a run of cosine_sparql"):
        remove_stale_staging(params)
    assert folder.is_dir()


def _stand_in_notebook(path: Path, last_cell: str) -> Path:
    """A notebook shaped like a run's: it writes a model and metrics into its staging folder, then ``last_cell``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "cardrepro", "language": "python", "display_name": "Python (cardrepro)"}
    parameters = nbformat.v4.new_code_cell("staging = None")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell(
        "from cardrepro.paths import resolve\n"
        "root = resolve(staging)\n"
        "(root / 'model').mkdir(); (root / 'model' / 'weights.bin').write_text('new')\n"
        "(root / 'report').mkdir(); (root / 'report' / 'metrics.json').write_text('{\"new\": 1}')\n"
        "print('written', flush=True)"), nbformat.v4.new_code_cell(last_cell)]
    nbformat.write(notebook, path)
    return path


def _previous_results(tmp_path: Path) -> None:
    _measured(_params(tmp_path))
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / MARKER).write_text(json.dumps({"run": "cosine_sparql", "files": ["weights.bin"]}))
    (tmp_path / "model" / "weights.bin").write_text("old")
    (tmp_path / "report" / "plots").mkdir(parents=True)
    (tmp_path / "report" / "metrics.json").write_text('{"old": 1}')
    (tmp_path / "report" / "cosine_sparql.ipynb").write_text("old notebook")


@pytest.mark.slow
def test_a_failing_run_removes_only_its_staging_folder_and_keeps_the_previous_results(tmp_path):
    _previous_results(tmp_path)
    notebook = _stand_in_notebook(tmp_path / "fails.ipynb", "raise RuntimeError('a cell failed')")
    params = _params(tmp_path)  # written as p.yaml, which the notebook reads
    before = tree_hash(tmp_path)
    with pytest.raises(Exception, match="a cell failed"):
        execute(params, notebook)
    failed = tmp_path / "report" / "cosine_sparql.failed.ipynb"
    assert failed.is_file()  # for debugging; never taken for a result
    failed.unlink()
    assert tree_hash(tmp_path) == before and not staging_folder(_params(tmp_path)).exists()


@pytest.mark.slow
def test_a_finished_run_replaces_its_own_previous_results(tmp_path):
    _previous_results(tmp_path)
    notebook = _stand_in_notebook(tmp_path / "works.ipynb", "print('done')")
    execute(_params(tmp_path), notebook)
    assert (tmp_path / "model" / "weights.bin").read_text() == "new"
    assert json.loads((tmp_path / "model" / MARKER).read_text()) == {"run": "cosine_sparql", "files": ["weights.bin"]}
    assert json.loads((tmp_path / "report" / "metrics.json").read_text()) == {"new": 1}
    assert (tmp_path / "report" / "plots").is_dir()  # the old run's plots: this run wrote none, so they stay
    assert "injected-parameters" in (tmp_path / "report" / "cosine_sparql.ipynb").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "p.yaml", "report", "works.ipynb"]


@pytest.mark.slow
def test_a_publication_cut_short_keeps_the_previous_results_in_the_staging_folder(tmp_path, monkeypatch):
    from cardrepro import outputs

    _previous_results(tmp_path)
    notebook = _stand_in_notebook(tmp_path / "works.ipynb", "print('done')")
    moves = []

    def failing_move(source, target):  # the disk fills up after the model has moved
        if moves:
            raise OSError(28, "No space left on device")
        moves.append(target)
        return shutil.move(source, target)

    monkeypatch.setattr(outputs, "_move", failing_move)
    with pytest.raises(outputs.PublishError, match=r"publishing stopped midway \(No space left on device\); the previous "
                       r"results are in .*replaced; fix: move them back"):
        execute(_params(tmp_path), notebook)
    staged = staging_folder(_params(tmp_path))
    assert (staged / "replaced" / "model" / "weights.bin").read_text() == "old"
    with pytest.raises(ParamsError, match=r"holds the previous results of a run killed while it published its own"):
        remove_stale_staging(_params(tmp_path))


@pytest.mark.slow
def test_a_publication_that_fails_once_is_undone_and_the_previous_results_stay_in_place(tmp_path, monkeypatch):
    """A read-only report folder, say: the model has moved, the metrics cannot. Every move made is undone, so the
    previous model and report stand as before, and the next run starts clean."""
    from cardrepro import outputs

    _previous_results(tmp_path)
    notebook = _stand_in_notebook(tmp_path / "works.ipynb", "print('done')")
    _params(tmp_path)  # writes p.yaml before the tree is fingerprinted
    before = tree_hash(tmp_path)
    calls = []

    def move_failing_once(source, target):
        calls.append(target)
        if len(calls) == 3:  # the old model aside, the new model in, then the old plots cannot move
            raise OSError(30, "Read-only file system", str(target))
        return shutil.move(source, target)

    monkeypatch.setattr(outputs, "_move", move_failing_once)
    with pytest.raises(outputs.PublishError, match=r"could not publish \(Read-only file system: .*\); nothing changed, "
                       r"the previous results are in place; fix: make the output folders writable"):
        execute(_params(tmp_path), notebook)
    (tmp_path / "report" / "cosine_sparql.failed.ipynb").unlink(missing_ok=True)
    assert tree_hash(tmp_path) == before and not staging_folder(_params(tmp_path)).exists()


def test_a_stale_staging_folder_whose_process_id_was_reused_is_removed(tmp_path):
    """pid 1 is alive in every container, but it is not the run that made the folder: its start time says so."""
    folder = staging_folder(_params(tmp_path))
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(json.dumps({"run": "cosine_sparql", "pid": 1, "started": "1"}))
    assert "left by a run that was killed" in remove_stale_staging(_params(tmp_path)) and not folder.exists()


def _execute_stand_in_in_background(params_file: Path, notebook: Path, stderr) -> subprocess.Popen:
    """``execute`` of a stand-in notebook in a process of its own, to be signalled."""
    return subprocess.Popen([sys.executable, "-c", "import sys; from cardrepro.notebooks import execute; "
                             "from cardrepro.params import load_run; execute(load_run(sys.argv[1]), sys.argv[2])",
                             str(params_file), str(notebook)], cwd=REPO, stderr=stderr, text=True,
                            preexec_fn=with_ctrl_c)


def _train_in_background(params_file: Path) -> subprocess.Popen:
    return subprocess.Popen([Path(sys.executable).parent / "cardrepro", "train", "cosine_sparql", "--params",
                             str(params_file)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=with_ctrl_c)


def _wait_for_cell(executed: Path, text: str, timeout: float = 120) -> None:
    """Until papermill marks the cell holding ``text`` as running in the staged notebook."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            cells = json.loads(executed.read_text())["cells"]
        except (OSError, ValueError):
            cells = []
        if any(text in "".join(c["source"]) and c["metadata"].get("papermill", {}).get("status") == "running"
               for c in cells):
            return
        time.sleep(0.3)
    raise AssertionError(f"the cell with {text!r} never ran")


def _kernels_of(process: subprocess.Popen) -> list[int]:
    """The process ids of the kernels ``process`` (still running) started."""
    listing = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in listing.splitlines()]
    return [int(pid) for pid, ppid, args in rows if int(ppid) == process.pid and "ipykernel" in args]


def _gone(pids: list[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupted_run_publishes_nothing_and_cleans_up(tmp_path, sent):
    _previous_results(tmp_path)
    notebook = _stand_in_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(300)")
    params_file = _params(tmp_path).origin["params_file"]  # written as p.yaml
    before = tree_hash(tmp_path)
    process = _execute_stand_in_in_background(params_file, notebook, stderr=subprocess.PIPE)
    _wait_for_cell(staging_folder(_params(tmp_path)) / "cosine_sparql.ipynb", "time.sleep(300)")
    kernels = _kernels_of(process)
    process.send_signal(sent)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0 and ("Interrupted" in err or "KeyboardInterrupt" in err)
    (tmp_path / "report" / "cosine_sparql.failed.ipynb").unlink()
    assert tree_hash(tmp_path) == before  # the previous results, untouched; no staging folder left
    assert len(kernels) == 1 and _gone(kernels)


@pytest.mark.slow
def test_a_killed_run_leaves_its_staging_folder_and_the_next_run_removes_it_in_one_line(tmp_path, capsys):
    notebook = _stand_in_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(300)")
    params_file = _params(tmp_path).origin["params_file"]  # written as p.yaml
    _measured(_params(tmp_path))
    process = _execute_stand_in_in_background(params_file, notebook, stderr=subprocess.DEVNULL)
    staged = staging_folder(_params(tmp_path))
    _wait_for_cell(staged / "cosine_sparql.ipynb", "time.sleep(300)")
    process.kill()
    process.wait(30)
    assert (staged / "model" / "weights.bin").is_file() and not (tmp_path / "model").exists()
    execute(_params(tmp_path), _stand_in_notebook(tmp_path / "works.ipynb", "print('done')"))
    lines = [line for line in capsys.readouterr().out.splitlines() if "removed" in line]
    assert len(lines) == 1 and "left by a run that was killed before it finished" in lines[0]
    assert (tmp_path / "model" / "weights.bin").read_text() == "new" and not staged.exists()


@pytest.mark.slow
def test_ctrl_c_during_real_training_leaves_no_result(tmp_path):
    """A real smoke run, long enough to be interrupted mid-training."""
    raw = _params(tmp_path).as_dict()
    raw["data"]["train_rows"] = 800  # 200 steps: minutes, interrupted after seconds
    params_file = tmp_path / "p.yaml"
    params_file.write_text(yaml.safe_dump(raw))
    process = _train_in_background(params_file)
    staged = staging_folder(load_run(params_file))
    deadline = time.monotonic() + 120
    while not staged.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    time.sleep(15)  # the model loads, then training begins
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip().splitlines()[-1].endswith("error: train interrupted; nothing was published, the previous "
                                                 "results are as they were")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]  # no model, no measurements, no staging folder


def test_a_failing_run_in_a_copy_of_the_project_changes_nothing_outside_its_outputs(tmp_path):
    """model_dir '' / '.' / 'models' once deleted the project root or every model: now refused up front."""
    copy = copy_tracked(tmp_path / "repo")
    (copy / "models" / "mnrl_qa").mkdir(parents=True)
    (copy / "models" / "mnrl_qa" / "model.safetensors").write_text("another run's model")
    raw = smoke_params("cosine_sparql")
    raw["data"]["train_file"] = "broken.jsonl"
    (copy / "broken.jsonl").write_text('{"sentence_0": "q", "sentence_1": "a", "label": 1.0}\n{"trunc')
    before = tree_hash(copy)
    for model_dir in ("", ".", "models"):
        params_file = tmp_path / f"model_dir_{model_dir or 'empty'}.yaml"
        params_file.write_text(yaml.safe_dump(raw | {"outputs": raw["outputs"] | {"model_dir": model_dir}}))
        done = subprocess.run([Path(sys.executable).parent / "cardrepro", "execute", "cosine_sparql", "--params",
                               str(params_file)], cwd=copy, capture_output=True, text=True)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert "outputs.model_dir" in done.stderr and "Traceback" not in done.stderr
        assert tree_hash(copy) == before, model_dir
