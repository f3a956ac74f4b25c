"""Length-grouped batches for the pairwise losses: pairs of similar length share a batch, so little
padding is computed.

Opt-in with ``training.group_by_length`` (the cards drew random batches). Batches are still drawn
at random: the data is shuffled, cut into chunks of ``MEGABATCH`` batches, each chunk sorted by
length and cut into batches, and the batches shuffled. Not for MultipleNegativesRankingLoss, whose
in-batch negatives depend on which pairs share a batch: grouping by length would change the loss.
"""

from __future__ import annotations

import torch

MEGABATCH = 50  # batches per sorted chunk: enough to find similar lengths, few enough to keep batches random
GROUPABLE_LOSSES = ("CosineSimilarityLoss", "DenoisingAutoEncoderLoss")


def length_grouped_batches(lengths: list[int], batch_size: int, seed: int, drop_last: bool = False) -> list[list[int]]:
    """Indices of ``lengths`` in batches of similar length, in a random (seeded) order."""
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(lengths), generator=generator).tolist()
    chunk_size = batch_size * MEGABATCH
    batches = []
    for start in range(0, len(order), chunk_size):
        chunk = sorted(order[start:start + chunk_size], key=lambda i: lengths[i], reverse=True)
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    if drop_last:
        batches = [batch for batch in batches if len(batch) == batch_size]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def random_batches(size: int, batch_size: int, seed: int) -> list[list[int]]:
    """The cards' batching: a seeded random permutation cut into batches."""
    order = torch.randperm(size, generator=torch.Generator().manual_seed(seed)).tolist()
    return [order[i:i + batch_size] for i in range(0, size, batch_size)]


def padding_fraction(lengths: list[int], batches: list[list[int]]) -> float:
    """Share of the token positions computed that are padding (every row padded to its batch's longest)."""
    computed = sum(max(lengths[i] for i in batch) * len(batch) for batch in batches)
    return 1 - sum(lengths[i] for batch in batches for i in batch) / computed


def token_lengths(texts: list[str], tokenizer, max_length: int) -> list[int]:
    """Tokens per text as the model will see it (special tokens included, truncated)."""
    return [len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_length)["input_ids"]]


def length_grouped_sampler(lengths: list[int]):
    """A batch sampler class for ``SentenceTransformerTrainingArguments(batch_sampler=...)`` over ``lengths``."""
    from sentence_transformers.base.sampler import DefaultBatchSampler

    class LengthGroupedBatchSampler(DefaultBatchSampler):
        def __iter__(self):
            yield from length_grouped_batches(lengths, self.batch_size, self.seed + self.epoch, self.drop_last)

        def __len__(self) -> int:
            # chunks hold whole batches, so only the last batch of all can be short
            full, rest = divmod(len(lengths), self.batch_size)
            return full + (1 if rest and not self.drop_last else 0)

    return LengthGroupedBatchSampler
