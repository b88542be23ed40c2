"""Push the sample graph to real SPARQL servers and get the embedded store's rows back."""

from __future__ import annotations

import os

import pytest
from plankg.graph.query.backends import LocalBackend, RemoteBackend
from plankg.graph.query.remote import push
from plankg.graph.query.sparql import count_query, run_query
from plankg.graph.store import PlanStore

from plankg.errors import RemoteError

from .conftest import service

pytestmark = pytest.mark.integration

# One call per named query, with arguments as people type them.
CALLS = [
    ("tasks-led-by", {"agency": "DONRE"}),
    ("tasks-led-by", {"agency": "Sở Công Thương", "province": "Đồng Nai"}),
    ("tasks-coordinated-by", {"agency": "departments and branches"}),
    ("agency-partners", {"agency": "DOIT"}),
    ("plan-tasks", {"plan": "202/KH-UBND"}),
    ("legal-lineage", {"doc": "202/KH-UBND"}),
    ("plans-implementing", {"doc": "Decision 889/QD-TTg"}),
    ("agency-workload", {}),
    ("tasks-without-lead", {"plan": "160"}),
    ("objectives", {"year": "2025"}),
    ("budget-by-agency", {}),
    ("stats-counts", {}),
    ("budget-rows", {"plan": "160/KH-UBND"}),
    ("stated-budgets", {}),
    ("budget-rows", {}),
    ("successor", {"agency": "DARD", "province": "Bạc Liêu", "on": "2026-01-01"}),
    ("successor", {"agency": "DARD", "province": "Bạc Liêu", "on": "2025-05-01"}),  # one change of two
    ("successor", {"agency": "MPI"}),  # one change, two instruments
    ("successor", {"agency": "PPC", "province": "Cần Thơ", "on": "2024-01-01"}),  # no change yet
    ("tasks-led-by-as-of", {"agency": "DONRE", "province": "Cà Mau", "as_of": "2025-02-01"}),
    ("tasks-led-by-as-of", {"agency": "DAE", "province": "Cà Mau", "as_of": "2026-01-01"}),
    ("stale-bases", {}),
    ("assignments", {"plan": "202/KH-UBND"}),
]


def servers():
    yield pytest.param("oxigraph", id="oxigraph")
    yield pytest.param("virtuoso", id="virtuoso")


def connect(kind: str) -> tuple[str, str | None, str | None]:
    if kind == "oxigraph":
        return service("PLANKG_TEST_OXIGRAPH", "an Oxigraph server"), None, None
    endpoint = service("PLANKG_TEST_VIRTUOSO", "a Virtuoso server")
    return endpoint, os.environ.get("PLANKG_TEST_VIRTUOSO_USER"), os.environ.get("PLANKG_TEST_VIRTUOSO_PASSWORD")


def normalised(rows):
    """Rows as comparable tuples: numbers by value, code lists as sets, "" as unbound.

    An empty GROUP_CONCAT is unbound on Oxigraph and "" on Virtuoso.
    """
    out = []
    for row in rows:
        items = []
        for key, value in sorted(row.items()):
            if value is None or value == "":
                items.append((key, None))
                continue
            try:
                items.append((key, float(value)))
            except ValueError:
                items.append((key, " ".join(sorted(value.split(" "))) if key in ("lead", "coordinating")
                              else value))
        out.append(tuple(items))
    return sorted(out, key=repr)


@pytest.fixture(scope="module", params=list(servers()))
def pushed(request, sample_store):
    kind = request.param
    endpoint, user, password = connect(kind)
    with PlanStore(sample_store) as store:
        push(store, endpoint, list(store.graphs), user, password)
    return kind, endpoint


@pytest.mark.parametrize(("name", "args"), CALLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CALLS)])
def test_named_query_gives_the_embedded_rows(pushed, sample_store, name, args):
    _, endpoint = pushed
    with PlanStore(sample_store) as store:
        local = run_query(LocalBackend(store), name, args)
    remote = run_query(RemoteBackend(endpoint), name, args)
    assert local.rows, f"{name} returned nothing locally"
    assert normalised(remote.rows) == normalised(local.rows)


