"""Documents a plan names, and how it relates to each: based on, implements, replaces,
repeals, amends, or only cites.

The relation is decided by the verb of the clause that names a document, never by
words inside a cited document's title:

* a preamble clause opening with "Căn cứ" / "Pursuant to" gives ``based_on``, one
  opening with "Thực hiện" / "Triển khai" / "Implementing" gives ``implements``, and a
  purpose statement ("Mục đích …: triển khai nghiêm túc Nghị quyết số …") too;
* "Thay thế" / "Bãi bỏ" / "Sửa đổi, bổ sung" said by the document itself ("Quyết định
  này … Thay thế Quyết định số …") give ``replaces`` / ``repeals`` / ``amends``;
* in a list of documents ("Căn cứ Luật …; Luật …; Nghị định số … và Nghị định số …")
  every document the list names gets the clause's relation; a document named inside
  another's title ("Kế hoạch số 17/KH-UBND … về thực hiện Nghị quyết số 71/NQ-CP") is
  cited, and where that title amends, replaces or repeals it, the first document is
  recorded as doing so;
* every other document in the body, tables included, is cited.

Laws named by title and date ("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm
2025") get the number reference data gives them; national programmes named by title
alone resolve through the programme list, marked ``inferred``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from plankg.loaders import dates
from plankg.loaders.cues import Cues
from plankg.loaders.docnumbers import doc_type_name, find_numbers, issuer_agency, parse_number
from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.records import DocNumber, DocRef, Relation, Span
from plankg.loaders.registry import Registry, alias_key

_LAW_TITLE = re.compile(
    r"\b(Luật|Bộ luật|LUẬT|Law on|Law of)\s+((?:(?!\bngày\b|\bnăm\b|\bsố\s*\d|\bdated\b)[^;()\[\]])"
    r"{3,140}?)\s*(?:ngày\s+(\d{1,2})(?:\s*tháng\s*|/)(\d{1,2})(?:\s*năm\s*|/)((?:19|20)\d{2})"
    r"|năm\s*((?:19|20)\d{2})|((?:19|20)\d{2})\b|dated\s+" + dates.EN_DATE.pattern + ")")
_SEPARATORS = re.compile(r"^[\s,;()]*(?:\b(?:va|and)\b)?[\s,;()]*$")
_DATED = re.compile(r"dated\s+" + dates.EN_DATE.pattern)
_REFERENCE_HINT = re.compile(r"[0-9lcp](?:(?<=\d)\s*[/-]|(?<=l)uat\b|(?<=\bl)aw\b|(?<=c)huong trinh|(?<=p)rogram)")
"""A number's slash or dash, "luật", "law", "chương trình", "program": opening with a set of
first characters lets the engine skip to them (twice as fast as the plain alternation)."""
_LIST_ITEM = re.compile(r"\s*(?:[-–—+•]|[a-zđ]\)|\d{1,2}[.)])\s")
_CLAUSE_END = re.compile(r";|\n\s*[-–—+•]\s")
_CHANGE = {"relation:replaces": "replaces", "relation:repeals": "repeals", "relation:amends": "amends"}

@dataclass
class _Ref:
    """One document named in a span: its key, span, and what is known of it."""

    key: str
    start: int
    end: int
    number: DocNumber | None = None
    title: str | None = None
    year: int | None = None
    date: str | None = None
    changes: dict[str, list[DocNumber]] = field(default_factory=dict)


@dataclass(frozen=True)
class Spans:
    """Where to look: the preamble, a section of legal bases, the purpose statements, and everything else."""

    preamble: tuple[tuple[int, int], ...]
    purpose: tuple[tuple[int, int], ...]
    body: tuple[tuple[int, int], ...]
    excluded: tuple[tuple[int, int], ...] = ()
    """Lines that name the document itself ("Ban hành kèm theo Quyết định số …")."""
    basis: tuple[tuple[int, int], ...] = ()
    """Paragraphs of a section of legal bases ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" and its items)."""


