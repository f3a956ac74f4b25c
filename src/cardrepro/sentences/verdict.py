"""A verdict in words (``cardrepro.verdict`` decides it): what each figure's status rests on, why a run checks
nothing, the caveats a reader must weigh, the data row (``cardrepro.data_check``) and what the verdict rests on.
The verdict stores these with its decisions in the run's record, so every table reads the same words."""

from __future__ import annotations

from cardrepro.findings import CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED, UNINFORMATIVE

GENERATED_DATA = "generated data, not the card's"
UNPUBLISHED_DATA = "the card's data was never published"
STAND_IN = "a stand-in for the card's base model, which is not available here"
NOT_REPORTED = "the run does not report this metric"
NO_INTERVAL = "no interval: a threshold is a by-product of the scores"
NO_FIGURE = "the card reports no figure"
ALL_UNINFORMATIVE = "every checkable figure is passed by the untrained base model too"


OWN_TOKENIZER = "a stand-in model counts tokens with its own tokenizer, not the card's"


def missing_columns(missing: list[str]) -> str:
    return f"the run's pairs have no {', '.join(missing)} column"


def token_means(off: dict[str, float], sample: int, tolerance: float) -> str:
    """The data row of the verdict's table (``data_check.token_check``): each column's mean against the card's."""
    shown = ", ".join(f"{column} {change:+.1%}" for column, change in off.items())
    return f"{shown} against the card's first {sample} samples (tolerance ±{tolerance:.0%} on each mean)"


def smoke_run(steps: int, card_steps: int) -> str:
    return f"a smoke run ({steps} of the card's {card_steps} steps)"


def heldout_size(data: dict, heldout: dict) -> str:
    """The run's held-out set against the card's size, where they differ."""
    return ", ".join(f"a held-out set of {data.get(key)} {key.replace('eval_', '')}, not the card's {size}"
                     for key, size in heldout.items())


def interval_why(status: str, card: float, interval: tuple[float, float], margin: float) -> str:
    """What one interval's status (``verdict.interval_status``) rests on."""
    low, high = interval
    shown = f"[{low:.4f}, {high:.4f}]"
    if status == REPRODUCED:
        return f"{shown} lies within {card:.4f} +/- {margin:g}"
    if status == CONSISTENT:
        reach = max(card - low, high - card)
        return (f"{card:.4f} lies in {shown}, which reaches {reach:.4f} from it, past the margin of {margin:g}: a "
                f"difference up to {reach:.4f} cannot be ruled out")
    side = "above" if card > high else "below"
    edge = high if side == "above" else low
    return f"{card:.4f} lies {abs(card - edge):.4f} {side} the run's interval {shown}"


def uninformative_why(control: tuple[float, float], passed: str, status: str) -> str:
    """Why a figure the untrained base model passes too does not count."""
    return (f"the untrained base model's interval [{control[0]:.4f}, {control[1]:.4f}] passes too ({passed}); "
            f"the run alone: {status}")


def run_ended(step: str) -> str:
    return f"the run ended before step {step}"


def loss_why(run: float, card: float, change: float, tolerance: float) -> str:
    """A logged loss against the card's, with the tolerance that decided it."""
    return (f"{run:.4f} vs the card's {card:.4f} ({change:+.0%}; tolerance +/-{tolerance:.0%}; no control: "
            "an untrained model logs no training loss)")


def caveats(metrics: dict, facts: dict) -> list[str]:
    """What a reader must weigh beside the status: the recipe's departures, the held-out items, the seeds."""
    notes = []
    recipe = metrics.get("card_recipe") or {}
    pairs, steps = metrics["data"]["train_pairs"], metrics["training"]["steps"]
    if recipe:
        fewer_pairs, other_steps = pairs != recipe["train_pairs"], steps != recipe["steps"]
        whose = "its" if fewer_pairs else "the card's"
        parts = ([f"on {pairs:,} of the card's {recipe['train_pairs']:,} pairs"] if fewer_pairs else []) + \
                ([f"{steps} of {whose} {recipe['steps']} steps"] if other_steps else [])
        if parts:
            notes.append("trained " + ", ".join(parts))
    if facts.get("heldout"):
        notes.append("held-out items drawn here, not the card's (it does not publish them)")
    seeds = (metrics.get("repeats") or {}).get("seeds")
    compared = (metrics.get("params") or {}).get("training", {}).get("compare_seeds") or []
    notes.append(f"training seeds {', '.join(map(str, seeds))}" if seeds and len(seeds) > 1 else
                 f"one training seed ({metrics['training']['seed']})"
                 + (f" for the headline; the objective comparison at seeds {', '.join(map(str, compared))}"
                    if len(compared) > 1 else ""))
    return notes


def why(judged) -> str:
    """What the verdict (a ``verdict.Verdict``) rests on, every clause from its figures."""
    if judged.status == NOT_CHECKABLE:
        return "; ".join(judged.reasons)
    units = judged.units()
    named = lambda status: [name for name, unit_status, _ in units if unit_status == status]  # noqa: E731
    if judged.status == NOT_REPRODUCED:
        text = "; ".join(f"{f.name} {f.why}" for _, status, figures in units if status == NOT_REPRODUCED
                         for f in figures if f.status == NOT_REPRODUCED)
    elif judged.status == REPRODUCED:
        text = f"{', '.join(named(REPRODUCED))} within the card's figure +/- its margin"
    else:
        text = (f"{', '.join(named(CONSISTENT))}: the card's figure lies in the run's interval, which reaches "
                "past the margin" + (f"; {', '.join(named(REPRODUCED))} within the margin" if named(REPRODUCED) else ""))
    uninformative = [f.name for f in judged.figures if f.status == UNINFORMATIVE]
    if uninformative:
        text += f"; not counted: {', '.join(uninformative)}, which the untrained base model passes too"
    return text

