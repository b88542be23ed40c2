"""Normalised text → paragraphs (with their list markers) and flattened tables.

Plans reach us in three line styles, all handled here:

* one paragraph per line (news pages, English translations);
* hard-wrapped lines (copied HTML: "1. Thực\\nhiện sản xuất ..."), detected per
  document and re-joined unless a line starts a new item;
* flattened tables, where every cell ends in ``|`` ("Sở Công Thương |") or is closed
  by a line holding only ``|``; a table with an "STT" header is a task table.

Output spans index the normalised text; nothing is copied or rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.loaders.normalize import NormalizedText

# CASE: item markers, in the order the outline nests them by default.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("article", re.compile(r"(?:Điều|Article)\s+(\d{1,3})\s*[.:]\s*")),
    ("chapter", re.compile(r"(?:Chương|Phần|Mục|Chapter|Part)\s+([IVXLC]{1,6}|\d{1,2})\s*[.:]?\s+")),
    ("roman", re.compile(r"([IVX]{1,5}|Il{1,2})\s*[.)]\s+")),
    ("arabic", re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)](?:\s+|(?=[^\W\d_]))")),
    ("arabic", re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\S)")),
    ("letter", re.compile(r"([a-zđ])\s*\)\s*")),
    ("letter", re.compile(r"([a-zđ])\.\s+(?=[A-ZĐÀ-Ỹ])")),
    ("dash", re.compile(r"([-–—•])\s*(?=[^\s\-–—])")),
    ("plus", re.compile(r"(\+)\s*(?=\S)")),
)
# Lines that always open a paragraph, even inside hard-wrapped text.
_STARTERS = re.compile(
    r"(?:Căn cứ|Pursuant to|Theo đề nghị|Xét đề nghị|Nơi nhận|Recipients|TM\.|KT\.|"
    r"PHỤ LỤC|Phụ lục|Trên đây là|QUYẾT ĐỊNH|KẾ HOẠCH)"
)
_SEPARATOR_LINE = re.compile(r"^[\s\-–—_=*.]*$")
_TERMINAL = re.compile(r"[.:!?]\W*$")
_ORDINAL_CELL = re.compile(r"^(?:[1-9]\d?(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}|Il{1,2}|[A-Z])$")
_TABLE_HEADER = re.compile(r"^(?:stt|tt|so tt|no\.?)$")
_TABLE_TEXT_HEADER = re.compile(r"noi dung|nhiem vu|ten |hoat dong|task|content|description")
_TABLE_GAP_LINES = 8


@dataclass(frozen=True)
class Para:
    """A paragraph: an item with its marker, or a plain paragraph (marker_kind "none")."""

    start: int
    end: int
    marker_kind: str
    marker: str
    body_start: int


@dataclass(frozen=True)
class Cell:
    """A table cell's trimmed span (start == end for an empty cell)."""

    start: int
    end: int


@dataclass
class Table:
    """A task table: header cells and rows of cells, in document order."""

    start: int
    end: int
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    """What the segmenter found, in document order: paragraphs and tables."""

    paras: tuple[Para, ...]
    tables: tuple[Table, ...]
    end: int
    """Where the document's own text ends (web-page furniture after it is ignored)."""


def segment(doc: NormalizedText) -> Segment:
    """Split a normalised document into paragraphs and task tables."""
    end = _content_end(doc.work)
    lines = _lines(doc.work, end)
    wrapped = _is_hard_wrapped(doc.work, lines)
    paras: list[Para] = []
    tables: list[Table] = []
    for kind, chunk in _zones(doc.work, lines):
        if kind == "text":
            paras.extend(_paragraphs(doc.work, chunk, wrapped))
        else:
            before, table = _table(doc, chunk)
            for cell in before:  # a cell's lines belong together unless an item starts
                paras.extend(_paragraphs(doc.work, _lines(doc.work, cell.end, cell.start), True))
            if table is not None:
                tables.append(table)
    paras.sort(key=lambda p: p.start)
    return Segment(tuple(paras), tuple(tables), end)


# ---------------------------------------------------------------------------- lines

def _content_end(work: str) -> int:
    """Offset where a copied web page's furniture begins ("Source: ...", footer links)."""
    for match in re.finditer(r"^[ \t]*(?:Source|Nguồn)\s*:.*$", work, re.MULTILINE):
        if match.start() > len(work) * 0.5:
            return match.start()
    return len(work)


def _lines(work: str, end: int, start: int = 0) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < end:
        nl = work.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _is_hard_wrapped(work: str, lines: list[tuple[int, int]]) -> bool:
    """True when many lines break mid-sentence (next line goes on in lower case)."""
    breaks = total = 0
    for (s1, e1), (s2, e2) in zip(lines, lines[1:], strict=False):
        first, second = work[s1:e1].strip(), work[s2:e2].strip()
        if len(first) < 20 or "|" in first or not second:
            continue
        total += 1
        indent = len(work[s2:e2]) - len(work[s2:e2].lstrip())
        if not _TERMINAL.search(first) and second[0].islower() \
                and detect_marker(work, s2 + indent, e2)[0] == "none":
            breaks += 1
    return total > 0 and breaks / total >= 0.25


def _zones(work: str, lines: list[tuple[int, int]]):
    """Yield ("text", lines) and ("table", lines) runs; a table run holds ``|`` cells."""
    pipe_rows = [i for i, (s, e) in enumerate(lines) if "|" in work[s:e]]
    runs: list[tuple[int, int]] = []
    for i in pipe_rows:
        if runs and i - runs[-1][1] <= _TABLE_GAP_LINES:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    runs = [(_cell_head(work, lines, first), last) for first, last in runs]
    cursor = 0
    for first, last in runs:
        first = max(first, cursor)
        if first > cursor:
            yield "text", lines[cursor:first]
        yield "table", lines[first:last + 1]
        cursor = last + 1
    if cursor < len(lines):
        yield "text", lines[cursor:]


