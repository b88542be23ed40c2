"""Which items are tasks, and their lead and coordinating agencies."""

from __future__ import annotations

from plankg.loaders import extract_text


def tasks(text: str):
    return [(t.section, list(t.lead), list(t.coordinating)) for t in extract_text(text, "t").tasks]


def test_duties_under_an_agency_heading_are_led_by_it():
    text = ("V. Implementation organization\n1. Department of Industry and Trade\n"
            "- To assume prime responsibility for and coordinate with Department of Finance in reporting.\n"
            "- Build a model of waste classification for the province.\n"
            "2. Departments and branches; People's Committees of districts and cities\n"
            "- People's Committees of districts and cities shall proactively allocate local budgets.\n")
    assert tasks(text) == [("V.1", ["DOIT"], ["DOF"]), ("V.1", ["DOIT"], []), ("V.2", ["DPC"], [])]


def test_assignment_lines_give_lead_and_coordinating():
    text = ("III. NHIỆM VỤ\n1.1. Nhóm việc\na) Xây dựng, hoàn thiện chính sách pháp luật.\n"
            "- Đơn vị thực hiện: Sở Tài nguyên và Môi trường, Sở Công Thương\n"
            "- Đơn vị phối hợp: Sở Tài chính và các sở, ban ngành; Ủy ban nhân dân quận, huyện.\n")
    assert tasks(text) == [("III.1.1.a", ["DONRE", "DOIT"], ["DOF", "DEPTS", "DPC"])]


def test_purpose_objective_and_funding_sources_are_not_tasks():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cộng đồng về tiêu dùng bền vững.\n"
            "II. MỤC TIÊU\n1. Phấn đấu 80% doanh nghiệp được phổ biến.\n"
            "III. KINH PHÍ THỰC HIỆN\n1. Ngân sách địa phương: bố trí hằng năm theo quy định.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan tham mưu.\n"
            "Trên đây là Kế hoạch thực hiện của Ủy ban nhân dân tỉnh.\n")
    assert tasks(text) == [("IV.1", ["DOF"], [])]


def test_appendix_table_rows_become_tasks():
    text = ("PHỤ LỤC\nSTT |\nNội dung nhiệm vụ |\nCơ quan chủ trì |\nCơ quan phối hợp |\nThời gian |\n"
            "Nguồn lực |\nTuyên truyền nâng cao nhận thức |\n|||||\n1 |\nTổ chức tập huấn cho doanh nghiệp |\n"
            "Sở Công Thương |\nSở Tài chính, UBND các huyện, TP |\n2022-2030 |\nNgân sách tỉnh |\n"
            "2 |\nXây dựng mô hình |\nBQL các KCN/ Sở Công Thương |\n|\nHằng năm |\n|\n")
    record = extract_text(text, "t")
    rows = [(t.section, list(t.lead), list(t.coordinating), t.period, t.funding) for t in record.tasks]
    assert rows == [("PL.1.1", ["DOIT"], ["DOF", "DPC"], "2022-2030", "Ngân sách tỉnh"),
                    ("PL.1.2", ["IZMB", "DOIT"], [], "Hằng năm", None)]


def test_budget_table_amounts_and_agency_groups():
    text = ("PHỤ LỤC\nSTT\n|\nNội dung thực hiện\n|\nThời gian\n|\nTổng kinh phí 2022-2023\n|\n"
            "Kinh phí 2022\n|\nKinh phí 2023\n|\nI\n|\nSở Công Thương\n|\n|\n4.580.000.000\n|\n"
            "2.000.000.000\n|\n2.580.000.000\n|\n1.1\n|\nTổ chức các lớp tập huấn\n|\nHằng năm\n|\n"
            "320.000.000\n|\n160.000.000\n|\n160.000.000\n|\n")
    [task] = extract_text(text, "t").tasks
    assert task.lead == ("DOIT",) and task.budget_vnd == 320000000
    assert task.budget_by_year == {"2022": 160000000, "2023": 160000000}


