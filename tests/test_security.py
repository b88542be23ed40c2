"""No SPARQL text is built from strings outside the binding layer; no network unless asked."""

from __future__ import annotations

import ast
import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from plankg.cli import main

ROOT = Path(plankg.__file__).resolve().parent
PACKAGE_DIRS = [ROOT, *(ROOT / name for name in ("graph", "loaders", "viz"))]
BINDING_LAYER = {"sparql.py", "resolve.py", "terms.py"}
SPARQL = re.compile(r"\b(SELECT|ASK|CONSTRUCT|INSERT|DELETE|MOVE|CLEAR|DROP|LOAD|VALUES|WHERE|FILTER)\b")


def sources():
    for folder in PACKAGE_DIRS:
        folder = folder.resolve()
        yield from sorted(folder.glob("*.py"))


def test_sparql_text_is_only_assembled_in_the_binding_layer():
    offenders = []
    for path in sources():
        if path.name in BINDING_LAYER:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            built = isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)))
            if not built:
                continue
            text = ast.unparse(node)
            if SPARQL.search(text):
                offenders.append(f"{path.name}:{node.lineno}: {text[:80]}")
    assert not offenders, offenders


def test_queries_reach_servers_only_through_the_renderer():
    calls = []
    for path in sources():
        if path.name in BINDING_LAYER | {"backends.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("query", "update", "setQuery"):
                argument = node.args[0] if node.args else None
                if isinstance(argument, (ast.JoinedStr, ast.BinOp)) or (
                        isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                    calls.append(f"{path.name}:{node.lineno}")
    assert not calls, calls


def test_no_network_without_an_endpoint(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "v"), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["query", "tasks-led-by", "DONRE", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0


@pytest.mark.parametrize("value", ["http://x/ a", "<http://x>", 'http://x/"', "http://x/{y}", "no-scheme"])
def test_graph_moves_refuse_bad_iris(value):
    from plankg.graph.query.sparql import move_graphs

    from plankg.errors import QueryError

    with pytest.raises(QueryError):
        move_graphs({value: "urn:plankg:staging:0"})
