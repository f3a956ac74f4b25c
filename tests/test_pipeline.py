"""`dvc repro` end to end in a temporary copy of the repository, with smoke params."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from cardrepro.models import resolve_base_model
from cardrepro.params import RUNS
from tests.conftest import REPO, with_ctrl_c
from tests.smoke import smoke_params
from tests.tree import copy_tracked


def _dvc(copy: Path, *args: str) -> str:
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([Path(sys.executable).parent / "dvc", *args], cwd=copy, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, f"dvc {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory) -> Path:
    copy = copy_tracked(tmp_path_factory.mktemp("repo"))
    for run in RUNS:
        (copy / "params" / f"{run}.yaml").write_text(yaml.safe_dump(smoke_params(run), sort_keys=False))
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    return copy


# params/smoke.yaml: 24 source rows; cosine_sparql makes two pairs of each, batch 8, one epoch
SMOKE_PAIRS = {"cosine_sparql": 48, "tsdae_minilm": 24, "tsdae_qwen": 24, "mnrl_qa": 24, "mnrl_compressed": 24}
SMOKE_STEPS = {"cosine_sparql": 6, "tsdae_minilm": 3, "tsdae_qwen": 3, "mnrl_qa": 3, "mnrl_compressed": 3}


@pytest.mark.slow
def test_repro_then_metrics_plots_and_nothing_to_redo(repo_copy):
    first = _dvc(repo_copy, "repro")
    for run in RUNS:
        assert all(f"Running stage '{stage}@{run}'" in first for stage in ("prepare", "train", "report"))
    assert "Running stage 'summary'" in first and "seeds/dvc.yaml" not in first  # seed repeats only on request

    metrics = json.loads(_dvc(repo_copy, "metrics", "show", "--json"))[""]["data"]
    assert {f"reports/{run}/metrics.json" for run in RUNS} <= set(metrics)  # with the committed seed repeats
    assert all(path.endswith("/metrics.json") for path in metrics)  # details.json is no metric
    for run in RUNS:
        shown = metrics[f"reports/{run}/metrics.json"]["data"]
        details = json.loads((repo_copy / f"reports/{run}/details.json").read_text())
        params = yaml.safe_load((repo_copy / "params" / f"{run}.yaml").read_text())
        assert len(shown) <= 17 and shown["verdict"] == "not checkable" and shown["steps"] == SMOKE_STEPS[run], run
        assert details["data"]["train_pairs"] == SMOKE_PAIRS[run] and details["training"]["steps"] == SMOKE_STEPS[run], run
        expected_stand_in = resolve_base_model(params["model"]).is_stand_in
        assert details["substituted"] == {"stand_in_model": expected_stand_in, "generated_data": True}, run
        assert (shown["stand_in_model"], shown["generated_data"]) == (expected_stand_in, True), run
        metric = params["evaluation"]["metric"]
        assert shown["headline"] == metric and shown["tuned"] == pytest.approx(details["tuned"][metric], abs=5e-5), run
        assert 0.0 <= shown["base"] <= 1.0 and shown["tuned_low"] <= shown["tuned"] <= shown["tuned_high"], run
        assert (repo_copy / f"reports/{run}/{run}.ipynb").is_file() and (repo_copy / f"reports/{run}/{run}.html").is_file()
        assert (repo_copy / f"models/{run}/model.safetensors").is_file()
        train_file = repo_copy / params["data"]["train_file"]
        assert len(train_file.read_text().splitlines()) == SMOKE_PAIRS[run], run
    assert metrics["reports/tsdae_qwen/metrics.json"]["data"]["stand_in_model"] is True

    plots = json.dumps(json.loads(_dvc(repo_copy, "plots", "show", "--json")))
    for title in ("cosine_sparql held-out cosine AP", "tsdae_minilm held-out MAP@25", "tsdae_qwen training loss",
                  "mnrl_qa held-out MRR@10", "mnrl_compressed held-out MRR@10"):
        assert title in plots

    from cardreview.offline_plots import write_template

    template = write_template(repo_copy / ".dvc/tmp/offline_plots.html")
    _dvc(repo_copy, "plots", "show", "--html-template", str(template), "-o", "offline")
    page = (repo_copy / "offline" / "index.html").read_text()
    assert "cdn.jsdelivr" not in page and "<script src=" not in page  # nothing to fetch
    assert "window.vegaEmbed=" in page and page.count("vegaEmbed('#") >= 10

    results = (repo_copy / "reports/summary/results.md").read_text()
    assert all(f"| {run} |" in results for run in RUNS) and "[95% CI]" in results
    assert (repo_copy / "reports/summary/summary.html").is_file()

    second = _dvc(repo_copy, "repro")
    assert "Running stage" not in second and "up to date" in second



def _published(copy: Path, run: str) -> dict[str, bytes]:
    """Every file of a run's published result, report folder and model (not the `.failed.ipynb` a failed run
    leaves beside it for inspection)."""
    files = [f for folder in (copy / "reports" / run, copy / "models" / run) for f in sorted(folder.rglob("*"))
             if f.is_file() and not f.name.endswith(".failed.ipynb")]
    return {f.relative_to(copy).as_posix(): f.read_bytes() for f in files}


def _cardrepro(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([Path(sys.executable).parent / "cardrepro", *args], cwd=copy, capture_output=True, text=True)


@pytest.mark.slow
def test_an_imported_card_runs_under_dvc_repro_by_name_and_opens_with_its_verdict(repo_copy):
    """`cardrepro card import` on a card written for this test (tests/data/cards/kitchen.md, its pairs beside it,
    the packaged all-MiniLM-L6-v2): params, notebook and registry entry, then `dvc repro` trains and reports it."""
    card, pairs = "tests/data/cards/kitchen.md", "tests/data/cards/kitchen-pairs.jsonl"
    missing = _cardrepro(repo_copy, "card", "import", card, "--run", "kitchen_gap")  # no data named: a gap
    assert missing.returncode == 0, missing.stderr
    check = _cardrepro(repo_copy, "check", "params/kitchen_gap.yaml")
    assert check.returncode == 2 and check.stderr.count("\n") == 1 and "data.raw: no such file or folder " \
        "'data/raw/kitchen_gap'; fix: put the card's training pairs there" in check.stderr
    done = _cardrepro(repo_copy, "card", "import", card, "--run", "kitchen", "--data", pairs)
    assert done.returncode == 0, done.stderr
    assert "kitchen: wrote params/kitchen.yaml" in done.stdout and "kitchen: wrote notebooks/kitchen.ipynb" in done.stdout
    again = _cardrepro(repo_copy, "card", "import", card, "--run", "kitchen", "--data", pairs)
    assert again.returncode == 2 and again.stderr == ("error: params/runs.yaml: runs.kitchen: the run exists; fix: "
                                                      "choose another --run name\n")
    repro = _dvc(repo_copy, "repro", "report@kitchen")
    assert all(f"Running stage '{stage}@kitchen'" in repro for stage in ("prepare", "train", "report"))
    details = json.loads((repo_copy / "reports/kitchen/details.json").read_text())
    assert details["data"]["train_pairs"] == 32 and details["training"]["steps"] == 4
    assert details["data_check"]["status"] == "match"  # the card's token table was counted on these very pairs
    executed = json.loads((repo_copy / "reports/kitchen/kitchen.ipynb").read_text())
    verdict = "".join(executed["cells"][1]["outputs"][0]["data"]["text/markdown"])
    assert verdict.startswith(f"### Verdict: {details['verdict']['status']}")
    assert "training pairs: tokens per column" in verdict


@pytest.mark.slow
def test_ctrl_c_or_a_failure_during_dvc_repro_keeps_the_previous_result(repo_copy):
    """DVC removes a stage's outputs before it runs unless they persist; with persist the published result (model,
    measurements, report) stays byte-identical through Ctrl-C in the middle of training and through a stage that
    fails, and `dvc status` still says the stage must run."""
    run = "mnrl_compressed"
    _dvc(repo_copy, "repro", f"report@{run}")  # the previous result (already there after the test above)
    before = _published(repo_copy, run)
    assert f"reports/{run}/{run}.ipynb" in before and f"models/{run}/model.safetensors" in before
    params_file = repo_copy / "params" / f"{run}.yaml"
    original = params_file.read_text()
    params = yaml.safe_load(original)
    params["training"]["learning_rate"] *= 2
    params["training"]["epochs"] = 500  # 1,500 steps: still training when Ctrl-C comes, however fast the steps
    params_file.write_text(yaml.safe_dump(params, sort_keys=False))
    repro = None
    try:
        env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
        repro = subprocess.Popen([Path(sys.executable).parent / "dvc", "repro", f"report@{run}"], cwd=repo_copy, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                 preexec_fn=with_ctrl_c)
        staging = repo_copy / "reports" / f".{run}.staging"
        for _ in range(600):  # until the train stage is running (its staging folder exists)
            if staging.exists() or repro.poll() is not None:
                break
            time.sleep(0.1)
        assert staging.exists(), "the train stage never started"
        time.sleep(2)
        os.killpg(repro.pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the whole process group
        assert repro.wait(timeout=120) != 0
        assert _published(repo_copy, run) == before
        assert f"train@{run}" in _dvc(repo_copy, "status", "--with-deps", f"report@{run}")  # still to run: params changed

        params["training"]["learning_rate"] = "fast"  # refused by the params check: the stage fails
        params_file.write_text(yaml.safe_dump(params, sort_keys=False))
        failed = subprocess.run([Path(sys.executable).parent / "dvc", "repro", f"report@{run}"], cwd=repo_copy, env=env,
                                capture_output=True, text=True)
        assert failed.returncode != 0 and "learning_rate" in failed.stdout + failed.stderr
        assert _published(repo_copy, run) == before
    finally:
        if repro is not None and repro.poll() is None:  # a Ctrl-C that went unheard: leave no training behind
            os.killpg(repro.pid, signal.SIGKILL)
        params_file.write_text(original)
    assert "Running stage" not in _dvc(repo_copy, "repro", f"report@{run}")  # the lock still records that result


QUESTIONS = ["What is a loss function?", "What is overfitting?", "What is a learning rate?",
             "What is an embedding?", "What is a tokenizer?", "What is dropout?"]


@pytest.mark.slow
def test_the_real_data_pipeline_runs_an_overlay_on_the_files_in_data_raw(repo_copy):
    """real/dvc.yaml on a small Q&A file in the real layout: the run is params/mnrl_qa.yaml with the
    overlay's values, publishes under reports/real/<name>/ and says its data is real."""
    import csv

    raw = repo_copy / "data/raw/mlqa/small_questions.csv"  # not the pinned data_science_questions.csv
    with raw.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Question", "Answer", "Topic"])
        writer.writerows((question, f"Answer {a} about {question[8:-1]}: phrased way {a}.", "ml")
                         for question in QUESTIONS for a in range(5))
    overlay = {"runs": {"mnrl_qa_new_questions": {"run": "mnrl_qa", "loader": "src/cardrepro/data/mlqa.py",
                                                  "objective": "src/cardrepro/objectives/contrastive.py",
                                                  "raw": "data/raw/mlqa/small_questions.csv",
                                                  "set": {"data": {"heldout": "questions", "eval_questions": 2}}}}}
    (repo_copy / "params/real.yaml").write_text(yaml.safe_dump(overlay), encoding="utf-8")
    first = _dvc(repo_copy, "repro", "real/dvc.yaml")
    assert all(f"Running stage 'real/dvc.yaml:{stage}@mnrl_qa_new_questions'" in first for stage in ("train", "report"))
    report = repo_copy / "reports/real/mnrl_qa_new_questions"
    details = json.loads((report / "details.json").read_text())
    assert details["substituted"]["generated_data"] is False and details["data"]["source"] == "real"
    assert details["data"]["heldout"] == "questions" and details["data"]["eval_queries"] == 2
    assert details["data"]["train_pairs"] == 20 and details["data"]["corpus"] > 2  # held-out answers and distractors
    assert (report / "mnrl_qa.ipynb").is_file() and (repo_copy / "models/real/mnrl_qa_new_questions").is_dir()
    assert "questions never trained on" in (report / "mnrl_qa.ipynb").read_text()
    assert "Running stage" not in _dvc(repo_copy, "repro", "real/dvc.yaml")


