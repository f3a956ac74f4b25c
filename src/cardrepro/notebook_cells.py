"""The cells every run notebook shares, kept once in ``notebooks/shared-cells.yaml``.

A run notebook marks each shared cell with a tag ``shared:<name>``; ``sync`` writes the cell's source and
its nbval tags from the YAML into every notebook, so a fix is made once and all notebooks follow
(``cardrepro smoke`` syncs before it re-executes them; tests/test_notebook_outputs.py checks they match).
Each notebook keeps its own cells in between: its card's story, its own tables.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

from cardrepro.params import ParamsError
from cardrepro.paths import resolve, shown

SHARED_CELLS = "notebooks/shared-cells.yaml"
TAG = "shared:"
CELL_KEYS = {"type", "source", "tags"}


def shared_cells(path: str | Path = SHARED_CELLS) -> dict[str, dict]:
    """{name: {"type": "code" | "markdown", "source": text, "tags": [nbval tags]}} from the YAML."""
    cells = yaml.safe_load(resolve(path).read_text(encoding="utf-8"))
    for name, cell in (cells or {}).items():
        if not isinstance(cell, dict) or set(cell) - CELL_KEYS or cell.get("type") not in ("code", "markdown") \
                or not isinstance(cell.get("source"), str):
            raise ParamsError(f"{path}: {name}: needs type (code or markdown), source (text) and optionally tags; "
                              "fix: write it as the other cells there")
    return cells


def sync(notebook: str | Path, path: str | Path = SHARED_CELLS) -> list[str]:
    """Write every shared cell of ``notebook`` from the YAML; returns the names of the cells that changed."""
    notebook = resolve(notebook)
    cells = shared_cells(path)
    document = nbformat.read(notebook, as_version=4)
    changed = []
    for cell in document.cells:
        names = [tag[len(TAG):] for tag in cell.metadata.get("tags", []) if tag.startswith(TAG)]
        for name in names:
            if name not in cells:
                raise ParamsError(f"{shown(notebook)}: a cell is tagged {TAG}{name}, which {path} does not hold; "
                                  f"fix: add it there, or remove the tag")
            wanted = cells[name]
            tags = [*wanted.get("tags", []), f"{TAG}{name}"]
            source = wanted["source"].rstrip("\n")
            if cell.cell_type != wanted["type"]:
                raise ParamsError(f"{shown(notebook)}: the cell tagged {TAG}{name} is {cell.cell_type}, {path} says "
                                  f"{wanted['type']}; fix: change one of them")
            if cell.source != source or cell.metadata.get("tags") != tags:
                cell.source, cell.metadata["tags"] = source, tags
                changed.append(name)
    if changed:
        nbformat.write(document, notebook)
    return changed
