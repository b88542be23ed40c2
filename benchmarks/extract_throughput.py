"""Extraction throughput: documents/s and MB/s on the samples, the development set and
the corpus (the last two when ../shared is beside this checkout).

One process on one core; each set is read in full, repeated until it has about
``--documents`` documents (the samples copied 100 times by default), after one warm-up
document. Peak RSS is the process's. Each set's files are then read again as
``plankg extract`` reads a folder of that many files by default (``--jobs auto``: one
worker process per CPU), or with ``--jobs N`` as ``plankg extract -j N`` reads them: the
workers' start-up (Python, reference data and cues: about a second) included.

    python benchmarks/extract_throughput.py [--documents 500] [--jobs N]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from plankg.loaders import extract_text
from plankg.loaders.batch import auto_jobs, extract_files
from plankg.loaders.cues import load_cues
from plankg.loaders.decode import decode_bytes
from plankg.loaders.registry import load_registry

from plankg.samples import sample_paths

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def measure(name: str, paths: list[Path], documents: int) -> None:
    texts = [decode_bytes(p.read_bytes(), p.name) for p in paths]
    batch = [texts[i % len(texts)] for i in range(max(documents, len(texts)))]
    size = sum(len(t.encode("utf-8")) for t in batch)
    tasks = 0
    start = time.perf_counter()
    for i, text in enumerate(batch):
        tasks += len(extract_text(text, f"doc{i}").tasks)
    elapsed = time.perf_counter() - start
    print(f"{name:<8} {len(batch):>5} docs  {size / 1e6:6.1f} MB  {tasks:>6} tasks  {elapsed:7.2f} s  "
          f"{len(batch) / elapsed:6.1f} documents/s  {size / 1e6 / elapsed:5.2f} MB/s")


def measure_workers(name: str, paths: list[Path], documents: int, jobs: int) -> None:
    batch = [paths[i % len(paths)] for i in range(max(documents, len(paths)))]
    size = sum(p.stat().st_size for p in batch)
    start = time.perf_counter()
    tasks = sum(len(record.tasks) for _, record in extract_files(batch, jobs))
    elapsed = time.perf_counter() - start
    print(f"{name:<8} {len(batch):>5} docs  {size / 1e6:6.1f} MB  {tasks:>6} tasks  {elapsed:7.2f} s  "
          f"{len(batch) / elapsed:6.1f} documents/s  {size / 1e6 / elapsed:5.2f} MB/s  ({jobs} processes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500, help="documents per set (repeating the set)")
    parser.add_argument("--jobs", type=int, help="also read each set in this many worker processes "
                                                 "(default: as plankg extract's --jobs auto)")
    args = parser.parse_args()
    jobs = args.jobs or auto_jobs(args.documents)
    started = time.perf_counter()
    load_registry()
    load_cues()
    print(f"reference data and cues loaded in {time.perf_counter() - started:.2f} s (once per process)")
    extract_text(sample_paths()[0].read_text(encoding="utf-8"))
    sets = [("samples", sample_paths()),
            ("devset", sorted((SHARED / "devset" / "docs").glob("*.txt"))),
            ("corpus", sorted((SHARED / "corpus").glob("*.txt")))]
    for name, paths in sets:
        if paths:
            measure(name, paths, args.documents)
            if jobs > 1:
                measure_workers(name, paths, args.documents, jobs)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
