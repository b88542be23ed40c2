"""Ruled tables in a scanned page: the rules found in the image, cells from them.

A scan has no drawing commands to read the grid from (pdfplumber's way for a PDF with
a text layer), so the rules are found in the pixels: a horizontal rule is a long run of
dark pixels in a row; between two rules, a column separator is a pixel column dark over
nearly the whole band. A separator missing in a band is a cell merged across; a rule
missing over a column is a cell merged down. OCR words are then put in the cells.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DARK = 140
"""Grey level below which a pixel is ink."""
INK_PIXELS = 20
"""Fewer ink pixels than this in a cell is an empty cell with specks (a "1" at 8 pt and
200 dpi has about 40)."""


@dataclass(frozen=True)
class Grid:
    """A table's rules in pixels: rule rows (top to bottom) and column edges (left to
    right), which rule segments and separators exist, and the pixel size of a point."""

    rules: list[int]
    edges: list[int]
    across: np.ndarray  # [band, edge]: a separator at this edge in this band
    down: np.ndarray  # [rule, column]: this rule runs over this column
    scale: float

    def pixel_box(self) -> tuple[int, int, int, int]:
        """The table's box in pixels, its outer rules included."""
        return self.edges[0] - 6, self.rules[0] - 6, self.edges[-1] + 6, self.rules[-1] + 6

    def box(self) -> tuple[float, float, float, float]:
        """The table's box in points."""
        return (self.edges[0] / self.scale, self.rules[0] / self.scale,
                self.edges[-1] / self.scale, self.rules[-1] / self.scale)


def find_grids(image, dpi: int) -> list[Grid]:
    """The ruled tables of a page image (PIL), largest rules first found."""
    ink = np.asarray(image.convert("L")) < DARK
    height, width = ink.shape
    long = max(40, width // 12)  # a rule runs at least a twelfth of the page across
    rows = _runs(ink, long)
    lines = _cluster([y for y in range(height) if rows[y]])
    grids = []
    for group in _tables(lines, rows):
        for part in _ruled_parts(ink, group, rows):
            grid = _grid(ink, part, rows)
            if grid is not None:
                grids.append(Grid(*grid, scale=dpi / 72))
    return grids


def _runs(ink: np.ndarray, length: int) -> list[tuple[int, int] | None]:
    """Per pixel row, the span (first, last) of its runs of ``length`` dark pixels."""
    sums = np.pad(np.cumsum(ink, axis=1, dtype=np.int32), ((0, 0), (1, 0)))
    full = (sums[:, length:] - sums[:, :-length]) == length
    out: list[tuple[int, int] | None] = []
    for row in full:
        where = np.flatnonzero(row)
        out.append((int(where[0]), int(where[-1]) + length) if where.size else None)
    return out


def _cluster(values: list[int], gap: int = 3) -> list[int]:
    """Adjacent values (a rule several pixels thick) as one, their middle."""
    groups: list[list[int]] = []
    for value in values:
        if groups and value - groups[-1][-1] <= gap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [(g[0] + g[-1]) // 2 for g in groups]


def _tables(lines: list[int], rows) -> list[list[int]]:
    """Rules grouped by overlapping across (a table's rules share its width)."""
    groups: list[list[int]] = []
    for y in lines:
        if groups and _overlap(rows[groups[-1][-1]], rows[y]):
            groups[-1].append(y)
        else:
            groups.append([y])
    return [g for g in groups if len(g) >= 2]


def _ruled_parts(ink: np.ndarray, rules: list[int], rows) -> list[list[int]]:
    """The runs of consecutive rules whose bands have column separators: two rules with
    only text between them (a rule under a heading, then another table) are not a table."""
    parts: list[list[int]] = [[rules[0]]]
    for top, bottom in zip(rules, rules[1:], strict=False):
        left, right = max(rows[top][0], rows[bottom][0]), min(rows[top][1], rows[bottom][1])
        band = ink[top + 3:bottom - 2, max(0, left - 3):right + 3]
        ruled = band.shape[0] >= 4 and len(_cluster([int(x) for x in np.flatnonzero(band.mean(axis=0) >= 0.85)])) >= 2
        if ruled:
            parts[-1].append(bottom)
        else:
            parts.append([bottom])
    return [p for p in parts if len(p) >= 2]


def _overlap(a, b) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) - max(a[0], b[0]) > 0.5 * min(a[1] - a[0], b[1] - b[0])


def _grid(ink: np.ndarray, rules: list[int], rows):
    left = min(rows[y][0] for y in rules)
    right = max(rows[y][1] for y in rules)
    separators: list[list[int]] = []
    for top, bottom in zip(rules, rules[1:], strict=False):
        band = ink[top + 3:bottom - 2, left - 3:right + 3]
        if band.shape[0] < 4:
            separators.append([])
            continue
        share = band.mean(axis=0)
        separators.append([left - 3 + x for x in _cluster([int(x) for x in np.flatnonzero(share >= 0.85)])])
    edges = _cluster(sorted(x for band in separators for x in band), gap=6)
    if len(edges) < 3:  # at least two columns between three edges
        return None
    across = np.array([[any(abs(x - e) <= 6 for x in band) for e in edges] for band in separators])
    down = np.zeros((len(rules), len(edges) - 1), dtype=bool)
    for i, y in enumerate(rules):
        line = ink[max(0, y - 2):y + 3].any(axis=0)
        for j, (a, b) in enumerate(zip(edges, edges[1:], strict=False)):
            down[i, j] = line[a + 4:b - 3].mean() >= 0.8 if b - a > 8 else True
    return rules, edges, across, down


def has_ink(image) -> bool:
    """Whether a cell's image holds any writing (an empty cell OCR'd gives noise: "¬", "-")."""
    ink = np.asarray(image) < DARK
    return int(ink.sum()) >= INK_PIXELS


def _origins(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """Each (band, column) slot's cell: the slot where the cell starts (merged cells
    share one)."""
    bands, columns = len(grid.rules) - 1, len(grid.edges) - 1
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(bands):
        for j in range(columns):
            if j > 0 and not grid.across[i, j]:
                origin[(i, j)] = origin[(i, j - 1)]  # no separator on its left: merged across
            elif i > 0 and not grid.down[i, j]:
                origin[(i, j)] = origin[(i - 1, j)]  # no rule above it: merged down
            else:
                origin[(i, j)] = (i, j)
    return origin


def cell_boxes(grid: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Each cell's box in pixels (left, top, right, bottom), inside its rules."""
    boxes: dict[tuple[int, int], list[int]] = {}
    for (i, j), root in _origins(grid).items():
        box = [grid.edges[j], grid.rules[i], grid.edges[j + 1], grid.rules[i + 1]]
        if root in boxes:
            old = boxes[root]
            boxes[root] = [min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3])]
        else:
            boxes[root] = box
    return {root: (b[0] + 5, b[1] + 5, b[2] - 4, b[3] - 4) for root, b in boxes.items()}


def table_rows(grid: Grid, texts: dict[tuple[int, int], str]) -> list[list[str]]:
    """The table's rows of cell texts (``texts`` by cell, as :func:`cell_boxes` keys them):
    a cell merged down repeated in every row it spans, one merged across given once with
    empty cells after it."""
    origin = _origins(grid)
    bands, columns = len(grid.rules) - 1, len(grid.edges) - 1
    return [["" if origin[(i, j)][1] < j else texts.get(origin[(i, j)], "") for j in range(columns)]
            for i in range(bands)]
