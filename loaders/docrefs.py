"""Documents a plan names: its legal bases ("Căn cứ ...", "Implementing Decision ..."),
and every other document cited in its body.

The head of a plan (title, preamble) is read clause by clause: a clause that opens
with "Căn cứ" / "Pursuant to" makes its first document a ``based_on`` basis, one that
opens with "thực hiện" / "triển khai" / "Implementing" an ``implements`` basis; other
documents in the same clause (the basis's own title often names one) are cited. A
national programme named by its title alone ("Chương trình hành động quốc gia về sản
xuất và tiêu dùng bền vững") resolves through the ontology's programme list, marked
``inferred``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plankg.loaders.docnumbers import DocNumber, doc_type_name, find_numbers, issuer_agency
from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.records import DocRef, Relation, Span
from plankg.loaders.registry import Registry, alias_key

_CLAUSE_RELATION = (
    (re.compile(r"(?:can cu|pursuant to|based on)\b"), Relation.BASED_ON),
    (re.compile(r"(?:thuc hien|trien khai|implementing|in implementation of|to implement"
                r"|implementation plan (?:for|of)(?: implementing)?)\b"), Relation.IMPLEMENTS),
)
_LAW_TITLE = re.compile(
    r"\b(Luật|Bộ luật|Law on|Law of)\s+([^;,.()\n]{3,90}?)\s*(?:năm\s+)?((?:19|20)\d{2})\b")
_VI_DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:tháng\s*|/)\s*(\d{1,2})\s*(?:năm\s*|/)\s*((?:19|20)\d{2})")
_EN_DATE = re.compile(r"dated\s+([A-Z][a-z]+)\s+(\d{1,2}),?\s*((?:19|20)\d{2})")
_CLAUSE_END = re.compile(r"[;|]|\.\s|\n\s*\n")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


def find_docrefs(doc: NormalizedText, registry: Registry, head: Iterable[tuple[int, int]],
                 body: Iterable[tuple[int, int]], own_number: str | None,
                 period: tuple[int, int] | None) -> tuple[list[DocRef], list[DocRef]]:
    """(legal bases, cited documents) of one document.

    Args:
        doc: the normalised document.
        registry: reference data (type codes, programmes).
        head: spans of the title and preamble paragraphs.
        body: spans of every other paragraph and table cell.
        own_number: the document's own number, never reported as a reference.
        period: the plan's years, to choose between programmes of the same title.
    """
    bases: dict[str, DocRef] = {}
    titled: list[DocRef] = []
    cited: dict[str, DocRef] = {}
    body = [span for span in body if _has_reference(doc, span)]
    for start, end in head:
        for clause_start, clause_end, relation in _clauses(doc, start, end):
            refs = list(_refs_in(doc, registry, clause_start, clause_end, own_number))
            if relation is not None and refs:
                first, rest = refs[0], refs[1:]
                ref = _ref(doc, registry, first, relation)
                known = bases.get(first[0])
                if known is None or (known.issued is None and ref.issued is not None):
                    bases[first[0]] = ref  # a later mention with its date tells more
                for item in rest:
                    cited.setdefault(item[0], _ref(doc, registry, item, Relation.CITES))
            elif relation is not None:
                titled.extend(_titled(doc, registry, clause_start, clause_end, relation, period))
            else:
                for item in refs:
                    cited.setdefault(item[0], _ref(doc, registry, item, Relation.CITES))
    for ref in titled:
        if ref.number is None or ref.number not in bases:
            bases.setdefault(ref.number or f"title:{ref.title}", ref)
    for start, end in body:
        for item in _refs_in(doc, registry, start, end, own_number):
            cited.setdefault(item[0], _ref(doc, registry, item, Relation.CITES))
        for ref in _titled(doc, registry, start, end, Relation.CITES, period):
            cited.setdefault(ref.number or f"title:{ref.title}", ref)
    cited = {k: v for k, v in cited.items() if k not in bases}
    return list(bases.values()), list(cited.values())


_REFERENCE_HINT = re.compile(r"\d\s*/|luat\b|\blaw\b|chuong trinh|program|de an|scheme|chien luoc|strategy")


def _has_reference(doc: NormalizedText, span: tuple[int, int]) -> bool:
    """Cheap pre-check before the full reference patterns run on a paragraph."""
    return _REFERENCE_HINT.search(doc.folded, span[0], span[1]) is not None


def _clauses(doc: NormalizedText, start: int, end: int):
    """(start, end, relation) of each ";"-separated clause of a head paragraph."""
    folded = doc.folded
    pos = start
    for match in re.finditer(r";|$", folded[start:end]):
        stop = start + match.start()
        lead = len(folded[pos:stop]) - len(folded[pos:stop].lstrip())
        relation = None
        for pattern, rel in _CLAUSE_RELATION:
            found = pattern.search(folded, pos + lead, stop)
            if found and found.start() - (pos + lead) <= 40:
                relation = rel
                break
        if stop > pos:
            yield pos, stop, relation
        pos = stop + 1


def _refs_in(doc: NormalizedText, registry: Registry, start: int, end: int,
             own_number: str | None):
    """(canonical number, match, DocNumber) of each numbered reference, then laws by title."""
    for match, number in find_numbers(doc.work, registry, start, end):
        key = str(number)
        if own_number and key == own_number:
            continue
        yield key, match.start(), match.end(), number
    for match in _LAW_TITLE.finditer(doc.work, start, end):
        title = squash(f"{match.group(1)} {match.group(2)}")
        yield f"title:{title} {match.group(3)}", match.start(), match.end(), (title, int(match.group(3)))


def _ref(doc: NormalizedText, registry: Registry, item, relation: Relation) -> DocRef:
    key, start, end, what = item
    if isinstance(what, DocNumber):
        quote_end = min(len(doc.text), max(end, _sentence_end(doc.work, end)))
        issued = _date_after(doc.work, end)
        agency = issuer_agency(what, registry)
        return DocRef(number=key, relation=relation, span=Span(start, quote_end),
                      quote=squash(doc.text[start:quote_end]), doc_type=doc_type_name(what, registry),
                      issuer=registry.agencies[agency].label_en if agency in registry.agencies else None,
                      issued=issued, year=what.year or (int(issued[:4]) if issued else None))
    title, year = what
    return DocRef(number=None, relation=relation, span=Span(start, end), quote=squash(doc.text[start:end]),
                  doc_type="law", issuer="National Assembly", title=title, year=year,
                  official_number=registry.known_titles.get((alias_key(title), year)))


def _titled(doc: NormalizedText, registry: Registry, start: int, end: int, relation: Relation,
            period: tuple[int, int] | None) -> list[DocRef]:
    """National programmes named by title alone, resolved through the ontology."""
    if registry.programme_pattern is None:
        return []
    out = []
    for match in registry.programme_pattern.finditer(doc.folded, start, end):
        alias = " ".join(re.split(r"[\s\-–,]+", match.group()))
        candidates = [p for p in registry.programmes if alias in p.aliases]
        if not candidates:
            continue
        year = period[0] if period else None
        fitting = [p for p in candidates if year is not None and p.covers[0] <= year <= p.covers[1]]
        chosen = (fitting or sorted(candidates, key=lambda p: p.covers[1]))[-1]
        out.append(DocRef(number=chosen.number, relation=relation,
                          span=Span(match.start(), match.end()),
                          quote=squash(doc.text[match.start():match.end()]), doc_type="decision",
                          title=chosen.title_en, inferred=True))
    return out


def _sentence_end(work: str, pos: int) -> int:
    match = _CLAUSE_END.search(work, pos, pos + 200)
    return match.start() if match else min(len(work), pos + 200)


def _date_after(work: str, pos: int) -> str | None:
    window = work[pos:pos + 40]
    match = _VI_DATE.search(window)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _iso(year, month, day)
    match = _EN_DATE.search(window)
    if match and match.group(1).lower() in _MONTHS:
        return _iso(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
