"""JSON Lines files of training pairs, written atomically so a crash never leaves half a file."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable

from cardrepro.paths import atomic_write, shown


def write_jsonl(rows: Iterable[dict], path: str | Path) -> int:
    """Write ``rows`` one JSON object per line; return how many were written."""
    count = 0
    with atomic_write(Path(path)) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path: str | Path, columns: dict[str, tuple[type, ...]] | None = None) -> list[dict]:
    """Read a JSON Lines file of objects; ``columns`` maps required keys to their allowed types.

    Anything a run could only trip over later (not UTF-8, a broken or truncated line, a missing
    column, no rows at all) is an error naming the file, the line and the fix.
    """
    path = Path(path)
    fix = "fix: regenerate it with `dvc repro` (or `cardrepro pairs`)"
    if not path.is_file():
        raise FileNotFoundError(f"{shown(path)}: no such pairs file; {fix}")
    rows = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{shown(path)}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"{where}: not UTF-8 text (byte {exc.start}); {fix}") from exc
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not valid JSON ({exc.msg}); {fix}") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{where}: a JSON {type(row).__name__}, not an object of columns; {fix}")
            for column, types in (columns or {}).items():
                if column not in row:
                    raise ValueError(f"{where}: no {column!r} column; {fix}")
                value = row[column]
                if isinstance(value, bool) or not isinstance(value, types):
                    raise ValueError(f"{where}: {column} is {value!r}, not {' or '.join(t.__name__ for t in types)}; {fix}")
                if isinstance(value, float) and not math.isfinite(value):
                    raise ValueError(f"{where}: {column} is {value!r}, not a finite number; {fix}")
            rows.append(row)
    if not rows:
        raise ValueError(f"{shown(path)}: no rows; {fix}")
    return rows
