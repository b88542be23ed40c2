"""The web application over the sample store, through Starlette's test client (offline):
every page answers, search needs no diacritics, evidence is highlighted where it
stands, listings are paged, /sparql speaks the protocol and only reads, and text from
documents is shown as text."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html import unescape

import pytest
from plankg.graph.ingest.plans import build
from plankg.graph.query.backends import LocalBackend
from plankg.graph.query.sparql import count_query, run_query
from plankg.graph.store import PlanStore
from starlette.testclient import TestClient

from plankg.samples import sample_paths
from plankg.web.app import create_app
from plankg.web.evidence import highlighted
from plankg.web.search import words

HOSTILE = "<img src=x onerror=\"window.__pwned=1\">"


@pytest.fixture(scope="module")
def client(sample_store):
    store = PlanStore(sample_store)
    yield TestClient(create_app(LocalBackend(store)), raise_server_exceptions=False)
    store.close()


def links(html: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(' + re.escape(prefix) + r'[^"]*)"', html)]


def test_search_without_diacritics_finds_the_department(client):
    page = client.get("/", params={"q": "so tai nguyen"})
    assert page.status_code == 200
    assert "/agency/DONRE" in links(page.text, "/agency/")
    assert "Sở Tài nguyên và Môi trường" in page.text


def test_search_finds_task_text_whatever_the_diacritics(client):
    typed = client.get("/", params={"q": "tai che chat thai"}).text
    exact = client.get("/", params={"q": "tái chế chất thải"}).text
    found = links(typed, "/evidence?task=")
    assert found and found == links(exact, "/evidence?task=")


def test_search_facets_narrow_the_plans(client):
    everything = client.get("/").text
    one = client.get("/", params={"province": "Đồng Nai"}).text
    assert len(links(everything, "/plan?id=")) == 5
    assert len(links(one, "/plan?id=")) == 1


def test_the_agency_facet_narrows_plans_and_tasks(client, sample_store):
    from urllib.parse import parse_qs, urlsplit

    def plans(html: str) -> set[str]:
        return {parse_qs(urlsplit(h).query)["id"][0] for h in links(html, "/plan?id=")}

    with PlanStore(sample_store) as store:
        backend = LocalBackend(store)
        naming = {r["plan"] for r in run_query(backend, "plan-agencies", {}).rows if "DOET" in r["agencies"].split()}
        led = {r["task_iri"] for r in run_query(backend, "tasks-led-by", {"agency": "DOET"}).rows}
    everything = client.get("/", params={"q": "ke hoach"}).text
    assert re.search(r'agency=DOET">DOET</a> <span class="n">\d+</span>', everything)
    narrowed = client.get("/", params={"q": "ke hoach", "agency": "DOET"}).text
    assert plans(narrowed) == plans(everything) & naming != plans(everything)
    tasks = client.get("/", params={"q": "so", "agency": "doet"}).text
    shown = {parse_qs(urlsplit(h).query)["task"][0] for h in links(tasks, "/evidence?task=")}
    assert shown and shown <= led


def test_plan_page_lists_bases_and_tasks_with_evidence_links(client):
    page = client.get("/plan", params={"id": "202/KH-UBND"})
    assert page.status_code == 200
    assert "3529/QĐ-BCT" in page.text
    with PlanStore(client.app.state.backend.store.path) as store:
        tasks = run_query(LocalBackend(store), "plan-tasks", {"plan": "202/KH-UBND"}).rows
    assert len(links(page.text, "/evidence?task=")) == len(tasks)


def test_evidence_page_highlights_the_quote_in_the_source(client, sample_store):
    with PlanStore(sample_store) as store:
        row = run_query(LocalBackend(store), "tasks-led-by", {"agency": "DONRE", "province": "Đồng Nai"}).rows[0]
    page = client.get("/evidence", params={"task": row["task_iri"]})
    assert page.status_code == 200
    marked = [unescape(m) for m in re.findall(r'<mark class="[^"]*task[^"]*">(.*?)</mark>', page.text, re.S)]
    assert " ".join("".join(marked).split()) in " ".join(row["task"].split()) or \
        " ".join(row["task"].split()) in " ".join("".join(marked).split())
    assert 'class="lead"' in page.text or 'class="lead task"' in page.text


def test_highlighted_runs_cover_the_text_in_order():
    text = "0123456789" * 10
    runs = highlighted(text, [{"part": "task", "start": "20", "end": "40"},
                              {"part": "assignment", "role": "lead", "start": "30", "end": "50"}], whole=True)
    assert "".join(r for r, _ in runs) == text
    assert [m for _, m in runs if m] == ["task", "lead task", "lead"]


def test_agency_page_is_paged_with_its_total(sample_store):
    with PlanStore(sample_store) as store:
        total = count_query(LocalBackend(store), "tasks-coordinated-by", {"agency": "DOF"})
        client = TestClient(create_app(LocalBackend(store), page_size=3))
        assert total > 3, "the samples should give DOF more than one page"
        first = client.get("/agency/DOF").text
        assert f"· {total} " in first and 'rel="next"' in first
        second = client.get("/agency/DOF", params={"coord_page": "2"}).text

    def coordinated(page: str) -> list[str]:
        return links(page.split("Nhiệm vụ phối hợp")[1].split("<h2>")[0], "/evidence?task=")

    assert len(coordinated(first)) == 3
    assert set(coordinated(first)).isdisjoint(coordinated(second))


def test_paged_query_rows_are_the_slices_of_the_whole(sample_store):
    with PlanStore(sample_store) as store:
        backend = LocalBackend(store)
        whole = run_query(backend, "tasks-coordinated-by", {"agency": "DOF"}).rows
        pages = [run_query(backend, "tasks-coordinated-by", {"agency": "DOF"}, limit=7, offset=o).rows
                 for o in range(0, len(whole), 7)]
        assert [r for p in pages for r in p] == whole
        assert count_query(backend, "tasks-coordinated-by", {"agency": "DOF"}) == len(whole)


def test_document_page_shows_lineage_both_ways(client):
    up = client.get("/document", params={"id": "202/KH-UBND"}).text
    assert "3529/QĐ-BCT" in up
    down = client.get("/document", params={"id": "3529/QĐ-BCT"}).text
    assert "202/KH-UBND" in down


def test_network_frame_labels_are_names_and_nodes_link_to_pages(client):
    from plankg.viz.render import page_nodes

    nodes = page_nodes(client.get("/network/frame", params={"view": "chain", "agency": "DONRE"}).text)
    assert nodes
    assert not [n for n in nodes if re.fullmatch(r"(?:[IVXLC]+|\d+|[a-zđ])(?:\.[\w.]+)?", n["label"])]
    assert not [n for n in nodes if n["label"].startswith("http")]
    assert {n.get("level") for n in nodes} >= {0, 1, 2}
    assert any(n.get("url", "").startswith("/agency/DONRE") for n in nodes)


def test_query_form_runs_and_downloads_csv(client):
    page = client.get("/queries/tasks-led-by", params={"run": "1", "agency": "DONRE"})
    assert page.status_code == 200 and "<table" in page.text
    csv_answer = client.get("/queries/tasks-led-by", params={"run": "1", "agency": "DONRE", "format": "csv"})
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert csv_answer.text.splitlines()[0] == "province,number,section,task,plan,task_iri"
    assert "attachment" in csv_answer.headers["content-disposition"]


def test_sparql_endpoint_answers_the_protocol(client):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/plankg/def#Plan> }"
    got = client.get("/sparql", params={"query": text}, headers={"Accept": "application/sparql-results+json"})
    assert got.headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(got.text)["results"]["bindings"][0]["n"]["value"] == "5"
    posted = client.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query",
                                                                    "Accept": "text/csv"})
    assert posted.text.splitlines() == ["n", "5"]
    form = client.post("/sparql", data={"query": text})
    assert json.loads(form.text)["results"]["bindings"][0]["n"]["value"] == "5"


def test_sparql_endpoint_works_with_sparqlwrapper(client):
    """SPARQLWrapper sends a form POST asking for JSON: the endpoint must answer it."""
    answer = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json,application/json"})
    assert json.loads(answer.text) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("request_kind", ["form-update", "get-update", "query-insert", "update-body"])
def test_sparql_endpoint_refuses_updates(client, request_kind):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    answer = {
        "form-update": lambda: client.post("/sparql", data={"update": update}),
        "get-update": lambda: client.get("/sparql", params={"update": update}),
        "query-insert": lambda: client.post("/sparql", data={"query": update}),
        "update-body": lambda: client.post("/sparql", content=update.encode(),
                                           headers={"Content-Type": "application/sparql-update"}),
    }[request_kind]()
    assert answer.status_code == 403
    asked = client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    assert json.loads(asked.text)["boolean"] is False


def test_errors_are_pages_not_tracebacks(client):
    for url in ("/plan?id=no-such-plan", "/agency/NOPE", "/nowhere", "/plan", "/evidence?task=not%20an%20iri"):
        page = client.get(url)
        assert page.status_code in (400, 404), url
        assert "Traceback" not in page.text and "<h1>" in page.text


def test_language_switch_is_remembered_and_redirects_only_here(client):
    switched = client.get("/language", params={"to": "en", "back": "/queries"}, follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/queries"
    assert "lang=en" in switched.headers["set-cookie"]
    away = client.get("/language", params={"to": "en", "back": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"
    english = client.get("/", cookies={"lang": "en"}).text
    assert '<html lang="en">' in english and "Search" in english


def test_query_words_are_folded():
    assert words("Sở  Tài-nguyên") == ["so", "tai", "nguyen"]


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """A store built from a plan whose title, task and agency name carry markup."""
    folder = tmp_path_factory.mktemp("hostile")
    plan = sample_paths()[3].read_text(encoding="utf-8")
    lines = plan.splitlines()
    title_at = next(i for i, line in enumerate(lines) if "KẾ HOẠCH" in line.upper())
    lines.insert(title_at + 1, HOSTILE)
    text = "\n".join(lines).replace("Sở Tài nguyên và Môi trường", f"Sở Tài nguyên và Môi trường {HOSTILE}", 3)
    text = text.replace("Tuyên truyền", f"Tuyên truyền {HOSTILE}", 3)
    source = folder / "hostile.txt"
    source.write_text(text, encoding="utf-8")
    with PlanStore(folder / "store", write=True) as store:
        build(store, [source])
    store = PlanStore(folder / "store")
    yield TestClient(create_app(LocalBackend(store)), raise_server_exceptions=False)
    store.close()


def test_injected_markup_is_shown_as_text_on_every_page(hostile_client):
    home = hostile_client.get("/").text
    plan_link = links(home, "/plan?id=")[0]
    plan_page = hostile_client.get(plan_link).text
    evidence_link = next(link for link in links(plan_page, "/evidence?task=")
                         if "Tuyên truyền" in hostile_client.get(link).text)
    pages = [home, plan_page, hostile_client.get(evidence_link).text,
             hostile_client.get("/", params={"q": "tuyen truyen"}).text,
             hostile_client.get("/agency/DONRE").text,
             hostile_client.get("/queries/plan-tasks", params={"run": "1", "plan": plan_link.split("=", 1)[1]}).text]
    assert any("&lt;img src=x" in page for page in pages)
    for page in pages:
        assert "<img src=x" not in page


def run(*args: str) -> subprocess.Popen:
    """The command line as a user starts it (a real process: `serve` does not return)."""
    return subprocess.Popen([sys.executable, "-P", "-c", "from plankg.cli import main; main()", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_serve_listens_on_loopback_and_answers(sample_store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = run("serve", "--store", str(sample_store), "--port", str(port))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=so+tai+nguyen", timeout=5) as page:
                    assert "/agency/DONRE" in page.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "plankg serve did not answer within 60 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "127.0.0.1" in server.stderr.read()  # it says where it listens
