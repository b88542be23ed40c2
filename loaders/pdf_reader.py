"""PDF → rendered text: each page's text layer through PDFium, or OCR for a page that
has none (a scan); page headers, footers and numbers dropped, lines set back into
paragraphs, the two-column header and signature blocks read column by column.

pypdfium2 (PDFium's text layer, with the box of every text run) is an order of
magnitude faster than pdfplumber on the same files (figures in docs/performance.md).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, replace

from plankg.loaders.rendering import Rendering

from plankg.errors import SourceError

MIN_LAYER_CHARS = 20
"""A page with fewer characters in its text layer is read by OCR (a scanned page)."""
MAX_PAGES = 2000
_PAGE_NUMBER = re.compile(r"^\W*(?:trang|page)?\s*\d{1,4}(?:\s*(?:/|of|trên)\s*\d{1,4})?\W*$", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[\dIVXLCivxlc]{1,5}|[a-zđA-Z])(?:\.\d{1,3})*[.)]?$|^[-+•–]$")
_COLUMN_GAP = 24.0
"""Points between two runs of one line that make them two columns (header blocks)."""
_WRAPPED_JOIN = re.compile(r"(\S[-/]|\d[.,]\d{3}[.,]|\d[.,]\d{1,2})\n(?=\d|(?<=[-/]\n)\w)")
"""A line broken after "NĐ-" or "2025/", or inside a number a narrow column cut
("1.520.\n000.000", "3,2\n5"), goes on without a space; not a sentence that ends on a
year before a numbered item ("… Luật An ninh mạng 2025." | "6. Xây dựng …")."""
_SENTENCE_END = re.compile(r"[.:;!?][\W]*$")
"""How a page's last line ends when its paragraph ends there."""
_FURNITURE_CHARS = 90
"""Running headers and footers are short: a longer line repeated is the document's."""
_MIN_RULES = 4
"""Pages with this many drawn paths may hold a ruled table: pdfplumber looks for it."""
_SPACED_PARAGRAPH = 0.4
"""Line heights by which the space above a line exceeds the page's usual space between
lines when the paragraph before it ended there: the space a word processor adds after a
paragraph (6 pt and more) shows as a gap, though its last line ran full width."""


@dataclass(frozen=True)
class Run:
    """A run of text on a page, its box in points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    bold: bool = False


def read_pdf(data: bytes, source: str, jobs: int = 1) -> Rendering:
    """The rendered text of a PDF (see plankg.loaders.rendering)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise SourceError(source, "an encrypted PDF (it asks for a password): expected an open PDF") from None
        raise SourceError(source, f"a damaged PDF ({err}): expected a PDF that a viewer can open") from None
    try:
        if len(pdf) > MAX_PAGES:
            raise SourceError(source, f"a PDF of {len(pdf)} pages (the limit is {MAX_PAGES}): "
                                      "split it into its documents")
        pages: list[list[Run] | None] = []
        scanned: list[int] = []
        ruled: list[int] = []
        heights: list[float] = []
        scan_tables: dict[int, list[RuledTable]] = {}
        damaged: list[int] = []
        for number in range(len(pdf)):
            try:
                page = pdf[number]
            except pdfium.PdfiumError:  # a damaged page: the others are read
                damaged.append(number + 1)
                pages.append([])
                heights.append(0.0)
                continue
            try:
                height = page.get_height()
                runs = layer_runs(page)
                if sum(len(r.text.strip()) for r in runs) < MIN_LAYER_CHARS:
                    scanned.append(number)
                    runs = None
                elif sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_PATH], max_depth=2)) \
                        >= _MIN_RULES:
                    ruled.append(number)
            except pdfium.PdfiumError:
                damaged.append(number + 1)
                height, runs = 0.0, []
            finally:
                page.close()
            heights.append(height)
            pages.append(runs)
        if len(damaged) == len(pages):
            raise SourceError(source, "a damaged PDF (no page can be loaded): expected a PDF that a viewer can open")
        if scanned:
            from plankg.loaders.ocr import ocr_pages
            for number, (runs, found) in ocr_pages(pdf, scanned, source, jobs).items():
                pages[number], scan_tables[number] = runs, found
    finally:
        pdf.close()
    out = Rendering()
    if damaged:
        out.notes.append(f"{len(damaged)} damaged page(s) left out: " + ", ".join(map(str, damaged[:10])))
    try:
        tables = ruled_tables(data, ruled)
    except Exception as err:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        tables = {}  # the text is read all the same, its tables as lines
        out.notes.append(f"tables not read as tables ({type(err).__name__}): the file looks damaged")
    tables.update(scan_tables)  # (a row cut by a page break is a table of one row at the next page's top)
    tables = _over_page_breaks(tables, heights)
    repeated = _furniture(pages)
    for number, runs in enumerate(pages, 1):
        write_page(out, runs or [], f"page {number}", repeated, tables.get(number - 1, []))
    if scanned:
        out.notes.append(f"{len(scanned)} of {len(pages)} pages read by OCR (Tesseract, Vietnamese): "
                         "check names and numbers")
    return out


