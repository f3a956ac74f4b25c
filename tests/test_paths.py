"""Published files are written atomically, yet readable like any other file (not mkstemp's 0600)."""

from __future__ import annotations

import os
import stat

from cardrepro.data.jsonl import write_jsonl
from cardrepro.reports import write_metrics
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
