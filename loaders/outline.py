"""Layout → an outline: parts, chapters, articles and items nested, with section kinds.

Nesting has two layers. The upper levels have a fixed order — an attached document
(part) > chapter > section (Mục) > the enacting words ("QUYẾT ĐỊNH:") > article >
Roman-numbered or capital-lettered heading — and a heading of one of these closes
every open heading of its rank or below. Under them, items nest by the markers a
document actually uses, in the order it first uses them ("a)" under "1." in one plan,
"-" under "a)" in another): an item whose marker kind is already open becomes its
sibling, a new kind nests deeper.

A plain paragraph belongs to the nearest open heading, or continues the item just
before it when that item is a sentence and the paragraph opens no heading. A line
that is a labelled field ("- Cơ quan chủ trì: …", "Thời gian thực hiện: …") annotates
the item it follows. Each heading gets a kind from its words (cue sets
``section:*``); a node without one inherits its parent's. Blocks repeated in a
copied page (the same header and preamble twice) are dropped here, once.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from plankg.loaders.cues import FIELD_ROLES, Cues
from plankg.loaders.layout import FILL_IN, Layout, Para, Table
from plankg.loaders.normalize import NormalizedText, before_note
from plankg.loaders.official import is_caps_line
from plankg.loaders.registry import load_registry

# Rank of the fixed upper levels; items (arabic, letter, dash, plus) nest by first use.
_RANK = {"attachment": -1, "part": 0, "signature": 0.5, "chapter": 1, "section": 2, "enacting": 3, "article": 4,
         "roman": 5, "capital": 6}
_HEADING_CHARS = 160


@dataclass(eq=False)
class Node:
    """One outline node: a part, heading, item, plain paragraph or table (or the root)."""

    para: Para | None = None
    table: Table | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    type_key: tuple = ()
    label: str = ""
    number: int | None = None
    kind: str | None = None
    heading_like: bool = False
    field: str | None = None
    """The field this line fills ("lead", "period", …) for a labelled line."""
    continues: bool = False
    """A plain paragraph that goes on with the item before it."""
    title: Para | None = None
    """The title paragraph of a part or chapter ("QUY CHẾ …", "NHỮNG QUY ĐỊNH CHUNG"), or
    the rest of a heading in capitals wrapped onto a line of its own ("V. TỔ CHỨC" / "THỰC HIỆN")."""
    quotes: bool = False
    """The paragraph is part of a provision another document sets, quoted (see ``_quotations``):
    its own mark, not inherited as a kind, since what follows the quotation in the outline
    is the document speaking again."""

    @property
    def path(self) -> str:
        labels = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            if node.label:
                labels.append(node.label)
            node = node.parent
        return ".".join(reversed(labels))

    @property
    def effective_kind(self) -> str | None:
        node: Node | None = self
        while node is not None:
            if node.kind:
                return node.kind
            node = node.parent
        return None

    @property
    def items(self) -> list[Node]:
        """Children that are items or paragraphs of their own (not fields or continuations)."""
        return [c for c in self.children if not c.field and not c.continues]

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order (a stack, not nested
        generators: a deep outline costs no more per node than a flat one)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None and (node.para is not None or node.table is not None):
            yield node
            node = node.parent


def field_of(doc: NormalizedText, cues: Cues, para: Para) -> tuple[str, int] | None:
    """(field role, offset of its value) when the paragraph opens with a field label.

    The label is followed by a colon ("Cơ quan chủ trì: …"); a short plain line may
    give the time without one ("Thời gian thực hiện sau khi … ban hành."), by a label
    of three words or more ("Thời gian qua, …" opens a sentence).
    """
    if not cues.any_field.at(doc.folded, para.body_start, para.end):
        return None  # one scan for every label before asking which
    for role in FIELD_ROLES:
        match = cues[f"field:{role}"].at(doc.folded, para.body_start, para.end)
        if match is None:
            continue
        rest = doc.work[match.end():match.end() + 4]
        colon = re.match(r"\s*:", rest)
        if colon:
            return role, match.end() + colon.end()
        if role == "attribute" and (qualified := _QUALIFIED_LABEL.match(doc.work, match.end(), para.end)) \
                and all(word[0].islower() for word in qualified.group().rstrip(" \t:").split()) \
                and not cues.compose(r"\s+(?:{0}|{1})", "consists-of", "list-tail").search(
                    doc.folded, match.end(), qualified.end()):
            return role, qualified.end()  # "- Địa điểm quan trắc: …", "- Số lượng căn hộ chung cư: 610 căn."
            # (not "Đối tượng áp dụng gồm:", "… như sau:": a list of what it names follows)
        if role == "period" and para.marker_kind == "none" and para.end - para.start < 200 \
                and len(match.group().split()) >= 3:
            return role, match.end()
    return None


_QUALIFIED_LABEL = re.compile(r"(?:[ \t]+[^\W\d_]+){1,4}[ \t]*:")
"""Up to four words in lower case that qualify an attribute's label before its colon ("Địa
điểm" | "quan trắc:", "Quy mô" | "lao động dự báo:"): the label is still the attribute's."""

_TITLE_BLOCKS = 3
"""Blocks from an attached document's first line that may hold its title and "(Kèm theo …)"."""