def find_docrefs(doc: NormalizedText, cues: Cues, registry: Registry, spans: Spans, own_number: str | None,
                 period: tuple[int, int] | None, issuer: str | None = None) -> tuple[list[DocRef], list[DocRef]]:
    """(legal bases, cited documents) of one document issued by ``issuer`` (an agency code,
    when the header names one)."""
    related: dict[str, tuple[_Ref, Relation]] = {}
    cited: dict[str, _Ref] = {}
    titled_bases: list[DocRef] = []
    programmes: dict[str | None, DocRef] = {}

    def relate(ref: _Ref, relation: Relation) -> None:
        known = related.get(ref.key)
        if known is None or (known[0].date is None and ref.date is not None):
            related[ref.key] = (ref, relation if known is None else known[1])

    def cite(refs: Iterable[_Ref]) -> None:
        for ref in refs:
            if ref.key != own_number and not _excluded(ref, spans.excluded):
                known = cited.get(ref.key)
                if known is None or (known.date is None and ref.date is not None):
                    cited[ref.key] = ref

    carried: Relation | None = None  # "Căn cứ các văn bản sau:" hands its relation to the items below
    for start, end, in_basis in [*((s, e, False) for s, e in spans.preamble), *((s, e, True) for s, e in spans.basis)]:
        item = _LIST_ITEM.match(doc.folded, start, end) is not None
        opening = _opening_relation(doc, cues, start, end)
        inherited = Relation.BASED_ON if in_basis else carried if item and opening is None else None
        carried = (opening or inherited) if doc.folded[start:end].rstrip(" *").endswith(":") or item else None
        for clause_list in _lists(doc, cues, registry, start, end, inherited):
            relation, refs, heads = clause_list
            for ref in refs:
                if ref.key in heads and relation in (Relation.BASED_ON, Relation.IMPLEMENTS) \
                        and ref.key != own_number and not _excluded(ref, spans.excluded):
                    relate(ref, relation)
            cite(refs)
            if relation in (Relation.BASED_ON, Relation.IMPLEMENTS) and not refs:
                titled_bases += _programmes(doc, registry, start, end, relation, period)
    def own_changes(start: int, end: int) -> None:
        for relation, changed in _own_changes(doc, cues, registry, start, end):
            for ref in changed:
                if ref.key != own_number and ref.key not in related and not _outranks(registry, ref, issuer):
                    related[ref.key] = (ref, relation)

    for start, end in spans.preamble:  # "Kế hoạch này thay thế Kế hoạch số …" before the first section
        own_changes(start, end)
    for start, end in spans.purpose:
        for relation, refs, heads in _purpose_lists(doc, cues, registry, start, end):
            for ref in refs:
                if ref.key in heads and ref.key != own_number:
                    relate(ref, relation)
            cite(refs)
    hints = [(m.start(), m.end()) for m in _REFERENCE_HINT.finditer(doc.folded)]  # one scan, not one per span
    hint_ends = [e for _, e in hints]
    for start, end in spans.body + spans.purpose:
        first = bisect.bisect_right(hint_ends, start)  # the first hint that ends inside or after the span
        if first == len(hints) or hints[first][0] >= end:
            continue
        if not (start <= hints[first][0] and hints[first][1] <= end) \
                and not _REFERENCE_HINT.search(doc.folded, start, end):
            continue  # (only a hint across the span's edge needs the pattern run on the span itself)
        refs = _refs(doc, cues, registry, start, end)
        _link_changes(doc, cues, refs)
        cite(refs)
        own_changes(start, end)
        for ref in _programmes(doc, registry, start, end, Relation.CITES, period):
            programmes.setdefault(ref.number, ref)
    bases: list[DocRef] = []
    changed: list[DocRef] = []
    for key, (ref, relation) in related.items():
        record = _docref(doc, registry, ref, relation, cited.get(key))
        (bases if relation in (Relation.BASED_ON, Relation.IMPLEMENTS) else changed).append(record)
    for ref in titled_bases:
        if ref.number not in related:
            bases.append(ref)
            related[ref.number or ""] = (None, ref.relation)
    others = [_docref(doc, registry, ref, Relation.CITES, None) for key, ref in cited.items() if key not in related]
    others += [ref for number, ref in programmes.items() if number not in related and number not in cited]
    return bases, changed + others


