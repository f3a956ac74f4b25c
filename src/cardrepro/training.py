"""Train with sentence-transformers' own trainer and the card's hyperparameters.

The trainer logs the mean loss of each ``logging_steps`` window. Cards log every 500 steps, so a
card's figure at step 500 is the mean over steps 1-500: with a logging interval that divides
500, the mean of our window means over the same steps is exactly that figure.
"""

from __future__ import annotations

import math
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass

import pandas as pd
import torch
from datasets import Dataset

from cardrepro.batching import (
    length_grouped_batches,
    length_grouped_sampler,
    padding_fraction,
    random_batches,
    token_lengths,
)
from cardrepro.objectives import make_loss, objective
from cardrepro.params import check_processes

# The cards' recipe: round-robin multi-dataset sampler, no checkpoints needed here.
FIXED_ARGUMENTS = {
    "multi_dataset_batch_sampler": "round_robin",
    "save_strategy": "no",
    "report_to": "none",
    "fp16": False,
}


@dataclass
class TrainingResult:
    history: pd.DataFrame  # one row per logged step: step, epoch, loss and eval_* columns
    seconds: float
    steps: int
    loss: torch.nn.Module  # the trained objective (a TSDAE decoder lives here, not in the saved model)
    precision: str  # "fp32" (CPU, as the cards), "bf16+tf32" or "fp32+tf32" on a GPU that supports them
    peak_memory_mib: float  # the process's peak RSS on CPU, the peak allocated GPU memory on a GPU
    padding: float  # share of sentence_0 token positions computed as padding in the first epoch's batches
    processes: int  # training processes (training.processes): the world size
    device: str  # where each process trained: "cpu" or "cuda"
    per_device_batch: int  # pairs per process a step: the card's batch over the processes
    objective_facts: dict | None = None  # what the objective says of its loss (how a TSDAE decoder meets the embedding)


def device_name() -> str:
    return "cuda" if torch.cuda.is_available() else "cpu"


def world_size() -> int:
    """How many processes train together: torchrun's WORLD_SIZE in a worker, else 1."""
    return torch.distributed.get_world_size() if torch.distributed.is_initialized() else int(os.environ.get("WORLD_SIZE", 1))


def precision() -> dict[str, bool]:
    """bf16 and tf32 where the GPU supports them (Ampere or newer); plain fp32 on CPU, as the cards ran."""
    if not torch.cuda.is_available():
        return {"bf16": False, "tf32": False}
    ampere = torch.cuda.get_device_capability()[0] >= 8
    return {"bf16": ampere and torch.cuda.is_bf16_supported(), "tf32": ampere}


def precision_name(chosen: dict[str, bool]) -> str:
    return "+".join(["bf16" if chosen["bf16"] else "fp32"] + (["tf32"] if chosen["tf32"] else []))


def peak_memory_mib() -> float:
    """Peak GPU memory allocated by torch, or else this process's peak resident set size."""
    if torch.cuda.is_available():
        return torch.cuda.max_memory_allocated() / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def training_arguments(training: dict, output_dir: str, evaluate: bool, batch_sampler=None, steps_per_epoch: int | None = None,
                       processes: int = 1):
    """SentenceTransformerTrainingArguments from the params ``training`` section.

    A run evaluates every ``eval_steps`` steps, and at least once an epoch (``steps_per_epoch``), so a
    short run still draws a curve. The card's batch size is the global batch: each of ``processes``
    takes its share of it, and the last incomplete global batch of an epoch is dropped.
    """
    from sentence_transformers.sentence_transformer import SentenceTransformerTrainingArguments

    extra = {"batch_sampler": batch_sampler} if batch_sampler is not None else {}
    if processes > 1:  # only whole global batches, so every process takes as many steps as the others
        extra |= {"dataloader_drop_last": True}
    if processes > 1 and not torch.cuda.is_available():
        extra |= {"use_cpu": True, "ddp_backend": "gloo"}  # CPU processes talk over gloo
    per_device = training["batch_size"] // processes
    return SentenceTransformerTrainingArguments(
        output_dir=output_dir,
        num_train_epochs=training["epochs"],
        max_steps=training["max_steps"],
        per_device_train_batch_size=per_device,
        per_device_eval_batch_size=per_device,
        learning_rate=training["learning_rate"],
        weight_decay=training["weight_decay"],
        warmup_steps=float(training["warmup_ratio"]),  # a float below 1 is a ratio in transformers 5
        lr_scheduler_type=training["scheduler"],
        optim=training["optim"],  # adamw_torch_fused: the card's AdamW in one kernel, ~4x faster a step on CPU
        seed=training["seed"],
        logging_steps=training["logging_steps"],
        disable_tqdm=False,  # a step bar (on the terminal under `cardrepro execute`), never the trainer's printed logs
        eval_strategy="steps" if evaluate else "no",
        eval_steps=min(training["eval_steps"], steps_per_epoch or training["eval_steps"]) if evaluate else None,
        eval_on_start=evaluate,  # the base model's score as step 0 of the curve
        dataloader_pin_memory=torch.cuda.is_available(),  # pinning only helps a GPU
        **precision(),
        **FIXED_ARGUMENTS,
        **extra,
    )


