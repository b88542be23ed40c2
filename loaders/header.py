"""What a document says about itself: issuer, number, place and date, kind, title,
province and period — read from its header as Decree 30/2020/NĐ-CP lays it out.

The issuer's name stands above or beside the national motto ("ỦY BAN NHÂN DÂN TỈNH
PHÚ THỌ", "VĂN PHÒNG CHÍNH PHỦ", "HỘI ĐỒNG NHÂN DÂN …"), then "Số: …", then
"<place>, ngày … tháng … năm …", then the kind in capitals ("KẾ HOẠCH", "QUYẾT
ĐỊNH") with the title under it. A copy without that header (a news item, a
translation) falls back to the first line that names a kind, the first own-number
cue and the province named most. A national issuer has no province. A decision that
issues a plan keeps the plan's own number when the plan has one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from plankg.loaders import dates
from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.cues import EDIT_RELATIONS, Cues
from plankg.loaders.docnumbers import doc_type_name, find_numbers, issuer_agency
from plankg.loaders.layout import Layout, Para, line_spans
from plankg.loaders.normalize import NormalizedText, fold, squash
from plankg.loaders.official import is_caps_line, number_line
from plankg.loaders.outline import Node
from plankg.loaders.records import DocNumber, PlanMeta, unregistered_name
from plankg.loaders.registry import Registry, alias_key

_NUMBER_LABEL = r"\s*{0}\s*(?::|\d)"
"""A paragraph that opens with the label of the document's number ("Số:", "Số 45-KH/TU"; cue set number-label)."""
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*((?:19|20)\d{2})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"(?:ngày|ban hành)\W{0,6}(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^(?:(?:số|no)\.?\s*:?\s*\S+\s+)?[\w\s.]{2,40},\s*ngày\b", re.IGNORECASE)
"""The place and date line, or the number line that a two-column header puts it on
("Số: 25/CTr-UBND      Lào Cai, ngày 03 tháng 4 năm 2025")."""
_PLACE_DATE_EN = re.compile(r"^[\w\s.]{2,40},\s*" + dates.EN_DATE.pattern)
_YEAR_RANGE = re.compile(r"\b((?:19|20)\d{2})(?:\s*(?:-|–|đến|den|to)\s*|\s+)((?:19|20)\d{2})\b")
"""A range of years, in a text or in its folded form ("2026 đến 2030", "2026 den 2030"), or two
years a space alone joins, as a news title writes them once its dash is dropped ("… giai đoạn
2021 2030 (Kế hoạch 0219/KH-UBND)"; see :func:`_range_years`)."""
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_HEADER_PARAS = 12


@dataclass(frozen=True)
class Header:
    """The document's metadata, the spans of its title and preamble, and its level."""

    meta: PlanMeta
    preamble: tuple[tuple[int, int], ...]
    national: bool
    title_lines: tuple[tuple[int, int], ...] = ()
    """Spans of the paragraphs under the kind line that make its title."""
    letter_prose: tuple[int, int] | None = None
    """Where a letter with no items before its signature has its prose (after its addressee
    line): only what that prose asks of someone is a task."""


def detect_language(text: str) -> str:
    """"vi" when Vietnamese letters are common, else "en"."""
    sample = text[:20000]
    needed = 0.02 * max(1, len(sample))
    for count, _ in enumerate(_VI_LETTERS.finditer(sample), 1):
        if count > needed:
            return "vi"  # (decided within the first lines of a Vietnamese text)
    return "en"


