"""`make data`: downloads verified against pinned SHA-256 sums, resumed after an interruption, never
installed when they fail their check, and one line per data set when offline; served from 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import socket
import threading

import pytest

from cardfetch.download import FetchError, download, set_aside
from cardfetch.fetch import Differs, fetch
from cardfetch.sources import datasets
from tests.conftest import shared_path

BODY = b"Question,Answer,Topic\n" + b"What is MNRL?,A loss with in-batch negatives.,losses\n" * 2000
PINNED = hashlib.sha256(BODY).hexdigest()


class Server(http.server.BaseHTTPRequestHandler):
    """Serves BODY at /file with Range support; /cut sends half of it, then drops the connection."""

    cut_once = True

    def do_GET(self):  # noqa: N802 - the handler's name
        start = int(self.headers["Range"].split("=")[1].rstrip("-")) if self.headers.get("Range") else 0
        if start >= len(BODY):
            self.send_response(416)
            self.end_headers()
            return
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(BODY) - start))
        self.end_headers()
        if self.path == "/cut" and Server.cut_once:
            Server.cut_once = False
            self.wfile.write(BODY[start:start + len(BODY) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(BODY[start:])

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Server.cut_once = True
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_download_with_the_pinned_sum_is_installed(server, tmp_path):
    target = tmp_path / "data.csv"
    assert download(f"{server}/file", target, PINNED) == PINNED  # the sum, taken once, as it was checked
    assert target.read_bytes() == BODY and [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_a_download_with_another_sum_is_kept_aside_and_never_installed(server, tmp_path):
    target = tmp_path / "data.csv"
    with pytest.raises(FetchError, match=r"^data.csv: the download's SHA-256 is [0-9a-f]{64}, not the pinned 0{64}; "
                                         r"kept as data.csv.failed-check, not installed$"):
        download(f"{server}/file", target, "0" * 64)
    assert not target.exists() and (tmp_path / "data.csv.failed-check").read_bytes() == BODY


def test_an_interrupted_download_resumes_where_it_stopped(server, tmp_path):
    target = tmp_path / "data.csv"
    with pytest.raises(FetchError, match=r"cannot download .*bytes kept in data.csv.part for the next try"):
        download(f"{server}/cut", target, PINNED)
    kept = (tmp_path / "data.csv.part").stat().st_size
    assert 0 < kept < len(BODY) and not target.exists()
    download(f"{server}/cut", target, PINNED)
    assert target.read_bytes() == BODY and not (tmp_path / "data.csv.part").exists()


def test_offline_each_data_set_is_one_line_naming_its_files_and_folder(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: a refused connection, as offline
    sources = datasets(f"""
lcquad2:
  runs: [cosine_sparql]
  folder: data/raw/lcquad2
  how: http
  source: the release
  files:
    train.json: {{url: "http://127.0.0.1:{port}/train.json", sha256: null}}
    test.json: {{url: "http://127.0.0.1:{port}/test.json", sha256: null}}
