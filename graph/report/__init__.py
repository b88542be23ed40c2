"""Reports over the graph: audit, statistics, networks, exports and SHACL validation.

Public verbs: :func:`audit`, :func:`store_stats`, :func:`agency_network`,
:func:`lineage_network`, :func:`export`, :func:`validate_store`.
"""

from __future__ import annotations

_MODULES = {
    "audit": "audit",
    "store_stats": "stats",
    "agency_network": "network", "lineage_network": "network",
    "export": "export",
    "validate_store": "validate",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: a module loads on first use
    if name in _MODULES:
        from importlib import import_module

        return getattr(import_module(f"plankg.graph.report.{_MODULES[name]}"), name)
    raise AttributeError(f"module 'plankg.graph.report' has no attribute {name!r}")
