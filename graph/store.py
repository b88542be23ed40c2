"""The persistent graph store: Oxigraph on disk, used through rdflib's API.

Chosen by measurement (shared/STACK.md, benchmarks/build_store.py): Oxigraph bulk-loads
5-6× faster than rdflib in memory at a fraction of its RSS, and the store survives
restarts. rdflib's ``Dataset`` over oxrdflib's ``OxigraphStore`` is the programming
interface (:attr:`PlanStore.dataset`); the bulk paths use the pyoxigraph store below it.

Layout of a store folder::

    DIR/plankg-store.json   format version and what each named graph holds
    DIR/oxigraph/           the Oxigraph (RocksDB) database
    DIR/write.lock          held while one process writes
    DIR/journal.json        graphs being loaded; present only if a build was cut short

One named graph per source document. Writes are all-or-nothing per batch: new graphs
are listed in the journal before they are loaded and removed again on the next open if
the load never finished; a replaced graph is loaded under a staging name and moved over
the old one in one transaction, so the old triples stay until the new ones are complete.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plankg.errors import StoreError
from plankg.writer import atomic_write

FORMAT_VERSION = 6
"""2: adds the lineage index graph (plankg.graph.lineage); 3: the agency index
(plankg.graph.agency_index); 4: the materialised views (plankg.graph.views); 5: the
agency-succession view; 6: graphs named by the source's path (not its file name),
assignments with where they were read, diagnostics. Queries rely on all of them."""
DEFAULT_STORE = Path(".plankg") / "store"
"""Where commands keep the graph unless given ``--store`` or ``PLANKG_STORE``."""
STAGING = "urn:plankg:staging:"


def default_store_path() -> Path:
    """``$PLANKG_STORE`` if set, else ``./.plankg/store``."""
    return Path(os.environ.get("PLANKG_STORE", DEFAULT_STORE))


@dataclass(frozen=True)
class GraphEntry:
    """What one named graph holds: which plan, from which source, with which content hash."""

    plan: str
    source: str
    content: str

    @classmethod
    def of(cls, plan: str, source: str, text: str) -> GraphEntry:
        """The entry of a graph whose N-Quads are ``text``: content is their SHA-256, so
        putting the same text again is recognised as no change."""
        return cls(plan, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


class PlanStore:
    """A plankg store folder (or an in-memory store when ``path`` is None)."""

    def __init__(self, path: Path | None, *, write: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.write = write
        self._lock = None
        self._dataset = None
        self._bookkeeping = threading.Condition()
        self._claimed: set[str] = set()  # graphs a put() is writing; others wait for them
        self._journaled: set[str] = set()  # graphs and staging graphs not yet complete
        self._staging_seq = 0
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
        assert self.path is not None
        meta = {"format": FORMAT_VERSION,
                "graphs": {g: e.__dict__ for g, e in sorted(graphs.items())}}
        atomic_write(self.path / "plankg-store.json", json.dumps(meta, ensure_ascii=False, indent=1))

    def _recover(self) -> None:
        """Undo a batch that a killed build left half-loaded (see the module docstring).

        Also removes the sorted files of bulk loads that never finished: Oxigraph writes
        them as ``bulk-*.sst`` beside the database and ingests them when a load ends;
        while this process holds the write lock no load is running, so any still there
        belong to a killed one (hundreds of megabytes each).
        """
        assert self.path is not None
        for leftover in (self.path / "oxigraph").glob("bulk-*.sst"):
            leftover.unlink()
        journal = self.path / "journal.json"
        if not journal.exists():
            for name in self._store.named_graphs():
                if name.value.startswith(STAGING):
                    self._store.remove_graph(name)
            return
        pending = json.loads(journal.read_text(encoding="utf-8"))
        for name in pending:
            if name not in self.graphs or name.startswith(STAGING):
                node = ox.NamedNode(name)
                if self._store.contains_named_graph(node):
                    self._store.remove_graph(node)
        self._store.flush()
        journal.unlink()

    # ------------------------------------------------------------------ writing

    def put(self, batch: Iterable[tuple[str, GraphEntry, str]]) -> list[str]:
        """Load a batch of (graph IRI, entry, N-Quads in that graph); return the graphs that changed.

        Graphs whose content hash is unchanged are skipped, so building twice changes
        nothing. New graphs are bulk-loaded; existing ones are replaced atomically.
        Several threads may put batches at once (the bulk loads then run in parallel);
        the journal lists the graphs of every batch in flight.
        """
        latest = {g: (g, e, text) for g, e, text in batch}  # a graph given twice: the last wins
        with self._bookkeeping:
            while self._claimed.intersection(latest):  # another thread is writing one of them
                self._bookkeeping.wait()
            changed = [(g, e, text) for g, e, text in latest.values()
                       if g not in self.graphs or self.graphs[g].content != e.content]
            if not changed:
                return []
            fresh = [(g, e, t) for g, e, t in changed if g not in self.graphs]
            replaced = [(g, e, t) for g, e, t in changed if g in self.graphs]
            staging = {}
            for g, _, _ in replaced:
                staging[g] = f"{STAGING}{self._staging_seq}"
                self._staging_seq += 1
            pending = [g for g, _, _ in fresh] + list(staging.values())
            self._claimed.update(latest)
            self._journaled.update(pending)
            self._journal()
        try:
            self._load(fresh, replaced, staging)
        finally:  # on failure the names stay in the journal: the next open removes what was loaded
            with self._bookkeeping:
                self._claimed.difference_update(latest)
                self._bookkeeping.notify_all()
        with self._bookkeeping:
            self.graphs.update({g: e for g, e, _ in changed})
            self._journaled.difference_update(pending)
            self._commit()
        return [g for g, _, _ in changed]

    def _load(self, fresh: list, replaced: list, staging: dict[str, str]) -> None:
        data = "".join(text for _, _, text in fresh) + "".join(
            text.replace(f"<{g}> .\n", f"<{staging[g]}> .\n") for g, _, text in replaced)
        self._store.bulk_load(data.encode("utf-8"), ox.RdfFormat.N_QUADS, lenient=True)
        if replaced:  # one update, one transaction: every old graph is swapped or none is
            from plankg.graph.sparql import move_graphs

            self._store.update(move_graphs({staging[g]: g for g in staging}))
            self._store.flush()

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
        with self._bookkeeping:
            self._commit()
        return removed

    def optimize(self) -> None:
        """Compact the database (after large bulk loads: smaller on disk, faster queries)."""
        self._store.optimize()

    def _journal(self) -> None:
        if self.path is not None:
            atomic_write(self.path / "journal.json", json.dumps(sorted(self._journaled)))

    def _commit(self) -> None:
        if self.path is None:
            return
        self._write_manifest(self.graphs)
        if self._journaled:
            self._journal()
        else:
            (self.path / "journal.json").unlink(missing_ok=True)

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

