"""Graph views as networkx graphs, built from named queries (no RDF beyond this module).

* :func:`agency_network`: agencies as nodes (tasks led, kind, province), edges from a
  lead to each coordinator weighted by the tasks they share, with those tasks listed;
* :func:`responsibility_chain`: one agency type's chain: People's Committee → plans →
  tasks it leads → their coordinators, and the tasks where it coordinates;
* :func:`lineage_network`: documents and their "based on" / "implements" links.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources

import networkx as nx
from plankg.graph.query.sparql import run_query
from plankg.graph.vocab import PLANKG
from plankg.loaders.docnumbers import is_local_issuer, issuer_agency, parse_number
from plankg.loaders.registry import load_registry
from plankg.loaders.turtle import Statements

KIND_NAMES = {
    "ProvincialDepartment": "provincial department", "PeoplesCommittee": "People's Committee",
    "NationalBody": "national body", "NonGovernment": "non-government", "Collective": "collective",
    "Other": "other",
}


@cache
def edge_label(prop: str, language: str = "vi") -> str:
    """The label an edge drawn for ``prop`` carries: its ``plankg:edgeLabel`` in
    ``ontology/core.ttl`` ("chủ trì" for ``plankg:leadAgency``)."""
    core = Statements.parse([resources.files("plankg.ontology").joinpath("core.ttl").read_bytes()])
    labels = [o for o in core.objects(str(prop), str(PLANKG.edgeLabel)) if o.language == language]
    if not labels:
        raise LookupError(f"ontology/core.ttl gives {prop} no plankg:edgeLabel in {language!r}")
    return str(labels[0])


def _kind(value: str | None) -> str:
    return KIND_NAMES.get((value or "").rsplit("#", 1)[-1], "other")


def _task_line(row: dict) -> str:
    where = " ".join(p for p in (row.get("number") or "", row.get("section") or "") if p)
    return f"{where}: {row['text'][:110]}" if where else row["text"][:110]


def _task_label(row: dict) -> str:
    """A task node's label: its first words (a section code alone names nothing to a reader)."""
    words = (row.get("text") or "").split()
    head = " ".join(words[:6]) + (" …" if len(words) > 6 else "")
    return head or row.get("section") or "task"


def agency_network(backend, plan: str | None = None, province: str | None = None) -> nx.DiGraph:
    """Agencies and who coordinates with whom, from the ``assignments`` query."""
    rows = run_query(backend, "assignments", {"plan": plan, "province": province}).rows
    graph = nx.DiGraph()
    by_task: dict[str, dict[str, list[dict]]] = defaultdict(lambda: {"lead": [], "coordinating": []})
    for row in rows:
        by_task[row["task"]][row["role"]].append(row)
        if row["org"] not in graph:
            graph.add_node(row["org"], label=row["label"], code=row["code"], kind=_kind(row["kind"]),
                           province=row["province"] or "", led=0, coordinated=0, tasks=[])
        node = graph.nodes[row["org"]]
        node["led" if row["role"] == "lead" else "coordinated"] += 1
        role = PLANKG.leadAgency if row["role"] == "lead" else PLANKG.coordinatingAgency
        node["tasks"].append(f"[{edge_label(role)}] {_task_line(row)}")
    for roles in by_task.values():
        for lead in roles["lead"]:
            for coordinator in roles["coordinating"]:
                if lead["org"] == coordinator["org"]:
                    continue
                if not graph.has_edge(lead["org"], coordinator["org"]):
                    graph.add_edge(lead["org"], coordinator["org"], weight=0, tasks=[])
                edge = graph.edges[lead["org"], coordinator["org"]]
                edge["weight"] += 1
                edge["tasks"].append(_task_line(lead))
    return graph


