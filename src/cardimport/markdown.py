"""The Markdown pieces a model card is built from: sections under headings, pipe tables, bullet lists."""

from __future__ import annotations

import re

from cardimport.errors import CardError

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
TABLE_RULE = re.compile(r"^:?-+:?$")
BULLET = re.compile(r"^-\s+`?([^`:]+)`?:\s*(.*?)\s*$")


def section(text: str, title: str) -> str | None:
    """The body under the first heading called ``title``, up to the next heading of its level or higher.

    Headings are looked for outside code fences only: the usage examples hold ``# comment`` lines.
    """
    body: list[str] | None = None
    level = 0
    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if body is None:
            if heading and heading.group(2) == title:
                body, level = [], len(heading.group(1))
        elif heading and len(heading.group(1)) <= level:
            break
        else:
            body.append(line)
    return None if body is None else "\n".join(body)


def required_section(text: str, title: str) -> str:
    """A section every sentence-transformers card has; its absence means the card is not one."""
    body = section(text, title)
    if body is None:
        raise CardError(title, "the section is missing", f"add the '{title}' section sentence-transformers writes")
    return body


def table(block: str) -> list[list[str]]:
    """Cells of the first pipe table in ``block``, header row first, the ``|:---|`` rule left out."""
    rows: list[list[str]] = []
    for line in block.splitlines():
        line = line.strip()
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if not all(TABLE_RULE.match(cell) for cell in cells):
            rows.append(cells)
    return rows


def unbold(cell: str) -> str:
    """A cell without the ``**`` the card writer puts on primary metrics and the saved checkpoint's row."""
    return cell.removeprefix("**").removesuffix("**")


def bullets(block: str) -> dict[str, str]:
    """``- label: value`` and ``- `key`: value`` lines as {label: value text}."""
    return {match.group(1).strip(): match.group(2) for line in block.splitlines() if (match := BULLET.match(line))}
