"""The environment is the lock: requirements/lock.txt pins every package with hashes, agrees with pyproject.toml,
and is what `make setup` installed; lock-cpu.txt and environment.yml are derived from it."""

from __future__ import annotations

import importlib.metadata
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "requirements"))
import derive  # noqa: E402  (requirements/derive.py: not a package)

LOCK = (REPO / "requirements/lock.txt").read_text()
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def _pins(text: str) -> dict[str, list[tuple[Version, Marker | None]]]:
    """name -> every (version, marker) the file pins it at (a universal lock may pin one package per Python)."""
    pins: dict[str, list[tuple[Version, Marker | None]]] = {}
    for name, block in derive.entries(text):
        requirement = Requirement(derive.pin(block))
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{name}: not pinned with =="
        pins.setdefault(canonicalize_name(name), []).append((Version(specifier.version), requirement.marker))
    return pins


def _applies(marker: Marker | None, python: str) -> bool:
    """Whether a pin's marker holds on Linux x86_64 under Python `python` (major.minor.micro)."""
    return marker is None or marker.evaluate({"python_version": python.rsplit(".", 1)[0], "python_full_version": python,
                                              "sys_platform": "linux", "platform_system": "Linux",
                                              "platform_machine": "x86_64", "implementation_name": "cpython",
                                              "platform_python_implementation": "CPython", "os_name": "posix"})


def test_every_locked_package_is_pinned_with_a_hash():
    entries = derive.entries(LOCK)
    assert len(entries) > 200
    for name, block in entries:
        assert "--hash=sha256:" in block, f"requirements/lock.txt: {name} has no hash; fix: `make lock`"


@pytest.mark.parametrize("python", ["3.11.7", "3.12.1", "3.13.0"])  # the Pythons tested here
def test_the_lock_satisfies_every_dependency_of_pyproject(python):
    """Each direct dependency (and the dev extra) resolves to one locked version inside pyproject's range, on
    every supported Python: a range edited in pyproject.toml without `make lock` fails here."""
    pins = _pins(LOCK)
    for line in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]:
        requirement = Requirement(line)
        versions = [version for version, marker in pins.get(canonicalize_name(requirement.name), [])
                    if _applies(marker, python)]
        assert len(versions) == 1, f"{requirement.name}: {len(versions)} pins for Python {python}; fix: `make lock`"
        assert versions[0] in requirement.specifier, \
            f"pyproject.toml asks {line}, requirements/lock.txt pins {versions[0]}; fix: `make lock`"


def test_the_lock_covers_the_pythons_pyproject_admits():
    assert PROJECT["requires-python"] == ">=3.11,<3.14"
    assert "--python-version 3.11" in (REPO / "Makefile").read_text()  # the lock's floor is pyproject's


def test_derived_files_are_what_make_lock_writes():
    assert (REPO / "requirements/lock-cpu.txt").read_text() == derive.cpu_lock(LOCK), \
        "requirements/lock-cpu.txt is stale; fix: `python requirements/derive.py` (or `make lock`)"
    assert (REPO / "environment.yml").read_text() == derive.conda_environment(LOCK), \
        "environment.yml is stale; fix: `python requirements/derive.py` (or `make lock`)"


def test_the_cpu_lock_drops_only_torchs_pypi_build():
    dropped = set(_pins(LOCK)) - set(_pins((REPO / "requirements/lock-cpu.txt").read_text()))
    assert "torch" in dropped and any(name.startswith("nvidia-") for name in dropped)
    assert all(derive.TORCH_BUILD.match(name) for name in dropped)
    # what the CPU build itself needs stays locked
    assert {"sympy", "networkx", "filelock", "jinja2", "fsspec", "typing-extensions"} <= set(
        _pins((REPO / "requirements/lock-cpu.txt").read_text()))


def test_torch_is_the_same_version_in_pyproject_the_lock_and_the_cpu_build():
    (torch_line,) = [line for line in PROJECT["dependencies"] if line.startswith("torch")]
    (locked, _), = _pins(LOCK)["torch"]
    cpu = Version(derive.torch_cpu_pin().split("==")[1])
    assert Requirement(torch_line).specifier == Requirement(f"torch=={locked}").specifier
    assert cpu.public == str(locked) and cpu.local == "cpu"
    assert "--hash=sha256:" in (REPO / "requirements/torch-cpu.txt").read_text()


def test_the_running_environment_is_the_lock():
    """What `make setup` installed (the environment these tests run in) is exactly the lock: every package at its
    locked version, nothing else but the project, pip and uv."""
    python = platform.python_version()
    pins = {name: {version for version, marker in entries if _applies(marker, python)}
            for name, entries in _pins(LOCK).items()}
    pins["uv"] = {version for version, _ in _pins((REPO / "requirements/uv.txt").read_text())["uv"]}
    installed = {canonicalize_name(dist.metadata["Name"]): Version(dist.version)
                 for dist in importlib.metadata.distributions()}
    extra = sorted(set(installed) - set(pins) - {"cardrepro", "pip"})
    assert not extra, f"installed but not in requirements/lock.txt: {extra}; fix: `make setup` (a new .venv)"
    differ = {name: str(version) for name, version in installed.items()
              if name in pins and Version(version.public) not in pins[name]}
    assert not differ, f"installed at other versions than the lock's: {differ}; fix: `make setup`"


