"""TSDAE conditioning: the card's loss ignores the embedding on Qwen2; the prefix loss receives it."""

from __future__ import annotations

import pytest
import torch

from cardrepro.models import load_sentence_transformer, resolve_base_model
from cardrepro.stand_ins import TINY_QWEN2
from cardrepro.objectives import make_loss
from cardrepro.objectives.tsdae.checks import conditioning_check
from cardrepro.objectives.tsdae.loss import PrefixDenoisingAutoEncoderLoss, decoder_facts
from cardrepro.sentences.run import decoder_note

# Four unrelated (source, target) pairs: a decoder that reads the source can tell them apart.
PAIRS = [
    {"sentence_0": "what is seven times eight? 54", "sentence_1": "Confuses multiplication facts"},
    {"sentence_0": "round 3.46 to one decimal place 3.4", "sentence_1": "Truncates instead of rounding"},
    {"sentence_0": "what is the area of a 3 by 4 rectangle? 14", "sentence_1": "Adds the sides to find area"},
    {"sentence_0": "simplify 6/8 3/8", "sentence_1": "Divides only the numerator when simplifying"},
]


def _model(base: str, stand_in: str | None):
    return load_sentence_transformer(resolve_base_model({"base": base, "stand_in": stand_in}), 64, normalize=False)


@pytest.fixture
def tiny_qwen():
    return _model("Qwen/Qwen2.5-0.5B-Instruct", TINY_QWEN2)


