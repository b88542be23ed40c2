"""The agency registry (ontology/agencies.ttl) and reading agency names and roles."""

from __future__ import annotations

import unicodedata

import pytest
from plankg.loaders.agencies import AgencyIndex
from plankg.loaders.normalize import normalize
from plankg.loaders.registry import load_registry

REGISTRY = load_registry()

# Every code of the annotation schema (shared/gold/SCHEMA.md).
SCHEMA_CODES = [
    "PPC", "DOIT", "DONRE", "DOST", "DARD", "DIC", "DOLISA", "DPI", "DOF", "DOC", "DOT", "DCST",
    "DOET", "DOHA", "DOFA", "IZMB", "SBV", "DPC", "DEPTS", "PRESS", "BIZASSOC", "CONSUMERASSOC",
    "COOPALLIANCE", "MASSORG", "ENTERPRISES", "RETAILERS", "SCHOOLS", "PM", "GOV", "NA", "MOIT",
    "MPI", "MONRE", "MOT", "MCST", "CUSTOMS", "MARD", "MIC", "MOLISA", "MAE", "MOF", "MOC", "MOST",
    "MOH", "MOET", "MOHA", "MOFA", "MPS", "VFF", "MINISTRIES", "PPCS", "DAE", "DOH",
]


def test_registry_has_every_schema_code_with_both_labels():
    for code in SCHEMA_CODES:
        agency = REGISTRY.agencies[code]
        assert agency.label_vi and agency.label_en, code


def codes(text: str) -> set[str]:
    doc = normalize(text)
    return AgencyIndex(REGISTRY, doc).codes_in(0, len(doc.text))


@pytest.mark.parametrize(("text", "code"), [
    ("Sở TN&MT", "DONRE"), ("BQL các KCN", "IZMB"), ("UBND các huyện, TP", "DPC"),
    ("Đài PT-TH Đồng Nai", "PRESS"), ("Department of Natural Resources and Environment", "DONRE"),
    ("DONRE", "DONRE"), ("Sở Kế hoạch và Đầu tư", "DPI"), ("Ủy ban nhân dân quận, huyện", "DPC"),
    ("Báo Đồng Nai", "PRESS"), ("State Bank of Vietnam Ben Tre Branch", "SBV"),
    ("Tổng cục Hải quan", "CUSTOMS"), ("People's Committee of Ben Tre province", "PPC"),
])
def test_aliases(text, code):
    assert codes(text) == {code}


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
    doc = normalize(text)
    return AgencyIndex(REGISTRY, doc).parse_cell(0, len(doc.text))[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sở Kế hoạch và Đầu tư/BQL các KCN", ["DPI", "IZMB"]),
    ("Sở Khoa học và Công nghệ, Tài Nguyên và Môi trường, Tài chính và các đơn vị liên quan",
     ["DOST", "DONRE", "DOF"]),
    ("Các Sở: Khoa học và Công nghệ, Tài nguyên và Môi trường, BQL các KCN, UBND các huyện, TP và doanh nghiệp",
     ["DOST", "DONRE", "IZMB", "DPC", "ENTERPRISES"]),
    ("Sở Giáo dục và Đào tạo/ Sở Lao động - Thương binh và xã hội", ["DOET", "DOLISA"]),
])
def test_agency_cells(text, expected):
    assert cell(text) == expected


def test_unknown_names_are_kept_as_other():
    assert cell("Sở Công Thương, Tổ chức phát triển công nghiệp Liên Hiệp Quốc") == [
        "DOIT", "OTHER:Tổ chức phát triển công nghiệp Liên Hiệp Quốc"]


def roles(text: str) -> tuple[list[str], list[str]]:
    doc = normalize(text)
    return AgencyIndex(REGISTRY, doc).roles_in(0, len(doc.text))


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
])
def test_roles_in_sentences(text, lead, coordinating):
    assert roles(text) == (lead, coordinating)
