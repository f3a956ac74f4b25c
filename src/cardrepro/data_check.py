"""Are the run's training pairs the card's? Their token statistics beside the card's own table.

A card's "Training Dataset" gives min / mean / max tokens per column over its first samples, counted with the
card's tokenizer (``card.dataset``); the train stage counts the same over its own first pairs with the model's
tokenizer (``cardrepro.data.stats``). Each text column's mean within the declared tolerance
(margins.yaml ``token_mean``) says the pairs are the same kind of text; a mean outside it says they are not,
whatever else the run reproduces. A stand-in model counts with its own tokenizer: then nothing is compared.
"""

from __future__ import annotations

from cardrepro.sentences import verdict as words
from cardrepro.verdict import margins

MATCH, DIFFER, NOT_COMPARED = "match", "differ", "not compared"


PAIR_COLUMNS = ("sentence_0", "sentence_1", "label")  # the project's names, in the card's column order


def project_names(card: dict) -> dict[str, str]:
    """{the card's column: the project's} by position: an imported card's anchor and positive are sentence_0 and
    sentence_1 here (``cardrepro.data.pairs_file``)."""
    return dict(zip((card.get("dataset") or {}).get("columns", PAIR_COLUMNS), PAIR_COLUMNS))


def token_check(card: dict, measured_lengths: dict, stand_in: bool) -> dict | None:
    """{"status", "card", "run", "why"} for the card's text columns; None for a card without the table."""
    statistics = (card.get("dataset") or {}).get("statistics")
    if not statistics:
        return None
    texts = [column for column, row in statistics.items() if row.get("unit") == "tokens"]
    theirs = "; ".join(f"{column} mean {statistics[column]['mean']:g}" for column in texts)
    sample = card["dataset"].get("statistics_sample")
    ours_name = project_names(card)
    if stand_in:
        return {"status": NOT_COMPARED, "card": theirs, "run": None,
                "why": words.OWN_TOKENIZER}
    missing = [column for column in texts if ours_name.get(column) not in measured_lengths]
    if missing:
        return {"status": NOT_COMPARED, "card": theirs, "run": None,
                "why": words.missing_columns(missing)}
    tolerance = margins()["token_mean"]
    ours = {column: float(measured_lengths[ours_name[column]]["mean"]) for column in texts}
    off = {column: ours[column] / statistics[column]["mean"] - 1 for column in texts}
    outside = [column for column in texts if abs(off[column]) > tolerance]
    shown = "; ".join(f"{column} mean {ours[column]:.2f}" for column in texts)
    return {"status": DIFFER if outside else MATCH, "card": theirs, "run": shown,
            "why": words.token_means(off, sample, tolerance)}


def token_table(measured_lengths: dict, card: dict):
    """Min / mean / max per column, this run's pairs beside the card's table (where the card has one)."""
    import pandas as pd

    rows = {"this run": pd.DataFrame(measured_lengths).T[["min", "mean", "max"]]}
    statistics = (card.get("dataset") or {}).get("statistics")
    if statistics:
        theirs = pd.DataFrame(statistics).T[["min", "mean", "max"]].rename(index=project_names(card))
        rows = {"card": theirs, **rows}
    return pd.concat(rows, axis=1).rename_axis("column")
