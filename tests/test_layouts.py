"""Hand-written layout fixtures, one per document structure and assignment pattern.

Each ``tests/fixtures/layouts/<case>/`` holds ``source.txt`` (a small document in that
layout) and ``expected.json`` (written by hand, not generated): the plan fields, legal
relations, objectives and every task with its lead, coordinators and how the lead was
read (``via``). A case fails on any task too many or too few.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from plankg.loaders import extract_text
from plankg.loaders.records import Relation, Role, Via

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "layouts").iterdir() if p.is_dir())


def _read(case: Path):
    source = (case / "source.txt").read_text(encoding="utf-8")
    return extract_text(source, case.name), json.loads((case / "expected.json").read_text(encoding="utf-8"))


def _task_view(task) -> dict:
    vias = sorted({a.via.value for a in task.assignments if a.role == Role.LEAD and a.via != Via.XREF})
    return {"section": task.section, "text": task.text, "lead": sorted(task.lead),
            "coordinating": sorted(task.coordinating), "xref_lead": sorted(task.xref_lead), "via": vias,
            "period": task.period}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_tasks_and_their_assignments(case):
    record, expected = _read(case)
    got = [_task_view(t) for t in record.tasks]
    want = expected["tasks"]
    assert len(got) == len(want), ("task count", [g["text"][:50] for g in got])
    for g, w in zip(got, want, strict=True):
        assert g["text"].startswith(w["starts"]), (g["text"][:60], w["starts"])
        if "text" in w:  # (where what a task must not run into matters)
            assert g["text"] == w["text"], (g["text"], w["text"])
        assert g["section"] == w["section"], (w["starts"], g["section"])
        assert g["lead"] == sorted(w["lead"]), (w["starts"], g["lead"])
        assert g["coordinating"] == sorted(w["coordinating"]), (w["starts"], g["coordinating"])
        assert g["xref_lead"] == sorted(w.get("xref_lead", [])), (w["starts"], g["xref_lead"])
        if "via" in w:
            assert g["via"] == [w["via"]], (w["starts"], g["via"])
        if "period" in w:
            assert g["period"] == w["period"], (w["starts"], g["period"])


@pytest.mark.parametrize("case", [c for c in CASES if "plan" in json.loads((c / "expected.json").read_text("utf-8"))],
                         ids=lambda p: p.name)
def test_plan_fields(case):
    record, expected = _read(case)
    for name, value in expected["plan"].items():
        got = getattr(record.plan, name)
        assert (list(got) if isinstance(got, tuple) else got) == value, name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_legal_relations_and_objectives(case):
    record, expected = _read(case)
    if "legal_bases" in expected:
        got = Counter((b.number, b.relation.value, tuple(map(str, b.amends))) for b in record.legal_bases)
        want = Counter((b["number"], b["relation"], tuple(b.get("amends", ()))) for b in expected["legal_bases"])
        assert got == want
    cites = sorted((d.number for d in record.cited_documents if d.relation == Relation.CITES),
                   key=lambda number: number or "")  # (an act named by title has no number)
    if "cited_documents" in expected:
        assert cites == sorted(expected["cited_documents"])
    if "changes" in expected:
        got = sorted((d.number, d.relation.value) for d in record.cited_documents if d.relation != Relation.CITES)
        assert got == sorted((c["number"], c["relation"]) for c in expected["changes"])
    if "objectives" in expected:
        got = sorted((o.value, o.unit, o.year) for o in record.objectives)
        assert got == sorted((o["value"], o["unit"], o["year"]) for o in expected["objectives"])


def _expects(key: str) -> list[Path]:
    return [c for c in CASES if key in json.loads((c / "expected.json").read_text("utf-8"))]


@pytest.mark.parametrize("case", _expects("agencies"), ids=lambda p: p.name)
def test_agencies_named(case):
    record, expected = _read(case)
    assert sorted(record.agencies) == sorted(expected["agencies"])
