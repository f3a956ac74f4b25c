"""The training recipe in the shape of params/<run>.yaml, from the card's hyperparameter lists."""

from __future__ import annotations

import ast
import re
from typing import Any

from cardimport.errors import CardError
from cardimport.markdown import bullets, required_section

# params key -> the TrainingArguments name the card prints
TRAINER_NAMES = {
    "epochs": "num_train_epochs",
    "batch_size": "per_device_train_batch_size",
    "learning_rate": "learning_rate",
    "weight_decay": "weight_decay",
    "warmup_ratio": "warmup_ratio",
    "scheduler": "lr_scheduler_type",
    "optim": "optim",
    "seed": "seed",
}
MAX_SEQ_LENGTH = re.compile(r"\*\*Maximum Sequence Length:\*\*\s*(\d+)")


def python_value(text: str) -> Any:
    """A value as the card writer printed it (Python's repr: 5e-05, None, True), else the text itself."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def all_hyperparameters(text: str) -> dict[str, Any]:
    """The trainer's whole argument list as the card prints it under 'All Hyperparameters' (Python's repr read
    back: 5e-05, None, True; the text itself where it is not a literal), in the card's order."""
    printed = bullets(required_section(text, "All Hyperparameters"))
    return {name: python_value(value) for name, value in printed.items()}


def hyperparameters(text: str, loss: str) -> dict[str, Any]:
    """Loss, the mapped trainer arguments and the model's maximum sequence length."""
    title = "Training Hyperparameters"
    printed = bullets(required_section(text, title))
    missing = [name for name in TRAINER_NAMES.values() if name not in printed]
    if missing:
        raise CardError(title, f"no {', '.join(missing)}", "keep the 'All Hyperparameters' list the card writer prints")
    max_seq_length = MAX_SEQ_LENGTH.search(text)
    if not max_seq_length:
        raise CardError("Model Description", "no '**Maximum Sequence Length:** N tokens' line",
                        "keep the Model Description list the card writer prints")
    return {"loss": loss, **{ours: python_value(printed[theirs]) for ours, theirs in TRAINER_NAMES.items()},
            "max_seq_length": int(max_seq_length.group(1))}
