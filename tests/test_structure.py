"""The packages' structure: no two modules import each other, directly or round a circle (imports inside functions
count: they run too), so each module can be read, tested and changed from the bottom up."""

from __future__ import annotations

import pytest

from tests.imports import import_graph


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports in ``graph`` (the files round it), or [] when there is none."""
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target]
            if target not in state:
                found = visit(target, trail + [target])
                if found:
                    return found
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return []


def test_the_circle_finder_finds_a_circle():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _circle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


@pytest.mark.parametrize("package", ["cardrepro", "cardimport", "cardreview", "cardfetch", "cardsynth"])
def test_no_package_has_an_import_circle(package):
    graph = import_graph(package)
    assert graph, package
    assert _circle(graph) == [], " -> ".join(_circle(graph))