def test_doubts_are_told_only_about_tasks_the_record_keeps():
    # a decree's clauses are read as items first; those that give no body a role are rules,
    # dropped after reading, and a "task without lead" about one would be a doubt about nothing
    text = ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 99/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định về quản lý tài sản mã hóa\n\n"
            "Chương III\nTỔ CHỨC THỰC HIỆN\n\n"
            "Điều 17. Tổ chức thực hiện\n\n"
            "1. Tổ chức cung cấp dịch vụ phải lưu trữ hồ sơ giao dịch trong thời hạn 10 năm.\n\n"
            "2. Bộ Tài chính chủ trì hướng dẫn thực hiện Nghị định này.\n")
    record = extract_text(text, "t")
    assert [(t.section, list(t.lead)) for t in record.tasks] == [("Điều 17.2", ["MOF"])]
    assert not [d for d in record.diagnostics if d.code == "task-without-lead"]


def test_a_conflict_of_leads_is_told_only_where_two_bodies_compete():
    """Under a department's heading, "Đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định …"
    proposes to the issuer (no second lead), and a body named twice, once with its place and
    once without or in another case, is one body; a second body named in the words is a doubt."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/QĐ-UBND\nNghệ An, ngày 3 tháng 3 năm 2025\n\n"
            "QUYẾT ĐỊNH\nBan hành quy chế phối hợp\n\n"
            "Điều 2. Trách nhiệm của Sở Tư pháp\n\n"
            "a) Đề nghị Chủ tịch Ủy ban nhân dân tỉnh quyết định thu hồi giấy tờ hộ tịch cấp sai quy định.\n\n"
            "b) Giao Sở Nội vụ thẩm định hồ sơ đề nghị khen thưởng.\n\n"
            "Điều 3. Trách nhiệm của Trung tâm Chuyển đổi số tỉnh\n\n"
            "Trung tâm Chuyển đổi số chủ trì, phối hợp với Công an tỉnh bảo đảm an toàn thông tin.\n")
    record = extract_text(text, "t")
    conflicts = [d.quote[:4] for d in record.diagnostics if d.code == "lead-conflict"]
    assert conflicts == ["b) G"]


def test_bodies_named_by_short_name_keep_the_words_that_named_them():
    # ("Các bộ: Tài chính, Xây dựng": the head noun once, each ministry by its short name)
    text = ("II. NỘI DUNG\n1. Các bộ: Tài chính, Xây dựng theo chức năng, nhiệm vụ được giao rà soát "
            "các văn bản quy phạm pháp luật liên quan.\n")
    task, = extract_text(text, "t").tasks
    assert [(a.code, a.name) for a in task.assignments] == [("MOF", "Tài chính"), ("MOC", "Xây dựng")]


def test_a_letter_longer_in_lower_case_does_not_shift_the_names_after_it():
    # ("İ" of a Turkish name lowers to two characters; the view names are matched in must keep offsets)
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Tiếp đón đoàn công tác của ông İlhan Yılmaz đến thăm tỉnh.\n"
            "2. Trung tâm Kiểm soát bệnh tật tỉnh thực hiện giám sát dịch bệnh.\n")
    assert ("III.2", ["OTHER:Trung tâm Kiểm soát bệnh tật tỉnh"], []) in tasks(text)


def test_a_cross_reference_quotes_the_section_it_names_and_no_more():
    source = ("KẾ HOẠCH\nPhát triển kinh tế số năm 2026\n\nV. GIẢI PHÁP\n\n4. Nghiên cứu, phát triển\n\n"
              "a) Ưu tiên phát triển các công nghệ số trọng điểm.\n\nVI. TỔ CHỨC THỰC HIỆN\n\n"
              "1. Sở Khoa học và Công nghệ\n\nChủ trì triển khai các nhiệm vụ tại mục V.4 của Kế hoạch.\n")
    record = extract_text(source)
    [handed] = [a for t in record.tasks for a in t.assignments if a.via.value == "cross-reference"]
    assert record.text[handed.span.start:handed.span.end] == "tại mục V.4"
