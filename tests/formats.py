"""Real files in every format, made from real plan texts by real tools.

``to_docx`` writes a plan text as Word does: numbered items get Word's automatic
numbering (the "1.", "a)", "-" are numbering definitions, not typed), data tables are
real tables with vertically merged cells, the header and signature blocks borderless
layout tables; ``to_pdf`` converts that with LibreOffice headless; ``to_scan`` rasterises
the PDF with pdftoppm into an image-only PDF; ``to_html`` writes a page in the
structure of vbpl.vn or thuvienphapluat.vn around the official text. Used by the tests
(tests/test_formats.py) and the format benchmark (benchmarks/formats.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.cues import load_cues
from plankg.loaders.layout import Para, Table
from plankg.loaders.normalize import normalize, squash
from plankg.loaders.registry import load_registry
from plankg.loaders.text_layout import read_text

_FORMATS = {"arabic": "decimal", "letter": "lowerLetter", "roman": "upperRoman", "capital": "upperLetter"}
_SIMPLE = re.compile(r"^(?:\d+|[a-zđ]|[IVXLC]+|[A-Z])[.)]$")


def blocks_of(text: str):
    """(kind, value) pieces of a plan text in reading order: ("para", (marker, kind, text,
    bold)), ("cells", [cell texts]) for a layout table, ("table", (header, rows)) where a
    row's cell is None when merged with the cell above."""
    doc = normalize(text)
    cues, registry = load_cues(), load_registry()
    layout = read_text(doc, cues, registry, AgencyIndex(registry, cues, doc).share)
    work = doc.work
    out: list = []
    cells: list[str] = []
    prev_end = None
    for block in layout.blocks:
        if isinstance(block, Para) and block.in_cell:
            words = squash(work[block.start:block.end])
            if cells and prev_end is not None and "|" not in doc.text[prev_end:block.start]:
                cells[-1] += "\n" + words
            else:
                cells.append(words)
            prev_end = block.end
            continue
        if cells:
            out.append(("cells", cells))
            cells, prev_end = [], None
        if isinstance(block, Table):
            header = [squash(work[c.start:c.end]) for c in block.header]
            rows = [[None if c is None else squash(work[c.start:c.end]) for c in row.cells] for row in block.rows]
            # a row with most cells absent is a heading row ("II. Phát triển …"): its
            # cells are empty, not merged with the row above
            rows = [[c or "" for c in row] if sum(c is None for c in row) * 2 >= len(row) else row for row in rows]
            out.append(("table", (header, rows)))
        else:
            body = squash(work[block.body_start:block.end])
            if body or block.marker:
                out.append(("para", (squash(work[block.start:block.body_start]) if block.marker else "",
                                     block.marker_kind, body, block.emphasized)))
    if cells:
        out.append(("cells", cells))
    return out


def to_docx(text: str, path: Path) -> Path:
    """The plan text as a Word document with automatic numbering and real tables."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt

    document = docx.Document()
    numbering = document.part.numbering_part.element
    lists: dict[tuple[str, str], tuple[int, int]] = {}
    next_id = [100]

    def new_list(fmt: str, lvl_text: str, start: int) -> int:
        next_id[0] += 1
        num_id = next_id[0]
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{escape(lvl_text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl></w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return num_id

    def numbered(marker: str, kind: str) -> tuple[int, None] | None:
        if kind in ("dash", "plus"):
            fmt, lvl_text, value = "bullet", "-" if kind == "dash" else "+", 1
        elif kind in _FORMATS and _SIMPLE.match(marker):
            fmt, lvl_text = _FORMATS[kind], "%1" + marker[-1]
            token = marker[:-1]
            value = int(token) if token.isdigit() else _value(token, kind)
            if value is None:
                return None
        else:
            return None
        key = (fmt, lvl_text)
        num_id, last = lists.get(key, (0, 0))
        if not num_id or (fmt != "bullet" and value != last + 1):
            num_id = new_list(fmt, lvl_text, value)
        lists[key] = (num_id, value)
        return num_id

    def paragraph(container, text: str, bold: bool = False, num_id: int | None = None):
        p = container.add_paragraph()
        if container is document and not num_id and text.isupper():
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER  # the document kind and title, as typeset
        if text:
            p.add_run(text).bold = bold or None
        if num_id:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return p

    for kind, value in blocks_of(text):
        if kind == "para":
            marker, marker_kind, body, bold = value
            num_id = numbered(marker, marker_kind) if marker else None
            paragraph(document, body if num_id else f"{marker} {body}".strip(), bold, num_id)
        elif kind == "cells":
            rows = layout_rows(value)
            width = max(map(len, rows))
            table = document.add_table(rows=len(rows), cols=width)  # the default style draws no borders
            for r, row in enumerate(rows):
                if len(row) < width:  # a row of one long cell spans the table
                    table.cell(r, len(row) - 1).merge(table.cell(r, width - 1))
                for c, cell_text in enumerate(row):
                    cell = table.cell(r, c)
                    lines = cell_text.split("\n")
                    cell.paragraphs[0].add_run(lines[0])
                    for line in lines[1:]:
                        paragraph(cell, line)
        else:
            header, rows = value
            width = len(header)
            wide = width >= 6
            if wide:  # a wide appendix table is set on landscape pages, as real appendices are
                _orient(document, landscape=True)
            table = document.add_table(rows=1 + len(rows), cols=width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            size = Pt(10) if wide else None
            for c, name in enumerate(header):
                run = table.cell(0, c).paragraphs[0].add_run(name)
                run.bold, run.font.size = True, size
            for r, row in enumerate(rows, 1):
                for c in range(width):
                    cell_text = row[c] if c < len(row) else ""
                    cell = table.cell(r, c)
                    if cell_text is None and r > 1:
                        tc_pr = cell._tc.get_or_add_tcPr()
                        tc_pr.append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))
                        above = table.cell(r - 1, c)._tc.get_or_add_tcPr()
                        if above.find(qn("w:vMerge")) is None:
                            above.append(parse_xml(f'<w:vMerge {nsdecls("w")} w:val="restart"/>'))
                    elif cell_text:
                        cell.paragraphs[0].add_run(cell_text).font.size = size
            if wide:
                _orient(document, landscape=False)
    if document.element.body[-2].tag == qn("w:tbl"):
        document.add_paragraph()  # (Word ends a table with a paragraph; LibreOffice's .doc of a file that
        # does not, read back, turns the last table into a line of run-together cell texts)
    document.save(path)
    return path


def layout_rows(cells: list[str]) -> list[list[str]]:
    """A crawled layout table's cells as rows: short cells two by two (the issuer beside
    the national motto, the number beside the date), a long one (a paragraph the crawl
    kept in the table) on a row of its own."""
    rows: list[list[str]] = []
    pending: list[str] = []
    for cell in cells:
        if len(cell) > 120:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([cell])
            continue
        pending.append(cell)
        if len(pending) == 2:
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending)
    return rows


def _orient(document, landscape: bool) -> None:  # noqa: ANN001 - a python-docx Document
    """Start a new section, landscape or portrait."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    long, short = max(section.page_width, section.page_height), min(section.page_width, section.page_height)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _value(token: str, kind: str) -> int | None:
    if kind in ("letter", "capital"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        return letters.index(token.lower()) + 1 if token.lower() in letters else None
    numerals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(token):
        value = numerals[ch]
        total += -value if i + 1 < len(token) and numerals[token[i + 1]] > value else value
    return total


def to_pdf(docx_path: Path, folder: Path) -> Path:
    """The Word file printed to PDF by LibreOffice headless."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), str(docx_path)], check=True, capture_output=True, timeout=300)
    return folder / (docx_path.stem + ".pdf")


def to_doc(docx_path: Path, folder: Path) -> Path:
    """The Word file saved as Word 97-2003 (.doc) by LibreOffice headless."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "doc:MS Word 97", "--outdir", str(folder), str(docx_path)],
                       check=True, capture_output=True, timeout=300)
    return folder / (docx_path.stem + ".doc")


