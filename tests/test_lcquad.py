"""LC-QuAD 2.0 loader and the card's pair recipe, on a fixture in the real layouts and on ../shared/."""

from __future__ import annotations

import csv
import json

import pytest

from cardrepro.data import build_pairs, lcquad
from tests.conftest import shared_path

COLUMNS = ["NNQT_question", "uid", "subgraph", "template_index", "question", "sparql_wikidata", "template"]
ROWS = [
    {"question": "Who is the spouse of Ada Lovelace?", "sparql_wikidata": "SELECT ?a WHERE { wd:Q7259 wdt:P26 ?a }"},
    {"question": "", "sparql_wikidata": "ASK WHERE { wd:Q1 wdt:P31 wd:Q2 }"},
    {"question": "How many children did Bach have?", "sparql_wikidata": "SELECT (COUNT(?o) AS ?v) { wd:Q1339 wdt:P40 ?o }"},
    {"question": "What is the capital of Peru?", "sparql_wikidata": "SELECT ?c WHERE { wd:Q419 wdt:P36 ?c }"},
]


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({c: "" for c in COLUMNS} | row | {"uid": i})


def test_pairs_follow_the_card_recipe():
    rows = [r for r in ROWS if r["question"]]
    pairs = lcquad.pairs_from_rows(rows)
    assert len(pairs) == 2 * len(rows)
    assert pairs[0] == {"sentence_0": rows[0]["sparql_wikidata"], "sentence_1": rows[0]["question"], "label": 1.0}
    assert pairs[1] == {"sentence_0": rows[0]["sparql_wikidata"], "sentence_1": rows[1]["question"], "label": 0.0}
    assert pairs[-1]["sentence_1"] == rows[0]["question"]  # the last negative wraps around


def test_csv_json_and_folder_layouts_read_the_same_rows(tmp_path):
    _write_csv(tmp_path / "lcquad.csv", ROWS)
    (tmp_path / "json").mkdir()
    (tmp_path / "json" / "train.json").write_text(json.dumps(ROWS[:2]))
    (tmp_path / "json" / "test.json").write_text(json.dumps(ROWS[2:]))
    from_csv = lcquad.read_rows(tmp_path / "lcquad.csv")
    from_json = lcquad.read_rows(tmp_path / "json")
    assert [r["question"] for r in from_csv] == [r["question"] for r in from_json] == [r["question"] for r in ROWS]


def test_empty_questions_are_dropped_with_a_count(tmp_path):
    _write_csv(tmp_path / "lcquad.csv", ROWS)
    data = {"source": "real", "raw": str(tmp_path / "lcquad.csv"), "seed": 0, "train_rows": 3, "eval_rows": 1}
    with pytest.warns(UserWarning, match=r"dropped 1 of 3 rows with an empty question"):
        pairs = build_pairs("cosine_sparql", data, "train")
    assert len(pairs) == 4
    assert [p["label"] for p in build_pairs("cosine_sparql", data, "eval")] == [1.0, 0.0]


def test_more_rows_than_the_real_file_holds_are_refused(tmp_path):
    _write_csv(tmp_path / "lcquad.csv", ROWS)
    data = {"source": "real", "raw": str(tmp_path / "lcquad.csv"), "seed": 0, "train_rows": 10, "eval_rows": 1}
    with pytest.raises(ValueError, match=r"data.train_rows: 10 asked, but .*lcquad.csv holds 4 rows; fix: use at most 4"):
        build_pairs("cosine_sparql", data, "train")
    with pytest.raises(ValueError, match=r"data.eval_rows: holding out 4 of the 4 rows .* leaves none for training"):
        build_pairs("cosine_sparql", data | {"train_rows": 1, "eval_rows": 4}, "eval")


def test_bad_input_errors_name_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no such LC-QuAD 2.0 file; fix:"):
        lcquad.read_rows(tmp_path / "missing.csv")
    (tmp_path / "other.csv").write_text("question,answer\nq,a\n")
    with pytest.raises(ValueError, match=r"other.csv: missing column 'sparql_wikidata'"):
        lcquad.read_rows(tmp_path / "other.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no train.json/test.json or CSV"):
        lcquad.read_rows(tmp_path / "empty")
    with pytest.raises(ValueError, match=r"cannot hold out 5"):
        lcquad.split_rows(ROWS, train_rows=10, eval_rows=5)


