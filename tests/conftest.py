"""Shared test helpers: golden files and paths."""

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
