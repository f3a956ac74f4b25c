"""TSDAE's findings in words: the conditioning checks (is the decoder wired to the sentence embedding, does its
loss measurably depend on it) and the objective comparison's paragraph, from the tables of ``cardrepro.tsdae``
and the decisions of ``cardrepro.findings``."""

from __future__ import annotations

import pandas as pd

from cardrepro.findings import (ABOVE, ACROSS, BELOW, DEPENDS, EVERY_SEED, MEAN_ONLY, NO_SEED, NOT_MEASURED,
                                NOT_WIRED, ONE_SEED, SEEDS_DISAGREE, conditioning, seed_agreement, side_of_zero, sides)
from cardrepro.objectives.tsdae.comparison import PROMPT_NAME
from cardrepro.tsdae import MEAN_OVER_SEEDS


def _gap_with_noise(gap: float, low: float | None, high: float | None, batches: int | None) -> str:
    """A shuffled-source gap with its interval over the held-out batches, where there were several."""
    if batches is None or batches < 2:
        return f"{gap:+.4f} (one batch: its noise is not measured)" if batches == 1 else f"{gap:+.4f}"
    return f"{gap:+.4f} (95% interval over {batches} held-out batches {low:+.4f} to {high:+.4f})"


def conditioning_finding(checks: dict[str, float]) -> str:
    """Whether the card's objective lets the decoder read the sentence embedding, from the checks on the base
    model (``tsdae.conditioning_metrics``; the decision: ``findings.conditioning``), and what that means for
    what the card trained."""
    gap, grad = checks["card_loss_gap_shuffled"], checks["card_grad_norm_pooled"]
    low, high = checks.get("card_loss_gap_low"), checks.get("card_loss_gap_high")
    batches = None if checks.get("card_batches") is None else int(checks["card_batches"])
    shown = _gap_with_noise(gap, low, high, batches)
    found = conditioning(gap, grad, low, high, batches)
    if found == NOT_WIRED:
        return (f"With the card's objective the decoder **does not** read the sentence embedding: shuffling the "
                f"sources changed the loss by {shown} and the gradient reaching the pooled embedding had norm "
                f"{grad:.4f}. So the loss never depends on the source sentence: the card trained causal language "
                "modelling of the target text through the shared weights, not a denoising auto-encoder.")
    wired = (f"With the card's objective the decoder is wired to the sentence embedding (the gradient reaching the "
             f"pooled embedding had norm {grad:.4f})")
    if found == NOT_MEASURED:
        return wired + (f"; shuffling the sources changed the loss by {shown}, so whether the loss depends on the "
                        "embedding before training is not established.")
    if found == DEPENDS:
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
    rose = [side_of_zero(low, high) for low, high in
            zip(prefix_runs["trained_loss_gap_low"], prefix_runs["trained_loss_gap_high"], strict=True)].count(ABOVE)
    uses = ("its loss measurably depends on the embedding" if rose == len(gaps)
            else "its loss does not measurably depend on the source, although the embedding receives gradient" if rose == 0
            else f"its loss measurably depends on the embedding at {rose} of {len(gaps)} seeds, not at the others")
    return (text + f" ({listed}; 95% intervals over {batches} held-out batches). The rise clears that noise at {rose} of "
            f"{len(gaps)} seeds: {uses}.")


def multiplicity_note(count: int) -> str:
    """How many comparisons a section reads at 95% each, and what that means: no correction is made."""
    return (f"This section reads {count} paired comparisons, each at 95% on its own; no correction for their number "
            "is made. Were nothing different, about one such interval in twenty would still exclude zero by chance, so "
            "one comparison that barely clears zero is weak evidence; those that clear it by a wide margin, or agree "
            "at every seed, are not.")


