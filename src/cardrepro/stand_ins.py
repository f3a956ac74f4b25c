"""Stand-ins built here from a config, for base models no package carries.

Qwen2.5-0.5B-Instruct cannot be had offline. Its stand-in keeps what matters for the tsdae-qwen
card: a decoder-only Qwen2 (no cross-attention), mean pooling and no Normalize, with tied input and
output embeddings. It is small (random weights, seeded). Qwen2's own 151k-token vocabulary is not
available offline either, so its tokenizer is a Qwen2-style byte-level BPE (Qwen2's pre-tokenizer,
no BOS/EOS added) trained here on the generated Eedi training text: transformers always loads a
qwen2 model's tokenizer as ``Qwen2Tokenizer``, which would read a borrowed WordPiece vocabulary
letter by letter.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

from cardrepro.paths import resolve

TINY_QWEN2 = "cardrepro/tiny-qwen2"
BUILD_DIR = "models/stand_ins"
# Qwen2.5-0.5B-Instruct: 24 layers, hidden 896, 14 heads, 2 key-value heads, MLP 4864, 151,936 tokens.
TINY_QWEN2_SHAPE = {"num_hidden_layers": 4, "hidden_size": 256, "num_attention_heads": 4,
                    "num_key_value_heads": 2, "intermediate_size": 1024}
TINY_QWEN2_SEED = 0
TINY_QWEN2_MAX_POSITIONS = 32768  # the card's max_seq_length
TINY_QWEN2_VOCAB = 8192
TOKENIZER_TEXT = {"source": "generated", "raw": "", "seed": 42, "train_rows": 4370, "eval_rows": 600}  # Eedi, card size
RECIPE_FILE = "cardrepro_stand_in.json"  # what the folder was built from: a changed recipe rebuilds it
RECIPE = {"model": TINY_QWEN2, **TINY_QWEN2_SHAPE, "seed": TINY_QWEN2_SEED, "vocab_max": TINY_QWEN2_VOCAB,
          "tokenizer": "qwen2-style byte-level BPE on generated Eedi train pairs", "version": 2}


def describe(model_id: str) -> str:
    """What a built stand-in is, in words for a banner."""
    shape = TINY_QWEN2_SHAPE
    return (f"a Qwen2 built here from a config ({shape['num_hidden_layers']} layers, hidden {shape['hidden_size']}, "
            f"random weights with seed {TINY_QWEN2_SEED}, a Qwen2-style BPE tokenizer trained here on the generated Eedi text)")


def qwen2_style_tokenizer(texts: list[str], vocab_size: int = TINY_QWEN2_VOCAB):
    """A ``Qwen2Tokenizer`` whose byte-level BPE vocabulary and merges are learned from ``texts``."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import Qwen2Tokenizer
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

    end = "<|endoftext|>"  # Qwen2's unk, eos and pad token
    bpe = Tokenizer(models.BPE())
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[end], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    bpe.train_from_iterator(texts, trainer)
    learned = json.loads(bpe.to_str())["model"]
    return Qwen2Tokenizer(vocab=learned["vocab"], merges=[tuple(m) for m in learned["merges"]])


def _tokenizer_texts() -> list[str]:
    from cardrepro.data import build_pairs

    with warnings.catch_warnings():  # the generator's dropped-row notes concern runs, not a tokenizer's text
        warnings.simplefilter("ignore")
        pairs = build_pairs("tsdae_qwen", TOKENIZER_TEXT, "train")
    return [p[column] for p in pairs for column in ("sentence_0", "sentence_1")]


def _write_tiny_qwen2(folder: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import Qwen2Config, Qwen2Model

    tokenizer = qwen2_style_tokenizer(_tokenizer_texts())
    config = Qwen2Config(vocab_size=len(tokenizer), max_position_embeddings=TINY_QWEN2_MAX_POSITIONS,
                         tie_word_embeddings=True, pad_token_id=tokenizer.pad_token_id,
                         bos_token_id=None, eos_token_id=tokenizer.eos_token_id, **TINY_QWEN2_SHAPE)
    torch.manual_seed(TINY_QWEN2_SEED)
    backbone = folder / "backbone"
    Qwen2Model(config).save_pretrained(backbone)
    tokenizer.save_pretrained(backbone)
    transformer = Transformer(str(backbone), max_seq_length=TINY_QWEN2_MAX_POSITIONS)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(folder))
    shutil.rmtree(backbone)
    (folder / RECIPE_FILE).write_text(json.dumps(RECIPE, indent=2) + "\n", encoding="utf-8")


def _built_from_recipe(folder: Path) -> bool:
    marker = folder / RECIPE_FILE
    return marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == RECIPE


def build(model_id: str) -> Path | None:
    """The folder of a built stand-in, written once (atomically) under models/stand_ins/."""
    if model_id != TINY_QWEN2:
        return None
    folder = resolve(BUILD_DIR) / model_id.split("/")[-1]
    if not _built_from_recipe(folder):
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
        try:
            _write_tiny_qwen2(scratch)
            shutil.rmtree(folder, ignore_errors=True)
            scratch.rename(folder)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return folder
