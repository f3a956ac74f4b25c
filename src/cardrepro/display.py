"""What a notebook shows its reader: the verdict under the title, tables without NaN, and a sentence
where a table would be empty."""

from __future__ import annotations

import pandas as pd

from cardrepro.formatting import bracketed, with_interval

PENDING = ("**Verdict:** not reached. It is computed from this run's metrics when the notebook has run to "
           "its end, and replaces this line.")


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
    """The answer a reader looks for first: the verdict, what it rests on, the headline numbers, what
    the run found beyond the card, and every figure of the card as judged ("—": the verdict's reasons)."""
    from cardrepro.sentences import curve_sentence, heldout_phrase, variant_heading, variants_paragraph
    from cardrepro.tsdae import conditioning_finding, seed_repeats
    from cardrepro.verdict import recorded

    judged = recorded(details)
    name = details["headline"]
    intervals = details.get("intervals", {}).get(name, {})
    base, tuned, card = details["base"][name], details["tuned"][name], details["card"].get(name)
    data = details["data"]
    variant = details.get("variant")
    lines = [f"### Verdict: {judged.status}", "",
             *([f"**This run is {variant_heading(variant)}.**", ""] if variant else []),
             f"**Why:** {judged.why()}.", "",
             *([f"**Weigh also:** {'; '.join(judged.caveats)}.", ""] if judged.caveats else []),
             f"**Headline, {name}, on {heldout_phrase(data)} ({data['source']} data):** base model {base:.4f}, "
             f"tuned {with_interval(tuned, intervals.get('tuned'))}, gain "
             f"{with_interval(tuned - base, intervals.get('gain'), signed=True)} (brackets: 95% intervals); "
             + (f"the card reports {card:.4f}." if card is not None else "the card reports none."), ""]
    if details.get("ceiling"):
        lines += [f"**At the ceiling:** {'; '.join(details['ceiling'])}: these held-out items leave {name} little "
                  "room to show what training did.", ""]
    seeded = details.get("repeats")
    if seeded:
        values = seeded["tuned"][name]
        lines += [f"**{len(seeded['seeds'])} training seeds:** {name} "
                  f"{', '.join(f'{values[str(s)]:.4f} (seed {s})' for s in seeded['seeds'])}; over seeds and held-out "
                  f"items together ({seeded['method']}) its 95% interval is "
                  f"{bracketed(seeded['intervals'][name])}, the one the verdict uses.", ""]
    if judged.curve and not judged.reasons:  # only where the run could check the card: its own data and model
        lines += [f"**The card's curve:** {curve_sentence(judged.curve, len(seeded['seeds']) if seeded else 1)}.", ""]
    objective, repeats = seed_repeats(details)
    if len(repeats) > 1:
        scores = [runs[name] for runs in repeats.values()]
        lines += [f"**One seed of {len(repeats)}:** the tuned score is training seed {details['training']['seed']}'s. The "
                  f"objective comparison trained the same recipe ({objective} objective) at seeds "
                  f"{', '.join(map(str, repeats))}: {name} {', '.join(f'{v:.4f}' for v in scores)}, a range of "
                  f"{max(scores) - min(scores):.4f} from the seed alone.", ""]
    if details.get("variants"):
        lines += [f"**The card's recipe against its variants:** {variants_paragraph(details['variants'], base)}", ""]
    if "conditioning" in details:
        lines += [f"**Beyond the card:** {conditioning_finding(details['conditioning'])}", ""]
    table = figures_frame(judged.figures)
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

        self._handle = display(Markdown(PENDING), display_id=True)

    def fill(self, details: dict) -> None:
        from IPython.display import Markdown

        self._handle.update(Markdown(verdict_markdown(details)))
