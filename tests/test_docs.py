"""The README is the manual: every command has help, is in the README's command table and
is run by a test (in the manner of sqlite-utils' documentation tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from plankg.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TESTS = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py")
                  if p.name != "test_docs.py")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and len(main.commands[name].help or "") > 20, name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme_table(name):
    assert re.search(rf"^\| `plankg {re.escape(name)}\b", README, re.MULTILINE), name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_run_by_a_test(name):
    invoked = rf"""(?:run\(|invoke\(main,\s*\[)\s*["']{re.escape(name)}["']"""
    assert re.search(invoked, TESTS), f"no test runs `plankg {name}`"


def test_the_readme_opens_with_what_plankg_is_and_the_two_commands():
    head = README.split("## ", 2)
    assert "knowledge graph" in head[0]
    two = README.index("## Two commands on a fresh machine")
    assert two < README.index("## The commands") and two < 3000
