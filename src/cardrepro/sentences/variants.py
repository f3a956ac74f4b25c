"""The card's recipe against its variants (``cardrepro.variants``), in words: what a variant run changes, and
what each paired interval establishes, at one seed or over several."""

from __future__ import annotations

from cardrepro.findings import ABOVE, ACROSS, BELOW, side_of_zero
from cardrepro.formatting import bracketed


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
