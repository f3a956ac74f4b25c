"""Malformed params files, data files and command lines: each refused with one line, exit code 2,
no traceback, before any model is loaded, and with the project's files left as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cardrepro.cli import main
from tests.conftest import REPO
from tests.smoke import smoke_params
from tests.tree import tree_hash


def _set(raw: dict, dotted: str, value) -> dict:
    section, key = dotted.split(".")
    raw[section][key] = value
    return raw


def _smoke(run: str, tmp: Path) -> dict:
    """Smoke params whose outputs lie in ``tmp``: a case that wrongly passed could not touch the project."""
    raw = smoke_params(run, model_dir=str(tmp / "model"), report_dir=str(tmp / "report"))
    for split in ("train_file", "eval_file", "corpus_file"):
        if split in raw["data"]:
            raw["data"][split] = None
    return raw


# (case, run, what to change in its smoke params, text the one line must hold)
PARAMS_CASES = [
    ("inf epochs", "cosine_sparql", lambda r, t: _set(r, "training.epochs", float("inf")), "training.epochs: non-finite"),
    ("nan learning rate", "cosine_sparql", lambda r, t: _set(r, "training.learning_rate", float("nan")),
     "training.learning_rate: non-finite"),
    ("-inf weight decay", "mnrl_qa", lambda r, t: _set(r, "training.weight_decay", float("-inf")), "training.weight_decay: non-finite"),
    ("inf in the card", "cosine_sparql", lambda r, t: _set(r, "card.final_metrics", {"cosine_ap": float("inf")}),
     "card.final_metrics.cosine_ap: non-finite"),
    ("metric the binary evaluator never reports", "cosine_sparql",
     lambda r, t: _set(r, "evaluation.metric", "cosine_map@25"), "evaluation.metric: the binary evaluator never reports"),
    ("cut-off not configured", "tsdae_minilm", lambda r, t: _set(r, "evaluation.metric", "cosine_map@100"),
     "evaluation.metric: the retrieval evaluator never reports 'cosine_map@100'"),
    ("metric typo", "mnrl_qa", lambda r, t: _set(r, "evaluation.metric", "cosine_mrr10"), "evaluation.metric:"),
    ("a trillion generated rows", "cosine_sparql", lambda r, t: _set(r, "data.train_rows", 1_000_000_000_000),
     "data.train_rows: 1000000000000 + 8 generated rows is beyond"),
    ("a million held-out rows", "mnrl_compressed", lambda r, t: _set(r, "data.eval_rows", 1_000_000), "data.eval_rows:"),
    ("held-out rows leave no training data", "mnrl_qa", lambda r, t: _set(r, "data.eval_rows", 5000),
     "data.eval_rows: holding out 5000 of the 1049 pairs in the generated data leaves none for training"),
    ("held-out story pairs leave none", "mnrl_compressed", lambda r, t: _set(r, "data.eval_rows", 900), "data.eval_rows: holding out 900"),
    ("max_seq_length beyond the positions", "cosine_sparql", lambda r, t: _set(r, "model.max_seq_length", 4096),
     "model.max_seq_length: 4096 is beyond the 512 positions"),
    ("empty base model", "cosine_sparql", lambda r, t: _set(r, "model.base", ""), "model.base: empty"),
    ("blank card file", "cosine_sparql", lambda r, t: _set(r, "card.file", "  "), "card.file: empty"),
    ("empty model folder name", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", ""), "outputs.model_dir: empty"),
    ("empty report folder name", "cosine_sparql", lambda r, t: _set(r, "outputs.report_dir", ""), "outputs.report_dir: empty"),
    ("model folder is the project", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", "."),
     "outputs.model_dir: '.' is the project root"),
    ("report folder above the project", "cosine_sparql", lambda r, t: _set(r, "outputs.report_dir", ".."),
     "outputs.report_dir: '..' is the project root or a folder above it"),
    ("model folder holds the data", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", "data"),
     "outputs.model_dir: 'data' holds or lies inside the inputs"),
    ("report folder inside src", "cosine_sparql", lambda r, t: _set(r, "outputs.report_dir", "src/cardrepro/out"),
     "outputs.report_dir: 'src/cardrepro/out' holds or lies inside the inputs (src/)"),
    ("model folder is every model", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", "models"),
     "outputs.model_dir"),
    ("model folder is a user's folder", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", str(_users_folder(t))),
     "holds files that no run of cosine_sparql wrote"),
    ("same model and report folder", "cosine_sparql", lambda r, t: _set(r, "outputs.model_dir", r["outputs"]["report_dir"]),
     "the model folder and the report folder overlap"),
    ("batch size zero", "cosine_sparql", lambda r, t: _set(r, "training.batch_size", 0), "training.batch_size: impossible value 0"),
    ("batch size as text", "cosine_sparql", lambda r, t: _set(r, "training.batch_size", "16"), "training.batch_size: expected int"),
    ("epochs as a bool", "cosine_sparql", lambda r, t: _set(r, "training.epochs", True), "training.epochs: expected"),
    ("warm-up of 150%", "cosine_sparql", lambda r, t: _set(r, "training.warmup_ratio", 1.5), "training.warmup_ratio: impossible"),
    ("unknown scheduler", "cosine_sparql", lambda r, t: _set(r, "training.scheduler", "step"), "training.scheduler: impossible"),
    ("unknown key", "cosine_sparql", lambda r, t: _set(r, "training.lr", 1e-5), "training.lr: unknown key"),
    ("TSDAE key on a cosine run", "cosine_sparql", lambda r, t: _set(r, "training.conditioning", "prefix"),
     "training.conditioning: only used by DenoisingAutoEncoderLoss"),
    ("missing local model", "cosine_sparql", lambda r, t: _set(r, "model.local_path", "nowhere/model"),
     "model.local_path: no such folder"),
    ("real data that is not there", "cosine_sparql",
     lambda r, t: _set(_set(r, "data.source", "real"), "data.raw", "data/raw/none.csv"), "data.raw: no such file or folder"),
    ("real data in Latin-1", "mnrl_qa", lambda r, t: _real(r, _raw(t, "Question,Answer,Topic\nq\xb2,a,b\n".encode("latin-1"))),
     "not UTF-8 text (byte 23)"),
    ("real data empty", "mnrl_qa", lambda r, t: _real(r, _raw(t, b"")), "questions.csv: missing column 'Question'"),
    ("real data with its header only", "mnrl_qa", lambda r, t: _real(r, _raw(t, b"Question,Answer,Topic\n")),
     "questions.csv holds no pairs"),
    ("real data a folder with no LC-QuAD file", "cosine_sparql", lambda r, t: _real(r, str(t)),
     "no train.json/test.json or CSV of LC-QuAD 2.0 here"),
    ("base model nowhere to be had", "cosine_sparql", lambda r, t: _set(r, "model.base", "nobody/no-such-model"),
     "model.base: "),
    ("negative data seed", "cosine_sparql", lambda r, t: _set(r, "data.seed", -1), "data.seed: impossible value -1"),
    ("training seed beyond 32 bits", "mnrl_qa", lambda r, t: _set(r, "training.seed", 2**32),
     "training.seed: impossible value 4294967296"),
    ("a local model folder with no model", "cosine_sparql", lambda r, t: _set(r, "model.local_path", str(_users_folder(t))),
     "model.local_path: "),
    ("missing prepared file", "cosine_sparql", lambda r, t: _set(r, "data.train_file", str(t / "none.jsonl")),
     "data.train_file: no such file"),
]

# (case, run, split, file content as bytes, text the one line must hold)
DATA_CASES = [
    ("empty pairs file", "cosine_sparql", "train", b"", "no rows"),
    ("blank lines only", "mnrl_qa", "train", b"\n\n", "no rows"),
    ("not UTF-8", "cosine_sparql", "train", '{"sentence_0": "caf\u00e9"}\n'.encode("latin-1"), ":1: not UTF-8 text"),
    ("truncated second line", "cosine_sparql", "eval",
     b'{"sentence_0": "a", "sentence_1": "b", "label": 1.0}\n{"sentence_0": "a", "sent', ":2: not valid JSON"),
    ("not JSON at all", "mnrl_compressed", "train", b"sentence_0,sentence_1\nx,y\n", ":1: not valid JSON"),
    ("missing label column", "cosine_sparql", "train", b'{"sentence_0": "a", "sentence_1": "b"}\n', ":1: no 'label' column"),
    ("label as text", "cosine_sparql", "train", b'{"sentence_0": "a", "sentence_1": "b", "label": "yes"}\n',
     ":1: label is 'yes', not int or float"),
    ("a list, not an object", "mnrl_qa", "train", b'["a", "b"]\n', ":1: a JSON list, not an object"),
    ("sentence as a number", "mnrl_qa", "eval", b'{"sentence_0": 3, "sentence_1": "b"}\n', ":1: sentence_0 is 3"),
    ("label not a number", "cosine_sparql", "eval", b'{"sentence_0": "a", "sentence_1": "b", "label": NaN}\n',
     ":1: label is nan, not a finite number"),
    ("corpus without text", "tsdae_minilm", "corpus", b'{"id": "1", "name": "x"}\n', ":1: no 'text' column"),
]


def _raw(tmp: Path, content: bytes) -> str:
    path = tmp / "questions.csv"
    path.write_bytes(content)
    return str(path)


def _real(raw: dict, data: str) -> dict:
    return _set(_set(raw, "data.source", "real"), "data.raw", data)


def _users_folder(tmp: Path) -> Path:
    folder = tmp / "my-folder"
    folder.mkdir(exist_ok=True)
    (folder / "thesis.tex").write_text("a user's work")
    return folder


def _under_a_file(tmp: Path) -> str:
    """A path through a file: the system's own message (no fix of its own) gets the path and one fix."""
    (tmp / "file").write_text("")
    return str(tmp / "file" / "x.jsonl")


