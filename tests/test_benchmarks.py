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


def test_seed_noise_check_compares_the_mean_shift_with_the_random_runs_range():
    from benchmarks.length_grouping import within_seed_noise

    assert within_seed_noise([0.50, 0.52], [0.49, 0.51, 0.55]) == {"mean_shift": -0.0067, "random_seed_range": 0.06,
                                                                   "within": True}
    assert within_seed_noise([0.70, 0.71], [0.49, 0.51, 0.55])["within"] is False


def test_length_grouping_benchmark_runs_both_batchings_at_each_seed(tmp_path):
    from benchmarks.length_grouping import main as grouping

    out = tmp_path / "grouping.json"
    assert grouping(["--steps", "2", "--seeds", "1", "2", "--recipes", "cosine", "--out", str(out)]) == 0
    result = json.loads(out.read_text())["cosine"]
    assert [r["seed"] for r in result["runs"]["length-grouped"]] == [1, 2]
    assert result["summary"]["length-grouped"]["padding"] < result["summary"]["random"]["padding"]
    assert set(result["loss"]) == {"mean_shift", "random_seed_range", "within"}
