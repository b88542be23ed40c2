"""The synthetic corpus the benchmarks load: the sample plans' records, recombined.

Each synthetic plan takes one sample's record (its structure, tasks, tables, legal
bases) and gives it another province, number and source name, so every plan is a
distinct named graph with its own IRIs.
"""

from __future__ import annotations

from dataclasses import replace


def synthetic_records(plans: int):
    """Yield ``plans`` records."""
    from plankg.loaders import extract_file
    from plankg.loaders.registry import load_registry

    from plankg.samples import sample_paths

    provinces = sorted(load_registry().province_iris)
    records = [extract_file(p) for p in sample_paths()]
    for i in range(plans):
        base = records[i % len(records)]
        meta = replace(base.plan, province=provinces[i % len(provinces)],
                       number=f"{1000 + i}/KH-UBND", issued=None)
        yield replace(base, plan=meta, source=f"synthetic-{i:06d}.txt", sha256=f"{i:064x}")