def to_scan(pdf_path: Path, path: Path, dpi: int = 200) -> Path:
    """An image-only PDF of the pages, as a scanner makes: pdftoppm renders each page."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf_path), f"{folder}/page"],
                       check=True, capture_output=True, timeout=600)
        pages = [Image.open(p) for p in sorted(Path(folder).glob("page*.png"))]
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=dpi)
    return path


def to_html(text: str, path: Path, site: str = "vbpl") -> Path:
    """The plan text inside a page with the structure of a legal portal: the site's
    navigation and footer around the official text's container (vbpl.vn: div
    #toanvancontent; thuvienphapluat.vn: div.content1 > #divContentDoc), tables as
    <table> with rowspan for merged cells."""
    body: list[str] = []
    for kind, value in blocks_of(text):
        if kind == "para":
            marker, _, words, bold = value
            inner = escape(f"{marker} {words}".strip())
            body.append(f"<p><b>{inner}</b></p>" if bold else f"<p>{inner}</p>")
        elif kind == "cells":
            rows = layout_rows(value)
            body.append('<table width="100%" cellpadding="0">' + "".join(
                "<tr>" + "".join(f'<td valign="top"><p align="center">{escape(c).replace(chr(10), "<br>")}</p></td>'
                                 for c in row) + "</tr>" for row in rows) + "</table>")
        else:
            header, rows = value
            html = ['<table border="1" cellspacing="0"><tr>' + "".join(f"<td><b>{escape(h)}</b></td>" for h in header)
                    + "</tr>"]
            for r, row in enumerate(rows):
                cells = []
                for c, cell in enumerate(row):
                    if cell is None:
                        continue
                    span = 1
                    while r + span < len(rows) and c < len(rows[r + span]) and rows[r + span][c] is None:
                        span += 1
                    attr = f' rowspan="{span}"' if span > 1 else ""
                    cells.append(f"<td{attr}>{escape(cell)}</td>")
                html.append("<tr>" + "".join(cells) + "</tr>")
            body.append("".join(html) + "</table>")
    content = "\n".join(body)
    furniture = ('<div class="header"><a href="/">Trang chủ</a> | <a href="/dang-nhap">Đăng nhập</a>'
                 ' | Hotline: 1900 6192</div><ul class="menu"><li><a href="/vb">Văn bản pháp luật</a></li>'
                 '<li><a href="/tin">Tin tức</a></li></ul>')
    footer = ('<div class="footer">Bản quyền thuộc về cổng thông tin. Mọi sao chép phải ghi rõ nguồn.'
              ' Liên hệ: 024 3333 3333.</div>')
    if site == "vbpl":
        main = f'<div class="box-toanvan"><div id="toanvancontent" class="toanvancontent">{content}</div></div>'
    else:
        main = (f'<div class="content1"><div id="divContentDoc"><div class="cldivContentDocVn">{content}'
                '</div></div></div>')
    page = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title>'
            f'<script>var x = "<p>not text</p>";</script><style>p {{ margin: 0 }}</style></head>'
            f'<body>{furniture}<div class="left"><h3>Văn bản liên quan</h3><ul><li><a href="/a">Quyết định 1'
            f'</a></li><li><a href="/b">Nghị định 2</a></li></ul></div>{main}{footer}</body></html>')
    path.write_text(page, encoding="utf-8")
    return path


def have_office() -> bool:
    return shutil.which("soffice") is not None


def have_ocr() -> bool:
    return shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None
