"""Tables in the physical styles copies use → one :class:`~plankg.loaders.layout.Table`.

A reader per style, chosen by the shape of the lines:

* **cells**: every cell closed by ``|`` — alone on its line (crawled portal pages,
  where each row also opens with a lone ``|``) or at the end of the cell's last line
  ("Sở Công Thương |");
* **pipes**: one row per line, ``| 1 | Việc | Sở Tài chính |`` (markdown);
* **tabs**: one row per line, cells separated by tabs.

All three give header cells and rows of cells. Column roles come from the header text
(cue sets ``column:*``), so column order never matters. Rows are cut where a full row
ends or a new row visibly starts (its first cell a row number), and a row with fewer
cells than the header — its other cells merged with a row above — has its cells placed
in the columns whose role fits their content (a year in the period column, an agency in
the lead column), never by position alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from plankg.loaders.cues import Cues
from plankg.loaders.layout import Cell, Row, Table
from plankg.loaders.normalize import NormalizedText, fold, squash
from plankg.loaders.official import is_caps_line
from plankg.loaders.paragraphs import detect_marker

ORDINAL = re.compile(r"^(?:0?[1-9]\d?(?:\.\d{1,2}){0,3}\.?|(?:[IVX]{1,5}|Il{1,2})(?:\.\d{1,2}){0,3}\.?"
                     r"|[A-HĐ]\.?|[J-Z]\.|[a-zđ]\)|[-+•])$")
"""A row number: "3", "02", "2.1.", "IV", "III.1.2" (a part's rows numbered under it), "B", "Đ" (after "D" in
Vietnamese), "K." (a group past H has its stop: a lone capital may be a class, "loại C"), "a)", "-"."""
_ROW_NUMBER = re.compile(r"0?[1-9]\d{0,2}\.?")
_INNER_NUMBER = 1.0
_CONTINUED_ROW_CELLS = 3
_RIGHT_BIAS = 0.05
_NUMBER_CELL_CHARS = 24  # a row number's cell holds "12", "II.3", "Nhiệm vụ 4": never a sentence
"""Cost of a row, in a table numbered in its first column, that holds an empty cell and then
a row number: the crawl's "|" between two rows, read as a cell."""
_PART_NUMBER = re.compile(r"^(?:(?:[IVX]{1,5}|Il{1,2})(?:\.\d{1,2}){0,3}|\d{1,2}(?:\.\d{1,2}){1,3}|[A-HĐ]|[J-Z](?=\.))"
                          r"\.?$")
"""A number that only opens a row ("IV", "III.1.2", "2.1", a group's "A", "K."): never a value inside one."""
_GROUP_NUMBER_TITLE = re.compile(r"(?:[IVX]{1,5}|[A-HĐ])\.\s+\S")
"""A group's number and title in one cell ("B. Thủ tục hành chính cấp tỉnh"): it opens a row."""
_GROUP_ROW = 3.0
"""What packing a group's numbered title into the row before it costs: more than the two short rows
(the last row's merged cells, the group's one cell) it would save."""
AMOUNT = re.compile(r"^(?:\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+,\d+|0)$")
"""An amount or a measure: "1.500.000", "2.000,5", "3,5" (a decimal comma), "0"."""
PERIOD = re.compile(
    r"(?:^|\s)(?:(?:19|20)\d{2}\b|h[aằ]ng năm|hàng năm|thường xuyên|quý\s+[IV\d]|tháng\s+\d|trước ngày|"
    r"annually|quarterly|\d{1,2}/(?:19|20)\d{2})", re.IGNORECASE)
_MARKDOWN_ROW = re.compile(r"^\s*\|.*\S.*\|.*\|")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_TAB_ROW = re.compile(r"\S *\t[ \t]*\S")  # (around the tab, the blanks of "**TT**\t**Chỉ tiêu**")
_GAP_LINES = 40
_TASK_ROLES = {"task", "procedure", "objective"}
_YEAR_COLUMN = r"(?:{0}\s*)?(?P<first>(?:19|20)\d{{2}})(?:\s*[-–]\s*(?P<last>(?:19|20)\d{{2}}))?"
"""A header that is a year ("Năm 2025", "2030", "Giai đoạn 2026 - 2030"): a column of values by year."""
_KNOWN = {"ordinal", "step", "task", "procedure", "objective", "lead", "coordinate", "period", "budget", "budget-total",
          "product", "funding", "legal-basis", "status", "note"}

AgencyShare = Callable[[int, int], float]
"""The share of a span's letters that are agency names (0..1), from the agency index."""


@dataclass(frozen=True)
class Zone:
    """A run of lines of one kind: "text", "cells", "pipes" or "tabs" (line indices, end excluded)."""

    kind: str
    first: int
    last: int