def build_outline(doc: NormalizedText, cues: Cues, layout: Layout) -> Node:
    """Nest a layout's blocks into an outline rooted at a node without a paragraph."""
    root = Node(type_key=("root",))
    stack: list[Node] = [root]
    blocks = drop_repeats(doc, cues, layout.blocks)
    starts = _part_starts(doc, cues, blocks)
    last_item: Node | None = None
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            node = Node(table=block, type_key=("table",))
            _attach(_heading_parent(stack), node)
            last_item = None
            continue
        node = _node(doc, cues, block, i in starts)
        if node.type_key == ("attachment",):
            if any(isinstance(b, Para) and FILL_IN.search(doc.work, b.start, b.end)
                   for b in blocks[i:i + _TITLE_BLOCKS]):
                node.kind = "technical"  # "BÁO CÁO" / "Tình hình … trên địa bàn ……": a form to fill in
            del stack[1:]
            _attach(root, node)
            stack.append(node)
            last_item = None
            continue
        top = stack[-1]
        if top.type_key[0] in ("attachment", "part", "chapter", "section") and top.title is None \
                and not top.children and not node.field and node.type_key[0] in ("caps", "none") \
                and _is_title(doc, block):
            top.title = block  # "QUY CHẾ" / "Chương II" then "TRÁCH NHIỆM PHỐI HỢP …"
            if FILL_IN.search(doc.work, block.start, block.end):
                top.kind = "technical"  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH (THÀNH PHỐ)……….": a form to fill in
            elif top.kind == "appendix":
                top.kind = _appendix_kind(cues, _folded(doc, block))
            else:
                top.kind = top.kind or cues.section_kind(_folded(doc, block))
            continue
        if node.type_key == ("caps",) and _bullets_follow(blocks, i) and _in_named_section(stack) \
                and _opens_with_body(doc, cues, block):
            node.type_key = ("leadin",)  # "III. TỔ CHỨC THỰC HIỆN" … "SỞ Y TẾ" | "- …": a heading over the
            # bullets inside the section (as "**Sở Y tế**" is), not its title wrapped nor a section after it
        if top.type_key[0] in ("roman", "capital") and top.title is None and not top.children \
                and node.type_key == ("caps",) and is_caps_line(doc.work[top.para.body_start:top.para.end]):
            top.title = block  # "V. TỔ CHỨC" / "THỰC HIỆN": a heading in capitals, wrapped
            top.kind = cues.section_kind(f"{_folded(doc, top.para)} {_folded(doc, block)}") or top.kind
            continue
        if node.field:
            owner = _field_owner(stack, block.marker_kind)
            if block.marker_kind == "none" and (_closes_list(doc, owner, blocks[i + 1] if i + 1 < len(blocks) else None)
                                                or _closes_group(owner)):
                owner = owner.parent  # "1. … chủ trì thực hiện các nội dung sau:" + "- …" items + "Cơ quan phối hợp: …"
            elif owner.para is not None and owner.para.marker_kind == block.marker_kind and _closes_group(owner):
                owner = owner.parent  # "5. …" + "- …" + "- …" + "- Cơ quan thực hiện: …": the items' heading's field
            _attach(owner, node)
            if _open_field(doc, block):
                del stack[stack.index(owner) + 1:]
                stack.append(node)
            continue
        rank = _RANK.get(node.type_key[0])
        if rank is not None:
            while len(stack) > 1 and (_RANK.get(stack[-1].type_key[0], 99) >= rank):
                stack.pop()
            _attach(stack[-1], node)
            stack.append(node)
            last_item = None
            continue
        if node.type_key[0] == "caps":
            while len(stack) > 1 and _RANK.get(stack[-1].type_key[0], 99) >= _RANK["roman"]:
                stack.pop()
            _attach(stack[-1], node)
            stack.append(node)
            last_item = None
            continue
        if node.type_key == ("none",) and node.heading_like and _bullets_follow(blocks, i):
            node.type_key = ("leadin",)  # "**Sở Y tế**" | "- Tổ chức …": a heading over the bullets, as with a colon
        if node.type_key[0] in ("none", "leadin"):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if last_item is not None and node.type_key[0] == "none" \
                    and _continues(doc, cues, last_item, block, following):
                node.continues = True
                _attach(last_item, node)
                continue
            if last_item is None and node.type_key[0] == "none" and _label_value(doc, stack[-1], block, following):
                node.continues = True
                _attach(stack[-1], node)
                continue
            parent = _heading_parent(stack) if not (node.kind == "organization" and _markdown_heading(doc, block)) \
                else next(n for n in reversed(stack) if n.para is None or n.type_key == ("attachment",))
            # ("## Tổ chức thực hiện …": a page's heading over who does what ends the lists before it)
            if node.type_key[0] == "leadin" and stack[-1].type_key == ("leadin",):
                stack.pop()
                parent = _heading_parent(stack)
            del stack[stack.index(parent) + 1:]
            _attach(parent, node)
            last_item = None  # a paragraph of its own ends what the item above could go on with
            if node.type_key[0] == "leadin":
                stack.append(node)
            continue
        same = _pop_to_type(stack, node.type_key)
        if same is not None and same.number is not None and node.number is not None \
                and node.number <= same.number and stack[-1].type_key[:1] == ("leadin",):
            stack.pop()  # numbering restarted: the lead-in's list is over
        _attach(stack[-1], node)
        stack.append(node)
        last_item = None if node.heading_like else node
    _field_groups(doc, cues, root)
    _implicit_sections(doc, cues, root)
    _procedure_names(root)
    _topics_of_situation(root)
    _duties_after_situation(doc, cues, root)
    _quotations(doc, cues, root)
    return root