def test_makefile_installs_the_lock_with_hashes_torch_first():
    makefile = (REPO / "Makefile").read_text()
    setup = makefile[makefile.index("$(STAMP):"):makefile.index("\nlock:")]
    assert setup.index("requirements/torch-cpu.txt\n") < setup.index("-r requirements/lock-cpu.txt")
    assert setup.count("--require-hashes") == 4  # uv, torch's CPU build, the CPU lock, the whole lock
    assert "pip check" in setup and "venv --clear" in setup
    assert re.search(r"^\s+\$\(RUN\) \"\$\(BIN\)/pytest\"$", makefile, re.M)


def _makefile_checkout(folder: Path) -> Path:
    """The Makefile and the (empty) files its set-up stamp depends on, in ``folder``: enough to run make's logic."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "Makefile", folder / "Makefile")
    for name in ("pyproject.toml", "requirements/lock.txt", "requirements/lock-cpu.txt", "requirements/torch-cpu.txt",
                 "requirements/uv.txt"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text("")
    return folder


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("build", ["cpu", "pypi"])
def test_make_targets_work_in_a_folder_whose_path_has_spaces(tmp_path, build):
    """Every path in the Makefile is quoted: `make repro` in `a folder/` runs the environment's dvc; an environment
    made with either torch build is used as it is, with no TORCH_BUILD given again."""
    checkout = _makefile_checkout(tmp_path / "a folder with spaces")
    (checkout / ".venv/bin").mkdir(parents=True)
    (checkout / f".venv/.installed-{build}").touch()  # newer than its prerequisites: setup is done
    fake_dvc = checkout / ".venv/bin/dvc"
    fake_dvc.write_text('#!/bin/sh\necho "dvc ran with: $*"\n')
    fake_dvc.chmod(0o755)
    done = subprocess.run(["make", "repro"], cwd=checkout, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dvc ran with: repro" in done.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_cpu_build_on_another_python_is_refused_in_one_line_before_anything_is_made(tmp_path):
    """torch's CPU build is hashed for Python 3.11 only: on 3.12, `make setup` says so and what to do instead
    of failing inside pip's hash check after a new .venv was made."""
    _makefile_checkout(tmp_path)
    python = tmp_path / "python3.12"
    python.write_text('#!/bin/sh\ncase "$*" in *version_info*) echo 3.12;; "-c import sys") ;; *) echo "made a venv" >> made;; esac\n')
    python.chmod(0o755)
    done = subprocess.run(["make", "setup", f"PYTHON={python}"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode != 0 and not (tmp_path / "made").exists() and not (tmp_path / ".venv").exists()
    (line,) = [line for line in done.stderr.splitlines() if "torch-cpu.txt" in line]
    assert line == ("requirements/torch-cpu.txt: torch's CPU build is hashed for Python 3.11 only, not 3.12; fix: make "
                    "setup TORCH_BUILD=pypi (PyPI's build, from the lock), or add the hash of your CPU wheel there")
    missing = subprocess.run(["make", "setup", f"PYTHON={tmp_path / 'no-such-python'}"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "is not a Python here; fix: make setup PYTHON=python3.11" in missing.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_every_make_target_that_runs_a_tool_works_in_a_folder_whose_path_has_spaces(tmp_path):
    """Each target reaches its tool (stand-ins that echo their arguments) with the path whole."""
    checkout = _makefile_checkout(tmp_path / "a folder with spaces")
    (checkout / ".venv/bin").mkdir(parents=True)
    (checkout / ".venv/.installed-cpu").touch()
    for tool in ("dvc", "python", "pytest", "cardrepro", "jupyter"):
        stand_in = checkout / ".venv/bin" / tool
        stand_in.write_text(f'#!/bin/sh\necho "{tool} ran with: $*"\n')
        stand_in.chmod(0o755)
    expected = {"repro": "dvc ran with: repro", "seeds": "dvc ran with: repro seeds/dvc.yaml",
                "data": "python ran with: -m cardfetch", "repro-real": "dvc ran with: repro --force --single-item summary",
                "plots": f"dvc ran with: plots show --html-template {checkout}/.dvc/tmp/offline_plots.html",
                "test": "pytest ran with:", "notebooks": "cardrepro ran with: smoke", "lab": "jupyter ran with: lab",
                "kernel": "python ran with: -m ipykernel install --sys-prefix --name cardrepro"}
    for target, line in expected.items():
        done = subprocess.run(["make", target], cwd=checkout, capture_output=True, text=True)
        assert done.returncode == 0 and line in done.stdout, (target, done.stdout + done.stderr)
