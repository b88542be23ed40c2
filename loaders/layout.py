"""The layout model every reader produces: paragraphs with their list markers, tables
with column roles, and the span of the official text inside the file.

Readers (plain text today; Word, PDF and HTML later) turn a file into a
:class:`Layout`; the structure and assignment rules only ever see this model. Every
offset indexes the document's normalised text (plankg.loaders.normalize), so a fact
read from a paragraph or a cell points back to the exact characters of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """A paragraph: an item with its marker ("1.", "a)", "-", "Điều 3."), or plain text.

    ``marker_kind`` is one of part, chapter, section, article, roman, capital, arabic,
    letter, dash, plus, or none; ``body_start`` is where the words after the marker
    begin. ``emphasized`` is true when the whole paragraph is bold or italic in the
    copy (how crawled pages mark headings), ``in_cell`` when it was read from a cell of
    a layout table (the header block, the signature block).
    """

    start: int
    end: int
    marker_kind: str
    marker: str
    body_start: int
    emphasized: bool = False
    in_cell: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell's trimmed span (start == end for an empty cell)."""

    start: int
    end: int

    @property
    def empty(self) -> bool:
        return self.start >= self.end


@dataclass(frozen=True)
class Row:
    """A table row, its cells aligned to the table's columns (None: the cell is merged
    with a cell of a row above, or absent)."""

    cells: tuple[Cell | None, ...]
    start: int
    end: int


@dataclass
class Table:
    """A table with a header: the role of each column (see plankg.loaders.grid) and rows."""

    start: int
    end: int
    header: tuple[Cell, ...]
    roles: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)
    lined: bool = False
    """Rows written one per line with every cell (markdown, tab-separated): a cell merged
    down from the row above is written empty there, where a crawl leaves it out."""

    def column(self, role: str) -> int | None:
        """Index of the first column with this role, or None."""
        return self.roles.index(role) if role in self.roles else None


Block = Para | Table


@dataclass(frozen=True)
class Layout:
    """A document as blocks in reading order, and where its official text lies."""

    blocks: tuple[Block, ...]
    start: int
    end: int

    @property
    def paragraphs(self) -> tuple[Para, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Para))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


ITEM_MARKS = "-–—+•"
"""The characters that open a bulleted item (hyphen, en and em dash, plus, bullet), in a
paragraph, a cell or run on after the sentence before it."""

FILL_IN = re.compile(r"[.…_□☐n<](?:(?<=[.…])[.…]{4}|(?<=…)(?:…|\.{2}|\s*/\s*…)|(?<=_)___|(?<=[□☐])"
                     r"|(?<=n)gày(?:\s*[.…]+\s*tháng|\s+tháng\s+năm\W*$)|(?<=<)[^\W\d_][^<>\n]{1,80}>)")
"""The blanks and boxes of a form to fill in ("Tên nhiệm vụ: ………", "ngày ….. tháng …..",
"Nghị định số …/…/NĐ-CP", "Hà Nội, ngày tháng năm", "□", "<tên viết tắt của cơ quan>"):
words of a form or a template attached to the document, never a duty. (Five dots, two
ellipses or one and two dots, "…/…", four underscores, a box, a date left blank, words
in angle brackets; opening with the set of first characters lets the engine skip to
them: four times as fast as the plain alternation, which is tried at every position.)"""


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, without the line break."""
    end = len(text) if end is None else end
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out
