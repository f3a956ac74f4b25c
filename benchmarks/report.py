"""The Performance tables of docs/performance.md, written from the benchmark JSON files under reports/benchmarks/.

The numbers in docs/performance.md are pasted from this output (a test keeps the two equal), so every figure
there can be traced to the run that measured it.

    python -m benchmarks.report
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "reports" / "benchmarks"
THROUGHPUT_FILES = ("training.json", "training_eedi.json")  # generated data, then the real Eedi pairs
GROUPING_FILES = ("length_grouping_eedi.json", "length_grouping.json")
OVERHEADS_FILE = "overheads.json"
RECIPE_NAMES = {"tsdae": "TSDAE", "mnrl": "MNRL", "cosine": "CosineSimilarity"}


def _load(name: str) -> dict | None:
    path = RESULTS / name
    return json.loads(path.read_text()) if path.is_file() else None


def _padding(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def _against_plain(row: dict) -> str:
    return (f"{row['samples_per_second']:.2f} (**x{row['ratio_to_plain']:.2f}**; median x{row['ratio_to_plain_median']:.2f}; "
            f"x{row['ratio_to_plain_with_setup']:.2f} with set-up)")


def throughput_table() -> str:
    """Samples/s in the best ``train()`` of the plain script, the project and the length-grouped
    project, with the ratios to the plain script: best runs, medians, and best runs with set-up."""
    lines = ["| recipe (run, data) | pairs x steps | plain script | project | project, length-grouped | sentence_0 padding, random -> grouped |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name in THROUGHPUT_FILES:
        for recipe, result in ((_load(name) or {}).get("recipes") or {}).items():
            rows = result["variants"]
            plain, project = rows["plain script"], rows["project"]
            grouped = rows.get("project, length-grouped")
            cells = [f"{RECIPE_NAMES[recipe]} ({result['run']}, {result['data']})",
                     f"{result['pairs']} x {result['steps']} (batch {result['batch_size']})",
                     f"{plain['samples_per_second']:.2f} samples/s",
                     _against_plain(project),
                     _against_plain(grouped) if grouped else "refused: in-batch negatives",
                     f"{_padding(project['sentence_0_padding'])} -> {_padding(grouped['sentence_0_padding'])}" if grouped
                     else _padding(project["sentence_0_padding"])]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _shift(values: list[float], reference: list[float]) -> str:
    from benchmarks.length_grouping import within_seed_noise

    check = within_seed_noise(values, reference)
    return f"{check['mean_shift']:+.4f} ({check['random_seed_range']:.4f}: {'within' if check['within'] else 'OUTSIDE'})"


def grouping_table() -> str:
    """Random vs length-grouped batches over seeds: time, padding, the loss curve (mean over seeds at
    each logged step) and the held-out metric; last row: grouped - random, with the random runs'
    seed range in brackets (a shift inside it is within seed noise)."""
    lines = ["| recipe (data, pairs x steps, seeds) | batches | seconds, median (each seed) | sentence_0 padding | "
             "training loss at step ... (mean over seeds) | held-out metric (mean over seeds) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name in GROUPING_FILES:
        for recipe, result in (_load(name) or {}).items():
            label = (f"{RECIPE_NAMES[recipe]} ({result['run']}, {result.get('data', 'generated')}, "
                     f"{result.get('pairs', '?')} x {result['steps']}, seeds {', '.join(map(str, result['seeds']))})")
            curves = {batches: [run["loss_curve"] for run in runs] for batches, runs in result["runs"].items()}
            steps = list(curves["random"][0])
            metric = {batches: [run["metric"] for run in runs] for batches, runs in result["runs"].items()}
            for batches, runs in result["runs"].items():
                row = result["summary"][batches]
                loss = " / ".join(f"{step}: {sum(c[step] for c in curves[batches]) / len(runs):.4f}" for step in steps)
                each = ", ".join(f"{run['seconds']:.1f}" for run in runs)
                lines.append(f"| {label} | {batches} | {row['median_seconds']:.1f} ({each}) | "
                             f"{_padding(row['padding'])} | {loss} | {result['metric']} "
                             f"{sum(metric[batches]) / len(runs):.4f} |")
            shifts = " / ".join(f"{step}: {_shift([c[step] for c in curves['length-grouped']], [c[step] for c in curves['random']])}"
                                for step in steps)
            lines.append(f"| {label} | **grouped - random** (seed range) | x{result['speedup']:.2f} faster | | {shifts} | "
                         f"{_shift(metric['length-grouped'], metric['random'])} |")
    return "\n".join(lines)


def overheads_table() -> str:
    """What the tooling costs: the no-op ``dvc repro``, papermill vs a script, the test suite."""
    found = _load(OVERHEADS_FILE) or {}
    lines = ["| what | measured |", "| --- | --- |"]
    noop = found.get("dvc_repro_noop") or {}
    if noop.get("median_seconds") is not None:
        each = ", ".join(f"{x:.2f}" for x in noop["seconds"])
        lines.append(f"| `dvc repro` with nothing to do, median of {len(noop['seconds'])} ({each}) | {noop['median_seconds']:.2f} s |")
    papermill = found.get("papermill")
    if papermill:
        lines.append(f"| {papermill['notebook']}: papermill with kernel start vs the same cells as a script, "
                     f"best of {len(papermill['papermill_seconds'])} | {papermill['papermill_best_seconds']:.1f} s vs "
                     f"{papermill['script_best_seconds']:.1f} s ({papermill['overhead_seconds']:+.1f} s) |")
    suite = found.get("test_suite")
    if suite:
        minutes, seconds = divmod(round(suite["seconds"]), 60)
        lines.append(f"| the whole test suite (`pytest`, without set-up) | {minutes} min {seconds:02d} s: {suite['result']} |")
    return "\n".join(lines)


def tables() -> str:
    return "\n\n".join([throughput_table(), grouping_table(), overheads_table()])


if __name__ == "__main__":
    print(tables())