def zones(work: str, lines: list[tuple[int, int]], text: str | None = None) -> list[Zone]:
    """Split lines into text runs and table runs of each physical style.

    ``text`` is the unblanked text (a line of markdown asterisks is not blank there).
    """
    text = work if text is None else text
    kinds = []
    for s, e in lines:
        line = work[s:e]
        if "|" not in line and "\t" not in line:  # most lines: running text, decided without a pattern
            kinds.append("text")
        elif _MARKDOWN_ROW.match(line) or _MARKDOWN_RULE.match(line):
            kinds.append("pipes")
        elif "|" in line:
            kinds.append("cells")
        elif _TAB_ROW.search(line) or line.strip() and kinds and kinds[-1] == "tabs":
            kinds.append("tabs")  # (a row with one cell filled: "\tSở sẽ bố trí …\t\t")
        else:
            kinds.append("text")
    _unfenced_rows(work, lines, kinds)
    _one_cell_rows(work, lines, kinds)
    out: list[Zone] = []
    i = 0
    while i < len(lines):
        kind = kinds[i]
        j = i + 1
        if kind == "cells":  # a cell's lines run on without a blank line
            last = i
            while j < len(lines) and j - last <= _GAP_LINES:
                if kinds[j] == "cells":
                    last = j
                elif not text[lines[j][0]:lines[j][1]].strip():
                    break
                j += 1
            j = last + 1
            i = _cell_head(work, lines, i, out)
        else:
            while j < len(lines) and kinds[j] == kind:
                j += 1
            if kind == "tabs" and j - i < 2:
                kind = "text"
        if out and out[-1].kind == kind == "text":
            out[-1] = Zone("text", out[-1].first, j)
        else:
            out.append(Zone(kind, i, j))
        i = j
    return out


def _unfenced_rows(work: str, lines: list[tuple[int, int]], kinds: list[str]) -> None:
    """Rows of a markdown table written without their outer pipes ("STT | Tên dự án | …" over
    "|---|---|"): the line above a rule and the lines after it that hold two pipes or more
    are its rows, not a crawl's cells (whose reading made the rule "---" a task)."""
    for i, (s, e) in enumerate(lines):
        if not _MARKDOWN_RULE.match(work[s:e]) or i == 0 or kinds[i - 1] != "cells" \
                or work.count("|", *lines[i - 1]) < 2:
            continue
        kinds[i - 1] = "pipes"
        j = i + 1
        while j < len(lines) and kinds[j] == "cells" and work.count("|", *lines[j]) >= 2:
            kinds[j] = "pipes"
            j += 1


def _one_cell_rows(work: str, lines: list[tuple[int, int]], kinds: list[str]) -> None:
    """A row of one cell between a table's rows (a group's title over merged cells: "| **I.
    Kinh tế số** |" among markdown rows, "I. Kinh tế số" alone among tab-separated ones) is
    one of its rows, not a crawl's cell or a line of text that cuts the table in two."""
    for i in range(1, len(lines) - 1):
        if kinds[i - 1] == kinds[i + 1] == "pipes" and kinds[i] == "cells" and _ONE_CELL_ROW.match(work, *lines[i]) \
                or kinds[i - 1] == kinds[i + 1] == "tabs" and kinds[i] == "text" \
                and 0 < len(work[lines[i][0]:lines[i][1]].strip()) <= _GROUP_TITLE:
            kinds[i] = kinds[i - 1]


_ONE_CELL_ROW = re.compile(r"[ \t]*\|[^|\n]*[^|\s][^|\n]*\|[ \t]*$")
_GROUP_TITLE = 120
"""At most this many characters in a group's title row."""
_NAMED_MARKERS = {"part", "chapter", "section", "article"}


def _cell_head(work: str, lines: list[tuple[int, int]], first: int, out: list[Zone]) -> int:
    """Move a cell run's start up over the short lines its first cell began on ("ỦY")."""
    floor = out[-1].first if out and out[-1].kind == "text" else first
    start = first
    for _ in range(5):
        if start <= floor:
            break
        s, e = lines[start - 1]
        text = work[s:e].strip()
        if not text or len(text) > 60 or re.search(r"[.;:!?]$", text) \
                or detect_marker(text.lstrip("*# "), 0, len(text))[0] in _NAMED_MARKERS:
            break  # ("PHẦN I. DANH MỤC THỦ TỤC HÀNH" | "CHÍNH" over the table is its heading, no cell)
        start -= 1
    if start < first and out and out[-1].kind == "text":
        out[-1] = Zone("text", out[-1].first, start)
    return start


# ---------------------------------------------------------------------------- the three readers

def cell_tokens(doc: NormalizedText, start: int, end: int) -> list[Cell]:
    """The cells of a "cells" run: the text between consecutive ``|``, trimmed."""
    work = doc.work
    cells, pos = [], start
    for match in re.finditer(r"\|", work[start:end]):
        stop = start + match.start()
        cells.append(_trim(work, pos, stop))
        pos = stop + 1
    if work[pos:end].strip():
        cells.append(_trim(work, pos, end))
    return cells


