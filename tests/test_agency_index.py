"""The agency index: one description per agency, however many plans describe it."""

from __future__ import annotations

from collections import Counter

from plankg.graph.derived.agency_index import agency_batch
from plankg.graph.derived.indexes import refresh_indexes
from plankg.graph.ingest.reference import reference_batch
from plankg.graph.iris import agency_iri
from plankg.graph.query.sparql import run_query
from plankg.graph.store import GraphEntry, PlanStore
from plankg.graph.vocab import AGENCY_TYPE, ORG, PLANKG, PROVINCE, SKOS
from plankg.loaders.records import AgencyRef

OTHER = agency_iri(AgencyRef.of("OTHER:Công ty Điện lực Đồng Nai"), "Đồng Nai", national=False)


def _plan_graph(n: int) -> tuple[str, GraphEntry, str]:
    """A plan graph that describes an unregistered agency, as each plan naming it does."""
    graph = f"https://w3id.org/plankg/id/graph/{n}"
    text = "".join(f"{s} {p} {o} <{graph}> .\n" for s, p, o in [
        (f"<{OTHER}>", f"<{ORG.classification}>", f"<{AGENCY_TYPE.OTHER}>"),
        (f"<{OTHER}>", f"<{PLANKG.province}>", f"<{PROVINCE['dong-nai']}>"),
        (f"<{OTHER}>", f"<{SKOS.prefLabel}>", '"Công ty Điện lực Đồng Nai"@vi'),
        (f"<urn:task:{n}>", f"<{PLANKG.leadAgency}>", f"<{OTHER}>")])
    return graph, GraphEntry(f"urn:plan:{n}", f"{n}.txt", str(n)), text


def _facts(store: PlanStore, agency: str) -> list[str]:
    return sorted(line.split(" ", 1)[1].rsplit(" ", 2)[0]
                  for line in agency_batch(store)[2].splitlines() if line.startswith(f"<{agency}> "))


def test_an_agency_described_by_many_plans_is_indexed_once():
    with PlanStore(None) as store:
        store.put([reference_batch()])
        store.put([_plan_graph(n) for n in range(3)])
        assert _facts(store, OTHER) == [f'<{PLANKG.agencyCode}> "OTHER"',
                                        f'<{PLANKG.agencyName}> "Cơ quan, tổ chức khác"@vi',
                                        f'<{PLANKG.ledTaskCount}> "3"^^<http://www.w3.org/2001/XMLSchema#integer>',
                                        f'<{PLANKG.provinceName}> "Đồng Nai"@vi']
        refresh_indexes(store)
        rows = run_query(store, "agency-workload", {}).rows
        assert [(r["agency"], r["province"], r["lead"]) for r in rows] == [("OTHER", "Đồng Nai", "3")]
        store.remove([_plan_graph(n)[0] for n in range(3)])
        assert _facts(store, OTHER) == []


def test_workload_counts_the_tasks_each_agency_leads(sample_store):
    from plankg.loaders import extract_file

    from plankg.samples import sample_paths

    expected: Counter = Counter()
    for record in map(extract_file, sample_paths()):
        for task in record.tasks:
            expected.update({code.split(":")[0] for code in task.lead})
    with PlanStore(sample_store) as store:
        rows = run_query(store, "agency-workload", {}).rows
    got: Counter = Counter()
    for row in rows:
        got[row["agency"]] += int(row["lead"])
    assert +got == expected
