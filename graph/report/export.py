"""Export a store (or one plan) as Turtle, N-Triples, JSON-LD, TriG, or a CSV of tasks.

RDF formats come from Oxigraph's serialisers (fast); JSON-LD from rdflib with the
project's context file (``ontology/context.jsonld``); the CSV of tasks from the
``plan-tasks`` question, one row per task.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

from plankg.graph.iris import REFERENCE_GRAPH, is_index_graph
from plankg.graph.store import PlanStore, parse, serialize

from plankg.errors import QueryError

FORMATS = ("ttl", "nt", "jsonld", "trig", "csv")
_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "trig": "trig"}
PREFIXES = {
    "plankg": "https://w3id.org/plankg/def#", "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
_TASK_COLUMNS = ("number", "province", "section", "task", "lead", "coordinating", "period", "funding",
                 "budget_vnd", "plan")


def select_graphs(store: PlanStore, plan: str | None, with_reference: bool) -> list[str]:
    """Named graphs to export: all (optionally without the ontology and the indexes), or one plan's."""
    if plan is None:
        return [g for g in store.graphs if with_reference or not (g == REFERENCE_GRAPH or is_index_graph(g))]
    from plankg.graph.query.resolve import match_plan

    graphs = match_plan(store, plan)
    if not graphs:
        raise QueryError(f"no plan {plan!r} in the store; `plankg plans` lists what is loaded")
    return graphs


def union_graph(store: PlanStore, graphs: list[str] | None = None):
    """The union of (some) named graphs as an in-memory rdflib Graph."""
    from rdflib import Graph

    data = Graph()
    data.parse(data=_ntriples(store, graphs).decode("utf-8"), format="nt")
    return data


def export(store: PlanStore, fmt: str, plan: str | None = None,
           with_reference: bool = False) -> bytes:
    """Serialise the store, or one plan, in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    graphs = select_graphs(store, plan, with_reference)
    if fmt == "csv":
        return _tasks_csv(store, graphs)
    if fmt == "trig":
        return serialize([q for g in graphs for q in store.match(graph=g)], "trig", PREFIXES)
    if fmt == "jsonld":
        data = union_graph(store, graphs)
        context = json.loads(context_text())["@context"]
        return data.serialize(format="json-ld", context=context, indent=1).encode("utf-8")
    triples = parse(_ntriples(store, graphs), "ntriples")
    return serialize(triples, _SYNTAX[fmt], PREFIXES if fmt == "ttl" else None)


def context_text() -> str:
    """The JSON-LD context shipped in ``ontology/context.jsonld``."""
    return resources.files("plankg.ontology").joinpath("context.jsonld").read_text(encoding="utf-8")


def _ntriples(store: PlanStore, graphs: list[str] | None) -> bytes:
    names = graphs if graphs is not None else list(store.graphs)
    return store.union_ntriples(names)


def _tasks_csv(store: PlanStore, graphs: list[str]) -> bytes:
    """One row per task, from the ``plan-tasks`` question itself (so the two always agree),
    headed by the plan's number and province; agencies joined by spaces in one cell."""
    from plankg.graph.query.sparql import run_query

    from plankg.tables import csv_cell

    plans = {store.graphs[g].plan for g in graphs if g in store.graphs and store.graphs[g].plan}
    listed = {row["plan"]: row for row in run_query(store, "plans", {}).rows}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_TASK_COLUMNS)
    for plan in sorted(plans, key=lambda p: (listed.get(p, {}).get("number") or "", p)):
        head = listed.get(plan, {})
        for row in run_query(store, "plan-tasks", {"plan": plan}).rows:
            values = {**row, "plan": plan, "number": head.get("number"), "province": head.get("province")}
            writer.writerow([csv_cell(values.get(c)) for c in _TASK_COLUMNS])
    return out.getvalue().encode("utf-8")
