"""Extraction throughput on the bundled samples repeated to ~1,000 documents.

Prints documents/s and MB/s for one process on one core, and peak RSS.

    python benchmarks/extract_throughput.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import resource
import time

from plankg.loaders import extract_text
from plankg.loaders.registry import load_registry

from plankg.samples import sample_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    load_registry()  # reading the ontology is a one-off cost, reported apart
    extract_text(texts[0])
    batch = [texts[i % len(texts)] for i in range(args.documents)]
    size = sum(len(t.encode("utf-8")) for t in batch)
    tasks = 0
    start = time.perf_counter()
    for i, text in enumerate(batch):
        tasks += len(extract_text(text, f"doc{i}").tasks)
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents      {len(batch)}")
    print(f"input          {size / 1e6:.1f} MB ({size / len(batch) / 1e3:.1f} kB per document)")
    print(f"tasks          {tasks}")
    print(f"elapsed        {elapsed:.2f} s")
    print(f"throughput     {len(batch) / elapsed:.1f} documents/s, {size / 1e6 / elapsed:.2f} MB/s")
    print(f"peak RSS       {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
