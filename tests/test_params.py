"""Params validation: every malformed input stops with one line naming the file, key and fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cardrepro.params import RUNS, ParamsError, load, load_run, validate, with_smoke
from tests.conftest import REPO

SOURCE = "params/cosine_sparql.yaml"


def test_shipped_params_are_valid():
    params = load(SOURCE)
    assert params.run == "cosine_sparql"
    assert params.training["batch_size"] == 16 and params.card["train_pairs"] == 12000


@pytest.mark.parametrize("run", RUNS)
def test_every_run_has_valid_params_that_follow_its_card(run):
    params = load(f"params/{run}.yaml")
    assert params.run == run and params.training["loss"] == params.card["hyperparameters"]["loss"]
    for key in ("epochs", "batch_size", "learning_rate", "weight_decay", "warmup_ratio", "scheduler", "seed"):
        assert params.training[key] == params.card["hyperparameters"][key], key
    assert params.model["max_seq_length"] == params.card["hyperparameters"]["max_seq_length"]


@pytest.mark.parametrize(
    ("section", "key", "value", "expected"),
    [
        ("training", "batch_size", 0, "training.batch_size: impossible value 0"),
        ("training", "learning_rate", -1e-5, "training.learning_rate: impossible value -1e-05"),
        ("training", "epochs", "one", "training.epochs: expected int or float, got 'one'"),
        ("training", "seed", True, "training.seed: expected int, got True"),
        ("training", "scheduler", "cosine_with_restarts", "training.scheduler: impossible value"),
        ("training", "warmup_ratio", 1.5, "training.warmup_ratio: impossible value 1.5"),
        ("training", "max_steps", 0, "training.max_steps: impossible value 0"),
        ("data", "source", "hub", "data.source: impossible value 'hub'"),
        ("model", "max_seq_length", -3, "model.max_seq_length: impossible value -3"),
        ("model", "normalize", "no", "model.normalize: expected bool or null, got 'no'"),
        ("training", "loss", "CosineLoss", "training.loss: impossible value 'CosineLoss'"),
        ("evaluation", "kind", "ranking", "evaluation.kind: impossible value 'ranking'"),
        ("evaluation", "cutoffs", {"map_at": [25]}, "evaluation.cutoffs: impossible value"),
        ("evaluation", "cutoffs", {"map_at_k": [0]}, "evaluation.cutoffs: impossible value"),
        ("evaluation", "cutoffs", {"map_at_k": 25}, "evaluation.cutoffs: impossible value"),
        ("training", "conditioning", "prefix", "training.conditioning: only used by DenoisingAutoEncoderLoss"),
        ("training", "compare_conditioning", True, "training.compare_conditioning: only used by DenoisingAutoEncoderLoss"),
        ("training", "processes", 0, "training.processes: impossible value 0"),
        ("training", "processes", 3, "training.processes: the card's batch of 16 pairs does not split evenly over 3 processes"),
        ("training", "torchrun_args", "--nnodes=2", "training.torchrun_args: expected list"),
    ],
)
def test_bad_values_name_file_key_and_fix(cosine_params, section, key, value, expected):
    cosine_params[section][key] = value
    with pytest.raises(ParamsError) as error:
        validate(cosine_params, source=SOURCE)
    message = str(error.value)
    assert message.startswith(f"{SOURCE}: ") and expected in message and "; fix: " in message
    assert "\n" not in message


def test_unknown_key_is_rejected(cosine_params):
    cosine_params["training"]["learning_rte"] = 1e-4
    with pytest.raises(ParamsError, match=r"training\.learning_rte: unknown key; fix: use only loss, epochs"):
        validate(cosine_params, source=SOURCE)


def test_unknown_section_and_missing_key(cosine_params):
    with pytest.raises(ParamsError, match=r"trainig: unknown section"):
        validate(cosine_params | {"trainig": {}}, source=SOURCE)
    del cosine_params["model"]["base"]
    with pytest.raises(ParamsError, match=r"model\.base: missing key; fix: use a Hugging Face model id"):
        validate(cosine_params, source=SOURCE)


def test_missing_real_data_file_is_caught_before_anything_runs(cosine_params):
    cosine_params["data"].update(source="real", raw="data/raw/lcquad2/nope.csv")
    with pytest.raises(ParamsError, match=r"data\.raw: no such file or folder 'data/raw/lcquad2/nope.csv'; fix: put"):
        validate(cosine_params, source=SOURCE)


def test_missing_local_model_folder(cosine_params):
    cosine_params["model"]["local_path"] = "models/not-there"
    with pytest.raises(ParamsError, match=r"model\.local_path: no such folder"):
        validate(cosine_params, source=SOURCE)


def test_load_reports_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ParamsError, match=r"no such params file"):
        load(tmp_path / "absent.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("training: [unclosed\n")
    with pytest.raises(ParamsError, match=r"broken.yaml: not valid YAML"):
        load(broken)


def test_unknown_run(cosine_params, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(cosine_params | {"run": "cosine"}))
    with pytest.raises(ParamsError, match=r"run: unknown run 'cosine'; fix: use one of cosine_sparql"):
        load(path)


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("conditioning", "cross", "training.conditioning: impossible value 'cross'"),
    ("prefix_tokens", 0, "training.prefix_tokens: impossible value 0"),
    ("tie_encoder_decoder", "yes", "training.tie_encoder_decoder: expected bool, got 'yes'"),
    ("compare_conditioning", 1, "training.compare_conditioning: expected bool, got 1"),
    ("compare_seeds", 42, "training.compare_seeds: expected list, got 42"),
    ("compare_seeds", [42, 42], r"training.compare_seeds: impossible value \[42, 42\]"),
    ("compare_seeds", [], r"training.compare_seeds: impossible value \[\]"),
])
def test_tsdae_conditioning_keys_are_checked(key, value, expected):
    raw = yaml.safe_load(open("params/tsdae_qwen.yaml", encoding="utf-8"))
    raw["training"][key] = value
    with pytest.raises(ParamsError, match=expected):
        validate(raw, source="params/tsdae_qwen.yaml")


def test_compare_seeds_need_the_comparison():
    raw = yaml.safe_load(open("params/tsdae_qwen.yaml", encoding="utf-8"))
    raw["training"]["compare_conditioning"] = False
    with pytest.raises(ParamsError, match="training.compare_seeds: only used when training.compare_conditioning is true"):
        validate(raw, source="params/tsdae_qwen.yaml")


@pytest.mark.parametrize(("processes", "torchrun_args", "expected"), [
    (2, [], None),
    (4, ["--nnodes=4", "--rdzv-backend=c10d"], None),  # one pair a process
    (8, ["--nnodes=4", "--rdzv-backend=c10d"], "does not split evenly over 32 processes"),
    (8, ["--nnodes", "3"], "does not split evenly over 24 processes"),
    (8, ["--nnodes=1:4"], None),  # an elastic range: the processes check the split once they know their number
])
def test_the_batch_splits_over_every_process_of_every_machine(cosine_params, processes, torchrun_args, expected):
    cosine_params["training"] |= {"processes": processes, "torchrun_args": torchrun_args} if torchrun_args else {"processes": processes}
    if expected is None:
        validate(cosine_params, source=SOURCE)
    else:
        with pytest.raises(ParamsError, match=f"training.processes: the card's batch of 16 pairs {expected}"):
            validate(cosine_params, source=SOURCE)


@pytest.mark.parametrize(("torchrun_args", "expected"), [
    (["--nnodes=abc"], "'--nnodes=abc': 'abc' is no value for --nnodes; fix: give it as in docs/scale-out.md"),
    (["--nproc-per-node=2"], "'--nproc-per-node=2' is not one of torchrun's rendezvous arguments; fix: use some of"),
    (["--master-port", "http"], "'--master-port': 'http' is no value for --master-port"),
])
def test_a_torchrun_argument_torchrun_would_refuse_is_refused_before_any_model_loads(cosine_params, torchrun_args,
                                                                                    expected):
    cosine_params["training"] |= {"processes": 2, "torchrun_args": torchrun_args}
    with pytest.raises(ParamsError, match=f"training.torchrun_args: {expected}"):
        validate(cosine_params, source=SOURCE)


def test_length_grouping_needs_one_process(cosine_params):
    cosine_params["training"] |= {"processes": 2, "group_by_length": True}
    with pytest.raises(ParamsError, match="training.group_by_length: groups pairs into batches of the per-process size"):
        validate(cosine_params, source=SOURCE)


def test_tsdae_runs_train_on_one_process_only():
    raw = yaml.safe_load((REPO / "params" / "tsdae_minilm.yaml").read_text())
    raw["training"]["processes"] = 2
    with pytest.raises(ParamsError, match=r"training.processes: DenoisingAutoEncoderLoss calls its encoder and decoder outside"):
        validate(raw, source="params/tsdae_minilm.yaml")


def test_tsdae_qwen_reproduces_the_card_and_compares_the_fixed_objective():
    training = load("params/tsdae_qwen.yaml").training
    assert training["conditioning"] == "none" and training["compare_conditioning"] is True


def test_a_seed_repeat_writes_beside_the_main_result_and_changes_only_the_seed():
    from cardrepro.params import with_seed

    main = load("params/mnrl_qa.yaml")
    repeat = with_seed(main, 43)
    assert repeat.training == main.training | {"seed": 43}
    assert repeat.outputs == {"model_dir": "models/seeds/mnrl_qa/seed43", "report_dir": "reports/seeds/mnrl_qa/seed43"}
    assert (repeat.data, repeat.model, repeat.evaluation) == (main.data, main.model, main.evaluation)
    with pytest.raises(ParamsError, match=r"params/mnrl_qa.yaml: training.seed: --seed -1 .*fix: pass e.g. --seed 43"):
        with_seed(main, -1)


def test_an_unknown_optimizer_is_one_line_naming_the_choices(cosine_params):
    cosine_params["training"]["optim"] = "sgd"
    with pytest.raises(ParamsError, match=r"^x.yaml: training.optim: impossible value 'sgd'; fix: use adamw_torch_fused"):
        validate(cosine_params, source="x.yaml")


def test_every_real_run_is_its_params_file_on_the_real_data_with_only_the_overlays_changes(tmp_path):
    """params/real.yaml's runs, pointed at a stand-in file: source real, in-memory pairs, results under
    real/<name>/, the overlay's `set` values, and nothing else changed."""
    from cardrepro.params import real_runs, with_real

    runs = real_runs()
    assert {entry["run"] for entry in runs.values()} == {"cosine_sparql", "tsdae_minilm", "tsdae_qwen", "mnrl_qa"}
    for name, entry in runs.items():
        overlay = tmp_path / "real.yaml"
        overlay.write_text(yaml.safe_dump({"runs": {name: entry | {"raw": str(tmp_path)}}}), encoding="utf-8")
        main = load(f"params/{entry['run']}.yaml")
        real = with_real(main, name, overlay)
        assert real.data["source"] == "real" and real.data["raw"] == str(tmp_path)
        assert all(real.data[key] is None for key in ("train_file", "eval_file", "corpus_file") if key in main.data)
        assert real.outputs == {"model_dir": f"models/real/{name}", "report_dir": f"reports/real/{name}"}
        for section in ("data", "model", "training", "evaluation", "card"):
            changed = {k for k in getattr(real, section) if getattr(real, section)[k] != getattr(main, section).get(k)}
            allowed = set(entry.get("set", {}).get(section, {}))
            if section == "data":
                allowed |= {"source", "raw", "train_file", "eval_file", "corpus_file"}
            assert changed <= allowed, (name, section, changed)


