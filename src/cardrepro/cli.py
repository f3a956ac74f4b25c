"""The ``cardrepro`` command line: prepare pairs, check params, execute a run's notebook."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cardrepro import one_line_warnings
from cardrepro import params as params_module
from cardrepro.data import SPLITS
from cardrepro.params import RUNS, SOURCES, ParamsError
from cardrepro.paths import resolve, shown
from cardrepro.train_stage import add_arguments


def _pairs(args: argparse.Namespace) -> None:
    path = args.params or f"params/{args.run}.yaml"
    data = dict(params_module.load(path).data, source=args.source)
    if args.raw is not None:
        data["raw"] = args.raw
    if data["source"] == "real" and not data["raw"].startswith("hf://") and not resolve(data["raw"]).exists():
        raise ParamsError(f"--raw: no such file or folder {data['raw']!r}; fix: put the real data there "
                          "(see data/raw/README.md) or use --source generated")
    _write_split(args.run, data, args.split, args.out, "--out", path)


def _prepare(args: argparse.Namespace) -> None:
    """Every split a run has, into the files its params name (a prepare stage of dvc.yaml)."""
    path = args.params or f"params/{args.run}.yaml"
    data = params_module.load(path).data
    for split in SPLITS:
        key = f"{split}_file"
        if key not in data:
            continue
        if data[key] is None:
            raise ParamsError(f"{path}: data.{key}: null, so there is nowhere to prepare the {split} split; "
                              f"fix: name a file, e.g. data/processed/{args.run}/{split}.jsonl")
        _write_split(args.run, data, split, data[key], f"data.{key}", path)


def _write_split(run: str, data: dict, split: str, out: str, key: str, path: str) -> None:
    from cardrepro.data import build_pairs, write_jsonl
    from cardrepro.data.counts import RowCountError
    from cardrepro.outputs import check_output_file

    target = check_output_file(out, key, ".jsonl")
    try:
        count = write_jsonl(build_pairs(run, data, split), target)
    except RowCountError as exc:
        raise ParamsError(f"{path}: {exc}") from exc
    print(f"{run}: wrote {count} {split} rows ({data['source']}) to {out}")


def _check(args: argparse.Namespace) -> None:
    """Everything `cardrepro train` refuses before a model loads: the params, the output folders, the data, the base
    model (and its positions), the devices; and the notebook kernel `execute` needs."""
    from cardrepro.notebooks import check_kernel
    from cardrepro.outputs import check_outputs
    from cardrepro.train_stage import check_ready

    check_kernel()
    for path in args.files:
        params = params_module.load_run(path, profile=args.profile)
        check_outputs(params)
        check_ready(params)
        print(f"{path}: ok")


def _run_params(args: argparse.Namespace) -> params_module.RunParams:
    path = args.params or f"params/{args.run}.yaml"
    run_params = params_module.load(path)
    if run_params.run != args.run:
        raise ParamsError(f"{path}: run: says {run_params.run!r}, not {args.run!r}; fix: pass params/{args.run}.yaml")
    return params_module.load_run(path, profile=args.profile, real=args.real, seed=args.seed)


def _train(args: argparse.Namespace) -> None:
    from cardrepro.train_stage import train_run, trained_line

    params = _run_params(args)
    print(trained_line(params, train_run(params)))


def _execute(args: argparse.Namespace) -> None:
    from cardrepro.notebooks import execute

    published = execute(_run_params(args))
    print(f"{args.run}: executed notebook at {shown(published)}, rendered at {shown(published.with_suffix('.html'))}")


SUMMARY = "reports/summary/summary.ipynb"
SEEDS_SUMMARY = "reports/summary/seeds/summary.ipynb"  # what seeds/dvc.yaml writes and the summary's text names


def _summary(args: argparse.Namespace) -> None:
    from cardrepro.notebooks import publish
    from cardrepro.outputs import check_summary_output

    seeds = args.seeds_root is not None
    output = args.output or (SEEDS_SUMMARY if seeds else SUMMARY)
    check_summary_output(output)
    parameters = {"report_root": args.report_root, "seeds_root": args.seeds_root, "runs": list(args.runs or RUNS),
                  "table_file": str(Path(output).with_name("results.md"))}
    published = publish("notebooks/summary.ipynb", output, parameters)
    print(f"summary: executed notebook at {shown(published)}, rendered at {shown(published.with_suffix('.html'))}")


def notebooks() -> list[str]:
    """Every notebook under notebooks/: each run's (params/runs.yaml), then the summary (it reads their results)."""
    from cardrepro.params import pipeline_runs

    return [*pipeline_runs(), "summary"]