def read_cells(doc: NormalizedText, cues: Cues, cells: list[Cell],
               agency_share: AgencyShare) -> tuple[list[Cell], Table | None, list[Cell]]:
    """(cells before the table, the table, cells after it) of a "cells" run."""
    values = [_value(doc, c) for c in cells]
    header = _find_header(doc, cues, cells, values)
    if header is None:
        return cells, None, []
    first, width, title = header
    groups_from = first if title is not None else _groups_before(values, first)
    before, leading = cells[:groups_from], cells[groups_from:first]
    if title is not None:
        before = before + [title[0]]
        cells = cells[:first] + [title[1]] + cells[first + 1:]
        values = values[:first] + [_value(doc, title[1])] + values[first + 1:]
    inherited: list[str | None] = []
    if (numbered := _numbered_header(doc, cues, cells, values, first, width)) is not None:
        head, end, inherited = numbered
        cells = cells[:first] + head + cells[end:]
        values = values[:first] + [_value(doc, c) for c in head] + values[end:]
        width = len(head)
    elif (two_rows := _header_rows(doc, cues, cells, values, first, width)) is not None:
        head, end = two_rows
        cells = cells[:first] + head + cells[end:]
        values = values[:first] + [_value(doc, c) for c in head] + values[end:]
        width = len(head)
    roles = _roles(doc, cues, cells[first:first + width])
    if inherited:  # ("Năm 2026" under "Dự kiến kế hoạch" keeps its own role; a label no cue knows takes its parent's)
        roles = tuple(inherit if role == "other" and inherit else role for role, inherit in zip(roles, inherited,
                                                                                                 strict=True))
    stop = _table_stop(doc, cues, cells, first + width)
    following = _find_header(doc, cues, cells[first + width:stop], values[first + width:stop])
    while following is not None and values[first + width + following[0]:][:following[1]] == \
            values[first:first + width]:  # the same header again: a table in sections, read on
        skip = first + width + following[0] + following[1]
        nxt = _find_header(doc, cues, cells[skip:stop], values[skip:stop])
        following = None if nxt is None else (skip - first - width + nxt[0], nxt[1], nxt[2])
    if following is not None:
        stop = first + width + following[0]  # another table with its own header begins
        if stop - 1 > first + width and _is_title(doc, cues, cells[stop - 1]):
            stop -= 1  # its title ("PHỤ LỤC II …") goes with it, not with this table's last row
    widths = [width] if numbered is not None else _widths(roles)  # (the column numbers say how many there are)
    width, layout = min((_body_layout(values, first, w, stop, roles[0] == "ordinal") for w in widths),
                        key=lambda found: found[1][0])
    head = cells[first:first + width]
    roles = roles[:width]
    table = Table(start=min(c.start for c in leading + head),
                  end=cells[stop - 1].end if stop > first + width else max(c.end for c in head),
                  header=tuple(head), roles=roles)
    table.rows += [_aligned(doc, cues, [number, title_cell], roles, agency_share)
                   for number, title_cell in zip(*[iter(c for c in leading if _value(doc, c))] * 2, strict=True)]
    for part, groups in layout[1]:
        for group in groups:
            row_cells = [cells[part[k]] for k in group]
            table.rows.append(_aligned(doc, cues, row_cells, roles, agency_share))
    return before, table, cells[stop:]


def _groups_before(values: list[str], first: int) -> int:
    """Index of the first of the group rows ("C | CÁC GIẢI PHÁP …", "I | Tổ chức, bộ máy") that
    stand right above a table's header, as a crawl writes a table whose group opens before the
    header is repeated: they are the table's first groups, not paragraphs. ``first`` if none."""
    begin, k = first, first
    while k > 0:
        while k > 0 and values[k - 1] == "":
            k -= 1
        if k < 2 or not _PART_NUMBER.match(values[k - 2]) or not values[k - 1] or ORDINAL.match(values[k - 1]):
            break
        k -= 2
        begin = k
    return begin


