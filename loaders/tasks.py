"""Outline → tasks: which items are duties, and who leads and coordinates each, and why.

A task is an item or paragraph that gives a duty, in a section that may hold duties
(not purpose, objectives, scope, general provisions, procedure descriptions or the
signature): a leaf item, a plain paragraph under a heading, an item whose fields
("Cơ quan chủ trì: …") follow it, or a lead-in that assigns a duty of its own before
its list ("Giao Sở X là cơ quan đầu mối, …; tổ chức thực hiện các nhiệm vụ sau:").
Headings over items, clauses that issue the document, say when it takes effect or who
executes it, closing sentences and statements of where money comes from are not.

Who leads a task, first reader that names someone:

1. the task's own field ("Cơ quan chủ trì: …") — via *field*;
2. the agency heading above it ("2. Sở Tài chính", "Đề nghị Ủy ban MTTQ …") — *heading*;
3. its own words: "Giao X", "X chủ trì", "X có trách nhiệm", "Đề nghị X" — *running text*;
4. a lead-in above it ("Sở Y tế chủ trì, phối hợp với …:") — *role heading*;
5. the subject its sentence opens with ("Sở Tài chính phối hợp với …") — *running text*;
6. a field of the item above it — *field*;
7. the paragraph before it, when it goes on with no subject of its own — *inherited*.

Coordinating agencies come from the task's own field or words, else from the lead-in
or the item above. Under "Chủ trì, phối hợp" with nobody named, the agencies each item
opens with are its coordinators. A task handed over by a reference to its section
("Chủ trì triển khai các nhiệm vụ tại mục IV.1") gets a *cross-reference* lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.loaders.agencies import AgencyIndex, Name
from plankg.loaders.assign import (
    Found,
    after_emphasis,
    cross_references,
    goes_on_with_verb,
    heading_agencies,
    labelled_roles,
    lead_value_roles,
    reported_act,
    sentence_roles,
    subject_after_purpose,
    subject_names,
)
from plankg.loaders.cues import EDIT_RELATIONS, FIELD_ROLES, Cues
from plankg.loaders.docnumbers import find_numbers
from plankg.loaders.layout import FILL_IN, Para
from plankg.loaders.normalize import NormalizedText, before_note, fold, squash
from plankg.loaders.official import is_caps_line
from plankg.loaders.outline import Node, field_of
from plankg.loaders.paragraphs import detect_marker
from plankg.loaders.records import Assignment, Diagnostic, Role, Span, Task, Via, unregistered_name
from plankg.loaders.registry import UNSPECIFIED

NOT_TASK_KINDS = {"purpose", "objectives", "scope", "general", "procedure", "technical", "signature", "basis",
                  "norms", "situation", "quoted", "structure"}
_DUTY_KINDS = {"tasks", "organization"}
"""Kinds of the headings whose items are duties."""
_STRUCTURE = {"caps", "signature", "enacting", "attachment", "chapter", "part", "section", "field"}
_MIN_WORDS = 4
_WORK_WORDS = ("duty-verb", "role:lead", "role:coordinate", "role:responsible", "role:assign", "role:director")
"""Cue sets of the words that say work: a cell of a table without a header holds none of them
when it is a label, a name or a figure."""
_LABEL_WORDS = 6
_OUTPUT_FIELDS = ("product", "budget", "period")
"""Fields whose listed values are what a task yields, costs or takes: never duties."""
_TOPIC_CHARS = 200
"""How far the colon that ends a paragraph's opening topic may stand ("Về …:")."""
_LABEL_GAP = 4
"""Characters between a body's name and the colon that makes it a label (spaces, emphasis)."""
_DASHED_NUMBER = re.compile(r"\d{1,2}-\s+")
"""A number written "3- " before an item (the Party's and the Government's lists of units)."""
_NAME_ONLY = 0.9
"""Share of an item's letters that are names above which the item is only a name."""
_DESCRIPTION_CHARS = 160  # the words a heading may say of the bodies it names ("… hoạt động trong lĩnh vực …")
_COMPOSITION_SUBJECT_CHARS = 100
_COMPOSITION_SUBJECT_WORDS = 12
"""How long the subject of a sentence saying what something consists of may be (characters, words)."""
_OWNER = re.compile(r"(?:[^.;:\n]|\n(?![ \t]*\n)){0,40}?\bcua\s+")
"""From the words of duties in a title to the body whose they are ("… và cơ cấu tổ chức của "), over
the breaks of a wrapped line, not over a blank line."""
_SENTENCE_BREAK = re.compile(r"\s(?<=[\w)]{3}[.!?]\s)\s*(?=[^\W\d_])")
"""Between two sentences: an end mark after a word (not "TP." or "Q.") and a letter. (The
space first: a pattern that opens with a lookbehind is tried at every position.)"""
_CLAUSE_BREAK = re.compile(r";\s*|:[\s*]*(?=\(\d{1,2}\)\s)")
"""Where a clause of a paragraph opens: after ";", or after a colon that opens inline numbered
items ("Về an toàn dữ liệu: (1) Sở A ban hành …; (2) Công an tỉnh chủ trì …")."""
_ARTICLE_PREFIX = re.compile(r"^Điều \d+\.")
_LEADIN_CONTENT_WORDS = 5
_TARGETS_INTRO_CHARS = 80
_FOOTNOTE = re.compile(r"\s*(?:\[\d+\]|\(\*+\))")
"""A footnote's mark opening a paragraph: "[1] …", "(*) …"."""
_DIFFICULTY_CHARS = 80
"""Characters from an item's start within which the clause on difficulties opens it."""
_PART_NOUN_WORDS = 8
"""Words before "gồm:" in which the noun of a group or a dossier heads what is listed."""
_UNIT_CAPTION_WORDS = 8
_SIGNING_LINE_CHARS = 200
_LIST_TAIL = r"(?:[\s,]*{0})*[\s,]*"
"""What may stand between the noun a lead-in lists and its colon ("… chỉ tiêu cụ thể như sau:")."""
_COST_LINE = r"\d\s*(?:{0})(?:\s*/\s*\w+)?\W*$"
"""A funding item that ends in an amount of money ("…: 21.720.000 đồng/năm.")."""
_DIGIT = re.compile(r"\d")
_GLUED_UNIT = re.compile(r"(\d)(?=[^\W\d_])")
"""A number written against its unit ("8,0m", "6.318,68m2"): the unit is a word of its own once
a space is put between them."""
_STATED_FIGURE = r"[^:;]{{3,100}}?\s{2}\s+-?\d[\d.,]*\s*(?:(?:{0}|{1})(?![^\W\d_])|%)" \
    r"(?:\s*/\s*[^\W\d_]+){{0,2}}(?:\s*\([^()]{{1,80}}\))?(?:\s*,\s*{3}\s[^.;]{{1,60}})?\W*$"
"""An item that states a figure of something ("- Tổng diện tích đất lập quy hoạch là 66,51ha.", "- Vốn
góp của Nhà đầu tư là 565 tỷ đồng, chiếm 15,48% tổng vốn đầu tư.", "+ Đoạn qua tỉnh Tây Ninh khoảng
2.340,3 tỷ đồng.")."""
_BOUNDARY_LINE = r"[\W\d_]*{0}\s*:?\s*{1}"
"""A line that says what one side of a site borders ("- Phía Bắc: giáp đất sản xuất …", "+ Phía Tây
giáp sông …")."""
_FIGURE_LINE = r"[^:]{{3,80}}:.*\d\s*(?:(?:{0}|{1})(?![^\W\d_])|\(?%)(?:\s*/\s*[^\W\d_]+){{0,2}}" \
    r"(?:\s*\([^()]{{1,60}}\))?\W*$"
"""An item that labels a figure: a short label, a colon, a value ending in an amount of
money, a share or a measure ("Chi phí tiết kiệm: 6.400.000 đồng/năm.", "Tỷ lệ cắt giảm chi
phí: 8%.", "Chiều rộng mặt đường: 8,0m.", "… khoảng 6.318,68m2 chiếm tỷ lệ 1,84 (%);"), a note in
brackets after it at most ("Độ sâu vùng nước đậu tàu: -1,9 - 2,4 m (so với số 0 hải đồ)."). """


@dataclass
class _Reading:
    """The assignments read for one task node, before they become a Task."""

    node: Node
    lead: list[Assignment] = field(default_factory=list)
    coordinating: list[Assignment] = field(default_factory=list)
    subject_only: bool = False
    span: Span | None = None
    """The words of the task when it is one sentence of its node's paragraph."""


@dataclass
class _Run:
    """The headings among a run of sibling items of one kind (see :meth:`TaskReader._numbering_run`)."""

    headings: list[Node] = field(default_factory=list)
    naming: set[int] | None = None
    """Ids of the headings that name a body, once asked."""


