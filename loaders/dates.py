"""Dates as documents write them: "ngày 07 tháng 3 năm 2025", "07/3/2025", "May 20, 2025".

One place for the patterns, so the header's issue date, a cited document's date and a
law named by title and date are read alike, in Vietnamese and in English translations.
"""

from __future__ import annotations

import re

VI_DATE = re.compile(r"ngày\s+(\d{1,2})\s*(?:tháng\s*|/)\s*(\d{1,2})\s*(?:năm\s*|/)\s*((?:19|20)\d{2})")
EN_DATE = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s*((?:19|20)\d{2})\b")
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


def iso(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None for a day or month that cannot be."""
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def english(month: str, day: str, year: str) -> str | None:
    """The date "May 20, 2025" gives, or None when the word is not a month."""
    number = MONTHS.get(month.lower())
    return iso(int(year), number, int(day)) if number else None
