"""Reports over the graph: audit, statistics, networks, exports and SHACL validation.

Public verbs: :func:`audit`, :func:`store_stats`, :func:`agency_network`,
:func:`lineage_network`, :func:`export`, :func:`validate_store`.
"""

from __future__ import annotations

from plankg.graph.verbs import lazy_verbs

_MODULES = {
    "audit": "audit",
    "store_stats": "stats",
    "agency_network": "network", "lineage_network": "network",
    "export": "export",
    "validate_store": "validate",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)
__getattr__ = lazy_verbs(__name__, _MODULES)
