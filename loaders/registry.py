"""The reference vocabularies the extractor matches against, read from ``ontology/``.

Agency types, provinces, document-type and issuer codes, and national programmes live
in Turtle files (data, not code). This module reads them once per process into plain
indexes: compiled patterns over folded text (see plankg.loaders.normalize) that find
every alias at once. The Turtle is parsed by Oxigraph into the few lookups the indexes
need (plankg.loaders.turtle): rdflib took 0.2 s of every command's start for the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources

from plankg.loaders.normalize import fold
from plankg.loaders.patterns import PatternCache
from plankg.loaders.records import OTHER
from plankg.loaders.turtle import Namespace, Statements

from plankg.errors import VocabularyError

DEF = "https://w3id.org/plankg/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ELI = "http://data.europa.eu/eli/ontology#"

UNSPECIFIED = "UNSPECIFIED"
"""Code of phrases that stand in agency lists but name nobody ("relevant units")."""


@dataclass(frozen=True)
class AgencyType:
    """One agency type of the registry (a SKOS concept in agencies.ttl)."""

    code: str
    label_vi: str
    label_en: str
    level: str | None
    kind: str | None
    short_names: tuple[str, ...] = ()
    national_counterpart: str | None = None
    """The ministry whose work a province's body does ("DOF" → "MOF"), for "các Bộ: Tài chính, …"."""
    enacting_rank: int | None = None
    """Rank of the documents it enacts (0 the National Assembly's; ``plankg:enactingRank``)."""


@dataclass(frozen=True)
class Programme:
    """A national document that plans name by title alone."""

    number: str
    title_vi: str
    title_en: str
    aliases: tuple[str, ...]
    covers: tuple[int, int]