def read_header(doc: NormalizedText, cues: Cues, registry: Registry, index: AgencyIndex,
                layout: Layout, root: Node) -> Header:
    """The header facts of one document."""
    paras = [b for b in layout.blocks if isinstance(b, Para)]
    head = paras[:_HEADER_PARAS]
    issuer_para, motto_at = _issuer_block(doc, cues, head)
    issuer = _issuer(index, issuer_para) if issuer_para else None
    number = _labelled_number(doc, cues, registry, head)
    kind_at = _kind_line(doc, cues, registry, paras)
    title, title_lines = _title(doc, cues, paras, kind_at) if kind_at is not None else (None, [])
    preamble, letter_prose = _preamble(doc, cues, root)
    if number is None:
        number = _cued_number(doc, registry, paras[:max(kind_at or 0, 3) + 2] + [p for p in paras if
                                                                                 (p.start, p.end) in preamble])
    plan_number = _attached_own_number(doc, registry, cues, root)
    number = plan_number or number
    kind_type = _kind_type(doc, registry, paras[kind_at]) if kind_at is not None else None
    if number is None and kind_type is not None:
        number = _appended_own_number(doc, registry, cues, root, kind_type, issuer)
    issued = _first_in_year(number, (partial(_issued, doc, cues, head), partial(_issued, doc, cues, paras[:30]),
                                     partial(_dated_mention, doc, number), partial(_adopted, doc, cues)))
    if issuer is None and number is not None:
        issuer = issuer_agency(number, registry)
    if issuer is None and kind_at is not None:
        issuer = _enacting_authority(doc, cues, index, paras[kind_at + 1:kind_at + 1 + _AUTHORITY_LINES])
    doc_type = kind_type
    if doc_type is None and _subject_line_under_number(doc, cues, registry, head):
        doc_type = registry.subject_line_type  # "Số: 5680/CT-CS" | "V/v thuế TNCN …": a letter, whatever its codes
    if doc_type is None and number is not None:
        doc_type = doc_type_name(number, registry)
    if title is None:
        title = _first_titled(doc, cues, registry, paras[:6], layout.start, number)
    if doc_type is None and title is not None:
        doc_type = _titled_type(registry, fold(title))
    if issuer is None and (doc_type is not None or number is not None) \
            and "PPC" in index.codes_in(layout.start, min(layout.end, layout.start + 3000)):
        issuer = "PPC"  # a copy without its header block: the provincial People's Committee it names (a page
        # that gives no document, an answer naming "Ủy ban nhân dân cấp tỉnh", has no issuer)
    national = registry.agencies[issuer].level == "NationalLevel" if issuer in registry.agencies else \
        issuer is None and issuer_para is not None and bool(
            cues["national-name"].search(doc.folded, issuer_para.start, issuer_para.end))
    if issuer_para is not None and any(registry.agencies[n.code].level == "NationalLevel"
                                       for n in index.names(issuer_para.start, issuer_para.end)[:-1]
                                       if n.code in registry.agencies):
        national = True  # "BỘ TÀI CHÍNH" | "CỤC THUẾ": a department of a ministry
    if number is not None and any(code in registry.national_issuer_codes for code in number.issuer_codes):
        national = True  # "5706/CT-CS" given without its header: the national tax department's letter
    province = None if national else (_header_province(doc, registry, issuer_para, head)
                                      or _voted_province(doc, registry, index, layout))
    period = _period(cues, _own_title(cues, registry, title), issued, _period_hints(doc, cues, root))
    meta = PlanMeta(doc_number=number, doc_type=doc_type, issuer=issuer,
                    province=province, issued=issued, period=period, title=title)
    return Header(meta, tuple(preamble), national, tuple(title_lines), letter_prose)


# ---------------------------------------------------------------------------- issuer and number

def _issuer_block(doc: NormalizedText, cues: Cues, head: list[Para]) -> tuple[Para | None, int | None]:
    """The paragraph naming the issuer (the one before the motto), and the motto's index."""
    for i, para in enumerate(head):
        motto = cues["motto"].search(doc.folded, para.start, para.end)
        if motto:
            before = doc.work[para.start:motto.start()].rstrip()
            if before.strip() and is_caps_line(before) and not _motto_piece(cues, before):
                return replace(para, end=para.start + len(before)), i  # the issuer's lines and the motto's
            for j in range(i - 1, -1, -1):
                text = doc.work[head[j].start:head[j].end]
                if is_caps_line(text) and not _motto_piece(cues, text):
                    k = j  # the block's lines above it ("BỘ TÀI CHÍNH" | "CỤC THUẾ"): its parent
                    while k > max(0, j - _PARENT_LINES) and (above := doc.work[head[k - 1].start:head[k - 1].end]) \
                            and is_caps_line(above) and not _motto_piece(cues, above):
                        k -= 1
                    return replace(head[j], start=head[k].start, body_start=head[k].start), i
            return None, i
    return None, None


_PARENT_LINES = 2  # lines of an issuer block above the issuer's own (ministry, committee)


def _motto_piece(cues: Cues, text: str) -> bool:
    """A line that is part of the motto's first line, broken apart by a scan's reading
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" | "VIỆT NAM Độc lập - Tự do - Hạnh phúc"): no issuer."""
    folded = " ".join(fold(text).split())
    return bool(folded) and any(folded in phrase for phrase in cues["motto"].phrases)


def _enacting_authority(doc: NormalizedText, cues: Cues, index: AgencyIndex, paras: list[Para]) -> str | None:
    """The body whose head enacts the document, from the line in capitals under its title
    ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "THỦ TƯỚNG CHÍNH PHỦ điện:",
    its enacting word after it): the issuer of a copy whose header block the crawl lost."""
    for para in paras:
        if cues["preamble"].at(doc.folded, para.start, para.end):
            return None  # the preamble has begun: no authority line
        enacting = cues["enacting"].ending_at(doc.folded, para.end, para.start)
        end = enacting.start() if enacting is not None else para.end
        if is_caps_line(doc.work[para.start:end]) and cues["authority-line"].at(doc.folded, para.start, end):
            names = [n.code for n in index.names(para.start, end) if unregistered_name(n.code) is None]
            return names[-1] if names else None
    return None


