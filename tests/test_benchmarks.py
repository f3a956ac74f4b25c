"""The benchmark script runs end to end (two steps, one repetition) and writes its JSON."""

from __future__ import annotations

import json

from benchmarks.bench_training import main


def test_training_benchmark_times_plain_and_project_paths(tmp_path):
    out = tmp_path / "training.json"
    assert main(["--steps", "2", "--repeats", "1", "--recipes", "cosine", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    rows = result["recipes"]["cosine"]["variants"]
    assert list(rows) == ["plain script", "project", "project, length-grouped"]
    assert rows["plain script"]["ratio_to_plain"] == 1.0
    assert all(row["samples_per_second"] > 0 and len(row["seconds"]) == 1 for row in rows.values())