def mark_quoted_provisions(doc: NormalizedText, cues: Cues, root: Node,
                           cites_itself: Callable[[int, int], bool], body_at: Callable[[int, int], bool]) -> None:
    """A lead-in that cites a provision and introduces its words ("Tại khoản 2 Điều 5 Nghị định
    số 103/2024/NĐ-CP quy định:", "Căn cứ tại Điều 84 Luật Đất đai 2024 quy định như sau:", cue
    sets provision-cited and provision-intro): what it introduces is the provision quoted, as a
    page that answers a question quotes the law, not duties of the document: its items, and
    paragraphs that open with a quotation mark, are of kind ``quoted``. A lead-in that cites
    the document itself (``cites_itself`` over its span: a news item on Hướng dẫn 43-HD/BTCTW
    quoting "tiểu mục 7.12 Mục 7 Hướng dẫn 43-HD/BTCTW") introduces the document's own words;
    hence this runs once the header has read the record's number. ``body_at(pos, end)`` tells
    whether a body opens a clause of the document's own at ``pos`` (see
    :func:`_introduces_provision`)."""
    folded = doc.folded
    for node in root.walk():
        if node.para is None:
            continue
        end = node.para.end
        while end > node.para.body_start and folded[end - 1] in " \n*":
            end -= 1
        if end <= node.para.body_start or folded[end - 1] != ":":
            continue
        cited = cues["provision-cited"].at(folded, node.para.body_start, end)
        if cited is not None and _introduces_provision(doc, cues, cited.end(), end - 1, body_at) \
                and not cites_itself(node.para.body_start, end):
            for item in _ranked_items_after(node):
                item.kind = "quoted"  # "… quy định như sau:" | "(1) …", "(2) …": numbered items rank
                # above a paragraph, so the provision's items follow the lead-in instead of nesting in it
            for child in node.children:  # (a plain paragraph after them is the document speaking again:
                # "Đề nghị Thuế thành phố Huế đối chiếu …", unless it opens with a quotation mark)
                if child.para is not None and (child.para.marker_kind != "none" or _QUOTE_OPENS.match(
                        doc.work, child.para.body_start, child.para.end)):
                    child.kind = "quoted"


_FIRST_MARKERS = {"1", "a", "i", "I", "A"}
"""The markers a numbered list opens with ("1.", "1.1.", "(1)", "a)", "(i)", "I.", "A.")."""


def _ranked_items_after(node: Node) -> list[Node]:
    """The numbered list that opens right after a childless paragraph but outranks it in
    the outline ("… quy định như sau:" | "(1) …", "(2) …": an item of that type closes the
    paragraph and any item it sat under): from the next node, numbered 1, as far as its
    siblings of the same type run."""
    if node.para.marker_kind != "none" or node.children:
        return []
    after: list[Node] = []
    while node.parent is not None and not after:
        siblings = node.parent.children
        after = siblings[siblings.index(node) + 1:]
        node = node.parent
    if not after or after[0].para is None or after[0].para.marker_kind == "none" or after[0].field \
            or after[0].para.marker.split(".")[-1] not in _FIRST_MARKERS:
        return []
    run = []
    for sibling in after:
        if sibling.type_key != after[0].type_key or sibling.field:
            break
        run.append(sibling)
    return run


def _introduces_provision(doc: NormalizedText, cues: Cues, start: int, colon: int,
                          body_at: Callable[[int, int], bool]) -> bool:
    """The lead-in after its citation (``start``) says that the provision's words follow, at
    its colon ("… quy định như sau:") or before the words that say a list follows ("Theo Điều 3
    Nghị định 293/2025/NĐ-CP quy định mức lương tối thiểu … như sau:", "… quy định các hành vi
    bị nghiêm cấm … gồm:", cue sets list-tail and includes-tail) — not where only the citation
    says "quy định" ("Theo quy định tại Nghị định …, Ủy ban nhân dân tỉnh giao … như sau:"), nor
    where a clause of the document's own follows the cited provision ("Căn cứ theo Kế hoạch số
    45/KH-UBND … quy định về nhiệm vụ của các sở, Sở Tài chính xây dựng kế hoạch thực hiện như
    sau:"): those give the document's own work."""
    folded = doc.folded
    if cues["provision-intro"].ending_at(folded, colon, start):
        return True
    stop = colon
    while (tail := cues["list-tail"].ending_at(folded, stop, start)
                   or cues["includes-tail"].ending_at(folded, stop, start)) is not None and tail.start() > start:
        stop = len(folded[:tail.start()].rstrip())
    said = [m.end() for m in cues["provision-intro"].finditer(folded, start, stop)]
    return stop < colon and bool(said) and not any(  # (a comma and a body's name: a clause of its own)
        body_at(m.end(), stop) for m in _COMMA.finditer(folded, said[-1], stop))


_COMMA = re.compile(r",\s*")


def _quotations(doc: NormalizedText, cues: Cues, root: Node) -> None:
    """A provision another document sets, quoted after the lead-in that says so (cue set
    provision-intro at its colon: "Căn cứ khoản 2 Điều 49 Luật Quản lý thuế …, quy định:"),
    runs from the paragraph that opens with "“" to the one that closes it ("”"), across
    whatever headings and items it quotes ("“Điều 49. …" | "2. Cơ quan quản lý thuế ấn định
    …”"): every paragraph of it ``quotes``. (The new words an amendment writes,
    "… được sửa đổi, bổ sung như sau: “…”", are the document's own.) Without its closing
    mark within reach, only the opening paragraph is."""
    work, folded = doc.work, doc.folded
    nodes = [n for n in root.walk() if n.para is not None]
    i = 1
    while i < len(nodes):
        para, before = nodes[i].para, nodes[i - 1].para
        colon = before.start + len(work[before.start:before.end].rstrip(" *\n"))
        if not _QUOTE_OPENS.match(work, para.start, para.end) or not work.startswith(":", colon - 1) \
                or not cues["provision-intro"].ending_at(folded, colon - 1, before.start) \
                or any(cues[name].search(folded, before.start, colon) for name in _CHANGES):
            i += 1
            continue
        close, at_end = _closing(work, nodes, i)
        for node in nodes[i:close + (1 if at_end else 0)]:
            node.quotes = True
        i = close + 1


