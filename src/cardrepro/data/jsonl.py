"""JSON Lines files of training pairs, written atomically so a crash never leaves half a file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from cardrepro.paths import scratch_file


def write_jsonl(rows: Iterable[dict], path: str | Path) -> int:
    """Write ``rows`` one JSON object per line; return how many were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    fd, tmp = scratch_file(path, ".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def read_jsonl(path: str | Path) -> list[dict]:
    """Read a JSON Lines file; a malformed line is an error naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such pairs file; fix: run `dvc repro` (or `cardrepro pairs`) to prepare it")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not valid JSON ({exc.msg}); fix: regenerate the file") from exc
    return rows
