"""``plankg serve``: the graph in a browser, for people who do not write SPARQL.

Starlette (ASGI, small, no ORM or forms layer we would not use) renders Jinja2 pages on
the server under uvicorn: each page is a few named queries run through the same
library calls as the CLI (plankg.graph.query.sparql.run_query, values bound, never pasted),
so the web pages and ``plankg query`` give the same rows on the embedded store and on
any SPARQL 1.1 server. Jinja2 escapes every value; the pages load nothing from the
network (the networks' vis-network is inlined by plankg.viz). Handlers are plain
functions, which Starlette runs in its thread pool: Oxigraph answers without holding
the GIL, so several pages are answered at once.
"""

from __future__ import annotations

import concurrent.futures
import json
import math
from functools import cache
from importlib import resources
from urllib.parse import urlencode

from plankg.graph.query.sparql import check_read_only, count_query, get_query, load_queries, run_query
from plankg.loaders.registry import load_registry
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from plankg.errors import KgError, NotFoundError, QueryError, ReadOnlyError
from plankg.tables import render_result
from plankg.web.evidence import highlighted
from plankg.web.search import search

PAGE_SIZE = 50
SORTED_ROWS = 250
"""Answers up to this long are paged in their query's order; longer ones in the store's."""
LANGUAGES = ("vi", "en")
READ_ONLY = "this endpoint only reads: SPARQL updates are refused"
SPARQL_SECONDS = 30.0
"""A query on /sparql is cut off after this long (the answer is refused; see the README)."""


@cache
def messages() -> dict[str, dict[str, str]]:
    """The interface's words in Vietnamese and English (``messages.json``)."""
    return json.loads(resources.files("plankg.web").joinpath("messages.json").read_text(encoding="utf-8"))


