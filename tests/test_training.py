"""Training helpers that need no model: card-window losses and the trainer's log history."""

from __future__ import annotations

import pandas as pd
import pytest

from cardrepro.loss_windows import loss_at_card_steps, window_noise


def test_card_window_loss_is_the_exact_mean_of_per_step_losses():
    per_step = [1.0 / (s + 1) for s in range(1000)]  # step s+1 has loss 1/(s+1)
    logged = [{"step": end, "loss": sum(per_step[end - 50:end]) / 50} for end in range(50, 1001, 50)]
    history = pd.DataFrame(logged)
    result = loss_at_card_steps(history, [500, 1000, 1500], card_logging_steps=500)
    assert result[500] == pytest.approx(sum(per_step[:500]) / 500)
    assert result[1000] == pytest.approx(sum(per_step[500:1000]) / 500)
    assert 1500 not in result  # never reached: absent, not extrapolated


def test_the_window_noise_is_the_relative_deviation_of_the_runs_windows_inside_the_cards():
    history = pd.DataFrame({"step": [50, 100, 150, 200], "loss": [9.0, 1.0, 3.0, 5.0]})
    noise = window_noise(history, 200, card_logging_steps=150)  # the windows 1, 3, 5: sd 2 of mean 3
    assert noise == pytest.approx({"spread": 2.0 / 3.0, "windows": 3, "standard_error": 2.0 / 3.0 / 3 ** 0.5})
    assert window_noise(history, 50, card_logging_steps=50) is None  # one window: no spread
    assert window_noise(history, 250, card_logging_steps=100) is None  # not reached
