"""The benchmark script runs end to end (two steps, one repetition) and writes its JSON."""

from __future__ import annotations

import json

from benchmarks.bench_training import main


def test_training_benchmark_times_plain_and_project_paths(tmp_path):
    out = tmp_path / "training.json"
    assert main(["--steps", "2", "--repeats", "1", "--recipes", "cosine", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    cosine = result["recipes"]["cosine"]
    rows = cosine["variants"]
    assert list(rows) == ["plain script", "project", "project, length-grouped"]
    assert rows["plain script"]["ratio_to_plain"] == 1.0 and cosine["pairs"] == 2 * 16
    assert all(row["samples_per_second"] > 0 and len(row["train_seconds"]) == 1 for row in rows.values())
    assert all(row["best_seconds_with_setup"] >= row["best_train_seconds"] for row in rows.values())
    # a fair race: the project's optimizer is the plain script's (the trainer's default), and grouping cuts padding
    assert {row["optim"] for row in rows.values()} == {"adamw_torch_fused"}
    assert rows["project, length-grouped"]["sentence_0_padding"] < rows["project"]["sentence_0_padding"]


def test_mnrl_is_never_length_grouped():
    from benchmarks.bench_training import variant_names

    assert variant_names("mnrl_qa") == ["plain script", "project"]
    assert variant_names("tsdae_minilm")[-1] == "project, length-grouped"


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


def test_performance_doc_tables_are_the_committed_benchmark_results():
    from benchmarks import report
    from tests.conftest import REPO

    doc = (REPO / "docs" / "performance.md").read_text(encoding="utf-8")
    for name in (*report.THROUGHPUT_FILES, *report.GROUPING_FILES, report.OVERHEADS_FILE):
        assert (report.RESULTS / name).is_file(), name
    for table in (report.throughput_table(), report.grouping_table(), report.overheads_table()):
        assert table.count("\n") >= 2 and table in doc, \
            f"docs/performance.md: a table is not the benchmarks' output; fix: paste this table:\n{table}"
