"""The TSDAE objectives a run can train, built from ``training``: the card's
``DenoisingAutoEncoderLoss`` (the decoder reads the embedding through cross-attention, which
decoder-only models lack) or ``PrefixDenoisingAutoEncoderLoss``, which feeds the embedding to
a decoder-only model as prefix vectors. ``training.conditioning`` picks one: ``none`` (the card)
or ``prefix``.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from cardrepro.progress import quiet_loading


def make_tsdae_loss(model, training: dict, conditioning: str | None = None) -> nn.Module:
    """The TSDAE objective ``training`` asks for (or the one named by ``conditioning``)."""
    from sentence_transformers.sentence_transformer.losses import DenoisingAutoEncoderLoss

    conditioning = conditioning or training.get("conditioning", "none")
    tied = training.get("tie_encoder_decoder", True)
    with quiet_loading():  # decoder_facts say what the load report would: which weights are new
        if conditioning == "prefix":
            return PrefixDenoisingAutoEncoderLoss(model, training.get("prefix_tokens", 4), tie_encoder_decoder=tied)
        # the cards: (sentence_0 -> sentence_1), decoder loaded from the encoder's folder, cross-attention
        decoder = None if tied else model.transformers_model.config._name_or_path  # an untied copy of the same weights
        return DenoisingAutoEncoderLoss(model, decoder_name_or_path=decoder, tie_encoder_decoder=tied)


def decoder_facts(loss: nn.Module) -> dict:
    """How a TSDAE decoder meets the sentence embedding (what transformers' load report would say): its class and
    whether it reads the embedding through prefix vectors, new cross-attention, or not at all."""
    facts = {"decoder": type(loss.decoder).__name__}
    if isinstance(loss, PrefixDenoisingAutoEncoderLoss):
        return facts | {"reads_embedding": "prefix", "prefix_tokens": loss.prefix_tokens}
    cross = [key for key, _ in loss.decoder.named_parameters() if ".crossattention." in key]
    if not cross:
        return facts | {"reads_embedding": "no"}
    return facts | {"reads_embedding": "cross-attention", "layers": len({key.split(".crossattention.")[0] for key in cross}),
                    "tensors": len(cross)}


class PrefixDenoisingAutoEncoderLoss(nn.Module):
    """Reconstruct sentence_1 from sentence_0's embedding, placed as ``prefix_tokens`` vectors before it.

    The embedding is projected to k vectors in the decoder's input space; the decoder (a causal LM,
    tied to the encoder or a separate copy) then reads [prefix, target tokens[:-1]] and is scored on
    the target tokens only, so the only way to lower the loss beyond a language model's is to put
    the target's content into the embedding.
    """

    def __init__(self, model, prefix_tokens: int = 4, tie_encoder_decoder: bool = True) -> None:
        super().__init__()
        from sentence_transformers.sentence_transformer.losses.denoising_auto_encoder import (
            _tie_encoder_decoder_weights,
        )
        from transformers import AutoConfig, AutoModelForCausalLM

        self.encoder = model
        self.prefix_tokens = prefix_tokens
        path = model.transformers_model.config._name_or_path
        config = AutoConfig.from_pretrained(path)
        if hasattr(config, "is_decoder"):  # an encoder such as BERT: attend causally, or targets leak
            config.is_decoder = True
        self.decoder = AutoModelForCausalLM.from_pretrained(path, config=config)
        if tie_encoder_decoder:
            _tie_encoder_decoder_weights(model.transformers_model, self.decoder.base_model)
        hidden = self.decoder.config.hidden_size
        self.project = nn.Linear(model.get_embedding_dimension(), prefix_tokens * hidden)

    def forward(self, sentence_features, labels: Tensor | None = None) -> Tensor:
        source, target = tuple(sentence_features)
        embedding = self.encoder(source)["sentence_embedding"]
        batch, k = embedding.shape[0], self.prefix_tokens
        prefix = self.project(embedding).view(batch, k, -1)
        ids, mask = target["input_ids"], target["attention_mask"]
        tokens = self.decoder.get_input_embeddings()(ids[:, :-1])
        inputs = torch.cat([prefix.to(tokens.dtype), tokens], dim=1)
        attention = torch.cat([mask.new_ones(batch, k), mask[:, :-1]], dim=1)
        logits = self.decoder(inputs_embeds=inputs, attention_mask=attention, use_cache=False).logits[:, k - 1:]
        # position k-1 (last prefix vector) predicts token 0, ..., position k-1+j predicts token j
        targets = ids.masked_fill(mask == 0, -100)
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)
