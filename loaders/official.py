"""Where the official text lies inside a copied web page.

Legal portals and news sites put their own furniture around a document: banners,
metadata tables, login notices before it; related documents, comparison help and
contact details after it. Decree 30/2020/NĐ-CP fixes how an official document opens:
the issuer's name beside the national motto, then "Số: …", place and date, kind and
title. So the text starts at the issuer block above the motto (or, without a motto,
after the page's leading furniture lines), and ends at the first line the site adds
after it ("Văn bản liên quan", "Source: …"), or at the site's repeat of the
document's name after its signature. Offsets stay those of the file.
"""

from __future__ import annotations

import bisect
import re

from plankg.loaders.cues import Cues
from plankg.loaders.docnumbers import NUMBER_PATTERN
from plankg.loaders.layout import line_spans
from plankg.loaders.normalize import NormalizedText
from plankg.loaders.registry import Registry

_SEPARATOR = re.compile(r"^[\s|*_=\-–—.#]*$")
_HEADER_LINES = 10
_NUMBER_START = re.compile(r"\d{1,5}\s*[/-]\s*[\w/-]*[A-ZĐ]")
"""A document's number, State ("145/KH-UBND") or Party ("45-KH/TU")."""


def official_bounds(doc: NormalizedText, cues: Cues, registry: Registry) -> tuple[int, int]:
    """(start, end) of the official text in the normalised text."""
    lines = line_spans(doc.work)
    if not lines:
        return 0, 0
    first = _first_line(doc, cues, lines)
    last = _last_line(doc, cues, registry, lines, first)
    start = lines[first][0] if first < len(lines) else len(doc.text)
    end = lines[last - 1][1] if last > first else start
    return start, end


def is_caps_line(text: str) -> bool:
    """A line written in capitals ("ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"): at least two letters.

    Judged on the first 200 characters: a heading in capitals is short, and running text
    shows its lower case long before that."""
    if sum(map(str.islower, text[:24])) >= 4:
        return False  # running text shows its lower case at once (the common case, decided cheaply)
    sample = text[:200]
    lower = sum(map(str.islower, sample))
    upper = sum(map(str.isupper, sample))
    return upper + lower >= 2 and upper >= 0.9 * (upper + lower)


def _first_line(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]]) -> int:
    motto = next((m for m in cues["motto"].finditer(doc.folded) if _stands_alone(doc, m.start())), None)
    if motto is not None and not _enacted_before(doc, cues, motto.start()):
        at = next(i for i, (s, e) in enumerate(lines) if s <= motto.start() <= e)
        first = at
        for i in range(at - 1, max(-1, at - _HEADER_LINES), -1):
            text = doc.work[lines[i][0]:lines[i][1]]
            if _SEPARATOR.match(text):
                continue
            if is_caps_line(text) and len(text.strip()) < 80 and "|" not in text.strip(" |") \
                    or number_line(doc, cues, *lines[i]):
                first = i  # the issuer block, and its number when the block's columns were
                continue  # read one after the other ("UBND TỈNH X" | "Số: 145/KH-UBND" | motto)
            break
        while first > 0 and doc.work[lines[first - 1][0]:lines[first - 1][1]].strip() == "|":
            first -= 1  # the lone "|" that opens the header block's layout table
        return first
    for i, (s, e) in enumerate(lines):
        text = doc.work[s:e]
        if _SEPARATOR.match(text) or cues["furniture:line"].search(doc.folded, s, e):
            continue
        return i
    return len(lines)


_FIRST_ARTICLE = re.compile(r"^[\s|*#_]*(?:dieu|article)\s+1\b", re.MULTILINE)
_ENACTING_LINE = re.compile(r"^[\s|*#_]*([^\n]{3,20}?:)[\s*_]*$", re.MULTILINE)
"""A short line that ends with a colon: the shape of enacting words ("**QUYẾT ĐỊNH:**")."""


def _enacted_before(doc: NormalizedText, cues: Cues, at: int) -> bool:
    """The text before the motto at ``at`` already holds a document's enacting words on a line
    of their own ("QUYẾT ĐỊNH:") and, after them, its first article: the document began above,
    its header lost by the crawl, and the motto opens a form attached to it."""
    for enacting in _ENACTING_LINE.finditer(doc.folded, 0, at):
        if cues["enacting"].at(doc.folded, enacting.start(1), enacting.end(1)) is not None \
                and _FIRST_ARTICLE.search(doc.folded, enacting.end(), at):
            return True
    return False


def _stands_alone(doc: NormalizedText, at: int) -> bool:
    """The motto at ``at`` stands where a header puts it: first on its line, after a cell
    border or a rule, or after the issuer's name in capitals; not inside a sentence
    ("… của Đảng Cộng sản Việt Nam, Nhà nước …")."""
    before = doc.work[doc.work.rfind("\n", 0, at) + 1:at]
    before = before[max(before.rfind("|"), before.rfind("___")) + 1:].strip(" *#_-–")
    return not before or is_caps_line(before)


_LINK_MARK = re.compile(r"[ \t]*(>{1,3})[ \t]*")
"""The quote marks that open a portal's link line ("**>> Xem thêm: …**", emphasis blanked)."""


