"""Segmentation and outline: markers, wrapped lines, tables, repeated blocks, section kinds."""

from __future__ import annotations

from plankg.loaders.blocks import segment
from plankg.loaders.normalize import normalize
from plankg.loaders.outline import build_outline


def outline(text: str):
    doc = normalize(text)
    root = build_outline(doc, segment(doc).paras)
    return doc, [n for n in root.walk() if n.para is not None]


def test_roman_arabic_dotted_and_letter_items_nest():
    _, nodes = outline("I. MỤC TIÊU\n1. Chung\n1.1. Riêng\na) Điểm a\nđ) Điểm đ\nII. NHIỆM VỤ\n- Việc\n")
    assert [n.path for n in nodes] == ["I", "I.1", "I.1.1", "I.1.1.a", "I.1.1.đ", "II", "II"]
    assert [n.effective_kind for n in nodes][-1] == "tasks"


def test_hard_wrapped_lines_are_joined_but_items_are_not():
    text = ("I. QUAN ĐIỂM\n1. Thực\nhiện sản xuất và tiêu dùng bền vững nhằm đảm bảo phát triển kinh\n"
            "tế hiệu quả trong các ngành công nghiệp của thành phố và tỉnh lân\n"
            "cận, theo đúng quy định của pháp luật về bảo vệ môi trường hiện\nhành.\n"
            "2. Định kỳ hàng năm (trước ngày 30 tháng\n11) hoặc đột xuất các đơn vị báo cáo kết quả.\n")
    doc, nodes = outline(text)
    texts = [" ".join(doc.text[n.para.start:n.para.end].split()) for n in nodes]
    assert texts[1].startswith("1. Thực hiện sản xuất") and texts[1].endswith("hiện hành.")
    assert texts[2] == "2. Định kỳ hàng năm (trước ngày 30 tháng 11) hoặc đột xuất các đơn vị báo cáo kết quả."


def test_flattened_table_rows_with_merged_cells():
    text = ("DANH MỤC NHIỆM VỤ\nSTT |\nNội dung nhiệm vụ |\nCơ quan chủ trì |\nCơ quan phối hợp |\n"
            "Thời gian |\nNhóm một |\n||||\n1 |\nViệc một |\nSở Công Thương |\nSở Tài chính |\n2022-2030 |\n"
            "2 |\nViệc hai |\nSở Xây dựng |\n|\nHằng năm |\n")
    seg = segment(normalize(text))
    assert len(seg.tables) == 1
    rows = seg.tables[0].rows
    assert len(rows) == 3 and len(seg.tables[0].header) == 5


def test_a_repeated_header_block_is_read_once():
    block = ("ỦY BAN NHÂN DÂN |\nSố: 12/KH-UBND |\nCăn cứ Luật Bảo vệ môi trường năm 2020;\n"
             "1. Mục tiêu tổng quát\nNâng cao nhận thức của cộng đồng về sản xuất và tiêu dùng bền vững.\n")
    _, once = outline(block)
    _, twice = outline(block + block)
    assert len(twice) == len(once)


def test_assignment_lines_attach_to_their_item_even_when_repeated():
    text = ("1.1. Nhóm\na) Việc một cần làm ngay.\n- Đơn vị thực hiện: Sở Công Thương.\n"
            "b) Việc hai cần làm ngay.\n- Đơn vị thực hiện: Sở Công Thương.\n")
    _, nodes = outline(text)
    items = [n for n in nodes if n.type_key[0] == "letter"]
    assert [len(i.children) for i in items] == [1, 1]
    assert all(c.role == "lead" for i in items for c in i.children)
