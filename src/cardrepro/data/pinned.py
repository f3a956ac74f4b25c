"""Real data is the data the committed results came from, or it says so: a file under data/raw/ whose name `make
data` pins (src/cardfetch/sources.yaml) must have the pinned SHA-256 when a run reads it, so that a truncated, re-saved or
second copy never trains silently. A copy with another name is read as it is (its report names the file).
The pins guard what is read; they are not an input of training, so a train stage does not depend on them."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from cardrepro.paths import resolve, shown

CHUNK = 1 << 20


@cache
def pinned_sums() -> dict[str, str]:
    """{file name: SHA-256} of every pinned file and accepted export of sources.yaml."""
    sources = yaml.safe_load(resources.files("cardfetch").joinpath("sources.yaml").read_text(encoding="utf-8"))
    return {name: spec["sha256"] for dataset in sources.values() for key in ("files", "accepted")
            for name, spec in (dataset.get(key) or {}).items() if (spec or {}).get("sha256")}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


RAW = "data/raw"  # where `make data` installs the pinned files


def check_pinned(path: Path) -> None:
    """One line when ``path``, under data/raw/, has a pinned name but not the pinned content."""
    pinned = pinned_sums().get(path.name)
    if pinned is None or not path.resolve().is_relative_to(resolve(RAW).resolve()):
        return
    found = _sha256(path)
    if found != pinned:
        raise ValueError(f"{shown(path)}: its SHA-256 is {found[:12]}..., not the pinned {pinned[:12]}... of the file the "
                         "committed results came from (cut short, re-saved or another version); fix: restore it "
                         "with `make data`, or give another copy another name")