def test_the_mnrl_qa_recipes_differ_only_where_the_cards_source_notebook_did():
    from cardrepro.params import real_runs

    runs = real_runs()
    assert runs["mnrl_qa_source_recipe"]["set"]["training"] == {"learning_rate": 2.0e-6, "weight_decay": 0.03,
                                                               "warmup_ratio": 0.1}
    assert runs["mnrl_qa"]["set"]["data"] == runs["mnrl_qa_source_recipe"]["set"]["data"]
    assert runs["mnrl_qa_new_questions"]["set"]["data"]["heldout"] == "questions"


def test_a_bad_real_run_is_one_line(tmp_path):
    from cardrepro.params import with_real

    main = load("params/mnrl_qa.yaml")
    overlay = tmp_path / "real.yaml"
    overlay.write_text(yaml.safe_dump({"runs": {"x": {"run": "cosine_sparql", "raw": str(tmp_path)}}}), encoding="utf-8")
    with pytest.raises(ParamsError, match=r"runs: no run named 'y'; fix: use one of x$"):
        with_real(main, "y", overlay)
    with pytest.raises(ParamsError, match=r"runs.x.run: says 'cosine_sparql', not 'mnrl_qa'; fix: run `cardrepro execute "
                                          r"cosine_sparql --real x`"):
        with_real(main, "x", overlay)
    overlay.write_text(yaml.safe_dump({"runs": {"x": {"run": "mnrl_qa", "raw": str(tmp_path),
                                                      "set": {"training": {"learning_rat": 1e-5}}}}}), encoding="utf-8")
    with pytest.raises(ParamsError, match=r"training.learning_rat: unknown key"):
        with_real(main, "x", overlay)
    overlay.write_text(yaml.safe_dump({"runs": {"x": {"run": "mnrl_qa", "raw": str(tmp_path / "nowhere.csv")}}}),
                       encoding="utf-8")
    with pytest.raises(ParamsError, match=r"data.raw: no such file or folder .*nowhere.csv"):
        with_real(main, "x", overlay)


