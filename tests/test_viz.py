"""Pages: self-contained, escaped, data present; analysis and demo commands."""

from __future__ import annotations

import re

import networkx as nx
from click.testing import CliRunner
from plankg.graph.report.network import agency_network, analyze, lineage_network, responsibility_chain
from plankg.graph.store import PlanStore
from plankg.viz.render import PHYSICS_LIMIT, page_html, page_nodes

from plankg.cli import main

XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>',
       'see href="javascript:alert(4)"']


def hostile_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for i, text in enumerate(XSS):
        graph.add_node(f"n{i}", label=text, kind="provincial department", province=text, led=1,
                       coordinated=0, tasks=[text])
    graph.add_edge("n0", "n1", weight=1, tasks=[XSS[1]])
    return graph


def test_no_remote_resources_in_pages():
    page = page_html(hostile_graph(), "t")
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=\"https?://", page)


def test_document_text_never_becomes_markup():
    page = page_html(hostile_graph(), XSS[1])
    body = page.split("<body>", 1)[1]
    # hostile strings reach the page only inside JSON with "<" escaped, never as tags
    assert "<img src=x" not in body and "<svg onload" not in body and "<script>alert" not in body


def test_titles_are_escaped_when_one_contains_href():
    page = page_html(hostile_graph(), "t")
    assert "&lt;img src=x onerror=alert(2)&gt;" in page.replace("\\u0026", "&")


def test_vietnamese_text_is_kept_intact(sample_store):
    with PlanStore(sample_store) as store:
        page = page_html(agency_network(store), "Cơ quan chủ trì")
    assert any(n["label"] == "Sở Tài nguyên và Môi trường Đồng Nai" for n in page_nodes(page))


def test_large_networks_get_fixed_positions():
    graph = nx.DiGraph()
    for i in range(PHYSICS_LIMIT + 10):
        graph.add_node(i, label=str(i), province=f"p{i % 30}", kind="other", led=0)
    page = page_html(graph, "big")
    assert '"physics": {"enabled": false' in page
    assert all("x" in n and "y" in n for n in page_nodes(page))


def test_networks_from_the_samples(sample_store):
    with PlanStore(sample_store) as store:
        agencies = agency_network(store)
        chain = responsibility_chain(store, "DONRE")
        lineage = lineage_network(store, "202/KH-UBND")
    doit = [d for _, d in agencies.nodes(data=True) if d["label"] == "Sở Công Thương Đồng Nai"][0]
    assert doit["led"] == 17
    assert any(d.get("kind") == "focus" for _, d in chain.nodes(data=True))
    assert lineage.has_edge("889/QĐ-TTg", "3529/QĐ-BCT")  # drawn from basis to what rests on it
    assert lineage.nodes["72/2020/QH14"]["level"] == 0 and lineage.nodes["202/KH-UBND"]["level"] == 3


def test_analysis_ranks_the_coordination_network(sample_store):
    with PlanStore(sample_store) as store:
        rows = analyze(agency_network(store))
    assert rows[0]["agency"] == "DOIT" and rows[0]["led"] == 17
    assert {"degree", "betweenness", "provinces_bridged"} <= set(rows[0])


def test_demo_builds_prints_and_writes_three_pages(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "views"),
                                       "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert "Tasks led by DONRE" in result.output and "3529/QĐ-BCT" in result.output
    assert "(13 rows)" in result.output
    assert sorted(p.name for p in (tmp_path / "views").iterdir()) == [
        "agencies.html", "chain-DONRE.html", "lineage-202-KH-UBND.html"]
