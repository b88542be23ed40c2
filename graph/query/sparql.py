"""Named SPARQL queries (``queries/*.rq``) and the one way values reach them.

Each file starts with a header::

    #+ summary: Tasks led by an agency, grouped by province
    #+ params:
    #+   agency: {type: agency, required: true}
    #+   province: {type: province, required: false}

Values arrive as strings, are resolved to RDF terms by their declared type
(:mod:`plankg.graph.query.resolve`), and are written into the query in exactly one place:
``VALUES`` blocks inserted as the first elements of the outermost ``WHERE``, each value
by its term's own N-Triples form. The same rendered text runs on the embedded store
and on a remote server, so local tests cover what is sent. Nothing else ever puts
user or document text into query text.

A query line that starts with ``#?var`` is a comment unless ``?var`` is bound, when the
marker is dropped and the line takes part. It lets an optional parameter narrow the
query where the engine can use it (``?org plankg:province ?province_iri`` inside the
first pattern: one index lookup) instead of in a FILTER evaluated after every row
was found; the text switched on is the query file's own, never a value. A line that
starts with ``#!var`` is the opposite: it takes part only when ``?var`` is not bound (a
count that reads one index with the value and another without it).

Two more marker lines serve paged listings: ``#@values`` puts the VALUES inside the
sub-select that starts there (a sub-select sees only what it binds itself), and ``#@page``
is where an unordered page is cut (:func:`paged`). A materialised view marks with ``#@keys
?var`` where a recomputation narrowed to some terms binds them (:func:`keyed`; the line is
a comment otherwise). A query may also name, in its header,
a ``count`` companion: a helper query with the same parameters that counts the rows'
identities, for a listing's total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from plankg.errors import QueryError, QueryFailedError, ReadOnlyError

PARAM_TYPES = ("iri", "text", "agency", "document", "province", "integer", "year", "date", "graph",
               "boolean")
_HEADER = re.compile(r"^#\+\s?(.*)$")
_PARAM = re.compile(r"^\s+([a-z_][a-z0-9_]*):\s*\{(.*)\}\s*$")
_SWITCHED_LINE = re.compile(r"^([ \t]*)#([?!])([a-z_][a-z0-9_]*)[ \t]", re.MULTILINE)
_VALUES_HERE = re.compile(r"^[ \t]*#@values[ \t]*$", re.MULTILINE)
"""Where the VALUES go when not first in the outer WHERE (inside a sub-select)."""
_PAGE_HERE = re.compile(r"^([ \t]*)#@page[ \t]*$", re.MULTILINE)
"""Where an unordered page is cut (see :func:`paged`)."""
_KEYS_HERE = re.compile(r"^([ \t]*)#@keys[ \t]+\?([A-Za-z_][A-Za-z0-9_]*)((?:[ \t]+[^\s#]\S*)*)[ \t]*$",
                        re.MULTILINE)
"""Where a view narrowed to some terms binds them, and the classes of the terms it can
bind there, if it says (see :func:`keyed`)."""
_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>\s]*)>", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    required: bool
    default: str | None = None
    var: str = ""
    """The query variable bound (``var`` in the header; the name by default)."""


@dataclass(frozen=True)
class NamedQuery:
    """One ``queries/<name>.rq`` file."""

    name: str
    summary: str
    params: tuple[Param, ...]
    text: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    """Rows of a SELECT, as dicts of plain strings (None for unbound)."""

    columns: list[str]
    rows: list[dict[str, Any]]


def parse_query_file(name: str, text: str) -> NamedQuery:
    """Read the ``#+`` header of a query file; a malformed header is a :class:`QueryError`."""
    header: dict[str, str] = {}
    params: list[Param] = []
    in_params = False
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        body = match.group(1)
        param = _PARAM.match(body)
        if in_params and param:
            spec = dict(_pair(item, name) for item in param.group(2).split(",") if item.strip())
            kind = spec.get("type")
            if kind not in PARAM_TYPES:
                raise QueryError(f"{name}.rq: parameter {param.group(1)!r} has type {kind!r}; "
                                 f"expected one of {', '.join(PARAM_TYPES)}")
            params.append(Param(param.group(1), kind, spec.get("required", "false") == "true",
                                spec.get("default"), spec.get("var", param.group(1))))
            continue
        key, _, value = body.partition(":")
        if not _ or not key.strip():
            raise QueryError(f"{name}.rq: header line {line!r} is not 'key: value'")
        in_params = key.strip() == "params"
        header[key.strip()] = value.strip()
    if not header.get("summary"):
        raise QueryError(f"{name}.rq: the header needs a '#+ summary:' line")
    variables = {p.var for p in params}
    for match in _SWITCHED_LINE.finditer(text):
        if match.group(3) not in variables:
            raise QueryError(f"{name}.rq: line '#{match.group(2)}{match.group(3)}' names no parameter variable "
                             f"(declared: {', '.join(sorted(variables)) or 'none'})")
    options = {k: v for k, v in header.items() if k not in ("summary", "params")}
    if "returns" in options:
        declared = [v.strip() for v in options["returns"].strip("[] ").split(",") if v.strip()]
        selected = projection(text)
        if selected is not None and declared != selected:
            raise QueryError(f"{name}.rq: '#+ returns: [{', '.join(declared)}]' but its SELECT gives "
                             f"[{', '.join(selected)}]")
    return NamedQuery(name, header["summary"], tuple(params), text, options)