def layer_runs(page) -> list[Run]:
    """The text runs of a page's text layer, top-down coordinates, each bold or not by
    its font (a run is set in one font)."""
    text_page = page.get_textpage()
    try:
        height = page.get_height()
        bold = _bold_test(text_page)
        runs = []
        for i in range(text_page.count_rects()):
            left, bottom, right, top = text_page.get_rect(i)
            text = text_page.get_text_bounded(left, bottom, right, top)
            text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "\u00ad")
            if text.strip():
                runs.append(Run(left, height - top, right, height - bottom, text, bold(left, bottom, right, top)))
        return runs
    finally:
        text_page.close()


def _bold_test(text_page):  # noqa: ANN202 - (left, bottom, right, top) -> bool
    """Whether a run of the page is set in a bold font: its weight, or its name
    ("TimesNewRomanPS-BoldMT", "Times New Roman,Bold"), as most PDF writers give only the
    name. One buffer for the names of the page's runs."""
    from pypdfium2 import raw

    name = ctypes.create_string_buffer(_FONT_NAME)

    def bold(left: float, bottom: float, right: float, top: float) -> bool:
        index = raw.FPDFText_GetCharIndexAtPos(text_page.raw, min(left + 2, right), (bottom + top) / 2,
                                               2.0, max(2.0, (top - bottom) / 2))
        if index < 0:
            return False
        if raw.FPDFText_GetFontWeight(text_page.raw, index) >= _BOLD_WEIGHT:
            return True
        raw.FPDFText_GetFontInfo(text_page.raw, index, name, _FONT_NAME, None)
        return bool(_BOLD_NAME.search(name.value.decode("latin-1")))

    return bold


_BOLD_WEIGHT = 600
_FONT_NAME = 128
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def lines_of(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into lines (overlapping vertically), top to bottom, each left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if lines:
            last = lines[-1]
            top, bottom = min(r.top for r in last), max(r.bottom for r in last)
            overlap = min(bottom, run.bottom) - max(top, run.top)
            if overlap > 0.5 * min(bottom - top, run.bottom - run.top):
                last.append(run)
                continue
        lines.append([run])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


def column_edge(lines: list[list[Run]]) -> float | None:
    """Where a second column starts on a page, if one does: the left edge that runs on
    two lines or more begin at after a gap, in the middle of the text's width (the
    national motto beside the issuer, the signer beside the recipients)."""
    if not lines:
        return None
    left = min(line[0].x0 for line in lines)
    right = max(line[-1].x1 for line in lines)
    starts = sorted(run.x0 for line in lines for before, run in zip(line, line[1:], strict=False)
                    if run.x0 - before.x1 > run.bottom - run.top  # wider than a space between words
                    and left + 0.3 * (right - left) < run.x0 < left + 0.7 * (right - left))
    best = max(((sum(1 for y in starts if abs(y - x) <= 3), x) for x in starts), default=(0, None))
    return best[1] if best[0] >= 2 else None


def _columns(line: list[Run], edge: float | None = None) -> list[list[Run]]:
    """A line's runs split at the page's column edge, or where a wide gap separates
    them (not the gap after a list marker, read right or not by OCR: "1." or "2," and a
    tab before the words is one line)."""
    groups = [[line[0]]]
    for run in line[1:]:
        gap = run.x0 - groups[-1][-1].x1
        at_edge = edge is not None and abs(run.x0 - edge) <= 3 and gap > run.bottom - run.top
        head = _joined(groups[-1])
        marker = len(groups) == 1 and (_MARKER.match(head) or len(head) <= 4)
        if at_edge or gap > _COLUMN_GAP and not marker:
            groups.append([run])
        else:
            groups[-1].append(run)
    return groups


def _joined(runs: list[Run]) -> str:
    return " ".join(" ".join(r.text.split()) for r in runs)


def _furniture(pages: list[list[Run] | None]) -> set[str]:
    """Short lines at the top or bottom of most pages (a running header or footer), of
    pages that have a body between them."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for runs in pages:
        lines = lines_of(runs or [])
        if len(lines) < 5:
            continue
        ends = {re.sub(r"\d+", "#", _joined(line)) for line in lines[:2] + lines[-2:]}
        seen.update(text for text in ends if len(text) <= _FURNITURE_CHARS)
    return {text for text, count in seen.items() if count >= max(3, len(pages) // 2)}


@dataclass(frozen=True)
class RuledTable:
    """A table drawn with rules on a page: its box and its rows of cell texts."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]
    continued: bool = False
    """The rest of the table on the page before (its rows are in that one)."""

    def holds(self, run: Run) -> bool:
        x, y = (run.x0 + run.x1) / 2, (run.top + run.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def ruled_tables(data: bytes, numbers: list[int]) -> dict[int, list[RuledTable]]:
    """The ruled tables of the given pages (0-based), found by pdfplumber from the rules
    drawn; a cell merged down is repeated in every row it spans."""
    if not numbers:
        return {}
    import io

    import pdfplumber

    out: dict[int, list[RuledTable]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in numbers:
            page = pdf.pages[number]
            for table in page.find_tables():
                rows = _carried(table)
                if rows and max(map(len, rows)) >= 2:
                    out.setdefault(number, []).append(RuledTable(*table.bbox, rows))
            page.close()
    return out


def _over_page_breaks(tables: dict[int, list[RuledTable]], heights: list[float]) -> dict[int, list[RuledTable]]:
    """Tables with a table that runs on over the page break joined to it: the first
    table of a page, near its top, with as many columns as the last table of the page
    before, near that one's bottom, adds its rows to it (and is marked continued)."""
    out: dict[int, list[RuledTable]] = {}
    owner = None  # the table that continuations on later pages add their rows to
    for number in sorted(tables):
        for table in tables[number]:
            before = out.get(number - 1, [])
            if owner is not None and before and not out.get(number) and table.top < heights[number] / 4 \
                    and before[-1].bottom > heights[number - 1] / 2 and len(owner.rows[0]) == len(table.rows[0]):
                _go_on(owner.rows, [list(row) for row in table.rows])
                out.setdefault(number, []).append(replace(table, rows=[], continued=True))
            elif len(table.rows) >= 2:
                owner = replace(table, rows=[list(row) for row in table.rows])
                out.setdefault(number, []).append(owner)
    return out


def _go_on(rows: list[list[str]], more: list[list[str]]) -> None:
    """Append a table's continuation; a first row with no number is the end of the last
    row's cells, cut by the page break."""
    if more and rows and not more[0][0]:
        rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], more[0], strict=False)]
        more = more[1:]
    rows += more


