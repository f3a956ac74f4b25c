"""What importing some modules loads, asked of a fresh interpreter (this one has loaded everything)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def modules_loaded_by(*modules: str) -> dict[str, str | None]:
    """Every module a fresh ``import`` of ``modules`` loads, with its source file (None for built-ins)."""
    code = (f"import json, sys\nimport {', '.join(modules)}\n"
            "print(json.dumps({name: getattr(m, '__file__', None) for name, m in list(sys.modules.items())}))")
    return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                     cwd=REPO).stdout)
