"""What a run notebook shows first and what `dvc metrics show` prints, from records with known contents."""

from __future__ import annotations

import pandas as pd
import pytest

from cardrepro.display import VerdictSlot, readable, verdict_markdown
from cardrepro.sentences.run import PENDING
from cardrepro.reports import headline_metrics
from tests.records import details


def test_the_verdict_leads_with_its_status_reasons_headline_and_every_card_figure():
    record = details("mnrl_qa", 0.5, 0.7, stand_in=True, card={"cosine_mrr@10": 0.9})
    text = verdict_markdown(record)
    lines = text.splitlines()
    assert lines[0] == "### Verdict: not checkable"
    assert lines[2] == ("**Why:** generated data, not the card's; a stand-in for the card's base model, which is not "
                        "available here.")
    assert lines[4] == "**Weigh also:** one training seed (42)."  # the caveats, beside the status
    assert lines[6] == ("**Headline, cosine_mrr@10, on 20 held-out queries ranked against 30 candidates (generated "
                        "data):** base model 0.5000, tuned 0.7000 [0.6000, 0.8000], gain +0.2000 "
                        "[+0.1500, +0.2500] (brackets: 95% intervals); the card reports 0.9000.")
    # "—": the reasons are the verdict's, above; the untrained model's interval is the negative control
    assert "| cosine_mrr@10 | 0.9000 | 0.7000 | [0.6000, 0.8000] | [0.4000, 0.6000] | not checkable | — |" in text
    assert "| training loss at step 500 | 0.6000 | 0.3000 | — | — | not checkable | — |" in text
    assert "Beyond the card" not in text and "the card reports none." in verdict_markdown(details("mnrl_qa", 0.5, 0.7))


def test_a_tsdae_verdict_says_whether_the_cards_decoder_reads_the_embedding():
    blind = {"card_loss_gap_shuffled": 0.0, "card_grad_norm_pooled": 0.0}
    text = verdict_markdown({**details("tsdae_qwen", 0.01, 0.02), "conditioning": blind})
    assert ("**Beyond the card:** With the card's objective the decoder **does not** read the sentence embedding: "
            "shuffling the sources changed the loss by +0.0000") in text
    assert "the card trained causal language modelling of the target text" in text
    reading = verdict_markdown({**details("tsdae_minilm", 0.1, 0.2),
                                "conditioning": {"card_loss_gap_shuffled": 0.03, "card_grad_norm_pooled": 0.5}})
    assert "the decoder is wired to the sentence embedding (the gradient reaching the pooled embedding had norm 0.5000)" \
        in reading and "not established" in reading and "causal language modelling" not in reading


def test_the_gap_is_shown_with_its_interval_over_the_batches():
    measured = {"card_loss_gap_shuffled": 0.0106, "card_loss_gap_low": 0.004, "card_loss_gap_high": 0.017,
                "card_grad_norm_pooled": 0.08, "card_batches": 16}
    text = verdict_markdown({**details("tsdae_minilm", 0.1, 0.2), "conditioning": measured})
    assert "changed it by +0.0106 (95% interval over 16 held-out batches +0.0040 to +0.0170)" in text
    assert "is wired to the sentence embedding" in text and "before training its loss measurably depends on it" in text
    one = verdict_markdown({**details("tsdae_minilm", 0.1, 0.2), "conditioning": {**measured, "card_batches": 1}})
    assert "changed the loss by +0.0106 (one batch: its noise is not measured), so whether the loss depends" in one


