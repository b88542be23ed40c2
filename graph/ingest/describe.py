"""The description of an organisation node, written once for the two places that mint
them: the reference graph (every registry agency of every province,
plankg.graph.ingest.succession) and a plan's graph (bodies outside the registry, or of a
province the registry does not know, plankg.graph.ingest.quads)."""

from __future__ import annotations

from plankg.graph import iris
from plankg.graph.terms import iri, literal
from plankg.graph.vocab import AGENCY_TYPE, ORG, PLANKG, RDF, SKOS
from plankg.loaders.records import AgencyRef
from plankg.loaders.registry import Registry

Statement = tuple[str, str, str]
"""(subject, predicate, object): N-Triples terms, the predicate a plain IRI."""


def agency_node(registry: Registry, ref: AgencyRef, province: str | None) -> str:
    """The IRI term of an agency in ``province`` (national bodies: none)."""
    agency = ref.concept(registry)
    return iri(iris.agency_iri(ref, province, agency is not None and agency.level == "NationalLevel"))


def describe_agency(registry: Registry, ref: AgencyRef,
                    province: str | None) -> tuple[list[Statement], AgencyRef | None]:
    """(statements, parent): the node's class, type, notation, labels in both languages
    and province; the parent is the province's People's Committee, for the caller to
    describe and link with ``org:subOrganizationOf`` (None when it has none)."""
    agency = ref.concept(registry)
    national = agency is not None and agency.level == "NationalLevel"
    node = agency_node(registry, ref, province)
    where = "" if national or not province else province
    out = [(node, RDF.type, iri(ORG.Organization)),
           (node, ORG.classification, iri(AGENCY_TYPE[ref.code])),
           (node, SKOS.notation, literal(ref.key))]
    if agency is None:
        out.append((node, SKOS.prefLabel, literal(ref.name or ref.key)))
    else:
        out.append((node, SKOS.prefLabel, literal(f"{agency.label_vi} {where}".strip(), "vi")))
        out.append((node, SKOS.prefLabel, literal(f"{agency.label_en} ({where})" if where else agency.label_en, "en")))
    if where and province in registry.province_iris:
        out.append((node, PLANKG.province, iri(registry.province_iris[province])))
        return out, None if ref.code == "PPC" else AgencyRef("PPC")
    return out, None