_AUTHORITY_LINES = 4  # paragraphs under the kind line: the title's (at most three), then the authority's


def _issuer(index: AgencyIndex, para: Para) -> str | None:
    """The body that issues: the last one the block names ("UBND TỈNH NINH BÌNH / SỞ Y TẾ" is
    the department's document, its parent named above it)."""
    names = [n.code for n in index.names(para.start, para.end) if unregistered_name(n.code) is None]
    folded = index.doc.folded[para.start:para.end]
    committee = re.search(r"\buy ban nhan dan\b|\bubnd\b", folded)
    if committee and (not names or names[-1] == "PPC") \
            and index.cues["lower-unit"].at(folded, committee.end()):
        return "DPC"  # "ỦY BAN NHÂN DÂN / XÃ TÂN PHÚ": a commune's (or a district's) committee
    if names:
        return names[-1]
    if committee:
        return "PPC"
    if re.search(r"\bhoi dong nhan dan\b", folded):
        return "PCOUNCIL"
    return None


def _labelled_number(doc: NormalizedText, cues: Cues, registry: Registry, head: list[Para]) -> DocNumber | None:
    """The number after "Số:" in the header block (possibly on the next line)."""
    for i, para in enumerate(head):
        folded = doc.folded[para.start:para.end]
        if not cues.compose(_NUMBER_LABEL, "number-label").match(folded):
            continue
        following = _next(head, i)
        # the number's paragraph with the next one: a number cut at its dash ("Số: 3783/QĐ-" | "UBND"),
        # or the number under its label ("Số:" | "5712/CT-CS")
        for _match, number in find_numbers(doc.work, registry, para.start, following.end if following else para.end):
            return number
    return None


def _subject_line_under_number(doc: NormalizedText, cues: Cues, registry: Registry, head: list[Para]) -> bool:
    """The header gives a subject line right under the number ("Số: 5680/CT-CS" | "V/v thuế
    TNCN …"), in the number's paragraph or the two after it (the label, the number and the
    subject may stand apart) and before any kind line, as an official letter does."""
    for i, para in enumerate(head):
        if cues.compose(_NUMBER_LABEL, "number-label").match(doc.folded, para.start, para.end):
            for start, end in (span for p in head[i:i + 3] for span in line_spans(doc.work, p.start, p.end)):
                lead = start + len(doc.work[start:end]) - len(doc.work[start:end].lstrip(" |*"))
                if _titled_type(registry, doc.folded[lead:end]):
                    return False  # "NGHỊ QUYẾT" | "Về việc …": a title under its kind
                if cues["subject-line"].at(doc.folded, lead, end):
                    return True
            return False
    return False


def _next(paras: list[Para], i: int) -> Para | None:
    return paras[i + 1] if i + 1 < len(paras) else None


def _cued_number(doc: NormalizedText, registry: Registry, paras: list[Para]) -> DocNumber | None:
    """A number with nothing but "Số" or its kind before it on its line ("# Nghị quyết 74/NQ-CP
    của Chính phủ"), or after "ban hành Kế hoạch số" / "có Nghị quyết số" (a news item about it)."""
    kinds = "|".join(re.escape(w) for w in sorted(registry.doc_type_words, key=len, reverse=True))
    labelled = re.compile(rf"^\W*(?:(?:{kinds})\s*)?(?:so(?:\s+hieu)?|no\.?)?\W*$")
    reported = re.compile(rf"\b(?:co|ban hanh|ky)\s+(?:{kinds})(?:\s+so)?\s*$")
    kind_before = re.compile(rf"\b(?:{kinds})\W*$")  # a line that ends on a kind: the next names that document
    for para in paras:
        for match, number in find_numbers(doc.work, registry, para.start, para.end):
            line_start = doc.folded.rfind("\n", para.start, match.start()) + 1
            before = " ".join(doc.folded[max(para.start, line_start):match.start()].split())
            said = " ".join(doc.folded[max(para.start, match.start() - 60):match.start()].split())
            cited = bool(kind_before.search(doc.folded, para.start, line_start))  # "… Decision" | "No.687/QD-TTg of …"
            if labelled.match(before) and not cited or reported.search(said):  # "ký ban hành Kế" | "hoạch số …"
                return number
    return None


def _attached_own_number(doc: NormalizedText, registry: Registry, cues: Cues, root: Node) -> DocNumber | None:
    """The own number of a plan issued with a decision, when its header gives one ("Số: …")."""
    for node in root.children:
        if node.type_key != ("attachment",) or node.kind == "appendix":
            continue
        for child in node.children[:3]:
            if child.para is None:
                continue
            folded = doc.folded[child.para.start:child.para.end]
            if re.match(r"\s*so\s*:", folded):
                for _match, number in find_numbers(doc.work, registry, child.para.start, child.para.end):
                    return number
    return None


