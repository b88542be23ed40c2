"""Outline → tasks: which items are duties, and who leads and coordinates each.

A task is a leaf item (a bullet, a lettered point, a numbered item without sub-items,
or a plain paragraph under a heading) in a section about tasks, solutions,
organisation or funding, or in a plan without headings. Lead agencies come, in this
order, from the item's own assignment lines ("Đơn vị thực hiện: ..."), from the item's
words ("Giao Sở X ...", "Sở X chủ trì ...", "X shall ..."), or from the agency heading
it is listed under ("1. Department of Industry and Trade"). Coordinating agencies come
from "Đơn vị phối hợp: ..." lines and "phối hợp với ..." / "coordinate with ..." phrases.
"""

from __future__ import annotations

import re

from plankg.loaders.agencies import AgencyIndex, unique_codes
from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.objectives import looks_like_objective
from plankg.loaders.outline import Node
from plankg.loaders.records import Span, Task

_NOT_TASK_KINDS = {"purpose", "objectives", "signature", "appendix"}
_TASK_SECTION_KINDS = {"tasks", "organization", "funding", None}
_CLOSING = re.compile(r"^(?:tren day la|above is|noi nhan|recipients)\b")
_FUNDING_WORDS = re.compile(r"kinh phi|ngan sach|du toan|nguon von|\bfunds?\b|budget|\bcost\b|capital")
_MIN_WORDS = 4


def outline_tasks(doc: NormalizedText, index: AgencyIndex, root: Node, body: set[int],
                  own_number: str | None) -> list[Task]:
    """Tasks from the outline's items.

    Args:
        doc: the normalised document.
        index: agency mentions of the document.
        root: the outline.
        body: ids of the nodes that are in the body (not title or preamble).
        own_number: the document's own number; an item naming it describes the document.
    """
    tasks = []
    heading_leads: dict[int, list[str]] = {}
    for node in root.walk():
        if id(node) not in body or not _is_task(doc, node, own_number):
            continue
        para = node.para
        lead, coordinating = _assigned(index, node)
        said_lead, said_coord = index.roles_in(para.body_start, para.end)
        lead = lead or said_lead or _heading_lead(index, node, heading_leads)
        coordinating = unique_codes(coordinating + said_coord)
        tasks.append(Task(
            text=squash(doc.text[para.start:para.end]),
            section=node.path or None,
            span=Span(para.start, para.end),
            lead=tuple(lead),
            coordinating=tuple(coordinating),
        ))
    return tasks


def _is_task(doc: NormalizedText, node: Node, own_number: str | None) -> bool:
    if node.para is None or node.role or node.type_key[0] in ("caps", "signature", "leadin"):
        return False
    if any(not child.role for child in node.children):
        return False  # a heading over items: the items are the tasks
    kind = node.effective_kind
    if kind in _NOT_TASK_KINDS or kind not in _TASK_SECTION_KINDS:
        return False
    body = " ".join(doc.folded[node.para.body_start:node.para.end].split())
    text = " ".join(doc.text[node.para.body_start:node.para.end].split())
    if len(body.split()) < _MIN_WORDS or _CLOSING.match(body) or re.fullmatch(r"\(.*\)\.?", body):
        return False
    if own_number and own_number.lower() in text.lower():
        return False  # "... vừa ký ban hành Kế hoạch số 174/KH-UBND ...": about the plan itself
    parent = node.parent
    if parent is not None and parent.kind == "funding" and _FUNDING_WORDS.search(body):
        return False  # a funding source ("Ngân sách địa phương: ..."), not a duty
    return not (kind is None and looks_like_objective(text))


def _assigned(index: AgencyIndex, node: Node) -> tuple[list[str], list[str]]:
    """Codes from the item's "Đơn vị thực hiện / phối hợp:" lines."""
    lead: list[str] = []
    coordinating: list[str] = []
    for child in node.children:
        colon = index.doc.work.find(":", child.para.body_start, child.para.end)
        codes, _ = index.parse_cell(colon + 1, child.para.end)
        (lead if child.role == "lead" else coordinating).extend(codes)
    return unique_codes(lead), unique_codes(coordinating)


def _heading_lead(index: AgencyIndex, node: Node, seen: dict[int, list[str]]) -> list[str]:
    """Lead codes of the nearest agency heading above the item ("2. Sở Tài chính")."""
    for ancestor in node.ancestors():
        para = ancestor.para
        if not ancestor.heading_like or para is None:
            continue
        if id(ancestor) not in seen:
            lead, _ = index.roles_in(para.body_start, para.end)
            share = index.parse_cell(para.body_start, para.end)[1] if lead else 0.0
            seen[id(ancestor)] = lead if share >= 0.5 else []
        if seen[id(ancestor)]:
            return seen[id(ancestor)]
    return []