def test_every_stage_that_publishes_a_run_keeps_its_outputs_while_it_runs():
    """`persist: true` on every output of the stages `cardrepro` publishes (runs, repeats, summaries), in all three
    pipelines: without it DVC deletes the previous result before the command starts."""
    checked = 0
    for pipeline in ("dvc.yaml", "real/dvc.yaml", "seeds/dvc.yaml"):
        for name, stage in yaml.safe_load((REPO / pipeline).read_text())["stages"].items():
            body = stage.get("do", stage)
            for kind in ("outs", "metrics", "plots"):
                for out in body.get(kind, []):
                    if name.startswith("prepare"):
                        continue  # pairs are rebuilt from the data in seconds
                    (path, flags), = out.items() if isinstance(out, dict) else [(out, None)]
                    assert (flags or {}).get("persist") is True, f"{pipeline}: {name}: {path}: add `persist: true`"
                    checked += 1
    assert checked >= 3 * 6 + 2 * 3


def _source_files(deps: list[str]) -> set[str]:
    """The Python files of src/ that a stage's dependency list covers (a folder covers every file in it)."""
    files = set()
    for dep in deps:
        path = REPO / dep
        if dep.startswith("src/"):
            files |= {str(f.relative_to(REPO)) for f in path.rglob("*.py")} if path.is_dir() else {dep}
    return files


