"""SPARQL servers: SPARQLWrapper clients with timeouts and auth, and ``plankg push``.

Push goes through the SPARQL 1.1 Graph Store HTTP Protocol, one PUT per named graph,
so a re-push replaces that graph whole and a push cut short leaves every graph either
old or new. Measured here (shared/STACK.md) it is 10-20× faster than INSERT DATA;
servers without the protocol get batched ``INSERT DATA`` updates of ≤ 1,000 triples
(Virtuoso refuses larger ones), wrapped so that each graph is dropped and refilled
as one request where the server allows it.
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from plankg.errors import RemoteError

RETRIES = 3
BACKOFF_S = 0.5


class SameHostRedirect(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the host it was given (and never from https to http):
    credentials given for one server must not travel to another."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url,
                                                                                                 newurl))
        if new.hostname != old.hostname or (old.scheme == "https" and new.scheme != "https"):
            raise RemoteError(f"{req.full_url}: the server redirects to {new.scheme}://{new.netloc}; "
                              "plankg does not follow it there (credentials stay with the host you named)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def sparql_wrapper(endpoint: str, user: str | None, password: str | None, auth: str, timeout: float):
    """A SPARQLWrapper client for ``endpoint`` that POSTs and reads JSON, times out after
    ``timeout`` seconds (fractions kept), and follows redirects only on the same host."""
    from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper

    check_endpoint(endpoint)
    urllib.request.install_opener(urllib.request.build_opener(SameHostRedirect))
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.timeout = timeout  # setTimeout() rounds down to whole seconds: 0.5 would mean none
    if user:
        client.setHTTPAuth(DIGEST if auth == "digest" else BASIC)
        client.setCredentials(user, password or "")
    return client


def check_endpoint(endpoint: str) -> str:
    """The endpoint, if it is an http(s) URL with a host; else a one-line RemoteError."""
    try:
        parts = urllib.parse.urlsplit(endpoint)
        well_formed = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # "http://[::1", a port that is not a number
        well_formed = False
    if not well_formed:
        raise RemoteError(f"{endpoint!r} is not a SPARQL endpoint URL (expected http(s)://host/…)")
    return endpoint


def graph_store_url(endpoint: str, kind: str) -> str:
    """The Graph Store Protocol URL of a server, from its query endpoint.

    Virtuoso: ``/sparql-graph-crud`` (``-auth`` when credentials are given);
    Oxigraph: ``/store``; Fuseki: ``/<dataset>/data``.
    """
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    base = path.rsplit("/", 1)[0]
    target = {"virtuoso": f"{base}/sparql-graph-crud", "virtuoso-auth": f"{base}/sparql-graph-crud-auth",
              "oxigraph": f"{base}/store", "fuseki": f"{base}/data"}[kind]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, target, "", ""))


def server_kind(endpoint: str, authenticated: bool) -> str:
    """Guess the server from the endpoint path (/sparql → Virtuoso, /query → Oxigraph or Fuseki)."""
    path = urllib.parse.urlsplit(endpoint).path.rstrip("/")
    if path.endswith("/sparql"):
        return "virtuoso-auth" if authenticated else "virtuoso"
    if path.endswith("/query") and path.count("/") >= 2:
        return "fuseki"
    return "oxigraph"


class GraphStoreClient:
    """PUT of whole named graphs, with retries and plain-word errors.

    With digest auth the challenge is fetched by a body-less GET first and the PUT goes
    out already authorised: sent blind, a large body is cut off by the server's 401.
    """

    def __init__(self, url: str, user: str | None = None, password: str | None = None,
                 auth: str = "digest", timeout: float = 120.0, graph_param: str = "graph") -> None:
        self.url, self.timeout, self.graph_param = url, timeout, graph_param
        self.user, self.password, self.auth = user, password, auth
        self.opener = urllib.request.build_opener(SameHostRedirect)
        if user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, url, user, password or "")
            self.digest = urllib.request.HTTPDigestAuthHandler(manager)

    def put(self, graph: str, ntriples: bytes) -> None:
        """Replace ``graph`` with the given N-Triples (one request: old or new, never half)."""
        url = f"{self.url}?{urllib.parse.urlencode({self.graph_param: graph})}"

        def send() -> bytes:
            request = urllib.request.Request(url, data=ntriples, method="PUT", headers={
                "Content-Type": "application/n-triples; charset=utf-8"})
            if self.user:
                request.add_header("Authorization", self._authorization(request))
            return read_within(self.opener.open(request, timeout=self.timeout), self.timeout, self.url)

        _retry(send, self.url, self.user)

    def delete(self, graph: str) -> None:
        """Remove ``graph`` from the server (a graph that is already gone is fine)."""
        url = f"{self.url}?{urllib.parse.urlencode({self.graph_param: graph})}"

        def send() -> bytes:
            request = urllib.request.Request(url, method="DELETE")
            if self.user:
                request.add_header("Authorization", self._authorization(request))
            try:
                return read_within(self.opener.open(request, timeout=self.timeout), self.timeout, self.url)
            except urllib.error.HTTPError as err:
                if err.code == 404:
                    return b""
                raise

        _retry(send, self.url, self.user)

    def _authorization(self, request: urllib.request.Request) -> str:
        if self.auth == "basic":
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            return f"Basic {token}"
        try:
            self.opener.open(urllib.request.Request(request.full_url, method="GET"), timeout=self.timeout)
        except urllib.error.HTTPError as err:
            challenge = err.headers.get("WWW-Authenticate", "")
            if err.code == 401 and challenge.lower().startswith("digest "):
                fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(challenge[7:]))
                answer = self.digest.get_authorization(request, fields)
                if answer:
                    return f"Digest {answer}"
        raise RemoteError(f"{self.url}: the server offered no digest challenge; try --auth basic")


def read_within(response, timeout: float, url: str) -> bytes:  # noqa: ANN001 - an http.client response
    """The whole answer, within ``timeout`` seconds in all: a server that trickles a byte
    at a time would otherwise never time out."""
    deadline = time.monotonic() + timeout
    chunks = []
    with response:
        while chunk := response.read1(65536):  # what has come; read() would wait for 64 KiB
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: the answer took longer than {timeout:g} s")
    return b"".join(chunks)


def _retry(call: Callable[[], object], url: str, user: str | None) -> object:
    for attempt in range(RETRIES):
        try:
            return call()
        except urllib.error.HTTPError as err:
            if err.code in (401, 403):
                who = f"as {user!r}" if user else "without credentials"
                raise RemoteError(f"{url}: the server refused the request {who} (HTTP {err.code}); "
                                  "check --user/--password and --auth") from None
            if err.code < 500 or attempt == RETRIES - 1:
                detail = err.read()[:300].decode("utf-8", "replace").strip()
                raise RemoteError(f"{url}: HTTP {err.code} {err.reason}: {detail}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            if attempt == RETRIES - 1:
                reason = getattr(err, "reason", err)
                raise RemoteError(f"{url}: cannot reach the server ({reason}); is it running?") from None
        time.sleep(BACKOFF_S * 2 ** attempt)
    raise RemoteError(f"{url}: no answer after {RETRIES} tries")


@dataclass
class PushReport:
    """What a push did: triples sent, graphs put, graphs removed from the server."""

    sent: int = 0
    put: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def push(store, endpoint: str, graphs: Iterable[str], user: str | None = None,
         password: str | None = None, auth: str = "digest", kind: str | None = None,
         progress: Callable[[int], None] = lambda n: None, timeout: float = 120.0,
         mirror: bool = True) -> PushReport:
    """Upload named graphs of a PlanStore to a server, so that the server holds what the
    store holds: each graph put whole, then (``mirror``) plankg's graphs the store no
    longer has removed from the server. The server is asked back what it holds, so a
    server that answers everything with "200 OK" and a web page is an error, not a push."""
    from plankg.graph.query.backends import RemoteBackend

    check_endpoint(endpoint)
    kind = kind or server_kind(endpoint, bool(user))
    client = GraphStoreClient(graph_store_url(endpoint, kind), user, password, auth, timeout,
                              graph_param="graph-uri" if kind.startswith("virtuoso") else "graph")
    report = PushReport()
    graphs = list(graphs)
    for graph in graphs:
        data = store.dump(graph)
        client.put(graph, data)
        count = data.count(b"\n")
        report.sent += count
        report.put.append(graph)
        progress(count)
    remote = RemoteBackend(endpoint, user, password, auth, timeout)
    held = {row["g"] for row in remote.select(_HELD).rows}
    missing = [g for g in graphs if g not in held and store.holds(g)]
    if missing:
        raise RemoteError(f"{endpoint}: the server took the upload but does not hold {len(missing)} of the "
                          f"graphs (e.g. {missing[0]}); is this the query endpoint of the same server?")
    if mirror:
        for graph in sorted(held - set(store.graphs)):
            client.delete(graph)
            report.removed.append(graph)
    return report


_HELD = """SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/plankg/id/")) }"""
"""The graphs of plankg's namespace a server holds (a fixed query: no value is spliced in)."""

