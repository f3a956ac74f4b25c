"""Load and validate a run's parameters before anything expensive happens.

A params file (``params/<run>.yaml``) has the sections below. Validation is strict: an unknown
key, a wrong type or an impossible value stops with ONE line that names the file, the key and
the fix, so a typo never silently falls back to a default after minutes of training.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from cardrepro.batching import GROUPABLE_LOSSES
from cardrepro.evaluation import CUTOFF_KEYS, EVALUATOR_KINDS, metric_names
from cardrepro.paths import resolve

RUNS = ("cosine_sparql", "tsdae_minilm", "tsdae_qwen", "mnrl_qa", "mnrl_compressed")  # the five seed cards' runs
RUNS_FILE = "params/runs.yaml"  # every run of the pipeline: the five and those `cardrepro card import` added
RUN_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # a folder, a DVC stage key and a Python identifier alike
SOURCES = ("generated", "real")
SCHEDULERS = ("linear", "constant", "cosine")
LOSSES = ("CosineSimilarityLoss", "MultipleNegativesRankingLoss", "DenoisingAutoEncoderLoss")
OPTIMIZERS = ("adamw_torch_fused", "adamw_torch")  # the same AdamW update: one fused kernel, or torch's foreach loop
CONDITIONINGS = ("none", "prefix")  # how a TSDAE decoder reads the sentence embedding (see cardrepro.tsdae)
HELDOUT_SPLITS = ("answers", "questions")  # mnrl_qa: hold out answers of every question, or whole questions
GENERATED_MAX_ROWS = 100_000  # the generators' sane ceiling: 16x the largest card (6,000 rows), minutes to build


class ParamsError(ValueError):
    """A params file (or an overlay of it) that cannot be run as written."""


@dataclass(frozen=True)
class Field:
    types: tuple[type, ...]
    required: bool = True
    check: Callable[[Any], bool] | None = None
    fix: str = ""


def _positive(x: Any) -> bool:
    return x > 0


def _non_negative(x: Any) -> bool:
    return x >= 0


def _fraction(x: Any) -> bool:
    return 0 <= x < 1


def _cutoffs(x: Any) -> bool:
    return all(key in CUTOFF_KEYS and isinstance(ks, list) and ks and all(type(k) is int and k > 0 for k in ks)
               for key, ks in x.items())


SEED_LIMIT = 2**32  # numpy's and the trainer's seeds are 32-bit


def _seed(x: Any) -> bool:
    return 0 <= x < SEED_LIMIT


def _seeds(x: Any) -> bool:
    return bool(x) and all(type(seed) is int and _seed(seed) for seed in x) and len(set(x)) == len(x)


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda x: x in choices


INT = (int,)
NUM = (int, float)
STR = (str,)
OPT_STR = (str, type(None))
BOOL = (bool,)
OPT_BOOL = (bool, type(None))
DICT = (dict,)
LIST = (list,)

SCHEMA: dict[str, dict[str, Field]] = {
    "data": {
        "source": Field(STR, check=_one_of(SOURCES), fix="use 'generated' (offline default) or 'real'"),
        "raw": Field(STR, fix="give the path of the real data (file or folder), used when source is 'real'"),
        "seed": Field(INT, check=_seed, fix="use an integer from 0 to 2**32 - 1, such as 42"),
        "train_rows": Field(INT, check=_positive, fix="use a positive number of source rows"),
        "eval_rows": Field(INT, check=_positive, fix="use a positive number of held-out rows"),
        "heldout": Field(STR, required=False, check=_one_of(HELDOUT_SPLITS),
                         fix="use 'answers' (new answers to trained questions) or 'questions' (questions never trained on)"),
        "eval_questions": Field(INT, required=False, check=_positive,
                                fix="give how many whole questions to hold out, such as 12"),
        "columns": Field(LIST, required=False, check=lambda x: len(x) in (2, 3) and all(isinstance(c, str) for c in x),
                         fix="list the data file's columns in the card's order: its two texts, then its label if any"),
        "train_file": Field(OPT_STR, required=False, fix="give a JSON Lines path, or null to build pairs in memory"),
        "eval_file": Field(OPT_STR, required=False, fix="give a JSON Lines path, or null to build pairs in memory"),
        "corpus_file": Field(OPT_STR, required=False, fix="give a JSON Lines path, or null to build it in memory"),
    },
    "model": {
        "base": Field(STR, fix="use a Hugging Face model id such as sentence-transformers/all-MiniLM-L6-v2"),
        "local_path": Field(OPT_STR, required=False, fix="give a folder holding the model, or null"),
        "stand_in": Field(OPT_STR, required=False, fix="name a model to use when the base is unavailable, or null"),
        "max_seq_length": Field(INT, check=_positive, fix="use a positive token count such as 256"),
        "normalize": Field(OPT_BOOL, required=False,
                           fix="use false to drop a Normalize module the card's model did not have, true to add one, or null"),
    },
    "training": {
        "loss": Field(STR, check=_one_of(LOSSES), fix=f"use one of {', '.join(LOSSES)}"),
        "epochs": Field(NUM, check=_positive, fix="use a positive number of epochs"),
        "batch_size": Field(INT, check=_positive, fix="use a positive batch size such as 16"),
        "learning_rate": Field(NUM, check=_positive, fix="use a positive learning rate such as 5.0e-5"),
        "weight_decay": Field(NUM, check=_non_negative, fix="use 0.0 or a small positive value"),
        "warmup_ratio": Field(NUM, check=_fraction, fix="use a fraction in [0, 1)"),
        "scheduler": Field(STR, check=_one_of(SCHEDULERS), fix=f"use one of {', '.join(SCHEDULERS)}"),
        "optim": Field(STR, check=_one_of(OPTIMIZERS),
                       fix="use adamw_torch_fused (the trainer's default, fastest) or adamw_torch (the kernel most cards name)"),
        "seed": Field(INT, check=_seed, fix="use an integer from 0 to 2**32 - 1, such as 42"),
        "max_steps": Field(INT, check=lambda x: x == -1 or x > 0, fix="use -1 (whole epochs) or a positive step count"),
        "logging_steps": Field(INT, check=_positive, fix="use a positive step count such as 50"),
        "eval_steps": Field(INT, check=_positive, fix="use a positive step count"),
        "conditioning": Field(STR, required=False, check=_one_of(CONDITIONINGS),
                              fix="use 'none' (the card: cross-attention, ignored by decoder-only models) or 'prefix'"),
        "prefix_tokens": Field(INT, required=False, check=_positive, fix="use a small positive count such as 4"),
        "tie_encoder_decoder": Field(BOOL, required=False, fix="use true (the cards) or false for a separate decoder"),
        "compare_conditioning": Field(BOOL, required=False,
                                      fix="use true to also train the other conditioning on the same data and steps, else false"),
        "compare_seeds": Field(LIST, required=False, check=_seeds,
                               fix="list the seeds to train each objective with, e.g. [42, 43, 44]"),
        "group_by_length": Field(BOOL, required=False,
                                 fix="use true to batch pairs of similar length (less padding), false for the cards' random batches"),
        "freeze_embeddings": Field(BOOL, required=False,
                                   fix="use false to train every weight (the cards), true to keep the token embedding matrix fixed"),
        "processes": Field(INT, required=False, check=_positive,
                           fix="use 1 (this process) or the number of GPUs (or CPU processes) to train on, such as 2"),
        "torchrun_args": Field(LIST, required=False, check=lambda x: all(isinstance(a, str) for a in x),
                               fix="list torchrun's rendezvous arguments as strings, e.g. ['--nnodes=2', '--rdzv-backend=c10d']"),
    },
    "evaluation": {
        "name": Field(STR, fix="name the evaluation set, e.g. test-binary-eval"),
        "batch_size": Field(INT, check=_positive, fix="use a positive batch size"),
        "kind": Field(STR, check=_one_of(EVALUATOR_KINDS), fix=f"use one of {', '.join(EVALUATOR_KINDS)}"),
        "metric": Field(STR, fix="name the headline metric as the evaluator reports it, e.g. cosine_ap or cosine_map@25"),
        "cutoffs": Field(DICT, required=False, check=_cutoffs,
                         fix=f"map some of {', '.join(CUTOFF_KEYS)} to lists of positive integers, e.g. map_at_k: [25]"),
    },
    "outputs": {
        "model_dir": Field(STR, fix="give the folder the trained model is saved to"),
        "report_dir": Field(STR, fix="give the folder for metrics and plot data"),
    },
    "card": {
        "file": Field(STR, fix="name the seed model card, e.g. cosine-sparql.md"),
        "base_model": Field(STR, fix="copy the card's base model id"),
        "base_model_revision": Field(STR, required=False,
                                     fix="copy the commit in the card's '<!-- at revision ... -->' after its base model"),
        "train_pairs": Field(INT, check=_positive, fix="copy the card's number of training samples"),
        "hyperparameters": Field(DICT, fix="copy the card's loss, epochs, batch_size, learning_rate, ... and max_seq_length"),
        "all_hyperparameters": Field(DICT, required=False,
                                     fix="run `cardrepro card import CARD --print`: the card's 'All Hyperparameters' list"),
        "architecture": Field(STR, fix="copy the card's 'Full Model Architecture' block"),
        "logging_steps": Field(INT, check=_positive, fix="copy the trainer's logging interval the card used (500)"),
        "logged_loss": Field(DICT, fix="map the card's logged steps to their training loss"),
        "logged_eval": Field(DICT, required=False, fix="map the card's evaluated steps to their metric value"),
        "final_metrics": Field(DICT, required=False, fix="map the card's metric names to their values"),
        "framework_versions": Field(DICT, required=False,
                                    fix="copy the card's 'Framework Versions' (Python, Sentence Transformers, ...) as text"),
        "dataset": Field(DICT, required=False,
                         fix="run `cardrepro card import CARD --print`: the card's columns and their token statistics"),
        "evaluator": Field(DICT, required=False,
                           fix="run `cardrepro card import CARD --print`: the card's evaluator kind, name and metric"),
    },
}
TOP_LEVEL = {"run", *SCHEMA}


@dataclass(frozen=True)
class RunParams:
    """Validated parameters of one run; sections stay plain dicts so notebooks can print them."""

    source: str
    run: str
    data: dict[str, Any]
    model: dict[str, Any]
    training: dict[str, Any]
    evaluation: dict[str, Any]
    outputs: dict[str, Any]
    card: dict[str, Any]
    origin: dict[str, Any] | None = None  # how load_run read it: what a notebook is handed to read it the same way

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("run", *SCHEMA)}


def _fail(source: str, key: str, problem: str, fix: str) -> ParamsError:
    return ParamsError(f"{source}: {key}: {problem}; fix: {fix}")


def _check_field(source: str, key: str, value: Any, field: Field) -> None:
    # bool is an int subclass: reject it where a number is expected
    if (isinstance(value, bool) and bool not in field.types) or not isinstance(value, field.types):
        wanted = " or ".join("null" if t is type(None) else t.__name__ for t in field.types)
        raise _fail(source, key, f"expected {wanted}, got {value!r}", field.fix)
    if isinstance(value, str) and not value.strip():
        raise _fail(source, key, "empty", field.fix)
    if field.check is not None and value is not None and not field.check(value):
        raise _fail(source, key, f"impossible value {value!r}", field.fix)


def validate(raw: dict[str, Any], source: str) -> RunParams:
    """Check every key of ``raw`` against SCHEMA; ``source`` names the file in error messages."""
    if not isinstance(raw, dict):
        raise ParamsError(f"{source}: expected a mapping of sections, got {type(raw).__name__}; fix: see params/cosine_sparql.yaml")
    for key in raw:
        if key not in TOP_LEVEL:
            raise _fail(source, key, "unknown section", f"use only {', '.join(sorted(TOP_LEVEL))}")
    _check_finite(raw, source)
    run = raw.get("run")
    if run not in pipeline_runs():
        raise _fail(source, "run", f"unknown run {run!r}",
                    f"use one of {', '.join(pipeline_runs())}, or add a card's run with `cardrepro card import`")
    for section, fields in SCHEMA.items():
        values = raw.get(section)
        if not isinstance(values, dict):
            raise _fail(source, section, "missing section", f"add a '{section}:' mapping (see params/{run}.yaml)")
        for key in values:
            if key not in fields:
                raise _fail(source, f"{section}.{key}", "unknown key", f"use only {', '.join(fields)}")
        for key, field in fields.items():
            if key not in values:
                if field.required:
                    raise _fail(source, f"{section}.{key}", "missing key", field.fix)
                continue
            _check_field(source, f"{section}.{key}", values[key], field)
    _check_combinations(raw, source)
    _check_files(raw, source)
    return RunParams(source=source, run=run, **{s: dict(raw[s]) for s in SCHEMA})


def _check_finite(value: Any, source: str, key: str = "") -> None:
    """inf and nan pass every `> 0` check and only fail, or poison a result, much later."""
    if isinstance(value, dict):
        for name, item in value.items():
            _check_finite(item, source, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_finite(item, source, f"{key}[{index}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise _fail(source, key, f"non-finite number {value!r}", "use a finite number")


# torchrun's rendezvous arguments (docs/scale-out.md), each with the form of its value: a run refuses any other
# before a model loads, rather than torchrun failing once training starts.
TORCHRUN_ARGUMENTS = {"--nnodes": re.compile(r"^\d+(:\d+)?$"), "--node-rank": re.compile(r"^\d+$"),
                      "--rdzv-backend": re.compile(r"^[a-z0-9_-]+$"), "--rdzv-endpoint": re.compile(r"^[\w.:\[\]-]+$"),
                      "--rdzv-id": re.compile(r"^[\w.-]+$"), "--rdzv-conf": re.compile(r"^[\w.=,]+$"),
                      "--master-addr": re.compile(r"^[\w.:\[\]-]+$"), "--master-port": re.compile(r"^\d+$"),
                      "--max-restarts": re.compile(r"^\d+$")}


def _check_torchrun_args(args: list[str], source: str) -> None:
    """Each argument as --name=value or as --name followed by its value."""
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        name, equals, value = arg.partition("=")
        if not equals and pending and not pending[0].startswith("--"):
            value = pending.pop(0)
        form = TORCHRUN_ARGUMENTS.get(name)
        if form is None:
            raise _fail(source, "training.torchrun_args", f"{arg!r} is not one of torchrun's rendezvous arguments",
                        f"use some of {', '.join(TORCHRUN_ARGUMENTS)}, each with its value")
        if not form.match(value):
            raise _fail(source, "training.torchrun_args", f"{arg!r}: {value!r} is no value for {name}",
                        "give it as in docs/scale-out.md, e.g. --nnodes=2 or --rdzv-endpoint=node0:29500")


def torchrun_nodes(torchrun_args: list[str]) -> int:
    """The machine count torchrun's ``--nnodes`` fixes (1 without it, or for an elastic range such as 1:4,
    which the training processes check once they know their number)."""
    for index, arg in enumerate(torchrun_args):
        if arg.startswith("--nnodes"):
            value = arg.partition("=")[2] if "=" in arg else (torchrun_args[index + 1:index + 2] or [""])[0]
            return int(value) if value.isdigit() else 1
    return 1


def check_processes(training: dict[str, Any], processes: int, source: str) -> None:
    """Refuse what ``processes`` training processes (on all machines) cannot keep of the card's recipe. The
    params check passes the count the params fix; each torchrun worker checks again with the real one,
    which an elastic ``--nnodes`` range leaves open until then."""
    if training["batch_size"] % processes:
        raise _fail(source, "training.processes",
                    f"the card's batch of {training['batch_size']} pairs does not split evenly over {processes} processes",
                    "use a number of processes (times --nnodes) that divides the batch size")
    if processes > 1 and training["loss"] == "DenoisingAutoEncoderLoss":
        raise _fail(source, "training.processes",
                    "DenoisingAutoEncoderLoss calls its encoder and decoder outside the model the trainer distributes, "
                    "so no gradient would be averaged and every process would train its own copy",
                    "use 1 (several processes train CosineSimilarityLoss and MultipleNegativesRankingLoss runs)")
    if processes > 1 and training.get("group_by_length"):
        raise _fail(source, "training.group_by_length",
                    "groups pairs into batches of the per-process size, not the batches one process trains on",
                    "set it to false when training.processes is above 1")


def _check_combinations(raw: dict[str, Any], source: str) -> None:
    """Keys that only mean something with some losses: elsewhere they would be silently ignored or do harm."""
    training = raw["training"]
    for key in ("conditioning", "prefix_tokens", "tie_encoder_decoder", "compare_conditioning", "compare_seeds"):
        if key in training and training["loss"] != "DenoisingAutoEncoderLoss":
            raise _fail(source, f"training.{key}", f"only used by DenoisingAutoEncoderLoss, not {training['loss']}",
                        "remove the key")
    if training.get("group_by_length") and training["loss"] not in GROUPABLE_LOSSES:
        raise _fail(source, "training.group_by_length",
                    f"changes what {training['loss']} learns: its in-batch negatives depend on which pairs share a batch",
                    "set it to false")
    _check_torchrun_args(training.get("torchrun_args", []), source)
    check_processes(training, training.get("processes", 1) * torchrun_nodes(training.get("torchrun_args", [])), source)
    if "compare_seeds" in training and not training.get("compare_conditioning"):
        raise _fail(source, "training.compare_seeds", "only used when training.compare_conditioning is true",
                    "set compare_conditioning: true or remove the key")
    data = raw["data"]
    if raw["run"] not in RUNS and data["source"] != "real":
        raise _fail(source, "data.source", "an imported card's run has no generated stand-in for its data",
                    "use real, with data.raw naming the card's training pairs")
    for key in ("heldout", "eval_questions"):
        if key in data and raw["run"] != "mnrl_qa":
            raise _fail(source, f"data.{key}", f"only used by mnrl_qa, not {raw['run']}", "remove the key")
    if (data.get("heldout") == "questions") != ("eval_questions" in data):
        key = "data.eval_questions" if "eval_questions" in data else "data.heldout"
        raise _fail(source, key, "data.eval_questions goes with data.heldout: questions, and only with it",
                    "set both (heldout: questions, eval_questions: 12) or neither")
    evaluation = raw["evaluation"]
    reported = metric_names(evaluation)
    if evaluation["metric"] not in reported:
        raise _fail(source, "evaluation.metric", f"the {evaluation['kind']} evaluator never reports {evaluation['metric']!r}",
                    f"use one of {', '.join(reported)}")
    if data["source"] == "generated" and data["train_rows"] + data["eval_rows"] > GENERATED_MAX_ROWS:
        key = "data.train_rows" if data["train_rows"] >= data["eval_rows"] else "data.eval_rows"
        raise _fail(source, key, f"{data['train_rows']} + {data['eval_rows']} generated rows is beyond the generators' "
                    f"{GENERATED_MAX_ROWS:,}", f"use at most {GENERATED_MAX_ROWS:,} rows in all")


def _check_files(raw: dict[str, Any], source: str) -> None:
    """Real data must exist before a model is loaded; prepared files are checked where they are read."""
    data = raw["data"]
    if data["source"] == "real" and not data["raw"].startswith("hf://") and not resolve(data["raw"]).exists():
        raise _fail(source, "data.raw", f"no such file or folder {data['raw']!r}",
                    "put the real data there (see data/raw/README.md) or set data.source: generated" if raw["run"] in RUNS
                    else "put the card's training pairs there (a CSV, JSON Lines or Parquet file with the card's "
                         "columns), or point data.raw at them")
    model = raw["model"]
    if model.get("local_path") and not resolve(model["local_path"]).is_dir():
        raise _fail(source, "model.local_path", f"no such folder {model['local_path']!r}",
                    "point it at a saved model folder, or set it to null")


def load(path: str | Path) -> RunParams:
    """Read and validate a params YAML file."""
    return validate(load_yaml(path), source=str(path))


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML without aliases (a few KB of nested aliases expand to billions of nodes and hang any walk over
    them; a params file has no use for them) and without a key given twice (YAML keeps the last, silently)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"an alias (*{self.peek_event().anchor}) at line {mark.line + 1}: params files "
                                 "take no anchors or aliases; fix: write the value out")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.YAMLError(f"the key {key!r} is given twice (line {key_node.start_mark.line + 1}); "
                                     "fix: keep one of them")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: str | Path) -> Any:
    """A params file's YAML, or one line that says why it cannot be read."""
    path = Path(path)
    if not resolve(path).is_file():
        raise ParamsError(f"{path}: no such params file; fix: use one of params/{{{','.join(pipeline_runs())}}}.yaml")
    try:
        raw = yaml.load(resolve(path).read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 - safe loader
    except UnicodeDecodeError as exc:
        raise ParamsError(f"{path}: not UTF-8 text (byte {exc.start}); fix: save the file as UTF-8") from exc
    except OSError as exc:
        raise ParamsError(f"{path}: cannot be read ({exc.strerror}); fix: check the file's permissions") from exc
    except yaml.YAMLError as exc:
        if "; fix: " in str(exc):  # the strict loader's own refusals already say what to do
            raise ParamsError(f"{path}: {exc}") from exc
        raise ParamsError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}); fix: correct the syntax") from exc
    return raw