def _objective(run: str) -> str:
    from cardrepro.objectives import MODULES

    return f"cardrepro.objectives.{MODULES[yaml.safe_load((REPO / 'params' / f'{run}.yaml').read_text())['training']['loss']]}"


def _train_stages():
    """(pipeline, stage, its dependency list with the run's values filled in, the modules its command can import)."""
    for pipeline in ("dvc.yaml", "real/dvc.yaml", "seeds/dvc.yaml"):
        document = yaml.safe_load((REPO / pipeline).read_text())
        stage = document["stages"]["train"]
        if pipeline == "dvc.yaml":
            registry = yaml.safe_load((REPO / document["vars"][0]).read_text())["runs"]
            runs = {run: dict(item, run=run) for run, item in registry.items()}
        elif pipeline == "real/dvc.yaml":
            runs = yaml.safe_load((REPO / "params/real.yaml").read_text())["runs"]
        else:
            runs = {run: {"run": run} for run in yaml.safe_load((REPO / "params/seeds.yaml").read_text())["runs"]}
        for key, item in runs.items():
            body = stage.get("do", stage)
            deps = [dep.replace("${key}", key).replace("${item.run}", item["run"]) for dep in body["deps"]]
            deps = [item[dep[7:-1]] if dep.startswith("${item.") else dep for dep in deps]
            modules = ["cardrepro.train_stage", _objective(item["run"])]
            if pipeline == "real/dvc.yaml":
                modules.append(f"cardrepro.data.{item['loader'][len('src/cardrepro/data/'):-3]}")
            yield pipeline, key, deps, modules


