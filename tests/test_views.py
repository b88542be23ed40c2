"""Materialised views: what they store is what a direct count over the graph or the
extracted records gives, and an unchanged store leaves them untouched."""

from __future__ import annotations

from collections import Counter
from itertools import product

from plankg.graph.indexes import refresh_indexes
from plankg.graph.iris import is_index_graph, view_graph_iri
from plankg.graph.sparql import run_query
from plankg.graph.store import PlanStore
from plankg.graph.views import load_views

ROLE_TEXT = {("lead", "coordinating"): "coordinates on tasks it leads",
             ("coordinating", "lead"): "leads tasks it coordinates on",
             ("coordinating", "coordinating"): "coordinates alongside it",
             ("lead", "lead"): "co-leads with it"}

DIRECT_COUNTS = """
PREFIX plankg: <https://w3id.org/plankg/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX at: <https://w3id.org/plankg/id/agency-type/>
SELECT
  (COUNT(DISTINCT ?plan) AS ?plans) (COUNT(DISTINCT ?task) AS ?tasks)
  (COUNT(DISTINCT ?agency) AS ?agencies) (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?assignment) AS ?assignments) (COUNT(DISTINCT ?link) AS ?legal_basis_links)
  (COUNT(DISTINCT ?objective) AS ?objectives) (COUNT(DISTINCT ?leaderless) AS ?tasks_without_lead)
  (COUNT(DISTINCT ?other) AS ?unregistered_agencies)
WHERE {
  { ?plan a plankg:Plan } UNION { ?task a plankg:Task } UNION { ?p plankg:mentions ?agency }
  UNION { ?doc a eli:LegalResource } UNION { ?assignment a plankg:Assignment }
  UNION { ?link a plankg:LegalBasisLink } UNION { ?objective a plankg:Objective }
  UNION { ?leaderless a plankg:Task FILTER NOT EXISTS { ?leaderless plankg:leadAgency ?any } }
  UNION { ?other org:classification at:OTHER }
}"""


def test_stats_counts_equal_a_direct_count_over_the_graph(sample_store):
    with PlanStore(sample_store) as store:
        direct = store.oxigraph.query(DIRECT_COUNTS, use_default_graph_as_union=True)
        expected = {v.value: int(s[v].value) for s in direct for v in direct.variables}
        got = run_query(store, "stats-counts", {}).rows
    assert expected["tasks"] > 0 and expected["tasks_without_lead"] > 0
    assert [{k: int(v) for k, v in row.items()} for row in got] == [expected]


def test_agency_partners_count_the_agency_pairs_of_each_task(sample_store):
    from plankg.loaders import extract_file

    from plankg.samples import sample_paths

    expected: Counter = Counter()
    for record in map(extract_file, sample_paths()):
        for task in record.tasks:
            roles = {(code, "lead") for code in task.lead} | {(code, "coordinating") for code in task.coordinating}
            for (mine, my_role), (other, their_role) in product(roles, roles):
                if mine.split(":")[0] == "DOIT" and other != mine:
                    expected[(other.split(":")[0], ROLE_TEXT[(my_role, their_role)])] += 1
    with PlanStore(sample_store) as store:
        rows = run_query(store, "agency-partners", {"agency": "DOIT"}).rows
    assert len(expected) > 3
    assert {(r["partner"], r["role"]): int(r["tasks"]) for r in rows} == dict(expected)


def test_views_are_index_graphs_and_unchanged_when_the_store_is(sample_store, tmp_path):
    from plankg.graph.building import build

    from plankg.samples import sample_paths

    with PlanStore(tmp_path / "store", write=True) as store:
        build(store, sample_paths()[:2])
        graphs = {view_graph_iri(v.name): store.graphs[view_graph_iri(v.name)] for v in load_views()}
        assert all(map(is_index_graph, graphs)) and len(graphs) == 3
        assert not refresh_indexes(store)
        assert {g: store.graphs[g] for g in graphs} == graphs
        build(store, sample_paths()[2:3])
        assert store.graphs[view_graph_iri("dataset-statistics")] != graphs[view_graph_iri("dataset-statistics")]
