"""Shared fixtures: the optional ../shared/ folder beside the clone, and a smoke params dict."""

from __future__ import annotations

import copy
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


@pytest.fixture
def cosine_params() -> dict:
    """params/cosine_sparql.yaml as a dict, fresh for each test to mutate."""
    return copy.deepcopy(yaml.safe_load((REPO / "params" / "cosine_sparql.yaml").read_text()))
