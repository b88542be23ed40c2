"""Any text gives records or a clear SourceError, never a traceback (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plankg.loaders import extract_text
from plankg.loaders.decode import decode_bytes

from plankg.errors import SourceError
from plankg.samples import sample_paths

SAMPLES = [p.read_text(encoding="utf-8") for p in sample_paths()]
PIECES = st.sampled_from(["Căn cứ ", "Quyết định số ", "889/QĐ-TTg", "|", "\n", "a) ", "1.1. ", "- ",
                          "Sở Công Thương", "chủ trì, phối hợp với ", "UBND các huyện, TP", "STT |",
                          "Nội dung |", "%", "(5-8)%", "4.580.000.000", "Đơn vị thực hiện:", "**", "#",
                          "| |||", "|---|---|"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=40))
def test_random_plan_like_text_never_crashes(parts):
    record = extract_text("".join(parts), "fuzz")
    for task in record.tasks:
        assert 0 <= task.span.start <= task.span.end


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), st.integers(0, 60000), st.integers(0, 60000), st.text(max_size=20))
def test_mutated_samples_never_crash(text, cut, paste_at, insert):
    mutated = text[:cut % (len(text) + 1)] + insert + text[paste_at % (len(text) + 1):]
    extract_text(mutated, "mutant")


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_source_error(data):
    try:
        decode_bytes(data, "blob")
    except SourceError as err:
        assert str(err).startswith("blob")


def test_regression_amounts_are_not_item_numbers():
    """Found by Hypothesis: "4.580.000.000" was read as item "4." and the outline crashed."""
    record = extract_text("4.580.000.000|4.580.000.000", "amounts")
    assert record.tasks == ()


def test_regression_a_table_whose_header_row_is_only_pipes():
    """Found in the public crawl (28 pages): a markdown table whose first row is pipes and
    nothing else ("| |" over "|---|---|") has no header roles, and the header test read
    the first of none."""
    text = "Giá trị đồng VNDCCH\n| |\n|---|---|\n| Năm | Hối suất với 1 đồng |\n| 1955 | 3,76 |\n"
    record = extract_text(text, "pipes")
    assert not any(task.text[:1].isdigit() for task in record.tasks)  # (the rows are figures)