PRINTS_FAILURES_ONLY = {"src/cardrepro/errors.py"}  # a failed stage records nothing (docs/how-a-run-works.md)


@pytest.mark.parametrize("pipeline, run, deps, modules", list(_train_stages()), ids=lambda v: str(v)[:40])
def test_a_train_stage_depends_on_exactly_the_code_its_command_can_import(pipeline, run, deps, modules):
    """Read from the code, imports inside functions included: every module the train stage can run is a dependency
    (else a change to it would leave a stale model), and nothing more (else a change to a report would re-train).
    The offline generators (cardsynth) are not followed: training reads prepared files or real data, never them
    (the next test). The seed repeats depend on every objective: a matrix item cannot name its run's own. The one
    exception is the module that only prints a failure: a failed stage records nothing."""
    from tests.imports import imported_sources

    expected = set().union(*(imported_sources(module, skip=("cardsynth",)) for module in modules)) - PRINTS_FAILURES_ONLY
    declared = _source_files(deps)
    if pipeline == "seeds/dvc.yaml":
        expected |= _source_files(["src/cardrepro/objectives"])
    assert declared == expected, (f"missing {sorted(expected - declared)}, not imported {sorted(declared - expected)}")
    assert not any(f.startswith("src/") and not f.startswith("src/cardrepro") for f in declared)
    assert not {"src/cardrepro/notebooks.py", "src/cardrepro/reports.py", "src/cardrepro/verdict.py"} & declared


def test_reading_prepared_pairs_imports_no_generator():
    """A train stage of generated data reads the prepare stage's files: the generators are the prepare stage's
    dependency, not the train stage's."""
    code = ("import sys, json\nfrom cardrepro.data import load_pairs\nfrom cardrepro.params import load\n"
            "params = load('params/mnrl_compressed.yaml')\n"
            "rows = load_pairs('mnrl_compressed', params.data | {'train_file': sys.argv[1]}, 'train')\n"
            "print(json.dumps([len(rows), sorted(m for m in sys.modules if m.split('.')[0] == 'cardsynth')]))")
    with_file = REPO / "tests" / "data" / "pairs.jsonl"
    done = subprocess.run([sys.executable, "-c", code, str(with_file)], cwd=REPO, capture_output=True, text=True, check=True)
    count, generators = json.loads(done.stdout)
    assert count > 0 and generators == []


