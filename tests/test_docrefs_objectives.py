"""Legal bases, cited documents, plan metadata and objectives, table-driven."""

from __future__ import annotations

import pytest
from plankg.loaders import extract_text

HEAD = "ỦY BAN NHÂN DÂN TỈNH BẾN TRE |\nSố: 12/KH-UBND |\nBến Tre, ngày 03 tháng 5 năm 2023 |\n"


def bases(text: str):
    record = extract_text(text, "t")
    return [(b.number, b.relation.value, b.inferred) for b in record.legal_bases], record


def test_can_cu_clauses_and_implements_clause():
    found, record = bases(
        HEAD + "KẾ HOẠCH\nThực hiện chương trình\n"
        "Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ; thực hiện "
        "Quyết định số 2495/QĐ-UBND ngày 05 tháng 11 năm 2020 của Ủy ban nhân dân tỉnh;\n"
        "Căn cứ Chương trình số 06/CTr-UBND ngày 07/6/2022 của UBND tỉnh thực hiện Nghị quyết số "
        "54/NQ-CP ngày 12/4/2022 của Chính phủ;\nI. MỤC TIÊU\n1. Phấn đấu 80% doanh nghiệp áp dụng.\n")
    assert ("889/QĐ-TTg", "based_on", False) in found
    assert ("2495/QĐ-UBND", "implements", False) in found
    assert ("06/CTr-UBND", "based_on", False) in found
    assert [c.number for c in record.cited_documents] == ["54/NQ-CP"]
    assert record.legal_bases[0].issued == "2020-06-24"
    assert record.plan.number == "12/KH-UBND" and record.plan.issued == "2023-05-03"
    assert record.plan.province == "Bến Tre"


def test_programme_named_by_title_alone_is_inferred():
    found, record = bases("Implementation plan of national action program on sustainable production "
                          "and consumption in 2023 in Ca Mau Province\nI. Purpose\n1. Raise awareness.\n")
    assert found == [("889/QĐ-TTg", "implements", True)]
    assert record.plan.period == (2023, 2023) and record.plan.province == "Cà Mau"


def test_english_implementing_sentence_and_no_own_number():
    found, record = bases(
        "Implementation plan for implementing Decision No.687/QD-TTG of Prime Minister\n"
        "Implementing Decision No.687/QD-TTg dated June 7, 2022 of Prime Minister, the People's "
        "Committee of Ben Tre province develops an implementation plan.\nI. Purpose\n"
        "1. Apply Decree No. 08/2022/ND-CP dated January 10, 2022 in full.\n")
    assert found == [("687/QĐ-TTg", "implements", False)]
    assert record.legal_bases[0].issued == "2022-06-07"
    assert record.plan.number is None and record.plan.province == "Bến Tre"
    assert [c.number for c in record.cited_documents] == ["08/2022/NĐ-CP"]


def test_english_title_naming_the_implementation_of_a_document():
    found, _ = bases(
        "PEOPLE'S COMMITTEE OF HO CHI MINH CITY\nNo. 88/KH-UBND\nHo Chi Minh City, March 3, 2025\nPLAN\n"
        "Implementation of Decision No. 889/QD-TTg on the national digital transformation program\n"
        "I. IMPLEMENTATION\n1. The Department of Finance shall allocate funding.\n")
    assert found == [("889/QĐ-TTg", "implements", False)]


@pytest.mark.parametrize(("line", "expected"), [
    ("+ Giảm (5-8)% mức tiêu hao nguyên nhiên vật liệu;", [("5-8", "%", 2025)]),
    ("+ Xây dựng, áp dụng 20 đến 30 mô hình sản xuất và tiêu dùng bền vững;", [("20-30", "models", 2025)]),
    ("+ Organize 02 - 03 propaganda campaigns to raise awareness.", [("2-3", "campaigns", 2025)]),
    ("+ Develop at least 3,000 MW of renewable electricity by 2030 compared to 2014.", [(3000, "MW", 2030)]),
    ("+ Increased by 22% per year and accounted for 8.5% of GRDP.", [(22, "%", 2025), (8.5, "%", 2025)]),
    ("+ 70 % vào năm 2025 và 100% vào năm 2030 các KCN được phổ biến.", [(70, "%", 2025), (100, "%", 2030)]),
    ("+ Hỗ trợ từ 01 người đến 10 người lao động mỗi cơ sở.", [(1, "người", 2025)]),  # the noun, not "người đến"
    ("+ Số tổ dân phố được đánh số từ 1 đến 17.", []),  # bounds of a numbering: no counted target
    ("+ Số đại chủng sinh tăng từ 40 lên 80.", []),  # a change, no unit
    ("+ GDP bình quân đầu người đạt 5.400 - 5.500 đô la Mỹ.", [("5400-5500", "đô la", 2025)]),  # "la" is no "là"
])
def test_objectives(line, expected):
    text = "II. MỤC TIÊU\n1. Mục tiêu cụ thể\n- Giai đoạn 2022-2025:\n" + line + "\n"
    record = extract_text(text, "t")
    assert [(o.value, o.unit, o.year) for o in record.objectives] == expected