def _closing(work: str, nodes: list[Node], i: int) -> tuple[int, bool]:
    """(index of the paragraph whose mark closes the quotation opened at ``nodes[i]``, whether
    the paragraph ends there): curly marks counted in pairs ("khái niệm “đầu tư”" inside it
    closes nothing), a straight one at the next mark; the opening paragraph alone when no mark
    closes it within reach."""
    curly = work[nodes[i].para.start:nodes[i].para.end].lstrip(" \t\n*").startswith("“")
    depth = 0
    for j in range(i, min(len(nodes), i + _QUOTED_PARAS)):
        para = nodes[j].para
        for mark in _QUOTE_MARKS.finditer(work, para.start, para.end):
            if j == i and depth == 0:
                depth = 1  # the opening mark, the paragraph's first
                continue
            depth += 1 if curly and mark.group() == "“" else -1
            if depth == 0:
                return j, not work[mark.end():para.end].strip(" \t\n*.,;")
    return i, True


_QUOTED_PARAS = 40
_CHANGES = ("relation:amends", "relation:replaces")
_QUOTE_MARKS = re.compile(r"[“”\"]")
_MEASURED_TOPICS = frozenset({"funding", "objectives"})
_QUOTE_OPENS = re.compile(r"[\s*]*[“\"]")


def _topics_of_situation(root: Node) -> None:
    """Inside a section on the situation, a heading that names what was measured ("2. Tình
    hình thực hiện dự toán ngân sách" / "2.1. Thu ngân sách nhà nước", "Kết quả thực hiện các
    chỉ tiêu") reports on that topic: it stays a part of the situation, not a section of
    the budget or of targets (its figures are results, its lines no duties)."""
    for node in root.walk():
        if node.kind in _MEASURED_TOPICS and node.parent is not None \
                and node.parent.effective_kind == "situation":
            node.kind = None


def _duties_after_situation(doc: NormalizedText, cues: Cues, root: Node) -> None:
    """A lead-in inside a section on the situation that introduces duties ("Để tiếp tục …,
    thành phố cần tập trung thực hiện tốt một số nhiệm vụ, giải pháp sau đây:", cue set
    duties-intro, near its closing colon) opens a section of tasks: its items are duties."""
    for node in root.walk():
        if node.type_key != ("leadin",) or node.kind is not None or node.parent is None \
                or node.parent.effective_kind != "situation":
            continue
        if cues["duties-intro"].introduces(doc.folded, node.para.start, node.para.end):
            node.kind = "tasks"


def _procedure_names(root: Node) -> None:
    """Under a part that describes administrative procedures, a procedure's name that uses
    the word of a section of tasks ("1. Thủ tục xét tài trợ nhiệm vụ khoa học") is the
    procedure's heading: its steps are no more tasks than the part's other lines."""
    for node in root.walk():
        if node.kind == "tasks" and node.parent is not None and node.parent.effective_kind == "procedure":
            node.kind = None


def _field_groups(doc: NormalizedText, cues: Cues, root: Node) -> None:
    """A numbered field label with no value whose lines are all fields ("b) Cơ quan thực
    hiện:" + "- Đơn vị chủ trì: …" + "- Đơn vị phối hợp: …") is a field of the item it
    stands under, as its lines are: not an item of its own (a role heading over duties,
    "a) Chủ trì:" + "- …", keeps its items)."""
    for node in list(root.walk()):
        if node.para is None or node.parent is None or node.field or not node.children \
                or node.para.marker_kind not in ("letter", "arabic") \
                or not all(c.field in ("lead", "coordinate") for c in node.children):
            continue
        found = field_of(doc, cues, node.para)
        if found is None or doc.work[found[1]:node.para.end].strip(" .:*"):
            continue
        parent = node.parent
        node.field, node.type_key = found[0], ("field",)
        at = parent.children.index(node) + 1
        parent.children[at:at] = node.children
        for child in node.children:
            child.parent = parent
        node.children = []


def _implicit_sections(doc: NormalizedText, cues: Cues, root: Node) -> None:
    """A plain paragraph that opens with a section's name ("Mục đích của Kế hoạch nhằm …", in
    a news item with no headings) is of that kind, and so are the plain paragraphs after it
    that open by going on with it ("Đồng thời, …")."""
    for node in list(root.walk()):
        kind = None
        for child in node.children:
            if child.heading_like or child.type_key[0] != "none":
                kind = None
                continue
            folded = doc.folded[child.para.body_start:child.para.end].lstrip(" *")
            opening = cues.section_kind(" ".join(folded.split()[:2]))
            if opening in ("purpose", "objectives"):
                kind = opening
            elif not cues["connective"].at(folded, 0):
                kind = None
            child.kind = child.kind or kind


# ---------------------------------------------------------------------------- nodes

