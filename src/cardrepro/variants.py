"""Variants of a card's recipe on the real data: what each changes, and what the change did.

Every run of params/real.yaml other than the one named after its card (``tsdae_minilm`` for the runs of
params/tsdae_minilm.yaml) is a variant of that run, and its report names what it changes. A variant that reads
the same data the same way at the same seed and changes other training values (``tsdae_minilm_warmup`` sets
``training: {warmup_ratio: 0.1}``) is a recipe variant: the card-recipe run's report reads its measurements
(real/dvc.yaml makes them dependencies) and sets it beside itself on the same held-out items, with a paired
bootstrap interval of the difference and the lowest point of each evaluation curve, so that a reader sees which
change moves the result, and which leaves it inside the noise.
"""

from __future__ import annotations

import pandas as pd

from cardrepro.params import RunParams, load_run, real_runs

SECTIONS = ("model", "data", "training", "evaluation")


def _flat(params: RunParams) -> dict[str, object]:
    raw = params.as_dict()
    return {f"{section}.{key}": value for section in SECTIONS for key, value in raw[section].items()}


def _load(params: RunParams, name: str) -> RunParams:
    return load_run(params.origin["params_file"], profile=params.origin["profile"], real=name)


def changes_from(params: RunParams, other: RunParams) -> dict[str, object]:
    """{"section.key": value} where ``params`` differs from ``other``."""
    mine, theirs = _flat(params), _flat(other)
    return {key: value for key, value in mine.items() if theirs.get(key) != value}


def variant_of(params: RunParams) -> dict | None:
    """{"of": the card-recipe run, "changes": {"section.key": value}} for a real run that is not the card's own
    recipe run; None otherwise (generated runs, the card-recipe run, an overlay without that run)."""
    name = (params.origin or {}).get("real")
    if name is None or name == params.run or params.run not in real_runs():
        return None
    return {"of": params.run, "changes": changes_from(params, _load(params, params.run))}


def _sections(entry: dict) -> dict[str, dict]:
    return {section: dict(values or {}) for section, values in (entry.get("set") or {}).items() if values}


def recipe_variant_names(overlay=None) -> dict[str, str]:
    """{name: the card-recipe run it varies} for every recipe variant of params/real.yaml, read from the file alone:
    the same run, data and data values as the run named after the card, the same seed, other training values."""
    runs = real_runs(overlay) if overlay is not None else real_runs()
    found = {}
    for name, entry in runs.items():
        host = runs.get(entry["run"])
        if name == entry["run"] or host is None or entry["raw"] != host["raw"]:
            continue
        mine, theirs = _sections(entry), _sections(host)
        training, host_training = mine.pop("training", {}), theirs.pop("training", {})
        if mine == theirs and training.get("seed") == host_training.get("seed") and training != host_training:
            found[name] = entry["run"]
    return found


def recipe_variants(params: RunParams) -> dict[str, RunParams]:
    """The recipe variants of the card-recipe run ``params``: {name: their params}, in params/real.yaml order."""
    if (params.origin or {}).get("real") != params.run:
        return {}
    return {name: _load(params, name) for name, host in recipe_variant_names().items() if host == params.run}


def load_variants(params: RunParams) -> dict[str, dict]:
    """{name: {"changes", "measured", "repeats"}} of the card-recipe run's recipe variants, read from their train
    stages; ``repeats``: the variant's own runs at other training seeds ({seed: measurements}, ``cardrepro.repeats``)."""
    from cardrepro.measurements import load
    from cardrepro.repeats import load_repeats
    from cardrepro.report_inputs import check_measured

    return {name: {"changes": changes_from(other, params), "measured": load(check_measured(other)),
                   "repeats": load_repeats(other)}
            for name, other in recipe_variants(params).items()}


def lowest_point(history: pd.DataFrame, metric: str) -> dict | None:
    """The lowest held-out evaluation during training, and its step (the start excluded: that is the base model)."""
    column = f"eval_{metric}"
    if column not in history:
        return None
    curve = history.loc[history["step"] > 0].dropna(subset=[column])
    if curve.empty:
        return None
    row = curve.loc[curve[column].idxmin()]
    return {"step": int(row["step"]), "value": round(float(row[column]), 6)}


