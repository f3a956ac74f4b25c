"""Where a run writes, so that no run can destroy what it did not write.

``cardrepro execute`` gives each run a staging folder of its own beside its report folder
(``reports/.cosine_sparql.staging/`` for ``reports/cosine_sparql``). The notebook saves the model,
metrics and plots there; only when every cell has run are they moved into ``outputs.model_dir`` and
``outputs.report_dir``. A run that fails or is interrupted removes its staging folder and nothing
else; one killed outright leaves it, and the next run of the same outputs removes it and says so.

Before any model is loaded, and again just before publishing, output folders are refused when
replacing them could destroy something: the project root or a folder above it, a folder that holds
or lies inside the inputs, and a folder holding files that no run of THIS run wrote (the model
folder's marker lists the files the run wrote; a report folder holds only fixed names).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cardrepro.params import ParamsError, RunParams
from cardrepro.paths import project_root, resolve, shown

MARKER = ".cardrepro-run"  # in a model folder and a staging folder: which run wrote it (JSON)
STAGING_SUFFIX = ".staging"
REPLACED = "replaced"  # in a staging folder: the previous results, while the new ones move into place
# Folders that hold the project's inputs and history: never an output, nor inside one.
PROTECTED = ("data", "params", "notebooks", "src", "tests", "seeds", "benchmarks", ".git", ".dvc")
GITIGNORE = ".gitignore"  # DVC writes one beside the outputs it caches (the seed repeats' notebooks)


METRICS_FILE = "metrics.json"  # the headline, for `dvc metrics show`
DETAILS_FILE = "details.json"  # the run's whole record
PLOTS_DIR = "plots"  # the curves as CSV, for `dvc plots show`
MEASURED_DIR = "measured"  # what the train stage measured (cardrepro.measurements), which the report reads
MEASURED_SUFFIXES = (".json", ".parquet", ".npz")


class PublishError(RuntimeError):
    """Moving a finished run's results into place stopped midway; the staging folder keeps what it had."""


def report_names(run: str) -> set[str]:
    """Everything a run of ``run`` (or DVC, for its outputs) ever writes into its report folder."""
    return {f"{run}.ipynb", f"{run}.html", f"{run}.failed.ipynb", METRICS_FILE, DETAILS_FILE, PLOTS_DIR, MEASURED_DIR,
            GITIGNORE}


@dataclass(frozen=True)
class RunOutputs:
    """The folders a notebook writes to: the final ones, or a staging folder under ``cardrepro execute``."""

    model_dir: Path
    report_dir: Path
    staged: bool

    def published(self, params: RunParams, key: str, name: str = "") -> str:
        """Where a written folder (``outputs.<key>``) or a file in it ends up, for the notebook to print."""
        final = shown(resolve(params.outputs[key]) / name)
        return f"{final} (moved there once every cell has run)" if self.staged else final


def run_outputs(params: RunParams, staging: str | None) -> RunOutputs:
    """The folders this run writes to; ``staging`` is the folder ``cardrepro execute`` passes, else None."""
    if staging is None:
        return RunOutputs(resolve(params.outputs["model_dir"]), resolve(params.outputs["report_dir"]), staged=False)
    folder = resolve(staging)
    return RunOutputs(folder / "model", folder / "report", staged=True)


def _fail(params: RunParams, key: str, problem: str, fix: str) -> ParamsError:
    return ParamsError(f"{params.source}: {key}: {problem}; fix: {fix}")


def _read_marker(folder: Path) -> dict:
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


