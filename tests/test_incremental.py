"""Derived graphs kept up to date by difference (plankg.graph.derived.incremental) equal a full
recomputation, whatever plans are added, replaced and removed; a build of unchanged files
returns at once; a build or removal killed during the maintenance leaves the store as it was."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from dataclasses import replace
from functools import cache

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plankg.graph.derived.incremental import after_change, before_change
from plankg.graph.derived.indexes import refresh_indexes, repair_if_stale
from plankg.graph.ingest.plans import build, record_batch, remove_plan
from plankg.graph.ingest.sources import nothing_to_build
from plankg.graph.iris import INDEX
from plankg.graph.query.sparql import keyed, load_queries
from plankg.graph.store import PlanStore, parse
from plankg.loaders import extract_file
from plankg.loaders.records import DocNumber

from plankg.cli import main
from plankg.errors import QueryError
from plankg.samples import sample_paths

from .conftest import SHARED

DEVSET = SHARED / "devset" / "docs"


@cache
def records() -> tuple:
    """The samples' records, and the development set's when ``../shared`` is there."""
    paths = list(sample_paths()) + (sorted(DEVSET.iterdir()) if DEVSET.is_dir() else [])
    return tuple(extract_file(path) for path in paths)


def derived(store: PlanStore) -> dict[str, set[tuple[str, str, str]]]:
    """Every derived graph's statements, as N-Triples terms."""
    return {g: {(str(q.subject), str(q.predicate), str(q.object))
                for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g))}
            for g in store.graphs if g.startswith(INDEX)}


