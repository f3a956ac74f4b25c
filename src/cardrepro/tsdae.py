"""TSDAE's report: what the conditioning checks and the objective comparison measured, in tables and sentences.

The measuring is in ``cardrepro.objectives.tsdae`` (run by the train stage); this module only reads its results.
"""

from __future__ import annotations

import pandas as pd

from cardrepro.findings import ABOVE, ACROSS, BELOW, side_of_zero, sides
from cardrepro.objectives.tsdae.comparison import PROMPT_NAME


def conditioning_metrics(before: pd.DataFrame, trained: dict[str, dict]) -> dict[str, float]:
    """Flat keys for the metrics JSON: ``card_loss_gap_shuffled``, ``prefix_trained_grad_norm_pooled``, ..."""
    flat = {f"{objective}_{key}": round(float(value), 6) for objective, row in before.iterrows() for key, value in row.items()}
    for objective, check in trained.items():
        flat.update({f"{objective}_trained_{key}": round(float(value), 6) for key, value in check.items()})
    return flat


def _gap_with_noise(gap: float, low: float | None, high: float | None, batches: int | None) -> str:
    """A shuffled-source gap with its interval over the held-out batches, where there were several."""
    if batches is None or batches < 2:
        return f"{gap:+.4f} (one batch: its noise is not measured)" if batches == 1 else f"{gap:+.4f}"
    return f"{gap:+.4f} (95% interval over {batches} held-out batches {low:+.4f} to {high:+.4f})"


def conditioning_finding(conditioning: dict[str, float]) -> str:
    """Whether the card's objective lets the decoder read the sentence embedding, from the checks on the
    base model (``conditioning_metrics``), and what that means for what the card trained. Two facts, kept
    apart: the decoder is wired to the embedding (a gradient reaches it), and its loss measurably depends on
    the embedding (shuffling the sources moves the loss beyond the interval over the held-out batches)."""
    gap, grad = conditioning["card_loss_gap_shuffled"], conditioning["card_grad_norm_pooled"]
    low, high = conditioning.get("card_loss_gap_low"), conditioning.get("card_loss_gap_high")
    batches = conditioning.get("card_batches")
    shown = _gap_with_noise(gap, low, high, None if batches is None else int(batches))
    measured = batches is not None and int(batches) >= 2 and low is not None and high is not None
    if grad == 0.0 and gap == 0.0:
        return (f"With the card's objective the decoder **does not** read the sentence embedding: shuffling the "
                f"sources changed the loss by {shown} and the gradient reaching the pooled embedding had norm "
                f"{grad:.4f}. So the loss never depends on the source sentence: the card trained causal language "
                "modelling of the target text through the shared weights, not a denoising auto-encoder.")
    wired = (f"With the card's objective the decoder is wired to the sentence embedding (the gradient reaching the "
             f"pooled embedding had norm {grad:.4f})")
    if not measured:
        return wired + (f"; shuffling the sources changed the loss by {shown}, so whether the loss depends on the "
                        "embedding before training is not established.")
    if side_of_zero(low, high) != ACROSS:
        return wired + f", and before training its loss measurably depends on it: shuffling the sources changed it by {shown}."
    return wired + (f", but before training its loss does not measurably depend on it: shuffling the sources changed "
                    f"it by {shown}, an interval that includes zero.")


def trained_prefix_finding(prefix_runs: pd.DataFrame) -> str:
    """Whether, after training, the prefix objective's loss depends on the source: at each seed, the rise
    from shuffled sources against its noise over the held-out batches (``conditioning_check``)."""
    gaps = prefix_runs["trained_loss_gap_shuffled"]
    batches = int(prefix_runs["trained_batches"].min())
    over = f"over the {len(gaps)} seeds" if len(gaps) > 1 else f"at its one seed ({prefix_runs['seed'].iloc[0]})"
    text = f"After training, shuffling the sources changed its loss by {gaps.mean():+.4f} on average {over}"
    if batches < 2:
        return text + (" on one batch of held-out pairs, so without a measure of its noise: whether its loss depends "
                       "on the embedding after training is not established.")
    listed = "; ".join(f"seed {row['seed']} {row['trained_loss_gap_shuffled']:+.4f} [{row['trained_loss_gap_low']:+.4f}, "
                       f"{row['trained_loss_gap_high']:+.4f}]" for _, row in prefix_runs.iterrows())
    rose = sum(side_of_zero(low, high) == ABOVE for low, high in
               zip(prefix_runs["trained_loss_gap_low"], prefix_runs["trained_loss_gap_high"], strict=True))
    uses = ("its loss measurably depends on the embedding" if rose == len(gaps)
            else "its loss does not measurably depend on the source, although the embedding receives gradient" if rose == 0
            else f"its loss measurably depends on the embedding at {rose} of {len(gaps)} seeds, not at the others")
    return (text + f" ({listed}; 95% intervals over {batches} held-out batches). The rise clears that noise at {rose} of "
            f"{len(gaps)} seeds: {uses}.")


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


