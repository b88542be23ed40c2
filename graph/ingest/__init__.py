"""Writing the graph: records → N-Quads (``quads``), plans into the store and out of it (``plans``),
the reference graph (``reference``, ``succession``, ``describe``) and what a file was
built from (``sources``).

Public verbs: :func:`build`, :class:`BuildReport`, :func:`remove_plan`,
:func:`record_batch`, :func:`record_quads`, :func:`reference_batch`,
:func:`source_digest`, :func:`nothing_to_build`.
"""

from __future__ import annotations

from plankg.graph.verbs import lazy_verbs

_MODULES = {
    "build": "plans", "BuildReport": "plans", "remove_plan": "plans", "record_batch": "plans",
    "record_quads": "quads",
    "reference_batch": "reference",
    "source_digest": "sources", "nothing_to_build": "sources",
}
"""Each public verb → the module of this package that defines it."""
__all__ = list(_MODULES)
__getattr__ = lazy_verbs(__name__, _MODULES)
