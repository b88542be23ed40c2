"""Reference knowledge: national documents and the 2025 reorganisation.

Expected rows are written out by hand from shared/reference (agency_succession.json:
Decree 45/2025/NĐ-CP merged Sở TN&MT and Sở NN&PTNT into Sở Nông nghiệp và Môi trường
from 2025-03-01; Resolution 202/2025/QH15 merged Bạc Liêu into Cà Mau from 2025-07-01;
national_documents.json: 681/QĐ-TTg replaced by 841/QĐ-TTg, marked as unconfirmed).
"""

from __future__ import annotations

from importlib import resources

import pytest
from plankg.graph.query.sparql import run_query
from plankg.graph.report.network import lineage_network, responsibility_chain
from plankg.graph.store import PlanStore
from rdflib import RDF, Graph, Namespace

DCT = Namespace("http://purl.org/dc/terms/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")


def successor(store, **args):
    return [(r["original"], r["successor"], r["changes"].split(), r["instruments"].split())
            for r in run_query(store, "successor", args).rows]


def test_successor_of_ca_mau_donre(sample_store):
    with PlanStore(sample_store) as store:
        assert successor(store, agency="DONRE", province="Cà Mau", on="2026-01-01") == [
            ("Sở Tài nguyên và Môi trường Cà Mau", "Sở Nông nghiệp và Môi trường Cà Mau",
             ["2025-03-01"], ["45/2025/NĐ-CP"])]


def test_successor_follows_the_province_merger(sample_store):
    with PlanStore(sample_store) as store:
        assert successor(store, agency="Sở Nông nghiệp và Phát triển nông thôn", province="Bạc Liêu",
                         on="2026-01-01") == [
            ("Sở Nông nghiệp và Phát triển nông thôn Bạc Liêu", "Sở Nông nghiệp và Môi trường Cà Mau",
             ["2025-03-01", "2025-07-01"], ["45/2025/NĐ-CP", "202/2025/QH15"])]
        # between the two changes Bạc Liêu still had its own department
        assert successor(store, agency="DARD", province="Bạc Liêu", on="2025-05-01")[0][1] == \
            "Sở Nông nghiệp và Môi trường Bạc Liêu"
        assert successor(store, agency="DARD", province="Bạc Liêu", on="2024-12-31")[0][1] == \
            "Sở Nông nghiệp và Phát triển nông thôn Bạc Liêu"


def test_successor_of_a_ministry(sample_store):
    with PlanStore(sample_store) as store:
        assert successor(store, agency="MPI")[0][:2] == ("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính")


def test_tasks_led_by_the_successor_as_of_2026(sample_store):
    with PlanStore(sample_store) as store:
        rows = run_query(store, "tasks-led-by-as-of", {"agency": "Sở Nông nghiệp và Môi trường",
                                                       "province": "Cà Mau", "as_of": "2026-01-01"}).rows
        before = run_query(store, "tasks-led-by-as-of", {"agency": "DAE", "province": "Cà Mau",
                                                         "as_of": "2025-01-01"}).rows
    named = sorted((r["named_agency"], r["section"] or "", r["task"][:30]) for r in rows)
    assert [n[0] for n in named] == ["Sở Nông nghiệp và Phát triển nông thôn Cà Mau"] * 3 + \
        ["Sở Tài nguyên và Môi trường Cà Mau"] * 4
    assert {r["province"] for r in rows} == {"Cà Mau"}
    assert before == []


def test_stale_bases(sample_store):
    with PlanStore(sample_store) as store:
        rows = run_query(store, "stale-bases", {}).rows
    assert [(r["number"], r["basis"], r["change"], r["newer"], r["verified"]) for r in rows] == [
        ("202/KH-UBND", "681/QĐ-TTg", "replaced", "841/QĐ-TTg", "unverified")]


def test_chain_as_of_2026_holds_the_predecessors_tasks(sample_store):
    with PlanStore(sample_store) as store:
        now = responsibility_chain(store, "DAE", as_of="2026-01-01")
        then = responsibility_chain(store, "DAE")
    focus = {d["label"] for _, d in now.nodes(data=True) if d.get("kind") == "focus"}
    assert {"Sở Tài nguyên và Môi trường Cà Mau", "Sở Nông nghiệp và Phát triển nông thôn Cà Mau"} <= focus
    assert then.number_of_nodes() == 0  # no plan names DAE itself


def test_views_show_replacements_and_succession(sample_store):
    with PlanStore(sample_store) as store:
        lineage = lineage_network(store, "202/KH-UBND")
        chain = responsibility_chain(store, "DONRE")
    assert lineage.edges["681/QĐ-TTg", "841/QĐ-TTg"]["label"] == "replaced by"
    assert lineage.nodes["841/QĐ-TTg"]["unverified"]
    assert "successor:Sở Nông nghiệp và Môi trường Cà Mau" in chain


@pytest.mark.parametrize("name", ["national_documents.ttl", "succession.ttl", "programmes.ttl"])
def test_every_reference_fact_carries_a_source(name):
    data = Graph().parse(data=resources.files("plankg.ontology").joinpath(name).read_text("utf-8"),
                         format="turtle")
    subjects = set(data.subjects(RDF.type, ELI.LegalResource)) | set(data.subjects(RDF.type, ORG.ChangeEvent))
    subjects |= set(data.subjects(ELI.number, None))
    assert subjects
    for subject in subjects:
        assert data.value(subject, DCT.source) is not None, subject


@pytest.mark.parametrize(("verified", "flag"), [("false", "unverified"), ("true", "")])
def test_a_change_whose_instrument_is_unconfirmed_is_flagged(verified, flag):
    """No instrument of the reference data is unconfirmed today: a hand-made graph checks
    that ``successor`` would say so (the flag is looked up per instrument)."""
    import pyoxigraph as ox
    from plankg.graph.query.resolve import Resolver
    from plankg.graph.query.sparql import bind, get_query, render

    store = ox.Store()
    store.load(f"""
        @prefix org: <http://www.w3.org/ns/org#> . @prefix dct: <http://purl.org/dc/terms/> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix plankg: <https://w3id.org/plankg/def#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <urn:old> org:classification <https://w3id.org/plankg/id/agency-type/DONRE> ;
            skos:prefLabel "Sở cũ"@vi ; org:changedBy <urn:e1> .
        <urn:e1> dct:date "2025-03-01"^^xsd:date ; org:resultingOrganization <urn:new> ; dct:isPartOf <urn:s1> .
        <urn:new> skos:prefLabel "Sở mới"@vi .
        <urn:s1> plankg:instrumentNumber "45/2025/NĐ-CP" ; plankg:verified {verified} .
        """, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:g"))
    query = get_query("successor")
    text = render(query, bind(query, {"agency": "DONRE"}, Resolver(None)))
    rows = list(store.query(text, use_default_graph_as_union=True))
    assert [(r["successor"].value, r["instruments"].value.strip(), r["verified"].value) for r in rows] == [
        ("Sở mới", "45/2025/NĐ-CP", flag)]

