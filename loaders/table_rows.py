"""Table rows → tasks, budget rows and the targets of a "Mục tiêu" column.

Every row is read through its columns' roles (plankg.loaders.grid), so column order
never matters: the task column holds the duty ("Nội dung", "Nhiệm vụ", "Tên thủ tục";
a "Chỉ tiêu" column when there is no other), the lead and coordinating columns the
agencies — via *table column* — and the period, product, funding and amount columns
the rest. A row number is never a task; several "-" items in one task cell are several
tasks. A cell that says "Như trên" repeats the row above; an agency cell merged with
the row above (a short row, as a crawl writes a merged cell once) names the same bodies
for the rows it spans, up to the next group row. A group row ("I | Sở Công Thương",
"A. BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG") names the agency that leads the rows under it when
the table has no lead column, or labels them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.loaders.agencies import AgencyIndex, Name
from plankg.loaders.assign import first_clause_leads, labelled_roles, lead_value_roles, sentence_roles
from plankg.loaders.grid import AMOUNT, ORDINAL
from plankg.loaders.layout import FILL_IN, ITEM_MARKS, Cell, Table
from plankg.loaders.normalize import squash
from plankg.loaders.records import Assignment, BudgetRow, Objective, Role, Span, Task, Via

_ROMAN = re.compile(r"^(?:[IVX]{1,5}|Il{1,2})(?:\.\d{1,2}){0,3}\.?$")
"""A group's number: a part ("III") or a group of its rows ("III.1.2")."""
_TASK_ROLES = ("task", "procedure", "objective")
_TARGET_VALUE = re.compile(r"(?:[≥>≤<]=?|trên|dưới|tối thiểu|ít nhất)?\s*(\d+(?:[.,]\d+)?)\s*(%)?", re.IGNORECASE)
"""A target cell's value ("15", "≥ 80", "95%", "trên 300")."""
_AGENCY_SHARE = 0.6


@dataclass
class TableFacts:
    """Tasks of one table, its target cells, and its budget rows."""

    tasks: list[Task] = field(default_factory=list)
    objective_cells: list[Cell] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    """Targets of a table of values by year ("Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030")."""
    budget_rows: list[BudgetRow] = field(default_factory=list)


def task_column(table: Table) -> int | None:
    """The column that holds each row's duty, or None if the table lists no duties. In a
    list of procedures that names who carries them out, the procedure's name is the duty,
    not a column of contents ("Tên TTHC | Tên VB quy định nội dung sửa đổi | … | Cơ quan
    thực hiện"); a catalogue of procedures with nobody to carry them out lists none."""
    procedure, task = table.column("procedure"), table.column("task")
    if procedure is not None:
        return procedure if table.column("lead") is not None else None
    if task is not None:
        return task
    col = table.column("objective")
    if col is not None and (table.column("lead") is not None or table.column("coordinate") is not None):
        return col
    return None


