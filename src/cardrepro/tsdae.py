"""TSDAE's report: what the conditioning checks and the objective comparison measured, in tables, a figure and
the record. The measuring is in ``cardrepro.objectives.tsdae`` (run by the train stage); this module only reads its
results, and ``cardrepro.sentences.tsdae`` words them."""

from __future__ import annotations

import pandas as pd

from cardrepro.objectives.tsdae.comparison import PROMPT_NAME


def conditioning_metrics(before: pd.DataFrame, trained: dict[str, dict]) -> dict[str, float]:
    """Flat keys for the metrics JSON: ``card_loss_gap_shuffled``, ``prefix_trained_grad_norm_pooled``, ..."""
    flat = {f"{objective}_{key}": round(float(value), 6) for objective, row in before.iterrows() for key, value in row.items()}
    for objective, check in trained.items():
        flat.update({f"{objective}_trained_{key}": round(float(value), 6) for key, value in check.items()})
    return flat


MEAN_OVER_SEEDS = "mean over seeds"


def objective_gaps(per_query: dict, metric: str) -> pd.DataFrame:
    """Prefix minus card on the same held-out queries, at each seed both ran and for their per-query
    mean over those seeds, with the 95% interval of a paired bootstrap over the queries."""
    from cardrepro.uncertainty import bootstrap_intervals

    seeds = sorted(seed for objective, seed in per_query if objective == "card" and ("prefix", seed) in per_query)
    pairs = {seed: (per_query[("card", seed)], per_query[("prefix", seed)]) for seed in seeds}
    if len(seeds) > 1:
        pairs[MEAN_OVER_SEEDS] = tuple(sum(frames) / len(seeds) for frames in zip(*pairs.values(), strict=True))
    rows = {}
    for seed, (card, prefix) in pairs.items():
        row = bootstrap_intervals(card, prefix).loc[metric]
        rows[seed] = {"card": row["base"], "prefix": row["tuned"], "prefix - card": row["gain"],
                      "low": row["gain_low"], "high": row["gain_high"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("seed")


def objective_comparison(runs: pd.DataFrame, base: dict, chance: dict, metrics: list[str],
                         prompt: dict | None = None) -> pd.DataFrame:
    """Random ranking, the base model, the prompt baseline (when scored), then each objective's mean,
    min and max over its seeds, for ``metrics``."""
    fixed = [("chance", chance), ("base", base)] + ([(PROMPT_NAME, prompt)] if prompt else [])
    table = {name: {**{m: scores[m] for m in metrics}, **{f"{m}_{s}": scores[m] for m in metrics for s in ("min", "max")},
                    "seeds": 0}
             for name, scores in fixed}
    for name, group in runs.groupby("objective", sort=False):
        table[name] = {**group[metrics].mean().to_dict(),
                       **{f"{m}_{s}": getattr(group[m], s)() for m in metrics for s in ("min", "max")}, "seeds": len(group)}
    rows = [name for name, _ in fixed] + [name for name in ("card", "prefix") if name in table]
    columns = [c for m in metrics for c in (m, f"{m}_min", f"{m}_max")] + ["seeds"]
    return pd.DataFrame(table).T.loc[rows, columns].rename_axis("model").astype({"seeds": int})


def objective_table_view(table: pd.DataFrame) -> pd.DataFrame:
    """``objective_comparison`` for reading: four decimals, and no range or seed count ("—") for the rows
    that train nothing (random ranking, the base model, the prompt baseline)."""
    view = pd.DataFrame(index=table.index, columns=table.columns, dtype=object)
    for name, row in table.iterrows():
        trained = row["seeds"] > 0
        for column, value in row.items():
            blank = column == "seeds" and not trained or column.endswith(("_min", "_max")) and not trained
            view.loc[name, column] = "—" if blank else str(int(value)) if column == "seeds" else f"{value:.4f}"
    return view.rename(columns={"seeds": "trained seeds"})


def seed_repeats(details: dict) -> tuple[str | None, dict[int, dict]]:
    """The objective comparison's runs of the headline's own objective, by seed: the objective whose run at
    the training seed scored the run's headline (it is that run, reused). (None, {}) without a comparison."""
    by_objective: dict[str, dict[int, dict]] = {}
    for key, scores in details.get("objective_runs", {}).items():
        objective, seed = key.rsplit("_seed", 1)
        by_objective.setdefault(objective, {})[int(seed)] = scores
    headline, seed = details["headline"], details["training"]["seed"]
    for objective, runs in by_objective.items():
        reused = runs.get(seed, {}).get(headline)
        if reused is not None and abs(reused - details["tuned"][headline]) < 1e-6:  # recorded to 6 decimals
            return objective, dict(sorted(runs.items()))
    return None, {}


def gains_over_base(base: pd.DataFrame, per_query: dict, prompt: pd.DataFrame | None, metric: str) -> pd.DataFrame:
    """Each objective (each query's score averaged over its seeds first) and the prompt baseline minus
    the base model on the same held-out queries, with the 95% interval of a paired bootstrap."""
    from cardrepro.uncertainty import bootstrap_intervals

    compared = {f"{objective} objective": _averaged(per_query, objective) for objective in ("card", "prefix")}
    compared = {name: scores for name, scores in compared.items() if scores is not None}
    if prompt is not None:
        compared[PROMPT_NAME] = prompt
    rows = {}
    for name, scores in compared.items():
        row = bootstrap_intervals(base, scores).loc[metric]
        rows[name] = {"base": row["base"], "model": row["tuned"], "minus base": row["gain"],
                      "low": row["gain_low"], "high": row["gain_high"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("compared with the base model")


def _averaged(per_query: dict, objective: str) -> pd.DataFrame | None:
    """An objective's per-query scores averaged over its seeds (None when it did not run)."""
    frames = [frame for (name, _), frame in per_query.items() if name == objective]
    return sum(frames) / len(frames) if frames else None


def prompt_gaps(per_query: dict, prompt: pd.DataFrame | None, metric: str) -> pd.DataFrame:
    """PromptEOL (no training) minus each objective (per-query scores averaged over its seeds) on the same
    held-out queries, with the 95% interval of a paired bootstrap: does training beat a prompt?"""
    from cardrepro.uncertainty import bootstrap_intervals

    rows = {}
    for objective in ("card", "prefix"):
        scores = _averaged(per_query, objective)
        if scores is None or prompt is None:
            continue
        row = bootstrap_intervals(scores, prompt).loc[metric]
        rows[f"{PROMPT_NAME} - {objective} objective"] = {"objective": row["base"], PROMPT_NAME: row["tuned"],
                                                          "difference": row["gain"], "low": row["gain_low"],
                                                          "high": row["gain_high"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("paired comparison")


def plot_objective_comparison(runs: pd.DataFrame, per_query: dict, base: pd.DataFrame, prompt: pd.DataFrame | None,
                              chance: dict, metric: str):
    """Each model's held-out ``metric`` with its 95% interval over the queries (an objective's scores averaged over
    its seeds, each seed a dot), against the base model and random ranking as lines."""
    import matplotlib.pyplot as plt

    from cardrepro.uncertainty import bootstrap_intervals

    models = {f"{name} objective": _averaged(per_query, name) for name in ("card", "prefix")}
    models = {name: scores for name, scores in models.items() if scores is not None}
    if prompt is not None:
        models[PROMPT_NAME] = prompt
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.7 * len(models)))
    plt.close(fig)
    for row, (name, scores) in enumerate(models.items()):
        interval = bootstrap_intervals(base, scores).loc[metric]
        ax.plot([interval["tuned_low"], interval["tuned_high"]], [row, row], color="tab:blue", linewidth=4, alpha=0.5)
        ax.plot([interval["tuned"]], [row], "o", color="tab:blue", label="mean, 95% interval over queries" if row == 0 else None)
        objective = name.removesuffix(" objective")
        seeds = runs[runs["objective"] == objective]
        ax.plot(seeds[metric], [row] * len(seeds), "x", color="crimson", label="one seed" if row == 0 and len(seeds) else None)
    ax.axvline(base[metric].mean(), color="0.4", linestyle="--", label=f"base model {base[metric].mean():.4f}")
    if metric in chance:
        ax.axvline(chance[metric], color="0.6", linestyle=":", label=f"random ranking {chance[metric]:.4f}")
    ax.set_yticks(range(len(models)), list(models))
    ax.set_ylim(len(models) - 0.5, -0.5)
    ax.set(xlabel=metric, title=f"Held-out {metric} of each model")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def objective_runs_metrics(runs: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Every (objective, seed) run for the metrics JSON: ``card_seed42``, ``prefix_seed43``, ..."""
    named = runs.set_index(runs["objective"] + "_seed" + runs["seed"].astype(str)).drop(columns=["objective", "seed"])
    return {name: {k: round(float(v), 6) for k, v in row.items()} for name, row in named.iterrows()}


def tsdae_metrics(before: pd.DataFrame, trained: dict[str, dict], table: pd.DataFrame | None = None,
                  runs: pd.DataFrame | None = None, gaps: pd.DataFrame | None = None,
                  gains: pd.DataFrame | None = None) -> dict:
    """A TSDAE run's sections of ``details.json``: the conditioning checks and, where the objectives
    were compared, their table, every (objective, seed) run, the paired prefix-minus-card gaps and
    each model's paired gain over the base model."""
    rounded = lambda frame: {str(key): {k: round(float(v), 6) for k, v in row.items()}  # noqa: E731
                             for key, row in frame.iterrows()}
    sections = {"conditioning": conditioning_metrics(before, trained)}
    if runs is not None:
        sections["objectives"] = table.to_dict("index")
        sections["objective_runs"] = objective_runs_metrics(runs)
        sections["objective_gaps"] = rounded(gaps)
    if gains is not None:
        sections["gains_over_base"] = rounded(gains)
    return sections
