"""A run's report in words: its held-out set, gain, environment, base model, training and data lines, the card's
curve, the verdict box under the title and the closing paragraph. Each is built from a recorded fact
(``details.json``, the measurements) and a decision made elsewhere (``cardrepro.findings``, the verdict)."""

from __future__ import annotations

import pandas as pd

from cardrepro.environment import LOCK_FILE
from cardrepro.findings import ABOVE, ACROSS, BELOW, CEILING_BASE, CEILING_ITEMS, side_of_zero
from cardrepro.formatting import bracketed, with_interval
from cardrepro.sentences.tsdae import conditioning_finding
from cardrepro.sentences.variants import variant_heading, variants_paragraph
from cardrepro.sentences.verdict import why
from cardrepro.verdict import SMOKE_FRACTION, facts_for, recorded

PENDING = ("**Verdict:** not reached. It is computed from this run's metrics when the notebook has run to "
           "its end, and replaces this line.")
NO_CARD_FIGURES = ("The card logs no training loss, no evaluation and no final metric: it gives a recipe, and no figure "
                   "to reproduce.")
NO_CARD_LOSS = "The card logs no training loss, so there is no loss to compare."
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


def ceiling_reasons(found: list[dict]) -> str:
    """Why a headline cannot show a gain here (``findings.ceiling``), in one clause."""
    def reason(item: dict) -> str:
        if item["kind"] == CEILING_BASE:
            return f"the base model already scores {item['base']:.4f}, at or above {item['level']:g}"
        if item["kind"] == CEILING_ITEMS:
            return (f"{item['at_maximum']} of the {item['of']} held-out queries already score 1.0000 (the most there "
                    "is) before training")
        return f"the tuned interval {bracketed(item['interval'])} has no width"
    return "; ".join(reason(item) for item in found)


def verdict_lines(details: dict) -> list[str]:
    """The answer a reader looks for first, as markdown paragraphs: the verdict, what it rests on, the headline
    numbers, what the run found beyond the card (seeds, variants, the TSDAE checks); the figure table follows."""
    from cardrepro.tsdae import seed_repeats

    judged = recorded(details)
    name = details["headline"]
    intervals = details.get("intervals", {}).get(name, {})
    base, tuned, card = details["base"][name], details["tuned"][name], details["card"].get(name)
    data = details["data"]
    variant = details.get("variant")
    lines = [f"### Verdict: {judged.status}", "",
             *([f"**This run is {variant_heading(variant)}.**", ""] if variant else []),
             f"**Why:** {why(judged)}.", "",
             *([f"**Weigh also:** {'; '.join(judged.caveats)}.", ""] if judged.caveats else []),
             f"**Headline, {name}, on {heldout_phrase(data)} ({data['source']} data):** base model {base:.4f}, "
             f"tuned {with_interval(tuned, intervals.get('tuned'))}, gain "
             f"{with_interval(tuned - base, intervals.get('gain'), signed=True)} (brackets: 95% intervals); "
             + (f"the card reports {card:.4f}." if card is not None else "the card reports none."), ""]
    if details.get("ceiling"):
        lines += [f"**At the ceiling:** {ceiling_reasons(details['ceiling'])}: these held-out items leave {name} little "
                  "room to show what training did.", ""]
    seeded = details.get("repeats")
    if seeded:
        values = seeded["tuned"][name]
        lines += [f"**{len(seeded['seeds'])} training seeds:** {name} "
                  f"{', '.join(f'{values[str(s)]:.4f} (seed {s})' for s in seeded['seeds'])}; over seeds and held-out "
                  f"items together ({seeded['method']}) its 95% interval is "
                  f"{bracketed(seeded['intervals'][name])}, the one the verdict uses.", ""]
    if judged.curve and not judged.reasons:  # only where the run could check the card: its own data and model
        lines += [f"**The card's curve:** {curve_sentence(judged.curve, len(seeded['seeds']) if seeded else 1)}.", ""]
    objective, repeats = seed_repeats(details)
    if len(repeats) > 1:
        scores = [runs[name] for runs in repeats.values()]
        lines += [f"**One seed of {len(repeats)}:** the tuned score is training seed {details['training']['seed']}'s. The "
                  f"objective comparison trained the same recipe ({objective} objective) at seeds "
                  f"{', '.join(map(str, repeats))}: {name} {', '.join(f'{v:.4f}' for v in scores)}, a range of "
                  f"{max(scores) - min(scores):.4f} from the seed alone.", ""]
    if details.get("variants"):
        lines += [f"**The card's recipe against its variants:** {variants_paragraph(details['variants'], base)}", ""]
    if "conditioning" in details:
        lines += [f"**Beyond the card:** {conditioning_finding(details['conditioning'])}", ""]
    return lines


