"""Word (.docx) → rendered text: body paragraphs with Word's automatic numbering
written out, tables with merged cells resolved, headers, footers and footnotes left out.

Read straight from the package's XML with lxml: python-docx gives neither the rendered
numbering nor the cells a vertical merge covers, and reading the XML once is faster
than building its object model (figures in docs/performance.md).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree
from plankg.loaders.rendering import Rendering
from plankg.loaders.sniff import ZIP_ERRORS

from plankg.errors import SourceError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_NS = {"w": W}
_LEVEL = re.compile(r"%([1-9])")
_MAX_XML = 200_000_000
"""Refuse a document part that inflates past this (a zip bomb), before parsing it."""


def read_docx(data: bytes, source: str) -> Rendering:
    """The rendered text of a Word document (see plankg.loaders.rendering)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {name: _part(archive, name) for name in
                 ("word/document.xml", "word/numbering.xml", "word/styles.xml") if name in archive.namelist()}
    except ZIP_ERRORS as err:
        raise SourceError(source, f"a damaged Word file ({err}): expected a .docx that Word can open") from None
    if "word/document.xml" not in parts:
        raise SourceError(source, "a zip without word/document.xml: expected a Word .docx file")
    try:
        body = etree.fromstring(parts["word/document.xml"], _parser()).find(f"{_W}body")
        numbering = Numbering(_tree(parts.get("word/numbering.xml")), _tree(parts.get("word/styles.xml")))
    except etree.XMLSyntaxError as err:
        raise SourceError(source, f"a damaged Word file (its XML: {err.msg}): expected a .docx that Word "
                                  "can open") from None
    if body is None:
        raise SourceError(source, "a Word file without a body: expected a .docx with text")
    out = Rendering()
    _Body(out, numbering).blocks(body)
    return out


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _MAX_XML:
        raise ValueError(f"{name} inflates to more than {_MAX_XML // 1_000_000} MB")
    return archive.read(name)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _tree(data: bytes | None):
    return None if data is None else etree.fromstring(data, _parser())


def _val(element, path: str) -> str | None:
    found = element.find(path, _NS) if element is not None else None
    return None if found is None else found.get(f"{_W}val")


# ---------------------------------------------------------------------------- numbering

@dataclass
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Word's list definitions and the running counters of each list while reading."""

    numbering: object
    styles: object
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    style_num: dict[str, tuple[str | None, int, str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.numbering is not None:
            abstract = {a.get(f"{_W}abstractNumId"): a for a in self.numbering.iterfind("w:abstractNum", _NS)}
            for num in self.numbering.iterfind("w:num", _NS):
                base = abstract.get(_val(num, "w:abstractNumId"))
                levels = {int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in
                          (base.iterfind("w:lvl", _NS) if base is not None else ())}
                for override in num.iterfind("w:lvlOverride", _NS):
                    ilvl = int(override.get(f"{_W}ilvl", "0"))
                    if override.find("w:lvl", _NS) is not None:
                        levels[ilvl] = _level(override.find("w:lvl", _NS))
                    start = _val(override, "w:startOverride")
                    if start is not None and ilvl in levels:
                        levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, _int(start, 1))
                self.levels[num.get(f"{_W}numId")] = levels
        if self.styles is not None:
            for style in self.styles.iterfind("w:style", _NS):
                num_pr = style.find("w:pPr/w:numPr", _NS)
                based = _val(style, "w:basedOn")
                if num_pr is not None or based:
                    self.style_num[style.get(f"{_W}styleId")] = (
                        _val(num_pr, "w:numId") if num_pr is not None else None,
                        _int(_val(num_pr, "w:ilvl") if num_pr is not None else None, 0),
                        based)

    def marker(self, p_pr) -> str:
        """The marker Word shows before this paragraph ("1.", "a)", "-"), counting on."""
        num_id, ilvl = self._num_pr(p_pr)
        levels = self.levels.get(num_id) if num_id else None
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl].start
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "+" if level.text.strip() == "+" else "-"
        if level.fmt == "none":
            return _LEVEL.sub("", level.text).strip()

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, level)
            return _format(counts[k] or lvl.start, lvl.fmt)

        return _LEVEL.sub(value, level.text).strip()

    def _num_pr(self, p_pr) -> tuple[str | None, int]:
        num_pr = p_pr.find("w:numPr", _NS) if p_pr is not None else None
        if num_pr is not None and _val(num_pr, "w:numId") is not None:
            return _val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"), 0)
        style, seen = _val(p_pr, "w:pStyle"), set()
        while style and style not in seen:
            seen.add(style)
            num_id, ilvl, based = self.style_num.get(style, (None, 0, None))
            if num_id:
                return num_id, _int(_val(num_pr, "w:ilvl") if num_pr is not None else None, ilvl)
            style = based
        return None, 0


