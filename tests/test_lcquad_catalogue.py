"""Tests for reading the LC-QuAD generator's catalogue from its YAML files (fast)."""

from importlib.resources import files
from numbers import Real

import pytest
import yaml

from cardsynth.lcquad_catalogue import (
    ENTITIES_FILE,
    PROPERTIES,
    PROPERTIES_FILE,
    QUALIFIER_WORDING,
    STATEMENT_QUALIFIERS,
    WORDING_FILE,
)


def _repeated_keys(node: yaml.Node) -> list[str]:
    """Keys written twice in one mapping, which yaml.safe_load would silently collapse."""
    if isinstance(node, yaml.MappingNode):
        keys = [key.value for key, _ in node.value]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        return repeated + [k for _, value in node.value for k in _repeated_keys(value)]
    if isinstance(node, yaml.SequenceNode):
        return [k for item in node.value for k in _repeated_keys(item)]
    return []


def _compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.SafeLoader)


@pytest.mark.parametrize("name", [ENTITIES_FILE, PROPERTIES_FILE, WORDING_FILE])
def test_no_key_is_written_twice(name):
    text = files("cardsynth").joinpath(name).read_text(encoding="utf-8")
    assert _repeated_keys(_compose(text)) == []


def test_a_repeated_key_is_found():
    assert _repeated_keys(_compose("human:\n  entities:\n    Q42: a\n    Q42: b\n")) == ["Q42"]


def test_spans_are_numbers():
    """YAML reads `1e6` as a string (it wants `1.0e+6`), which would only fail mid-generation."""
    for p in PROPERTIES:
        if p.span is not None:
            low, high, decimals = p.span
            assert isinstance(low, Real) and isinstance(high, Real) and low < high, p
            assert isinstance(decimals, int) and decimals >= 0, p


def test_statement_qualifiers_are_worded_subjectless_properties():
    subjectless = {p.pid for p in PROPERTIES if not p.subj}
    for pid, qualifiers in STATEMENT_QUALIFIERS.items():
        assert set(qualifiers) <= subjectless & set(QUALIFIER_WORDING), pid
