"""Budget totals a plan states in its text ("Kinh phí ... năm 2022 là 3.802.800.000 đồng,
giai đoạn 2022-2025 là 13.233.000.000 đồng"), to check against its budget table."""

from __future__ import annotations

import bisect
import re

from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.records import Span, StatedBudget

_STATED = re.compile(
    r"(?:năm|giai đoạn|in|for)\s+((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?\s+(?:là|is|was)\s+"
    r"(\d{1,3}(?:[.,]\d{3})+)\s*(?:đồng|VND|VNĐ|dong)", re.IGNORECASE)
_AMOUNT = re.compile(r"[0-9]{3}\s*(?:dong|vnd)")
"""An amount's last digits and its unit, in the folded text: one scan of the document
finds the few paragraphs worth reading with the full pattern (a fourth of its cost)."""


def stated_budgets(doc: NormalizedText, spans: list[tuple[int, int]]) -> list[StatedBudget]:
    """Totals stated in these paragraphs, with their year or period."""
    out: list[StatedBudget] = []
    amounts = [m.start() for m in _AMOUNT.finditer(doc.folded)]
    for start, end in spans:
        first = bisect.bisect_left(amounts, start)
        if first == len(amounts) or amounts[first] >= end:
            continue
        for match in _STATED.finditer(doc.work, start, end):
            first = int(match.group(1))
            last = int(match.group(2) or first)
            amount = int(re.sub(r"[.,]", "", match.group(3)))
            out.append(StatedBudget(first, last, amount, Span(match.start(), match.end()),
                                    squash(doc.text[match.start():match.end()])))
    return out