def _node(doc: NormalizedText, cues: Cues, para: Para, part_start: bool) -> Node:
    body = " ".join(doc.work[para.body_start:para.end].split())
    folded = " ".join(doc.folded[para.body_start:para.end].split())
    node = Node(para=para)
    found = field_of(doc, cues, para) if para.marker_kind in ("dash", "plus", "none", "letter", "arabic") else None
    numbered = para.marker_kind in ("letter", "arabic")
    if found and numbered and not doc.work[found[1]:para.end].strip():
        found = None  # "a) Chủ trì:" over a list: a role heading, an item of its own
    if found and not (numbered and found[0] not in ("lead", "coordinate")):
        node.field = found[0]
        node.type_key = ("field",)
        return node
    if para.marker_kind == "dash" and folded.count(";") >= 2 and cues["archive-note"].search(folded):
        node.kind = "signature"  # "- Ban Bí thư …; - Thủ tướng …; … - Lưu: VT, TCCV (2).": who receives it
    if part_start:
        node.type_key = ("attachment",)
        node.heading_like = True
        opening = cues["section:appendix"].at(folded, 0)
        node.kind = _appendix_kind(cues, folded[opening.end():], opening.group()) if opening \
            else cues.section_kind(folded)
        return node
    if para.marker_kind == "none":
        if cues["section:signature"].at(folded, len(folded) - len(folded.lstrip("| "))):
            # ("| Nơi nhận: … | TM. ỦY BAN NHÂN DÂN … |": the signature block's layout table as a markdown row)
            node.type_key, node.kind, node.heading_like = ("signature",), "signature", True
        elif cues["enacting"].at(folded, 0) and len(body) < 40 or _enacted_by(cues, body, folded):
            node.type_key, node.kind, node.heading_like = ("enacting",), "decision", True
        elif is_caps_line(body) and len(body) >= 3:
            node.type_key, node.heading_like = ("caps",), True
            node.kind = "technical" if FILL_IN.search(body) else cues.section_kind(folded)  # (a form's heading:
            # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH (THÀNH PHỐ)……….", what follows is to fill in)
            opening = cues["section:appendix"].at(folded, 0) if node.kind == "appendix" else None
            if opening:  # "PHỤ LỤC" and its title in one paragraph
                node.kind = _appendix_kind(cues, folded[opening.end():], opening.group())
        elif body.endswith(":"):
            node.type_key, node.heading_like = ("leadin",), True
            node.kind = (cues.opening_section_kind(folded) if para.emphasized or len(body) < 60 else None) \
                or cues.reported_section_kind(folded)  # ("Kế hoạch … nêu rõ yêu cầu … như sau:": a news item's)
            if node.kind is None and cues["funding-noun"].at(folded, 0):
                node.kind = "funding"  # "Kinh phí thực hiện … được huy động từ các nguồn, cụ thể:"
        else:
            node.type_key = ("none",)
            node.heading_like = _plain_heading(doc, para, body) or _markdown_heading(doc, para)
            if node.heading_like:  # ("## Việc tổ chức thực hiện … như thế nào?": a page's heading, a question too)
                node.kind = cues.section_kind(folded)
        return node
    kind = para.marker_kind
    depth = para.marker.count(".") + 1 if kind == "arabic" else int(
        kind == "paren" and para.marker.isalpha() or kind == "letter" and para.marker[-1].isdigit())
    # ("(i)" items nest under "(1)" ones, "b1)" under "b)", as "1.1." under "1.")
    node.type_key = (kind, depth) if kind not in _RANK else (kind,)
    if kind == "article":
        node.label = f"Điều {para.marker}"
    elif kind in ("roman", "capital", "arabic", "slash", "paren", "letter", "label"):
        node.label = para.marker.replace("l", "I") if kind == "roman" else para.marker
    if kind == "arabic":
        node.number = int(para.marker.split(".")[-1])
    node.heading_like = _item_heading(doc, para, body)
    if node.heading_like and kind not in _MINOR:
        # "a) … hoạt động dán nhãn" names a task, not a section; "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết
        # Phụ lục đính kèm)" names the section before its note, no appendix
        heading = folded[:before_note(folded, 0, len(folded))]
        node.kind = cues.section_kind(heading)
        if node.kind == "tasks" and len(body) > _HEADING_CHARS and cues.opening_section_kind(heading) is None:
            node.kind = None  # an item as long as a sentence, unclosed ("1. Quy chế này áp dụng đối với … tham
            # gia vào hoạt động …, bao gồm"), names no tasks by a word in its middle
        if node.kind == "appendix" and not cues["section:appendix"].at(folded, 0):
            node.kind = None  # "2. Các chung cư … quy định tại Phụ lục này …" cites an appendix
    elif node.heading_like and (body.endswith(":") or para.emphasized) \
            and (section := cues.opening_section_kind(folded, words=0)) in _DESCRIBING:
        node.kind = section  # "(1) Mục tiêu đến hết năm 2026:", "a) Phạm vi:" open with their section's name
    elif not found and (colon := folded.find(":")) > 0 and len(folded[:colon].split()) <= _LABEL_WORDS \
            and (section := cues.opening_section_kind(folded[:colon], words=0)) in _DESCRIBING:
        node.kind = section  # "1. Mục tiêu: đến năm 2030, có 50 điểm …", "3. Mục tiêu đầu tư: …": a description
        # labelled with its section's name, the words after the label on the same line (not a task's field,
        # "c) Thời gian thực hiện: Hoàn thành trong năm 2025.")
    return node


_MINOR = {"letter", "paren", "dash", "plus"}
_LABEL_WORDS = 4
"""At most this many words in a label before its colon ("Mục tiêu đầu tư:")."""
_DESCRIBING = {"purpose", "objectives", "scope", "situation"}
"""Sections that describe the document's ends and reach, which an item with a minor marker may
head ("a) Mục tiêu:"); a minor item named for work ("(2) Tổ chức thực hiện:") stays an item."""


