"""Materialised views: store-wide aggregates computed once per build, read by the named queries.

Why they exist: a question about the whole corpus (what the store holds, each agency's
workload and budget, who works with whom) aggregates hundreds of thousands of task and
assignment facts. Oxigraph answers it in seconds at 10,000 plans, whatever the query's
shape, because it pays a lookup per fact; the answer itself is a few hundred rows. Each
``queries/views/<name>.rq`` is a SPARQL CONSTRUCT over the union of graphs whose result
is stored as the named graph ``…/id/index/view/<name>``, recomputed with the other
indexes after every build and removal (plankg.graph.indexes). ``stats-counts``,
``agency-workload``, ``budget-by-agency`` and ``agency-partners`` read these graphs, on the
embedded store and on any server the store is pushed to. One view is a closure rather
than an aggregate: ``agency-succession`` states once which organisation became which
through the 2025 changes, and when, so ``tasks-led-by-as-of`` looks the chain up instead
of walking the change events per query.

The views are data, in SPARQL, so the aggregation is stated once; their output mints
IRIs from what they describe (MD5 of the type and province, say), and its lines are
sorted, so an unchanged store gives byte-identical view graphs and a build that changes
nothing leaves them untouched. A view must not read its own vocabulary (its result is
part of the union it runs over).
"""

from __future__ import annotations

import pyoxigraph as ox
from plankg.graph.iris import view_graph_iri
from plankg.graph.sparql import NamedQuery, load_queries
from plankg.graph.store import GraphEntry, PlanStore


def load_views() -> tuple[NamedQuery, ...]:
    """Every view shipped in ``plankg.queries/views``, in name order."""
    return tuple(load_queries("views").values())


def view_batch(store: PlanStore, view: NamedQuery) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) of one view over what ``store`` holds now."""
    graph = view_graph_iri(view.name)
    triples = store.oxigraph.query(view.text, use_default_graph_as_union=True)
    if not isinstance(triples, ox.QueryTriples):
        raise TypeError(f"view {view.name} must build a graph; it returned rows")
    lines = {f"{t.subject} {t.predicate} {t.object} <{graph}> .\n" for t in triples}
    text = "".join(sorted(lines))
    return graph, GraphEntry.of("", f"view {view.name}", text), text
