"""Token-length statistics per column, computed the way the cards' dataset tables are."""

from __future__ import annotations

import pandas as pd

# The cards' tables say "Approximate statistics based on the first 1000 samples".
CARD_SAMPLE = 1000


def token_length_table(pairs: list[dict], tokenizer, max_length: int, first_n: int = CARD_SAMPLE) -> pd.DataFrame:
    """min/mean/max tokens (with special tokens, truncated as the model would) per text column;
    min/mean/max value for a numeric label column."""
    sample = pairs[:first_n]
    table = {}
    for column, value in sample[0].items():
        values = [row[column] for row in sample]
        if isinstance(value, str):
            lengths = [len(ids) for ids in tokenizer(values, truncation=True, max_length=max_length)["input_ids"]]
            table[column] = {"type": "string", "min": min(lengths), "mean": round(sum(lengths) / len(lengths), 2),
                             "max": max(lengths), "unit": "tokens"}
        elif isinstance(value, (int, float)):
            table[column] = {"type": "float", "min": min(values), "mean": round(sum(values) / len(values), 2),
                             "max": max(values), "unit": "value"}
    return pd.DataFrame(table)
