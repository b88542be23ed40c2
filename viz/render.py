"""networkx graphs → self-contained interactive HTML pages (pyvis / vis-network).

Measured with pyvis 0.3.2 in headless Chromium offline (shared/STACK.md):

* only ``cdn_resources="in_line"`` draws without a network; the Bootstrap tags pyvis adds
  anyway are removed here, so the page loads nothing from anywhere;
* pyvis writes its heading and select-menu labels as raw HTML: we give it neither, and
  build our own heading, legend and filters with ``textContent`` in the page script;
* node titles are shown as text unless any title contains "href", which flips every
  tooltip to raw HTML: then every title is HTML-escaped;
* past ~1,500 nodes physics is switched off and positions are precomputed (provinces
  on a large circle, their agencies around each), which draws 5,000 nodes in seconds.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from plankg.graph.report.network import edge_label
from plankg.graph.vocab import PLANKG

from plankg.writer import atomic_write

COLOURS = {
    "provincial department": "#2b7bb9", "People's Committee": "#d1495b", "national body": "#edae49",
    "non-government": "#66a182", "collective": "#8d6a9f", "other": "#9e9e9e",
    "plan": "#00798c", "task": "#c9c9c9", "focus": "#d1495b", "document": "#2b7bb9",
    "law": "#003d5b", "unverified": "#bdbdbd",
}
_LEAD, _COORDINATE = PLANKG.leadAgency, PLANKG.coordinatingAgency
EDGE_STYLES = {
    edge_label(_LEAD): {"color": "#d1495b"}, edge_label(_COORDINATE): {"color": "#2b7bb9", "dashes": True},
    "based on": {"color": "#555555"}, "implements": {"color": "#00798c", "dashes": True},
    "replaced by": {"color": "#bdbdbd", "dashes": True}, "issues": {"color": "#bbbbbb"},
    "assigns": {"color": "#bbbbbb"},
}
"""Edge styles by label; the lead and coordination labels are the ontology's (plankg:edgeLabel)."""
EDGE_LEGEND = {edge_label(_LEAD): f"{edge_label(_LEAD, 'en')} ({edge_label(_LEAD)})",
               edge_label(_COORDINATE): f"{edge_label(_COORDINATE, 'en')} ({edge_label(_COORDINATE)})",
               "based on": "based on (Căn cứ)", "implements": "implements", "replaced by": "replaced by"}
PHYSICS_LIMIT = 1500
_REMOTE_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"https?://[^\"]*\"[^>]*>(?:\s*</script>)?",
                         re.IGNORECASE)


def write_page(graph: nx.DiGraph, path: Path, title: str, hierarchical: bool = False,
               filters: bool = True) -> Path:
    """Render ``graph`` to ``path`` (written whole or not at all)."""
    atomic_write(Path(path), page_html(graph, title, hierarchical, filters))
    return Path(path)


def page_html(graph: nx.DiGraph, title: str, hierarchical: bool = False, filters: bool = True) -> str:
    """The page as a string: inlined vis-network, escaped text, no remote resources."""
    from pyvis.network import Network

    net = Network(height="780px", width="100%", directed=True, cdn_resources="in_line")
    titles = [_title(data) for _, data in graph.nodes(data=True)]
    escape_titles = any("href" in t for t in titles)
    positions = _positions(graph) if graph.number_of_nodes() > PHYSICS_LIMIT and not hierarchical else {}
    for (node, data), tip in zip(graph.nodes(data=True), titles, strict=True):
        kind = "unverified" if data.get("unverified") else data.get("kind", "other")
        options = {"label": _short(data.get("label", str(node))),
                   "title": html.escape(tip) if escape_titles else tip,
                   "color": COLOURS.get(kind, COLOURS["other"]),
                   "size": 10 + 3 * math.sqrt(data.get("led", 0))}
        if "province" in data:
            options["province"] = data["province"]
        if str(data.get("url", "")).startswith("/"):
            options["url"] = data["url"]  # a page of the web application: a click opens it
        if "led" in data:
            options["led"] = data["led"]
        if hierarchical or "level" in data:
            options["level"] = data.get("level", 0)
            options["widthConstraint"] = {"maximum": 150}  # a long name wraps instead of overlapping
        if node in positions:
            options["x"], options["y"] = positions[node]
        net.add_node(str(node), **options)
    for source, target, data in graph.edges(data=True):
        tip = data.get("label", "") or ""
        if data.get("tasks"):
            tip = f"{data['weight']} shared tasks:\n" + "\n".join(data["tasks"][:12])
        style = EDGE_STYLES.get(data.get("label", ""), {})
        net.add_edge(str(source), str(target), value=data.get("weight", 1),
                     title=html.escape(tip) if escape_titles else tip, **style)
    net.set_options(json.dumps(_options(hierarchical, bool(positions))))
    page = _REMOTE_TAG.sub("", net.generate_html())
    legend = [[k, COLOURS.get(k, COLOURS["other"]), False] for k in sorted(
        {d.get("kind", "other") if not d.get("unverified") else "unverified" for _, d in graph.nodes(data=True)})]
    labels = sorted({d.get("label", "") for _, _, d in graph.edges(data=True)} & set(EDGE_LEGEND))
    legend += [[EDGE_LEGEND[k], EDGE_STYLES[k]["color"], True] for k in labels]
    return page.replace("</body>", _panel(title, legend, filters) + "</body>", 1)


def page_nodes(page: str) -> list[dict]:
    """The node records a rendered page holds (for tests and checks)."""
    match = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    return json.loads(match.group(1)) if match else []