def _enacted_by(cues: Cues, body: str, folded: str) -> bool:
    """The enacting words after the enacting body's name in capitals, on one line
    ("THỦ TƯỚNG CHÍNH PHỦ điện:", "BỘ XÂY DỰNG điện:"): the body is the issuer speaking,
    no heading that gives what follows to it."""
    if len(body) > 80 or not body.endswith(":"):
        return False
    found = cues["enacting"].ending_at(folded, len(folded))
    return found is not None and found.start() > 0 and is_caps_line(body[:found.start()])


def _item_heading(doc: NormalizedText, para: Para, body: str) -> bool:
    """An item that reads as a heading: no closing stop, or bold/italic, or in capitals."""
    if not body:
        return True
    closed = re.search(r"[.;]\W*$", body) is not None
    if is_caps_line(body) or para.emphasized and (len(body) <= _HEADING_CHARS or not closed):
        return True  # (a long sentence in bold that closes is stressed, no heading: "- Bộ trưởng Bộ Tài chính … .")
    return not closed and len(body) <= _HEADING_CHARS * 2


def _plain_heading(doc: NormalizedText, para: Para, body: str) -> bool:
    """A plain paragraph that reads as a heading (a news sub-headline, an italic label)."""
    if para.in_cell:
        return False
    if para.emphasized and len(body) <= _HEADING_CHARS:
        return True
    return len(body) <= _HEADING_CHARS and not re.search(r"[.;:!?…)\"”]\W*$", body) and len(body.split()) >= 3


def _is_title(doc: NormalizedText, para: Para) -> bool:
    body = doc.work[para.body_start:para.end].strip()
    return is_caps_line(body) or para.emphasized


def _open_field(doc: NormalizedText, para: Para) -> bool:
    """A field whose value is the list after it ("- Thời gian thực hiện:" + "+" items)."""
    return doc.work[para.body_start:para.end].rstrip().endswith(":")


_MARKDOWN_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+$")


def _markdown_heading(doc: NormalizedText, para: Para) -> bool:
    """The paragraph's line opens with a markdown heading's marks ("## …"; the work view blanks them)."""
    line_start = doc.text.rfind("\n", 0, para.start) + 1
    return bool(_MARKDOWN_HEADING.match(doc.text, line_start, para.start))


def _continues(doc: NormalizedText, cues: Cues, item: Node, para: Para, following) -> bool:  # noqa: ANN001
    """A plain paragraph that goes on with the sentence-item just before it (``following``
    is the block after it)."""
    body = " ".join(doc.work[para.body_start:para.end].split())
    folded = " ".join(doc.folded[para.body_start:para.end].split())
    if para.emphasized or is_caps_line(body) or body.endswith(":") or body.startswith("(") \
            or para.in_cell != item.para.in_cell or _markdown_heading(doc, para):
        return False  # ("## Trách nhiệm của …": a crawled page's heading, a line of its own)
    if cues["boiler:closing"].search(folded) or cues["section:signature"].at(folded, 0):
        return False
    if item.para is None:
        return False
    if doc.work[item.para.start:item.para.end].rstrip(" *.,;").endswith("”"):
        return False  # "2. … cho người nộp thuế biết.”" | "Căn cứ quy định trên, đề nghị …": the quotation is over
    closed = doc.work[item.para.start:item.para.end].rstrip(" *").endswith(".") \
        and re.search(r"\n[ \t]*\n", doc.work[item.para.end:para.start])  # its sentence ended, a blank line
    resumes = isinstance(following, Para) and following.marker_kind == item.para.marker_kind \
        and cues["duty-verb"].at(folded, 0) is not None
    if closed and (item.para.marker_kind in ("dash", "plus") and body[:1].isupper() and not resumes
                   or cues["role:assign"].at(folded, 0) or cues["this-document"].at(folded, 0)):
        # "- … các nguồn hợp pháp khác." | "" | "Khắc phục môi trường … là nhiệm vụ cấp bách …";
        # "b) … số tiền còn thiếu." | "" | "Đề nghị Thuế tỉnh Lào Cai …": a paragraph of its own, as is one on the
        # whole document ("3. Đề nghị … giám sát …." | "" | "Nghị quyết này đã được … thông qua …"); but
        # one with no subject between two "-" items ("Triển khai hướng dẫn …") is more of the first
        # item's work (a Word list's item of two paragraphs)
        return False
    if doc.work[item.para.start:item.para.end].rstrip(" *").endswith(".") and cues["condition-opener"].at(folded, 0) \
            and cues["difficulty"].search(folded):
        # "2. Các đơn vị … về Sở Công Thương …." | "Trong quá trình thực hiện, nếu có vướng mắc, … phản ánh về
        # Sở Công Thương để tổng hợp": the closing clause of the whole part, not the item's
        return False
    return not item.heading_like


def _label_value(doc: NormalizedText, item: Node, para: Para, following) -> bool:  # noqa: ANN001 - next block
    """A plain paragraph right under a "-" or "+" item that ends on its colon, no blank line
    between, with an item alike after it: a line wrapped at the label's colon ("- Dự án 7
    (Tiểu dự án 2):" | "Nâng cao hiệu quả truyền thông …" | "- Dự án 9: …"), the label's
    value, not an item of its own under it."""
    return item.para is not None and item.para.marker_kind in ("dash", "plus") \
        and doc.work[item.para.start:item.para.end].rstrip(" *").endswith(":") \
        and not re.search(r"\n[ \t]*\n", doc.work[item.para.end:para.start]) \
        and isinstance(following, Para) and following.marker_kind == item.para.marker_kind