def _outranks(registry: Registry, ref: _Ref, issuer: str | None) -> bool:
    """The document ``ref`` names ranks above the issuer's own (``plankg:enactingRank``): its
    words "sửa đổi, bổ sung Nghị định số …" in a provincial decision propose a change to the
    Government, they make none (a document changes only documents of its rank or lower)."""
    own = registry.agencies[issuer].enacting_rank if issuer in registry.agencies else None
    target = issuer_agency(ref.number, registry) if ref.number is not None and own is not None else None
    rank = registry.agencies[target].enacting_rank if target in registry.agencies else None
    return rank is not None and rank < own


# ---------------------------------------------------------------------------- lists of documents

def _lists(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int,
           inherited: Relation | None = None):
    """(relation, refs, head keys) of each list in a preamble paragraph.

    The paragraph's opening words give the relation (a list item's may come from the
    paragraph that announces the list: ``inherited``); each ";"-clause that opens with
    a document (or with its own relation words) continues it.
    """
    relation = _opening_relation(doc, cues, start, end) or inherited
    titled = relation is None and _title_relation(doc, cues, registry, start, end)
    for i, (clause_start, clause_end) in enumerate(_clauses(doc.folded, start, end)):
        own = _opening_relation(doc, cues, clause_start, clause_end)
        if own is not None:
            relation = own
        elif i == 0 and titled:
            relation = Relation.IMPLEMENTS
        elif not _opens_with_document(doc, cues, registry, clause_start, clause_end):
            relation = None if relation is not Relation.CITES else relation
        refs = _refs(doc, cues, registry, clause_start, clause_end)
        _link_changes(doc, cues, refs)
        yield relation or Relation.CITES, refs, _heads(doc, cues, registry, refs, clause_start)


def _purpose_lists(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int):
    """Lists of documents a purpose statement says the plan implements ("… nhằm triển khai
    nghiêm túc Nghị quyết số …; Nghị quyết số …")."""
    verbs = cues["implementing-verb"]
    active = False
    for clause_start, clause_end in _clauses(doc.folded, start, end):
        refs = _refs(doc, cues, registry, clause_start, clause_end)
        if not refs:
            active = False
            continue
        first = refs[0]
        if active and _opens_with_document(doc, cues, registry, clause_start, clause_end):
            yield Relation.IMPLEMENTS, refs, _heads(doc, cues, registry, refs, clause_start)
            continue
        active = False
        for verb in verbs.finditer(doc.folded, clause_start, first.start):
            between = doc.folded[verb.end():_title_start(doc, registry, first, clause_start)]
            words = between.split()
            before = doc.folded[max(clause_start, verb.start() - 20):verb.start()].split()
            if len(words) <= 8 and not re.search(r"\b(?:tai|cua|ve|theo|trong|cac|nhung|noi dung)\b", between) \
                    and not (before and any(" ".join(before[-2:]).endswith(w) for w in registry.doc_type_words)):
                active = True
                yield Relation.IMPLEMENTS, refs, _heads(doc, cues, registry, refs, clause_start)
                break


_ITEM_MARKER = re.compile(r"^[\s*]*(?:[a-zđ]|\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4})[).]\s")
"""The marker of a list item ("b) ", "2. ", "1.3. ", "iv) ") before its words."""


