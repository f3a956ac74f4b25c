"""Bring each data set into its folder: verify what is there, download what is missing, or say in one
line what to bring where."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from cardfetch.download import FetchError, check, download, sha256
from cardfetch.sources import Dataset


def fetch(dataset: Dataset, root: Path) -> str:
    """Make ``dataset``'s files present and verified under ``root``; a line saying what was done.
    Raises FetchError with the line that says what to bring where."""
    folder = root / dataset.folder
    done = []
    for file in dataset.files:
        target = folder / file.name
        if target.exists():
            try:
                check(target, file.sha256)
            except FetchError as exc:
                raise FetchError(f"{exc}; it was left as it is: the committed results came from the pinned file, "
                                 "so replace it yourself if yours is meant to differ") from exc
            done.append(f"{file.name} present" + ("" if file.sha256 else f" (sha256 {sha256(target)}, not pinned)"))
            continue
        try:
            if dataset.how == "http":
                download(file.url, target, file.sha256)
            elif dataset.how == "kaggle":
                _kaggle(dataset.competition, file.name, target, file.sha256)
            else:
                raise FetchError(f"{file.name} is not there")
        except FetchError as exc:
            names = " and ".join(f.name for f in dataset.files)
            raise FetchError(f"{exc}; fix: bring {names} into {dataset.folder}/ ({dataset.source}; "
                             f"{dataset.note})") from exc
        done.append(f"{file.name} downloaded" + ("" if file.sha256 else f" (sha256 {sha256(target)}, not pinned)"))
    return ", ".join(done)


def _kaggle(competition: str, name: str, target: Path, pinned: str | None) -> None:
    """One competition file through the user's Kaggle command line (their account, their token)."""
    if shutil.which("kaggle") is None:
        raise FetchError(f"{name}: the Kaggle command line is not installed")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        result = subprocess.run(["kaggle", "competitions", "download", "-c", competition, "-f", name, "-p", scratch],
                                capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
            raise FetchError(f"{name}: kaggle failed ({last[0]})")
        got = Path(scratch) / name
        zipped = Path(scratch) / f"{name}.zip"
        if not got.exists() and zipped.exists():
            with zipfile.ZipFile(zipped) as archive:
                archive.extract(name, scratch)
        if not got.exists():
            raise FetchError(f"{name}: kaggle reported success but wrote no {name}")
        check(got, pinned)
        got.replace(target)
