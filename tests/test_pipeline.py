"""`dvc repro` end to end in a temporary copy of the repository, with smoke params."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.smoke import smoke_params


def _tracked_files() -> list[str]:
    listing = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if (REPO / line).is_file()]


def _dvc(copy: Path, *args: str) -> str:
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([Path(sys.executable).parent / "dvc", *args], cwd=copy, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, f"dvc {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("repo")
    for name in _tracked_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    for run in ("cosine_sparql",):
        (copy / "params" / f"{run}.yaml").write_text(yaml.safe_dump(smoke_params(run), sort_keys=False))
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    return copy


@pytest.mark.slow
def test_repro_then_metrics_plots_and_nothing_to_redo(repo_copy):
    first = _dvc(repo_copy, "repro")
    assert "Running stage 'prepare_cosine_sparql'" in first and "Running stage 'cosine_sparql'" in first

    metrics = json.loads(_dvc(repo_copy, "metrics", "show", "--json"))
    shown = metrics[""]["data"]["reports/cosine_sparql/metrics.json"]["data"]
    assert shown["data"]["train_pairs"] == 48 and shown["training"]["steps"] == 6
    assert (repo_copy / "reports/cosine_sparql/cosine_sparql.ipynb").is_file()
    assert (repo_copy / "models/cosine_sparql/model.safetensors").is_file()
    assert len((repo_copy / "data/processed/cosine_sparql/train.jsonl").read_text().splitlines()) == 48

    plots = json.loads(_dvc(repo_copy, "plots", "show", "--json"))
    assert "cosine_sparql held-out cosine AP" in json.dumps(plots)

    second = _dvc(repo_copy, "repro")
    assert "Running stage" not in second and "up to date" in second
