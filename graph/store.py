"""The persistent graph store: Oxigraph on disk, and the one module that uses it.

Chosen by measurement (shared/STACK.md, benchmarks/build_store.py): Oxigraph bulk-loads
5-6× faster than rdflib in memory at a fraction of its RSS, and the store survives
restarts. Everything else reads and writes through :class:`PlanStore` (load graphs,
replace or remove them, amend the derived graphs, match statements, run SPARQL, dump
a graph) and the term and format helpers at the end of this module (:func:`literal`,
:func:`is_iri`, :func:`parse`, :func:`serialize`, …), so the engine could change here
alone; IRIs are given as plain strings.

Layout of a store folder::

    DIR/plankg-store.json   format version and what each named graph holds
    DIR/oxigraph/           the Oxigraph (RocksDB) database
    DIR/write.lock          held while one process writes
    DIR/journal.json        graphs being loaded; present only if a build was cut short
    DIR/undo.json, DIR/undo/  a change of a few plans in progress, and how to undo it

One named graph per source document. Writes are all-or-nothing per batch: new graphs
are listed in the journal before they are loaded and removed again on the next open if
the load never finished; a replaced graph is loaded under a staging name and moved over
the old one in one transaction, so the old triples stay until the new ones are complete.

A change of a few plans together with the derived graphs that follow from it (an
incremental build or removal, :meth:`PlanStore.undoable`) is all-or-nothing as a whole:
the old content of the graphs it changes and the store's description are copied to
``undo/`` first, the derived graphs' effective changes before they are made, and
``undo.json`` marks the change as open until it is complete. A process killed in between
leaves the marker; the next writer (or a reader, through
plankg.graph.derived.indexes.repair_if_stale) puts the store back as it was.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from plankg.errors import StoreError
from plankg.writer import atomic_write

FORMAT_VERSION = 6
"""2: adds the lineage index graph (plankg.graph.derived.lineage); 3: the agency index
(plankg.graph.derived.agency_index); 4: the materialised views (plankg.graph.derived.views); 5: the
agency-succession view; 6: graphs named by the source's path (not its file name),
assignments with where they were read, diagnostics. Queries rely on all of them."""
DEFAULT_STORE = Path(".plankg") / "store"
"""Where commands keep the graph unless given ``--store`` or ``PLANKG_STORE``."""
STAGING = "urn:plankg:staging:"
UNDO_MARK = "undo.json"
"""Present while a change of a few plans is open (:meth:`PlanStore.undoable`)."""
UNDO_FOLDER = "undo"
LOCK_TRIES = 40
"""Tries 50 ms apart to take the write lock (readers hold it shared for milliseconds)."""
_UNKNOWN = object()  # visible_graphs() not worked out yet
Statement = tuple[str, str, str]
"""One statement as its three N-Triples terms."""
_EMPTY = hashlib.sha256(b"").hexdigest()
"""The content hash of a graph with no triples (an empty view): not in the database."""


def default_store_path() -> Path:
    """``$PLANKG_STORE`` if set, else ``./.plankg/store``."""
    return Path(os.environ.get("PLANKG_STORE", DEFAULT_STORE))


_DESCRIPTIONS: dict[Path, tuple[tuple[int, int, int], dict]] = {}


def _read_description(folder: Path) -> object:
    """The store description in ``folder``, parsed: once per process while the file stays
    the same (inode, size, modification time; every write replaces the file). A command
    reads it up to three times, 1.5 MB of JSON at 10,000 plans. The value is shared: read
    it, never change it. Raises OSError or ValueError."""
    path = folder / "plankg-store.json"
    info = path.stat()
    key = (info.st_ino, info.st_size, info.st_mtime_ns)
    held = _DESCRIPTIONS.get(path)
    if held is not None and held[0] == key:
        return held[1]
    meta = json.loads(path.read_text(encoding="utf-8"))
    _DESCRIPTIONS[path] = (key, meta)
    return meta


@dataclass(frozen=True)
class GraphEntry:
    """What one named graph holds: which plan, from which source, with which content hash."""

    plan: str
    source: str
    content: str
    digest: str = ""
    """The source file's bytes and the reader's code, hashed (plankg.graph.ingest.sources.source_digest):
    the same file built again by the same plankg is recognised without being read."""

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
        self._bookkeeping = threading.Condition()
        self._claimed: set[str] = set()  # graphs a put() is writing; others wait for them
        self._journaled: set[str] = set()  # graphs and staging graphs not yet complete
        self._staging_seq = 0
        self._undoing = False  # inside undoable(): amend_derived records what it changes, _commit waits
        if self.path is None:
            self._store = ox.Store()
            self.graphs: dict[str, GraphEntry] = {}
            self._visible, self.indexes_stale = _UNKNOWN, False
            return
        self._visible: list[str] | None | object = _UNKNOWN
        self.indexes_stale = False
        self._check_folder()
        if write:
            self._acquire_lock()
        quiet = write or self._no_writer()  # a writer's own changes are no damage
        try:
            meta = self._read_meta()
            self.graphs = self._entries(meta)
            self.indexes_stale = bool(meta.get("indexes_stale"))
            db = self.path / "oxigraph"
            if self.graphs and not db.is_dir():
                raise StoreError(f"{self.path}: damaged store: its database folder (oxigraph/) is missing "
                                 "while it lists graphs; rebuild it into a new folder")
            self._store = self._open_database(db, write, writer_active=not quiet)
            held = self._held_graphs() if quiet else set()
            if write:
                held = self._recover(held)
            if quiet:
                self._check_contents(held)
        except BaseException:
            self.close()
            raise
        finally:
            if not write and quiet:
                self._release_lock()

    # ------------------------------------------------------------------ opening

    def _check_folder(self) -> None:
        assert self.path is not None
        meta = self.path / "plankg-store.json"
        if meta.exists():
            try:
                version = _read_description(self.path)["format"]
            except (OSError, ValueError, TypeError, KeyError):
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

    def _open_database(self, db: Path, write: bool, writer_active: bool) -> ox.Store:
        """The Oxigraph database, damage reported in one line. While a writer compacts it, a
        file a read-only view was about to open may just have been merged away: then try
        again on the newer state."""
        attempt = 0
        while True:
            try:
                return ox.Store(str(db)) if write else ox.Store.read_only(str(db))
            except Exception as err:  # RocksDB reports damage as OSError or RuntimeError
                attempt += 1
                if writer_active and attempt < LOCK_TRIES and "No such file" in str(err):
                    time.sleep(0.05)
                    continue
                detail = str(err).replace("Corruption: Corruption: ", "")[:160]
                raise StoreError(f"{self.path}: damaged store: its database cannot be opened ({detail}); "
                                 "rebuild it into a new folder") from None

    def _held_graphs(self) -> set[str]:
        """The named graphs in the database; a data file it cannot read (gone, truncated) is
        reported as damage, like one that stops the database from opening."""
        try:
            return {name.value for name in self._store.named_graphs()}
        except OSError as err:
            raise StoreError(f"{self.path}: damaged store: its database cannot be read ({str(err)[:160]}); "
                             "rebuild it into a new folder") from None

    def _acquire_lock(self) -> None:
        """Hold the write lock until close(); a reader checking the store holds it shared
        for milliseconds, so wait that long before saying another process writes."""
        assert self.path is not None
        handle = open(self.path / "write.lock", "w")  # noqa: SIM115 - held until close()
        for attempt in range(LOCK_TRIES):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == LOCK_TRIES - 1:
                    handle.close()
                    raise StoreError(f"{self.path}: another plankg process is writing to this store; "
                                     "wait for it to finish") from None
                time.sleep(0.05)
        self._lock = handle

    def _no_writer(self) -> bool:
        """For a reader: take the lock shared while it compares the description with the
        database. False if a writer holds it: its batches in flight would look like damage
        (the reader then sees only committed graphs, see visible_graphs)."""
        assert self.path is not None
        try:
            handle = open(self.path / "write.lock", "rb")  # noqa: SIM115 - released in _release_lock
        except FileNotFoundError:
            return True  # no writer has ever opened this store
        except OSError:
            return False  # unreadable lock file (another user's store): do not judge damage
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._lock = handle
        return True

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _read_meta(self) -> dict:
        assert self.path is not None
        meta_path = self.path / "plankg-store.json"
        try:
            meta = _read_description(self.path)
        except (OSError, ValueError) as err:
            raise StoreError(f"{meta_path}: unreadable store description ({err}); rebuild the store") from None
        if not isinstance(meta, dict) or not isinstance(meta.get("graphs"), dict):
            raise StoreError(f"{meta_path}: damaged store description (no list of graphs); rebuild the store "
                             "into a new folder")
        return meta

    def _entries(self, meta: dict) -> dict[str, GraphEntry]:
        try:
            return {g: GraphEntry(**entry) for g, entry in meta["graphs"].items()}
        except TypeError:
            raise StoreError(f"{self.path}: damaged store description (malformed graph entries); "
                             "rebuild the store into a new folder") from None

    def _check_contents(self, held: set[str]) -> None:
        """The database holds exactly the graphs the description lists (staging and
        journaled graphs aside): a damaged store is explained, never silently emptied or
        merged into. ``held``: the named graphs in the database."""
        listed = {g for g, entry in self.graphs.items() if entry.content != _EMPTY}
        missing = listed - held
        if missing:
            raise StoreError(f"{self.path}: damaged store: {len(missing)} graphs it lists are not in its "
                             f"database (e.g. {sorted(missing)[0]}); rebuild it into a new folder")
        unknown = {g for g in held - set(self.graphs) if not g.startswith(STAGING)} - self._pending()
        if unknown:
            raise StoreError(f"{self.path}: damaged store: its database holds {len(unknown)} graphs it does "
                             f"not list (e.g. {sorted(unknown)[0]}); rebuild it into a new folder")

    def _pending(self) -> set[str]:
        """Graphs a writer has in flight (from the journal, read without changing it)."""
        assert self.path is not None
        journal = self.path / "journal.json"
        try:
            names = json.loads(journal.read_text(encoding="utf-8")) if journal.exists() else []
        except (OSError, ValueError):
            return set()
        return set(names) if isinstance(names, list) else set()

    def _write_manifest(self, graphs: dict[str, GraphEntry]) -> None:
        assert self.path is not None
        meta = {"format": FORMAT_VERSION, "indexes_stale": self.indexes_stale,
                "graphs": {g: {k: v for k, v in e.__dict__.items() if v or k != "digest"}
                           for g, e in sorted(graphs.items())}}
        # Without indent=, which takes the pure-Python encoder: 0.03 s instead of 0.3 for
        # 10,000 graphs, paid at every build and removal.
        text = json.dumps(meta, ensure_ascii=False)
        atomic_write(self.path / "plankg-store.json", text)

    @staticmethod
    def description(path: Path) -> dict | None:
        """The store's description (``plankg-store.json``) read alone, without opening the
        database; None if it is missing or unreadable (opening the store explains why)."""
        try:
            meta = _read_description(Path(path))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    @staticmethod
    def marked_stale(path: Path) -> bool:
        """Whether the store at ``path`` says its derived graphs are out of date (read from
        its description alone: cheap enough to ask before every command)."""
        if (Path(path) / UNDO_MARK).exists():
            return True  # a change cut short: the next writer undoes it
        meta = PlanStore.description(path)
        return meta is not None and bool(meta.get("indexes_stale"))

    def mark_indexes_fresh(self) -> None:
        """Record that the derived graphs (indexes, views) were recomputed from what the
        store holds (plankg.graph.derived.indexes); a build cut short leaves them marked stale."""
        with self._bookkeeping:
            self.indexes_stale = False
            self._commit()

    def visible_graphs(self) -> list[str] | None:
        """The graphs a query may read: None when every graph in the database is committed
        (query the union, the fast way), else the committed ones, so that a reader never
        sees a writer's staging graphs or half-loaded new ones. Read from the database
        as it is: a file a writer's compaction merged away under this read-only view raises
        OSError ("No such file"), for the reader to renew the view (renew_view), not damage."""
        if self._visible is _UNKNOWN:
            held = {name.value for name in self._store.named_graphs()}
            self._visible = sorted(set(self.graphs) & held) if held - set(self.graphs) else None
        return self._visible

    def _recover(self, held: set[str]) -> set[str]:
        """Undo a batch that a killed build left half-loaded (see the module docstring);
        ``held``: the named graphs in the database; returns those still there after.

        Also removes the sorted files of bulk loads that never finished: Oxigraph writes
        them as ``bulk-*.sst`` beside the database and ingests them when a load ends;
        while this process holds the write lock no load is running, so any still there
        belong to a killed one (hundreds of megabytes each).
        """
        assert self.path is not None
        if (self.path / UNDO_MARK).exists():
            self._undo_change()
            held = self._held_graphs()
        for leftover in (self.path / "oxigraph").glob("bulk-*.sst"):
            leftover.unlink()
        journal = self.path / "journal.json"
        if not journal.exists():
            staged = {name for name in held if name.startswith(STAGING)}
            for name in staged:
                self._store.remove_graph(ox.NamedNode(name))
            return held - staged
        try:
            pending = json.loads(journal.read_text(encoding="utf-8"))
            assert isinstance(pending, list) and all(isinstance(n, str) for n in pending)
        except (ValueError, AssertionError):
            raise StoreError(f"{journal}: unreadable journal of an interrupted build; the graphs it was "
                             "loading cannot be told apart: rebuild the store into a new folder") from None
        undone = {name for name in pending if (name not in self.graphs or name.startswith(STAGING)) and name in held}
        for name in undone:
            self._store.remove_graph(ox.NamedNode(name))
        self._store.flush()
        journal.unlink()
        return held - undone

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
            retagged = {g: e for g, e, _ in latest.values()
                        if g in self.graphs and self.graphs[g].content == e.content and self.graphs[g] != e}
            if retagged:  # the same triples read from another file's bytes: noted, nothing loaded
                self.graphs.update(retagged)
                self._commit()
            if not changed:
                return []
            fresh = [(g, e, t) for g, e, t in changed if g not in self.graphs]
            replaced = [(g, e, t) for g, e, t in changed if g in self.graphs]
            staging = {}
            for g, _, _ in replaced if not self._undoing else ():  # (undoable() keeps the old ones aside)
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
            if any(e.plan for _, e, _ in changed):
                self.indexes_stale = True  # until plankg.graph.derived.indexes recomputes them
            self._commit()
        return [g for g, _, _ in changed]

    def _load(self, fresh: list, replaced: list, staging: dict[str, str]) -> None:
        if self._undoing:  # a change of a few graphs whose old content undoable() keeps: in place
            for g, _, _ in replaced:
                self._store.remove_graph(ox.NamedNode(g))
            data = "".join(text for _, _, text in fresh + replaced)
            if data:
                self._store.load(data.encode("utf-8"), ox.RdfFormat.N_QUADS, lenient=True)
            return
        data = "".join(text for _, _, text in fresh) + "".join(
            text.replace(f"<{g}> .\n", f"<{staging[g]}> .\n") for g, _, text in replaced)
        if data:
            self._store.bulk_load(data.encode("utf-8"), ox.RdfFormat.N_QUADS, lenient=True)
        emptied = [g for g, _, text in replaced if not text]  # a view that has become empty
        moves = {staging[g]: g for g, _, text in replaced if text}
        if moves:  # one update, one transaction: every old graph is swapped or none is
            from plankg.graph.query.sparql import move_graphs

            self._store.update(move_graphs(moves))
        for graph in emptied:
            if self._store.contains_named_graph(ox.NamedNode(graph)):
                self._store.remove_graph(ox.NamedNode(graph))
        if replaced:
            self._store.flush()

    def amend_derived(self, changes: Iterable[tuple[str, str, set[Statement], set[Statement]]]) -> None:
        """Delete and insert statements in derived graphs, all in one transaction.

        Args:
            changes: (graph IRI, its source name in the manifest, statements to delete,
                statements to insert), each statement as three N-Triples terms (read from
                this store or written by plankg.graph.terms). A graph's manifest entry
                gets a new content token: the hash of the old one and of the change.

        The derived graphs are then recorded as fresh (in the same write of the store's
        description): the caller has brought every one of them up to date.
        """
        changes = [c for c in changes if c[2] or c[3]]
        if not changes:
            self.mark_indexes_fresh()
            return
        from plankg.graph.query.sparql import amend_graphs

        if self._undoing:  # what the update really changes, so that undoing it is exact
            changes = [(graph, source, *self._effective(graph, deletes, inserts))
                       for graph, source, deletes, inserts in changes]
            atomic_write(self.path / UNDO_FOLDER / "derived.json", json.dumps(
                [[graph, sorted(deletes), sorted(inserts)] for graph, _, deletes, inserts in changes]))
        update = amend_graphs([(graph, deletes, inserts) for graph, _, deletes, inserts in changes])
        self._store.update(update)
        with self._bookkeeping:
            for graph, source, _, _ in changes:
                before = self.graphs.get(graph, GraphEntry("", source, _EMPTY)).content
                token = hashlib.sha256(f"{before}\n{update}".encode()).hexdigest()
                self.graphs[graph] = GraphEntry("", source, token)
            self.indexes_stale = False
            self._commit()

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
            self.indexes_stale = self.indexes_stale or bool(removed)
            self._commit()
        return removed

    @contextmanager
    def undoable(self, graphs: Iterable[str]) -> Iterator[None]:
        """A change of ``graphs`` (added, replaced or removed) and of the derived graphs
        (:meth:`amend_derived`), all or nothing: if the block raises, or the process dies
        inside it, the store is put back as it was (at once, or when it is next opened for
        writing). Meant for a few plans: their old content is copied aside first."""
        if self.path is None:  # in memory: nothing outlives the process
            yield
            return
        undo = self.path / UNDO_FOLDER
        undo.mkdir(exist_ok=True)
        names = sorted(set(graphs))
        old = [q for g in names for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))]
        atomic_write(undo / "graphs.nq", ox.serialize(old, format=ox.RdfFormat.N_QUADS).decode("utf-8"))
        atomic_write(undo / "description.json", (self.path / "plankg-store.json").read_text(encoding="utf-8"))
        (undo / "derived.json").unlink(missing_ok=True)
        atomic_write(self.path / UNDO_MARK, json.dumps(names))  # from here the change is open
        self._undoing = True  # (the description is written once, at the end: see _commit)
        try:
            yield
            self._undoing = False
            self._commit()
        except BaseException:
            self._undoing = False
            self._undo_change()
            raise
        (self.path / UNDO_MARK).unlink()  # the change is complete
        for name in ("graphs.nq", "description.json", "derived.json"):
            (undo / name).unlink(missing_ok=True)

    def _undo_change(self) -> None:
        """Put back what an open change (:meth:`undoable`) altered; every step may be
        done twice, so an undo that is itself cut short is finished by the next open."""
        assert self.path is not None
        undo = self.path / UNDO_FOLDER
        try:
            names = json.loads((self.path / UNDO_MARK).read_text(encoding="utf-8"))
            old = (undo / "graphs.nq").read_bytes()
            description = (undo / "description.json").read_text(encoding="utf-8")
            derived = json.loads((undo / "derived.json").read_text(encoding="utf-8")) \
                if (undo / "derived.json").exists() else []
        except (OSError, ValueError) as err:
            raise StoreError(f"{self.path}: a change was cut short and what undoes it cannot be read ({err}); "
                             "rebuild the store into a new folder") from None
        from plankg.graph.query.sparql import amend_graphs

        for name in names:
            self._store.remove_graph(ox.NamedNode(name))
        if old:
            self._store.load(old, ox.RdfFormat.N_QUADS)
        if derived:  # the derived graphs' effective changes, reversed (a no-op if never made)
            self._store.update(amend_graphs([(g, set(map(tuple, inserted)), set(map(tuple, deleted)))
                                             for g, deleted, inserted in derived]))
        self._store.flush()
        atomic_write(self.path / "plankg-store.json", description)
        meta = self._read_meta()
        self.graphs = self._entries(meta)
        self.indexes_stale = bool(meta.get("indexes_stale"))
        (self.path / UNDO_MARK).unlink()

    def _effective(self, graph: str, deletes: set[Statement],
                   inserts: set[Statement]) -> tuple[set[Statement], set[Statement]]:
        """Of statements to delete from and insert into ``graph``, those the store holds and
        those it does not hold yet: what an update really changes."""
        def held(statements: set[Statement]) -> set[Statement]:
            ordered = sorted(statements)  # (paired with their parsed quads line by line: the
            text = "".join(f"{s} {p} {o} <{graph}> .\n" for s, p, o in ordered)  # text need not be canonical)
            quads = ox.parse(text.encode("utf-8"), ox.RdfFormat.N_QUADS)
            return {statement for statement, quad in zip(ordered, quads, strict=True) if quad in self._store}

        return held(deletes), inserts - held(inserts)

    def optimize(self) -> None:
        """Compact the database (after large bulk loads: smaller on disk, faster queries)."""
        self._store.optimize()

    def _journal(self) -> None:
        if self.path is not None:
            atomic_write(self.path / "journal.json", json.dumps(sorted(self._journaled)))

    def _commit(self) -> None:
        if self.path is None or self._undoing:  # inside undoable(): written when the change is complete
            return
        self._write_manifest(self.graphs)
        if self._journaled:
            self._journal()
        else:
            (self.path / "journal.json").unlink(missing_ok=True)

    # ------------------------------------------------------------------ reading

    def match(self, subject=None, predicate=None, obj=None, graph=None) -> Iterator:  # noqa: ANN001 - terms
        """The quads of a pattern (``.subject``, ``.predicate``, ``.object``, ``.graph_name``;
        a term's text is ``.value``). Each position is None (any), an IRI as a string, or a
        term this store gave."""
        return self._store.quads_for_pattern(_term(subject), _term(predicate), _term(obj), _term(graph))

    def query(self, text: str, graphs: list[str] | None = None):  # noqa: ANN201 - solutions, triples or bool
        """Run a SPARQL query over the union of the named graphs, or over ``graphs`` only
        (each one both the default graph and a named one)."""
        if graphs is None:
            return self._store.query(text, use_default_graph_as_union=True)
        terms = [ox.NamedNode(g) for g in graphs]
        return self._store.query(text, default_graph=terms, named_graphs=terms)

    def holds(self, graph: str) -> bool:
        """Whether the database holds statements in ``graph``."""
        node = ox.NamedNode(graph)
        return self._store.contains_named_graph(node) and \
            next(iter(self._store.quads_for_pattern(None, None, None, node)), None) is not None

    def union_ntriples(self, graphs: Iterable[str]) -> bytes:
        """The union of named graphs as N-Triples, each statement once, in a stable order."""
        triples = {ox.Triple(q.subject, q.predicate, q.object)
                   for g in graphs for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)

    def dump(self, graph: str) -> bytes:
        """One graph as N-Triples."""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))

    @property
    def oxigraph(self) -> ox.Store:
        """The Oxigraph store underneath (for the store's own tests)."""
        return self._store

    def renew_view(self) -> bool:
        """Open a read-only store again on the database's newest state: a writer's
        compaction may have merged away a file this view was still reading. False for a
        writer or an in-memory store (nothing to renew)."""
        if self.write or self.path is None:
            return False
        self._store = self._open_database(self.path / "oxigraph", False, writer_active=True)
        self._visible = _UNKNOWN
        return True

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        """Release the database (Oxigraph closes it when the last reference goes) and the lock."""
        self._store = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()



# ---------------------------------------------------------------------------- terms and formats

_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG}
_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}


