"""One notion of 'project root', so papermill, nbval, DVC and pytest resolve paths alike.

Notebooks run with their own folder as working directory under nbval and with the repository
root under papermill; every relative path in params is taken from the root instead.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT_MARKER = "dvc.yaml"


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding dvc.yaml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ROOT_MARKER).is_file():
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