def _level(lvl) -> _Level:
    return _Level(_val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", _int(_val(lvl, "w:start"), 1))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        text = letters[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text, rest = "", n
        for value, numeral in _ROMAN:
            while rest >= value:
                text, rest = text + numeral, rest - value
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# ---------------------------------------------------------------------------- body

@dataclass
class _Body:
    out: Rendering
    numbering: Numbering
    paragraphs: int = 0
    tables: int = 0

    def blocks(self, parent) -> None:
        for child in parent:
            if child.tag == f"{_W}p":
                self.paragraphs += 1
                text = self.paragraph_text(child)
                self.out.paragraph(text, f"paragraph {self.paragraphs}")
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find("w:sdtContent", _NS) if child.tag == f"{_W}sdt" else child
                if content is not None:
                    self.blocks(content)

    def paragraph_text(self, p) -> str:
        """The paragraph as the reader sees it: marker, words, bold shown as ``**``."""
        words, bold_chars, chars = [], 0, 0
        for run in p.iter(f"{_W}r"):
            if any(a.tag in (f"{_W}del", f"{_W}moveFrom") for a in run.iterancestors()):
                continue
            r_pr = run.find("w:rPr", _NS)
            bold = r_pr is not None and r_pr.find("w:b", _NS) is not None and _val(r_pr, "w:b") not in ("0", "false")
            for node in run:
                if node.tag == f"{_W}t":
                    piece = node.text or ""
                elif node.tag == f"{_W}tab":
                    piece = "\t"
                elif node.tag in (f"{_W}br", f"{_W}cr"):
                    piece = "\n"
                else:
                    continue
                words.append(piece)
                visible = len(piece.strip())
                chars += visible
                bold_chars += visible if bold else 0
        text = "".join(words).strip()
        if not text:
            return ""
        marker = self.numbering.marker(p.find("w:pPr", _NS))
        text = f"{marker} {text}" if marker else text
        return f"**{text}**" if chars and bold_chars == chars and "\n" not in text else text

    def table(self, tbl) -> None:
        self.tables += 1
        rows: list[list[tuple[str, str]]] = []
        above: dict[int, tuple[str, str]] = {}
        header_rows = 0
        for r, tr in enumerate(tbl.iterfind("w:tr", _NS), 1):
            row: list[tuple[str, str]] = []
            is_header = tr.find("w:trPr/w:tblHeader", _NS) is not None
            for c, tc in enumerate(tr.iterfind("w:tc", _NS), 1):
                span = _int(_val(tc, "w:tcPr/w:gridSpan"), 1)
                merge = tc.find("w:tcPr/w:vMerge", _NS)
                column = len(row)
                if merge is not None and merge.get(f"{_W}val") in (None, "continue") and column in above:
                    cell = above[column]
                else:
                    cell = (self.cell_text(tc), f"table {self.tables}, row {r}, cell {c}")
                above[column] = cell
                row += [cell] + [("", cell[1])] * (span - 1)
            if is_header and header_rows == r - 1:
                header_rows = r
            rows.append(row)
        self.out.table(rows, data=self.bordered(tbl) or len(rows) >= 3 and max(map(len, rows), default=0) >= 3,
                       header_rows=header_rows or 1)

    def cell_text(self, tc) -> str:
        lines = []
        for p in tc.iter(f"{_W}p"):
            text = self.paragraph_text(p)
            if text:
                lines.append(text)
        return "\n".join(lines)


    def bordered(self, tbl) -> bool:
        """Whether the table draws its grid (its own borders, else its style's): a
        data table; the header and signature blocks are borderless layout tables."""
        borders = tbl.find("w:tblPr/w:tblBorders", _NS)
        style = _val(tbl, "w:tblPr/w:tblStyle")
        if borders is None and style and self.numbering.styles is not None:
            for candidate in self.numbering.styles.iterfind("w:style", _NS):
                if candidate.get(f"{_W}styleId") == style:
                    borders = candidate.find("w:tblPr/w:tblBorders", _NS)
                    break
        return borders is not None and any(b.get(f"{_W}val") not in ("nil", "none") for b in borders)
