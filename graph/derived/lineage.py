"""The lineage index: a derived named graph that answers "what does X rest on" in one lookup.

Why it exists: every plan that cites 889/QĐ-TTg states that document's number and type
in its own named graph, so over the union of graphs a shared document's description is
repeated once per citing plan, and a property path such as
``(eli:based_on|eli:ensures_implementation_of)+`` is walked link by link through those
repeats. At 10,000 plans that took seconds to minutes. The index states each fact once:

- ``x plankg:restsOn y`` for every document y reachable from x over ``eli:based_on`` and
  ``eli:ensures_implementation_of`` (x ≠ y), across plans and the reference data;
- ``d plankg:displayLabel "889/QĐ-TTg"`` for every legal resource and every end of such a
  link or of a replacement or amendment: its number, else its title, else its IRI, so
  queries need no OPTIONAL to name it;
- ``d plankg:restingPlans 8000`` and ``d plankg:restingLinks 10002`` for every document
  something rests on: how many plans rest on it, and how many links end at it or at what
  rests on it (the rows of ``plans-implementing`` and ``legal-lineage-reverse``). A paged
  listing's total is then one lookup; counting 8,000 plans in the store took 0.2–0.4 s.

It is recomputed from the store after every build and removal (plankg.graph.derived.indexes; a
pure function of what the store holds, sorted, so rebuilding the same plans changes nothing).
"""

from __future__ import annotations

from collections import defaultdict

from plankg.graph.iris import LINEAGE_GRAPH
from plankg.graph.store import GraphEntry, PlanStore, Statement, is_iri
from plankg.graph.terms import iri, literal, typed
from plankg.graph.vocab import DCTERMS, ELI, PLANKG, RDF

_LINKS = (ELI.based_on, ELI.ensures_implementation_of)
_CHANGES = (DCTERMS.replaces, DCTERMS.isReplacedBy, ELI.amends, ELI.amended_by)
"""Links whose two ends get a label too: queries name replaced and amending documents."""
_LINK_IRIS = frozenset(map(str, _LINKS))
_CHANGE_IRIS = frozenset(map(str, _CHANGES))
_DESCRIBING = frozenset(map(str, (ELI.number, ELI.title)))


def lineage_batch(store: PlanStore) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) of the lineage index of what ``store`` holds now."""
    edges: dict[str, set[str]] = defaultdict(set)
    incoming: dict[str, set[tuple[str, str]]] = defaultdict(set)  # b → {(a, link)} for "a link b"
    for link in _LINKS:
        for quad in store.match(None, link, None, None):
            if is_iri(quad.subject) and is_iri(quad.object):
                edges[quad.subject.value].add(quad.object.value)
                incoming[quad.object.value].add((quad.subject.value, link))
    documents = {q.subject.value for q in store.match(None, RDF.type, ELI.LegalResource) if is_iri(q.subject)}
    documents.update(edges)
    for targets in edges.values():
        documents.update(targets)
    for change in _CHANGES:
        for quad in store.match(None, change, None, None):
            documents.update(term.value for term in (quad.subject, quad.object) if is_iri(term))

    closure = {node: _reachable(node, edges) for node in edges}
    lines = [f"{iri(node)} <{PLANKG.restsOn}> {iri(target)} <{LINEAGE_GRAPH}> .\n"
             for node, targets in closure.items() for target in targets]
    lines += _resting_counts(store, closure, incoming)
    labels = _labels(store, documents)
    lines += [f"{iri(node)} <{PLANKG.displayLabel}> {literal(labels.get(node, node))} <{LINEAGE_GRAPH}> .\n"
              for node in documents]
    text = "".join(sorted(lines))
    return LINEAGE_GRAPH, GraphEntry.of("", "lineage index", text), text


def _resting_counts(store: PlanStore, closure: dict[str, set[str]],
                    incoming: dict[str, set[tuple[str, str]]]) -> list[str]:
    """The two counts of each document something rests on, as N-Quads lines (see the
    module docstring); they count what the two queries' rows count."""
    plans = {q.subject.value for q in store.match(None, RDF.type, PLANKG.Plan)}
    resting: dict[str, set[str]] = defaultdict(set)
    for node, targets in closure.items():
        for target in targets:
            resting[target].add(node)
    lines = []
    for doc, below in resting.items():
        links = len(incoming.get(doc, ())) + sum(len(incoming.get(b, ())) for b in below)
        lines.append(f"{iri(doc)} <{PLANKG.restingPlans}> {typed(len(below & plans), 'integer')} <{LINEAGE_GRAPH}> .\n")
        lines.append(f"{iri(doc)} <{PLANKG.restingLinks}> {typed(links, 'integer')} <{LINEAGE_GRAPH}> .\n")
    return lines


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    """Every node reachable from ``start`` in one or more steps (cycles are harmless)."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, ()))
    seen.discard(start)
    return seen


def _labels(store: PlanStore, documents: set[str], subject: str | None = None) -> dict[str, str]:
    """Number, else title (Vietnamese first), chosen the same way whatever the load order;
    ``subject``: read that document's statements only."""
    numbers: dict[str, set[str]] = defaultdict(set)
    for quad in store.match(subject, ELI.number, None, None):
        if quad.subject.value in documents:
            numbers[quad.subject.value].add(quad.object.value)
    titles: dict[str, set[tuple[bool, str]]] = defaultdict(set)
    for quad in store.match(subject, ELI.title, None, None):
        node = quad.subject.value
        if node in documents and node not in numbers:
            titles[node].add((getattr(quad.object, "language", None) != "vi", quad.object.value))
    labels = {node: min(values) for node, values in numbers.items()}
    labels.update({node: min(values)[1] for node, values in titles.items()})
    return labels


