"""cardimport: the five seed cards read into their params files' card: sections, malformed cards refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cardimport import card_section
from cardimport.__main__ import main
from tests.conftest import REPO, shared_path

CARDS = REPO / "tests" / "data" / "cards"
RUNS = [("cosine-sparql.md", "cosine_sparql"), ("tsdae-minilm.md", "tsdae_minilm"), ("tsdae-qwen.md", "tsdae_qwen"),
        ("mnrl-qa.md", "mnrl_qa"), ("mnrl-compressed.md", "mnrl_compressed")]
# Where a params file says other than its card: (section, key) -> (what the card says, the card's line saying it).
# mnrl-compressed (Transformers 5.0) prints warmup_ratio None; the params file keeps 0.0, the same zero warm-up
# as its warmup_steps 0 gives.
CARD_SAYS = {"mnrl_compressed": {("hyperparameters", "warmup_ratio"): (None, "- `warmup_ratio`: None")}}

TINY = {
    "file": "tiny.md",
    "base_model": "example-org/tiny-encoder",
    "train_pairs": 640,
    "dataset": {"columns": ["anchor", "positive"], "loss_parameters": {"scale": 20.0, "similarity_fct": "cos_sim"}},
    "hyperparameters": {"loss": "MultipleNegativesRankingLoss", "epochs": 5, "batch_size": 32, "learning_rate": 2e-05,
                        "weight_decay": 0.01, "warmup_ratio": 0.1, "scheduler": "cosine", "optim": "adamw_torch",
                        "seed": 7, "max_seq_length": 64},
    "all_hyperparameters": {"eval_strategy": "steps", "per_device_train_batch_size": 32, "learning_rate": 2e-05,
                            "weight_decay": 0.01, "num_train_epochs": 5, "lr_scheduler_type": "cosine",
                            "lr_scheduler_kwargs": {}, "warmup_ratio": 0.1, "seed": 7,
                            "fsdp_config": {"min_num_params": 0, "xla": False}, "optim": "adamw_torch",
                            "mp_parameters": ""},
    "architecture": "SentenceTransformer(\n"
                    "  (0): Transformer({'max_seq_length': 64, 'do_lower_case': False})"
                    " with Transformer model: BertModel\n"
                    "  (1): Pooling({'word_embedding_dimension': 32, 'pooling_mode_mean_tokens': True})\n"
                    ")\n",
    "logging_steps": 50,
    "logged_loss": {50: 1.2345, 100: 0.8765},
    "evaluator": {"kind": "retrieval", "name": "dev", "metric": "cosine_mrr@10"},
    "logged_eval": {20: 0.6012, 40: 0.665, 60: 0.6931, 80: 0.701, 100: 0.7143},
    "final_metrics": {"cosine_accuracy@1": 0.61, "cosine_mrr@10": 0.7142857142857143},
    "framework_versions": {"Python": "3.11.7", "Sentence Transformers": "3.3.1", "Transformers": "4.47.1"},
}


def tiny_text() -> str:
    return (CARDS / "tiny.md").read_text(encoding="utf-8")


def run_module(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cardimport", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=60)


@pytest.mark.parametrize(("card_file", "run"), RUNS)
def test_seed_card_gives_its_params_card_section(card_file: str, run: str) -> None:
    text = shared_path("model-cards", card_file).read_text(encoding="utf-8")
    expected = yaml.safe_load((REPO / "params" / f"{run}.yaml").read_text(encoding="utf-8"))["card"]
    for (part, key), (card_value, card_line) in CARD_SAYS.get(run, {}).items():
        assert card_line in text.splitlines()
        assert expected[part][key] != card_value, "the params file now follows the card: drop this CARD_SAYS entry"
        expected[part][key] = card_value
    found = card_section(text, card_file)
    assert found == expected
    assert list(found) == list(expected)


def test_tiny_card_imports_to_its_section() -> None:
    assert card_section(tiny_text(), "tiny.md") == TINY


def test_the_base_models_revision_is_read_where_the_card_gives_it() -> None:
    """The card writer notes the commit it loaded after the base model's link; a card without it gets no key."""
    line = "- **Base model:** [example-org/tiny-encoder](https://huggingface.co/example-org/tiny-encoder)"
    pinned = tiny_text().replace(line, line + " <!-- at revision 0123456789abcdef0123456789abcdef01234567 -->")
    found = card_section(pinned, "tiny.md")
    assert found["base_model_revision"] == "0123456789abcdef0123456789abcdef01234567"
    assert list(found)[:3] == ["file", "base_model", "base_model_revision"] and "base_model_revision" not in TINY


def test_command_prints_the_section_as_yaml() -> None:
    done = run_module(str(CARDS / "tiny.md"), "--run", "tiny")
    assert (done.returncode, done.stderr) == (0, "")
    assert yaml.safe_load(done.stdout) == {"card": TINY}
    assert "  architecture: |\n" in done.stdout


MALFORMED = {
    "no front matter": (lambda text: text.split("\n---\n", 1)[1], "card.md: front matter: no YAML block"),
    "short log row": (lambda text: text.replace("| 2.0     | 40      | -             |", "| 2.0 | 40 |"),
                      "card.md: Training Logs: row 2 has 3 cells, the header 4; fix: "),
    "unknown loss": (lambda text: text.replace("loss:MultipleNegativesRankingLoss", "loss:TripletLoss"),
                     "card.md: front matter: loss tag 'loss:TripletLoss' is not one of "),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_card_exits_2_with_one_line(case: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    spoil, message = MALFORMED[case]
    card = tmp_path / "card.md"
    card.write_text(spoil(tiny_text()), encoding="utf-8")
    assert main([str(card), "--run", "tiny"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(message) and err.count("\n") == 1 and "; fix: " in err
    assert list(tmp_path.iterdir()) == [card]


def test_module_exit_status_for_a_malformed_card(tmp_path: Path) -> None:
    card = tmp_path / "card.md"
    card.write_text(tiny_text().replace("| 4.0     | 80      | -             | 0.7010            |", "| 4.0 |"))
    done = run_module(str(card), "--run", "tiny")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("card.md: Training Logs: row 5 has 1 cells, the header 4;")
    assert done.stderr.count("\n") == 1


def test_the_card_token_table_is_read_and_a_broken_one_refused_by_card_import(tmp_path: Path, capsys) -> None:
    from cardrepro.cli import main as cardrepro

    text = (CARDS / "kitchen.md").read_text(encoding="utf-8")
    assert card_section(text, "kitchen.md")["dataset"]["statistics"]["anchor"] == {
        "type": "string", "min": 7, "mean": 8.06, "max": 10, "unit": "tokens"}
    card = tmp_path / "card.md"
    card.write_text(text.replace("<li>mean: 8.06 tokens</li>", ""), encoding="utf-8")
    assert cardrepro(["card", "import", str(card), "--run", "broken"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: card.md: Training Dataset: column anchor: no min, mean and max in ")
    assert err.count("\n") == 1 and not (REPO / "params" / "broken.yaml").exists()


def test_a_card_imported_without_data_marks_where_its_data_goes_as_a_gap():
    from cardimport.params_file import GAP, params_yaml

    without, given = params_yaml("tiny", "tiny.md", TINY, None), params_yaml("tiny", "tiny.md", TINY, "pairs.csv")
    (line,) = [line for line in without.splitlines() if line.strip().startswith("raw:")]
    assert "data/raw/tiny" in line and GAP in line
    (line,) = [line for line in given.splitlines() if line.strip().startswith("raw:")]
    assert "pairs.csv" in line and GAP not in line
