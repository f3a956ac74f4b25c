"""Offline generator of LC-QuAD-2.0-like rows (Wikidata SPARQL + the question it answers).

The model card being reproduced trained all-MiniLM-L6-v2 on (sparql_wikidata, question)
pairs from LC-QuAD 2.0. That dataset is not available offline, so this module synthesises
rows with the same shape: queries written with the dataset's own templates (including its
quirks of case and spacing) over a hand-written catalogue of Wikidata entities and
properties, and questions that name entities by label and properties by natural wording
while the query holds only ids. A minority of questions keep the machine-like NNQT brace
form or carry small noise, as in the real data.

The catalogue and the question wording are data, read from packaged YAML by
`lcquad_catalogue`; this module holds only the templates' code.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from cardsynth.lcquad_catalogue import (
    CLASSES,
    COMPARISONS,
    ENTITIES,
    LABEL_STOPWORDS,
    MONTHS,
    PHRASES,
    PLURAL_OVERRIDES,
    PLURAL_SPLITS,
    PROPERTIES,
    QUALIFIER_WORDING,
    STATEMENT_QUALIFIERS,
    SUPERLATIVES,
    TEMPLATE_WEIGHTS,
    Prop,
)

# Lookups the templates draw from, built once in catalogue order (so seeds are stable).
_MAIN_PROPS = tuple(p for p in PROPERTIES if p.subj)
_QUALIFIERS = {p.pid: p for p in PROPERTIES if not p.subj}
_DATE_QUALIFIERS = tuple(pid for pid, q in _QUALIFIERS.items() if q.obj == ("date",))
_BY_SUBJ = {t: tuple(p for p in _MAIN_PROPS if t in p.subj) for t in ENTITIES}
_ENTITY_PROPS = tuple(p for p in _MAIN_PROPS if p.obj[0] in ENTITIES)
_NUMBER_PROPS = tuple(p for p in _MAIN_PROPS if p.obj == ("number",))
_DATE_PROPS = tuple(p for p in _MAIN_PROPS if p.obj == ("date",))
_STATEMENT_PROPS = tuple(p for p in _MAIN_PROPS if p.pid in STATEMENT_QUALIFIERS)
_TYPES = tuple(ENTITIES)
_RANK_TYPES = tuple(t for t in _TYPES if any(t in p.subj for p in _NUMBER_PROPS))
_MULTI_PROP_TYPES = tuple(t for t in _TYPES if len(_BY_SUBJ[t]) >= 2)


class _Draft(NamedTuple):
    template: str
    sparql: str
    nnqt: str
    question: str


def _plural(word: str) -> str:
    if word in PLURAL_OVERRIDES:
        return PLURAL_OVERRIDES[word]
    for sep in PLURAL_SPLITS:
        if sep in word:
            head, rest = word.split(sep, 1)
            return f"{_plural(head)}{sep}{rest}"
    head, _, tail = word.rpartition(" ")
    prefix = head + " " if head else ""
    if tail in PLURAL_OVERRIDES:
        return prefix + PLURAL_OVERRIDES[tail]
    if tail.endswith("y") and tail[-2:-1] not in "aeiou":
        return prefix + tail[:-1] + "ies"
    if tail.endswith(("ss", "x", "ch", "sh")):
        return prefix + tail + "es"
    if tail.endswith("s"):
        return prefix + tail
    return prefix + tail + "s"


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _poss(label: str) -> str:
    return label + ("'" if label.endswith("s") else "'s")


def _pick(rng: random.Random, seq):
    return seq[rng.randrange(len(seq))]


def _entity(rng: random.Random, etype: str) -> tuple[str, str]:
    return _pick(rng, ENTITIES[etype])


def _subject(rng: random.Random, prop: Prop) -> tuple[str, str]:
    return _entity(rng, _pick(rng, prop.subj))


def _noun(rng: random.Random, prop: Prop) -> str:
    return _pick(rng, prop.nouns)


def _number(rng: random.Random, prop: Prop) -> str:
    """A plausible value for a numeric property, log-uniform over wide ranges."""
    lo, hi, decimals = prop.span
    if lo > 0 and hi / lo > 100:
        value = lo * (hi / lo) ** rng.random()
    else:
        value = lo + (hi - lo) * rng.random()
    return str(int(round(value))) if decimals == 0 else str(round(value, decimals))


def _date(rng: random.Random, lo: int = 1850, hi: int = 2020) -> tuple[str, str, str]:
    """(year, NNQT date like '1994-0-0', natural date phrase) for a random date."""
    year = rng.randint(lo, hi)
    if rng.random() < 0.5:
        return str(year), f"{year}-0-0", f"in {year}"
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return str(year), f"{year}-{month}-{day}", f"on {MONTHS[month - 1]} {day}, {year}"


def _phrase(rng: random.Random, template: str, own: str = "", **fields) -> str:
    """A natural question: the property's own phrasing (when it has one) or a generic one."""
    pattern = own if own and rng.random() < 0.5 else _pick(rng, PHRASES[template])
    return " ".join(pattern.format(**fields).split())


