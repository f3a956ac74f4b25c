"""Executed notebooks are for people, and the five run notebooks say what they share in one way.

Every committed notebook (the executed reports and the thin notebooks with their smoke outputs) is
scanned for what a reader should never meet; every cell tagged ``shared:<name>`` must be the same,
character for character, in all five run notebooks, so a fix to one is a fix to all.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict

import nbformat
import pytest

from cardrepro.paths import project_root

RUNS = ["cosine_sparql", "tsdae_minilm", "tsdae_qwen", "mnrl_qa", "mnrl_compressed"]
NOISE = {
    "a progress bar": re.compile(r"\d+%\|"),
    "an ANSI escape code": re.compile(r"\x1b\["),
    "a path on this machine": re.compile(r"/work/|/home/|/tmp/|/Users/|site-packages|\.venv/"),
    "NaN": re.compile(r"\bNaN\b|\bnan\b"),
    "an empty table": re.compile(r"Empty DataFrame|<tbody>\s*</tbody>"),
    "the trainer's notebook table": re.compile(r"No log"),
    "a weight-loading report": re.compile(r"LOAD REPORT"),
}


def committed_notebooks() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=project_root(), capture_output=True, text=True, check=True)
    return [path for path in listed.stdout.split() if path.startswith(("reports/", "notebooks/"))]


def output_texts(notebook) -> list[tuple[int, str]]:
    """Each output's readable text (streams, text and HTML; not images), with its cell's index."""
    texts = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append((index, output["text"]))
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/"):
                    texts.append((index, value))
    return texts


@pytest.mark.parametrize("path", committed_notebooks())
def test_committed_notebooks_hold_no_noise(path):
    notebook = nbformat.read(project_root() / path, as_version=4)
    found = [f"cell {index}: {what}: {match.group(0)!r}" for index, text in output_texts(notebook)
             for what, pattern in NOISE.items() for match in [pattern.search(text)] if match]
    assert not found, f"{path}: " + "; ".join(found)


def test_the_scan_catches_each_kind_of_noise():
    samples = {"a progress bar": "Loading weights:  40%|####", "an ANSI escape code": "\x1b[1mBold\x1b[0m",
               "a path on this machine": "from: /home/user/.venv/lib", "NaN": "0.5  NaN", "an empty table": "Empty DataFrame",
               "the trainer's notebook table": "<td>No log</td>", "a weight-loading report": "BertLMHeadModel LOAD REPORT"}
    assert set(samples) == set(NOISE)
    for what, text in samples.items():
        assert NOISE[what].search(text), what
    assert not any(pattern.search("cosine_ap 0.9166 (card) in 750 steps — none pictured") for pattern in NOISE.values())


def test_shared_cells_are_the_same_in_every_run_notebook():
    shared: dict[str, dict[str, str]] = defaultdict(dict)
    for run in RUNS:
        notebook = nbformat.read(project_root() / "notebooks" / f"{run}.ipynb", as_version=4)
        for cell in notebook.cells:
            for tag in cell.metadata.get("tags", []):
                if tag.startswith("shared:"):
                    assert tag not in shared or run not in shared[tag], f"{run}: two cells tagged {tag}"
                    shared[tag][run] = cell.source
    assert len(shared) >= 20  # the setup, the model, the data, the scores, the curves, the verdict, ...
    for tag, sources in shared.items():
        assert set(sources) == set(RUNS), f"{tag} is missing from {sorted(set(RUNS) - set(sources))}"
        assert len(set(sources.values())) == 1, f"{tag} has drifted: {sorted(sources)} differ"
