"""Query results as a terminal table, CSV or JSON (what the CLI prints)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap

from plankg.graph.query.sparql import Result

_NARROW = 40  # columns other than the wrapped text column are cut at this width
_ID = "https://w3id.org/plankg/id/"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but line feed and tab


def render_result(result: Result, fmt: str, group: str | None = None) -> str:
    """Format rows; a table may be grouped under headings by one column (e.g. province)."""
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=result.columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in result.rows)
        return out.getvalue()
    return _table(result, group if group in result.columns else None)


def csv_cell(value) -> str:  # noqa: ANN001 - any cell value
    """A cell a spreadsheet shows as text: one that opens like a formula ("=", "+", "-", "@")
    gets a leading apostrophe, which spreadsheets hide (OWASP's CSV-injection advice)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _table(result: Result, group: str | None, width: int | None = None) -> str:
    """Rows as aligned columns that fit the terminal: identifiers shown as numbers and
    names (an IRI column is left out where the rows have a number), the longest text
    column wrapped to the width left, control characters made visible."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    columns = [c for c in result.columns if c != group and not _hidden(result, c)]
    rows = [{c: _cell(r.get(c)) for c in result.columns} for r in result.rows]
    widths = {c: min(max([len(c)] + [len(r[c]) for r in rows]), _NARROW) for c in columns}
    text = max(columns, key=lambda c: max([0] + [len(r[c]) for r in rows]), default=None)
    if text is not None:
        others = sum(widths[c] + 2 for c in columns if c != text)
        widths[text] = max(len(text), min(max([0] + [len(r[text]) for r in rows]), width - others))
    lines = ["  ".join(c.ljust(widths[c]) for c in columns).rstrip(),
             "  ".join("-" * widths[c] for c in columns)]
    current = object()
    for row in rows:
        if group and row[group] != current:
            current = row[group]
            lines.append(f"== {current or '(none)'} ==")
        cells = {c: textwrap.wrap(row[c], widths[c]) or [""] if c == text else [_fit(row[c], widths[c])]
                 for c in columns}
        for i in range(max(len(v) for v in cells.values()) if cells else 1):
            lines.append("  ".join((cells[c][i] if i < len(cells[c]) else "").ljust(widths[c])
                                   for c in columns).rstrip())
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


def _hidden(result: Result, column: str) -> bool:
    """An IRI column in a table whose rows all have a number: the number names the row;
    and a ``…_iri`` column, which names a row for a link (web pages, CSV, JSON)."""
    if column.endswith("_iri"):
        return True
    values = [r.get(column) for r in result.rows if r.get(column)]
    return "number" in result.columns and bool(values) and all(str(v).startswith(_ID) for v in values) \
        and all(r.get("number") for r in result.rows)  # an unnumbered plan keeps its IRI to be told apart


def _cell(value) -> str:  # noqa: ANN001
    text = "" if value is None else " ".join(str(value).split())
    if text.startswith(_ID):
        text = text[len(_ID):]  # "eli/kh/ubnd-ben-tre/unnumbered/…": the readable part of our IRIs
    return visible(text)


def visible(text: str) -> str:
    """Text for a terminal: control characters (escape sequences in a document or a file
    name, which a terminal would obey) shown as ``\\xNN``; line feeds and tabs kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
