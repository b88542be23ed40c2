"""The lineage index: closure across plans, one label per document, kept current on removal."""

from __future__ import annotations

import threading

from plankg.graph.derived.lineage import lineage_batch
from plankg.graph.ingest.plans import build, remove_plan
from plankg.graph.query.sparql import run_query
from plankg.graph.store import GraphEntry, PlanStore

HEAD = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI\nSố: {n}/KH-UBND\nĐồng Nai, ngày 10 tháng {m} năm 2023\nKẾ HOẠCH\n{title}\n"
PLAN_5 = HEAD.format(n=5, m=3, title="Thực hiện Chương trình quốc gia về sản xuất và tiêu dùng bền vững") + (
    "Căn cứ Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ;\n"
    "I. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tài chính chủ trì tham mưu kinh phí.\n")
PLAN_7 = HEAD.format(n=7, m=5, title="Triển khai Kế hoạch số 5/KH-UBND") + (
    "Căn cứ Kế hoạch số 5/KH-UBND ngày 10 tháng 3 năm 2023 của Ủy ban nhân dân tỉnh;\n"
    "I. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Xây dựng chủ trì rà soát quy hoạch.\n")


def _store(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN_5, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAN_7, encoding="utf-8")
    store = PlanStore(tmp_path / "s", write=True)
    build(store, [tmp_path / "a.txt", tmp_path / "b.txt"])
    return store


def test_a_plan_resting_on_another_plan_reaches_the_national_decision(tmp_path):
    with _store(tmp_path) as store:
        rows = run_query(store, "plans-implementing", {"doc": "889"}).rows
        assert {(r["number"], r["directly"], r["through"]) for r in rows} == {
            ("5/KH-UBND", "yes", ""), ("7/KH-UBND", "", "5/KH-UBND")}
        edges = {(r["from"], r["to"]) for r in run_query(store, "legal-lineage", {"doc": "7/KH-UBND"}).rows}
        assert {("7/KH-UBND", "5/KH-UBND"), ("5/KH-UBND", "889/QĐ-TTg")} <= edges


def test_removing_a_plan_cuts_the_chains_through_it(tmp_path):
    with _store(tmp_path) as store:
        remove_plan(store, "5/KH-UBND")
        assert run_query(store, "plans-implementing", {"doc": "889"}).rows == []
        # 7/KH-UBND still cites 5/KH-UBND: the document stays, named once.
        rows = run_query(store, "legal-lineage", {"doc": "7/KH-UBND"}).rows
        assert [(r["from"], r["to"]) for r in rows] == [("7/KH-UBND", "5/KH-UBND")]


def test_the_index_is_a_function_of_the_store(tmp_path):
    with _store(tmp_path) as store:
        first = lineage_batch(store)
        build(store, [tmp_path / "a.txt", tmp_path / "b.txt"])  # nothing changed
        assert lineage_batch(store) == first
        labels = [line for line in first[2].splitlines() if "displayLabel" in line]
        assert len(labels) == len({line.split()[0] for line in labels})  # one label per document


def test_concurrent_puts_of_one_graph_keep_the_last(tmp_path):
    graph = "https://w3id.org/plankg/id/graph/x"
    versions = [f'<urn:s> <urn:p> "{i}" <{graph}> .\n' for i in range(8)]
    with PlanStore(tmp_path / "s", write=True) as store:
        threads = [threading.Thread(target=store.put, args=([(graph, GraphEntry("p", "x", str(i)), text)],))
                   for i, text in enumerate(versions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(store) == 1  # never two versions merged
        assert not (tmp_path / "s" / "journal.json").exists()
