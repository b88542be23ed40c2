"""OCR repair: tone marks and capitals (plankg.loaders.spelling) on the shipped counts, split figures."""

from hypothesis import given, settings
from hypothesis import strategies as st
from plankg.loaders.spelling import base_form, load_model


def repaired(text: str) -> str:
    return " ".join(load_model().repair(text.split()))


def test_misread_tone_marks_and_hats_are_put_right():
    # misreadings Tesseract made on the samples' scans
    assert repaired("Tố chức học tập kinh nghiệm") == "Tổ chức học tập kinh nghiệm"
    assert repaired("Hồ trợ doanh nghiệp triển khai") == "Hỗ trợ doanh nghiệp triển khai"
    assert repaired("Xuât bản, in ấn tài liệu") == "Xuất bản, in ấn tài liệu"
    assert repaired("Hướng dân các đơn vị kinh doanh") == "Hướng dẫn các đơn vị kinh doanh"


def test_capitals_amid_small_letters_are_small():
    assert repaired("vận động các CƠ SỞ sản xuất") == "vận động các cơ sở sản xuất"
    assert repaired("xuất nhập khẩu bền VỮng;") == "xuất nhập khẩu bền vững;"


def test_capitals_of_other_shapes_are_abbreviations():
    assert repaired("phổ cập dịch vụ AI đến các doanh nghiệp") == "phổ cập dịch vụ AI đến các doanh nghiệp"


def test_what_is_right_stays():
    text = ("Sở Công Thương chủ trì, phối hợp với UBND các huyện, thị xã, thành phố "
            "triển khai Quyết định số 889/QĐ-TTg của Thủ tướng Chính phủ.")
    assert repaired(text) == text
    heading = "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG QUỐC GIA VỀ SẢN XUẤT"
    assert repaired(heading) == heading


def test_punctuation_and_numbers_end_a_run_and_stay():
    assert repaired("(băng rôn) 02 lần/năm; Tố chức") == "(băng rôn) 02 lần/năm; Tổ chức"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aăâeêioôơuưyđbcghklmnpqrstvx áàảãạấầẩẫậếềểễệ,.;()0123456789AĐƠ",
                        min_size=1, max_size=12).map(lambda s: s.replace(" ", "") or "a"), max_size=30))
def test_only_marks_and_case_change(words):
    out = load_model().repair(words)
    assert len(out) == len(words)
    for before, after in zip(words, out, strict=True):
        assert base_form(before) == base_form(after)


def test_a_figure_split_by_ocr_is_one_figure_again():
    from plankg.loaders.ocr import _figure

    assert _figure("4.580.000. 000") == "4.580.000.000"
    assert _figure("320.000.0 00") == "320.000.000"
    assert _figure("2022 2025") == "2022 2025"  # two years, not one figure
    assert _figure("Hằng năm") == "Hằng năm"
    assert _figure("5ö0.000.0 00") == "500.000.000"  # a zero read as a round letter
    assert _figure("3.2O0.000") == "3.200.000"
    assert _figure("3.2.O") == "3.2.O"  # a row's number, too few digits to tell


def test_roman_group_numbers_misread_in_a_first_column_are_put_right():
    from plankg.loaders.ocr import roman_row_numbers

    page_11 = {(1, 0): "/", (2, 0): "1.1", (3, 0): "H", (3, 1): "H"}
    page_12 = {(1, 0): "HH", (2, 0): "IV"}
    assert roman_row_numbers({11: page_11, 12: page_12}) == {
        11: {(1, 0): "I", (2, 0): "1.1", (3, 0): "II", (3, 1): "H"}, 12: {(1, 0): "III", (2, 0): "IV"}}
    lettered = {11: {(1, 0): "A", (2, 0): "1", (3, 0): "H"}}  # groups lettered, no roman numeral: as read
    assert roman_row_numbers(lettered) == lettered