class TaskReader:
    """Reads the tasks of one document's outline (one instance per document)."""

    def __init__(self, doc: NormalizedText, cues: Cues, index: AgencyIndex, own_number: str | None,
                 english: bool = False) -> None:
        self.doc, self.cues, self.index, self.own_number = doc, cues, index, own_number
        self.english = english  # (the document is written in English: see is_task)
        self.diagnostics: list[Diagnostic] = []
        self._headings: dict[int, list[Name] | None] = {}
        self._topics: dict[int, bool] = {}
        self._naming: dict[tuple, set[int]] = {}  # (parent, kind) → its headings of that kind that name bodies alone
        self._runs: dict[tuple, dict[int, _Run]] = {}
        self._field_cache: dict[int, tuple[list[Assignment], list[Assignment]]] = {}
        self._roles_cache: dict[int, Found] = {}
        self._leadin_cache: dict[int, Found] = {}  # (the roles a lead-in gives its items: see _leadin_roles)
        self._folded_cache: dict[int, str] = {}
        self._notes: dict[int, dict[int, str]] = {}  # parent → its items in a note's list → the note's label
        self._last_item: dict[int, tuple[dict[int, int], int, list[int]]] = {}
        self._lists_parts_cache: dict[int, bool] = {}
        self._subject: list[Name] | None = None
        self._bases: list[tuple[int, int]] = []  # the spans of the preamble's "Căn cứ …" clauses

    # ------------------------------------------------------------------ selection

    def tasks(self, root: Node, skip: set[int]) -> list[Task]:
        """Tasks of the outline; ``skip`` holds ids of nodes of the title and preamble."""
        based_on = self.cues["relation:based_on"]
        self._bases = [(n.para.start, n.para.end) for n in root.walk() if id(n) in skip and n.para is not None
                       and based_on.at(self.doc.folded, n.para.body_start, n.para.end) is not None]
        readings: list[_Reading] = []
        previous: dict[int, _Reading | None] = {}
        for node in root.walk():
            if id(node) in skip or not self.is_task(node):
                if node.parent is not None and not node.field and not node.continues:
                    previous[id(node.parent)] = None
                continue
            sentences = self._subject_sentences(node)
            if sentences:  # "UBND cấp tỉnh lập hồ sơ … Trước ngày 30/5, Bộ Nội vụ thẩm định …": one task each
                readings += sentences
                previous[id(node.parent)] = None  # several actors: none of them goes on to the next paragraph
                continue
            reading = self.read(node)
            prev = previous.get(id(node.parent))
            if not reading.lead and prev is not None and prev.lead and node.para.marker_kind == "none" \
                    and not self._under_agency_heading(node) and not self._opens_with_bodies_in_general(node):
                reading.lead = [_inherit(a) for a in prev.lead]
                if not reading.coordinating:
                    reading.coordinating = [_inherit(a) for a in prev.coordinating]
            elif _took_over(reading, prev) and node.para.marker_kind == "none" and self._opens_with_lead(prev):
                # "Bộ Nội vụ chủ trì … ban hành:" | … | "Bộ Nông nghiệp và Môi trường chủ trì … ban hành: Hướng
                # dẫn …;" | "Hướng dẫn chỉnh lý hồ sơ địa chính …;": under a lead-in whose lines run on (text
                # without blank lines), a paragraph with no subject goes on with the body the one before named
                reading.lead = [_inherit(a) for a in prev.lead]
                reading.coordinating = [_inherit(a) for a in prev.coordinating]
            previous[id(node.parent)] = reading
            readings.append(reading)
        self._cross_references(readings)
        return [self._task(r) for r in readings]

    def is_task(self, node: Node) -> bool:
        if node.para is None or node.field or node.continues or node.quotes or node.type_key[0] in _STRUCTURE:
            return False
        if node.parent is not None and node.parent.field in ("lead", "coordinate"):
            return False  # an item of a field's value ("- Cơ quan thực hiện:" | "+ Sở Y tế chủ trì …"): who, no duty
        if self._field_group(node):
            return False  # "(2) Tổ chức thực hiện:" over "- Đơn vị thực hiện: …": the fields of its block
        if self._under_output_label(node) and not self._own_roles(node).lead:
            return False  # "(3) Kết quả:" | "- Sản phẩm:" over "- Tờ trình Thủ tướng Chính phủ;": what the task yields
            # (under "- Thời gian thực hiện:", "+ Bộ Công an tổng hợp …, báo cáo … trước ngày 31/12" is a duty)
        if _in_attribute(node) and not self._own_roles(node).lead:
            return False  # an item of an attribute's value ("Điểm quan trắc: …, lấy mẫu tại 15 vị trí như sau:" |
            # "- Cửa sông lạch Càn: Lấy mẫu 01 vị trí …" | "+ 01 vị trí …"): where, how or with whom the task above
            # is done
        if node.effective_kind in NOT_TASK_KINDS and not (
                node.effective_kind == "quoted" and node.para.marker_kind == "none"
                and self.cues["role:assign"].at(self.doc.folded, node.para.body_start, node.para.end)):
            return False  # (after a quoted provision, "Đề nghị Thuế tỉnh … rà soát …" is the letter's own request)
        if node.para.marker_kind != "none" and self._among_parts(node) and not (
                self._own_roles(node).lead and self._says_work(node)):
            return False  # "(1) Ít nhất 85% người hưởng …" under "… bằng các chỉ tiêu cụ thể như sau:" is a
            # target; "a) Văn bản đề nghị chuyển giao …" under "Hồ sơ đề nghị … bao gồm:" a part of a dossier;
            # "(1) Tổ trưởng: Phó Chủ tịch UBND thành phố …" under "… gồm các đồng chí có tên sau:" a member
        if node.effective_kind == "criteria" and not self._own_roles(node).lead:
            return False  # "a) Có trách nhiệm cao với công việc." is a standard; "b) … giao Sở Y tế kiểm tra" a duty
        if node.children and self._field_value(node, "content") and self._fields(node)[0]:
            return True  # "4.2. Nguồn nhân lực" over "a) Nhiệm vụ: …", "b) Cơ quan thực hiện: …": a duty
        folded = self._folded(node)
        text = self._body(node)
        if re.fullmatch(r"\(.*\)\.?", text.strip("* ")):
            return False
        words = len(text.split())
        if words < _MIN_WORDS and not (
                self.english and words > 1 and node.para.marker_kind != "none" and self._assigning_list(node.parent)):
            return False  # a fragment; but an English word says what two Vietnamese syllables do: an item of a
            # list that gives a body its work is a duty in two words ("… shall perform the following tasks:" |
            # "a) Allocate funds;"), where "a) Chương trình;" | "- Báo Xây dựng;" are things and names
        if not node.children and is_caps_line(text.strip("* ")) and not self._own_roles(node).lead:
            return False  # "C. ĐÁNH GIÁ TÁC ĐỘNG": a part's heading in capitals, with nothing read under it
        if self._boilerplate(node, folded, text):
            return False
        if node.para.in_cell and not (any(self.cues[name].search(folded) for name in _WORK_WORDS) and (
                len(text.split()) > _LABEL_WORDS or any(self.cues[name].at(folded, 0) for name in _WORK_WORDS))) \
                and not (node.para.marker_kind != "none" and self._assigning_list(node.parent)):
            return False  # a cell of a table whose header names no column ("Khu vực hành chính" | "Mức hỗ trợ
            # (đồng)" | "Các phường: Tuần Châu, …" | "400.000.000"): a duty says some work or gives a role,
            # and a label as short as a column's name opens with it (a letter laid out in one cell: "… đề
            # nghị UBND các xã, phường …. Cụ thể:" | "- Hạn chế các hoạt động ngoài trời …" is a duty)
        if node.effective_kind == "funding" and self.cues.compose(_COST_LINE, "currency").search(folded):
            return False  # "- Thu và phân tích mẫu: 1.364.329.243 đồng/năm.": a line of the estimate
        if _DIGIT.search(folded) and self._states_a_figure(node, folded):
            return False  # "- Chi phí tiết kiệm: 6.400.000 đồng/năm.", "+ Chiều rộng mặt đường: 8,0m.", "- Tổng diện
            # tích đất lập quy hoạch là 66,51ha.": a figure, no duty
        if self.cues.compose(_BOUNDARY_LINE, "compass-side", "site-border").match(folded) \
                and not self._own_roles(node).lead:
            return False  # "- Phía Bắc: giáp đất sản xuất nông nghiệp;": where a site ends, no duty
        numbered = node.para.marker_kind in ("arabic", "letter", "paren", "article")
        found = field_of(self.doc, self.cues, node.para) if numbered else None
        if found and found[0] in ("period", "product") and not self.index.codes_in(found[1], node.para.end):
            return False  # "1. Thời gian thực hiện: Không quá 15 ngày": a field of what it stands under
        if found and found[0] == "attribute" and not self._own_roles(node).lead:
            return False  # "1. Tên dự án: …", "4. Quy mô đầu tư: …", "2. Địa điểm: …": a line of a data sheet
        if found and self._numbered_field(node):
            return False  # "a) Nhiệm vụ: …" | "c) Thời gian thực hiện: …" beside "b) Cơ quan thực hiện:"
        if not node.children and (self._only_names(node) or self._only_a_place(node)):
            return False  # "Phòng Công chứng số 1;": a body's name in a list of units, no duty; "Xã Mỹ Tịnh An;" a
            # place in a list of an area's communes
        items = [c for c in node.children if not c.field and not c.continues and c.para is not None
                 and c.kind != "signature" and not self._numbered_field(c)]  # (not who receives the document)
        if items or any(c.table is not None for c in node.children):
            return self._assigning_leadin(node)  # a heading over items or over a table it names
        if node.heading_like and not (not node.children and node.para.marker_kind == "none"
                                      and node.parent.para is not None and self._heading(node.parent)):
            # (a short unmarked line alone under an agency heading is its duty, not a heading over nothing)
            if node.type_key[0] == "leadin" or node.para.marker_kind == "none" or node.kind is not None:
                return False
            return self._heading(node) is None
        if node.para.marker_kind == "none" and self._items_follow(node):
            found = self._own_roles(node)
            return bool(found.lead)  # an introduction before items is a task only where it assigns
        if node.effective_kind != "funding":
            return True
        if node.parent is not None and node.parent.type_key == ("leadin",) and node.parent.kind == "funding":
            # "Kinh phí … được huy động từ các nguồn, cụ thể:" lists sources: no duty unless someone is given it
            return bool(self._own_roles(node).lead or self._fields(node)[0])
        return not self.cues["funding-noun"].at(folded, 0)

    def _general_subject(self, node: Node) -> bool:
        """The paragraph opens with bodies in general as the subject of its role ("Các đơn vị cấp
        nước sạch trên địa bàn thành phố có trách nhiệm", "Các tổ chức, cá nhân … có trách
        nhiệm"): the work is theirs, though no registered body is named."""
        found = self._own_roles(node)
        if found.lead or not found.lead_cue:
            return False
        mention = self.index.mention_at(self.index.skip(node.para.body_start, self._end(node)))
        return mention is not None and UNSPECIFIED in self.index.codes_of(mention)

    def _assigning_list(self, node: Node | None) -> bool:
        """The paragraph introduces a list (it ends with a colon) and gives someone the work."""
        if node is None or node.para is None:
            return False
        end = node.para.end
        while end > node.para.body_start and self.doc.work[end - 1] in " *\n":
            end -= 1
        return self.doc.work[end - 1:end] == ":" and bool(self._own_roles(node).lead)

    def _only_names(self, node: Node) -> bool:
        """The item is bodies' names and nothing else: names cover nearly all its letters and no
        verb of work stands in lower case among them ("Các Trung tâm y tế giám sát tuyến xã …"
        is a duty, "Phòng Quản lý đô thị;" a name)."""
        start, end = node.para.body_start, self._end(node)
        if node.para.marker_kind == "none" and (number := _DASHED_NUMBER.match(self.doc.work, start, end)):
            start = number.end()  # "3- Vụ Pháp chế;": a list numbered in the Party's style, read as text
        if self.cues["duty-verb"].at(self.doc.folded, start, end):
            return False  # ("Tổ chức Lễ hội Dừa." organises a festival)
        work, verbs = self.doc.work, self.cues["duty-verb"]
        if any(work[m.start()].islower() for m in verbs.finditer(self.doc.folded, start, end)):
            return False  # (the common case, decided before the names are read)
        return self.index.share(start, end) >= _NAME_ONLY

    def _only_a_place(self, node: Node) -> bool:
        """The item is a place's name and nothing else: a unit's word (cue set lower-unit) and
        words that open with a capital or a digit ("Xã Sơn Kim 1;", "Phường Đào Duy Từ.")."""
        start, end = node.para.body_start, self._end(node)
        unit = self.cues["lower-unit"].at(self.doc.folded, start, end)
        words = self.doc.work[unit.end():end].strip(" .;,*").split() if unit else []
        return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)

    def _boilerplate(self, node: Node, folded: str, text: str) -> bool:
        cues = self.cues
        if FILL_IN.search(text):
            return True  # a line of a form attached to the document
        if self.own_number and self.own_number.lower() in text.lower():
            return True  # "… vừa ký ban hành Kế hoạch số 174/KH-UBND …": about the document itself
        if node.type_key[0] == "article" and _first_article(node) and cues["act-verb"].at(folded, 0):
            return True  # "Điều 1. Công nhận các xã …": the decision's own act
        if self._lists_the_attached(node) and not self._own_roles(node).lead:
            return True  # "1. Danh mục thủ tục hành chính: 14 thủ tục …" under "Điều 1. Công bố kèm theo
            # Quyết định này danh mục …, cụ thể:": what the act attaches, listed
        if self._repeats_the_act(node, folded) and not self._own_roles(node).lead:
            return True  # "1. Sắp xếp toàn bộ diện tích … thành xã mới …" under "Điều 1. Sắp xếp …": the act
        if (unit := cues["unit-label"].at(folded, len(folded) - len(folded.lstrip(" (*")))) is not None \
                and folded[unit.end():].lstrip(" *").startswith(":") \
                and len(folded[unit.end():].split()) <= _UNIT_CAPTION_WORDS and not self.index.codes_in(
                    node.para.body_start, self._end(node)):
            return True  # "Đơn vị: Triệu đồng.", "(ĐVT: Việt Nam đồng)": what a table's figures are counted in
        signing = cues.compose(r"\(\s*{0}", "signing-note")
        if node.para.end - node.para.body_start < _SIGNING_LINE_CHARS \
                and signing.search(self.doc.folded, node.para.body_start, node.para.end):
            return True  # "XÁC NHẬN CỦA BAN GIÁM ĐỐC (Ký, đóng dấu, ghi rõ họ tên)": where a form is signed
        if cues["addressee"].at(folded, 0):
            return True  # "Kính gửi: Bộ Công Thương.": who the letter is for
        if self._states_composition(node):
            return True  # "Ban Kiểm soát gồm có Trưởng ban và các thành viên.": what something consists of
        if (field := cues["section:procedure"].at(folded, 0)) is not None and folded.startswith(":", field.end()):
            return True  # "- Thời hạn giải quyết: Trong thời hạn 15 ngày …": a field of a procedure's description
        if cues["note"].at(folded, 0) or _FOOTNOTE.match(folded) or node.parent is not None \
                and node.parent.para is not None and _FOOTNOTE.match(self._folded(node.parent)):
            return True  # "Lưu ý: Phần chữ in nghiêng là …", "[1] …": an editorial note, or an item of a footnote
            # ("[3] Cụ thể:" | "(i) Thủ tướng Chính phủ phê duyệt … 357 TTHC": its figures)
        if (note := self._note_of(node)) is not None \
                and (not self.cues["attention-label"].at(note, 0) or not self._own_roles(node).lead):
            return True  # "Ghi chú:" | "- Vị trí lấy mẫu theo …" | "- …": the items of a note (under a table); under
            # "Lưu ý:", those that give no body work ("- Sở Tài chính bố trí kinh phí kịp thời." is a duty)
        if _cites_a_document(text, folded, self.index.registry):
            return True  # "a) Quyết định số 68/2024/QĐ-UBND ngày … ban hành …": a document named (repealed, replaced)
        edit = next((m for name in EDIT_RELATIONS if (m := cues[name].at(folded, 0)) is not None), None)
        if edit is not None and (
                next(find_numbers(text, self.index.registry, 0, min(len(text), 120)), None) is not None
                or not _adds_things(cues, folded, edit) and not self._own_roles(node).lead
                and next(find_numbers(text, self.index.registry), None) is not None):
            return True  # "b) Bãi bỏ toàn bộ Nghị quyết số 10/2022/NQ-HĐND …": what the document changes; further
            # on where no body is given work ("Thay thế 03 TTHC có số thứ tự: 3, 4, 5 tại Danh mục … kèm theo
            # Quyết định số 3470/QĐ-UBND …"), but for "Bổ sung số lượng máy móc …", which adds things
        if self._lists_edits(node.parent) and not self._own_roles(node).lead:
            return True  # "a) Cụm từ “cấp huyện” bằng cụm từ “cấp xã” tại khoản 1 Điều 3;" under "1. Thay thế
            # các cụm từ như sau:", "a) Khoản 2 Điều 15;" under "2. Bãi bỏ …:": the edits of another text
        itself = cues["this-document"].at(folded, 0)
        if itself and cues["adopted-on"].search(folded):
            return True  # "Nghị quyết này được … thông qua ngày 16 tháng 6 năm 2025.": when it was passed
        if itself and any(cues[name].at(folded, itself.end()) for name in EDIT_RELATIONS):
            return True  # "Quyết định này bãi bỏ …": what the document itself changes
        if self._article_words(node) and (cues["boiler:act"].at(folded, 0) or (
                (act := cues["boiler:act"].search(folded)) is not None and not folded[act.end():].strip(" .;"))):
            return True  # "Điều 1. Ban hành kèm theo …", or its subject first as translations write it ("Article
            # 1. The Plan for … is promulgated together with this Decision."): the decision's own act
        effect = cues["boiler:effect"].search(folded, 0, 120)
        if effect and (cues["this-document"].ending_at(folded, effect.start(), max(0, effect.start() - 40))
                       or folded[:effect.start()].strip(" .:") in self.index.registry.doc_type_words):
            return True  # "Quyết định này có hiệu lực kể từ ngày ký. Thay thế …", "Nghị quyết có hiệu lực …"
        if self._states_a_rule(node):
            return True  # "Việc lập … kế hoạch tài chính … thực hiện theo quy định của Luật …": how it is done
        if cues["this-document"].at(folded, 0) and not self._own_roles(node).explicit:
            return True  # "Quy chế này quy định …", "Nghị quyết này phổ biến đến chi bộ.": what the document is,
            # covers or does, not a body's duty
        if cues.any_boilerplate.search(folded) is None:
            return False  # one scan: none of the phrases the checks below search for is there
        if cues["boiler:appraisal"].at(folded, 0) and not self._own_roles(node).lead:
            return True  # "a) Đánh giá cao nỗ lực của Chủ đầu tư …": the conclusions' judgement of what was done
        if cues["boiler:in-force"].search(folded) and not self._own_roles(node).lead:
            return True  # "Các nội dung khác của Quyết định số … tiếp tục có hiệu lực": what stays in force
        if cues["boiler:cited-changed"].search(folded) and not self._own_roles(node).lead:
            return True  # "Trường hợp các văn bản … được viện dẫn tại Quyết định này được sửa đổi, … thì áp dụng theo
            # văn bản mới": how the references are read
        execution = cues["boiler:execution"].search(folded)
        rest = folded[execution.end():].strip(" ./") if execution else ""
        if execution and (len(rest) < 30 or len(rest) < 60 and cues["effect-date"].at(rest, 0)) \
                and not (folded[:execution.start()].endswith("viec ") and self._own_roles(node).explicit):
            return True  # (what follows is at most the date it applies from; "Bộ Nội vụ chủ trì, … hướng
            # dẫn, kiểm tra việc thi hành Quyết định này" leads the work of guiding and checking it)
        if node.para.marker_kind == "none" and cues["boiler:closing"].search(folded):
            return True
        if self._opens_with_difficulty(folded):
            return not self._compiler(node.para.body_start, self._end(node))
        return False

    def _says_work(self, node: Node) -> bool:
        """A word of work or of a role stands in the paragraph (cue sets of ``_WORK_WORDS``),
        written in lower case (the "Xây dựng" of "Sở Xây dựng" is a name's): it gives someone
        work, where a member's line only names a post and a body."""
        start, end, work = node.para.body_start, self._end(node), self.doc.work
        return any(work[m.start()].islower() for name in _WORK_WORDS
                   for m in self.cues[name].finditer(self.doc.folded, start, end))

    def _states_composition(self, node: Node) -> bool:
        """The paragraph opens by saying what a body or a thing consists of: a subject of a few
        words with no separator in it, then cue set consists-of, matched with its diacritics
        ("Ban Kiểm soát gồm có Trưởng ban và các thành viên.", "Tổ kiểm tra bao gồm đại diện Ủy
        ban nhân dân cấp xã, …", "- Khu vực miền Bắc, gồm các tỉnh …"; not the "gom" of "thu
        gom"); no verb of work opens it or the lead-in it stands under (each "- Hội nghị 1: Gồm
        các tỉnh …" under "Tổ chức 02 hội nghị:" is a part of the work), no role is given
        anywhere in the paragraph, and a body that is its subject is all the subject is
        ("Chính phủ gồm …", not "Thủ tướng Chính phủ quyết định chủ trương đầu tư, bao gồm …")."""
        start = node.para.body_start
        start += len(self.doc.folded[start:node.para.end]) - len(self.doc.folded[start:node.para.end].lstrip(" *"))
        found = self.cues["consists-of"].exact.search(self.index.lower, start,
                                                      min(node.para.end, start + _COMPOSITION_SUBJECT_CHARS))
        if found is None:
            return False
        subject_end = found.start()
        while subject_end > start and self.doc.folded[subject_end - 1] in " :,*\n":
            subject_end -= 1
        subject = self.doc.folded[start:subject_end]
        if not subject.strip() or re.search(r"[,.;:()]", subject) \
                or len(subject.split()) > _COMPOSITION_SUBJECT_WORDS:
            return False
        roles = self._own_roles(node)
        if roles.explicit or roles.lead_cue or not self._opens_with_a_noun(node):
            return False
        parent = node.parent
        if parent is not None and parent.para is not None and not self._opens_with_a_noun(parent):
            return False  # "2. Tổ chức 02 hội nghị bồi dưỡng:" | "- Hội nghị 1: Gồm các tỉnh …": a part of the work
        return not roles.lead or self.index.share(start, subject_end) >= _NAME_ONLY

    def _difficulty_clause(self, start: int, end: int) -> bool:
        """The span opens with the clause on difficulties met, as a condition (see :meth:`_as_condition`)."""
        return self._opens_with_difficulty(" ".join(self.doc.folded[start:end].split()))

    def _states_a_rule(self, node: Node) -> bool:
        """The paragraph opens with a nominalised act as its subject, written with a capital (cue
        set rule-subject, not a noun of rule-subject-noun): "Việc hủy tài liệu … được thực hiện theo
        quy định …" says how a thing is done, a rule or a requirement, whatever section it stands
        in; it gives work where a role word hands it to a body ("Việc … giao Sở X chủ trì"), and as an
        item of a lead-in that gives a body the work its items detail ("3. Cơ quan thuế chủ trì …
        xác định nghĩa vụ tài chính như sau:" | "b) Việc luân chuyển hồ sơ chỉ thực hiện trên …")."""
        end, lower = self._end(node), self.index.lower
        start = after_emphasis(self.doc.folded, node.para.body_start, end)
        if start >= end or not self.doc.work[start].isupper() \
                or self.cues["rule-subject"].exact.match(lower, start, end) is None \
                or self.cues["rule-subject-noun"].exact.match(lower, start, end) is not None:
            return False
        return not self._own_roles(node).explicit and not (
            node.para.marker_kind != "none" and self._assigning_list(node.parent))

    def _opens_with_difficulty(self, folded: str) -> bool:
        """:meth:`_difficulty_clause` of a text already folded and squashed (a node's :meth:`_folded`)."""
        difficulty = self.cues["boiler:difficulty"].search(folded)
        return difficulty is not None and difficulty.start() < _DIFFICULTY_CHARS and self._as_condition(
            folded, difficulty.start())

    def _as_condition(self, folded: str, pos: int) -> bool:
        """The words at ``pos`` stand in a condition: their clause opens with them or with cue
        set condition-opener ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, …"), or an
        opener stands right before them ("… tổ chức, triển khai thực hiện nếu có khó khăn, …");
        not in a duty's object ("Tiếp tục rà soát … danh mục đầy đủ các dự án có khó khăn, vướng mắc …")."""
        clause = folded[max(folded.rfind(mark, 0, pos) for mark in ",;:.") + 1:pos].strip(" *")
        opener = self.cues["condition-opener"]
        return not clause or opener.at(clause, 0) is not None or opener.ending_at(clause, len(clause)) is not None

    def _lists_the_attached(self, node: Node) -> bool:
        """The node stands in the list that an article's act of attaching leads into ("Điều 1.
        Công bố kèm theo Quyết định này danh mục … thủ tục hành chính …, cụ thể:" | "1. Danh mục
        thủ tục hành chính:" | "14 thủ tục …"), with no heading of tasks between: it names what
        is attached, and gives no one work."""
        parent = node.parent
        while parent is not None and parent.para is not None and parent.kind not in _DUTY_KINDS:
            if parent.type_key[0] == "article":
                return self._leads_into_list(parent, "boiler:act")
            parent = parent.parent
        return False

    def _lists_edits(self, parent: Node | None) -> bool:
        """``parent`` leads into what a document replaces or repeals in another ("1. Thay thế
        các cụm từ như sau:", "2. Bãi bỏ một số khoản, cụm từ:"): its items are edits."""
        return parent is not None and parent.para is not None \
            and self._leads_into_list(parent, "relation:replaces", "relation:repeals")

    def _leads_into_list(self, node: Node, *cue_sets: str) -> bool:
        """The paragraph opens with a phrase of one of ``cue_sets`` and closes with a colon."""
        para = node.para
        return closing_colon(self.doc.folded, para.body_start, para.end) is not None \
            and any(self.cues[name].at(self._folded(node), 0) for name in cue_sets)

    def _repeats_the_act(self, node: Node, folded: str) -> bool:
        """The item opens with the verb of the document's own act, the one its first article
        opens with ("Điều 1. Sắp xếp các đơn vị hành chính …" | "1. Sắp xếp toàn bộ diện tích
        … thành xã mới …"), or states what it leaves ("Sau khi sắp xếp, tỉnh … có 96 đơn vị hành
        chính cấp xã", cue set act-result): a part of that act, not a duty."""
        result = self.cues["act-result"].at(folded, 0)
        verb = self.cues["act-verb"].at(folded, result.end() if result else 0)
        if verb is None or node.type_key[0] == "article":
            return False
        article = next((a for a in node.ancestors() if a.type_key[0] == "article"), None)
        if article is None or not _first_article(article):
            return False
        act = self.cues["act-verb"].at(self._folded(article), 0)
        return act is not None and act.group() == verb.group()

    def _lists_parts(self, node: Node | None) -> bool:
        """The paragraph ends by introducing the parts of something, not duties: targets ("… bằng
        các chỉ tiêu cụ thể như sau:", cue set targets-intro, then only words of list-tail; not
        "… kết quả thực hiện các chỉ tiêu, gồm các nội dung sau:"), the papers of a dossier or the
        members of a group (its last sentence opens with cue set dossier-noun or member-noun and
        ends with one of consists-of: "Hồ sơ đề nghị chuyển giao công trình dự án BT bao gồm:")."""
        if node is None or node.para is None:
            return False
        if id(node) not in self._lists_parts_cache:
            self._lists_parts_cache[id(node)] = self._read_lists_parts(node.para)
        return self._lists_parts_cache[id(node)]

    def _read_lists_parts(self, para: Para) -> bool:
        folded, start = self.doc.folded, para.body_start
        colon = closing_colon(folded, start, para.end)
        if colon is None:
            return False
        consists = self.cues["consists-of"].ending_at(folded, colon, start)
        sentence = max(start, folded.rfind(". ", start, consists.start()) + 2) if consists is not None else start
        if consists is not None and not folded[sentence:consists.start()].strip(" *"):
            sentence = max(start, folded.rfind(". ", start, sentence - 2) + 2)  # "…, được cộng 2,0 điểm. Bao gồm:"
        if consists is not None and any(
                self.cues[name].at(folded, sentence, consists.start()) or self.cues[name].search(
                    folded, _words_back(folded, consists.start(), sentence, _PART_NOUN_WORDS), consists.start())
                for name in ("dossier-noun", "member-noun")):
            return True  # ("Nhóm đối tượng 1: Bao gồm:" | "+ Con liệt sĩ;", "Theo Điều 15 Nghị định … có quy định về
            # các đối tượng được miễn học phí gồm:": a group's members, no duties)
        if self.cues["dossier-noun"].at(folded, start, colon) is not None \
                and len(folded[start:colon].split()) <= _PART_NOUN_WORDS \
                and not self.cues["duty-verb"].search(folded, start, colon):
            return True  # "1. Hồ sơ đề nghị xét tặng:" | "a) Tờ trình, biên bản họp …": a dossier named by a
            # label, its papers listed
        if self.cues["member-noun"].at(folded, start, colon) is not None and not any(
                self.cues[name].search(folded, start, colon) for name in _WORK_WORDS):
            return True  # "Đối tượng đăng ký mua nhà ở xã hội theo quy định tại Điều 76 Luật Nhà ở:" | "- Người có
            # công …": who may, not who must (a group given work says it: "Các đối tượng sau có trách nhiệm:")
        if self._names_parts_after(folded, start, colon):
            return True  # "Thành lập Ban Chỉ đạo …, gồm các thành viên sau:" | "1. Trưởng ban: Ông …"
        if self._grants_powers(para):
            return True  # "Chủ tịch Ủy ban nhân dân cấp xã có quyền:" | "a) Phạt cảnh cáo;": powers, no duties
        targets = next(reversed(list(self.cues["targets-intro"].finditer(
            folded, max(start, colon - _TARGETS_INTRO_CHARS), colon))), None)
        return targets is not None and self.cues.compose(_LIST_TAIL, "list-tail").fullmatch(
            folded, targets.end(), colon) is not None

    def _grants_powers(self, para: Para) -> bool:
        """The lead-in ends with a word of power before its colon ("… có quyền:", "… shall have
        the power to:"): its items are powers, not duties, and it gives no duty of its own."""
        return self._ends_before_colon(para, "role:power")

    def _ends_before_colon(self, para: Para, cue_set: str) -> bool:
        """The paragraph ends with a word of ``cue_set`` before its colon, only list words
        (cue set list-tail) between ("… có trách nhiệm sau đây:")."""
        folded, start = self.doc.folded, para.body_start
        pos = closing_colon(folded, start, para.end)
        if pos is None:
            return False
        while (tail := self.cues["list-tail"].ending_at(folded, pos, start)) is not None and tail.start() < pos:
            pos = tail.start()
        return self.cues[cue_set].ending_at(folded, pos, start) is not None

    def _states_a_figure(self, node: Node, folded: str) -> bool:
        """The item labels a figure ("Tỷ lệ cắt giảm chi phí: 8%.", a unit written against its number
        read apart: "8,0m") or states one with "là"/"khoảng" and no verb of work or target, and names
        no lead of its own."""
        spaced = _GLUED_UNIT.sub(r"\1 ", folded)
        stated = self.cues.compose(_STATED_FIGURE, "currency", "measure-unit", "figure-copula", "figure-share")
        return (":" in folded and self.cues.compose(_FIGURE_LINE, "currency", "measure-unit").match(spaced)
                or stated.match(spaced)
                and not self.cues["duty-verb"].search(folded) and not self.cues["target-verb"].search(folded)) \
            and not self._own_roles(node).lead

    def _among_parts(self, node: Node) -> bool:
        """An item of a list of parts, or of a group's label in it ("…, gồm các thành viên
        sau:" | "3. Các Ủy viên:" | "- Ông Lê Văn C, Phó Giám đốc Sở Tài chính;"): between the
        list and the item only short labels with no verb of work ("Việc tổ chức tiêu hủy được
        thực hiện theo các bước sau:" under a dossier's papers opens steps of its own)."""
        for ancestor in node.ancestors():
            if ancestor.para is None or ancestor.type_key[0] in _STRUCTURE:
                return False
            if self._lists_parts(ancestor):
                return True
            label = self._folded(ancestor)
            if len(label.split()) > _LABEL_WORDS or self.cues["duty-verb"].search(label):
                return False
        return False

    def _names_parts_after(self, folded: str, start: int, colon: int) -> bool:
        """The lead-in's last words are "gồm" and the noun of the parts it lists, then only
        words of list-tail up to the colon ("…, gồm các thành viên sau:", "… bao gồm các
        thành phần như sau:"): what follows are members or papers, no duties."""
        tail = self.cues.compose(_LIST_TAIL, "list-tail")
        for consists in self.cues["consists-of"].finditer(folded, max(start, colon - _TARGETS_INTRO_CHARS), colon):
            for name in ("member-noun", "dossier-noun"):
                noun = self.cues[name].at(folded, consists.end(), colon)
                if noun is not None and tail.fullmatch(folded, noun.end(), colon) is not None:
                    return True
        return False

    def _opens_with_lead(self, reading: _Reading) -> bool:
        """The paragraph's own words name its lead first, after a short adverbial at most
        ("Bộ Nông nghiệp và Môi trường chủ trì …", "Trước ngày 10/4/2025, Bộ Công an chủ trì …"; not
        "Đồng thời, quy định chương trình … tại trường trung học phổ thông, cơ sở giáo dục …")."""
        start = min(a.span.start for a in reading.lead if a.via == Via.TEXT)
        before = self.doc.folded[reading.node.para.body_start:start].strip(" *\n")
        return not before or before.endswith(",") and len(before.split()) <= _ADVERBIAL_WORDS

    def _items_follow(self, node: Node) -> bool:
        """Marked items or a lead-in come after this node among its siblings (it introduces
        them: "Nền tảng dẫn dắt …" | "Trọng tâm:" | "a) …"). A lead-in that hands a body the
        paragraphs under it introduces only those after the last paragraph before it that gives a
        role: "Trình Chính phủ ban hành …;" | "Trước ngày 01/11/2025, Bộ Nội vụ chủ trì …" | "Bộ Nội
        vụ chủ trì … ban hành:" | "Hướng dẫn …;" (text without blank lines runs a list on) is a
        duty of the list before, no introduction."""
        parent = node.parent
        if parent is None:
            return False
        if id(parent) not in self._last_item:
            positions = {id(c): i for i, c in enumerate(parent.children)}
            items, leadins = [], []
            for i, c in enumerate(parent.children):
                if c.para is None or c.field or c.type_key[0] == "none":
                    continue
                if c.type_key[0] == "leadin" and self._own_roles(c).lead \
                        and all(g.para is None or g.para.marker_kind == "none" for g in c.children):
                    leadins.append(i)  # (a body's list of paragraphs)
                else:
                    items.append(i)
            self._last_item[id(parent)] = (positions, items[-1] if items else -1, leadins)
        positions, last, leadins = self._last_item[id(parent)]
        at = positions.get(id(node), last)
        if at < last:
            return True
        leadin = next((i for i in leadins if i > at), None)
        return leadin is not None and not any(
            c.para is not None and not c.field and self._own_roles(c).lead for c in parent.children[at + 1:leadin])

    def _assigning_leadin(self, node: Node) -> bool:
        """A lead-in over items that is a duty of its own: it assigns and has words beyond roles and list intro."""
        found = self._own_roles(node)
        if not (found.lead or found.lead_cue) or node.type_key[0] == "leadin" and not found.lead:
            return False
        if self._introduces_duties(node) or self._grants_powers(node.para):
            return False  # "b) Đơn vị thoát nước được giao vận hành hồ điều hòa có trách nhiệm:": whose the items are
        folded = self.doc.folded
        start, end = node.para.body_start, before_note(folded, node.para.body_start, node.para.end)
        if node.heading_like:  # a heading over items that says whom they are for and no work:
            # "6. Các doanh nghiệp thứ cấp đang hoạt động trong KCN", "7. Các doanh nghiệp hoạt động trong
            # lĩnh vực xây dựng, …" (a field's name), "11. Đề nghị các doanh nghiệp sản xuất, chế biến và
            # xuất khẩu hàng hóa" (whom a request is to: its bodies must be the heading's, and no work said)
            works = self.cues["duty-verb"].search(folded, start, end) is not None
            names = self._heading(node) is not None
            assigns = found.explicit or found.lead_cue
            if (names and not works) if assigns else (names or not works):
                return False
            if names and not found.coordinating and self._among_bodies(node):
                return False  # "2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án …" among "1. Sở
                # Nông nghiệp và Môi trường", "3. Ủy ban nhân dân cấp xã": which bodies the items are for
        covered = [(m.start, m.end) for m in self.index.within(start, end)]
        covered += [(n.start, n.end) for n in self._heading(node) or ()]  # a name outside the registry too
        # ("Tập đoàn Điện lực Việt Nam có trách nhiệm:": a name outside the registry as subject)
        covered += [(span.start, span.end) for _, span in self._unregistered_subject(node)]
        for name in ("role:lead", "role:coordinate", "role:assign", "role:delegate", "role:heading", "list-intro"):
            covered += [(m.start(), m.end()) for m in self.cues[name].finditer(folded, start, end)]
        if self.cues["clause-purpose"].exact.match(self.index.lower, start, end) is not None \
                and (subject := subject_after_purpose(self.index, start, end)) is not None:
            covered.append((start, subject))  # "Để nâng cao chất lượng, Sở Y tế thực hiện các nhiệm vụ sau:": why the
            # items are done, no work of its own
        for directs in self.cues["role:director"].finditer(folded, start, end):  # "Sở X chỉ đạo Chi cục Y thực
            if self.doc.work[directs.start()].islower():  # hiện các nội dung sau:" says only who does them
                covered.append((directs.start(), directs.end()))  # (not the name "Ban Chỉ đạo")
                covered += [(n.start, n.end) for n in self.index.unregistered_objects(directs.end(), end)]
        words = [w for w in re.finditer(r"[^\W\d_]{2,}", folded[start:end])
                 if not any(s <= start + w.start() < e for s, e in covered)]
        return len(words) >= _LEADIN_CONTENT_WORDS

    def _article_words(self, node: Node) -> bool:
        """The node is an article's own words: its line, or the paragraph under an article marker
        that stands alone on its line ("**Điều 1.**" | "Ban hành kèm theo Quyết định này …")."""
        if node.type_key[0] == "article":
            return True
        parent = node.parent
        return node.para.marker_kind == "none" and parent is not None and parent.type_key[0] == "article" \
            and parent.para is not None and not self.doc.folded[parent.para.body_start:parent.para.end].strip(" .*\n") \
            and next((c for c in parent.children if c.para is not None), None) is node

    def _introduces_duties(self, node: Node) -> bool:
        """The lead-in ends with a word of responsibility before its colon, only list words between
        ("… có trách nhiệm:", "… có trách nhiệm sau đây:"): the words before it name who, and the
        items what, so the lead-in is no duty of its own, whatever the subject's name. The colon
        may be left out where marked items follow ("3. Thủ trưởng các đơn vị trực thuộc Kiểm toán
        nhà nước có trách nhiệm" | "a) Xem xét, tổng hợp …")."""
        if self._ends_before_colon(node.para, "role:responsible"):
            return True
        folded, start = self.doc.folded, node.para.body_start
        end = start + len(folded[start:node.para.end].rstrip(" *\n"))
        return end > start and folded[end - 1].isalnum() \
            and any(c.para is not None and c.para.marker_kind != "none" and not c.continues for c in node.children) \
            and self.cues["role:responsible"].ending_at(folded, end, start) is not None

    def _compiler(self, start: int, end: int) -> list[tuple[str, Span]]:
        """The agency a reporting clause names to compile ("phản ánh về Bộ Công an để tổng hợp"), not a channel."""
        folded = self.doc.folded
        for cue in self.cues["compile"].finditer(folded, start, end):
            codes, list_start = self.index.list_before(cue.start(), start)
            if codes and not re.search(r"(?:\(|\bqua)\s*$", folded[max(start, list_start - 8):list_start]):
                return [(c, Span(list_start, cue.end())) for c in codes]
        return []

    # ------------------------------------------------------------------ reading one task

    def read(self, node: Node) -> _Reading:
        reading = _Reading(node)
        own_lead, own_coord = self._fields(node)
        text = self._own_roles(node)
        compiler = self._compiler(node.para.body_start, self._end(node)) \
            if self._opens_with_difficulty(self._folded(node)) else []
        # (a paragraph that opens with the clause on difficulties; in "Bộ Tài chính chủ trì … . Trong quá trình
        # thực hiện, nếu có khó khăn, báo cáo Thủ tướng Chính phủ để xem xét, giải quyết" the ministry leads)
        heading, heading_node, open_coordination, coordinate_heading = None, None, False, False
        leadins: list[tuple[Found, Node]] = []
        ancestor_lead: list[Assignment] = []
        ancestor_coord: list[Assignment] = []
        own_subject = self._general_subject(node)  # (bodies in general named as the subject, nearer than a
        # lead-in: "11. Các đơn vị cấp nước sạch … có trách nhiệm" under "… yêu cầu Giám đốc các sở …:")
        requests = self.cues["role:request"].at(self._folded(node), 0) is not None  # ("Đề nghị Sở X …")
        owner_asks = False  # the request is made by the one body whose duties a heading above lists
        for anc in node.ancestors():
            if anc.para is None:
                continue
            if anc.type_key[0] == "signature":
                break  # a signature block ends a document: its lines ("Nơi nhận: - Bộ Công Thương (b/c); …")
                # give no role to what stands after it (the plan the decision issues)
            if requests and not owner_asks and anc.heading_like and (duties := self.cues["role:duties-of"].at(
                    self.doc.folded, anc.para.body_start, anc.para.end)) is not None:
                owner_asks = self.cues["plural-determiner"].at(self.doc.folded, duties.end(), anc.para.end) is None
                # (not under "Trách nhiệm của các cơ quan, đơn vị": bodies in general, whom the issuer asks by name)
            lead, coord = self._fields(anc)
            if not ancestor_lead and lead:
                ancestor_lead = [_via(a, Via.FIELD) for a in lead]
            if not ancestor_coord and coord:
                ancestor_coord = [_via(a, Via.FIELD) for a in coord]
            if not (anc.heading_like or anc.type_key[0] in ("leadin", "article") or anc.items):
                continue
            names = self._heading(anc)
            if names is not None:
                heading, heading_node = names, anc
                break
            found = self._leadin_roles(anc)
            if anc.heading_like and not found.explicit and self._among_topics(anc):
                continue  # "9. Doanh nghiệp số" among topic headings: its words name its topic
            if found.open_coordination:
                open_coordination = True
            if self._role_only(anc, "role:coordinate"):
                coordinate_heading = True  # "b) Phối hợp:" over the agency's items
            if (found.lead or found.coordinating) and not self._issuer_speaks(found) and not own_subject:
                leadins.append((found, anc))
            own_subject = own_subject or self._general_subject(anc)
        para_span = Span(node.para.start, self._end(node))
        if own_lead:
            reading.lead = own_lead
        elif heading and not coordinate_heading and not (leadins and leadins[0][0].lead):
            # (a heading that names nobody in particular, "Giao các cơ quan, đơn vị:", leaves it to the item)
            # (a lead-in naming its own lead stands nearer the task than the agency heading)
            reading.lead = [Assignment(n.code, Role.LEAD, Via.HEADING, Span(heading_node.para.start,
                                                                            heading_node.para.end), self._name(n))
                            for n in heading]
            subject = subject_names(self.index, node.para.body_start, self._end(node)) \
                or (text.lead if text.explicit else []) \
                or self._unregistered_subject(node)  # "Đề nghị Ủy ban MTTQ tỉnh chủ trì …", "Kho bạc … chỉ đạo"
            if text.explicit and {c for c, _ in subject} < {c for c, _ in text.lead}:
                subject = text.lead  # ("Báo và Đài PT-TH tỉnh, Ban Biên tập Cổng TTĐT tỉnh có trách nhiệm …":
                # the sentence names one more subject, outside the registry, than its opening list)
            if subject and (_narrows({code for code, _ in subject}, {n.code for n in heading}, self.index.registry)
                            or self._labels_its_work(subject)):
                # "2. Các sở, ngành; UBND các huyện" over "UBND các huyện chủ động bố trí …", "Trách nhiệm
                # của Văn phòng UBND tỉnh, các sở" over "2. Sở Nội vụ cung cấp …": the task's own subject;
                # "- Sở Tài chính: Bố trí kinh phí …" under "1. Sở Khoa học và Công nghệ": the body it labels
                reading.lead = _assigned(subject, Role.LEAD, Via.TEXT)
        elif compiler:
            reading.lead = [Assignment(c, Role.LEAD, Via.TEXT, s) for c, s in compiler]
        elif text.explicit and text.lead and not owner_asks:
            # (under "2. Trách nhiệm của Trưởng các tổ chức hành nghề công chứng", a name outside the registry
            # that no reader resolves, "a) Đề nghị Sở Tư pháp cấp, khóa … tài khoản": the owner asks, Sở Tư pháp
            # is asked, and leads nothing)
            reading.lead = _assigned(text.lead, Role.LEAD, Via.TEXT)
        elif (leading := next((found for found, _ in leadins if found.lead), None)) is not None:
            # (the nearest lead-in that names a lead: one that names partners only, "1. Phối hợp chặt chẽ với
            # Ban quản lý khu công nghiệp … trong việc:", goes on the work of the lead named above it)
            reading.lead = [_via(a, Via.ROLE_HEADING) for a in _assigned(leading.lead, Role.LEAD, Via.TEXT)]
            subject = subject_names(self.index, node.para.body_start, self._end(node))
            if subject and not _SENTENCE_BREAK.search(self.doc.work, node.para.body_start, subject[0][1].start):
                # the item's first sentence names who does it: "… yêu cầu Chủ tịch UBND các tỉnh và lãnh
                # đạo các Bộ …:" over "3. Bộ Xây dựng chỉ đạo …", "(3) Bộ Công an tiếp tục chủ động …",
                # "a) Công an tỉnh: Tổng hợp …"
                reading.lead = _assigned(subject, Role.LEAD, Via.TEXT)
        elif text.lead and not open_coordination and not owner_asks:
            reading.lead = _assigned(text.lead, Role.LEAD, Via.TEXT)
            reading.subject_only = True
        elif ancestor_lead:
            reading.lead = ancestor_lead
        elif subject := self._unregistered_subject(node):  # "Trung tâm Kiểm soát bệnh tật tỉnh thực hiện …"
            reading.lead = _assigned(subject, Role.LEAD, Via.TEXT)
        if heading is not None and coordinate_heading:
            reading.coordinating = [Assignment(n.code, Role.COORDINATING, Via.HEADING,
                                               Span(heading_node.para.start, heading_node.para.end), self._name(n))
                                    for n in heading]
            # under "b) Phối hợp:" the body the agency works with ("Phối hợp với Sở X …") leads
            partners = text.lead or text.coordinating
            if partners:
                reading.lead = _assigned(partners, Role.LEAD, Via.TEXT)
        if open_coordination and not own_coord:
            subjects = subject_names(self.index, node.para.body_start, self._end(node))
            reading.coordinating += _assigned(subjects, Role.COORDINATING, Via.TEXT)
        if own_coord:
            reading.coordinating += own_coord
        elif text.coordinating and not (heading is not None and coordinate_heading and not text.lead):
            reading.coordinating += _assigned(text.coordinating, Role.COORDINATING, Via.TEXT)
        elif not reading.coordinating:
            for found, _anc in leadins:
                if found.coordinating:
                    reading.coordinating = [_via(a, Via.ROLE_HEADING)
                                            for a in _assigned(found.coordinating, Role.COORDINATING, Via.TEXT)]
                    break
            else:
                reading.coordinating = ancestor_coord
            # an agency the item itself names as its lead is not one of the partners it inherits
            leads = {a.code for a in reading.lead if a.via == Via.TEXT}
            reading.coordinating = [a for a in reading.coordinating if a.code not in leads]
        self._check(node, reading, heading, text, para_span)
        return reading

    def _labels_its_work(self, subject: list[tuple[str, Span]]) -> bool:
        """The subject's names end at a colon that opens the work ("Sở Tài chính: Bố trí …"):
        a label that says whose the item is, whatever heading stands above it."""
        end = max(span.end for _, span in subject)
        return self.doc.folded[end:end + _LABEL_GAP].lstrip(" *").startswith(":")

    def _issuer_speaks(self, found: Found) -> bool:
        """A lead-in whose only subject is the document's issuer, named without a role word
        ("Thực hiện Công điện …, Ủy ban nhân dân tỉnh chỉ đạo như sau:"): the issuer speaks,
        and the items below are the work of those they name, not its own."""
        issuer = self.index.issuer
        return issuer is not None and not found.explicit and not found.coordinating \
            and all(code in issuer for code in found.lead_codes)

    def _role_only(self, node: Node, role: str) -> bool:
        """The node's words are a role and nothing else ("Phối hợp:", "Phối hợp với:")."""
        folded = self._folded(node).strip(" *:.-")
        cue = self.cues[role].at(folded, 0)
        if cue is None:
            return False
        rest = folded[cue.end():].strip(" *:.-,")
        with_word = self.cues["role:with"].at(rest, 0)
        return not (rest[with_word.end():] if with_word else rest).strip(" *:.-,")

    def _fields(self, node: Node) -> tuple[list[Assignment], list[Assignment]]:
        """Lead and coordinating agencies of the node's field lines and inline fields
        (read once per node: every task below asks its ancestors)."""
        if id(node) not in self._field_cache:
            self._field_cache[id(node)] = self._read_fields(node)
        return self._field_cache[id(node)]

    def _read_fields(self, node: Node) -> tuple[list[Assignment], list[Assignment]]:
        lead: list[Assignment] = []
        coord: list[Assignment] = []
        values = []
        fields = node.children + [c for group in self._groups_after(node) for c in group.children]
        for child in fields:
            if child.field not in ("lead", "coordinate"):
                continue
            para, role = child.para, child.field
            found = field_of(self.doc, self.cues, para)
            value_start = found[1] if found else para.body_start
            # "- Cơ quan thực hiện:" over "+ Sở A chủ trì, phối hợp với …" | "+ Sở B …": each item is a value
            listed = [c.para for c in child.children] if _listed_value(child, self.doc.work[value_start:para.end]) \
                else [None]
            for item in listed:
                start, end = (item.body_start, item.end) if item else (value_start, para.end)
                values.append((role, start, end, Span(para.start, end)))
                self._unresolved(self.index.names(start, end), para)
        inline = [field for field in self._inline_fields(node) if field[0] in ("lead", "coordinate")]
        for role, value_start, value_end, span in [*values, *inline]:
            names = self.index.names(value_start, value_end)
            partners: list[Name] = []
            labelled = labelled_roles(self.index, value_start, value_end) if role == "lead" else None
            if labelled is not None and (labelled[0] or labelled[1]):
                names, partners = labelled  # "Cơ quan thực hiện: Chủ trì: Sở A; phối hợp: Sở B"
            elif role == "lead":  # "Cơ quan thực hiện: Sở A (chủ trì), Sở B"
                names, partners = lead_value_roles(self.index, names, value_start, value_end)
            (lead if role == "lead" else coord).extend(
                Assignment(n.code, Role.LEAD if role == "lead" else Role.COORDINATING, Via.FIELD, span, self._name(n))
                for n in names)
            coord.extend(Assignment(n.code, Role.COORDINATING, Via.FIELD, span, self._name(n)) for n in partners)
        return _unique(lead), _unique(coord)

    def _under_output_label(self, node: Node) -> bool:
        """The item stands under a label of what a task yields, costs or takes, with no value of
        its own (fields product, budget, period: "(3) Kết quả:", "- Sản phẩm:", "+ Kinh phí:"):
        it is one of those values, no duty, unless it gives a body work of its own."""
        label = node.parent
        if label is None or label.para is None:
            return False
        found = field_of(self.doc, self.cues, label.para)
        return found is not None and found[0] in _OUTPUT_FIELDS \
            and not self.doc.work[found[1]:label.para.end].strip(" .:*")

    def _groups_after(self, node: Node) -> list[Node]:
        """The field groups that follow a label of a task's content among its siblings, up to the
        next such label ("(1) Nội dung thực hiện:" over the duties, then "(2) Tổ chức thực hiện:"
        over "- Đơn vị thực hiện: …"): their fields are those of the duties under the label."""
        if node.parent is None or not self._content_label(node):
            return []
        siblings = node.parent.children
        at = next(i for i, sibling in enumerate(siblings) if sibling is node)
        groups = []
        for sibling in siblings[at + 1:]:
            if self._content_label(sibling):
                break
            if self._field_group(sibling):
                groups.append(sibling)
        return groups

    def _content_label(self, node: Node) -> bool:
        """The node labels a task's content and holds it below ("(1) Nội dung thực hiện:")."""
        if node.para is None or not node.children:
            return False
        found = field_of(self.doc, self.cues, node.para)
        return found is not None and found[0] == "content" and not self.doc.work[found[1]:node.para.end].strip(" .:*")

    def _field_group(self, node: Node) -> bool:
        """The node only labels the fields under it, in a task's block ("(1) Nội dung thực hiện:
        …", "(2) Tổ chức thực hiện:" over "- Đơn vị thực hiện: …", "- Đơn vị phối hợp: …", "-
        Thời gian thực hiện: …"): a label of a few words closed by a colon over field lines
        alone, one of them naming bodies. The fields are those of the content before it (see
        :meth:`_groups_after`), the label is no duty."""
        if node.para is None or not node.children:
            return False
        lines = [c for c in node.children if not c.continues]
        if not lines or any(c.field is None for c in lines) or all(c.field not in ("lead", "coordinate")
                                                                    for c in lines):
            return False
        label = self._body(node).strip(" *")
        return label.endswith(":") and len(label.split()) <= _LABEL_WORDS

    def _inline_fields(self, node: Node):
        """(role, value start, value end, span) of the fields written inside a task's own paragraph
        ("… Cơ quan chủ trì: …; Thời gian hoàn thành: Quý III/2025.")."""
        if node.para is None or node.field:
            return
        start, end = node.para.body_start, node.para.end
        folded = self.doc.folded
        if ":" not in folded[start:end]:
            return  # every label ends with a colon
        labels = []
        for role in FIELD_ROLES:
            for match in self.cues[f"field:{role}"].finditer(folded, start, end):
                colon = re.match(r"\s*:", folded[match.end():match.end() + 3])
                if colon and match.start() > start and len(match.group().split()) >= 2:
                    labels.append((match.start(), match.end() + colon.end(), role))
        labels.sort()
        if labels and (opening := folded.rfind("(", start, labels[0][0])) >= 0 \
                and ")" not in folded[opening:labels[0][0]]:
            end = _bracket_end(folded, opening, end)  # "… (Cơ quan chủ trì: …; thời gian: cả năm).": the fields end
            # with their bracket
        for i, (label_start, value_start, role) in enumerate(labels):
            value_end = labels[i + 1][0] if i + 1 < len(labels) else end
            yield role, value_start, value_end, Span(label_start, value_end)

    def _own_roles(self, node: Node) -> Found:
        if id(node) not in self._roles_cache:
            self._roles_cache[id(node)] = sentence_roles(self.index, node.para.body_start, self._end(node))
        return self._roles_cache[id(node)]

    def _leadin_roles(self, node: Node) -> Found:
        """The roles a paragraph gives the items under it: those of the sentence that closes with
        its colon when that sentence names a body ("Ngày 20/10, đồng chí …, Chủ tịch UBND tỉnh chủ
        trì cuộc họp … . Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:" gives its
        items no lead: the chair speaks), else the whole paragraph's ("Giao Sở Tài chính chủ
        trì … . Cụ thể:"), and the whole paragraph's too when it opens with its addressees ("Kính
        gửi: Bộ trưởng Bộ Xây dựng. Về …, Phó Thủ tướng … có ý kiến như sau:": they do the work).
        Where neither names a lead, the bodies whose duties the closing sentence says the items
        are (:meth:`_duties_listed`)."""
        if id(node) not in self._leadin_cache:
            self._leadin_cache[id(node)] = self._read_leadin_roles(node)
        return self._leadin_cache[id(node)]

    def _read_leadin_roles(self, node: Node) -> Found:
        start, end = node.para.body_start, self._end(node)
        if self.cues["addressee"].at(self.doc.folded, start, end):
            return self._own_roles(node)
        colon = closing_colon(self.doc.folded, start, end)
        last = None if colon is None else next(reversed(list(_SENTENCE_BREAK.finditer(self.doc.work, start, colon))),
                                                None)
        clause = -1 if colon is None else self.doc.folded.rfind(";", start if last is None else last.end(), colon)
        if clause >= 0 and self.index.within(clause + 1, colon) and not self.index.list_before(clause, start)[0] \
                and self.cues["clause-adverbial"].at(self.doc.folded, self.index.skip(clause + 1, colon), colon) \
                and (closing := sentence_roles(self.index, clause + 1, end)).lead:
            if not closing.coordinating:
                closing.coordinating = [(c, s) for c, s in self._own_roles(node).coordinating
                                        if c not in {code for code, _ in closing.lead}]
            return closing  # "Các bộ … phối hợp với Bộ Khoa học và Công nghệ …; trong đó, Bộ Nội vụ, Bộ Y tế thực
            # hiện các nhiệm vụ cụ thể sau:": the clause that closes with the colon, opened by an adverbial, names
            # who does the items, and they work with the partners the whole lead-in names (not a list of bodies
            # parted by ";": "phối hợp với các bộ, ngành; các sở …:")
        if last is None or not self.index.within(last.end(), colon):
            found = self._own_roles(node)
        else:
            found = sentence_roles(self.index, last.end(), end)
        if colon is not None and not found.lead:
            found = self._duties_listed(start if last is None else last.end(), colon) or found
        return found

    def _duties_listed(self, start: int, colon: int) -> Found | None:
        """The bodies whose duties a lead-in's closing sentence says its items are, inside the
        sentence ("Điều 9 quy định trách nhiệm của Sở Giáo dục và Đào tạo trong quản lý dạy
        thêm như sau:", cue set role:duties-of): they lead the items. Not where the sentence
        hands those duties to others ("phân cấp nhiệm vụ, quyền hạn của Thủ tướng …:", cue set
        duties-moved), says how they are set rather than listing them ("… của HĐND và UBND theo
        hướng:": no list-tail or consists-of words before the colon), or names bodies in
        general ("nhiệm vụ của các bộ, ngành, địa phương"), whose items name their own."""
        folded = self.doc.folded
        closes = self.cues["list-tail"].ending_at(folded, colon, start) is not None \
            or self.cues["consists-of"].ending_at(folded, colon, start) is not None
        for cue in self.cues["role:duties-of"].finditer(folded, start, colon):
            codes, list_end = self.index.list_after(cue.end(), colon)
            if not codes:
                continue
            if self.cues["duties-moved"].search(folded, max(start, cue.start() - 24), cue.start()) is not None \
                    or folded[list_end:colon].strip(" *") and not closes \
                    or any(c == UNSPECIFIED or (a := self.index.registry.agencies.get(c)) is not None
                            and a.kind == "Collective" for c in codes):
                return None
            return Found(lead=[(c, Span(cue.start(), list_end)) for c in codes], explicit=True)
        return None

    def _heading(self, node: Node) -> list[Name] | None:
        """The agencies an agency heading names (None if the node is not one, nor if it
        stands among topic headings: see :meth:`_among_topics`)."""
        names = self._heading_names(node)
        return None if names is not None and self._among_topics(node) else names

    def _among_topics(self, node: Node) -> bool:
        """A heading among sibling headings that name topics, not bodies ("8. Nhân lực số",
        "9. Doanh nghiệp số", "10. Cải cách thủ tục hành chính"): the name in it is its topic.
        Fewer than a third of three or more sibling headings name any body, and no role words
        ("Trách nhiệm của", "Đề nghị") open it."""
        if id(node) not in self._topics:
            self._topics[id(node)] = self._read_among_topics(node)
        return self._topics[id(node)]

    def _read_among_topics(self, node: Node) -> bool:
        if node.parent is None or node.para is None or node.type_key[0] == "article" or self.cues["role:heading"].at(
                self.doc.folded, node.para.body_start, node.para.end):
            return False  # ("Điều 2. Sở Giáo dục và Đào tạo" among "Điều 3. Tổ chức thực hiện": the body's article)
        if closing_colon(self.doc.folded, node.para.body_start, node.para.end) is not None \
                and self.index.share(node.para.body_start, node.para.end) >= _NAME_ONLY:
            return False  # "4. Các bộ, cơ quan trung ương, địa phương:": names alone, whose the items are
        run = self._numbering_run(node)
        siblings = [c for c in run.headings if c is not node]
        if len(siblings) < 3:
            return False
        if run.naming is None:  # read once per run, in the order of its items
            run.naming = {id(c) for c in run.headings if self._names_body(c)}
        return 3 * sum(1 for c in siblings if id(c) in run.naming) < len(siblings)

    def _numbering_run(self, node: Node) -> _Run:
        """The run of items of the node's kind under its parent that it belongs to: a list
        that restarts at "1." is another list. Worked out once per parent and kind."""
        key = (id(node.parent), node.type_key)
        if key not in self._runs:
            runs: list[list[Node]] = [[]]
            for child in node.parent.children:
                if child.para is not None and child.type_key == node.type_key:
                    if runs[-1] and child.para.marker.split(".")[-1] in ("1", "a", "I"):
                        runs.append([])
                    runs[-1].append(child)
            self._runs[key] = {id(c): run for items in runs
                               for run in [_Run([c for c in items if c.heading_like])] for c in items}
        return self._runs[key].get(id(node), _Run())

    def _names_body(self, node: Node) -> bool:
        """The heading names a body: one in the registry, or one outside it that the heading
        is all about ("3. Ban Chỉ huy Quân sự xã", "4. Trạm Y tế xã")."""
        return bool(self.index.codes_in(node.para.body_start, node.para.end)) or any(
            unregistered_name(n.code) is not None for n in self._heading_names(node) or ())

    def _heading_names(self, node: Node) -> list[Name] | None:
        if id(node) not in self._headings:
            names = None
            structural = node.type_key[0] in ("attachment", "enacting", "signature") or (
                node.type_key[0] == "caps" and node.effective_kind != "organization")  # "ỦY BAN NHÂN DÂN" issuer lines
            if node.para is not None and (node.heading_like or node.type_key[0] == "article") and not node.field \
                    and not structural:
                end = node.para.end
                if node.type_key[0] == "article" and not node.heading_like:
                    end = node.para.body_start  # "Điều 7. Trách nhiệm của Sở …" is heading-like
                names = heading_agencies(self.index, node.para.body_start, end) if end > node.para.body_start else None
                if names is None and node.items and self._among_bodies(node):
                    names = self._described_body(node.para.body_start, end)
                if not names and self.cues["duties-of"].at(self.doc.folded, node.para.body_start, end):
                    names = self._duties_subject() or names  # "Điều 2. Nhiệm vụ và quyền hạn" of the body in the title
                if names is not None:
                    self._unresolved(names, node.para)
            self._headings[id(node)] = names
        return self._headings[id(node)]

    def _among_bodies(self, node: Node) -> bool:
        """Two or more of the heading's sibling headings of its kind, and half of them at least,
        name bodies alone ("1. Sở Xây dựng", "2. Sở Khoa học và Công nghệ", …): a list of whose
        the items under each are."""
        if node.parent is None:
            return False
        headings = [c for c in node.parent.children if c.type_key == node.type_key and c.heading_like
                    and c.para is not None]
        key = (id(node.parent), node.type_key)
        if key not in self._naming:  # (read once per parent and kind)
            self._naming[key] = {id(c) for c in headings if heading_agencies(self.index, c.para.body_start, c.para.end)}
        naming = len(self._naming[key] - {id(node)})
        return naming >= 2 and 2 * naming >= len(headings) - (node in headings)

    def _described_body(self, start: int, end: int) -> list[Name] | None:
        """The bodies a heading among headings of bodies opens with, when the rest of it only says
        which of them it means ("7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao
        thông … trên địa bàn Tỉnh"): no role word; None otherwise. (Words of work there are
        nouns of a field, "lĩnh vực xây dựng", or say what the items below do.)"""
        folded = self.doc.folded
        stop = before_note(folded, start, end)
        if (prefix := self.cues["role:heading"].at(folded, start, stop)) is not None:
            start = prefix.end()  # ("11. Đề nghị các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa")
        pos = self.index.skip(start, stop)
        if self.index.mention_at(pos) is None:
            return None
        codes, list_end = self.index.list_after(pos, stop)
        if not codes or stop - list_end > _DESCRIPTION_CHARS or self.index.may_name(list_end, stop) and any(
                self.cues[name].search(folded, list_end, stop)
                for name in ("role:lead", "role:coordinate", "role:responsible")):
            return None
        return self.index.names(start, list_end)

    def _duties_subject(self) -> list[Name]:
        """The body whose functions, duties and powers the document sets out, as its title names
        it ("Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp"); none if
        the document names no such body. A legal basis that names another's ("Căn cứ Thông tư …
        hướng dẫn chức năng, nhiệm vụ, quyền hạn của cơ quan chuyên môn …") is not the title."""
        if self._subject is None:
            self._subject = []
            folded = self.doc.folded
            for cue in self.cues["duties-of"].finditer(folded):
                if any(start <= cue.start() < end for start, end in self._bases):
                    continue
                owner = _OWNER.match(folded, cue.end())
                if owner is not None:
                    names = self.index.names(owner.end(), min(len(folded), owner.end() + 80))
                    if names and names[0].start == self.index.skip(owner.end(), names[0].start):
                        self._subject = names[:1]
                        break
        return self._subject

    def _unregistered_subject(self, node: Node) -> list[tuple[str, Span]]:
        """Bodies outside the registry that open the paragraph as its subject, or open it
        after the topic the paragraph names first ("3. Về đầu tư kho dầu: Tập đoàn … khẩn
        trương làm việc với …", as a notice of conclusions writes each point)."""
        start, end = node.para.body_start, self._end(node)
        names = self.index.unregistered_subjects(start, end)
        if not names and (topic := self._topic_end(start, end)) is not None:
            names = self.index.unregistered_subjects(topic, end)
        return [(name.code, Span(name.start, name.end)) for name in names]

    def _topic_end(self, start: int, end: int) -> int | None:
        """Where the topic that opens a paragraph ends, past its colon ("Về đầu tư kho dầu:",
        "Đối với dự án …:"): words of cue set topic-opener, then a colon before any stop."""
        folded = self.doc.folded
        pos = start + len(folded[start:end]) - len(folded[start:end].lstrip(" *"))
        if self.cues["topic-opener"].at(folded, pos, end) is None:
            return None
        colon = folded.find(":", pos, min(end, pos + _TOPIC_CHARS))
        return colon + 1 if colon > 0 and not re.search(r"[.;]\s", folded[pos:colon]) else None

    def _opens_with_bodies_in_general(self, node: Node) -> bool:
        """The paragraph's subject is bodies in general ("Các cơ quan, tổ chức, đơn vị có đơn vị
        trực thuộc giao …"), a body outside the registry ("Hội đồng Dân tộc, các Ủy ban của
        Quốc hội … giám sát …") or one whose act it reports or whose words it quotes ("Thủ tướng
        khẳng định …", "Bộ Xây dựng đã …"), or it says a lead's role of its own: its own
        subject, not the agency of the paragraph before."""
        end = node.para.end
        pos = self.index.skip(node.para.body_start, end)
        mention = self.index.mention_at(pos)
        if mention is not None:
            if UNSPECIFIED in self.index.codes_of(mention):
                return True
            codes, list_end = self.index.list_after(pos, end)
            return bool(codes) and reported_act(self.index, list_end, end)
        return self.index.in_general(pos, end) or self.index.proper_name_at(pos, end) \
            or self._own_roles(node).lead_cue and self._opens_with_a_noun(node)
        # ("Cơ quan Kiểm lâm chủ trì …": a role of its own, its subject unread; "Chủ trì, phối hợp …",
        # "Đồng thời, chỉ đạo … chịu trách nhiệm …" go on with the agency before)

    def _opens_with_a_noun(self, node: Node) -> bool:
        """The paragraph opens, past an adverbial ("Đồng thời, …"), with neither a verb of work nor
        a role's words: with its subject."""
        folded = self._folded(node)
        adverbial = self.cues["clause-adverbial"].at(folded, 0)
        pos = folded.find(",", adverbial.end()) + 1 if adverbial and "," in folded[adverbial.end():][:40] else 0
        pos += len(folded[pos:]) - len(folded[pos:].lstrip(" *"))
        return not any(self.cues[name].at(folded, pos) for name in ("duty-verb", "role:lead", "role:responsible",
                                                                     "role:director", "role:coordinate"))

    def _under_agency_heading(self, node: Node) -> bool:
        return any(self._heading(a) is not None for a in node.ancestors() if a.para is not None)

    # ------------------------------------------------------------------ cross-references and records

    def _cross_references(self, readings: list[_Reading]) -> None:
        by_path: dict[str, list[_Reading]] = {}
        for reading in readings:
            by_path.setdefault(reading.node.path, []).append(reading)
        for reading in readings:
            node = reading.node
            if not reading.lead:
                continue
            for paths, span in cross_references(self.index, node.para.body_start, self._end(node)):
                for path in paths:
                    for target_path, targets in by_path.items():
                        local = _ARTICLE_PREFIX.sub("", target_path)  # ("Điều 1.III.1.a": a plan approved in Điều 1)
                        if path not in (target_path, local) and not target_path.startswith(path + ".") \
                                and not local.startswith(path + "."):
                            continue
                        for target in targets:
                            if target is reading or node in target.node.ancestors():
                                continue
                            target.lead += [Assignment(a.code, Role.LEAD, Via.XREF, span, a.name)
                                            for a in reading.lead if a.via != Via.XREF
                                            and a.code not in [b.code for b in target.lead]]

    def _subject_sentences(self, node: Node) -> list[_Reading]:
        """Readings of the sentences or ";"-clauses of a paragraph or item (no items under it)
        that each give work to a body of their own (a news item: "Theo Kế hoạch, UBND cấp tỉnh
        lập hồ sơ đề án … Trước ngày 30/5/2025, Bộ Nội vụ thẩm định …"; "2. Assign Department
        of … In course of implementation, … provincial departments … shall report …"); none
        where fewer than two do, as a paragraph with one actor is one task. A sentence without
        an actor goes with the one before."""
        para = node.para
        if para.in_cell or node.heading_like \
                or any(not c.continues for c in node.children):
            return []
        end = self._end(node)
        if len(self.index.within(para.body_start, end)) < 2:
            return []  # (one body named at most: one actor)
        folded = self.doc.folded
        work = self.doc.work
        clauses = {m.end(): m.start() for m in _CLAUSE_BREAK.finditer(work, para.body_start, end)}  # start → ";"
        starts = sorted({para.body_start, *clauses, *(m.end() for m in _SENTENCE_BREAK.finditer(
            work, para.body_start, end) if work[m.end()].isupper())})
        if len(starts) < 2:
            return []
        spans = list(zip(starts, starts[1:] + [end], strict=True))
        naming = [bool(self.index.within(s, e)) for s, e in spans]
        if naming.count(True) < 2:
            return []  # (the cheap test first: fewer than two sentences name a registered body)
        difficulty, closing = self.cues["difficulty"], self.cues["boiler:closing"]
        owners = [named and self._acts(s, e) and not (s in clauses and self._list_goes_on(para.body_start, clauses[s]))
                  and not (difficulty.search(folded, s, e) and not self._states_role(s, e))
                  and not closing.search(folded, s, e)  # ("… Bộ Nội vụ trân trọng cảm ơn …": the letter's close)
                  for (s, e), named in zip(spans, naming, strict=True)]  # ("nếu có khó khăn, … báo cáo …" goes with it)
        if owners.count(True) < 2:
            return []
        self._conditions_go_on(spans, owners)
        if owners.count(True) < 2:
            return []
        chunks = [s for s, owner in zip(starts, owners, strict=True) if owner]
        chunks[0] = para.start  # (the marker stays with the first)
        out = []
        for start, stop in zip(chunks, chunks[1:] + [end], strict=True):
            while stop > start and folded[stop - 1] in " \n":
                stop -= 1
            said = sentence_roles(self.index, max(start, para.body_start), stop)  # (read after the marker)
            reading = _Reading(node, span=Span(start, stop))
            reading.lead = _assigned(said.lead, Role.LEAD, Via.TEXT)
            if self._difficulty_clause(start, stop) and (compiler := self._compiler(start, stop)):
                # "Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan … phản ánh về Sở Khoa học
                # và Công nghệ để tổng hợp": who compiles leads, as in an item of its own
                reading.lead = [Assignment(c, Role.LEAD, Via.TEXT, span) for c, span in compiler]
            reading.coordinating = _assigned([c for c in said.coordinating if c[0] not in said.lead_codes],
                                             Role.COORDINATING, Via.TEXT)
            out.append(reading)
        return out

    def _conditions_go_on(self, spans: list[tuple[int, int]], owners: list[bool]) -> None:
        """A sentence that opens with a condition or a time (cue sets clause-condition,
        clause-subordinate) and names the same actors as the owner before it goes on with that
        owner's task ("Sở Nông nghiệp và Môi trường có trách nhiệm hướng dẫn … . Trường hợp …
        được sửa đổi thì Sở Nông nghiệp và Môi trường tham mưu điều chỉnh …": one duty and when
        it changes); a new assignment to the same body ("Đồng thời, giao Công an tỉnh …") does not."""
        folded, lower = self.doc.folded, self.index.lower
        before: set[str] | None = None
        for i, (start, end) in enumerate(spans):
            if not owners[i]:
                continue
            actors = set(sentence_roles(self.index, start, end).lead_codes)
            at = self.index.skip(start, end)
            if before is not None and actors == before and (
                    self.cues["clause-condition"].at(folded, at, end) is not None
                    or self.cues["clause-subordinate"].exact.match(lower, at, end) is not None):
                owners[i] = False
                continue
            before = actors

    def _states_role(self, start: int, end: int) -> bool:
        """The span says with a role word who does it ("… provincial departments shall report")."""
        found = sentence_roles(self.index, start, end)
        return found.explicit or found.lead_cue

    def _list_goes_on(self, start: int, pos: int) -> bool:
        """The words before a ";" end on a body's name, or on its role in brackets, so the list
        of names goes on after it ("phối hợp các sở, ban, ngành; Ủy ban nhân dân các huyện …
        triển khai …", "Đơn vị thực hiện: Sở Văn hóa, Thể thao và Du lịch (chủ trì); Báo … (phối
        hợp)")."""
        role = self.cues.compose(r"\(\s*(?:{0}|{1})\s*\)\s*$", "role:lead", "role:coordinate").search(
            self.doc.folded, start, pos)
        return bool(self.index.list_before(role.start() if role else pos, start)[0])

    def _acts(self, start: int, end: int) -> bool:
        """The clause opens with a body that does something of its own ("Bộ Nội vụ thẩm định …"),
        not with a list of names ("Sở A; Sở B; …") or with partners ("…; các sở phối hợp …"),
        or it gives a body work in so many words ("Giao Sở …", "… các sở có trách nhiệm …") without
        opening on a verb of the subject before ("…; kịp thời rà soát, đề nghị Sở Tư pháp cấp …")."""
        subject = subject_names(self.index, start, end)
        if not subject:  # "Assign the Department of … to …", "…, provincial departments … shall report …"
            if self.cues["role:coordinate"].at(self.doc.folded, start, end):
                return False  # "…; phối hợp với các bộ, ngành … và giao các trường …": the subject before goes on
            said = sentence_roles(self.index, start, end)
            return said.explicit and bool(said.lead) \
                and not goes_on_with_verb(self.index, start, min(span.start for _, span in said.lead))
        after = subject[0][1].end
        return len(self.doc.folded[after:end].split()) >= 3 \
            and not self.cues["role:coordinate"].at(self.doc.folded, after, end)

    def _task(self, reading: _Reading) -> Task:
        node = reading.node
        end = self._end(node)
        first = node.children[0] if node.children else None
        if first is not None and (first.field == "content" or self._numbered_field(first) == "content"):
            end = max(end, first.para.end)  # "4.2. Nguồn nhân lực" + "a) Nhiệm vụ: Lựa chọn …": the duty's words
        period = self._field_value(node, "period")
        if reading.span is not None:
            span = reading.span
            return Task(text=squash(self.doc.work[span.start:span.end]), section=node.path or None, span=span,
                        assignments=tuple(_unique(reading.lead) + _unique(reading.coordinating)), period=period)
        return Task(text=squash(self.doc.work[node.para.start:end]), section=node.path or None,
                    span=Span(node.para.start, end),
                    assignments=tuple(_unique(reading.lead) + _unique(reading.coordinating)),
                    period=period)

    def _numbered_field(self, node: Node) -> str | None:
        """The role of a numbered line that is a field of the item above it ("c) Thời gian hoàn
        thành: Quý IV/2025" beside "a) Cơ quan chủ trì: …"), which is no item of its own."""
        if node.para is None or node.para.marker_kind not in ("arabic", "letter"):
            return None
        found = field_of(self.doc, self.cues, node.para)
        if found is None or not self.doc.work[found[1]:node.para.end].strip(" .:*"):
            return None  # "a) Nhiệm vụ:" over a list: a lead-in, its items are the duties
        return found[0] if found[0] != "lead" and found[0] != "coordinate" \
            and any(c.field for c in (node.parent.children if node.parent else ())) else None

    def _field_value(self, node: Node, role: str) -> str | None:
        """The value of the node's field ``role``: a field line under it, else one inside its paragraph."""
        for child in node.children:
            if child.field == role or self._numbered_field(child) == role:
                found = field_of(self.doc, self.cues, child.para)
                start = found[1] if found else child.para.body_start
                value = squash(self.doc.work[start:child.para.end]).strip(" .;")
                return value or None
        for found_role, start, end, _ in self._inline_fields(node):
            if found_role == role:
                return squash(self.doc.work[start:end]).strip(" .;") or None
        return None

    def _check(self, node: Node, reading: _Reading, heading, text: Found, span: Span) -> None:
        """Diagnostics: a duty in an assignment section without a lead; two readers naming different leads."""
        if not reading.lead and node.effective_kind in ("organization",):
            self.diagnostics.append(Diagnostic("warning", "task-without-lead",
                                               "a task of an implementation section names no lead agency", span))
        if heading is not None and text.explicit and text.lead:
            heading_codes = {n.code for n in heading}
            said = {c for c, _ in text.lead}
            issuer = self.index.issuer or frozenset()
            if not heading_codes & issuer:
                said -= issuer  # (under another body's heading, the issuer after "Đề nghị" is whom that body
                # proposes to: "c) Đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định thu hồi …", Sở Tư pháp's duty)
            if heading_codes and said and not heading_codes & said \
                    and not _narrows(said, heading_codes, self.index.registry) \
                    and not all(_same_name(c, h) for c in said for h in heading_codes):
                # (not a department of the heading's "các sở", nor the heading's body named again)
                self.diagnostics.append(Diagnostic(
                    "warning", "lead-conflict", "the heading names " + ", ".join(sorted(heading_codes))
                    + " but the task's words name " + ", ".join(sorted(said)), span))

    def _unresolved(self, names: list[Name], para) -> None:
        for name in names:
            if unregistered_name(name.code) is not None:
                self.diagnostics.append(Diagnostic("info", "agency-not-in-registry",
                                                   f"agency not in the registry: {unregistered_name(name.code)}",
                                                   Span(name.start, name.end)))

    def _name(self, name: Name) -> str:
        return squash(self.doc.work[name.start:name.end])

    def _end(self, node: Node) -> int:
        """Where a node's words end: its last continuation paragraph, if any."""
        end = node.para.end
        for child in node.children:
            if child.continues:
                end = max(end, child.para.end)
        return end

    def _body(self, node: Node) -> str:
        return squash(self.doc.work[node.para.body_start:self._end(node)])

    def _note_of(self, node: Node) -> str | None:
        """The label of the note whose list holds the item (its folded words), or None: a label
        that ends in a colon (cue set note: "Ghi chú:", "Chú thích:", "Lưu ý:") over the item, or
        before it, standing alone or holding the first item on its line ("Ghi chú: - Vị trí …" |
        "- Căn cứ …"), with only items like it between."""
        parent = node.parent
        if parent is None or node.para.marker_kind == "none":
            return None
        if parent.para is not None and self._note_rest(parent) is not None:
            return self._folded(parent)
        if id(parent) not in self._notes:
            self._notes[id(parent)] = self._note_lists(parent)
        return self._notes[id(parent)].get(id(node))

    def _note_lists(self, parent: Node) -> dict[int, str]:
        """The items among ``parent``'s children that follow a note's label of their own marker
        (see :meth:`_note_of`), each with the label's folded words: one pass over the children."""
        out: dict[int, str] = {}
        label = wanted = None  # the open note's label; the marker kind, then the type, of its items
        for child in parent.children:
            if label is not None and child.para is not None and child.para.marker_kind != "none" \
                    and (wanted is None or wanted in (child.para.marker_kind, child.type_key)):
                wanted = child.type_key
                out[id(child)] = label
                continue
            label = wanted = None
            rest = self._note_rest(child) if child.para is not None and not child.children else None
            if rest is not None:  # (a label with items of its own in the outline has its list)
                label = self._folded(child)
                wanted = detect_marker(rest, 0, len(rest), self.cues)[0] if rest else None
        return out

    def _note_rest(self, node: Node) -> str | None:
        """What follows a note's label (ending in a colon) that opens the node, or None."""
        folded = self._folded(node)
        label = self.cues["note"].at(folded, 0)
        return folded[label.end():].strip(" *") if label is not None and label.group().endswith(":") else None

    def _folded(self, node: Node) -> str:
        if id(node) not in self._folded_cache:
            self._folded_cache[id(node)] = " ".join(self.doc.folded[node.para.body_start:self._end(node)].split())
        return self._folded_cache[id(node)]


