"""cardrepro.variants: which real-data runs vary the card's recipe, and what the comparison says."""

import numpy as np
import pandas as pd
import yaml

from cardrepro.plots import plot_variants
from cardrepro.sentences import variant_heading, variants_paragraph
from cardrepro.uncertainty import bootstrap_intervals
from cardrepro.variants import lowest_point, recipe_variant_names, variants_record

ENTRY = {"run": "tsdae_minilm", "raw": "data/raw/eedi"}


def test_a_recipe_variant_changes_training_values_at_the_same_seed_and_data(tmp_path):
    overlay = tmp_path / "real.yaml"
    overlay.write_text(yaml.safe_dump({"runs": {
        "tsdae_minilm": ENTRY,
        "tsdae_minilm_warmup": ENTRY | {"set": {"training": {"warmup_ratio": 0.1}}},
        "tsdae_minilm_seed43": ENTRY | {"set": {"training": {"seed": 43}}},  # a repeat, not a variant
        "tsdae_minilm_warmup_seed43": ENTRY | {"set": {"training": {"warmup_ratio": 0.1, "seed": 43}}},  # another seed
        "tsdae_minilm_fewer": ENTRY | {"set": {"data": {"train_rows": 100}}},  # other data: not comparable item by item
        "tsdae_minilm_other_copy": ENTRY | {"raw": "elsewhere", "set": {"training": {"warmup_ratio": 0.1}}},
        "mnrl_qa_lr": {"run": "mnrl_qa", "raw": "qa.csv", "set": {"training": {"learning_rate": 1e-6}}},  # no host
    }}))
    assert recipe_variant_names(overlay) == {"tsdae_minilm_warmup": "tsdae_minilm"}


def _measured(scores: np.ndarray, base: np.ndarray, curve: dict[int, float], seed: int = 42) -> dict:
    history = pd.DataFrame({"step": list(curve), "eval_cosine_map@25": list(curve.values())})
    return {"tuned_per_query": pd.DataFrame({"cosine_map@25": scores}),
            "base_per_query": pd.DataFrame({"cosine_map@25": base}), "history": history,
            "params": {"training": {"seed": seed}}}


def _own_intervals(measured: dict) -> pd.DataFrame:
    return bootstrap_intervals(measured["base_per_query"], measured["tuned_per_query"])


def test_a_variant_clearly_better_than_the_recipe_is_higher_and_one_alike_is_no_difference():
    rng = np.random.default_rng(0)
    base = rng.uniform(0.1, 0.3, 200)
    recipe = base - 0.1
    card = _measured(recipe, base, {0: 0.2, 100: 0.04, 200: 0.1})
    variants = {"warm": {"changes": {"training.warmup_ratio": 0.1},
                         "measured": _measured(recipe + 0.15, base, {0: 0.2, 100: 0.15, 200: 0.25})},
                "same": {"changes": {"training.learning_rate": 4e-5},
                         "measured": _measured(recipe + rng.normal(0, 0.01, 200), base, {0: 0.2, 100: 0.05, 200: 0.1})}}
    record = variants_record(card, variants, "cosine_map@25", _own_intervals(card))
    warm, same = record["runs"]["warm"], record["runs"]["same"]
    assert warm["difference"] == np.float64(0.15).round(6) and warm["difference_interval"][0] > 0
    assert same["difference_interval"][0] < 0 < same["difference_interval"][1]
    assert record["card_recipe_lowest"] == {"step": 100, "value": 0.04} and warm["lowest"] == {"step": 100, "value": 0.15}
    assert list(record["curves"]) == ["card's recipe", "warm", "same"]
    text = variants_paragraph(record, base=float(base.mean()))
    assert "`warm` (training.warmup_ratio 0.1)" in text and "higher than the card's recipe" in text
    assert "`same` (training.learning_rate 4e-05)" in text and "no difference from the card's recipe established" in text
    assert record["card_recipe_gain_interval"][1] < 0  # the recipe lowered the score, so the text says who undid it
    assert "`warm` reaches the base model's level" in text and "seed 42 only" in text
    assert "whose curve falls to 0.0400 at step 100" in text
    assert "In short: `warm` scores higher than the card's recipe; `same` cannot be told from the card's recipe;" in text
    details = {"variants": record, "base": {"cosine_map@25": float(base.mean())}}
    assert plot_variants(details) is not None and plot_variants({"variants": None}) is None


def test_the_lowest_point_leaves_out_the_start_and_a_run_without_a_curve():
    history = pd.DataFrame({"step": [0, 50, 100], "eval_x": [0.01, 0.2, 0.1]})
    assert lowest_point(history, "x") == {"step": 100, "value": 0.1}
    assert lowest_point(history, "y") is None


def test_a_variant_names_what_it_changes():
    assert variant_heading({"of": "mnrl_qa", "changes": {"training.learning_rate": 2e-6, "training.weight_decay": 0.03}}) \
        == "a variant of `mnrl_qa` (the card's recipe): training.learning_rate 2e-06, training.weight_decay 0.03"
    assert variant_heading({"of": "cosine_sparql", "changes": {"training.seed": 43}}) \
        == "a repeat of `cosine_sparql` (the card's recipe) at training seed 43"


def test_a_recipe_that_raised_the_score_is_not_said_to_fall_nor_to_need_undoing():
    rng = np.random.default_rng(1)
    base = rng.uniform(0.3, 0.5, 100)
    card = _measured(base + 0.2, base, {0: 0.4, 100: 0.55, 200: 0.6})
    variants = {"slow": {"changes": {"training.learning_rate": 1e-6},
                         "measured": _measured(base + 0.1, base, {0: 0.4, 100: 0.45, 200: 0.5})}}
    text = variants_paragraph(variants_record(card, variants, "cosine_map@25", _own_intervals(card)),
                              base=float(base.mean()))
    assert "never falls below the base model (lowest 0.5500, at step 100)" in text
    assert "base model's level" not in text and "In short: `slow` scores lower than the card's recipe." in text
