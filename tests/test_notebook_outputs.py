"""Executed notebooks are for people, and the five run notebooks say what they share in one way.

Every committed notebook (the executed reports and the thin notebooks with their smoke outputs) is
scanned for what a reader should never meet; every cell tagged ``shared:<name>`` must be the same,
character for character, in all five run notebooks, so a fix to one is a fix to all.
"""

from __future__ import annotations

import re
import subprocess

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


UNEARNED = re.compile(r"\b(?:reads|uses|(?:does|do|decoder) (?:read|use)) (?:the (?:sentence |pooled )?embedding)\b"
                      r"|\bdecoder (?:reads|uses) it\b")


@pytest.mark.parametrize("path", committed_notebooks() + ["README.md", *[f"docs/{p.name}" for p in (project_root() / "docs").glob("*.md")]])
def test_nothing_committed_says_a_decoder_reads_or_uses_the_embedding(path):
    """'Reads' or 'uses' would say the decoder's loss depends on the embedding without the interval that shows it:
    the reports say 'wired' (a gradient reaches the embedding) and 'measurably depends' (the shuffled-source gap's
    interval excludes zero), each sentence chosen by its numbers (cardrepro.tsdae)."""
    text = (project_root() / path).read_text(encoding="utf-8")
    if path.endswith(".ipynb"):
        notebook = nbformat.reads(text, as_version=4)
        text = "\n".join([cell.source for cell in notebook.cells] + [t for _, t in output_texts(notebook)])
    claims = re.sub(r"[^.?!\n]*\?", "", text)  # a question ("Does the decoder read ...?") claims nothing
    found = [match.group(0) for match in UNEARNED.finditer(re.sub(r"\s+", " ", claims))]
    assert not found, f"{path}: {found}"


def test_the_scan_for_unearned_claims_catches_them():
    assert UNEARNED.search("the BERT decoder reads the embedding: a gradient") and UNEARNED.search("its decoder uses it")
    assert UNEARNED.search("which does read the embedding") and UNEARNED.search("make the decoder read the embedding")
    assert not UNEARNED.search("whether its loss depends on the embedding") and not UNEARNED.search("is wired to it")


def test_the_scan_catches_each_kind_of_noise():
    samples = {"a progress bar": "Loading weights:  40%|####", "an ANSI escape code": "\x1b[1mBold\x1b[0m",
               "a path on this machine": "from: /home/user/.venv/lib", "NaN": "0.5  NaN", "an empty table": "Empty DataFrame",
               "the trainer's notebook table": "<td>No log</td>", "a weight-loading report": "BertLMHeadModel LOAD REPORT"}
    assert set(samples) == set(NOISE)
    for what, text in samples.items():
        assert NOISE[what].search(text), what
    assert not any(pattern.search("cosine_ap 0.9166 (card) in 750 steps — none pictured") for pattern in NOISE.values())


def test_every_run_notebook_holds_each_shared_cell_as_shared_cells_yaml_writes_it(tmp_path):
    """One source for the cells the notebooks share: each notebook has every one, exactly as the YAML says."""
    import shutil

    from cardrepro.notebook_cells import SHARED_CELLS, shared_cells, sync

    names = set(shared_cells())
    assert len(names) >= 20  # the setup, the model, the data, the scores, the curves, the verdict, ...
    for run in RUNS:
        notebook = nbformat.read(project_root() / "notebooks" / f"{run}.ipynb", as_version=4)
        tags = [tag for cell in notebook.cells for tag in cell.metadata.get("tags", []) if tag.startswith("shared:")]
        assert sorted(tags) == sorted(f"shared:{name}" for name in names), run
        copy = tmp_path / f"{run}.ipynb"
        shutil.copy(project_root() / "notebooks" / f"{run}.ipynb", copy)
        assert sync(copy) == [], f"{run}: run `cardrepro smoke {run}` to write {SHARED_CELLS} into it"


def test_a_shared_cell_edited_once_reaches_every_notebook(tmp_path):
    import shutil

    import yaml

    from cardrepro.notebook_cells import SHARED_CELLS, sync

    cells = yaml.safe_load((project_root() / SHARED_CELLS).read_text())
    cells["setup"]["source"] += "print('edited once')\n"
    edited = tmp_path / "shared-cells.yaml"
    edited.write_text(yaml.safe_dump(cells))
    for run in RUNS:
        copy = tmp_path / f"{run}.ipynb"
        shutil.copy(project_root() / "notebooks" / f"{run}.ipynb", copy)
        assert sync(copy, edited) == ["setup"]
        assert "print('edited once')" in [c for c in nbformat.read(copy, as_version=4).cells
                                          if "shared:setup" in c.metadata.get("tags", [])][0].source
