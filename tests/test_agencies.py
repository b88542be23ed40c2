"""The agency registry (ontology/agencies.ttl) and reading agency names and roles."""

from __future__ import annotations

import re
import unicodedata

import pytest
from plankg.loaders import extract_text
from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.assign import sentence_roles
from plankg.loaders.cues import load_cues
from plankg.loaders.normalize import normalize
from plankg.loaders.registry import load_registry

REGISTRY = load_registry()
CUES = load_cues()

# Every code of the annotation schema (shared/gold/SCHEMA.md).
SCHEMA_CODES = [
    "PPC", "DOIT", "DONRE", "DOST", "DARD", "DIC", "DOLISA", "DPI", "DOF", "DOC", "DOT", "DCST",
    "DOET", "DOHA", "DOFA", "IZMB", "SBV", "DPC", "DEPTS", "PRESS", "BIZASSOC", "CONSUMERASSOC",
    "COOPALLIANCE", "MASSORG", "ENTERPRISES", "RETAILERS", "SCHOOLS", "PM", "GOV", "NA", "MOIT",
    "MPI", "MONRE", "MOT", "MCST", "CUSTOMS", "MARD", "MIC", "MOLISA", "MAE", "MOF", "MOC", "MOST",
    "MOH", "MOET", "MOHA", "MOFA", "MPS", "VFF", "MINISTRIES", "PPCS", "DAE", "DOH",
    # the 16 codes added for 2025 bodies
    "DOJ", "PPOLICE", "PMC", "BORDERGUARD", "PINSPECT", "PPCO", "DEMR", "TAX", "SOCINS", "PCOUNCIL",
    "PARTYCOM", "MOJ", "MND", "GOVOFFICE", "MEMR", "GOVINSPECT",
]


def test_registry_has_every_schema_code_with_both_labels():
    for code in SCHEMA_CODES:
        agency = REGISTRY.agencies[code]
        assert agency.label_vi and agency.label_en, code


def index(text: str, national: bool = False) -> AgencyIndex:
    found = AgencyIndex(REGISTRY, CUES, normalize(text))
    found.set_level(national)
    return found


def codes(text: str, national: bool = False) -> set[str]:
    return index(text, national).codes_in(0, len(text))


