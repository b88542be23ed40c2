"""The text a reader renders a Word, PDF or HTML document into, and where each part
came from.

Every reader writes the document as the plain text the text reader already reads —
numbering markers written out, a data table as a markdown table (one row per line),
a layout table (the header block, the signature block) as cells between ``|`` lines,
paragraphs separated by a blank line — so the structure and assignment rules are
written once. Each piece keeps its place in the source ("page 3", "paragraph 41",
"table 2, row 5, cell 3", an HTML element's path), so evidence points back at it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from plankg.loaders.normalize import clean


@dataclass(frozen=True)
class Place:
    """Where the characters ``start:end`` of the rendered text come from."""

    start: int
    end: int
    where: str


@dataclass
class Rendering:
    """Rendered text, built piece by piece, with the place of each piece."""

    parts: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, text: str, where: str | None = None) -> None:
        """Append ``text`` (normalised here, so offsets stay valid after normalising)."""
        text = clean(text)
        if where is not None and text.strip():
            self.places.append(Place(self.size, self.size + len(text), where))
        self.parts.append(text)
        self.size += len(text)

    def paragraph(self, text: str, where: str | None = None) -> None:
        """A paragraph of its own: the text, then a blank line."""
        if text.strip():
            self.add(text.strip("\n"), where)
            self.add("\n\n")

    def line(self, text: str, where: str | None = None) -> None:
        """A line ending in one line break (lines of a cell, rows of a table)."""
        self.add(text.replace("\n", " "), where)
        self.add("\n")

    def table(self, rows: list[list[tuple[str, str]]], data: bool, header_rows: int = 1) -> None:
        """A table given as rows of (cell text, place): a cell merged down repeated in
        every row it spans (its value holds for each), one merged across given once,
        with empty cells after it.

        A data table becomes a markdown table whose header joins the texts of its
        ``header_rows`` first rows per column ("Cơ quan" over "Chủ trì" reads "Cơ quan
        Chủ trì"); a layout table becomes each row's cells between ``|`` lines.
        """
        rows = [r for r in rows if any(text.strip() for text, _ in r)]
        if not rows:
            return
        if not data:
            for row in rows:
                for text, where in row:
                    if not text.strip():
                        continue
                    self.add("|\n")
                    for part in text.split("\n"):
                        if part.strip():
                            self.line(part.strip(), where)
                self.add("|\n")
            self.add("\n")
            return
        width = max(len(r) for r in rows)
        rows = [r + [("", "")] * (width - len(r)) for r in rows]
        header_rows = max(1, min(header_rows, len(rows) - 1))
        header = [" ".join(dict.fromkeys(r[c][0].strip() for r in rows[:header_rows] if r[c][0].strip()))
                  for c in range(width)]
        self._row([(text, rows[0][c][1]) for c, text in enumerate(header)])
        self.add("|" + "---|" * width + "\n")
        for row in rows[header_rows:]:
            self._row(row)
        self.add("\n")

    def _row(self, cells: list[tuple[str, str]]) -> None:
        self.add("|")
        for text, where in cells:
            self.add(" ")
            self.add(" ".join(text.replace("|", "/").split()), where)
            self.add(" |")
        self.add("\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


def locator(places: list[Place]):  # noqa: ANN201 - offset → place or None
    """A lookup of the place of the piece holding an offset (places are in text order),
    the offsets sorted once for all the facts of a record."""
    starts = [p.start for p in places]

    def place_of(start: int) -> str | None:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and places[i].start <= start < places[i].end:
            return places[i].where
        return None

    return place_of
