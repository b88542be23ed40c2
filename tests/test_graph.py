"""The graph: vocabulary consistency, IRIs, build idempotence, exports, evidence, SHACL."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from plankg.graph import iris
from plankg.graph.ingest.plans import build
from plankg.graph.query.sparql import load_queries
from plankg.graph.report.export import export, union_graph
from plankg.graph.report.validate import validate_graph, validate_store
from plankg.graph.store import PlanStore
from plankg.graph.vocab import PLANKG
from plankg.loaders.normalize import normalize
from plankg.loaders.pipeline import extract_file
from plankg.loaders.records import OTHER, AgencyRef
from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from plankg.samples import sample_paths

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
CORE = Graph().parse(data=resources.files("plankg.ontology").joinpath("core.ttl").read_text("utf-8"),
                     format="turtle")
DEF = "https://w3id.org/plankg/def#"


# ------------------------------------------------------------------ vocabulary

def declared(term: str) -> bool:
    return (URIRef(term), None, None) in CORE


def test_every_vocab_handle_is_declared_with_labels_and_definition():
    skos = "http://www.w3.org/2004/02/skos/core#"
    for name in PLANKG.terms:
        term = URIRef(DEF + name)
        assert declared(term), name
        langs = {o.language for o in CORE.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
        assert {"vi", "en"} <= langs, name
        assert CORE.value(term, URIRef(skos + "definition")) is not None, name


def test_every_plankg_term_in_queries_and_shapes_is_declared():
    texts = [q.text for q in (*load_queries().values(), *load_queries("views").values())]
    texts.append(resources.files("plankg.ontology").joinpath("shapes.ttl").read_text("utf-8"))
    for text in texts:
        for name in re.findall(r"\bplankg:([A-Za-z]+)", text):
            assert declared(DEF + name), name


def test_closed_namespace_refuses_typos():
    with pytest.raises(AttributeError):
        PLANKG.leadAgencyy  # noqa: B018


# ------------------------------------------------------------------ IRIs

@given(st.text(max_size=60))
def test_minted_iris_are_valid_and_deterministic(text):
    for value in (iris.agency_iri(AgencyRef(OTHER, text), text, False), iris.titled_document_iri(text, 2020),
                  iris.task_iri("https://w3id.org/plankg/id/eli/kh/x/2022/1", text, 3),
                  iris.graph_iri(text or "x"), iris.unnumbered_plan_iri(text, "ab" * 32)):
        ox.NamedNode(value)  # raises on an invalid IRI
        assert value == type(value)(value)
    assert iris.agency_iri(AgencyRef(OTHER, text), None, True) == iris.agency_iri(AgencyRef(OTHER, text), None, True)


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_distinct_keys_give_distinct_iris(a, b):
    if a != b:
        assert iris.agency_iri(AgencyRef(OTHER, a), "Cà Mau", False) \
            != iris.agency_iri(AgencyRef(OTHER, b), "Cà Mau", False)
        assert iris.titled_document_iri(a, None) != iris.titled_document_iri(b, None)
        assert iris.graph_iri(a) != iris.graph_iri(b)


def test_document_iris_are_readable():
    from plankg.loaders.docnumbers import parse_number
    from plankg.loaders.registry import load_registry

    number = parse_number("2495/QĐ-UBND", load_registry())
    assert iris.document_iri(number, 2020, "Cần Thơ").endswith("/eli/qd/ubnd-can-tho/2020/2495")


# ------------------------------------------------------------------ building

def dataset(path: Path) -> Graph:
    with PlanStore(path) as store:
        return union_graph(store)


def test_building_twice_gives_the_same_graph(sample_store, tmp_path):
    before = to_isomorphic(dataset(sample_store))
    with PlanStore(sample_store, write=True) as store:
        report = build(store, sample_paths())
    assert report.unchanged == 5 and report.added == []
    assert to_isomorphic(dataset(sample_store)) == before


def test_store_survives_reopening(sample_store):
    with PlanStore(sample_store) as store:
        assert len(store) > 9000 and len(store.graphs) == 12  # 5 plans, reference, two indexes, four views


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_then_reimport_is_isomorphic(sample_store, fmt, parser):
    with PlanStore(sample_store) as store:
        original = union_graph(store, [g for g, entry in store.graphs.items() if entry.plan])
        data = export(store, fmt)
    reread = Graph().parse(data=data.decode("utf-8"), format=parser)
    assert to_isomorphic(reread) == to_isomorphic(original)


def test_trig_export_keeps_one_graph_per_plan(sample_store):
    from rdflib import Dataset

    with PlanStore(sample_store) as store:
        data = export(store, "trig")
    named = {str(g.identifier) for g in Dataset().parse(data=data.decode("utf-8"), format="trig").graphs()}
    assert sum("/graph/0" in g for g in named) == 5


@pytest.mark.parametrize("kind, count", [
    ("Task", lambda records: sum(len(r.tasks) for r in records)),
    ("Assignment", lambda records: sum(len({(a.role, a.code) for a in t.assignments})
                                       for r in records for t in r.tasks)),
])
def test_every_quote_is_the_source_at_its_span(sample_store, kind, count):
    """Tasks and each agency assignment quote the normalised source exactly at their offsets."""
    texts = {normalize(p.read_text("utf-8")).sha256: normalize(p.read_text("utf-8")).text
             for p in sample_paths()}
    query = f"""PREFIX plankg: <https://w3id.org/plankg/def#> PREFIX prov: <http://www.w3.org/ns/prov#>
      SELECT ?quote ?start ?end ?sha WHERE {{ ?t a plankg:{kind} ; plankg:evidence ?e .
      ?e prov:value ?quote ; plankg:startOffset ?start ; plankg:endOffset ?end ; prov:wasQuotedFrom ?s .
      ?s plankg:sha256 ?sha }}"""
    with PlanStore(sample_store) as store:
        rows = list(store.oxigraph.query(query, use_default_graph_as_union=True))
    assert len(rows) == count([extract_file(p) for p in sample_paths()])
    for row in rows:
        source = texts[row["sha"].value]
        passage = source[int(row["start"].value):int(row["end"].value)]
        assert " ".join(passage.split()) == row["quote"].value


def test_assignments_say_where_they_were_read(sample_store):
    query = """PREFIX plankg: <https://w3id.org/plankg/def#>
      SELECT ?via (COUNT(*) AS ?n) WHERE { ?a a plankg:Assignment ; plankg:assignedVia ?via } GROUP BY ?via"""
    with PlanStore(sample_store) as store:
        vias = {row["via"].value.rsplit("#", 1)[1]: int(row["n"].value)
                for row in store.oxigraph.query(query, use_default_graph_as_union=True)}
    # the samples assign under agency headings, in fields, in table columns and in sentences
    assert {"ViaHeading", "ViaField", "ViaTableColumn", "ViaRunningText"} <= set(vias)


def test_rdflib_api_reads_the_store(sample_store):
    from plankg.graph.report.export import union_graph

    with PlanStore(sample_store) as store:
        data = union_graph(store)
    leads = set(data.objects(None, URIRef(PLANKG.leadAgency)))
    labels = {str(o) for s in leads for o in data.objects(s, URIRef(
        "http://www.w3.org/2004/02/skos/core#prefLabel")) if isinstance(o, Literal) and o.language == "vi"}
    assert "Sở Tài nguyên và Môi trường Đồng Nai" in labels


def test_the_store_module_alone_uses_the_engine():
    """Only plankg.graph.store imports the store's engine (issue 20): the rest reads and
    writes through PlanStore and the store module's term and format helpers."""
    root = Path(__file__).resolve().parent.parent
    users = sorted(str(path.relative_to(root)) for folder in ("graph", "viz", "plankg")
                   for path in (root / folder).rglob("*.py") if "pyoxigraph" in path.read_text(encoding="utf-8"))
    assert users == ["graph/store.py"]


