"""Derived graphs maintained by difference when a few plans are added, replaced or removed.

Why: every derived graph (the lineage and agency indexes, the materialised views) is a
function of the whole store, and recomputing them took 12–45 s at 10,000 plans after a
build of one file. What one plan can change is what its graphs, old and new, mention:
its tasks, its documents, its agencies. So the change is read twice, narrowed to those
terms (the keys), once before the plan graphs are written and once after, and each
derived graph is changed by the difference:

- the views by their declared rule (``#+ maintain: sum`` or ``rows``, plankg.graph.derived.views);
- the agency index: the statements about the agencies among the keys, made again;
- the lineage index: the closure of what the changed links reach, and the counts of the
  documents at their ends (plankg.graph.derived.lineage.lineage_delta).

All of it goes into the store as one update (one transaction). The caller makes the
plan graphs' change and this one all or nothing (PlanStore.undoable): a build killed on
the way leaves the store as it was once it is next opened. ``plankg reindex`` recomputes
the derived graphs in full at any time, and a test compares the two after random changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from plankg.graph.derived.agency_index import agency_delta
from plankg.graph.derived.indexes import THREADS
from plankg.graph.derived.lineage import described_documents, holds, is_plan, lineage_delta, link_edges, typed_plans
from plankg.graph.derived.views import Triple, load_views, view_delta, view_triples
from plankg.graph.iris import AGENCY_INDEX_GRAPH, LINEAGE_GRAPH, view_graph_iri
from plankg.graph.store import PlanStore, is_iri, parse
from plankg.graph.vocab import RDF

LIMIT = 50
"""Changed plan graphs up to which a build maintains the derived graphs by difference;
beyond it, recomputing them in full is as quick (at 10,000 plans, about 40 changed plans
cost what a full recomputation does)."""


@dataclass(frozen=True)
class Change:
    """What the changed plan graphs mention, and what the derived graphs made of it before."""

    keys: frozenset[str]
    types: dict[str, frozenset[str]]
    """The classes the changed graphs give their terms (for views' ``#@keys ?var class`` lines)."""
    edges: frozenset[tuple[str, str, str]]
    edges_before: frozenset[tuple[str, str, str]]
    plans: frozenset[str]
    plans_before: frozenset[str]
    documents: frozenset[str]
    views_before: dict[str, set[Triple]]


def before_change(store: PlanStore, graphs: Iterable[str], texts: Iterable[str]) -> Change:
    """Read, before plan graphs change, what the change touches.

    Args:
        store: the store opened for writing, its derived graphs fresh.
        graphs: the plan graphs about to be replaced or removed.
        texts: the N-Quads of the graphs about to be written.
    """
    quads = [q for g in graphs for q in store.match(graph=g)]
    for text in texts:
        quads.extend(parse(text.encode("utf-8"), "nquads"))
    keys = frozenset(t.value for q in quads for t in (q.subject, q.object) if is_iri(t))
    classes: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate.value == RDF.type and is_iri(q.subject) and is_iri(q.object):
            classes.setdefault(q.subject.value, set()).add(q.object.value)
    types = {term: frozenset(found) for term, found in classes.items()}
    edges = frozenset(link_edges(quads))
    plans = frozenset(typed_plans(quads))
    return Change(keys, types, edges, frozenset(e for e in edges if holds(store, e)), plans,
                  frozenset(p for p in plans if is_plan(store, p)), frozenset(described_documents(quads)),
                  _views(store, keys, types))


def after_change(store: PlanStore, change: Change) -> None:
    """Bring every derived graph up to date with the plan graphs as they are now, by the
    difference from ``change`` (read before they changed), in one transaction."""
    updates = []
    now = _views(store, change.keys, change.types)
    for view in load_views():
        deletes, inserts = view_delta(store, view, change.views_before.get(view.name), now.get(view.name))
        updates.append((view_graph_iri(view.name), f"view {view.name}", _terms(deletes), _terms(inserts)))
    updates.append((AGENCY_INDEX_GRAPH, "agency index", *agency_delta(store, change.keys)))
    deletes, inserts = lineage_delta(store, set(change.edges), set(change.edges_before), set(change.plans),
                                     set(change.plans_before), set(change.documents))
    updates.append((LINEAGE_GRAPH, "lineage index", deletes, inserts))
    store.amend_derived(updates)


def _views(store: PlanStore, keys: frozenset[str], types: dict[str, frozenset[str]]) -> dict[str, set[Triple]]:
    """Each view that declares how it is maintained, narrowed to ``keys`` (of the classes
    its lines name, by ``types``), side by side (Oxigraph evaluates without the GIL)."""
    views = [view for view in load_views() if view.options.get("maintain")]
    with ThreadPoolExecutor(THREADS) as pool:
        found = list(pool.map(lambda view: view_triples(store, view, keys, types), views))
    return {view.name: triples for view, triples in zip(views, found, strict=True)}


def _terms(triples: set[Triple]) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in triples}