def _words_back(text: str, pos: int, floor: int, words: int) -> int:
    """Where the ``words`` words before ``pos`` start (not before ``floor``)."""
    starts = [m.start() for m in re.finditer(r"\S+", text[floor:pos])]
    return floor + starts[-words] if len(starts) >= words else floor


def closing_colon(folded: str, start: int, end: int) -> int | None:
    """Where the colon that closes a lead-in stands (spaces, line breaks and emphasis after it
    left out), or None if the span does not end with one."""
    while end > start and folded[end - 1] in " \n*":
        end -= 1
    return end - 1 if end > start and folded[end - 1] == ":" else None


def _cites_a_document(text: str, folded: str, registry) -> bool:  # noqa: ANN001 - a Registry
    """The item opens with a document's kind and number ("Quyết định số 68/2024/QĐ-UBND …"):
    it names a document, as the items of a list of repealed or replaced ones do."""
    if not folded.lstrip(" *(\"“").startswith(tuple(registry.doc_type_words)):
        return False  # the usual case, without looking for a number
    head = text[:120].lstrip(" *(\"“")
    first = next(iter(find_numbers(head, registry)), None)
    before = " ".join(fold(head[:first[0].start()]).split()).strip(" .:,") if first else None
    if before is None:
        return False
    if any(before in (word, f"{word} so") for word in registry.doc_type_words):
        return True
    # "Luật Địa chất và khoáng sản số 54/2024/QH15 ngày …": a law named by its title, then its number
    kind = max((w for w in registry.doc_type_words if before.startswith(w + " ")), key=len, default=None)
    words = head.split()
    numbered = before.endswith(" so") or fold(first[0].group()).startswith("so")
    return kind is not None and registry.doc_type_words[kind] in _TITLED_KINDS and numbered \
        and len(before.split()) <= _TITLE_WORDS and words[len(kind.split())][:1].isupper()


