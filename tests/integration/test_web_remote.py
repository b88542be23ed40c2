"""The web pages over a SPARQL server (`plankg serve --endpoint`): the sample store pushed to
Virtuoso and to an Oxigraph server gives the same table rows as the embedded store."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from plankg.graph.query.backends import LocalBackend, RemoteBackend
from plankg.graph.query.remote import push
from plankg.graph.store import PlanStore
from starlette.testclient import TestClient

from plankg.web.app import create_app

from .test_remote import connect, servers

pytestmark = pytest.mark.integration
PAGES = [
    "/plan?id=202/KH-UBND",
    "/agency/DONRE",
    "/agency/DOF?province=Đồng Nai",
    "/document?id=202/KH-UBND",
    "/document?id=889/QĐ-TTg",
    "/?q=so tai nguyen",
    "/queries/plans-implementing?run=1&doc=889",
]


def table_rows(html: str) -> list[str]:
    """Each table row's cells as text, whitespace squashed, in sorted order (engines may
    order ties differently)."""
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = [" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>",
                                                                                         row, re.S)]
        if cells:
            rows.append(" | ".join(cells))
    return sorted(rows)


@pytest.fixture(scope="module", params=list(servers()))
def remote_client(request, sample_store):
    endpoint, user, password = connect(request.param)
    with PlanStore(sample_store) as store:
        push(store, endpoint, list(store.graphs), user, password)
    return TestClient(create_app(RemoteBackend(endpoint)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def local_client(sample_store):
    store = PlanStore(sample_store)
    yield TestClient(create_app(LocalBackend(store)), raise_server_exceptions=False)
    store.close()


@pytest.mark.parametrize("url", PAGES)
def test_page_rows_are_the_same_on_a_server(remote_client, local_client, url):
    local = local_client.get(url)
    remote = remote_client.get(url)
    assert local.status_code == remote.status_code == 200, remote.text[-300:]
    assert table_rows(local.text), f"{url}: no rows locally"
    assert table_rows(remote.text) == table_rows(local.text)


def test_evidence_page_is_the_same_on_a_server(remote_client, local_client):
    plan = local_client.get("/plan?id=202/KH-UBND").text
    task = unescape(re.search(r'href="(/evidence\?task=[^"]+)"', plan).group(1))
    local, remote = local_client.get(task).text, remote_client.get(task).text
    marks = re.compile(r"<mark[^>]*>.*?</mark>", re.S)
    assert marks.findall(local) and marks.findall(remote) == marks.findall(local)


def test_sparql_endpoint_passes_a_server_answer_on(remote_client):
    text = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/plankg/def#Plan> }"
    answer = remote_client.get("/sparql", params={"query": text},
                               headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200
    assert json.loads(answer.text)["results"]["bindings"][0]["n"]["value"] == "5"
    refused = remote_client.post("/sparql", data={"update": "DROP ALL"})
    assert refused.status_code == 403
