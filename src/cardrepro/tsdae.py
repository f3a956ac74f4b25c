"""TSDAE on decoder-only models: measure whether the decoder reads the sentence embedding.

``DenoisingAutoEncoderLoss`` hands the pooled embedding to the decoder as ``encoder_hidden_states``
for cross-attention. BERT decoders get cross-attention layers; Qwen2, Llama and Mistral have none
and their ``forward`` swallows the argument, so the loss no longer depends on the source sentence
and the pooled embedding gets no gradient. ``conditioning_check`` measures both facts on a batch;
``compare_objectives`` trains the card's objective and the prefix one (``cardrepro.tsdae_loss``) side by side.
"""

from __future__ import annotations

import pandas as pd
import torch
from torch import Tensor, nn

from cardrepro.tsdae_loss import make_tsdae_loss

CHECK_PAIRS = 8  # a batch of the card's size
CHECK_BATCHES = 16  # held-out batches the check averages over: their spread is the noise a rise must clear
OBJECTIVE_NAMES = {"none": "card", "prefix": "prefix"}  # conditioning -> name in tables and metrics keys


def objectives(training: dict) -> list[str]:
    """The conditioning this run trains, then the other one when ``compare_conditioning`` asks for it."""
    chosen = training.get("conditioning", "none")
    other = "prefix" if chosen == "none" else "none"
    return [chosen, other] if training.get("compare_conditioning") else [chosen]


def _batch(model, pairs: list[dict]) -> tuple[dict, dict]:
    device = model.device
    source = model.preprocess([p["sentence_0"] for p in pairs])
    target = model.preprocess([p["sentence_1"] for p in pairs])
    move = lambda features: {k: v.to(device) if isinstance(v, Tensor) else v for k, v in features.items()}  # noqa: E731
    return move(source), move(target)


def _shuffled(features: dict, order: Tensor) -> dict:
    return {k: v[order] if isinstance(v, Tensor) and v.dim() > 0 and v.shape[0] == len(order) else v
            for k, v in features.items()}


def _one_batch(loss: nn.Module, pairs: list[dict], generator: torch.Generator) -> tuple[float, float, float]:
    """Loss with the pairs' own sources, with the sources deranged, and the gradient norm at the pooled embedding."""
    model = loss.encoder
    source, target = _batch(model, pairs)
    order = torch.randperm(len(pairs), generator=generator)
    while len(pairs) > 1 and bool((order == torch.arange(len(pairs))).any()):  # no source keeps its own target
        order = torch.randperm(len(pairs), generator=generator)
    captured: dict[str, Tensor] = {}

    def keep(module, inputs, output):
        output["sentence_embedding"].retain_grad()
        captured["embedding"] = output["sentence_embedding"]

    handle = model[1].register_forward_hook(keep)  # the Pooling module
    try:
        real = loss([source, target], None)
        handle.remove()
        real.backward()
        grad = captured["embedding"].grad
        with torch.no_grad():
            shuffled = loss([_shuffled(source, order), target], None)
    finally:
        handle.remove()
        loss.zero_grad(set_to_none=True)
    return real.item(), shuffled.item(), float(grad.norm()) if grad is not None else 0.0


def conditioning_check(loss: nn.Module, pairs: list[dict], seed: int = 0) -> dict[str, float]:
    """Does ``loss`` depend on the source sentence? On each batch of ``CHECK_PAIRS`` of ``pairs`` (one
    batch of all of them when there are fewer): the loss with each pair's own source vs with the
    sources shuffled (a derangement, seeded), and the norm of the gradient that reaches the pooled
    sentence embedding. Returns the means over the batches and the 95% bootstrap interval of the
    mean gap, the batch-to-batch noise a rise must clear. Dropout is off; weights are unchanged.
    """
    from cardrepro.uncertainty import mean_interval

    size = min(CHECK_PAIRS, len(pairs))
    batches = [pairs[start:start + size] for start in range(0, len(pairs) - size + 1, size)]
    generator = torch.Generator().manual_seed(seed)
    was_training = loss.training
    loss.eval()
    try:
        checks = [_one_batch(loss, batch, generator) for batch in batches]
    finally:
        loss.train(was_training)
    real, shuffled, grads = (list(column) for column in zip(*checks, strict=True))
    gaps = [after - before for before, after in zip(real, shuffled, strict=True)]
    low, high = mean_interval(gaps, seed=seed)
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    return {"loss_real": mean(real), "loss_shuffled": mean(shuffled), "loss_gap_shuffled": mean(gaps),
            "loss_gap_low": low, "loss_gap_high": high, "grad_norm_pooled": mean(grads), "batches": len(batches)}