def _adds_things(cues: Cues, folded: str, edit: re.Match[str]) -> bool:
    """The word of amending at the start is one that also means adding things (cue set
    edit-adding: "Bổ sung số lượng máy móc …" adds machines, it edits no text)."""
    adding = cues["edit-adding"].at(folded, 0)
    return adding is not None and adding.end() == edit.end()


_TITLED_KINDS = {"law", "ordinance"}
"""Kinds of document cited by their title before their number ("Luật Đất đai số 31/2024/QH15")."""
_TITLE_WORDS = 16


def _narrows(subject: set[str], heading: set[str], registry) -> bool:  # noqa: ANN001 - a Registry
    """Whether a task's own subject picks some of the agencies its heading names: each of
    them named there, or, under a heading that names a collective ("các sở, ngành", "các
    bộ, ngành"), one body of its own (a department, a tax office, the press, the Fatherland
    Front: the heading gathers them, the item says which); and fewer than all of them."""
    collective = any(c in registry.agencies and registry.agencies[c].kind == "Collective" for c in heading)

    def within(code: str) -> bool:
        agency = registry.agencies.get(code)
        return code in heading or collective and (unregistered_name(code) is not None or agency is not None
                                                  and agency.kind not in ("Collective", "PeoplesCommittee",
                                                                          "Unspecified"))

    return subject != heading and all(within(code) for code in subject)


