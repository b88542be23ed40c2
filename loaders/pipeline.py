"""The extraction pipeline: file or text → :class:`DocumentRecord`.

normalise → layout (official text, paragraphs, tables) → outline → header → legal
relations, tasks and their assignments, table rows, objectives, agencies. Each step
is a function of its own module; this one only wires them together. The registry and
the cue words are arguments, so a caller (a test, a benchmark, another vocabulary)
can pass its own; by default both are read from ``ontology/``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.assign import works_after_list
from plankg.loaders.budget import stated_budgets
from plankg.loaders.cues import Cues, load_cues
from plankg.loaders.docnumbers import find_numbers, parse_number
from plankg.loaders.docrefs import Spans, find_docrefs
from plankg.loaders.files import display_name, read_plan_file
from plankg.loaders.header import attachment_lines, detect_language, read_header
from plankg.loaders.layout import FILL_IN
from plankg.loaders.normalize import NormalizedText, fold, join_pairs, normalize, squash
from plankg.loaders.objectives import HeadingYears, ObjectiveContext, TargetReader
from plankg.loaders.outline import Node, build_outline, mark_quoted_provisions
from plankg.loaders.readers import read_source
from plankg.loaders.records import (
    Assignment,
    BudgetRow,
    Diagnostic,
    DocumentRecord,
    Objective,
    PlanMeta,
    Role,
    Span,
    Task,
    Via,
    unregistered_name,
)
from plankg.loaders.registry import UNSPECIFIED, Registry, alias_key, load_registry
from plankg.loaders.rendering import locator
from plankg.loaders.table_rows import table_tasks
from plankg.loaders.tasks import NOT_TASK_KINDS, TaskReader, closing_colon
from plankg.loaders.text_layout import read_text


def extract_file(path: str | Path, registry: Registry | None = None, cues: Cues | None = None,
                 jobs: int = 1) -> DocumentRecord:
    """Extract the records of one plan file, in any format plankg reads (text, Word,
    PDF, scans, web pages); ``jobs`` pages of a scan are read at once.

    Raises:
        SourceError: the file cannot be read (not a regular file, too large, no
            permission, gone), is empty, damaged, encrypted or in a format or encoding
            plankg cannot read, or needs a tool that is missing (Tesseract, LibreOffice).
    """
    path = Path(path)
    cues = cues or load_cues()
    source = read_source(read_plan_file(path), display_name(path), cues, jobs)
    record = extract_text(source.text, display_name(path.name), registry, cues)
    if source.places:
        record = located(record, list(source.places))
    if not source.notes:
        return record
    code = "decoding" if source.kind == "text" else "reading"  # a text's notes are about its encoding
    notes = tuple(Diagnostic("warning", code, note) for note in source.notes)
    return replace(record, diagnostics=notes + record.diagnostics)


def _numbered_with_year(registry: Registry, number: str | None) -> bool:
    """The number carries its year ("55/2025/NQ-HĐND"): a resolution so numbered is a legal
    normative document (Law 64/2025/QH15) and sets rules — a clause of it that names no body is
    a rule, not a duty ("a) Xác định phạm vi, ranh giới vùng phát thải thấp;", "Chế độ chi hội
    nghị …"). (A decision numbered so issues a regulation, whose articles give bodies duties
    under their headings: plankg:setsRulesWhenDated is on resolutions only.)"""
    parsed = parse_number(number, registry) if number else None
    return parsed is not None and parsed.year is not None and parsed.style == "state"


def _gives_a_role(doc: NormalizedText, cues: Cues, task: Task, asks: bool = False) -> bool:
    """The task's words give someone a role ("… có trách nhiệm chủ trì …"), or with ``asks``
    ask for work ("đề nghị Công ty …"), though the reader found no body to give it to. (Not
    by default: "yêu cầu" is a requirement as often as a request.)"""
    return any(cues[name].search(doc.folded, task.span.start, task.span.end)
               for name in ("role:lead", "role:responsible", *(("role:assign",) if asks else ())))


def _asks(doc: NormalizedText, cues: Cues, task: Task) -> bool:
    """The task gives a body work in words that ask or assign it ("Đề nghị Thuế tỉnh Vĩnh
    Long căn cứ …", "Bộ Khoa học và Công nghệ chủ trì, phối hợp …"), not a body's name in a
    sentence that answers or cites ("Cục Thuế trả lời để …", "Tại khoản 2 Điều 37 …")."""
    return any(a.role == Role.LEAD for a in task.assignments) and _gives_a_role(doc, cues, task, asks=True)


def located(record: DocumentRecord, places: list) -> DocumentRecord:
    """The record with each piece of evidence's place in the source file ("page 3",
    "table 2, row 5, cell 3") beside its offsets into the text."""
    place_of = locator(places)

    def where(span) -> str | None:
        return place_of(span.start)

    tasks = tuple(replace(t, where=where(t.span), assignments=tuple(
        replace(a, where=where(a.span)) for a in t.assignments)) for t in record.tasks)
    return replace(record, tasks=tasks,
                   legal_bases=tuple(replace(b, where=where(b.span)) for b in record.legal_bases),
                   cited_documents=tuple(replace(c, where=where(c.span)) for c in record.cited_documents))


def extract_text(raw: str, source: str = "<text>", registry: Registry | None = None,
                 cues: Cues | None = None) -> DocumentRecord:
    """Extract the records of one plan given as text."""
    registry = registry or load_registry()
    cues = cues or load_cues()
    doc = join_pairs(normalize(raw), cues["paired-words"].pattern)
    index = AgencyIndex(registry, cues, doc)
    layout = read_text(doc, cues, registry, index.share)
    root = build_outline(doc, cues, layout)
    header = read_header(doc, cues, registry, index, layout, root)
    meta = header.meta
    index.set_level(header.national, meta.issuer)
    title_lines = set(header.title_lines)
    walked = list(root.walk())  # (the outline's shape is final: walked once for the lists below)
    for node in walked:  # a title's words ("… ĐÁP ỨNG YÊU CẦU …") open no section of the text
        if node.para is not None and (node.para.start, node.para.end) in title_lines \
                and cues.opening_section_kind(" ".join(doc.folded[node.para.start:node.para.end].split())) is None:
            node.kind = None  # (a heading in capitals right under the title, "MỤC ĐÍCH, YÊU CẦU", keeps its own)
    mark_quoted_provisions(doc, cues, root, _cites_record(doc, cues, registry, meta), partial(_subject_at, index))
    preamble = set(header.preamble)
    prologues = _enacting_prologues(root)
    skip = {id(n) for n in walked if n.para is not None and (n.para.start, n.para.end) in preamble}
    nodes = [n for n in walked if n.para is not None and id(n) not in skip]
    tables = [n for n in walked if n.table is not None and (
        n.effective_kind not in ("signature", "procedure", "technical")
        or n.effective_kind == "procedure" and n.table.column("procedure") is not None
        and n.table.column("lead") is not None)]  # (the list of procedures and who carries them out)

    purposes = {id(n) for n in nodes if _purpose(doc, cues, n)}
    basis = {id(n) for n in nodes if n.effective_kind == "basis"}
    spans = Spans(
        preamble=tuple(sorted(preamble | set(prologues))),
        purpose=tuple((n.para.start, n.para.end) for n in nodes if id(n) in purposes),
        basis=tuple((n.para.start, n.para.end) for n in nodes if id(n) in basis),
        body=tuple((n.para.start, n.para.end) for n in nodes if id(n) not in purposes and id(n) not in basis)
        + tuple((c.start, c.end) for t in tables for row in t.table.rows for c in row.cells if c is not None),
        excluded=tuple(attachment_lines(doc, cues, root)),
    )
    bases, cited = find_docrefs(doc, cues, registry, spans, meta.number, meta.period, meta.issuer)

    no_document = _no_document(doc, cues, meta, layout.start)
    language = detect_language(doc.text)
    reader = TaskReader(doc, cues, index, meta.number, english=language == "en")
    tasks = [] if no_document else reader.tasks(root, skip)  # (and no diagnostics of tasks it has not)
    if meta.title and cues["procedure-title"].search(_uncounted(fold(meta.title))):
        # a decision publishing procedures: what its attached parts write of each (dossier, fields, steps) is no
        # duty, whatever body a field names; its list of procedures, a table, is read below
        attached = _attached_start(walked)
        tasks = [t for t in tasks if attached is None or t.span.start < attached]
    table_facts = [table_tasks(index, t.table, cues["ditto"]) for t in tables]
    tasks += [] if no_document else [t for facts in table_facts for t in facts.tasks]
    tasks = _prose_duties(doc, cues, index, root, header.letter_prose, prologues, tasks)
    if meta.doc_type is not None and meta.doc_type == registry.subject_line_type:
        # a letter answers and quotes ("a) Người nộp thuế chỉ có hoạt động …", "Căn cứ các quy định
        # trên, trường hợp …"): only what gives a body work, or asks for it ("đề nghị Công ty …"), is a task,
        # or stands among what its own words hand out ("…, Bộ trưởng giao:" | "1. Vụ Kế hoạch, Tài chính" | "- …")
        handed = _handing_out(doc, cues, walked)
        tasks = [t for t in tasks if t.assignments or _gives_a_role(doc, cues, t, asks=True)
                 or handed is not None and t.span.start > handed]
    if meta.doc_type not in registry.rule_types and meta.title and cues["listing-title"].search(fold(meta.title)):
        # an entry of a list of things a decision issues ("Đề án … khi chưa được Quốc hội thông qua"
        # among state secrets) gives no one work, though it may name bodies (a circular's clauses
        # that name a body are read as a decree's, below)
        tasks = [t for t in tasks if t.assignments]
    elif meta.doc_type in registry.rule_types \
            or meta.doc_type in registry.dated_rule_types and _numbered_with_year(registry, meta.number):
        # a decree's or a circular's clause that gives no body a role is a rule ("Trường hợp …",
        # "Hồ sơ gửi Sở Tư pháp …", "Chi lập dự án …"), though it may name one
        tasks = [t for t in tasks if t.assignments
                 or index.codes_in(t.span.start, t.span.end) and _gives_a_role(doc, cues, t)]
    documented = not (meta.doc_type is None and meta.number is None and meta.issuer is None)
    if not documented:
        # no document read in the page (a year's events, a biography's posts, a news item's points): what
        # it lists gives no one work unless it names who does it ("Sở Du lịch chủ trì …" quoted from a plan)
        tasks = [t for t in tasks if t.assignments]
    if (asked := _first_question(doc, walked)) is not None:
        # a page that asks and answers ("Mạng 5G khác gì so với mạng 4G?" | "- Tốc độ nhanh hơn,"): what
        # follows its first question explains, and gives work only where it names who does it
        tasks = [t for t in tasks if t.span.start < asked or t.assignments]
    tasks = [_quoted(doc, index, t) for t in tasks if _says_words(t.text)]

    plan_year = meta.period[1] if meta.period else None
    targets = TargetReader(doc, cues, index.lower)
    objectives = _objectives(doc, targets, nodes, plan_year, documented)
    # (with no document read in the page, only what an objectives section states is a target, not the figures of
    # a news item, an article or an answer: "Diện tích xây dựng toàn khu: 44,44%", a fine's amount, a country's share)
    for facts in table_facts if documented else ():
        for cell in facts.objective_cells:
            objectives += targets.find(ObjectiveContext(cell.start, cell.end, None, plan_year))
        objectives += facts.objectives
    named = [n for m in index.within(layout.start, layout.end) for n in (m, m.parent) if n is not None]
    same = _one_spelling([(m.start, c) for m in named for c in index.codes_of(m)]
                         + [(a.span.start, a.code) for t in tasks for a in t.assignments])
    tasks = [_spelt_once(t, same) for t in tasks]
    codes = {same.get(c, c) for m in named for c in index.codes_of(m)} - {UNSPECIFIED}
    codes |= {n.code for m in named for n in index.short_names_after(m, layout.end)}  # ("Các Sở: NN&MT, KH&CN;")
    agencies = sorted(codes | {c for t in tasks for c in (*t.lead, *t.coordinating, *t.xref_lead)})
    return DocumentRecord(
        source=source,
        language=language,
        sha256=doc.sha256,
        plan=meta,
        legal_bases=tuple(bases),
        cited_documents=tuple(cited),
        objectives=tuple(objectives),
        tasks=tuple(tasks),
        agencies=tuple(agencies),
        diagnostics=tuple(replace(d, quote=squash(doc.work[d.span.start:d.span.end])) if d.span else d
                          for d in _about_kept(reader.diagnostics, tasks) + _summary(tasks, agencies)),
        budget_rows=_budget_rows(table_facts),
        stated_budgets=tuple(stated_budgets(doc, [(n.para.start, n.para.end) for n in nodes])),
        text=doc.text,
    )


def _no_document(doc: NormalizedText, cues: Cues, meta: PlanMeta, start: int) -> bool:
    """The text holds no document whose duties could be read: a template ("… trên địa bàn
    phường …………….": its title has blanks, or its number: "Số: …/QĐ-UBND"), a page of questions
    and answers (its title asks one), a ruling that classifies goods ("Thông báo về
    kết quả xác định trước mã số", cue set ruling-title: it describes them), a page of a form
    ("Mẫu giấy đăng ký …", cue set form-title) where no document kind was found, or an
    encyclopedia's article ("… Lưu trữ ngày … tại Wayback Machine", cue set encyclopedia-mark),
    whatever kind a number it mentions gives it."""
    if meta.title and (FILL_IN.search(meta.title) or cues["ruling-title"].search(fold(meta.title))
                       or "?" in meta.title):
        return True  # (an official title asks nothing: "Hướng dẫn cách viết mẫu quyết định …?" heads a
        # question-and-answer page about a form)
    if meta.number is None and cues.compose(_BLANK_NUMBER, "number-label", flags=re.MULTILINE).search(
            doc.folded, start, start + _HEADER_CHARS):
        return True  # "Số: …/QĐ-TCGĐ": a template's number, dots to fill in (a draft leaves only spaces)
    marks = (m for m in cues["encyclopedia-mark"].finditer(doc.folded)
             if not doc.folded.endswith("luat ", 0, m.start()))  # ("Luật Lưu trữ ngày 21 tháng 6 năm 2024": a law)
    if all(next(marks, None) is not None for _ in range(_ENCYCLOPEDIA_MARKS)):
        return True  # (a kind read from a number the article mentions, "Thông báo số 06/TB-TW", makes no document)
    return meta.doc_type is None and meta.title is not None and cues["form-title"].at(fold(meta.title), 0) is not None


_BLANK_NUMBER = r"^[ \t|*#]*{0}[ \t]*:?[ \t]*(?:\.{{3,}}|…)[ \t.…]*/"
"""A header's number label followed by dots to fill in, then the slash of the number's code."""
_HEADER_CHARS = 3000

_ENCYCLOPEDIA_MARKS = 3
"""Marks of an encyclopedia's references that make a page its article (the crawl's
biographies hold 4 to 267, its articles on cities and newspapers that mention a decree or a
notice 3 to 164; an official text cites none)."""

_WORD = re.compile(r"[^\W\d_]{2,}")


def _says_words(text: str) -> bool:
    """The task holds two words of two letters or more ("Tập huấn" does): what a table or a
    formula leaves alone in a cell ("x 100% x 5", "(3)", "Năm 2027", "M.") says no duty."""
    words = _WORD.finditer(text)
    return next(words, None) is not None and next(words, None) is not None


def _prose_duties(doc: NormalizedText, cues: Cues, index: AgencyIndex, root: Node, letter_prose: tuple[int, int] | None,
                  prologues: list[tuple[int, int]], tasks: list[Task]) -> list[Task]:
    """The tasks, less those of prose that gives no work: of a letter's prose only what asks
    a body for work, or what a leader's directions give a body (see :func:`_directions_from`);
    of a dispatch's addressees and account only what asks a body other than its issuer, not
    the lead-in to its items."""
    if letter_prose is not None:
        start, end = letter_prose
        directed = _directions_from(doc, cues, root, start, end)
        asking = [t.span for t in tasks if start <= t.span.start < end and _asks(doc, cues, t)]
        listing = [span for span in asking if doc.work[span.start:span.end].rstrip(" *\n").endswith(":")]
        tasks = [t for t in tasks if not start <= t.span.start < end or t.span in asking
                 or t.lead and (t.span.start >= directed or _asked_above(doc, cues, t, listing))]
    if prologues:
        tasks = [t for t in tasks if not any(start <= t.span.start < end for start, end in prologues)
                 or _asks(doc, cues, t) and not (index.issuer is not None and set(t.lead) <= index.issuer)
                 and not doc.work[t.span.start:t.span.end].rstrip(" *").endswith(":")]
    return tasks


def _asked_above(doc: NormalizedText, cues: Cues, task: Task, lead_ins: list) -> bool:
    """The task's lead comes from a request that introduces a list above it ("… đề nghị UBND
    các xã, phường … Cụ thể:" | "- Hạn chế các hoạt động ngoài trời …", "Bộ Tài chính đề nghị
    Ủy ban nhân dân các tỉnh …:" | "- Chỉ đạo các Sở, ngành đánh giá …"): an item of what the
    letter asks, whether its own words ask or not."""
    return any(a.role == Role.LEAD and not task.span.start <= a.span.start < task.span.end
               and (any(span.start <= a.span.start < span.end for span in lead_ins)
                    or a.via == Via.ROLE_HEADING and cues["role:assign"].at(doc.folded, a.span.start, a.span.end))
               for a in task.assignments)


def _directions_from(doc: NormalizedText, cues: Cues, root: Node, start: int, end: int) -> int:
    """Where a letter's prose starts to pass on directions ("…, Phó Thủ tướng Chính phủ có ý
    kiến như sau:"): after it, a body named as the subject of its work is given that work
    ("Bộ Xây dựng làm việc với …"), no role word needed. ``end`` when no paragraph says so."""
    for node in root.walk():  # (the paragraph may be the addressee line's: "Kính gửi: …" | "Xét …, … như sau:")
        if node.para is not None and node.para.start < end \
                and cues["directions-intro"].introduces(doc.folded, node.para.start, node.para.end) \
                and cues["leader-title"].search(doc.folded, max(node.para.start, node.para.end - 240), node.para.end):
            return node.para.end  # (a leader's directions: not "Cục Thuế có ý kiến như sau:", an answer)
    return end


def _handing_out(doc: NormalizedText, cues: Cues, walked: list[Node]) -> int | None:
    """Where a letter's own words begin to hand out work: the end of its first plain paragraph
    that closes on words that assign or ask and a colon ("Thực hiện ý kiến chỉ đạo của Thủ
    tướng …, Bộ trưởng giao:", "Trước tình hình đó, Bộ Văn hóa, Thể thao và Du lịch yêu cầu:").
    What the letter lists after it is work for the bodies it names, whether or not the
    registry knows them ("Vụ Kế hoạch, Tài chính", "Tiểu ban giúp việc Ban Chỉ đạo 934")."""
    assigns = cues["role:assign"]
    for node in walked:
        para = node.para
        if para is None or para.marker_kind != "none" or node.kind in ("signature", "quoted") or node.quotes:
            continue
        colon = closing_colon(doc.folded, para.body_start, para.end)
        if colon is not None and assigns.ending_at(doc.folded, colon, para.body_start) is not None:
            return para.end
    return None


def _first_question(doc: NormalizedText, walked: list[Node]) -> int | None:
    """Where the first heading that asks a question ends: a paragraph of its own, with no
    item marker, that closes on a question mark ("**Có bắt buộc phải đổi sang sim 5G?**").
    An official text asks none; a news or advice page heads its answers so."""
    for node in walked:
        para = node.para
        if para is not None and para.marker_kind == "none" and para.end - para.body_start <= _QUESTION_CHARS \
                and doc.work[para.body_start:para.end].rstrip(" *_").endswith("?"):
            return para.end
    return None


_QUESTION_CHARS = 200


def _uncounted(folded_title: str) -> str:
    """A title without the counts it gives ("công bố danh mục 01 (một) thủ tục hành chính"): the
    kind of document its words say is the same for any number of procedures."""
    return _COUNT.sub("", folded_title)


_COUNT = re.compile(r"\b\d+\s+(?:\(\w+\)\s+)?")


def _attached_start(walked: list[Node]) -> int | None:
    """Where the parts attached to a decision begin: its first attachment line ("PHỤ LỤC",
    "(Kèm theo Quyết định …)"), or else the signature block that closes its enacting words,
    after which a crawl may give the attached list with no line of its own ("DANH MỤC" over
    a table whose note cells describe each procedure)."""
    enacting = False
    for node in walked:
        if node.para is None:
            continue
        if node.type_key == ("attachment",) or enacting and node.type_key == ("signature",):
            return node.para.start
        enacting = enacting or node.type_key == ("enacting",)
    return None


def _cites_record(doc: NormalizedText, cues: Cues, registry: Registry, meta: PlanMeta) -> Callable[[int, int], bool]:
    """Whether a span names the record itself: "… Nghị quyết này …", its own number ("tiểu mục
    7.12 Mục 7 Hướng dẫn 43-HD/BTCTW" on the page of 43-HD/BTCTW), or the document its title
    names (a news item "Nghị quyết 69/2025/NQ-HĐND quy định về …" quoting that resolution's
    articles gives its duties, as a news item on a plan gives the plan's)."""
    own = {(number.number, number.type_code) for number in (meta.doc_number,) if number is not None}
    own |= {(number.number, number.type_code) for _match, number in find_numbers(meta.title or "", registry)}

    def cites(start: int, end: int) -> bool:
        if cues["this-document"].search(doc.folded, start, end):
            return True
        return any((number.number, number.type_code) in own
                   for _match, number in find_numbers(doc.work, registry, start, end))
    return cites


def _subject_at(index: AgencyIndex, pos: int, end: int) -> bool:
    """A registered body opens the words at ``pos`` as the subject of a verb of work or a role
    ("…, Sở Tài chính xây dựng kế hoạch …"), not as one of a list of bodies ("… của các cơ
    quan, tổ chức, đơn vị …", "… của bộ, ngành, địa phương …")."""
    mention = index.mention_at(index.skip(pos, end))
    return mention is not None and UNSPECIFIED not in index.codes_of(mention) and works_after_list(
        index, mention.start, end, ("duty-verb", "role:lead", "role:responsible", "role:assigner"))


def _enacting_prologues(root: Node) -> list[tuple[int, int]]:
    """Spans of the paragraphs between the enacting words and the first article or numbered
    item under them: a dispatch's addressees ("THỦ TƯỚNG CHÍNH PHỦ điện:" / "- Chủ tịch Ủy
    ban nhân dân các tỉnh …;" / "Đồng kính gửi: …"), its account of the situation and the
    clause that says what it carries out ("Triển khai chỉ đạo của Thủ tướng Chính phủ tại
    Công điện số …"), as a letter's prose."""
    spans = []
    for node in root.walk():
        if node.type_key != ("enacting",):
            continue
        for child in itertools.islice(node.walk(), 1, None):
            if child.para is None or child.type_key[0] in _MAIN_ITEMS:
                break
            spans.append((child.para.start, child.para.end))
    return spans


_MAIN_ITEMS = frozenset({"part", "chapter", "section", "article", "roman", "capital", "arabic"})


def _purpose(doc, cues: Cues, node: Node) -> bool:
    """A paragraph that states the plan's purpose (under "Mục đích", or opening with it)."""
    if cues["purpose-statement"].at(doc.folded, node.para.body_start, node.para.end):
        return True
    return any(a.para is not None and a.heading_like and cues["purpose-statement"].search(
        doc.folded, a.para.body_start, a.para.end) for a in node.ancestors())


def _budget_rows(table_facts) -> tuple[BudgetRow, ...]:
    """Budget rows of all tables, parents re-indexed into one document-wide list."""
    out: list[BudgetRow] = []
    for facts in table_facts:
        offset = len(out)
        out += [replace(r, parent=None if r.parent is None else r.parent + offset) for r in facts.budget_rows]
    return tuple(out)


def _objectives(doc, targets: TargetReader, nodes: list[Node], plan_year: int | None,
                documented: bool) -> list[Objective]:
    """Targets of the objectives sections, and in a document also of paragraphs that read as
    targets in a text without sections, of items a paragraph introduces as targets ("… bằng
    các chỉ tiêu cụ thể như sau:"), and of the sentences elsewhere that state one ("… phấn
    đấu đạt 20% …")."""
    out: list[Objective] = []
    years = HeadingYears(doc)
    introduces: dict[int, bool] = {}  # per node: it ends by introducing a list of targets
    for node in nodes:
        kind = node.effective_kind
        start, end = node.para.body_start, node.para.end
        if not documented and kind != "objectives":
            continue
        introduces[id(node)] = targets.introduces_targets(start, end)
        listed = node.para.marker_kind != "none" and introduces.get(id(node.parent), False)
        stated = kind == "objectives" or listed and kind not in NOT_TASK_KINDS
        if stated or kind is None and targets.looks_like_target(start, end):
            out += targets.find(ObjectiveContext(start, end, years.of(node), plan_year, stated))
        elif kind not in NOT_TASK_KINDS:
            for span_start, span_end in targets.stated_spans(start, end):
                out += targets.find(ObjectiveContext(span_start, span_end, years.of(node), plan_year, True))
    return out


def _quoted(doc, index: AgencyIndex, task: Task) -> Task:
    """The task with each assignment's evidence words, and the agency's name as written
    where the reader did not keep it, filled in from its span."""
    if not task.assignments:
        return task
    return replace(task, assignments=tuple(
        Assignment(a.code, a.role, a.via, a.span, a.name or _written(doc, index, a),
                   squash(doc.work[a.span.start:a.span.end]), a.where)
        for a in task.assignments))


def _one_spelling(found: list[tuple[int, str]]) -> dict[str, str]:
    """For a body outside the registry written more than one way in a document ("Uỷ ban
    Thường vụ Quốc hội" and "Ủy ban Thường vụ Quốc hội", "Trung tâm Khuyến nông" and "Trung tâm
    khuyến nông"), each other spelling's code mapped to the code of the first (by place in
    the text): one body, one agency. ``found``: (where, code) of every agency read."""
    names = {code: name for code in {c for _, c in found} if (name := unregistered_name(code)) is not None}
    if len(names) < 2:
        return {}
    first: dict[str, str] = {}
    same: dict[str, str] = {}
    for _, code in sorted(f for f in found if f[1] in names):
        kept = first.setdefault(alias_key(names[code]), code)
        if kept != code:
            same[code] = kept
    return same


def _spelt_once(task: Task, same: dict[str, str]) -> Task:
    """The task with each assignment's agency under its first spelling (:func:`_one_spelling`);
    the name as written stays in the assignment's evidence."""
    if not same or not any(a.code in same for a in task.assignments):
        return task
    return replace(task, assignments=tuple(replace(a, code=same.get(a.code, a.code)) for a in task.assignments))


def _written(doc, index: AgencyIndex, assignment) -> str | None:
    """The agency's name as the span writes it: its mention, or its short name in a list that
    names its head noun once ("Các bộ: Tài chính, Xây dựng" → "Tài chính")."""
    name = unregistered_name(assignment.code)
    if name is not None:
        return name
    start, end = assignment.span.start, assignment.span.end
    for mention in index.within(start, end):
        if assignment.code in index.codes_of(mention):
            return squash(doc.work[mention.start:mention.end])
    registry = index.registry
    for short in registry.short_name_pattern.finditer(doc.folded, start, end):
        code = registry.short_name_codes.get(alias_key(short.group()))
        if assignment.code in (code, code and registry.agencies[code].national_counterpart):
            return squash(doc.work[short.start():short.end()])  # (a department's short name names the ministry)
    return None


_TASK_NOTES = ("task-without-lead", "lead-conflict")


def _about_kept(diagnostics: list[Diagnostic], tasks: list[Task]) -> list[Diagnostic]:
    """The reader's notes, those about a task only where the task was kept: a decree's rules
    and a letter's prose are read as items first and dropped after, and a note about one
    would count a doubt about nothing the record holds."""
    starts = sorted(t.span.start for t in tasks)
    ends = {t.span.start: t.span.end for t in tasks}

    def kept(span: Span) -> bool:
        at = bisect.bisect_right(starts, span.start) - 1
        return at >= 0 and span.start < ends[starts[at]]

    return [d for d in diagnostics if d.code not in _TASK_NOTES or d.span is not None and kept(d.span)]


def _summary(tasks, agencies) -> list[Diagnostic]:
    out = []
    leaderless = [t for t in tasks if not t.lead and not t.xref_lead]
    if leaderless:
        out.append(Diagnostic("info", "tasks-without-lead",
                              f"{len(leaderless)} of {len(tasks)} tasks name no lead agency"))
    unknown = [name for a in agencies if (name := unregistered_name(a)) is not None]
    if unknown:
        out.append(Diagnostic("info", "agencies-not-in-registry",
                              f"{len(unknown)} agency names are not in the registry: "
                              + "; ".join(unknown[:5])))
    return out