def prefix_start_finding(checks: dict[str, float]) -> str:
    """The prefix objective before training: a negative gap means its untrained projection makes the decoder's
    loss lower with another pair's source than with the pair's own, which training must first undo."""
    gap = checks.get("prefix_loss_gap_shuffled")
    if gap is None:
        return ""
    low, high = checks["prefix_loss_gap_low"], checks["prefix_loss_gap_high"]
    shown = f"{gap:+.4f} [{low:+.4f}, {high:+.4f}]"
    side = side_of_zero(low, high)
    if side == BELOW:
        return (f"Before training, the prefix objective's loss is lower with another pair's source than with the pair's "
                f"own (gap {shown}, below zero): its new, untrained projection feeds the decoder vectors that mislead "
                "it, so its training starts by undoing that before the embedding can help.")
    if side == ABOVE:
        return f"Before training, the prefix objective's loss already depends on the source (gap {shown}, above zero)."
    return f"Before training, the prefix objective's loss does not measurably depend on the source (gap {shown})."


def comparison_conclusion(table: pd.DataFrame, runs: pd.DataFrame, gaps: pd.DataFrame, checks: dict[str, float],
                          metric: str, stand_in: str | None, gains: pd.DataFrame | None = None,
                          prompts: pd.DataFrame | None = None) -> str:
    """One paragraph whose claims follow from the comparison table, the paired gaps (``tsdae.objective_gaps``),
    the gains over the base model (``tsdae.gains_over_base``), the seeds and the conditioning checks.
    ``stand_in`` is the declared stand-in's id, None for the card's own model."""
    from cardrepro.stand_ins import describe, has_random_weights

    text = [conditioning_finding(checks)]
    prefix_runs = runs[runs["objective"] == "prefix"]
    if len(prefix_runs):
        text.append(f"The prefix objective sends gradient to it (norm {checks['prefix_grad_norm_pooled']:.4f} before "
                    f"training). {prefix_start_finding(checks)} {trained_prefix_finding(prefix_runs)}")
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
    blind = conditioning(checks["card_loss_gap_shuffled"], checks["card_grad_norm_pooled"], None, None, None) == NOT_WIRED
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
    """What the paired prefix-minus-card intervals establish, seed by seed and over the seeds
    (``findings.seed_agreement``)."""
    per_seed = gaps.drop(index=MEAN_OVER_SEEDS, errors="ignore")
    listed = "; ".join(f"{seed if seed == MEAN_OVER_SEEDS else f'seed {seed}'} {row['prefix - card']:+.4f} "
                       f"[{row['low']:+.4f}, {row['high']:+.4f}]" for seed, row in gaps.iterrows())
    head = f"Prefix minus card on the same held-out queries ({metric}, 95% paired bootstrap interval): {listed}."
    mean = gaps.loc[MEAN_OVER_SEEDS] if MEAN_OVER_SEEDS in gaps.index else None
    found = seed_agreement(sides(per_seed), None if mean is None else side_of_zero(mean["low"], mean["high"]))
    above, below, seeds = found.above, found.below, found.seeds
    if found.kind == ONE_SEED:
        return head + (f" From one seed the prefix objective is {found.side} the card's on these queries; the seed spread "
                       "is not measured." if found.side != ACROSS else
                       " From one seed, these queries do not separate the two objectives.")
    if found.kind == EVERY_SEED:
        return head + f" The prefix objective is {found.side} the card's at every seed, beyond the noise of the queries."
    if found.kind == SEEDS_DISAGREE:
        counts = (f"the prefix objective is above the card's at {above}, below it at {below}"
                  + (f" and inseparable from it at {seeds - above - below}" if seeds > above + below else "")
                  + f" of {seeds} seeds, each side beyond the noise of the queries")
        balance = (f"on balance over the seeds it is {found.mean} the card's" if found.mean != ACROSS
                   else "their mean does not separate them")
        return head + f" The seeds disagree: {counts}; {balance}. Which objective scores higher depends on the seed."
    if found.kind == MEAN_ONLY:
        return head + (f" Over the seeds the prefix objective is {found.mean} the card's, but only "
                       f"{above if found.mean == ABOVE else below} of {seeds} seeds separate them on their own: "
                       "the difference rests on some seeds, not all.")
    if found.kind != NO_SEED:
        return head + (f" Only {above or below} of {seeds} seeds separates them ({'above' if above else 'below'}), and "
                       "not their mean: no difference between the objectives is established.")
    return head + (" No seed and not their mean separates the two objectives: the difference is within the noise of "
                   "the held-out queries.")
