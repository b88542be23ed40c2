"""The extraction pipeline: file or text → :class:`DocumentRecord`.

normalise → segment (paragraphs, tables) → outline → metadata, legal bases and cited
documents, objectives, tasks, agencies. Each step is a function of its own module;
this one only wires them together and splits the document into head and body.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.blocks import segment
from plankg.loaders.budget import stated_budgets
from plankg.loaders.decode import decode_bytes
from plankg.loaders.docrefs import find_docrefs
from plankg.loaders.normalize import normalize, squash
from plankg.loaders.objectives import (
    ObjectiveContext,
    find_objectives,
    heading_year,
    looks_like_objective,
)
from plankg.loaders.outline import Node, build_outline
from plankg.loaders.plan_meta import detect_language, plan_meta
from plankg.loaders.records import BudgetRow, Diagnostic, DocumentRecord, Objective
from plankg.loaders.registry import UNSPECIFIED, load_registry
from plankg.loaders.tables import table_tasks
from plankg.loaders.tasks import outline_tasks

_HEAD_MARKERS = {"roman", "arabic", "article", "chapter", "letter"}


def extract_file(path: str | Path) -> DocumentRecord:
    """Extract the records of one plan file.

    Raises:
        SourceError: the file is empty, binary, or not valid UTF-8/UTF-16.
    """
    path = Path(path)
    return extract_text(decode_bytes(path.read_bytes(), str(path)), path.name)


def extract_text(raw: str, source: str = "<text>") -> DocumentRecord:
    """Extract the records of one plan given as text."""
    registry = load_registry()
    doc = normalize(raw)
    seg = segment(doc)
    root = build_outline(doc, seg.paras)
    index = AgencyIndex(registry, doc)
    nodes = [n for n in root.walk() if n.para is not None]
    head = _head(nodes)
    head_spans = [(n.para.start, n.para.end) for n in head]
    hints = [squash(doc.text[n.para.start:n.para.end]) for n in nodes
             if n.effective_kind == "objectives" and n.children]
    meta = plan_meta(doc, registry, head_spans, hints)
    head_ids = {id(n) for n in head}
    body_nodes = [n for n in nodes if id(n) not in head_ids]
    table_facts = [table_tasks(index, t) for t in seg.tables]
    cell_spans = [(c.start, c.end) for t in seg.tables for row in t.rows for c in row]
    bases, cited = find_docrefs(doc, registry, head_spans,
                                [(n.para.start, n.para.end) for n in body_nodes] + cell_spans,
                                meta.number, meta.period)
    tasks = outline_tasks(doc, index, root, {id(n) for n in body_nodes}, meta.number)
    tasks += [t for facts in table_facts for t in facts.tasks]
    plan_year = meta.period[1] if meta.period else None
    objectives = _objectives(doc, body_nodes, plan_year)
    for facts in table_facts:
        for cell in facts.objective_cells:
            objectives += find_objectives(doc, ObjectiveContext(cell.start, cell.end, None, plan_year))
    budget_rows = _budget_rows(table_facts)
    agencies = sorted({c for m in index.mentions if m.start < seg.end for c in m.codes} - {UNSPECIFIED}
                      | {c for t in tasks for c in (*t.lead, *t.coordinating)})
    return DocumentRecord(
        source=source,
        language=detect_language(doc.text),
        sha256=doc.sha256,
        plan=meta,
        legal_bases=tuple(bases),
        cited_documents=tuple(cited),
        objectives=tuple(objectives),
        tasks=tuple(tasks),
        agencies=tuple(agencies),
        diagnostics=tuple(_diagnostics(tasks, agencies)),
        budget_rows=budget_rows,
        stated_budgets=tuple(stated_budgets(doc, [(n.para.start, n.para.end) for n in body_nodes])),
    )


def _budget_rows(table_facts) -> tuple[BudgetRow, ...]:
    """Budget rows of all tables, parents re-indexed into one document-wide list."""
    out: list[BudgetRow] = []
    for facts in table_facts:
        offset = len(out)
        out += [replace(r, parent=None if r.parent is None else r.parent + offset) for r in facts.budget_rows]
    return tuple(out)


def _head(nodes: list[Node]) -> list[Node]:
    """Title and preamble: the paragraphs before the first numbered item."""
    for i, node in enumerate(nodes):
        if node.para.marker_kind in _HEAD_MARKERS:
            return nodes[:i]
    return nodes[:2]


def _objectives(doc, body_nodes: list[Node], plan_year: int | None) -> list[Objective]:
    out: list[Objective] = []
    for node in body_nodes:
        kind = node.effective_kind
        text = doc.work[node.para.start:node.para.end]
        if kind != "objectives" and not (kind is None and looks_like_objective(text)):
            continue
        headings = [doc.work[a.para.start:a.para.end] for a in node.ancestors()]
        ctx = ObjectiveContext(node.para.body_start, node.para.end, heading_year(headings), plan_year)
        out += find_objectives(doc, ctx)
    return out


def _diagnostics(tasks, agencies) -> list[Diagnostic]:
    out = []
    leaderless = [t for t in tasks if not t.lead]
    if leaderless:
        out.append(Diagnostic("info", "task-without-lead",
                              f"{len(leaderless)} of {len(tasks)} tasks name no lead agency"))
    unknown = [a for a in agencies if a.startswith("OTHER:")]
    if unknown:
        out.append(Diagnostic("info", "agency-not-in-registry",
                              f"{len(unknown)} agency names are not in the registry: "
                              + "; ".join(a[6:] for a in unknown[:5])))
    return out
