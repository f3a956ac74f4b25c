"""Row counts a source cannot give are refused where the source is read, before any model loads."""

from __future__ import annotations


class RowCountError(ValueError):
    """``data.train_rows`` or ``data.eval_rows`` asks for more than the source holds."""


def check_counts(data: dict, available: int, unit: str = "rows") -> None:
    """``available``: how many ``unit`` the source (real file or generator) holds for this run.

    Held-out rows must leave training data. On real data, ``train_rows`` may not exceed the rows
    the file holds: a trillion would otherwise be accepted and quietly mean "all of them". (It stays
    an upper bound: the training split is what is left after the held-out rows.)
    """
    where = data["raw"] if data["source"] == "real" else "the generated data"
    if available == 0:
        raise RowCountError(f"data.raw: {where} holds no {unit}; fix: give the file with its rows")
    if data["eval_rows"] >= available:
        raise RowCountError(f"data.eval_rows: holding out {data['eval_rows']} of the {available} {unit} in {where} "
                            f"leaves none for training; fix: use fewer than {available}")
    if data["source"] == "real" and data["train_rows"] > available:  # generated: at most what the generator gives
        raise RowCountError(f"data.train_rows: {data['train_rows']} asked, but {where} holds {available} {unit}; "
                            f"fix: use at most {available}")
