"""The plain-text reader: normalised text → :class:`~plankg.loaders.layout.Layout`.

Finds the official text inside the page (plankg.loaders.official), splits its lines
into text runs and table runs (plankg.loaders.grid), reads tables with a header into
the table model and every other run — layout tables such as the header and signature
blocks included — into paragraphs (plankg.loaders.paragraphs).
"""

from __future__ import annotations

from plankg.loaders.cues import Cues
from plankg.loaders.grid import AgencyShare, cell_tokens, read_cells, read_pipes, read_tabs, zones
from plankg.loaders.layout import Block, Layout, line_spans
from plankg.loaders.normalize import NormalizedText
from plankg.loaders.official import official_bounds
from plankg.loaders.paragraphs import paragraphs
from plankg.loaders.registry import Registry


def read_text(doc: NormalizedText, cues: Cues, registry: Registry, agency_share: AgencyShare) -> Layout:
    """The layout of a plain-text document."""
    start, end = official_bounds(doc, cues, registry)
    kinds = frozenset(registry.doc_type_words)
    lines = line_spans(doc.work, start, end)
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
                    blocks += paragraphs(doc, cues, line_spans(doc.work, cell.start, cell.end), in_cell=True,
                                         kinds=kinds)
                if table is None:
                    break
                blocks.append(table)
            continue
        tables = (read_pipes if zone.kind == "pipes" else read_tabs)(doc, cues, run, agency_share)
        blocks += tables or paragraphs(doc, cues, run, kinds=kinds)
    blocks.sort(key=lambda b: b.start)
    return Layout(tuple(blocks), start, end)
