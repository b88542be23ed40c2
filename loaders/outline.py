"""Paragraphs → an outline: nested sections with paths ("III.1.a") and kinds.

Nesting follows the markers a plan actually uses, in the order it first uses them
(a "-" under "a)" in one plan, "a)" under "-" in another): an item whose marker
kind is already open becomes that item's sibling, a new kind nests deeper. Roman
numerals, articles and all-capital headings start a top-level section. A plain
paragraph belongs to the nearest open heading; one that ends in ":" opens a lead-in
whose items follow.

Each section gets a kind from its heading words (objectives, tasks, funding,
organisation, ...); an item without one inherits its parent's. Blocks repeated in a
copied page (the same header and preamble twice) are dropped here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from plankg.loaders.blocks import Para
from plankg.loaders.normalize import NormalizedText

# CASE: section kinds, first match wins (a "Giải pháp về huy động các nguồn tài chính"
# is a task section although it speaks of funds).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("signature", re.compile(r"^(?:noi nhan|recipients|tm\.|kt\.)")),
    ("appendix", re.compile(r"^(?:phu luc|danh muc|appendix|annex)")),
    ("tasks", re.compile(r"nhiem vu|giai phap|\btasks?\b|solutions?")),
    ("organization", re.compile(r"to chuc thuc hien|implementation organi[sz]ation|organi[sz]ation of"
                                r" implementation|phan cong|trach nhiem|che do bao cao|\breport")),
    ("objectives", re.compile(r"muc tieu|chi tieu|objectives?|targets?")),
    ("funding", re.compile(r"kinh phi|nguon von|nguon luc|ngan sach|\bcost\b|funding|budget")),
    ("purpose", re.compile(r"muc dich|yeu cau|quan diem|purpose|requirements?|viewpoints?")),
)
_TOP_LEVEL = {"article", "chapter", "roman"}
_ROLE_LINE = re.compile(
    r"^(?:(?:don vi|co quan|bo phan)\s+(?P<lead>thuc hien|chu tri)|(?:don vi|co quan)\s+(?P<coord>phoi hop)"
    r"|(?P<elead>lead(?:ing)? (?:agency|agencies|unit|units)|in charge)"
    r"|(?P<ecoord>coordinating (?:agency|agencies|unit|units)))\s*:"
)


@dataclass(eq=False)
class Node:
    """One outline node: an item or plain paragraph, or the document root."""

    para: Para | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    type_key: tuple = ()
    label: str = ""
    number: int | None = None
    kind: str | None = None
    heading_like: bool = False
    role: str | None = None
    """"lead" / "coord" for a "Đơn vị thực hiện: ..." line, which annotates its parent."""

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

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None and node.para is not None:
            yield node
            node = node.parent


def classify(folded_heading: str) -> str | None:
    """The section kind a heading's words name, or None."""
    for kind, pattern in _KINDS:
        if pattern.search(folded_heading):
            return kind
    return None


def role_of(folded_text: str) -> str | None:
    """ "lead" / "coord" for an assignment line ("- Đơn vị phối hợp: ...")."""
    match = _ROLE_LINE.match(folded_text)
    if not match:
        return None
    return "lead" if match.group("lead") or match.group("elead") else "coord"


def build_outline(doc: NormalizedText, paras: tuple[Para, ...]) -> Node:
    """Nest paragraphs into an outline rooted at a node without a paragraph."""
    root = Node(para=None)
    stack: list[Node] = [root]
    for para in drop_repeats(doc, paras):
        node = _node(doc, para)
        if node.role:
            _attach(_item_parent(stack), node)
            continue
        if node.type_key[0] in _TOP_LEVEL or node.type_key[0] in ("caps", "signature"):
            del stack[1:]
            _attach(root, node)
            stack.append(node)
        elif node.type_key[0] == "none":
            _attach(_heading_parent(stack), node)
        elif node.type_key[0] == "leadin":
            if stack[-1].type_key == node.type_key:  # lead-ins in a row are siblings
                stack.pop()
            _attach(_heading_parent(stack), node)
            stack.append(node)
        else:
            same = _pop_to_type(stack, node.type_key)
            if same is not None and same.number is not None and node.number is not None \
                    and node.number <= same.number and stack[-1].type_key[:1] == ("leadin",):
                stack.pop()  # numbering restarted: the lead-in's list is over
            _attach(stack[-1], node)
            stack.append(node)
    return root