def create_app(backend, *, sparql_seconds: float = SPARQL_SECONDS,  # noqa: ANN001
               page_size: int = PAGE_SIZE) -> Starlette:
    """The web application over ``backend`` (plankg.graph.query.backends: the embedded store or a server)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("plankg.web", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    pool = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="plankg-sparql")

    def page(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
        lang = _language(request)
        words = {key: texts[lang] for key, texts in messages().items()}
        html = env.get_template(template).render(
            t=words, lang=lang, other_lang="en" if lang == "vi" else "vi", path=request.url.path,
            here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            query=request.query_params, link=_link,
            vary=lambda name, value: _link(request.url.path, **{**dict(request.query_params), name: value}),
            **values)
        return HTMLResponse(html, status_code=status)

    def home(request: Request) -> HTMLResponse:
        params = request.query_params
        text = params.get("q", "").strip()[:200]
        hits = search(backend, text, params.get("province", ""), params.get("year", ""), params.get("kind", ""),
                      params.get("agency", ""))
        return page(request, "search.html", text=text, hits=hits)

    def plan(request: Request) -> HTMLResponse:
        wanted = _required(request, "id")
        head = run_query(backend, "plans", {"plan": wanted}).rows
        if not head:
            raise HTTPException(404)
        values = {"plan": wanted}
        tasks = run_query(backend, "plan-tasks", values).rows
        sections: list[tuple[str, list[dict]]] = []
        for row in tasks:
            top = (row.get("section") or "").split(".")[0]
            if not sections or sections[-1][0] != top:
                sections.append((top, []))
            sections[-1][1].append(row)
        return page(request, "plan.html", plan=head[0], sections=sections,
                    relations=run_query(backend, "plan-relations", values).rows,
                    objectives=run_query(backend, "plan-objectives", values).rows)

    def agency(request: Request) -> HTMLResponse:
        code = request.path_params["code"]
        registry = load_registry()
        if code not in registry.agencies:
            raise HTTPException(404)
        params = request.query_params
        province = params.get("province") or None
        as_of = params.get("as_of") or None
        values = {"agency": code, "province": province, "as_of": as_of}  # dated: tasks-led-by-as-of
        led = listing_page(backend, "tasks-led-by", values, _page_number(params, "led_page"), page_size)
        coordinated = listing_page(backend, "tasks-coordinated-by", {"agency": code, "province": province},
                             _page_number(params, "coord_page"), page_size)
        became = run_query(backend, "successor", {"agency": code, "province": province}).rows
        return page(request, "agency.html", code=code, info=registry.agencies[code], led=led,
                    coordinated=coordinated, became=became, province=province or "", as_of=as_of or "",
                    provinces=sorted(registry.province_iris),
                    partners=run_query(backend, "agency-partners", {"agency": code}).rows)

    def document(request: Request) -> HTMLResponse:
        wanted = _required(request, "id")
        values = {"doc": wanted}
        rests_on = run_query(backend, "legal-lineage", values).rows
        rests_on_it = listing_page(backend, "legal-lineage-reverse", values,  # 10,000 links for 889/QĐ-TTg
                                   _page_number(request.query_params, "rev_page"), page_size)
        implementing = listing_page(backend, "plans-implementing", values,
                                    _page_number(request.query_params, "impl_page"), page_size)
        names = {row[k] for row in rests_on + rests_on_it["rows"] for k in ("from", "to")} | {wanted}
        changes = [r for r in run_query(backend, "document-changes", {}).rows if r["doc"] in names]
        as_plan = run_query(backend, "plans", {"plan": wanted}).rows
        return page(request, "document.html", number=wanted, rests_on=rests_on, rests_on_it=rests_on_it,
                    implementing=implementing, changes=changes, as_plan=as_plan[0] if as_plan else None)

    def evidence(request: Request) -> HTMLResponse:
        task = _required(request, "task")
        parts = run_query(backend, "task-evidence", {"task": task}).rows
        if not parts:
            raise HTTPException(404)
        source = run_query(backend, "source-text", {"source": parts[0]["source_iri"]}).rows
        text = source[0]["text"] if source else None
        whole = request.query_params.get("whole") == "1"
        return page(request, "evidence.html", parts=parts, task_row=parts[0],
                    segments=highlighted(text, parts, whole) if text else None, whole=whole)

    def network(request: Request) -> HTMLResponse:
        params = dict(request.query_params)
        params.setdefault("view", "agencies")
        if params["view"] not in ("agencies", "chain", "lineage"):
            raise HTTPException(404)
        registry = load_registry()
        return page(request, "network.html", params=params, frame="/network/frame?" + urlencode(params),
                    agencies=sorted(registry.agencies), provinces=sorted(registry.province_iris))

    def network_frame(request: Request) -> HTMLResponse:
        from plankg.web.networks import network_page

        html = network_page(backend, dict(request.query_params), _language(request))
        return HTMLResponse(html)

    def queries(request: Request) -> HTMLResponse:
        shown = {n: q for n, q in load_queries().items() if q.options.get("helper") != "true"}
        return page(request, "queries.html", queries=shown)

    def query(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in load_queries() or load_queries()[name].options.get("helper") == "true":
            raise HTTPException(404)
        named = get_query(name)
        params = request.query_params
        values = {p.name: params.get(p.name) or None for p in named.params}
        ready = all(values[p.name] for p in named.params if p.required) and params.get("run") == "1"
        fmt = params.get("format")
        if ready and fmt in ("csv", "json"):
            return _download(run_query(backend, name, values), name, fmt)
        listing = listing_page(backend, name, values, _page_number(params, "page"), page_size) if ready else None
        return page(request, "query.html", named=named, values=values, listing=listing)

    def sparql(request: Request) -> Response:
        params = request.query_params
        if "update" in params:
            return _protocol_error(403, READ_ONLY)
        if "query" not in params:
            return page(request, "sparql.html")  # a person at the address: a form to type a query in
        return _answer_text(params["query"], request, backend, pool, sparql_seconds)

    async def sparql_post(request: Request) -> Response:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            text = (await request.body()).decode("utf-8", "replace")
        elif kind == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            form = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                return _protocol_error(403, READ_ONLY)
            text = (form.get("query") or [""])[0]
        elif kind == "application/sparql-update":
            return _protocol_error(403, READ_ONLY)
        else:
            return _protocol_error(415, "send the query as application/sparql-query or as a form")
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_answer_text, text, request, backend, pool, sparql_seconds)

    def set_language(request: Request) -> RedirectResponse:
        lang = request.query_params.get("to", "vi")
        back = request.query_params.get("back", "/")
        if not back.startswith("/") or back.startswith("//") or "\\" in back:
            back = "/"  # only a page of this site: no open redirect
        response = RedirectResponse(back, status_code=303)
        response.set_cookie("lang", lang if lang in LANGUAGES else "vi", max_age=365 * 86400, samesite="lax")
        return response

    async def not_found(request: Request, exc: HTTPException) -> HTMLResponse:
        status = exc.status_code
        return page(request, "error.html", status=status,
                    message=messages()["not_found"][_language(request)] if status == 404 else str(exc.detail))

    async def failed(request: Request, exc: Exception) -> HTMLResponse:
        message = str(exc) if isinstance(exc, KgError) else "the request failed; the server log says why"
        status = 404 if isinstance(exc, NotFoundError) else 400 if isinstance(exc, QueryError) else \
            503 if isinstance(exc, KgError) else 500
        if status == 500:
            import logging

            logging.getLogger("plankg.web").exception("page failed: %s", request.url.path)
        return page(request, "error.html", status=status, message=message)

    static = resources.files("plankg.web").joinpath("static")
    routes = [
        Route("/", home), Route("/plan", plan), Route("/agency/{code}", agency),
        Route("/document", document), Route("/evidence", evidence),
        Route("/network", network), Route("/network/frame", network_frame),
        Route("/queries", queries), Route("/queries/{name}", query),
        Route("/sparql", sparql, methods=["GET"]), Route("/sparql", sparql_post, methods=["POST"]),
        Route("/language", set_language),
        Mount("/static", StaticFiles(directory=str(static)), name="static"),
    ]
    handlers = {HTTPException: not_found, KgError: failed, Exception: failed}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.backend = backend
    return app


def _language(request: Request) -> str:
    lang = request.cookies.get("lang", "vi")
    return lang if lang in LANGUAGES else "vi"


def _link(path: str, **values) -> str:
    """A link to a page of this site with its values URL-encoded (Jinja escapes the rest)."""
    given = {k: v for k, v in values.items() if v not in (None, "")}
    return path + ("?" + urlencode(given) if given else "")


def _required(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value:
        raise QueryError(f"the page needs ?{name}=…")
    return value


def _page_number(params, name: str) -> int:
    try:
        return max(1, int(params.get(name, "1")))
    except ValueError:
        return 1


def listing_page(backend, name: str, values: dict, number: int, size: int) -> dict:  # noqa: ANN001
    """One page of a named query's answer, with the total and the page count.

    An answer of more than :data:`SORTED_ROWS` rows on the embedded store is paged in the
    store's own order (grouped by agency and plan, as its indexes hold them), the page
    sorted on its own: sorting the whole answer first would take seconds."""
    total = count_query(backend, name, values)
    pages = max(1, math.ceil(total / size))
    number = min(number, pages)
    ordered = total <= SORTED_ROWS or not getattr(backend, "stable_order", False)
    result = run_query(backend, name, values, limit=size, offset=(number - 1) * size, ordered=ordered)
    rows = result.rows if ordered else sorted(result.rows, key=lambda r: [str(r.get(c) or "") for c in
                                                                          result.columns])
    return {"columns": result.columns, "rows": rows, "total": total, "page": number, "pages": pages,
            "sorted": ordered}


def _download(result, name: str, fmt: str) -> Response:  # noqa: ANN001 - a Result
    """The whole answer as `plankg query --format csv|json` writes it, as a file to save."""
    media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    return Response(render_result(result, fmt), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def _protocol_error(status: int, message: str) -> Response:
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")


def _answer_text(text: str, request: Request, backend, pool, seconds: float) -> Response:  # noqa: ANN001
    try:
        check_read_only(text)
    except ReadOnlyError:
        return _protocol_error(403, READ_ONLY)
    except QueryError as err:
        return _protocol_error(400, str(err))
    job = pool.submit(backend.answer, text, request.headers.get("accept", ""))
    try:
        media, body = job.result(timeout=seconds)
    except concurrent.futures.TimeoutError:
        return _protocol_error(503, f"the query was cut off after {seconds:g} s; narrow it or add a LIMIT")
    except KgError as err:
        return _protocol_error(400, str(err))
    return Response(body, media_type=media, headers={"Access-Control-Allow-Origin": "*"})
