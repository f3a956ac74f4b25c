"""A sentence-transformers model card read into the ``card:`` section of params/<run>.yaml."""

from __future__ import annotations

import re
from typing import Any

from cardimport import front_matter as meta
from cardimport.dataset import dataset
from cardimport.errors import CardError
from cardimport.hyperparameters import all_hyperparameters, hyperparameters
from cardimport.markdown import bullets, required_section, section
from cardimport.training_logs import by_step, evaluator, headline_column, log_rows, logging_steps

FENCED = re.compile(r"```[^\n]*\n(.*?)```", re.S)
REVISION = re.compile(r"\*\*Base model:\*\*.*<!-- at revision ([0-9a-f]{7,40}) -->")  # the writer's comment


def architecture(text: str) -> str:
    """The printed module tree, line ends stripped: the writer's repr leaves a space after
    'Transformer model: BertModel', which the params files do not keep and a YAML | block cannot hold."""
    title = "Full Model Architecture"
    block = FENCED.search(required_section(text, title))
    if not block:
        raise CardError(title, "no ``` code block", "keep the printed SentenceTransformer(...) block")
    return "".join(line.rstrip() + "\n" for line in block.group(1).splitlines())


def card_section(text: str, file_name: str) -> dict[str, Any]:
    """The ``card:`` section for ``file_name``; raises CardError naming the card, section and problem."""
    try:
        data = meta.front_matter(text)
        rows = log_rows(section(text, "Training Logs"))
        loss = by_step(rows, "Training Loss")
        found: dict[str, Any] = {
            "file": file_name,
            "base_model": data.base_model,
            **({"base_model_revision": revision.group(1)} if (revision := REVISION.search(text)) else {}),
            "train_pairs": meta.train_pairs(data),
            "dataset": dataset(text),
            "hyperparameters": hyperparameters(text, meta.loss(data)),
            "all_hyperparameters": all_hyperparameters(text),
            "architecture": architecture(text),
            "logging_steps": logging_steps(loss),
            "logged_loss": loss,
        }
        headline = headline_column(section(text, "Metrics"))
        if used := evaluator(section(text, "Metrics")):
            found["evaluator"] = used
        if rows and headline in rows[0]:
            found["logged_eval"] = by_step(rows, headline)
        if final := meta.final_metrics(data):
            found["final_metrics"] = final
        found["framework_versions"] = bullets(required_section(text, "Framework Versions"))
        return found
    except CardError as error:
        raise error.naming(file_name) from None
