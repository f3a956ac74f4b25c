"""Training helpers that need no model: card-window losses and the trainer's log history."""

from __future__ import annotations

import pandas as pd
import pytest

from cardrepro.loss_windows import loss_at_card_steps, window_spread
from cardrepro.training import history_frame, to_dataset
from tests.imports import modules_loaded_by


def test_card_window_loss_is_the_exact_mean_of_per_step_losses():
    per_step = [1.0 / (s + 1) for s in range(1000)]  # step s+1 has loss 1/(s+1)
    logged = [{"step": end, "loss": sum(per_step[end - 50:end]) / 50} for end in range(50, 1001, 50)]
    history = pd.DataFrame(logged)
    result = loss_at_card_steps(history, [500, 1000, 1500], card_logging_steps=500)
    assert result[500] == pytest.approx(sum(per_step[:500]) / 500)
    assert result[1000] == pytest.approx(sum(per_step[500:1000]) / 500)
    assert 1500 not in result  # never reached: absent, not extrapolated


def test_the_window_spread_is_the_relative_deviation_of_the_runs_windows_inside_the_cards():
    history = pd.DataFrame({"step": [50, 100, 150, 200], "loss": [9.0, 1.0, 3.0, 5.0]})
    assert window_spread(history, 200, card_logging_steps=150) == pytest.approx(2.0 / 3.0)  # sd 2 of 1, 3, 5
    assert window_spread(history, 50, card_logging_steps=50) is None  # one window: no spread
    assert window_spread(history, 250, card_logging_steps=100) is None  # not reached


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


def _metrics(steps: int, pairs: int, generated: bool, run: str = "cosine_sparql") -> dict:
    return {"run": run, "headline": "cosine_ap", "base": {"cosine_ap": 0.6}, "tuned": {"cosine_ap": 0.9},
            "card": {"cosine_ap": 0.9166},
            "data": {"eval_pairs": 200, "source": "generated" if generated else "real", "train_pairs": pairs},
            "intervals": {"resampled_items": 200, "cosine_ap": {"tuned": [0.88, 0.92], "gain": [0.25, 0.35]}},
            "training": {"steps": steps, "seed": 42}, "loss_at_card_steps": {"500": {"run": 0.1, "card": 0.1687}},
            "substituted": {"generated_data": generated, "stand_in_model": False},
            "model": {"requested": "org/m", "stand_in": None, "is_stand_in": False}}


def test_conclusion_tells_full_shorter_and_smoke_runs_apart():
    from cardrepro.params import load
    from cardrepro.reports import conclusion

    card = load("params/cosine_sparql.yaml").card
    full = conclusion(_metrics(750, 12000, False), card)
    assert full.startswith("**Verdict: not reproduced** (training loss at step 500 0.1000 vs the card's 0.1687 (-41%")
    assert "from 0.6000 (base model) to 0.9000" in full and "0.1000 here, 0.1687 in the card" in full
    assert "[+0.2500, +0.3500], which excludes zero: training raised" in full
    assert "Shorter" not in full and "smoke" not in full and "Generated data" not in full
    shorter = conclusion(_metrics(362, 5780, False), card)
    assert "362 steps on 5780 pairs, where the card ran 750 on 12000" in shorter and "smoke" not in shorter
    smoke = conclusion(_metrics(6, 48, True), card)
    assert smoke.startswith("**Verdict: not checkable**") and "smoke run" in smoke
    assert "stand-in for the card's data (LC-QuAD 2.0; `make data` then `make repro-real` runs the card's recipe" in smoke


def test_conclusion_says_what_a_private_card_with_no_evaluation_leaves_open():
    from cardrepro.params import load
    from cardrepro.reports import conclusion

    card = load("params/mnrl_compressed.yaml").card
    record = {**_metrics(90, 720, True, run="mnrl_compressed"), "card": {}, "loss_at_card_steps": {}}
    text = conclusion(record, card)
    assert "the card reports no evaluation" in text and "which was never published" in text
    assert "real public data" not in text and "Mean training loss" not in text


