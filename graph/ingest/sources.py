"""Which files a store was built from, and whether building them again could change it.

Kept apart from the build (plankg.graph.ingest.plans) and free of the readers' imports, so
that ``plankg build`` of files already built answers from the store's description in a
fraction of a second, before any reader or the database is loaded.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path

from plankg.graph.store import FORMAT_VERSION, UNDO_MARK, PlanStore
from plankg.loaders.files import display_name


def source_key(path: Path) -> str:
    """How a build names a source file: its path as given (relative paths stay relative),
    so the same folder built again gives the same graphs and two folders never merge."""
    return display_name(os.path.normpath(path))


def source_digest(path: Path) -> str:
    """SHA-256 of a plan file's bytes and of the code and data that read it into triples:
    equal digests mean building the file again would give the same graph."""
    return hashlib.sha256(reader_fingerprint().encode("ascii") + Path(path).read_bytes()).hexdigest()


@cache
def reader_fingerprint() -> str:
    """A hash of every file of the packages between a plan file and its triples (readers,
    graph building, ontology and cue data): a new plankg re-reads files it built before."""
    digest = hashlib.sha256()
    for package in ("plankg.loaders", "plankg.graph", "plankg.ontology"):
        for name, data in sorted(_package_files(resources.files(package))):
            entry = f"{package}/{name}\0".encode() + hashlib.sha256(data).digest()
            digest.update(entry)
    return digest.hexdigest()


def _package_files(folder, prefix: str = ""):  # noqa: ANN001, ANN202 - an importlib Traversable
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _package_files(entry, f"{prefix}{entry.name}/")
        elif not entry.name.endswith((".pyc", ".pyo")):
            yield prefix + entry.name, entry.read_bytes()


def nothing_to_build(store_path: Path, paths: list[Path]) -> bool:
    """True when the store at ``store_path`` was built from exactly these files' bytes by
    this plankg and its derived graphs are fresh: read from the store's description alone,
    so a build of unchanged files returns at once, without opening the database."""
    meta = PlanStore.description(store_path)
    if not paths or meta is None or meta.get("format") != FORMAT_VERSION or meta.get("indexes_stale") \
            or (Path(store_path) / "journal.json").exists() or (Path(store_path) / UNDO_MARK).exists():
        return False  # (a change cut short is undone when the store opens: what it built is not there)
    graphs = meta.get("graphs")
    built = {(e.get("source"), e.get("digest")) for e in graphs.values() if isinstance(e, dict)} \
        if isinstance(graphs, dict) else set()
    return all((source_key(p), source_digest(p)) in built for p in paths)
