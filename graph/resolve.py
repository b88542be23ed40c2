"""User-typed values → RDF terms, by the parameter type a query declares.

The output is always an N-Triples term built by plankg.graph.terms (escaped literal) or
an IRI checked against the IRI grammar, so whatever a user types ends up as one bound
value and cannot change the shape of a query.
"""

from __future__ import annotations

import re

from plankg.errors import QueryError
from plankg.graph.sparql import Param
from plankg.graph.terms import iri, literal, typed

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
    if param.type == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise QueryError(f"{param.name} must be a date YYYY-MM-DD, got {value!r}")
        return typed(value.strip(), "date")
    if param.type == "boolean":
        return typed(value.lower() in ("1", "true", "yes"), "boolean")
    raise QueryError(f"{param.name}: type {param.type} needs the store to resolve")