def conclusion(details: dict) -> str:
    """The closing paragraph: the verdict, then what the numbers establish and what they do not, every
    clause chosen by the run's own record (``details.json``), so no sentence is false for some run."""
    metric = details["headline"]
    base, tuned, theirs = details["base"].get(metric), details["tuned"].get(metric), details["card"].get(metric)
    steps, data = details["training"]["steps"], details["data"]
    judged = recorded(details)
    heldout = heldout_phrase(data)
    text = [f"**Verdict: {judged.status}** ({why(judged)}).",
            f"On {heldout} ({data['source']} data), {metric} went from {base:.4f} (base model) to {tuned:.4f} "
            f"after {steps} training steps"
            + (f"; the card reports {theirs:.4f}." if theirs is not None else "; the card reports no evaluation.")]
    spread = details.get("intervals", {}).get(metric)
    if spread:
        low, high = spread["gain"]
        effect = {ABOVE: "excludes zero: training raised the score on these held-out items",
                  BELOW: "excludes zero: training lowered the score on these held-out items",
                  ACROSS: "does not exclude zero: these held-out items cannot tell whether training changed the score",
                  }[side_of_zero(low, high)]
        text.append(f"Resampling the {details['intervals']['resampled_items']} held-out "
                    f"{'queries' if 'eval_queries' in data else 'pairs'}, the 95% interval of the tuned score is "
                    f"[{spread['tuned'][0]:.4f}, {spread['tuned'][1]:.4f}] and that of the gain "
                    f"[{low:+.4f}, {high:+.4f}], which {effect}.")
    for step, pair in details["loss_at_card_steps"].items():
        if pair["run"] is not None:
            text.append(f"Mean training loss over the card's window ending at step {step}: "
                        f"{pair['run']:.4f} here, {pair['card']:.4f} in the card.")
    recipe = details["card_recipe"]
    theirs_steps = recipe["steps"]
    if steps < theirs_steps:
        text.append(f"**Shorter than the card:** {steps} steps on {data['train_pairs']} pairs, where the "
                    f"card ran {theirs_steps} on {recipe['train_pairs']}.")
    if steps < SMOKE_FRACTION * theirs_steps:
        text.append("That makes this a smoke run: its numbers only show that the code path works; "
                    "`dvc repro` runs the card's recipe.")
    if details.get("ceiling"):
        text.append(f"**At the ceiling:** {ceiling_reasons(details['ceiling'])}; so these held-out items leave "
                    f"{metric} little room to show what training did.")
    if details.get("variants"):
        count = len(details["variants"]["runs"])
        text.append(f"**Variants:** the verdict above sets the card's recipe beside {count} "
                    f"variant{'s' if count != 1 else ''} of it on the same held-out items; the figure below draws "
                    f"{'their curves' if count != 1 else 'its curve'}.")
    text += _not_established(details, facts_for(details["run"]))
    return " ".join(text)


def _not_established(details: dict, facts: dict) -> list[str]:
    """What this run cannot say about the card, one clause per substitution or gap."""
    text = []
    note = facts.get("heldout_note", {}).get(details["data"].get("heldout", "answers"))
    if note:
        text.append(f"**Held out:** {note}.")
    if details["substituted"]["generated_data"]:
        source = (f"the card's data ({facts['public_data']}; `make data` then `make repro-real` runs the card's "
                  "recipe on it, see data/raw/README.md)"
                  if facts.get("public_data") else "the card's data, which was never published")
        text.append(f"**Generated data:** this run used the project's generated stand-in for {source}. Its scores "
                    "say how the recipe behaves on data of that shape, not what the card's model scores.")
    if details["substituted"]["stand_in_model"]:
        text.append(f"**Stand-in model:** `{details['model']['stand_in']}` replaced `{details['model']['requested']}`, "
                    "which cannot be had here; nothing above is a figure of the card's model.")
    return text
