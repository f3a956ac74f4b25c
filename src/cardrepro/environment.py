"""The software a run ran on, kept in its record (``details.json``): the versions a card's *Framework Versions*
lists, torch's build, and whether the installed packages are those of ``requirements/lock.txt``, by the lock's
hash, so that a record names its environment and the summary can tell runs made in different ones apart."""

from __future__ import annotations

import hashlib
import importlib.metadata
import platform
import re

from packaging.markers import Marker
from packaging.utils import canonicalize_name

from cardrepro.paths import project_root

# the card's label of each framework -> its distribution (the rows of a card's "Framework Versions")
FRAMEWORKS = {"Python": None, "Sentence Transformers": "sentence-transformers", "Transformers": "transformers",
              "PyTorch": "torch", "Accelerate": "accelerate", "Datasets": "datasets", "Tokenizers": "tokenizers"}
LOCK_FILE = "requirements/lock.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
NOT_LOCKED = {"cardrepro", "pip", "uv"}  # the project itself, the venv's pip, the installer (requirements/uv.txt)


def framework_versions() -> dict[str, str]:
    return {label: platform.python_version() if dist is None else importlib.metadata.version(dist)
            for label, dist in FRAMEWORKS.items()}


def _locked() -> tuple[str | None, dict[str, set[str]]]:
    """The lock's SHA-256 (first 16 hex digits) and, per package, the versions it pins on this Python."""
    path = project_root() / LOCK_FILE
    if not path.is_file():
        return None, {}
    text = path.read_text(encoding="utf-8")
    pins: dict[str, set[str]] = {}
    for line in text.splitlines():
        found = PIN.match(line)
        if found and (found[3] is None or Marker(found[3]).evaluate()):
            pins.setdefault(canonicalize_name(found[1]), set()).add(found[2])
    return hashlib.sha256(text.encode()).hexdigest()[:16], pins


def run_environment() -> dict:
    """What ``details.json`` records: the frameworks, torch's build, the lock's hash and every installed package
    that differs from it (torch's CPU build, ``+cpu``, is the lock's torch with another build)."""
    import torch

    lock, pins = _locked()
    installed = {canonicalize_name(dist.metadata["Name"]): dist.version for dist in importlib.metadata.distributions()}
    differ = sorted(f"{name}=={version}" for name, version in installed.items()
                    if name not in NOT_LOCKED and version.split("+")[0] not in pins.get(name, ()))
    return {
        "frameworks": framework_versions(),
        "torch_build": f"cuda {torch.version.cuda}" if torch.version.cuda else "cpu",
        "lock_sha256": lock,
        "not_as_locked": differ if lock else None,
    }