def table_tasks(index: AgencyIndex, table: Table, ditto) -> TableFacts:  # noqa: ANN001 - a CueSet
    """Read one table into tasks (section paths "PL.<group>.<row number>") and budget rows."""
    facts = TableFacts()
    col = task_column(table)
    lead_col, coord_col = table.column("lead"), table.column("coordinate")
    if lead_col is None and coord_col is None \
            and (table.column("unit") is not None or table.column("rate") is not None):
        col = None  # "Nội dung chi | Mức chi | Đơn vị tính": a table of norms and amounts, no duties
    if table.column("step") is not None:
        col = None  # "Bước thực hiện | Nội dung công việc | Đơn vị thực hiện": a procedure's steps
    amount_cols = [i for i, r in enumerate(table.roles) if r == "budget-total" or r.startswith("budget:")]
    if col is None and not amount_cols and not any(r.startswith("year:") for r in table.roles):
        return facts
    doc = index.doc
    ordinal_col = table.column("ordinal")
    both_roles = lead_col is not None and coord_col is None and table.header[lead_col] is not None \
        and bool(index.cues["column:coordinate"].search(doc.folded, table.header[lead_col].start,
                                                        table.header[lead_col].end))  # "Chủ trì/phối hợp"
    objective_col = table.column("objective") if table.roles[col or 0] != "objective" else None
    group, group_label, group_lead, group_span, previous = 0, "", [], None, None
    levels: list[tuple[int, int]] = []
    last_values: dict[int, Cell] = {}
    above: dict[int, Cell] = {}  # the cells of the last row of duties, which merged cells below go on from

    values: dict[tuple[int, int], str] = {}

    def value(cell: Cell | None) -> str:
        """The cell's words (each asked several times per row: read once)."""
        if cell is None:
            return ""
        key = (cell.start, cell.end)
        if key not in values:
            values[key] = squash(doc.work[cell.start:cell.end])
        return values[key]

    for row in table.rows:
        cells = list(row.cells)
        written = value(cells[ordinal_col]) if ordinal_col is not None else ""
        ordinal = written if ORDINAL.match(written) else ""
        text_cell = cells[col] if col is not None else None
        filled = [(i, c) for i, c in enumerate(cells) if c is not None and value(c) and i != ordinal_col]
        if not filled or any(FILL_IN.search(value(c)) for _, c in filled):
            continue  # (a row of a form to fill in: "Khoa học tự nhiên | □")
        if amount_cols:
            _budget_row(facts, levels, ordinal, cells, table, value, amount_cols)
        amounts = [i for i, _ in filled if AMOUNT.match(value(cells[i]))]
        lonely = len(filled) - len(amounts) == 1
        heading_cell = filled[0][1]
        grouping = bool(_ROMAN.match(ordinal) or re.fullmatch(r"[A-ZĐ]\.?", ordinal)) or (
            not ordinal and not amounts and not value(heading_cell).startswith(_DASHES)) or (
            written and not ordinal and lonely  # a group's number misread ("/" for "I" in a scan): its body
            and index.share(heading_cell.start, heading_cell.end) >= _AGENCY_SHARE)
        if lonely and not ordinal and value(heading_cell)[:1].islower():
            continue  # "| | | tại 100% các xã, phường | |": a cell going on past a row's line, no group
        if lonely and grouping \
                and (col is None or heading_cell is text_cell or text_cell is None or not value(text_cell)):
            share = index.share(heading_cell.start, heading_cell.end)
            if share >= _AGENCY_SHARE:  # "A | SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": leads rows that name nobody
                group_lead = index.names(heading_cell.start, heading_cell.end)
                group_span = Span(heading_cell.start, heading_cell.end)
            else:
                group_lead, group_span = [], None
            group, previous, above = group + 1, None, {}
            group_label = ordinal.replace("l", "I").rstrip(".") or str(group)
            continue
        facts.objectives += _year_values(table, cells, value)
        if col is None or text_cell is None or not value(text_cell) or ORDINAL.match(value(text_cell)) \
                or AMOUNT.match(value(text_cell)):
            continue  # (a row number or an amount is never a task)
        if lead_col is None and coord_col is None and _figures_only(table, filled, text_cell, value):
            continue  # "Thuế tài nguyên | 4.000 | 4.200": a line of figures, in a table that names nobody
        if not written and len(filled) > 1 and all(len(value(c).split()) <= _COLUMN_LABEL_WORDS for _, c in filled) \
                and not any(i in (lead_col, coord_col) for i, _ in filled):
            continue  # "Bình thường | Lỗi" under "Kết quả": the second row of a header, labels of columns
        if ordinal == "1" and previous not in (None, "1"):
            group += 1  # numbering restarts: a new group whose heading row is missing
            group_label = str(group)
        previous = ordinal or previous
        if above:  # a row goes on under the cells the row above merged down over it: its agencies ("2 |
            # 1.002949 | Cấp mới số lưu hành …" under "1 | … | Cục Hạ tầng và Thiết bị y tế"), and its number
            # too when it has none of its own; a table written a row per line leaves merged cells
            # empty rather than out, which says the same on a row without a number or with nothing
            # after its task (but a "- In poster" row under "3.1.1 | Công tác tuyên truyền" is an
            # item of that duty, not its continuation: its number cell stays its own)
            merged = {lead_col, coord_col}
            if ordinal_col is None or cells[ordinal_col] is None:
                merged.add(ordinal_col)
            left_empty: set[int | None] = set()
            if table.lined:
                blank_number = not written
                if blank_number or not any(value(c) for c in cells[col + 1:]):
                    left_empty = {lead_col, coord_col}
                if blank_number and not _item_under(value(text_cell), value(above.get(col))):
                    left_empty.add(ordinal_col)
            cells = [above.get(i) if c is None and i in merged or c is not None and i in left_empty and not value(c)
                     else c for i, c in enumerate(cells)]
            if not written and ordinal_col is not None and cells[ordinal_col] is not None:
                ordinal = value(cells[ordinal_col])
        lead = _column_names(index, cells, lead_col, last_values, ditto, value)
        coord = _column_names(index, cells, coord_col, last_values, ditto, value)
        lead, coord = _roles_in_lead_cell(index, cells[lead_col] if lead_col is not None else None,
                                          lead, coord, both_roles)
        assignments = [Assignment(n.code, Role.LEAD, Via.TABLE, span, _name(index, n)) for n, span in lead]
        assignments += [Assignment(n.code, Role.COORDINATING, Via.TABLE, span, _name(index, n)) for n, span in coord]
        if not lead and group_lead:
            assignments += [Assignment(n.code, Role.LEAD, Via.HEADING, group_span, _name(index, n))
                            for n in group_lead]
        if coord_col is None:  # "Phối hợp với Bộ KH&ĐT …" in the task's own words
            said = sentence_roles(index, text_cell.start, text_cell.end)
            assignments += [Assignment(c, Role.COORDINATING, Via.TEXT, s) for c, s in said.coordinating]
        label = ".".join(p for p in ("PL", group_label, ordinal.replace("l", "I").rstrip(".")) if p)
        period = _column_value(cells, table.column("period"), value)
        funding = _column_value(cells, table.column("funding"), value)
        total, by_year = _amounts(cells, table, value)
        for start, end in _items(doc, text_cell):
            facts.tasks.append(Task(text=squash(doc.work[start:end]), section=label, span=Span(start, end),
                                    assignments=tuple(_unique(assignments)), period=period, funding=funding,
                                    budget_vnd=total, budget_by_year=by_year))
        if objective_col is not None and cells[objective_col] is not None:
            facts.objective_cells.append(cells[objective_col])
        for i, cell in enumerate(cells):
            if cell is not None and value(cell):
                last_values[i] = cell
        above = {i: cell for i, cell in enumerate(cells) if cell is not None}
    return facts


