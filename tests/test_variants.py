"""cardrepro.variants: which real-data runs vary the card's recipe, and what the comparison says."""

import numpy as np
import pandas as pd
import yaml

from cardrepro.plots import plot_variants
from cardrepro.sentences.variants import variant_heading, variants_paragraph
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
            "tuned_scores": {"cosine_map@25": float(scores.mean())}, "base_scores": {"cosine_map@25": float(base.mean())},
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


def _seeded(shifts: dict[int, float], base: np.ndarray, recipe: dict[int, np.ndarray]) -> dict[int, dict]:
    return {seed: _measured(recipe[seed] + shift, base, {0: 0.2, 100: 0.1}, seed) for seed, shift in shifts.items()}


def test_at_three_seeds_a_difference_one_seed_shows_is_weighed_against_the_spread_over_seeds():
    """The variant beats the recipe by 0.05 at seed 42 (clear on the items alone) but not at 43 or 44: over the
    seeds, no difference is established; a variant ahead at every seed is."""
    rng = np.random.default_rng(2)
    base = rng.uniform(0.1, 0.3, 200)
    recipe = {seed: base - 0.1 + rng.normal(0, 0.005, 200) for seed in (42, 43, 44)}
    card_runs = _seeded({42: 0.0, 43: 0.0, 44: 0.0}, base, recipe)
    lucky = _seeded({42: 0.05, 43: -0.05, 44: 0.0}, base, recipe)
    steady = _seeded({42: 0.15, 43: 0.14, 44: 0.16}, base, recipe)
    variants = {name: {"changes": {"training.warmup_ratio": 0.1}, "measured": runs[42],
                       "repeats": {43: runs[43], 44: runs[44]}} for name, runs in (("lucky", lucky), ("steady", steady))}
    card = card_runs[42]
    record = variants_record(card, variants, "cosine_map@25", _own_intervals(card), {43: card_runs[43], 44: card_runs[44]})
    one_seed, over = record["runs"]["lucky"]["difference_interval"], record["runs"]["lucky"]["over_seeds"]
    assert one_seed[0] > 0 and over["difference_interval"][0] < 0 < over["difference_interval"][1]
    assert over["seeds"] == [42, 43, 44] and over["difference"] == {"42": 0.05, "43": -0.05, "44": 0.0}
    assert record["runs"]["steady"]["over_seeds"]["difference_interval"][0] > 0.1
    assert record["card_recipe_over_seeds"]["gain_interval"][1] < 0
    text = variants_paragraph(record, base=float(base.mean()))
    assert "at seeds 42 / 43 / 44, +0.0000 on average (+0.0500 / -0.0500 / +0.0000)" in text
    assert "`lucky` cannot be told from the card's recipe" in text and "`steady` scores higher" in text
    assert "Compared at training seeds 42, 43, 44: each interval covers the spread over those seeds" in text
    assert "seed 42 only" not in text


def test_a_variant_at_one_seed_is_compared_at_that_seed_only_even_when_the_recipe_has_more():
    rng = np.random.default_rng(3)
    base = rng.uniform(0.1, 0.3, 100)
    recipe = {seed: base - 0.1 for seed in (42, 43)}
    card_runs = _seeded({42: 0.0, 43: 0.0}, base, recipe)
    variants = {"warm": {"changes": {"training.warmup_ratio": 0.1}, "measured": _seeded({42: 0.1}, base, recipe)[42]}}
    record = variants_record(card_runs[42], variants, "cosine_map@25", _own_intervals(card_runs[42]), {43: card_runs[43]})
    assert record["runs"]["warm"]["over_seeds"] is None and record["card_recipe_over_seeds"]["seeds"] == [42, 43]
    assert "seed 42 only" in variants_paragraph(record, base=float(base.mean()))


def test_a_paired_interval_over_seeds_needs_the_same_seeds_on_both_sides():
    import pytest

    from cardrepro.repeats import seed_item_intervals

    frame = pd.DataFrame({"m": np.linspace(0, 1, 50)})
    assert seed_item_intervals({1: frame, 2: frame}, against={1: frame, 2: frame})["m"] == [0.0, 0.0]
    with pytest.raises(ValueError, match="paired seeds differ"):
        seed_item_intervals({1: frame, 2: frame}, against={1: frame, 3: frame})


def test_a_variant_notebook_names_its_run_in_its_title(tmp_path):
    from types import SimpleNamespace

    import nbformat

    from cardrepro.notebooks import name_in_title

    path = tmp_path / "mnrl_qa.ipynb"
    title = "# mnrl-qa: matching machine-learning questions to their answers\n\n**Seed card:** `mnrl-qa.md`"
    for real, expected in (("mnrl_qa_source_recipe", "# mnrl-qa — run `mnrl_qa_source_recipe`: matching machine"),
                           ("mnrl_qa", "# mnrl-qa: matching machine"), (None, "# mnrl-qa: matching machine")):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(title)]), path)
        shown = name_in_title(path, SimpleNamespace(run="mnrl_qa", origin={"real": real}))
        assert shown.cells[0].source.startswith(expected) and shown.cells[0].source.endswith("`mnrl-qa.md`")
        assert nbformat.read(path, as_version=4).cells[0].source == shown.cells[0].source
