"""The cross-run summary: tables from metrics JSON with known contents, and the notebook on a smoke run."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from cardrepro.sentences import summary as sentences
from cardreview import summary
from cardrepro.reports import write_metrics
from tests.records import details as _metrics


@pytest.fixture
def reports(tmp_path):
    write_metrics(tmp_path / "mnrl_qa", _metrics("mnrl_qa", 0.5, 0.7, stand_in=True))
    write_metrics(tmp_path / "cosine_sparql", _metrics("cosine_sparql", 0.6, 0.55, card={"cosine_mrr@10": 0.9}))
    return tmp_path


def test_results_table_shows_intervals_gain_card_and_which_runs_are_missing(reports):
    metrics = summary.load_runs(reports, ["cosine_sparql", "tsdae_qwen", "mnrl_qa"])
    assert summary.missing_runs(metrics) == ["tsdae_qwen"]
    table = summary.results_table(metrics)
    assert list(table.index) == ["cosine_sparql", "mnrl_qa"]
    row = table.loc["mnrl_qa"]
    assert row["model"] == "big-model (stand-in: small-model)" and row["held out"] == "20 queries x 30 candidates"
    assert row["base [95% CI]"] == "0.5000 [0.4000, 0.6000]" and row["tuned [95% CI]"] == "0.7000 [0.6000, 0.8000]"
    assert row["gain [95% CI]"] == "+0.2000 [+0.1500, +0.2500]" and row["card"] == "—"
    assert table.loc["cosine_sparql", "gain [95% CI]"] == "-0.0500 [-0.1000, +0.0000]"
    assert table.loc["cosine_sparql", "card"] == "0.9000"
    markdown = summary.markdown_table(table)
    assert markdown.splitlines()[0].startswith("| run | model | data |") and markdown.count("\n") == 4


def test_loss_and_substitution_tables(reports):
    metrics = summary.load_runs(reports, ["mnrl_qa", "mnrl_compressed"])
    losses = summary.loss_table(metrics)
    assert losses.to_dict("records") == [{"run": "mnrl_qa", "card step": 500, "this run": 0.3, "card": 0.6,
                                          "ratio": 0.5, "steps run": 90}]
    swaps = summary.substitutions_table(metrics)
    assert swaps.loc["mnrl_qa", "stand-in model"] == "yes: org/small-model for org/big-model"
    assert swaps.loc["mnrl_compressed", "stand-in model"] == "not run"
    assert summary.all_metrics_table(metrics).loc[("mnrl_qa", "cosine_mrr@10"), "gain_low"] == pytest.approx(0.15)


def test_seed_spread_is_mean_and_sample_deviation_over_the_main_run_and_its_repeats(reports, tmp_path):
    seeds = tmp_path / "seeds"
    write_metrics(seeds / "mnrl_qa" / "seed43", _metrics("mnrl_qa", 0.5, 0.8, seed=43))
    write_metrics(seeds / "mnrl_qa" / "seed44", _metrics("mnrl_qa", 0.5, 0.9, seed=44))
    runs = summary.load_seed_runs(reports, seeds, ["mnrl_qa", "cosine_sparql"])
    assert runs[["run", "seed", "origin"]].to_dict("records") == [
        {"run": "mnrl_qa", "seed": 42, "origin": "main run"}, {"run": "mnrl_qa", "seed": 43, "origin": "seed43"},
        {"run": "mnrl_qa", "seed": 44, "origin": "seed44"}, {"run": "cosine_sparql", "seed": 42, "origin": "main run"}]
    spread = summary.seed_spread(runs)
    row = spread.loc[("mnrl_qa", "cosine_mrr@10")]
    assert row["seeds"] == 3 and row["mean"] == pytest.approx(0.8) and row["std"] == pytest.approx(0.1)
    assert (row["min"], row["max"]) == (0.7, 0.9)
    assert math.isnan(spread.loc[("cosine_sparql", "cosine_mrr@10"), "std"])  # one seed: no spread to show
    write_metrics(seeds / "mnrl_qa" / "seed45", _metrics("mnrl_qa", 0.5, 0.9, seed=44))
    with pytest.raises(ValueError, match="mnrl_qa: two results for the same seed"):
        summary.seed_spread(summary.load_seed_runs(reports, seeds, ["mnrl_qa"]))


@pytest.mark.slow
def test_summary_notebook_runs_under_papermill_on_a_smoke_run(tmp_path):
    from cardrepro.notebooks import execute, publish
    from cardrepro.train_stage import train_run
    from tests.smoke import smoke_run

    params = smoke_run(tmp_path, "mnrl_compressed", model_dir=str(tmp_path / "models/mnrl_compressed"),
                       report_dir=str(tmp_path / "reports/mnrl_compressed"))
    train_run(params)
    execute(params)
    table = tmp_path / "summary" / "results.md"
    output = publish("notebooks/summary.ipynb", tmp_path / "summary" / "summary.ipynb",
                     {"report_root": str(tmp_path / "reports"), "runs": ["mnrl_compressed", "cosine_sparql"],
                      "seeds_root": None, "table_file": str(table)})
    shown = json.dumps(json.loads(output.read_text())["cells"])
    assert "1 of 2 runs found" in shown and "not run yet: cosine_sparql" in shown
    verdicts, results = table.read_text().split("\n\n")
    assert verdicts.splitlines()[2].startswith("| mnrl_compressed | no public data | — | not checkable (the card reports no "
                                               "figure; generated data, not the card's; the card's data was never "
                                               "published; a smoke run (3 of the card's 90 steps); trained on 24 of the "
                                               "card's 263 pairs, 3 of its 90 steps; one training seed (42)) | "
                                               "cosine_mrr@10 ")
    assert f"0 of {len(summary.real_runs())} real-data runs found" in shown
    lines = results.splitlines()
    assert len(lines) == 3 and lines[2].startswith("| mnrl_compressed | all-MiniLM-L6-v2 | generated |")
    assert (tmp_path / "summary" / "summary.html").is_file()


def test_seed_runs_include_the_tsdae_comparisons_other_seeds_of_the_main_objective(tmp_path):
    main = _metrics("tsdae_qwen", 0.01, 0.020000429)  # objective_runs are recorded to 6 decimals
    main["objective_runs"] = {
        "card_seed42": {"cosine_mrr@10": 0.0200004, "trained_loss_gap_shuffled": 0.0, "seconds": 10.0},
        "card_seed43": {"cosine_mrr@10": 0.03, "trained_loss_gap_shuffled": 0.0, "seconds": 11.0},
        "prefix_seed42": {"cosine_mrr@10": 0.05, "trained_loss_gap_shuffled": 0.1, "seconds": 12.0}}
    write_metrics(tmp_path / "tsdae_qwen", main)
    runs = summary.load_seed_runs(tmp_path, None, ["tsdae_qwen"])
    assert runs[["seed", "origin", "tuned cosine_mrr@10"]].to_dict("records") == [
        {"seed": 42, "origin": "main run", "tuned cosine_mrr@10": 0.020000429},
        {"seed": 43, "origin": "objective comparison (card)", "tuned cosine_mrr@10": 0.03}]
    assert summary.seed_spread(runs).loc[("tsdae_qwen", "cosine_mrr@10"), "mean"] == pytest.approx(0.025, abs=1e-6)


def test_no_runs_found_gives_empty_tables_not_errors(tmp_path):
    metrics = summary.load_runs(tmp_path, ["mnrl_qa"])
    assert summary.results_table(metrics).empty and summary.missing_runs(metrics) == ["mnrl_qa"]
    runs = summary.load_seed_runs(tmp_path, None, ["mnrl_qa"])
    assert list(runs.columns) == summary.SEED_COLUMNS and summary.seed_spread(runs).empty


def test_the_seed_summarys_default_output_is_the_one_seeds_dvc_yaml_writes():
    import yaml

    from cardrepro.cli import SEEDS_SUMMARY
    from tests.conftest import REPO

    stages = yaml.safe_load((REPO / "seeds" / "dvc.yaml").read_text())["stages"]
    assert f"--output {SEEDS_SUMMARY}" in stages["summary"]["cmd"]
    assert SEEDS_SUMMARY in [next(iter(out)) if isinstance(out, dict) else out for out in stages["summary"]["outs"]]



@pytest.mark.parametrize("pipeline", ["dvc.yaml", "seeds/dvc.yaml"])
def test_the_summary_stage_depends_on_every_source_file_its_command_imports(pipeline):
    """A summary stage that misses a module it imports would keep a stale table after that module changes."""
    import yaml

    from tests.conftest import REPO
    from tests.imports import modules_loaded_by

    loaded = modules_loaded_by("cardrepro.cli", "cardrepro.notebooks", "cardrepro.outputs", "cardreview.summary").values()
    src = (REPO / "src").resolve()
    imported = {str(Path(f).resolve().relative_to(REPO)) for f in loaded if f and Path(f).resolve().is_relative_to(src)}
    deps = yaml.safe_load((REPO / pipeline).read_text())["stages"]["summary"]["deps"]
    uncovered = sorted(f for f in imported if not any(f == d or f.startswith(f"{d}/") for d in deps))
    assert any(f.startswith("src/cardrepro/") for f in imported) and not uncovered, uncovered


REAL_OVERLAY = """
runs:
  mnrl_qa: {run: mnrl_qa, raw: x.csv}
  mnrl_qa_source_recipe: {run: mnrl_qa, raw: x.csv, set: {training: {learning_rate: 2.0e-6, weight_decay: 0.03}}}
  cosine_sparql: {run: cosine_sparql, raw: x}
