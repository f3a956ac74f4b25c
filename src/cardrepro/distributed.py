"""Train a run on the processes its params ask for: this one (``cardrepro.training.fit``), or several (GPUs, or
CPU processes over gloo) under torchrun.

A notebook kernel cannot be a torchrun worker: every process must start from the same ``main()``.
So ``train_on_processes`` hands the run over in a folder it creates (the model, the pairs, the
``training`` params, the evaluator), starts ``python -m torch.distributed.run --nproc-per-node N
-m cardrepro.distributed <folder>``, and waits. Every worker trains with the one-process code
(``cardrepro.training.fit``); rank 0 writes the trained objective's weights and the log, which are
loaded back into the notebook's model, so the report reads as on one process. The folder is
removed afterwards, whatever happened; a failed worker stops the run with one line.

``training.torchrun_args`` passes rendezvous arguments through (several machines: ``--nnodes``,
``--rdzv-backend``, ``--rdzv-endpoint``, ``--rdzv-id``); without them the run is ``--standalone``.
With several machines the folder must be on a filesystem they share (``TMPDIR``), and the launch
line for the other machines is printed on the terminal.
"""

from __future__ import annotations

import json
import os
import pickle
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

import pandas as pd
import torch

HANDOFF = {"model": "model", "pairs": "pairs.jsonl", "training": "training.json", "evaluator": "evaluator.pkl",
           "weights": "trained.pt", "result": "result.json", "error": "error.txt"}


class WorkerFailed(RuntimeError):
    """A training process failed; the run stopped and kept nothing."""


def device_problem(training: dict, gpus: int) -> str | None:
    """Why ``training.processes`` does not fit this machine's ``gpus`` (one process a GPU), or None.

    One process on several GPUs would have the trainer split each batch with DataParallel, a
    different run; more processes than GPUs would share them. CPU processes (no GPU) always fit.
    """
    processes = training.get("processes", 1)
    if gpus > 1 and processes == 1:
        return (f"training.processes: 1 on a machine with {gpus} GPUs would split each batch over them with DataParallel; "
                f"fix: set training.processes: {gpus}, or run on one GPU with CUDA_VISIBLE_DEVICES=0")
    if gpus and processes > gpus:
        return f"training.processes: {processes} processes for {gpus} GPU(s); fix: use at most {gpus}"
    return None


def torchrun_command(folder: Path, training: dict) -> list[str]:
    """The launch line: every process runs this module's ``main`` on the hand-off folder."""
    rendezvous = training.get("torchrun_args") or ["--standalone"]
    return [sys.executable, "-m", "torch.distributed.run", f"--nproc-per-node={training.get('processes', 1)}", *rendezvous,
            "-m", "cardrepro.distributed", str(folder)]


def train(model, train_pairs: list[dict], training: dict, evaluator=None):
    """Fit ``model`` in place and return its ``training.TrainingResult``; evaluate every ``eval_steps`` when an
    evaluator is given.

    ``training.group_by_length`` batches pairs of similar sentence_0 token length (cardrepro.batching).
    ``training.processes`` above 1 (or ``training.torchrun_args``, for several machines) trains the same
    way on that many processes under torchrun (CosineSimilarityLoss and MultipleNegativesRankingLoss), and
    loads the result back into ``model``.
    """
    from cardrepro.training import fit, world_size

    if (training.get("processes", 1) > 1 or training.get("torchrun_args")) and world_size() == 1:
        return train_on_processes(model, train_pairs, training, evaluator)
    return fit(model, train_pairs, training, evaluator)


