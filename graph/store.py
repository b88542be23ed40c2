"""The persistent graph store: Oxigraph on disk, used through rdflib's API.

Chosen by measurement (shared/STACK.md, benchmarks/build_store.py): Oxigraph bulk-loads
5-6× faster than rdflib in memory at a fraction of its RSS, and the store survives
restarts. rdflib's ``Dataset`` over oxrdflib's ``OxigraphStore`` is the programming
interface (:attr:`PlanStore.dataset`); the bulk paths use the pyoxigraph store below it.

Layout of a store folder::

    DIR/plankg-store.json   format version and what each named graph holds
    DIR/oxigraph/           the Oxigraph (RocksDB) database
    DIR/write.lock          held while one process writes

One named graph per source document; the manifest lists every graph the store holds.
Writes are all-or-nothing per graph: the manifest names a graph only once its triples are
in, and the next writer removes any graph the manifest does not name (what a killed
build left behind); a replaced graph is loaded under a staging name and moved over the
old one in one transaction, so the old triples stay until the new ones are complete.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from plankg.graph.feed import BulkFeed
from plankg.graph.sparql import move_graphs

from plankg.errors import StoreError
from plankg.writer import atomic_write

FORMAT_VERSION = 3
"""2: adds the lineage index graph (plankg.graph.lineage); 3: the agency index
(plankg.graph.agency_index). Queries rely on both."""
DEFAULT_STORE = Path(".plankg") / "store"
"""Where commands keep the graph unless given ``--store`` or ``PLANKG_STORE``."""
STAGING = "urn:plankg:staging:"
MOVE_BATCH = 200
"""Replaced graphs moved over their old versions per update transaction (bounds its memory)."""


def default_store_path() -> Path:
    """``$PLANKG_STORE`` if set, else ``./.plankg/store``."""
    return Path(os.environ.get("PLANKG_STORE", DEFAULT_STORE))


@dataclass(frozen=True)
class GraphEntry:
    """What one named graph holds: which plan, from which source, with which content hash."""

    plan: str
    source: str
    content: str



def graph_batch(graph: str, plan: str, source: str, text: str) -> tuple[str, GraphEntry, bytes]:
    """One named graph ready for :meth:`PlanStore.put`: (IRI, entry, N-Quads as UTF-8).

    The entry's content is the SHA-256 of those bytes, so putting the same triples again
    is recognised as no change.
    """
    data = text.encode("utf-8")
    return graph, GraphEntry(plan, source, hashlib.sha256(data).hexdigest()), data


@dataclass
class Loaded:
    """What :meth:`PlanStore.put` loaded: the graphs that changed and their triples."""

    graphs: list[str] = field(default_factory=list)
    triples: int = 0


class PlanStore:
    """A plankg store folder (or an in-memory store when ``path`` is None)."""

    def __init__(self, path: Path | None, *, write: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.write = write
        self._lock = None
        self._dataset = None
        if self.path is None:
            self._store = ox.Store()
            self.graphs: dict[str, GraphEntry] = {}
            return
        self._check_folder()
        if write:
            self._acquire_lock()
        try:
            db = self.path / "oxigraph"
            self._store = ox.Store(str(db)) if write else ox.Store.read_only(str(db))
        except OSError as err:
            self.close()
            raise StoreError(f"{self.path}: cannot open the store ({err})") from None
        self.graphs = self._read_manifest()
        if write:
            self._recover()

    # ------------------------------------------------------------------ opening

    def _check_folder(self) -> None:
        assert self.path is not None
        meta = self.path / "plankg-store.json"
        if meta.exists():
            try:
                version = json.loads(meta.read_text(encoding="utf-8")).get("format")
            except json.JSONDecodeError:
                raise StoreError(f"{meta}: unreadable store description; rebuild the store") from None
            if version != FORMAT_VERSION:
                raise StoreError(
                    f"{self.path}: store format {version} was written by another plankg version "
                    f"(this one reads format {FORMAT_VERSION}); rebuild it with `plankg build "
                    f"--store NEW_DIR` or remove the folder")
            return
        if self.path.exists() and any(self.path.iterdir()):
            raise StoreError(f"{self.path}: not a plankg store (no plankg-store.json); "
                             "choose an empty or new folder")
        if not self.write:
            raise StoreError(f"{self.path}: no graph store here yet; run `plankg build` first")
        self.path.mkdir(parents=True, exist_ok=True)
        self._write_manifest({})

    def _acquire_lock(self) -> None:
        assert self.path is not None
        handle = open(self.path / "write.lock", "w")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreError(f"{self.path}: another plankg process is writing to this store; "
                             "wait for it to finish") from None
        self._lock = handle

    def _read_manifest(self) -> dict[str, GraphEntry]:
        assert self.path is not None
        meta = json.loads((self.path / "plankg-store.json").read_text(encoding="utf-8"))
        return {g: GraphEntry(**entry) for g, entry in meta.get("graphs", {}).items()}

    def _write_manifest(self, graphs: dict[str, GraphEntry]) -> None:
        if self.path is None:
            return
        meta = {"format": FORMAT_VERSION,
                "graphs": {g: e.__dict__ for g, e in sorted(graphs.items())}}
        atomic_write(self.path / "plankg-store.json", json.dumps(meta, ensure_ascii=False, indent=1))

    def _recover(self) -> None:
        """Remove what a killed build left: graphs the manifest does not list (see the module
        docstring) and the sorted files of a bulk load that never finished.

        Oxigraph writes those files as ``bulk-*.sst`` beside the database and ingests them
        when the load ends; while this process holds the write lock no load is running, so
        any still there belong to a load that was killed (at 10,000 plans, gigabytes).
        """
        assert self.path is not None
        for leftover in (self.path / "oxigraph").glob("bulk-*.sst"):
            leftover.unlink()
        stray = [name for name in self._store.named_graphs() if name.value not in self.graphs]
        for name in stray:
            self._store.remove_graph(name)
        if stray:
            self._store.flush()

    # ------------------------------------------------------------------ writing

    def put(self, graphs: Iterable[tuple[str, GraphEntry, bytes]]) -> Loaded:
        """Load (graph IRI, entry, N-Quads in that graph) in one bulk load; report what changed.

        ``graphs`` is consumed as a stream (a 10,000-plan build never holds more than one
        graph's triples). A graph whose content hash is unchanged is skipped, so building
        twice changes nothing. A new graph is loaded under its own name; a graph the store
        already holds (or that came earlier in the stream: the last one wins) is loaded
        under a staging name and moved over the old one in one transaction per
        :data:`MOVE_BATCH` graphs once the load is complete, so the old triples stay
        until the new ones are all there. A cut load leaves graphs the manifest does not
        list; the next writer removes them (:meth:`_recover`).
        """
        loaded = Loaded()
        latest: dict[str, GraphEntry] = {}
        moves: dict[str, str] = {}  # staging name → graph
        with BulkFeed(self._store) as feed:
            for graph, entry, data in graphs:
                known = latest.get(graph) or self.graphs.get(graph)
                if known is not None and known.content == entry.content:
                    continue
                if known is not None:
                    staging = f"{STAGING}{len(moves)}"
                    moves[staging] = graph
                    data = data.replace(f"<{graph}> .\n".encode(), f"<{staging}> .\n".encode())
                feed.write(data)
                latest[graph] = entry
                loaded.triples += data.count(b"\n")
        fresh = {g: e for g, e in latest.items() if g not in self.graphs}
        if fresh:
            self.graphs.update(fresh)
            self._write_manifest(self.graphs)
        staged = list(moves.items())
        for first in range(0, len(staged), MOVE_BATCH):
            chunk = dict(staged[first:first + MOVE_BATCH])
            self._store.update(move_graphs(chunk))
            self.graphs.update({g: latest[g] for g in chunk.values()})
            self._write_manifest(self.graphs)
        if moves:
            self._store.flush()
        loaded.graphs = sorted(latest)
        return loaded

    def remove(self, graphs: Iterable[str]) -> list[str]:
        """Remove named graphs (and their manifest entries); returns those removed."""
        removed = []
        for name in graphs:
            node = ox.NamedNode(name)
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)
            if self.graphs.pop(name, None) is not None:
                removed.append(name)
        self._store.flush()
        self._write_manifest(self.graphs)
        return removed

    def optimize(self) -> None:
        """Compact the database (after large bulk loads: smaller on disk, faster queries)."""
        self._store.optimize()

    # ------------------------------------------------------------------ reading

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store underneath, for bulk reads and dumps."""
        return self._store

    @property
    def dataset(self):
        """The store as an rdflib ``Dataset`` (default graph = union of named graphs)."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore
            from rdflib import Dataset

            self._dataset = Dataset(store=OxigraphStore(store=self._store), default_union=True)
        return self._dataset

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Release the database (Oxigraph closes it when the last reference goes) and the lock."""
        self._dataset = None
        self._store = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