def check_objectives(model, pairs: list[dict], training: dict) -> pd.DataFrame:
    """``conditioning_check`` of each objective of ``objectives(training)`` on the first held-out pairs, before training.

    Each objective is built afresh on ``model`` (its weights are not changed) from the run's seed.
    """
    rows = {}
    for conditioning in objectives(training):
        torch.manual_seed(training["seed"])  # a new cross-attention or projection starts from the same draw
        loss = make_tsdae_loss(model, training, conditioning)
        rows[OBJECTIVE_NAMES[conditioning]] = conditioning_check(loss, pairs[:CHECK_PAIRS * CHECK_BATCHES],
                                                                 seed=training["seed"])
    return conditioning_table(rows)


def conditioning_table(checks: dict[str, dict]) -> pd.DataFrame:
    """``conditioning_check`` results by objective name, one row each (the batch count a whole number)."""
    return pd.DataFrame(checks).T.rename_axis("objective").astype({"batches": int})


def check_trained(loss: nn.Module, pairs: list[dict], training: dict) -> dict[str, dict]:
    """``conditioning_check`` of a trained objective (``TrainingResult.loss``), keyed by its name."""
    name = OBJECTIVE_NAMES[training.get("conditioning", "none")]
    return {name: conditioning_check(loss, pairs[:CHECK_PAIRS * CHECK_BATCHES], seed=training["seed"])}


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
    if low > 0.0 or high < 0.0:
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
        return text + (" on one batch of held-out pairs, so without a measure of its noise: whether its decoder uses "
                       "the embedding after training is not established.")
    listed = "; ".join(f"seed {row['seed']} {row['trained_loss_gap_shuffled']:+.4f} [{row['trained_loss_gap_low']:+.4f}, "
                       f"{row['trained_loss_gap_high']:+.4f}]" for _, row in prefix_runs.iterrows())
    rose = int((prefix_runs["trained_loss_gap_low"] > 0).sum())
    uses = ("its decoder uses the embedding" if rose == len(gaps)
            else "its loss does not measurably depend on the source, although the embedding receives gradient" if rose == 0
            else f"its decoder uses the embedding at {rose} of {len(gaps)} seeds, not at the others")
    return (text + f" ({listed}; 95% intervals over {batches} held-out batches). The rise clears that noise at {rose} of "
            f"{len(gaps)} seeds: {uses}.")


def compare_objectives(resolved, model_params: dict, training: dict, train_pairs: list[dict],
                       eval_pairs: list[dict], evaluator, main: tuple) -> tuple[pd.DataFrame, dict]:
    """Train both objectives at each of ``training.compare_seeds`` from the base model: same data, steps, recipe.

    ``main`` is this run's (held-out scores, TrainingResult, per-query scores), its objective at
    ``training.seed``: reused, not trained again. Returns one row per (objective, seed) (held-out
    scores, the conditioning check of the trained objective, seconds) and each run's per-query
    scores by (objective, seed), for ``objective_gaps``.
    """
    from cardrepro.models import load_sentence_transformer
    from cardrepro.progress import progress
    from cardrepro.training import train
    from cardrepro.uncertainty import per_query_scores

    seeds = training.get("compare_seeds") or [training["seed"]]
    chosen = training.get("conditioning", "none")
    plan = [(conditioning, seed) for conditioning in objectives({**training, "compare_conditioning": True}) for seed in seeds]
    rows, per_query = [], {}
    for conditioning, seed in progress(plan, desc="objective x seed"):
        if (conditioning, seed) == (chosen, training["seed"]):
            scores, result, queries = main
        else:
            model = load_sentence_transformer(resolved, model_params["max_seq_length"], model_params.get("normalize"))
            result = train(model, train_pairs, {**training, "conditioning": conditioning, "seed": seed}, describe=False)
            queries = per_query_scores(model, evaluator)
            scores = queries.mean().to_dict()  # the evaluator's figures, from the same single pass
        check = check_trained(result.loss, eval_pairs, {**training, "conditioning": conditioning})
        check = check[OBJECTIVE_NAMES[conditioning]]
        rows.append({"objective": OBJECTIVE_NAMES[conditioning], "seed": seed, **scores,
                     **{f"trained_{key}": value for key, value in check.items()}, "seconds": round(result.seconds, 1)})
        per_query[(OBJECTIVE_NAMES[conditioning], seed)] = queries
    return pd.DataFrame(rows), per_query


