"""``plankg stats``: counts of what the store holds, and warnings worth acting on."""

from __future__ import annotations

from dataclasses import dataclass

from plankg.graph.query.sparql import run_query
from plankg.graph.store import PlanStore


@dataclass(frozen=True)
class Stats:
    counts: dict[str, int]
    warnings: list[str]
    graphs: int
    triples: int


def store_stats(store: PlanStore) -> Stats:
    """Counts by the ``stats-counts`` query; warnings for leaderless tasks, the reader's
    diagnostics (lead conflicts, duties without a lead) and unknown agencies."""
    row = run_query(store, "stats-counts", {}).rows[0]
    counts = {k: int(v or 0) for k, v in row.items()}
    warnings = []
    if counts["tasks_without_lead"]:
        warnings.append(f"{counts['tasks_without_lead']} of {counts['tasks']} tasks name no lead agency "
                        "(`plankg query tasks-without-lead` lists them)")
    if counts["lead_conflicts"]:
        warnings.append(f"{counts['lead_conflicts']} tasks have a heading and words naming different leads "
                        "(`plankg query diagnostics -p code lead-conflict` lists them)")
    if counts["unassigned_duties"]:
        warnings.append(f"{counts['unassigned_duties']} duties of implementation sections name no lead "
                        "(`plankg query diagnostics -p code task-without-lead`)")
    if counts["unregistered_agencies"]:
        warnings.append(f"{counts['unregistered_agencies']} agencies are not in the registry "
                        "(kept as OTHER:<name>; add aliases to ontology/agencies.ttl)")
    return Stats(counts, warnings, graphs=len(store.graphs), triples=len(store))
