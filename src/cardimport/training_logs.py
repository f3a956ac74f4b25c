"""The "Training Logs" table: training loss and the headline metric by step, and the logging interval."""

from __future__ import annotations

import re

from cardimport.errors import CardError
from cardimport.markdown import table, unbold

SECTION = "Training Logs"
# TrainingArguments' default; the card writer never prints logging_steps, so a card with no loss row
# (fewer steps than this) only tells that the interval was longer than its run.
DEFAULT_LOGGING_STEPS = 500
DATASET = re.compile(r"^\* Dataset: `([^`]+)`", re.M)
PRIMARY_METRIC = re.compile(r"^\|\s*\*\*(.+?)\*\*\s*\|", re.M)


def log_rows(block: str | None) -> list[dict[str, str]]:
    """The table's rows as {column: cell}; a card that logged nothing has no table (or no section)."""
    cells = table(block or "")
    if not cells:
        return []
    header, *rows = cells
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise CardError(SECTION, f"row {number} has {len(row)} cells, the header {len(header)}",
                            "give every row one cell per column ('-' where nothing was logged)")
    return [{column: unbold(cell) for column, cell in zip(header, row)} for row in rows]


def by_step(rows: list[dict[str, str]], column: str) -> dict[int, float]:
    """{step: value} of one column, leaving out the rows that show '-' (nothing logged there)."""
    values: dict[int, float] = {}
    for number, row in enumerate(rows, start=1):
        cell = row.get(column, "-")
        if cell == "-":
            continue
        try:
            values[int(row["Step"])] = float(cell)
        except (KeyError, ValueError):
            raise CardError(SECTION, f"row {number}: step {row.get('Step')!r}, {column} {cell!r} are not numbers",
                            "write the step as an integer and the value as a number or '-'") from None
    return values


def logging_steps(loss: dict[int, float]) -> int:
    """The trainer logs the loss every logging_steps steps, so its first loss row is at that step."""
    return min(loss, default=DEFAULT_LOGGING_STEPS)


def headline_column(metrics: str | None) -> str | None:
    """The log column of the first evaluator's primary metric, which the Metrics table prints in bold.

    The trainer logs it as ``<dataset>_<metric>``, e.g. ``test-binary-eval_cosine_ap``.
    """
    dataset, metric = DATASET.search(metrics or ""), PRIMARY_METRIC.search(metrics or "")
    return f"{dataset.group(1)}_{metric.group(1)}" if dataset and metric else None


EVALUATORS = {"BinaryClassificationEvaluator": "binary", "InformationRetrievalEvaluator": "retrieval"}
EVALUATED_WITH = re.compile(r"^\* Evaluated with \[<code>(\w+)</code>\]", re.M)


def evaluator(metrics: str | None) -> dict[str, str] | None:
    """The first evaluator of the Metrics section: {"kind", "name", "metric"} (its class as this project's
    evaluation.kind, its dataset name, its bold primary metric); None for a card that evaluated nothing."""
    used = EVALUATED_WITH.search(metrics or "")
    if used is None:
        return None
    kind = EVALUATORS.get(used.group(1))
    if kind is None:
        raise CardError("Metrics", f"evaluated with {used.group(1)}, which this project cannot re-run",
                        f"re-run only cards evaluated with {' or '.join(EVALUATORS)}")
    dataset, metric = DATASET.search(metrics), PRIMARY_METRIC.search(metrics)
    if not dataset or not metric:
        raise CardError("Metrics", "no '* Dataset: `name`' line or no bold primary metric",
                        "keep the Metrics section the card writer prints")
    return {"kind": kind, "name": dataset.group(1), "metric": metric.group(1)}
