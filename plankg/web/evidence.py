"""A source text cut into runs, each marked with the evidence that covers it, so a page can
show the task's words and each assignment's words where they stand in the text."""

from __future__ import annotations

CONTEXT = 1500
"""Characters shown either side of the evidence unless the whole text is asked for."""


def highlighted(text: str, parts: list[dict], whole: bool = False) -> list[tuple[str, str]]:
    """(run of text, marks) pairs: marks is "" or space-separated classes ("task", "lead",
    "coordinating"). Offsets outside the text are clipped; overlapping spans share a run."""
    spans = []
    for part in parts:
        start, end = _offset(part.get("start")), _offset(part.get("end"))
        if start is None or end is None or end <= start:
            continue
        mark = "task" if part.get("part") == "task" else (part.get("role") or "evidence")
        spans.append((max(0, min(start, len(text))), max(0, min(end, len(text))), mark))
    if not spans:
        return [(text if whole else text[:2 * CONTEXT], "")]
    first, last = min(s for s, _, _ in spans), max(e for _, e, _ in spans)
    lo, hi = (0, len(text)) if whole else (max(0, first - CONTEXT), min(len(text), last + CONTEXT))
    cuts = sorted({lo, hi, *(min(max(p, lo), hi) for s, e, _ in spans for p in (s, e))})
    runs = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        marks = sorted({m for s, e, m in spans if s <= a and b <= e})
        runs.append((text[a:b], " ".join(marks)))
    if lo > 0:
        runs.insert(0, ("… ", ""))
    if hi < len(text):
        runs.append((" …", ""))
    return runs


def _offset(value) -> int | None:  # noqa: ANN001 - a query cell
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
