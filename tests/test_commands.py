"""Every command as a user runs it on a store of the samples: what it prints and its exit code."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from plankg.cli import main


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("commands") / "store"
    result = CliRunner().invoke(main, ["build", "--sample", "--store", str(folder)])
    assert result.exit_code == 0, result.output
    assert "built 5 graphs" in result.output
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_plans_lists_what_is_loaded(store):
    result = run("plans", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    plans = json.loads(result.stdout)
    assert len(plans) == 5 and {p["source"] for p in plans} >= {"003_45cb91366b81e205.txt"}
    one = run("plans", "--province", "Đồng Nai", "--store", str(store))
    assert "202/KH-UBND" in one.stdout and "(1 rows)" in one.stdout


def test_show_gives_one_plan_as_the_graph_holds_it(store):
    result = run("show", "202/KH-UBND", "--store", str(store))
    assert result.exit_code == 0, result.output
    for part in ("== Plan", "== Legal relations", "== Targets", "== Tasks", "889/QĐ-TTg", "based_on"):
        assert part in result.stdout


def test_query_and_queries(store):
    listing = run("queries")
    assert "tasks-led-by AGENCY" in listing.stdout and "find-document" not in listing.stdout
    assert "find-document" in run("queries", "--all").stdout
    result = run("query", "tasks-led-by", "DONRE", "--province", "Đồng Nai", "--store", str(store))
    assert result.exit_code == 0 and "Đồng Nai" in result.stdout


def test_export_csv_has_one_row_per_task_with_its_leads(store):
    result = run("export", "--format", "csv", "--plan", "202/KH-UBND", "--store", str(store))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 101 and sum(1 for r in rows if r["lead"]) >= 36
    assert {r["province"] for r in rows} == {"Đồng Nai"}


def test_sparql_reads_and_refuses_updates(store):
    result = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?t a <https://w3id.org/plankg/def#Task> }",
                 "--store", str(store), "--format", "json")
    assert result.exit_code == 0 and int(json.loads(result.stdout)[0]["n"]) > 200
    refused = run("sparql", "DROP ALL", "--store", str(store))
    assert refused.exit_code != 0 and "Traceback" not in refused.output


def test_stats_and_audit(store):
    stats = run("stats", "--store", str(store))
    assert stats.exit_code == 0 and "tasks" in stats.stdout
    audit = run("audit", "202/KH-UBND", "--store", str(store))
    assert audit.exit_code == 0 and "Reading doubts" in audit.stdout


def test_viz_and_analyze(store, tmp_path):
    page = tmp_path / "agencies.html"
    assert run("viz", "agencies", "-o", str(page), "--store", str(store)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") or "<html" in page.read_text("utf-8")
    analyze = run("analyze", "--store", str(store))
    assert analyze.exit_code == 0 and "DOIT" in analyze.stdout


def test_validate_passes_then_fails_with_exit_3(store, tmp_path):
    assert run("validate", "--store", str(store)).exit_code == 0
    broken = tmp_path / "broken"
    shutil.copytree(store, broken)
    from plankg.graph.store import PlanStore

    with PlanStore(broken, write=True) as opened:
        graph = next(g for g, entry in opened.graphs.items() if entry.plan)
        opened.oxigraph.add(ox.Quad(ox.NamedNode("https://w3id.org/plankg/id/x"),
                                    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                    ox.NamedNode("https://w3id.org/plankg/def#Task"), ox.NamedNode(graph)))
    result = run("validate", "--store", str(broken))
    assert result.exit_code == 3 and "violations" in result.output


def test_remove_drops_one_plan(store, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    assert run("remove", "202/KH-UBND", "--store", str(copy)).exit_code == 0
    plans = json.loads(run("plans", "--store", str(copy), "--format", "json").stdout)
    assert len(plans) == 4 and all(p["number"] != "202/KH-UBND" for p in plans)


def test_push_to_nowhere_is_one_line_and_a_failure(store):
    result = run("push", "--endpoint", "http://127.0.0.1:9/sparql", "--store", str(store), "-q")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1