def _appended_own_number(doc: NormalizedText, registry: Registry, cues: Cues, root: Node, kind: str,
                         issuer: str | None) -> DocNumber | None:
    """The document's own number when its header gives none (a copy that lost its "Số: …"
    line), from the line under an appendix's title that names what the appendix goes with
    ("(Kèm theo Nghị quyết số 394/NQ-CP ngày 03 tháng 12 năm 2025 của Chính phủ)", cue set
    attachment): the first number it gives, when that is of the document's own kind and issuer."""
    for start, end in attachment_lines(doc, cues, root):
        number = next((number for _match, number in find_numbers(doc.work, registry, start, end)), None)
        if number is not None and doc_type_name(number, registry) == kind \
                and (issuer is None or issuer_agency(number, registry) in (None, issuer)):
            return number
    return None


def attachment_lines(doc: NormalizedText, cues: Cues, root: Node):
    """Spans of the lines under an attached document's title that name what it goes with ("Ban
    hành kèm theo …", "(Kèm theo Nghị quyết số …)")."""
    for node in root.walk():
        if node.para is not None and node.para.marker_kind == "none" and \
                cues["attachment"].search(doc.folded, node.para.start, min(node.para.end, node.para.start + 30)):
            yield node.para.start, node.para.end


# ---------------------------------------------------------------------------- kind and title

def _kind_line(doc: NormalizedText, cues: Cues, registry: Registry, paras: list[Para]) -> int | None:
    """Index of the paragraph that names the document's kind in capitals ("KẾ HOẠCH"), also when
    a crawl ran the title on after it ("NGHỊ ĐỊNH" + "Về hợp đồng …"); none after the preamble
    has begun (a chapter's "QUY ĐỊNH CHUNG" is no kind line)."""
    for i, para in enumerate(paras[:_HEADER_PARAS + 4]):
        if cues["preamble"].at(doc.folded, para.body_start, para.end):
            return None
        body = doc.work[para.start:para.end].strip()
        if is_caps_line(body):
            folded = " ".join(doc.folded[para.start:para.end].split()).strip(" :")
        else:  # the words in capitals it opens with
            words = body.split()
            caps = next((k for k, w in enumerate(words) if not w.isupper()), len(words))
            folded = fold(" ".join(words[:caps])).strip(" :") if caps >= 2 else ""
            if folded not in registry.doc_type_words:
                continue
        if any(folded == w or folded.startswith(w + " ") for w in registry.doc_type_words):
            return i
    return None


def _kind_type(doc: NormalizedText, registry: Registry, para: Para) -> str | None:
    folded = " ".join(doc.folded[para.start:para.end].split())
    found = [(len(w), name) for w, name in registry.doc_type_words.items()
             if folded == w or folded.startswith(w + " ") or folded.startswith(w + ":")]
    return max(found)[1] if found else None


_HEADING_CHARS = 60
"""At most this long, a line opening with a section's name under a title is a heading."""


def _title(doc: NormalizedText, cues: Cues, paras: list[Para], at: int) -> tuple[str, list[tuple[int, int]]]:
    """The kind line and the title lines in capitals under it (not the enacting authority's
    line, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), and the spans of those title lines."""
    parts = [squash(doc.work[paras[at].start:paras[at].end])]
    lines: list[tuple[int, int]] = []
    for i, para in enumerate(paras[at + 1:at + 3]):
        body = doc.work[para.start:para.end].strip()
        ruled = _RULE_UNDER.search(body)
        if ruled and is_caps_line(body[:ruled.start()]):
            body = body[:ruled.start()]  # "CỦA BỘ CHÍNH TRỊ, … 2 CẤP" | "-----" | "Tại phiên họp …": the rule ends it
            para = replace(para, end=para.start + len(body))  # (a paragraph starts at its first letter)
        if cues["authority-line"].at(doc.folded, para.start, para.end) or body.rstrip().endswith(":") \
                or para.marker_kind != "none":
            break
        if not is_caps_line(body) and (i or len(body) > 300 or (
                cues["preamble"].at(doc.folded, para.start, para.end) and not _implementing_title(doc, cues, para))):
            break  # a title in sentence case is the one line right under the kind, not "Căn cứ …"
        if i and len(body) <= _HEADING_CHARS and not parts[-1].endswith((",", ";")) \
                and cues.opening_section_kind(" ".join(doc.folded[para.start:para.end].split())) is not None:
            break  # "MỤC ĐÍCH, YÊU CẦU" under a title in capitals: the text's first heading
        lines.append((para.start, para.end))
        if squash(body) in parts[-1]:
            continue  # the title run on after the kind, then given again on its own line
        parts.append(squash(body))
        if any(ch.islower() for ch in body):
            break  # a title in sentence case is one line: "PHẦN THỨ NHẤT / MỤC TIÊU" under it is the text's
    return (" ".join(parts) if len(parts) > 1 or len(parts[0]) > 12 else parts[0]), lines


