"""``plankg build``: plan files → records → one named graph each in the store."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from plankg.graph.derived.incremental import LIMIT as INCREMENTAL_LIMIT
from plankg.graph.derived.incremental import after_change, before_change
from plankg.graph.derived.indexes import refresh_indexes
from plankg.graph.ingest.quads import record_quads
from plankg.graph.ingest.reference import reference_batch
from plankg.graph.ingest.sources import reader_fingerprint, source_digest, source_key
from plankg.graph.iris import REFERENCE_GRAPH
from plankg.graph.query.resolve import match_plan
from plankg.graph.store import GraphEntry, PlanStore
from plankg.loaders.batch import extract_files
from plankg.loaders.files import display_name
from plankg.loaders.records import DocumentRecord
from plankg.loaders.registry import load_registry

from plankg.errors import SourceError

BATCH_SIZE = 200
LOAD_THREADS = 2
"""Bulk loads in flight at once: Oxigraph loads each on its own core (≈1.6× with two here)."""
COMPACT_AFTER = 1_000_000
"""Compact the store after a build that loaded this many triples (smaller, faster to query)."""


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    triples: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(source skipped, source kept): the same document given twice (same plan IRI: number,
    kind, issuer, year and province; or the same text when it has no number)."""

    def note(self, batch: list[tuple[str, GraphEntry, str]], changed: list[str]) -> None:
        """A batch put into the store, of which the graphs ``changed`` were loaded."""
        self.triples += sum(text.count("\n") for _, _, text in batch)
        self.added.extend(changed)
        self.unchanged += len(batch) - len(changed)