@pytest.mark.parametrize(("data", "message"), [
    ({"heldout": "questions"}, "data.heldout: data.eval_questions goes with data.heldout: questions"),
    ({"eval_questions": 12}, "data.eval_questions: data.eval_questions goes with data.heldout: questions"),
    ({"heldout": "answers", "eval_questions": 12}, "data.eval_questions: data.eval_questions goes with"),
    ({"heldout": "concepts"}, "data.heldout: impossible value 'concepts'"),
])
def test_the_question_split_needs_its_count_and_only_it(data, message):
    raw = load("params/mnrl_qa.yaml").as_dict()
    raw["data"] = {k: v for k, v in raw["data"].items() if k != "heldout"} | data
    with pytest.raises(ParamsError, match=message):
        validate(raw, source="params/mnrl_qa.yaml")


def test_only_mnrl_qa_has_a_choice_of_held_out_split(cosine_params):
    cosine_params["data"]["heldout"] = "answers"
    with pytest.raises(ParamsError, match=r"data.heldout: only used by mnrl_qa, not cosine_sparql; fix: remove the key"):
        validate(cosine_params, source="x.yaml")


def test_a_real_run_cannot_also_be_a_seed_repeat(capsys):
    """Each variant derives its own output folders; combined, two variants would write one folder."""
    from cardrepro.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["execute", "mnrl_qa", "--real", "mnrl_qa", "--seed", "43"])
    assert stopped.value.code == 2 and "argument --seed: not allowed with argument --real" in capsys.readouterr().err


