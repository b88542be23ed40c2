"""The ontology and reference data as one named graph, loaded with every build."""

from __future__ import annotations

from functools import cache
from importlib import resources

from plankg.graph.iris import REFERENCE_GRAPH
from plankg.graph.store import GraphEntry, parse

ONTOLOGY_FILES = ("core.ttl", "agencies.ttl", "provinces.ttl", "doctypes.ttl", "programmes.ttl",
                  "national_documents.ttl", "succession.ttl")


@cache
def reference_quads() -> str:
    """Every ontology file as N-Quads in the reference graph (parsed by the store's engine, sorted)."""
    folder = resources.files("plankg.ontology")
    lines: set[str] = set()
    for name in ONTOLOGY_FILES:
        data = folder.joinpath(name).read_bytes()
        for triple in parse(data, "turtle"):
            lines.add(f"{triple.subject} {triple.predicate} {triple.object} <{REFERENCE_GRAPH}> .\n")
    return "".join(sorted(lines))


def reference_batch() -> tuple[str, GraphEntry, str]:
    """(graph IRI, manifest entry, N-Quads) of the reference graph, succession events expanded."""
    from plankg.graph.ingest.succession import succession_quads

    text = reference_quads() + succession_quads(REFERENCE_GRAPH)
    return REFERENCE_GRAPH, GraphEntry.of("", "ontology", text), text
