"""Store safety: one writer at a time, format versions, recovery from a cut build."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from plankg.graph.ingest.plans import build
from plankg.graph.store import PlanStore

from plankg.errors import StoreError
from plankg.samples import sample_paths


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    with PlanStore(tmp_path / "s", write=True), \
            pytest.raises(StoreError, match="another plankg process is writing"):
        PlanStore(tmp_path / "s", write=True)


def test_a_store_of_another_format_version_is_explained(tmp_path):
    with PlanStore(tmp_path / "s", write=True):
        pass
    meta = tmp_path / "s" / "plankg-store.json"
    meta.write_text(json.dumps({"format": 99, "graphs": {}}), encoding="utf-8")
    with pytest.raises(StoreError, match="store format 99 was written by another plankg version"):
        PlanStore(tmp_path / "s")


def test_a_folder_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a plankg store"):
        PlanStore(tmp_path, write=True)


def test_reading_a_missing_store_says_to_build_first(tmp_path):
    with pytest.raises(StoreError, match="run `plankg build` first"):
        PlanStore(tmp_path / "nothing")


def test_a_cut_build_is_rolled_back_and_old_graphs_stay(tmp_path):
    path = tmp_path / "s"
    with PlanStore(path, write=True) as store:
        build(store, sample_paths()[:2])
        before = len(store)
    # what a build killed during its bulk load leaves: a journal naming a new graph and
    # a staging graph, with some of their triples loaded
    with PlanStore(path, write=True) as store:
        partial = "https://w3id.org/plankg/id/graph/half.txt"
        store.oxigraph.add(ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"),
                                   ox.Literal("x"), ox.NamedNode(partial)))
        store.oxigraph.add(ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"),
                                   ox.Literal("y"), ox.NamedNode("urn:plankg:staging:0")))
        store.oxigraph.flush()
        (path / "journal.json").write_text(json.dumps([partial, "urn:plankg:staging:0"]), encoding="utf-8")
    with PlanStore(path, write=True) as store:
        assert len(store) == before
        assert not (path / "journal.json").exists()


def test_rebuilding_a_changed_plan_replaces_its_graph(tmp_path):
    path = tmp_path / "s"
    plan = tmp_path / "plan.txt"
    plan.write_text("KẾ HOẠCH\nIV. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tài chính chủ trì tham mưu kinh phí.\n",
                    encoding="utf-8")
    with PlanStore(path, write=True) as store:
        build(store, [plan])
        first = len(store)
    plan.write_text("KẾ HOẠCH\nIV. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Xây dựng chủ trì rà soát quy hoạch.\n",
                    encoding="utf-8")
    with PlanStore(path, write=True) as store:
        report = build(store, [plan])
        [graph] = [ox.NamedNode(g) for g, entry in store.graphs.items() if entry.source.endswith("plan.txt")]
        text = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).decode("utf-8")
    assert len(report.added) == 1 and "/graph/plan.txt~" in graph.value
    assert "Sở Xây dựng" in text and "Sở Tài chính" not in text
    assert first > 0


class _VanishingOnce:
    """An Oxigraph store whose first read fails as RocksDB fails when a writer's
    compaction merged away a file a read-only view was about to open."""

    def __init__(self, store, vanishing: str) -> None:
        self._store, self._vanishing = store, vanishing
        self.failed = False

    def __getattr__(self, name):
        real = getattr(self._store, name)
        if name != self._vanishing or self.failed:
            return real

        def vanish(*args, **kwargs):
            self.failed = True
            raise OSError("IO error: No such file or directory: While open a file for random read: 000028.sst")
        return vanish


@pytest.mark.parametrize("ask", ["select", "answer"])
@pytest.mark.parametrize("vanishing", ["named_graphs", "query"])
def test_a_reader_renews_its_view_when_a_writer_merged_a_file_away(tmp_path, ask, vanishing):
    """RocksDB compaction by a writer can delete a file a read-only view still reads,
    while the reader works out which graphs are committed or while it answers: the
    query is asked again on a renewed view instead of failing as a damaged store."""
    from plankg.graph.query.backends import LocalBackend

    with PlanStore(tmp_path / "s", write=True) as store:
        build(store, sample_paths()[:1])
    with PlanStore(tmp_path / "s", write=True), PlanStore(tmp_path / "s") as reader:  # a build is running
        engine = _VanishingOnce(reader.oxigraph, vanishing)
        reader._store = engine
        backend = LocalBackend(reader)
        text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        if ask == "select":
            count = int(backend.select(text).rows[0]["n"])
        else:
            count = int(json.loads(backend.answer(text)[1])["results"]["bindings"][0]["n"]["value"])
        assert engine.failed and count > 0 and reader.oxigraph is not engine
