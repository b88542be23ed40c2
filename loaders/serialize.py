"""Records → plain JSON-ready dicts in the shape the project's scorer reads, and the
JSON list ``plankg extract`` writes."""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any

from plankg.loaders.records import DocRef, DocumentRecord, Span, Task


def record_to_dict(record: DocumentRecord) -> dict[str, Any]:
    """One document record as a dict (spans as [start, end])."""
    meta = record.plan
    plan = {"number": meta.number, "doc_type": meta.doc_type, "issuer": meta.issuer, "province": meta.province,
            "issued": meta.issued, "period": list(meta.period) if meta.period else None, "title": meta.title}
    return {
        "source": record.source,
        "language": record.language,
        "sha256": record.sha256,
        "plan": plan,
        "legal_bases": [_docref(r) for r in record.legal_bases],
        "cited_documents": [_docref(r) for r in record.cited_documents],
        "objectives": [_flat(o) for o in record.objectives],
        "tasks": [_task(t) for t in record.tasks],
        "agencies": list(record.agencies),
        "diagnostics": [_flat(d) for d in record.diagnostics],
        "budget_rows": [_flat(r) for r in record.budget_rows],
        "stated_budgets": [_flat(b) for b in record.stated_budgets],
    }


def list_item(record: DocumentRecord) -> str:
    """One record as an item of the JSON list :func:`json_list` joins, written exactly as
    ``json.dumps(records, ensure_ascii=False, indent=1)`` writes it (JSON strings hold no
    raw line breaks, so the item is indented one level by indenting its lines)."""
    return " " + json.dumps(record_to_dict(record), ensure_ascii=False, indent=1).replace("\n", "\n ")


def json_list(items: list[str]) -> str:
    """The JSON list of records from their :func:`list_item` texts."""
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"


@cache
def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _flat(item: Any) -> dict[str, Any]:
    """A record of plain fields as a dict in field order, a span as [start, end]: what
    ``dataclasses.asdict`` gives for these, without its deep copy of every field (it
    took a tenth of the time of ``plankg extract``)."""
    out = {}
    for name in _names(type(item)):
        value = getattr(item, name)
        if isinstance(value, Span):
            value = [value.start, value.end]
        elif isinstance(value, dict):
            value = dict(value)
        out[name] = value
    return out


def _docref(ref: DocRef) -> dict[str, Any]:
    """A document reference, its numbers written the official way."""
    out = {"number": ref.number, "relation": ref.relation.value, "span": [ref.span.start, ref.span.end],
           "quote": ref.quote, "doc_type": ref.doc_type, "issuer": ref.issuer, "issued": ref.issued,
           "title": ref.title, "year": ref.year, "inferred": ref.inferred, "official_number": ref.official_number,
           "amends": [str(n) for n in ref.amends], "replaces": [str(n) for n in ref.replaces],
           "repeals": [str(n) for n in ref.repeals]}
    return out | ({"where": ref.where} if ref.where is not None else {})


def _task(task: Task) -> dict[str, Any]:
    out = _flat(task)
    if out["where"] is None:
        del out["where"]
    out["lead"], out["coordinating"] = list(task.lead), list(task.coordinating)
    out["xref_lead"] = list(task.xref_lead)
    out["assignments"] = [{"code": a.code, "role": a.role.value, "via": a.via.value,
                           "span": [a.span.start, a.span.end], "name": a.name, "quote": a.quote}
                          | ({"where": a.where} if a.where else {})
                          for a in task.assignments]
    return out