def lineage_delta(store: PlanStore, edges: set[Edge], edges_before: set[Edge], plans: set[str],
                  plans_before: set[str], documents: set[str]) -> tuple[set[Statement], set[Statement]]:
    """(statements to delete, statements to insert) in the lineage index after a change to
    a few plan graphs, from what those graphs stated (plankg.graph.derived.incremental).

    Args:
        store: the store after the change; the index still as it was before.
        edges: every link statement (x, link, y) of the changed graphs, old and new.
        edges_before: those of them the store held before the change.
        plans, plans_before: the subjects the changed graphs type as plans; those that
            were plans before.
        documents: the documents the changed graphs describe or link (labels to renew).

    Only what the change can reach is read: the closure of the links' sources and of what
    rests on them (``restsOn`` read back from the index), and the counts of the documents
    at their ends, each changed by its difference.
    """
    index = LINEAGE_GRAPH
    rests = PLANKG.restsOn
    after = {e for e in edges if holds(store, e)}
    changed = (after - edges_before) | (edges_before - after)
    sources = {s for s, _, _ in changed}
    affected = sources | {q.subject.value for s in sources
                          for q in store.match(None, rests, s, index)}
    plans_after = {p for p in plans if is_plan(store, p)}

    def held(node: str) -> set[str]:
        return {q.object.value for q in store.match(node, rests, None, index)}

    def closure(node: str) -> set[str]:  # in the changed store: unchanged nodes' closures read back
        seen: set[str] = set()
        todo = _targets(store, node)
        while todo:
            next_node = todo.pop()
            if next_node not in seen:
                seen.add(next_node)
                if next_node in affected:
                    todo.extend(_targets(store, next_node))
                else:
                    seen |= held(next_node)
        seen.discard(node)
        return seen

    incoming_change: dict[str, int] = defaultdict(int)
    for s, link, o in changed:
        incoming_change[o] += 1 if (s, link, o) in after else -1
    plans_moved = plans_after ^ (plans_before & plans)
    old = {node: held(node) for node in affected | plans_moved}
    new = {node: closure(node) if node in affected else old[node] for node in old}
    d_plans: dict[str, int] = defaultdict(int)
    d_links: dict[str, int] = defaultdict(int)
    for node in old:
        plan_now = node in plans_after if node in plans else is_plan(store, node)
        plan_then = node in plans_before if node in plans else plan_now
        incoming = _incoming(store, node) if node in affected else 0
        for doc in new[node]:
            d_plans[doc] += plan_now
            d_links[doc] += incoming
        for doc in old[node]:
            d_plans[doc] -= plan_then
            d_links[doc] -= incoming - incoming_change.get(node, 0)
    for node, change in incoming_change.items():
        d_links[node] += change
        if node not in affected:
            for doc in held(node):
                d_links[doc] += change

    deletes: set[Statement] = set()
    inserts: set[Statement] = set()
    for node in affected:
        deletes |= {(iri(node), iri(PLANKG.restsOn), iri(doc)) for doc in old[node] - new[node]}
        inserts |= {(iri(node), iri(PLANKG.restsOn), iri(doc)) for doc in new[node] - old[node]}
    for doc in set(d_plans) | set(d_links):
        counts = {p: _held_count(store, doc, p, index) for p in (PLANKG.restingPlans, PLANKG.restingLinks)}
        rested = any(doc in new[n] for n in affected) or any(
            q.subject.value not in affected for q in store.match(None, rests, doc, index))
        for predicate, delta in ((PLANKG.restingPlans, d_plans.get(doc, 0)),
                                 (PLANKG.restingLinks, d_links.get(doc, 0))):
            was = counts[predicate]
            if was is not None and (not rested or delta):
                deletes.add((iri(doc), iri(predicate), str(was)))
            if rested and (was is None or delta):
                inserts.add((iri(doc), iri(predicate), typed((int(was.value) if was else 0) + delta, "integer")))
    for doc in documents:
        label = _label(store, doc) if _is_document(store, doc) else None
        was = next((q.object for q in store.match(doc, PLANKG.displayLabel, None, index)), None)
        if was is not None and (label is None or was.value != label):
            deletes.add((iri(doc), iri(PLANKG.displayLabel), str(was)))
        if label is not None and (was is None or was.value != label):
            inserts.add((iri(doc), iri(PLANKG.displayLabel), literal(label)))
    return deletes, inserts


