"""An imported card's pairs from a hub dataset: read like a file (the card's columns, split by position), and
refused in one line where the hub cannot be reached."""

from __future__ import annotations

import datasets
import pytest

from cardrepro.data import pairs_file

DATA = {"source": "real", "raw": "hf://someone/qa-pairs", "train_rows": 2, "eval_rows": 1, "columns": ["anchor", "positive"]}


def test_a_hub_dataset_is_read_in_its_order_with_the_cards_columns(monkeypatch):
    asked = []

    def load_dataset(name, split):
        asked.append((name, split))
        return datasets.Dataset.from_dict({"anchor": ["q1", "q2", "q3"], "positive": ["a1", "a2", "a3"]})

    monkeypatch.setattr(datasets, "load_dataset", load_dataset)
    assert pairs_file.build_pairs(DATA, "train") == [{"sentence_0": "q1", "sentence_1": "a1"},
                                                     {"sentence_0": "q2", "sentence_1": "a2"}]
    assert pairs_file.build_pairs(DATA | {"raw": "hf://someone/qa-pairs:validation"}, "eval") == [
        {"sentence_0": "q3", "sentence_1": "a3"}]
    assert asked == [("someone/qa-pairs", "train"), ("someone/qa-pairs", "validation")]


def test_a_hub_dataset_out_of_reach_is_one_line_naming_it_and_the_fix(monkeypatch):
    def offline(name, split):
        raise ConnectionError("no network")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(ValueError, match=r"^data.raw: hf://someone/qa-pairs: the hub dataset could not be loaded "
                                         r"\(ConnectionError\); fix: download its pairs"):
        pairs_file.build_pairs(DATA, "train")


def test_a_hub_row_without_the_cards_text_is_named_by_the_dataset(monkeypatch):
    monkeypatch.setattr(datasets, "load_dataset",
                        lambda name, split: datasets.Dataset.from_dict({"anchor": ["q1", ""], "positive": ["a1", "a2"]}))
    with pytest.raises(ValueError, match=r"^hf://someone/qa-pairs: row 2: no text in anchor"):
        pairs_file.build_pairs(DATA | {"eval_rows": 0}, "train")


def test_an_imported_hub_dataset_makes_its_params_file_the_prepare_stages_dependency():
    from cardimport.new_run import registry_entry

    card = {"hyperparameters": {"loss": "MultipleNegativesRankingLoss"}, "dataset": {"columns": ["anchor", "positive"]}}
    assert "raw: params/my_card.yaml" in registry_entry("my_card", card, "hf://someone/qa-pairs")
    assert "raw: data/raw/my_card/pairs.csv" in registry_entry("my_card", card, "data/raw/my_card/pairs.csv")
