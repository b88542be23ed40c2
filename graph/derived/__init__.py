"""The graphs derived from the plan graphs: the lineage index, the agency index and the
materialised views, recomputed in full (``indexes``) or changed by difference
(``incremental``).

Public verbs: :func:`refresh_indexes`, :func:`repair_if_stale`, :func:`before_change`,
:func:`after_change`, :func:`load_views`.
"""

from __future__ import annotations

from plankg.graph.verbs import lazy_verbs

_MODULES = {
    "refresh_indexes": "indexes", "repair_if_stale": "indexes",
    "before_change": "incremental", "after_change": "incremental",
    "load_views": "views",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)
__getattr__ = lazy_verbs(__name__, _MODULES)