def _cell_head(work: str, lines: list[tuple[int, int]], first: int) -> int:
    """Move a table's first line up over the short lines its first cell began on ("ỦY")."""
    for _ in range(5):
        if first == 0:
            break
        s, e = lines[first - 1]
        text = work[s:e].strip()
        if not text or len(text) > 60 or re.search(r"[.;:!?]$", text):
            break
        first -= 1
    return first


# ---------------------------------------------------------------------------- paragraphs

def detect_marker(work: str, start: int, end: int) -> tuple[str, str, int]:
    """(kind, marker, body_start) of the item marker at ``start``, or ("none", "", start)."""
    line = work[start:end]
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            return kind, match.group(1), start + match.end()
    return "none", "", start


def _paragraphs(work: str, lines: list[tuple[int, int]], wrapped: bool) -> list[Para]:
    paras: list[Para] = []
    current: list[int] | None = None  # [start, end, kind, marker, body]
    prev_text = ""
    last_number = 0

    def flush() -> None:
        nonlocal current
        if current is not None:
            paras.append(Para(current[0], current[1], current[2], current[3], current[4]))
        current = None

    for s, e in lines:
        raw = work[s:e]
        text = raw.strip()
        if not text or _SEPARATOR_LINE.match(text):
            flush()
            prev_text = ""
            continue
        start = s + (len(raw) - len(raw.lstrip()))
        stop = s + len(raw.rstrip())
        kind, marker, body = detect_marker(work, start, stop)
        if wrapped and kind == "arabic" and current is not None:
            # "... ngày 30 tháng\n11) hoặc ..." is a wrapped date, not item 11
            number = int(marker.split(".")[-1])
            if number not in (1, last_number + 1) and not re.search(r"[.;:]$", prev_text):
                kind, marker, body = "none", "", start
        if kind == "arabic":
            last_number = int(marker.split(".")[-1])
        opens = (
            current is None
            or not wrapped
            or kind != "none"
            or bool(_STARTERS.match(text))
            or (prev_text.endswith((".", ":", "./.")) and (text[0].isupper() or text[0] == "("))
        )
        if opens:
            flush()
            current = [start, stop, kind, marker, body]
        else:
            current[1] = stop
        prev_text = text
    flush()
    return [p for p in paras if work[p.body_start:p.end].strip() or p.marker_kind == "none"]


# ---------------------------------------------------------------------------- tables

def _cells(work: str, lines: list[tuple[int, int]]) -> list[Cell]:
    start, end = lines[0][0], lines[-1][1]
    cells, pos = [], start
    for match in re.finditer(r"\|", work[start:end]):
        stop = start + match.start()
        cells.append(_trim(work, pos, stop))
        pos = stop + 1
    if work[pos:end].strip():
        cells.append(_trim(work, pos, end))
    return cells


def _trim(work: str, start: int, end: int) -> Cell:
    chunk = work[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    s, e = start + lead, start + len(chunk.rstrip())
    return Cell(s, max(s, e))


def _table(doc: NormalizedText, lines: list[tuple[int, int]]) -> tuple[list[Cell], Table | None]:
    """Split a ``|`` run into leading cells (plain text) and a task table, if it has one."""
    work, folded = doc.work, doc.folded
    cells = _cells(work, lines)
    for i, cell in enumerate(cells):
        last_line = folded[cell.start:cell.end].rsplit("\n", 1)[-1].strip()
        if not _TABLE_HEADER.match(last_line) or i + 1 >= len(cells):
            continue
        following = folded[cells[i + 1].start:cells[i + 1].end]
        if not _TABLE_TEXT_HEADER.search(" ".join(following.split()) + " "):
            continue
        before = cells[:i]
        title_end = folded.rfind("\n", cell.start, cell.end)
        if title_end > cell.start:  # a title sits in the same cell, above "STT"
            before.append(_trim(work, cell.start, title_end))
            cell = _trim(work, title_end, cell.end)
        header = [cell]
        j = i + 1
        while j < len(cells) and not _ORDINAL_CELL.match(work[cells[j].start:cells[j].end]):
            following = cells[j + 1:j + 3]
            if len(following) == 2 and all(c.end == c.start for c in following):
                break  # a group heading row ("Nhóm một |||||") starts the body
            if cells[j].end > cells[j].start:
                header.append(cells[j])
            j += 1
        table = Table(start=cell.start, end=cells[-1].end, header=header)
        table.rows = _rows(work, cells[j:], len(header))
        return before, table
    return cells, None


def _rows(work: str, cells: list[Cell], width: int) -> list[list[Cell]]:
    """Group cells into rows: a row ends when full, or where the next row visibly starts."""

    def text(c: Cell) -> str:
        return work[c.start:c.end]

    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for k, cell in enumerate(cells):
        value = text(cell)
        starts_row = False
        if row and len(row) >= width or len(row) >= 2 and _ORDINAL_CELL.match(value):
            starts_row = True
        elif len(row) >= 2 and value and not _ORDINAL_CELL.match(value):
            following = [text(c) for c in cells[k + 1:k + width - 1]]
            if len(following) >= width - 2 and not any(following):  # a group heading row
                starts_row = True
        if starts_row:
            rows.append(row)
            row = []
        row.append(cell)
    if row:
        rows.append(row)
    return rows
