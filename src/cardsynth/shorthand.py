"""Deterministic English -> shorthand-note compressor.

The mnrl-compressed card trained on private pairs of (shorthand note, English
sentence).  Its notation is rebuilt here as rules so that the repository can
generate its own pairs from an original story (``cardrepro.data.shorthand_pairs``):

* content words are clipped to their first ``CLIP`` letters, proper nouns kept;
* articles, auxiliaries, most prepositions and object pronouns are dropped,
  subject pronouns become short tokens (``she`` -> ``sh``, ``they`` -> ``al``);
* ``|`` separates clauses and sentences;
* ``:`` stands for saying or being (``Ford said`` / ``Ford is`` -> ``Ford :``);
* ``@`` stands for at/in/on before a place or a time;
* number words become digits;
* ``→`` stands for movement (went to, toward, into);
* ``^0.5`` .. ``^0.9`` mark uncertainty, ``^1`` intensity or certainty;
* ``*`` joins consecutive nouns into a compound (``the rock face`` -> ``roc*fac``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CLIP = 3
ARROW = "\u2192"

ARTICLES = {"a", "an", "the"}
DETERMINERS = ARTICLES | {
    "this", "that", "these", "those", "each", "every", "some", "any",
    "such", "another", "either", "neither", "no",
}
POSSESSIVES = {"my", "our", "your", "his", "her", "its", "their"}

# Subject pronouns keep a short token; every other pronoun form is dropped.
PRONOUNS = {
    "i": "i", "we": "we", "you": "u", "he": "he", "she": "sh", "they": "al",
    "me": "", "my": "", "mine": "", "myself": "",
    "us": "", "our": "", "ours": "", "ourselves": "",
    "your": "", "yours": "", "yourself": "", "yourselves": "",
    "him": "", "his": "", "himself": "",
    "her": "", "hers": "", "herself": "",
    "them": "", "their": "", "theirs": "", "themselves": "",
    "it": "", "its": "", "itself": "",
}

FUNCTION_WORDS = DETERMINERS | {
    "do", "does", "did", "doing", "have", "has", "had", "having",
    "will", "would", "shall", "should", "can", "could", "must",
    "be", "been", "being",
    "of", "for", "with", "from", "by", "about", "as", "than", "to", "upon",
    "like", "onto", "and", "or", "but", "so", "yet", "nor", "if", "because",
    "though", "although", "while", "when", "whether", "then", "unless",
    "since", "which", "whom", "whose", "just", "even", "also", "too",
    "there", "ever", "else", "quite", "rather", "much", "oh", "o'clock",
}

BE_WORDS = {"is", "was", "are", "were", "am"}
SAY_VERBS = {
    "say", "says", "said", "saying", "ask", "asks", "asked", "reply",
    "replied", "answer", "answered", "tell", "tells", "told", "whispered",
    "shouted", "called", "muttered", "murmured", "added", "explained",
    "insisted", "admitted", "announced", "agreed", "snapped", "yelled",
    "repeated", "warned", "promised", "confirmed", "reported", "corrected",
}
NEGATIONS = {"not", "no", "never", "nothing", "nobody", "none", "nowhere", "without"}

# Uncertainty lowers the confidence exponent; intensity or certainty sets it to 1.
HEDGES = {
    "maybe": "0.5", "perhaps": "0.5", "possibly": "0.5", "might": "0.5",
    "may": "0.6", "seem": "0.7", "seems": "0.7", "seemed": "0.7",
    "seemingly": "0.7", "apparently": "0.7", "likely": "0.8",
    "presumably": "0.8", "probably": "0.9", "almost": "0.9", "nearly": "0.9",
    "very": "1", "really": "1", "completely": "1", "totally": "1",
    "absolutely": "1", "utterly": "1", "certainly": "1", "definitely": "1",
    "surely": "1", "entirely": "1", "extremely": "1", "exactly": "1",
    "truly": "1", "fully": "1", "perfectly": "1",
}
# "about twelve" is an estimate: these hedge only when a number follows.
APPROXIMATORS = {"about", "around", "roughly", "approximately", "some"}
APPROX_LEVEL = "0.9"

PLACE_PREPS = {"at", "in", "on", "inside", "within", "during"}
AT_IDIOMS = {"least", "last", "once", "all", "first", "best", "worst"}
PLACE_TIME_WORDS = {
    "dawn", "dusk", "noon", "midnight", "night", "morning", "evening",
    "afternoon", "daylight", "darkness", "winter", "summer", "autumn",
    "spring", "time", "seconds", "minutes", "hours", "days", "weeks",
    "months", "years", "bed", "town", "port", "camp", "place", "front",
    "ice", "water", "snow", "fog", "rain", "sight", "here", "home",
}
DIRECTIONS = {"toward", "towards", "into", "through", "across"}
# These mean movement only right after a movement verb ("ran out", "went to").
MOTION_PARTICLES = {
    "to", "down", "up", "out", "along", "past", "over", "around", "back",
    "away", "inside", "outside", "onto",
}
# Verbs that say nothing but "moved": they collapse into the arrow itself.
GENERIC_MOTION = {
    "go", "goes", "going", "gone", "went", "come", "comes", "coming", "came",
    "move", "moves", "moving", "moved", "headed", "heading",
}
MOTION_VERBS = {
    "walk", "walks", "walked", "walking", "run", "runs", "ran", "running",
    "climb", "climbs", "climbed", "climbing", "drive", "drove", "driving",
    "cross", "crossed", "hurry", "hurried", "rush", "rushed", "step",
    "stepped", "follow", "followed", "return", "returned", "drag", "dragged",
    "crawl", "crawled", "wander", "wandered", "march", "marched", "sail",
    "sailed", "row", "rowed", "swim", "swam", "flee", "fled", "slid",
    "stumbled", "raced", "drifted", "floated", "led", "carried", "pulled",
    "backed", "waded", "trudged", "lowered", "sank", "fell", "rode",
}

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# "second" is left out: it is far more often a unit of time than an ordinal.
ORDINALS = {
    "first": "1st", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th",
    "tenth": "10th",
}

# Used only to tell names from ordinary words and nouns from modifiers.
IRREGULAR_VERBS = {
    "went", "came", "took", "saw", "knew", "thought", "felt", "left", "held",
    "stood", "found", "kept", "made", "gave", "got", "sat", "set", "put",
    "heard", "brought", "began", "fell", "spoke", "wrote", "drove", "rose",
    "ran", "ate", "drank", "slept", "woke", "wore", "hung", "shook", "swung",
    "struck", "threw", "caught", "bought", "sent", "spent", "built", "lit",
    "lay", "led", "lost", "meant", "met", "paid", "read", "rang", "sank",
    "shot", "shut", "slid", "spun", "swept", "tore", "understood", "won",
    "froze", "broke", "chose", "bent", "blew", "crept", "drew", "fed",
    "fought", "fled", "flew", "forgot", "grew", "hid", "hit", "hurt",
    "knelt", "sold", "shone", "strode", "swore", "wept", "let", "became", "stung",
    "seen", "known", "taken", "given", "done", "told", "frozen", "broken",
}
MODALS = {"will", "would", "could", "should", "can", "might", "must", "had", "has", "did"}
ADJECTIVES = {
    "old", "new", "young", "small", "big", "large", "little", "long", "short",
    "tall", "high", "low", "cold", "warm", "hot", "wet", "dry", "dark",
    "bright", "black", "white", "grey", "gray", "red", "blue", "green",
    "yellow", "orange", "heavy", "empty", "full", "quiet", "loud", "last",
    "next", "other", "same", "whole", "only", "own", "good", "bad", "great",
    "strange", "late", "early", "thin", "thick", "narrow", "wide", "deep",
    "soft", "hard", "slow", "fast", "sharp", "steady", "faint", "pale",
    "tired", "spare", "main", "single", "open", "broken", "frozen", "clear",
    "calm", "rough", "brief", "sudden", "final", "half", "far", "near",
    "dead", "alive", "safe", "sure", "real", "true", "wrong", "right",
    "weak", "strong", "flat", "brown", "silver", "fresh", "stale", "grim",
    "huge", "tiny", "lower", "upper", "outer", "inner", "western", "eastern",
    "northern", "southern", "north", "south", "east", "west",
}
ADJECTIVE_SUFFIXES = ("ful", "ous", "ive", "less", "able", "ible", "ish")
# Nouns that only look like past tenses or gerunds.
LY_NOUNS = {"supply", "family", "belly", "jelly", "rally", "ally", "reply", "assembly", "anomaly", "fly", "lily"}
ED_NOUNS = {"bed", "shed", "seed", "sled", "need", "feed", "reed", "speed", "hundred"}
ING_NOUNS = {
    "nothing", "something", "anything", "everything", "morning", "evening",
    "ceiling", "building", "ring", "thing", "king", "spring", "string",
    "wing", "railing", "landing", "clearing", "awning",
}
# Capitalised openers that are ordinary words, never names.
OPENERS = {
    "outside", "inside", "later", "still", "now", "somewhere", "finally",
    "meanwhile", "yes", "okay", "well", "instead", "above", "below",
    "behind", "tonight", "today", "tomorrow", "yesterday", "again",
    "afterwards", "everyone", "everything", "someone", "something", "nobody",
    "here", "silence", "sorry", "thanks", "please", "good", "right", "fine",
    "somebody", "anybody", "anyone", "everybody", "sometimes", "hello",
    "look", "listen", "wait", "hey",
}
# Days and months are names wherever they stand ("May" is left to the hedges).
CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "june", "july",
    "august", "september", "october", "november", "december",
}
# A following word that marks a capitalised opener as a name: "Tomas and Lotte".
NAME_FOLLOWERS = {"and", "himself", "herself", "themselves"}
# Content words that never join a noun compound: place and time adverbs,
# kept prepositions, quantifiers, comparatives and question words.
NON_NOUNS = {
    "after", "before", "until", "ago", "under", "behind", "above", "below",
    "beside", "beneath", "between", "against", "near", "often", "always",
    "anywhere", "everywhere", "somewhere", "already", "again", "once",
    "twice", "now", "still", "soon", "earlier", "later", "together", "all",
    "both", "few", "many", "several", "more", "most", "less", "enough",
    "who", "what", "where", "why", "how", "here", "colder", "larger",
    "better", "worse", "tighter", "higher", "faster", "closer",
}
SUPERLATIVE_NOUNS = {"forest", "interest", "protest", "request", "harvest", "contest"}
# Words after which a noun phrase (and so a compound) may begin.
PHRASE_OPENERS = PLACE_PREPS | DIRECTIONS | MOTION_PARTICLES | {"of", "for", "with", "from", "by"}
TITLES = {"mr", "mrs", "ms", "dr", "prof", "capt", "sgt"}

LEXICON = (
    FUNCTION_WORDS | set(PRONOUNS) | BE_WORDS | SAY_VERBS | NEGATIONS
    | set(HEDGES) | PLACE_PREPS | DIRECTIONS | MOTION_PARTICLES
    | GENERIC_MOTION | MOTION_VERBS | set(NUMBER_WORDS) | set(SCALES)
    | set(ORDINALS) | IRREGULAR_VERBS | OPENERS | TITLES | NON_NOUNS
)

CONTRACTIONS = [
    (re.compile(r"\bcan't\b", re.I), "can not"),
    (re.compile(r"\bwon't\b", re.I), "will not"),
    (re.compile(r"n't\b", re.I), " not"),
    (re.compile(r"'re\b", re.I), " are"),
    (re.compile(r"'ve\b", re.I), " have"),
    (re.compile(r"'ll\b", re.I), " will"),
    (re.compile(r"'d\b", re.I), " would"),
    (re.compile(r"'m\b", re.I), " am"),
    (re.compile(r"\b(it|that|there|here|what|who|he|she|where|how)'s\b", re.I), r"\1 is"),
    (re.compile(r"\blet's\b", re.I), "let us"),
]
TOKEN_RE = re.compile(
    r"\d+(?:[:.,]\d+)*(?:%|st|nd|rd|th)?"
    r"|[A-Za-z]+(?:['-][A-Za-z]+)*'?"
    r"|[?,]"
)
# Breaks between clauses: sentence ends inside quotes, semicolons, colons
# (not in clock times), dashes, and a comma before a clause conjunction.
CLAUSE_BREAK_RE = re.compile(
    r"(?<=[.!?])\s+"
    r"|\s*(?:;|:(?!\d)|(?<!\d):|\s-{1,2}\s|\.\.\.)\s*"
    r"|,\s*(?=(?:and|but|so|then|yet|while|when|because|though|although"
    r"|until|before|after|or)\b)"
    r"|\s+(?=but\b)",
    re.I,
)
NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*"
SPEAKER_PRONOUNS = r"he|she|they|I|we|you"
SAY_ALT = "|".join(sorted(SAY_VERBS))
ATTRIBUTION_RES = (
    re.compile(rf"\b(?P<who>{NAME}|{SPEAKER_PRONOUNS})\s+(?:{SAY_ALT})\b"),
    re.compile(rf"\b(?:{SAY_ALT})\s+(?P<who>{NAME}|{SPEAKER_PRONOUNS})\b"),
    re.compile(rf"\b[Tt]he\s+(?P<noun>[a-z]+)\s+(?:{SAY_ALT})\b"),
)

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "prof", "capt", "sgt", "lt", "col",
    "gen", "jr", "sr", "vs", "mt", "ft", "fig", "approx", "dept",
}
BOUNDARY_RE = re.compile(r"(?:\.\.\.|[.!?\u2026])+[\"\u201d\u2019')\]]*(?=\s)")
CLOSING_QUOTES = "\"\u201d\u2019'"


@dataclass(frozen=True)
class _Tok:
    """One word, number or kept punctuation mark of a clause."""

    text: str
    possessive: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and self.low != "i"


# --------------------------------------------------------------------------
# Sentence splitting


def split_sentences(text: str) -> list[str]:
    """Split plain prose into sentences.

    Blank lines end paragraphs; single newlines are soft wraps.  Quoted speech
    is not split inside, so a line of dialogue stays one sentence, and
    ``"Go!" Mara shouted.`` keeps its attribution.
    """
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def _split_paragraph(paragraph: str) -> list[str]:
    """Cut one whitespace-normalised paragraph at its sentence boundaries."""
    track_quotes = _quotes_balanced(paragraph)
    pieces, start = [], 0
    for match in BOUNDARY_RE.finditer(paragraph):
        if _is_boundary(paragraph, match, track_quotes):
            pieces.append(paragraph[start:match.end()].strip())
            start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def _quotes_balanced(paragraph: str) -> bool:
    """Quote tracking is only trusted when every quote in the paragraph closes."""
    return paragraph.count('"') % 2 == 0 and paragraph.count("\u201c") == paragraph.count("\u201d")


def _inside_quote(prefix: str) -> bool:
    return prefix.count('"') % 2 == 1 or prefix.count("\u201c") > prefix.count("\u201d")


def _is_boundary(paragraph: str, match: re.Match, track_quotes: bool) -> bool:
    """Decide whether a terminal mark really ends the sentence."""
    rest = paragraph[match.end():].lstrip()
    if not rest or (track_quotes and _inside_quote(paragraph[:match.end()])):
        return False
    if match.group().startswith(".") and not match.group().startswith("..."):
        if _is_abbreviation(paragraph[:match.start()]):
            return False
    first_letter = rest.lstrip("\"\u201c\u2018'([")[:1]
    if first_letter.islower():
        return False
    return not (match.group()[-1] in CLOSING_QUOTES and _starts_with_attribution(rest))


def _is_abbreviation(before: str) -> bool:
    """A title, an initial (``J.``) or a dotted acronym (``U.S``) before a period."""
    word = re.search(r"[\w.]*$", before).group()
    if word.lower() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)) and word.lower() not in {"a.m", "p.m"}


def _starts_with_attribution(rest: str) -> bool:
    """``"Go!" Mara shouted.`` -- a say-verb within the next three words."""
    words = re.findall(r"[A-Za-z']+", rest)[:3]
    return any(word.lower() in SAY_VERBS for word in words)


# --------------------------------------------------------------------------
# Compression


def compress(sentence: str) -> str:
    """Write one sentence (or a few) in the shorthand notation."""
    clauses = []
    for speaker, text in _speech_parts(_normalise(sentence)):
        notes = [note for note in map(_compress_clause, _split_clauses(text)) if note]
        if speaker:
            notes = [f"{speaker} : {notes[0]}"] + notes[1:] if notes else [speaker]
        clauses.extend(notes)
    return " | ".join(clauses)


def _normalise(sentence: str) -> str:
    """Unify quotes, dashes and ellipses and expand contractions."""
    text = sentence.replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = re.sub(r"\s*[\u2014\u2013]\s*", " -- ", text).replace("\u2026", "...")
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr|St|Prof|Capt|Sgt)\.", r"\1", text)
    text = re.sub(r"[()\[\]]", " ", text)
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _speech_parts(text: str) -> list[tuple[str, str]]:
    """Split into (speaker, text) parts; a quote's attribution becomes its speaker.

    Narration left over once ``said Ford`` is taken out stays a part of its
    own, so ``"Run," said Ford, pointing.`` gives ``Ford : run | poi``.
    """
    segments = text.split('"')
    if len(segments) == 1:
        return [("", text)]
    speaker = ""
    for index in range(0, len(segments), 2):
        speaker, segments[index] = _take_attribution(segments[index])
        if speaker:
            break
    parts, quote = [], []
    for index, segment in enumerate(segments):
        if index % 2:
            quote.append(segment)
        elif re.search(r"[A-Za-z0-9]", segment):
            if quote:
                parts.append((speaker, " ".join(quote)))
                quote, speaker = [], ""
            parts.append(("", segment))
    if quote:
        parts.append((speaker, " ".join(quote)))
    return parts


def _take_attribution(narration: str) -> tuple[str, str]:
    """Find ``X said`` / ``said X`` in narration; return the speaker and the rest."""
    for pattern in ATTRIBUTION_RES:
        match = pattern.search(narration)
        if match:
            return _speaker(match), narration[:match.start()] + " " + narration[match.end():]
    return "", narration


def _speaker(match: re.Match) -> str:
    """The speaker as written in shorthand: a name, a pronoun token or a clipped noun."""
    if "noun" in match.groupdict():
        return _clip(match.group("noun"))
    who = match.group("who")
    return PRONOUNS[who.lower()] if who.lower() in PRONOUNS else _drop_titles(who)


def _drop_titles(name: str) -> str:
    words = [word for word in name.split() if word.lower() not in TITLES]
    return " ".join(words) or name


def _split_clauses(text: str) -> list[str]:
    return [clause for clause in CLAUSE_BREAK_RE.split(text) if clause.strip()]


def _tokenize(clause: str) -> list[_Tok]:
    tokens = []
    for raw in TOKEN_RE.findall(clause):
        if raw.lower().endswith("'s"):
            tokens.append(_Tok(raw[:-2], possessive=True))
        elif raw.endswith("'") and len(raw) > 1:
            tokens.append(_Tok(raw[:-1], possessive=True))
        else:
            tokens.append(_Tok(raw))
    return tokens


class _Note:
    """The shorthand pieces of one clause, with a pending hedge and motion state."""

    def __init__(self) -> None:
        self.pieces: list[tuple[str, str]] = []  # (kind, text); kind: word / sym / go
        self.hedge = ""
        self.moving = False
        self.question = False

    def word(self, text: str) -> None:
        if self.hedge:
            text, self.hedge = f"{text}^{self.hedge}", ""
        self.pieces.append(("word", text))

    def sym(self, symbol: str) -> None:
        self.pieces.append(("sym", symbol))
        if symbol == ARROW:
            self.moving = False

    def go(self, text: str) -> None:
        """A generic motion verb: it becomes (or merges into) an arrow."""
        self.pieces.append(("go", text))
        self.moving = True

    def has_subject(self) -> bool:
        return bool(self.pieces) and self.pieces[-1][0] != "sym"

    def render(self) -> str:
        pieces = self._resolve_motion()
        if self.hedge:
            pieces = _hedge_last_word(pieces, self.hedge)
        pieces = _tidy_symbols(pieces)
        if not any(kind == "word" for kind, _ in pieces):
            return f"^{self.hedge}" if self.hedge else ""
        if self.question:
            pieces = _mark_question(pieces)
        return " ".join(text for _, text in pieces)

    def _resolve_motion(self) -> list[tuple[str, str]]:
        """``went to`` -> ``→``; ``went home`` -> ``→ hom``."""
        resolved = []
        for index, (kind, text) in enumerate(self.pieces):
            if kind != "go":
                resolved.append((kind, text))
                continue
            following = self.pieces[index + 1] if index + 1 < len(self.pieces) else None
            if following is None:
                resolved.append(("word", text))
            elif following != ("sym", ARROW):
                resolved.append(("sym", ARROW))
        return resolved


def _hedge_last_word(pieces: list[tuple[str, str]], level: str) -> list[tuple[str, str]]:
    """A hedge with nothing after it qualifies the word before it."""
    for index in range(len(pieces) - 1, -1, -1):
        if pieces[index][0] == "word":
            return pieces[:index] + [("word", f"{pieces[index][1]}^{level}")] + pieces[index + 1:]
    return pieces


def _tidy_symbols(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Collapse repeated symbols; drop a leading ``:`` and dangling ``:``/``@``."""
    tidy = []
    for piece in pieces:
        if piece[0] == "sym" and tidy and tidy[-1][0] == "sym" and tidy[-1][1] == piece[1]:
            continue
        tidy.append(piece)
    while tidy and tidy[0] == ("sym", ":"):
        tidy.pop(0)
    while tidy and tidy[-1] in {("sym", ":"), ("sym", "@")}:
        tidy.pop()
    return tidy


