"""A document record as a reading a person can check: ``plankg extract --explain``.

Every task with each agency it names, the role, how the link was read (heading,
field, table column, running text, …) and the words that said so, then the
document's legal relations and the extractor's diagnostics. It answers "why does
DONRE lead this task?" for a user and "where does this miss come from?" for a developer.
"""

from __future__ import annotations

from plankg.loaders.records import DocumentRecord, Role, Via

_QUOTE = 90


def explain_record(record: DocumentRecord) -> str:
    """The record as indented plain text."""
    plan = record.plan
    period = f", period {plan.period[0]}-{plan.period[1]}" if plan.period else ""
    lines = [f"== {record.source}",
             f"   {plan.doc_type or 'document'} {plan.number or '(no number)'}, issued by {plan.issuer or '?'}"
             f"{', ' + plan.province if plan.province else ''}, {plan.issued or 'no date'}{period}",
             f"   title: {_short(plan.title or '', 120)}"]
    for ref in (*record.legal_bases, *record.cited_documents):
        name = ref.number or ref.official_number or ref.title or "?"
        inferred = " (inferred from its title)" if ref.inferred else ""
        lines.append(f"   {ref.relation.value:<11} {name}{inferred}  « {_short(ref.quote, 70)} »")
    lines.append(f"   {len(record.tasks)} tasks")
    for task in record.tasks:
        lines.append(f"-- [{task.section or '-'}] {_short(task.text, 110)}")
        if not task.assignments:
            lines.append("     (no agency)")
        for a in task.assignments:
            role = "lead" if a.role == Role.LEAD else "coordinates"
            if a.via == Via.XREF:
                role = "lead (by reference)"
            lines.append(f"     {role:<19} {a.code:<12} {_short(a.name or '', 40):<40} via {a.via.value}: "
                         f"« {_short(a.quote or '', _QUOTE)} » @{a.span.start}-{a.span.end}"
                         + (f" ({a.where})" if a.where else ""))
        if task.period:
            lines.append(f"     period: {task.period}")
    for diagnostic in record.diagnostics:
        where = f" @{diagnostic.span.start}-{diagnostic.span.end}" if diagnostic.span else ""
        lines.append(f"!! {diagnostic.level} {diagnostic.code}: {diagnostic.message}{where}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