""")
    with pytest.raises(FetchError) as err:
        fetch(sources["lcquad2"], tmp_path)
    line = str(err.value)
    assert "\n" not in line and "cannot download" in line
    assert "fix: bring train.json and test.json into data/raw/lcquad2/" in line
    assert not (tmp_path / "data/raw/lcquad2/train.json").exists()


def test_a_present_file_is_verified_and_never_replaced(tmp_path):
    mlqa = datasets()["mlqa"]
    folder = tmp_path / mlqa.folder
    folder.mkdir(parents=True)
    (folder / "data_science_questions.csv").write_bytes(b"my own edit\n")
    with pytest.raises(FetchError, match=r"SHA-256 is [0-9a-f]{64}, not the pinned 97aea0d7.*left as it is"):
        fetch(mlqa, tmp_path)
    assert (folder / "data_science_questions.csv").read_bytes() == b"my own edit\n"


def test_the_pinned_sums_are_the_files_the_real_results_came_from():
    pinned = [(dataset, file) for dataset in datasets().values() for file in dataset.files if file.sha256]
    assert len(pinned) == 3
    for dataset, file in pinned:
        copy = shared_path("data", dataset.folder.split("/")[-1], file.name)
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == file.sha256, file.name


def test_the_eedi_files_come_through_the_users_kaggle_command(tmp_path, monkeypatch):
    """A stand-in `kaggle` on PATH that zips the file, as the real one does for large files."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    script = fake_bin / "kaggle"
    script.write_text("#!/usr/bin/env python3\nimport sys, zipfile\nargs = sys.argv\n"
                      "name, folder = args[args.index('-f') + 1], args[args.index('-p') + 1]\n"
                      "with zipfile.ZipFile(f'{folder}/{name}.zip', 'w') as z:\n"
                      "    z.writestr(name, open(sys.argv[0] + '.' + name, 'rb').read())\n")
    script.chmod(0o755)
    for name in ("train.csv", "misconception_mapping.csv"):
        (fake_bin / f"kaggle.{name}").write_bytes(BODY)
    monkeypatch.setenv("PATH", f"{fake_bin}:/usr/bin:/bin")
    sources = datasets(f"""
eedi:
  runs: [tsdae_minilm]
  folder: data/raw/eedi
  how: kaggle
  competition: eedi-mining-misconceptions-in-mathematics
  source: the competition
  files:
    train.csv: {{sha256: {PINNED}}}
    misconception_mapping.csv: {{sha256: "{'0' * 64}"}}
""")
    with pytest.raises(FetchError, match=r"misconception_mapping.csv: the download's SHA-256 .* not the pinned 0{64}; "
                                         r"kept as misconception_mapping.csv.failed-check"):
        fetch(sources["eedi"], tmp_path)
    folder = tmp_path / "data/raw/eedi"
    assert (folder / "train.csv").read_bytes() == BODY and not (folder / "misconception_mapping.csv").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["misconception_mapping.csv.failed-check", "train.csv"]


def test_the_export_behind_the_committed_results_stands_for_the_release(tmp_path):
    """With lc_quad_first3000.csv in data/raw/lcquad2/ nothing is downloaded; a wrong copy is reported."""
    lcquad = datasets()["lcquad2"]
    folder = tmp_path / lcquad.folder
    folder.mkdir(parents=True)
    (folder / "lc_quad_first3000.csv").write_bytes(b"question,sparql_wikidata\n")
    with pytest.raises(Differs, match=r"lc_quad_first3000.csv's SHA-256 is .* not the pinned 863164d3"):
        fetch(lcquad, tmp_path)
    assert [p.name for p in folder.iterdir()] == ["lc_quad_first3000.csv"]


def test_the_command_says_one_line_per_data_set_and_fails_when_one_is_missing(tmp_path, monkeypatch, capsys):
    from cardfetch.__main__ import main

    monkeypatch.setattr("cardfetch.__main__.project_root", lambda: tmp_path)
    assert main(["mlqa"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("mlqa (mnrl_qa): missing: data_science_questions.csv is not there; "
                                               "fix: bring data_science_questions.csv into data/raw/mlqa/")
    with pytest.raises(SystemExit) as exit_:
        main(["nope"])
    assert exit_.value.code == 2 and "unknown data set nope; fix: use some of lcquad2, eedi, mlqa" in capsys.readouterr().err


def test_without_the_kaggle_command_the_eedi_line_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FetchError) as err:
        fetch(datasets()["eedi"], tmp_path)
    line = str(err.value)
    assert line.startswith("train.csv: the Kaggle command line is not installed; fix: bring train.csv and "
                           "misconception_mapping.csv into data/raw/eedi/")
    assert "accept the competition's rules" in line and "~/.kaggle/kaggle.json" in line and "\n" not in line


WHOLE_JSON = b'[{"question": "What is the capital of France?", "sparql_wikidata": "SELECT ?x WHERE { wd:Q142 wdt:P36 ?x }"}]'


class JsonServer(http.server.BaseHTTPRequestHandler):
    """Serves WHOLE_JSON with Range support, as a release host does for a file with no pinned sum."""

    def do_GET(self):  # noqa: N802 - the handler's name
        start = int(self.headers["Range"].split("=")[1].rstrip("-")) if self.headers.get("Range") else 0
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(WHOLE_JSON) - start))
        self.end_headers()
        self.wfile.write(WHOLE_JSON[start:])

    def log_message(self, *args):
        pass