def test_a_decoder_wired_to_the_embedding_whose_loss_does_not_move_beyond_its_noise_is_not_said_to_read_it():
    """tsdae_minilm before training: a gradient reaches the embedding (wired) while the shuffled-source gap's
    interval includes zero: the verdict says both, and never that the decoder reads the embedding."""
    within = {"card_loss_gap_shuffled": 0.0021, "card_loss_gap_low": -0.0140, "card_loss_gap_high": 0.0158,
              "card_grad_norm_pooled": 0.0858, "card_batches": 16}
    text = verdict_markdown({**details("tsdae_minilm", 0.1, 0.2), "conditioning": within})
    assert ("is wired to the sentence embedding (the gradient reaching the pooled embedding had norm 0.0858), but before "
            "training its loss does not measurably depend on it: shuffling the sources changed it by +0.0021 (95% "
            "interval over 16 held-out batches -0.0140 to +0.0158), an interval that includes zero.") in text
    assert "does read" not in text and "measurably depends on it" not in text.replace("does not measurably depend", "")


def test_a_headline_from_one_seed_of_a_comparison_says_so_with_the_other_seeds():
    record = details("tsdae_qwen", 0.1, 0.17, seed=42)
    record["objective_runs"] = {"card_seed42": {"cosine_mrr@10": 0.17}, "card_seed43": {"cosine_mrr@10": 0.19},
                                "prefix_seed42": {"cosine_mrr@10": 0.05}, "prefix_seed43": {"cosine_mrr@10": 0.07}}
    assert ("**One seed of 2:** the tuned score is training seed 42's. The objective comparison trained the same recipe "
            "(card objective) at seeds 42, 43: cosine_mrr@10 0.1700, 0.1900, a range of 0.0200 from the seed alone."
            ) in verdict_markdown(record)
    assert "One seed of" not in verdict_markdown(details("tsdae_qwen", 0.1, 0.17))


def test_a_smoke_run_checks_no_figure_whatever_its_data():
    from cardrepro.sentences.verdict import why
    from cardrepro.verdict import verdict

    record = details("cosine_sparql", 0.6, 0.9, card={"cosine_mrr@10": 0.9})
    real = {**record, "substituted": {"stand_in_model": False, "generated_data": False}}
    smoke = {**real, "training": {**real["training"], "steps": 6, "card_steps": 750}}
    assert why(verdict(smoke)) == "a smoke run (6 of the card's 750 steps)"
    assert verdict({**smoke, "training": {**smoke["training"], "steps": 75}}).status == "not reproduced"  # loss 0.3 vs 0.6


def test_the_slot_under_the_title_shows_pending_until_the_run_fills_it(monkeypatch):
    shown = []

    class Handle:  # what IPython returns for display(..., display_id=True)
        def update(self, markdown):
            shown.append(("update", markdown.data))

    monkeypatch.setattr("IPython.display.display",
                        lambda markdown, display_id: shown.append(("display", markdown.data)) or Handle())
    slot = VerdictSlot()
    assert shown == [("display", PENDING)]
    slot.fill(details("mnrl_qa", 0.5, 0.7))
    assert shown[1] == ("update", verdict_markdown(details("mnrl_qa", 0.5, 0.7)))


def test_metrics_json_holds_the_headline_only():
    record = details("cosine_sparql", 0.61234, 0.91239)
    shown = headline_metrics(record)
    assert list(shown) == ["verdict", "headline", "base", "tuned", "tuned_low", "tuned_high", "gain_low", "gain_high",
                           "training_seeds", "tuned_over_seeds_low", "tuned_over_seeds_high", "card", "loss_card_step", "loss_run", "loss_card", "stand_in_model", "generated_data", "steps",
                           "seconds", "processes", "device", "per_device_batch"]
    assert shown["verdict"] == "not checkable" and shown["headline"] == "cosine_mrr@10"
    assert (shown["base"], shown["tuned"], shown["tuned_low"], shown["gain_high"]) == (0.6123, 0.9124, 0.8124, 0.3501)
    assert (shown["card"], shown["loss_card_step"], shown["loss_run"], shown["loss_card"]) == (None, 500, 0.3, 0.6)
    unreached = headline_metrics({**record, "loss_at_card_steps": {"500": {"run": None, "card": 0.6}}})
    assert (unreached["loss_card_step"], unreached["loss_run"], unreached["loss_card"]) == (None, None, None)
    assert (shown["training_seeds"], shown["tuned_over_seeds_low"]) == (1, None)
    seeded = headline_metrics({**record, "repeats": {"seeds": [42, 43, 44], "intervals": {"cosine_mrr@10": [0.80004, 0.95]}}})
    assert (seeded["training_seeds"], seeded["tuned_over_seeds_low"], seeded["tuned_over_seeds_high"]) == (3, 0.8, 0.95)


