"""The graphs derived from the plan graphs: the lineage index, the agency index and the
materialised views, recomputed in full (``indexes``) or changed by difference
(``incremental``).

Public verbs: :func:`refresh_indexes`, :func:`repair_if_stale`, :func:`before_change`,
:func:`after_change`, :func:`load_views`.
"""

from __future__ import annotations

_MODULES = {
    "refresh_indexes": "indexes", "repair_if_stale": "indexes",
    "before_change": "incremental", "after_change": "incremental",
    "load_views": "views",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: a module loads on first use
    if name in _MODULES:
        from importlib import import_module

        return getattr(import_module(f"plankg.graph.derived.{_MODULES[name]}"), name)
    raise AttributeError(f"module 'plankg.graph.derived' has no attribute {name!r}")
