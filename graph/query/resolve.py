"""User-typed values → RDF terms, by the parameter type a query declares.

The output is always an N-Triples term built by plankg.graph.terms (escaped literal) or
an IRI checked against the IRI grammar, so whatever a user types ends up as one bound
value and cannot change the shape of a query.
"""

from __future__ import annotations

import os
import re

from plankg.graph.query.sparql import Param
from plankg.graph.store import PlanStore
from plankg.graph.store import literal as literal_term
from plankg.graph.terms import iri, literal, typed
from plankg.loaders.docnumbers import canonical
from plankg.loaders.registry import load_registry

from plankg.errors import NotFoundError, QueryError

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\s\x00-\x20]*$")


def check_iri(value: str, what: str = "IRI") -> str:
    """``<value>`` if value is an absolute IRI without forbidden characters."""
    if not _IRI.match(value):
        raise QueryError(f"{what} {value!r} is not an absolute IRI (no spaces, quotes or <>{{}}|^`\\)")
    return iri(value)


def resolve_simple(param: Param, value: str) -> str:
    """Terms for the types that need no lookup: iri, graph, text, integer, date, boolean."""
    if param.type in ("iri", "graph"):
        return check_iri(value, param.name)
    if param.type == "text":
        return literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"-?\d{1,12}", value.strip()):
            raise QueryError(f"{param.name} must be a whole number, got {value!r}")
        return typed(int(value), "integer")
    if param.type == "year":
        if not re.fullmatch(r"\d{4}", value.strip()):
            raise QueryError(f"{param.name} must be a year like 2025, got {value!r}")
        return typed(value.strip(), "gYear")
    if param.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"{param.name} must be a date YYYY-MM-DD, got {value!r}")
        return typed(value.strip(), "date")
    if param.type == "boolean":
        return typed(value.lower() in ("1", "true", "yes"), "boolean")
    raise QueryError(f"{param.name}: type {param.type} needs the store to resolve")


class Resolver:
    """Resolves agency, province and document arguments the way people type them.

    "DONRE", "Sở Tài nguyên và Môi trường", "so tai nguyen va moi truong" and
    "Department of Natural Resources and Environment" all name one agency type;
    "889", "889/QĐ-TTg" and "Decision 889/QD-TTg" one document. An unknown or ambiguous
    argument raises a :class:`QueryError` that lists the closest candidates.
    """

    def __init__(self, backend) -> None:  # noqa: ANN001 - plankg.graph.query.backends.Backend
        from plankg.loaders.registry import load_registry

        self.backend = backend
        self.registry = load_registry()

    def __call__(self, param: Param, value: str) -> str:
        if param.type == "agency":
            return self.agency(value)
        if param.type == "province":
            return self.province(value)
        return self.document(value)

    def agency(self, value: str) -> str:
        from plankg.graph.vocab import AGENCY_TYPE
        from plankg.loaders.registry import alias_key

        registry = self.registry
        text = value.strip()
        if text.upper() in registry.agencies and text.upper() != "UNSPECIFIED":
            return iri(AGENCY_TYPE[text.upper()])
        codes = registry.alias_codes.get(alias_key(text), frozenset()) - {"UNSPECIFIED"}
        if len(codes) == 1:
            return iri(AGENCY_TYPE[next(iter(codes))])
        names = {alias: sorted(c) for alias, c in registry.alias_codes.items() if "UNSPECIFIED" not in c}
        names.update({code.lower(): [code] for code in registry.agencies})
        if codes:
            raise QueryError(f"agency {value!r} is ambiguous: it names {', '.join(sorted(codes))}; "
                             "give the code")
        raise NotFoundError(f"no agency {value!r}; closest: {_closest(alias_key(text), names)}")

    def province(self, value: str) -> str:
        from plankg.loaders.registry import alias_key

        official = self.registry.provinces.get(alias_key(value.strip()))
        if official is None:
            candidates = {k: [v] for k, v in self.registry.provinces.items()}
            raise NotFoundError(f"no province {value!r}; closest: {_closest(alias_key(value), candidates)}")
        return iri(self.registry.province_iris[official])

    def document(self, value: str) -> str:
        from plankg.graph.query.sparql import get_query, render
        from plankg.loaders.docnumbers import parse_reference

        text = value.strip()
        if _IRI.match(text) and "://" in text:
            return check_iri(text, "document")
        number = parse_reference(text, self.registry)
        exact = str(number) if number else text
        digits = re.fullmatch(r"\d{1,6}", text)
        rows = []
        if number:  # a whole number is one index lookup; the scan below reads every document's name
            rows = self.backend.select(render(get_query("find-document-exact"), {"exact": literal(exact)})).rows
        if not rows:
            rows = self.backend.select(render(get_query("find-document"), {
                "exact": literal(exact), "prefix": literal(text if digits else exact)})).rows
        docs: dict[str, str] = {}
        for row in rows:
            docs.setdefault(row["doc"], row["number"])
        if len(docs) == 1:
            return check_iri(next(iter(docs)), "document")
        if not docs:
            raise NotFoundError(f"no document {value!r} in the graph; `plankg plans` lists what is loaded")
        plans = {row["doc"] for row in rows if row.get("plan")}
        if len(plans) == 1:  # "202" names the one plan of that number
            return check_iri(next(iter(plans)), "document")
        listing = ", ".join(f"{n} ({d.rsplit('/eli/', 1)[-1]})" for d, n in sorted(docs.items())[:8])
        raise QueryError(f"document {value!r} is ambiguous; candidates: {listing}")


def _closest(key: str, names: dict[str, list[str]]) -> str:
    import difflib

    matches = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    if not matches:
        return "none (see ontology/agencies.ttl and ontology/provinces.ttl)"
    return ", ".join(f"{m!r} ({'/'.join(names[m])})" for m in matches)


def match_plan(store: PlanStore, plan: str) -> list[str]:
    """Named graphs of the plan given by IRI, source file (its path as built, or its name)
    or, if none is so named, by number ("202/KH-UBND", "202")."""
    named = [graph for graph, entry in store.graphs.items() if entry.plan  # not reference, indexes
             and (plan in (entry.plan, entry.source, graph) or os.path.basename(entry.source) == plan)]
    # (os.path, not Path: 10,000 Path objects cost `plankg remove` 0.05 s at 10,000 plans)
    if named:
        return named
    wanted = canonical(plan, load_registry())
    if wanted and "/" in wanted:
        numbers = _plan_numbers(store, wanted)
    else:  # a bare "202" is matched against every number
        numbers = _plan_numbers(store) if plan.strip().isdigit() else {}
    return [graph for graph, entry in store.graphs.items()
            if (number := numbers.get(entry.plan)) and (number == wanted or number.split("/")[0] == plan.strip())]


def _plan_numbers(store: PlanStore, number: str | None = None) -> dict[str, str]:
    """Plan IRI → its number, for every plan, or for the plans numbered ``number`` (one
    lookup instead of reading every number in the store: 0.7 s at 10,000 plans)."""
    plans = {e.plan for e in store.graphs.values() if e.plan}
    value = literal_term(number) if number is not None else None
    return {q.subject.value: q.object.value
            for q in store.match(None, "http://data.europa.eu/eli/ontology#number", value)
            if q.subject.value in plans}
