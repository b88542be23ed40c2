"""The budget audit on the Cần Thơ sample: the mismatches its answer key lists, nothing else."""

from __future__ import annotations

import json

from click.testing import CliRunner
from plankg.graph.report.audit import audit
from plankg.graph.store import PlanStore

from plankg.cli import main


def test_can_tho_budget_mismatches(sample_store):
    with PlanStore(sample_store) as store:
        findings = audit(store, "160/KH-UBND").budget
    got = {(f.kind, f.where.split()[0] if f.kind != "text vs table" else f.where, f.stated, f.computed)
           for f in findings}
    assert got == {
        ("total vs year columns", "PL.3.2.2", 400_000_000, 420_000_000),
        ("total vs year columns", "PL.3.2", 2_320_000_000, 2_320_800_000),
        ("parent vs children", "PL.3.2", 2_320_000_000, 2_300_800_000),
        ("parent vs children", "PL.A", 6_325_800_000, 6_325_000_000),
        ("total vs year columns", "PL.III", 7_433_000_000, 7_433_800_000),
        ("parent vs children", "PL.III", 7_433_000_000, 7_433_800_000),
        ("text vs table", "stated total 2022", 3_802_800_000, 3_642_800_000),
        ("text vs table", "stated total 2022-2025", 13_233_000_000, 12_593_000_000),
    }


def test_plans_without_budget_tables_have_no_budget_findings(sample_store):
    with PlanStore(sample_store) as store:
        assert audit(store, "202/KH-UBND").budget == []


def test_audit_lists_tasks_without_lead(sample_store):
    with PlanStore(sample_store) as store:
        leaderless = audit(store, "160").leaderless
    assert {f.where for f in leaderless} >= {"III.2.a", "III.2.e"}


def test_audit_command_json(sample_store):
    result = CliRunner().invoke(main, ["audit", "160/KH-UBND", "--format", "json", "--store", str(sample_store)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["budget"]) == 8
