"""``plankg build``: plan files → records → one named graph each in the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from plankg.graph.build import record_quads
from plankg.graph.indexes import refresh_indexes
from plankg.graph.iris import REFERENCE_GRAPH
from plankg.graph.reference import reference_batch
from plankg.graph.store import GraphEntry, PlanStore, graph_batch
from plankg.loaders import extract_file
from plankg.loaders.records import DocumentRecord
from plankg.loaders.registry import load_registry

from plankg.errors import SourceError

COMPACT_AFTER = 1_000_000
"""Compact the store after a build that loaded this many triples (smaller, faster to query)."""


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    triples: int = 0


def record_batch(record: DocumentRecord) -> tuple[str, GraphEntry, bytes]:
    """(graph IRI, manifest entry, N-Quads) for one record."""
    graph, plan, text = record_quads(record, load_registry())
    return graph_batch(graph, plan, record.source, text)


def build(store: PlanStore, paths: Iterable[Path],
          on_error: Callable[[SourceError], None] = lambda err: None,
          records: Iterable[DocumentRecord] | None = None, jobs: int = 1) -> BuildReport:
    """Extract each file and (re)load its named graph; the reference graph is refreshed too.

    Every graph goes into the store in one streamed bulk load (PlanStore.put): this
    thread extracts and generates triples while Oxigraph's threads parse and index
    what came before. Then the derived indexes (plankg.graph.indexes) are recomputed
    from what the store now holds.

    Args:
        store: a store opened for writing.
        paths: plan files; a file that cannot be read is reported through ``on_error``
            and skipped.
        on_error: called with each :class:`SourceError`.
        records: already extracted records to load instead of ``paths`` (benchmarks).
        jobs: extract in this many worker processes (order of files is kept).
    """
    report = BuildReport()
    given = 0

    def graphs():
        nonlocal given
        yield reference_batch()
        for record in records if records is not None else _extract(paths, report, on_error, jobs):
            given += 1
            yield record_batch(record)

    loaded = store.put(graphs())
    report.added = loaded.graphs
    report.triples = loaded.triples
    report.unchanged = given - len(set(loaded.graphs) - {REFERENCE_GRAPH})
    if report.triples >= COMPACT_AFTER:  # first: the indexes read the store 2-3× faster compacted
        store.optimize()
    refresh_indexes(store)  # also after an unchanged build: a killed one may have left them stale
    return report


def _extract(paths: Iterable[Path], report: BuildReport, on_error, jobs: int = 1):
    paths = list(paths)
    parallel = jobs > 1 and len(paths) > 1
    with ProcessPoolExecutor(max_workers=jobs) if parallel else nullcontext() as pool:
        results = pool.map(_extract_one, paths, chunksize=8) if parallel else map(_extract_one, paths)
        for path, result in zip(paths, results, strict=True):
            if isinstance(result, SourceError):
                report.failed.append(str(path))
                on_error(result)
            else:
                yield result


def _extract_one(path: Path) -> DocumentRecord | SourceError:
    """Extract one file; a SourceError is returned (it travels between processes)."""
    try:
        return extract_file(path)
    except SourceError as err:
        return err


def match_plan(store: PlanStore, plan: str) -> list[str]:
    """Named graphs of the plan given by number ("202/KH-UBND", "202"), IRI or source file name."""
    from plankg.loaders.docnumbers import canonical

    wanted = canonical(plan, load_registry())
    numbers = _plan_numbers(store)
    found = []
    for graph, entry in store.graphs.items():
        if not entry.plan:  # the reference graph and the indexes
            continue
        number = numbers.get(entry.plan)
        if plan in (entry.plan, entry.source, graph) or (number and (
                number == wanted or number.split("/")[0] == plan.strip())):
            found.append(graph)
    return found


def remove_plan(store: PlanStore, plan: str) -> list[str]:
    """Remove the named graphs of one plan (see :func:`match_plan`); returns them."""
    removed = store.remove(match_plan(store, plan))
    if removed:
        refresh_indexes(store)
    return removed


def _plan_numbers(store: PlanStore) -> dict[str, str]:
    import pyoxigraph as ox

    eli_number = ox.NamedNode("http://data.europa.eu/eli/ontology#number")
    plans = {e.plan for e in store.graphs.values() if e.plan}
    return {q.subject.value: q.object.value
            for q in store.oxigraph.quads_for_pattern(None, eli_number, None)
            if q.subject.value in plans}
