"""Where named queries run: the embedded store, or any SPARQL 1.1 server (SPARQLWrapper).

Both take the same rendered query text (plankg.graph.query.sparql.render) and return the
same :class:`~plankg.graph.query.sparql.Result`, so a query gives the same rows either way.
"""

from __future__ import annotations

import ast
import json
from typing import Protocol

from plankg.graph.query.sparql import Result, query_form

from plankg.errors import QueryError, QueryFailedError, RemoteError, StoreError


class Backend(Protocol):
    def select(self, text: str) -> Result: ...


RENEWALS = 5
"""Times a reader renews its view of a store whose writer keeps compacting under it."""


class _Vanished(Exception):
    """A file of the database vanished under a read-only view (merged by the writer)."""


class LocalBackend:
    """The embedded store; the default graph is the union of its committed named graphs
    (never a writer's staging graphs or the new graphs of a batch still loading)."""

    stable_order = True
    """The engine finds rows in the same order every time (its indexes' order), so pages of
    an unsorted answer do not overlap."""

    def __init__(self, store) -> None:  # noqa: ANN001 - plankg.graph.store.PlanStore
        self.store = store

    def select(self, text: str) -> Result:
        """Answer a SELECT or ASK as a table."""
        return self._renewing(self._select, text)

    def answer(self, text: str, accept: str | None = None) -> tuple[str, bytes]:
        """A query answered in the SPARQL Protocol's own formats, as (media type, body):
        the first ``accept`` names that we write, else JSON results or N-Triples."""
        return self._renewing(self._answer, text, accept)

    def _renewing(self, ask, *args):  # noqa: ANN001, ANN202 - one of the answering methods
        """``ask(*args)``; a read-only view that lost a file to a writer's compaction
        (RocksDB: "No such file") is renewed and asked again."""
        for attempt in range(RENEWALS + 1):
            try:
                return ask(*args)
            except _Vanished:
                if attempt == RENEWALS or not self.store.renew_view():
                    break
        where = getattr(self.store, "path", None) or "the store"
        raise StoreError(f"{where}: files of its database kept vanishing while a build compacted it; "
                         "ask again when the build has ended")

    def _answer(self, text: str, accept: str | None) -> tuple[str, bytes]:
        from plankg.graph.store import is_triples, serialize_results

        try:
            answer = self._query(text)
            if is_triples(answer):
                name = result_format(accept, graph=True)
                return GRAPH_TYPES[name], serialize_results(answer, "turtle" if name == "turtle" else "ntriples")
            name = result_format(accept, graph=False)
            return RESULT_TYPES[name], serialize_results(answer, name)
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        except (OSError, RuntimeError) as err:
            raise self._failure(err) from None

    def _query(self, text: str):
        """The store's answer over the union of the committed graphs (while a writer is
        between steps, only what it committed)."""
        visible = self.store.visible_graphs() if hasattr(self.store, "visible_graphs") else None
        return self.store.query(text, visible)

    def _select(self, text: str) -> Result:
        from plankg.graph.store import is_solutions

        try:
            solutions = self._query(text)
            if isinstance(solutions, bool):
                return Result(["ask"], [{"ask": solutions}])
            if not is_solutions(solutions):
                raise QueryError("only SELECT and ASK queries print as tables")
            columns = [v.value for v in solutions.variables]
            # A solution iterates its terms in column order: 20% faster than a lookup by name.
            rows = [dict(zip(columns, [None if term is None else term.value for term in solution], strict=True))
                    for solution in solutions]
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {err}") from None
        except (OSError, RuntimeError) as err:
            raise self._failure(err) from None
        return Result(columns, rows)

    def _failure(self, err: Exception) -> Exception:
        """What a failure of the database while answering means: a file gone under a
        read-only view (renew it), else damage, in one line."""
        if "No such file" in str(err) and hasattr(self.store, "renew_view"):
            return _Vanished()
        where = getattr(self.store, "path", None) or "the store"
        return StoreError(f"{where}: its database failed while answering ({str(err)[:160]}); "
                          "if it persists, the store is damaged: rebuild it into a new folder")


RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"ntriples": "application/n-triples", "turtle": "text/turtle"}
"""What the SPARQL endpoint of the web application answers in (SPARQL 1.1 Protocol)."""


def result_format(accept: str | None, graph: bool) -> str:
    """The format an Accept header asks for: the first it names that we write, else the default."""
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        for name, media_type in offered.items():
            if media == media_type:
                return name
    return "ntriples" if graph else "json"


class RemoteBackend:
    """A SPARQL 1.1 query endpoint, reached with SPARQLWrapper (POST, JSON results).

    ``union`` asks servers that keep named graphs apart from the default graph
    (Oxigraph) to query their union; Virtuoso's default graph already is the union.
    """

    stable_order = False
    """A server may return an unsorted answer in any order: pages are always sorted."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 auth: str = "digest", timeout: float = 60.0, union: bool | None = None) -> None:
        self.endpoint = endpoint
        self.user, self.password, self.auth, self.timeout = user, password, auth, timeout
        self.union = endpoint.rstrip("/").endswith("/query") if union is None else union

    def answer(self, text: str, accept: str | None = None) -> tuple[str, bytes]:
        """The server's own answer to a query, as (media type, body): in the format ``accept``
        asks for, else SPARQLWrapper's JSON request."""
        from plankg.graph.query.remote import read_within, sparql_wrapper

        client = sparql_wrapper(self.endpoint, self.user, self.password, self.auth, self.timeout)
        client.setQuery(text)
        client.queryType = query_form(text)  # not SPARQLWrapper's guess (see query_form)
        if accept:
            client.addCustomHttpHeader("Accept", accept)
        if self.union:
            client.addParameter("union-default-graph", "")
        try:  # SPARQLWrapper sends the request; the answer is read here, within the timeout
            response = client.query().response
            media = response.headers.get("Content-Type", "application/octet-stream").split(";")[0]
            return media, read_within(response, self.timeout, self.endpoint)
        except RemoteError:
            raise
        except Exception as err:  # SPARQLWrapper raises many unrelated types
            raise QueryFailedError(f"{self.endpoint}: query failed: {failure_reason(err)}") from None

    def select(self, text: str) -> Result:
        _, body = self.answer(text)
        try:
            data = json.loads(body)
            if "boolean" in data:
                return Result(["ask"], [{"ask": bool(data["boolean"])}])
            columns = [str(c) for c in data["head"]["vars"]]
            rows = [{c: (b[c]["value"] if c in b else None) for c in columns}
                    for b in data["results"]["bindings"]]
        except (ValueError, TypeError, KeyError, AttributeError):
            raise RemoteError(f"{self.endpoint}: the answer is not SPARQL results (a web page?); "
                              "is this a SPARQL query endpoint?") from None
        return Result(columns, rows)


def failure_reason(err: Exception) -> str:
    """One line on why a server refused a query: SPARQLWrapper's first line, then the first
    line of the server's own answer ("Virtuoso 37000 Error SQ156: …"), which SPARQLWrapper
    keeps only inside its message, as a bytes literal after "Response:"."""
    head, _, answer = str(err).partition("\n\nResponse:\n")
    reason = (head.splitlines() or [type(err).__name__])[0].strip()
    try:
        said = ast.literal_eval(answer) if answer else b""
    except (ValueError, SyntaxError):
        said = answer.encode()
    said_line = next((line.strip() for line in bytes(said).decode("utf-8", "replace").splitlines()
                      if line.strip()), "")
    return f"{reason} {said_line}"[:300] if said_line else reason[:300]


def as_backend(target) -> Backend:  # noqa: ANN001
    """A backend for a PlanStore or an existing backend."""
    if hasattr(target, "select"):
        return target
    return LocalBackend(target)
