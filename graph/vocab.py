"""Python handles for the vocabulary terms plankg writes, checked against ``ontology/core.ttl``.

``PLANKG`` is a closed namespace: an undeclared term raises ``AttributeError`` instead of
minting a new IRI by typo. ``tests/test_graph.py`` checks that every term declared here, in
``queries/*.rq`` and in ``ontology/shapes.ttl`` is declared in ``core.ttl`` with labels in
both languages. Terms are plain strings (no rdflib import on the build path: 0.15 s of
every command's start).
"""

from __future__ import annotations

from collections.abc import Iterable

BASE = "https://w3id.org/plankg/"
ID = BASE + "id/"


class Namespace:
    """``ns.term`` (or ``ns["term"]``) → the term's IRI as a plain ``str``; with ``terms``,
    only those names are terms of it."""

    def __init__(self, base: str, terms: Iterable[str] | None = None) -> None:
        self._base = base
        self.terms = tuple(terms) if terms is not None else None

    def __getattr__(self, name: str) -> str:
        if name.startswith("__") or self.terms is not None and name not in self.terms:
            raise AttributeError(f"{self._base}{name} is not a term of this namespace")
        return self._base + name

    def __getitem__(self, name: str) -> str:
        return self.__getattr__(name)

    def __str__(self) -> str:
        return self._base


class _PlankgTerms:
    """Own terms of the plankg vocabulary (https://w3id.org/plankg/def#)."""

    Plan: str
    Task: str
    Assignment: str
    AssignmentRole: str
    LeadRole: str
    CoordinatingRole: str
    AssignmentVia: str
    ViaHeading: str
    ViaRoleHeading: str
    ViaField: str
    ViaTableColumn: str
    ViaRunningText: str
    ViaInherited: str
    ViaCrossReference: str
    assignedVia: str
    replaces: str
    LegalBasisLink: str
    Objective: str
    BudgetLine: str
    Evidence: str
    SourceText: str
    plan: str
    leadAgency: str
    coordinatingAgency: str
    task: str
    agency: str
    role: str
    sourceAgencyName: str
    fromDocument: str
    toDocument: str
    relation: str
    inferred: str
    evidence: str
    startOffset: str
    endOffset: str
    sectionPath: str
    sourceLocation: str
    sha256: str
    searchText: str
    objective: str
    targetValue: str
    unit: str
    targetYear: str
    budgetLine: str
    BudgetRow: str
    budgetRow: str
    parentRow: str
    StatedBudget: str
    statedBudget: str
    totalBudget: str
    amount: str
    currency: str
    budgetYear: str
    fundingSource: str
    period: str
    startYear: str
    endYear: str
    province: str
    mentions: str
    edgeLabel: str
    restsOn: str
    displayLabel: str
    restingPlans: str
    restingLinks: str
    agencyCode: str
    ledTaskCount: str
    agencyName: str
    provinceName: str
    level: str
    NationalLevel: str
    originalType: str
    resultingType: str
    originalProvince: str
    resultingProvince: str
    kind: str
    AgencyStatistic: str
    Partnership: str
    agencyType: str
    ledTasks: str
    coordinatedTasks: str
    budgetedTasks: str
    ledBudget: str
    partnerType: str
    ownRole: str
    partnerRole: str
    sharedTasks: str
    tasksWithoutLead: str
    unregisteredAgencies: str
    Diagnostic: str
    diagnostic: str
    diagnosticCode: str
    severity: str
    leadConflicts: str
    unassignedDuties: str
    Succession: str
    predecessor: str
    successor: str
    since: str
    until: str


PLANKG = Namespace(BASE + "def#", _PlankgTerms.__annotations__)
DCTERMS = Namespace("http://purl.org/dc/terms/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
AGENCY_TYPE = Namespace(ID + "agency-type/")
DOC_TYPE = Namespace(ID + "doc-type/")
PROVINCE = Namespace(ID + "province/")

__all__ = ["BASE", "DCTERMS", "ELI", "ID", "ORG", "OWL", "PLANKG", "PROV", "RDF", "RDFS", "SKOS",
           "XSD", "AGENCY_TYPE", "DOC_TYPE", "PROVINCE"]
