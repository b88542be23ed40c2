"""What a document says about itself: number, type, issuer, province, date, period.

Read from the head of the document only (title, header table, preamble), so that a
plan's own number is never confused with the numbers of documents it cites.
"""

from __future__ import annotations

import re
from collections import Counter

from plankg.loaders.docnumbers import doc_type_name, find_numbers, issuer_agency
from plankg.loaders.normalize import NormalizedText, fold, squash
from plankg.loaders.records import PlanMeta
from plankg.loaders.registry import Registry

# What stands before a document's own number: nothing but its type ("Kế hoạch số",
# "Số:", "Plan No.") at the start of a header line, or "ban hành Kế hoạch số" in a report.
_DOC_WORD = (r"(?:ke hoach|quyet dinh|nghi quyet|chuong trinh(?: hanh dong)?|thong bao|cong dien"
             r"|plan|decision|resolution|program(?:me)?)")
_OWN_NUMBER_CUE = re.compile(
    rf"(?:^\W*(?:so(?:\s+hieu)?|{_DOC_WORD}(?:\s+(?:so|no\.?))?)?|ban hanh\s+{_DOC_WORD}(?:\s+so)?)"
    r"\W*$")
_ISSUED = (
    re.compile(r"[A-ZĐ][\w. ]{1,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})"),
    re.compile(r"Ngày ban hành\W{0,6}(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})"),
)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|đến|to)\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_PERIOD_CUE = re.compile(r"(?:giai doan|period|nam|in|den nam|to|by)\s+$")
_PROVINCE_CUE = re.compile(r"(?:tinh|thanh pho|tp\.?|province of|city of)\s*$")
_PROVINCE_AFTER = re.compile(r"^\s*(?:province|city)\b", re.IGNORECASE)
_TITLE_START = re.compile(
    r"^(?:\d+\s*\.\s*)?(?:ke hoach|quyet dinh|nghi quyet|chuong trinh|thong bao|cong dien|chi thi"
    r"|implementation plan|action plan|plan\b|decision|resolution|program)")
_VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


def detect_language(text: str) -> str:
    """"vi" when Vietnamese letters are common, else "en"."""
    sample = text[:20000]
    return "vi" if len(_VI_LETTERS.findall(sample)) > 0.02 * max(1, len(sample)) else "en"


def find_title(doc: NormalizedText, head: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Span of the title: the first head paragraph that opens with a document type."""
    for start, end in head:
        if _TITLE_START.match(" ".join(doc.folded[start:end].split())):
            return start, end
    return head[0] if head else None


def plan_meta(doc: NormalizedText, registry: Registry, head: list[tuple[int, int]],
              period_hints: list[str]) -> PlanMeta:
    """Plan metadata from the head paragraphs.

    Args:
        doc: the normalised document.
        registry: reference data.
        head: spans of the paragraphs before the body (title, header, preamble).
        period_hints: headings that may state years ("Period 2021-2025"), used when the
            title gives none.
    """
    title_span = find_title(doc, head)
    title = squash(doc.text[title_span[0]:title_span[1]]) if title_span else None
    number = _own_number(doc, registry, head)
    issued = _issued(doc, head)
    issuer = issuer_agency(number, registry) if number else None
    national = issuer is not None and registry.agencies[issuer].level == "NationalLevel"
    return PlanMeta(
        number=str(number) if number else None,
        doc_type=(doc_type_name(number, registry) if number else None) or _title_type(title, registry),
        issuer=issuer or ("PPC" if _mentions_committee(doc, head) else None),
        province=None if national else _province(doc, registry),
        issued=issued,
        period=_period(title, period_hints, issued),
        title=title,
    )


def _own_number(doc: NormalizedText, registry: Registry, head: list[tuple[int, int]]):
    for start, end in head:
        for match, number in find_numbers(doc.work, registry, start, end):
            before = " ".join(doc.folded[start:match.start()].split())
            if _OWN_NUMBER_CUE.search(before):
                return number
    return None


def _issued(doc: NormalizedText, head: list[tuple[int, int]]) -> str | None:
    for start, end in head:
        chunk = " ".join(doc.work[start:end].split())
        for pattern in _ISSUED:
            match = pattern.search(chunk)
            if match:
                day, month, year = (int(g) for g in match.groups())
                if 1 <= month <= 12 and 1 <= day <= 31:
                    return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _title_type(title: str | None, registry: Registry) -> str | None:
    if not title:
        return None
    folded = fold(title)
    found = [(folded.find(word), name) for word, name in registry.doc_type_words.items()
             if re.search(rf"\b{re.escape(word)}\b", folded)]
    return min(found)[1] if found else None


def _mentions_committee(doc: NormalizedText, head: list[tuple[int, int]]) -> bool:
    return any(re.search(r"uy ban nhan dan|ubnd|people's committee", doc.folded[s:e]) for s, e in head)


def _province(doc: NormalizedText, registry: Registry) -> str | None:
    """The province named most, counting names after "tỉnh"/"thành phố" or before "province" twice."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    folded = doc.folded
    for match in registry.province_pattern.finditer(folded):
        name = registry.provinces.get(" ".join(re.split(r"[\s\-–,]+", match.group())))
        if not name:
            continue
        weight = 1
        if _PROVINCE_CUE.search(folded[max(0, match.start() - 12):match.start()]) or \
                _PROVINCE_AFTER.match(doc.work[match.end():match.end() + 10]):
            weight = 3
        votes[name] += weight
        first_seen.setdefault(name, match.start())
    if not votes:
        return None
    return max(votes, key=lambda n: (votes[n], -first_seen[n]))


def _period(title: str | None, hints: list[str], issued: str | None) -> tuple[int, int] | None:
    for text in ([title] if title else []) + [" ".join(hints)]:
        years = [int(y) for a, b in _YEAR_RANGE.findall(text) for y in (a, b)]
        folded = fold(text)
        for match in _YEAR.finditer(folded):
            if _PERIOD_CUE.search(folded[max(0, match.start() - 12):match.start()]):
                years.append(int(match.group(1)))
        if years:
            return min(years), max(years)
    return None