_RULE_UNDER = re.compile(r"\n[ \t]*[-–—_]{3,}[ \t]*(?:\n|$)")
"""A rule drawn under a title ("-----"), which a crawl may run on with the first sentence after it."""


def _implementing_title(doc: NormalizedText, cues: Cues, para: Para) -> bool:
    """A line under the kind that names what the plan carries out ("Thực hiện Nghị quyết số
    57-NQ/TW …") is its title, unless it is the clause that leads into the text (it ends
    with ":", ";" or "," — "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")."""
    body = doc.work[para.start:para.end].rstrip(" *\n")
    return bool(cues["relation:implements"].at(doc.folded, para.start, para.end)) and len(body) <= 250 \
        and body[-1:] not in (":", ";", ",")


def _first_titled(doc: NormalizedText, cues: Cues, registry: Registry, paras: list[Para],
                  official_start: int, number: DocNumber | None) -> str | None:
    """Without a kind line: the first paragraph that opens with a kind ("Kế hoạch …",
    "Implementation plan …"), else a letter's subject line ("V/v triển khai …"), else the
    page's own title line above the official text, else the page's name for the document
    (:func:`_page_named`), else the first paragraph unless it names the addressee. A page headed by
    a question ("# Toàn văn Thông tư 97/2025/TT-BTC … ra sao?") is titled by it: it answers the
    question, quoting documents, and is none of them; a lead-in ("Thông tư 97/2025/TT-BTC áp
    dụng đối với:") is no title."""
    page_heading = doc.text.lstrip().split("\n", 1)[0]
    if page_heading.startswith("#") and page_heading.rstrip(" *").endswith("?"):
        return squash(page_heading.strip("# *"))
    for para in paras:
        head = " ".join(doc.folded[para.body_start:para.end].split()).strip("# *:")
        if _titled_type(registry, head) and head not in registry.doc_type_words:
            return squash(doc.work[para.body_start:para.end])  # (not a table's cell "Công văn", the kind alone)
    for para in paras:
        if cues["subject-line"].at(doc.folded, para.body_start, para.end):
            return squash(doc.work[para.body_start:para.end])
    for para, after in zip(paras, paras[1:], strict=False):  # "Số: 5155/SGDĐT-GDTX" | "Về hướng dẫn đánh giá …"
        if cues.compose(_NUMBER_LABEL, "number-label").match(doc.folded, para.start, para.end) \
                and cues["subject-under-number"].at(doc.folded, after.body_start, after.end):
            return squash(doc.work[after.body_start:after.end].strip(" *"))
    first_line = doc.work[:official_start].strip().split("\n", 1)[0]
    if first_line and _titled_type(registry, fold(first_line)):
        return squash(first_line.strip("# *"))
    named = _page_named(doc, cues, registry, number)
    if named:
        return named
    if not paras or cues["addressee"].at(doc.folded, paras[0].body_start, paras[0].end):
        return None  # ("Kính gửi: …" opens a letter copied without its header: whom it is sent to, no title)
    return squash(doc.work[paras[0].body_start:paras[0].end])


def _page_named(doc: NormalizedText, cues: Cues, registry: Registry, number: DocNumber | None) -> str | None:
    """The page's own name for a document it gives without its header: a line that opens
    with the kind and the number, then its year or date, its subject and who made it ("Công
    văn 6225/BVHTTDL-VP năm 2025 tập trung đẩy mạnh … do Bộ Văn hóa, Thể thao và Du lịch ban
    hành"), above or below the text: the subject ("tập trung đẩy mạnh …"); the shortest where
    the page names it more than once. A line citing it ("Quyết định số 3608/QĐ-BYT
    ngày …" in an appendix's caption) writes "số" between them, and is none."""
    if number is None:
        return None
    key = fold(str(number)).lower()
    subject = cues.compose(_PAGE_NAME, "page-name-dated", "page-name-by", "page-name-closing")
    names = []
    at = doc.folded.find(key)
    while at != -1:
        start = doc.folded.rfind("\n", 0, at) + 1
        end = doc.folded.find("\n", at)
        end = len(doc.folded) if end == -1 else end
        named = subject.match(doc.folded, at + len(key), end)
        if named and " ".join(doc.folded[start:at].split()).strip("# *") in registry.doc_type_words:
            names.append(squash(doc.work[named.start(1):named.end(1)]))
        at = doc.folded.find(key, end)
    return min(names, key=len, default=None)


_PAGE_NAME = r"(?:\s+{0}\s+[\d/]+)?\s+(\S.*?)\s+{1}\s+(?:(?!\s{1}\s).)+\s{2}\s*$"
"""After the number in a page's name for a document: its year or date (cue set page-name-dated),
the subject, and the issuer that made it (cue sets page-name-by, page-name-closing), left out: a news
item's sentence ("Quyết định 3650/QĐ-UBND năm 2025 phê duyệt … có hiệu lực từ ngày …") does not
close so."""