def test_a_real_report_depends_on_the_measurements_of_every_run_that_repeats_it():
    """The report of a run repeated at other seeds reads their measurements (cardrepro.repeats): they must be
    dependencies, or a new repeat would leave its verdict stale."""
    from cardrepro.repeats import repeated_runs

    deps = yaml.safe_load((REPO / "real/dvc.yaml").read_text())["stages"]["report"]["do"]["deps"]
    for repeat, original in repeated_runs().items():
        for name in (repeat, original):
            assert f"reports/real/{name}/measured" in deps, f"real/dvc.yaml report: add reports/real/{name}/measured"


def test_a_real_report_depends_on_the_measurements_of_the_card_recipe_and_its_variants():
    """The card-recipe run's report reads its recipe variants' measurements (cardrepro.variants)."""
    from cardrepro.variants import recipe_variant_names

    deps = yaml.safe_load((REPO / "real/dvc.yaml").read_text())["stages"]["report"]["do"]["deps"]
    for variant, host in recipe_variant_names().items():
        for name in (variant, host):
            assert f"reports/real/{name}/measured" in deps, f"real/dvc.yaml report: add reports/real/{name}/measured"


def test_runs_that_differ_only_in_their_training_seed_repeat_each_other(tmp_path):
    from cardrepro.repeats import repeated_runs

    overlay = tmp_path / "real.yaml"
    overlay.write_text(yaml.safe_dump({"runs": {
        "cosine_sparql": {"run": "cosine_sparql", "raw": "data/raw/lcquad2", "set": {"data": {"train_rows": 2900}}},
        "cosine_sparql_seed43": {"run": "cosine_sparql", "raw": "data/raw/lcquad2",
                                 "set": {"data": {"train_rows": 2900}, "training": {"seed": 43}}},
        "cosine_sparql_lr": {"run": "cosine_sparql", "raw": "data/raw/lcquad2",
                             "set": {"data": {"train_rows": 2900}, "training": {"learning_rate": 1.0e-5}}}}}))
    assert repeated_runs(overlay) == {"cosine_sparql_seed43": "cosine_sparql"}  # another learning rate is no repeat


def _stages_whose_deps_change(copy: Path, path: str) -> set[str]:
    """The stages of all three pipelines that `dvc status` says must re-run because ``path`` (of the copy) changed."""
    target = copy / path
    original = target.read_text()
    target.write_text(original + "\n# a change that alters nothing\n")
    try:
        stages = set()
        for pipeline in ("dvc.yaml", "real/dvc.yaml", "seeds/dvc.yaml"):
            status = json.loads(_dvc(copy, "status", "--json", pipeline) or "{}")
            stages |= {stage for stage, changes in status.items() for change in changes if isinstance(change, dict)
                       if any(path == dep or path.startswith(f"{dep}/") for dep in change.get("changed deps") or {})}
        return stages
    finally:
        target.write_text(original)


def test_a_report_change_re_runs_only_reports_and_a_tsdae_loss_change_re_trains_only_the_tsdae_runs(tmp_path):
    """What `dvc status` says on the committed lock: the sentences re-run every report and no training; the TSDAE
    loss re-trains the TSDAE runs only (and the seed repeats, whose stage depends on every objective)."""
    copy = copy_tracked(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    reports = _stages_whose_deps_change(copy, "src/cardrepro/sentences/run.py")
    assert reports and all("report@" in stage or stage.endswith("summary") for stage in reports), sorted(reports)
    assert {f"report@{run}" for run in RUNS} <= reports and "real/dvc.yaml:report@cosine_sparql" in reports
    trained = {stage for stage in _stages_whose_deps_change(copy, "src/cardrepro/objectives/tsdae/loss.py")
               if "train@" in stage and "seeds/" not in stage}
    real_tsdae = {f"real/dvc.yaml:train@{name}" for name, entry in yaml.safe_load(
        (REPO / "params/real.yaml").read_text())["runs"].items() if entry["run"].startswith("tsdae")}
    assert real_tsdae >= {"real/dvc.yaml:train@tsdae_minilm", "real/dvc.yaml:train@tsdae_qwen"}
    assert trained == {"train@tsdae_minilm", "train@tsdae_qwen", *real_tsdae}
