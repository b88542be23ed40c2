"""``plankg build``: plan files → records → one named graph each in the store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from plankg.errors import SourceError
from plankg.graph.build import record_quads
from plankg.graph.reference import reference_batch
from plankg.graph.store import GraphEntry, PlanStore
from plankg.loaders import extract_file
from plankg.loaders.records import DocumentRecord
from plankg.loaders.registry import load_registry

BATCH_SIZE = 200


@dataclass
class BuildReport:
    """What a build did."""

    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    triples: int = 0


def record_batch(record: DocumentRecord) -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) for one record."""
    graph, plan, text = record_quads(record, load_registry())
    content = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return graph, GraphEntry(plan=plan, source=record.source, content=content), text


def build(store: PlanStore, paths: Iterable[Path],
          on_error: Callable[[SourceError], None] = lambda err: None,
          records: Iterable[DocumentRecord] | None = None) -> BuildReport:
    """Extract each file and (re)load its named graph; the reference graph is refreshed too.

    Args:
        store: a store opened for writing.
        paths: plan files; a file that cannot be read is reported through ``on_error``
            and skipped.
        on_error: called with each :class:`SourceError`.
        records: already extracted records to load instead of ``paths`` (benchmarks).
    """
    report = BuildReport()
    ref_graph, ref_hash, ref_text = reference_batch()
    report.added += store.put([(ref_graph, GraphEntry("", "ontology", ref_hash), ref_text)])
    batch: list[tuple[str, GraphEntry, str]] = []

    def flush() -> None:
        report.triples += sum(text.count("\n") for _, _, text in batch)
        changed = store.put(batch)
        report.added.extend(changed)
        report.unchanged += len(batch) - len(changed)
        batch.clear()

    for record in records if records is not None else _extract(paths, report, on_error):
        batch.append(record_batch(record))
        if len(batch) >= BATCH_SIZE:
            flush()
    flush()
    return report


def _extract(paths: Iterable[Path], report: BuildReport, on_error):
    for path in paths:
        try:
            yield extract_file(path)
        except SourceError as err:
            report.failed.append(str(path))
            on_error(err)


def match_plan(store: PlanStore, plan: str) -> list[str]:
    """Named graphs of the plan given by number ("202/KH-UBND", "202"), IRI or source file name."""
    from plankg.loaders.docnumbers import canonical

    wanted = canonical(plan, load_registry())
    numbers = _plan_numbers(store)
    found = []
    for graph, entry in store.graphs.items():
        if entry.source == "ontology":
            continue
        number = numbers.get(entry.plan)
        if plan in (entry.plan, entry.source, graph) or (number and (
                number == wanted or number.split("/")[0] == plan.strip())):
            found.append(graph)
    return found


def remove_plan(store: PlanStore, plan: str) -> list[str]:
    """Remove the named graphs of one plan (see :func:`match_plan`); returns them."""
    return store.remove(match_plan(store, plan))


def _plan_numbers(store: PlanStore) -> dict[str, str]:
    import pyoxigraph as ox

    eli_number = ox.NamedNode("http://data.europa.eu/eli/ontology#number")
    plans = {e.plan for e in store.graphs.values() if e.plan}
    return {q.subject.value: q.object.value
            for q in store.oxigraph.quads_for_pattern(None, eli_number, None)
            if q.subject.value in plans}
