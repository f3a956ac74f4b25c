"""Stand-ins built here from a config, for base models no package carries.

Qwen2.5-0.5B-Instruct cannot be had offline. Its stand-in keeps what matters for the tsdae-qwen
card: a decoder-only Qwen2 (no cross-attention), mean pooling and no Normalize, with tied input and
output embeddings. It is small (random weights, seeded) and borrows all-MiniLM-L6-v2's WordPiece
tokenizer, because Qwen2's own 151k-token vocabulary is not available offline either.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from cardrepro.paths import resolve

TINY_QWEN2 = "cardrepro/tiny-qwen2"
BUILD_DIR = "models/stand_ins"
# Qwen2.5-0.5B-Instruct: 24 layers, hidden 896, 14 heads, 2 key-value heads, MLP 4864, 151,936 tokens.
TINY_QWEN2_SHAPE = {"num_hidden_layers": 4, "hidden_size": 256, "num_attention_heads": 4,
                    "num_key_value_heads": 2, "intermediate_size": 1024}
TINY_QWEN2_SEED = 0
TINY_QWEN2_MAX_POSITIONS = 32768  # the card's max_seq_length


def describe(model_id: str) -> str:
    """What a built stand-in is, in words for a banner."""
    shape = TINY_QWEN2_SHAPE
    return (f"a Qwen2 built here from a config ({shape['num_hidden_layers']} layers, hidden {shape['hidden_size']}, "
            f"random weights with seed {TINY_QWEN2_SEED}, all-MiniLM-L6-v2's tokenizer)")


def _write_tiny_qwen2(folder: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import AutoTokenizer, Qwen2Config, Qwen2Model

    from cardrepro.models import _from_package

    tokenizer = AutoTokenizer.from_pretrained(_from_package("sentence-transformers/all-MiniLM-L6-v2").path)
    config = Qwen2Config(vocab_size=len(tokenizer), max_position_embeddings=TINY_QWEN2_MAX_POSITIONS,
                         tie_word_embeddings=True, pad_token_id=tokenizer.pad_token_id,
                         bos_token_id=tokenizer.cls_token_id, eos_token_id=tokenizer.sep_token_id, **TINY_QWEN2_SHAPE)
    torch.manual_seed(TINY_QWEN2_SEED)
    backbone = folder / "backbone"
    Qwen2Model(config).save_pretrained(backbone)
    tokenizer.save_pretrained(backbone)
    transformer = Transformer(str(backbone), max_seq_length=TINY_QWEN2_MAX_POSITIONS)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(folder))
    shutil.rmtree(backbone)


def build(model_id: str) -> Path | None:
    """The folder of a built stand-in, written once (atomically) under models/stand_ins/."""
    if model_id != TINY_QWEN2:
        return None
    folder = resolve(BUILD_DIR) / model_id.split("/")[-1]
    if not (folder / "config.json").is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
        try:
            _write_tiny_qwen2(scratch)
            shutil.rmtree(folder, ignore_errors=True)
            scratch.rename(folder)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return folder