def test_hub_source_fails_clearly_when_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(FileNotFoundError, match=r"hf://mohnish/lc_quad: the hub dataset could not be loaded"):
        lcquad.read_rows("hf://mohnish/lc_quad")


def test_shared_lcquad_split_as_the_issue_asks():
    csv_path = shared_path("data", "lcquad2", "lc_quad_first3000.csv")
    data = {"source": "real", "raw": str(csv_path), "seed": 0, "train_rows": 2900, "eval_rows": 100}
    with pytest.warns(UserWarning, match=r"dropped 10 of 2900 rows"):
        train = build_pairs("cosine_sparql", data, "train")
    held_out = build_pairs("cosine_sparql", data, "eval")
    assert len(train) == 2 * 2890
    assert len(held_out) == 200 and sum(p["label"] for p in held_out) == 100
    assert not {p["sentence_0"] for p in held_out} & {p["sentence_0"] for p in train}
    first = lcquad.read_rows(csv_path)[0]
    assert train[0] == {"sentence_0": first["sparql_wikidata"], "sentence_1": first["question"], "label": 1.0}


def test_a_second_copy_in_the_folder_is_refused_not_read_as_more_rows(tmp_path):
    _write_csv(tmp_path / "lc_quad_first3000.csv", ROWS)
    _write_csv(tmp_path / "lc_quad_first3000 (1).csv", ROWS)  # the name a browser gives a second download
    with pytest.raises(ValueError, match=r"more than one copy of LC-QuAD 2.0.*fix: keep the official"):
        lcquad.read_rows(tmp_path)


def test_a_byte_order_mark_latin_1_and_an_empty_file_each_give_one_line(tmp_path):
    _write_csv(tmp_path / "bom.csv", ROWS)
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "bom.csv").read_bytes())
    assert lcquad.read_rows(tmp_path / "bom.csv")[0]["question"] == ROWS[0]["question"]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("question,sparql_wikidata\nQui est né à Paris?,ASK {}\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin.csv: not UTF-8 text \(byte \d+\); fix: save it as UTF-8"):
        lcquad.read_rows(latin)
    (tmp_path / "empty.csv").write_text("question,sparql_wikidata\n")
    with pytest.raises(ValueError, match=r"empty.csv: no rows; fix: "):
        lcquad.read_rows(tmp_path / "empty.csv")


def test_a_file_in_data_raw_with_a_pinned_name_but_other_content_is_refused(tmp_path, monkeypatch):
    """A truncated copy of the export the committed results came from (src/cardfetch/sources.yaml pins it)."""
    (tmp_path / "dvc.yaml").write_text("stages: {}\n")
    (tmp_path / "params").mkdir()
    folder = tmp_path / "data/raw/lcquad2"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)  # a project root of its own
    _write_csv(folder / "lc_quad_first3000.csv", ROWS)
    with pytest.raises(ValueError, match=r"lc_quad_first3000.csv: its SHA-256 is .*, not the pinned 863164d3466c.*"
                                         r"fix: restore it with `make data`"):
        lcquad.read_rows(folder / "lc_quad_first3000.csv")
    _write_csv(tmp_path / "lc_quad_first3000.csv", ROWS)  # outside data/raw/: a copy of the user's own, read as it is
    assert len(lcquad.read_rows(tmp_path / "lc_quad_first3000.csv")) == len(ROWS)


def test_an_official_json_cut_short_is_one_line_naming_it(tmp_path):
    """train.json and test.json have no pinned sum: a copy cut inside its last row is refused as not whole JSON."""
    (tmp_path / "train.json").write_text('[{"question": "Who?", "sparql_wikidata": "SELECT ?x WHERE {', encoding="utf-8")
    (tmp_path / "test.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match=r"train.json: not whole JSON \(line 1: .*\); fix: download it again"):
        lcquad.read_rows(tmp_path)