TOTALS = [("tasks-led-by", {"agency": "DONRE"}), ("plans-implementing", {"doc": "889"}),
          ("legal-lineage-reverse", {"doc": "889"}), ("objectives", {}), ("objectives", {"year": "2025"}),
          ("stale-bases", {}), ("diagnostics", {"code": "task-without-lead"}), ("tasks-without-lead", {}),
          ("tasks-led-by-as-of", {"agency": "DAE", "as_of": "2025-08-01"}), ("agency-workload", {})]


@pytest.mark.parametrize(("name", "args"), TOTALS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(TOTALS)])
def test_listing_totals_are_the_same_remotely(pushed, sample_store, name, args):
    """Count companions (some read the lineage index or a view) and the rows they count."""
    _, endpoint = pushed
    with PlanStore(sample_store) as store:
        local = count_query(LocalBackend(store), name, args)
    remote = RemoteBackend(endpoint)
    assert local > 0
    assert count_query(remote, name, args) == local == len(run_query(remote, name, args).rows)


def test_reverse_lineage_is_the_same_remotely(pushed, sample_store):
    _, endpoint = pushed
    with PlanStore(sample_store) as store:
        local = run_query(LocalBackend(store), "legal-lineage", {"doc": "889"}, reverse=True)
    remote = run_query(RemoteBackend(endpoint), "legal-lineage", {"doc": "889"}, reverse=True)
    assert normalised(remote.rows) == normalised(local.rows)


def test_vietnamese_text_round_trips_exactly(pushed):
    _, endpoint = pushed
    rows = run_query(RemoteBackend(endpoint), "tasks-led-by", {"agency": "DONRE", "province": "Đồng Nai"}).rows
    assert {r["province"] for r in rows} == {"Đồng Nai"}
    assert any(r["task"].startswith("Kiểm tra, nắm bắt công tác chống rác thải nhựa") for r in rows)


def test_a_second_push_replaces_each_graph(pushed, sample_store):
    kind, endpoint = pushed
    _, user, password = connect(kind)
    before = run_query(RemoteBackend(endpoint), "stats-counts", {}).rows
    with PlanStore(sample_store) as store:
        push(store, endpoint, list(store.graphs), user, password)
    assert run_query(RemoteBackend(endpoint), "stats-counts", {}).rows == before


def numbers(backend) -> set[str]:  # noqa: ANN001
    return {row["number"] for row in run_query(backend, "plans", {"province": None}).rows}


def test_push_mirrors_removed_plans_unless_told_to_keep_them(pushed, sample_store, tmp_path):
    import shutil

    from plankg.graph.ingest.plans import remove_plan

    kind, endpoint = pushed
    _, user, password = connect(kind)
    remote = RemoteBackend(endpoint, user, password)
    shutil.copytree(sample_store, tmp_path / "store")
    with PlanStore(tmp_path / "store", write=True) as store:
        assert remove_plan(store, "202/KH-UBND")
    try:
        with PlanStore(tmp_path / "store") as store:
            kept = push(store, endpoint, list(store.graphs), user, password, mirror=False)
            assert kept.removed == [] and "202/KH-UBND" in numbers(remote)
            mirrored = push(store, endpoint, list(store.graphs), user, password)
        assert len(mirrored.removed) == 1 and "202/KH-UBND" not in numbers(remote)
        with PlanStore(tmp_path / "store") as store:
            local = run_query(LocalBackend(store), "stats-counts", {}).rows
        assert normalised(run_query(remote, "stats-counts", {}).rows) == normalised(local)
    finally:  # the other tests of this module read the whole sample graph
        with PlanStore(sample_store) as store:
            push(store, endpoint, list(store.graphs), user, password)


def test_unreachable_server_gives_a_clear_error(sample_store):
    with PlanStore(sample_store) as store, pytest.raises(RemoteError, match="cannot reach the server"):
        push(store, "http://127.0.0.1:9/sparql", list(store.graphs)[:1], kind="oxigraph")


def test_rejected_credentials_give_a_clear_error(sample_store):
    endpoint, user, _ = connect("virtuoso")
    with PlanStore(sample_store) as store, pytest.raises(RemoteError, match="refused the request"):
        push(store, endpoint, list(store.graphs)[:1], user or "dba", "wrong-password")