@pytest.mark.parametrize(("text", "code"), [
    ("Sở TN&MT", "DONRE"), ("BQL các KCN", "IZMB"), ("UBND các huyện, TP", "DPC"),
    ("Đài PT-TH Đồng Nai", "PRESS"), ("Department of Natural Resources and Environment", "DONRE"),
    ("DONRE", "DONRE"), ("Sở Kế hoạch và Đầu tư", "DPI"), ("Ủy ban nhân dân quận, huyện", "DPC"),
    ("Báo Đồng Nai", "PRESS"), ("State Bank of Vietnam Ben Tre Branch", "SBV"),
    ("Tổng cục Hải quan", "CUSTOMS"), ("People's Committee of Ben Tre province", "PPC"),
    ("Công an tỉnh", "PPOLICE"), ("Sở Dân tộc và Tôn giáo", "DEMR"), ("Văn phòng UBND tỉnh", "PPCO"),
    ("Bộ Chỉ huy Quân sự tỉnh", "PMC"), ("Ủy ban nhân dân các xã, phường", "DPC"),
    ("Ban Quản lý khu công nghiệp tỉnh", "IZMB"), ("Ban quản lý khu công nghiệp, khu kinh tế, khu chế xuất", "IZMB"),
    ("Ban Quản lý các khu chế xuất", "IZMB"), ("BQL KCN", "IZMB"), ("BQL Khu kinh tế tỉnh", "IZMB"),
    ("Sở KH & CN", "DOST"), ("Bộ LĐ-TB & XH", "MOLISA"), ("Sở VH, TT & DL", "DCST"), ("Sở KH và CN", "DOST"),
    ("Bộ LĐ-TB và XH", "MOLISA"),
    ("Ban Quản lý Khu công nghệ cao và các khu công nghiệp Đà Nẵng", "IZMB"),
    ("Hiệp hội Du lịch tỉnh", "BIZASSOC"), ("Phòng Thương mại và Công nghiệp Việt Nam", "BIZASSOC"),
    ("Hội Doanh nghiệp tỉnh", "BIZASSOC"), ("Hội Doanh nhân trẻ tỉnh", "BIZASSOC"),
    ("Sở Du lịch", "DCST"), ("Sở Văn hóa - Thể thao", "DCST"), ("Department of Culture and Sports", "DCST"),
    ("Tổng cục Thuế", "TAX"), ("General Department of Taxation", "TAX"),
    ("Ban Dân tộc và Tôn giáo tỉnh", "DEMR"),
    ("Ủy ban nhân dân các đơn vị hành chính cấp xã", "DPC"), ("UBND đơn vị hành chính cấp xã", "DPC"),
    ("Ủy ban MTTQVN tỉnh", "VFF"), ("MTTQVN tỉnh", "VFF"), ("Ủy ban MTTQ VN tỉnh", "VFF"), ("UB MTTQ tỉnh", "VFF"),
    ("UB MTTQVN TP", "VFF"), ("Ủy ban MTTQ tỉnh", "VFF"),
    ("Sở quản lý ngành, lĩnh vực", "DEPTS"), ("các Sở quản lý chuyên ngành", "DEPTS"), ("VP Chính phủ", "GOVOFFICE"),
    ("Văn phòng Ủy ban nhân dân cấp tỉnh", "PPCO"), ("Departments of Health", "DOH"),
    ("provincial-level Police Departments", "PPOLICE"),
])
def test_aliases(text, code):
    assert codes(text) == {code}


@pytest.mark.parametrize(("text", "provincial", "national"), [
    ("các địa phương", {"DPC"}, {"PPCS"}),
    ("các bộ, ngành", {"MINISTRIES"}, {"MINISTRIES"}),
])
def test_some_names_read_differently_in_a_national_document(text, provincial, national):
    assert codes(text) == provincial and codes(text, national=True) == national


@pytest.mark.parametrize("text", [
    "hỗ trợ các cơ sở y tế tại địa phương",  # a health facility, not Sở Y tế
    "đơn giản hóa thủ tục hải quan",  # customs procedure, not the customs authority
    "có thời gian đóng bảo hiểm xã hội bắt buộc từ đủ 15 năm",  # paying social insurance, not the agency
    "số tháng đóng vào quỹ bảo hiểm xã hội",  # the insurance fund
])
def test_words_inside_other_nouns_are_not_agencies(text):
    assert not codes(text) - {"DPC"}


@pytest.mark.parametrize("text, province", [
    ("tinh ba ria - vung tau", "Bà Rịa - Vũng Tàu"),  # a dash stands between a place's words
    ("tinh gia lai", "Gia Lai"),
    ("ti gia, lai suat", None),  # a comma never does
    ("tuong lai, chau a", None),
])
def test_province_names_hold_no_comma(text, province):
    found = REGISTRY.province_pattern.search(text)
    assert (REGISTRY.provinces[" ".join(re.split(r"[\s\-–,]+", found.group()))] if found else None) == province


@pytest.mark.parametrize("text", [
    "Bí thư Thường trực Đoàn Thanh niên Cộng sản Hồ Chí Minh được mua vé hạng thương gia.\n",
    # the word that places the body at the centre is no part of its registered name either
    "Bí thư Thường trực Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh được mua vé hạng thương gia.\n",
])
def test_a_place_inside_a_body_name_is_no_province(text):
    assert extract_text(text, "page").plan.province is None


