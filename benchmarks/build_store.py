"""Build a synthetic corpus into the default store, and into rdflib in memory, side by side.

The corpus recombines the five sample plans' records (their structures, tasks, tables
and legal bases) with varied provinces, numbers and source names, so every plan is a
distinct named graph with its own IRIs. Each leg runs in its own process, which
reports triples/s and its peak RSS; the store leg also reports its size on disk.

    python benchmarks/build_store.py --plans 10000 [--rdflib-plans 1000]

rdflib in memory needs ~1.3 KB of RSS a triple, so its leg loads a slice
(``--rdflib-plans``) of the same corpus; rates are per triple either way.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def leg_store(plans: int, folder: str) -> dict:
    """The library's own build path (plankg.graph.ingest.plans.build) into a store folder."""
    from plankg.graph.ingest.plans import build
    from plankg.graph.store import PlanStore
    from synthetic import synthetic_records

    start = time.perf_counter()
    with PlanStore(Path(folder), write=True) as store:
        report = build(store, [], records=synthetic_records(plans))
        total = len(store)
    elapsed = time.perf_counter() - start
    size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
    t0 = time.perf_counter()
    with PlanStore(Path(folder)) as store:
        reopened = len(store)
    return {"triples": report.triples, "stored": total, "reopened": reopened, "elapsed": elapsed,
            "reopen_s": time.perf_counter() - t0, "disk_mb": size / 1e6, "peak_rss_mb": _rss()}


def leg_rdflib(plans: int) -> dict:
    """The same records and triples, parsed into an rdflib Dataset in memory."""
    from plankg.graph.ingest.plans import record_batch
    from rdflib import Dataset
    from synthetic import synthetic_records

    data = Dataset()
    triples = 0
    start = time.perf_counter()
    for record in synthetic_records(plans):
        _, _, text = record_batch(record)
        data.parse(data=text, format="nquads")
        triples += text.count("\n")
    return {"triples": triples, "elapsed": time.perf_counter() - start, "peak_rss_mb": _rss()}


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10000)
    parser.add_argument("--rdflib-plans", type=int, default=1000)
    parser.add_argument("--leg", choices=["store", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.leg == "store":
        print(json.dumps(leg_store(args.plans, args.folder)))
        return
    if args.leg == "rdflib":
        print(json.dumps(leg_rdflib(args.plans)))
        return
    folder = tempfile.mkdtemp(prefix="plankg-bench-")
    try:
        store = _run(["--leg", "store", "--plans", str(args.plans), "--folder", folder + "/store"])
        memory = _run(["--leg", "rdflib", "--plans", str(args.rdflib_plans)])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    s_rate = store["triples"] / store["elapsed"]
    r_rate = memory["triples"] / memory["elapsed"]
    print(f"{'':28}{'Oxigraph store (default)':>26}{'rdflib in memory':>20}")
    print(f"{'plans':28}{args.plans:>26}{args.rdflib_plans:>20}")
    print(f"{'triples':28}{store['triples']:>26,}{memory['triples']:>20,}")
    print(f"{'seconds (records → store)':28}{store['elapsed']:>26.1f}{memory['elapsed']:>20.1f}")
    print(f"{'triples/s':28}{s_rate:>26,.0f}{r_rate:>20,.0f}")
    print(f"{'peak RSS MB':28}{store['peak_rss_mb']:>26.0f}{memory['peak_rss_mb']:>20.0f}")
    print(f"{'RSS per 1M triples MB':28}{store['peak_rss_mb'] / store['triples'] * 1e6:>26.0f}"
          f"{memory['peak_rss_mb'] / memory['triples'] * 1e6:>20.0f}")
    print(f"{'disk MB (after compaction)':28}{store['disk_mb']:>26.0f}{'-':>20}")
    print(f"{'reopen s':28}{store['reopen_s']:>26.2f}{'-':>20}")
    print(f"speed-up over rdflib in memory: {s_rate / r_rate:.1f}×")


def _run(extra: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *extra], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
