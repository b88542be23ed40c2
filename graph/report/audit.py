"""``plankg audit``: what a reader of the plans should check or fix.

Budget arithmetic on the appendix tables (a row's total against its year columns, a
parent row against its children, totals stated in the text against the table),
tasks without a lead agency, agency names the registry does not know, and the
reader's own warnings (conflicting leads, duties of an implementation section with no lead).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from plankg.graph.query.sparql import run_query


@dataclass(frozen=True)
class Finding:
    """One thing to check: where, what was stated, what the parts add up to, and why."""

    kind: str
    plan: str
    where: str
    stated: int | None
    computed: int | None
    note: str


@dataclass
class AuditReport:
    budget: list[Finding] = field(default_factory=list)
    leaderless: list[Finding] = field(default_factory=list)
    unregistered: list[Finding] = field(default_factory=list)
    doubtful: list[Finding] = field(default_factory=list)
    """The reader's warnings: a heading and a task's words naming different leads, a duty
    of an implementation section with no lead (with the words and their offset)."""

    def all(self) -> list[Finding]:
        return self.budget + self.leaderless + self.unregistered + self.doubtful


@dataclass
class _Row:
    section: str
    label: str
    parent: str | None
    total: int | None = None
    years: dict[str, int] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)


def audit(backend, plan: str | None = None) -> AuditReport:
    """Audit every plan of a backend, or one plan (number, IRI or file name)."""
    values = {"plan": plan}
    report = AuditReport()
    plans: dict[str, dict[str, _Row]] = defaultdict(dict)
    numbers: dict[str, str] = {}
    for row in run_query(backend, "budget-rows", values).rows:
        rows = plans[row["plan"]]
        numbers[row["plan"]] = row["number"] or row["plan"]
        item = rows.setdefault(row["row"], _Row(row["section"], row["label"], row["parent"]))
        if row["total"] is not None:
            item.total = _amount(row["total"])
        if row["year"] is not None:
            item.years[row["year"]] = _amount(row["amount"])
    for plan_iri, rows in plans.items():
        for iri, item in rows.items():
            if item.parent in rows:
                rows[item.parent].children.append(iri)
        report.budget += _check_rows(numbers[plan_iri], rows)
    stated = run_query(backend, "stated-budgets", values).rows
    for row in stated:
        report.budget += _check_stated(row, plans.get(row["plan"], {}))
    for row in run_query(backend, "tasks-without-lead", values).rows:
        report.leaderless.append(Finding("task without lead", row["number"] or "", row["section"] or "",
                                         None, None, row["task"]))
    for row in run_query(backend, "unregistered-agencies", values).rows:
        report.unregistered.append(Finding("agency not in registry", row["number"] or row["plan"], "",
                                           None, None, row["name"]))
    for row in run_query(backend, "diagnostics", values).rows:
        if row["severity"] == "warning":
            report.doubtful.append(Finding(row["code"], row["number"] or "", f"@{row['start']}", None, None,
                                           f"{row['message']}: « {' '.join(row['quote'].split())[:120]} »"))
    return report


def _check_rows(plan: str, rows: dict[str, _Row]) -> list[Finding]:
    out = []
    for item in rows.values():
        where = f"{item.section} {item.label}"[:90]
        if item.total is not None and item.years:
            summed = sum(item.years.values())
            if summed != item.total:
                out.append(Finding("total vs year columns", plan, where, item.total, summed,
                                   f"{_fmt(item.total)} stated; the years add up to {_fmt(summed)} ("
                                   + " + ".join(_fmt(v) for _, v in sorted(item.years.items())) + ")"))
        children = [rows[c] for c in item.children]
        if item.total is not None and children and all(c.total is not None for c in children):
            summed = sum(c.total for c in children)
            if summed != item.total:
                out.append(Finding("parent vs children", plan, where, item.total, summed,
                                   f"{_fmt(item.total)} stated; its rows "
                                   + ", ".join(c.section for c in children) + f" add up to {_fmt(summed)}"))
    return out


def _check_stated(row: dict, rows: dict[str, _Row]) -> list[Finding]:
    top = [r for r in rows.values() if r.parent not in rows]
    if not top:
        return []
    first, last, stated = int(row["first_year"]), int(row["last_year"]), _amount(row["amount"])
    if first == last:
        computed = sum(r.years.get(str(first), 0) for r in top)
        basis = f"the table's {first} column"
    else:
        computed = sum(r.total or 0 for r in top)
        basis = "the table's group totals"
    if computed == stated:
        return []
    period = str(first) if first == last else f"{first}-{last}"
    return [Finding("text vs table", row["number"] or row["plan"], f"stated total {period}", stated, computed,
                    f"the text says {_fmt(stated)} ({row['quote']}); {basis} add up to {_fmt(computed)}")]


def _amount(value: str) -> int:
    return int(float(value))


def _fmt(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")