@pytest.mark.parametrize("variant", [
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "sở tài nguyên và môi trường", "Sở Tài nguyên\nvà Môi trường",
    "Sở  Tài   nguyên và  Môi trường", unicodedata.normalize("NFD", "Sở Tài nguyên và Môi trường"),
    "So Tai nguyen va Moi truong",
])
def test_names_match_whatever_case_form_or_spacing(variant):
    assert codes(variant) == {"DONRE"}


def test_case_sensitive_abbreviations_do_not_fire_on_words():
    assert codes("the doc and a dot") == set()


def cell(text: str) -> list[str]:
    return [name.code for name in index(text).names(0, len(text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở Kế hoạch và Đầu tư/BQL các KCN", ["DPI", "IZMB"]),
    ("Sở Khoa học và Công nghệ, Tài Nguyên và Môi trường, Tài chính và các đơn vị liên quan",
     ["DOST", "DONRE", "DOF"]),
    ("Các Sở: Khoa học và Công nghệ, Tài nguyên và Môi trường, BQL các KCN, UBND các huyện, TP và doanh nghiệp",
     ["DOST", "DONRE", "IZMB", "DPC", "ENTERPRISES"]),
    ("Sở Giáo dục và Đào tạo/ Sở Lao động - Thương binh và xã hội", ["DOET", "DOLISA"]),
    ("Tổng Thanh tra Chính phủ", ["GOVINSPECT"]),  # the head of the inspectorate: its body, not the Government
    ("Báo và Đài Phát thanh - Truyền hình Đồng Tháp", ["PRESS"]),  # the province's newspaper and station as one
])
def test_agency_cells(text, expected):
    assert cell(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở Công Thương, Tổ chức Phát triển Công nghiệp Liên Hợp Quốc",
     ["DOIT", "OTHER:Tổ chức Phát triển Công nghiệp Liên Hợp Quốc"]),
    ("Hội Nông dân tỉnh, Tổ công tác liên ngành", ["MASSORG"]),  # "Tổ công tác …" has no proper name
    ("Chi cục Hải quan khu vực XIX", ["OTHER:Chi cục Hải quan khu vực XIX"]),  # a unit, not CUSTOMS
    ("Sở Nội vụ, Công ty Tân Cảng được phép", ["DOHA"]),  # a clause, not a name
    ("Bảo hiểm xã hội Thành phố, Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ), Ủy ban nhân dân xã, phường, đặc khu",
     ["SOCINS", "OTHER:Trung tâm Dịch vụ việc làm Thành phố", "DPC"]),  # the name, not its bracket
    ("Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh", ["COOPALLIANCE", "MASSORG"]),  # not "Tỉnh đoàn"
    ("Văn phòng Bộ: Giúp Bộ trưởng quản lý công tác lưu trữ", ["OTHER:Văn phòng Bộ"]),  # a name holds no colon
    ("Vụ Kế hoạch, Tài chính", ["OTHER:Vụ Kế hoạch, Tài chính"]),  # a unit whose name lists its fields
    ("Vụ Pháp chế, Văn phòng Bộ", ["OTHER:Vụ Pháp chế", "OTHER:Văn phòng Bộ"]),  # two units
    ("Văn phòng Ban Chỉ huy, các sở, ban, ngành", ["OTHER:Văn phòng Ban Chỉ huy", "DEPTS"]),
    ("Ban Quản lý dự án, nhà thầu", ["OTHER:Ban Quản lý dự án"]),  # lower case after the comma: no field of it
    ("Viện Hàn lâm Khoa học xã hội Việt Nam có 26 đơn vị gồm", []),  # a lead-in's closing words, no name
    ("Trung tâm Phục vụ hành chính công cấp tỉnh như sau", []),
    ("Viện Kiểm sát nhân dân tối cao khẩn trương triển khai thực hiện", []),  # a clause: an adverb, a verb
    ("Văn phòng Thừa phát lại phải đăng ký hoạt động tại Sở Tư pháp", []),
    ("Đảng ủy Chính phủ, Đảng ủy Công an Trung ương", ["OTHER:Đảng ủy Chính phủ", "OTHER:Đảng ủy Công an Trung ương"]),
    ("Đảng ủy Công an tỉnh, Đảng ủy Mặt trận Tổ quốc tỉnh", ["PARTYCOM"]),  # local committees: the schema's code
    ("Bộ Chính trị giao Đảng ủy Chính phủ lãnh đạo, chỉ đạo", []),  # a clause that hands work over, no name
    ("Bộ Chính trị giao Ban Tổ chức Trung ương", []),  # handed to a name outside the registry: still a clause
    ("Uỷ ban kiểm tra có quyền yêu cầu", []),  # a power, said of a body
    ("Tòa án xét xử bằng phương thức trực tiếp hoặc trực tuyến. Điều kiện", []),  # a sentence ends inside
    ("Ban Bồi thường giải phóng mặt bằng chuyển về Sở Tài nguyên và Môi trường", []),  # a transfer, no name
    ("Trung tâm Y tế TX. Sơn Tây", ["OTHER:Trung tâm Y tế TX. Sơn Tây"]),  # an abbreviation's full stop
    ("Bộ Chính trị điều động làm Bí thư Tỉnh ủy", []),  # a posting in a biography, no name
    ("Ban Kinh tế Trung ương kiêm Bí thư Đảng ủy", []),  # a second post held, no name
    ("Ngân hàng Quốc gia rồi Ngân hàng Nhà nước", []),  # a history told, no name
    ("Trung tâm Dịch vụ việc làm Thành phố", ["OTHER:Trung tâm Dịch vụ việc làm Thành phố"]),  # "làm" of "việc làm"
    ("Bộ Ngoại giao, Văn phòng Đối ngoại Trung ương", ["MOFA", "OTHER:Văn phòng Đối ngoại Trung ương"]),
])
def test_unknown_names_are_kept_as_other(text, expected):
    assert cell(text) == expected