def _own_changes(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int):
    """(relation, refs) the document itself replaces, repeals or amends ("Thay thế Quyết định số …")."""
    folded = doc.folded
    for name, relation in (("relation:replaces", Relation.REPLACES), ("relation:repeals", Relation.REPEALS),
                           ("relation:amends", Relation.AMENDS)):
        for cue in cues[name].finditer(folded, start, end):
            clause_start = max(folded.rfind(". ", start, cue.start()) + 2, folded.rfind(";", start, cue.start()) + 1,
                               start)
            before = folded[clause_start:cue.start()]  # "…; bãi bỏ Quyết định số …" opens a clause of its own
            before = _ITEM_MARKER.sub("", before, count=1)  # ("b) Bãi bỏ toàn bộ Nghị quyết số …": an item)
            if before.strip(" *:-") and not cues["this-document"].search(before):
                continue
            opens = not before.strip(" *:-") or cues["this-document"].ending_at(folded, cue.start(), clause_start)
            # (the words open the clause, or follow "Quyết định này …")
            changed: list[_Ref] = []
            change = relation
            for clause_start, clause_end in _clauses(folded, cue.end(), end):
                if changed and not _opens_with_document(doc, cues, registry, clause_start, clause_end):
                    break
                refs = _refs(doc, cues, registry, clause_start, clause_end)
                if not refs:
                    break
                if not changed and relation == Relation.REPEALS \
                        and cues.compose(_PROVISION, "provision-word").search(folded, cue.end(), refs[0].start):
                    change = Relation.AMENDS  # "Bãi bỏ khoản 3 Điều 5 Quyết định số …": a part repealed, the
                    # document amended (it stays in force)
                attached = change == Relation.AMENDS and opens and _issued_with(cues, folded, cue.end(), refs[0])
                if not changed and len(folded[cue.end():refs[0].start].split()) > 8 and not attached:
                    break  # (a document named far after the words is not what they change, unless a regulation
                    # attached to it is: "sửa đổi, bổ sung một số điều của Quy chế … ban hành kèm theo Quyết định số …")
                heads = _heads(doc, cues, registry, refs, clause_start)
                changed += [r for r in refs if r.key in heads]
            if changed:
                yield change, changed


_PROVISION = r"{0}\s+(?:\d|[ivx]+\b)"
"""A provision with its number ("khoản 3", "Điều 5", "Mục II"), cue set provision-word."""


def _issued_with(cues: Cues, folded: str, start: int, ref: _Ref) -> bool:
    """The words before ``ref`` end with the line that ties a regulation to the document that
    issued it ("Sửa đổi, bổ sung một số điều của Quy chế … ban hành kèm theo Quyết định số
    20/2023/QĐ-UBND", cue set attachment, then the document's kind): amending the regulation
    amends that document."""
    attached = list(cues["attachment"].finditer(folded, start, ref.start))
    return bool(attached) and not _ASIDE.search(folded, start, attached[-1].start()) \
        and len(folded[attached[-1].end():ref.start].split()) <= _KIND_WORDS


_ASIDE = re.compile(r"[():;]")
"""Marks of an aside or a new clause: the words before a regulation's issuing line name it only
without them ("… ban hành, tham mưu … (Phụ lục III kèm theo Chỉ thị số …)" changes no document)."""


_KIND_WORDS = 3
"""Words of a document's kind before its number ("Quyết định số")."""