"""


SOURCE_RECIPE = {"of": "mnrl_qa", "changes": {"training.learning_rate": 2e-6, "training.weight_decay": 0.03}}


def _real(base: float, tuned: float, loss: float, run: str = "mnrl_qa", variant: dict | None = None) -> dict:
    record = _metrics(run, base, tuned, stand_in=True)
    record["data"]["source"] = "real"
    record["substituted"]["generated_data"] = False
    record["loss_at_card_steps"] = {"500": {"run": loss, "card": 0.2354}}
    record["variant"] = variant  # what the run changes from its card's recipe run, as reports.run_metrics records it
    return record


@pytest.fixture
def real_reports(reports, tmp_path):
    (tmp_path / "real.yaml").write_text(REAL_OVERLAY, encoding="utf-8")
    write_metrics(reports / "real" / "mnrl_qa", _real(0.97, 1.0, 0.2054))
    write_metrics(reports / "real" / "mnrl_qa_source_recipe", _real(0.97, 0.98, 0.2400, variant=SOURCE_RECIPE))
    return reports, tmp_path / "real.yaml"


def test_real_and_generated_verdicts_side_by_side_one_row_per_variant(real_reports):
    reports, overlay = real_reports
    generated = summary.load_runs(reports, ["cosine_sparql", "mnrl_qa", "mnrl_compressed"])
    real = summary.load_real_runs(reports, overlay)
    assert list(real) == ["real/mnrl_qa", "real/mnrl_qa_source_recipe", "real/cosine_sparql"]
    table = summary.side_by_side(generated, real, overlay)
    assert list(table.index) == ["cosine_sparql", "mnrl_qa", "mnrl_qa, source recipe", "mnrl_compressed"]
    assert table.loc["cosine_sparql", "real data: verdict"] == "not run"
    assert table.loc["mnrl_compressed", "real data: verdict"] == "no public data"
    assert table.loc["mnrl_qa, source recipe", "generated data: verdict"] == "—"
    assert table.loc["mnrl_qa", "real data: verdict"].startswith("not checkable (a stand-in for the card's base model")
    assert table.loc["mnrl_qa", "real data: headline [95% CI]"] == "cosine_mrr@10 1.0000 [0.9000, 1.1000]"
    assert table.loc["mnrl_qa", "generated data: headline [95% CI]"] == "cosine_mrr@10 0.7000 [0.6000, 0.8000]"


TREND = (" The standard error treats the windows as independent and includes the loss's downward trend; it is not "
         "a spread over training seeds.")


@pytest.mark.parametrize(("losses", "spread", "finding"), [
    ((0.2054, 0.2400), 0.04, "lies between mnrl_qa (0.2054, -12.7%) and mnrl_qa_source_recipe (0.2400, +2.0%). Only "
     "mnrl_qa_source_recipe is within the noise of its own mean (mnrl_qa ±2.5%, mnrl_qa_source_recipe ±2.5%: twice the "
     "standard error from its logging windows): the card's loss resembles that recipe's (one training seed of each)."
     + TREND),
    ((0.2300, 0.2400), 0.06, "lies between mnrl_qa (0.2300, -2.3%) and mnrl_qa_source_recipe (0.2400, +2.0%). mnrl_qa "
     "and mnrl_qa_source_recipe are all within the noise of their own means (mnrl_qa ±3.8%, mnrl_qa_source_recipe "
     "±3.8%): the loss cannot tell them apart." + TREND),
    ((0.2054, 0.2585), 0.09, "lies between mnrl_qa (0.2054, -12.7%) and mnrl_qa_source_recipe (0.2585, +9.8%). It "
     "differs from each by more than the noise of the run's own mean (mnrl_qa ±5.7%, mnrl_qa_source_recipe ±5.7%: "
     "twice the standard error from its logging windows), so with one training seed of each neither recipe gives the "
     "card's loss here. The fixed ±10% tolerance would say mnrl_qa_source_recipe; against the runs' own noise that "
     "cut decides nothing here." + TREND),
    ((0.2500, 0.2600), 0.03, "lies below every recipe's: mnrl_qa (0.2500, +6.2%) and mnrl_qa_source_recipe (0.2600, "
     "+10.5%). It differs from each by more than the noise of the run's own mean (mnrl_qa ±1.9%, mnrl_qa_source_recipe "
     "±1.9%: twice the standard error from its logging windows), so with one training seed of each neither recipe "
     "gives the card's loss here. The fixed ±10% tolerance would say mnrl_qa; against the runs' own noise that cut "
     "decides nothing here." + TREND),
])
def test_the_recipe_finding_weighs_the_losses_against_their_own_noise(real_reports, losses, spread, finding):
    reports, overlay = real_reports
    for name, loss in zip(("mnrl_qa", "mnrl_qa_source_recipe"), losses):
        record = _real(0.97, 1.0, loss, variant=SOURCE_RECIPE if name == "mnrl_qa_source_recipe" else None)
        record["loss_at_card_steps"]["500"]["noise"] = {"spread": spread, "windows": 10,
                                                       "standard_error": spread / 10 ** 0.5}
        write_metrics(reports / "real" / name, record)
    table = summary.recipe_comparison(summary.load_real_runs(reports, overlay), "mnrl_qa", "500", overlay)
    assert table.loc["mnrl_qa_source_recipe", "recipe"] == "learning_rate 2e-06, weight_decay 0.03"
    assert table.loc["mnrl_qa", "recipe"] == "the card's printed recipe"
    text = sentences.recipe_finding(table, "500")
    assert text.startswith("The card's logged loss at step 500 (0.2354) " + finding)
    assert text.endswith("The runs trained big-model (stand-in: small-model), so this compares the recipes on this "
                         "data with that model; it is not a check of the card's own model.")


def test_a_run_without_a_measure_of_its_noise_decides_nothing(real_reports):
    reports, overlay = real_reports
    table = summary.recipe_comparison(summary.load_real_runs(reports, overlay), "mnrl_qa", "500", overlay)
    assert list(table["noise of the mean (2 SE)"]) == ["—", "—"]
    assert "has no measure of its own noise, so the comparison decides nothing." in sentences.recipe_finding(table, "500")


def test_no_real_run_past_the_cards_step_is_said_so(real_reports):
    reports, overlay = real_reports
    record = _real(0.97, 1.0, 0.2)
    record["loss_at_card_steps"]["500"]["run"] = None
    write_metrics(reports / "real" / "mnrl_qa", record)
    write_metrics(reports / "real" / "mnrl_qa_source_recipe", record)
    table = summary.recipe_comparison(summary.load_real_runs(reports, overlay), "mnrl_qa", "500", overlay)
    assert sentences.recipe_finding(table, "500") == "No real-data run of this card reached step 500: nothing to compare."


def test_the_loss_panels_share_one_legend_below_them_over_no_point(tmp_path):
    for run in ("a", "b"):
        plots = tmp_path / run / "plots"
        plots.mkdir(parents=True)
        pd.DataFrame({"step": [10, 20], "loss": [2.0, 1.0]}).to_csv(plots / "loss.csv", index=False)
        pd.DataFrame({"step": [20], "loss": [1.5]}).to_csv(plots / "card_loss.csv", index=False)
    fig = summary.plot_losses(tmp_path, {"a": {}, "b": {}})
    assert all(ax.get_legend() is None for ax in fig.axes)
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["this run", "card"]
    fig.canvas.draw()
    box = legend.get_window_extent()
    assert all(box.y1 <= ax.get_window_extent().y0 for ax in fig.axes if ax.get_visible())