Edge = tuple[str, str, str]
"""(x, link, y) as IRIs."""


def link_edges(quads) -> set[Edge]:  # noqa: ANN001 - the store's quads
    """The (x, link, y) statements among ``quads`` the index follows."""
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads
            if q.predicate.value in _LINK_IRIS and is_iri(q.subject) and is_iri(q.object)}


def described_documents(quads) -> set[str]:  # noqa: ANN001 - the store's quads
    """The documents ``quads`` type, number, title or link: their labels may change with them."""
    found = set()
    for q in quads:
        p = q.predicate.value
        if p in _LINK_IRIS or p in _CHANGE_IRIS:
            found.update(t.value for t in (q.subject, q.object) if is_iri(t))
        elif is_iri(q.subject) and (
                p in _DESCRIBING or (p == str(RDF.type) and q.object.value == str(ELI.LegalResource))):
            found.add(q.subject.value)
    return found


def typed_plans(quads) -> set[str]:  # noqa: ANN001 - the store's quads
    """The subjects ``quads`` type as plans."""
    return {q.subject.value for q in quads if q.predicate.value == str(RDF.type) and q.object.value == str(PLANKG.Plan)}


def holds(store: PlanStore, edge: Edge) -> bool:
    """Whether some graph states (s, p, o)."""
    s, p, o = edge
    return next(iter(store.match(s, p, o, None)), None) is not None


def is_plan(store: PlanStore, node: str) -> bool:
    """Whether some graph types ``node`` as a plan."""
    return holds(store, (node, RDF.type, PLANKG.Plan))


def _targets(store: PlanStore, node: str) -> list[str]:
    return [q.object.value for link in _LINKS for q in store.match(node, link) if is_iri(q.object)]


def _incoming(store: PlanStore, node: str) -> int:
    """How many (x, link) pairs link to ``node``, over all graphs."""
    return len({(q.subject.value, link) for link in _LINKS
                for q in store.match(None, link, node) if is_iri(q.subject)})


def _is_document(store: PlanStore, node: str) -> bool:
    if holds(store, (node, RDF.type, ELI.LegalResource)):
        return True
    return any(next(iter(store.match(*pattern)), None) is not None
               for link in (*_LINKS, *_CHANGES)
               for pattern in ((node, link, None), (None, link, node)))


def _label(store: PlanStore, node: str) -> str:
    """The label :func:`_labels` gives one document, from its own statements."""
    return _labels(store, {node}, node).get(node, node)


def _held_count(store: PlanStore, node: str, predicate: str, graph: str):  # noqa: ANN201 - a literal term, or None
    found = store.match(node, predicate, None, graph)
    return next((q.object for q in found), None)