def _clauses(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for match in re.finditer(r";", folded[start:end]):
        stop = start + match.start()
        out.append((pos, stop))
        pos = stop + 1
    out.append((pos, end))
    return [(s, e) for s, e in out if folded[s:e].strip()]


def _opening_relation(doc: NormalizedText, cues: Cues, start: int, end: int) -> Relation | None:
    """The relation the first words of a clause give, if any, after its list marker ("- Căn
    cứ Quyết định số 246-QĐ/TW …")."""
    folded = doc.folded
    pos = start
    if marker := _LIST_ITEM.match(folded, pos, end):
        pos = marker.end()
    while pos < end and folded[pos] in " \n*(\"“":
        pos += 1
    for name, relation in (("relation:based_on", Relation.BASED_ON), ("relation:proposal", Relation.CITES),
                           ("relation:implements", Relation.IMPLEMENTS)):
        if cues[name].pattern.match(folded, pos, end):
            return relation
    return None


def _title_relation(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int) -> Relation | None:
    """A title or lead sentence that says the document carries another out ("Kế hoạch triển khai
    Chương trình …", "Implementation plan of …", "Cà Mau triển khai …"): implements."""
    cue = cues["relation:implements"].search(doc.folded, start, min(end, start + 60))
    if cue is None or _refs(doc, cues, registry, start, cue.start()):
        return None
    return Relation.IMPLEMENTS


def _opens_with_document(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int) -> bool:
    """A clause that opens with a document's kind ("Nghị định số …", "Luật …") or with its bare
    number under a list's kind ("Căn cứ các Nghị định: số 37/2019/NĐ-CP …; số 58/2023/NĐ-CP …")."""
    folded = doc.folded
    head = " ".join(folded[start:min(end, start + 60)].split()).lstrip("*(\"“ ")
    if item := _LIST_ITEM.match(head):  # "- Quyết định số …" under "Căn cứ các văn bản:"
        head = head[item.end():]
    if any(head.startswith(w) for w in registry.doc_type_words) or head.startswith(("luat", "bo luat", "law")):
        return True
    label = cues["number-label"].pattern.match(head)
    return label is not None and head[label.end():].lstrip()[:1].isdigit()


def _heads(doc: NormalizedText, cues: Cues, registry: Registry, refs: list[_Ref], clause_start: int) -> set[str]:
    """Keys of the documents a list names itself (not inside another's title).

    The first document of the clause is one; a later one is too when only a date, an
    issuer ("của Chính phủ"), separators and its own kind ("và Nghị định số") stand
    between it and a document of the list before it.
    """
    heads: set[str] = set()
    folded = doc.folded
    title_link = cues["title-link"]
    for i, ref in enumerate(refs):
        if i == 0:
            heads.add(ref.key)
            continue
        prev = refs[i - 1]
        gap = folded[prev.end:_title_start(doc, registry, ref, prev.end)]
        gap = re.sub(r"(?:ngay|dated)\s+[\w\s/,]{1,30}?(?:19|20)\d{2}", " ", gap)
        if title_link.search(gap):
            continue  # "… của UBND tỉnh về thực hiện Nghị quyết số …": inside the title
        gap = re.sub(r"\bcua\s+[^,;()]*", " ", gap)
        if prev.key in heads and _SEPARATORS.match(gap):
            heads.add(ref.key)
    return heads


def _title_start(doc: NormalizedText, registry: Registry, ref: _Ref, floor: int) -> int:
    """Where the words that introduce a document start ("Nghị định số", "Kết luận số", "Luật …")."""
    folded = doc.folded
    if ref.title is not None:
        return ref.start
    match = registry.kind_words_ending.search(folded[floor:ref.start])  # the leftmost start wins
    return floor + match.start() if match else ref.start


def _link_changes(doc: NormalizedText, cues: Cues, refs: list[_Ref]) -> None:
    """Record "A … sửa đổi, bổ sung … B" (A amends B) between documents of one clause; a
    ";" or a new list item between them ends the clause ("A sửa đổi … các Quyết định …;
    - Thông tư liên tịch số B": A does not amend B)."""
    folded = doc.folded
    for a, b in zip(refs, refs[1:], strict=False):
        gap_start, gap_end = a.end, b.start
        if _CLAUSE_END.search(doc.work, gap_start, gap_end):
            continue
        for name, change in _CHANGE.items():
            if cues[name].search(folded, gap_start, gap_end) and a.number is not None and b.number is not None \
                    and b.key != a.key:
                a.changes.setdefault(change, []).append(b.number)
                break


# ---------------------------------------------------------------------------- references

def _refs(doc: NormalizedText, cues: Cues, registry: Registry, start: int, end: int) -> list[_Ref]:
    """Every document named in a span, in order: numbered ones and laws by title and date
    (an amending law too: "Luật sửa đổi, bổ sung một số điều của Luật …")."""
    out: list[_Ref] = []
    for match, number in find_numbers(doc.work, registry, start, end):
        issued = _date_after(doc.work, match.end())
        out.append(_Ref(str(number), match.start(), match.end(), number=number,
                        year=number.year or (int(issued[:4]) if issued else None), date=issued))
    pos = start
    while (match := _LAW_TITLE.search(doc.work, pos, end)) is not None:
        pos = match.end()
        if any(r.start <= match.start() < r.end or match.start() <= r.start < match.end() for r in out):
            continue
        if not match.group(2)[:1].isupper() and not cues["relation:amends"].pattern.match(doc.folded, match.start(2)):
            pos = match.start(2)  # a title opens with a capital ("Luật Đất đai") or amends ("Luật sửa đổi, …"):
            continue  # "phổ biến Luật cho cán bộ" names none, "Luật mới thay thế Luật …" the second
        title = squash(f"{match.group(1)} {match.group(2)}")
        day, month, year = match.group(3), match.group(4), match.group(5) or match.group(6) or match.group(7)
        date = dates.iso(int(year), int(month), int(day)) if day else None
        if match.group(8):  # "Law on Data dated November 30, 2024"
            year, date = match.group(10), dates.english(match.group(8), match.group(9), match.group(10))
        out.append(_Ref(f"title:{alias_key(title)} {year}", match.start(), match.end(), title=title,
                        year=int(year), date=date))
    out.sort(key=lambda r: r.start)
    return out


def _docref(doc: NormalizedText, registry: Registry, ref: _Ref, relation: Relation, richer: _Ref | None) -> DocRef:
    if richer is not None and ref.date is None and richer.date is not None:
        ref.date = richer.date
    changes = {k: tuple(v) for k, v in ref.changes.items()}
    if ref.number is not None:
        quote_end = min(len(doc.text), max(ref.end, _sentence_end(doc.work, ref.end)))
        number = ref.number
        agency = issuer_agency(number, registry)
        return DocRef(doc_number=number, relation=relation, span=Span(ref.start, quote_end),
                      quote=squash(doc.work[ref.start:quote_end]), doc_type=doc_type_name(number, registry),
                      issuer=registry.agencies[agency].label_en if agency in registry.agencies else None,
                      issued=ref.date, year=ref.year, amends=changes.get("amends", ()),
                      replaces=changes.get("replaces", ()), repeals=changes.get("repeals", ()))
    return DocRef(doc_number=None, relation=relation, span=Span(ref.start, ref.end),
                  quote=squash(doc.work[ref.start:ref.end]),
                  doc_type="law", issuer="National Assembly", title=ref.title, year=ref.year, issued=ref.date,
                  official=_law_number(registry, ref))


def _law_number(registry: Registry, ref: _Ref) -> DocNumber | None:
    """The number reference data gives a law named by title (and date, where two share a title and year)."""
    key = (alias_key(ref.title or ""), ref.year or 0)
    candidates = registry.same_titles.get(key, ())
    if ref.date is not None:
        dated = [n for n in candidates if registry.known_dates.get(n) == ref.date]
        if dated:
            return parse_number(dated[0], registry)
    return parse_number(candidates[0], registry) if len(candidates) == 1 else None


def _programmes(doc: NormalizedText, registry: Registry, start: int, end: int, relation: Relation,
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
        out.append(DocRef(doc_number=parse_number(chosen.number, registry), relation=relation,
                          span=Span(match.start(), match.end()),
                          quote=squash(doc.text[match.start():match.end()]), doc_type="decision",
                          title=chosen.title_en, inferred=True))
    return out


def _excluded(ref: _Ref, excluded: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= ref.start < e for s, e in excluded)


def _sentence_end(work: str, pos: int) -> int:
    match = re.search(r"[;|]|\.\s|\n\s*\n", work[pos:pos + 200])
    return pos + match.start() if match else min(len(work), pos + 200)


def _date_after(work: str, pos: int) -> str | None:
    window = work[pos:pos + 40]
    match = dates.VI_DATE.search(window)
    if match and match.start() < 12:
        day, month, year = (int(g) for g in match.groups())
        return dates.iso(year, month, day)
    match = _DATED.search(window)
    return dates.english(*match.groups()) if match else None