def multiplicity_note(count: int) -> str:
    """How many comparisons a section reads at 95% each, and what that means: no correction is made."""
    return (f"This section reads {count} paired comparisons, each at 95% on its own; no correction for their number "
            "is made. Were nothing different, about one such interval in twenty would still exclude zero by chance, so "
            "one comparison that barely clears zero is weak evidence; those that clear it by a wide margin, or agree "
            "at every seed, are not.")


def prefix_start_finding(conditioning: dict[str, float]) -> str:
    """The prefix objective before training: a negative gap means its untrained projection makes the decoder's
    loss lower with another pair's source than with the pair's own, which training must first undo."""
    gap = conditioning.get("prefix_loss_gap_shuffled")
    if gap is None:
        return ""
    low, high = conditioning["prefix_loss_gap_low"], conditioning["prefix_loss_gap_high"]
    shown = f"{gap:+.4f} [{low:+.4f}, {high:+.4f}]"
    side = side_of_zero(low, high)
    if side == BELOW:
        return (f"Before training, the prefix objective's loss is lower with another pair's source than with the pair's "
                f"own (gap {shown}, below zero): its new, untrained projection feeds the decoder vectors that mislead "
                "it, so its training starts by undoing that before the embedding can help.")
    if side == ABOVE:
        return f"Before training, the prefix objective's loss already depends on the source (gap {shown}, above zero)."
    return f"Before training, the prefix objective's loss does not measurably depend on the source (gap {shown})."


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


def comparison_conclusion(table: pd.DataFrame, runs: pd.DataFrame, gaps: pd.DataFrame, conditioning: dict[str, float],
                          metric: str, stand_in: str | None, gains: pd.DataFrame | None = None,
                          prompts: pd.DataFrame | None = None) -> str:
    """One paragraph whose claims follow from the comparison table, the paired gaps (``objective_gaps``),
    the gains over the base model (``gains_over_base``), the seeds and the conditioning checks.
    ``stand_in`` is the declared stand-in's id, None for the card's own model."""
    from cardrepro.stand_ins import describe, has_random_weights

    text = [conditioning_finding(conditioning)]
    prefix_runs = runs[runs["objective"] == "prefix"]
    if len(prefix_runs):
        text.append(f"The prefix objective sends gradient to it (norm {conditioning['prefix_grad_norm_pooled']:.4f} before "
                    f"training). {prefix_start_finding(conditioning)} {trained_prefix_finding(prefix_runs)}")
    seeds = int(table.loc["card", "seeds"])
    shown = lambda name: (f"{table.loc[name, metric]:.4f}" if seeds == 1 else  # noqa: E731
                          f"{table.loc[name, metric]:.4f} [{table.loc[name, f'{metric}_min']:.4f}, "
                          f"{table.loc[name, f'{metric}_max']:.4f}]")
    line = (f"Held-out {metric}{' (mean over ' + str(seeds) + ' seeds, [min, max])' if seeds > 1 else ''}: "
            f"random ranking {table.loc['chance', metric]:.4f}, base model {table.loc['base', metric]:.4f}"
            + (f", {PROMPT_NAME} (no training) {table.loc[PROMPT_NAME, metric]:.4f}" if PROMPT_NAME in table.index else "")
            + f", card objective {shown('card')}")
    if "prefix" in table.index and len(gaps):
        text += [line + f", prefix objective {shown('prefix')}.", _gap_verdict(gaps, metric)]
    else:
        text.append(line + ".")
    if gains is not None and len(gains):
        text.append(_gains_verdict(gains, metric))
    if prompts is not None and len(prompts):
        text.append(_prompt_verdict(prompts, metric))
        text.append(multiplicity_note(len(gaps) + (0 if gains is None else len(gains)) + len(prompts)))
    blind = conditioning["card_loss_gap_shuffled"] == 0.0 and conditioning["card_grad_norm_pooled"] == 0.0
    carries = (" The card objective's zero gap and gradient follow from the decoder's architecture (no cross-attention) "
               "and carry over to the card's model; the" if blind else " The")
    if has_random_weights(stand_in):
        best = max(runs[metric].max(), table.loc["base", metric]) / table.loc["chance", metric]
        text.append("These figures come from the declared small stand-in with random weights, not from the card's model."
                    + (carries + " prefix objective's figures and" if blind else " The checks and") +
                    f" the retrieval scores, at most {best:.2f}x random ranking for any model or seed here, do not.")
    elif stand_in:
        text.append(f"These figures come from the declared stand-in `{stand_in}` ({describe(stand_in)}), not from the "
                    "card's model, trained with the departures from the card's recipe marked in section 3." + carries +
                    " retrieval scores are this stand-in's: they show what each objective does to it in this budget, "
                    "not the card model's scores after its full run.")
    return " ".join(text)