def pipeline_runs() -> dict[str, dict[str, Any]]:
    """params/runs.yaml, the runs dvc.yaml repeats each stage for: {run: {"raw", "objective", ...}}. Outside a
    project (no such file) the five seed cards' runs."""
    if not resolve(RUNS_FILE).is_file():
        return {name: {} for name in RUNS}
    raw = load_yaml(RUNS_FILE)
    runs = raw.get("runs") if isinstance(raw, dict) else None
    if not isinstance(runs, dict) or not runs:
        raise ParamsError(f"{RUNS_FILE}: runs: missing; fix: map each run to its raw data and objective module")
    for name, entry in runs.items():
        if not isinstance(name, str) or not RUN_NAME.match(name):
            raise _fail(RUNS_FILE, f"runs.{name}", "not a run name",
                        "use lower-case letters, digits and underscores, starting with a letter")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) for key in ("raw", "objective")):
            raise _fail(RUNS_FILE, f"runs.{name}", "needs raw (its real data's path) and objective (its objective's "
                        "module)", "see the runs already there")
    return runs


PROFILES = ("full", "smoke")  # full: the params file as it is (the pipeline); smoke: shrunk by SMOKE_OVERLAY
SMOKE_OVERLAY = "params/smoke.yaml"
SMOKE_RUNS_DIR = "smoke"  # reports/smoke/<run>/ and models/smoke/<run>/