def _numbered_header(doc: NormalizedText, cues: Cues, cells: list[Cell], values: list[str], first: int,
                     width: int) -> tuple[list[Cell], int, list[str | None]] | None:
    """(header cells, index after the header, role each inherits from the cell above it) of a
    header closed by a row of column numbers ("A | B | 1 | 2 | 3 | 4=3/2", "(1) | (2) | …"), as
    forms and budget tables write one under a header of two rows whose first merges cells
    ("Dự kiến 03 năm kế hoạch" over "Năm 2026 | Năm 2027 | Năm 2028"); None if there is none.
    The numbers say how many columns there are: the cells of the first row that are not a row
    number, duty or agency column, leftmost first, are the merged ones, and the second row's
    labels take their place."""
    limit = min(len(values), first + _NUMBERED_HEADER_ROWS * (width + 1) + 1)
    for pos in range(first + width, limit):
        if values[pos - 1] != "" or not (count := _column_numbers(values, pos)) \
                or pos + count < len(values) and values[pos + count] != "":
            continue
        top = cells[first:first + width]
        sub = [c for c, v in zip(cells[first + width:pos], values[first + width:pos], strict=True) if v]
        merged = width + len(sub) - count
        if merged == 0 and not sub:
            return top, pos + count, [None] * width
        if merged < 1:
            return None
        roles = _roles(doc, cues, top)
        spans = [i for i, role in enumerate(roles) if role not in _LEAF_ROLES][:merged]
        if len(spans) < merged or spans != list(range(spans[0], spans[0] + merged)) or len(sub) < merged:
            return None  # (merged cells apart, or fewer labels than them: the header is not understood)
        at = spans[0]
        inherited = [None] * at + [roles[at + j * merged // len(sub)] for j in range(len(sub))] \
            + [None] * (width - at - merged)
        return top[:at] + sub + top[at + merged:], pos + count, [None if r == "other" else r for r in inherited]
    return None


_NUMBERED_HEADER_ROWS = 3
"""Rows of a header that a row of column numbers may close."""
_LEAF_ROLES = frozenset({"ordinal", "task", "procedure", "objective", "lead", "coordinate", "unit"})
"""Column roles of header cells that are columns themselves, never merged over others."""
_COLUMN_NUMBER = re.compile(r"\(?([A-Z]|\d{1,2})\)?(?:\s*=.*)?")
"""A column's number in the row under a header: "A", "1", "(3)", "4=3/2"."""


def _column_numbers(values: list[str], start: int) -> int:
    """How many cells from ``start`` number columns in order (letters "A", "B", … then "1",
    "2", …, or from "2"); 0 if fewer than three do or no digit is among them."""
    pos, letter, number = start, ord("A"), 1
    while pos < len(values) and (found := _COLUMN_NUMBER.fullmatch(values[pos])) is not None:
        token = found.group(1)
        if token.isdigit() and (int(token) == number or number == 1 and int(token) == 2):
            number = int(token) + 1  # (a form may leave out a merged column's "1": "A | B | 2 | 3 …")
        elif not token.isdigit() and number == 1 and ord(token) == letter:
            letter += 1
        else:
            break
        pos += 1
    return pos - start if pos - start >= 3 and number > 2 else 0  # (a lone "2" after "A | B" is no run)


def _widths(roles: tuple[str, ...]) -> list[int]:
    """Header widths to try: all the header-like cells, then without trailing cells of no
    known role (a group title such as "Tuyên truyền nâng cao nhận thức" may look like one)."""
    out = [len(roles)]
    while len(out) < len(roles) and roles[out[-1] - 1] == "other" and out[-1] > 2:
        out.append(out[-1] - 1)
    return out


def _body_layout(values: list[str], first: int, width: int, stop: int, numbered_rows: bool):
    """(width, (cost per row, [(cell indices of a part, row groups)])) of the body under a
    header ``width`` cells wide: the width whose rows fit best is the table's.
    ``numbered_rows``: the header's first column is the row number."""
    body_start = first + width
    separated = body_start < stop and values[body_start] == ""
    parts, cost, rows = [], 0.0, 0
    for part in _parts(values, body_start + separated, stop, values[first:first + width]):
        found = _segment([values[i] for i in part], width, separated, numbered_rows) \
            or _segment([values[i] for i in part], width, not separated, numbered_rows) or (float("inf"), [])
        cost += found[0]
        rows += len(found[1])
        parts.append((part, found[1]))
    return width, (cost / max(rows, 1), parts)


def _parts(values: list[str], start: int, stop: int, header: list[str]) -> list[list[int]]:
    """Index runs of a table body, cut where the header comes again (a table in sections:
    "… | **2. Các nhiệm vụ về chuyển đổi số** | **STT** | **Nhiệm vụ** | …"). The header
    copy is dropped; the section title before it is a run (a row) of its own."""
    width = len(header)
    parts: list[list[int]] = []
    run_start, k = start, start
    while k <= stop - width:
        if values[k:k + width] == header:
            title = k - 1 if k - 1 >= run_start and values[k - 1] else None
            parts.append(list(range(run_start, title if title is not None else k)))
            if title is not None:
                parts.append([title])
            k += width
            while k < stop and values[k] == "":
                k += 1
            run_start = k
            continue
        k += 1
    parts.append(list(range(run_start, stop)))
    return [p for p in parts if p]


def read_pipes(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]],
               agency_share: AgencyShare) -> list[Table]:
    """A markdown table: the first row is the header (a ``|---|`` rule under it is skipped).
    A row closed by its ``|`` has a cell before it even when that cell is empty ("| 4 |
    Việc | Sở Tài chính |  |"), so the cells keep their columns."""
    rows = []
    for s, e in lines:
        if _MARKDOWN_RULE.match(doc.work[s:e]):
            continue
        line = doc.work[s:e]
        line_start = doc.work.index("|", s, e) + 1 if line.lstrip().startswith("|") else s
        line_end = doc.work.rindex("|", s, e) if line.rstrip().endswith("|") else e
        cells = cell_tokens(doc, line_start, line_end)
        if line_end < e and len(cells) == doc.work.count("|", line_start, line_end):
            cells.append(Cell(line_end, line_end))
        rows.append(cells)
    return _line_table(doc, cues, rows, agency_share)


def read_tabs(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]],
              agency_share: AgencyShare) -> list[Table]:
    """A tab-separated table: one row per line, the first is the header.

    A tab separates two cells, so two tabs in a row hold an empty cell ("1\tViệc\t\tSở
    Tài chính": no lead given); a row that then has more cells than the header was
    spaced with extra tabs, and its runs of tabs are read as one."""
    rows = []
    for s, e in lines:
        cells = _tab_cells(doc.work, s, e, r"\t")
        if rows and len(cells) > len(rows[0]):
            cells = _tab_cells(doc.work, s, e, r"\t+")
        rows.append(cells)
    return _line_table(doc, cues, rows, agency_share)


def _tab_cells(work: str, s: int, e: int, separator: str) -> list[Cell]:
    cells, pos = [], s
    for match in re.finditer(separator, work[s:e]):
        cells.append(_trim(work, pos, s + match.start()))
        pos = s + match.end()
    cells.append(_trim(work, pos, e))
    return cells


