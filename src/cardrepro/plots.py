"""Pictures of a run, with the card's own logged points drawn over ours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def plot_training(history: pd.DataFrame, card: dict, metric: str, metric_label: str):
    """Training loss and the evaluation metric against step, card points as red crosses.

    Closed before it is returned, so a notebook shows it once, as the cell's value.
    """
    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(11, 3.8))
    plt.close(fig)
    losses = history.dropna(subset=["loss"]) if "loss" in history else history.iloc[0:0]
    ax_loss.plot(losses.step, losses.loss, marker=".", label="this run (window mean)")
    ax_loss.scatter([int(s) for s in card["logged_loss"]], list(card["logged_loss"].values()),
                    marker="x", s=80, color="crimson", label=f"card (mean of {card['logging_steps']} steps)", zorder=3)
    ax_loss.set(xlabel="step", ylabel="training loss", title="Training loss")
    column = f"eval_{metric}"
    evaluated = history.dropna(subset=[column]) if column in history else history.iloc[0:0]
    ax_metric.plot(evaluated.step, evaluated[column], marker="o", label="this run")
    card_eval = card.get("logged_eval") or {}
    ax_metric.plot([int(s) for s in card_eval], list(card_eval.values()), marker="x", linestyle="--",
                   color="crimson", label="card")
    ax_metric.set(xlabel="step", ylabel=metric_label, title=f"{metric_label} on the held-out pairs")
    for ax in (ax_loss, ax_metric):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    return fig