def load_run(path: str | Path, profile: str = "full", real: str | None = None, seed: int | None = None) -> RunParams:
    """The one way a run's params are read, by the command line and by the notebook alike: the params
    file, then the smoke profile, the real data (a run of params/real.yaml) or another training seed."""
    if profile not in PROFILES:
        raise ParamsError(f"{path}: profile {profile!r} is unknown; fix: use one of {', '.join(PROFILES)}")
    params = load(path)
    if profile == "smoke":
        params = with_smoke(params)
    if real is not None:
        params = with_real(params, real)
    if seed is not None:
        params = with_seed(params, seed)
    return replace(params, origin={"params_file": str(path), "profile": profile, "real": real, "seed": seed})


def smoke_changes(run: str, overlay: str | Path = SMOKE_OVERLAY) -> dict[str, dict]:
    """What the smoke profile changes in a run's params: {section: {key: value}}."""
    raw = load_yaml(overlay)
    if not isinstance(raw, dict) or not isinstance(raw.get("every_run"), dict):
        raise ParamsError(f"{overlay}: every_run: missing; fix: map sections to the values every smoke run uses")
    changes = {section: dict(values) for section, values in raw["every_run"].items()}
    for section, values in ((raw.get("runs") or {}).get(run) or {}).items():
        changes[section] = changes.get(section, {}) | values
    for section, values in changes.items():
        if section not in SCHEMA or not isinstance(values, dict):
            raise _fail(str(overlay), section, "not a section of a params file",
                        f"use some of {', '.join(SCHEMA)}, each a mapping")
    return changes