def _own_title(cues: Cues, registry: Registry, title: str | None) -> str | None:
    """The words of a title that speak of the document itself: all of them, but for a
    document that amends, replaces or repeals another only those before the other's number
    ("NGHỊ QUYẾT BÃI BỎ NGHỊ QUYẾT SỐ 30/2013/NQ-HĐND … ĐẾN NĂM 2020 …": 2020 is the repealed
    resolution's year, no period of this one)."""
    if not title:
        return title
    head = " ".join(fold(title).split()).lstrip("# *")
    kind = _kind_word(registry, head)
    act = head[len(kind):].lstrip(" :") if kind else ""
    if not any(cues[name].at(act, 0) for name in EDIT_RELATIONS):
        return title
    other = next(iter(find_numbers(title, registry)), None)
    return title[:other[0].start()] if other else title


def _titled_type(registry: Registry, folded: str) -> str | None:
    """The kind a title opens with ("ke hoach …", "implementation plan …"), as an English name."""
    word = _kind_word(registry, " ".join(folded.split()).lstrip("# *"))
    return registry.doc_type_words[word] if word else None


def _kind_word(registry: Registry, head: str) -> str | None:
    """The folded word of a kind that ``head`` (folded, spaces squashed) opens with, the longest."""
    for word in sorted(registry.doc_type_words, key=len, reverse=True):
        if head.startswith(word) and (len(head) == len(word) or not head[len(word)].isalnum()):
            return word
    return None


def _letter_header(doc: NormalizedText, cues: Cues, nodes: list[Node]) -> list[Node]:
    """The paragraphs of a letter up to its addressee line and the "Căn cứ …" clauses right
    after it (its body follows: "Đề nghị Ủy ban nhân dân phường, xã … thực hiện …"); all of
    them where there is no addressee line."""
    at = next((i for i, n in enumerate(nodes) if cues["addressee"].at(doc.folded, n.para.start, n.para.end)), None)
    if at is None:
        return nodes
    end = at + 1
    while end < len(nodes) and cues["preamble"].at(doc.folded, nodes[end].para.start, nodes[end].para.end):
        end += 1
    return nodes[:end]


def _preamble(doc: NormalizedText, cues: Cues, root: Node) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Spans of the main document's paragraphs before its first item or enacting words, and
    the span of a letter's prose (see :attr:`Header.letter_prose`).

    A text with no items at all (a news item) has for preamble only its title lines
    and the clauses that open with "Căn cứ" / "Thực hiện"; a letter with no items before
    its signature, its header up to the addressee line ("Kính gửi: …") and the clauses
    right after it.
    """
    out: list[Node] = []
    structured = False
    prose = None
    for node in root.walk():
        if node is root:
            continue
        if node.type_key[0] in ("attachment", "enacting", "article", "chapter", "part", "roman", "arabic",
                                "letter", "signature"):
            structured = True
            if node.type_key[0] in ("attachment", "signature") and node.para is not None:
                header = _letter_header(doc, cues, out)
                if len(header) < len(out):
                    prose = (out[len(header)].para.start, node.para.start)
                out = header
            break
        if node.para is not None:
            out.append(node)
    if not structured:
        kept = []
        for i, node in enumerate(out):
            para = node.para
            if i < 2 or node.heading_like or cues["preamble"].at(doc.folded, para.start, para.end) \
                    or number_line(doc, cues, para.start, para.end) \
                    or _PLACE_DATE.search(" ".join(doc.work[para.start:para.end].split())):
                kept.append(node)  # (the header's number and date lines are no end of it)
            else:
                break
        out = kept
    return [(n.para.start, n.para.end) for n in out], prose


# ---------------------------------------------------------------------------- date, province, period

def _first_in_year(number: DocNumber | None, readers: tuple[Callable[[], str | None], ...]) -> str | None:
    """The first date a reader finds that can be the document's own: a number that carries its
    year ("01/2025/QĐ-TTg") is given in that year, so a date of another year is another
    document's ("Ngày 30/11/2010, Thủ tướng … ban hành Quyết định số 78/2010/QĐ-TTg", in a news
    item about the one that repeals it)."""
    for read in readers:
        date = read()
        if date and (number is None or number.year is None or int(date[:4]) == number.year):
            return date
    return None


def _issued(doc: NormalizedText, cues: Cues, paras: list[Para]) -> str | None:
    for para in paras:
        text = " ".join(doc.work[para.start:para.end].split())
        for line in doc.work[para.start:para.end].split("\n"):  # "Hanoi, May 20, 2025", on a line of its own
            english = _PLACE_DATE_EN.match(line.strip())
            date = dates.english(*english.groups()) if english else None
            if date and not cues["weekday"].pattern.match(fold(line.strip())):
                return date
        if not (_PLACE_DATE.search(text) or cues["date-line"].exact.match(text.lower())
                or "ngày ban hành" in text.lower()):
            continue
        if text.rstrip(" *").endswith(":"):  # "Ngày ban hành:" | "|" | "20/11/2025": its value in the next cell
            text = " ".join(doc.work[para.start:para.end + _LABEL_VALUE_CHARS].split())
        found = [m for m in (_DATE.search(text), _DATE_SLASH.search(text)) if m is not None]
        for match in sorted(found, key=lambda m: m.start()):  # the first date written, in either style ("Ngày
            # 26/11/2025, HĐND … thông qua Nghị quyết … áp dụng từ ngày 01 tháng 01 năm 2026")
            day, month, year = (int(g) for g in match.groups())
            if date := dates.iso(year, month, day):
                return date
    return None


_LABEL_VALUE_CHARS = 24
"""Characters after a date's label where its value may stand (the next cell of a crawled table)."""


