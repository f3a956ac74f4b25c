"""The sentences of a run's report that say what a measurement is: held-out sets, gains, the environment, the
base model, a TSDAE decoder. Each is built from a recorded fact (``details.json``, the measurements), never
decided here, so the words can change without re-running anything but the reports."""

from __future__ import annotations

import pandas as pd

from cardrepro.environment import LOCK_FILE

HELDOUT_KINDS = {"answers": "questions also trained on, scored on answers never trained on", "questions": "questions never trained on"}


def heldout_phrase(counts: dict) -> str:
    """Held-out counts in words: "16 held-out pairs", "597 held-out queries ranked against 220 candidates",
    and which split a run with a choice of splits (``data.heldout``) used."""
    if "eval_queries" in counts:
        kind = f" ({HELDOUT_KINDS[counts['heldout']]})" if "heldout" in counts else ""
        return f"{counts['eval_queries']} held-out queries{kind} ranked against {counts['corpus']} candidates"
    return f"{counts['eval_pairs']} held-out pairs"


def significant_gain(intervals: pd.DataFrame, metric: str) -> str:
    """One sentence on whether the gain's interval excludes zero."""
    from cardrepro.findings import ABOVE, BELOW, side_of_zero

    row = intervals.loc[metric]
    span = f"{row['gain']:+.4f} (95% interval {row['gain_low']:+.4f} to {row['gain_high']:+.4f})"
    side = side_of_zero(row["gain_low"], row["gain_high"])
    if side in (ABOVE, BELOW):
        return f"Training {'raised' if side == ABOVE else 'lowered'} {metric} by {span}: the interval excludes zero."
    return f"Training changed {metric} by {span}: the interval includes zero, so these held-out items cannot tell."


def environment_note(environment: dict) -> str:
    """One line under the environment table: torch's build and whether the packages are the lock's."""
    build = f"torch's {environment['torch_build']} build"
    if environment["lock_sha256"] is None:
        return f"{build}; no {LOCK_FILE} beside the project, so the other packages' versions are not checked."
    differ = environment["not_as_locked"]
    return (f"{build}; every other installed package is at the version {LOCK_FILE} pins (lock sha256 "
            f"{environment['lock_sha256']})." if not differ else
            f"{build}; {len(differ)} installed package(s) are not at the versions {LOCK_FILE} (sha256 "
            f"{environment['lock_sha256']}) pins: {', '.join(differ[:5])}{' …' if len(differ) > 5 else ''}.")


def model_banner(model: dict) -> str:
    """Markdown at the top of a notebook's model section, from the record of the resolved base model."""
    if not model["is_stand_in"]:
        return f"**Base model:** `{model['requested']}`, loaded from {model['loaded_from']}."
    return (f"> ⚠️ **STAND-IN MODEL.** The card's base model `{model['requested']}` is not available on this "
            f"machine; this run uses `{model['stand_in']}` (from {model['loaded_from']}) instead. Numbers below "
            "are NOT the card's model: compare trends, not values. Provide the real model with "
            "`model.local_path` to reproduce the card itself.")


def decoder_note(facts: dict) -> str:
    """One line on how a TSDAE decoder meets the sentence embedding (``objectives.tsdae.loss.decoder_facts``)."""
    name = facts["decoder"]
    if facts["reads_embedding"] == "prefix":
        return f"decoder {name}: receives the embedding as {facts['prefix_tokens']} prefix vectors through a new projection"
    if facts["reads_embedding"] == "no":
        return (f"decoder {name}: no cross-attention, so the card's objective cannot hand it the embedding "
                "(see the conditioning check)")
    return (f"decoder {name}: the encoder's weights, plus cross-attention in {facts['layers']} layers "
            f"({facts['tensors']} tensors) that the encoder checkpoint lacks, newly initialised, as TSDAE expects")


def training_line(training: dict) -> str:
    """What the train stage reports of its training: the objective's note, then steps and time."""
    note = decoder_note(training["objective_facts"]) if training.get("objective_facts") else None
    return "\n".join(filter(None, [note, f"{training['steps']} steps in {training['seconds']:.1f} s"]))


def data_line(source: str, measured: dict) -> str:
    """How many pairs the run read, and the warnings reading them gave (rows dropped, and why)."""
    counts = measured["counts"]
    line = (f"{source} data: {counts['train_pairs']} training pairs, {counts['eval_pairs']} held-out pairs"
            + (f", {counts['corpus']} catalogue entries" if counts["corpus"] else ""))
    return "\n".join([line, *(f"warning: {warning}" for warning in measured["data_warnings"])])


def curve_sentence(rows: list[dict], seeds: int) -> str:
    """The card's logged evaluations against the run's at the same steps (``verdict.curve``), in one sentence."""
    if not rows:
        return ""
    spread = f"the range of the run's {seeds} seeds" if seeds > 1 else "the run's value (one seed)"
    words = {"card above the run": f"above {spread}", "card below the run": f"below {spread}", "within": f"within {spread}"}
    steps = {side: [str(row["step"]) for row in rows if row["side"] == side] for side in words}
    parts = [f"{words[side]} at step{'s' if len(found) > 1 else ''} {', '.join(found)}" for side, found in steps.items() if found]
    lead = ("the run learns faster than the card early on: " if rows[0]["side"] == "card below the run" else
            "the run learns more slowly than the card early on: " if rows[0]["side"] == "card above the run" else "")
    return (f"{lead}the card's logged evaluation lies {'; '.join(parts)} (compared, not counted: there is no held-out "
            "interval between the run's first and last step)")