# PromptEOL (Jiang et al., 2023): a decoder's last hidden state after a prompt asking for a one-word summary
PROMPT_BASELINE = 'This sentence : "{}" means in one word:"'
PROMPT_NAME = "PromptEOL"


def prompt_baseline(resolved, model_params: dict, evaluation: dict, eval_pairs: list[dict],
                    corpus: list[dict]) -> tuple[dict, pd.DataFrame]:
    """A training-free decoder embedding from the literature on the same held-out queries: the base
    model, every query and candidate wrapped in PromptEOL's prompt, the last token's hidden state as
    the embedding. Returns its held-out scores and per-query scores."""
    from sentence_transformers.sentence_transformer.modules import Pooling

    from cardrepro.evaluation import make_evaluator
    from cardrepro.models import load_sentence_transformer
    from cardrepro.uncertainty import per_query_scores

    model = load_sentence_transformer(resolved, model_params["max_seq_length"], normalize=False)
    model[1] = Pooling(model.get_embedding_dimension(), pooling_mode="lasttoken")
    wrap = PROMPT_BASELINE.format
    pairs = [{**p, "sentence_0": wrap(p["sentence_0"]), "sentence_1": wrap(p["sentence_1"])} for p in eval_pairs]
    candidates = [{**row, "text": wrap(row["text"])} for row in corpus or []]
    queries = per_query_scores(model, make_evaluator(evaluation, pairs, candidates))
    return queries.mean().to_dict(), queries


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

    compared = {}
    for objective in ("card", "prefix"):
        frames = [frame for (name, _), frame in per_query.items() if name == objective]
        if frames:
            compared[f"{objective} objective"] = sum(frames) / len(frames)
    if prompt is not None:
        compared[PROMPT_NAME] = prompt
    rows = {}
    for name, scores in compared.items():
        row = bootstrap_intervals(base, scores).loc[metric]
        rows[name] = {"base": row["base"], "model": row["tuned"], "minus base": row["gain"],
                      "low": row["gain_low"], "high": row["gain_high"]}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("compared with the base model")


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
                          metric: str, stand_in: str | None, gains: pd.DataFrame | None = None) -> str:
    """One paragraph whose claims follow from the comparison table, the paired gaps (``objective_gaps``),
    the gains over the base model (``gains_over_base``), the seeds and the conditioning checks.
    ``stand_in`` is the declared stand-in's id, None for the card's own model."""
    from cardrepro.stand_ins import describe, has_random_weights

    text = [conditioning_finding(conditioning)]
    prefix_runs = runs[runs["objective"] == "prefix"]
    if len(prefix_runs):
        text.append(f"The prefix objective sends gradient to it (norm {conditioning['prefix_grad_norm_pooled']:.4f} before "
                    f"training). {trained_prefix_finding(prefix_runs)}")
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


def _gains_verdict(gains: pd.DataFrame, metric: str) -> str:
    """Which models beat the base model on the same queries beyond the noise of the queries, and which do not."""
    side = lambda row: ("above it" if row["low"] > 0 else "below it" if row["high"] < 0  # noqa: E731
                        else "not separated from it")
    listed = "; ".join(f"{name} {row['minus base']:+.4f} [{row['low']:+.4f}, {row['high']:+.4f}], {side(row)}"
                       for name, row in gains.iterrows())
    above = [name for name, row in gains.iterrows() if row["low"] > 0]
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
    above, below = int((per_seed["low"] > 0).sum()), int((per_seed["high"] < 0).sum())
    if len(per_seed) == 1:
        side = "above" if above else "below" if below else None
        return head + (f" From one seed the prefix objective is {side} the card's on these queries; the seed spread "
                       "is not measured." if side else " From one seed, these queries do not separate the two objectives.")
    pooled, seeds = gaps.loc[MEAN_OVER_SEEDS], len(per_seed)
    pooled_side = "above" if pooled["low"] > 0 else "below" if pooled["high"] < 0 else None
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
