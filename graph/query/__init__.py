"""Reading the graph: named questions and their bound values (``sparql``, ``resolve``),
the local store or a SPARQL server behind one interface (``backends``), pushing graphs
to a server (``remote``).

Public verbs: :func:`run_query`, :func:`count_query`, :func:`load_queries`,
:func:`get_query`, :func:`match_plan`, :func:`as_backend`, :func:`push`.
"""

from __future__ import annotations

from plankg.graph.verbs import lazy_verbs

_MODULES = {
    "run_query": "sparql", "count_query": "sparql", "load_queries": "sparql", "get_query": "sparql",
    "match_plan": "resolve",
    "as_backend": "backends",
    "push": "remote",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)
__getattr__ = lazy_verbs(__name__, _MODULES)
