"""Training throughput: a plain sentence-transformers script vs the project's training path.

For each recipe (TSDAE, MNRL, CosineSimilarity) both train the same model on the same generated
pairs for the same number of steps with the card's hyperparameters; the project's path is also
timed with length grouping where the objective allows it. Repetitions alternate between the
variants so that a slow moment of the machine hits them alike; the median is reported.

    python benchmarks/bench_training.py [--steps 40] [--repeats 3] [--out reports/benchmarks/training.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import torch

RECIPES = {"tsdae": "tsdae_minilm", "mnrl": "mnrl_qa", "cosine": "cosine_sparql"}  # recipe -> params/<run>.yaml


def plain_script(model_path: str, pairs: list[dict], loss_name: str, max_seq_length: int, batch_size: int,
                 learning_rate: float, steps: int, seed: int) -> float:
    """The ten-line script a user would write for the card's recipe; returns its training seconds."""
    from datasets import Dataset
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer import (
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
        losses,
    )

    model = SentenceTransformer(model_path)
    model.max_seq_length = max_seq_length
    if loss_name == "DenoisingAutoEncoderLoss":  # the TSDAE cards' model ends at Pooling
        model = SentenceTransformer(modules=[model[0], model[1]])
    start = time.perf_counter()
    loss = {"CosineSimilarityLoss": lambda: losses.CosineSimilarityLoss(model),
            "MultipleNegativesRankingLoss": lambda: losses.MultipleNegativesRankingLoss(model),
            "DenoisingAutoEncoderLoss": lambda: losses.DenoisingAutoEncoderLoss(model, tie_encoder_decoder=True)}[loss_name]()
    with tempfile.TemporaryDirectory() as scratch:
        args = SentenceTransformerTrainingArguments(output_dir=scratch, max_steps=steps, per_device_train_batch_size=batch_size,
                                                    learning_rate=learning_rate, seed=seed, report_to="none",
                                                    save_strategy="no", logging_steps=50, disable_tqdm=True)
        SentenceTransformerTrainer(model=model, args=args, train_dataset=Dataset.from_list(pairs), loss=loss).train()
    return time.perf_counter() - start


def project_path(run: str, pairs: list[dict], steps: int, group_by_length: bool) -> float:
    """The notebooks' calls: resolve and load the base model as params say, then cardrepro.training.train."""
    from cardrepro.models import load_sentence_transformer, resolve_base_model
    from cardrepro.params import load
    from cardrepro.training import train

    params = load(f"params/{run}.yaml")
    model = load_sentence_transformer(resolve_base_model(params.model), params.model["max_seq_length"],
                                      params.model.get("normalize"))
    training = {**params.training, "max_steps": steps, "group_by_length": group_by_length,
                "compare_conditioning": False}
    training.pop("compare_seeds", None)
    start = time.perf_counter()
    train(model, pairs, training)
    return time.perf_counter() - start


def variants(run: str, steps: int) -> dict[str, callable]:
    from cardrepro.data import build_pairs
    from cardrepro.models import resolve_base_model
    from cardrepro.params import load

    params = load(f"params/{run}.yaml")
    training = params.training
    pairs = build_pairs(run, params.data, "train")[: steps * training["batch_size"]]
    resolved = resolve_base_model(params.model)
    plain = lambda: plain_script(resolved.path, pairs, training["loss"], params.model["max_seq_length"],  # noqa: E731
                                 training["batch_size"], training["learning_rate"], steps, training["seed"])
    chosen = {"plain script": plain, "project": lambda: project_path(run, pairs, steps, False)}
    if training["loss"] != "MultipleNegativesRankingLoss":  # in-batch negatives: grouping would change the loss
        chosen["project, length-grouped"] = lambda: project_path(run, pairs, steps, True)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--recipes", nargs="*", default=list(RECIPES), choices=list(RECIPES))
    parser.add_argument("--out", default="reports/benchmarks/training.json")
    args = parser.parse_args(argv)
    from cardrepro import one_line_warnings
    from cardrepro.params import load

    one_line_warnings()
    results = {}
    for recipe in args.recipes:
        run = RECIPES[recipe]
        batch = load(f"params/{run}.yaml").training["batch_size"]
        timed = variants(run, args.steps)
        seconds = {name: [] for name in timed}
        for _ in range(args.repeats):
            for name, fit in timed.items():
                seconds[name].append(fit())
        rows = {name: {"median_seconds": round(statistics.median(s), 2), "seconds": [round(x, 2) for x in s],
                       "samples_per_second": round(args.steps * batch / statistics.median(s), 1)}
                for name, s in seconds.items()}
        plain = rows["plain script"]["samples_per_second"]
        for row in rows.values():
            row["ratio_to_plain"] = round(row["samples_per_second"] / plain, 3)
        results[recipe] = {"run": run, "steps": args.steps, "batch_size": batch, "variants": rows}
        for name, row in rows.items():
            print(f"{recipe:7s} {name:26s} {row['samples_per_second']:8.1f} samples/s  x{row['ratio_to_plain']:.2f}")
    machine = {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
               "torch_threads": torch.get_num_threads(),
               "device": torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu"}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "repeats": args.repeats, "recipes": results}, indent=2) + "\n")
    print(f"written: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
