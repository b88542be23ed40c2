"""HTML → rendered text: the official text's container on a legal portal's page (the
ids and classes are cue data, ``html:container``), or else the page's main content;
``<table>`` to the table model with ``rowspan`` and ``colspan`` honoured.

lxml's HTML parser reads broken markup as browsers do and is several times faster than
html.parser (figures in docs/performance.md).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from plankg.loaders.cues import Cues
from plankg.loaders.decode import decode_source
from plankg.loaders.rendering import Rendering

from plankg.errors import SourceError

_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "head", "nav", "form", "button", "select",
         "input", "textarea", "object", "embed", "canvas", "aside", "footer", "menu")
_BLOCK = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article",
                    "center", "pre", "dd", "dt", "ul", "ol", "dl", "main", "header", "address", "figure",
                    "figcaption", "hr", "body", "td", "th", "tr", "tbody", "thead"))
_BOLD = frozenset(("b", "strong"))
_MIN_TEXT = 200
"""Fewer characters than this in the main content: a page without a document."""
_BORDER = re.compile(r"border(?:-\w+)?\s*:\s*(?!none|0(?![.\d]))", re.IGNORECASE)


def read_html(data: bytes, source: str, cues: Cues) -> Rendering:
    """The rendered text of a web page's official text (see plankg.loaders.rendering)."""
    try:
        text = decode_source(data, source).text
    except SourceError as err:
        raise SourceError(source, f"a web page that cannot be decoded: {err.message}") from None
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as err:
        raise SourceError(source, f"an HTML page that cannot be parsed ({err}): expected a web page") from None
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for comment in root.xpath("//comment()"):
        comment.drop_tree() if comment.getparent() is not None else None
    main = _container(root, cues)
    main = _main_content(root) if main is None else main
    if main is None or len(" ".join(main.text_content().split())) < _MIN_TEXT:
        raise SourceError(source, "an HTML page with no main text: expected a page holding a plan's text")
    out = Rendering()
    _Walker(out, main.getroottree()).block(main)
    return out


def _container(root, cues: Cues):
    """The element a legal portal keeps the official text in (the first with text)."""
    names = {name.lower() for name in cues["html:container"].raw_phrases}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tokens = {element.get("id", "").lower(), *element.get("class", "").lower().split()}
        if tokens & names and len(element.text_content().strip()) >= _MIN_TEXT:
            return element
    return None


def _main_content(root):
    """The smallest element holding most of the page's text that is not links: from the
    body, step into the child holding three quarters of it while there is one."""
    def weight(element) -> int:
        words = len(" ".join(element.text_content().split()))
        links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        return words - 2 * links

    node = root.find("body") if root.find("body") is not None else root
    total = weight(node)
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        best = max(children, key=weight, default=None)
        if best is None or best.tag in ("p", "table") or weight(best) < 0.75 * total:
            return node
        node, total = best, weight(best)


class _Walker:
    """Writes a container's blocks as paragraphs and its tables as tables."""

    def __init__(self, out: Rendering, tree) -> None:
        self.out, self.tree = out, tree
        self.buffer: list[str] = []
        self.where: str | None = None

    def flush(self) -> None:
        text = "".join(self.buffer)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        joined = "\n".join(line for line in lines if line.strip("* "))
        if joined.strip():
            self.out.paragraph(joined, self.where)
        self.buffer, self.where = [], None

    def block(self, element) -> None:
        if element.tag == "table":
            self.flush()
            self.table(element)
        else:
            self.inline(element)
        if element.tail and element.tail.strip():
            self.buffer.append(element.tail)

    def inline(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK:
            self.flush()
        if tag == "br":
            self.buffer.append("\n")
        if self.where is None and (element.text or "").strip():
            self.where = self.tree.getpath(element)
        bold = tag in _BOLD or "bold" in element.get("style", "").replace(" ", "").lower()
        if bold:
            self.buffer.append(" **")
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "table":
                self.block(child)
                continue
            self.inline(child)
            if child.tail:
                if self.where is None and child.tail.strip():
                    self.where = self.tree.getpath(element)
                self.buffer.append(child.tail)
        if bold:
            self.buffer.append("** ")
        if tag in _BLOCK:
            self.flush()

    def table(self, table) -> None:
        grid: dict[tuple[int, int], tuple[str, str]] = {}
        header_rows = 0
        rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
        for r, tr in enumerate(rows):
            c = 0
            cells = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            if cells and (all(td.tag == "th" for td in cells) or tr.getparent().tag == "thead") \
                    and header_rows == r:
                header_rows = r + 1
            for td in cells:
                while (r, c) in grid:
                    c += 1
                text = _cell_text(td)
                where = self.tree.getpath(td)
                down, across = _span(td.get("rowspan")), _span(td.get("colspan"))
                for dr in range(down):
                    for dc in range(across):
                        grid[(r + dr, c + dc)] = (text, where) if dc == 0 else ("", where)
                c += across
        if not grid:
            return
        height = max(r for r, _ in grid) + 1
        width = max(c for _, c in grid) + 1
        matrix = [[grid.get((r, c), ("", "")) for c in range(width)] for r in range(height)]
        data = _bordered(table) or height >= 3 and width >= 3
        self.out.table(matrix, data=data, header_rows=header_rows or 1)


def _owner(tr):
    """The table a row belongs to (rows of nested tables belong to those)."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cell_text(td) -> str:
    """A cell's text, its paragraphs on lines of their own (nested tables flattened)."""
    out = Rendering()
    _Walker(out, td.getroottree()).inline(td)
    return "\n".join(line for line in out.text.split("\n") if line.strip())


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _bordered(table) -> bool:
    border = table.get("border", "0").strip()
    return (border not in ("", "0")) or bool(_BORDER.search(table.get("style", ""))) or \
        "grid" in table.get("class", "").lower() or "bordered" in table.get("class", "").lower()
