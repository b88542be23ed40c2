"""Open every view in headless Chromium without network: it draws, logs no console
error, holds the expected nodes, and shows hostile text as text. Screenshots are kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import networkx as nx
import pytest
from plankg.graph.report.network import agency_network, lineage_network, responsibility_chain
from plankg.graph.store import PlanStore
from plankg.viz.render import page_nodes, write_page

from .conftest import service

pytestmark = pytest.mark.integration
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,900", "--virtual-time-budget=15000",
         "--enable-logging=stderr", "--v=0"]


def chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    binary = service("PLANKG_TEST_CHROMIUM", "Chromium")
    profile = tmp_path / f"profile-{page.stem}-{len(extra)}"
    return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=180)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line and ("Error" in line or "Uncaught" in line)]


@pytest.mark.parametrize("view", ["agencies", "chain", "lineage"])
def test_view_draws_offline(view, sample_store, tmp_path):
    with PlanStore(sample_store) as store:
        graph = {"agencies": lambda: agency_network(store),
                 "chain": lambda: responsibility_chain(store, "DONRE"),
                 "lineage": lambda: lineage_network(store, "202/KH-UBND")}[view]()
    page = write_page(graph, tmp_path / f"{view}.html", f"plankg {view}", hierarchical=view != "agencies")
    dom = chromium(page, tmp_path, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-500:]
    assert not console_errors(dom.stderr), console_errors(dom.stderr)
    assert "<canvas" in dom.stdout  # vis-network drew its canvas
    assert f"plankg {view}" in dom.stdout  # our heading, set by script
    expected = {"agencies": "Sở Tài nguyên và Môi trường Đồng Nai", "chain": "UBND Đồng Nai",
                "lineage": "3529/QĐ-BCT"}[view]
    assert expected in {n["label"] for n in page_nodes(page.read_text(encoding="utf-8"))}
    shot = tmp_path / f"{view}.png"
    chromium(page, tmp_path, f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000


def test_hostile_text_shows_as_text(tmp_path):
    graph = nx.DiGraph()
    graph.add_node("a", label="<img src=x onerror=document.title='pwned'>", kind="other", province="x",
                   led=1, tasks=["<script>document.title='pwned'</script>", 'href="javascript:x"'])
    graph.add_node("b", label="Sở Tài chính", kind="other", province="<b>y</b>", led=0)
    graph.add_edge("a", "b", weight=1, tasks=["<img src=x onerror=document.title='pwned'>"])
    page = write_page(graph, tmp_path / "xss.html", "<img src=x onerror=document.title='pwned'>")
    dom = chromium(page, tmp_path, "--dump-dom").stdout
    assert "<title>pwned</title>" not in dom
    assert "&lt;img src=x onerror=document.title='pwned'&gt;" in dom  # the heading, as text
