"""The plain-text reader: normalised text → :class:`~plankg.loaders.layout.Layout`.

Finds the official text inside the page (plankg.loaders.official), splits its lines
into text runs and table runs (plankg.loaders.grid), reads tables with a header into
the table model and every other run — layout tables such as the header and signature
blocks included — into paragraphs (plankg.loaders.paragraphs).
"""

from __future__ import annotations

import re

from plankg.loaders.cues import Cues
from plankg.loaders.grid import AgencyShare, cell_tokens, read_cells, read_pipes, read_tabs, zones
from plankg.loaders.layout import Block, Layout, line_spans
from plankg.loaders.normalize import NormalizedText
from plankg.loaders.official import caption_line, link_line, notice_line, number_line, official_bounds
from plankg.loaders.paragraphs import paragraphs
from plankg.loaders.registry import Registry


def read_text(doc: NormalizedText, cues: Cues, registry: Registry, agency_share: AgencyShare) -> Layout:
    """The layout of a plain-text document."""
    start, end = official_bounds(doc, cues, registry)
    kinds = frozenset(registry.doc_type_words)
    hidden = cues["furniture:notice"].search(doc.folded, start, end) is not None  # (one scan: most pages hide nothing)
    lines = _header_pieces(doc, cues, [line for line in line_spans(doc.work, start, end)
                                       if not link_line(doc, cues, *line) and not caption_line(doc, cues, *line)
                                       and not (hidden and notice_line(doc, cues, *line))])
    # (no paragraph holds a portal's link, a picture's caption or a notice of hidden text)
    blocks: list[Block] = []
    for zone in zones(doc.work, lines, doc.text):
        run = lines[zone.first:zone.last]
        if not run:
            continue
        if zone.kind == "text":
            blocks += paragraphs(doc, cues, run, kinds=kinds)
            continue
        if zone.kind == "cells":
            cells = cell_tokens(doc, run[0][0], run[-1][1])
            while cells:  # a run of cells may hold several tables, each under its own header
                before, table, cells = read_cells(doc, cues, cells, agency_share)
                for cell in before:
                    cell_lines = _header_pieces(doc, cues, line_spans(doc.work, cell.start, cell.end))
                    blocks += paragraphs(doc, cues, cell_lines, in_cell=True, kinds=kinds)
                if table is None:
                    break
                blocks.append(table)
            continue
        tables = (read_pipes if zone.kind == "pipes" else read_tabs)(doc, cues, run, agency_share)
        blocks += tables or paragraphs(doc, cues, run, kinds=kinds)
    blocks.sort(key=lambda b: b.start)
    return Layout(tuple(blocks), start, end)


_HEADER_LINES = 12
"""Lines at the top of the official text where a header block may stand."""
_HEADER_CUT = re.compile(r"[_\-|](?:(?<=_)_{2,}|(?<=-)-{4,}|(?<=\|)(?<!\S\|)(?!\S))")
"""What separates the pieces of a header crawled onto one line: the rules under the
issuer and the motto, and the cell borders of its layout table (three underscores, five
dashes, a "|" between spaces; written from the first character, so the engine skips to them)."""
_LABEL = r"{0}\s*:"
"""The label of a document's number ("Số:"; cue set number-label), which a header line worth
cutting holds if no motto."""
_WORD = re.compile(r"[^\W\d_]{4,}")


def _header_pieces(doc: NormalizedText, cues: Cues, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A header block crawled onto one line ("CHÍNH PHỦ_______ Số: 172/2025/NĐ-CP | CỘNG HÒA
    … VIỆT NAMĐộc lập – Tự do – Hạnh phúc_____ Hà Nội, ngày …") as the lines it was: the
    issuer, the number, the motto and the place and date each on a line of its own, as
    the header reader expects (a line or a cell of the header's layout table that holds
    the motto or the number). Other lines are kept as they are."""
    out: list[tuple[int, int]] = []
    label = cues.compose(_LABEL, "number-label")
    for start, end in lines[:_HEADER_LINES]:
        pieces = _pieces(doc, start, end) if _HEADER_CUT.search(doc.work, start, end) and (
            cues["motto"].search(doc.folded, start, end) or label.search(doc.folded, start, end)) else []
        if any(cues["motto"].search(doc.folded, s, e) or number_line(doc, cues, s, e) for s, e in pieces):
            out += pieces
        else:
            out.append((start, end))
    return out + lines[_HEADER_LINES:]


def _pieces(doc: NormalizedText, start: int, end: int) -> list[tuple[int, int]]:
    """The line cut at its rules and cell borders, and where a word in capitals runs into
    one in sentence case ("VIỆT NAMĐộc lập": two lines of the header joined)."""
    work = doc.work
    cuts = [(m.start(), m.end()) for m in _HEADER_CUT.finditer(work, start, end)]
    for word in _WORD.finditer(work, start, end):
        text = word.group()
        for k in range(2, len(text) - 2):
            if text[:k + 1].isupper() and text[k + 1:].islower():
                cuts.append((word.start() + k, word.start() + k))
                break
    pieces = []
    for cut_start, cut_end in sorted(cuts):
        if work[start:cut_start].strip():
            pieces.append((start, cut_start))
        start = cut_end
    if work[start:end].strip():
        pieces.append((start, end))
    return pieces
