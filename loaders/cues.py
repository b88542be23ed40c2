"""Cue words, read from ``ontology/cues.ttl``: the phrases that mark sections, roles,
fields, boilerplate clauses and web-page furniture.

Every phrase is matched as whole words on a document's folded text (see
plankg.loaders.normalize), with any run of whitespace or line breaks between its
words, so one phrase covers every spelling of case, diacritics and wrapping. The rules
ask for a set by its name (``cues["role:lead"]``); none of them holds a phrase literal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from plankg.loaders.normalize import fold
from plankg.loaders.patterns import PatternCache
from plankg.loaders.turtle import Namespace, Statements

from plankg.errors import VocabularyError

FIELD_ROLES = ("lead", "coordinate", "period", "product", "content", "budget", "attribute")
"""The roles of labelled fields, each a cue set "field:<role>", in the order labels are tried."""
EDIT_RELATIONS = ("relation:replaces", "relation:repeals", "relation:amends")
"""The cue sets of the words with which a document changes another ("thay thế", "bãi bỏ", "sửa đổi")."""

DEF = "https://w3id.org/plankg/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_PATTERNS = PatternCache("cues")
_WRITER = hashlib.sha1(Path(__file__).read_bytes()).hexdigest() if Path(__file__).is_file() else None
"""What identifies the code that writes the phrases' patterns (this module's source): a
kept pattern text is used only by the code that wrote it."""


def _phrase_pattern(phrases, folded: bool = True) -> re.Pattern[str]:
    """:func:`phrase_regex`, compiled; its text kept between runs (see plankg.loaders.patterns)."""
    if _WRITER is None:
        return _PATTERNS.compile(phrase_regex(phrases, folded))
    key = hashlib.sha1("\x1f".join((_WRITER, str(folded), *sorted(phrases))).encode()).hexdigest()
    return _PATTERNS.compile(_PATTERNS.text(key, lambda: phrase_regex(phrases, folded)))


def phrase_regex(phrases, folded: bool = True) -> str:
    """One pattern matching any phrase as whole words, longest first.

    Phrases are folded (for matching the folded text) unless ``folded`` is false, when
    they are only lower-cased (for matching a lower-cased text, diacritics kept: "ban"
    is not "bán", "quỹ" is not "quy"). Words may be separated by any whitespace (line
    breaks included); punctuation inside a phrase ("phí, lệ phí", "độc lập - tự do")
    may have spaces around it, and a hyphen matches any dash. The phrases are merged
    into a trie, so the engine tries one branch per character instead of every phrase.
    """
    norm = fold if folded else (lambda p: unicodedata.normalize("NFC", p).lower())
    trie: dict = {}
    for phrase in sorted({norm(p).strip() for p in phrases if p.strip()}):  # one pattern whatever the hash seed
        node = trie
        for unit in _units(phrase):
            node = node.setdefault(unit, {})
        node[_END] = {}
    return _trie(trie) if trie else r"(?!x)x"


_END = ""


def _units(phrase: str) -> list[str]:
    """The regex pieces of one phrase: a word boundary before and after word characters,
    escaped characters, flexible space between tokens, any dash for a hyphen."""
    tokens = _TOKEN.findall(phrase)
    units = []
    for i, token in enumerate(tokens):
        if i:
            both_words = tokens[i - 1][-1].isalnum() and token[0].isalnum()
            units.append(r"\s+" if both_words else r"\s*")
        units += ["[-–—]"] if token == "-" else [re.escape(c) for c in token]
    if tokens[0][0].isalnum():
        # the word start is tested after the first letter: a pattern that opens with a
        # literal lets the engine skip to the candidates (one opening with a lookbehind
        # is tried at every position of the text)
        units.insert(1, _WORD_STARTED)
    if tokens[-1][-1].isalnum():
        units.append(_WORD_END)
    return units


_WORD_END = r"(?!\w)"
_WORD_STARTED = r"(?<!\w.)"  # after a phrase's first letter: no letter before that one


def _trie(node: dict) -> str:
    """A trie as a regex; at each node longer continuations come before a phrase's end
    (its word-end assertion), so the longest phrase wins."""
    units = sorted((u for u in node if u != _END), key=lambda u: u == _WORD_END)
    branches = [unit + _trie(node[unit]) for unit in units]
    if _END in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class CueSet:
    """One named set of phrases and its compiled pattern (folded text)."""

    name: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]
    rank: int | None = None
    exact: re.Pattern[str] | None = None
    """The phrases with their diacritics, for a lower-cased text (see :func:`phrase_regex`)."""
    raw_phrases: tuple[str, ...] = ()
    """The phrases as written in the data (diacritics and case kept)."""
    opens_heading: bool = False
    """A section kind named only by a heading that opens with a phrase (``plankg:opensHeading``)."""

    def __post_init__(self) -> None:
        # the characters a phrase can open and close with: most calls of at() and
        # ending_at() are refused by one look at one character, without the regex engine
        object.__setattr__(self, "_firsts", _edge_characters(p[:1] for p in self.phrases))
        object.__setattr__(self, "_lasts", _edge_characters(p[-1:] for p in self.phrases))
        object.__setattr__(self, "_exact_lasts", _edge_characters(
            unicodedata.normalize("NFC", p.strip()).lower()[-1:] for p in self.raw_phrases))

    def search(self, folded: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return self.pattern.search(folded, start, len(folded) if end is None else end)

    def finditer(self, folded: str, start: int = 0, end: int | None = None):
        return self.pattern.finditer(folded, start, len(folded) if end is None else end)

    def introduces(self, folded: str, start: int, end: int) -> bool:
        """The span ends by introducing a list with one of the phrases near its closing colon
        ("… bằng các chỉ tiêu cụ thể như sau:", "… một số nhiệm vụ, giải pháp sau đây:")."""
        stop = end
        while stop > start and folded[stop - 1] in " \n*":
            stop -= 1
        return stop > start and folded[stop - 1] == ":" and self.search(folded, max(start, stop - 80), stop) is not None

    def at(self, folded: str, pos: int, end: int | None = None) -> re.Match[str] | None:
        """The phrase starting at ``pos`` (after spaces), or None."""
        size = len(folded)
        if pos >= size:
            return None
        char = folded[pos]
        while char in " \t\n":  # (most calls stand on a word: one look decides)
            pos += 1
            if pos >= size:
                return None
            char = folded[pos]
        if char not in self._firsts:
            return None
        return self.pattern.match(folded, pos, size if end is None else end)

    def ending_at(self, folded: str, end: int, start: int = 0, exact: bool = False) -> re.Match[str] | None:
        """The last phrase that ends at ``end`` (spaces before ``end`` ignored), or None.
        With ``exact`` the text is lower-cased with its diacritics ("đồng chí" is not "chi")."""
        while end > start and folded[end - 1] in " \t\n":
            end -= 1
        if end <= start or folded[end - 1] not in (self._exact_lasts if exact else self._lasts):
            return None
        found = None
        for match in (self.exact if exact else self.pattern).finditer(folded, max(start, end - 80), end):
            if match.end() == end:
                found = match
                break
        return found


def _edge_characters(characters) -> frozenset[str]:
    """First (or last) characters of phrases; a hyphen stands for any dash, as in the pattern."""
    found = set(characters)
    return frozenset(found | set("-–—") if "-" in found else found)


_COLUMN_NUMBER = re.compile(r"\s*\(\w{1,3}\)\s*$")
"""The number a table's header cell may give its column ("STT (1)")."""