_FIGURE = re.compile(r"[-+]?\d[\d.,]*\s*%?|[-–]")
"""A figure, or the dash a table of figures writes for none."""


def _figures_only(table: Table, filled: list[tuple[int, Cell]], text_cell: Cell, value) -> bool:  # noqa: ANN001
    """Besides its text, the row holds figures only: numbers in columns of no duty role
    (figures, rates, years; amounts where the table gives no period, as a budget's estimate
    by year does: "Thuế tài nguyên | 4.000 | 4.200"), or units ("Tỷ đồng", "%"); at least one
    number. (A plan's table of activities with their period and cost lists duties.)"""
    figures = 0
    amounts = "period" not in table.roles
    for i, cell in filled:
        if cell is text_cell:
            continue
        role = table.roles[i]
        if role == "unit":
            continue
        if not (role in ("other", "rate") or role.startswith("year:") or amounts and role.startswith("budget")) \
                or not _FIGURE.fullmatch(value(cell)):
            return False
        figures += 1
    if figures == 0 and len(filled) == 1 and "period" not in table.roles:
        return sum(r in ("other", "rate") or r.startswith(("year:", "budget")) for r in table.roles) >= _FIGURE_COLUMNS
        # ("Thu bán tài sản nhà nước | | | |": a line of an estimate with its figures left blank)
    return figures > 0


_FIGURE_COLUMNS = 3
_COLUMN_LABEL_WORDS = 2
"""Words of a column's label at most: a row of them, none numbered and none an agency's, is a header's."""


