"""Shared test helpers: golden files, paths, and the sample plans built into a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output (review the diff)")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare a JSON-able value with tests/golden/<name>, or rewrite it with --update-golden."""

    def check(name: str, value) -> None:
        path = HERE / "golden" / name
        text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if request.config.getoption("--update-golden") or not path.exists():
            path.write_text(text, encoding="utf-8")
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"golden file {path.name} was missing and has been written; re-run")
        assert json.loads(text) == json.loads(path.read_text(encoding="utf-8")), \
            f"output differs from {path.name}; run pytest --update-golden and review the diff"

    return check


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The five sample plans built into a store folder (read it; do not change it)."""
    from plankg.graph.ingest.plans import build
    from plankg.graph.store import PlanStore

    from plankg.samples import sample_paths

    path = tmp_path_factory.mktemp("samples") / "store"
    with PlanStore(path, write=True) as store:
        build(store, sample_paths())
    return path
