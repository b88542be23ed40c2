"""Appendix tables → tasks, and the targets written in their "Mục tiêu" column.

Merged cells make positions unreliable (a row may lack its "Mục tiêu" cell), so cells
are typed by what they hold: the first text after the ordinal is the task; the first
agency list is the lead, the next cell after it the coordinating agencies (empty when
the plan left it blank); years or "Hằng năm" give the period; "Ngân sách ..." the
funding source; amounts like "4.580.000.000" fill the budget columns named in the
header ("Tổng kinh phí", "Kinh phí 2022", ...). A row whose only text is an agency
("I | Sở Công Thương | ...") heads the rows below it, which it then leads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plankg.loaders.agencies import AgencyIndex, unique_codes
from plankg.loaders.blocks import Cell, Table
from plankg.loaders.normalize import fold, squash
from plankg.loaders.records import BudgetRow, Span, Task

_ORDINAL = re.compile(r"^(?:[1-9]\d?(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}|Il{1,2}|[A-Z])$")
_ROMAN = re.compile(r"^(?:[IVX]{1,5}|Il{1,2})$")
_PERIOD = re.compile(
    r"^(?:(?:19|20)\d{2}(?:\s*[-–]\s*\d{4,5})?|h[aằ]ng năm|hàng năm|annually|thường xuyên|"
    r"quý\s+[IV\d]+.*|năm\s+(?:19|20)\d{2}|trước\s.*|\d{1,2}/(?:19|20)\d{2})$",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:[.,]\d{3})+|0)$")
_FUNDING = re.compile(r"ngan sach|nguon von|\bvon\b|xa hoi hoa|kinh phi|budget|fund")
_AGENCY_SHARE = 0.6


@dataclass
class TableFacts:
    """Tasks of one table, and spans of its target cells."""

    tasks: list[Task] = field(default_factory=list)
    objective_cells: list[Cell] = field(default_factory=list)
    budget_rows: list[BudgetRow] = field(default_factory=list)


def table_tasks(index: AgencyIndex, table: Table) -> TableFacts:
    """Read one task table into tasks (section paths "PL.<group>.<ordinal>")."""
    text = index.doc.text
    columns = [_column(" ".join(fold(text[c.start:c.end]).split())) for c in table.header]
    amount_columns = [c for c in columns if c.startswith(("total", "year:"))]
    has_lead_column = "lead" in columns
    has_coordinating_column = "coordinating" in columns
    facts = TableFacts()
    group, group_lead, previous = 0, [], None
    levels: list[tuple[int, int]] = []  # (level, budget row index) of the open rows

    for row in table.rows:
        values = [squash(text[c.start:c.end]) for c in row]
        ordinal = values[0] if _ORDINAL.match(values[0]) else ""
        content = list(zip(row, values, strict=True))[1 if ordinal or not values[0] else 0:]
        filled = [(c, v) for c, v in content if v]
        if not filled:
            continue
        if not ordinal and len(filled) == 1 and not _AMOUNT.match(filled[0][1]):
            group, previous = group + 1, None  # a group heading row ("Phát triển hệ thống ...")
            continue
        first_cell, first_value = filled[0]
        codes, share = index.parse_cell(first_cell.start, first_cell.end)
        if amount_columns:
            _budget_row(facts, levels, ordinal, first_cell, first_value, content, amount_columns)
        if _ROMAN.match(ordinal) and share >= _AGENCY_SHARE:
            group_lead, group, previous = codes, group + 1, None  # "I | Sở Công Thương | ..."
            continue
        if ordinal == "1" and previous not in (None, "1"):
            group += 1  # numbering restarts: a new group whose heading row is missing
        previous = ordinal or previous
        task, objective_cells = _row_task(index, content, first_cell, amount_columns)
        if not has_lead_column and not task.lead:
            task = replace(task, lead=tuple(group_lead))
        if not has_coordinating_column:  # "Phối hợp với Bộ KH&ĐT ..." in the task's own words
            _, said = index.roles_in(first_cell.start, first_cell.end)
            task = replace(task, coordinating=tuple(unique_codes(task.coordinating + tuple(said))))
        label = ".".join(p for p in ("PL", str(group) if group and not group_lead else "",
                                      ordinal) if p)
        facts.tasks.append(replace(task, section=label))
        facts.objective_cells.extend(objective_cells)
    return facts


def _level(ordinal: str) -> int:
    """Nesting level of a row by its ordinal: I < A < 3 < 3.1 < 3.1.1 < "-" (no ordinal)."""
    if _ROMAN.match(ordinal):
        return 0
    if re.fullmatch(r"[A-Z]", ordinal):
        return 1
    if ordinal:
        return 1 + len(ordinal.rstrip(".").split("."))
    return 9


def _budget_row(facts: TableFacts, levels: list[tuple[int, int]], ordinal: str, text_cell: Cell,
                text: str, content: list[tuple[Cell, str]], amount_columns: list[str]) -> None:
    amounts = [int(re.sub(r"[.,]", "", v)) for c, v in content if _AMOUNT.match(v)]
    total, by_year = _budget(amounts, amount_columns)
    level = _level(ordinal)
    while levels and levels[-1][0] >= level:
        levels.pop()
    parent = levels[-1][1] if levels else None
    if _ROMAN.match(ordinal):
        ordinal = ordinal.replace("l", "I")  # OCR writes III as "Ill"
    section = f"PL.{ordinal}" if ordinal or parent is None else f"{facts.budget_rows[parent].section}.-"
    facts.budget_rows.append(BudgetRow(section=section, label=text, total=total, by_year=by_year,
                                       parent=parent, span=Span(text_cell.start, text_cell.end)))
    levels.append((level, len(facts.budget_rows) - 1))


def _column(folded_header: str) -> str:
    """The role of a header cell ("co quan chu tri" → "lead")."""
    year = re.search(r"((?:19|20)\d{2})\s*$", folded_header)
    if "phoi hop" in folded_header:
        return "coordinating"
    if "chu tri" in folded_header or re.search(r"(?:co quan|don vi) thuc hien", folded_header):
        return "lead"
    if "kinh phi" in folded_header or "ngan sach" in folded_header:
        if "tong" in folded_header:
            return "total"
        if year:
            return f"year:{year.group(1)}"
        return "funding"
    if "thoi gian" in folded_header or "tien do" in folded_header or "thoi han" in folded_header:
        return "period"
    if "muc tieu" in folded_header or "ket qua" in folded_header:
        return "objective"
    if "nguon" in folded_header:
        return "funding"
    return "other"


def _row_task(index: AgencyIndex, content: list[tuple[Cell, str]], text_cell: Cell,
              amount_columns: list[str]) -> tuple[Task, list[Cell]]:
    lead: list[str] | None = None
    coordinating: list[str] | None = None
    period = funding = None
    amounts: list[int] = []
    objective_cells: list[Cell] = []
    seen_text = False
    for cell, value in content:
        if cell == text_cell:
            seen_text = True
            continue
        if not seen_text:
            continue
        folded = fold(value)
        if not value:
            if lead is not None and coordinating is None:
                coordinating = []  # the coordinating cell was left blank
            continue
        if _AMOUNT.match(value):
            amounts.append(int(re.sub(r"[.,]", "", value)))
        elif _PERIOD.match(value):
            period = value
        elif _FUNDING.search(folded) and lead is not None:
            funding = value
        else:
            codes, share = index.parse_cell(cell.start, cell.end)
            is_agency = share >= _AGENCY_SHARE or index.starts_with_agency(cell.start, cell.end)
            if is_agency and lead is None:
                lead = codes
            elif is_agency and coordinating is None:
                coordinating = codes
            elif lead is None:
                objective_cells.append(cell)
    budget_total, by_year = _budget(amounts, amount_columns)
    text = index.doc.text
    return Task(
        text=squash(text[text_cell.start:text_cell.end]),
        section=None,
        span=Span(text_cell.start, text_cell.end),
        lead=tuple(lead or ()),
        coordinating=tuple(coordinating or ()),
        period=period,
        funding=funding,
        budget_vnd=budget_total,
        budget_by_year=by_year,
    ), objective_cells


def _budget(amounts: list[int], columns: list[str]) -> tuple[int | None, dict[str, int] | None]:
    if not amounts or len(amounts) != len(columns):
        return None, None
    by_year = {c[5:]: a for c, a in zip(columns, amounts, strict=True) if c.startswith("year:")}
    total = next((a for c, a in zip(columns, amounts, strict=True) if c == "total"), None)
    return total, by_year or None