def _line_table(doc: NormalizedText, cues: Cues, rows: list[list[Cell]],
                agency_share: AgencyShare) -> list[Table]:
    """The tables of a run of rows: the first row is a header; the same header again (a
    page broke the table) is skipped, another header begins a table of its own (a header
    row is short labels, not a numbered row)."""
    if len(rows) < 2:
        return []
    roles = _roles(doc, cues, rows[0])
    if not _is_header(roles):
        return []
    tables = [Table(start=rows[0][0].start, end=rows[0][-1].end, header=tuple(rows[0]), roles=roles, lined=True)]
    for cells in rows[1:]:
        if not cells:
            continue
        if not tables[-1].rows and (joined := _sub_header(doc, cues, list(tables[-1].header), cells)):
            head, roles = joined
            tables[-1] = Table(start=tables[-1].start, end=cells[-1].end, header=tuple(head), roles=roles, lined=True)
            continue
        labels = all(len(_value(doc, c)) <= 60 for c in cells) and not ORDINAL.match(_value(doc, cells[0]))
        own = _roles(doc, cues, cells) if labels else ()
        if own == roles:
            continue
        if labels and _is_header(own) and sum(r != "other" for r in own) >= 2:
            roles = own
            tables.append(Table(start=cells[0].start, end=cells[-1].end, header=tuple(cells), roles=roles, lined=True))
            continue
        tables[-1].rows.append(_aligned(doc, cues, cells[:len(roles)], roles, agency_share))
        tables[-1].end = cells[-1].end
    for table in tables:
        _number_column(doc, table)
    return tables


def _number_column(doc: NormalizedText, table: Table) -> None:
    """A first column under a header no cue knows (OCR's "SITI" for "STT") whose cells are
    mostly row numbers is the row-number column."""
    if table.roles[0] != "other" or "ordinal" in table.roles:
        return
    firsts = [_value(doc, row.cells[0]) for row in table.rows if row.cells and row.cells[0] is not None]
    firsts = [v for v in firsts if v]
    if len(firsts) >= 3 and all(len(v) <= 12 for v in firsts) \
            and sum(bool(ORDINAL.match(v)) for v in firsts) >= _NUMBERED_SHARE * len(firsts):
        table.roles = ("ordinal", *table.roles[1:])


_NUMBERED_SHARE = 0.6


# ---------------------------------------------------------------------------- header and rows

def _is_title(doc: NormalizedText, cues: Cues, cell: Cell) -> bool:
    """A cell that titles a table: an appendix heading or a line in capitals."""
    body = doc.work[cell.start:cell.end].strip(" *")
    return bool(cues["section:appendix"].at(doc.folded, cell.start + len(doc.work[cell.start:cell.end])
                                            - len(doc.work[cell.start:cell.end].lstrip(" *")), cell.end)) \
        or is_caps_line(body)


_ROW_NUMBER_LABEL = re.compile(r"[^\W\d_]{1,3}(?:\s[^\W\d_]{1,3})?")
"""The label of a row-number column alone ("TT", "STT", "Số TT"), not "Số: 23/2025/TT-BTP"."""
_NUMBERED = re.compile(r"(?:\d{1,2}|[IVX]{1,4})[.)]\s")
_PERCENTAGE = re.compile(r"\d\s*%")


def _find_header(doc: NormalizedText, cues: Cues, cells: list[Cell], values: list[str]):
    """(first header cell, width, title split) of the table in a cell run, or None.

    A header is a run of short cells naming at least two column roles, one of them a
    row number, a task or a lead column. When a title shares the first header cell
    ("PHỤ LỤC …\\nSTT"), the split is returned as (title cell, header cell).
    """
    for i in range(len(cells)):
        title = None
        value = values[i]
        if "\n" in doc.work[cells[i].start:cells[i].end]:
            cut = doc.work.rfind("\n", cells[i].start, cells[i].end)
            last = _trim(doc.work, cut + 1, cells[i].end)
            if cues.column_role(_folded(doc, last)) == "ordinal" and len(_value(doc, last)) <= 12:
                title = (_trim(doc.work, cells[i].start, cut), last)
                value = _value(doc, last)
        if not value or len(value) > 60 or ORDINAL.match(value) or _NUMBERED.match(value) \
                or i > 0 and (ORDINAL.match(values[i - 1]) or _step_number(doc, cues, cells[i - 1], values[i - 1])):
            continue  # a header opens with a label, not a row number ("1", "Bước 3") or a numbered section
            # title, nor after one
        first_role = cues.column_role(_folded(doc, title[1] if title else cells[i]))
        if first_role is None or first_role == "step" and _DIGIT.search(value):
            continue  # ("Bước 2" is a row's step, "Bước thực hiện" its column)
        width, roles = 1, [first_role]
        for j in range(i + 1, len(cells)):
            v = values[j]
            if not v or len(v) > 80 or ORDINAL.match(v) or AMOUNT.match(v) or _PERCENTAGE.search(v):
                break  # (a header names "Tỷ lệ (%)", a row holds "Tối đa 10% …")
            roles.append(cues.column_role(_folded(doc, cells[j])))
            width += 1
        if width >= 2 and _is_header(tuple(r or "other" for r in roles)) \
                or width == 2 and first_role == "ordinal" and _ROW_NUMBER_LABEL.fullmatch(value):
            return i, width, title  # ("TT | Tên dịch vụ": a numbered list, its header the row number's label)
    return None


