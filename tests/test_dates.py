"""Dates as documents write them, in Vietnamese and in English translations."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st
from plankg.loaders import dates


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_an_english_date_reads_back_as_written(day):
    text = f"Hanoi, {day.strftime('%B')} {day.day}, {day.year}"
    match = dates.EN_DATE.search(text)
    assert match is not None and dates.english(*match.groups()) == day.isoformat()


@given(st.integers(0, 40), st.integers(0, 14), st.integers(1900, 2099))
def test_iso_refuses_what_no_calendar_has(day, month, year):
    got = dates.iso(year, month, day)
    assert (got is None) == (not (1 <= month <= 12 and 1 <= day <= 31))


def test_a_word_that_is_no_month_gives_no_date():
    assert dates.english("Article", "1", "2025") is None
