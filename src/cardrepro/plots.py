"""Pictures of a run, with the card's own logged points drawn over ours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd


def plot_training(history: pd.DataFrame, card: dict, windows: dict[str, dict], metric: str, intervals: pd.DataFrame,
                  chance: dict | None = None, stand_in: str | None = None):
    """Training loss and the held-out ``metric`` against step, each with what it should be read against.

    Loss: the card's logged points (the mean over its logging window) beside this run's mean over the
    same window (``windows``: ``loss_windows.card_windows``); with a ``stand_in`` the legend names the card's model, whose loss they are. Metric: the base model and, for retrieval, random ranking as lines, and the tuned
    model's 95% bootstrap interval as a bar at the last step. A legend entry only for what is drawn, each legend
    below its axes, so that it hides no point.
    Closed before it is returned, so a notebook shows it once, as the cell's value.
    """
    fig, (ax_loss, ax_metric) = plt.subplots(1, 2, figsize=(11, 5.2))
    plt.close(fig)
    losses = history.dropna(subset=["loss"]) if "loss" in history else history.iloc[0:0]
    ax_loss.plot(losses.step, losses.loss, marker=".", color="tab:blue", label="this run (mean of each logging window)")
    if card["logged_loss"]:
        window = card["logging_steps"]
        steps = [int(s) for s in card["logged_loss"]]
        whose = f"card's model {card['base_model'].split('/')[-1]}, not this run's; " if stand_in else ""
        ax_loss.scatter(steps, list(card["logged_loss"].values()), marker="x", s=80, color="crimson",
                        label=f"card ({whose}mean of the {window} steps before)", zorder=3)
        ours = {int(step): w["run"] for step, w in windows.items() if w["run"] is not None}
        if ours:
            ax_loss.scatter(list(ours), list(ours.values()), marker="o", s=80, facecolors="none", edgecolors="tab:blue",
                            linewidths=2, label=f"this run, same {window}-step window", zorder=3)
    ax_loss.set(xlabel="step", ylabel="training loss",
                title="Training loss" + ("" if card["logged_loss"] else " (the card logs none)"))
    column = f"eval_{metric}"
    evaluated = history.dropna(subset=[column]) if column in history else history.iloc[0:0]
    ax_metric.plot(evaluated.step, evaluated[column], marker="o", color="tab:blue", label="this run")
    row = intervals.loc[metric]
    ax_metric.axhline(row["base"], color="0.4", linestyle="--", linewidth=1, label=f"base model {row['base']:.4f}")
    if chance and metric in chance:
        ax_metric.axhline(chance[metric], color="0.6", linestyle=":", linewidth=1.5,
                          label=f"random ranking {chance[metric]:.4f}")
    last = int(history.step.max()) if len(history) else 0
    ax_metric.errorbar([last], [row["tuned"]], yerr=[[row["tuned"] - row["tuned_low"]], [row["tuned_high"] - row["tuned"]]],
                       fmt="none", ecolor="tab:blue", elinewidth=3, alpha=0.5, capsize=6, label="tuned, 95% interval")
    card_eval = card.get("logged_eval") or {}
    if card_eval:
        ax_metric.plot([int(s) for s in card_eval], list(card_eval.values()), marker="x", linestyle="--",
                       color="crimson", label="card")
    ax_metric.set(xlabel="step", ylabel=metric,
                  title=f"{metric} on the held-out set" + ("" if card_eval else " (the card logs none)"))
    for ax in (ax_loss, ax_metric):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16))  # below the axes: over no point
    fig.tight_layout()
    return fig


def _project(first, second):
    """Both columns of pairs in one 2-D PCA plane of this model's space (fitted on the pairs themselves)."""
    import numpy as np

    points = np.concatenate([first, second])
    centred = points - points.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    plane = centred @ axes[:2].T
    return plane[: len(first)], plane[len(first):]


def _mean(values) -> str:
    return f"{values.mean():.3f}" if len(values) else "none pictured"


def plot_embedding_shift(before: dict, after: dict, first_label: str = "sentence_0", second_label: str = "sentence_1"):
    """Held-out pairs in a 2-D PCA of the base model's space and of the tuned model's, each pair joined by a line.

    A line is a pair: shorter lines mean the pair moved closer. With labelled pairs, positive pairs are
    green and negative grey, so the picture shows whether training separated them. The title of each
    panel gives the mean cosine of the pairs (of positives and negatives, when labelled).
    """
    import numpy as np

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.6))
    plt.close(fig)
    for ax, (name, pairs) in zip(axes, (("base model", before), ("tuned model", after)), strict=True):
        first, second = _project(pairs["first"], pairs["second"])
        cosine = (pairs["first"] * pairs["second"]).sum(axis=1)
        labels = np.ones(len(first)) if pairs["label"] is None else np.asarray(pairs["label"])
        for a, b, label in zip(first, second, labels, strict=True):
            ax.plot([a[0], b[0]], [a[1], b[1]], color="tab:green" if label > 0.5 else "0.7", linewidth=0.8, zorder=1)
        ax.scatter(first[:, 0], first[:, 1], s=18, marker="o", color="tab:blue", label=first_label, zorder=2)
        ax.scatter(second[:, 0], second[:, 1], s=22, marker="^", color="tab:orange", label=second_label, zorder=2)
        if pairs["label"] is None:
            title = f"{name}\nmean pair cosine {cosine.mean():.3f}"
        else:
            title = (f"{name}\nmean cosine: positive pairs {_mean(cosine[labels > 0.5])}, "
                     f"negative {_mean(cosine[labels <= 0.5])}")
        ax.set(xticks=[], yticks=[], xlabel="PC 1", ylabel="PC 2")
        ax.set_title(title, fontsize=10)
        ax.legend(loc="best", fontsize=8)
    fig.suptitle(f"{len(before['first'])} held-out pairs, each joined by a line "
                 + ("(green: positive, grey: negative)" if before["label"] is not None else "(sentence_0 to its sentence_1)"),
                 fontsize=10)
    fig.tight_layout()
    return fig


def plot_variants(details: dict):
    """Each recipe variant's held-out metric by step beside the card's recipe (``cardrepro.variants``), the base
    model as a line: where a change moves the curve, and where it does not. None for a run without variants.
    Closed before it is returned (shown once)."""
    record = details.get("variants")
    if not record:
        return None
    base = details["base"][record["metric"]]
    fig, ax = plt.subplots(figsize=(8, 4.8))
    plt.close(fig)
    for position, (name, points) in enumerate(record["curves"].items()):
        ax.plot([int(step) for step in points], list(points.values()), marker="o", markersize=4,
                linewidth=2.5 if position == 0 else 1.5, color="tab:blue" if position == 0 else f"C{position + 1}",
                label=name)
    ax.axhline(base, color="0.4", linestyle="--", linewidth=1, label=f"base model {base:.4f}")
    ax.set(xlabel="step", ylabel=record["metric"],
           title=f"{record['metric']} on the held-out set: the card's recipe and its variants")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)  # below the axes: over no point
    fig.tight_layout()
    return fig