def _same_name(code: str, other: str) -> bool:
    """Two names outside the registry for one body: the same but for case ("Viện kiểm sát nhân
    dân tối cao"), or one the other without its place ("Trung tâm Chuyển đổi số" of "Trung tâm
    Chuyển đổi số Thành phố")."""
    name, other_name = unregistered_name(code), unregistered_name(other)
    if name is None or other_name is None:
        return False
    name, other_name = name.casefold(), other_name.casefold()
    return name.startswith(other_name) or other_name.startswith(name)


def _assigned(found: list[tuple[str, Span]], role: Role, via: Via) -> list[Assignment]:
    return [Assignment(code, role, via, span) for code, span in found]


def _via(assignment: Assignment, via: Via) -> Assignment:
    return Assignment(assignment.code, assignment.role, via, assignment.span, assignment.name)


def _bracket_end(text: str, opening: int, end: int) -> int:
    """Where the bracket opened at ``opening`` closes (brackets inside it counted), else ``end``."""
    depth = 0
    for pos in range(opening, end):
        if text[pos] == "(":
            depth += 1
        elif text[pos] == ")":
            depth -= 1
            if not depth:
                return pos
    return end


_ADVERBIAL_WORDS = 6
"""Words of an adverbial before a paragraph's subject ("Trước ngày 10/4/2025,", "Trong quý IV năm 2025,")."""