def _step_number(doc: NormalizedText, cues: Cues, cell: Cell, value: str) -> bool:
    """The cell numbers a step of a procedure ("Bước 2"), as a row's first cell does."""
    return _DIGIT.search(value) is not None and cues.column_role(_folded(doc, cell)) == "step"


_DIGIT = re.compile(r"\d")


def _header_rows(doc: NormalizedText, cues: Cues, cells: list[Cell], values: list[str], first: int,
                 width: int) -> tuple[list[Cell], int] | None:
    """(header cells, index after the header) of a cell run's header written on two rows,
    or None. The second row follows the first after an empty cell (the lone ``|`` that
    opens a row), or runs on from it: then a role named twice shows where it begins."""
    end = first + width
    if end < len(values) and values[end] == "":
        stop = next((k for k in range(end + 1, len(values)) if values[k] == ""), len(values))
        joined = _sub_header(doc, cues, cells[first:end], cells[end + 1:stop])
        return None if joined is None else (joined[0], stop)
    roles = _roles(doc, cues, cells[first:end])
    for split in range(width - 2, 1, -1):
        if set(roles[split:]) & set(roles[:split]) - {"other"}:
            joined = _sub_header(doc, cues, cells[first:first + split], cells[first + split:end])
            if joined is not None:
                return joined[0], end
    return None


def _sub_header(doc: NormalizedText, cues: Cues, head: list[Cell],
                sub: list[Cell]) -> tuple[list[Cell], tuple[str, ...]] | None:
    """(header cells, roles) of a header on two rows, or None if ``sub`` is not its second.

    A second header row names columns under a cell of the first merged across them
    ("Cơ quan thực hiện" over "Chủ trì" and "Phối hợp"): short labels, two or more of a
    known role, no row number. Given cell by cell (a pipe row with its empty cells), each
    labelled cell names its column; given alone (a crawl writes a merged cell once), the
    labels take the place of the first-row cell whose role one of them shares.
    """
    values = [_value(doc, c) for c in sub]
    if not values or ORDINAL.match(values[0]) or any(len(v) > 40 for v in values):
        return None
    roles = [cues.column_role(_folded(doc, c)) if v else None for c, v in zip(sub, values, strict=True)]
    if sum(r is not None for r in roles) < 2:
        return _last_cell_split(doc, cues, head, sub, values)
    if len(sub) == len(head) or "" in values:  # cell by cell (either row's trailing empties left out: "| TT | Nội
        # dung | Cơ quan thực hiện | |" over "| | | Chủ trì | Phối hợp |")
        roles += [None] * (len(head) - len(sub))
        cells = [s if role is not None else h for h, s, role in zip(
            head + sub[len(head):], sub + head[len(sub):], roles, strict=True)]
    else:
        if not all(roles):
            return None
        top = _roles(doc, cues, head)
        parent = next((i for i, role in enumerate(top) if role in roles and role not in ("ordinal", "task")), None)
        if parent is None:
            return None
        cells = head[:parent] + sub + head[parent + 1:]
    joined = _roles(doc, cues, cells)
    return (cells, joined) if _is_header(joined) else None


def _last_cell_split(doc: NormalizedText, cues: Cues, head: list[Cell], sub: list[Cell],
                     values: list[str]) -> tuple[list[Cell], tuple[str, ...]] | None:
    """(header cells, roles) of a header whose last cell, a label of no known role, is merged
    over a second row of short labels of none ("… | Mức độ DVCTT" over "Toàn trình | Một
    phần"): the labels are the last columns; None otherwise."""
    if len(head) < 2 or cues.column_role(_folded(doc, head[-1])) is not None \
            or not _SPLIT_LABELS[0] <= len(sub) <= _SPLIT_LABELS[1] \
            or any(not v or _DIGIT.search(v) or len(v.split()) > _SPLIT_LABEL_WORDS for v in values):
        return None
    cells = head[:-1] + sub
    joined = _roles(doc, cues, cells)
    return (cells, joined) if _is_header(joined) else None


_SPLIT_LABELS = (2, 4)
_SPLIT_LABEL_WORDS = 4


def _is_header(roles: tuple[str, ...]) -> bool:
    """Two known roles, one a row number, task or lead; or a row-number column and two or
    more labelled ones ("STT | Địa điểm | Địa chỉ"): a table all the same, which names
    no duty (read as cells, a catalogue's places and addresses became tasks)."""
    known = [r for r in roles if r in _KNOWN]
    if roles and roles[0] == "ordinal" and len(roles) >= 3:  # (a row of empty pipes has no roles)
        return True
    return len(set(known)) >= 2 and bool({"ordinal", "lead", *_TASK_ROLES} & set(known))


def _roles(doc: NormalizedText, cues: Cues, head: list[Cell]) -> tuple[str, ...]:
    roles = []
    year_column = cues.compose(_YEAR_COLUMN, "year-column")
    for cell in head:
        folded = _folded(doc, cell)
        role = cues.column_role(folded) or "other"
        if role in ("budget", "budget-total"):
            year = re.search(r"((?:19|20)\d{2})\s*$", folded)
            if role == "budget" and year:
                role = f"budget:{year.group(1)}"
        elif role == "other" and (year := year_column.fullmatch(folded.strip(" *:.()"))):
            role = f"year:{year.group('last') or year.group('first')}"  # "Năm 2025": each row's value that year
        roles.append(role)
    if roles.count("task") > 1:  # "Thuộc nhóm nhiệm vụ | Nội dung nhiệm vụ": the group labels, the other is the duty
        groups = [i for i, (cell, role) in enumerate(zip(head, roles, strict=True))
                  if role == "task" and cues["group-column"].search(_folded(doc, cell))]
        for i in groups[:roles.count("task") - 1]:
            roles[i] = "other"
    return tuple(roles)


