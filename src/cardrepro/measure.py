"""A run's train stage: everything that needs a model, measured once, in the notebook's order.

``measure`` loads the base model and the pairs, scores the base model on the held-out items, trains
with the card's recipe, scores the tuned model, runs the objective's own checks
(``cardrepro.objectives``), saves the model and returns the record that ``cardrepro.measurements``
stores. The run's notebook reads that record and only reports (``cardrepro.report_inputs``); under the
smoke profile it measures in place, in seconds.
"""

from __future__ import annotations

from pathlib import Path

from cardrepro.outputs import MEASURED_DIR
from cardrepro.params import RunParams
from cardrepro.paths import resolve

TRAINING_SECTIONS = ("model", "data", "training", "evaluation")  # what the measured record depends on
SAMPLE_ROWS = 4  # training pairs shown in the report


def trained_params(params: RunParams) -> dict:
    """The resolved sections of ``params`` that the measuring reads (after smoke, real and seed overlays)."""
    return {section: getattr(params, section) for section in TRAINING_SECTIONS}


def measure(params: RunParams, model_dir: Path, data: tuple[dict, list[str]] | None = None) -> dict:
    """Train ``params``'s run, save its model in ``model_dir`` and return everything measured on the way.
    ``data``: the pairs and their warnings as ``data.check_data`` returns them (read here when not given)."""
    from cardrepro.data import check_data
    from cardrepro.data.stats import CARD_SAMPLE, token_length_table
    from cardrepro.distributed import train
    from cardrepro.environment import run_environment
    from cardrepro.evaluation import chance_scores, evaluate, heldout_counts, make_evaluator, pair_embeddings
    from cardrepro.model_card import describe_model_card, generated_card_facts
    from cardrepro.models import load_sentence_transformer, resolve_base_model
    from cardrepro.objectives import objective
    from cardrepro.uncertainty import per_query_scores

    resolved = resolve_base_model(params.model)
    model = load_sentence_transformer(resolved, params.model["max_seq_length"], params.model.get("normalize"))
    splits, data_warnings = data or check_data(params)
    train_pairs, eval_pairs, corpus = splits["train"], splits["eval"], splits.get("corpus", [])
    measured = {
        "params": trained_params(params),
        "model": resolved.as_metrics(),
        "architecture": str(model),
        "counts": {"train_pairs": len(train_pairs), "eval_pairs": len(eval_pairs), "corpus": len(corpus)},
        "data_warnings": data_warnings,
        "train_sample": train_pairs[:SAMPLE_ROWS],
        "token_lengths": token_length_table(train_pairs, model.tokenizer, params.model["max_seq_length"],
                                            first_n=params.card.get("dataset", {}).get("statistics_sample", CARD_SAMPLE)
                                            ).to_dict(),
        "environment": run_environment(),
    }
    evaluator = make_evaluator(params.evaluation, eval_pairs, corpus)
    measured |= {"heldout": heldout_counts(evaluator), "chance": chance_scores(evaluator),
                 "base_scores": evaluate(model, evaluator), "base_per_query": per_query_scores(model, evaluator),
                 "base_pairs": pair_embeddings(model, eval_pairs)}
    goal = objective(params.training["loss"])
    measured |= goal.before_training(model, params, eval_pairs, corpus)
    describe_model_card(model, resolved, params.run, params.data["source"])
    result = train(model, train_pairs, params.training, evaluator)  # in place: ``model`` is now the tuned model
    measured |= {"history": result.history, "training": _training_record(result),
                 "tuned_scores": evaluate(model, evaluator), "tuned_per_query": per_query_scores(model, evaluator),
                 "tuned_pairs": pair_embeddings(model, eval_pairs)}
    main = (measured["tuned_scores"], result, measured["tuned_per_query"])
    measured |= goal.after_training(model, result, params, train_pairs, eval_pairs, corpus, evaluator, main)
    model.save(str(model_dir))
    measured["generated_card"] = generated_card_facts(model_dir)
    measured |= goal.compare(resolved, params, train_pairs, eval_pairs, corpus, evaluator, main)
    return measured


def _training_record(result) -> dict:
    """The TrainingResult but its log (stored as a table) and its trained objective (not a figure)."""
    from dataclasses import fields

    return {field.name: getattr(result, field.name) for field in fields(result) if field.name not in ("history", "loss")}


def measured_folder(params: RunParams) -> Path:
    return resolve(params.outputs["report_dir"]) / MEASURED_DIR
