"""A run's train stage (``python -m cardrepro.train_stage <run>``, ``cardrepro train <run>``, ``train@<run>`` in dvc.yaml).

It measures everything that needs a model (``cardrepro.measure``) and publishes the tuned model in
``outputs.model_dir`` and the measurements in ``<outputs.report_dir>/measured/``; the run's notebook
(its report stage) then reads them. Like a report, it writes into the run's staging folder and moves
its results into place only once all is measured: an interrupted or failed train stage leaves the
previous model and measurements as they were.

This module and what it imports are the train stage's dependencies in dvc.yaml, and nothing else of
``src/`` (tests/test_pipeline.py checks the lists): a change to a report never re-trains.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cardrepro.params import ParamsError, RunParams
from cardrepro.paths import shown


def check_ready(params: RunParams) -> tuple[dict[str, list[dict]], list[str]]:
    """What training reads (data, base model, devices) must be usable before any model loads. Returns the pairs
    and the warnings building them gave (``data.check_data``), read once."""
    from cardrepro.data import check_data

    data = check_data(params)
    from cardrepro.models import ModelUnavailableError, position_limit, resolve_base_model

    try:
        resolved = resolve_base_model(params.model)  # finds the weights without loading them
    except ModelUnavailableError as exc:
        raise ParamsError(f"{params.source}: {exc}") from exc
    if resolved.origin == "local_path" and not any((Path(resolved.path) / name).is_file()
                                                   for name in ("modules.json", "config.json")):
        raise ParamsError(f"{params.source}: model.local_path: {params.model['local_path']!r} holds no saved model "
                          "(no modules.json or config.json); fix: point it at a folder saved by sentence-transformers")
    limit, asked = position_limit(resolved), params.model["max_seq_length"]
    if limit is not None and asked > limit:
        raise ParamsError(f"{params.source}: model.max_seq_length: {asked} is beyond the {limit} positions of "
                          f"{resolved.stand_in or resolved.requested}; fix: use at most {limit}")
    import torch

    from cardrepro.distributed import device_problem

    problem = device_problem(params.training, torch.cuda.device_count())
    if problem:
        raise ParamsError(f"{params.source}: {problem}")
    return data


def train_run(params: RunParams) -> Path:
    """Measure ``params``'s run through its staging folder; returns the published measurements folder."""
    from cardrepro.measure import measure, measured_folder
    from cardrepro.measurements import save
    from cardrepro.outputs import (MEASURED_DIR, PublishError, check_outputs, create_staging, deferred_signals, publish_staged,
                                   remove_stale_staging, remove_staging, terminate_as_interrupt)
    from cardrepro.progress import to_terminal

    check_outputs(params)
    data = check_ready(params)
    stale = remove_stale_staging(params)
    if stale:
        print(stale)
    staging = create_staging(params)
    try:
        with terminate_as_interrupt():
            to_terminal()  # progress bars on the terminal, load reports off
            save(measure(params, staging / "model", data), staging / "report" / MEASURED_DIR)
        with deferred_signals():  # a publication is never left half-way by Ctrl-C or SIGTERM
            check_outputs(params)  # files may have appeared in the output folders meanwhile
            publish_staged(params, staging, (MEASURED_DIR,), {})
    except PublishError:
        raise  # the staging folder holds the previous results: it stays
    except BaseException:
        remove_staging(staging)
        raise
    return measured_folder(params)


def add_arguments(parser: argparse.ArgumentParser, profiles: tuple) -> None:
    """The run and how its params are read: the same options for ``cardrepro train`` and ``execute``."""
    parser.add_argument("run", help="a run of params/runs.yaml, e.g. cosine_sparql")
    parser.add_argument("--params", help="params file (default: params/<run>.yaml)")
    parser.add_argument("--profile", choices=profiles, default="full",
                        help="full: the params as they are (default); smoke: shrunk by params/smoke.yaml to seconds")
    variant = parser.add_mutually_exclusive_group()  # each writes its own folder tree; together they would share one
    variant.add_argument("--seed", type=int, help="repeat the run at this training seed, under "
                         "reports/seeds/<run>/seed<N>/ and models/seeds/<run>/seed<N>/ (seeds/dvc.yaml)")
    variant.add_argument("--real", metavar="NAME", help="the run NAME of params/real.yaml: on the real data, under "
                         "reports/real/NAME/ and models/real/NAME/ (real/dvc.yaml)")


def main(argv: list[str] | None = None) -> int:
    """The train stage's own command line (dvc.yaml's ``cmd``): the same as ``cardrepro train``, without the rest
    of the command line, so that the stage depends on what training runs and nothing more."""
    from cardrepro import one_line_warnings
    from cardrepro.errors import one_line_errors
    from cardrepro.params import PROFILES, load_run

    one_line_warnings()
    parser = argparse.ArgumentParser(prog="python -m cardrepro.train_stage", description=__doc__.split("\n")[0])
    add_arguments(parser, PROFILES)
    args = parser.parse_args(argv)

    def train() -> None:
        params = load_run(args.params or f"params/{args.run}.yaml", profile=args.profile, real=args.real, seed=args.seed)
        if params.run != args.run:
            raise ParamsError(f"{params.source}: run: says {params.run!r}, not {args.run!r}; "
                              f"fix: pass params/{args.run}.yaml")
        print(trained_line(params, train_run(params)))

    return one_line_errors("train", train)


def trained_line(params: RunParams, folder: Path) -> str:
    return f"{params.run}: trained; model at {shown(params.outputs['model_dir'])}, measurements at {shown(folder)}"


if __name__ == "__main__":
    sys.exit(main())
