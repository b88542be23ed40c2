"""Stream N-Quads into one Oxigraph bulk load through a named pipe.

Why one call fed through a pipe: pyoxigraph's ``bulk_load`` writes sorted files and
ingests them all at once when its input ends. Loading a build as many calls ingests many
overlapping files, and RocksDB's background compactions of them cost about a third more
CPU; one call over the whole build avoids that (benchmarks/build_store.py: 10,000 plans,
311 s of CPU → 226 s before compaction). Given a path, Oxigraph reads the pipe natively,
without the GIL; given a Python file object it would take the GIL for every read from
the thread that is generating the triples.

Nothing of the stream is visible until it ends: if the writer fails, the stream is cut
with a line that is not N-Quads, so the load fails and commits nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import threading
import time

import pyoxigraph as ox

from plankg.errors import StoreError

_POISON = b"\n! the stream was cut\n"
"""Not N-Quads (lenient loading relaxes IRI checks, not the syntax), so the load fails."""


class BulkFeed:
    """Bytes written to it are bulk-loaded into ``store`` by one ``bulk_load`` call.

    Use as a context manager; the load is committed when the block ends without error.
    """

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._error: BaseException | None = None
        self._fd: int | None = None

    def __enter__(self) -> BulkFeed:
        self._folder = tempfile.mkdtemp(prefix="plankg-feed-")
        self._path = os.path.join(self._folder, "quads.nq")
        os.mkfifo(self._path, 0o600)
        self._thread = threading.Thread(target=self._load, name="plankg-bulk-load", daemon=True)
        self._thread.start()
        try:
            self._fd = self._open_writer()
        except BaseException:
            self._thread.join()
            shutil.rmtree(self._folder, ignore_errors=True)
            raise
        return self

    def _load(self) -> None:
        try:
            self._store.bulk_load(path=self._path, format=ox.RdfFormat.N_QUADS, lenient=True)
        except BaseException as err:  # re-raised in the writing thread
            self._error = err

    def _open_writer(self) -> int:
        """Open the pipe's writing end once the loader has opened its reading end.

        Non-blocking, so that a loader that fails before it opens the pipe cannot leave
        this thread waiting for a reader forever.
        """
        while True:
            try:
                fd = os.open(self._path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as err:
                if err.errno != errno.ENXIO:
                    raise
                if not self._thread.is_alive():
                    raise self._failure() from None
                time.sleep(0.001)
                continue
            os.set_blocking(fd, True)
            return fd

    def write(self, data: bytes) -> None:
        """Hand ``data`` (whole N-Quads lines) to the loader; blocks while it is busy."""
        assert self._fd is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view):]
        except BrokenPipeError:  # the loader stopped reading: it failed
            self._thread.join()
            raise self._failure() from None

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is not None:
                with contextlib.suppress(BrokenPipeError):  # the loader already failed
                    os.write(self._fd, _POISON)
            os.close(self._fd)
            self._thread.join()
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)
        if exc_type is None and self._error is not None:
            raise self._failure()

    def _failure(self) -> StoreError:
        return StoreError(f"the bulk load into the store failed: {self._error}")