def test_words_of_a_sentence_are_not_names():
    assert cell("Tăng cường công tác tuyên truyền, phổ biến pháp luật") == []
    assert cell("Văn phòng và tương đương tham mưu cho Thủ trưởng") == []  # offices in general, advising


def roles(text: str) -> tuple[list[str], list[str]]:
    found = sentence_roles(index(text), 0, len(text))
    return [c for c, _ in found.lead], [c for c, _ in found.coordinating]


@pytest.mark.parametrize(("text", "lead", "coordinating"), [
    ("Sở Công Thương chủ trì, phối hợp với các Sở, ban, ngành, địa phương, đơn vị liên quan tổ chức",
     ["DOIT"], ["DEPTS", "DPC"]),
    ("Giao Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan tham mưu", ["DOF"], []),
    ("Sở Tài nguyên và Môi trường: Chủ trì, phối họp với các sở, ban, ngành, đoàn thể, địa phương phổ biến",
     ["DONRE"], ["DEPTS", "MASSORG", "DPC"]),
    ("To assume prime responsibility for and coordinate with other departments, agencies and sectors; "
     "People's Committees of districts, cities and relevant units to implement", [], ["DEPTS", "DPC"]),
    ("People's Committees of districts and cities shall proactively allocate local budgets", ["DPC"], []),
    ("Coordinate with relevant agencies and units to review", [], []),
    ("Hỗ trợ doanh nghiệp phát triển mạng lưới liên kết bền vững", [], []),
    ("Sở Tài chính, trên cơ sở đề xuất của các cơ quan, đơn vị, địa phương, chủ trì tổng hợp", ["DOF"], []),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Sở Nội vụ tuyên truyền", ["VFF"], ["DOHA"]),
    ("do Sở Tư pháp chủ trì thực hiện", [], []),  # passive: the duty is someone else's
    ("Văn phòng đăng ký đất đai không chịu trách nhiệm về hồ sơ do đơn vị khác cung cấp", [], []),  # denied
    ("Văn phòng đăng ký đất đai chịu trách nhiệm cập nhật hồ sơ địa chính",
     ["OTHER:Văn phòng đăng ký đất đai"], []),
    ("Phối hợp với Vụ Tổ chức cán bộ đưa ra các tiêu chuẩn đối với người làm công tác lưu trữ",
     [], ["OTHER:Vụ Tổ chức cán bộ"]),  # the partner's name ends at the verb of its work
    ("Giao Sở Khoa học và Công nghệ chủ trì, phối hợp các sở, ban, ngành và các địa phương, đơn vị liên quan "
     "có trách nhiệm nghiên cứu, đề xuất", ["DOST"], ["DEPTS", "DPC"]),  # partners, no subject of the role
    ("Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai, báo cáo kết quả thực hiện", [], []),  # who asks
    ("Ủy ban nhân dân tỉnh yêu cầu Sở Y tế triển khai, báo cáo kết quả thực hiện", ["DOH"], []),  # who is asked
    ("Tổng hợp kết quả để báo cáo Ban Chỉ đạo các Chương trình mục tiêu quốc gia tỉnh, Sở Tài chính và các sở, "
     "ngành chủ trì nội dung thành phần", [], []),  # told, over a name outside the registry: no subject
    ("Hoàn thiện báo cáo, Sở Tài chính chủ trì tổng hợp", ["DOF"], []),  # the noun "báo cáo": no list told
    ("Quy chuẩn này áp dụng đối với: Trung tâm dữ liệu quốc gia; Cơ quan, tổ chức, cá nhân có liên quan.", [], []),
    # (a ";" never joins two pieces into one name outside the registry)
    ("Bộ Chính trị giao Ban Tổ chức Trung ương chủ trì, phối hợp với các cơ quan", ["OTHER:Ban Tổ chức Trung ương"],
     []),  # a body outside the registry hands the work to another
    ("Tổng hợp, báo cáo Ủy ban nhân dân tỉnh. Sở Tài chính chủ trì thẩm định", ["DOF"], []),  # a new sentence
    ("Ủy ban nhân dân tỉnh giao kế hoạch vốn hằng năm cho các dự án", ["PPC"], []),  # gives a plan: its own act
    ("Ủy quyền Giám đốc Sở Nông nghiệp và Môi trường thực hiện nhiệm vụ cấp giấy chứng nhận", ["DAE"], []),
    ("Ủy ban nhân dân tỉnh phân cấp thẩm quyền cho Sở Tư pháp ký quyết định việc nuôi con nuôi", ["DOJ"], []),
    ("Bộ Quốc phòng ủy quyền cơ quan, đơn vị trực thuộc thẩm định, phê duyệt dự án", ["MND"], []),  # to no one named
    ("Quy định mức học phí đối với các cơ sở giáo dục mầm non công lập chất lượng cao; cơ sở giáo dục phổ thông "
     "công lập do các trường đại học, cao đẳng thành lập theo quy định", [], []),  # a noun another body made
    ("Sở Tài chính; Thống kê tỉnh; Ủy ban nhân dân các xã thực hiện rà soát số liệu",
     ["DOF", "DPC"], []),  # a body named by its field and level, no head noun: the list reads on past it
    ("Giao Đảng ủy các cơ quan Đảng Trung ương; Đảng ủy Chính phủ chủ động rà soát", ["PARTYCOM"], []),
    # (with no separator before it, such a piece ends the name before it: the list stops there)
    ("Bộ Xây dựng chủ trì, phối hợp với Văn phòng Chính phủ, Trần Hồng Hà, Bộ Tư pháp tổ chức",
     ["MOC"], ["GOVOFFICE"]),  # a person's name ends in no level word: the list of bodies stops at it
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể tăng cường giám sát", ["VFF", "MASSORG"], []),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam các cấp và các tổ chức chính trị - xã hội tăng cường giám sát",
     ["VFF", "MASSORG"], []),
    ("Sở Xây dựng chủ trì, phối hợp với Công an xã, phường hoặc UBND các xã, phường tổ chức ra quân",
     ["DOC"], ["OTHER:Công an xã", "DPC"]),  # a level word after a name ("xã", "huyện"): the list reads on
])
def test_roles_in_sentences(text, lead, coordinating):
    assert roles(text) == (lead, coordinating)


