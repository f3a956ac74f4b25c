"""Shared fixtures: the optional ../shared/ folder beside the clone, and a smoke params dict."""

from __future__ import annotations

import copy
import signal
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, skipping the test when a user's clone has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only the maintainers' checkout has ../shared/)")
    return path


def with_ctrl_c() -> None:
    """``preexec_fn`` of a child a test will Ctrl-C: a test run started as a background job (`make test &`)
    ignores SIGINT, its children inherit that and Python then never raises KeyboardInterrupt; restore the
    default, as a terminal's Ctrl-C finds it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def cosine_params() -> dict:
    """params/cosine_sparql.yaml as a dict, fresh for each test to mutate."""
    return copy.deepcopy(yaml.safe_load((REPO / "params" / "cosine_sparql.yaml").read_text()))
