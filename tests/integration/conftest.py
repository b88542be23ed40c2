"""Real services for the integration tier, started by .ci/run (.ci/services.sh).

Each test needs the address of a running service in an environment variable. Without
it the test is skipped with the reason shown, except under CI (CI=true), where a
missing service is a failure: CI must run these tests.
"""

from __future__ import annotations

import os

import pytest


def service(variable: str, what: str) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    message = f"{what} is not running (set {variable}; .ci/services.sh starts it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