def _closes_list(doc: NormalizedText, item: Node, following) -> bool:  # noqa: ANN001 - the next block
    """An unmarked field line after the last "-" / "+" item under a lead-in ("… các nội dung
    sau:") belongs to the lead-in, as the items do: no item of the list follows it."""
    parent = item.parent
    if item.para is None or item.para.marker_kind not in ("dash", "plus") or parent is None or parent.para is None \
            or not doc.work[parent.para.body_start:parent.para.end].rstrip(" *").endswith(":"):
        return False
    return not (isinstance(following, Para) and following.marker_kind == item.para.marker_kind)


def _closes_group(item: Node) -> bool:
    """Field lines after two or more "-" / "+" items that have none of their own, since the
    heading or the last fields above them, are those items' fields: their heading's ("3.
    Nâng cao …" / "- …" / "- …" / "Đơn vị thực hiện: …" / "Đơn vị phối hợp: …"), unmarked or
    with the items' own marker ("- Cơ quan thực hiện: …"). The field lines that follow the
    first go with it."""
    parent = item.parent
    if item.para is None or item.para.marker_kind not in ("dash", "plus") or parent is None or parent.para is None:
        return False
    if parent.children and parent.children[-1].field:
        return True  # (the group's next field line)
    run = 0
    for child in reversed(parent.children):
        if child.field or child.type_key != item.type_key or any(c.field for c in child.children):
            break
        run += 1
    return run >= 2


def _field_owner(stack: list[Node], marker_kind: str) -> Node:
    """The item a field line annotates: the innermost open node that is not a field, unless
    an open list item or field with items of its own has the field's marker ("- Các nội dung …
    bao gồm:" or "- Nội dung:" + "+" items, then "- Cơ quan thực hiện: …"): then the field is
    that item's sibling, and all the items are its."""
    if marker_kind != "none":
        for node in reversed(stack):
            if node.para is not None and node.para.marker_kind == marker_kind \
                    and node.items and node.parent is not None:
                return node.parent
    return next((node for node in reversed(stack) if not node.field), stack[0])


def _part_starts(doc: NormalizedText, cues: Cues, blocks) -> set[int]:
    """Indices of the blocks that open an attached document: a line in capitals naming a
    kind ("KẾ HOẠCH", "QUY CHẾ", "PHỤ LỤC") with "(Ban hành) kèm theo …" right after it."""
    out = set()
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if not isinstance(block, Para) or block.marker_kind not in ("none", "part"):
            continue
        body = doc.work[block.body_start:block.end].strip()
        if not (is_caps_line(body) or block.emphasized) or cues["section:signature"].at(
                doc.folded, block.body_start, block.end):
            continue  # (a signature, "KT. BỘ TRƯỞNG" | "Vũ Mạnh Hà", ends the text: the attached title follows it)
        for j in range(i, min(len(blocks), i + 3)):
            nxt = blocks[j]
            if isinstance(nxt, Para) and nxt.marker_kind == "none" and cues["attachment"].at(
                    doc.folded, _skip_brackets(doc.work, nxt.start, nxt.end), nxt.end):
                # the nearest line naming a kind opens it: "THỦ TƯỚNG" / "Phạm Minh Chính" (a
                # signature without emphasis marks) then "KẾ HOẠCH" / "TRIỂN KHAI …" / "(Kèm theo …)"
                named = [k for k in range(i, j) if isinstance(blocks[k], Para) and _names_a_kind(doc, cues, blocks[k])]
                out.add(named[0] if named and not _names_a_kind(doc, cues, block) else i - 1)
                i = j + 1  # the lines between are the attached document's title
                break
        else:
            opening = cues["section:appendix"].at(doc.folded, block.body_start, block.end) \
                if block.marker_kind == "none" else None
            if opening and i < len(blocks) and (is_caps_line(body) or len(
                    doc.folded[opening.end():block.end].strip(" .:*").split()) <= 1):
                out.add(i - 1)  # ("PHỤ LỤC II", "**Phụ lục 01**"; a line in bold that goes on, "Danh mục các dự án
                # trọng điểm", heads a list inside the text)
    return out


def _appendix_kind(cues: Cues, folded_title: str, opening: str = "") -> str:
    """An appendix's kind from its title and the words that open it: "QUY TRÌNH NỘI BỘ …"
    sets out a procedure, whose steps are not duties, "GIẢI PHÁP KỸ THUẬT …", "MẪU BÁO CÁO
    …" or "Mẫu số 03" technical requirements or a form; any other title keeps it an
    appendix (its tables may list tasks)."""
    if cues.section_kind(folded_title) == "procedure":
        return "procedure"
    technical = cues["appendix:technical"]
    return "technical" if technical.search(opening + folded_title) else "appendix"  # ("DANH MỤC CÁC MẪU …")


def _names_a_kind(doc: NormalizedText, cues: Cues, para: Para) -> bool:
    """A line in capitals that names a kind of document ("KẾ HOẠCH", "QUY CHẾ", "PHỤ LỤC")."""
    body = " ".join(doc.folded[para.body_start:para.end].split()).strip(" *")
    return is_caps_line(doc.work[para.body_start:para.end]) and (
        body in load_registry().doc_type_words or bool(cues["section:appendix"].at(body, 0)))


def _skip_brackets(work: str, start: int, end: int) -> int:
    while start < end and work[start] in " (\n":
        start += 1
    return start