def to_dataset(pairs: list[dict]) -> Dataset:
    """A datasets.Dataset with the card's columns in the card's order."""
    columns = [c for c in ("sentence_0", "sentence_1", "label") if c in pairs[0]]
    return Dataset.from_dict({c: [p[c] for p in pairs] for c in columns})


def history_frame(log_history: list[dict], evaluator_name: str | None) -> pd.DataFrame:
    """One row per logged step: loss and the evaluator's metrics as ``eval_<metric>`` columns."""
    prefix = f"eval_{evaluator_name}_"
    rows: dict[int, dict] = {}
    for entry in log_history:
        row = rows.setdefault(entry["step"], {"step": entry["step"], "epoch": entry.get("epoch")})
        if "loss" in entry:
            row["loss"] = entry["loss"]
        row.update({"eval_" + k.removeprefix(prefix): v for k, v in entry.items() if k.startswith(prefix)})
    return pd.DataFrame(sorted(rows.values(), key=lambda r: r["step"]))


def freeze_token_embeddings(loss: torch.nn.Module) -> int:
    """Keep every token embedding matrix in ``loss`` (the model's, a decoder's, a tied output layer) fixed.

    A large vocabulary's matrix is most of a small model's weights (Gemma 3 270M: 168M of 268M) and of
    its optimizer's work a step. Returns how many parameters stay trainable.
    """
    for module in loss.modules():
        if isinstance(module, torch.nn.Embedding):
            module.weight.requires_grad_(False)
    return sum(p.numel() for p in loss.parameters() if p.requires_grad)


def epoch_steps(pairs: int, batch_size: int, processes: int) -> int:
    """Steps in an epoch: the last, incomplete batch is a step on one process and dropped on several."""
    return math.ceil(pairs / batch_size) if processes == 1 else pairs // batch_size


def fit(model, train_pairs: list[dict], training: dict, evaluator=None) -> TrainingResult:
    """The trainer's run in this process, one of ``world_size()`` (a torchrun worker, or the only one)."""
    from sentence_transformers.sentence_transformer import SentenceTransformerTrainer
    from transformers import set_seed

    processes = world_size()
    if processes > 1:  # the params check knew the count only where --nnodes fixed it
        check_processes(training, processes, f"training on {processes} processes")
    set_seed(training["seed"])  # before the loss: a TSDAE decoder's new cross-attention is initialised there
    loss = make_loss(model, training, processes)
    if training.get("freeze_embeddings"):
        freeze_token_embeddings(loss)
    facts = objective(training["loss"]).loss_facts(loss)
    lengths = token_lengths([p["sentence_0"] for p in train_pairs], model.tokenizer, model.max_seq_length)
    batch_size, seed = training["batch_size"], training["seed"]
    if training.get("group_by_length"):
        sampler, batches = length_grouped_sampler(lengths), length_grouped_batches(lengths, batch_size, seed)
    else:  # the trainer's own random batches; a seeded draw of the same kind measures their padding
        sampler, batches = None, random_batches(len(lengths), batch_size, seed)
    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    with tempfile.TemporaryDirectory(prefix="cardrepro-trainer-") as scratch:
        arguments = training_arguments(training, scratch, evaluate=evaluator is not None, batch_sampler=sampler,
                                       steps_per_epoch=epoch_steps(len(train_pairs), batch_size, processes),
                                       processes=processes)
        trainer = SentenceTransformerTrainer(model=model, args=arguments, train_dataset=to_dataset(train_pairs),
                                             loss=loss, evaluator=evaluator)
        start = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - start
    name = evaluator.name if evaluator is not None else None
    chosen = {"bf16": arguments.bf16, "tf32": bool(arguments.tf32)}
    return TrainingResult(history_frame(trainer.state.log_history, name), seconds, trainer.state.global_step, loss,
                          precision_name(chosen), round(peak_memory_mib(), 1), round(padding_fraction(lengths, batches), 4),
                          processes, device_name(), arguments.per_device_train_batch_size, facts)
