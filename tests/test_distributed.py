"""Training on two CPU processes over gloo, through distributed.train as a train stage calls it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest
import torch

from cardrepro.data import build_pairs
from cardrepro.distributed import WorkerFailed, _run_to_the_end, device_problem, torchrun_command
from cardrepro.models import load_sentence_transformer, resolve_base_model
from cardrepro.params import load_run
from cardrepro.distributed import train
from cardrepro.training import fit

STEPS = 3
# Same seed, same global batches (the sampler's order, split between the processes), no dropout: the
# two runs differ only in float summation order across processes, far below this.
LOSS_TOLERANCE = 1e-4


def _setup(run: str):
    params = load_run(f"params/{run}.yaml", profile="smoke")
    training = params.training | {"max_steps": STEPS, "logging_steps": 1}
    return params, training, build_pairs(run, params.data, "train")


def _model_without_dropout(params):
    """The run's base model with dropout off, so a step is the same function of its batch on any process."""
    model = load_sentence_transformer(resolve_base_model(params.model), params.model["max_seq_length"],
                                      params.model.get("normalize"))
    config = model[0].auto_model.config
    config.hidden_dropout_prob = config.attention_probs_dropout_prob = 0.0  # the workers load this config
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    return model


@pytest.mark.slow
@pytest.mark.parametrize("run", ["cosine_sparql", "mnrl_compressed"])  # CosineSimilarityLoss, MNRL
def test_two_processes_train_what_one_does_on_the_same_global_batch(run):
    params, training, pairs = _setup(run)
    one = fit(_model_without_dropout(params), pairs, training)
    model = _model_without_dropout(params)
    before = model[0].auto_model.embeddings.word_embeddings.weight.detach().clone()
    two = train(model, pairs, training | {"processes": 2})
    assert (two.processes, two.device, two.per_device_batch, two.steps) == (2, "cpu", training["batch_size"] // 2, STEPS)
    assert (one.processes, one.per_device_batch) == (1, training["batch_size"])
    assert two.history.loss.tolist() == pytest.approx(one.history.loss.tolist(), abs=LOSS_TOLERANCE)
    trained = model[0].auto_model.embeddings.word_embeddings.weight
    assert not torch.equal(trained, before)  # the workers' weights came back into the notebook's model
    assert torch.allclose(trained, one.loss.model[0].auto_model.embeddings.word_embeddings.weight, atol=1e-5)


@pytest.mark.slow
def test_a_failing_worker_stops_the_run_with_one_line_and_keeps_nothing(tmp_path, monkeypatch):
    params, training, pairs = _setup("cosine_sparql")
    model = _model_without_dropout(params)
    before = {key: value.clone() for key, value in model.state_dict().items()}
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the hand-off folder goes
    with pytest.raises(WorkerFailed) as failed:  # an optimizer the workers' trainer does not know
        train(model, pairs, training | {"processes": 2, "optim": "no_such_optimizer"})
    message = str(failed.value)
    assert "\n" not in message and message.startswith("training.processes: 2: a training process failed (rank ")
    assert "no_such_optimizer" in message and "fix: " in message
    assert list(tmp_path.iterdir()) == []  # the hand-off folder is gone
    assert all(torch.equal(value, before[key]) for key, value in model.state_dict().items())


# Loaded by every Python process the test starts (through PYTHONPATH): on rank 1 only, the second
# training step raises, while rank 0 goes on into that step's gradient all-reduce and waits there.
RANK_ONE_FAILS = """
import os
if os.environ.get("RANK") == "1":
    import transformers

    first_step = transformers.Trainer.training_step

    def training_step(self, *args, **kwargs):
        if self.state.global_step >= 1:
            raise RuntimeError("rank 1 failed on purpose in its second step")
        return first_step(self, *args, **kwargs)

    transformers.Trainer.training_step = training_step
"""


@pytest.mark.slow
def test_one_worker_failing_mid_run_stops_the_other_and_keeps_nothing(tmp_path, monkeypatch):
    params, training, pairs = _setup("cosine_sparql")
    model = _model_without_dropout(params)
    before = {key: value.clone() for key, value in model.state_dict().items()}
    hook, handoff = tmp_path / "hook", tmp_path / "handoff"
    hook.mkdir()
    handoff.mkdir()
    (hook / "sitecustomize.py").write_text(RANK_ONE_FAILS)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])))
    monkeypatch.setattr(tempfile, "tempdir", str(handoff))
    start = time.monotonic()
    with pytest.raises(WorkerFailed) as failed:
        train(model, pairs, training | {"processes": 2})
    assert time.monotonic() - start < 120  # rank 0, blocked in the all-reduce, was stopped, not waited for
    message = str(failed.value)
    assert "\n" not in message and "rank 1: RuntimeError: rank 1 failed on purpose in its second step" in message
    assert list(handoff.iterdir()) == []
    assert all(torch.equal(value, before[key]) for key, value in model.state_dict().items())
    survivors = subprocess.run(["pgrep", "-f", "cardrepro.distributed"], capture_output=True, text=True).stdout
    assert survivors == ""


