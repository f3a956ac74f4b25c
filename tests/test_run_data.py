"""Every run's splits behind one interface: `cardrepro pairs <run>` for generated and real sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cardrepro.cli import main
from cardrepro.data import build_pairs
from cardrepro.evaluation import retrieval_evaluator
from cardrepro.params import load
from tests.conftest import REPO, shared_path

RUNS = ("cosine_sparql", "tsdae_minilm", "tsdae_qwen", "mnrl_qa", "mnrl_compressed")
CARD_COLUMNS = {"cosine_sparql": ["sentence_0", "sentence_1", "label"]}


def _data(run: str, **changes) -> dict:
    return load(f"params/{run}.yaml").data | changes


@pytest.mark.parametrize("run", RUNS)
def test_generated_training_pairs_are_deterministic_bytes_with_card_columns(run, tmp_path):
    outputs = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for out in outputs:
        assert main(["pairs", run, "--source", "generated", "--out", str(out)]) == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    rows = [json.loads(line) for line in outputs[0].read_text().splitlines()]
    assert all(list(row) == CARD_COLUMNS.get(run, ["sentence_0", "sentence_1"]) for row in rows)
    assert all(row["sentence_0"].strip() and row["sentence_1"].strip() for row in rows)


@pytest.mark.parametrize(("run", "train", "eval_at_least"), [
    ("cosine_sparql", 12000, 200), ("tsdae_minilm", 4370, 590), ("mnrl_qa", 800, 500), ("mnrl_compressed", 263, 100)])
def test_generated_counts_follow_the_card(run, train, eval_at_least):
    data = _data(run, source="generated")
    train_pairs, eval_pairs = build_pairs(run, data, "train"), build_pairs(run, data, "eval")
    assert len(train_pairs) == train if run != "mnrl_qa" else len(train_pairs) >= train
    assert len(eval_pairs) >= eval_at_least
    pairs = lambda rows: {(p["sentence_0"], p["sentence_1"]) for p in rows}  # noqa: E731
    assert not pairs(eval_pairs) & pairs(train_pairs)


def test_generated_eedi_eval_has_new_questions_and_the_whole_catalogue_as_corpus():
    data = _data("tsdae_minilm", source="generated")
    corpus = build_pairs("tsdae_minilm", data, "corpus")
    names = {row["text"] for row in corpus}
    assert len(corpus) >= 100 and len(names) == len(corpus)
    eval_pairs = build_pairs("tsdae_minilm", data, "eval")
    assert {p["sentence_1"] for p in eval_pairs} <= names
    assert {"question_id", "misconception_id"} <= set(eval_pairs[0])


def test_mlqa_held_out_answers_never_train():
    data = _data("mnrl_qa", source="generated")
    train = {p["sentence_1"] for p in build_pairs("mnrl_qa", data, "train")}
    assert not train & {p["sentence_1"] for p in build_pairs("mnrl_qa", data, "eval")}


def test_shorthand_real_source_reads_any_text_file(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Mara walked to the harbour at dawn. She probably saw three boats.\n\n"
                     "The keeper said nothing. Rain fell on the old pier for hours.\n")
    out = tmp_path / "pairs.jsonl"
    args = ["pairs", "mnrl_compressed", "--source", "real", "--raw", str(story), "--out", str(out), "--split", "eval"]
    assert main(args) == 2 and "data.eval_rows: holding out 100 of the 4 pairs" in capsys.readouterr().err
    data = _data("mnrl_compressed", source="real", raw=str(story), eval_rows=1, train_rows=3)
    assert [p["sentence_1"] for p in build_pairs("mnrl_compressed", data, "eval")] == ["Rain fell on the old pier for hours."]
    assert len(build_pairs("mnrl_compressed", data, "train")) == 3


def test_missing_real_file_is_one_line_exit_2(tmp_path, capsys):
    assert main(["pairs", "mnrl_qa", "--source", "real", "--raw", str(tmp_path / "none.csv"), "--out", "x.jsonl"]) == 2
    err = capsys.readouterr().err.strip()
    assert "none.csv" in err and "fix:" in err and "\n" not in err


def test_corpus_split_only_where_there_is_a_catalogue(capsys):
    assert main(["pairs", "cosine_sparql", "--source", "generated", "--split", "corpus", "--out", "x.jsonl"]) == 2
    assert "has no corpus split" in capsys.readouterr().err


def test_retrieval_evaluator_maps_queries_to_their_answers():
    pairs = [{"sentence_0": "q1", "sentence_1": "a1"}, {"sentence_0": "q1", "sentence_1": "a2"},
             {"sentence_0": "q2", "sentence_1": "a3"}]
    evaluator = retrieval_evaluator(pairs, [{"id": "7", "text": "distractor"}, {"id": "8", "text": "a3"}], "t", 8,
                                    mrr_at_k=[10])
    corpus = dict(zip(evaluator.corpus_ids, evaluator.corpus))
    assert sorted(corpus.values()) == ["a1", "a2", "a3", "distractor"]
    names = {qid: {corpus[d] for d in docs} for qid, docs in evaluator.relevant_docs.items()}
    assert sorted(names.values(), key=len) == [{"a3"}, {"a1", "a2"}]


def test_a_corpus_that_repeats_a_text_gives_every_document_its_own_id():
    pairs = [{"sentence_0": "q1", "sentence_1": "a1"}, {"sentence_0": "q2", "sentence_1": "a2"}]
    corpus = [{"id": "1", "text": "same"}, {"id": "2", "text": "same"}, {"id": "3", "text": "other"}]
    evaluator = retrieval_evaluator(pairs, corpus, "t", 8, mrr_at_k=[10])
    assert len(set(evaluator.corpus_ids)) == len(evaluator.corpus_ids) == 4
    assert sorted(evaluator.corpus) == ["a1", "a2", "other", "same"]
    texts = dict(zip(evaluator.corpus_ids, evaluator.corpus))
    assert sorted(texts[d] for docs in evaluator.relevant_docs.values() for d in docs) == ["a1", "a2"]


def test_real_eedi_split_keeps_every_card_pair_once():
    raw = str(shared_path("data", "eedi"))
    data = _data("tsdae_minilm", source="real", raw=raw)
    train, held_out = build_pairs("tsdae_minilm", data, "train"), build_pairs("tsdae_minilm", data, "eval")
    assert len(train) + len(held_out) == 4370 and 590 <= len(held_out) <= 620
    assert len(build_pairs("tsdae_minilm", data, "corpus")) == 2587


def test_real_mlqa_split_covers_every_row():
    raw = str(shared_path("data", "mlqa", "data_science_questions.csv"))
    data = _data("mnrl_qa", source="real", raw=raw)
    train, held_out = build_pairs("mnrl_qa", data, "train"), build_pairs("mnrl_qa", data, "eval")
    assert len({p["sentence_0"] for p in held_out}) == 59
    assert not {p["sentence_1"] for p in train} & {p["sentence_1"] for p in held_out}


def _prepared_folders() -> list[tuple[str, str]]:
    """(run, md5) of every prepared folder that dvc.lock records for a generated-data run."""
    lock = yaml.safe_load((REPO / "dvc.lock").read_text())["stages"]
    return [(run, entry["outs"][0]["md5"]) for stage, entry in lock.items()
            if (run := stage.removeprefix("prepare@")) != stage and load(f"params/{run}.yaml").data["source"] == "generated"]


@pytest.mark.parametrize(("run", "md5"), _prepared_folders())
def test_generated_splits_are_the_bytes_dvc_lock_records(run, md5, tmp_path):
    """A change to a generator (or a move of its tables) must not change one byte of the committed runs' data."""
    from tests.test_committed_reports import dvc_md5

    raw = yaml.safe_load((REPO / f"params/{run}.yaml").read_text())
    for key in [key for key in raw["data"] if key.endswith("_file")]:
        raw["data"][key] = str(tmp_path / run / Path(raw["data"][key]).name)
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(raw))
    assert main(["prepare", run, "--params", str(tmp_path / "p.yaml")]) == 0
    assert dvc_md5(tmp_path / run) == md5, f"{run}: generated bytes differ from what dvc.lock records"


def test_every_prepare_stage_is_checked():
    assert len(_prepared_folders()) == 5