@dataclass(frozen=True)
class Registry:
    """Compiled indexes over the ontology's reference data."""

    agencies: dict[str, AgencyType]
    alias_codes: dict[str, frozenset[str]]
    """folded alias → codes it names (one alias may name two, e.g. "provincial and local
    departments" → DEPTS and DPC)."""
    proper_aliases: frozenset[str]
    """Short aliases written only as names ("Hải quan"): in lower case ("thủ tục hải quan")
    the words are a topic, not the body."""
    unbroken_aliases: frozenset[str]
    """Aliases of several words never written with a comma or dash between them ("Tỉnh
    đoàn"): in a text, "tỉnh, Đoàn …" are words of a list, not that alias."""
    alias_pattern: re.Pattern[str]
    """Any alias, on folded text, whole words only."""
    alias_words: dict[str, tuple[frozenset[str], ...]]
    """folded alias → the words its labels are written with, by position, in lower case
    with their diacritics ("so nganh" → ({"sở"}, {"ngành"})): to tell a name from other
    words that fold the same ("một số ngành")."""
    national_alias_codes: dict[str, frozenset[str]]
    """folded alias → codes it names in a national document ("dia phuong" → PPCS), where
    that differs from ``alias_codes``."""
    folded_patterns: tuple[tuple[re.Pattern[str], str], ...]
    """Regular expressions over folded text for names written in many orders, with their code."""
    abbreviation_pattern: re.Pattern[str] | None
    abbreviation_codes: dict[str, str]
    name_patterns: tuple[tuple[re.Pattern[str], str], ...]
    """Patterns over the original-case text for names written in many forms ("Báo X");
    unbounded on the left so the engine can scan for their literal head: check
    :func:`starts_name` on each match."""
    short_name_codes: dict[str, str]
    """folded short name ("tai chinh") → code, for lists that drop "Sở" ("Sở Tài chính,
    Xây dựng")."""
    short_name_pattern: re.Pattern[str]
    """Any folded short name standing alone (longest first), for "các Sở: Tài chính, Y tế"."""
    aliases_by_head: dict[str, tuple[str, ...]]
    """first folded word ("so", "bo") → the aliases that open with it, for near matches."""
    authority: dict[str, frozenset[str]]
    """code → the codes that speak with its authority, itself included (the Prime Minister
    and the Government: plankg:sameAuthority; an office, for those it speaks for:
    plankg:speaksFor)."""
    provinces: dict[str, str]
    """folded name or alias → official Vietnamese name."""
    province_iris: dict[str, str]
    """official Vietnamese name → the province concept's IRI."""
    province_pattern: re.Pattern[str]
    doc_type_codes: dict[str, str]
    """folded spelling of a type code → canonical code ("qd" → "QĐ")."""
    doc_type_names: dict[str, str]
    rule_types: frozenset[str]
    """English names of the document kinds that set rules (decree, circular, law …): a clause of
    theirs is a task only where it names a body."""
    dated_rule_types: frozenset[str]
    """English names of the kinds that set rules when their number carries its year (a
    resolution, "55/2025/NQ-HĐND")."""
    subject_line_type: str | None
    """English name of the kind whose header has a subject line ("V/v …") instead of a kind line."""
    doc_type_concepts: dict[str, str]
    """English type name → the document type's concept IRI ("decision" → …/doc-type/decision)."""
    """canonical type code → English type name ("QĐ" → "decision")."""
    doc_type_words: dict[str, str]
    """folded type word ("quyet dinh", "decision") → English type name."""
    kind_words_ending: re.Pattern[str]
    """A type word and "số" ending a folded text ("… theo Nghị quyết số")."""
    issuer_codes: dict[str, str]
    """folded spelling of an issuer code or English issuer name → canonical code."""
    issuer_agency: dict[str, str]
    """canonical issuer code → agency-type code ("TTg" → "PM")."""
    issuer_names: dict[str, str]
    national_issuer_codes: frozenset[str] = frozenset()
    """Issuer codes that name a national body though their agency type spans levels ("CT", the
    tax department's letters: the provinces' tax offices write their own codes)."""
    known_years: dict[str, int] = field(default_factory=dict)
    """document number → year of issue, for national documents the ontology describes."""
    known_titles: dict[tuple[str, int], str] = field(default_factory=dict)
    """(folded title, year) → number, for documents cited by title alone ("Luật Bảo vệ môi
    trường năm 2020" → 72/2020/QH14)."""
    known_dates: dict[str, str] = field(default_factory=dict)
    same_titles: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    """(folded title, year) → every number of that title and year (two 2025 local-government laws)."""
    """document number → date of issue (ISO), to tell apart two laws of one title and year."""
    programmes: tuple[Programme, ...] = field(default_factory=tuple)
    programme_pattern: re.Pattern[str] | None = None


_SEPARATOR = r"(?:\s*[-–,/]\s*|\s+)"
"""Between the words of a body's name: spaces, a comma or a dash, or a slash between two
kinds it covers ("UBND các tỉnh/thành phố trực thuộc trung ương")."""
_PLACE_SEPARATOR = r"(?:\s*[-–]\s*|\s+)"
"""Between the words of a place's name: a dash ("Bà Rịa - Vũng Tàu"), never a comma ("tỉ giá,
lãi suất" holds no "Gia Lai"), which a body's name may hold ("Sở Văn hóa, Thể thao và Du lịch")."""


