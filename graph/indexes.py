"""Derived index graphs: facts stated once that queries would otherwise find repeated in
every plan graph (plankg.graph.lineage, plankg.graph.agency_index)."""

from __future__ import annotations

from plankg.graph.agency_index import agency_batch
from plankg.graph.lineage import lineage_batch
from plankg.graph.store import PlanStore


def refresh_indexes(store: PlanStore) -> bool:
    """Recompute every index from what ``store`` holds now; True if one changed.

    Each is a pure, sorted function of the store, content-hashed like a plan graph, so a
    build that changes nothing leaves them untouched.
    """
    return bool(store.put([lineage_batch(store), agency_batch(store)]))