def test_tables_a_reader_sees_have_no_nan():
    table = readable(pd.DataFrame({"card": [0.91666, None], "steps": [3, 4]}))
    assert table["card"].tolist() == ["0.9167", "—"] and table["steps"].tolist() == [3, 4]


def test_a_card_without_figures_gets_a_sentence_not_an_empty_table():
    from IPython.display import Markdown

    from cardrepro.cards import card_figures
    from cardrepro.params import load
    from cardrepro.loss_windows import card_windows, loss_window_table

    card = load("params/mnrl_compressed.yaml").card
    windows = card_windows(pd.DataFrame({"step": [], "loss": []}), card)
    assert isinstance(card_figures(card), Markdown) and isinstance(loss_window_table(windows, card), Markdown)
    cosine = load("params/cosine_sparql.yaml").card
    shown = card_figures(cosine)
    assert not shown.isna().any().any() and "—" in shown["step"].tolist()


def test_the_loss_table_pairs_each_card_step_with_the_same_window_once():
    from cardrepro.loss_windows import card_windows, loss_window_table

    card = {"logged_loss": {"500": 0.6, "1000": 0.4}, "logging_steps": 500}
    history = pd.DataFrame({"step": [250, 500, 750], "loss": [0.5, 0.3, 0.2]})
    table = loss_window_table(card_windows(history, card), card)
    assert list(table.index) == [500, 1000]  # one row a step: no string and integer copies of it
    assert table.loc[500].tolist() == ["0.6000", "0.4000"] and table.loc[1000].tolist() == ["0.4000", "—"]


@pytest.mark.parametrize("retrieval", [True, False])
def test_the_training_figure_draws_what_its_legend_names(retrieval):
    from cardrepro.loss_windows import card_windows
    from cardrepro.plots import plot_training

    history = pd.DataFrame({"step": [0, 50, 100], "loss": [None, 0.5, 0.4], "eval_m": [0.2, 0.3, 0.35]})
    intervals = pd.DataFrame({"base": [0.2], "tuned": [0.35], "tuned_low": [0.3], "tuned_high": [0.4]}, index=["m"])
    no_card = {"logged_loss": {}, "logging_steps": 500}
    fig = plot_training(history, no_card, card_windows(history, no_card), "m", intervals, {"m": 0.05} if retrieval else {})
    loss_ax, metric_ax = fig.axes
    assert [t.get_text() for t in loss_ax.get_legend().get_texts()] == ["this run (mean of each logging window)"]
    assert loss_ax.get_title() == "Training loss (the card logs none)"
    labels = [t.get_text() for t in metric_ax.get_legend().get_texts()]
    assert labels[:2] == ["this run", "base model 0.2000"] and labels[-1] == "tuned, 95% interval"
    assert ("random ranking 0.0500" in labels) == retrieval and "card" not in labels
    card = {"logged_loss": {"100": 0.45}, "logging_steps": 100}
    windows = card_windows(history, card)
    labels = [t.get_text() for t in plot_training(history, card, windows, "m", intervals).axes[0].get_legend().get_texts()]
    assert labels[1:] == ["card (mean of the 100 steps before)", "this run, same 100-step window"]
    stood_in = plot_training(history, {**card, "base_model": "org/big-model"}, windows, "m", intervals,
                             stand_in="org/small-model")
    assert [t.get_text() for t in stood_in.axes[0].get_legend().get_texts()][1] == (
        "card (card's model big-model, not this run's; mean of the 100 steps before)")