def _carried(table) -> list[list[str]]:
    """Rows of cell texts; where pdfplumber gives None (a merged cell), the text of the
    cell merged down into it, or "" for one merged across."""
    texts = table.extract()
    origin = {}
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None:
                origin[box] = (r, c)
    rows = []
    for r, row in enumerate(table.rows):
        out = []
        for c, box in enumerate(row.cells):
            if box is not None:
                out.append(" ".join(_WRAPPED_JOIN.sub(r"\1", texts[r][c] or "").split()))
                continue
            x = (table.columns[c].bbox[0] + table.columns[c].bbox[2]) / 2 if c < len(table.columns) else None
            y = (row.bbox[1] + row.bbox[3]) / 2
            cover = next((b for b in table.cells if x is not None and b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
            if cover is not None and cover in origin and origin[cover][0] < r and origin[cover][1] == c:
                out.append(rows[origin[cover][0]][c])
            else:
                out.append("")
        rows.append(out)
    return rows


def write_page(out: Rendering, runs: list[Run], where: str, repeated: set[str],
               tables: list[RuledTable] = ()) -> None:
    """A page's lines as paragraphs (a new one after a wider gap, an indented first
    line or a short last line), column blocks and ruled tables in their places,
    furniture at its ends dropped."""
    runs = [r for r in runs if not any(t.holds(r) for t in tables)]
    pending = sorted(tables, key=lambda t: t.top)
    lines = lines_of(runs)
    while lines and _is_furniture(lines[0], repeated):
        lines.pop(0)
    while lines and _is_furniture(lines[-1], repeated):
        lines.pop()
    if not lines and not pending:
        return
    heights = sorted(max(r.bottom for r in line) - min(r.top for r in line) for line in lines) or [10.0]
    height = heights[len(heights) // 2]
    left = min((min(r.x0 for r in line) for line in lines), default=0.0)
    right = max((max(r.x1 for r in line) for line in lines), default=0.0)
    spaced = _usual_gap(lines, height) + _SPACED_PARAGRAPH * height
    i = 0
    paragraph: list[str] = []
    bold: list[bool] = []  # (each of its lines set in bold, its marker aside)
    previous = None

    def flush(runs_on: bool = False) -> None:
        text = "\n".join(paragraph)
        if paragraph and all(bold):
            text = f"**{text}**"  # a heading set in bold, marked as the text reader knows it
        if paragraph and runs_on:  # (one line break: the next page's first line may go on with it)
            out.add(text, where)
            out.add("\n")
        elif paragraph:
            out.paragraph(text, where)
        paragraph.clear()
        bold.clear()

    edge = column_edge(lines)
    while i < len(lines) or pending:
        if pending and (i >= len(lines) or pending[0].top < min(r.top for r in lines[i])):
            flush()
            table = pending.pop(0)
            if not table.continued:
                out.table([[(text, where) for text in row] for row in table.rows], data=True)
            previous = None
            continue
        if len(_columns(lines[i], edge)) == 2:
            flush()
            i = _write_columns(out, lines, i, where, edge or (left + right) / 2, edge)
            previous = None
            continue
        line = lines[i]
        top = min(r.top for r in line)
        if previous is not None:
            gap = top - previous[0]
            indented = line[0].x0 > left + 2 * height and previous[2] > right - 4 * height
            short = previous[2] < right - 8 * height
            words = _joined(line).split()
            item = line[0].x0 > left + 1.5 * height and line[0].x0 > previous[1] + height \
                and bool(words) and _MARKER.match(words[0]) is not None
            # (an item's marker set in from the line above: its first line, after a ragged last
            # line; a hanging indent sets in its lines of words, not a marker)
            if gap > min(1.6 * height, spaced) or indented or short or item:
                flush()
        worded = [r for r in line if not _MARKER.match(r.text.strip())]
        in_bold = bool(worded) and all(r.bold for r in worded)
        if bold and bold[-1] and not in_bold:
            flush()  # (a heading set in bold ends where the words in plain type begin)
        text = _joined(line)
        bold.append(in_bold)
        if paragraph and paragraph[-1].endswith("\u00ad"):  # Vietnamese words do not
            paragraph[-1] = paragraph[-1][:-1] + "-" + text  # break: a hyphen there is "QĐ-UBND"'s
        elif paragraph and _WRAPPED_JOIN.search(paragraph[-1][-8:] + "\n" + text[:1]):
            paragraph[-1] += text
        else:
            paragraph.append(text)
        previous = (max(r.bottom for r in line), line[0].x0, max(r.x1 for r in line))
        i += 1
    flush(runs_on=previous is not None and previous[2] >= right - 8 * height
          and not _SENTENCE_END.search(paragraph[-1] if paragraph else "."))


def _usual_gap(lines: list[list[Run]], height: float) -> float:
    """The space between a line's bottom and the next line's top inside a paragraph: the
    lower quartile of the page's gaps (a page of short paragraphs has more gaps between
    paragraphs than inside them); a page too short to tell leaves only the gap of more
    than 1.6 line heights to part paragraphs."""
    gaps = sorted(g for above, below in zip(lines, lines[1:], strict=False)
                  if 0 <= (g := min(r.top for r in below) - max(r.bottom for r in above)) < 1.6 * height)
    return gaps[len(gaps) // 4] if len(gaps) >= 3 else 1.6 * height


def _is_furniture(line: list[Run], repeated: set[str]) -> bool:
    text = _joined(line)
    return bool(_PAGE_NUMBER.match(text)) or re.sub(r"\d+", "#", text) in repeated


def _write_columns(out: Rendering, lines: list[list[Run]], first: int, where: str, middle: float,
                   edge: float | None) -> int:
    """Lines set in two columns (the issuer beside the national motto, the number beside
    the place and date, the recipients beside the signer): each row's column cells
    between ``|`` lines, left first, the way the text reader reads a layout table; a
    row ends where a wider gap opens. Returns the index of the first line after them."""
    rows: list[tuple[list[str], list[str]]] = [([], [])]
    i = first
    while i < len(lines):
        groups = _columns(lines[i], edge)
        if i > first and len(groups) == 1 and not _near(lines[i - 1], lines[i], 1.5):
            break
        if i > first and not _near(lines[i - 1], lines[i], 0.8) and any(rows[-1]):
            rows.append(([], []))
        left, right = rows[-1]
        if len(groups) == 1:
            group = groups[0]
            side = left if group[-1].x1 < middle else right if group[0].x0 > middle - 10 else None
            if side is None:
                break
            side.append(_joined(group))
        elif len(groups) == 2:
            left.append(_joined(groups[0]))
            right.append(_joined(groups[1]))
        else:
            break
        i += 1
    for left, right in rows:
        for cell in (left, right):
            if cell:
                out.add("|\n")
                for text in cell:
                    out.line(text, where)
        out.add("|\n")
    out.add("\n")
    return max(i, first + 1)


def _near(above: list[Run], below: list[Run], lines: float) -> bool:
    """Whether a line follows the one above within ``lines`` line heights (a block's
    lines are set tight; what follows a block is further below or crosses the edge)."""
    height = max(max(r.bottom - r.top for r in above), max(r.bottom - r.top for r in below))
    return min(r.top for r in below) - max(r.bottom for r in above) < lines * height
