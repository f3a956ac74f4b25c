"""Put the seed card and this run side by side: claims, recipe, architecture, generated model card and scores.

Card facts live in ``params/<run>.yaml`` (section ``card``); nothing here is hard-coded per run.
"""

from __future__ import annotations


import pandas as pd

from cardrepro.display import readable
from cardrepro.environment import FRAMEWORKS
from cardrepro.model_card import architecture_summary

TRAINING_KEYS = ("loss", "epochs", "max_steps", "batch_size", "learning_rate", "weight_decay", "warmup_ratio", "scheduler",
                 "optim", "seed", "freeze_embeddings")
# What every card did where it names no value: whole epochs (max_steps -1, as in params), every weight trained.
CARD_DEFAULTS = {"max_steps": -1, "freeze_embeddings": False}


def recipe_table(card: dict, training: dict, max_seq_length: int, train_pairs: int) -> pd.DataFrame:
    """The card's recipe against this run's, with a flag where they differ."""
    card_values = CARD_DEFAULTS | card["hyperparameters"]
    ours = {k: training.get(k, CARD_DEFAULTS.get(k)) for k in TRAINING_KEYS} | {
        "max_seq_length": max_seq_length, "train_pairs": train_pairs}
    theirs = {k: card_values.get(k) for k in TRAINING_KEYS} | {
        "max_seq_length": card_values.get("max_seq_length"), "train_pairs": card["train_pairs"]}
    frame = pd.DataFrame({"card": pd.Series(theirs, dtype=object), "this run": pd.Series(ours, dtype=object)})
    frame["differs"] = [("yes" if str(a) != str(b) else "") for a, b in zip(frame["card"], frame["this run"])]
    return frame.rename_axis("setting")


def card_comparison(found: dict, card: dict, label: str) -> pd.DataFrame:
    """Facts ``found`` here (``label``: the base model as loaded, or the generated model card) against the
    seed card's; ``same`` is yes or no."""
    seed = {
        **architecture_summary(card["architecture"]),
        "max_seq_length": card["hyperparameters"].get("max_seq_length"),
        "loss": card["hyperparameters"].get("loss"),
        "train_pairs": card["train_pairs"],
    }
    seed = {key: seed[key] for key in found}
    frame = pd.DataFrame({"seed card": pd.Series(seed, dtype=object), label: pd.Series(found, dtype=object)})
    frame["same"] = ["yes" if str(a) == str(b) else "no" for a, b in zip(frame["seed card"], frame[label])]
    return frame.rename_axis("fact")


def card_claims(card: dict) -> pd.DataFrame:
    """What the card says it trained: base model (at its revision, where the card notes one), architecture,
    loss, data size and recipe."""
    revision = card.get("base_model_revision")
    claims = {"base model": card["base_model"] + (f" (revision {revision[:12]})" if revision else ""),
              **architecture_summary(card["architecture"]),
              "training pairs": card["train_pairs"], **card["hyperparameters"]}
    return pd.DataFrame({"card": pd.Series(claims, dtype=object)}).rename_axis("claim")


def card_figures(card: dict):
    """The figures the card logged: training loss and evaluation by step, then final metrics; a
    sentence when it logged none."""
    rows = [{"figure": f"training loss (mean of {card['logging_steps']} steps)", "step": int(s), "value": v}
            for s, v in card["logged_loss"].items()]
    rows += [{"figure": "evaluation", "step": int(s), "value": v} for s, v in (card.get("logged_eval") or {}).items()]
    rows += [{"figure": name, "step": None, "value": v} for name, v in (card.get("final_metrics") or {}).items()]
    if not rows:
        from IPython.display import Markdown

        from cardrepro.sentences.run import NO_CARD_FIGURES

        return Markdown(NO_CARD_FIGURES)
    return readable(pd.DataFrame(rows, columns=["figure", "step", "value"]).astype({"step": "Int64"}))


def comparison_table(base: dict, tuned: dict, card: dict) -> pd.DataFrame:
    """Base vs tuned vs card, one row per metric the card reports (others after it); "—" where the
    card has no figure."""
    names = list(card) + [k for k in tuned if k not in card]
    return readable(pd.DataFrame(
        {"base": [base.get(n) for n in names], "tuned": [tuned.get(n) for n in names], "card": [card.get(n) for n in names]},
        index=pd.Index(names, name="metric"),
    ))


def environment_table(card: dict, environment: dict) -> pd.DataFrame:
    """The card's Framework Versions beside this run's, `differs` marking each that is not the same."""
    theirs = card.get("framework_versions") or {}
    ours = environment["frameworks"]
    rows = [{"framework": label, "card": theirs.get(label, "—"), "this run": ours[label],
             "differs": "" if theirs.get(label) == ours[label] else "yes"} for label in FRAMEWORKS]
    return pd.DataFrame(rows).set_index("framework")