def _adopted(doc: NormalizedText, cues: Cues) -> str | None:
    """The date a law or a resolution was passed, in its closing line ("Nghị quyết này được Ủy ban
    Thường vụ Quốc hội … thông qua ngày 16 tháng 6 năm 2025."): such acts carry no place and
    date under their number."""
    found = None
    for cue in cues["adopted-on"].finditer(doc.folded):
        found = cue
    if found is None:
        return None
    match = _DATE.search(doc.work, found.start(), found.end() + 40) or _DATE_SLASH.search(
        doc.work, found.start(), found.end() + 40)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    return dates.iso(year, month, day)


def _dated_mention(doc: NormalizedText, number: DocNumber | None) -> str | None:
    """The date given with the document's own number elsewhere in it, for a copy whose
    header lost its date ("(Kèm theo Nghị định số 170/2025/NĐ-CP ngày 30 tháng 6 năm 2025 …)")."""
    if number is None:
        return None
    own = str(number)
    at = doc.work.find(own)
    while at >= 0:
        after = " ".join(doc.work[at + len(own):at + len(own) + 40].split()).lstrip(" ,")  # (", ngày 30/12/2024")
        match = _DATE.match(after) or _DATE_SLASH.match(after)
        if match and (date := dates.iso(*(int(g) for g in reversed(match.groups())))):
            return date
        at = doc.work.find(own, at + len(own))
    return None


def _header_province(doc: NormalizedText, registry: Registry, issuer: Para | None, head: list[Para]) -> str | None:
    """The province of the issuer's name ("… TỈNH PHÚ THỌ"), else of the place before the date."""
    spans = [(issuer.start, issuer.end)] if issuer else []
    spans += [(p.start, p.end) for p in head if _PLACE_DATE.search(" ".join(doc.work[p.start:p.end].split()))]
    for start, end in spans:
        for match in registry.province_pattern.finditer(doc.folded, start, end):
            name = registry.provinces.get(" ".join(re.split(r"[\s\-–,]+", match.group())))
            if name:
                return name
    return None


def _voted_province(doc: NormalizedText, registry: Registry, index: AgencyIndex, layout: Layout) -> str | None:
    """The province named most, counting names after "tỉnh"/"thành phố" (or opening with it,
    "Thành phố Hồ Chí Minh"; cue set province-named) or before "province" (cue set
    province-named-after) thrice; a name inside a body's name ("Đoàn TNCS Hồ Chí Minh") is no
    vote, nor a ward's or a commune's that took an old province's name in the 2025
    reorganisation ("phường Bình Dương", cue set lower-unit), nor words in lower case that fold
    as one does ("hòa bình", peace, is no "Hòa Bình")."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    folded = doc.folded
    named, named_after = index.cues["province-named"], index.cues["province-named-after"]
    for match in registry.province_pattern.finditer(folded, layout.start, layout.end):
        name = registry.provinces.get(" ".join(re.split(r"[\s\-–,]+", match.group())))
        cue_inside = named.at(folded, match.start(), match.end())  # ("Thành phố Hồ Chí Minh", "TP.HCM")
        place = match.end() - len(folded[cue_inside.end():match.end()].lstrip()) if cue_inside else match.start()
        # (the cue may end a body's name: "UBND Thành phố" | "Hồ Chí Minh")
        if not name or doc.work[match.start()].islower() or _in_fixed_name(doc, registry, index, place) \
                or index.cues["lower-unit"].ending_at(folded, match.start(), max(0, match.start() - _PLACE_WORD_CHARS)):
            continue
        weight = 1
        if cue_inside or named.ending_at(folded, match.start(), max(0, match.start() - _PLACE_WORD_CHARS)) \
                or named_after.at(folded, match.end(), min(len(folded), match.end() + _PLACE_WORD_CHARS)):
            weight = 3
        votes[name] += weight
        first_seen.setdefault(name, match.start())
    if not votes:
        return None
    return max(votes, key=lambda n: (votes[n], -first_seen[n]))


_PLACE_WORD_CHARS = 12
"""How far before or after a province's name its place words may stand ("thành phố" | "Huế")."""


