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


def imported_sources(module: str, skip: tuple[str, ...] = ()) -> set[str]:
    """The source files (relative to the repository) of ``module`` and of every module of ``src/`` it can import,
    read from the code: imports inside functions count too, so a stage's dependency list built from this covers
    what runs on any path. Packages listed in ``skip`` are not followed."""
    import ast
    from pathlib import Path

    src = REPO / "src"

    def source(name: str) -> Path | None:
        path = src.joinpath(*name.split("."))
        return path / "__init__.py" if (path / "__init__.py").is_file() else path.with_suffix(".py") if \
            path.with_suffix(".py").is_file() else None

    def imports(path: Path, name: str):
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parent + ([base] if base else []))
                yield base
                yield from (f"{base}.{alias.name}" for alias in node.names)

    found: dict[str, Path] = {}
    todo = [module]
    while todo:
        name = todo.pop()
        if name in found or name.split(".")[0] in skip:
            continue
        path = source(name)
        if path is None:
            continue
        found[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # a module's packages run first
        todo += imports(path, name)
    return {str(path.relative_to(REPO)) for path in found.values()}