def _year_values(table: Table, cells: list[Cell | None], value) -> list[Objective]:  # noqa: ANN001 - value reader
    """The targets of one row of a targets table: the value in each year column ("Năm 2025":
    "15"), counted in the row's unit ("%", "Doanh nghiệp"), for the target the row names."""
    target_col = table.column("objective")
    years = [(i, int(r[5:])) for i, r in enumerate(table.roles) if r.startswith("year:")]
    if target_col is None or not years or cells[target_col] is None or not value(cells[target_col]):
        return []
    unit_col = table.column("unit")
    target = cells[target_col]
    out = []
    for i, year in years:
        found = _TARGET_VALUE.fullmatch(value(cells[i])) if cells[i] is not None else None
        if found is None:
            continue
        unit = "%" if found.group(2) else (value(cells[unit_col]).lower() if unit_col is not None and cells[unit_col]
                                           is not None else None)
        if not unit:
            continue
        amount = float(found.group(1).replace(",", "."))
        out.append(Objective(text=value(target), value=int(amount) if amount.is_integer() else amount, unit=unit,
                             year=year, span=Span(target.start, target.end)))
    return out


def _column_names(index: AgencyIndex, cells, col, last_values, ditto, value) -> list[tuple[Name, Span]]:
    """Agencies of one column's cell; "Như trên" takes the cell of the row above."""
    if col is None or cells[col] is None:
        return []
    cell = cells[col]
    if ditto.pattern.fullmatch(" ".join(index.doc.folded[cell.start:cell.end].split()).strip(" .")):
        cell = last_values.get(col)
        if cell is None:
            return []
    return [(n, Span(cell.start, cell.end)) for n in index.names(cell.start, cell.end)]


def _roles_in_lead_cell(index: AgencyIndex, cell: Cell | None, lead: list[tuple[Name, Span]],
                        coord: list[tuple[Name, Span]], both_roles: bool):
    """A "Cơ quan thực hiện" cell that says who does what is split by its words (see
    :func:`plankg.loaders.assign.lead_value_roles`) or by its role labels ("Chủ trì: …;
    Phối hợp: …"); a cell of names alone leads, or, in a column headed by both roles,
    its first clause does and the rest coordinate."""
    labelled = labelled_roles(index, cell.start, cell.end) if cell is not None else None
    if labelled is not None and (labelled[0] or labelled[1]):
        span = Span(cell.start, cell.end)
        leads, partners = labelled
    elif not lead:
        fielded = _after_labels(index, cell) if cell is not None else []
        return [(n, Span(cell.start, cell.end)) for n in fielded], coord
    else:
        span = lead[0][1]  # (the cell above, for "Như trên")
        leads, partners = lead_value_roles(index, [n for n, _ in lead], span.start, span.end)
        if both_roles and not partners:
            leads, partners = first_clause_leads(index, leads, span.start, span.end)
    taken = {n.code for n, _ in coord}
    return [(n, span) for n in leads], coord + [(n, span) for n in partners if n.code not in taken]


def _after_labels(index: AgencyIndex, cell: Cell) -> list[Name]:
    """The bodies a lead cell names after labels of its own, an item each ("+ Cơ quan trực
    tiếp thực hiện TTHC: Sở Tư pháp" | "+ Cơ quan có thẩm quyền quyết định: UBND tỉnh"): the
    names after each item's first colon."""
    text = index.doc.text
    starts = [cell.start] + [m.start() + cell.start for m in _ITEM_START.finditer(text[cell.start:cell.end])]
    names: list[Name] = []
    for start, end in zip(starts, [*starts[1:], cell.end], strict=True):
        colon = text.find(":", start, end)
        if colon >= 0:
            names += [n for n in index.names(colon + 1, end) if n not in names]
    return names


_ITEM_START = re.compile(r"(?:^|\n|<br\s*/?>)\s*[-–—+•]\s+", re.IGNORECASE)


def _item_under(task: str, task_above: str) -> bool:
    """Whether a task cell is an item ("- In poster …") of the duty in the row above, which
    opens with no dash of its own."""
    return task.startswith(_DASHES) and not task_above.startswith(_DASHES)


_DASHES = tuple(ITEM_MARKS)
"""What opens an item in a cell."""

