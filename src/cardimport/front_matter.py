"""What the card's YAML front matter says: base model, training-set size, loss and final scores.

huggingface_hub reads the block (``ModelCard(text).data``), so model-index is parsed as the Hub does.
"""

from __future__ import annotations

from typing import Any

import yaml
from huggingface_hub import ModelCard, ModelCardData
from huggingface_hub.repocard import REGEX_YAML_BLOCK

from cardimport.errors import CardError

SECTION = "front matter"
LOSSES = ("CosineSimilarityLoss", "MultipleNegativesRankingLoss", "DenoisingAutoEncoderLoss")


def front_matter(text: str) -> ModelCardData:
    """The parsed metadata block; checked first, as ModelCard silently gives empty data without one."""
    if not REGEX_YAML_BLOCK.search(text):
        raise CardError(SECTION, "no YAML block between '---' lines at the top",
                        "start the card with the metadata block sentence-transformers writes")
    try:
        return ModelCard(text).data
    except (yaml.YAMLError, ValueError) as error:
        problem = str(error).splitlines()[0]
        raise CardError(SECTION, f"unreadable metadata ({problem})", "make the block valid YAML") from None


def tag_value(data: ModelCardData, prefix: str) -> str:
    """The value of the one ``prefix:value`` tag, e.g. ``dataset_size:12000``."""
    values = [tag.removeprefix(prefix) for tag in data.tags or [] if tag.startswith(prefix)]
    if len(values) != 1:
        raise CardError(SECTION, f"{len(values)} '{prefix}' tags, not one", f"give exactly one '{prefix}...' tag")
    return values[0]


def loss(data: ModelCardData) -> str:
    """The loss tag, refused unless it names a loss this project can re-run."""
    name = tag_value(data, "loss:")
    if name not in LOSSES:
        raise CardError(SECTION, f"loss tag 'loss:{name}' is not one of {', '.join(LOSSES)}",
                        "re-run only cards trained with one of those losses")
    return name


def train_pairs(data: ModelCardData) -> int:
    """The training-set size from the ``dataset_size:`` tag."""
    size = tag_value(data, "dataset_size:")
    if not size.isdigit():
        raise CardError(SECTION, f"'dataset_size:{size}' is not a count", "give the number of training samples")
    return int(size)


def final_metrics(data: ModelCardData) -> dict[str, Any]:
    """{metric: value} from model-index, unrounded (the Metrics tables print 4 decimals)."""
    return {result.metric_type: result.metric_value for result in data.eval_results or []}
