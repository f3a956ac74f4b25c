"""The card's "Training Dataset": its columns, the per-column statistics of its first samples, and the loss's
parameters, so that a run's pairs can be set beside the card's (``cardrepro.data_check``)."""

from __future__ import annotations

import json
import re
from typing import Any

from cardimport.errors import CardError
from cardimport.markdown import required_section, table

SECTION = "Training Dataset"
CODE = re.compile(r"<code>(.*?)</code>")
SAMPLE = re.compile(r"^\*\s+Approximate statistics based on the first ([\d,]+) samples:", re.M)
DETAIL = re.compile(r"<li>(min|mean|max):\s*([-\d.]+)(?:\s*(tokens))?</li>")
LOSS_PARAMETERS = re.compile(r"^\*\s+Loss:.*?```json\s*\n(.*?)```", re.M | re.S)


def _bullet(body: str, label: str) -> str:
    found = re.search(rf"^\*\s+{label}:\s*(.*)$", body, re.M)
    if not found:
        raise CardError(SECTION, f"no '* {label}:' line", "keep the dataset list the card writer prints")
    return found.group(1)


def _statistics(body: str, columns: list[str]) -> dict[str, dict[str, Any]]:
    sample = SAMPLE.search(body)
    rows = table(body[sample.end():])
    if len(rows) < 3 or rows[0][1:] != columns or [row[0] for row in rows[1:3]] != ["type", "details"]:
        raise CardError(SECTION, "the statistics table is not a header of the columns, then 'type' and 'details' rows",
                        "keep the table as the card writer prints it")
    found = {}
    for column, kind, details in zip(columns, rows[1][1:], rows[2][1:], strict=True):
        values = {name: float(value) for name, value, _ in DETAIL.findall(details)}
        if set(values) != {"min", "mean", "max"}:
            raise CardError(SECTION, f"column {column}: no min, mean and max in {details!r}",
                            "keep the table as the card writer prints it")
        tokens = "tokens" in details
        found[column] = {"type": kind, **{name: int(v) if tokens and name != "mean" else v for name, v in values.items()},
                         "unit": "tokens" if tokens else "value"}
    return found


def dataset(text: str) -> dict[str, Any]:
    """{"columns", "statistics_sample", "statistics", "loss_parameters"} from the first training dataset."""
    body = required_section(text, SECTION)
    columns = CODE.findall(_bullet(body, "Columns"))
    if not columns:
        raise CardError(SECTION, "the '* Columns:' line names no <code>column</code>", "keep the line the card writer prints")
    if len(columns) not in (2, 3):
        raise CardError(SECTION, f"{len(columns)} columns, where a pair has two texts and perhaps a label",
                        "re-run only cards trained on (text, text) or (text, text, label) rows")
    found: dict[str, Any] = {"columns": columns}
    sample = SAMPLE.search(body)
    if sample:  # the card writer prints it; a hand-written card may not
        found["statistics_sample"] = int(sample.group(1).replace(",", ""))
        found["statistics"] = _statistics(body, columns)
    parameters = LOSS_PARAMETERS.search(body)
    if parameters:
        try:
            found["loss_parameters"] = json.loads(parameters.group(1))
        except json.JSONDecodeError as error:
            raise CardError(SECTION, f"the loss parameters are not JSON ({error.msg})",
                            "keep the ```json block the card writer prints") from None
    return found
