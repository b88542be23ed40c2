"""Materialised views: what they store is what a direct count over the graph or the
extracted records gives, and an unchanged store leaves them untouched."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import product

import pytest
from plankg.graph.derived.indexes import refresh_indexes
from plankg.graph.derived.views import load_views
from plankg.graph.iris import is_index_graph, view_graph_iri
from plankg.graph.query.backends import as_backend
from plankg.graph.query.resolve import Resolver
from plankg.graph.query.sparql import bind, get_query, render, run_query
from plankg.graph.store import PlanStore

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
  (COUNT(DISTINCT ?other) AS ?unregistered_agencies) (COUNT(DISTINCT ?conflict) AS ?lead_conflicts)
  (COUNT(DISTINCT ?duty) AS ?unassigned_duties)
WHERE {
  { ?plan a plankg:Plan } UNION { ?task a plankg:Task } UNION { ?p plankg:mentions ?agency }
  UNION { ?doc a eli:LegalResource } UNION { ?assignment a plankg:Assignment }
  UNION { ?link a plankg:LegalBasisLink } UNION { ?objective a plankg:Objective }
  UNION { ?leaderless a plankg:Task FILTER NOT EXISTS { ?leaderless plankg:leadAgency ?any } }
  UNION { ?other org:classification at:OTHER }
  UNION { ?conflict plankg:diagnosticCode "lead-conflict" }
  UNION { ?duty plankg:diagnosticCode "task-without-lead" }
}"""


WALK_BACK = """
PREFIX plankg: <https://w3id.org/plankg/def#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?province ?number ?section ?task ?named_agency ?plan (?t AS ?task_iri) WHERE {
  # ?named became ?now (an organisation of the asked type) through zero to three changes
  # in a row (2025: departments merge in March, provinces in July); ?t is a task ?named
  # leads. Each branch starts from ?now, walks back, then looks the tasks up: Oxigraph 0.5
  # runs a branch that way round in milliseconds, but joins a UNION with a pattern outside
  # it by scanning that pattern whole (every task). Dates are compared outside the branches.
  { ?now org:classification ?agency . BIND(?now AS ?named)
    ?t plankg:leadAgency ?named ; plankg:plan ?plan ; dct:description ?task ; plankg:evidence ?ev .
          ?ev plankg:startOffset ?start . }
  UNION { ?now org:classification ?agency .
          ?e1 org:resultingOrganization ?now ; dct:date ?d1 ; org:originalOrganization ?named .
          ?t plankg:leadAgency ?named ; plankg:plan ?plan ; dct:description ?task ; plankg:evidence ?ev .
          ?ev plankg:startOffset ?start . }
  UNION { ?now org:classification ?agency .
          ?e2 org:resultingOrganization ?now ; dct:date ?d2 ; org:originalOrganization ?m1 .
          ?e1 org:resultingOrganization ?m1 ; dct:date ?d1 ; org:originalOrganization ?named .
          FILTER(?d2 >= ?d1)
          ?t plankg:leadAgency ?named ; plankg:plan ?plan ; dct:description ?task ; plankg:evidence ?ev .
          ?ev plankg:startOffset ?start . }
  UNION { ?now org:classification ?agency .
          ?e3 org:resultingOrganization ?now ; dct:date ?d3 ; org:originalOrganization ?m2 .
          ?e2 org:resultingOrganization ?m2 ; dct:date ?d2 ; org:originalOrganization ?m1 .
          ?e1 org:resultingOrganization ?m1 ; dct:date ?d1 ; org:originalOrganization ?named .
          FILTER(?d2 >= ?d1 && ?d3 >= ?d2)
          ?t plankg:leadAgency ?named ; plankg:plan ?plan ; dct:description ?task ; plankg:evidence ?ev .
          ?ev plankg:startOffset ?start . }
  FILTER(!BOUND(?province_iri) || EXISTS { ?now plankg:province ?province_iri })
  BIND(COALESCE(?d3, ?d2, ?d1) AS ?last)
  FILTER(!BOUND(?last) || ?last <= ?as_of)
  # ... and ?now itself has not changed again by the date. (Not as a left join with the
  # FILTER inside: Virtuoso 7 does not see ?as_of and ?last there and drops every row.)
  FILTER NOT EXISTS { ?later org:originalOrganization ?now ; dct:date ?dl .
                      FILTER(?dl <= ?as_of && (!BOUND(?last) || ?dl >= ?last)) }
  ?named skos:prefLabel ?named_agency FILTER(LANG(?named_agency) = "vi")
  OPTIONAL { ?t plankg:sectionPath ?section }
  OPTIONAL { ?plan eli:number ?number }
  OPTIONAL { ?now plankg:province/skos:prefLabel ?province FILTER(LANG(?province) = "vi") }
}
ORDER BY ?province ?named_agency ?number ?start
"""
"""tasks-led-by-as-of before the agency-succession view: the change events walked back."""


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


@pytest.mark.parametrize("agency, province, as_of", [
    ("DAE", "Cà Mau", "2025-12-01"), ("DAE", "Cà Mau", "2025-05-01"), ("DONRE", "Cà Mau", "2025-02-01"),
    ("DONRE", "Cà Mau", "2025-05-01"), ("DOIT", None, "2026-01-01"), ("DOF", None, "2025-04-01"),
    ("DOIT", "Bạc Liêu", "2025-08-01")])
def test_tasks_led_by_as_of_equal_the_walk_over_change_events(sample_store, agency, province, as_of):
    args = {"agency": agency, "province": province, "as_of": as_of}
    walk = replace(get_query("tasks-led-by-as-of"), text=WALK_BACK)
    with PlanStore(sample_store) as store:
        got = run_query(store, "tasks-led-by-as-of", args).rows
        backend = as_backend(store)
        expected = backend.select(render(walk, bind(walk, args, Resolver(backend)))).rows
    assert got == expected


def test_views_are_index_graphs_and_unchanged_when_the_store_is(sample_store, tmp_path):
    from plankg.graph.ingest.plans import build

    from plankg.samples import sample_paths

    with PlanStore(tmp_path / "store", write=True) as store:
        build(store, sample_paths()[:2])
        graphs = {view_graph_iri(v.name): store.graphs[view_graph_iri(v.name)] for v in load_views()}
        assert all(map(is_index_graph, graphs)) and len(graphs) == 4
        assert not refresh_indexes(store)
        assert {g: store.graphs[g] for g in graphs} == graphs
        build(store, sample_paths()[2:3])
        assert store.graphs[view_graph_iri("dataset-statistics")] != graphs[view_graph_iri("dataset-statistics")]
