"""The data sets ``make data`` knows (sources.yaml): where each file comes from and its pinned sum."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

import yaml

HOW = ("http", "kaggle", "manual")


@dataclass(frozen=True)
class DataFile:
    name: str
    url: str | None
    sha256: str | None  # None: not pinned yet (see sources.yaml)


@dataclass(frozen=True)
class Dataset:
    name: str
    runs: list[str]
    folder: str
    how: str
    source: str
    files: list[DataFile]
    note: str = ""
    competition: str | None = None
    accepted: list[DataFile] = field(default_factory=list)  # a file that stands for all of ``files``
    reads_whole_folder: bool = False  # the runs read every CSV and JSON file of ``folder``


def datasets(text: str | None = None) -> dict[str, Dataset]:
    """Every data set of sources.yaml (or of ``text``, in tests), by name."""
    raw = yaml.safe_load(text if text is not None else
                         resources.files("cardfetch").joinpath("sources.yaml").read_text(encoding="utf-8"))
    found = {}
    for name, entry in raw.items():
        if entry["how"] not in HOW:
            raise ValueError(f"sources.yaml: {name}.how: {entry['how']!r}; fix: use one of {', '.join(HOW)}")
        files, accepted = ([DataFile(file, (spec or {}).get("url"), (spec or {}).get("sha256"))
                            for file, spec in (entry.get(key) or {}).items()] for key in ("files", "accepted"))
        found[name] = Dataset(name, entry["runs"], entry["folder"], entry["how"], entry["source"], files,
                              entry.get("note", ""), entry.get("competition"), accepted,
                              bool(entry.get("reads_whole_folder", False)))
    return found
