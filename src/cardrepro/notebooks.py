"""Execute a run's notebook with papermill: validate first, publish only a finished notebook.

The run writes into a staging folder of its own (``cardrepro.outputs``); only when every cell has
run are its model, metrics, plots and the executed notebook moved into place, with papermill's
timings and progress widgets stripped so that notebooks diff on content only, and rendered to
HTML beside it (``<name>.html``) for reviewers without Jupyter. A failed or interrupted run
(Ctrl-C or SIGTERM) leaves ``<name>.failed.ipynb`` for debugging and removes its staging folder
and nothing else.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import nbformat

from cardrepro.params import ParamsError, RunParams
from cardrepro.paths import atomic_write, project_root, resolve, scratch_file, shown
from cardrepro.outputs import terminate_as_interrupt
from cardrepro.progress import KERNEL_ARGUMENTS

KERNEL_NAME = "cardrepro"
KERNEL_STOP_SECONDS = 30  # how long an interrupted run waits for papermill to notice its kernel is gone
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


def execute(params: RunParams, notebook: str | Path | None = None) -> Path:
    """Run ``notebook`` (default notebooks/<run>.ipynb) through a staging folder and return the published
    executed notebook, ``<report_dir>/<run>.ipynb``. The notebook is handed how ``params`` were read
    (``params.load_run``'s arguments), not their values, and reads them itself the same way."""
    from cardrepro.outputs import (DETAILS_FILE, METRICS_FILE, PLOTS_DIR, PublishError, check_outputs, create_staging,
                                   deferred_signals, publish_staged, remove_stale_staging, remove_staging)

    check_outputs(params)
    if params.origin and params.origin.get("profile") == "smoke":  # the notebook measures in place
        from cardrepro.train_stage import check_ready

        check_ready(params)
    else:  # it reads what the train stage measured
        from cardrepro.report_inputs import check_measured

        check_measured(params)
    check_kernel()
    if params.origin is None:
        raise ValueError(f"{params.source}: a run executes params read from a file; fix: read them with "
                         "cardrepro.params.load_run")
    stale = remove_stale_staging(params)
    if stale:
        print(stale)
    report = resolve(params.outputs["report_dir"])
    output = report / f"{params.run}.ipynb"
    staging = create_staging(params)
    executed = staging / output.name
    parameters = params.origin | {"staging": shown(staging)}
    try:
        with terminate_as_interrupt():
            run_notebook(notebook or f"notebooks/{params.run}.ipynb", executed, parameters)
            html = render_html(name_in_title(executed, params), executed.with_suffix(".html"))
        with deferred_signals():  # a publication is never left half-way by Ctrl-C or SIGTERM
            check_outputs(params)  # files may have appeared in the output folders during the run
            publish_staged(params, staging, (PLOTS_DIR, DETAILS_FILE, METRICS_FILE),
                           {output.with_suffix(".html").name: html, output.name: executed})
    except PublishError:
        raise  # the staging folder holds the previous results: it stays
    except BaseException:
        try:
            if executed.is_file():
                report.mkdir(parents=True, exist_ok=True)
                os.replace(executed, output.with_suffix(".failed.ipynb"))
        finally:
            remove_staging(staging)
        raise
    return output


def name_in_title(executed: Path, params: RunParams) -> nbformat.NotebookNode:
    """The executed notebook, its title naming the real-data run where that is not the card's own recipe run
    (``# mnrl-qa — run mnrl_qa_source_recipe: ...``): a variant or a repeat must not open as the card's run."""
    notebook = nbformat.read(executed, as_version=4)
    name = (params.origin or {}).get("real")
    first = notebook.cells[0] if notebook.cells else None
    if name in (None, params.run) or first is None or first.cell_type != "markdown" or not first.source.startswith("# "):
        return notebook
    title, _, rest = first.source.partition("\n")
    card, colon, subject = title.partition(":")
    first.source = f"{card} — run `{name}`{colon}{subject}\n{rest}"
    with atomic_write(executed) as handle:
        nbformat.write(notebook, handle)
    return notebook


def run_notebook(notebook: str | Path, executed: Path, parameters: dict) -> Path:
    """Execute ``notebook`` from the project root into ``executed``, stripped of volatile metadata.

    The kernel draws its progress bars on this process's terminal, not in the notebook
    (``cardrepro.progress``). papermill runs in a worker thread and the kernel is ours to stop: Ctrl-C or SIGTERM reaches
    this (main) thread, which kills the kernel's process group at once, so an interrupted run
    trains no further and writes nothing more. (nbclient's own signal handling let a run finish.)
    """
    import papermill
    from jupyter_client.manager import AsyncKernelManager

    kernel = AsyncKernelManager(kernel_name=KERNEL_NAME)
    failure: list[BaseException] = []

    def work() -> None:
        try:
            papermill.execute_notebook(str(resolve(notebook)), str(executed), parameters=parameters,
                                       kernel_name=KERNEL_NAME, cwd=str(project_root()), progress_bar=False, km=kernel,
                                       extra_arguments=KERNEL_ARGUMENTS)  # bars to the terminal (cardrepro.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            failure.append(exc)

    worker = threading.Thread(target=work, name="papermill", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    finally:
        deadline = time.monotonic() + KERNEL_STOP_SECONDS
        while True:  # until the worker is done: a kernel still starting is killed once it exists
            _kill_kernel(kernel)
            worker.join(0.2)
            if not worker.is_alive() or time.monotonic() > deadline:
                break
        kernel.cleanup_connection_file()
    if failure:
        raise failure[0]
    nbformat.write(strip_volatile(nbformat.read(executed, as_version=4)), executed)
    return executed


def _kill_kernel(kernel) -> None:
    """The kernel's whole process group, gone (it runs in a session of its own)."""
    provisioner = kernel.provisioner
    group = getattr(provisioner, "pgid", None) if provisioner else None
    if not group:
        return
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    process = getattr(provisioner, "process", None)
    if process is not None:
        process.wait(10)


def publish(notebook: str | Path, output: str | Path, parameters: dict) -> Path:
    """Execute ``notebook`` with ``parameters`` and publish it at ``output`` with its HTML (the summary).

    Nothing is published unless every cell ran: a failure leaves ``<name>.failed.ipynb``.
    """
    output = resolve(output)
    check_kernel()
    output.parent.mkdir(parents=True, exist_ok=True)
    failed = output.with_suffix(".failed.ipynb")
    failed.unlink(missing_ok=True)
    fd, scratch = scratch_file(output, ".ipynb")
    os.close(fd)
    try:
        with terminate_as_interrupt():
            run_notebook(notebook, Path(scratch), parameters)
            html = render_html(nbformat.read(scratch, as_version=4), Path(scratch).with_suffix(".html"))
    except BaseException:
        os.replace(scratch, failed)
        Path(scratch).with_suffix(".html").unlink(missing_ok=True)
        raise
    os.replace(html, output.with_suffix(".html"))
    os.replace(scratch, output)
    return output


def check_kernel() -> None:
    """The kernel papermill runs the notebooks in: `execute` and `check` refuse without it, before any model loads."""
    if KERNEL_NAME not in _kernels():
        raise ParamsError(f"kernel {KERNEL_NAME!r} is not installed; fix: run `make kernel` "
                          f"(python -m ipykernel install --sys-prefix --name {KERNEL_NAME})")


def _kernels() -> dict:
    from jupyter_client.kernelspec import find_kernel_specs

    return find_kernel_specs()


def render_html(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """The executed notebook as one self-contained HTML page (figures inline), written atomically."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    with atomic_write(path) as handle:
        handle.write(body)
    return path


def refresh_smoke(notebook: str | Path) -> Path:
    """Re-execute a thin notebook in place with the smoke profile of its parameters cell, as nbval will re-run it (its
    progress bars on the terminal, as under ``cardrepro execute``; nbval compares no cell that draws one)."""
    import papermill

    notebook = resolve(notebook)
    fd, scratch = scratch_file(notebook, ".ipynb")
    os.close(fd)
    try:
        papermill.execute_notebook(str(notebook), scratch, kernel_name=KERNEL_NAME, cwd=str(notebook.parent),
                                   progress_bar=False, extra_arguments=KERNEL_ARGUMENTS)
        nbformat.write(strip_volatile(nbformat.read(scratch, as_version=4)), scratch)
        os.replace(scratch, notebook)
    finally:
        Path(scratch).unlink(missing_ok=True)
    return notebook