def variants_record(measured: dict, variants: dict[str, dict], metric: str, intervals: pd.DataFrame,
                    repeats: dict[int, dict] | None = None) -> dict | None:
    """details.json's ``variants``: for each recipe variant what it changes, its headline score, its difference
    from the card's recipe with a paired 95% interval over the held-out items, its gain over the base model and
    the lowest point of its curve; the card recipe's own lowest point and gain (from ``intervals``, its
    ``uncertainty.bootstrap_intervals``) beside them. Where the card's recipe (``repeats``) and a variant were both
    run at further training seeds, the variant's ``over_seeds`` gives the same difference and gain at every seed the
    two share, with intervals over seeds and held-out items together (``repeats.seed_item_intervals``), and the
    card recipe's ``card_recipe_over_seeds`` its gain likewise. None without variants."""
    from cardrepro.uncertainty import bootstrap_intervals

    if not variants:
        return None
    card_runs = {_seed_of(measured): measured, **(repeats or {})}
    rows = {}
    for name, variant in variants.items():
        theirs = variant["measured"]
        against_card = bootstrap_intervals(measured["tuned_per_query"], theirs["tuned_per_query"]).loc[metric]
        against_base = bootstrap_intervals(theirs["base_per_query"], theirs["tuned_per_query"]).loc[metric]
        rows[name] = {
            "changes": variant["changes"],
            "tuned": round(float(against_card["tuned"]), 6),
            "tuned_interval": [round(float(against_card["tuned_low"]), 6), round(float(against_card["tuned_high"]), 6)],
            "difference": round(float(against_card["gain"]), 6),
            "difference_interval": [round(float(against_card["gain_low"]), 6), round(float(against_card["gain_high"]), 6)],
            "gain_interval": [round(float(against_base["gain_low"]), 6), round(float(against_base["gain_high"]), 6)],
            "lowest": lowest_point(theirs["history"], metric),
            "seed": theirs["params"]["training"]["seed"],
            "over_seeds": over_seeds(card_runs, {_seed_of(theirs): theirs, **(variant.get("repeats") or {})}, metric),
        }
    own = intervals.loc[metric]
    return {"metric": metric, "card_recipe_lowest": lowest_point(measured["history"], metric),
            "card_recipe_gain_interval": [round(float(own["gain_low"]), 6), round(float(own["gain_high"]), 6)],
            "card_recipe_over_seeds": gain_over_seeds(card_runs, metric), "runs": rows,
            "curves": curves(measured, variants, metric)}


def _seed_of(record: dict) -> int:
    return record["params"]["training"]["seed"]


def _score(record: dict, which: str, metric: str) -> float:
    return float(record[f"{which}_scores"][metric])


def gain_over_seeds(runs: dict[int, dict], metric: str) -> dict | None:
    """A recipe's gain over the base model at each of its training seeds, with its interval over seeds and items;
    None for a recipe run at one seed."""
    from cardrepro.repeats import seed_item_intervals

    if len(runs) < 2:
        return None
    seeds = sorted(runs)
    tuned = {s: runs[s]["tuned_per_query"] for s in seeds}
    base = {s: runs[s]["base_per_query"] for s in seeds}
    return {"seeds": seeds,
            "gain": {str(s): round(_score(runs[s], "tuned", metric) - _score(runs[s], "base", metric), 6) for s in seeds},
            "gain_interval": seed_item_intervals(tuned, against=base)[metric]}


def over_seeds(card_runs: dict[int, dict], variant_runs: dict[int, dict], metric: str) -> dict | None:
    """A variant against the card's recipe at every training seed both were run at (two or more): each seed's
    tuned score and difference, and the intervals of the difference and of the variant's gain over the base model
    over those seeds and the held-out items together, each seed's variant paired with the card recipe's run at
    that seed. None where they share fewer than two seeds."""
    from cardrepro.repeats import seed_item_intervals

    seeds = sorted(set(card_runs) & set(variant_runs))
    if len(seeds) < 2:
        return None
    mine = {s: variant_runs[s]["tuned_per_query"] for s in seeds}
    card = {s: card_runs[s]["tuned_per_query"] for s in seeds}
    return {"seeds": seeds,
            "tuned": {str(s): round(_score(variant_runs[s], "tuned", metric), 6) for s in seeds},
            "difference": {str(s): round(_score(variant_runs[s], "tuned", metric) - _score(card_runs[s], "tuned", metric), 6)
                           for s in seeds},
            "difference_interval": seed_item_intervals(mine, against=card)[metric],
            "gain_interval": gain_over_seeds({s: variant_runs[s] for s in seeds}, metric)["gain_interval"]}


def curves(measured: dict, variants: dict[str, dict], metric: str) -> dict[str, dict[str, float]]:
    """Every run's held-out evaluation by step, the card's recipe first: {run: {step: value}}, for the figure."""
    column = f"eval_{metric}"
    runs = {"card's recipe": measured, **{name: variant["measured"] for name, variant in variants.items()}}
    return {name: {str(int(step)): round(float(value), 6)
                   for step, value in record["history"].dropna(subset=[column])[["step", column]].to_numpy()}
            for name, record in runs.items() if column in record["history"]}
