"""environment.yml (conda) describes the same environment as pyproject.toml (pip, Makefile)."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import REPO


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    conda = yaml.safe_load((REPO / "environment.yml").read_text())
    python = next(d for d in conda["dependencies"] if isinstance(d, str) and d.startswith("python="))
    minor = python.split("=")[1]
    assert f">={minor}" in project["requires-python"]
    pip = next(d["pip"] for d in conda["dependencies"] if isinstance(d, dict))
    torch_pin = next(d for d in project["dependencies"] if d.startswith("torch"))
    assert torch_pin in pip, "conda must install the same torch as pyproject, before the package"
    assert pip.index(torch_pin) < pip.index("-e .[dev]")


def test_makefile_installs_the_pinned_torch_first():
    makefile = (REPO / "Makefile").read_text()
    torch_pin = next(d for d in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
                     if d.startswith("torch"))
    assert f"TORCH  := {torch_pin}" in makefile
    assert makefile.index("pip install --quiet $(TORCH)") < makefile.index("pip install --quiet -e '.[dev]'")
    assert re.search(r"^\s+\$\(RUN\) \$\(BIN\)/pytest$", makefile, re.M)
