"""SHACL validation of a store with ``ontology/shapes.ttl`` (pySHACL), reported in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from plankg.graph.store import PlanStore


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, and what is wrong in words."""

    focus: str
    path: str | None
    message: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def validate_store(store: PlanStore) -> ValidationReport:
    """Check every named graph of the store, together, against the shapes."""
    from plankg.graph.report.export import union_graph

    return validate_graph(union_graph(store))


def validate_graph(data) -> ValidationReport:  # noqa: ANN001 - rdflib.Graph
    """Validate an rdflib graph against ``ontology/shapes.ttl``."""
    from pyshacl import validate
    from rdflib import Graph, Namespace

    shapes = Graph().parse(data=resources.files("plankg.ontology").joinpath("shapes.ttl")
                           .read_text(encoding="utf-8"), format="turtle")
    conforms, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    sh = Namespace("http://www.w3.org/ns/shacl#")
    violations = []
    for result in results.subjects(sh.focusNode, None):
        path = results.value(result, sh.resultPath)
        violations.append(Violation(
            focus=str(results.value(result, sh.focusNode)),
            path=str(path) if path is not None else None,
            message=str(results.value(result, sh.resultMessage) or "does not conform"),
            shape=str(results.value(result, sh.sourceShape)),
        ))
    violations.sort(key=lambda v: (v.message, v.focus))
    return ValidationReport(bool(conforms), tuple(violations))
