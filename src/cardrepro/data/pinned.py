"""Real data is the data the committed results came from, or it says so: a file whose name `make data` pins
(src/cardfetch/sources.yaml) must have the pinned SHA-256 when a run reads it, so that a truncated, re-saved or
second copy never trains silently. A copy with another name is read as it is (its report names the file)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from cardrepro.paths import shown


@cache
def pinned_sums() -> dict[str, str]:
    """{file name: SHA-256} of every pinned file and accepted export of sources.yaml."""
    from cardfetch.sources import datasets

    return {file.name: file.sha256 for dataset in datasets().values() for file in [*dataset.files, *dataset.accepted]
            if file.sha256}


def check_pinned(path: Path) -> None:
    """One line when ``path`` has a pinned name but not the pinned content."""
    from cardfetch.download import sha256

    pinned = pinned_sums().get(path.name)
    if pinned is None:
        return
    found = sha256(path)
    if found != pinned:
        raise ValueError(f"{shown(path)}: its SHA-256 is {found[:12]}..., not the pinned {pinned[:12]}... of the file the "
                         "committed results came from (cut short, re-saved or another version); fix: restore it "
                         "with `make data`, or give another copy another name")
