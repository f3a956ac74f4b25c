"""One notion of 'project root', so papermill, nbval, DVC and pytest resolve paths alike.

Notebooks run with their own folder as working directory under nbval and with the repository
root under papermill; every relative path in params is taken from the root instead. Published
files go through a scratch file beside them, so that a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

ROOT_MARKERS = ("dvc.yaml", "params")  # real/ and seeds/ hold a dvc.yaml of their own, but no params/


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding dvc.yaml and params/: the same root
    from any folder inside the repository."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ROOT_MARKERS[0]).is_file() and (folder / ROOT_MARKERS[1]).is_dir():
            return folder
    return here


def resolve(path: str | Path) -> Path:
    """``path`` itself when absolute, else relative to the project root."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path


def shown(path: str | Path) -> str:
    """``path`` relative to the project root when inside it, so printed paths match on every clone."""
    path = Path(path).resolve()
    root = project_root()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def scratch_file(beside: Path, suffix: str) -> tuple[int, str]:
    """An open temporary file beside ``beside`` (hidden, ``.<name>.*<suffix>``), to be renamed onto it
    once complete. Created with the mode a plain ``open`` would give (the umask applied), not
    ``mkstemp``'s owner-only 0600: the published file must be readable like any other output."""
    fd, path = tempfile.mkstemp(dir=beside.parent, prefix=f".{beside.name}.", suffix=suffix)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    return fd, path


@contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle on a scratch file beside ``path``, renamed onto it when the block ends.

    A crash or an error inside the block leaves the old ``path`` (or none) and no scratch file:
    DVC and readers only ever see a whole file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = scratch_file(path, ".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