def _node(doc: NormalizedText, para: Para) -> Node:
    head = doc.work[para.body_start:para.end]
    folded = " ".join(doc.folded[para.start:para.end].split())
    text = " ".join(head.split())
    label = "" if para.marker_kind in ("dash", "plus") else para.marker
    node = Node(para=para, label=label)
    node.role = role_of(" ".join(doc.folded[para.body_start:para.end].split())) \
        if para.marker_kind in ("dash", "plus", "none") else None
    if para.marker_kind == "none":
        if re.match(r"(?:noi nhan|recipients)\b|(?:tm|kt)\.", folded):
            node.type_key, node.kind = ("signature",), "signature"
        elif _is_caps(text):
            node.type_key, node.heading_like = ("caps",), True
            node.kind = classify(folded)
        elif text.endswith(":") and not node.role:
            node.type_key, node.heading_like = ("leadin",), True
            node.kind = classify(folded)
        else:
            node.type_key = ("none",)
        return node
    depth = para.marker.count(".") + 1 if para.marker_kind == "arabic" else 0
    node.type_key = (para.marker_kind, depth)
    if para.marker_kind == "arabic":
        node.number = int(para.marker.split(".")[-1])
    node.heading_like = not re.search(r"[.;]\W*$", text) or text.endswith(":")
    if node.heading_like:
        node.kind = classify(" ".join(doc.folded[para.body_start:para.end].split()))
    return node


def _is_caps(text: str) -> bool:
    """An all-capital heading ("PHỤ LỤC", "KẾ HOẠCH THỰC HIỆN ..."), not a code ("202/KH-UBND")."""
    words = [w.strip(".,:;()\"“”") for w in text.split()]
    alpha = [w for w in words if w.isalpha()]
    upper = [w for w in alpha if w.isupper() and len(w) > 1]
    return len(upper) >= 2 and len(upper) >= 0.8 * len(alpha)


def _attach(parent: Node, node: Node) -> None:
    node.parent = parent
    parent.children.append(node)
    if "." in node.label and parent.para is not None and \
            node.label.rsplit(".", 1)[0] == parent.para.marker:
        node.label = node.label.rsplit(".", 1)[1]  # "1.2" under "1." reads III.1.2


def _pop_to_type(stack: list[Node], key: tuple) -> Node | None:
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].type_key == key:
            popped = stack[i]
            del stack[i:]
            return popped
    return None


def _heading_parent(stack: list[Node]) -> Node:
    for node in reversed(stack):
        if node.para is None or node.heading_like:
            return node
    return stack[0]


def _item_parent(stack: list[Node]) -> Node:
    return stack[-1]


def drop_repeats(doc: NormalizedText, paras: tuple[Para, ...]) -> list[Para]:
    """Paragraphs without blocks repeated from earlier in the document.

    A run of repeated paragraphs (in the same order as their first appearance) is
    dropped whole when it is a block, three paragraphs or 120 characters or more; a
    single repeated paragraph only when it is long. Assignment lines ("- Đơn vị phối
    hợp: ...") legitimately repeat and are kept. A plain paragraph whose words stand
    inside another, longer one (a teaser line above an article's body) is dropped too.
    """
    keys = [" ".join(doc.folded[p.start:p.end].split()) for p in paras]
    first_seen: dict[str, int] = {}
    repeat_of: dict[int, int] = {}
    for i, key in enumerate(keys):
        if role_of(key.lstrip("-+ ")):
            continue
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
    for i, para in enumerate(paras):
        if i in dropped or para.marker_kind != "none" or len(keys[i]) < 40:
            continue
        if any(len(other) > len(keys[i]) and keys[i] in other for other in keys):
            dropped.add(i)
    return [p for i, p in enumerate(paras) if i not in dropped]