def train_on_processes(model, train_pairs: list[dict], training: dict, evaluator=None):
    """``train`` on ``training.processes`` processes; fits ``model`` in place, returns its TrainingResult."""
    from cardrepro.data.jsonl import write_jsonl
    from cardrepro.objectives import make_loss
    from cardrepro.training import TrainingResult

    processes = training.get("processes", 1)
    folder = Path(tempfile.mkdtemp(prefix="cardrepro-processes-"))
    try:
        model.save(str(folder / HANDOFF["model"]))
        write_jsonl(train_pairs, folder / HANDOFF["pairs"])
        (folder / HANDOFF["training"]).write_text(json.dumps(training))
        if evaluator is not None:
            (folder / HANDOFF["evaluator"]).write_bytes(pickle.dumps(evaluator))
        command = torchrun_command(folder, training)
        if any(arg.startswith("--nnodes") for arg in command):  # the other machines join with the same line
            print(f"training.processes: on every other node, run: {shlex.join(command)}", file=sys.__stderr__, flush=True)
        device = model.device
        model.to("cpu")  # rank 0 trains on the first GPU: the notebook's copy waits off it
        returncode = _run_to_the_end(command)
        model.to(device)
        error = folder / HANDOFF["error"]
        if returncode != 0 or not (folder / HANDOFF["result"]).is_file():
            why = (error.read_text().strip() if error.is_file() else f"torchrun exited with code {returncode}"
                   + ("" if returncode else " but rank 0 wrote no result; is the folder shared with every node?"))
            raise WorkerFailed(f"training.processes: {processes}: a training process failed ({why}); "
                               "the run stopped and kept nothing; fix: run with training.processes: 1 to see the error in place")
        record = json.loads((folder / HANDOFF["result"]).read_text())
        loss = make_loss(model, training, processes)  # the trained objective, as on one process
        loss.load_state_dict(torch.load(folder / HANDOFF["weights"], map_location=model.device))  # and the model's weights
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the folder this call made, nothing else
    history = pd.DataFrame(record.pop("history"))
    return TrainingResult(history=history, loss=loss, **record)


def _run_to_the_end(command: list[str]) -> int:
    """Run torchrun and wait. If the wait is interrupted (Ctrl-C, the stage stopped), torchrun gets
    SIGTERM, which it passes to its workers (they run in a session of their own), before this returns."""
    launcher = subprocess.Popen(command)
    try:
        return launcher.wait()
    except BaseException:
        launcher.terminate()
        try:
            launcher.wait(timeout=60)
        except subprocess.TimeoutExpired:
            launcher.kill()
        raise


def main(argv: list[str] | None = None) -> None:
    """One torchrun worker: train on this process's share of each batch; rank 0 writes the result."""
    from sentence_transformers import SentenceTransformer

    from cardrepro.data.jsonl import read_jsonl
    from cardrepro.progress import to_terminal
    from cardrepro.training import fit

    folder = Path((argv or sys.argv[1:])[0])
    rank = int(os.environ.get("RANK", 0))
    try:
        to_terminal()
        training = json.loads((folder / HANDOFF["training"]).read_text())
        pairs = read_jsonl(folder / HANDOFF["pairs"])
        evaluator_file = folder / HANDOFF["evaluator"]
        evaluator = pickle.loads(evaluator_file.read_bytes()) if evaluator_file.is_file() else None
        model = SentenceTransformer(str(folder / HANDOFF["model"]))
        result = fit(model, pairs, training, evaluator)
    except Exception as exc:  # the first failure's one line, for the notebook; torchrun stops the others
        try:
            with open(folder / HANDOFF["error"], "x") as first:  # "x": a later failure never overwrites it
                first.write(f"rank {rank}: {type(exc).__name__}: {exc}")
        except FileExistsError:
            pass
        raise
    if rank == 0:
        torch.save(_unwrapped(result.loss).state_dict(), folder / HANDOFF["weights"])
        record = {field.name: getattr(result, field.name) for field in fields(result) if field.name not in ("history", "loss")}
        record["history"] = result.history.to_dict("records")  # the loss goes back as weights, above
        (folder / HANDOFF["result"]).write_text(json.dumps(record))  # last: its presence says the rest is whole


def _unwrapped(loss: torch.nn.Module) -> torch.nn.Module:
    """The objective with the trainer's DistributedDataParallel wrapper taken off its model, so its
    weights load into the notebook's one-process objective."""
    from torch.nn.parallel import DistributedDataParallel

    for name, child in list(loss.named_children()):
        if isinstance(child, DistributedDataParallel):
            setattr(loss, name, child.module)
    return loss


if __name__ == "__main__":
    main()