def _changes(changes: dict) -> str:
    return ", ".join(f"{key} {value}" for key, value in changes.items())


def variant_heading(variant: dict) -> str:
    """What a variant run changes from its card's recipe run, for its verdict's first line."""
    if list(variant["changes"]) == ["training.seed"]:
        return f"a repeat of `{variant['of']}` (the card's recipe) at training seed {variant['changes']['training.seed']}"
    return f"a variant of `{variant['of']}` (the card's recipe): {_changes(variant['changes']) or 'no value changed'}"


def variants_paragraph(record: dict, base: float) -> str:
    """Each recipe variant against the card's recipe on the same held-out items (``cardrepro.variants``): its
    score, the paired difference and what its interval establishes, its lowest point; then what they add up to.
    Where a variant and the card's recipe share several training seeds, every interval is over those seeds and the
    items together, and each seed's figure is listed; else the comparison says it holds at one seed."""
    from cardrepro.formatting import bracketed
    from cardrepro.findings import ABOVE, ACROSS, BELOW, side_of_zero

    metric, runs = record["metric"], record["runs"]
    seeded = all(row.get("over_seeds") for row in runs.values())
    words = {ABOVE: "higher than the card's recipe", BELOW: "lower than the card's recipe",
             ACROSS: "no difference from the card's recipe established"}
    against_base = {ABOVE: "above the base model", BELOW: "still below the base model",
                    ACROSS: "not distinguishable from the base model"}
    lowest = record.get("card_recipe_lowest")
    curve = ("which logs no curve" if lowest is None else
             f"whose curve falls to {lowest['value']:.4f} at step {lowest['step']}" if lowest["value"] < base else
             f"whose curve never falls below the base model (lowest {lowest['value']:.4f}, at step {lowest['step']})")
    if seeded:
        seeds = sorted({seed for row in runs.values() for seed in row["over_seeds"]["seeds"]})
        first = next(iter(runs.values()))["seed"]
        lines = [f"each variant trained at the training seeds of the card's recipe ({_listed(seeds)}) and scored on the "
                 f"same held-out items as the card's recipe, {curve.replace('curve', f'curve at seed {first}', 1)} "
                 f"(base model {base:.4f}); brackets: paired 95% intervals over the seeds and the held-out items together."]
    else:
        lines = [f"each variant trained at the same seed and scored on the same held-out items as the card's recipe, "
                 f"{curve} (base model {base:.4f}); brackets: paired 95% intervals."]
    judged = {name: row["over_seeds"] if seeded else row for name, row in runs.items()}  # both hold the two intervals
    found = {}
    for name, row in runs.items():
        interval = judged[name]["difference_interval"]
        side = side_of_zero(*interval)
        found.setdefault(side, []).append(f"`{name}`")
        low = row["lowest"]
        if seeded:
            over = row["over_seeds"]
            differences = list(over["difference"].values())
            score = (f"{metric} {' / '.join(f'{v:.4f}' for v in over['tuned'].values())} at seeds {_listed(over['seeds'], ' / ')}, "
                     f"{sum(differences) / len(differences):+.4f} on average "
                     f"({' / '.join(f'{v:+.4f}' for v in differences)}) {bracketed(interval, signed=True)}")
        else:
            score = f"{metric} {row['tuned']:.4f}, {row['difference']:+.4f} {bracketed(interval, signed=True)}"
        lines.append(f"- `{name}` ({_changes(row['changes'])}): {score} against the card's recipe: {words[side]}; "
                     f"{against_base[side_of_zero(*judged[name]['gain_interval'])]}"
                     + (f"; lowest point {low['value']:.4f} at step {low['step']}" + (f" (seed {row['seed']})." if seeded else ".")
                        if low else "."))
    verbs = {ABOVE: ("scores higher than the card's recipe", "score higher than the card's recipe"),
             BELOW: ("scores lower than the card's recipe", "score lower than the card's recipe"),
             ACROSS: ("cannot be told from the card's recipe", "cannot be told from the card's recipe")}
    summary = [f"{' and '.join(found[side])} {verbs[side][len(found[side]) > 1]}" for side in (ABOVE, BELOW, ACROSS)
               if side in found]
    ending = "."
    card_gain = record["card_recipe_over_seeds"]["gain_interval"] if seeded else record["card_recipe_gain_interval"]
    if side_of_zero(*card_gain) == BELOW:  # the card's recipe lowered the score: did any undo it?
        recovered = [f"`{name}`" for name in runs if side_of_zero(*judged[name]["gain_interval"]) != BELOW]
        ending = (f"; {' and '.join(recovered)} {'reach' if len(recovered) > 1 else 'reaches'} the base model's level "
                  "(the gain's interval is not below zero)." if recovered else
                  "; none of these changes brings the tuned model back to the base model's level.")
    caveat = (f" Compared at training seeds {_listed(seeds)}: each interval covers the spread over those seeds as well "
              "as over the held-out items." if seeded else
              f" Compared at training seed {', '.join(sorted({str(row['seed']) for row in runs.values()}))} only: a "
              "difference is the change's effect at that seed, not its spread over seeds.")
    lines.append(f"In short: {'; '.join(summary)}{ending}{caveat}")
    return "\n".join(lines)


def _listed(seeds, joiner: str = ", ") -> str:
    return joiner.join(str(seed) for seed in seeds)