def _smoke(args: argparse.Namespace) -> None:
    from cardrepro.notebooks import refresh_smoke

    names = notebooks()
    unknown = set(args.runs) - set(names)
    if unknown:
        raise ValueError(f"unknown notebook(s) {', '.join(sorted(unknown))}; fix: use some of {', '.join(names)}")
    from cardrepro.notebook_cells import SHARED_CELLS, sync

    for name in args.runs or [n for n in names if resolve(f"notebooks/{n}.ipynb").is_file()]:
        if name != "summary":
            changed = sync(f"notebooks/{name}.ipynb")
            if changed:
                print(f"{name}: wrote {', '.join(changed)} from {SHARED_CELLS}")
        print(f"{name}: refreshed {refresh_smoke(f'notebooks/{name}.ipynb')}")


def _card_import(args: argparse.Namespace) -> None:
    from cardimport import CardError, card_section
    from cardimport.new_run import write_run
    from cardimport.params_file import params_yaml
    from cardrepro.params import RUN_NAME
    from cardrepro.paths import project_root

    if not RUN_NAME.match(args.run):
        raise ValueError(f"--run {args.run!r}: not a run name; fix: use lower-case letters, digits and underscores, "
                         "starting with a letter")
    try:
        text = args.card.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{args.card.name}: not UTF-8 text (byte {exc.start}); fix: give the card as UTF-8") from exc
    try:
        card = card_section(text, args.card.name)
    except CardError as exc:
        raise ValueError(str(exc)) from exc
    if args.print:
        sys.stdout.write(params_yaml(args.run, args.card.name, card, args.data))
        return
    for path in write_run(project_root(), args.run, args.card.name, card, args.data):
        print(f"{args.run}: wrote {shown(path)}")
    print(f"{args.run}: next, fill in the GAP: lines of params/{args.run}.yaml; `cardrepro prepare {args.run}` builds its "
          f"pairs, `cardrepro check params/{args.run}.yaml` then says what is still missing, and `dvc repro "
          f"report@{args.run}` runs it")


