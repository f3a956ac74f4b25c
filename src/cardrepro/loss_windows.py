"""The training loss over the card's logging windows: the card logs the mean of each window of
``logging_steps`` steps, so this run's mean over the same steps is the figure to set beside it."""

from __future__ import annotations

import math

import pandas as pd


def loss_at_card_steps(history: pd.DataFrame, card_steps: list[int], card_logging_steps: int) -> dict[int, float]:
    """Our mean loss over each card logging window ending at a card step (absent if not reached)."""
    windows = {step: _card_window(history, step, card_logging_steps) for step in card_steps}
    return {step: float(window.loss.mean()) for step, window in windows.items() if len(window)}


def window_noise(history: pd.DataFrame, step: int, card_logging_steps: int) -> dict | None:
    """How much the run's own loss moves inside the card's window ending at ``step``, the noise a loss tolerance
    has to beat: ``spread``, the standard deviation of its logging windows there relative to their mean, and
    ``standard_error``, what that spread puts on the mean over the whole window (spread / sqrt(windows), treating
    the windows as independent; the loss's downward trend inflates both). None where the run logged fewer than two
    windows inside it (or did not reach ``step``)."""
    window = _card_window(history, step, card_logging_steps)
    if len(window) < 2:
        return None
    spread = float(window.loss.std() / window.loss.mean())
    return {"spread": spread, "windows": len(window), "standard_error": spread / math.sqrt(len(window))}


def _card_window(history: pd.DataFrame, step: int, card_logging_steps: int) -> pd.DataFrame:
    """The run's logged losses inside the card's window ending at ``step``; empty unless the run logged at ``step``
    itself (a run that stopped short of it has no mean to set beside the card's)."""
    logged = history.dropna(subset=["loss"]) if "loss" in history else history.iloc[0:0]
    window = logged[(logged.step > step - card_logging_steps) & (logged.step <= step)]
    return window if len(window) and window.step.max() == step else window.iloc[0:0]


def card_windows(history: pd.DataFrame, card: dict) -> dict[str, dict]:
    """{card step: {"run": this run's mean over the card's window ending there (None if not reached), "card": the
    card's logged loss, "noise": ``window_noise``}}: computed once per report (``report_inputs.measured_for``),
    read by the figure, the table and the record."""
    steps = [int(step) for step in card["logged_loss"]]
    ours = loss_at_card_steps(history, steps, card["logging_steps"])
    return {str(step): {"run": ours.get(step), "card": value, "noise": window_noise(history, step, card["logging_steps"])}
            for step, value in zip(steps, card["logged_loss"].values(), strict=True)}


def loss_window_table(windows: dict[str, dict], card: dict):
    """The card's logged losses next to this run's mean over the same windows (``card_windows``; "—" where the
    run ended before a card step); a sentence when the card logged none."""
    from cardrepro.display import readable

    if not windows:
        from IPython.display import Markdown

        from cardrepro.sentences.run import NO_CARD_LOSS

        return Markdown(NO_CARD_LOSS)
    table = pd.DataFrame({"card": [float(w["card"]) for w in windows.values()], "this run": [w["run"] for w in windows.values()]},
                         index=pd.Index([int(step) for step in windows],
                                        name=f"card step (mean of the {card['logging_steps']} steps before it)"))
    return readable(table)