def _simple(rng: random.Random) -> _Draft:
    p = _pick(rng, _MAIN_PROPS)
    qid, s = _subject(rng, p)
    return _Draft(
        "simple",
        f"SELECT DISTINCT ?answer WHERE {{ wd:{qid} wdt:{p.pid} ?answer }}",
        f"What is {{{p.label}}} of {{{s}}} ?",
        _phrase(rng, "simple", p.wh, s=s, sp=_poss(s), p=_noun(rng, p)))


def _right_type(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    cid, t = _pick(rng, CLASSES[_pick(rng, p.obj)])
    return _Draft(
        "right_type",
        f" select distinct ?obj where {{ wd:{qid} wdt:{p.pid} ?obj . ?obj wdt:P31 wd:{cid} }} ",
        f"What is the {{{t}}} for {{{p.label}}} of {{{s}}}",
        _phrase(rng, "right_type", p.wh, s=s, sp=_poss(s), p=_noun(rng, p), t=t, at=_a(t)))


def _left_type(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    oid, o = _entity(rng, _pick(rng, p.obj))
    cid, t = _pick(rng, CLASSES[_pick(rng, p.subj)])
    return _Draft(
        "left_type",
        f" select distinct ?sbj where {{ ?sbj wdt:{p.pid} wd:{oid} . ?sbj wdt:P31 wd:{cid} }} ",
        f"What is the {{{t}}} for {{{p.label}}} of {{{o}}}",
        _phrase(rng, "left_type", o=o, p=_noun(rng, p), t=t, at=_a(t)))


def _hop_pair(rng: random.Random, second: tuple[Prop, ...]) -> tuple[Prop, Prop]:
    """A property chain p1 -> p2 where p2's subject type is p1's object type."""
    while True:
        p1 = _pick(rng, _ENTITY_PROPS)
        options = tuple(p for p in _BY_SUBJ[_pick(rng, p1.obj)] if p in second and p != p1)
        if options:
            return p1, _pick(rng, options)


def _two_hop(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _MAIN_PROPS)
    qid, s = _subject(rng, p1)
    return _Draft(
        "two_hop",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?X . ?X wdt:{p2.pid} ?answer}}",
        f"What is {{{p2.label}}} of {{{p1.label}}} of {{{s}}} ?",
        _phrase(rng, "two_hop", s=s, sp=_poss(s), p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _hop_constraint(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p1)
    oid, o = _entity(rng, _pick(rng, p2.obj))
    return _Draft(
        "hop_constraint",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?answer . ?answer wdt:{p2.pid} wd:{oid}}}",
        f"What is {{{p1.label}}} of {{{s}}}, that has {{{p2.label}}} is {{{o}}} ?",
        _phrase(rng, "hop_constraint", s=s, o=o, p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _hop_year(rng: random.Random) -> _Draft:
    p1, p2 = _hop_pair(rng, _DATE_PROPS)
    qid, s = _subject(rng, p1)
    year, _, when = _date(rng)
    return _Draft(
        "hop_year",
        f"SELECT ?answer WHERE {{ wd:{qid} wdt:{p1.pid} ?answer . ?answer wdt:{p2.pid} ?x "
        f"FILTER(contains(YEAR(?x),'{year}'))}}",
        f"What is {{{p1.label}}} of {{{s}}}, that has {{{p2.label}}} is {{{year}-1-1}} ?",
        _phrase(rng, "hop_year", s=s, y=year, when=when, p1=_noun(rng, p1), p2=_noun(rng, p2)))


def _ask_num(rng: random.Random) -> _Draft:
    p = _pick(rng, _NUMBER_PROPS)
    qid, s = _subject(rng, p)
    n = _number(rng, p)
    op = _pick(rng, ("=", "=", "=", "<", ">"))
    word, natural = COMPARISONS[op]
    return _Draft(
        "ask_num",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} ?obj filter(?obj {op} {n}) }} ",
        f"Does the {{{p.label}}} of the {{{s}}} {{{word}}} {{{n}}}",
        _phrase(rng, "ask_num", s=s, sp=_poss(s), p=_noun(rng, p), n=n, cmp=_pick(rng, natural)))