def test_a_name_cut_inside_a_head_noun_is_no_name():
    """"Văn phòng Ban" | "chỉ đạo phòng thủ dân sự quốc gia": the head "Ban chỉ đạo" goes on, so
    the words up to it are a fragment, not a body (the rest of the name is in lower case and
    cannot be bounded): no agency rather than a fragment."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 12/CĐ-TTg\nCÔNG ĐIỆN\nVề ứng phó với bão\n"
            "1. Chánh Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia phối hợp với cơ quan chức năng của "
            "Bộ Nông nghiệp và Môi trường theo dõi sát diễn biến của bão.\n")
    record = extract_text(text, "dispatch.txt")
    assert not [a for a in record.agencies if a.startswith("OTHER:Văn phòng Ban")]


@pytest.mark.parametrize(("text", "fragment"), [
    ("| Võ Nguyên Giáp | Ủy viên Bộ Chính trị | |\nPhó Thủ tướng |\nChính phủ |", "Bộ Chính trị"),
    ("Tháng 7 năm 1947, Bộ Quốc phòng-Tổng Chỉ huy tách ra thành Bộ Quốc phòng và Bộ Tổng Chỉ huy.", "tách ra"),
    ("Trước đó, Bộ Chính trị cho phép Đảng đoàn Quốc hội có ý kiến.", "cho phép"),
    ("Ông được Bộ Chính trị chỉ định làm Ủy viên Hội đồng Quân sự Bộ Quốc phòng.", "chỉ định"),
    ("Giám đốc Trạm Y tế cấp xã do Chủ tịch Ủy ban nhân dân cấp xã bổ nhiệm.", " do "),
    ("Chi nhánh Văn phòng đăng ký đất đai cho Chủ tịch Ủy ban nhân dân cấp xã ý kiến.", " cho "),
    ("Việc sửa đổi Điều lệ Quỹ do Hội đồng Quản lý Quỹ trình Ủy ban nhân dân tỉnh quyết định.", " trình "),
])
def test_a_unit_name_runs_into_its_body_within_one_cell_and_without_a_verb(text, fragment):
    """A unit is named by a head noun running on into its body's name ("Ban Tuyên giáo và
    Dân vận Tỉnh ủy"): not across a table cell's "|" (a crawled table of office holders),
    nor over a verb (cue set not-in-name: "tách ra", "cho phép", "chỉ định", and "trình Ủy ban"
    whose last words are the body's own), nor over the
    preposition that makes the body an agent or a recipient ("do", "cho")."""
    found = index(text)
    assert not [c for m in found.within(0, len(text)) for c in found.codes_of(m)
                if c.startswith("OTHER:") and fragment in c]


def test_a_body_that_decides_is_named_without_its_verb():
    """"Quỹ Bảo vệ môi trường quyết định danh mục …": "quyết định" (cue set not-in-name) ends
    no name of a body, so no fragment "Quỹ Bảo vệ môi trường quyết định danh mục và mức"
    is kept as an agency."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 12/QĐ-UBND\nNghệ An, ngày 3 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\n"
            "Ban hành quy chế hỗ trợ lãi suất\n\nĐiều 2. Tổ chức thực hiện\n\n"
            "1. Quỹ Bảo vệ môi trường quyết định danh mục và mức hỗ trợ lãi suất vay vốn cho các dự án.\n")
    record = extract_text(text, "decision.txt")
    assert not [a for a in record.agencies if "quyết định" in a]


