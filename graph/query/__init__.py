"""Reading the graph: named questions and their bound values (``sparql``, ``resolve``),
the local store or a SPARQL server behind one interface (``backends``), pushing graphs
to a server (``remote``).

Public verbs: :func:`run_query`, :func:`count_query`, :func:`load_queries`,
:func:`get_query`, :func:`match_plan`, :func:`as_backend`, :func:`push`.
"""

from __future__ import annotations

_MODULES = {
    "run_query": "sparql", "count_query": "sparql", "load_queries": "sparql", "get_query": "sparql",
    "match_plan": "resolve",
    "as_backend": "backends",
    "push": "remote",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: a module loads on first use
    if name in _MODULES:
        from importlib import import_module

        return getattr(import_module(f"plankg.graph.query.{_MODULES[name]}"), name)
    raise AttributeError(f"module 'plankg.graph.query' has no attribute {name!r}")