def _ask_ent(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, p.obj))
    return _Draft(
        "ask_ent",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} wd:{oid} }}",
        f"Did {{{s.replace(' ', '_')}}} {{{p.label}}} {{{o}}}?",
        _phrase(rng, "ask_ent", p.ask, s=s, sp=_poss(s), o=o, ao=_a(o), p=_noun(rng, p)))


def _ask_two(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    (oid1, o1), (oid2, o2) = rng.sample(ENTITIES[_pick(rng, p.obj)], 2)
    both = f"{o1} and {o2}"
    return _Draft(
        "ask_two",
        f"ASK WHERE {{ wd:{qid} wdt:{p.pid} wd:{oid1} . wd:{qid} wdt:{p.pid} wd:{oid2} }}",
        f"Did {{{s.replace(' ', '_')}}} {{{p.label}}} {{{o1}}} and {{{o2}}} ?",
        _phrase(rng, "ask_two", p.ask, s=s, o=both, ao=_a(both), p=_noun(rng, p)))


def _count_obj(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    qid, s = _subject(rng, p)
    return _Draft(
        "count_obj",
        f"SELECT (COUNT(?obj) AS ?value ) {{ wd:{qid} wdt:{p.pid} ?obj }}",
        f"How many {{{p.label}}} are for {{{s}}} ?",
        _phrase(rng, "count_obj", s=s, ps=_plural(_noun(rng, p))))


def _count_sub(rng: random.Random) -> _Draft:
    p = _pick(rng, _ENTITY_PROPS)
    oid, o = _entity(rng, _pick(rng, p.obj))
    ts = _plural(_pick(rng, CLASSES[_pick(rng, p.subj)])[1])
    return _Draft(
        "count_sub",
        f"SELECT (COUNT(?sub) AS ?value ) {{ ?sub wdt:{p.pid} wd:{oid} }}",
        f"How many {{{p.label}}} are to/by {{{o}}} ?",
        _phrase(rng, "count_sub", o=o, ts=ts, p=_noun(rng, p)))


def _statement(rng: random.Random, want_date: bool | None) -> tuple[Prop, Prop]:
    """A statement property and one of its qualifiers (date-valued, entity-valued or either)."""
    while True:
        p = _pick(rng, _STATEMENT_PROPS)
        quals = tuple(q for q in STATEMENT_QUALIFIERS[p.pid]
                      if want_date is None or (q in _DATE_QUALIFIERS) == want_date)
        if quals:
            return p, _QUALIFIERS[_pick(rng, quals)]


def _qual_year(rng: random.Random) -> _Draft:
    p, q = _statement(rng, True)
    qid, s = _subject(rng, p)
    year, date, when = _date(rng, 1900, 2020)
    prep = QUALIFIER_WORDING[q.pid].preposition
    return _Draft(
        "qual_year",
        f"SELECT ?obj WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} ?obj . ?s pq:{q.pid} ?x "
        f"filter(contains(YEAR(?x),'{year}')) }}",
        f"What is {{{p.label}}} of {{{s}}} that is {{{q.label}}} is {{{date}}} ?",
        _phrase(rng, "qual_year", s=s, sp=_poss(s), p=_noun(rng, p), q=prep, Q=prep.capitalize(),
                qn=_noun(rng, q), y=year, when=when))


def _qual_ent(rng: random.Random) -> _Draft:
    p, q = _statement(rng, False)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, q.obj))
    return _Draft(
        "qual_ent",
        f"SELECT ?obj WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} ?obj . ?s pq:{q.pid} wd:{oid} }}",
        f"What is {{{p.label}}} of {{{s}}} that is {{{q.label}}} is {{{o}}} ?",
        _phrase(rng, "qual_ent", s=s, sp=_poss(s), o=o, p=_noun(rng, p),
                q=QUALIFIER_WORDING[q.pid].preposition, qn=_noun(rng, q)))


