"""The committed results are the ones dvc.lock records: same bytes as the run that produced them,
from the committed notebooks, params and code. A reviewer on a fresh clone reads what was run."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from cardrepro.params import RUNS
from tests.conftest import REPO

LOCKS = ("dvc.lock", "seeds/dvc.lock", "real/dvc.lock")


def _tracked() -> set[str]:
    listing = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    if listing.returncode != 0:
        pytest.skip("not a git checkout: nothing is committed to compare")
    return set(listing.stdout.splitlines())


def _ignored(path: Path) -> bool:
    return "__pycache__" in path.parts or path.suffix == ".pyc"


def dvc_md5(path: Path) -> str:
    """DVC's md5 of a file (its bytes) or a folder (the md5 of its sorted file list, with '.dir'),
    skipping what .dvcignore skips: Python's byte-code caches."""
    if path.is_file():
        return hashlib.md5(path.read_bytes()).hexdigest()
    entries = sorted(({"md5": hashlib.md5(f.read_bytes()).hexdigest(), "relpath": f.relative_to(path).as_posix()}
                      for f in path.rglob("*") if f.is_file() and not _ignored(f)), key=lambda entry: entry["relpath"])
    return hashlib.md5(json.dumps(entries, sort_keys=True).encode()).hexdigest() + ".dir"


def _entries(kind: str):
    """(stage, path from the root, recorded md5, recorded file count or None) of every dep or out."""
    for lock in LOCKS:
        if not (REPO / lock).is_file():
            continue
        for stage, record in yaml.safe_load((REPO / lock).read_text())["stages"].items():
            for entry in record.get(kind, []):
                yield stage, entry["path"], entry["md5"], entry.get("nfiles")


def _committed(path: str, nfiles: int | None, tracked: set[str]) -> bool:
    """A tracked file, or a folder of which git holds every file the lock counted (not data/processed/,
    of which git holds only a .gitignore, nor folders mixing committed and cached outputs)."""
    folder = REPO / path
    if not folder.is_dir():
        return path in tracked
    files = [f.relative_to(REPO).as_posix() for f in folder.rglob("*") if f.is_file() and not _ignored(f)]
    return len(files) == nfiles and all(name in tracked for name in files)


def test_committed_results_have_the_hashes_dvc_lock_records():
    tracked = _tracked()
    checked = []
    for stage, path, md5, nfiles in _entries("outs"):
        if _committed(path, nfiles, tracked):
            assert dvc_md5(REPO / path) == md5, (f"{path} differs from what dvc.lock records for stage {stage}; "
                                                 "fix: commit the outputs of the run that wrote dvc.lock")
            checked.append(path)
    for run in RUNS:  # the published results of every card, and the summary, are among them
        assert {f"reports/{run}/{run}.ipynb", f"reports/{run}/{run}.html", f"reports/{run}/metrics.json",
                f"reports/{run}/details.json", f"reports/{run}/plots", f"reports/{run}/measured"} <= set(checked), run
    assert {"reports/summary/summary.ipynb", "reports/summary/results.md"} <= set(checked)
    for name, entry in yaml.safe_load((REPO / "params/real.yaml").read_text())["runs"].items():  # the real-data runs
        run, folder = entry["run"], f"reports/real/{name}"
        assert {f"{folder}/{run}.ipynb", f"{folder}/{run}.html", f"{folder}/metrics.json", f"{folder}/details.json",
                f"{folder}/plots", f"{folder}/measured"} <= set(checked), name


def test_committed_results_come_from_the_committed_notebooks_params_and_code():
    tracked = _tracked()
    stale = sorted({stage for stage, path, md5, nfiles in _entries("deps")
                    if _committed(path, nfiles, tracked) and dvc_md5(REPO / path) != md5})
    assert not stale, (f"stages {', '.join(stale)} ran on other notebooks, params or code than those committed; "
                       "fix: `dvc repro` them and commit dvc.lock with their results")


def test_readme_and_docs_show_the_committed_results_tables():
    """The summary writes two tables: the verdicts go in the README, base vs tuned in docs/results.md."""
    verdicts, base_vs_tuned = (REPO / "reports/summary/results.md").read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert verdicts in (REPO / "README.md").read_text(encoding="utf-8"), \
        "README.md: the verdict table differs from the first table of reports/summary/results.md; fix: paste it"
    assert base_vs_tuned in (REPO / "docs/results.md").read_text(encoding="utf-8"), \
        "docs/results.md: the base-vs-tuned table differs from the second table of reports/summary/results.md; " \
        "fix: paste it"


def test_the_committed_summary_shows_the_committed_real_and_generated_results():
    """The summary reads reports/real/ without a DVC dependency on it (dvc.yaml says why): its
    committed verdict table must still be the one the committed records give."""
    from cardreview import summary

    _tracked()
    table = summary.side_by_side(summary.load_runs("reports", list(RUNS)), summary.load_real_runs("reports"))
    committed = (REPO / "reports/summary/results.md").read_text(encoding="utf-8")
    assert committed.startswith(summary.markdown_table(table)), \
        "reports/summary/results.md is not the table of the committed results; fix: `make repro-real` or " \
        "`dvc repro --force --single-item summary`, then commit"