def _mark_question(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    kind, text = pieces[-1]
    return pieces[:-1] + [(kind, text + "?")]


def _compress_clause(clause: str) -> str:
    """Compress one clause token by token."""
    tokens = _tokenize(clause)
    note = _Note()
    index = 0
    while index < len(tokens):
        index = _step(tokens, index, note)
    return note.render()


def _step(tokens: list[_Tok], i: int, note: _Note) -> int:
    """Write the shorthand for the token at ``i``; return the next index."""
    tok, nxt = tokens[i], _at(tokens, i + 1)
    low = tok.low
    if low == "?":
        note.question = True
    elif low == ",":
        pass
    elif _number(tok) is not None:
        text, end = _read_number(tokens, i)
        note.word(text)
        return end
    elif low in TITLES and nxt and nxt.capitalised:
        pass
    elif _is_proper(tokens, i):
        end = i
        while end < len(tokens) and _is_proper(tokens, end) and (end == i or not tokens[end - 1].possessive):
            end += 1
        note.word(" ".join(token.text for token in tokens[i:end]))
        return end
    elif low == "no" and nxt and nxt.low == "one":
        note.word("nu")
        return i + 2
    elif low == "going" and nxt and nxt.low == "to" and not _opens_noun_phrase(_at(tokens, i + 2)):
        return i + 2
    elif low in NEGATIONS:
        note.word("nu")
    elif low in APPROXIMATORS and nxt and _number(nxt) is not None:
        note.hedge = note.hedge or APPROX_LEVEL
    elif low in HEDGES:
        note.hedge = note.hedge or HEDGES[low]
    elif low in SAY_VERBS:
        if note.has_subject():
            note.sym(":")
    elif low in BE_WORDS:
        if note.has_subject() and not _is_existential(tokens, i) and not _is_auxiliary_be(tokens, i):
            note.sym(":")
    elif low in DIRECTIONS or (low in MOTION_PARTICLES and note.moving):
        note.sym(ARROW)
    elif low in PLACE_PREPS:
        if _opens_place(tokens, i):
            note.sym("@")
    elif low in PRONOUNS:
        if PRONOUNS[low]:
            note.word(PRONOUNS[low])
    elif low in FUNCTION_WORDS or low in MOTION_PARTICLES:
        pass
    elif low in GENERIC_MOTION:
        note.go(_clip(low))
    elif low in MOTION_VERBS:
        note.word(_clip(low))
        note.moving = True
    else:
        end = _compound_end(tokens, i)
        note.word("*".join(_clip(token.low) for token in tokens[i:end]))
        return end
    return i + 1


def _at(tokens: list[_Tok], i: int) -> _Tok | None:
    return tokens[i] if i < len(tokens) else None


def _clip(word: str) -> str:
    """Keep the first ``CLIP`` letters of each hyphen part (``half-open`` -> ``hal*ope``)."""
    parts = [part.replace("'", "")[:CLIP] for part in word.split("-")]
    return "*".join(part for part in parts if part)


# -- numbers -----------------------------------------------------------------


def _number(tok: _Tok | None) -> int | str | None:
    """The value of a number token, or None; clock times stay strings."""
    if tok is None:
        return None
    low = tok.low
    if low[:1].isdigit():
        return tok.text
    if low in NUMBER_WORDS or low in SCALES:
        return NUMBER_WORDS.get(low, 0)  # a bare "hundred" starts a run at 0
    if low in ORDINALS:
        return ORDINALS[low]
    parts = low.split("-")
    if len(parts) == 2 and all(part in NUMBER_WORDS for part in parts):
        first, second = (NUMBER_WORDS[part] for part in parts)
        if first >= 20 and second < 10:
            return first + second
        return f"{first}:{second:02d}"  # "nine-thirty" is a clock time
    return None


def _read_number(tokens: list[_Tok], i: int) -> tuple[str, int]:
    """Read ``two hundred and forty`` as ``240``; return the text and next index."""
    value = _number(tokens[i])
    if not isinstance(value, int):
        return str(value), i + 1
    total, current, end = 0, 0, i
    while end < len(tokens):
        low = tokens[end].low
        if low in SCALES:
            if SCALES[low] == 100:
                current = max(current, 1) * 100
            else:
                total, current = total + max(current, 1) * SCALES[low], 0
        elif low == "and" and total + current >= 100 and isinstance(_number(_at(tokens, end + 1)), int):
            pass
        elif isinstance(_number(tokens[end]), int):
            current += _number(tokens[end])
        else:
            break
        end += 1
    return str(total + current), end


# -- word classes --------------------------------------------------------------


def _is_proper(tokens: list[_Tok], i: int) -> bool:
    """Names keep their spelling; a clause's first word needs extra evidence."""
    tok = tokens[i]
    if not tok.capitalised or not tok.low[:1].isalpha() or tok.low in LEXICON:
        return False
    if i > 0 or tok.text.isupper() or tok.low in CALENDAR:
        return True
    return _opening_word_is_name(tok, _at(tokens, i + 1))


def _opening_word_is_name(tok: _Tok, nxt: _Tok | None) -> bool:
    """``Mara said``, ``Mara's``, ``Bram, wait`` and ``Harbor Office`` look like names."""
    if tok.low.endswith("ly") and tok.low not in LY_NOUNS:
        return False
    if tok.possessive:
        return True
    if nxt is None:
        return False
    if nxt.low == "," or nxt.low in NAME_FOLLOWERS:
        return True
    if nxt.capitalised:
        return True
    return nxt.low in SAY_VERBS | BE_WORDS | MODALS | IRREGULAR_VERBS | MOTION_VERBS | GENERIC_MOTION or (
        nxt.low.endswith("ed") and nxt.low not in ED_NOUNS
    )


def _is_verbish(low: str) -> bool:
    """Past tenses and -ly adverbs end a compound."""
    if low in IRREGULAR_VERBS or (low.endswith("ly") and low not in LY_NOUNS):
        return True
    return low.endswith("ed") and low not in ED_NOUNS


def _is_adjective(low: str) -> bool:
    superlative = low.endswith("est") and len(low) > 5 and low not in SUPERLATIVE_NOUNS
    return low in ADJECTIVES or low.endswith(ADJECTIVE_SUFFIXES) or superlative


def _is_nounish(tok: _Tok | None) -> bool:
    """Could this word be a noun in a compound? (no tagger: rule out the rest)"""
    if tok is None or not tok.low.isalpha() or tok.capitalised:
        return False
    low = tok.low
    return not (
        low in LEXICON or low in APPROXIMATORS or _is_adjective(low) or _is_verbish(low)
    )


def _opens_noun_phrase(tok: _Tok | None) -> bool:
    return tok is not None and (
        tok.low in DETERMINERS or tok.low in POSSESSIVES or tok.capitalised or _number(tok) is not None
    )


def _compound_end(tokens: list[_Tok], i: int) -> int:
    """End of a noun-noun run starting at ``i`` (``the pressure gauge``); i+1 if none."""
    if not _starts_phrase(_at(tokens, i - 1) if i else None) or not _is_nounish(tokens[i]):
        return i + 1
    end = i + 1
    while end < len(tokens) and end - i < 3 and _extends_compound(tokens[end - 1], tokens[end]):
        end += 1
    return end


def _starts_phrase(previous: _Tok | None) -> bool:
    """A compound begins a noun phrase: after a determiner, preposition, number or adjective."""
    if previous is None or previous.possessive or _number(previous) is not None:
        return True
    low = previous.low
    return low in DETERMINERS or low in POSSESSIVES or low in PHRASE_OPENERS or _is_adjective(low)


def _extends_compound(modifier: _Tok, tok: _Tok) -> bool:
    """Modifiers are singular (``tones sound`` is a clause) and heads are not gerunds."""
    if not _is_nounish(tok):
        return False
    if tok.low.endswith("ing") and tok.low not in ING_NOUNS:
        return False
    return modifier.possessive or not _looks_plural(modifier.low)


def _looks_plural(low: str) -> bool:
    return low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _is_existential(tokens: list[_Tok], i: int) -> bool:
    """``there was`` states that something exists, not what it is."""
    return i > 0 and tokens[i - 1].low == "there"


def _is_auxiliary_be(tokens: list[_Tok], i: int) -> bool:
    """``was (not) running`` / ``was found`` / ``is going to`` are not statements of being."""
    j = i + 1
    while j < len(tokens) and (tokens[j].low in NEGATIONS or tokens[j].low in HEDGES):
        j += 1
    nxt, after = _at(tokens, j), _at(tokens, j + 1)
    if nxt is None:
        return False
    low = nxt.low
    if low in {"going", "about"} and after is not None and after.low == "to":
        return True
    if low in ADJECTIVES:
        return False
    if low.endswith("ing") and low not in ING_NOUNS and low not in NEGATIONS:
        return True
    return low in IRREGULAR_VERBS or (low.endswith("ed") and low not in ED_NOUNS)


def _opens_place(tokens: list[_Tok], i: int) -> bool:
    """at/in/on introduce a place or time when a noun phrase, name, number or time word follows."""
    j = i + 1
    while j < len(tokens) and (tokens[j].low in HEDGES or tokens[j].low in APPROXIMATORS):
        j += 1
    nxt = _at(tokens, j)
    if nxt is None or nxt.low == ",":
        return False
    if tokens[i].low == "at":
        return nxt.low not in AT_IDIOMS
    return _opens_noun_phrase(nxt) or nxt.low in PLACE_TIME_WORDS
