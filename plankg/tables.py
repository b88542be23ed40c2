"""Query results as a terminal table, CSV or JSON (what the CLI prints)."""

from __future__ import annotations

import csv
import io
import json

from plankg.graph.sparql import Result

_CELL = 72


def render_result(result: Result, fmt: str, group: str | None = None) -> str:
    """Format rows; a table may be grouped under headings by one column (e.g. province)."""
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=result.columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in result.rows)
        return out.getvalue()
    return _table(result, group if group in result.columns else None)


def _table(result: Result, group: str | None) -> str:
    columns = [c for c in result.columns if c != group]
    rows = [{c: _cell(r.get(c)) for c in result.columns} for r in result.rows]
    widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in columns}
    header = "  ".join(c.ljust(widths[c]) for c in columns)
    lines = [header, "  ".join("-" * widths[c] for c in columns)]
    current = object()
    for row in rows:
        if group and row[group] != current:
            current = row[group]
            lines.append(f"== {current or '(none)'} ==")
        lines.append("  ".join(row[c].ljust(widths[c]) for c in columns).rstrip())
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


def _cell(value) -> str:  # noqa: ANN001
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= _CELL else text[:_CELL - 1] + "…"
