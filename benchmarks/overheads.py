"""What the tooling costs on top of the training itself.

- ``dvc repro`` with nothing to do (timed only when ``dvc status`` says the pipeline is up to date:
  otherwise it would run the pipeline);
- one notebook under papermill (kernel start included) vs the same cells run as a plain Python script,
  both with the notebook's smoke defaults;
- with ``--tests``, the whole test suite's wall time.

    python benchmarks/overheads.py [--notebook mnrl_compressed] [--repeats 3] [--tests]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout + done.stderr


def dvc_noop(repeats: int) -> dict:
    _, status = timed(["dvc", "status"])
    if "up to date" not in status:
        return {"seconds": None, "why": "the pipeline is not up to date here: run `dvc repro` first"}
    runs = [timed(["dvc", "repro"])[0] for _ in range(repeats)]
    return {"median_seconds": round(statistics.median(runs), 2), "seconds": [round(s, 2) for s in runs]}


def notebook_vs_script(run: str, repeats: int) -> dict:
    import nbformat
    from nbconvert import PythonExporter

    notebook = ROOT / "notebooks" / f"{run}.ipynb"
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / f"{run}.py"
        script.write_text(PythonExporter().from_notebook_node(nbformat.read(notebook, as_version=4))[0])
        executed = Path(scratch) / f"{run}.ipynb"
        papermill, plain = [], []
        for _ in range(repeats):  # interleaved, so a slow spell of the machine hits both
            papermill.append(timed(["papermill", str(notebook), str(executed), "-k", "cardrepro", "--no-progress-bar"])[0])
            plain.append(timed([sys.executable, str(script)])[0])
    # the best of each: other load on this machine only ever adds time
    return {"notebook": f"notebooks/{run}.ipynb (smoke defaults)", "papermill_seconds": [round(s, 2) for s in papermill],
            "script_seconds": [round(s, 2) for s in plain], "papermill_best_seconds": round(min(papermill), 2),
            "script_best_seconds": round(min(plain), 2), "overhead_seconds": round(min(papermill) - min(plain), 2)}


def test_suite() -> dict:
    """The whole suite as README's test command runs it (``pytest``), timed, with its closing line."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=12"], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    log = Path(tempfile.gettempdir()) / "cardrepro-test-suite.log"
    log.write_text(done.stdout + done.stderr)
    print(f"test suite output: {log}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    slowest = [line.strip() for line in lines if re.match(r"\d+(\.\d+)?s call ", line.strip())]  # --durations rows
    return {"seconds": round(seconds, 1), "exit_code": done.returncode, "result": lines[-1].strip("= ") if lines else "",
            "slowest": slowest}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", default="mnrl_compressed")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--tests", action="store_true", help="also time the whole test suite (minutes)")
    parser.add_argument("--out", default="reports/benchmarks/overheads.json")
    parser.add_argument("--only", nargs="+", choices=["dvc", "papermill", "tests"],
                        help="re-measure only these, keeping the others' figures from --out")
    args = parser.parse_args(argv)
    out = ROOT / args.out
    results = json.loads(out.read_text()) if args.only and out.is_file() else {}
    chosen = args.only or ["dvc", "papermill"] + (["tests"] if args.tests else [])
    if "dvc" in chosen:
        results["dvc_repro_noop"] = dvc_noop(args.repeats)
    if "papermill" in chosen:
        results["papermill"] = notebook_vs_script(args.notebook, args.repeats)
    if "tests" in chosen:
        results["test_suite"] = test_suite()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