def projection(text: str) -> list[str] | None:
    """The variables the outermost SELECT returns, in order (None for ``SELECT *`` or a
    query that is not a SELECT): what a query file's ``#+ returns`` must declare."""
    code = _blank_comments_and_strings(text)
    found = re.search(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", code, re.IGNORECASE | re.DOTALL)
    if found is None or query_form(text) != "SELECT" \
            or re.match(r"\s*(?:(?:DISTINCT|REDUCED)\s+)?\*", found.group(1), re.IGNORECASE):
        return None
    names, depth = [], 0
    for token in re.finditer(r"\(|\)|\bAS\s+\?(\w+)|\?(\w+)", found.group(1), re.IGNORECASE):
        if token.group() == "(":
            depth += 1
        elif token.group() == ")":
            depth -= 1
        elif token.group(1):
            names.append(token.group(1))  # (COUNT(*) AS ?n)
        elif depth == 0:
            names.append(token.group(2))
    return names


def _pair(item: str, name: str) -> tuple[str, str]:
    key, sep, value = item.partition(":")
    if not sep:
        raise QueryError(f"{name}.rq: parameter option {item.strip()!r} is not 'key: value'")
    return key.strip(), value.strip()


@cache
def load_queries(folder: str = "") -> dict[str, NamedQuery]:
    """Every query shipped in ``plankg.queries`` (or its subfolder ``folder``), by name."""
    where = resources.files("plankg.queries")
    if folder:
        where = where.joinpath(folder)
    queries = {}
    for entry in sorted(where.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            queries[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return queries


def get_query(name: str) -> NamedQuery:
    """The named query, or a :class:`QueryError` listing the names there are."""
    queries = load_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; available: {', '.join(queries)}")
    return queries[name]


def render(query: NamedQuery, bindings: dict[str, str]) -> str:
    """The query text with one ``VALUES`` row for the bound variables (``#?`` and ``#!`` lines switched).

    Args:
        query: a named query.
        bindings: variable name → the term's N-Triples form (``<iri>``, ``"text"@vi``),
            as produced by :mod:`plankg.graph.query.resolve`; never raw user text.
    """
    text = _SWITCHED_LINE.sub(lambda m: " " * len(m.group()) if (m.group(3) in bindings) == (m.group(2) == "?")
                           else m.group(), query.text)
    if not bindings:
        return text
    # One single-variable block per value: equivalent to one multi-variable row, and the
    # form Virtuoso 7 compiles (it fails on VALUES rows whose variables meet a FILTER).
    block = "".join(f"\n  VALUES ?{name} {{ {term} }}" for name, term in bindings.items()) + "\n"
    marker = _VALUES_HERE.search(text)  # a sub-select that must see the values itself
    where = marker.end() if marker else _outer_where(text)
    return text[:where] + block + text[where:]


def keyed_variables(query: NamedQuery) -> list[str]:
    """The variables a query's ``#@keys ?var`` lines bind when it is narrowed (see :func:`keyed`)."""
    return [match.group(2) for match in _KEYS_HERE.finditer(query.text)]


def key_classes(query: NamedQuery) -> list[frozenset[str]]:
    """The classes each ``#@keys ?var class …`` line names (prefixed names by the query's
    PREFIX lines, or ``<IRI>``s), in order; an empty set where a line names none. A name
    whose prefix the query does not declare is a :class:`QueryError`."""
    prefixes = {prefix or "": base for prefix, base in _PREFIX.findall(query.text)}
    found = []
    for match in _KEYS_HERE.finditer(query.text):
        classes = set()
        for name in match.group(3).split():
            prefix, _, local = name.partition(":")
            if name.startswith("<") and name.endswith(">"):
                classes.add(name[1:-1])
            elif local and prefix in prefixes:
                classes.add(prefixes[prefix] + local)
            else:
                raise QueryError(f"{query.name}: '#@keys ?{match.group(2)}' names {name!r}, "
                                 "neither <an IRI> nor a name with a declared prefix")
        found.append(frozenset(classes))
    return found


def keyed(query: NamedQuery, terms: Iterable[str], types: Mapping[str, Iterable[str]] | None = None) -> str:
    """The query's text with each ``#@keys ?var`` line made ``VALUES ?var { … }`` over
    ``terms`` (IRIs, each checked as one before it is written): the view recomputed for
    what those terms take part in only (plankg.graph.derived.incremental).

    With ``types`` (a term's classes, where they are known), a line that names classes
    (``#@keys ?t plankg:Task``) binds only the terms of those classes and those whose
    classes are not known: a term known to be of other classes cannot be what the line
    binds, and every term left out is work the engine does not do (a plan's 120
    evidence nodes among 300 terms)."""
    from plankg.graph.query.resolve import check_iri

    terms = sorted(terms)
    checked = {term: check_iri(term) for term in terms}
    classes = iter(key_classes(query))

    def values(match: re.Match[str]) -> str:
        wanted = next(classes)
        kept = [term for term in terms if not wanted or types is None or term not in types
                or not wanted.isdisjoint(types[term])]
        return f"{match.group(1)}VALUES ?{match.group(2)} {{ {' '.join(checked[t] for t in kept)} }}"

    return _KEYS_HERE.sub(values, query.text)


def move_graphs(moves: dict[str, str]) -> str:
    """One SPARQL update that moves each staging graph over its target, as a single
    transaction; both names are checked as IRIs before they are written into it."""
    from plankg.graph.query.resolve import check_iri

    return " ; ".join(f"MOVE {check_iri(old)} TO {check_iri(new)}" for old, new in moves.items())


def amend_graphs(changes: list[tuple[str, set[tuple[str, str, str]], set[tuple[str, str, str]]]]) -> str:
    """One SPARQL update that deletes and inserts statements in named graphs, as a single
    transaction: (graph IRI, statements to delete, statements to insert). Each graph is
    checked as an IRI; each statement is three N-Triples terms as the store or
    plankg.graph.terms write them (derived data, never a user's text)."""
    from plankg.graph.query.resolve import check_iri

    def block(graph: str, statements: set[tuple[str, str, str]]) -> str:
        return f"GRAPH {check_iri(graph)} {{\n" + "".join(f"{s} {p} {o} .\n" for s, p, o in statements) + "}\n"

    return ("DELETE DATA {\n" + "".join(block(g, d) for g, d, _ in changes if d) + "} ;\n"
            "INSERT DATA {\n" + "".join(block(g, i) for g, _, i in changes if i) + "}")


def _outer_where(text: str) -> int:
    """Offset just after the ``{`` that opens the outermost WHERE (comments, strings and IRIs skipped)."""
    depth = 0
    i = 0
    code = _blank_comments_and_strings(text)
    match = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE)
    if match:
        return match.end()
    for i, char in enumerate(code):  # "SELECT * { ... }" without the keyword
        if char == "{" and depth == 0:
            return i + 1
    raise QueryError("query has no WHERE block to bind values into")


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword outside comments, strings
    and IRIs ("SELECT" if none). SPARQLWrapper guesses the form from the text with
    some comments left in, and a header line such as "#+ count: agency-workload-count"
    made it send a SELECT as a LOAD update."""
    found = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", _blank_comments_and_strings(text), re.IGNORECASE)
    return found.group(1).upper() if found else "SELECT"


def _blank_comments_and_strings(text: str) -> str:
    return re.sub(r'#[^\n]*|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>',
                  lambda m: " " * len(m.group()), text)


def bind(query: NamedQuery, values: dict[str, str | None], resolver=None) -> dict[str, str]:
    """Check required parameters and turn each given value into a term.

    Args:
        query: the named query.
        values: parameter name → the string the user gave (None when not given).
        resolver: ``(param, value) -> term`` for the types that need the store
            (agency, document, province); the simple types resolve here.
    """
    from plankg.graph.query.resolve import resolve_simple

    known = {p.name for p in query.params}
    unknown = set(v for v, x in values.items() if x is not None) - known
    if unknown:
        raise QueryError(f"{query.name} takes no parameter {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(sorted(known)) or 'none'}")
    bound: dict[str, str] = {}
    for param in query.params:
        value = values.get(param.name)
        if value is None:
            value = param.default
        if value is None:
            if param.required:
                raise QueryError(f"{query.name} needs a value for {param.name} ({param.type})")
            continue
        if param.type in ("agency", "document", "province"):
            if resolver is None:
                raise QueryError(f"{param.name}: a {param.type} needs the store to resolve")
            bound[param.var] = resolver(param, value)
        else:
            bound[param.var] = resolve_simple(param, value)
    return bound


def run_query(backend, name: str, values: dict[str, str | None], reverse: bool = False,
              limit: int | None = None, offset: int = 0, ordered: bool = True) -> Result:
    """Run a named query on a backend (embedded store or remote endpoint).

    Args:
        backend: :class:`plankg.graph.query.backends.Backend` (or a PlanStore, wrapped).
        name: the query's name (its file name without ``.rq``).
        values: parameter name → user string.
        reverse: run the query's ``#+ reverse:`` counterpart instead.
        limit, offset: one page of the answer.
        ordered: in the query's own order (its ``ORDER BY``); if false, in the order the
            engine finds the rows, which lets it stop after one page instead of sorting
            the whole answer (26,000 rows: 6 s sorted, 0.09 s not, at 10,000 plans).
    """
    from plankg.graph.query.backends import as_backend

    backend = as_backend(backend)
    return _answer(backend, name, paged(rendered(backend, name, values, reverse), limit, offset, ordered))


def count_query(backend, name: str, values: dict[str, str | None], reverse: bool = False) -> int:
    """How many rows the named query answers (a paged listing's total): its ``#+ count:``
    companion when it declares one (it counts the rows' identities, not the rows: 27 ms
    instead of 5 s for 26,000 tasks), else the query itself as a sub-select."""
    from plankg.graph.query.backends import as_backend

    backend = as_backend(backend)
    query = asked_form(name, values, reverse)
    companion = query.options.get("count")
    if companion:
        text = rendered(backend, companion, {p.name: values.get(p.name) for p in get_query(companion).params})
    else:
        text = counted(unordered(rendered(backend, name, values, reverse)))
    rows = _answer(backend, companion or name, text).rows
    return int(rows[0]["total"]) if rows and rows[0].get("total") is not None else 0


def _answer(backend, name: str, text: str) -> Result:  # noqa: ANN001 - a Backend
    """The backend's answer to a named query's text; a server's refusal names the query, so
    that the one of a page's several that failed is known ("query plans-implementing:
    http://…/sparql: query failed: … Virtuoso 37000 Error SQ156 …")."""
    try:
        return backend.select(text)
    except QueryFailedError as err:
        raise QueryFailedError(f"query {name}: {err}") from None


def rendered(backend, name: str, values: dict[str, str | None], reverse: bool = False) -> str:
    """The text a named query runs as, its values bound (see :func:`render`)."""
    from plankg.graph.query.resolve import Resolver

    query = asked_form(name, values, reverse)
    return render(query, bind(query, values, Resolver(backend)))


def asked_form(name: str, values: dict[str, str | None] | None = None, reverse: bool = False) -> NamedQuery:
    """The query that answers ``name`` in the form asked: its ``#+ reverse`` counterpart,
    and its ``#+ as-of`` one when ``values`` give an ``as_of`` date it does not take
    itself (the agencies as they stand on that day: ``tasks-led-by`` → ``tasks-led-by-as-of``)."""
    query = get_query(name)
    if reverse:
        if "reverse" not in query.options:
            raise QueryError(f"{name} has no --reverse form")
        query = get_query(query.options["reverse"])
    if values and values.get("as_of") is not None and all(p.name != "as_of" for p in query.params):
        if "as-of" not in query.options:
            raise QueryError(f"{name} has no --as-of form")
        query = get_query(query.options["as-of"])
    return query


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*\n|(?:PREFIX\s*[\w.-]*:\s*|BASE\s*)<[^>\s]*>)*", re.IGNORECASE)


def paged(text: str, limit: int | None, offset: int = 0, ordered: bool = True) -> str:
    """A SELECT's text cut to one page (a named query's text ends with its ORDER BY).

    Unordered, a query that marks a line ``#@page`` (in the sub-select that finds the rows'
    identities, before the aggregates and optional details) is cut there: the details are
    then looked up for one page only, and its closing ORDER BY sorts that page."""
    whole = _PAGE_HERE.sub(lambda m: f"{m.group(1)}LIMIT {NO_CUT}", text, count=1)
    if limit is None and not offset:
        return whole if ordered else unordered(whole)
    cut = (f"LIMIT {int(limit)}" if limit is not None else "") + (f" OFFSET {int(offset)}" if offset else "")
    if not ordered and _PAGE_HERE.search(text):
        return _PAGE_HERE.sub(lambda m: m.group(1) + cut, text, count=1)
    return (whole if ordered else unordered(whole)).rstrip() + "\n" + cut + "\n"


NO_CUT = 1_000_000
"""The LIMIT a ``#@page`` line gets when the answer is not cut there (a sub-select's rows
beyond a million would be left out). A sub-select with a LIMIT up to about this makes
Oxigraph 0.5 look the details up row by row; without one, or with 10 million, it hashes
every task in the store first (one province's tasks at 10,000 plans: 0.03 s against 39 s)."""


def unordered(text: str) -> str:
    """A query's text without its closing ``ORDER BY`` (a named query ends with it)."""
    at = text.rfind("ORDER BY")
    return text[:at] if at >= 0 and "}" not in text[at:] else text


def counted(text: str) -> str:
    """A SELECT's text as a count of its rows: the query becomes a sub-select."""
    start = _PROLOGUE.match(text).end()
    return f"{text[:start]}SELECT (COUNT(*) AS ?total) WHERE {{\n{{\n{text[start:]}\n}}\n}}\n"


def check_read_only(text: str, allow_service: bool = False) -> str:
    """The text of a query a user typed, if it only reads: a SELECT, ASK, CONSTRUCT or
    DESCRIBE (an update is refused, on the embedded store and on any server alike), and
    without SERVICE unless asked for (it would make the embedded store call out)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as err:
        if re.match(r"\s*(?:PREFIX\s+\S*\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP"
                    r"|COPY|MOVE|ADD|WITH)\b", text, re.IGNORECASE):
            raise ReadOnlyError("plankg sparql only reads: updates (INSERT, DELETE, DROP, …) are refused") from None
        raise QueryError(f"SPARQL syntax error: {str(err).splitlines()[0][:200]}") from None
    if not allow_service and "ServiceGraphPattern" in repr(parsed):
        raise QueryError("SERVICE calls another server; it is off unless you pass --allow-service")
    return text