@pytest.mark.parametrize(("text", "names"), [
    ("Hội đồng Dân tộc, Ủy ban Pháp luật phối hợp với các cơ quan cập nhật.", ["Hội đồng Dân tộc", "Ủy ban Pháp luật"]),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch chủ trì tổ chức hội chợ.",
     ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch"]),
    ("Ban Quản lý có tư cách pháp nhân, có tài khoản; chịu trách nhiệm quản lý dự án.", []),
    ("Kho bạc Nhà nước khu vực VI, địa bàn quản lý là tỉnh Nam Hà, có trách nhiệm kiểm soát chi.", []),
    ("Tổ chức Các hệ thống cảng biển, nhà ga đường sắt thực hiện kết nối.", []),
    ("Kho bạc Nhà nước còn thực hiện nhiệm vụ quản lý quỹ.", []),  # ("còn" ends the name: never a fragment)
    ("Tòa án hướng dẫn cơ quan, tổ chức thu thập tài liệu.", []),
    ("Ban Tuyên giáo và Dân vận Trung ương chủ trì tổ chức tuyên truyền.", ["Ban Tuyên giáo và Dân vận Trung ương"]),
])
def test_bodies_outside_the_registry_listed_as_subject(text, names):
    found = index(text)
    assert [text[n.start:n.end] for n in found.unregistered_subjects(0, len(text))] == names