def _in_fixed_name(doc: NormalizedText, registry: Registry, index: AgencyIndex, pos: int) -> bool:
    """The place name at ``pos`` is a word of a body's registered name ("Đoàn TNCS Hồ Chí Minh"),
    not the place a name pattern holds ("People's Committee of Ben Tre province"); the words that
    place the body are no part of the registered name ("Trung ương Đoàn TNCS Hồ Chí Minh", cue
    sets place-before-name and place-after-name)."""
    mention = index.covering(pos)
    if mention is None:
        return False
    start, end = mention.start, mention.end
    if (level := index.cues["place-before-name"].at(doc.folded, start, end)) is not None:
        start = level.end()
    if (place := index.cues["place-after-name"].ending_at(doc.folded, end, start)) is not None:
        end = place.start()
    return alias_key(doc.folded[start:end]) in registry.alias_codes


def _period_hints(doc: NormalizedText, cues: Cues, root: Node) -> list[str]:
    """Headings and scope lines that may state the years ("Giai đoạn 2022-2025", "Thời gian: từ nay đến năm 2030")."""
    out = []
    for node in root.walk():
        if node.para is None:
            continue
        kind = node.effective_kind
        if kind not in ("objectives", "scope"):
            continue
        text = " ".join(doc.work[node.para.start:node.para.end].split())
        folded = fold(text)
        if cues.reported_section_kind(folded) and not cues.opening_section_kind(folded):
            continue  # "… Nghị quyết 27-NQ/TW năm 2018 đề ra mục tiêu … đến năm 2030 như sau:": another text's years
        if kind == "objectives" and node.children and len(text) < 200 \
                or kind == "scope" and cues["field:period"].search(doc.folded, node.para.start, node.para.end):
            out.append(text)
    return out


_YEAR_WORDS = (r"{0}\s+$", r"{0}\s+$", r"{0}\s+(?:{1}\s+)?$")
"""Before a year: words that make it the end of the plan's period ("đến năm 2030"), a year
of it ("giai đoạn 2026", "năm 2025"), or a year the document looks back from ("trước năm
2010": no period of its own)."""


def _range_years(match: re.Match[str], span_words: re.Pattern[str]) -> tuple[int, ...]:
    """The two years of a range; for two years a space alone joins, only after the words of a
    span (cue set period:span, "giai đoạn 2021 2030") and the later year second."""
    first, last = int(match.group(1)), int(match.group(2))
    if match.string[match.end(1):match.start(2)].strip():
        return first, last  # a dash or a word between them
    spanned = span_words.search(match.string, max(0, match.start() - 16), match.start())
    return (first, last) if spanned is not None and first < last else ()


def _period(cues: Cues, title: str | None, issued: str | None, hints: list[str]) -> tuple[int, int] | None:
    until_words = cues.compose(_YEAR_WORDS[0], "period:until")
    period_words = cues.compose(_YEAR_WORDS[1], "period:word")
    back_words = cues.compose(_YEAR_WORDS[2], "period:before", "period:word")
    term_words = cues.compose(r"{0}\s+$", "period:term")  # "nhiệm kỳ 2026 - 2031": a body's term
    span_words = cues.compose(r"{0}\s+$", "period:span")
    issued_year = int(issued[:4]) if issued else None
    # a date in the title names a day of another document or an event, not a year the plan
    # covers ("… Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025 …")
    title = _DATE_SLASH.sub(" ", _DATE.sub(" ", title)) if title else None
    for text in ([title] if title else []) + [" ".join(hints)]:
        if not text:
            continue
        folded = fold(text)
        years = [y for match in _YEAR_RANGE.finditer(folded) for y in _range_years(match, span_words)
                 if not term_words.search(folded[max(0, match.start() - 16):match.start()])]
        until = None
        for match in _YEAR.finditer(folded):
            before = folded[max(0, match.start() - 16):match.start()]
            if back_words.search(before):
                continue
            if until_words.search(before):
                until = int(match.group(1))
            elif period_words.search(before) and (issued_year is None or int(match.group(1)) >= issued_year):
                # (a year before the issue names the past: "Bộ luật Lao động năm 2019")
                years.append(int(match.group(1)))
        if until is not None and not years:
            # ("đến năm 2050" alone, with no date of issue to start from, gives no period; a year it
            # reached before the issue names the past)
            return (issued_year, until) if issued_year and issued_year <= until else None
        if until is not None:
            years.append(until)
        if years:
            return min(years), max(years)
    return None