def literal(value: str, *, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    """A literal term (a datatype IRI or a language tag, or neither: a plain string)."""
    if language is not None:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


def is_iri(term) -> bool:  # noqa: ANN001 - a term this module gave
    return isinstance(term, ox.NamedNode)


def is_literal(term) -> bool:  # noqa: ANN001 - a term this module gave
    return isinstance(term, ox.Literal)


def is_triples(result) -> bool:  # noqa: ANN001 - a query's result
    """A CONSTRUCT or DESCRIBE result (iterate its triples)."""
    return isinstance(result, ox.QueryTriples)


def is_solutions(result) -> bool:  # noqa: ANN001 - a query's result
    """A SELECT result (iterate its solutions; ``.variables``)."""
    return isinstance(result, ox.QuerySolutions)


def parse(data: bytes, fmt: str) -> Iterator:
    """The statements of RDF text: "turtle", "ntriples", "nquads" or "trig"."""
    return ox.parse(data, _FORMATS[fmt])


def serialize(statements, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:  # noqa: ANN001
    """Statements (from :func:`parse` or :meth:`PlanStore.match`) as RDF text."""
    return ox.serialize(statements, format=_FORMATS[fmt], prefixes=prefixes)


def serialize_results(result, fmt: str) -> bytes:  # noqa: ANN001 - a query's result
    """A query's result in a SPARQL results format ("json", "xml", "csv", "tsv"), or a
    CONSTRUCT's triples as "turtle" or "ntriples"."""
    if is_triples(result):
        return result.serialize(format=_FORMATS[fmt])
    return result.serialize(format=_RESULT_FORMATS[fmt])


def _term(value):  # noqa: ANN001, ANN202
    return ox.NamedNode(value) if isinstance(value, str) else value
