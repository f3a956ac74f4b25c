"""Card comparisons: architecture print-outs of both library versions, recipe differences."""

from __future__ import annotations

from cardrepro.cards import card_comparison, recipe_table
from cardrepro.model_card import architecture_summary
from cardrepro.params import load

CARD_FORMAT = """SentenceTransformer(
  (0): Transformer({'max_seq_length': 512, 'do_lower_case': False}) with Transformer model: Qwen2Model
  (1): Pooling({'word_embedding_dimension': 896, 'pooling_mode_cls_token': False, 'pooling_mode_mean_tokens': True})
)"""
NEW_FORMAT = """SentenceTransformer(
  (0): Transformer({'transformer_task': 'feature-extraction', 'architecture': 'BertModel'})
  (1): Pooling({'embedding_dimension': 384, 'pooling_mode': 'cls', 'include_prompt': True})
  (2): Normalize({'module_input_name': 'sentence_embedding'})
)"""


def test_architecture_summary_reads_both_formats():
    assert architecture_summary(CARD_FORMAT) == {
        "modules": "Transformer -> Pooling", "backbone": "Qwen2Model", "dimension": 896, "pooling": "mean"}
    assert architecture_summary(NEW_FORMAT) == {
        "modules": "Transformer -> Pooling -> Normalize", "backbone": "BertModel", "dimension": 384, "pooling": "cls"}


def test_card_comparison_flags_differences():
    card = load("params/cosine_sparql.yaml").card
    frame = card_comparison(architecture_summary(NEW_FORMAT), card, "base model loaded here")
    assert frame.loc["backbone", "same"] == "yes" and frame.loc["pooling", "same"] == "no"
    assert list(frame.columns) == ["seed card", "base model loaded here", "same"]


def test_recipe_table_marks_every_departure():
    params = load("params/cosine_sparql.yaml")
    shipped = recipe_table(params.card, params.training, 256, 12000)
    assert list(shipped.index[shipped["differs"] == "yes"]) == ["optim"]  # fused AdamW for the card's adamw_torch
    card_kernel = params.training | {"optim": "adamw_torch"}
    assert (recipe_table(params.card, card_kernel, 256, 12000)["differs"] == "").all()
    smoke = recipe_table(params.card, card_kernel | {"batch_size": 8}, 256, 48)
    assert list(smoke.index[smoke["differs"] == "yes"]) == ["batch_size", "train_pairs"]
    compressed = load("params/mnrl_compressed.yaml")  # its card already ran the fused kernel
    assert (recipe_table(compressed.card, compressed.training, 256, 263)["differs"] == "").all()


def test_recipe_table_marks_fewer_steps_and_a_frozen_embedding_matrix():
    params = load("params/tsdae_qwen.yaml")
    table = recipe_table(params.card, params.training, 32768, 4370)
    assert list(table.index[table["differs"] == "yes"]) == ["max_steps", "optim", "freeze_embeddings"]
    assert table.loc["max_steps"].tolist()[:2] == [-1, 60] and table.loc["freeze_embeddings"].tolist()[:2] == [False, True]


def test_the_cards_claims_name_the_base_models_revision_where_the_card_noted_it():
    from cardrepro.cards import card_claims

    card = load("params/cosine_sparql.yaml").card
    assert card_claims(card).loc["base model", "card"] == "sentence-transformers/all-MiniLM-L6-v2 (revision fa97f6e7cb1a)"
    unpinned = {key: value for key, value in card.items() if key != "base_model_revision"}
    assert card_claims(unpinned).loc["base model", "card"] == "sentence-transformers/all-MiniLM-L6-v2"
