"""Reference organisations, and the 2025 reorganisation as one ``org:ChangeEvent`` per
province and agency.

Every registry agency of every province (and every national body) is described here
once: class, type, labels, province, parent committee. Plan graphs only point to these
organisations, so a union of graphs does not repeat their triples once per plan.

``ontology/succession.ttl`` states changes once per agency type ("every Sở Tài nguyên và
Môi trường and Sở Nông nghiệp và Phát triển nông thôn became a Sở Nông nghiệp và Môi
trường on 2025-03-01") and per province merger ("Bạc Liêu and Cà Mau became Cà Mau on
2025-07-01"). Queries follow organisations, so this module expands each statement into
events between the organisations plankg mints (``…/agency/ca-mau/donre`` →
``…/agency/ca-mau/dae``), each event ``dct:isPartOf`` the sourced statement. The
expansion is added to the reference graph with every build.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from plankg.graph import iris
from plankg.graph.ingest.describe import agency_node, describe_agency
from plankg.graph.terms import iri, typed
from plankg.graph.vocab import DCTERMS, ORG, PLANKG, RDF
from plankg.loaders.records import OTHER, AgencyRef
from plankg.loaders.registry import UNSPECIFIED, load_registry
from plankg.loaders.turtle import Statements


@cache
def succession_quads(graph: str) -> str:
    """N-Quads of the per-organisation change events, in ``graph``."""
    registry = load_registry()
    stated = Statements.parse([resources.files("plankg.ontology").joinpath("succession.ttl").read_bytes()])
    provinces = sorted(registry.province_iris)
    by_iri = {v: k for k, v in registry.province_iris.items()}
    provincial = sorted(c for c, a in registry.agencies.items()
                        if a.level == "ProvincialLevel" and c not in (UNSPECIFIED, OTHER))
    lines: list[str] = []
    described: set[str] = set()
    g = f"<{graph}>"

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} <{p}> {o} {g} .\n")

    def agency(code: str, province: str | None) -> str:
        ref = AgencyRef(code)
        node = agency_node(registry, ref, province)
        if node not in described:
            described.add(node)
            statements, parent = describe_agency(registry, ref, province)
            for statement in statements:
                add(*statement)
            if parent is not None:
                add(node, ORG.subOrganizationOf, agency(parent.code, province))
        return node

    def event(name: str, statement: str, date: str, before: list[str], after: str) -> None:
        node = iri(f"{statement}/{name}")
        add(node, RDF.type, iri(ORG.ChangeEvent))
        add(node, DCTERMS.isPartOf, iri(statement))
        add(node, DCTERMS.date, typed(date, "date"))
        add(node, ORG.resultingOrganization, after)
        add(after, ORG.resultedFrom, node)
        for original in before:
            if original != after:
                add(node, ORG.originalOrganization, original)
                add(original, ORG.changedBy, node)

    def values(subject: str, predicate: str) -> list[str]:
        return [str(value) for value in stated.objects(subject, str(predicate))]

    statements = sorted(stated.subjects(str(RDF.type), str(ORG.ChangeEvent)),
                        key=lambda subject: values(subject, DCTERMS.date)[0])
    abolished: set[str] = set()  # agency types merged away before a later province merger
    for code in provincial:  # every provincial agency of every province, described once here
        for where in provinces:
            agency(code, where)
    for code in registry.agencies:
        if code not in (UNSPECIFIED, OTHER):
            agency(code, None)  # national bodies, and provincial ones of a plan with no province
    for statement in statements:
        subject = statement
        date = values(subject, DCTERMS.date)[0]
        old_types = [t.rsplit("/", 1)[1] for t in values(subject, PLANKG.originalType)]
        new_types = [t.rsplit("/", 1)[1] for t in values(subject, PLANKG.resultingType)]
        if old_types and new_types and old_types != new_types:
            abolished |= set(old_types) - set(new_types)
            national = values(subject, PLANKG.level) == [str(PLANKG.NationalLevel)]
            for where in [None] if national else provinces:
                event(iris.slug(where or "vn"), statement, date,
                      [agency(t, where) for t in old_types], agency(new_types[0], where))
        merged = [by_iri[p] for p in values(subject, PLANKG.originalProvince)]
        result = values(subject, PLANKG.resultingProvince)
        if merged and result:
            target = by_iri[result[0]]
            for code in (c for c in provincial if c not in abolished):
                event(f"{iris.slug(code)}", statement, date,
                      [agency(code, p) for p in merged], agency(code, target))
    return "".join(lines)
