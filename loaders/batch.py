"""Many plan files → records, in worker processes when asked: ``plankg extract`` and
``plankg build`` read their files through :func:`extract_files`.

Extraction is pure Python and holds the GIL, so files are spread over processes, not
threads. Workers are started by a forkserver: they hold none of the caller's open files
(a store's write lock above all), and each ends when the process that started it is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from plankg.loaders.pipeline import extract_file
from plankg.loaders.records import DocumentRecord

from plankg.errors import SourceError

CHUNK = 8
"""Files handed to a worker at once: enough to amortise the hand-over, few enough to
keep the workers evenly busy at the end of a batch."""

PARALLEL_FROM = 16
"""Files in a batch from which worker processes pay for their start (about a second:
Python, reference data and cues, in each worker). Measured with ``plankg extract`` on
copies of the samples, two processes against one: 10 files 0.85 s against 0.71, 20
files 1.01 s against 1.13, 100 files 2.65 s against 3.43."""


def auto_jobs(files: int) -> int:
    """Processes for ``--jobs auto``: one per CPU this process may use, for a batch of
    :data:`PARALLEL_FROM` files or more and for a single file (the pages of a scan are
    then read by OCR at once); one for a few files, which would wait for workers to start."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus if files == 1 or files >= PARALLEL_FROM else 1


Result = DocumentRecord | SourceError


def _as_is(record: DocumentRecord) -> DocumentRecord:
    return record


def extract_files(paths: Sequence[Path], jobs: int = 1, progress: Callable[[int], None] = lambda done: None,
                  finish: Callable[[DocumentRecord], Any] = _as_is) -> Iterator[tuple[Path, Any]]:
    """(path, record or the error that file raised) for each file, in the order given.

    With ``jobs`` > 1 and several files, ``jobs`` worker processes read the files; with
    one file, ``jobs`` pages of a scanned PDF are read by OCR at once. ``progress`` is
    called with 1 after each file. ``finish`` (a module-level function, so that it
    travels to the workers) turns each record into what the caller keeps, in the worker:
    ``plankg extract`` has its JSON written there, so that the process collecting the
    results neither unpickles records nor encodes them while the workers want its CPU."""
    parallel = jobs > 1 and len(paths) > 1
    if not parallel:
        for path in paths:
            result = _extract_one(path, jobs, finish)
            progress(1)
            yield path, result
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=multiprocessing.get_context("forkserver"),
                             initializer=_watch_parent, initargs=(os.getpid(),)) as pool:
        results = pool.map(partial(_extract_one, finish=finish), paths, chunksize=CHUNK)
        for path, result in zip(paths, results, strict=True):
            progress(1)
            yield path, result


def _extract_one(path: Path, jobs: int = 1, finish: Callable[[DocumentRecord], Any] = _as_is) -> Any:
    """Extract one file and finish its record; a SourceError is returned (it travels
    between processes).

    A fault of the reader itself on this file is returned as a SourceError too, naming
    the exception and where it was raised: the batch goes on, the run ends non-zero,
    and the file can be reported."""
    try:
        return finish(extract_file(path, jobs=jobs))
    except SourceError as err:
        return err
    except Exception as err:  # noqa: BLE001 - one file must not end a batch
        frame = traceback.extract_tb(err.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return SourceError(str(path), f"plankg could not read this file ({type(err).__name__} at {where}: {err}); "
                                      "please report it with the file")


def _watch_parent(parent: int) -> None:
    """In a worker: end when the process that started it is gone (killed, say), instead
    of reading the rest of its files for nobody."""

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                continue

    threading.Thread(target=watch, name="plankg-parent-watch", daemon=True).start()