def _folded(doc: NormalizedText, para: Para) -> str:
    return " ".join(doc.folded[para.body_start:para.end].split())


_SEALED_KINDS = {"procedure", "technical"}
"""Kinds whose every part is theirs: a heading inside them that names another kind ("PHẦN
PHỤ LỤC", "CHƯƠNG V: TỔ CHỨC THỰC HIỆN" in the outline of a report or a programme that a
procedure's description sets out) opens no section of tasks."""


def _attach(parent: Node, node: Node) -> None:
    node.parent = parent
    parent.children.append(node)
    if node.kind is not None and node.kind not in _SEALED_KINDS | {"signature"} \
            and parent.effective_kind in _SEALED_KINDS:
        node.kind = None
    elif node.kind == "tasks" and parent.effective_kind == "criteria":
        node.kind = None  # "Điều 6. Tiêu chí xếp loại …" | "1. Hoàn thành xuất sắc nhiệm vụ": a grade, no duties
    if "." in node.label and parent.para is not None and \
            node.label.rsplit(".", 1)[0] == parent.para.marker:
        node.label = node.label.rsplit(".", 1)[1]  # "1.2" under "1." reads III.1.2


def _pop_to_type(stack: list[Node], key: tuple) -> Node | None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].type_key == key:
            popped = stack[i]
            del stack[i:]
            return popped
        if stack[i].type_key[0] in _RANK or stack[i].type_key[0] == "caps":
            break
    return None


def _bullets_follow(blocks: list, i: int) -> bool:
    """The block after the ``i``-th is a bulleted item ("- …", "+ …")."""
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return isinstance(after, Para) and after.marker_kind in ("dash", "plus")


def _in_named_section(stack: list[Node]) -> bool:
    """The innermost numbered section open ("III.", "B.") has a name that says its kind
    ("TỔ CHỨC THỰC HIỆN"): what follows in capitals is inside it, not its title wrapped."""
    section = next((n for n in reversed(stack) if n.type_key[0] in ("roman", "capital")), None)
    return section is not None and section.kind is not None


def _opens_with_body(doc: NormalizedText, cues: Cues, para: Para) -> bool:
    """The paragraph opens with a head noun of a body's name ("SỞ Y TẾ", "CÔNG AN TỈNH"; cue
    sets agency-head and agency-head-proper), as a line in capitals can only show by its words."""
    lower = doc.work[para.body_start:para.end].lstrip(" *").lower()
    return any(cues[name].exact.match(lower) for name in ("agency-head", "agency-head-proper"))


def _heading_parent(stack: list[Node]) -> Node:
    for node in reversed(stack):
        if node.para is None or node.heading_like or node.type_key[0] in _RANK:
            return node
    return stack[0]


def drop_repeats(doc: NormalizedText, cues: Cues, blocks) -> list:
    """Blocks without paragraphs repeated from earlier in the document.

    A run of repeated plain paragraphs (in the same order as their first appearance) is
    dropped whole when it is a block, three paragraphs or 120 characters or more; a
    single repeated paragraph only when it is long. Items legitimately repeat ("a) Nghị
    định …" under two headings) and are kept, and so are labelled fields, which give the
    same partners or time to task after task ("Đơn vị phối hợp thực hiện: Sở Tư pháp; các
    cơ quan, đơn vị, địa phương liên quan."). A plain paragraph whose words stand inside
    another, longer one (a teaser line above an article's body) is dropped too.
    """
    paras = [b for b in blocks if isinstance(b, Para)]
    keys = [" ".join(doc.folded[p.start:p.end].split()) for p in paras]
    kept = {i for i, p in enumerate(paras) if p.marker_kind != "none" or field_of(doc, cues, p) is not None}
    first_seen: dict[str, int] = {}
    repeat_of: dict[int, int] = {}
    for i, key in enumerate(keys):
        if i in kept:
            continue  # an item may repeat another's words in another section ("a) Nghị định …")
        if key in first_seen:
            repeat_of[i] = first_seen[key]
        else:
            first_seen[key] = i
    dropped: set[int] = set()
    i = 0
    while i < len(keys):
        if i not in repeat_of:
            i += 1
            continue
        k = i
        while k + 1 in repeat_of and repeat_of[k + 1] == repeat_of[k] + 1:
            k += 1
        run = range(i, k + 1)
        if len(run) >= 3 or sum(len(keys[r]) for r in run) >= 120:
            dropped.update(run)
        else:
            dropped.update(r for r in run if len(keys[r]) >= 60)
        i = k + 1
    inside_longer = _inside_longer([k for k in keys if len(k) >= 80])
    for i in range(len(paras)):
        if i in dropped or i in kept or len(keys[i]) < 40:
            continue
        if inside_longer(keys[i]):
            dropped.add(i)
    gone = {id(paras[i]) for i in dropped}
    return [b for b in blocks if id(b) not in gone]


def _inside_longer(longer: list[str]):
    """A test: is a text part of one of ``longer`` that is longer than it? One search of
    the texts joined, not one per text: a file of many short lines has thousands."""
    joined = "\x00".join(longer)
    starts = list(itertools.accumulate((len(k) + 1 for k in longer[:-1]), initial=0))

    def test(text: str) -> bool:
        at = joined.find(text)
        while at != -1:
            j = bisect.bisect_right(starts, at) - 1
            if len(longer[j]) > len(text) and at + len(text) <= starts[j] + len(longer[j]):
                return True
            at = joined.find(text, at + 1)
        return False

    return test
