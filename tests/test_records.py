"""The typed records between the loaders and the graph: agencies as AgencyRef, numbers
parsed once (DocNumber) and written the official way only where records leave as JSON."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from plankg.graph import iris
from plankg.graph.ingest.quads import record_quads
from plankg.loaders import extract_text
from plankg.loaders.records import OTHER, AgencyRef, DocNumber, DocRef, Relation, Span, unregistered_name
from plankg.loaders.registry import load_registry
from plankg.loaders.serialize import json_list, list_item, record_to_dict

PLAN = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI
Số: 12/KH-UBND
KẾ HOẠCH
Triển khai chuyển đổi số năm 2025
Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ;
1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu dùng chung của tỉnh.
"""


@given(st.text(max_size=40))
def test_a_body_outside_the_registry_keeps_its_name_through_its_key(name):
    ref = AgencyRef(OTHER, name)
    assert AgencyRef.of(ref.key) == ref and not ref.registered
    assert unregistered_name(ref.key) == name


def test_a_registry_code_is_its_own_key():
    ref = AgencyRef.of("DONRE")
    assert ref == AgencyRef("DONRE") and ref.key == "DONRE" and ref.registered and ref.name is None
    assert unregistered_name("DONRE") is None


def test_the_registry_concept_is_looked_up_not_copied():
    registry = load_registry()
    assert AgencyRef("DONRE").concept(registry) is registry.agencies["DONRE"]
    assert AgencyRef.of("OTHER:Cục Phát thanh, truyền hình và thông tin điện tử").concept(registry) is None


def test_json_writes_numbers_the_official_way():
    record = extract_text(PLAN)
    assert record.plan.doc_number == DocNumber("12", None, "KH", ("UBND",))
    amending = DocRef(DocNumber("63", 2025, "NĐ", ("CP",)), Relation.BASED_ON, Span(0, 1), "x",
                      amends=(DocNumber("78", 2021, "NĐ", ("CP",)),))
    written = record_to_dict(replace(record, legal_bases=(amending,)))
    assert written["plan"]["number"] == "12/KH-UBND"
    assert written["legal_bases"][0]["number"] == "63/2025/NĐ-CP"
    assert written["legal_bases"][0]["amends"] == ["78/2021/NĐ-CP"]


def test_the_graph_mints_iris_from_the_parsed_numbers():
    """A letter's number ("Số: 39992/CHQ-GSQL" in its header) writes no type code, and
    written alone it reads as no number at all: the plan's IRI comes from the parsed number
    the record carries (read where its label stood), not from that string."""
    registry = load_registry()
    record = extract_text(PLAN)
    letter = DocNumber("39992", None, "CV", ("CHQ", "GSQL"), "letter")
    base = DocNumber("889", None, "QĐ", ("TTg",))
    record = replace(record, plan=replace(record.plan, doc_number=letter, issued="2025-03-01"),
                     legal_bases=(DocRef(base, Relation.BASED_ON, Span(0, 1), "x"),))
    _, plan_iri, quads = record_quads(record, registry)
    assert plan_iri == iris.document_iri(letter, 2025, record.plan.province)
    assert f"<{iris.document_iri(base, registry.known_years.get('889/QĐ-TTg'), record.plan.province)}>" in quads


@given(st.lists(st.sampled_from(["Sở Tài chính chủ trì", "Line one\nline two \"quoted\"", "\t{\n}[],"]), max_size=3))
def test_records_written_item_by_item_are_the_json_list_written_whole(lines):
    """plankg extract has each record written in its worker and joins the items: the file
    must be what json.dumps writes for the list, line breaks inside strings and all."""
    records = [extract_text(PLAN + f"2. {line}\n", f"plan{i}.txt") for i, line in enumerate(lines)]
    whole = json.dumps([record_to_dict(r) for r in records], ensure_ascii=False, indent=1) + "\n"
    assert json_list([list_item(r) for r in records]) == whole
