"""The graph's answers on the bundled samples, kept as golden files: every named question
with every parameter it declares bound, and the exports. A change in what the graph
holds, or in how it is built, stored or queried, shows here as a diff to review
(``pytest --update-golden`` writes the new answers)."""

from __future__ import annotations

import hashlib
import re

import pytest
from plankg.graph.query.sparql import load_queries, run_query
from plankg.graph.report.export import export
from plankg.graph.store import PlanStore

BY_TYPE = {"agency": "DONRE", "province": "Đồng Nai", "document": "202/KH-UBND", "date": "2024-06-01",
           "year": "2025"}
"""A value of each parameter type that the samples answer."""
BY_NAME = {"doc": "889/QĐ-TTg", "exact": "889/QĐ-TTg", "prefix": "889", "phrase": "môi trường",
           "code": "tasks-without-lead"}
"""Values of particular parameters (a national document is what plans rest on)."""
_PATH_DIGEST = re.compile(r"~[0-9a-f]{12}")
"""Graphs are named by their file's path (plankg.graph.iris.graph_iri): the digest of
where this checkout lies is not part of the answer."""


def _values(store: PlanStore, query) -> dict[str, str]:  # noqa: ANN001 - a NamedQuery
    values = {}
    for param in query.params:
        if param.name in BY_NAME:
            values[param.name] = BY_NAME[param.name]
        elif param.type in BY_TYPE:
            values[param.name] = BY_TYPE[param.type]
        elif param.name == "task":
            values[param.name] = run_query(store, "tasks-led-by", {"agency": "DONRE"}).rows[0]["task_iri"]
        elif param.name == "source":
            found = store.query("SELECT ?s WHERE { ?s a <https://w3id.org/plankg/def#SourceText> } ORDER BY ?s LIMIT 1")
            values[param.name] = next(iter(found))["s"].value
        else:
            raise AssertionError(f"{query.name}: no sample value for parameter {param.name} ({param.type})")
    return values


def _rows(result) -> list[dict]:  # noqa: ANN001 - a Result
    rows = [{k: None if v is None else _PATH_DIGEST.sub("~", str(v)) for k, v in row.items()} for row in result.rows]
    return sorted(rows, key=repr)


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_question_answers_the_samples_as_before(sample_store, golden, name):
    with PlanStore(sample_store) as store:
        query = load_queries()[name]
        values = _values(store, query)
        answer = {"values": values, "rows": _rows(run_query(store, name, values))}
    golden(f"graph/{name}.json", answer)


def test_the_exports_of_the_samples_are_as_before(sample_store, golden):
    with PlanStore(sample_store) as store:
        csv = _PATH_DIGEST.sub("~", export(store, "csv").decode("utf-8"))
        lines = sorted(set(_PATH_DIGEST.sub("~", export(store, "nt").decode("utf-8")).splitlines()))
    golden("graph/exports.json", {
        "csv": csv.splitlines(),
        "nt": {"statements": len(lines), "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()},
    })