def _took_over(reading: _Reading, prev: _Reading | None) -> bool:
    """The paragraph's lead is only its lead-in's ("… chủ trì … ban hành:" over it), and the
    paragraph before it, under the same lead-in, named another lead in its own words."""
    return prev is not None and bool(reading.lead) and all(a.via == Via.ROLE_HEADING for a in reading.lead) \
        and any(a.via == Via.TEXT for a in prev.lead) \
        and {a.code for a in prev.lead}.isdisjoint(a.code for a in reading.lead)


def _inherit(assignment: Assignment) -> Assignment:
    return _via(assignment, Via.INHERITED)


def _listed_value(field: Node, value: str) -> bool:
    """A field label with no value of its own whose items under it are its value ("- Cơ quan
    thực hiện:" | "+ Sở Văn hóa và Thể thao chủ trì, …" | "+ Sở Xây dựng đăng tải …")."""
    return not value.strip(" *:.\n") and bool(field.children) \
        and all(c.para is not None and not c.field for c in field.children)


def _unique(assignments: list[Assignment]) -> list[Assignment]:
    seen: dict[tuple[str, Role], Assignment] = {}
    for a in assignments:
        seen.setdefault((a.code, a.role), a)
    return list(seen.values())


def _in_attribute(node: Node) -> bool:
    """The item stands in the value of an attribute field ("- Thành phần:", "Điểm quan trắc: …
    như sau:"), at any depth below it."""
    parent = node.parent
    while parent is not None and parent.para is not None and not parent.field:
        parent = parent.parent
    return parent is not None and parent.field == "attribute"


def _first_article(node: Node) -> bool:
    """The node is the first article right under the enacting words ("QUYẾT ĐỊNH:" → Điều 1)."""
    parent = node.parent
    if parent is None or parent.type_key != ("enacting",):
        return False
    articles = [c for c in parent.children if c.type_key[0] == "article"]
    return bool(articles) and articles[0] is node