def responsibility_chain(backend, agency_code: str, as_of: str | None = None) -> nx.DiGraph:
    """One agency type's chain of responsibility across the plans.

    With ``as_of`` (YYYY-MM-DD), the agency as it stands on that date: tasks given to the
    agencies it succeeded count as its own (the 2025 reorganisation).
    """
    rows = run_query(backend, "assignments", {}).rows
    inherited: set[str] = set()
    if as_of:
        inherited = {r["task_iri"] for r in run_query(
            backend, "tasks-led-by-as-of", {"agency": agency_code, "as_of": as_of}).rows}
    mine = {r["task"] for r in rows if r["code"] == agency_code} | inherited
    graph = nx.DiGraph()
    for row in rows:
        if row["task"] not in mine:
            continue
        plan = row["plan"]
        where = row.get("plan_province") or ""
        committee = f"ppc:{where or 'national'}"
        graph.add_node(committee, label=f"UBND {where}" if where else "National",
                       kind="People's Committee", level=0)
        graph.add_node(plan, label=row["number"] or "(unnumbered plan)", kind="plan", level=1)
        graph.add_edge(committee, plan, label="issues")
        graph.add_node(row["task"], label=_task_label(row), kind="task", level=2, title=_task_line(row))
        graph.add_edge(plan, row["task"], label="assigns")
        agency = row["org"]
        if row["code"] == agency_code or (row["task"] in inherited and row["role"] == "lead"):
            graph.add_node(agency, label=row["label"], kind="focus", level=3 if row["role"] != "lead" else 1.5)
            if row["role"] == "lead":
                graph.add_edge(agency, row["task"], label=edge_label(PLANKG.leadAgency))
            else:
                graph.add_edge(row["task"], agency, label=edge_label(PLANKG.coordinatingAgency))
        elif row["role"] == "coordinating":
            graph.add_node(agency, label=row["label"], kind=_kind(row["kind"]), level=3)
            graph.add_edge(row["task"], agency, label=edge_label(PLANKG.coordinatingAgency))
    for row in run_query(backend, "successor", {"agency": agency_code}).rows:
        focus = [n for n, d in graph.nodes(data=True) if d.get("kind") == "focus" and d["label"] == row["original"]]
        if focus and row["successor"] != row["original"]:
            graph.add_node(f"successor:{row['successor']}", label=row["successor"], kind="provincial department",
                           level=1.5, title=f"since {row['changes'].strip()} ({row['instruments'].strip()})")
            for node in focus:
                graph.add_edge(node, f"successor:{row['successor']}", label="replaced by",
                               title=f"became {row['successor']} ({row['instruments'].strip()})")
    return graph


def lineage_network(backend, doc: str) -> nx.DiGraph:
    """What DOC rests on and what rests on it: laws at the top, provincial plans at the bottom."""
    graph = nx.DiGraph()
    for reverse in (False, True):
        for row in run_query(backend, "legal-lineage", {"doc": doc}, reverse=reverse).rows:
            for name in (row["from"], row["to"]):
                if name not in graph:
                    level, kind = document_level(name)
                    graph.add_node(name, label=name, kind=kind, level=level, unverified=False)
            if row.get("unverified"):
                graph.nodes[row["to"]]["unverified"] = True
            graph.add_edge(row["to"], row["from"], label=row["relation"],
                           title=f"{row['from']} {row['relation']} {row['to']}")
    for row in run_query(backend, "document-changes", {}).rows:
        if row["doc"] in graph:
            level, kind = document_level(row["newer"])
            graph.add_node(row["newer"], label=row["newer"], kind=kind, level=level,
                           unverified=bool(row["verified"]))
            graph.add_edge(row["doc"], row["newer"], label="replaced by",
                           title=f"{row['doc']} {row['change']} {row['newer']} {row['verified']}".strip())
    return graph


def document_level(number: str) -> tuple[int, str]:
    """Rank of a document in the hierarchy, read from its number's codes with the registry:
    a law, the Government's or the Prime Minister's, a People's Committee's or Council's."""
    if "://" in number:
        return 1, "other"
    registry = load_registry()
    parsed = parse_number(number, registry)
    if parsed is None:
        return 2, "document"
    issuer = issuer_agency(parsed, registry)
    if issuer == "NA" and parsed.type_code.startswith("QH"):
        return 0, "law"
    if issuer in registry.authority.get("GOV", ()):
        return 1, "national body"
    if is_local_issuer(parsed, registry):
        return 3, "People's Committee"
    return 2, "document"


def analyze(graph: nx.DiGraph, sample: int | None = None) -> list[dict]:
    """Per agency: tasks led and coordinated, degree and betweenness in the coordination
    network (undirected: who is in the middle), and how many provinces it links."""
    undirected = graph.to_undirected()
    k = min(sample, len(undirected)) if sample and len(undirected) > sample else None
    betweenness = nx.betweenness_centrality(undirected, k=k, seed=0) if len(undirected) > 2 else {}
    degree = nx.degree_centrality(undirected) if len(undirected) > 1 else {}
    out = []
    for node, data in graph.nodes(data=True):
        provinces = {graph.nodes[n]["province"] for n in undirected.neighbors(node)} - {"", data["province"]}
        out.append({"agency": data["code"], "name": data["label"], "province": data["province"],
                    "led": data["led"], "coordinated": data["coordinated"],
                    "degree": round(degree.get(node, 0.0), 4),
                    "betweenness": round(betweenness.get(node, 0.0), 4),
                    "provinces_bridged": len(provinces)})
    out.sort(key=lambda r: (-r["betweenness"], -r["led"], r["agency"]))
    return out