_RUN_ON_ITEM = re.compile(rf"(?<=[.;:])[ \t]+[{ITEM_MARKS}][ \t]+(?=[^\W\d_])")
"""An item marker after the full stop of the item before it, or the colon of a lead-in,
on the same line: a cell's paragraphs run into one line ("- Rà soát … . - Xây dựng …",
"- Hoàn thiện các chính sách, bao gồm: + Chính sách …"), as a converter writes a Word or
web table's cell as one markdown cell."""


def _items(doc, cell: Cell) -> list[tuple[int, int]]:
    """Several "-" items in one task cell are several tasks (each on a line of its own,
    after a crawled "<br>", or run on after a full stop or colon in a cell that opens with one);
    otherwise the cell is one, as is a cell whose words open before its first item (a
    duty and its cases: "Cấp giấy phép … đối với:" | "- Triển lãm do …")."""
    work = doc.work
    starts = [m.start() + cell.start for m in _ITEM_START.finditer(doc.text[cell.start:cell.end])]
    if len(starts) == 1 and starts[0] == cell.start:
        starts += [m.start() + cell.start for m in _RUN_ON_ITEM.finditer(doc.text[cell.start:cell.end])]
    if len(starts) < 2 or work[cell.start:starts[0]].strip():
        return [(cell.start, cell.end)]
    out = []
    bounds = starts + [cell.end]
    for a, b in zip(bounds, bounds[1:], strict=False):
        body = a + len(re.match(r"\n?\s*[-–—+•]\s*", work[a:b]).group())
        stop = a + len(work[a:b].rstrip(" \n;."))
        if stop > body:
            out.append((body, max(body, stop)))
    return out


def _column_value(cells, col, value) -> str | None:
    if col is None or cells[col] is None:
        return None
    return value(cells[col]) or None


def _amounts(cells, table: Table, value) -> tuple[int | None, dict[str, int] | None]:
    total = None
    by_year: dict[str, int] = {}
    for i, role in enumerate(table.roles):
        v = value(cells[i]) if cells[i] is not None else ""
        if not AMOUNT.match(v):
            continue
        amount = int(re.sub(r"[.,]", "", v))
        if role == "budget-total":
            total = amount
        elif role.startswith("budget:"):
            by_year[role[7:]] = amount
    if total is None and not by_year:
        return None, None
    return total, by_year or None


def _level(ordinal: str) -> int:
    """Nesting level of a row by its ordinal: I < A < 3 < 3.1 < 3.1.1 < "-" (no ordinal)."""
    if _ROMAN.match(ordinal):
        return 0
    if re.fullmatch(r"[A-ZĐ]\.?", ordinal):
        return 1
    if ordinal:
        return 1 + len(ordinal.rstrip(".").split("."))
    return 9


def _budget_row(facts: TableFacts, levels: list[tuple[int, int]], ordinal: str, cells, table: Table,
                value, amount_cols: list[int]) -> None:
    """One row of a budget table, group rows included, linked to the row it is a part of."""
    label_cell = next((c for i, c in enumerate(cells) if c is not None and value(c) and i not in amount_cols
                       and not ORDINAL.match(value(c))), None)
    if label_cell is None:
        return
    total, by_year = _amounts(cells, table, value)
    level = _level(ordinal)
    while levels and levels[-1][0] >= level:
        levels.pop()
    parent = levels[-1][1] if levels else None
    ordinal = ordinal.replace("l", "I").rstrip(".") if _ROMAN.match(ordinal) else ordinal.rstrip(".")
    section = f"PL.{ordinal}" if ordinal or parent is None else f"{facts.budget_rows[parent].section}.-"
    facts.budget_rows.append(BudgetRow(section=section, label=value(label_cell), total=total, by_year=by_year,
                                       parent=parent, span=Span(label_cell.start, label_cell.end)))
    levels.append((level, len(facts.budget_rows) - 1))


def _name(index: AgencyIndex, name: Name) -> str:
    return squash(index.doc.work[name.start:name.end])


def _unique(assignments: list[Assignment]) -> list[Assignment]:
    seen: dict[tuple[str, Role], Assignment] = {}
    for a in assignments:
        seen.setdefault((a.code, a.role), a)
    return list(seen.values())