def _title(data: dict) -> str:
    lines = [data.get("label", "")]
    if data.get("province"):
        lines.append(data["province"])
    if "led" in data:
        lines.append(f"{edge_label(_LEAD)} {data['led']} · {edge_label(_COORDINATE)} {data.get('coordinated', 0)}")
    if data.get("title"):
        lines.append(data["title"])
    lines += data.get("tasks", [])[:15]
    if len(data.get("tasks", [])) > 15:
        lines.append(f"… {len(data['tasks']) - 15} more")
    return "\n".join(line for line in lines if line)


def _short(label: str) -> str:
    return label if len(label) <= 40 else label[:39] + "…"


def _options(hierarchical: bool, fixed: bool) -> dict:
    options: dict = {"edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                               "scaling": {"min": 1, "max": 8}},
                     "interaction": {"hover": True, "tooltipDelay": 120},
                     "physics": {"enabled": not fixed, "stabilization": {"iterations": 200},
                                 "barnesHut": {"springLength": 140}}}
    if hierarchical:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                              "levelSeparation": 150, "nodeSpacing": 170, "treeSpacing": 220}}
        options["physics"] = {"enabled": False}
    return options


def _positions(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Provinces on a large circle, each province's agencies on a small one around it."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        groups[data.get("province") or ""].append(node)
    out = {}
    radius = 400 * math.sqrt(len(groups))
    for i, (_, members) in enumerate(sorted(groups.items())):
        angle = 2 * math.pi * i / max(1, len(groups))
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        inner = 30 + 8 * math.sqrt(len(members))
        for j, node in enumerate(members):
            a = 2 * math.pi * j / max(1, len(members))
            out[node] = (cx + inner * math.cos(a), cy + inner * math.sin(a))
    return out


def _panel(title: str, legend: list[list], filters: bool) -> str:
    """Heading, legend and filters, built by script from JSON data (no text as markup)."""
    data = json.dumps({"title": title, "legend": legend, "filters": filters},
                      ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return f"""
<div id="plankg-panel" style="position:absolute;top:8px;left:8px;background:rgba(255,255,255,.92);
 padding:8px 12px;border:1px solid #ccc;border-radius:6px;font:13px sans-serif;max-width:360px;z-index:10"></div>
<script type="application/json" id="plankg-data">{data}</script>
<script>
(function () {{
  var cfg = JSON.parse(document.getElementById("plankg-data").textContent);
  var panel = document.getElementById("plankg-panel");
  var h = document.createElement("div"); h.style.fontWeight = "bold"; h.textContent = cfg.title;
  panel.appendChild(h); document.title = cfg.title;
  cfg.legend.forEach(function (item) {{
    var row = document.createElement("div"); var dot = document.createElement("span");
    dot.style.cssText = (item[2] ? "display:inline-block;width:16px;height:3px;margin:0 6px 3px 0;background:"
      : "display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px;background:") + item[1];
    row.appendChild(dot); row.appendChild(document.createTextNode(item[0])); panel.appendChild(row);
  }});
  if (typeof nodes === "undefined") return;
  var find = document.createElement("input"); find.id = "plankg-find"; find.type = "search";
  find.placeholder = "find a node…"; find.setAttribute("aria-label", "find a node by its name");
  function bare(text) {{ return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d").toLowerCase(); }}
  find.onkeydown = function (event) {{
    if (event.key !== "Enter") return;
    var wanted = bare(find.value);
    var hit = nodes.get().filter(function (n) {{ return wanted && bare(n.label).indexOf(wanted) >= 0; }})[0];
    if (!hit || typeof network === "undefined") return;
    network.selectNodes([hit.id]); network.focus(hit.id, {{scale: 1.2}});
  }};
  var findRow = document.createElement("div"); findRow.style.marginTop = "6px";
  findRow.appendChild(find); panel.appendChild(findRow);
  if (typeof network !== "undefined") network.on("doubleClick", function (params) {{
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    var local = node && node.url && node.url.charAt(0) === "/" && node.url.charAt(1) !== "/";
    if (local) window.top.location.href = node.url;
  }});
  if (!cfg.filters) return;
  var provinces = {{}};
  nodes.get().forEach(function (n) {{ if (n.province) provinces[n.province] = true; }});
  var select = document.createElement("select"); select.id = "plankg-province";
  var all = document.createElement("option"); all.value = "";
  all.textContent = "all provinces"; select.appendChild(all);
  Object.keys(provinces).sort().forEach(function (p) {{
    var o = document.createElement("option"); o.value = p; o.textContent = p; select.appendChild(o);
  }});
  var role = document.createElement("select"); role.id = "plankg-role";
  [["", "all agencies"], ["lead", "agencies that lead"], ["coordinating", "agencies that only coordinate"]]
    .forEach(function (r) {{
      var o = document.createElement("option"); o.value = r[0]; o.textContent = r[1]; role.appendChild(o);
    }});
  function apply() {{
    var p = select.value, r = role.value;
    nodes.update(nodes.get().map(function (n) {{
      var byProvince = !p || n.province === p;
      var led = n.led || 0;
      var byRole = !r || (r === "lead" ? led > 0 : led === 0);
      return {{id: n.id, hidden: !(byProvince && byRole)}};
    }}));
  }}
  select.onchange = apply; role.onchange = apply;
  var row = document.createElement("div"); row.style.marginTop = "6px";
  row.appendChild(select); row.appendChild(document.createTextNode(" ")); row.appendChild(role); panel.appendChild(row);
}})();
</script>
"""
