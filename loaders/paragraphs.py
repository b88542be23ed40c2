"""Lines of text → paragraphs with their list markers.

Copies of official documents come in two line styles, and both are handled here:

* paragraphs separated by blank lines, each hard-wrapped at ~80 characters (crawled
  portal pages): a paragraph ends at a blank line, or where a new item visibly starts;
* one paragraph per line, or wrapped lines with no blank line between paragraphs
  (older crawls, news pages, translations): a paragraph also ends where a line closes
  a sentence and the next one opens another.

Markdown emphasis from the crawl (``**1.****`` / ``**Trên cơ sở…``) never splits a
marker from its words: a line holding only a marker joins the next one. A line that is
wholly bold or italic, or a line in capitals after running text, opens a paragraph of
its own (crawled pages mark headings that way). Spans index the normalised text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from plankg.loaders.cues import FIELD_ROLES, Cues, load_cues
from plankg.loaders.layout import Para
from plankg.loaders.normalize import NormalizedText, fold
from plankg.loaders.official import is_caps_line
from plankg.loaders.registry import load_registry

_CAPITAL = "[" + "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper()) + "]"
"""A capital letter, Vietnamese ones with their marks among them ("Ủ", "Đ", "Ơ"). (Not a class
"[A-ZÀ-Ỹ]": Unicode interleaves the capitals and small letters with marks there, "Ạạ Ảả …", so
it holds "ở" and "ạ" too.)"""

# Item markers, first match wins. Roman numerals before capital letters ("I." is one).
# The words of the named markers (Phần, Chương, Mục, Điều; labels such as "Nhiệm vụ 1.")
# are cue sets "marker:<kind>".
_NAMED = ("part", "chapter", "section", "article", "label")
_NUMBERED_MARKERS: tuple[tuple[str, str], ...] = (
    ("roman", r"([IVX]{1,5}|Il{1,2})\s*[.)](?:\s+|$)"),
    ("capital", rf"([A-H])\s*\.\s+(?={_CAPITAL})"),
    ("arabic", r"(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)](?:\s+|(?=[^\W\d_])|$)"),
    ("arabic", r"(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\S)"),
    ("slash", rf"(\d{{1,2}})/\s+(?={_CAPITAL})"),  # "1/ Sở Văn hóa …"
    ("paren", rf"\((\d{{1,2}})\)\s+(?={_CAPITAL}|\d+(?:[.,]\d+)?\s*%)"),  # "(1) Xây dựng", "(2) 100%", not "(1) là …"
    ("paren", rf"\((i{{1,3}}|iv|vi{{0,3}}|ix|x)\)\s+(?={_CAPITAL})"),  # "(iii) Ủy ban nhân dân tỉnh … chỉ đạo …"
    ("letter", r"([a-zđ])\s*\)\s*"),
    ("letter", r"([a-zđ]\d{1,2})\)\s*(?=\S)"),  # "b1) Ủy ban nhân dân cấp tỉnh …": a point's sub-points
    ("letter", rf"([a-zđ])\.\s+(?={_CAPITAL})"),
    ("dash", r"([-–—•])\s*(?=[^\s\-–—])"),
    ("plus", r"(\+)\s*(?=\S)"),
)
_ORDINALS = {"nhất": "I", "hai": "II", "ba": "III", "tư": "IV", "năm": "V", "sáu": "VI", "bảy": "VII", "tám": "VIII",
             "chín": "IX", "mười": "X"}
"""A part numbered in words ("Phần thứ hai", as programmes and resolutions write it): its number."""
_IN_WORDS = r"(?i:thứ\s+(?:" + "|".join(_ORDINALS) + r"))"
_TITLED = rf"(?=[ \t]*(?:[.:\-–*]|$|[A-ZĐ]{_CAPITAL}))"
"""After the number of a part, chapter or section: its stop, the line's end or its title in
capitals ("Mục 2. Quy định chung", "Chương II" | "…", "PHẦN I - TÌNH HÌNH", "MỤC 1 QUY ĐỊNH
CHUNG"); not a reference wrapped to the start of a line ("… được quy định tại" | "Mục 2 Phần XI
của “Phần C. …” thuộc Phần V của Phụ lục I …")."""
_NUMBERS = {"article": r"(\d{1,3})\s*(?:\[\d{1,3}\]\s*)?[.:]\s*",
            "label": r"(\d{1,2}(?:\.\d{1,2})?)\s*[.:\-–]\s+",
            "part": rf"([IVXLC]{{1,6}}|\d{{1,2}}|{_IN_WORDS})(?!\w){_TITLED}\s*[.:]?\s*"}
""""Điều 3." needs its stop (a consolidated text may put a footnote's number before it:
"Điều 8[7]."), and a label its stop, colon or dash ("Nhiệm vụ 1: …", not "Dự án 2 đã …");
the other named markers may take roman numerals, and a part its number in words when they
stand alone or before its title in capitals ("Phần thứ hai" | "NHIỆM VỤ …", "PHẦN THỨ
NHẤT. MỤC TIÊU"; not "Phần thứ nhất của Tuyên ngôn …")."""
_TERMINAL = re.compile(r"[.:;!?]\W*$")
_YEAR_RANGE_CUT = re.compile(r"(?:19|20)\d{2}(?:19|20)\d{2}\b")
"""A line ending on a year and the next opening "- 2025": a period ("2021 - 2025") cut."""
_SENTENCE_END = re.compile(r"[.!?]\W*$")
"""A line that ends its sentence (a semicolon ends a clause, a colon opens what follows)."""
_NUMBER_LINE = re.compile(r"\d+[/-]\S*[/-]\S")
"""A line opening with a document's number ("72/2025/QH15", "174/KH-UBND"): never a heading."""
_SEPARATOR_LINE = re.compile(r"^[\s\-–—_=*.|#]*$")
_STRONG = {"part", "chapter", "section", "article", "roman"}
_HEADING_CHARS = 100


@cache
def _markers(cues: Cues) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Marker patterns by the first character a line may open with, in order of precedence."""
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for kind in _NAMED:
        phrases = cues[f"marker:{kind}"].raw_phrases
        words = "|".join(re.escape(p) for p in phrases)
        # in capitals, also without its diacritics: OCR drops them from bold headings ("PHAN II")
        bare = "|".join(re.escape(fold(p).upper()) for p in phrases)
        number = _NUMBERS.get(kind, rf"([IVXLC]{{1,6}}|\d{{1,2}})\b{_TITLED}\s*[.:]?\s*")
        patterns.append((kind, re.compile(rf"(?:(?i:{words})|{bare})\s+{number}")))
    patterns += [(kind, re.compile(regex)) for kind, regex in _NUMBERED_MARKERS]
    by_first: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for kind, pattern in patterns:
        firsts = ({p[0].lower() for p in cues[f"marker:{kind}"].raw_phrases} if kind in _NAMED
                  else set(_FIRST[kind]))
        for char in firsts | {c.upper() for c in firsts}:
            by_first.setdefault(char, []).append((kind, pattern))
    return by_first


# The characters each numbered marker can start with, so a line is tried only against
# the patterns that could match it.
_FIRST = {"roman": "IVX", "capital": "ABCDEFGH", "arabic": "0123456789", "slash": "0123456789", "paren": "(",
          "letter": "abcdefghijklmnopqrstuvwxyzđ", "dash": "-–—•", "plus": "+"}


def detect_marker(work: str, start: int, end: int, cues: Cues | None = None) -> tuple[str, str, int]:
    """(kind, marker, body_start) of the item marker at ``start``, or ("none", "", start)."""
    for kind, pattern in _markers(cues or load_cues()).get(work[start:start + 1], ()):
        match = pattern.match(work, start, end)
        if match:
            marker = match.group(1)
            return kind, _ORDINALS.get(marker.split()[-1].lower(), marker) if kind == "part" else marker, match.end()
    return "none", "", start


def paragraphs(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]], *,
               in_cell: bool = False, kinds: frozenset[str] = frozenset()) -> list[Para]:
    """Paragraphs of a run of lines (no table lines among them). ``kinds`` holds the folded
    names of document kinds ("quyet dinh"): a line in capitals that is one of them is
    the kind line of a header and stands alone."""
    lines = _join_bare_markers(doc, cues, lines)
    blank_separated, one_per_line, wrap_width = _run_shape(doc, lines)
    first_width = _first_line_width(doc, cues, lines, wrap_width)
    work, text, folded = doc.work, doc.text, doc.folded
    out: list[Para] = []
    current: list | None = None  # [start, end, kind, marker, body_start]
    prev = ""  # previous non-blank line, work view, stripped
    prev_raw = ""
    last_number = 0
    emphasis_open = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(_para(doc, *current, in_cell=in_cell))
        current = None

    def bold_goes_on() -> bool:
        """The line goes on, in bold, a bold heading that left a name open ("**… Hội Liên hiệp**" |
        "**Phụ nữ Thành phố …**"), on the next line or across a blank one."""
        return kind == "none" and prev_raw.endswith("**") and raw.startswith("**") \
            and _left_open(doc, cues, current[1] - len(prev), current[1])

    broken = False  # a blank line since the open paragraph's last line
    prev_header = False
    caps_of_prev = False
    bracket_open = False  # an attachment line's bracket goes on ("(Ban hành" | "kèm theo … )")
    title_open = False  # the open paragraph is the sentence-case title under a kind line
    prev_kind = False  # the line before was a kind line
    opened_at = prev_end = 0  # where the open paragraph's first line starts, where the line before ends
    tails = _marker_tails(doc, cues, lines)
    for s, e in lines:
        line = work[s:e]
        stripped = line.strip()
        if not stripped or _SEPARATOR_LINE.match(stripped) and not stripped.startswith("-"):
            if current is not None and not _marker_only(work, current) and not bracket_open:
                broken = True  # (an attachment line's bracket goes on across a blank line)
            continue
        lead = s + len(line) - len(line.lstrip())
        stop = s + len(line.rstrip())
        raw = text[s:e].strip()
        kind, marker, body = detect_marker(work, lead, stop, cues)
        if s in tails and prev and not _TERMINAL.search(prev):
            kind, marker, body = "none", "", lead  # "… trên biển báo mũi tên chỉ số" | "IV." | "" | "a)": a wrap
        year_cut = False  # "… GIAI ĐOẠN 2026" | "- 2030": a range of years wrapped at its dash
        if kind in ("dash", "plus") and body < stop and prev and not _TERMINAL.search(prev) \
                and (work[body].islower()
                     or (year_cut := kind == "dash" and bool(_YEAR_RANGE_CUT.match(prev[-4:] + work[body:body + 5])))
                     or kind == "dash" and _pair_cut(doc, cues, lead, stop)):
            kind, marker, body = "none", "", lead  # a wrapped hyphen: "dạy - học\n- thi", "2021\n- 2025",
            # "Hội đồng Thi đua" | "- Khen thưởng tỉnh, …"
        bridged = False  # a bold heading goes on after a blank line with the name it left open
        if broken:
            broken = False
            bridged = bold_goes_on()
            if not (kind == "none" and stripped[0].islower() and prev and not _SENTENCE_END.search(prev)
                    or bridged or year_cut and caps_of_prev):  # (a title in capitals set on centred lines)
                flush()  # a blank line ends a paragraph, unless the next line goes on with its sentence
                # ("… được trích lại;" | "" | "đồng thời huy động …": a clause after a semicolon), or a
                # heading in bold goes on with a name it left open ("**… Hội Liên hiệp**" | "" | "**Phụ nữ …**")
                prev, prev_raw, emphasis_open, caps_of_prev = "", "", False, False
        if kind == "arabic" and current is not None and not _TERMINAL.search(prev):
            number = int(marker.split(".")[-1])
            if number not in (1, last_number + 1) and not _real_heading(doc, current):
                kind, marker, body = "none", "", lead  # "… ngày 30 tháng\n11) hoặc …" is not item 11
        if kind == "label" and current is not None and prev and not raw.startswith("*") \
                and _left_open(doc, cues, current[1] - len(prev), current[1]):
            kind, marker, body = "none", "", lead  # "… tại Tiểu dự án 1 thuộc" | "Dự án 3: “…”": a wrap
        if kind in ("dash", "plus", "letter") and current is not None and prev \
                and not _TERMINAL.search(prev) and (blank_separated or len(prev) >= 0.75 * wrap_width) \
                and not _heading_like(doc, current) and not _opens_field(doc, cues, body, stop) \
                and not raw.startswith("*") and not _marker_only(work, current):
            kind, marker, body = "none", "", lead  # a wrapped "- Vũng Tàu", not a new item
        capitals = is_caps_line(stripped)
        prev_capitals = caps_of_prev
        kind_line = capitals and " ".join(folded[lead:stop].split()).strip(" :*") in kinds  # "QUYẾT ĐỊNH"
        header_line = _header_line(doc, cues, lead, stop) or kind_line  # (above its title)
        authority = capitals and prev and prev_capitals and bool(cues["authority-line"].at(folded, lead, stop)) \
            and not _left_open(doc, cues, current[1] - len(prev), current[1])  # "… CỦA" | "THỦ TƯỚNG CHÍNH PHỦ …"
        attachment, attachment_closed = _attachment_line(doc, cues, lead, stop)
        if bracket_open:
            attachment, attachment_closed = False, ")" in folded[lead:stop]
            bracket_open = not attachment_closed
            current[1] = stop  # the bracket's words, one line of the attachment line
            prev, prev_raw, prev_header, caps_of_prev, prev_kind = stripped, raw, attachment_closed, False, False
            prev_end = e
            emphasis_open = _toggles(raw, emphasis_open)
            continue
        bracket_open = attachment and not attachment_closed
        if current is None or kind != "none" and not _marker_only(work, current) or one_per_line \
                or header_line or attachment or authority or prev_header \
                or kind == "arabic" and current[2] == "article":  # "Điều 7." alone, then its clause "1. …"
            opens = True
        elif _marker_only(work, current) or emphasis_open and current[1] - current[0] < _HEADING_CHARS * 2:
            opens = False
        elif prev and not _TERMINAL.search(prev) and (
                cues["reference-this"].at(folded, lead, stop)
                or current[2] != "article" and cues["this-document"].at(folded, lead, stop)):
            opens = False  # "… quy định tại khoản 1" | "Điều này mà …", "1. Kinh phí thực hiện" | "Kế hoạch
            # này được bố trí …": a reference goes on (an article's title is no sentence: "Điều 1. Phạm vi
            # điều chỉnh" | "Quyết định này quy định …")
        elif kind == "none" and _bracket_left_open(work, current[0], current[1]):
            opens = False  # "… (trong đó: 02 TTHC cấp tỉnh;" | "06 TTHC cấp xã) …": the aside goes on
        elif bold_goes_on():
            opens = False
        else:
            opens = (
                (raw.startswith(("*", "#")) and prev_raw.endswith("*"))
                or (stripped[0].isupper() and not (prev_capitals and capitals) and prev_raw.endswith("*")
                    and _one_emphasis(text[opened_at:prev_end].strip())
                    and not _left_open(doc, cues, current[1] - len(prev), current[1]))
                # ("**4. Cục Mỹ" | "thuật, Nhiếp ảnh và Triển lãm**" | "Khẩn trương hoàn thiện …": a heading
                # in emphasis ends where its emphasis does)
                or raw.startswith("**") and capitals and prev_capitals and "*" not in prev_raw
                # ("… TẠI KHU VỰC TRUNG BỘ" | "**TH****Ủ" | "TƯỚNG CHÍNH PHỦ điện:**": bold opens the line
                # under a title)
                or _wholly_emphasized(raw) and not (stripped[0].islower() and prev and not _TERMINAL.search(prev))
                # ("… đảm bảo" | "**hoàn thành nhiệm vụ trước ngày 15/12/2025.**": the sentence goes on in bold)
                or capitals != prev_capitals and _words(stripped) >= 1
                and not _continues_caps(stripped)
                or stripped[0].isupper() and not (prev_capitals and capitals) and (  # (a heading wraps)
                    bool(cues["preamble"].at(folded, lead, stop))
                    and (_TERMINAL.search(prev) or _heading_like(doc, current))
                    or bool(cues["section:signature"].at(folded, lead, stop)))
                or (not blank_separated and _TERMINAL.search(prev) and not _field_line(doc, cues, current)
                    and (stripped[0].isupper() or stripped[0] in "(“\"" or stripped[0].isdigit()))
                or (_opens_field(doc, cues, lead, stop, roles=FIELD_ROLES)  # "2. Đào tạo …" | "Cơ quan thực hiện: …"
                    and not stripped[0].islower()  # ("… theo từng nhóm" | "đối tượng: người dân; …": a wrap)
                    and not _left_open(doc, cues, current[1] - len(prev), current[1]))
                or (title_open and stripped[0].isupper()  # "CHỈ THỊ" | "Về tăng cường …" | "Thời gian qua, …"
                    and not _left_open(doc, cues, current[1] - len(prev), current[1])
                    and not _name_across(folded, current[1] - len(prev), current[1], lead, stop))
                or (not blank_separated and stripped[0].isupper() and current[2] != "none"
                    and (current[1] - current[0] == len(prev) or prev.startswith("(") and prev.endswith(")"))
                    and _heading_like(doc, current)  # (a heading, or a heading and its note "(Chi tiết …)")
                    and not _left_open(doc, cues, current[1] - len(prev), current[1])  # "… kinh phí của"
                    and not _name_across(folded, current[1] - len(prev), current[1], lead, stop)
                    and (len(prev) < 0.6 * first_width and not _field_line(doc, cues, current)
                         and not (prev_capitals and capitals)  # a heading in capitals wraps
                         # "3. Công an tỉnh": a line cut short on purpose
                         or cues.opening_section_kind(" ".join(folded[current[4]:current[1]].split())) is not None))
                # ("Điều 6. Trách nhiệm của Sở Nông nghiệp và Môi trường" | "Phối hợp với Sở Công Thương …")
                or (blank_separated and current[2] == "article" and stripped[0].isupper() and "*" not in prev_raw
                    # (a copy that sets the marker apart in bold, "**Điều 1. **Phê duyệt …", wraps its lines
                    # from there: the widths say nothing)
                    and current[1] - current[0] == len(prev) and _heading_like(doc, current)
                    and len(prev) + 1 + len(stripped.split()[0]) <= _HAND_ENDED * wrap_width  # the next word
                    # would have fit, with room to spare (text from a PDF counts letters of unequal widths):
                    and not _left_open(doc, cues, current[1] - len(prev), current[1])  # the line was ended by hand
                    and not _name_across(folded, current[1] - len(prev), current[1], lead, stop)
                    and not cues["name-tail"].at(folded, lead, stop))  # ("… Trung tâm Phục vụ hành chính công" |
                # "Thành phố chủ trì …": a name outside the registry goes on with its place)
            )
        if opens and not bridged:
            flush()
            current = [lead, stop, kind, marker, body]
            opened_at = s  # (the line's emphasis marks stand before ``lead`` in the work view)
            title_open = prev_kind and kind == "none" and not capitals and not header_line
            if kind == "arabic":
                last_number = int(marker.split(".")[-1])
            emphasis_open = False
        else:
            current[1] = stop
        emphasis_open = _toggles(raw, emphasis_open)
        prev, prev_raw, prev_header, prev_end = stripped, raw, header_line or attachment_closed, e
        prev_kind = kind_line
        caps_of_prev = prev_capitals if capitals and not opens and _continues_caps(stripped) else capitals
        # (a wrapped line of codes leaves the text's case as it was: "N-NO3-, P-PO43-, H2S, TSS," | "COD; tần …")
    flush()
    out = _misread_numbers(work, _split_inline_items(work, out))
    return [p for p in out if work[p.body_start:p.end].strip() or p.marker_kind in ("none", "article")]


_INLINE_ITEM = re.compile(r"(?<=[.;:])[ \t]+([a-zđ])\)[ \t]+")
_LETTER_ORDERS = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")
"""The orders items are lettered in: the Vietnamese alphabet ("d) …", "đ) …", "e) …", "g) …"),
and the Latin one some copies use ("e) …", "f) …")."""


def _split_inline_items(work: str, paras: list[Para]) -> list[Para]:
    """Lettered items a copy ran into one line ("e) Cấm rải tiền … trên đường đưa tang. f)
    Người qua đời phải được chôn cất …"): after the end of a sentence, the item's next letter
    and a capital open the next item, a paragraph of its own."""
    out: list[Para] = []
    for para in paras:
        while para.marker_kind == "letter":
            following = {order[order.index(para.marker) + 1] for order in _LETTER_ORDERS
                         if para.marker in order[:-1]}
            cut = next((m for m in _INLINE_ITEM.finditer(work, para.body_start, para.end)
                        if m.group(1) in following and m.end() < para.end and work[m.end()].isupper()), None)
            if cut is None:
                break
            out.append(Para(para.start, cut.start(), para.marker_kind, para.marker, para.body_start,
                            in_cell=para.in_cell))
            para = Para(cut.start(1), para.end, "letter", cut.group(1), cut.end(), in_cell=para.in_cell)
        out.append(para)
    return out


_DIGIT_LIKE = {"A": "4", "B": "8", "G": "6"}
"""Capitals that OCR reads for the digit they look like, where a heading's number stands."""


def _misread_numbers(work: str, paras: list[Para]) -> list[Para]:
    """A heading between "3. …" and "5. …" numbered with a capital that looks like the digit
    ("A. Nghiên cứu, phát triển") or with its stop alone (". Sở Văn hóa, Thể thao và Du lịch"):
    number 4 misread or lost (an OCR text, a scan's text layer), so its items stay under their
    section and the next ones under theirs; a capital so after the list's last number too, set
    as that number's heading is and with no later part lettered after it. Alike, an item
    lettered otherwise between "b)" and "d)" is "c)" ("l)" read for it; "đ)" for "d)" between
    "c)" and "đ)")."""
    numbers = [(i, int(p.marker)) for i, p in enumerate(paras) if p.marker_kind == "arabic" and p.marker.isdigit()]
    out = list(paras)
    for i, para in enumerate(paras):
        stop = _LOST_NUMBER.match(work, para.start, para.end) \
            if para.marker_kind == "none" and work.startswith(".", para.start) else None
        if stop is None and not (para.marker_kind == "capital" and para.marker in _DIGIT_LIKE):
            continue
        previous, before = next(((j, n) for j, n in reversed(numbers) if j < i), (None, None))
        after = next((n for j, n in numbers if j > i), None)
        if before is None:
            continue
        if para.marker_kind == "capital" and _DIGIT_LIKE.get(para.marker) == str(before + 1) and (
                after == before + 2 or (after is None or after <= before) and _alike(work, paras[previous], para)
                and not any(p.marker_kind == "capital" and p.marker > para.marker for p in paras[i + 1:])):
            # (the list's last heading: "3. Sở Công Thương …" | "A. Các Đoàn thể …", set alike, no "B." after it;
            # not "3. Thượng: …" | "**A. HỘI NGHỊ FONTAINEBLEAU:**", a part's heading)
            out[i] = replace(para, marker_kind="arabic", marker=str(before + 1))
        elif stop is not None and after == before + 2:
            out[i] = replace(para, marker_kind="arabic", marker=str(before + 1), body_start=stop.end())
    order = _LETTER_ORDERS[0]
    letters = [(i, order.index(p.marker)) for i, p in enumerate(paras) if p.marker_kind == "letter"
               and p.marker in order]
    for k, (i, place) in enumerate(letters[1:-1], 1):
        before, after = letters[k - 1][1], letters[k + 1][1]
        if after == before + 2 and place != before + 1:
            out[i] = replace(paras[i], marker=order[before + 1])  # ("b)" | "l) Xây dựng …" | "d)": "c)" misread)
    return out


def _alike(work: str, one: Para, other: Para) -> bool:
    """Two paragraphs set alike: both in bold or neither, both in capitals or neither."""
    return one.emphasized == other.emphasized \
        and is_caps_line(work[one.body_start:one.end]) == is_caps_line(work[other.body_start:other.end])


_LOST_NUMBER = re.compile(rf"\.[ \t]+(?={_CAPITAL})")
"""A paragraph opening with a stop and a capital: a number's stop, the number lost."""


def _para(doc: NormalizedText, start: int, end: int, kind: str, marker: str, body: int, *,
          in_cell: bool) -> Para:
    return Para(start, end, kind, marker, min(body, end), emphasized=_wholly_bold(_marked(doc, start, end)),
                in_cell=in_cell)


def _marked(doc: NormalizedText, start: int, end: int) -> str:
    """The paragraph's text with the emphasis marks around it, which the work view blanks
    and its span leaves out ("**Phụ" | "lục 01**")."""
    text = doc.text
    while start > 0 and text[start - 1] in "* \t":
        start -= 1
    while end < len(text) and text[end] in "* \t":
        end += 1
    return text[start:end].strip()


def _wholly_bold(raw: str) -> bool:
    """A paragraph in bold from end to end ("**I. MỤC TIÊU**", "**1.** **Sở Nội vụ**"): no word
    stands outside the bold marks ("**4. **Thực hiện …" has only its number in bold; italic
    alone, as the crawl writes "Căn cứ …" lines and notes, is no heading's mark)."""
    body = raw.rstrip(" .:;")
    if len(body) <= 4 or not body.startswith("**") or not body.endswith("**") or body.strip("* ") == "":
        return False
    return not any(i % 2 == 0 and any(ch.isalnum() for ch in piece)
                   for i, piece in enumerate(_BOLD_MARKS.split(body.replace("***", "**"))))


_BOLD_MARKS = re.compile(r"\*\*")


def _join_bare_markers(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines, a named marker's word alone on its line joined to the next when the two
    make the marker ("**Điều" | "9. Công bố …" is article 9; "Chương" | "II" chapter II), and
    a bullet alone on its line joined to the words of its item ("-" | "Phân công, chỉ đạo …")."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        if i + 1 < len(lines) and doc.work[start:end].strip() in _BULLETS \
                and doc.work[lines[i + 1][0]:lines[i + 1][1]].strip()[:1] not in ("", *_BULLETS):
            out.append((start, lines[i + 1][1]))
            i += 2
            continue
        if i + 1 < len(lines) and _bare_marker_word(doc, cues, start, end):
            lead = start + len(doc.work[start:end]) - len(doc.work[start:end].lstrip())
            if detect_marker(doc.work, lead, lines[i + 1][1], cues)[0] in _NAMED:
                out.append((start, lines[i + 1][1]))
                i += 2
                continue
        out.append((start, end))
        i += 1
    return out


_BULLETS = tuple(_FIRST["dash"] + _FIRST["plus"])  # the characters an item's bullet is


def _marker_tails(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]]) -> set[int]:
    """Starts of the lines that hold a marker alone ("IV.", "12.") where the next non-blank
    line holds a marker alone too ("a)", "2."): nothing stands between the two markers, so
    the first may be the last word of a sentence wrapped onto its own line ("… ngày 31 tháng"
    | "12." | "2." | "Khi …"), which :func:`paragraphs` decides by the line before it."""
    bare = []
    for start, end in lines:
        text = doc.work[start:end]
        word = text.strip()
        if not word:
            continue
        if len(word) > _BARE_MARKER_CHARS:  # (most lines: words, no marker alone)
            bare.append((start, False))
            continue
        lead = start + len(text) - len(text.lstrip())
        kind, _, body = detect_marker(doc.work, lead, start + len(text.rstrip()), cues)
        bare.append((start, kind != "none" and body >= start + len(text.rstrip())))
    return {start for (start, alone), (_, next_alone) in zip(bare, bare[1:], strict=False) if alone and next_alone}


_BARE_MARKER_CHARS = 12
"""The longest marker alone on its line ("1.2.3.4.", "**IV.**")."""


def _bare_marker_word(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """The line is only the word of a named marker ("Điều", "Chương", "Mục", "Phần")."""
    body = doc.folded[start:end].strip(" *#\t")
    return 0 < len(body) <= 8 and any(cues[f"marker:{kind}"].pattern.fullmatch(body) for kind in _NAMED)


def _run_shape(doc: NormalizedText, lines: list[tuple[int, int]]) -> tuple[bool, bool, int]:
    """How a run of lines is laid out, read in one pass:

    * blank-separated: paragraphs are separated by blank lines (one line in twelve or more is blank);
    * one per line: each line is a paragraph (a copied news page), most lines being long;
    * wrap width: the width hard-wrapped lines reach (the 90th percentile of line lengths),
      as only a line that long can have been cut mid-sentence."""
    text = doc.text
    lengths, widths = [], []
    for s, e in lines:
        stripped = text[s:e].strip()
        if stripped:
            lengths.append(e - s)
            widths.append(len(stripped))
    blank_separated = len(lines) > 0 and (len(lines) - len(lengths)) / len(lines) >= 0.08
    lengths.sort()
    widths.sort()
    one_per_line = len(lengths) >= 3 and lengths[len(lengths) // 2] > 160
    return blank_separated, one_per_line, widths[int(len(widths) * 0.9)] if widths else 0


def _first_line_width(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]], wrap_width: int) -> int:
    """The width an item's first line reaches where it wraps: the wrap width, or less where
    the copy wrapped first lines shorter (a page that indented them: "c) Bộ Công Thương phối
    hợp các bộ, cơ quan, đơn vị" | "liên quan báo cáo …" at 50 characters beside lines of 80),
    so that a first line as long as theirs is not read as cut short on purpose. Measured on
    items whose next line goes on in lower case, the median of at least three."""
    work = doc.work
    widths = []
    for (s, e), (s2, e2) in zip(lines, lines[1:], strict=False):
        line, after = work[s:e].strip(), work[s2:e2].lstrip()
        if line and after[:1].islower() and not _TERMINAL.search(line) \
                and detect_marker(work, e - len(work[s:e].lstrip()), e, cues)[0] not in ("none", "article"):
            widths.append(len(line))
    if len(widths) < 3:
        return wrap_width
    widths.sort()
    median = widths[len(widths) // 2]
    return median if median < 0.8 * wrap_width else wrap_width


def _field_line(doc: NormalizedText, cues: Cues, current: list) -> bool:
    """The open paragraph is a labelled field ("- Đơn vị phối hợp: các sở, ban ngành;"), whose
    value may go on over lines that each start with a capital."""
    return _opens_field(doc, cues, current[4], current[1], roles=("lead", "coordinate"))


def _opens_field(doc: NormalizedText, cues: Cues, start: int, end: int,
                 roles: tuple[str, ...] = ("lead", "coordinate", "period", "product", "budget")) -> bool:
    """Text at ``start`` is a field label and its colon ("Đơn vị thực hiện: …")."""
    if ":" not in doc.work[start:min(end, start + 60)]:
        return False  # every label is a few words and a colon
    for role in roles:
        match = cues[f"field:{role}"].at(doc.folded, start, end)
        if match and doc.work[match.end():match.end() + 3].lstrip().startswith(":"):
            return True
    return False


_HEADER_LINE_CHARS = 240  # header and attachment lines are short; longer lines skip their checks
_PLACE_DATE = re.compile(r"[^\W\d][\w .]{1,40},\s*ngay\s+\d{1,2}\b")


def _header_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """A header line that stands alone: the number ("Số: 7/KH-UBND") or place and date
    ("Đồng Nai, ngày 10 tháng 5 năm 2023"), however the crawl wrapped the lines around it."""
    if end - start > _HEADER_LINE_CHARS:
        return False
    folded = doc.folded
    label = cues["number-label"].at(folded, start, end)
    if label and folded[label.end():label.end() + 2].lstrip().startswith(":"):
        return bool(re.search(r"\d\s*/", folded[label.end():end]))  # complete, not "Số:" alone
    return bool(_PLACE_DATE.match(folded, start, end)) and end - start < 80 \
        and bool(re.search(r"(?:19|20)\d{2}\W*$", folded[start:end]))  # not "Đồng Nai, ngày 20" + next line


def _attachment_line(doc: NormalizedText, cues: Cues, start: int, end: int) -> tuple[bool, bool]:
    """(opens, closes): "(Kèm theo Quyết định số …)" under an attached document's title opens
    a paragraph, and closes it unless its bracket goes on to the next line."""
    if end - start > _HEADER_LINE_CHARS:
        return False, False
    folded = doc.folded
    opening = start + len(folded[start:end]) - len(folded[start:end].lstrip("(*_ "))
    bracket = "(" in folded[start:opening]
    if not bracket and doc.text[opening:opening + 1].islower():
        return False, False  # "… đồng" | "kèm theo văn bản thông báo …": a sentence wraps
    # in a bracket the words may wrap: "(Ban hành" | "kèm theo Quyết định số …)"
    if not (cue := cues["attachment"].at(folded, opening, min(len(folded), end + 40) if bracket else end)):
        return False, False
    if not bracket and cues["this-document"].search(folded, cue.end(), end):
        return False, False  # "Ban hành kèm theo Quyết định này Kế hoạch …": a decision's own article
    return True, not bracket or ")" in folded[opening:end]


_HAND_ENDED = 0.85
"""Share of the wrap width that a line and the next line's first word fit in when the line
was ended by hand: a line set in a proportional font (a PDF's) wraps anywhere past it."""
_ASIDE_CHARS = 300
"""At most this many characters from an aside's opening bracket to the end of the lines it
is left open on: a bracket never closed further back is a typing slip, not an open aside."""


def _bracket_left_open(work: str, start: int, end: int) -> bool:
    """The paragraph's last lines open a bracket they do not close."""
    opened = work.rfind("(", max(start, end - _ASIDE_CHARS), end)
    return opened >= 0 and ")" not in work[opened:end]


def _left_open(doc: NormalizedText, cues: Cues, start: int, end: int) -> bool:
    """The line ends on a word or mark that needs more after it ("Sở Tài nguyên và", "…,"), or
    leaves a bracket or quotation open ("7. Bãi bỏ cụm từ “huyện Quảng" | "Điền” tại …"); a
    head noun that opens a name only when capitalised ("Trường", not "môi trường") too."""
    folded = doc.folded
    stripped = folded[start:end].rstrip(" *")
    if stripped.endswith((",", "-", "–", "(")) or stripped.count("(") > stripped.count(")") \
            or doc.work.count("“", start, end) > doc.work.count("”", start, end) or any(
            cues[name].ending_at(folded, end, start)  # "… và", "1. Giao Sở" + "Công Thương …"
            for name in ("line-continues", "agency-head", "role:assign")):
        return True
    proper = cues["agency-head-proper"].ending_at(folded, end, start)
    if proper is None or not doc.work[proper.start()].isupper():
        return False
    line = doc.work[proper.start():end].lower()  # with its diacritics: "MÃ SỐ" is no "Sở"
    return cues["agency-head-proper"].ending_at(line, len(line), exact=True) is not None


def _name_across(folded: str, start: int, end: int, next_start: int, next_end: int) -> bool:
    """The break between two lines falls inside an agency's or a province's name ("Điều 3.
    Sở Công" | "Thương chịu trách nhiệm …", "Truyền hình Đồng" | "Tháp, Ban Biên tập …"):
    the line was cut there, it does not end a heading."""
    head = folded[max(start, end - 40):end]
    window = f"{head} {folded[next_start:min(next_end, next_start + 40)]}"
    registry = load_registry()
    return any(m.start() < len(head) < m.end() for pattern in (registry.alias_pattern, registry.province_pattern)
               for m in pattern.finditer(window))


def _pair_cut(doc: NormalizedText, cues: Cues, dash: int, stop: int) -> bool:
    """The dash that opens the line at ``dash`` joins the two words of a pair that names are
    written with (cue set dash-pair: "Thi đua - Khen thưởng"), the first ending the line before."""
    return any(m.start() < dash < m.end() for m in cues["dash-pair"].finditer(doc.folded, max(0, dash - 30), stop))


def _real_heading(doc: NormalizedText, current: list) -> bool:
    """The open paragraph is a heading by its typography (bold, italic, capitals), not only by length."""
    return is_caps_line(doc.work[current[4]:current[1]]) or _wholly_emphasized(doc.text[current[0]:current[1]].strip())


def _marker_only(work: str, current: list) -> bool:
    return current[2] != "none" and not work[current[4]:current[1]].strip()


def _heading_like(doc: NormalizedText, current: list) -> bool:
    """The open paragraph reads as a heading: short with no closing stop, or in capitals."""
    body = doc.work[current[4]:current[1]].strip()
    if (len(body) <= _HEADING_CHARS and not re.search(r"[.;]\W*$", body)) or is_caps_line(body):
        return True
    first = doc.text.rfind("\n", 0, current[0]) + 1  # (the emphasis marks stand outside the words)
    last = doc.text.find("\n", current[1])
    return _wholly_emphasized(doc.text[first:last if last >= 0 else len(doc.text)].strip())


def _wholly_emphasized(raw: str) -> bool:
    """A line or paragraph bold or italic from end to end ("**I. MỤC TIÊU**", "*2.1. Sở Tài chính*")."""
    body = raw.rstrip(" .:;")
    return len(body) > 2 and body.startswith("*") and body.endswith("*") and body.strip("* ") != ""


def _one_emphasis(raw: str) -> bool:
    """The text is one run of emphasis, opened at its start and closed at its end ("**4. Cục Mỹ
    thuật, Nhiếp ảnh và Triển lãm**"), not words between emphasised marks ("**2. …: (1)** … **(3)**")."""
    return _wholly_emphasized(raw) and len(re.findall(r"\*+", raw)) == 2


def _toggles(raw: str, state: bool) -> bool:
    """Emphasis state after a line: an odd number of emphasis marks flips it. A run of marks is
    one mark ("*", "**", "***"), but four are two: a bold closed and another opened at once
    ("**4. Văn" | "phòng Bộ:**** **Thực hiện …" closes the heading's bold, then opens and closes
    an empty one)."""
    if "*" not in raw:
        return state
    marks = sum(len(run) // 2 if len(run) % 2 == 0 else 1 for run in re.findall(r"\*+", raw))
    return state ^ (marks % 2 == 1)


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text))


def _continues_caps(text: str) -> bool:
    """A short code line in capitals ("UBND", "QĐ-TTg"), a document's number
    ("72/2025/QH15;") or a list of codes ("N-NO3-, P-PO43-, H2S, TSS,") that wraps inside
    running text."""
    return len(text) <= 12 and not re.search(r"\s", text) or bool(_NUMBER_LINE.match(text)) \
        or bool(_CODE_LIST_LINE.fullmatch(text))


_CODE_LIST_LINE = re.compile(r"(?:[^\s,;]{1,10}[,;]\s*){2,}[^\s,;]{0,10}")
"""Codes with no space in them, two or more, each closed by a comma or semicolon (the last
may be left open): a list of measured parameters, symbols or abbreviations wrapped across lines."""