def _write_marker(folder: Path, marker: dict) -> None:
    (folder / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` but the marker, as sorted relative paths."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if not path.is_dir() and path.name != MARKER)


def _protected_hit(folder: Path, root: Path) -> str | None:
    """The input folder that ``folder`` is, holds or lies inside (symlinks followed), if any."""
    for name in PROTECTED:
        protected = (root / name).resolve()
        if folder.is_relative_to(protected) or protected.is_relative_to(folder):
            return name
    return None


def check_outputs(params: RunParams) -> None:
    """Refuse output folders whose replacement could destroy anything: before any model is loaded,
    and again just before a finished run publishes (files may have appeared meanwhile)."""
    root = project_root().resolve()
    folders = {key: resolve(params.outputs[key]).resolve() for key in ("model_dir", "report_dir")}
    for key, folder in folders.items():
        name = f"outputs.{key}"
        fix = f"use a folder of its own, such as {'models' if key == 'model_dir' else 'reports'}/{params.run}"
        if root.is_relative_to(folder):
            raise _fail(params, name, f"{params.outputs[key]!r} is the project root or a folder above it", fix)
        hit = _protected_hit(folder, root)
        if hit:
            raise _fail(params, name, f"{params.outputs[key]!r} holds or lies inside the inputs ({hit}/)", fix)
        if folder.exists() and not folder.is_dir():
            raise _fail(params, name, f"{params.outputs[key]!r} is a file, not a folder", fix)
    model, report = folders["model_dir"], folders["report_dir"]
    if model.is_relative_to(report) or report.is_relative_to(model):
        raise _fail(params, "outputs.model_dir", "the model folder and the report folder overlap",
                    "give them separate folders, such as models/<run> and reports/<run>")
    if model.is_dir() and any(model.iterdir()):
        marker = _read_marker(model)
        foreign = sorted(set(_files(model)) - set(marker.get("files", []))) if marker.get("run") == params.run else ["(no marker)"]
        if foreign:
            raise _fail(params, "outputs.model_dir",
                        f"{params.outputs['model_dir']!r} holds files that no run of {params.run} wrote ({', '.join(foreign[:3])})",
                        "choose a new or empty folder, or move those files away yourself")
    if report.is_dir():
        foreign = sorted(entry.name for entry in report.iterdir()
                         if entry.name not in report_names(params.run) or (entry.name == PLOTS_DIR and not _only(entry, (".csv",)))
                         or (entry.name == MEASURED_DIR and not _only(entry, MEASURED_SUFFIXES)))
        if foreign:
            raise _fail(params, "outputs.report_dir",
                        f"{params.outputs['report_dir']!r} holds files that no run of {params.run} writes ({', '.join(foreign[:3])})",
                        "choose a new or empty folder, or move those files away yourself")


def _only(folder: Path, suffixes: tuple[str, ...]) -> bool:
    return folder.is_dir() and all(entry.is_file() and entry.suffix in suffixes for entry in folder.iterdir())


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), or None where /proc has no such record."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    """Whether the process that wrote a marker still runs: same id and, where known, same start time (an id
    reused by an unrelated process, such as pid 1 in a restarted container, is not that run)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return started is None or _started(pid) in (None, started)


def staging_folder(params: RunParams) -> Path:
    """The run's staging folder, beside its report folder: ``reports/.<name>.staging``."""
    report = resolve(params.outputs["report_dir"])
    return report.parent / f".{report.name}{STAGING_SUFFIX}"


def remove_stale_staging(params: RunParams) -> str | None:
    """Remove the staging folder a killed run of this run left, and say so in one line (else None).

    Refused while the run that made it is still alive, when the folder is not a run's, and when it
    holds previous results that a run killed while publishing had set aside.
    """
    folder = staging_folder(params)
    if not folder.exists():
        return None
    marker = _read_marker(folder)
    if marker.get("run") != params.run:
        raise _fail(params, "outputs.report_dir", f"{shown(folder)} was not made by a run of {params.run}",
                    "move it away yourself")
    pid = marker.get("pid")
    if isinstance(pid, int) and pid != os.getpid() and _alive(pid, marker.get("started")):
        raise _fail(params, "outputs.report_dir", f"another run of {params.run} (process {pid}) is writing to {shown(folder)}",
                    "wait for it to finish, or stop it")
    if (folder / REPLACED).is_dir() and any((folder / REPLACED).iterdir()):
        raise _fail(params, "outputs.report_dir", f"{shown(folder / REPLACED)} holds the previous results of a run "
                    "killed while it published its own", "move them back (or away) yourself, then remove the folder")
    remove_staging(folder)
    return f"{params.run}: removed {shown(folder)}, left by a run that was killed before it finished"


def create_staging(params: RunParams) -> Path:
    """A fresh staging folder beside the report folder, marked as this process's run."""
    folder = staging_folder(params)
    folder.mkdir(parents=True)
    _write_marker(folder, {"run": params.run, "pid": os.getpid(), "started": _started(os.getpid())})
    return folder


def remove_staging(folder: Path) -> None:
    """Its contents first and its marker last: a removal cut short still leaves a folder a run can
    recognise as its own."""
    for entry in folder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def _replace(source: Path, target: Path, aside: Path, done: list[tuple[Path, Path]]) -> None:
    """Put ``source`` (if the run wrote it) at ``target``; an older ``target``, checked to be this run's,
    goes to ``aside`` first, so that no result of the previous run stays beside the new ones. Each move is
    added to ``done`` (from, to), so that a publication that fails midway can be undone."""
    if not source.exists():
        return
    if target.exists():
        _move(target, aside)
        done.append((target, aside))
    target.parent.mkdir(parents=True, exist_ok=True)
    _move(source, target)
    done.append((source, target))


def _undo(done: list[tuple[Path, Path]]) -> bool:
    """Move everything back, last move first; whether all of it went back."""
    for origin, moved in reversed(done):
        try:
            _move(moved, origin)
        except OSError:
            return False
    return True


def _move(source: Path, target: Path) -> None:
    """A rename on one file system; a copy and delete across two."""
    shutil.move(source, target)


def publish_staged(params: RunParams, staging: Path, names: tuple[str, ...], documents: dict[str, Path]) -> None:
    """Move a finished stage's model (when it saved one), its report-folder entries ``names`` and then its
    notebook pages into place.

    ``documents`` maps a report-folder file name (``<run>.ipynb``, ``<run>.html``) to its staged copy;
    the notebook comes last, so a published notebook always stands beside its results. The previous
    results wait in ``<staging>/replaced`` until the new ones are all in place: if a move fails,
    they stay there and the error says so.
    """
    model, report = resolve(params.outputs["model_dir"]), resolve(params.outputs["report_dir"])
    replaced = staging / REPLACED
    replaced.mkdir()
    done: list[tuple[Path, Path]] = []
    try:
        if (staging / "model").is_dir():
            _write_marker(staging / "model", {"run": params.run, "files": _files(staging / "model")})
            _replace(staging / "model", model, replaced / "model", done)
        report.mkdir(parents=True, exist_ok=True)
        for name in names:
            _replace(staging / "report" / name, report / name, replaced / name, done)
        for name, path in documents.items():
            _replace(path, report / name, replaced / name, done)
    except OSError as exc:
        why = exc.strerror or str(exc)
        if _undo(done):
            remove_staging(staging)
            raise PublishError(f"{params.run}: could not publish ({why}: {shown(exc.filename or report)}); nothing "
                               "changed, the previous results are in place; fix: make the output folders writable, "
                               "then run again") from exc
        raise PublishError(f"{params.run}: publishing stopped midway ({why}); the previous results "
                           f"are in {shown(replaced)}; fix: move them back, then remove {shown(staging)}") from exc
    (report / f"{params.run}.failed.ipynb").unlink(missing_ok=True)
    remove_staging(staging)


def check_output_file(path: str | Path, option: str, suffix: str) -> Path:
    """A file a command was told to write: of the expected kind, and never among the inputs."""
    target = resolve(path).resolve()
    root = project_root().resolve()
    if target.suffix != suffix or target.is_dir():
        raise ParamsError(f"{option}: {str(path)!r} is not a {suffix} file path; fix: name a new {suffix} file")
    hit = _protected_hit(target, root)
    if hit and not target.is_relative_to((root / "data" / "processed").resolve()):
        raise ParamsError(f"{option}: {str(path)!r} lies inside the inputs ({hit}/); "
                          f"fix: write under reports/ (or data/processed/ for pairs)")
    return target


def check_summary_output(path: str | Path) -> Path:
    """The summary notebook's path: its folder may hold only what a summary writes there
    (the notebook, its HTML, results.md, a failed copy, the seed summary's folder)."""
    target = check_output_file(path, "--output", ".ipynb")
    if target.parent.is_dir():
        own = {target.name, f"{target.stem}.html", f"{target.stem}.failed.ipynb", "results.md", "seeds", GITIGNORE}
        foreign = sorted(entry.name for entry in target.parent.iterdir()
                         if entry.name not in own and not entry.name.startswith(f".{target.name}."))
        if foreign:
            raise ParamsError(f"--output: {str(path)!r} is in a folder holding files no summary writes "
                              f"({', '.join(foreign[:3])}); fix: name a notebook in a folder of its own, "
                              "such as reports/summary/summary.ipynb")
    return target


STOPPING = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # Ctrl-C, a stop, a closed terminal


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C so that a stopped run cleans up after itself."""


def _raise_interrupted(signum, frame):
    raise Interrupted(f"stopped by signal {signum}")


@contextmanager
def terminate_as_interrupt():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise_interrupted) for number in STOPPING if number != signal.SIGINT}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def deferred_signals():
    """Ctrl-C and SIGTERM wait until the block has finished, then take effect."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