def _qual_value(rng: random.Random) -> _Draft:
    p, q = _statement(rng, None)
    while p.obj[0] not in ENTITIES:
        p, q = _statement(rng, None)
    qid, s = _subject(rng, p)
    oid, o = _entity(rng, _pick(rng, p.obj))
    return _Draft(
        "qual_value",
        f"SELECT ?value WHERE {{ wd:{qid} p:{p.pid} ?s . ?s ps:{p.pid} wd:{oid} . ?s pq:{q.pid} ?value}}",
        f"what is the {{{q.label}}} for {{{s}}} has {{{p.label}}} as {{{o}}} ?",
        _phrase(rng, "qual_value", QUALIFIER_WORDING[q.pid].question, s=s, sp=_poss(s), o=o,
                p=_noun(rng, p), qn=_noun(rng, q)))


def _label_filter(rng: random.Random, with_pred: bool, starts: bool) -> _Draft:
    """The rdfs:label CONTAINS / STRSTARTS templates, optionally with one extra triple."""
    etype = _pick(rng, _TYPES)
    cid, t = _pick(rng, CLASSES[etype])
    label = _entity(rng, etype)[1].lower()
    if starts:
        needle = label[0]
        func, tail = "STRSTARTS", f"starts with {{'{needle}'}}"
    else:
        words = [w.strip(".,:'()") for w in label.split()]
        candidates = [w for w in words if len(w) > 2 and w not in LABEL_STOPWORDS]
        needle = _pick(rng, candidates or [label])
        func, tail = "CONTAINS", f"contains the word {{{needle}}} in their name"
    fields = {"t": t, "at": _a(t), "ts": _plural(t), "w": needle, "c": needle}
    triple, nnqt_pred = "", ""
    options = tuple(p for p in _BY_SUBJ[etype] if p in _ENTITY_PROPS)
    if with_pred and options:
        p = _pick(rng, options)
        oid, o = _entity(rng, _pick(rng, p.obj))
        triple = f"?sbj wdt:{p.pid} wd:{oid} . "
        nnqt_pred = f" {{{p.label}}} {{{o}}} and which" + (" that" if starts else "")
        fields.update(p=_noun(rng, p), o=o)
    name = ("starts_letter" if starts else "contains_word") + ("_pred" if triple else "")
    return _Draft(
        name,
        f"SELECT DISTINCT ?sbj ?sbj_label WHERE {{ ?sbj wdt:P31 wd:{cid} . {triple}"
        f"?sbj rdfs:label ?sbj_label . FILTER({func}(lcase(?sbj_label), '{needle}')) . "
        f"FILTER (lang(?sbj_label) = 'en') }} LIMIT 25 ",
        f"Give me {{{t}}} that{nnqt_pred} {tail}",
        _phrase(rng, name, **fields))


def _rank(rng: random.Random, with_pred: bool) -> _Draft:
    """The ORDER BY ... LIMIT 5 superlative templates, optionally with one extra triple."""
    etype = _pick(rng, _RANK_TYPES)
    cid, t = _pick(rng, CLASSES[etype])
    p = _pick(rng, tuple(x for x in _NUMBER_PROPS if etype in x.subj))
    order = _pick(rng, ("DESC", "ASC"))
    agg, sups = SUPERLATIVES[order]
    fields = {"t": t, "ts": _plural(t), "p": _noun(rng, p), "sup": _pick(rng, sups)}
    options = tuple(x for x in _BY_SUBJ[etype] if x in _ENTITY_PROPS)
    if with_pred and options:
        p2 = _pick(rng, options)
        oid, o = _entity(rng, _pick(rng, p2.obj))
        return _Draft(
            "rank_pred",
            f"select ?ent where {{ ?ent wdt:P31 wd:{cid} . ?ent wdt:{p.pid} ?obj . "
            f"?ent wdt:{p2.pid} wd:{oid}}} ORDER BY {order}(?obj)LIMIT 5 ",
            f"What is the {{{t}}} with the {{{agg}({p.label})}} whose {{{p2.label}}} is {{{o}}}  ?",
            _phrase(rng, "rank_pred", p2=_noun(rng, p2), o=o, **fields))
    return _Draft(
        "rank",
        f"select ?ent where {{ ?ent wdt:P31 wd:{cid} . ?ent wdt:{p.pid} ?obj }} "
        f"ORDER BY {order}(?obj)LIMIT 5 ",
        f"What is the {{{t}}} with the {{{agg}({p.label})}} ?",
        _phrase(rng, "rank", **fields))