def test_a_stale_part_of_an_unpinned_file_is_never_resumed(tmp_path):
    """With no sum pinned, nothing could tell a stale .part from the file's start: the download starts over,
    so the installed train.json is whole JSON (resumed, it was the stale bytes plus the file's tail)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), JsonServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        target = tmp_path / "train.json"
        (tmp_path / "train.json.part").write_bytes(b'[{"question": "stale')
        download(f"http://127.0.0.1:{httpd.server_address[1]}/train.json", target, None)
    finally:
        httpd.shutdown()
    assert target.read_bytes() == WHOLE_JSON and not (tmp_path / "train.json.part").exists()


def test_a_download_with_no_pinned_sum_is_installed_only_when_whole(tmp_path):
    part, target = tmp_path / "train.json.part", tmp_path / "train.json"
    part.write_bytes(WHOLE_JSON[:-20])
    with pytest.raises(FetchError, match=r"^train.json: the download is not whole JSON \(.*\): cut short or damaged; "
                                         r"kept as train.json.failed-check, not installed$"):
        set_aside(part, target, None)
    assert not target.exists() and (tmp_path / "train.json.failed-check").is_file()


@pytest.mark.parametrize("name, cut", [("train.json", WHOLE_JSON[:-20]),
                                        ("test.json", b""),
                                        ("train.csv", b'question,sparql_wikidata\n"What is,SELECT\n')])
def test_a_present_unpinned_file_cut_short_is_reported_not_verified(tmp_path, name, cut):
    """`make data` used to say a truncated, unpinned train.json was present and exit 0."""
    sources = datasets(f"""
lcquad2:
  runs: [cosine_sparql]
  folder: data/raw/lcquad2
  how: http
  source: the release
  files:
    {name}: {{url: "http://127.0.0.1:9/{name}", sha256: null}}
""")
    folder = tmp_path / "data/raw/lcquad2"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(cut)
    with pytest.raises(Differs, match=rf"^{name} is (not whole JSON|not a whole CSV|cut short).*left as it is"):
        fetch(sources["lcquad2"], tmp_path)
    assert (folder / name).read_bytes() == cut


def test_a_folder_in_place_of_a_data_file_is_one_line_not_a_traceback(tmp_path):
    mlqa = datasets()["mlqa"]
    (tmp_path / mlqa.folder / "data_science_questions.csv").mkdir(parents=True)
    with pytest.raises(Differs) as err:
        fetch(mlqa, tmp_path)
    assert str(err.value).startswith("data_science_questions.csv is a folder, not a file; fix: move it out of mlqa/")
    assert "\n" not in str(err.value)


def test_a_second_copy_beside_the_lcquad_file_is_refused(tmp_path):
    """The LC-QuAD runs read every CSV of the folder: a browser's second download `... (1).csv` would make the
    held-out rows training rows too, so `make data` names it instead of reporting the folder verified."""
    lcquad = datasets()["lcquad2"]
    folder = tmp_path / lcquad.folder
    folder.mkdir(parents=True)
    (folder / "lc_quad_first3000.csv").write_bytes(b"question,sparql_wikidata\n")
    (folder / "lc_quad_first3000 (1).csv").write_bytes(b"question,sparql_wikidata\n")
    (folder / "README.md").write_text("where the data comes from\n")
    with pytest.raises(Differs, match=r"^data/raw/lcquad2/ also holds lc_quad_first3000 \(1\).csv: the runs of "
                                      r"cosine_sparql read every CSV and JSON file there; fix: move it out of the folder$"):
        fetch(lcquad, tmp_path)
