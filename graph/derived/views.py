"""Materialised views: store-wide aggregates computed once per build, read by the named queries.

Why they exist: a question about the whole corpus (what the store holds, each agency's
workload and budget, who works with whom) aggregates hundreds of thousands of task and
assignment facts. Oxigraph answers it in seconds at 10,000 plans, whatever the query's
shape, because it pays a lookup per fact; the answer itself is a few hundred rows. Each
``queries/views/<name>.rq`` is a SPARQL CONSTRUCT over the union of graphs whose result
is stored as the named graph ``…/id/index/view/<name>``, recomputed with the other
indexes after every build and removal (plankg.graph.derived.indexes). ``stats-counts``,
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

Adding, replacing or removing a few plans updates each view by difference
(plankg.graph.derived.incremental): the view is run twice, narrowed by its ``#@keys ?var`` lines to
the terms the changed plans' graphs contain, before and after the change. A line may name
the classes of what it binds (``#@keys ?t plankg:Task``): terms the changed graphs give
other classes are then left out of it (a plan's terms are mostly evidence and
assignments: the narrowed runs take a third to a half of the time). How the two
results make the difference is declared in the view's header:

- ``#+ maintain: sum``: the view's numbers are sums over the keys (tasks, documents,
  agencies), so each number changes by (after − before); a row whose numbers all come to
  zero and that the narrowed run no longer finds is gone.
- ``#+ maintain: rows``: each row is a function of its key alone, so the rows found before
  are replaced by those found after.

A view without the line is recomputed whole after every change (correct, and as slow as
its query over the store).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from plankg.graph.iris import view_graph_iri
from plankg.graph.query.sparql import NamedQuery, key_classes, keyed, keyed_variables, load_queries
from plankg.graph.store import GraphEntry, PlanStore, is_literal, is_triples, literal

from plankg.errors import QueryError

Triple = tuple  # (subject, predicate, object) as the store's terms


MAINTAINED = ("sum", "rows")
"""The ways a view may declare it is changed by difference (``#+ maintain:``)."""


def load_views() -> tuple[NamedQuery, ...]:
    """Every view shipped in ``plankg.queries/views``, in name order; a view that declares
    a way of being maintained it cannot be maintained by is a :class:`QueryError`."""
    views = tuple(load_queries("views").values())
    for view in views:
        key_classes(view)  # (a class its #@keys lines cannot name is refused here, not mid-build)
        how = view.options.get("maintain")
        if how is not None and (how not in MAINTAINED or not keyed_variables(view)):
            raise QueryError(f"views/{view.name}.rq: '#+ maintain: {how}' needs one of "
                             f"{', '.join(MAINTAINED)} and at least one '#@keys ?var' line")
    return views


def view_batch(store: PlanStore, view: NamedQuery) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) of one view over what ``store`` holds now."""
    graph = view_graph_iri(view.name)
    lines = {f"{s} {p} {o} <{graph}> .\n" for s, p, o in view_triples(store, view)}
    text = "".join(sorted(lines))
    return graph, GraphEntry.of("", f"view {view.name}", text), text


def view_triples(store: PlanStore, view: NamedQuery, keys: Iterable[str] | None = None,
                 types: Mapping[str, Iterable[str]] | None = None) -> set[Triple]:
    """The view's triples over what ``store`` holds now; with ``keys`` (IRIs), only those
    its ``#@keys`` lines narrow it to (by class, where ``types`` knows a key's classes)."""
    text = view.text if keys is None else keyed(view, keys, types)
    triples = store.query(text)
    if not is_triples(triples):
        raise TypeError(f"view {view.name} must build a graph; it returned rows")
    return {(t.subject, t.predicate, t.object) for t in triples}


def view_delta(store: PlanStore, view: NamedQuery, before: set[Triple] | None,
               after: set[Triple] | None) -> tuple[set[Triple], set[Triple]]:
    """(triples to delete, triples to insert) in the view's graph, from the view narrowed
    to the changed keys before and after the change (see the module docstring). A view
    that declares no ``maintain`` is recomputed whole (``before`` and ``after`` unused)."""
    graph = view_graph_iri(view.name)
    how = view.options.get("maintain")
    if how is None or before is None or after is None:
        held = {(q.subject, q.predicate, q.object) for q in store.match(graph=graph)}
        whole = view_triples(store, view)
        return held - whole, whole - held
    if how == "rows":
        return before - after, after - before
    subjects = {t[0] for t in before | after}
    held = {(q.subject, q.predicate, q.object) for s in subjects for q in store.match(s, graph=graph)}
    totals: dict[tuple, list] = {}
    for sign, triples in ((1, held), (1, after), (-1, before)):
        for s, p, o in triples:
            if _number(o) is not None:
                totals.setdefault((s, p), []).append((sign, o))
    inserts = {t for t in after if _number(t[2]) is None} - held
    deletes = {t for t in held if _number(t[2]) is not None}
    counts = {key: _sum(terms) for key, terms in totals.items()}
    found = {t[0] for t in after}
    left = {s for (s, _), value in counts.items() if _number(value) != 0}  # subjects with a number left
    gone = subjects - found - left
    inserts |= {(s, p, value) for (s, p), value in counts.items() if s not in gone}
    for node in gone:
        deletes |= {(q.subject, q.predicate, q.object) for q in store.match(node, graph=graph)}
        deletes |= {(q.subject, q.predicate, q.object) for q in store.match(obj=node, graph=graph)}
    inserts = {t for t in inserts if t[0] not in gone and t[2] not in gone}
    return deletes - inserts, inserts - held


def _number(term) -> Decimal | None:
    if is_literal(term) and term.datatype.value in _NUMERIC:
        return Decimal(term.value)
    return None


def _sum(terms: list[tuple[int, object]]) -> object:
    """Signed sum of integer and decimal literals, written as Oxigraph writes an aggregate:
    decimal if any operand is (an integer zero when nothing is left)."""
    total = sum((sign * Decimal(term.value) for sign, term in terms), Decimal(0))
    if total == 0 or all(term.datatype.value == _NUMERIC[0] for _, term in terms):
        return literal(str(int(total)), datatype=_NUMERIC[0])
    return literal(format(total.normalize(), "f"), datatype=_NUMERIC[1])


_NUMERIC = ("http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#decimal")