def test_card_loss_on_qwen2_ignores_the_source(tiny_qwen):
    check = conditioning_check(make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss"}), PAIRS)
    assert check["loss_gap_shuffled"] == 0.0 and check["grad_norm_pooled"] == 0.0
    assert check["loss_real"] > 0


def test_card_loss_on_a_bert_decoder_reads_the_source():
    model = _model("sentence-transformers/all-MiniLM-L6-v2", None)
    torch.manual_seed(0)
    loss = make_loss(model, {"loss": "DenoisingAutoEncoderLoss"})
    check = conditioning_check(loss, PAIRS)
    assert check["loss_gap_shuffled"] != 0.0 and check["grad_norm_pooled"] > 0.0
    assert decoder_note(decoder_facts(loss)) == ("decoder BertLMHeadModel: the encoder's weights, plus cross-attention in 6 layers "
                                  "(60 tensors) that the encoder checkpoint lacks, newly initialised, as TSDAE expects")


def test_the_decoder_note_says_how_each_objective_meets_the_embedding(tiny_qwen):
    card = make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss"})
    assert decoder_note(decoder_facts(card)).startswith("decoder Qwen2ForCausalLM: no cross-attention, so the card's objective cannot")
    prefix = make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss", "conditioning": "prefix", "prefix_tokens": 3})
    assert decoder_note(decoder_facts(prefix)) == "decoder Qwen2ForCausalLM: receives the embedding as 3 prefix vectors through a new projection"


@pytest.mark.parametrize("tied", [True, False])
def test_prefix_loss_sends_gradient_to_the_embedding_and_learns_to_use_it(tiny_qwen, tied):
    torch.manual_seed(0)
    loss = PrefixDenoisingAutoEncoderLoss(tiny_qwen, prefix_tokens=2, tie_encoder_decoder=tied)
    encoder_embeddings = tiny_qwen[0].auto_model.get_input_embeddings().weight
    assert (encoder_embeddings is loss.decoder.get_input_embeddings().weight) is tied
    assert conditioning_check(loss, PAIRS)["grad_norm_pooled"] > 0.0
    optimizer = torch.optim.AdamW(loss.parameters(), lr=3e-3)
    features = [tiny_qwen.preprocess([p[c] for p in PAIRS]) for c in ("sentence_0", "sentence_1")]
    for _ in range(40):  # memorise four pairs: only the source tells which target comes next
        optimizer.zero_grad()
        loss(features, None).backward()
        optimizer.step()
    after = conditioning_check(loss, PAIRS)
    assert after["loss_shuffled"] > after["loss_real"] + 0.5, after


def test_check_leaves_weights_and_modes_as_they_were(tiny_qwen):
    loss = make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss"})
    loss.train()
    before = [p.detach().clone() for p in loss.parameters()]
    conditioning_check(loss, PAIRS)
    assert loss.training and all(p.grad is None for p in loss.parameters())
    assert all(torch.equal(a, b) for a, b in zip(before, loss.parameters(), strict=True))


def test_check_objectives_contrasts_the_card_with_the_prefix_objective(tiny_qwen):
    from cardrepro.objectives.tsdae.checks import check_objectives
    from cardrepro.tsdae import conditioning_metrics

    training = {"loss": "DenoisingAutoEncoderLoss", "seed": 42, "conditioning": "none", "compare_conditioning": True}
    table = check_objectives(tiny_qwen, PAIRS, training)
    assert list(table.index) == ["card", "prefix"]
    assert table.loc["card", "loss_gap_shuffled"] == 0.0 and table.loc["card", "grad_norm_pooled"] == 0.0
    assert table.loc["prefix", "grad_norm_pooled"] > 0.0
    flat = conditioning_metrics(table, {"card": {"loss_gap_shuffled": 0.0}})
    assert flat["card_loss_gap_shuffled"] == 0.0 and flat["card_trained_loss_gap_shuffled"] == 0.0
    assert flat["prefix_grad_norm_pooled"] > 0.0
    assert list(check_objectives(tiny_qwen, PAIRS, {**training, "compare_conditioning": False}).index) == ["card"]


def test_the_trainer_runs_the_prefix_objective_and_moves_the_encoder(tiny_qwen):
    from cardrepro.distributed import train

    training = {"loss": "DenoisingAutoEncoderLoss", "conditioning": "prefix", "prefix_tokens": 2, "epochs": 1,
                "batch_size": 4, "learning_rate": 1e-3, "weight_decay": 0.0, "warmup_ratio": 0.0,
                "scheduler": "linear", "optim": "adamw_torch_fused", "seed": 42, "max_steps": 2, "logging_steps": 1, "eval_steps": 1}
    before = tiny_qwen.encode([p["sentence_0"] for p in PAIRS], convert_to_tensor=True)
    result = train(tiny_qwen, PAIRS * 2, training)
    assert isinstance(result.loss, PrefixDenoisingAutoEncoderLoss) and result.steps == 2
    assert result.history["loss"].notna().sum() == 2
    after = tiny_qwen.encode([p["sentence_0"] for p in PAIRS], convert_to_tensor=True)
    assert not torch.allclose(before, after)


SMOKE_TRAINING = {"loss": "DenoisingAutoEncoderLoss", "conditioning": "none", "prefix_tokens": 2, "epochs": 1,
                  "batch_size": 4, "learning_rate": 1e-3, "weight_decay": 0.0, "warmup_ratio": 0.0,
                  "scheduler": "linear", "optim": "adamw_torch_fused", "seed": 42, "max_steps": 2, "logging_steps": 1, "eval_steps": 1,
                  "compare_conditioning": True, "compare_seeds": [42, 7]}


def test_compare_objectives_trains_each_objective_at_each_seed_and_reuses_the_run_itself():
    from cardrepro.evaluation import evaluate, make_evaluator
    from cardrepro.distributed import train
    from cardrepro.objectives.tsdae.comparison import compare_objectives
    from cardrepro.uncertainty import per_query_scores

    resolved = resolve_base_model({"base": "Qwen/Qwen2.5-0.5B-Instruct", "stand_in": TINY_QWEN2})
    evaluator = make_evaluator({"name": "e", "batch_size": 8, "kind": "retrieval", "cutoffs": {"mrr_at_k": [3]}}, PAIRS)
    model = load_sentence_transformer(resolved, 64, normalize=False)
    main_result = train(model, PAIRS * 2, SMOKE_TRAINING)
    main_scores = {**evaluate(model, evaluator), "marker": -1.0}  # shows which row reused the run
    main_queries = per_query_scores(model, evaluator)
    runs, per_query = compare_objectives(resolved, {"max_seq_length": 64, "normalize": False}, SMOKE_TRAINING, PAIRS * 2,
                                         PAIRS, evaluator, main=(main_scores, main_result, main_queries))
    assert list(zip(runs["objective"], runs["seed"])) == [("card", 42), ("card", 7), ("prefix", 42), ("prefix", 7)]
    assert runs["marker"].tolist()[0] == -1.0 and runs["marker"].iloc[1:].isna().all()
    assert (runs.loc[runs["objective"] == "card", "trained_grad_norm_pooled"] == 0.0).all()
    assert (runs.loc[runs["objective"] == "prefix", "trained_grad_norm_pooled"] > 0.0).all()
    assert runs["cosine_mrr@3"].between(0, 1).all()
    assert list(per_query) == [("card", 42), ("card", 7), ("prefix", 42), ("prefix", 7)]
    assert per_query[("card", 42)] is main_queries and len(per_query[("prefix", 7)]) == len(evaluator.queries)
    for (objective, seed), frame in per_query.items():  # each run's per-query mean is its evaluator's figure
        row = runs[(runs["objective"] == objective) & (runs["seed"] == seed)].iloc[0]
        assert frame["cosine_mrr@3"].mean() == pytest.approx(row["cosine_mrr@3"])


def _runs(card: list[float], prefix: list[float], gaps: list[float], noise: float = 0.005, batches: int = 16):
    """(objective, seed) rows as compare_objectives writes them; each trained gap +- ``noise`` is its interval."""
    import pandas as pd

    check = lambda gap: {"trained_loss_gap_shuffled": gap, "trained_loss_gap_low": gap - noise,  # noqa: E731
                         "trained_loss_gap_high": gap + noise, "trained_batches": batches}
    rows = [{"objective": "card", "seed": i, "m": v, **check(0.0)} for i, v in enumerate(card)]
    rows += [{"objective": "prefix", "seed": i, "m": v, **check(g)} for i, (v, g) in enumerate(zip(prefix, gaps, strict=True))]
    return pd.DataFrame(rows)


def test_objective_table_has_chance_base_and_each_objectives_mean_and_range_over_seeds():
    from cardrepro.tsdae import objective_comparison, objective_runs_metrics

    runs = _runs([0.2, 0.4], [0.3, 0.6], [0.1, 0.2])
    table = objective_comparison(runs, {"m": 0.1, "x": 9.0}, {"m": 0.05}, ["m"])
    assert list(table.index) == ["chance", "base", "card", "prefix"]
    assert table.loc["card"].to_dict() == pytest.approx({"m": 0.3, "m_min": 0.2, "m_max": 0.4, "seeds": 2})
    assert table.loc["prefix", "m"] == pytest.approx(0.45) and table.loc["base", "seeds"] == 0
    assert table.loc["chance", "m"] == table.loc["chance", "m_max"] == 0.05
    flat = objective_runs_metrics(runs)
    assert list(flat) == ["card_seed0", "card_seed1", "prefix_seed0", "prefix_seed1"]
    assert flat["prefix_seed1"] == pytest.approx({"m": 0.6, "trained_loss_gap_shuffled": 0.2, "trained_loss_gap_low": 0.195,
                                                  "trained_loss_gap_high": 0.205, "trained_batches": 16})


def test_the_objective_table_for_reading_gives_no_range_or_seeds_to_what_trains_nothing():
    from cardrepro.tsdae import objective_comparison, objective_table_view

    view = objective_table_view(objective_comparison(_runs([0.2, 0.4], [0.3, 0.6], [0.1, 0.2]), {"m": 0.1}, {"m": 0.05}, ["m"]))
    assert view.loc["base"].tolist() == ["0.1000", "—", "—", "—"] and view.loc["chance", "m"] == "0.0500"
    assert view.loc["card"].tolist() == ["0.3000", "0.2000", "0.4000", "2"] and "trained seeds" in view.columns


CHECKS = {"card_loss_gap_shuffled": 0.0, "card_grad_norm_pooled": 0.0, "prefix_grad_norm_pooled": 0.03}


def _gaps(card: list[list[float]], prefix: list[list[float]]):
    """objective_gaps over per-query scores: one list of query scores per seed and objective."""
    import pandas as pd

    from cardrepro.tsdae import objective_gaps

    frame = lambda scores: pd.DataFrame({"m": scores}).rename_axis("query")  # noqa: E731
    per_query = {("card", seed): frame(q) for seed, q in enumerate(card)} | {("prefix", seed): frame(q) for seed, q in enumerate(prefix)}
    return objective_gaps(per_query, "m")


def test_objective_gaps_are_paired_per_seed_and_over_the_seeds():
    gaps = _gaps([[0.0, 0.5, 1.0, 0.5] * 5, [0.5, 0.5, 0.5, 0.5] * 5], [[0.5, 1.0, 1.0, 0.5] * 5, [0.5, 0.5, 0.5, 0.5] * 5])
    assert list(gaps.index) == [0, 1, "mean over seeds"]
    assert gaps.loc[0, "prefix - card"] == pytest.approx(0.25) and gaps.loc[0, "low"] > 0
    assert gaps.loc[1].tolist() == pytest.approx([0.5, 0.5, 0.0, 0.0, 0.0])  # the same scores: no gap, no spread
    assert gaps.loc["mean over seeds", "prefix - card"] == pytest.approx(0.125)


LOW, SAME, HIGH = [0.0] * 20, [0.25] * 20, [0.5, 1.0] * 10  # per-query scores; against SAME: -0.25 each query, +0.5


@pytest.mark.parametrize(("card", "prefix", "verdict"), [
    ([SAME, SAME], [HIGH, HIGH], "above the card's at every seed, beyond the noise"),
    ([HIGH, HIGH], [SAME, SAME], "below the card's at every seed, beyond the noise"),
    ([SAME, SAME], [HIGH, SAME], "but only 1 of 2 seeds separate them on their own"),
    ([SAME, SAME], [HIGH, LOW], "The seeds disagree: the prefix objective is above the card's at 1, below it at 1 of 2 seeds"),
    ([SAME, SAME, SAME], [HIGH, SAME, SAME], "Over the seeds the prefix objective is above the card's, but only 1 of 3"),
    ([SAME, SAME], [SAME, SAME], "No seed and not their mean separates the two objectives"),
    ([SAME], [HIGH], "From one seed the prefix objective is above the card's on these queries; the seed spread is not measured"),
])
def test_conclusion_follows_the_paired_gaps(card, prefix, verdict):
    from cardrepro.sentences.tsdae import comparison_conclusion
    from cardrepro.tsdae import objective_comparison

    means = lambda runs: [sum(q) / len(q) for q in runs]  # noqa: E731
    runs = _runs(means(card), means(prefix), [0.5] * len(prefix))
    table = objective_comparison(runs, {"m": 0.05}, {"m": 0.02}, ["m"])
    text = comparison_conclusion(table, runs, _gaps(card, prefix), CHECKS, "m", stand_in=TINY_QWEN2)
    assert "decoder **does not** read" in text and verdict in text and "random ranking 0.0200" in text
    assert ("mean over seeds" in text) == (len(card) > 1) and "seed mean" not in text
    assert f"The rise clears that noise at {len(prefix)} of {len(prefix)} seeds: its loss measurably depends on the embedding." in text
    best = max(max(means(card)), max(means(prefix)), 0.05)
    assert f"at most {best / 0.02:.2f}x random ranking for any model or seed" in text


def test_one_separating_seed_whose_mean_does_not_establishes_nothing():
    import pandas as pd

    from cardrepro.sentences.tsdae import comparison_conclusion
    from cardrepro.tsdae import MEAN_OVER_SEEDS, objective_comparison

    gaps = pd.DataFrame({"card": [0.2] * 3, "prefix": [0.3, 0.2, 0.2], "prefix - card": [0.1, 0.0, 0.03],
                         "low": [0.05, -0.1, -0.02], "high": [0.15, 0.1, 0.08]}, index=[42, 43, MEAN_OVER_SEEDS])
    runs = _runs([0.2, 0.2], [0.3, 0.2], [0.5, 0.5])
    text = comparison_conclusion(objective_comparison(runs, {"m": 0.05}, {"m": 0.02}, ["m"]), runs, gaps, CHECKS, "m",
                                 stand_in=None)
    assert "Only 1 of 2 seeds separates them (above), and not their mean: no difference" in text


def test_conclusion_says_when_the_decoder_reads_and_when_the_prefix_is_not_yet_used():
    from cardrepro.sentences.tsdae import comparison_conclusion
    from cardrepro.tsdae import objective_comparison

    runs = _runs([0.2, 0.2], [0.3, 0.3], [-0.04, 0.004])  # +0.004 with an interval of +-0.005: within the noise
    table = objective_comparison(runs, {"m": 0.05}, {"m": 0.02}, ["m"])
    gaps = _gaps([SAME, SAME], [SAME, SAME])
    unused = comparison_conclusion(table, runs, gaps, CHECKS, "m", stand_in=None)
    assert ("changed its loss by -0.0180 on average over the 2 seeds (seed 0 -0.0400 [-0.0450, -0.0350]; seed 1 +0.0040 "
            "[-0.0010, +0.0090]; 95% intervals over 16 held-out batches). The rise clears that noise at 0 of 2 seeds") in unused
    assert "does not measurably depend on the source, although the embedding receives gradient" in unused
    assert "stand-in" not in unused
    reading = comparison_conclusion(table, runs, gaps, {**CHECKS, "card_loss_gap_shuffled": 0.4, "card_grad_norm_pooled": 0.1},
                                    "m", stand_in=None)
    assert "decoder is wired to the sentence embedding" in reading and "causal language modelling" not in reading
    assert "the card trained causal language modelling of the target text" in unused
    mixed = _runs([0.2, 0.2], [0.3, 0.3], [0.2, -0.01])
    assert "measurably depends on the embedding at 1 of 2 seeds, not at the others" in comparison_conclusion(table, mixed, gaps, CHECKS, "m",
                                                                                            stand_in=None)
    one_batch = _runs([0.2, 0.2], [0.3, 0.3], [0.2, 0.3], noise=0.0, batches=1)
    assert ("on one batch of held-out pairs, so without a measure of its noise: whether its loss depends on the embedding "
            "after training is not established.") in comparison_conclusion(table, one_batch, gaps, CHECKS, "m", stand_in=None)


def test_the_check_averages_over_batches_and_bounds_the_gap_by_their_spread(tiny_qwen):
    pairs = PAIRS * 5  # 20 pairs: two whole batches of 8, the rest left out
    torch.manual_seed(0)
    prefix = conditioning_check(PrefixDenoisingAutoEncoderLoss(tiny_qwen, prefix_tokens=2), pairs)
    assert prefix["batches"] == 2 and prefix["loss_gap_low"] <= prefix["loss_gap_shuffled"] <= prefix["loss_gap_high"]
    card = conditioning_check(make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss"}), pairs)
    assert card["batches"] == 2 and card["loss_gap_low"] == card["loss_gap_high"] == card["loss_gap_shuffled"] == 0.0
    assert conditioning_check(make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss"}), PAIRS)["batches"] == 1


def test_the_real_qwen2_when_present_ignores_the_source_with_the_card_and_reads_it_with_the_prefix():
    from cardrepro.models import ModelUnavailableError

    try:
        model = _model("Qwen/Qwen2.5-0.5B-Instruct", None)
    except ModelUnavailableError:
        pytest.skip("Qwen2.5-0.5B-Instruct is not in the Hugging Face cache (set model.local_path to run it)")
    card = conditioning_check(make_loss(model, {"loss": "DenoisingAutoEncoderLoss"}), PAIRS)
    assert card["loss_gap_shuffled"] == 0.0 and card["grad_norm_pooled"] == 0.0
    torch.manual_seed(0)
    prefix = PrefixDenoisingAutoEncoderLoss(model, prefix_tokens=4)
    assert conditioning_check(prefix, PAIRS)["grad_norm_pooled"] > 0.0


def _tiny_gemma3(folder):
    """A Gemma 3 text model with random weights, built from a config (no download), with mean pooling."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import Gemma3TextConfig, Gemma3TextModel

    tokenizer = _model("Qwen/Qwen2.5-0.5B-Instruct", TINY_QWEN2).tokenizer  # any small tokenizer will do
    config = Gemma3TextConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                              num_attention_heads=2, num_key_value_heads=1, head_dim=32, sliding_window=16,
                              pad_token_id=tokenizer.pad_token_id, bos_token_id=None, eos_token_id=tokenizer.eos_token_id)
    torch.manual_seed(0)
    Gemma3TextModel(config).save_pretrained(folder / "backbone")
    tokenizer.save_pretrained(folder / "backbone")
    transformer = Transformer(str(folder / "backbone"), max_seq_length=64)
    model = SentenceTransformer(modules=[transformer, Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")])
    model.save(str(folder / "st"))
    return load_sentence_transformer(resolve_base_model({"base": "x", "local_path": str(folder / "st")}), 64, normalize=False)


def test_on_gemma3_the_card_loss_ignores_the_source_and_the_prefix_loss_reads_it(tmp_path):
    model = _tiny_gemma3(tmp_path)
    card = make_loss(model, {"loss": "DenoisingAutoEncoderLoss"})
    assert decoder_note(decoder_facts(card)).startswith("decoder Gemma3ForCausalLM: no cross-attention")
    check = conditioning_check(card, PAIRS)
    assert check["loss_gap_shuffled"] == 0.0 and check["grad_norm_pooled"] == 0.0 and check["loss_real"] > 0
    torch.manual_seed(0)
    prefix = conditioning_check(PrefixDenoisingAutoEncoderLoss(model, prefix_tokens=2), PAIRS)
    assert prefix["loss_gap_shuffled"] != 0.0 and prefix["grad_norm_pooled"] > 0.0


def test_freezing_token_embeddings_keeps_every_embedding_matrix_out_of_training(tiny_qwen):
    from cardrepro.training import freeze_token_embeddings

    loss = make_loss(tiny_qwen, {"loss": "DenoisingAutoEncoderLoss", "conditioning": "prefix", "prefix_tokens": 2})
    total = sum(p.numel() for p in loss.parameters())
    embedding = tiny_qwen[0].auto_model.get_input_embeddings().weight
    trainable = freeze_token_embeddings(loss)
    assert not embedding.requires_grad and not loss.decoder.get_output_embeddings().weight.requires_grad
    assert trainable == total - embedding.numel()  # one matrix, tied to the decoder's input and output layers
    assert all(p.requires_grad for p in loss.project.parameters())


def test_gains_over_base_average_each_objective_over_its_seeds_and_pair_the_queries():
    import pandas as pd

    from cardrepro.tsdae import PROMPT_NAME, gains_over_base

    frame = lambda scores: pd.DataFrame({"m": scores}).rename_axis("query")  # noqa: E731
    per_query = {("card", 0): frame(SAME), ("card", 1): frame(SAME), ("prefix", 0): frame(HIGH), ("prefix", 1): frame(SAME)}
    gains = gains_over_base(frame(SAME), per_query, frame(LOW), "m")
    assert list(gains.index) == ["card objective", "prefix objective", PROMPT_NAME]
    assert gains.loc["card objective"].tolist() == pytest.approx([0.25, 0.25, 0.0, 0.0, 0.0])
    assert gains.loc["prefix objective", "minus base"] == pytest.approx(0.25) and gains.loc["prefix objective", "low"] > 0
    assert gains.loc[PROMPT_NAME, "minus base"] == pytest.approx(-0.25) and gains.loc[PROMPT_NAME, "high"] < 0


@pytest.mark.parametrize(("rows", "said"), [
    ({"a": (0.1, 0.05, 0.15), "b": (0.0, -0.1, 0.1)}, "a +0.1000 [+0.0500, +0.1500], above it; b +0.0000 [-0.1000, "
                                                      "+0.1000], not separated from it. Only a improves on it"),
    ({"a": (0.1, 0.05, 0.15), "b": (0.2, 0.1, 0.3)}, "Each of them improves on it beyond that noise"),
    ({"a": (-0.1, -0.15, -0.05)}, "below it. No model here improves on the base model beyond the noise"),
    ({"a": (0.1, 0.05, 0.15)}, "above it. It improves on it beyond that noise"),
])
def test_the_gains_sentence_says_which_models_beat_the_base_beyond_the_noise(rows, said):
    import pandas as pd

    from cardrepro.sentences.tsdae import _gains_verdict

    gains = pd.DataFrame.from_dict({name: dict(zip(["minus base", "low", "high"], values, strict=True))
                                    for name, values in rows.items()}, orient="index")
    assert said in _gains_verdict(gains, "m")


def test_a_pretrained_stand_in_is_named_and_its_scores_kept_to_what_they_show():
    from cardrepro.stand_ins import GEMMA3
    from cardrepro.sentences.tsdae import comparison_conclusion
    from cardrepro.tsdae import PROMPT_NAME, objective_comparison

    runs = _runs([0.2, 0.2], [0.3, 0.3], [0.5, 0.5])
    table = objective_comparison(runs, {"m": 0.05}, {"m": 0.02}, ["m"], prompt={"m": 0.04})
    assert list(table.index) == ["chance", "base", PROMPT_NAME, "card", "prefix"]
    text = comparison_conclusion(table, runs, _gaps([SAME, SAME], [SAME, SAME]), CHECKS, "m", stand_in=GEMMA3)
    assert f"{PROMPT_NAME} (no training) 0.0400" in text and "random weights" not in text
    assert f"the declared stand-in `{GEMMA3}` (Gemma 3 270M, a pretrained decoder-only language model" in text
    assert "trained with the departures from the card's recipe marked in section 3. The card objective's zero gap" in text
    assert "carry over to the card's model; the retrieval scores are this stand-in's" in text


def test_the_prompt_baseline_scores_the_same_queries_with_last_token_pooling():
    from cardrepro.evaluation import make_evaluator
    from cardrepro.objectives.tsdae.comparison import prompt_baseline

    resolved = resolve_base_model({"base": "Qwen/Qwen2.5-0.5B-Instruct", "stand_in": TINY_QWEN2})
    evaluation = {"name": "e", "batch_size": 8, "kind": "retrieval", "metric": "cosine_map@25",
                  "cutoffs": {"map_at_k": [25]}}
    scores, per_query = prompt_baseline(resolved, {"max_seq_length": 64}, evaluation, PAIRS, [])
    assert len(per_query) == len(make_evaluator(evaluation, PAIRS, []).queries) == 4
    assert scores["cosine_map@25"] == pytest.approx(per_query["cosine_map@25"].mean()) and 0 < scores["cosine_map@25"] <= 1


def test_the_same_seed_gives_the_same_numbers_for_every_objective_twice():
    """Issue: the prefix objective once gave other numbers on a re-run (its untrained check differed in the sixth
    digit). Both objectives, trained twice from scratch at one seed: every score, loss, gap and gradient the same."""
    from cardrepro.evaluation import make_evaluator
    from cardrepro.objectives.tsdae.comparison import compare_objectives

    resolved = resolve_base_model({"base": "Qwen/Qwen2.5-0.5B-Instruct", "stand_in": TINY_QWEN2})
    evaluator = make_evaluator({"name": "e", "batch_size": 8, "kind": "retrieval", "cutoffs": {"mrr_at_k": [3]}}, PAIRS)
    training = SMOKE_TRAINING | {"compare_seeds": [42], "seed": 0}  # seed 0: no run to reuse, both objectives train

    def once():
        runs, per_query = compare_objectives(resolved, {"max_seq_length": 64, "normalize": False}, training, PAIRS * 2,
                                             PAIRS, evaluator, main=(None, None, None))
        return runs.drop(columns=["seconds"]), per_query

    (first, first_queries), (second, second_queries) = once(), once()
    assert list(first["objective"]) == ["card", "prefix"]
    assert first.equals(second), first.compare(second)
    assert all(first_queries[key].equals(second_queries[key]) for key in first_queries)
