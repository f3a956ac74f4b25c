"""What importing some modules loads, asked of a fresh interpreter (this one has loaded everything)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def modules_loaded_by(*modules: str) -> dict[str, str | None]:
    """Every module a fresh ``import`` of ``modules`` loads, with its source file (None for built-ins)."""
    code = (f"import json, sys\nimport {', '.join(modules)}\n"
            "print(json.dumps({name: getattr(m, '__file__', None) for name, m in list(sys.modules.items())}))")
    return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                     cwd=REPO).stdout)


SRC = REPO / "src"


def _source(name: str) -> Path | None:
    """The file of module ``name`` under src/ (a package's __init__.py), or None for a module from elsewhere."""
    path = SRC.joinpath(*name.split("."))
    return path / "__init__.py" if (path / "__init__.py").is_file() else path.with_suffix(".py") if \
        path.with_suffix(".py").is_file() else None


def _imports(path: Path, name: str, as_written: bool = True):
    """Every name ``path`` (module ``name``) imports, at the top or inside a function, absolute or relative.
    ``as_written=False``: ``from package import module`` names the module only, not the package it comes from (whose
    ``__init__`` has run by then: a package importing its own modules is no circle)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            modules = [f"{base}.{alias.name}" for alias in node.names]
            if as_written or not all(_source(module) for module in modules):
                yield base
            yield from modules


def imported_sources(module: str, skip: tuple[str, ...] = ()) -> set[str]:
    """The source files (relative to the repository) of ``module`` and of every module of ``src/`` it can import,
    read from the code: imports inside functions count too, so a stage's dependency list built from this covers
    what runs on any path. Packages listed in ``skip`` are not followed."""
    found: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in found or name.split(".")[0] in skip:
            continue
        path = _source(name)
        if path is None:
            continue
        found[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # a module's packages run first
        todo += _imports(path, name)
    return {str(path.relative_to(REPO)) for path in found.values()}


def import_graph(package: str) -> dict[str, set[str]]:
    """Each file of ``package`` and the files of the package it imports (at the top or in a function), by path."""
    graph = {}
    for path in sorted((SRC / package).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        targets = {_source(imported) for imported in _imports(path, name, as_written=False)} - {None, path}
        graph[str(path.relative_to(REPO))] = {str(t.relative_to(REPO)) for t in targets if t.is_relative_to(SRC / package)}
    return graph
