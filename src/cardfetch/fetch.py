"""Bring each data set into its folder: verify what is there, download what is missing, or say in one
line what to bring where."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from cardfetch.download import FetchError, check, download, set_aside
from cardfetch.sources import Dataset

KAGGLE_TIMEOUT = 600  # seconds for one competition file


class Differs(FetchError):
    """A file is there but is not the pinned one: it is left as it is."""


def fetch(dataset: Dataset, root: Path) -> str:
    """Make ``dataset``'s files present and verified under ``root``; a line saying what was done.
    Raises FetchError with the line that says what to bring where (Differs: a file is not the pinned one)."""
    folder = root / dataset.folder
    _only_known_files(dataset, folder)
    for file in dataset.accepted:  # a file that stands for the whole data set, e.g. the export behind the results
        if (folder / file.name).exists():
            return f"{file.name} present (sha256 {_verified(folder / file.name, file.sha256)})"
    done = []
    for file in dataset.files:
        target = folder / file.name
        if target.exists():
            done.append(f"{file.name} present (sha256 {_verified(target, file.sha256)})")
            continue
        try:
            if dataset.how == "http":
                found = download(file.url, target, file.sha256)
            elif dataset.how == "kaggle":
                found = _kaggle(dataset.competition, file.name, target, file.sha256)
            else:
                raise FetchError(f"{file.name} is not there")
        except FetchError as exc:
            names = " and ".join(f.name for f in dataset.files)
            raise FetchError(f"{exc}; fix: bring {names} into {dataset.folder}/ ({dataset.source}; "
                             f"{dataset.note})") from exc
        done.append(f"{file.name} downloaded (sha256 {found}"
                    + ("" if file.sha256 else ", not pinned: add it to src/cardfetch/sources.yaml") + ")")
    return ", ".join(done)


def _only_known_files(dataset: Dataset, folder: Path) -> None:
    """A data set whose runs read every data file of its folder: any other CSV or JSON file there (a second
    download, `name (1).csv`) would silently join the data, so it is refused."""
    if not dataset.reads_whole_folder or not folder.is_dir():
        return
    known = {file.name for file in dataset.files + dataset.accepted}
    others = sorted(path.name for path in folder.iterdir() if path.suffix in (".csv", ".json") and path.name not in known)
    if others:
        raise Differs(f"{dataset.folder}/ also holds {', '.join(others)}: the runs of {', '.join(dataset.runs)} read "
                      f"every CSV and JSON file there; fix: move {'it' if len(others) == 1 else 'them'} out of the folder")


def _verified(path: Path, pinned: str | None) -> str:
    try:
        found = check(path, pinned)
    except FetchError as exc:
        raise Differs(f"{exc}; it was left as it is: the committed results came from the pinned file, so replace "
                      "it yourself if yours is meant to differ") from exc
    return found[:12] + ("…, pinned" if pinned else "…, not pinned")


def _kaggle(competition: str, name: str, target: Path, pinned: str | None) -> str:
    """One competition file through the user's Kaggle command line (their account, their token); returns its
    SHA-256."""
    if shutil.which("kaggle") is None:
        raise FetchError(f"{name}: the Kaggle command line is not installed")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".kaggle-") as scratch:
        try:
            result = subprocess.run(["kaggle", "competitions", "download", "-c", competition, "-f", name, "-p", scratch],
                                    capture_output=True, text=True, timeout=KAGGLE_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise FetchError(f"{name}: kaggle did not finish in {KAGGLE_TIMEOUT} s") from exc
        if result.returncode != 0:
            last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
            raise FetchError(f"{name}: kaggle failed ({last[0]})")
        got, zipped = Path(scratch) / name, Path(scratch) / f"{name}.zip"
        if not got.exists() and zipped.exists():
            try:
                with zipfile.ZipFile(zipped) as archive:
                    archive.extract(name, scratch)
            except (zipfile.BadZipFile, KeyError) as exc:
                raise FetchError(f"{name}: kaggle's {zipped.name} is not a zip holding {name}") from exc
        if not got.exists():
            raise FetchError(f"{name}: kaggle reported success but wrote no {name}")
        return set_aside(got, target, pinned)