def test_a_worker_refuses_what_its_real_process_count_cannot_keep(monkeypatch):
    """An elastic --nnodes leaves the count open to the params check; each worker checks the real one."""
    from cardrepro import training as training_module
    from cardrepro.params import ParamsError

    monkeypatch.setattr(training_module, "world_size", lambda: 4)
    tsdae = load_run("params/tsdae_minilm.yaml", profile="smoke").training
    with pytest.raises(ParamsError, match="training.processes: DenoisingAutoEncoderLoss calls its encoder"):
        fit(None, [], tsdae)  # refused before the model or the pairs are touched
    cosine = load_run("params/cosine_sparql.yaml", profile="smoke").training
    with pytest.raises(ParamsError, match="training.group_by_length: groups pairs into batches"):
        fit(None, [], cosine | {"group_by_length": True})
    with pytest.raises(ParamsError, match="does not split evenly over 4 processes"):
        fit(None, [], cosine | {"batch_size": 6})


def test_an_epoch_on_several_processes_drops_the_last_incomplete_batch():
    from cardrepro.training import epoch_steps

    assert (epoch_steps(45, 8, 1), epoch_steps(45, 8, 2), epoch_steps(48, 8, 2)) == (6, 5, 6)


def test_the_launch_is_standalone_unless_rendezvous_arguments_are_given(tmp_path):
    command = torchrun_command(tmp_path, {"processes": 4})
    assert command[1:5] == ["-m", "torch.distributed.run", "--nproc-per-node=4", "--standalone"]
    assert command[-3:] == ["-m", "cardrepro.distributed", str(tmp_path)]
    nodes = ["--nnodes=2", "--rdzv-backend=c10d", "--rdzv-endpoint=node0:29500", "--rdzv-id=cosine"]
    command = torchrun_command(tmp_path, {"processes": 8, "torchrun_args": nodes})
    assert command[3:9] == ["--nproc-per-node=8", *nodes, "-m"] and "--standalone" not in command


@pytest.mark.slow
def test_a_whole_epoch_that_ends_in_a_partial_batch_trains_only_whole_global_batches():
    """45 pairs in batches of 8: one process would take 6 steps (the last of 5 pairs); two take the 5
    whole ones, and finish, as one process does when stopped after 5 (the same learning-rate schedule)."""
    params, training, pairs = _setup("cosine_sparql")
    training |= {"max_steps": -1, "epochs": 1}
    pairs = pairs[:45]
    two = train(_model_without_dropout(params), pairs, training | {"processes": 2})
    one = fit(_model_without_dropout(params), pairs, training | {"max_steps": 5})
    assert (two.steps, len(two.history.loss)) == (5, 5)
    assert two.history.loss.tolist() == pytest.approx(one.history.loss.tolist(), abs=LOSS_TOLERANCE)


@pytest.mark.parametrize(("processes", "gpus", "expected"), [
    (1, 0, None), (2, 0, None), (1, 1, None), (4, 4, None),
    (1, 8, "training.processes: 1 on a machine with 8 GPUs would split each batch over them with DataParallel"),
    (4, 2, "training.processes: 4 processes for 2 GPU(s); fix: use at most 2"),
])
def test_one_process_a_gpu(processes, gpus, expected):
    problem = device_problem({"processes": processes}, gpus)
    assert problem == expected if expected is None else problem.startswith(expected)


def test_stopping_the_run_stops_torchrun_and_its_workers():
    """Ctrl-C (or a stopped stage) while the workers run: none of them is left behind."""
    marker = f"cardrepro-test-worker-{os.getpid()}"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node=2", "--no-python",
               "bash", "-c", f"exec -a {marker} sleep 120"]
    previous = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    signal.setitimer(signal.ITIMER_REAL, 8.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            _run_to_the_end(command)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    time.sleep(1)
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert left == [], f"workers left running: {left}"