def _outputs_under(params: RunParams, *folders: str) -> dict[str, str]:
    """A variant's model and report folders: ``<models|reports>/<folders...>`` beside the run's own."""
    return {key: str(Path(params.outputs[key]).parent.joinpath(*folders)) for key in ("model_dir", "report_dir")}


def with_smoke(params: RunParams, overlay: str | Path = SMOKE_OVERLAY) -> RunParams:
    """``params`` shrunk by the smoke overlay: pairs built in memory, results under
    ``<reports|models>/smoke/<run>/``; the card's figures unchanged (they are facts, not knobs)."""
    raw = params.as_dict()
    for section, values in smoke_changes(params.run, overlay).items():
        raw[section] = raw[section] | values
    if params.run not in RUNS:  # an imported card's run has no generator: a few of its own pairs instead
        raw["data"]["source"] = params.data["source"]
    raw["data"] = raw["data"] | {key: None for key in ("train_file", "eval_file", "corpus_file") if key in raw["data"]}
    raw["outputs"] = _outputs_under(params, SMOKE_RUNS_DIR, params.run)
    return validate(raw, source=f"{params.source} with {overlay}")


SEED_RUNS_DIR = "seeds"  # reports/seeds/<run>/seed<N>/ and models/seeds/<run>/seed<N>/


