"""The networks of the web application: one agency, one province, one plan or one
document at a time, so they stay readable, with each node linked to its page."""

from __future__ import annotations

from urllib.parse import urlencode

import networkx as nx
from plankg.graph.report.network import agency_network, lineage_network, responsibility_chain
from plankg.viz.render import page_html

MAX_DEPTH = 6


def network_page(backend, params: dict[str, str], lang: str = "vi") -> str:  # noqa: ANN001
    """The vis-network page for ``params`` (view, agency, province, plan, doc, depth, as_of)."""
    view = params.get("view", "agencies")
    if view == "chain":
        code = params.get("agency") or "DONRE"
        graph = _province(responsibility_chain(backend, code, params.get("as_of") or None),
                          params.get("province") or "")
        title = f"{code}: {'chuỗi trách nhiệm' if lang == 'vi' else 'responsibility chain'}"
        if params.get("province"):
            title += f", {params['province']}"
    elif view == "lineage":
        doc = params.get("doc") or ""
        graph = _within(lineage_network(backend, doc), doc, _depth(params)) if doc else nx.DiGraph()
        title = f"{doc}: {'căn cứ pháp lý' if lang == 'vi' else 'legal lineage'}"
    else:
        graph = agency_network(backend, params.get("plan") or None, params.get("province") or None)
        title = "Mạng lưới cơ quan" if lang == "vi" else "Agency network"
        if params.get("province"):
            title += f": {params['province']}"
    focus = params.get("agency") or "DONRE"
    for node, data in graph.nodes(data=True):
        data["url"] = f"/agency/{focus}" if data.get("kind") == "focus" else _url(node, data, view)
    return page_html(graph, title, hierarchical=view != "agencies")


def _depth(params: dict[str, str]) -> int:
    try:
        return max(1, min(MAX_DEPTH, int(params.get("depth", "2"))))
    except ValueError:
        return 2


def _province(graph: nx.DiGraph, province: str) -> nx.DiGraph:
    """The chain under one province's People's Committee (all of it without a province)."""
    top = f"ppc:{province}"
    if not province or top not in graph:
        return graph
    return graph.subgraph(nx.descendants(graph, top) | {top} | {
        n for d in nx.descendants(graph, top) for n in graph.successors(d)}).copy()


def _within(graph: nx.DiGraph, centre: str, depth: int) -> nx.DiGraph:
    """The part of ``graph`` at most ``depth`` links from ``centre``, either way."""
    if centre not in graph:
        return graph
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    return graph.subgraph(near).copy()


def _url(node: str, data: dict, view: str) -> str:
    """The page a node opens: an agency's, a plan's, a task's evidence, a document's."""
    if view == "lineage":  # every node is a document, named by its number
        return "/document?" + urlencode({"id": data.get("label", node)})
    if data.get("code"):
        return f"/agency/{data['code']}" + (f"?{urlencode({'province': data['province']})}"
                                             if data.get("province") else "")
    if data.get("kind") == "plan":
        return "/plan?" + urlencode({"id": node})
    if data.get("kind") == "task":
        return "/evidence?" + urlencode({"task": node})
    return ""
