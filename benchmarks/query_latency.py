"""p50/p95 latency of each named query on a synthetic store, embedded and on a server.

    python benchmarks/query_latency.py --plans 10000 [--store DIR] [--runs 20]
        [--virtuoso http://127.0.0.1:8890/sparql --user dba --password dba [--no-embedded]]

Builds the synthetic corpus (benchmarks/synthetic.py) into --store unless it is
already there, then times every named query with typical arguments. With --virtuoso
the store is pushed there (Graph Store Protocol) and the same queries are timed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from plankg.graph.ingest.plans import build
from plankg.graph.query.backends import LocalBackend, RemoteBackend
from plankg.graph.query.remote import push
from plankg.graph.query.sparql import run_query
from plankg.graph.store import PlanStore
from synthetic import synthetic_records

from plankg.errors import KgError

CALLS = [
    ("tasks-led-by", {"agency": "DONRE"}),
    ("tasks-led-by", {"agency": "DONRE", "province": "Đồng Nai"}),
    ("tasks-coordinated-by", {"agency": "DOF", "province": "Cần Thơ"}),
    ("agency-partners", {"agency": "DOIT"}),
    ("plan-tasks", {"plan": "1003/KH-UBND"}),
    ("legal-lineage", {"doc": "1003/KH-UBND"}),
    ("legal-lineage-reverse", {"doc": "3529/QĐ-BCT"}),
    ("plans-implementing", {"doc": "3529/QĐ-BCT"}),
    ("agency-workload", {}),
    ("tasks-without-lead", {"plan": "1004/KH-UBND"}),
    ("objectives", {"year": "2030"}),
    ("budget-by-agency", {}),
    ("stats-counts", {}),
    ("successor", {"agency": "DARD", "province": "Bạc Liêu", "on": "2026-01-01"}),
    ("successor", {"agency": "DARD"}),
    ("tasks-led-by-as-of", {"agency": "DAE", "province": "Cà Mau", "as_of": "2026-01-01"}),
    ("stale-bases", {}),
]


def time_calls(backend, runs: int):
    """Yield (label, rows, p50 ms, p95 ms) per call, as each finishes."""
    for name, args in CALLS:
        samples, rows = [], 0
        label = name + (" " + " ".join(f"{k}={v}" for k, v in args.items()) if args else "")
        try:
            for _ in range(runs):
                start = time.perf_counter()
                if name.endswith("-reverse"):
                    rows = len(run_query(backend, name.removesuffix("-reverse"), args, reverse=True).rows)
                else:
                    rows = len(run_query(backend, name, args).rows)
                samples.append((time.perf_counter() - start) * 1000)
        except KgError as err:  # a server's time limit, say: report it and go on
            yield label, str(err).splitlines()[0][:60], None, None
            continue
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
        yield label, rows, statistics.median(samples), p95


def show(title: str, results) -> None:
    print(f"\n{title}")
    # µs per row: past a few hundred rows, the engine's cost per row is what the p50 is.
    print(f"{'query':62}{'rows':>8}{'p50 ms':>10}{'p95 ms':>10}{'µs/row':>9}")
    for label, rows, p50, p95 in results:
        if p50 is None:
            print(f"{label[:61]:62}  failed: {rows}", flush=True)
        else:
            print(f"{label[:61]:62}{rows:>8}{p50:>10.1f}{p95:>10.1f}{p50 * 1000 / max(rows, 1):>9.0f}",
                  flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/plankg-bench-queries"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--virtuoso")
    parser.add_argument("--no-embedded", action="store_true", help="time only the server")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    if not (args.store / "plankg-store.json").exists():
        start = time.perf_counter()
        with PlanStore(args.store, write=True) as store:
            report = build(store, [], records=synthetic_records(args.plans))
        print(f"built {args.plans} plans, {report.triples:,} triples in {time.perf_counter() - start:.0f} s")
    with PlanStore(args.store) as store:
        print(f"store {args.store}: {len(store.graphs)} graphs, {len(store):,} triples")
        if not args.no_embedded:
            show("embedded (Oxigraph on disk)", time_calls(LocalBackend(store), args.runs))
        if args.virtuoso:
            start = time.perf_counter()
            sent = push(store, args.virtuoso, list(store.graphs), args.user, args.password)
            print(f"\npushed {sent:,} triples to {args.virtuoso} in {time.perf_counter() - start:.0f} s")
            show(f"Virtuoso ({args.virtuoso})", time_calls(RemoteBackend(args.virtuoso), args.runs))


if __name__ == "__main__":
    main()
