"""The layout model and the outline: markers, wrapped lines, tables, fields, section kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.cues import load_cues
from plankg.loaders.normalize import normalize
from plankg.loaders.outline import build_outline
from plankg.loaders.paragraphs import detect_marker
from plankg.loaders.registry import load_registry
from plankg.loaders.text_layout import read_text

CUES = load_cues()
REGISTRY = load_registry()


def layout(text: str):
    doc = normalize(text)
    return doc, read_text(doc, CUES, REGISTRY, AgencyIndex(REGISTRY, CUES, doc).share)


def outline(text: str):
    doc, found = layout(text)
    root = build_outline(doc, CUES, found)
    return doc, [n for n in root.walk() if n.para is not None]


def words(doc, para) -> str:
    return " ".join(doc.text[para.start:para.end].split())


@pytest.mark.parametrize(("line", "kind", "marker"), [
    ("I. MỤC TIÊU", "roman", "I"), ("1. Chung", "arabic", "1"), ("1.1. Riêng", "arabic", "1.1"),
    ("2.3.1 Việc", "arabic", "2.3.1"), ("a) Điểm", "letter", "a"), ("đ) Điểm", "letter", "đ"),
    ("- Việc", "dash", "-"), ("+ Việc", "plus", "+"), ("Điều 3. Trách nhiệm", "article", "3"),
    ("Chương II", "chapter", "II"), ("PHẦN I. DANH MỤC", "part", "I"), ("Căn cứ Luật", "none", ""),
    ("(1) Ủy ban nhân dân", "paren", "1"), ("(1) ở cấp tỉnh", "none", ""),  # (a small "ở" is no capital)
    ("b. Ạch", "letter", "b"), ("b. ạ", "none", ""),
])
def test_markers(line, kind, marker):
    assert detect_marker(line, 0, len(line))[:2] == (kind, marker)


def test_roman_arabic_dotted_and_letter_items_nest():
    _, nodes = outline("I. MỤC TIÊU\n1. Chung\n1.1. Riêng\na) Điểm a\nđ) Điểm đ\nII. NHIỆM VỤ\n- Việc cần làm ngay\n")
    assert [n.path for n in nodes] == ["I", "I.1", "I.1.1", "I.1.1.a", "I.1.1.đ", "II", "II"]
    assert nodes[0].kind == "objectives" and nodes[-1].effective_kind == "tasks"


def test_hard_wrapped_lines_are_joined_but_items_are_not():
    text = ("I. QUAN ĐIỂM\n1. Thực\nhiện sản xuất và tiêu dùng bền vững nhằm đảm bảo phát triển kinh\n"
            "tế hiệu quả trong các ngành công nghiệp của thành phố và tỉnh lân\n"
            "cận, theo đúng quy định của pháp luật về bảo vệ môi trường hiện\nhành.\n"
            "2. Định kỳ hàng năm (trước ngày 30 tháng\n11) hoặc đột xuất các đơn vị báo cáo kết quả.\n")
    doc, nodes = outline(text)
    texts = [words(doc, n.para) for n in nodes]
    assert texts[1].startswith("1. Thực hiện sản xuất") and texts[1].endswith("hiện hành.")
    assert texts[2] == "2. Định kỳ hàng năm (trước ngày 30 tháng 11) hoặc đột xuất các đơn vị báo cáo kết quả."


def test_blank_separated_paragraphs_join_wrapped_hyphens_and_lowercase_runs():
    text = ("1. Cải cách hành chính\n\n- Ưu tiên dịch vụ công trực tuyến\ntoàn trình, bảo đảm phục vụ người dân -\n\n"
            "doanh nghiệp nhanh hơn, minh bạch\nhơn.\n\nb) Xây dựng Nền tảng dạy - học\n- thi trực tuyến, bảo đảm"
            " kết nối.\n\n- Áp dụng hậu kiểm.\n")
    doc, found = layout(text)
    texts = [words(doc, p) for p in found.paragraphs]
    assert texts == ["1. Cải cách hành chính",
                     "- Ưu tiên dịch vụ công trực tuyến toàn trình, bảo đảm phục vụ người dân - "
                     "doanh nghiệp nhanh hơn, minh bạch hơn.",
                     "b) Xây dựng Nền tảng dạy - học - thi trực tuyến, bảo đảm kết nối.",
                     "- Áp dụng hậu kiểm."]


def test_four_emphasis_marks_close_one_bold_and_open_another():
    # "**** **" after a heading's colon closes its bold, so the item's sentence ends where it ends
    text = ("**9. Trung\ntâm Chuyển đổi số:**** **Tham mưu Lãnh đạo Bộ tháo gỡ kịp thời\n"
            "khó khăn, vướng mắc về chuyển đổi số.\nBộ Văn hóa, Thể thao và Du lịch\n"
            "yêu cầu các đơn vị triển khai, báo cáo kết quả thực hiện./.\n")
    doc, found = layout(text)
    assert [words(doc, p).replace("*", "").split()[0] for p in found.paragraphs] == ["9.", "Bộ"]


def test_a_bold_line_in_capitals_under_a_title_opens_the_authority_line():
    doc, found = layout("CÔNG ĐIỆN\nVỀ VIỆC TĂNG CƯỜNG QUẢN LÝ HÀNG DỰ TRỮ QUỐC GIA ĐỂ ỨNG PHÓ\n"
                        "MƯA, LŨ TẠI KHU VỰC TRUNG BỘ\n**TH****Ủ\nTƯỚNG CHÍNH PHỦ điện:**\n"
                        "- Bộ trưởng các Bộ: Quốc phòng, Công an;\n")
    texts = [words(doc, p).replace("*", "") for p in found.paragraphs]
    assert texts[1].endswith("TẠI KHU VỰC TRUNG BỘ") and texts[2].startswith("TH")


def test_a_short_line_that_leaves_a_quotation_or_bracket_open_goes_on():
    # a line short enough to read as a heading goes on where its quotation or bracket is open
    text = ("1. Sửa đổi như sau:\na) Bãi bỏ cụm từ “huyện Quảng\nĐiền” tại điểm a khoản 2 Điều 3.\n"
            "b) Bổ sung “IC (Microcontroller\nUnit)” vào Danh mục tại Phụ lục I kèm theo Quyết định.\n")
    doc, found = layout(text)
    assert [words(doc, p) for p in found.paragraphs][1:] == [
        "a) Bãi bỏ cụm từ “huyện Quảng Điền” tại điểm a khoản 2 Điều 3.",
        "b) Bổ sung “IC (Microcontroller Unit)” vào Danh mục tại Phụ lục I kèm theo Quyết định."]


def test_header_lines_stand_alone():
    doc, found = layout("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nSố: 7/KH-UBND\nĐồng Nai, ngày 10 tháng 5 năm 2023\n"
                        "KẾ HOẠCH\nTriển khai Kế hoạch số 5/KH-UBND\n")
    assert [words(doc, p) for p in found.paragraphs][1:3] == ["Số: 7/KH-UBND", "Đồng Nai, ngày 10 tháng 5 năm 2023"]


def test_flattened_table_rows_with_merged_cells_and_a_group_title():
    text = ("DANH MỤC NHIỆM VỤ\nSTT |\nNội dung nhiệm vụ |\nCơ quan chủ trì |\nCơ quan phối hợp |\n"
            "Thời gian |\nNhóm một |\n||||\n1 |\nViệc một |\nSở Công Thương |\nSở Tài chính |\n2022-2030 |\n"
            "2 |\nViệc hai |\nSở Xây dựng |\n|\nHằng năm |\n")
    doc, found = layout(text)
    [table] = found.tables
    assert table.roles == ("ordinal", "task", "lead", "coordinate", "period")
    cells = [[None if c is None else doc.text[c.start:c.end] for c in row.cells] for row in table.rows]
    assert cells == [[None, "Nhóm một", None, None, None],
                     ["1", "Việc một", "Sở Công Thương", "Sở Tài chính", "2022-2030"],
                     ["2", "Việc hai", "Sở Xây dựng", "", "Hằng năm"]]


def test_a_table_in_sections_repeats_its_header():
    head = "|\nSTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n|\nThời hạn\n|\n"
    text = (head + "|\n1.\n|\nRà soát quy định\n|\nBộ Tư pháp\n|\n30/06/2025\n|\n**2. Nhóm hai**\n" + head
            + "|\n1.\n|\nBan hành chiến lược\n|\nBộ Tài chính\n|\n30/09/2025\n|\n")
    doc, found = layout(text)
    [table] = found.tables
    firsts = [doc.text[r.cells[1].start:r.cells[1].end] for r in table.rows if r.cells[1] is not None]
    assert firsts == ["Rà soát quy định", "2. Nhóm hai", "Ban hành chiến lược"]


def test_a_crawled_table_ends_at_the_heading_of_a_procedure_s_description():
    head = "|\n**TT**\n|\n**Tên thủ tục hành chính**\n|\n**Thời hạn giải quyết**\n|\n"
    text = (head + "|\n1\n|\nCông bố đủ điều kiện sản xuất thiết bị y tế\n|\nNgay sau khi nhận đủ hồ sơ\n|\n"
            "**B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH**\n**1. Công bố đủ điều kiện\nsản xuất thiết bị y tế**\n|\n"
            "**1**\n|\n**KÝ HIỆU QUY TRÌNH**\n|\n**QT.TBYT.01**\n|\n")
    doc, found = layout(text)
    table = found.tables[0]
    assert table.end < text.index("B. QUY TRÌNH")  # (not a row of the list of procedures)
    assert any(words(doc, p) == "B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH" for p in found.paragraphs)


def test_a_repeated_header_block_is_read_once_but_repeated_items_are_kept():
    block = ("ỦY BAN NHÂN DÂN |\nSố: 12/KH-UBND |\nCăn cứ Luật Bảo vệ môi trường năm 2020;\n"
             "Nâng cao nhận thức của cộng đồng về sản xuất và tiêu dùng bền vững.\n")
    _, once = outline(block)
    _, twice = outline(block + block)
    assert len(twice) == len(once)
    item = "a) Nghị định quy định chi tiết thi hành Luật.\n- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
    _, items = outline("3.1. Góp ý dự thảo\n" + item + "3.2. Triển khai văn bản\n" + item)
    assert sum(n.type_key[0] == "letter" for n in items) == 2  # the same words, two duties


def test_fields_attach_to_their_item_even_when_repeated():
    _, nodes = outline("1.1. Nhóm\na) Việc một cần làm ngay.\n- Đơn vị thực hiện: Sở Công Thương.\n"
                       "b) Việc hai cần làm ngay.\n- Đơn vị thực hiện: Sở Công Thương.\n")
    items = [n for n in nodes if n.type_key[0] == "letter"]
    assert [[c.field for c in i.children] for i in items] == [["lead"], ["lead"]]


def test_a_field_after_a_list_belongs_to_the_item_that_holds_the_list():
    _, nodes = outline("5. Hỗ trợ thi hành Luật\n- Các nội dung hỗ trợ bao gồm:\n+ Hướng dẫn áp dụng văn bản;\n"
                       "+ Tiếp nhận kiến nghị;\n- Cơ quan thực hiện: Các sở, ngành có liên quan.\n")
    [field] = [n for n in nodes if n.field]
    assert field.parent.label == "5"


def test_a_decision_and_the_plan_it_issues_are_two_parts():
    _, nodes = outline("QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nĐiều 2. Quyết định này có "
                       "hiệu lực kể từ ngày ký.\nKẾ HOẠCH\nTriển khai Chương trình\n(Kèm theo Quyết định số "
                       "12/QĐ-UBND)\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n")
    [part] = [n for n in nodes if n.type_key == ("attachment",)]
    assert [n for n in nodes if n.type_key[0] == "roman"][0].parent is part
    assert [n for n in nodes if n.type_key[0] == "article"][0].parent.type_key == ("enacting",)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["I. MỤC TIÊU", "1. Việc một.", "a) Điểm a;", "- Gạch đầu dòng.", "+ Cộng.",
                                 "Đoạn văn thường.", "", "|", "STT |", "Sở Công Thương |", "**In đậm**"]),
                max_size=30))
def test_every_paragraph_lies_inside_the_text_and_in_order(lines):
    doc, found = layout("\n".join(lines))
    spans = [(b.start, b.end) for b in found.blocks]
    assert spans == sorted(spans)
    assert all(0 <= s <= e <= len(doc.text) for s, e in spans)
    assert all(not (a[1] > b[0]) for a, b in zip(spans, spans[1:], strict=False))
