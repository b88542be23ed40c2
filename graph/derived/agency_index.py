"""The agency index: one description per agency, for queries that name or group agencies.

Why it exists: an agency outside the registry is described (type, province, label) in
every plan graph that names it, so over the union of graphs its description comes back
once per such plan; joining two of its facts multiplies the copies (32 × 32 rows for one
agency at 10,000 plans). The index states, once per agency (``org:Organization`` with an
``org:classification``):

- ``a plankg:agencyCode "DONRE"``: the code of each of its types;
- ``a plankg:agencyName "Sở Tài nguyên và Môi trường"@vi``: its type's Vietnamese name;
- ``a plankg:provinceName "Cần Thơ"@vi``: its province's name (none for national bodies);
- ``a plankg:ledTaskCount 404``: how many tasks it leads, so the total of a listing over
  a few organisations (``tasks-led-by-as-of``: every predecessor of a type) is a sum of
  lookups, not a count of 76,000 rows at 10,000 plans.

The named queries read the code (``tasks-coordinated-by`` names each task's leads by
it); the two names are for ``plankg sparql`` and other readers of the graph. The
corpus-wide counts per agency are views (plankg.graph.derived.views), which take the agencies'
descriptions through ``SELECT DISTINCT`` instead, so as not to depend on this index.
Recomputed with the lineage index after every build and removal (plankg.graph.derived.indexes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from plankg.graph.iris import AGENCY_INDEX_GRAPH
from plankg.graph.query.sparql import get_query, keyed
from plankg.graph.store import GraphEntry, PlanStore, Statement, is_iri, is_literal
from plankg.graph.terms import iri, literal, typed
from plankg.graph.vocab import ORG, PLANKG, SKOS


def agency_batch(store: PlanStore) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) of the agency index of what ``store`` holds now."""
    text = "".join(sorted({f"{s} {p} {o} <{AGENCY_INDEX_GRAPH}> .\n" for s, p, o in agency_lines(store)}))
    return AGENCY_INDEX_GRAPH, GraphEntry.of("", "agency index", text), text


def agency_lines(store: PlanStore, agencies: Iterable[str] | None = None) -> list[Statement]:
    """The index's statements (N-Triples terms) about every agency, or about ``agencies``
    only (those a change touched: plankg.graph.derived.incremental)."""
    types: dict[str, set[str]] = defaultdict(set)
    subjects = [None] if agencies is None else list(agencies)
    for subject in subjects:
        for quad in store.match(subject, ORG.classification):
            if is_iri(quad.subject) and is_iri(quad.object):
                types[quad.subject.value].add(quad.object.value)
    codes = {t: _first(store, t, SKOS.notation) for t in set().union(*types.values())}
    names = {t: _first(store, t, SKOS.prefLabel, "vi") for t in codes}
    provinces: dict[str, str | None] = {}
    # Counted by the engine (queries/led-task-counts.rq): reading the 380,000 leads of
    # 10,000 plans as Python objects took 7 s, the aggregate 0.2 s.
    counts = get_query("led-task-counts")
    text = counts.text if agencies is None else keyed(counts, types)
    led = {row["org"].value: int(row["n"].value) for row in store.query(text)}
    lines = []
    for agency, kinds in types.items():
        node = iri(agency)
        for kind in kinds:
            if codes[kind] is not None:
                lines.append((node, f"<{PLANKG.agencyCode}>", literal(codes[kind])))
            if names[kind] is not None:
                lines.append((node, f"<{PLANKG.agencyName}>", literal(names[kind], "vi")))
        if led.get(agency):
            lines.append((node, f"<{PLANKG.ledTaskCount}>", typed(led[agency], "integer")))
        for where in {q.object.value for q in store.match(agency, PLANKG.province)}:
            if where not in provinces:
                provinces[where] = _first(store, where, SKOS.prefLabel, "vi")
            if provinces[where] is not None:
                lines.append((node, f"<{PLANKG.provinceName}>", literal(provinces[where], "vi")))
    return lines


def agency_delta(store: PlanStore, terms: Iterable[str]) -> tuple[set[Statement], set[Statement]]:
    """(statements to delete, statements to insert) in the index after a change to plans
    that mention ``terms``: the statements about the agencies among them, made again."""
    held = {(str(q.subject), str(q.predicate), str(q.object))
            for term in terms for q in store.match(term, graph=AGENCY_INDEX_GRAPH)}
    agencies = [term for term in terms if next(iter(store.match(term, ORG.classification)), None)]
    now = set(agency_lines(store, agencies))
    return held - now, now - held


def _first(store: PlanStore, subject: str, predicate: str, language: str | None = None) -> str | None:
    """The smallest literal value of (subject, predicate), in ``language`` if given: stable
    whatever the load order."""
    values = [q.object.value for q in store.match(subject, predicate)
              if is_literal(q.object) and (language is None or q.object.language == language)]
    return min(values) if values else None