def _words_trie(phrases: list[str]) -> dict:
    """Phrases merged into a trie of words ("uy ban nhan dan (cac huyen|tinh|...)"), which
    the regex engine walks far faster than a flat alternation of hundreds."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in (t for t in re.split(r"[\s\-–,/]+", phrase) if t):
            node = node.setdefault(token, {})
        node[""] = {}  # end of a phrase
    return trie


def _trie_regex(node: dict, separator: str = _SEPARATOR) -> str:
    return "(?:" + "|".join(_branches(node, separator)) + ")" if any(node) else ""


def _branches(node: dict, separator: str) -> list[str]:
    """One alternative per word of the node, the longest first, each with its subtree."""
    out = []
    for token in sorted((t for t in node if t), key=len, reverse=True):
        rest = _trie_regex(node[token], separator)
        tail = f"{separator}{rest}" if rest else ""
        head = re.escape(token).replace(r"\&", _AMPERSAND)
        out.append(head + (f"(?:{tail})?" if "" in node[token] and rest else tail))
    return out


_AMPERSAND = r"[ \t]*&[ \t]*"
"""The "&" of an abbreviated name, written with spaces around it or not ("Sở KH&CN", "Sở KH & CN")."""


# A name stands alone: not inside a word or a document number ("12/UBND-KT"), but it may
# share a slash with another name ("Sở Kế hoạch và Đầu tư/BQL các KCN").
_PATTERNS = PatternCache("registry")
_BEFORE = r"(?<![\w-])(?<!\d/)"
_AFTER = r"(?![\w-])(?!/\s*\d)"
_WORD_BREAK = r"(?:(?:[ \t]+\n?|\n)[ \t]*)"
"""What a space between two words of a name pattern stands for: spaces, or a line break where a
hard-wrapped line cut the name ("Ban Quản lý Khu kinh tế" | "Đông Nam"), never a blank line."""


def starts_name(text: str, pos: int) -> bool:
    """A name may start at ``pos``: not inside a word, a hyphenated code or a number ("12/UBND")."""
    before = text[pos - 1] if pos else " "
    return not (before.isalnum() or before in "_-" or before == "/" and pos > 1 and text[pos - 2].isdigit())


def _bounded_words(phrases: list[str], separator: str = _SEPARATOR) -> re.Pattern[str]:
    """A regex matching any folded phrase standing alone, with flexible separators."""
    trie = _words_trie(phrases)
    return _bounded({token: _trie_regex({token: trie[token]}, separator) for token in trie if token})


def _bounded(alternatives: dict[str, str]) -> re.Pattern[str]:
    """One bounded pattern for literal-headed alternatives ({literal head: regex}).

    The boundary test sits after each alternative's first character, grouped by that
    character: a pattern that opens with a lookbehind makes the engine try every position
    of the text, one that opens with a set of literals lets it skip to the candidates
    (a third faster on the alias pattern)."""
    groups: dict[str, list[str]] = {}
    for head, regex in sorted(alternatives.items(), key=lambda item: len(item[0]), reverse=True):
        escaped = re.escape(head[0])
        if not regex.startswith(escaped) and not regex.startswith("(?:" + escaped):
            raise ValueError(f"alternative {regex!r} does not open with {head[0]!r}")
        groups.setdefault(head[0], []).append(regex)
    branches = [re.escape(first) + rf"(?<={_BEFORE}.)(?:" + "|".join(
        _after_first(regex, re.escape(first)) for regex in regexes) + ")" for first, regexes in groups.items()]
    return _PATTERNS.compile("(?:" + "|".join(branches) + f"){_AFTER}")


def _after_first(regex: str, escaped_first: str) -> str:
    """The regex without its first (literal) character."""
    if regex.startswith("(?:"):
        return "(?:" + regex[3 + len(escaped_first):]
    return regex[len(escaped_first):]


@cache
def load_registry() -> Registry:
    """Read ``ontology/*.ttl`` into a :class:`Registry` (cached for the process)."""
    folder = resources.files("plankg.ontology")
    registry = _build(Statements.parse(folder.joinpath(name).read_bytes() for name in (
        "agencies.ttl", "provinces.ttl", "doctypes.ttl", "programmes.ttl", "national_documents.ttl")))
    _PATTERNS.save()
    return registry


def _build(graph: Statements) -> Registry:
    skos, pk, eli = Namespace(SKOS), Namespace(DEF), Namespace(ELI)

    def labels(node, prop, lang: str | None = None) -> list[str]:  # noqa: ANN001
        return [str(o) for o in graph.objects(node, prop) if lang is None or o.language == lang]

    def one(node, prop, lang: str) -> str:  # noqa: ANN001
        found = labels(node, prop, lang)
        return found[0] if found else ""

    def local(node) -> str | None:  # noqa: ANN001
        return None if node is None else str(node).rsplit("#", 1)[-1]

    agencies: dict[str, AgencyType] = {}
    alias_codes: dict[str, set[str]] = {}
    national_codes: dict[str, set[str]] = {}
    folded_patterns: list[tuple[re.Pattern[str], str]] = []
    alias_words: dict[str, list[set[str]]] = {}
    abbreviations: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    short_names: dict[str, str] = {}
    proper: set[str] = set()
    common: set[str] = set()
    separated: set[str] = set()  # aliases written somewhere with a comma or dash between words
    counterparts: dict[str, str] = {}  # code → counterpart concept IRI
    code_of: dict[str, str] = {}  # concept IRI → code
    for concept in graph.subjects(skos.inScheme, pk.agencyTypes):
        notation = graph.value(concept, skos.notation)
        if notation is None:
            raise VocabularyError(f"agency concept {concept} has no skos:notation")
        code = str(notation)
        code_of[str(concept)] = code
        if (counterpart := graph.value(concept, pk.nationalCounterpart)) is not None:
            counterparts[code] = str(counterpart)
        shorts = labels(concept, pk.shortName)
        agencies[code] = AgencyType(
            code=code,
            label_vi=one(concept, skos.prefLabel, "vi"),
            label_en=one(concept, skos.prefLabel, "en"),
            level=local(graph.value(concept, pk.level)),
            kind=local(graph.value(concept, pk.kind)),
            short_names=tuple(shorts),
            enacting_rank=int(rank) if (rank := graph.value(concept, pk.enactingRank)) is not None else None,
        )
        if code == OTHER:
            continue  # "Cơ quan, tổ chức khác" names the fallback, never a body in a text
        own = [*labels(concept, skos.altLabel), *labels(concept, skos.prefLabel)]
        own += [spelt for alias in own if (spelt := _ABBREVIATED_AND.sub(" và ", alias)) != alias]
        for alias in own + labels(concept, pk.nationalAltLabel):
            _add_words(alias_words, alias)
        for alias in own:
            alias_codes.setdefault(_fold_alias(alias), set()).add(code)
            (proper if alias[:1].isupper() and len(alias.split()) <= 2 else common).add(_fold_alias(alias))
            if _SEPARATORS.search(alias):
                separated.add(_fold_alias(alias))
        for alias in labels(concept, pk.nationalAltLabel):
            national_codes.setdefault(_fold_alias(alias), set()).add(code)
            if _SEPARATORS.search(alias):
                separated.add(_fold_alias(alias))
        for regex in labels(concept, pk.foldedPattern):  # (its start is bounded by the reader: starts_name)
            folded_patterns.append((_PATTERNS.compile(rf"(?:{regex}){_AFTER}"), code))
        for abbr in labels(concept, pk.abbreviation):
            abbreviations[abbr] = code
        for regex in labels(concept, pk.matchPattern):
            patterns.append((_PATTERNS.compile(regex.replace(" ", _WORD_BREAK)), code))  # bounded by the
            # reader: a literal head scans fast
        for short in shorts:
            short_names[_fold_alias(short)] = code

    for code, counterpart in counterparts.items():
        if counterpart in code_of:
            agencies[code] = replace(agencies[code], national_counterpart=code_of[counterpart])

    provinces: dict[str, str] = {}
    province_iris: dict[str, str] = {}
    for concept in graph.subjects(skos.inScheme, pk.provinces):
        official = one(concept, skos.prefLabel, "vi")
        province_iris[official] = str(concept)
        for name in labels(concept, skos.prefLabel) + labels(concept, skos.altLabel):
            provinces[_fold_alias(name)] = official

    doc_type_codes, doc_type_names, doc_type_words, doc_type_concepts = {}, {}, {}, {}
    rule_types: set[str] = set()
    dated_rule_types: set[str] = set()
    subject_line_type = None
    for concept in graph.subjects(skos.inScheme, pk.documentTypes):
        code = str(graph.value(concept, pk.code))
        english = one(concept, skos.prefLabel, "en")
        doc_type_names[code] = english
        if graph.value(concept, pk.setsRules) == "true":
            rule_types.add(english)
        if graph.value(concept, pk.setsRulesWhenDated) == "true":
            dated_rule_types.add(english)
        if graph.value(concept, pk.hasSubjectLine) == "true":
            subject_line_type = english
        doc_type_concepts[english] = str(concept)
        doc_type_codes[_fold_alias(code)] = code
        for word in labels(concept, skos.prefLabel) + labels(concept, skos.altLabel):
            if word.isupper():  # a spelling of the code ("QD", "CTR")
                doc_type_codes[_fold_alias(word)] = code
            else:  # a name written before a number ("Quyết định", "Decision")
                doc_type_words[_fold_alias(word)] = english

    issuer_codes, issuer_agency, issuer_names, national_issuer_codes = {}, {}, {}, set()
    for concept in graph.subjects(skos.inScheme, pk.issuerCodes):
        code = str(graph.value(concept, pk.code))
        if local(graph.value(concept, pk.level)) == "NationalLevel":
            national_issuer_codes.add(code)
        issuer_codes[_fold_alias(code)] = code
        issuer_names[code] = one(concept, skos.prefLabel, "en")
        for alias in labels(concept, skos.altLabel):
            issuer_codes[_fold_alias(alias)] = code
        agency = graph.value(concept, pk.agencyType)
        if agency is not None:
            issuer_agency[code] = str(graph.value(agency, skos.notation))

    programmes = []
    for doc in graph.subjects(pk.titleAlias):
        programmes.append(Programme(
            number=str(graph.value(doc, eli.number)),
            title_vi=one(doc, eli.title, "vi"),
            title_en=one(doc, eli.title, "en"),
            aliases=tuple(_fold_alias(a) for a in labels(doc, pk.titleAlias)),
            covers=(int(graph.value(doc, pk.coversFrom)), int(graph.value(doc, pk.coversTo))),
        ))
    programme_aliases = [a for p in programmes for a in p.aliases]
    known_years = {str(number): int(str(date)[:4])
                   for doc, number in graph.subject_objects(eli.number)
                   if (date := graph.value(doc, eli.date_document)) is not None}
    def titles(doc) -> list:  # noqa: ANN001 - its title and the other titles it is cited by
        return [*graph.objects(doc, eli.title), *graph.objects(doc, eli.title_alternative)]

    known_titles = {(_fold_alias(str(title)), known_years[str(number)]): str(number)
                    for doc, number in graph.subject_objects(eli.number) if str(number) in known_years
                    for title in titles(doc)}
    known_dates = {str(number): str(date)[:10] for doc, number in graph.subject_objects(eli.number)
                   if (date := graph.value(doc, eli.date_document)) is not None}
    titled: dict[tuple[str, int], list[str]] = {}
    for doc, number in graph.subject_objects(eli.number):
        if str(number) in known_years:
            for title in titles(doc):
                titled.setdefault((_fold_alias(str(title)), known_years[str(number)]), []).append(str(number))

    authority: dict[str, set[str]] = {code: {code} for code in agencies}
    for concept in graph.subjects(skos.inScheme, pk.agencyTypes):
        for other in graph.objects(concept, pk.sameAuthority):
            one_code, other_code = str(graph.value(concept, skos.notation)), str(graph.value(other, skos.notation))
            authority[one_code].add(other_code)
            authority.setdefault(other_code, {other_code}).add(one_code)
    for concept, served in graph.subject_objects(pk.speaksFor):  # (one way: after the symmetric pairs)
        authority[str(graph.value(concept, skos.notation))].add(str(graph.value(served, skos.notation)))
    abbreviation_pattern = _bounded({a: re.escape(a) for a in abbreviations}) if abbreviations else None
    return Registry(
        agencies=agencies,
        alias_codes={k: frozenset(v) for k, v in alias_codes.items()},
        proper_aliases=frozenset(proper - common),
        unbroken_aliases=frozenset(k for k in (*alias_codes, *national_codes) if " " in k and k not in separated),
        alias_pattern=_bounded_words(list(alias_codes) + list(national_codes)),
        alias_words={k: tuple(frozenset(w) for w in v) for k, v in alias_words.items()},
        national_alias_codes={k: frozenset(v) for k, v in national_codes.items()},
        folded_patterns=tuple(folded_patterns),
        abbreviation_pattern=abbreviation_pattern,
        abbreviation_codes=abbreviations,
        name_patterns=tuple(patterns),
        short_name_codes=short_names,
        short_name_pattern=_bounded_words(list(short_names)),
        authority={code: frozenset(codes) for code, codes in authority.items()},
        aliases_by_head=_by_head(list(alias_codes)),
        provinces=provinces,
        province_iris=province_iris,
        known_years=known_years,
        known_titles=known_titles,
        known_dates=known_dates,
        same_titles={k: tuple(sorted(set(v))) for k, v in titled.items()},
        province_pattern=_bounded_words(list(provinces), _PLACE_SEPARATOR),
        doc_type_codes=doc_type_codes,
        doc_type_names=doc_type_names,
        rule_types=frozenset(rule_types),
        dated_rule_types=frozenset(dated_rule_types),
        subject_line_type=subject_line_type,
        doc_type_concepts=doc_type_concepts,
        doc_type_words=doc_type_words,
        kind_words_ending=_PATTERNS.compile("(?:" + "|".join(map(re.escape, doc_type_words))
                                     + r")\s*(?:so|no\.?)?\s*[:.]?\s*$"),
        issuer_codes=issuer_codes,
        issuer_agency=issuer_agency,
        issuer_names=issuer_names,
        national_issuer_codes=frozenset(national_issuer_codes),
        programmes=tuple(programmes),
        programme_pattern=_bounded_words(programme_aliases) if programmes else None,
    )


def _by_head(aliases: list[str]) -> dict[str, tuple[str, ...]]:
    heads: dict[str, list[str]] = {}
    for alias in aliases:
        heads.setdefault(alias.split(" ", 1)[0], []).append(alias)
    return {head: tuple(sorted(found)) for head, found in heads.items()}


NEAR_MIN_CHARS = 10
"""A name this long or longer may be read as the alias one letter away from it."""


def near_aliases(registry: Registry, key: str) -> list[str]:
    """The aliases one letter away from a folded name (a typing or OCR slip: "so say dung"
    for "so xay dung"), opening with the same word; none for a short name."""
    if len(key) < NEAR_MIN_CHARS:
        return []
    return [alias for alias in registry.aliases_by_head.get(key.split(" ", 1)[0], ())
            if alias != key and abs(len(alias) - len(key)) <= 1 and _one_edit(alias, key)]


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by changing, adding or dropping one character."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1:]


_SEPARATORS = re.compile(r"\w\s*[,\-–]\s*\w")


def _add_words(words_of: dict[str, list[set[str]]], alias: str) -> None:
    """Record the words ``alias`` is written with under its folded key, by position."""
    words = written_words(alias)
    known = words_of.setdefault(_fold_alias(alias), [set() for _ in words])
    if len(known) == len(words):
        for place, word in zip(known, words, strict=True):
            place.add(word)


def written_words(text: str) -> list[str]:
    """The words of a name as written, in lower case with their diacritics (separators and
    emphasis marks dropped)."""
    return [w for w in re.split(r"[\s\-–,/*_]+", unicodedata.normalize("NFC", text).lower()) if w]


def _fold_alias(alias: str) -> str:
    """An alias as the folded text will show it, separators normalised to one space and
    none around an "&" ("Sở KH & CN" is "so kh&cn")."""
    return " ".join(re.split(r"[\s\-–,/]+", _SPACED_AMPERSAND.sub("&", fold(alias)))).strip()


_SPACED_AMPERSAND = re.compile(r"\s*&\s*")
_ABBREVIATED_AND = re.compile(r"(?<=[A-ZĐ])\s*&\s*(?=[A-ZĐ])")
"""The "&" between two abbreviations, which a text may write "và" ("Sở KH&CN" as "Sở KH và CN")."""


@lru_cache(maxsize=65536)
def alias_key(surface: str) -> str:
    """The dictionary key of a matched alias (its folded words, one space apart)."""
    return _fold_alias(surface)