def _table_stop(doc: NormalizedText, cues: Cues, cells: list[Cell], start: int) -> int:
    """Index of the first cell after the table: the signature block ends it, and so does
    the heading of another part of the document in capitals, which a crawl may run into
    the table's last cell ("|" | "PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC …" | "|")."""
    for k in range(start, len(cells)):
        if cues["section:signature"].at(doc.folded, cells[k].start, cells[k].end) or _part_heading(doc, cues, cells[k]):
            return k
    return len(cells)


_PART_TITLE = 60
"""Characters of a part's title read to tell it is in capitals."""
_APPENDIX_NUMBER = 6
"""At most this many characters after "PHỤ LỤC" on an appendix's heading line: its number ("3", "II")."""


def _part_heading(doc: NormalizedText, cues: Cues, cell: Cell) -> bool:
    """The cell opens with the heading of a part of the document, its title in capitals
    ("PHẦN II. NỘI DUNG …", "Phần II." | "QUY TRÌNH NỘI BỘ …" and what the crawl ran on), an
    appendix's heading line ("PHỤ LỤC 3", cue set appendix-heading), or
    with a lettered or numbered heading of a procedure's description ("B. QUY TRÌNH NỘI BỘ
    THỦ TỤC HÀNH CHÍNH" after a list of procedures): never a row of a table of duties."""
    begin = cell.start
    while begin < cell.end and doc.work[begin] in " *":
        begin += 1
    if not doc.work[begin:begin + 1].isupper():
        return False  # (a part's marker opens with a capital: most cells are refused here)
    first = doc.work[begin:cell.end].split("\n", 1)[0].strip(" *")
    named = cues["appendix-heading"].at(fold(first), 0)
    if named and is_caps_line(first) and len(first[named.end():].strip(" .:")) <= _APPENDIX_NUMBER:
        return True  # "PHỤ LỤC 3" on a line of its own, then the appendix's title
    kind, _, title = detect_marker(doc.work, begin, cell.end, cues)
    heading = doc.work[title:min(cell.end, title + _PART_TITLE)].strip(" *\n")
    if kind in ("capital", "roman"):
        line = heading.split("\n", 1)[0].strip(" *")  # (the cell may go on with the procedure's name)
        return is_caps_line(line) and cues.opening_section_kind(fold(line)) == "procedure"
    return kind == "part" and is_caps_line(heading)


def _segment(values: list[str], width: int, separated: bool,
             numbered_rows: bool = False) -> tuple[float, list[list[int]]] | None:
    """(cost, row groups as indices into ``values``) of minimal cost, or None if none fits.

    A full row costs nothing, a short one (merged cells) costs one; a row that opens
    with a row number is cheaper, a short one that does not is dearer, and so is a full
    one when the first column is the row number (``numbered_rows``). In the
    ``separated`` style each row is followed by one empty cell (the lone ``|`` that
    opens the next row), which is consumed; a row without one is dear but possible.
    """
    n = len(values)
    inf = float("inf")
    best = [inf] * (n + 1)
    back: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] == inf:
            continue
        if values[i] == "" and best[i] + 0.8 < best[i + 1]:  # a stray empty cell between rows
            best[i + 1], back[i + 1] = best[i] + 0.8, (i, i)
        numbered = ORDINAL.match(values[i]) is not None
        for size in range(1, width + 1):
            j = i + size
            if j > n:
                break
            nxt = j
            cost = 0.0 if size == width else 1.0
            if separated and j < n:
                if values[j] == "":
                    nxt = j + 1
                else:
                    cost += 2.0  # a row the crawl did not close (a title row, a repeated header)
            if numbered:
                cost -= 0.3
            elif values[i] and (size < width or numbered_rows):
                cost += 0.3
                if numbered_rows and size == width and len(values[i]) > _NUMBER_CELL_CHARS \
                        and sum(1 for k in range(i + 1, j) if values[k]) >= 2:
                    cost += 3.0  # "- Rà soát, cập nhật … | … | Giai đoạn … | | - Xây dựng …": no row of values
                    # opens its number's column with a sentence; two short rows (merged cells) packed into one
                    # (a group's title does, over empty cells: "Xây dựng hệ thống dữ liệu … | | | | |")
            if separated:  # "III.1 | Nhóm … | | III.1.1 | Nhóm …", "I | THỦ TỤC … | | A | LĨNH VỰC …": two rows
                cost += sum(2.0 for k in range(i + 1, j - 1) if values[k] == "" and _PART_NUMBER.match(values[k + 1]))
                cost += sum(_GROUP_ROW for k in range(i + 1, j - 1)
                            if values[k] == "" and _GROUP_NUMBER_TITLE.match(values[k + 1]))
                # ("10 | 1.002294 | Cấp bổ sung … | | B. Thủ tục hành chính cấp tỉnh": a short row, then a group's
                # number and title in one cell, a row of its own however dear)
                if numbered_rows:  # "… | Sở Tài chính | | 2 | Đào tạo …": a short row (merged cells), then row 2
                    cost += sum(_INNER_NUMBER for k in range(i + 1, j - 1)
                                if values[k] == "" and _ROW_NUMBER.fullmatch(values[k + 1]))
            if best[i] + cost < best[nxt]:
                best[nxt], back[nxt] = best[i] + cost, (i, j)
    if best[n] == inf:
        return None
    groups, pos = [], n
    while pos > 0:
        i, j = back[pos]
        if j > i:
            groups.append(list(range(i, j)))
        pos = i
    return best[n], list(reversed(groups))