def _described(add_parser):
    """Each command's help line as its description too, so `cardrepro <command> --help` says what it does."""
    def add(name, **kwargs):
        return add_parser(name, description=kwargs.get("help"), **kwargs)
    return add


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line on stderr (what is wrong and where to look), not a usage block."""

    def error(self, message: str):
        self.exit(2, f"error: {self.prog}: {message}; fix: see `{self.prog} --help`\n")


def parser() -> argparse.ArgumentParser:
    top = OneLineParser(prog="cardrepro", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    commands.add_parser = _described(commands.add_parser)

    pairs = commands.add_parser("pairs", help="write a run's pairs as JSON Lines with the card's column names")
    pairs.add_argument("run", help="a run of params/runs.yaml, e.g. cosine_sparql")
    pairs.add_argument("--source", choices=SOURCES, required=True)
    pairs.add_argument("--raw", help="real data: a file, a folder or hf://<dataset id> (default: params data.raw)")
    pairs.add_argument("--split", choices=SPLITS, default="train")
    pairs.add_argument("--params", help="params file for seed and row counts (default: params/<run>.yaml)")
    pairs.add_argument("--out", required=True, help="output .jsonl file")
    pairs.set_defaults(handler=_pairs)

    prepare = commands.add_parser("prepare", help="write every split of a run's pairs to the files its params name")
    prepare.add_argument("run", help="a run of params/runs.yaml, e.g. cosine_sparql")
    prepare.add_argument("--params", help="params file (default: params/<run>.yaml)")
    prepare.set_defaults(handler=_prepare)

    check = commands.add_parser("check", help="validate params files as `train` does before any model loads: params, "
                                "output folders, data, base model, devices")
    check.add_argument("files", nargs="+")
    check.add_argument("--profile", choices=params_module.PROFILES, default="full",
                       help="full: the params as they are (default); smoke: shrunk by params/smoke.yaml")
    check.set_defaults(handler=_check)

    train = commands.add_parser("train", help="a run's train stage: train, measure, save the model and the measurements")
    add_arguments(train, params_module.PROFILES)
    train.set_defaults(handler=_train)

    execute = commands.add_parser("execute", help="a run's report stage: its notebook with papermill, reading what "
                                  "the train stage measured (under --profile smoke it measures in place)")
    add_arguments(execute, params_module.PROFILES)
    execute.set_defaults(handler=_execute)

    summary = commands.add_parser("summary", help="execute the cross-run summary notebook over the runs' metrics")
    summary.add_argument("--report-root", default="reports", help="folder of <run>/details.json (default: reports)")
    summary.add_argument("--seeds-root", help="folder of <run>/seed<N>/details.json from seeds/dvc.yaml: adds the "
                         "seed spread (default: none)")
    summary.add_argument("--runs", nargs="+", choices=RUNS, metavar="RUN",
                         help=f"runs to include, some of {', '.join(RUNS)} (default: all five)")
    summary.add_argument("--output", help="default: reports/summary/summary.ipynb, or reports/summary/seeds/summary.ipynb "
                         "with --seeds-root")
    summary.set_defaults(handler=_summary)

    card = commands.add_parser("card", help="read a sentence-transformers model card")
    card_commands = card.add_subparsers(dest="card_command", required=True, parser_class=OneLineParser)
    imported = card_commands.add_parser("import", help="a card's run in one step: params/<run>.yaml from the card, its "
                                        "notebook and its place in params/runs.yaml, so that `dvc repro` runs it")
    imported.add_argument("card", type=Path, help="the model card (its README.md)")
    imported.add_argument("--run", required=True, help="the new run's name: lower-case letters, digits, underscores")
    imported.add_argument("--data", help="the file (or folder of one file) of the card's training pairs "
                          "(default: data/raw/<run>, to be filled in)")
    imported.add_argument("--print", action="store_true", help="print the params file it would write; write nothing")
    imported.set_defaults(handler=_card_import)

    smoke = commands.add_parser("smoke", help="write the shared cells (notebooks/shared-cells.yaml) into the run notebooks, "
                                "then re-execute notebooks in place with the smoke profile (params/smoke.yaml)")
    smoke.add_argument("runs", nargs="*", help="some of the runs of params/runs.yaml and summary (default: all of them)")
    smoke.set_defaults(handler=_smoke)
    return top


PATH_OPTIONS = ("params", "raw", "out", "output", "report_root", "seeds_root", "data", "files")  # given on the command line


def from_here(args: argparse.Namespace) -> argparse.Namespace:
    """Paths typed on the command line are the user's, taken from the current folder; the package reads every
    relative path from the project root (as params files name them), so rewrite each one relative to the root.
    From notebooks/, ``--out mine.jsonl`` is then notebooks/mine.jsonl, and from real/, ``../params/x`` is params/x."""
    from cardrepro.paths import project_root

    root, here = project_root(), Path.cwd().resolve()

    def rebased(path: str) -> str:
        if "://" in path or Path(path).is_absolute():
            return path
        return os.path.relpath(here / path, root)

    if here != root:
        for name in PATH_OPTIONS:
            value = getattr(args, name, None)
            if isinstance(value, str):
                setattr(args, name, rebased(value))
            elif isinstance(value, list):
                setattr(args, name, [rebased(item) for item in value])
    return args


def main(argv: list[str] | None = None) -> int:
    from cardrepro.errors import one_line_errors

    one_line_warnings()
    args = from_here(parser().parse_args(argv))
    return one_line_errors(args.command, lambda: args.handler(args), _notebook_failed)


def _notebook_failed(exc: Exception) -> int | None:
    """A notebook cell that raised under papermill: which cell, and where its traceback is."""
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError):
        return None
    print(f"error: the notebook failed in cell {exc.exec_count} ({exc.ename}: {exc.evalue}); nothing was "
          "published; fix: open the .failed.ipynb beside its report to see the cell", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