def _two_answers(rng: random.Random) -> _Draft:
    etype = _pick(rng, _MULTI_PROP_TYPES)
    p1, p2 = rng.sample(_BY_SUBJ[etype], 2)
    qid, s = _entity(rng, etype)
    return _Draft(
        "two_answers",
        f"SELECT ?ans_1 ?ans_2 WHERE {{ wd:{qid} wdt:{p1.pid} ?ans_1 . wd:{qid} wdt:{p2.pid} ?ans_2 }}",
        f"What is the {{{p1.label}}} and the {{{p2.label}}} of {{{s}}} ?",
        _phrase(rng, "two_answers", s=s, sp=_poss(s), p1=_noun(rng, p1), p2=_noun(rng, p2)))


_BUILDERS = {
    "simple": _simple, "right_type": _right_type, "left_type": _left_type,
    "two_hop": _two_hop, "hop_constraint": _hop_constraint, "hop_year": _hop_year,
    "ask_num": _ask_num, "ask_ent": _ask_ent, "ask_two": _ask_two,
    "count_obj": _count_obj, "count_sub": _count_sub, "qual_year": _qual_year,
    "qual_ent": _qual_ent, "qual_value": _qual_value, "two_answers": _two_answers,
    "contains_word": lambda rng: _label_filter(rng, with_pred=False, starts=False),
    "contains_word_pred": lambda rng: _label_filter(rng, with_pred=True, starts=False),
    "starts_letter": lambda rng: _label_filter(rng, with_pred=False, starts=True),
    "starts_letter_pred": lambda rng: _label_filter(rng, with_pred=True, starts=True),
    "rank": lambda rng: _rank(rng, with_pred=False),
    "rank_pred": lambda rng: _rank(rng, with_pred=True),
}
_NAMES = tuple(TEMPLATE_WEIGHTS)
_WEIGHTS = tuple(TEMPLATE_WEIGHTS[n] for n in _NAMES)


def _typo(rng: random.Random, text: str) -> str:
    """Swap two adjacent letters inside one longer word."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not long_words:
        return text
    i = _pick(rng, long_words)
    w, j = words[i], rng.randrange(1, len(words[i]) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def _surface(rng: random.Random, draft: _Draft) -> str:
    """Mostly the natural question; sometimes the NNQT form or light noise, as in LC-QuAD."""
    question, r = draft.question, rng.random()
    if r < 0.06:
        return f'"{draft.nnqt}"' if rng.random() < 0.3 else draft.nnqt
    if r < 0.09:
        return question.lower()
    if r < 0.14:
        return question.rstrip("?.").rstrip()
    if r < 0.16:
        i = question.find(" ", rng.randrange(len(question)))
        return question if i < 0 else question[:i] + " " + question[i:]
    if r < 0.17:
        return _typo(rng, question)
    if r < 0.175:
        return question.upper()
    return question


def generate_rows(n_rows: int, seed: int) -> list[dict[str, str]]:
    """n_rows distinct LC-QuAD-like rows, deterministic for (n_rows, seed)."""
    if n_rows < 0:
        raise ValueError(f"n_rows must be >= 0, got {n_rows}")
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for _ in range(50 * n_rows + 1000):
        if len(rows) == n_rows:
            return rows
        draft = _BUILDERS[rng.choices(_NAMES, _WEIGHTS)[0]](rng)
        question = _surface(rng, draft)
        if (draft.sparql, question) in seen:
            continue
        seen.add((draft.sparql, question))
        rows.append({"sparql_wikidata": draft.sparql, "question": question,
                     "NNQT_question": draft.nnqt, "template": draft.template})
    raise RuntimeError(f"could not generate {n_rows} distinct rows")
