"""Execute a run's notebook with papermill: validate first, publish only a finished notebook.

The executed copy is written to a temporary file and moved into place at the end, with
papermill's timings and progress widgets stripped so that notebooks diff on content only, and
rendered to HTML beside it (``<name>.html``) for reviewers without Jupyter.
A failed run leaves ``<name>.failed.ipynb`` for debugging and removes the run's partial outputs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat

from cardrepro.params import ParamsError, RunParams
from cardrepro.paths import project_root, resolve, scratch_file
from cardrepro.reports import METRICS_FILE, PLOTS_DIR

KERNEL_NAME = "cardrepro"
VOLATILE_CELL_METADATA = ("papermill", "execution")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes on every run without meaning anything: papermill's and Jupyter's
    timings, and progress-bar widgets (random model ids; their plain-text copy stays)."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_MIME, None)
    return notebook


def check_ready(params: RunParams) -> None:
    """Everything a run reads (data, base model, kernel) must exist before a kernel or a model starts."""
    for split in ("train", "eval"):
        path = params.data.get(f"{split}_file")
        if path and not resolve(path).is_file():
            raise ParamsError(f"{params.source}: data.{split}_file: no such file {path!r}; "
                              f"fix: run `dvc repro prepare_{params.run}` first, or set it to null")
    from cardrepro.models import ModelUnavailableError, resolve_base_model

    try:
        resolve_base_model(params.model)  # finds the weights without loading them
    except ModelUnavailableError as exc:
        raise ParamsError(f"{params.source}: {exc}") from exc


def _remove_partial_outputs(params: RunParams) -> None:
    shutil.rmtree(resolve(params.outputs["model_dir"]), ignore_errors=True)
    report_dir = resolve(params.outputs["report_dir"])
    (report_dir / METRICS_FILE).unlink(missing_ok=True)
    shutil.rmtree(report_dir / PLOTS_DIR, ignore_errors=True)


def execute(params: RunParams, notebook: str | Path, output: str | Path) -> Path:
    """Run ``notebook`` with ``params`` injected; return the published executed notebook."""
    check_ready(params)
    return publish(notebook, output, params.as_dict() | {"params_file": params.source},
                   on_failure=lambda: _remove_partial_outputs(params))


def publish(notebook: str | Path, output: str | Path, parameters: dict, on_failure=None) -> Path:
    """Execute ``notebook`` with ``parameters`` from the project root and publish it with its HTML.

    Nothing is published unless every cell ran: a failure leaves ``<name>.failed.ipynb`` and
    calls ``on_failure`` (which removes the run's partial results).
    """
    import papermill

    if KERNEL_NAME not in _kernels():
        raise ParamsError(f"kernel {KERNEL_NAME!r} is not installed; fix: run `make kernel` "
                          f"(python -m ipykernel install --sys-prefix --name {KERNEL_NAME})")
    output = resolve(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    failed = output.with_suffix(".failed.ipynb")
    failed.unlink(missing_ok=True)
    fd, scratch = scratch_file(output, ".ipynb")
    os.close(fd)
    try:
        papermill.execute_notebook(str(resolve(notebook)), scratch, parameters=parameters,
                                   kernel_name=KERNEL_NAME, cwd=str(project_root()), progress_bar=True)
    except BaseException:
        if on_failure is not None:
            on_failure()
        output.with_suffix(".html").unlink(missing_ok=True)
        os.replace(scratch, failed)
        raise
    notebook_node = strip_volatile(nbformat.read(scratch, as_version=4))
    nbformat.write(notebook_node, scratch)
    render_html(notebook_node, output.with_suffix(".html"))
    os.replace(scratch, output)
    return output


def _kernels() -> dict:
    from jupyter_client.kernelspec import find_kernel_specs

    return find_kernel_specs()


def render_html(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """The executed notebook as one self-contained HTML page (figures inline), written atomically."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    fd, scratch = scratch_file(path, ".html")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.replace(scratch, path)
    return path


def refresh_smoke(notebook: str | Path) -> Path:
    """Re-execute a thin notebook in place with its own smoke defaults, as nbval will re-run it."""
    import papermill

    notebook = resolve(notebook)
    fd, scratch = scratch_file(notebook, ".ipynb")
    os.close(fd)
    try:
        papermill.execute_notebook(str(notebook), scratch, kernel_name=KERNEL_NAME, cwd=str(notebook.parent),
                                   progress_bar=False)
        nbformat.write(strip_volatile(nbformat.read(scratch, as_version=4)), scratch)
        os.replace(scratch, notebook)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return notebook
