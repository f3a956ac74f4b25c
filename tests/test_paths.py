"""Published files are written atomically, yet readable like any other file (not mkstemp's 0600); paths typed on the
command line are taken from the folder it was typed in."""

from __future__ import annotations

import os
import stat

import pytest

from cardrepro.data.jsonl import write_jsonl
from cardrepro.paths import atomic_write
from cardrepro.reports import write_metrics
from tests.conftest import REPO
from tests.records import details


def test_published_files_get_the_umask_mode_and_leave_no_scratch(tmp_path):
    old = os.umask(0o022)
    try:
        pairs = write_jsonl([{"sentence_0": "a", "sentence_1": "b"}], tmp_path / "pairs.jsonl")
        metrics, record = write_metrics(tmp_path / "report", details("mnrl_qa", 0.5, 0.7))
    finally:
        os.umask(old)
    assert pairs == 1
    assert stat.S_IMODE((tmp_path / "pairs.jsonl").stat().st_mode) == 0o644
    assert stat.S_IMODE(metrics.stat().st_mode) == stat.S_IMODE(record.stat().st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.rglob(".*")) == []  # no scratch copy left behind


def test_a_failed_atomic_write_keeps_the_old_file_and_leaves_no_scratch(tmp_path):
    path = tmp_path / "metrics.json"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="crash"), atomic_write(path) as handle:
        handle.write("half of the new")
        raise RuntimeError("crash mid-write")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metrics.json"]


def test_a_failed_first_atomic_write_leaves_no_file(tmp_path):
    path = tmp_path / "new" / "pairs.jsonl"
    with pytest.raises(KeyboardInterrupt), atomic_write(path) as handle:
        handle.write("half")
        raise KeyboardInterrupt
    assert list(path.parent.iterdir()) == []


def test_an_atomic_write_replaces_the_file_with_utf8_text(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("old", encoding="utf-8")
    with atomic_write(path) as handle:
        handle.write("Mara \u2192 dock\n")
    assert path.read_bytes() == "Mara \u2192 dock\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_paths_typed_in_a_subfolder_are_taken_from_that_folder(tmp_path, monkeypatch):
    """From notebooks/, ``--out mine.jsonl`` is notebooks/mine.jsonl, not a file in the root; hub ids and absolute
    paths stay as typed; params files' own paths (read from the root) are not touched."""
    from cardrepro.cli import from_here, parser

    (tmp_path / "dvc.yaml").write_text("stages: {}\n")
    (tmp_path / "params").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    args = from_here(parser().parse_args(["pairs", "cosine_sparql", "--source", "real", "--raw", "hf://a/b",
                                          "--params", str(tmp_path / "p.yaml"), "--out", "mine.jsonl"]))
    assert (args.out, args.raw, args.params) == ("notebooks/mine.jsonl", "hf://a/b", str(tmp_path / "p.yaml"))
    checked = from_here(parser().parse_args(["check", "../params/a.yaml", "b.yaml"]))
    assert checked.files == ["params/a.yaml", "notebooks/b.yaml"]


@pytest.mark.parametrize("folder", ["real", "seeds", "notebooks"])
def test_from_a_subfolder_the_root_is_the_repositorys_and_its_inputs_stay_guarded(folder, monkeypatch, capsys):
    """real/ and seeds/ hold a dvc.yaml of their own; run from there, ``../params/evil.jsonl`` is still params/."""
    from cardrepro.cli import main
    from cardrepro.paths import project_root

    monkeypatch.chdir(REPO / folder)
    assert project_root() == REPO.resolve()
    code = main(["pairs", "cosine_sparql", "--source", "generated", "--out", "../params/evil.jsonl"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "--out: 'params/evil.jsonl' lies inside the inputs (params/)" in err
    assert not (REPO / "params" / "evil.jsonl").exists() and not (REPO.parent / "params" / "evil.jsonl").exists()
