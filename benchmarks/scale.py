"""Time and peak memory per stage as the corpus grows, so growth can be seen.

    python benchmarks/scale.py --plans 1000 10000 50000

For each size, in a fresh process, N documents stream through the stages in batches:
extraction (the sample texts, repeated), triple generation, and loading into a new
store (compacted at the end). Each stage's seconds are summed; peak RSS is the
process's. Time should grow linearly in N and memory stay flat.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(plans: int) -> dict:
    """Stream N documents through the stages in batches; time each stage, RSS at the end."""
    from dataclasses import replace

    from plankg.graph.ingest.plans import BATCH_SIZE, record_batch
    from plankg.graph.store import PlanStore
    from plankg.loaders import extract_text
    from plankg.loaders.registry import load_registry

    from plankg.samples import sample_paths

    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    provinces = sorted(load_registry().province_iris)
    seconds = {"extract": 0.0, "triples": 0.0, "load": 0.0}
    triples = 0
    with tempfile.TemporaryDirectory() as folder, PlanStore(Path(folder) / "s", write=True) as store:
        for first in range(0, plans, BATCH_SIZE):
            t0 = time.perf_counter()
            records = []
            for i in range(first, min(plans, first + BATCH_SIZE)):
                record = extract_text(texts[i % len(texts)], f"scale-{i:06d}.txt")
                meta = replace(record.plan, province=provinces[i % len(provinces)], number=f"{1000 + i}/KH-UBND")
                records.append(replace(record, plan=meta, sha256=f"{i:064x}"))
            t1 = time.perf_counter()
            batch = [record_batch(r) for r in records]
            triples += sum(text.count("\n") for _, _, text in batch)
            t2 = time.perf_counter()
            store.put(batch)
            t3 = time.perf_counter()
            seconds["extract"] += t1 - t0
            seconds["triples"] += t2 - t1
            seconds["load"] += t3 - t2
        t4 = time.perf_counter()
        store.optimize()
        seconds["load"] += time.perf_counter() - t4
        disk = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
    return {"plans": plans, "triple_count": triples, "disk_mb": round(disk / 1e6),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            **{k: round(v, 1) for k, v in seconds.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run(args.one)))
        return
    print(f"{'plans':>8}{'triples':>13}{'extract s':>11}{'triples s':>11}{'load s':>9}{'peak RSS MB':>13}"
          f"{'disk MB':>9}{'s/1k plans':>12}")
    for plans in args.plans:
        done = subprocess.run([sys.executable, __file__, "--one", str(plans)], capture_output=True, text=True)
        if done.returncode:
            print(f"{plans:>8}  failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        total = r["extract"] + r["triples"] + r["load"]
        print(f"{plans:>8}{r['triple_count']:>13,}{r['extract']:>11}{r['triples']:>11}{r['load']:>9}"
              f"{r['peak_rss_mb']:>13}{r['disk_mb']:>9}{total / plans * 1000:>12.1f}")


if __name__ == "__main__":
    main()