def recomputed(store: PlanStore) -> dict[str, set[tuple[str, str, str]]]:
    """The derived graphs recomputed in full from a copy of the store's plan graphs."""
    copy = PlanStore(None, write=True)
    copy.oxigraph.bulk_load(store.oxigraph.dump(format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    copy.graphs = dict(store.graphs)
    refresh_indexes(copy)
    return derived(copy)


def altered(record, cut: int):
    """The record as a corrected file would give it: fewer tasks and legal bases, and with
    ``cut`` odd another number (the plan's own IRI changes inside the same graph)."""
    plan = replace(record.plan, doc_number=DocNumber(f"9{cut}", None, "KH", ("UBND",))) if cut % 2 else record.plan
    return replace(record, plan=plan, tasks=record.tasks[: len(record.tasks) * cut // 8],
                   legal_bases=record.legal_bases[: cut % (len(record.legal_bases) + 1)])


OPERATIONS = st.lists(st.tuples(st.sampled_from(["add", "replace", "remove"]), st.integers(0, 100),
                                st.integers(0, 7)), min_size=1, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(st.integers(0, 100), min_size=1, max_size=3), operations=OPERATIONS)
def test_derived_graphs_kept_by_difference_equal_a_full_recomputation(tmp_path_factory, first, operations):
    given_records = records()
    # on disk, as users keep it: the changes go through PlanStore.undoable as in a build
    store = PlanStore(tmp_path_factory.mktemp("store") / "s", write=True)
    build(store, [], records=[given_records[i % len(given_records)] for i in first])  # in full
    held = {r.source: record_batch(r) for r in (given_records[i % len(given_records)] for i in first)}
    for operation, pick, cut in operations:
        record = given_records[pick % len(given_records)]
        if operation == "remove" and record.source in held:
            graph = record_batch(record)[0]
            with store.undoable([graph]):
                change = before_change(store, [graph], [])
                store.remove([graph])
                after_change(store, change)
            del held[record.source]
        else:
            record = altered(record, cut) if operation == "replace" else record
            if not build(store, [], records=[record]).duplicates:  # (not another source's number)
                held[record.source] = record_batch(record)
        assert not store.indexes_stale and not (store.path / "undo.json").exists()
    assert derived(store) == recomputed(store)
    for graph, _, text in held.values():  # and each plan graph holds its record's statements, no more
        assert {str(q) for q in store.match(graph=graph)} == {str(q) for q in parse(text.encode("utf-8"), "nquads")}
    store.close()


def test_removing_a_plan_by_number_keeps_the_derived_graphs(tmp_path):
    with PlanStore(tmp_path / "s", write=True) as store:
        build(store, sample_paths())
        assert remove_plan(store, "174/KH-UBND")
        assert derived(store) == recomputed(store)


def test_keys_are_written_as_checked_iris():
    view = load_queries("views")["agency-statistics"]
    text = keyed(view, ["https://w3id.org/plankg/id/a", "https://w3id.org/plankg/id/b"])
    assert "VALUES ?org { <https://w3id.org/plankg/id/a> <https://w3id.org/plankg/id/b> }" in text
    assert "#@keys" not in text and "#@keys" in view.text
    with pytest.raises(QueryError):
        keyed(view, ["https://x> } ; DROP ALL ; <y"])


def test_a_keys_line_that_names_classes_binds_the_terms_of_those_classes_and_the_untyped():
    from plankg.graph.query.sparql import parse_query_file

    view = parse_query_file("narrowed", """#+ summary: two lines
PREFIX plankg: <https://w3id.org/plankg/def#>
CONSTRUCT { ?t ?p ?o } WHERE {
  {
    #@keys ?t plankg:Task <https://w3id.org/plankg/def#Plan>
    ?t ?p ?o
  } UNION {
    #@keys ?t
    ?t ?p ?o
  }
}""")
    task, evidence, agency = ("https://w3id.org/plankg/id/t", "https://w3id.org/plankg/id/e",
                              "https://w3id.org/plankg/id/agency")
    types = {task: {"https://w3id.org/plankg/def#Task"}, evidence: {"https://w3id.org/plankg/def#Evidence"}}
    first, second = keyed(view, [task, evidence, agency], types).split("UNION")
    assert f"<{task}>" in first and f"<{agency}>" in first and f"<{evidence}>" not in first
    assert all(f"<{term}>" in second for term in (task, evidence, agency))  # a line naming no class
    assert f"<{evidence}>" in keyed(view, [task, evidence, agency]).split("UNION")[0]  # classes unknown: all
    undeclared = parse_query_file("bad", "#+ summary: x\nSELECT * WHERE {\n #@keys ?t ex:Task\n ?t ?p ?o }")
    with pytest.raises(QueryError, match="ex:Task"):
        keyed(undeclared, [task], types)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_a_build_of_unchanged_files_returns_without_opening_the_store(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_bytes(sample_paths()[2].read_bytes())
    store = str(tmp_path / "s")
    assert run("build", str(plan), "--store", store).exit_code == 0
    again = run("build", str(plan), "--store", store)
    assert again.exit_code == 0 and "nothing changed" in again.output, again.output
    plan.write_bytes(plan.read_bytes().replace("Sở Công Thương".encode(), "Sở Xây dựng".encode(), 1))
    changed = run("build", str(plan), "--store", store)
    assert "built 1 graphs" in changed.output, changed.output
    manifest = json.loads((tmp_path / "s" / "plankg-store.json").read_text(encoding="utf-8"))
    manifest["indexes_stale"] = True  # as a killed build leaves it: the store is repaired, not skipped
    (tmp_path / "s" / "plankg-store.json").write_text(json.dumps(manifest), encoding="utf-8")
    repaired = run("build", str(plan), "--store", store)
    assert "nothing changed" not in repaired.output and "built 0 graphs (1 unchanged)" in repaired.output
    assert not json.loads((tmp_path / "s" / "plankg-store.json").read_text(encoding="utf-8"))["indexes_stale"]


def test_reindex_recomputes_what_the_builds_kept_by_difference(tmp_path):
    store = str(tmp_path / "s")
    for path in sample_paths()[:3]:  # the second and third by difference
        assert run("build", str(path), "--store", store).exit_code == 0
    before = run("query", "stats-counts", "--store", store, "--format", "json").output
    result = run("reindex", "--store", store)
    assert result.exit_code == 0 and "recomputed" in result.output, result.output
    assert run("query", "stats-counts", "--store", store, "--format", "json").output == before
    missing = run("reindex", "--store", str(tmp_path / "none"))
    assert missing.exit_code == 1 and "no plankg store" in missing.output


KILLED = """
import os, signal, sys
from pathlib import Path
from plankg.graph import store as store_module
from plankg.graph.ingest import plans as building
from plankg.graph.store import PlanStore

def die(*args, **kwargs):
    print("dying", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

store_path, moment, action, target = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
if moment == "before-update":  # the plan graphs are changed, the derived graphs not yet
    building.after_change = die
elif moment == "described":  # the description is written, the change not yet marked complete
    commit = PlanStore._commit
    def commit_then_die(self):
        commit(self)
        if getattr(self, "amending", False) and not self._undoing:  # (the one real write, at the end)
            die()
    def amend_and_note(self, changes, amend=PlanStore.amend_derived):
        self.amending = True
        amend(self, changes)
    PlanStore._commit, PlanStore.amend_derived = commit_then_die, amend_and_note
elif moment == "after-update":  # the derived graphs are changed, the store's description not yet written
    commit, amend = PlanStore._commit, PlanStore.amend_derived
    def commit_then_die(self):
        if getattr(self, "amending", False):  # (not a commit of the loader threads, whose timing varies)
            die()
        commit(self)
    def amend_then_die(self, changes):
        self.amending = True
        amend(self, changes)
    PlanStore._commit, PlanStore.amend_derived = commit_then_die, amend_then_die
with PlanStore(store_path, write=True) as store:
    if moment == "undoing":  # the change fails, and its undo is cut short in turn: after the
        building.after_change = lambda *args: 1 / 0  # graphs and the description are put back
        PlanStore._read_meta = lambda self: die()
    if action == "build":
        building.build(store, [Path(target)])
    else:
        building.remove_plan(store, target)
"""


def snapshot(store_path) -> tuple:
    """What a store holds: its description's entries and every graph's statements."""
    with PlanStore(store_path) as store:
        return dict(store.graphs), {g: set(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))
                                    for g in store.graphs}


@pytest.mark.parametrize("moment", ["before-update", "after-update", "described", "undoing"])
@pytest.mark.parametrize("action", ["add", "replace", "remove"])
def test_a_change_killed_during_maintenance_leaves_the_store_as_it_was(tmp_path, moment, action):
    store_path = tmp_path / "s"
    plan = tmp_path / "plan.txt"
    plan.write_bytes(sample_paths()[2].read_bytes())
    with PlanStore(store_path, write=True) as store:
        build(store, [*sample_paths()[:2], *([plan] if action != "add" else [])])
    if action == "replace":
        plan.write_bytes(plan.read_bytes().replace("Sở Công Thương".encode(), "Sở Xây dựng".encode(), 1))
    before = snapshot(store_path)
    child = subprocess.run([sys.executable, "-c", KILLED, str(store_path), moment,
                            "remove" if action == "remove" else "build", str(plan)],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert child.returncode == -signal.SIGKILL and "dying" in child.stdout, child.stderr
    assert (store_path / "undo.json").exists() and PlanStore.marked_stale(store_path)
    assert not nothing_to_build(store_path, [plan])  # (the change will be undone: build it again)
    assert repair_if_stale(store_path)  # what the next command does first
    assert not (store_path / "undo.json").exists() and not PlanStore.marked_stale(store_path)
    assert snapshot(store_path) == before  # every graph, derived ones included, and the description
    with PlanStore(store_path, write=True) as store:  # and the change can be made again
        if action == "remove":
            assert remove_plan(store, str(plan))
        else:
            assert build(store, [plan]).added
        assert derived(store) == recomputed(store)


def test_a_change_that_fails_is_undone_at_once(tmp_path, monkeypatch):
    from plankg.graph.ingest import plans as building

    store_path = tmp_path / "s"
    with PlanStore(store_path, write=True) as store:
        build(store, sample_paths()[:2])
    before = snapshot(store_path)
    monkeypatch.setattr(building, "after_change", lambda *args: 1 / 0)
    with PlanStore(store_path, write=True) as store, pytest.raises(ZeroDivisionError):
        build(store, [sample_paths()[2]])
    assert not (store_path / "undo.json").exists()
    assert snapshot(store_path) == before


def test_a_view_that_declares_no_maintenance_is_recomputed_whole(monkeypatch):
    from plankg.graph.derived import incremental, indexes, views

    shipped = views.load_views()
    succession = next(v for v in shipped if v.name == "agency-succession")
    plain = replace(succession, name="succession-without-maintenance", options={})
    for module in (incremental, indexes):
        monkeypatch.setattr(module, "load_views", lambda: (*shipped, plain))
    store = PlanStore(None, write=True)
    build(store, sample_paths()[:1])
    build(store, sample_paths()[1:3])  # by difference, the plain view whole
    assert not store.indexes_stale
    found = derived(store)
    assert found == recomputed(store)
    assert found["https://w3id.org/plankg/id/index/view/succession-without-maintenance"]


def test_a_view_that_cannot_be_maintained_as_it_declares_is_refused(monkeypatch):
    from plankg.graph.derived import views
    from plankg.graph.query.sparql import parse_query_file

    bad = parse_query_file("bad", "#+ summary: no keys\n#+ maintain: sum\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    monkeypatch.setattr(views, "load_queries", lambda folder: {"bad": bad})
    with pytest.raises(QueryError, match="maintain: sum"):
        views.load_views()


def test_the_effective_change_recognises_statements_however_their_terms_are_written():
    store = PlanStore(None, write=True)
    graph = "https://w3id.org/plankg/id/index/test"
    store.oxigraph.load(f'<urn:a> <urn:p> "café" <{graph}> .\n'.encode(), ox.RdfFormat.N_QUADS)
    written = ("<urn:a>", "<urn:p>", '"caf\\u00E9"')  # the same literal, escaped
    other = ("<urn:a>", "<urn:p>", '"cafe"')
    assert store._effective(graph, {written, other}, {written, other}) == ({written}, {other})
