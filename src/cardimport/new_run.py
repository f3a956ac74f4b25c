"""A card's run in one step: params/<run>.yaml, its entry in params/runs.yaml and notebooks/<run>.ipynb, after
which `dvc repro` trains and reports it by name. Nothing that exists is overwritten: a run name already taken,
or a file already there, is refused before anything is written."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import nbformat
import yaml

from cardimport.params_file import params_yaml

OBJECTIVES = {"DenoisingAutoEncoderLoss": "src/cardrepro/objectives/tsdae"}
CONTRASTIVE = "src/cardrepro/objectives/contrastive.py"
KERNEL = {"display_name": "Python (cardrepro)", "language": "python", "name": "cardrepro"}


class RunExists(ValueError):
    """The run's name or one of its files is already taken."""


def _notebook(run: str, values: dict[str, Any]) -> nbformat.NotebookNode:
    """The template's cells, this card's values filled in; shared cells are placeholders that ``sync`` fills."""
    from cardrepro.notebook_cells import TAG, shared_cells

    shared = shared_cells()
    template = yaml.safe_load(resources.files("cardimport").joinpath("notebook_template.yaml").read_text("utf-8"))
    cells = []
    for cell in template:
        (kind, body), = cell.items()
        if kind == "shared":
            new_cell = nbformat.v4.new_markdown_cell if shared[body]["type"] == "markdown" else nbformat.v4.new_code_cell
            cells.append(new_cell("", metadata={"tags": [f"{TAG}{body}"]}))
        elif kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(body.format(**values).rstrip("\n")))
        else:
            tags = {"tags": ["parameters"]} if kind == "parameters" else {}
            cells.append(nbformat.v4.new_code_cell(body.format(**values).rstrip("\n"), metadata=tags))
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNEL})


def registry_entry(run: str, card: dict[str, Any], raw: str) -> str:
    """The run's line in params/runs.yaml. ``raw`` is its prepare stage's dependency: for a hub dataset, which DVC
    cannot track, the run's params file (where data.raw names it) stands in."""
    entry = {"raw": f"params/{run}.yaml" if raw.startswith("hf://") else raw, "objective": OBJECTIVES.get(card["hyperparameters"]["loss"], CONTRASTIVE)}
    if len(card["dataset"]["columns"]) == 3:
        entry["labelled"] = True
    return f"  {run}: {yaml.safe_dump(entry, default_flow_style=True, width=10_000).strip()}\n"


def write_run(root: Path, run: str, card_file: str, card: dict[str, Any], raw: str | None) -> list[Path]:
    """Write the run's three pieces under ``root``; returns the files written (the registry last, so that a
    failure before it leaves no half-registered run)."""
    from cardrepro.notebook_cells import sync
    from cardrepro.params import RUNS_FILE, pipeline_runs

    params_file, notebook_file, registry = root / "params" / f"{run}.yaml", root / "notebooks" / f"{run}.ipynb", root / RUNS_FILE
    if run in pipeline_runs():
        raise RunExists(f"{RUNS_FILE}: runs.{run}: the run exists; fix: choose another --run name")
    taken = [path for path in (params_file, notebook_file) if path.exists()]
    if taken:
        raise RunExists(f"{taken[0].relative_to(root)}: exists; fix: choose another --run name, or remove it first")
    values = {"run": run, "card_file": card_file, "base_model": card["base_model"],
              "loss": card["hyperparameters"]["loss"], "train_pairs": f"{card['train_pairs']:,}"}
    written = []
    try:  # all three or none: a failure removes what this call wrote, and nothing else
        params_file.write_text(params_yaml(run, card_file, card, raw), encoding="utf-8")  # None: a GAP line
        written.append(params_file)
        nbformat.write(_notebook(run, values), notebook_file)
        written.append(notebook_file)
        sync(notebook_file)
        with registry.open("a", encoding="utf-8") as handle:
            handle.write(registry_entry(run, card, raw or f"data/raw/{run}"))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return [params_file, notebook_file, registry]
