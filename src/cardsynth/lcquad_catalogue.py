"""The hand-written Wikidata catalogue and question wording of the offline LC-QuAD generator.

The tables live in three packaged YAML files so that `lcquad_generator` holds only code:
`lcquad_entities.yaml` (entity types, their classes and entities), `lcquad_properties.yaml`
(properties and statement qualifiers) and `lcquad_wording.yaml` (question phrasings and the
English the generator needs). Sequences become tuples in file order: the generator draws from
them with a seeded random.Random and compares type signatures as tuples.
"""

from __future__ import annotations

from importlib.resources import files
from typing import NamedTuple

import yaml

ENTITIES_FILE = "lcquad_entities.yaml"
PROPERTIES_FILE = "lcquad_properties.yaml"
WORDING_FILE = "lcquad_wording.yaml"

LITERAL_KINDS = ("number", "date", "string")


class Prop(NamedTuple):
    """A property with the entity types it links, so generated queries are type-consistent.

    ``subj`` and ``obj`` hold entity-type names (keys of ENTITIES) or, for ``obj``, one of
    the literal kinds in LITERAL_KINDS. ``wh`` and ``ask`` are optional verb phrasings
    ("Where was {s} born?", "Was {s} born in {o}?") that read more naturally than the
    generic noun forms. ``span`` is (low, high, decimals) for numeric values.
    A pid may appear in several entries with different type signatures.
    """

    pid: str
    label: str
    subj: tuple[str, ...]
    obj: tuple[str, ...]
    nouns: tuple[str, ...]
    wh: str = ""
    ask: str = ""
    span: tuple[float, float, int] | None = None


class QualifierWording(NamedTuple):
    """How natural questions word a qualifier: before a year or entity, and when asking for it."""

    preposition: str
    question: str


class Comparison(NamedTuple):
    """An ASK operator as the NNQT form words it and as natural questions may word it."""

    nnqt: str
    natural: tuple[str, ...]


class Superlative(NamedTuple):
    """An ORDER BY direction: the NNQT aggregate and the natural superlatives for it."""

    aggregate: str
    natural: tuple[str, ...]


def read_yaml(name: str) -> dict:
    """One catalogue file, as plain YAML data."""
    return yaml.safe_load(files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _prop(entry: dict) -> Prop:
    span = entry.get("span")
    return Prop(**{**entry, "subj": tuple(entry["subj"]), "obj": tuple(entry["obj"]),
                   "nouns": tuple(entry["nouns"]),
                   "span": None if span is None else tuple(span)})


_entity_types = read_yaml(ENTITIES_FILE)
_properties = read_yaml(PROPERTIES_FILE)
_wording = read_yaml(WORDING_FILE)

# Per entity type: (Q-id, label) pairs of its classes and of its entities.
CLASSES: dict[str, tuple[tuple[str, str], ...]] = {
    etype: tuple(spec["classes"].items()) for etype, spec in _entity_types.items()}
ENTITIES: dict[str, tuple[tuple[str, str], ...]] = {
    etype: tuple(spec["entities"].items()) for etype, spec in _entity_types.items()}

PROPERTIES: tuple[Prop, ...] = tuple(_prop(entry) for entry in _properties["properties"])
STATEMENT_QUALIFIERS: dict[str, tuple[str, ...]] = {
    pid: tuple(qualifiers) for pid, qualifiers in _properties["statement_qualifiers"].items()}
QUALIFIER_WORDING: dict[str, QualifierWording] = {
    pid: QualifierWording(**wording) for pid, wording in _properties["qualifier_wording"].items()}

TEMPLATE_WEIGHTS: dict[str, int] = {
    name: spec["weight"] for name, spec in _wording["templates"].items()}
PHRASES: dict[str, tuple[str, ...]] = {
    name: tuple(spec["phrases"]) for name, spec in _wording["templates"].items()}
COMPARISONS: dict[str, Comparison] = {
    op: Comparison(spec["nnqt"], tuple(spec["natural"]))
    for op, spec in _wording["comparisons"].items()}
SUPERLATIVES: dict[str, Superlative] = {
    order: Superlative(spec["aggregate"], tuple(spec["natural"]))
    for order, spec in _wording["superlatives"].items()}
MONTHS: tuple[str, ...] = tuple(_wording["months"])
LABEL_STOPWORDS: frozenset[str] = frozenset(_wording["label_stopwords"])
PLURAL_OVERRIDES: dict[str, str] = _wording["plural_overrides"]
PLURAL_SPLITS: tuple[str, ...] = tuple(_wording["plural_splits"])
