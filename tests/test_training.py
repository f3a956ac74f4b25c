"""Training helpers that need no model: card-window losses and the trainer's log history."""

from __future__ import annotations

import pandas as pd
import pytest

from cardrepro.training import history_frame, loss_at_card_steps, to_dataset


def test_card_window_loss_is_the_exact_mean_of_per_step_losses():
    per_step = [1.0 / (s + 1) for s in range(1000)]  # step s+1 has loss 1/(s+1)
    logged = [{"step": end, "loss": sum(per_step[end - 50:end]) / 50} for end in range(50, 1001, 50)]
    history = pd.DataFrame(logged)
    result = loss_at_card_steps(history, [500, 1000, 1500], card_logging_steps=500)
    assert result[500] == pytest.approx(sum(per_step[:500]) / 500)
    assert result[1000] == pytest.approx(sum(per_step[500:1000]) / 500)
    assert 1500 not in result  # never reached: absent, not extrapolated


def test_history_merges_loss_and_evaluator_metrics_by_step():
    log = [
        {"step": 2, "epoch": 0.5, "loss": 0.4, "grad_norm": 1.0},
        {"step": 2, "epoch": 0.5, "eval_test-binary-eval_cosine_ap": 0.7, "eval_runtime": 0.1},
        {"step": 4, "epoch": 1.0, "loss": 0.3},
    ]
    frame = history_frame(log, "test-binary-eval")
    assert list(frame.columns) == ["step", "epoch", "loss", "eval_cosine_ap"]
    assert frame.loc[0, "eval_cosine_ap"] == 0.7 and pd.isna(frame.loc[1, "eval_cosine_ap"])


def test_dataset_keeps_the_card_columns_in_order():
    dataset = to_dataset([{"label": 1.0, "sentence_1": "b", "sentence_0": "a", "extra": 1}])
    assert dataset.column_names == ["sentence_0", "sentence_1", "label"]