def with_seed(params: RunParams, seed: int) -> RunParams:
    """The same run at another training seed, writing under ``<reports|models>/seeds/<run>/seed<N>/``
    so that repeats never overwrite the pipeline's main result (same data, same recipe)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not _seed(seed):
        raise ParamsError(f"{params.source}: training.seed: --seed {seed!r} is not an integer from 0 to 2**32 - 1; "
                          "fix: pass e.g. --seed 43")
    outputs = _outputs_under(params, SEED_RUNS_DIR, params.run, f"seed{seed}")
    raw = params.as_dict() | {"training": params.training | {"seed": seed}, "outputs": params.outputs | outputs}
    return validate(raw, source=f"{params.source} with --seed {seed}")


REAL_OVERLAY = "params/real.yaml"  # the runs of real/dvc.yaml
REAL_RUNS_DIR = "real"  # reports/real/<name>/ and models/real/<name>/


def real_runs(overlay: str | Path = REAL_OVERLAY) -> dict[str, dict]:
    """The real-data runs an overlay file names: {name: {"run", "raw", "set"}}."""
    raw = load_yaml(overlay)
    runs = raw.get("runs") if isinstance(raw, dict) else None
    if not isinstance(runs, dict) or not runs:
        raise ParamsError(f"{overlay}: runs: missing; fix: map each real-data run's name to its run, raw and set")
    for name, entry in runs.items():
        if not isinstance(entry, dict) or entry.get("run") not in pipeline_runs() or not isinstance(entry.get("raw"), str):
            raise _fail(str(overlay), f"runs.{name}", "needs run (one of params/runs.yaml) and raw (the data's path)",
                        "see the runs already there")
        if not isinstance(entry.get("set", {}), dict):
            raise _fail(str(overlay), f"runs.{name}.set", "expected a mapping of sections", "e.g. set: {data: {eval_rows: 90}}")
    return runs


def with_real(params: RunParams, name: str, overlay: str | Path = REAL_OVERLAY) -> RunParams:
    """``params`` (params/<run>.yaml) on the real data: ``data.source: real`` with the overlay's ``raw``,
    pairs built in memory from it, the overlay's ``set`` keys replaced and results under
    ``<reports|models>/real/<name>/``; every other value as in ``params``."""
    runs = real_runs(overlay)
    if name not in runs:
        raise ParamsError(f"{overlay}: runs: no run named {name!r}; fix: use one of {', '.join(runs)}")
    entry = runs[name]
    if entry["run"] != params.run:
        raise ParamsError(f"{overlay}: runs.{name}.run: says {entry['run']!r}, not {params.run!r}; "
                          f"fix: run `cardrepro execute {entry['run']} --real {name}`")
    raw = params.as_dict()
    changes = entry.get("set", {})
    for section, values in changes.items():
        if section not in SCHEMA or not isinstance(values, dict):
            raise _fail(str(overlay), f"runs.{name}.set.{section}", "not a section of a params file",
                        f"use some of {', '.join(SCHEMA)}, each a mapping")
        raw[section] = raw[section] | values
    files = {key: None for key in ("train_file", "eval_file", "corpus_file") if key in raw["data"]}
    raw["data"] = raw["data"] | {"source": "real", "raw": entry["raw"]} | files
    raw["outputs"] = _outputs_under(params, REAL_RUNS_DIR, name)
    return validate(raw, source=f"{params.source} with {overlay} runs.{name}")
