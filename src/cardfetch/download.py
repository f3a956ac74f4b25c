"""One file over HTTP(S): resumed from its ``.part`` file, with a progress bar, installed only when its
SHA-256 matches the pinned one."""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from tqdm import tqdm

CHUNK = 1 << 16
PART, FAILED = ".part", ".failed-check"


class FetchError(Exception):
    """One line: what could not be fetched, and what to do instead."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, pinned: str | None, suffix: str) -> tuple[str, str]:
    """``path``'s SHA-256 and what is wrong with it ('' when nothing): not the pinned sum, or, with no sum pinned,
    not whole (a JSON file that does not parse, a CSV cut inside a row); ``suffix`` names the file's kind, as a
    download's ``.part`` has none. The problem is the words that follow the file's name."""
    found = sha256(path)
    if pinned is not None:
        return found, "" if found == pinned else f"'s SHA-256 is {found}, not the pinned {pinned}"
    incomplete = _incomplete(path, suffix)
    return found, f" is {incomplete}" if incomplete else ""


def check(path: Path, pinned: str | None) -> str:
    """``path``'s SHA-256; FetchError when ``verify`` finds it wrong."""
    if not path.is_file():
        raise FetchError(f"{path.name} is a folder, not a file; fix: move it out of {path.parent.name}/")
    found, problem = verify(path, pinned, path.suffix)
    if problem:
        raise FetchError(f"{path.name}{problem}")
    return found


def _incomplete(path: Path, suffix: str) -> str:
    """What a file with no pinned sum is, when it is not a whole JSON or CSV file ('' when it is, or is of
    another kind; ``suffix`` names the kind, as a download's ``.part`` has none): the words that follow "is"."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        if suffix == ".json":
            json.loads(text)
        elif suffix == ".csv":
            rows = list(csv.reader(io.StringIO(text), strict=True))
            short = next((n for n, row in enumerate(rows[1:], 2) if len(row) != len(rows[0])), None) if rows else 1
            if short is not None:
                return f"cut short (row {short} does not have the header's {len(rows[0]) if rows else 0} fields)"
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text (byte {exc.start})"
    except json.JSONDecodeError as exc:
        return f"not whole JSON ({exc.msg} at line {exc.lineno}): cut short or damaged"
    except csv.Error as exc:
        return f"not a whole CSV file ({exc}): cut short or damaged"
    return ""


def set_aside(path: Path, target: Path, pinned: str | None) -> str:
    """Verify a complete download and move it onto ``target``; returns its SHA-256. One that fails its check
    is kept as ``<target>.failed-check`` beside it, never installed."""
    found, problem = verify(path, pinned, target.suffix)
    if problem:
        failed = target.with_name(target.name + FAILED)
        os.replace(path, failed)
        raise FetchError(f"{target.name}: the download{problem}; kept as {failed.name}, not installed")
    os.replace(path, target)
    return found


def download(url: str, target: Path, pinned: str | None, timeout: float = 30.0) -> str:
    """Fetch ``url`` to ``target``; returns its SHA-256. Bytes land in ``<target>.part`` first, and a later call resumes it
    (HTTP Range; a server that ignores Range sends the whole file again). With no sum pinned, nothing could
    tell a stale ``.part`` from the file's start, so the download starts over."""
    part = target.with_name(target.name + PART)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if pinned is None and part.exists():
            part.unlink()
        have = part.stat().st_size if part.exists() else 0
        request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            resumed = response.status == 206
            total = response.length + (have if resumed else 0) if response.length is not None else None
            with part.open("ab" if resumed else "wb") as handle, tqdm(
                    total=total, initial=have if resumed else 0, unit="B", unit_scale=True, desc=target.name,
                    leave=False) as bar:
                for block in iter(lambda: response.read(CHUNK), b""):
                    handle.write(block)
                    bar.update(len(block))
            if total is not None and part.stat().st_size < total:  # the server closed before the last byte
                raise ConnectionError(f"the connection closed after {part.stat().st_size} of {total} bytes")
    except urllib.error.HTTPError as exc:
        if exc.code != 416 or not part.exists():  # 416: the .part already holds every byte
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        kept = f"; {part.stat().st_size} bytes kept in {part.name} for the next try" if part.exists() else ""
        raise FetchError(f"{url}: cannot download ({reason}){kept}") from exc
    return set_aside(part, target, pinned)