def _run_cli(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    return code, capsys.readouterr().err


@pytest.fixture
def project_unchanged():
    """The project's files, hashed before and after the case."""
    before = tree_hash(REPO, contents=False)
    yield
    assert tree_hash(REPO, contents=False) == before, "a refused input changed the project's files"


def _assert_one_line(code: int, err: str, expected: str) -> None:
    assert code == 2, err
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert "Traceback" not in err and expected in err, err
    assert err.count("fix:") == 1, f"not one fix: {err!r}"


@pytest.mark.parametrize(("case", "run", "change", "expected"), PARAMS_CASES, ids=[c[0] for c in PARAMS_CASES])
def test_a_malformed_params_file_is_refused_in_one_line(case, run, change, expected, tmp_path, capsys, project_unchanged):
    params_file = tmp_path / "bad.yaml"
    params_file.write_text(yaml.safe_dump(change(_smoke(run, tmp_path), tmp_path)))
    code, err = _run_cli(["train", run, "--params", str(params_file)], capsys)
    _assert_one_line(code, err, expected)
    assert str(params_file) in err or expected.startswith("outputs.model_dir: '.'") or "bad.yaml" in err \
        or case.startswith("real data") and str(tmp_path) in err  # a bad data file or folder is named itself


@pytest.mark.parametrize(("case", "run", "change", "expected"), PARAMS_CASES, ids=[c[0] for c in PARAMS_CASES])
def test_check_refuses_every_params_file_train_refuses(case, run, change, expected, tmp_path, capsys, project_unchanged):
    """`cardrepro check` says ok only where `cardrepro train` would start: the same one line, seconds earlier."""
    params_file = tmp_path / "bad.yaml"
    params_file.write_text(yaml.safe_dump(change(_smoke(run, tmp_path), tmp_path)))
    code, err = _run_cli(["check", str(params_file)], capsys)
    _assert_one_line(code, err, expected)


@pytest.mark.parametrize(("case", "run", "split", "content", "expected"), DATA_CASES, ids=[c[0] for c in DATA_CASES])
def test_a_malformed_data_file_is_refused_in_one_line_naming_it(case, run, split, content, expected, tmp_path, capsys,
                                                                 project_unchanged):
    data_file = tmp_path / f"{split}.jsonl"
    data_file.write_bytes(content)
    raw = _set(_smoke(run, tmp_path), f"data.{split}_file", str(data_file))
    params_file = tmp_path / "p.yaml"
    params_file.write_text(yaml.safe_dump(raw))
    for command in (["train", run, "--params"], ["check"]):
        code, err = _run_cli([*command, str(params_file)], capsys)
        _assert_one_line(code, err, expected)
        assert f"{data_file}" in err


def _params_file_with(tmp: Path, content: bytes | None = None) -> Path:
    path = tmp / "p.yaml"
    if content is not None:
        path.write_bytes(content)
    return path


CLI_CASES = [
    ("params not UTF-8", lambda t: ["execute", "cosine_sparql", "--params",
                                    str(_params_file_with(t, "run: cosine_sparql # caf\u00e9\n".encode("latin-1")))],
     "p.yaml: not UTF-8 text"),
    ("params not YAML", lambda t: ["execute", "cosine_sparql", "--params", str(_params_file_with(t, b"run: [\n"))],
     "p.yaml: not valid YAML"),
    ("params a list", lambda t: ["execute", "cosine_sparql", "--params", str(_params_file_with(t, b"- 1\n- 2\n"))],
     "p.yaml: expected a mapping of sections"),
    ("params a folder", lambda t: ["execute", "cosine_sparql", "--params", str(t)], "no such params file"),
    ("params missing", lambda t: ["check", str(t / "none.yaml")], "none.yaml: no such params file"),
    ("params of another run", lambda t: ["execute", "mnrl_qa", "--params", "params/cosine_sparql.yaml"],
     "run: says 'cosine_sparql', not 'mnrl_qa'"),
    ("unknown run", lambda t: ["execute", "cosine"], "params/cosine.yaml: no such params file; fix: use one of params/{cosine_sparql,"),
    ("negative seed", lambda t: ["execute", "cosine_sparql", "--seed", "-1"], "training.seed: --seed -1"),
    ("seed as text", lambda t: ["execute", "cosine_sparql", "--seed", "two"], "argument --seed: invalid int value"),
    ("unknown command", lambda t: ["fit"], "argument command: invalid choice: 'fit'"),
    ("no command", lambda t: [], "the following arguments are required: command"),
    ("pairs over a README", lambda t: ["pairs", "cosine_sparql", "--source", "generated", "--out", "README.md"],
     "--out: 'README.md' is not a .jsonl file path"),
    ("pairs into the sources", lambda t: ["pairs", "cosine_sparql", "--source", "generated", "--out", "src/x.jsonl"],
     "--out: 'src/x.jsonl' lies inside the inputs (src/)"),
    ("pairs of a corpus the run lacks", lambda t: ["pairs", "cosine_sparql", "--source", "generated", "--split", "corpus",
                                                   "--out", str(t / "c.jsonl")], "run 'cosine_sparql' has no corpus split"),
    ("pairs from missing real data", lambda t: ["pairs", "cosine_sparql", "--source", "real", "--raw", str(t / "none"),
                                                "--out", str(t / "x.jsonl")], "--raw: no such file or folder"),
    ("pairs from a folder with no LC-QuAD file", lambda t: ["pairs", "cosine_sparql", "--source", "real", "--raw", str(t),
                                                         "--out", str(t / "x.jsonl")],
     "no train.json/test.json or CSV of LC-QuAD 2.0 here; fix: put the files in this folder"),
    ("pairs into a file's folder", lambda t: ["pairs", "mnrl_compressed", "--source", "generated", "--out",
                                              _under_a_file(t)], "file: File exists; fix: check the path and its permissions"),
    ("pairs with an unknown source", lambda t: ["pairs", "cosine_sparql", "--source", "web", "--out", "x.jsonl"],
     "argument --source: invalid choice: 'web'"),
    ("summary over its notebook", lambda t: ["summary", "--output", "notebooks/summary.ipynb"],
     "--output: 'notebooks/summary.ipynb' lies inside the inputs (notebooks/)"),
    ("summary over a run's report", lambda t: ["summary", "--output", "reports/cosine_sparql/cosine_sparql.ipynb"],
     "is in a folder holding files no summary writes"),
    ("seed beyond 32 bits", lambda t: ["execute", "cosine_sparql", "--seed", str(2**32)], "training.seed: --seed 4294967296"),
    ("summary to a markdown file", lambda t: ["summary", "--output", "README.md"], "--output: 'README.md' is not a .ipynb"),
    ("smoke of an unknown notebook", lambda t: ["smoke", "nope"], "unknown notebook(s) nope"),
]


@pytest.mark.parametrize(("case", "argv", "expected"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_a_malformed_command_line_is_refused_in_one_line(case, argv, expected, tmp_path, capsys, project_unchanged):
    code, err = _run_cli(argv(tmp_path), capsys)
    _assert_one_line(code, err, expected)


def test_there_are_at_least_forty_malformed_inputs():
    assert len(PARAMS_CASES) + len(DATA_CASES) + len(CLI_CASES) >= 40


def test_a_params_file_that_passes_the_checks_also_passes_them_from_disk(tmp_path):
    """The fuzz cases start from valid smoke params: without the change, they are accepted."""
    from cardrepro.train_stage import check_ready
    from cardrepro.outputs import check_outputs
    from cardrepro.params import load

    for run in ("cosine_sparql", "tsdae_minilm", "mnrl_qa", "mnrl_compressed"):
        path = tmp_path / f"{run}.yaml"
        path.write_text(yaml.safe_dump(_smoke(run, tmp_path)))
        params = load(path)
        check_outputs(params)
        check_ready(params)


def _alias_bomb(levels: int) -> str:
    """A few KB of YAML whose nested aliases expand to 9**levels values inside card.final_metrics."""
    lines = ["a0: &a0 [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + f"\ncard:\n  final_metrics:\n    cosine_ap: *a{levels - 1}\n"


def test_a_yaml_alias_bomb_is_refused_at_once_not_walked(tmp_path, capsys, project_unchanged):
    """Nine levels of nine aliases (4 KB) used to keep `cardrepro check` busy past 90 s."""
    import time

    params_file = tmp_path / "bomb.yaml"
    params_file.write_text(_alias_bomb(9))
    started = time.perf_counter()
    code, err = _run_cli(["check", str(params_file)], capsys)
    assert time.perf_counter() - started < 5
    _assert_one_line(code, err, "an alias (*a0) at line 2: params files take no anchors or aliases; fix: write the value out")
    assert str(params_file) in err


@pytest.mark.parametrize(("text", "expected"), [
    ("run: cosine_sparql\ntraining:\n  learning_rate: 2.0e-5\n  learning_rate: 1.0\n",
     "the key 'learning_rate' is given twice (line 4); fix: keep one of them"),
    ("run: cosine_sparql\ntraining:\n  seed: 42\ndata: {}\ntraining:\n  learning_rate: 1.0\n",
     "the key 'training' is given twice (line 5); fix: keep one of them"),
], ids=["a key twice", "a section twice"])
def test_a_key_given_twice_is_refused_not_last_wins(text, expected, tmp_path, capsys, project_unchanged):
    params_file = tmp_path / "twice.yaml"
    params_file.write_text(text)
    code, err = _run_cli(["check", str(params_file)], capsys)
    _assert_one_line(code, err, expected)
    assert str(params_file) in err


def test_check_refuses_a_missing_notebook_kernel_as_execute_does(tmp_path, capsys, monkeypatch, project_unchanged):
    import cardrepro.notebooks

    monkeypatch.setattr(cardrepro.notebooks, "_kernels", lambda: {})
    params_file = tmp_path / "p.yaml"
    params_file.write_text(yaml.safe_dump(_smoke("cosine_sparql", tmp_path)))
    code, err = _run_cli(["check", str(params_file)], capsys)
    _assert_one_line(code, err, "kernel 'cardrepro' is not installed; fix: run `make kernel`")
