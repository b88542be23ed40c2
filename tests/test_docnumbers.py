"""Document numbers: official spelling from any way of writing them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plankg.loaders.docnumbers import canonical, doc_type_name, parse_number
from plankg.loaders.registry import load_registry

REGISTRY = load_registry()


@pytest.mark.parametrize(("written", "official"), [
    ("No.687/QD-TTG", "687/QĐ-TTg"),
    ("No.44/KH - People's Committee", "44/KH-UBND"),
    ("Decree No. 08/2022/ND-CP", "08/2022/NĐ-CP"),
    ("Quyết định số 3529/QĐ-BCT", "3529/QĐ-BCT"),
    ("Chương trình hành động số 06/CTr-UBND", "06/CTr-UBND"),
    ("Luật số 72/2020/QH14", "72/2020/QH14"),
    ("Nghị quyết 79/2025/NQ-HĐND", "79/2025/NQ-HĐND"),
    ("876/QĐ-BKHĐT", "876/QĐ-BKHĐT"),
    ("Thông tư liên tịch số 01/2012/TTLT-BQP-BLĐTBXH-BTC", "01/2012/TTLT-BQP-BLĐTBXH-BTC"),
    ("Nghị quyết số 76/2025/ubtvqh15", "76/2025/UBTVQH15"),
])
def test_known_spellings(written, official):
    assert canonical(written, REGISTRY) == official


@pytest.mark.parametrize(("text", "official"), [
    ("|\nSố: 39992/CHQ-GSQL\n", "39992/CHQ-GSQL"),  # a letter's office and unit, under the header's label
    ("Số: 3783/QĐ-\nUBND", "3783/QĐ-UBND"),  # cut at its dash
])
def test_a_headers_own_number(text, official):
    from plankg.loaders.docnumbers import find_numbers

    assert [str(number) for _, number in find_numbers(text, REGISTRY)] == [official]


def test_an_unknown_office_code_in_running_text_is_no_number():
    from plankg.loaders.docnumbers import find_numbers

    assert list(find_numbers("mã hàng 39992/KHQ-GSQL trong tờ khai", REGISTRY)) == []


@pytest.mark.parametrize(("text", "official", "kind"), [
    ("theo Công văn 37569/CHQ-GSQL của Cục Hải quan", "37569/CHQ-GSQL", "official letter"),  # a known office
    ("Số: 5435/CT-NVT", "5435/CT-NVT", "official letter"),  # "CT": the tax department's code, no issuer after it
    ("Chỉ thị 05/CT-TTg", "05/CT-TTg", "directive"),
    ("Chỉ thị số 03/CT-BQL", "03/CT-BQL", "directive"),  # the type's word before it
    ("Số: 11554/VPCP-V.I", "11554/VPCP-V.I", "official letter"),  # a unit's code with a dot
])
def test_office_codes_and_units(text, official, kind):
    from plankg.loaders.docnumbers import doc_type_name, find_numbers

    assert [(str(n), doc_type_name(n, REGISTRY)) for _, n in find_numbers(text, REGISTRY)] == [(official, kind)]


@pytest.mark.parametrize(("text", "official", "issuer"), [
    ("công văn số 114/BGDDT-GDtrH", "114/BGDĐT-GDtrH", "MOET"),  # the office's code written without "Đ"
    ("Phiếu chuyển số 4717/PC-VP", "4717/PC-VP", None),  # "PC" spells no office here, though an alias of "UBND"
])
def test_a_letters_office_code_written_without_diacritics(text, official, issuer):
    from plankg.loaders.docnumbers import find_numbers, issuer_agency

    assert [(str(n), issuer_agency(n, REGISTRY)) for _, n in find_numbers(text, REGISTRY)] == [(official, issuer)]


@pytest.mark.parametrize("text", ["ngày 30/12/2020", "07/6/2022", "(01 lớp/năm)", "24h/7", "220kV"])
def test_dates_and_notes_are_not_numbers(text):
    assert canonical(text, REGISTRY) is None


TYPES = ["QĐ", "NĐ", "NQ", "KH", "CTr", "TT", "CT"]
ISSUERS = ["TTg", "CP", "UBND", "BCT", "BKHĐT", "HĐND", "BTNMT"]


@st.composite
def numbers(draw):
    num = str(draw(st.integers(1, 99999)))
    year = draw(st.one_of(st.none(), st.integers(1990, 2030)))
    head = f"{num}/{year}/" if year else f"{num}/"
    return head + draw(st.sampled_from(TYPES)) + "-" + draw(st.sampled_from(ISSUERS))


def _ascii(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d")


@given(numbers())
def test_official_spelling_round_trips(number):
    assert canonical(number, REGISTRY) == number


@given(numbers(), st.sampled_from(["No.", "No. ", "số ", "Số: ", ""]),
       st.sampled_from([str.upper, _ascii, lambda s: _ascii(s).upper(), lambda s: s]),
       st.sampled_from(["-", " - ", " -", "–"]))
def test_variant_spellings_normalise_to_the_official_one(number, prefix, case, dash):
    written = prefix + case(number).replace("-", dash)
    assert canonical(written, REGISTRY) == number


@pytest.mark.parametrize(("written", "kind"), [
    ("Nghị quyết số 76/2025/UBTVQH15", "resolution"),
    ("Pháp lệnh số 02/2020/UBTVQH14", "ordinance"),
    ("01/2015/TTLT-BTC-BNV", "joint circular"),
])
def test_kinds_the_number_does_not_write(written, kind):
    """The Standing Committee's acts carry no type code: the words before the number tell."""
    assert doc_type_name(parse_number(written, REGISTRY), REGISTRY) == kind
