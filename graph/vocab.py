"""Python handles for the vocabulary terms plankg writes, checked against ``ontology/core.ttl``.

``PLANKG`` is a closed namespace: an undeclared term raises ``AttributeError`` instead of
minting a new IRI by typo. ``tests/test_vocab.py`` checks that every term used here, in
``queries/*.rq`` and in ``ontology/shapes.ttl`` is declared in ``core.ttl`` with labels in
both languages.
"""

from __future__ import annotations

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/plankg/"
ID = BASE + "id/"


class PLANKG(DefinedNamespace):
    """Own terms of the plankg vocabulary (https://w3id.org/plankg/def#)."""

    _NS = Namespace(BASE + "def#")
    _fail = True

    Plan: URIRef
    Task: URIRef
    Assignment: URIRef
    AssignmentRole: URIRef
    LeadRole: URIRef
    CoordinatingRole: URIRef
    AssignmentVia: URIRef
    ViaHeading: URIRef
    ViaRoleHeading: URIRef
    ViaField: URIRef
    ViaTableColumn: URIRef
    ViaRunningText: URIRef
    ViaInherited: URIRef
    ViaCrossReference: URIRef
    assignedVia: URIRef
    replaces: URIRef
    LegalBasisLink: URIRef
    Objective: URIRef
    BudgetLine: URIRef
    Evidence: URIRef
    SourceText: URIRef
    plan: URIRef
    leadAgency: URIRef
    coordinatingAgency: URIRef
    task: URIRef
    agency: URIRef
    role: URIRef
    sourceAgencyName: URIRef
    fromDocument: URIRef
    toDocument: URIRef
    relation: URIRef
    inferred: URIRef
    evidence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sectionPath: URIRef
    sourceLocation: URIRef
    sha256: URIRef
    searchText: URIRef
    objective: URIRef
    targetValue: URIRef
    unit: URIRef
    targetYear: URIRef
    budgetLine: URIRef
    BudgetRow: URIRef
    budgetRow: URIRef
    parentRow: URIRef
    StatedBudget: URIRef
    statedBudget: URIRef
    totalBudget: URIRef
    amount: URIRef
    currency: URIRef
    budgetYear: URIRef
    fundingSource: URIRef
    period: URIRef
    startYear: URIRef
    endYear: URIRef
    province: URIRef
    mentions: URIRef
    edgeLabel: URIRef
    restsOn: URIRef
    displayLabel: URIRef
    restingPlans: URIRef
    restingLinks: URIRef
    agencyCode: URIRef
    ledTaskCount: URIRef
    agencyName: URIRef
    provinceName: URIRef
    level: URIRef
    NationalLevel: URIRef
    originalType: URIRef
    resultingType: URIRef
    originalProvince: URIRef
    resultingProvince: URIRef
    kind: URIRef
    AgencyStatistic: URIRef
    Partnership: URIRef
    agencyType: URIRef
    ledTasks: URIRef
    coordinatedTasks: URIRef
    budgetedTasks: URIRef
    ledBudget: URIRef
    partnerType: URIRef
    ownRole: URIRef
    partnerRole: URIRef
    sharedTasks: URIRef
    tasksWithoutLead: URIRef
    unregisteredAgencies: URIRef
    Diagnostic: URIRef
    diagnostic: URIRef
    diagnosticCode: URIRef
    severity: URIRef
    leadConflicts: URIRef
    unassignedDuties: URIRef
    Succession: URIRef
    predecessor: URIRef
    successor: URIRef
    since: URIRef
    until: URIRef


ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
AGENCY_TYPE = Namespace(ID + "agency-type/")
DOC_TYPE = Namespace(ID + "doc-type/")
PROVINCE = Namespace(ID + "province/")

__all__ = ["BASE", "DCTERMS", "ELI", "ID", "ORG", "OWL", "PLANKG", "PROV", "RDF", "RDFS", "SKOS",
           "XSD", "AGENCY_TYPE", "DOC_TYPE", "PROVINCE"]