def test_each_card_loss_is_built_with_the_cards_parameters():
    from sentence_transformers import util
    from sentence_transformers.sentence_transformer import losses

    from cardrepro.models import load_sentence_transformer, resolve_base_model
    from cardrepro.objectives import make_loss

    model = load_sentence_transformer(resolve_base_model({"base": "sentence-transformers/all-MiniLM-L6-v2"}), 64, False)
    mnrl = make_loss(model, {"loss": "MultipleNegativesRankingLoss"})
    assert isinstance(mnrl, losses.MultipleNegativesRankingLoss)
    assert mnrl.scale == 20.0 and mnrl.similarity_fct is util.cos_sim
    assert isinstance(make_loss(model, {"loss": "CosineSimilarityLoss"}), losses.CosineSimilarityLoss)
    tsdae = make_loss(model, {"loss": "DenoisingAutoEncoderLoss"})
    # tied: the encoder's word embeddings ARE the decoder's
    encoder_embeddings = model[0].auto_model.embeddings.word_embeddings.weight
    assert encoder_embeddings is tsdae.decoder.bert.embeddings.word_embeddings.weight
    untied = make_loss(model, {"loss": "DenoisingAutoEncoderLoss", "tie_encoder_decoder": False})
    assert untied.decoder.bert.embeddings.word_embeddings.weight is not encoder_embeddings
    with pytest.raises(ValueError, match="unsupported loss 'Nope'"):
        make_loss(model, {"loss": "Nope"})


def test_the_fused_optimizer_makes_the_cards_adamw_update():
    """training.optim adamw_torch_fused (the trainer's default) for the cards' adamw_torch: the same
    update in one kernel, equal to float rounding after a few steps with weight decay."""
    import torch

    torch.manual_seed(0)
    start = [torch.randn(300, 7), torch.randn(7)]
    grads = [[torch.randn_like(p) for p in start] for _ in range(5)]
    trained = {}
    for kernel in ({"foreach": True}, {"fused": True}):
        params = [p.clone().requires_grad_() for p in start]
        optimizer = torch.optim.AdamW(params, lr=1e-2, weight_decay=0.01, **kernel)
        for step in grads:
            for p, g in zip(params, step):
                p.grad = g.clone()
            optimizer.step()
        trained[next(iter(kernel))] = [p.detach() for p in params]
    moved = max((a - b).abs().max().item() for a, b in zip(trained["foreach"], start))
    assert moved > 1e-2  # the steps did something
    for a, b in zip(trained["foreach"], trained["fused"]):
        assert torch.allclose(a, b, rtol=0, atol=1e-6)


def test_the_optimizer_named_in_params_is_the_trainers():
    from cardrepro.params import load
    from cardrepro.training import training_arguments

    training = load("params/cosine_sparql.yaml").training
    assert training_arguments(training, "unused", evaluate=False).optim == "adamw_torch_fused"
    assert training_arguments(training | {"optim": "adamw_torch"}, "unused", evaluate=False).optim == "adamw_torch"


@pytest.mark.parametrize(("steps_per_epoch", "expected"), [(9, 9), (500, 100)])
def test_a_short_run_is_evaluated_at_least_once_an_epoch(tmp_path, steps_per_epoch, expected):
    from cardrepro.params import load
    from cardrepro.training import training_arguments

    training = load("params/mnrl_compressed.yaml").training  # eval_steps 100, 90 steps in 10 epochs
    arguments = training_arguments(training, str(tmp_path), evaluate=True, steps_per_epoch=steps_per_epoch)
    assert arguments.eval_steps == expected


@pytest.mark.parametrize(("module", "never"), [
    ("cardrepro.training", ["cardrepro.objectives.tsdae", "cardrepro.tsdae"]),
    ("cardrepro.objectives.tsdae.loss", ["cardrepro.training", "cardrepro.tsdae"]),
])
def test_training_builds_tsdae_losses_without_importing_tsdae(module, never):
    """The TSDAE objective trains through training; training importing it back would be a cycle, and would make
    every run's training depend on it."""
    imported = sorted(set(never) & set(modules_loaded_by(module)))
    assert imported == [], f"importing {module} imported {imported}"