def record_batch(record: DocumentRecord, source_key: str | None = None) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) for one record; ``source_key`` as in
    :func:`plankg.graph.ingest.quads.record_quads`, kept in the manifest as the source."""
    graph, plan, text = record_quads(record, load_registry(), source_key)
    return graph, GraphEntry.of(plan, source_key or record.source, text), text


def build(store: PlanStore, paths: Iterable[Path],
          on_error: Callable[[SourceError], None] = lambda err: None,
          records: Iterable[DocumentRecord] | None = None, jobs: int = 1,
          progress: Callable[[int], None] = lambda done: None) -> BuildReport:
    """Extract each file and (re)load its named graph; the reference graph is refreshed too.

    Extraction and triple generation run here while loader threads write earlier batches
    (Oxigraph releases the GIL while it loads), so they overlap. Then the derived graphs
    (indexes and views) are brought up to date: by difference when up to
    ``INCREMENTAL_LIMIT`` plans changed (plankg.graph.derived.incremental), else recomputed from
    what the store now holds (plankg.graph.derived.indexes). The reference graph is loaded only
    when this plankg's reference data differ from the store's.

    Args:
        store: a store opened for writing.
        paths: plan files; a file that cannot be read is reported through ``on_error``
            and skipped.
        on_error: called with each :class:`SourceError`.
        records: already extracted records to load instead of ``paths`` (benchmarks).
        jobs: extract in this many worker processes (order of files is kept).
        progress: called with 1 after each file is read (a progress bar's update).
    """
    report = BuildReport()
    reference = store.graphs.get(REFERENCE_GRAPH)
    if reference is None or reference.digest != reader_fingerprint():  # else built by this plankg
        graph, entry, text = reference_batch()
        report.added += store.put([(graph, replace(entry, digest=reader_fingerprint()), text)])
    loader = _Loader(store, report)
    batch: list[tuple[str, GraphEntry, str]] = []
    # A few changed plans in a store whose derived graphs are fresh: held back, then
    # loaded with the derived graphs changed by difference (plankg.graph.derived.incremental).
    held: list[tuple[str, GraphEntry, str]] | None = [] if _by_difference(store, report) else None
    kept = {entry.plan: entry.source for entry in store.graphs.values() if entry.plan}
    try:
        given = ((None, r) for r in records) if records is not None else \
            _extract(paths, report, on_error, jobs, progress)
        for path, record in given:
            graph, entry, text = record_batch(record, source_key(path) if path is not None else None)
            if path is not None:
                entry = replace(entry, digest=source_digest(path))
            if kept.setdefault(entry.plan, entry.source) != entry.source:
                report.duplicates.append((entry.source, kept[entry.plan]))
                continue  # built once: a second copy would double every row a query returns
            if held is not None:
                if graph in store.graphs and store.graphs[graph].content == entry.content:
                    store.put([(graph, entry, text)])  # notes a new digest, loads nothing
                    report.unchanged += 1
                    continue
                held.append((graph, entry, text))
                if len(held) <= INCREMENTAL_LIMIT:
                    continue
                batch, held = held, None  # too many for differences: recomputed in full after
            else:
                batch.append((graph, entry, text))
            if len(batch) >= BATCH_SIZE:
                loader.submit(batch)
                batch = []
        loader.submit(batch)
    finally:
        loader.close()
    if held:
        _change_by_difference(store, held, report)
    elif held is None or store.indexes_stale:
        if report.triples >= COMPACT_AFTER:
            store.optimize()  # first: the views' aggregates scan what was just loaded
        refresh_indexes(store)
    return report


def _change_by_difference(store: PlanStore, batch: list[tuple[str, GraphEntry, str]], report: BuildReport) -> None:
    """Load a few plans' graphs and change the derived graphs by the difference, all or
    nothing (a build killed on the way leaves the store as it was, see PlanStore.undoable)."""
    with store.undoable(g for g, _, _ in batch):
        change = before_change(store, [g for g, _, _ in batch if g in store.graphs], [t for _, _, t in batch])
        report.note(batch, store.put(batch))
        after_change(store, change)
    report.added.sort()


def _by_difference(store: PlanStore, report: BuildReport) -> bool:
    """Whether this build may change the derived graphs by difference: they are fresh,
    there are plans, and the reference data (which every view reads) did not change."""
    return not report.added and not store.indexes_stale and any(e.plan for e in store.graphs.values())


class _Loader:
    """Background threads that put batches into the store; their bulk loads run in parallel."""

    def __init__(self, store: PlanStore, report: BuildReport, threads: int = LOAD_THREADS) -> None:
        self.store, self.report = store, report
        self.queue: queue.Queue = queue.Queue(maxsize=threads)
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.threads = [threading.Thread(target=self._run, name=f"plankg-loader-{i}", daemon=True)
                        for i in range(threads)]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is not None:
                continue
            try:
                changed = self.store.put(batch)
                with self.lock:
                    self.report.note(batch, changed)
            except BaseException as err:  # re-raised in the building thread
                self.error = err

    def submit(self, batch: list) -> None:
        if self.error is not None:
            raise self.error
        if batch:
            self.queue.put(batch)

    def close(self) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()
        self.report.added.sort()
        if self.error is not None:
            raise self.error


def _extract(paths: Iterable[Path], report: BuildReport, on_error, jobs: int = 1, progress=lambda done: None):
    for path, result in extract_files(list(paths), jobs, progress):
        if isinstance(result, SourceError):
            report.failed.append(display_name(path))
            on_error(result)
        else:
            yield path, result


def remove_plan(store: PlanStore, plan: str) -> list[str]:
    """Remove the named graphs of one plan (see :func:`plankg.graph.query.resolve.match_plan`); returns them."""
    graphs = match_plan(store, plan)
    if graphs and not store.indexes_stale and len(graphs) <= INCREMENTAL_LIMIT:
        with store.undoable(graphs):  # all or nothing, as a build of a few plans
            change = before_change(store, graphs, [])
            removed = store.remove(graphs)
            after_change(store, change)
        return removed
    removed = store.remove(graphs)
    if removed or store.indexes_stale:
        refresh_indexes(store)
    return removed