def test_a_clause_on_other_bodies_is_no_name_outside_the_registry():
    text = ("LUẬT TỔ CHỨC TÒA ÁN NHÂN DÂN\n\nĐiều 15. Thu thập chứng cứ\n\n"
            "- Tòa án hướng dẫn cơ quan, tổ chức, cá nhân liên quan thu thập, giao nộp tài liệu, chứng cứ.\n\n"
            "- Tòa án tiếp nhận tài liệu, chứng cứ do cơ quan, tổ chức, cá nhân liên quan cung cấp.\n")
    names = {code for task in extract_text(text, "court").tasks for code in task.lead + task.coordinating}
    assert not {n for n in names if n.startswith("OTHER:") and ("hướng dẫn" in n or "tiếp nhận" in n)}


def test_a_name_cut_on_a_connector_is_no_name():
    text = (  # (the head of a crawled page)
        "Cụ thể, Nghị định quy định cơ cấu tổ chức của Ngân hàng Nhà nước gồm:\n\n1. Vụ Chính sách tiền tệ.\n\n"
        "2. Vụ Thanh toán.\n\n3. Vụ Tín dụng các ngành kinh tế.\n\n4. Cục Quản lý, giám sát tổ chức tín dụng.\n\n"
        "5. Cục An toàn hệ thống các tổ chức tín dụng.\n")
    names = {code for task in extract_text(text, "units").tasks for code in task.lead + task.coordinating}
    assert "OTHER:Cục An toàn hệ thống các" not in names


def test_a_name_outside_the_registry_ends_before_its_verb():
    text = ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\nKẾ HOẠCH\nThực thi phương án đơn giản hóa\n\nII. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Cục Điện ảnh chủ trì, phối hợp với Vụ Pháp chế đưa nội dung thực thi Phương án vào dự thảo Luật.\n")
    task, = extract_text(text, "letter").tasks
    assert (task.lead, task.coordinating) == (("OTHER:Cục Điện ảnh",), ("OTHER:Vụ Pháp chế",))


def test_a_name_that_closes_a_sentence_ends_before_its_stop():
    text = "- Đơn vị thực hiện: Cục Quản lý nhà và thị trường bất động sản, Trung tâm Thông tin."
    assert [text[n.start:n.end] for n in index(text).names(20, len(text))] == [
        "Cục Quản lý nhà và thị trường bất động sản", "Trung tâm Thông tin"]
