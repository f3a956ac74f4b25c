"""Every card's recipe on a GPU, through the pipeline's own commands, with its times and metrics.

One command for a GPU machine (not yet timed on one: no GPU was lent to this project): for each
run it writes a params file of its own under ``--out`` (the pairs, models and reports go there too,
so nothing of the committed results is touched), with the CPU-only departures of
``benchmarks/gpu_recipes.yaml`` undone, then runs ``cardrepro prepare``, ``cardrepro train`` and
``cardrepro execute`` as the pipeline's stages do. Precision is the runs' own choice (bf16 and tf32 on Ampere or newer).
It ends with ``gpu_recipes.json`` and ``gpu_recipes.md``: the GPU's times and headline metrics
next to the committed CPU run's.

    python -m benchmarks.gpu_recipes --out gpu_run [--runs tsdae_qwen ...] [--profile smoke]

``--profile smoke`` runs the smoke-sized recipes (seconds, any device): a check of this script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

from cardrepro.params import PROFILES, RUNS, ParamsError, load_run, load_yaml
from cardrepro.paths import atomic_write, resolve, shown

CHANGES = Path(__file__).with_name("gpu_recipes.yaml")
ROOT = Path(__file__).resolve().parents[1]


def gpu_params(run: str, out: Path, changes: dict) -> dict:
    """params/<run>.yaml with every path under ``out`` and the run's GPU changes applied."""
    raw = load_yaml(ROOT / "params" / f"{run}.yaml")
    for section, values in changes.get(run, {}).items():
        unknown = set(values) - set(raw.get(section, {}))
        if unknown:
            raise ParamsError(f"{shown(CHANGES)}: {run}.{section}: {', '.join(sorted(unknown))} not in "
                              f"params/{run}.yaml; fix: name keys the params file has")
        raw[section] = raw[section] | values
    for key in ("train_file", "eval_file", "corpus_file"):
        if raw["data"].get(key):
            raw["data"][key] = str(out / "data" / run / Path(raw["data"][key]).name)
    raw["outputs"] = {"model_dir": str(out / "models" / run), "report_dir": str(out / "reports" / run)}
    return raw


def departures(run: str, changes: dict) -> str:
    """What the GPU run does differently from the committed CPU run, in words for the table."""
    raw = load_yaml(ROOT / "params" / f"{run}.yaml")
    said = [f"{section}.{key}: {value} (CPU: {raw[section][key]})"
            for section, values in changes.get(run, {}).items() for key, value in values.items()]
    return "; ".join(said) or "none"


def _cardrepro(*args: str) -> float:
    """Run one ``cardrepro`` command as a stage would, on one GPU (the first, unless CUDA_VISIBLE_DEVICES
    names others: a one-process run refuses several); its wall-clock seconds."""
    start = time.perf_counter()
    env = os.environ | {"CUDA_VISIBLE_DEVICES": os.environ.get("CUDA_VISIBLE_DEVICES", "0")}
    subprocess.run([sys.executable, "-m", "cardrepro.cli", *args], cwd=ROOT, check=True, env=env)
    return time.perf_counter() - start


def run_recipe(run: str, out: Path, changes: dict, profile: str) -> dict:
    """Prepare, train and report one run under ``out`` (the smoke profile measures in its notebook); the row of the
    table."""
    params_file = out / "params" / f"{run}.yaml"
    params_file.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(params_file) as handle:
        yaml.safe_dump(gpu_params(run, out, changes), handle, sort_keys=False)
    params = load_run(params_file, profile=profile)
    prepare = _cardrepro("prepare", run, "--params", str(params_file)) if profile == "full" else 0.0
    train = _cardrepro("train", run, "--params", str(params_file)) if profile == "full" else 0.0
    execute = _cardrepro("execute", run, "--params", str(params_file), "--profile", profile)
    here = json.loads((resolve(params.outputs["report_dir"]) / "details.json").read_text(encoding="utf-8"))
    cpu = json.loads((ROOT / "reports" / run / "details.json").read_text(encoding="utf-8"))
    metric = here["headline"]
    return {"run": run, "profile": profile, "device": here["training"]["device"],
            "precision": here["training"]["precision"], "peak_memory_mib": here["training"]["peak_memory_mib"],
            "steps": here["training"]["steps"], "training_seconds": here["training"]["seconds"],
            "stage_seconds": round(prepare + train + execute, 1), "metric": metric, "tuned": here["tuned"][metric],
            "cpu_steps": cpu["training"]["steps"], "cpu_training_seconds": cpu["training"]["seconds"],
            "cpu_tuned": cpu["tuned"][metric], "departures": departures(run, changes)}


def table(rows: list[dict]) -> str:
    """The rows as a markdown table: the GPU's figures, the committed CPU run's in brackets."""
    lines = ["| run | device, precision | steps (CPU) | training s (CPU) | prepare + train + execute s | peak MiB "
             "| headline (CPU) | differs from the CPU run |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(f"| {row['run']} | {row['device']}, {row['precision']} | {row['steps']} ({row['cpu_steps']}) "
                     f"| {row['training_seconds']:.1f} ({row['cpu_training_seconds']:.1f}) | {row['stage_seconds']:.1f} "
                     f"| {row['peak_memory_mib']} | {row['metric']} {row['tuned']:.4f} ({row['cpu_tuned']:.4f}) "
                     f"| {row['departures']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="python -m benchmarks.gpu_recipes", description=__doc__.splitlines()[0])
    top.add_argument("--out", required=True, help="a new or empty folder for params, pairs, models, reports and the table")
    top.add_argument("--runs", nargs="+", choices=RUNS, default=list(RUNS))
    top.add_argument("--profile", choices=PROFILES, default="full")
    args = top.parse_args(argv)
    out = resolve(args.out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"error: --out {args.out}: exists and is not an empty folder; fix: name a new folder", file=sys.stderr)
        return 2
    if args.profile == "full":
        import torch

        if torch.version.cuda is None:
            print(f"error: this environment's torch {torch.__version__} is a CPU build; fix: on a GPU machine, "
                  "`make gpu TORCH_BUILD=pypi` (PyPI's torch build of the lock has CUDA), or pass --profile smoke", file=sys.stderr)
            return 2
        if not torch.cuda.is_available():
            print("error: no GPU visible to torch; fix: run this on a GPU machine, or pass --profile smoke "
                  "to check the script on this one", file=sys.stderr)
            return 2
    changes = load_yaml(CHANGES) or {}
    rows = []
    for run in args.runs:
        print(f"{run}: the {args.profile} recipe into {shown(out)}", flush=True)
        try:
            rows.append(run_recipe(run, out, changes, args.profile))
        except subprocess.CalledProcessError as exc:
            print(f"error: {run}: `cardrepro {exc.cmd[3]}` exited {exc.returncode}; its error is above; the runs "
                  f"before it are in {shown(out / 'gpu_recipes.md')}", file=sys.stderr)
            return 1
        print(f"{run}: trained {rows[-1]['steps']} steps in {rows[-1]['training_seconds']:.1f} s "
              f"on {rows[-1]['device']}", flush=True)
        write_results(out, rows)  # after every run: a machine taken back mid-way keeps what finished
    print(table(rows))
    return 0


def write_results(out: Path, rows: list[dict]) -> None:
    """gpu_recipes.json (every figure) and gpu_recipes.md (the table) for the runs done so far."""
    with atomic_write(out / "gpu_recipes.json") as handle:
        json.dump(rows, handle, indent=2)
    with atomic_write(out / "gpu_recipes.md") as handle:
        handle.write(table(rows))


if __name__ == "__main__":
    sys.exit(main())