class Cues(dict):
    """Every cue set of the ontology, by name (``cues["role:lead"]``); section kinds in
    rank order. A dict, so that the thousands of look-ups a document makes cost no call;
    a name that is not in the data raises :class:`VocabularyError`."""

    def __init__(self, sets: dict[str, CueSet]) -> None:
        super().__init__(sets)
        self.section_kinds = self._ranked("section:")
        self.column_roles = self._ranked("column:")
        self._roles_but_ordinal = tuple(s for s in self.column_roles if s.name != "column:ordinal")
        self._composed: dict[tuple, re.Pattern[str]] = {}
        self._any_section = self.union("section:")
        self._any_column = self.union("column:")
        self.any_field = self.union("field:")
        self.any_boilerplate = self.union("boiler:")

    def __missing__(self, name: str) -> CueSet:
        raise VocabularyError(f"cue set {name!r} is not in ontology/cues.ttl")

    __hash__ = object.__hash__  # one object per vocabulary: cached per object, like any other
    __eq__ = object.__eq__

    def compose(self, template: str, *names: str, flags: int = 0) -> re.Pattern[str]:
        """A pattern built around cue sets, compiled once: ``template`` with ``{0}``, ``{1}``
        … standing for the sets ``names`` (literal braces doubled: ``{{0,120}}``)."""
        key = (template, names, flags)
        if key not in self._composed:
            self._composed[key] = re.compile(
                template.format(*(f"(?:{self[name].pattern.pattern})" for name in names)), flags)
        return self._composed[key]

    def union(self, prefix: str) -> CueSet:
        """One set of every phrase of the sets whose names start with ``prefix`` ("field:"):
        a single scan tells whether any of them is there before asking which."""
        phrases = tuple(sorted({p for s in self.values() if s.name.startswith(prefix) for p in s.phrases}))
        return CueSet(prefix + "*", phrases, _phrase_pattern(phrases))

    def _ranked(self, prefix: str) -> tuple[CueSet, ...]:
        return tuple(sorted((s for s in self.values() if s.name.startswith(prefix)),
                            key=lambda s: s.rank or 0))

    def section_kind(self, folded_heading: str) -> str | None:
        """The section kind a heading's words name ("muc dich, yeu cau" → "purpose"), or None."""
        if not self._any_section.search(folded_heading):
            return None
        return self._first(self.section_kinds, folded_heading)

    def opening_section_kind(self, folded_heading: str, words: int = 2) -> str | None:
        """The section kind of a heading that opens with a section's name, after at most
        ``words`` words ("Mục đích, yêu cầu:", "Các nhiệm vụ cụ thể:"); None for a sentence
        that only uses the word ("Để …, Chủ tịch UBND tỉnh yêu cầu:")."""
        found = self._any_section.search(folded_heading)
        if found is None or len(folded_heading[:found.start()].split()) > words:
            return None
        return self.section_kind(folded_heading)

    def reported_section_kind(self, folded_leadin: str) -> str | None:
        """The kind of the part a news item's lead-in reports ("Kế hoạch … nêu rõ yêu cầu đối
        với … như sau:" → purpose): the part's name right after the reporting words."""
        reported = self["reported-section"].search(folded_leadin)
        if reported is None:
            return None
        return self.opening_section_kind(" ".join(folded_leadin[reported.end():].split()[:4]), words=1)

    def column_role(self, folded_header: str) -> str | None:
        """The role a table header names ("co quan chu tri" → "lead"), or None."""
        if not self._any_column.search(folded_header):
            return None
        ranked = self.column_roles
        if not self["column:ordinal"].pattern.fullmatch(_COLUMN_NUMBER.sub("", folded_header).strip(" *:.")):
            # a row number's header is nothing else ("STT", "Số TT", "STT (1)"): "Tên thủ tục hành chính nộ bộ"
            # holds an English "no", "Thông tư số 94/2025/TT-BTC" a "tt"
            ranked = self._roles_but_ordinal
        role = self._first(ranked, folded_header)
        if role == "coordinate" and self["column:lead"].search(folded_header):
            return "lead"  # "Cơ quan chủ trì/phối hợp": its cells say who leads and who coordinates
        if role == "body":  # ("Cơ quan, đơn vị": the body that does the row's work; the header says nothing else)
            return "lead" if self["column:body"].pattern.fullmatch(folded_header.strip(" *:.")) else None
        return role

    @staticmethod
    def _first(ranked: tuple[CueSet, ...], folded: str) -> str | None:
        for cue_set in ranked:
            if cue_set.at(folded, 0) if cue_set.opens_heading else cue_set.search(folded):
                return cue_set.name.split(":", 1)[1]
        return None


@cache
def load_cues() -> Cues:
    """Read ``ontology/cues.ttl`` (cached for the process)."""
    graph = Statements.parse([resources.files("plankg.ontology").joinpath("cues.ttl").read_bytes()])
    skos, pk = Namespace(SKOS), Namespace(DEF)
    sets: dict[str, CueSet] = {}
    for concept in graph.subjects(skos.inScheme, pk.cueSets):
        name = graph.value(concept, skos.notation)
        if name is None:
            raise VocabularyError(f"cue set {concept} has no skos:notation")
        raw = [str(p) for p in graph.objects(concept, pk.phrase)]
        phrases = tuple(sorted({fold(p).strip() for p in raw}))
        rank = graph.value(concept, pk.rank)
        sets[str(name)] = CueSet(str(name), phrases, _phrase_pattern(phrases),
                                 int(rank) if rank is not None else None,
                                 _phrase_pattern(raw, folded=False),
                                 tuple(sorted(raw, key=len, reverse=True)),
                                 graph.value(concept, pk.opensHeading) == "true")
    cues = Cues(sets)
    _PATTERNS.save()
    return cues
