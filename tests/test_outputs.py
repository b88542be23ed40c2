"""One truth: the CSV export, the named questions and the counts agree with each other,
on the samples and (when ../shared is beside the checkout) on the devset and the corpus."""

from __future__ import annotations

import csv
import io

import pytest
from plankg.graph.ingest.plans import build
from plankg.graph.query.sparql import run_query
from plankg.graph.report.export import export
from plankg.graph.store import PlanStore

from plankg.samples import sample_paths

from .conftest import SHARED

SETS = {
    "samples": sample_paths,
    "devset": lambda: sorted((SHARED / "devset" / "docs").glob("*.txt")),
    "corpus": lambda: sorted((SHARED / "corpus").glob("*.txt")),
}


@pytest.fixture(scope="module", params=list(SETS))
def store_of(request, tmp_path_factory):
    paths = SETS[request.param]()
    if not paths:
        pytest.skip(f"../shared/{request.param} is not beside this checkout")
    folder = tmp_path_factory.mktemp(request.param) / "store"
    with PlanStore(folder, write=True) as store:
        build(store, paths)
    return folder


def _csv(store: PlanStore, plan: str | None = None) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export(store, "csv", plan).decode("utf-8"))))


def _same(row: dict) -> tuple:
    return (row["section"] or "", row["task"].lstrip("'"), row["lead"] or "", row["coordinating"] or "")


def test_the_csv_of_each_plan_is_its_plan_tasks_answer(store_of):
    with PlanStore(store_of) as store:
        plans = run_query(store, "plans", {}).rows
        assert plans
        for plan in plans:
            rows = [r for r in _csv(store) if r["plan"] == plan["plan"]]
            asked = run_query(store, "plan-tasks", {"plan": plan["plan"]}).rows
            assert [_same(r) for r in rows] == [_same({k: v or "" for k, v in a.items()}) for a in asked]
            assert len(rows) == int(plan["tasks"])


def test_one_csv_row_per_task_and_the_counts_agree(store_of):
    with PlanStore(store_of) as store:
        rows = _csv(store)
        counts = run_query(store, "stats-counts", {}).rows[0]
        plans = run_query(store, "plans", {}).rows
    assert len(rows) == int(counts["tasks"]) == sum(int(p["tasks"]) for p in plans)
    assert len({r["plan"] for r in rows}) <= int(counts["plans"]) == len(plans)
    provinces = {p["province"] for p in plans}
    assert {r["province"] or None for r in rows} <= provinces  # never an agency's name in that column
