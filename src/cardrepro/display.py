"""What a notebook shows its reader: the verdict box under the title (its words: ``cardrepro.sentences.run``)
and tables without NaN."""

from __future__ import annotations

import pandas as pd

from cardrepro.formatting import bracketed


def readable(table: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    """Numbers to ``digits`` decimals and missing values as "—": no NaN in a table a reviewer reads."""
    return table.map(lambda v: "—" if pd.isna(v) else f"{v:.{digits}f}" if isinstance(v, float) else v)


def markdown_table(table: pd.DataFrame) -> str:
    """A pipe table (for markdown cells, README and results.md), without the tabulate package."""
    frame = table.reset_index()
    cells = [[str(c) for c in frame.columns]] + [["" if pd.isna(v) else str(v) for v in row] for row in frame.to_numpy()]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "| " + " | ".join("---" for _ in frame.columns) + " |")
    return "\n".join(lines) + "\n"


FIGURE_COLUMNS = ["figure", "card's value", "this run", "95% interval", "untrained model", "status", "why"]


def figures_frame(figures: list) -> pd.DataFrame:
    """Each card figure against the run's value, with its status and why (``verdict.Verdict.figures``)."""
    rows = [{"figure": f.name + (f" ({f.group})" if f.group else ""), "card's value": f"{f.card:.4f}",
             "this run": "—" if f.run is None else f"{f.run:.4f}", "95% interval": bracketed(f.interval),
             "untrained model": bracketed(f.control), "status": f.status, "why": f.why or "—"} for f in figures]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def verdict_markdown(details: dict) -> str:
    """The verdict box under a notebook's title: its paragraphs (``sentences.run.verdict_lines``), then every
    figure of the card as judged ("—": the verdict's reasons) and the data row."""
    from cardrepro.sentences.run import verdict_lines
    from cardrepro.verdict import recorded

    lines = verdict_lines(details)
    table = figures_frame(recorded(details).figures)
    check = details.get("data_check")
    if check:  # the pairs against the card's: shown as a row, never counted
        table = pd.concat([table, pd.DataFrame([{
            "figure": "training pairs: tokens per column", "card's value": check["card"], "this run": check["run"] or "—",
            "95% interval": "—", "untrained model": "—", "status": check["status"], "why": check["why"]}])],
            ignore_index=True)
    if len(table):
        lines += [markdown_table(table.set_index("figure"))]
    return "\n".join(lines)


class VerdictSlot:
    """A place under the notebook's title that shows the verdict once the run's metrics exist."""

    def __init__(self) -> None:
        from IPython.display import Markdown, display

        from cardrepro.sentences.run import PENDING

        self._handle = display(Markdown(PENDING), display_id=True)

    def fill(self, details: dict) -> None:
        from IPython.display import Markdown

        self._handle.update(Markdown(verdict_markdown(details)))
