"""Web application latency on a synthetic store: the first page of every named query with
its total (what a page asks the store), and whole pages through the ASGI app (no network).

    python benchmarks/web_pages.py --plans 10000 --store DIR [--runs 5]

Builds the synthetic corpus (benchmarks/synthetic.py) into --store unless it is there.
Prints p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from plankg.graph.ingest.plans import build
from plankg.graph.query.backends import LocalBackend
from plankg.graph.query.sparql import load_queries
from plankg.graph.store import PlanStore
from starlette.testclient import TestClient
from synthetic import synthetic_records

from plankg.web.app import PAGE_SIZE, create_app, listing_page

SYNTHETIC_VALUES = {"agency": "DONRE", "doc": "889", "plan": "1003/KH-UBND", "year": "2025", "as_of": "2025-08-01"}
"""A value for each parameter that the synthetic corpus answers (its plans all rest on 889)."""
EXTRA_LISTINGS = [
    ("tasks-led-by", {"agency": "DONRE", "province": "Đồng Nai"}),
    ("tasks-led-by-as-of", {"agency": "DAE", "as_of": "2025-08-01"}),
    ("tasks-coordinated-by", {"agency": "DOF"}),
    ("objectives", {}),
    ("legal-lineage-reverse", {"doc": "3529/QĐ-BCT"}),
]


def listings() -> list[tuple[str, dict]]:
    """Every named query a person can run (the query forms), with values the synthetic
    corpus answers, then a few narrower or wider ones."""
    calls = [(query.name, {p.name: SYNTHETIC_VALUES.get(p.name) for p in query.params
                           if p.required or p.name == "year"})
             for name, query in sorted(load_queries().items()) if not query.options.get("helper")]
    return calls + EXTRA_LISTINGS


PAGES = ["/", "/?q=so tai nguyen", "/plan?id=1003/KH-UBND", "/agency/DONRE", "/agency/DONRE?province=Đồng Nai",
         "/document?id=3529/QĐ-BCT", "/document?id=889/QĐ-TTg", "/queries/tasks-led-by?run=1&agency=DONRE"]


def timed(call, runs: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (args.store / "plankg-store.json").exists():
        with PlanStore(args.store, write=True) as store:
            build(store, [], records=synthetic_records(args.plans))
    with PlanStore(args.store) as store:
        backend = LocalBackend(store)
        print(f"store {args.store}: {len(store.graphs)} graphs")
        print(f"{'listing (first page of ' + str(PAGE_SIZE) + ' + total)':<58} {'p50 ms':>8} {'p95 ms':>8} {'rows':>7}")
        for name, values in listings():
            def first_page(name=name, values=values):
                return listing_page(backend, name, values, 1, PAGE_SIZE)["total"]
            p50, p95, total = timed(first_page, args.runs)
            label = name + " " + " ".join(f"{k}={v}" for k, v in values.items())
            print(f"{label:<58} {p50:8.0f} {p95:8.0f} {total:>7}")
        client = TestClient(create_app(backend))
        print(f"\n{'page (whole response)':<58} {'p50 ms':>8} {'p95 ms':>8} {'KB':>7}")
        for url in PAGES:
            p50, p95, answer = timed(lambda url=url: client.get(url), args.runs)
            print(f"{url:<58} {p50:8.0f} {p95:8.0f} {len(answer.content) / 1024:7.0f}  {answer.status_code}")


if __name__ == "__main__":
    main()