# ------------------------------------------------------------------ SHACL

def test_sample_graph_conforms(sample_store):
    with PlanStore(sample_store) as store:
        report = validate_store(store)
    assert report.conforms, report.violations[:3]


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.ttl")), ids=lambda p: p.stem)
def test_each_shape_has_a_failing_fixture(fixture):
    text = fixture.read_text("utf-8")
    expected_path = re.search(r"# expect: (\S*)", text).group(1)
    report = validate_graph(Graph().parse(data=text, format="turtle"))
    assert not report.conforms
    if expected_path:  # a property constraint: the violation names the property
        assert any(v.path == expected_path for v in report.violations), report.violations
    else:  # a node constraint: the violation names the shape
        assert any(v.shape.endswith("#" + fixture.stem) for v in report.violations), report.violations


def test_every_shape_is_covered_by_a_fixture():
    shapes = Graph().parse(data=resources.files("plankg.ontology").joinpath("shapes.ttl")
                           .read_text("utf-8"), format="turtle")
    names = {str(s).rsplit("#", 1)[1] for s in shapes.subjects(
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef("http://www.w3.org/ns/shacl#NodeShape"))}
    assert names == {p.stem for p in FIXTURES.glob("*.ttl")}


def test_the_same_document_twice_is_built_once(tmp_path):
    """Two crawls of one decision: one graph, rows not doubled, the copy reported."""
    from plankg.graph.query.sparql import run_query

    sample = sample_paths()[3]
    copies = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for copy in copies:
        copy.write_text(sample.read_text("utf-8") + "\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(sample.read_text("utf-8").replace("Đồng Nai", "Đồng  Nai"), encoding="utf-8")
    with PlanStore(tmp_path / "store", write=True) as store:
        report = build(store, [*copies, tmp_path / "c.txt"])
        assert [Path(d[0]).name for d in report.duplicates] == ["b.txt", "c.txt"]
        assert sum(1 for e in store.graphs.values() if e.plan) == 1
        rows = run_query(store, "plan-tasks", {"plan": "202/KH-UBND"}).rows
    assert len(rows) == len(extract_file(sample).tasks)
