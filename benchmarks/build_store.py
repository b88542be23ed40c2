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
from dataclasses import replace
from pathlib import Path


def synthetic_batches(plans: int, batch: int = 200):
    """Yield lists of (graph, entry, ntriples) for ``plans`` synthetic plans."""
    from plankg.graph.building import record_batch
    from plankg.loaders import extract_file
    from plankg.loaders.registry import load_registry
    from plankg.samples import sample_paths

    registry = load_registry()
    provinces = sorted(registry.province_iris)
    records = [extract_file(p) for p in sample_paths()]
    out = []
    for i in range(plans):
        base = records[i % len(records)]
        province = provinces[i % len(provinces)]
        meta = replace(base.plan, province=province, number=f"{1000 + i}/KH-UBND", issued=None)
        record = replace(base, plan=meta, source=f"synthetic-{i:06d}.txt",
                         sha256=f"{i:064x}")
        out.append(record_batch(record))
        if len(out) == batch:
            yield out
            out = []
    if out:
        yield out


def leg_store(plans: int, folder: str) -> dict:
    from plankg.graph.store import PlanStore

    triples = 0
    build_time = load_time = 0.0
    with PlanStore(Path(folder), write=True) as store:
        t0 = time.perf_counter()
        gen = synthetic_batches(plans)
        while True:
            t1 = time.perf_counter()
            try:
                batch = next(gen)
            except StopIteration:
                break
            t2 = time.perf_counter()
            store.put(batch)
            t3 = time.perf_counter()
            build_time += t2 - t1
            load_time += t3 - t2
            triples += sum(text.count("\n") for _, _, text in batch)
        elapsed = time.perf_counter() - t0
        total = len(store)
    size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
    t4 = time.perf_counter()
    with PlanStore(Path(folder)) as store:
        reopened = len(store)
    return {"triples": triples, "stored": total, "reopened": reopened, "elapsed": elapsed,
            "build_s": build_time, "load_s": load_time, "reopen_s": time.perf_counter() - t4,
            "disk_mb": size / 1e6, "peak_rss_mb": _rss()}


def leg_rdflib(plans: int) -> dict:
    from rdflib import Dataset

    data = Dataset()
    triples = 0
    build_time = load_time = 0.0
    t0 = time.perf_counter()
    gen = synthetic_batches(plans)
    while True:
        t1 = time.perf_counter()
        try:
            batch = next(gen)
        except StopIteration:
            break
        t2 = time.perf_counter()
        for _, _, text in batch:
            data.parse(data=text, format="nquads")
        t3 = time.perf_counter()
        build_time += t2 - t1
        load_time += t3 - t2
        triples += sum(text.count("\n") for _, _, text in batch)
    return {"triples": triples, "elapsed": time.perf_counter() - t0, "build_s": build_time,
            "load_s": load_time, "peak_rss_mb": _rss()}


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
    s_rate = store["triples"] / store["load_s"]
    r_rate = memory["triples"] / memory["load_s"]
    print(f"{'':24}{'Oxigraph store (default)':>28}{'rdflib in memory':>20}")
    print(f"{'plans':24}{args.plans:>28}{args.rdflib_plans:>20}")
    print(f"{'triples':24}{store['triples']:>28,}{memory['triples']:>20,}")
    print(f"{'record → triples s':24}{store['build_s']:>28.1f}{memory['build_s']:>20.1f}")
    print(f"{'load s':24}{store['load_s']:>28.1f}{memory['load_s']:>20.1f}")
    print(f"{'load triples/s':24}{s_rate:>28,.0f}{r_rate:>20,.0f}")
    print(f"{'end-to-end triples/s':24}{store['triples'] / store['elapsed']:>28,.0f}"
          f"{memory['triples'] / memory['elapsed']:>20,.0f}")
    print(f"{'peak RSS MB':24}{store['peak_rss_mb']:>28.0f}{memory['peak_rss_mb']:>20.0f}")
    print(f"{'RSS per 1M triples MB':24}{store['peak_rss_mb'] / store['triples'] * 1e6:>28.0f}"
          f"{memory['peak_rss_mb'] / memory['triples'] * 1e6:>20.0f}")
    print(f"{'disk MB':24}{store['disk_mb']:>28.0f}{'-':>20}")
    print(f"{'reopen s':24}{store['reopen_s']:>28.2f}{'-':>20}")
    print(f"load speed-up over rdflib: {s_rate / r_rate:.1f}×")


def _run(extra: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *extra], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