def _prompt_verdict(prompts: pd.DataFrame, metric: str) -> str:
    """Whether training either objective beat a training-free prompt on the same queries, beyond their noise."""
    words = {ABOVE: "above", BELOW: "below", ACROSS: "not separated from"}
    listed = "; ".join(f"{name} {row['difference']:+.4f} [{row['low']:+.4f}, {row['high']:+.4f}]"
                       for name, row in prompts.iterrows())
    found = dict(zip(prompts.index, sides(prompts), strict=True))
    said = "; ".join(f"{PROMPT_NAME} is {words[side]} the {name.split(' - ')[1]}" for name, side in found.items())
    return f"Against the training-free prompt on the same queries ({metric}, 95% paired bootstrap interval): {listed}: {said}."


def _gains_verdict(gains: pd.DataFrame, metric: str) -> str:
    """Which models beat the base model on the same queries beyond the noise of the queries, and which do not."""
    found = dict(zip(gains.index, sides(gains), strict=True))
    words = {ABOVE: "above it", BELOW: "below it", ACROSS: "not separated from it"}
    listed = "; ".join(f"{name} {row['minus base']:+.4f} [{row['low']:+.4f}, {row['high']:+.4f}], {words[found[name]]}"
                       for name, row in gains.iterrows())
    above = [name for name in gains.index if found[name] == ABOVE]
    head = (f"Against the base model on the same held-out queries ({metric}, 95% paired bootstrap interval; an "
            f"objective's per-query scores averaged over its seeds first, so the interval resamples queries, not seeds): "
            f"{listed}.")
    if not above:
        return head + " No model here improves on the base model beyond the noise of these queries."
    if len(above) == len(gains):
        return head + (" It improves" if len(gains) == 1 else " Each of them improves") + " on it beyond that noise."
    return head + f" Only {' and '.join(above)} improve{'s' if len(above) == 1 else ''} on it beyond that noise."


def _gap_verdict(gaps: pd.DataFrame, metric: str) -> str:
    """What the paired prefix-minus-card intervals establish, seed by seed and over the seeds."""
    per_seed = gaps.drop(index=MEAN_OVER_SEEDS, errors="ignore")
    listed = "; ".join(f"{seed if seed == MEAN_OVER_SEEDS else f'seed {seed}'} {row['prefix - card']:+.4f} "
                       f"[{row['low']:+.4f}, {row['high']:+.4f}]" for seed, row in gaps.iterrows())
    head = f"Prefix minus card on the same held-out queries ({metric}, 95% paired bootstrap interval): {listed}."
    found = sides(per_seed)
    above, below = found.count(ABOVE), found.count(BELOW)
    if len(per_seed) == 1:
        side = found[0] if found[0] != ACROSS else None
        return head + (f" From one seed the prefix objective is {side} the card's on these queries; the seed spread "
                       "is not measured." if side else " From one seed, these queries do not separate the two objectives.")
    pooled, seeds = gaps.loc[MEAN_OVER_SEEDS], len(per_seed)
    pooled_side = {ABOVE: "above", BELOW: "below", ACROSS: None}[side_of_zero(pooled["low"], pooled["high"])]
    if above == seeds or below == seeds:
        return head + f" The prefix objective is {'above' if above else 'below'} the card's at every seed, beyond the noise of the queries."
    if above and below:
        counts = (f"the prefix objective is above the card's at {above}, below it at {below}"
                  + (f" and inseparable from it at {seeds - above - below}" if seeds > above + below else "")
                  + f" of {seeds} seeds, each side beyond the noise of the queries")
        mean = (f"on balance over the seeds it is {pooled_side} the card's" if pooled_side
                else "their mean does not separate them")
        return head + f" The seeds disagree: {counts}; {mean}. Which objective scores higher depends on the seed."
    if pooled_side:
        return head + (f" Over the seeds the prefix objective is {pooled_side} the card's, but only "
                       f"{above if pooled_side == 'above' else below} of {seeds} seeds separate them on their own: "
                       "the difference rests on some seeds, not all.")
    if above or below:
        return head + (f" Only {above or below} of {seeds} seeds separates them ({'above' if above else 'below'}), and "
                       "not their mean: no difference between the objectives is established.")
    return head + (" No seed and not their mean separates the two objectives: the difference is within the noise of "
                   "the held-out queries.")