def _aligned(doc: NormalizedText, cues: Cues, cells: list[Cell], roles: tuple[str, ...],
             agency_share: AgencyShare) -> Row:
    """A row whose cells are placed in the columns their content fits (monotonic).

    A full row keeps its positions unless dropping its trailing empty cells and placing
    the rest by content fits clearly better (a merged cell shifted the others).
    """
    n = len(roles)
    start = cells[0].start if cells else 0
    end = cells[-1].end if cells else 0
    cells = cells[:n]
    values = [_value(doc, c) for c in cells]
    k = len(cells)
    while k > 0 and not values[k - 1]:
        k -= 1
    if len(cells) == n and k == n:
        return Row(tuple(cells), start, end)  # a full row keeps its positions: no need to judge its cells
    kinds = [_content(doc, cues, cells[i], values[i], agency_share) for i in range(len(cells))]
    score = [[_fit(kinds[i], roles[j]) for j in range(n)] for i in range(len(cells))]
    if len(cells) == n:
        positional = sum(score[i][i] for i in range(n))
        placed, best = _place(cells[:k], score[:k], n)
        return Row(tuple(placed) if best > positional + 1.0 else tuple(cells), start, end)
    if len(cells) >= _CONTINUED_ROW_CELLS and kinds[0] != "ordinal":
        score = [[fit + _RIGHT_BIAS * j / n for j, fit in enumerate(row)] for row in score]  # (a tie goes right:
        # a row of several cells and no number goes on under cells merged from the rows above, the first columns)
    placed, _ = _place(cells, score, n)
    return Row(tuple(placed), start, end)


def _place(cells: list[Cell], score: list[list[float]], n: int) -> tuple[list[Cell | None], float]:
    """The monotonic placement of ``cells`` into ``n`` columns with the highest total fit."""
    k = len(cells)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(k + 1)]
    for j in range(n + 1):
        best[0][j] = 0.0
    for i in range(1, k + 1):
        for j in range(i, n + 1):
            best[i][j] = max(best[i][j - 1], best[i - 1][j - 1] + score[i - 1][j - 1])
    placed: list[Cell | None] = [None] * n
    i, j = k, n
    while i > 0:
        if best[i][j] == best[i][j - 1] and j > i:
            j -= 1
        else:
            placed[j - 1] = cells[i - 1]
            i, j = i - 1, j - 1
    return placed, best[k][n]


def _content(doc: NormalizedText, cues: Cues, cell: Cell, value: str, agency_share: AgencyShare) -> str:
    """What a cell holds, judged once per cell: empty, ordinal, amount, agency, period,
    funding, text (30+ characters) or short."""
    if not value:
        return "empty"
    if ORDINAL.match(value):
        return "ordinal"
    if AMOUNT.match(value):
        return "amount"
    if len(value) > 250:
        return "text"  # no list of agencies runs that long
    if agency_share(cell.start, cell.end) >= 0.5:
        return "agency"
    if len(value) < 40 and PERIOD.search(value) or PERIOD.search(first := value.split(". ", 1)[0]) \
            and len(first) < 40 <= len(value) < 160:
        return "period"  # (or a period, then a sentence on it: "Giai đoạn 2026 - 2027. Thực hiện rà soát …")
    if len(value) < 60 and cues["funding-noun"].search(_folded(doc, cell)):
        return "funding"
    return "text" if len(value) >= 30 else "short"


def _fit(content: str, role: str) -> float:
    """How well a cell's content fits a column role."""
    if content == "empty":
        return 0.0
    if content == "ordinal":
        return 3.0 if role == "ordinal" else -2.0
    if role == "ordinal":
        return -2.0
    if content == "amount":
        return 2.0 if role.startswith("budget") else -1.0
    if content == "agency":
        return 2.0 if role in ("lead", "coordinate") else -1.0
    if content == "period":
        return 2.0 if role == "period" else (0.5 if role == "status" else -0.5)
    if content == "funding":
        return 2.0 if role == "funding" else 0.0
    if role in ("lead", "coordinate"):
        return -0.5
    return (1.0 if role in _TASK_ROLES else 0.0) if content == "text" else 0.0


def _trim(work: str, start: int, end: int) -> Cell:
    chunk = work[start:end]
    s = start + len(chunk) - len(chunk.lstrip())
    e = start + len(chunk.rstrip())
    return Cell(s, max(s, e))


def _value(doc: NormalizedText, cell: Cell) -> str:
    return squash(doc.work[cell.start:cell.end])


def _folded(doc: NormalizedText, cell: Cell) -> str:
    return " ".join(doc.folded[cell.start:cell.end].split())