def link_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """A line a news or legal portal puts inside an article to lead to another page: it opens
    with ">>" (">> Người từ 75 tuổi … có được miễn phí BHYT không?") or with ">" and a word
    of cue set furniture:link ("> Xem chi tiết: …"). Official text never writes these."""
    mark = _LINK_MARK.match(doc.work, start, end)
    if mark is None or mark.end() == end:
        return False
    return len(mark.group(1)) > 1 or cues["furniture:link"].at(doc.folded, mark.end(), end) is not None


def notice_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """A short line of the notice a site writes where it hides part of the text from readers
    who are not members ("Hãy đăng nhập hoặc đăng ký Thành viên" | "Pro tại đây để xem toàn
    bộ văn bản tiếng Anh.", cue set furniture:notice). Official text never writes these."""
    return end - start <= _NOTICE_CHARS and cues["furniture:notice"].search(doc.folded, start, end) is not None


_NOTICE_CHARS = 120


def caption_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """A line that is a picture's caption on a news page ("*Thông báo 33 chấp thuận thu hồi
    đất … (Hình từ Internet)*", cue set image-caption in its closing brackets)."""
    stop = end
    while stop > start and doc.folded[stop - 1] in " \t*_":
        stop -= 1
    return stop - start > 1 and doc.folded[stop - 1] == ")" \
        and cues["image-caption"].ending_at(doc.folded, stop - 1, max(start, stop - 40)) is not None


def number_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """A short line that is a document's number after its label ("Số: 145/KH-UBND", "Số 45-KH/TU")."""
    lead = start + len(doc.work[start:end]) - len(doc.work[start:end].lstrip(" |*#"))
    label = cues["number-label"].at(doc.folded, lead, end)
    if label is None or end - start > 60:
        return False
    colon = re.match(r"\s*:?\s*", doc.folded[label.end():end])  # ("Số 45-KH/TU" in a Party document)
    return _NUMBER_START.match(doc.work, label.end() + colon.end(), end) is not None


def _last_line(doc: NormalizedText, cues: Cues, registry: Registry, lines: list[tuple[int, int]],
               first: int) -> int:
    """Index one past the last line of the official text.

    Until the signature only lines that open with an end or signature cue can decide,
    and one scan of the text finds those; after it every line is read (the site's title
    line that follows a signature opens with no cue)."""
    half = len(doc.text) // 2
    own = _own_number(doc, cues, lines, first)
    titles = tuple(f"{word} {own}" for word in registry.doc_type_words) if own else ()

    def verdict(i: int, signed: bool) -> str | None:
        """"end" (the official text ends before line i), "signed" (line i is the signature), or None."""
        s, e = lines[i]
        text = doc.work[s:e].strip(" |*#")
        if not text:
            return None
        lead = s + (len(doc.work[s:e]) - len(doc.work[s:e].lstrip(" |*#")))
        if len(text) > 150:  # furniture and signature lines are short; only the site's title line may not be
            return "end" if signed and titles and doc.folded[lead:e].startswith(titles) else None
        ends = cues["furniture:end"].at(doc.folded, lead, e) \
            or (s > half and cues["furniture:end-late"].at(doc.folded, lead, e))
        if ends and not doc.work[lead].islower() \
                and (len(text) <= 60 or ends.group().endswith(":") or len(ends.group()) >= 0.4 * len(text)):
            return "end"  # a line of its own ("## Văn bản liên quan"), not words that open a sentence, nor
            # a wrapped sentence going on ("… khai thác thông" | "tin liên quan theo phạm vi …")
        if cues["section:signature"].at(doc.folded, lead, e):
            return "signed"
        if signed and titles and doc.folded[lead:e].startswith(titles):
            return "end"  # the site's title line ("Quyết định 3771/QĐ-UBND năm 2025 về …") after the signature
        return None

    for i in _cue_lines(doc, cues, lines, first + 1):
        found = verdict(i, signed=False)
        if found == "end":
            return i
        if found == "signed":
            for j in range(i + 1, len(lines)):
                if verdict(j, signed=True) == "end":
                    return j
            break
    return len(lines)


def _cue_lines(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]], first: int) -> list[int]:
    """Indices (from ``first`` on) of the lines that open with an end or signature cue."""
    if first >= len(lines):
        return []
    starts = [s for s, _ in lines]
    openers = cues.compose(r"^[ |*#\t]*(?:{0}|{1}|{2})", "furniture:end", "furniture:end-late", "section:signature",
                           flags=re.MULTILINE)  # a line that opens (after layout marks) with one of their phrases
    return sorted({bisect.bisect_right(starts, m.start()) - 1 for m in openers.finditer(doc.folded, starts[first])})


def _own_number(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]], first: int) -> str | None:
    """The folded number after "Số:" in the header block, to recognise the site's title line."""
    start = lines[first][0] if first < len(lines) else 0
    stop = lines[min(len(lines) - 1, first + 40)][1] if lines else 0
    for label in cues["number-label"].finditer(doc.folded, start, stop):
        colon = re.match(r"\s*:\s*", doc.folded[label.end():stop])
        if colon:
            number = NUMBER_PATTERN.match(doc.work, label.end() + colon.end(), stop)
            return doc.folded[number.start():number.end()] if number else None
    return None
