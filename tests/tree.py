"""Copies of the project and fingerprints of folders, for tests that must change nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO

SKIPPED = {".git", ".venv", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def tracked_files() -> list[str]:
    """The project's files as a fresh clone has them (plus new files not yet committed)."""
    listing = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if (REPO / line).is_file()]


def copy_tracked(target: Path) -> Path:
    """The project's tracked files copied under ``target``."""
    for name in tracked_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)
    return target


def tree_hash(root: Path, contents: bool = True) -> str:
    """One digest of every path under ``root`` with each file's bytes (or, with ``contents=False``,
    its size and modification time: any write changes them, and a large tree hashes in a blink)."""
    digest = hashlib.sha256()
    for path in _walk(root):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file() and contents:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        elif path.is_file():
            stat = path.stat()
            digest.update(f"{stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _walk(root: Path) -> list[Path]:
    """Every folder and file under ``root``, in a fixed order, without descending into SKIPPED."""
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name not in SKIPPED)
        found += [Path(folder, name) for name in folders + sorted(files)]
    return found
