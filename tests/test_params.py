"""Params validation: every malformed input stops with one line naming the file, key and fix."""

from __future__ import annotations

import pytest
import yaml

from cardrepro.params import RUNS, ParamsError, load, validate

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