@pytest.mark.parametrize("run", RUNS)
def test_each_params_file_names_the_paths_dvc_yaml_derives_from_the_run(run):
    """dvc.yaml derives every path from the run's name; the notebook reads them from params/<run>.yaml."""
    assert yaml.safe_load((REPO / "dvc.yaml").read_text())["vars"][0] == "params/runs.yaml"  # the runs, kept once
    runs = yaml.safe_load((REPO / "params/runs.yaml").read_text())["runs"]
    params = load(f"params/{run}.yaml")
    assert params.outputs == {"model_dir": f"models/{run}", "report_dir": f"reports/{run}"}
    files = {key: value for key, value in params.data.items() if key.endswith("_file")}
    assert files and all(value == f"data/processed/{run}/{key.removesuffix('_file')}.jsonl" for key, value in files.items())
    assert Path(params.data["raw"]).is_relative_to(runs[run]["raw"])  # a file or its folder
    assert set(runs) == set(RUNS)  # the five cards' runs; `cardrepro card import` adds others


def test_the_smoke_profile_shrinks_a_run_and_keeps_the_card(tmp_path):
    full, smoke = load_run("params/tsdae_qwen.yaml"), load_run("params/tsdae_qwen.yaml", profile="smoke")
    assert smoke.card == full.card and smoke.model["stand_in"] == "cardrepro/tiny-qwen2"
    assert (smoke.data["train_rows"], smoke.training["epochs"], smoke.training["max_steps"]) == (24, 1, -1)
    assert smoke.data["train_file"] is None and smoke.outputs["report_dir"] == "reports/smoke/tsdae_qwen"
    assert smoke.origin == {"params_file": "params/tsdae_qwen.yaml", "profile": "smoke", "real": None, "seed": None}
    assert "params/smoke.yaml" in smoke.source
    seeded = load_run("params/cosine_sparql.yaml", profile="smoke", seed=43)
    assert seeded.training["seed"] == 43 and seeded.outputs["report_dir"] == "reports/smoke/seeds/cosine_sparql/seed43"
    with pytest.raises(ParamsError, match=r"params/cosine_sparql.yaml: profile 'tiny' is unknown; fix: use one of full, smoke"):
        load_run("params/cosine_sparql.yaml", profile="tiny")
    overlay = tmp_path / "smoke.yaml"
    overlay.write_text("every_run: {trainer: {epochs: 1}}\n")
    with pytest.raises(ParamsError, match=r"smoke.yaml: trainer: not a section of a params file"):
        with_smoke(full, overlay)
