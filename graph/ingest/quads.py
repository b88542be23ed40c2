"""Records → RDF: the quads one document contributes to its named graph, as N-Quads text.

A pure function of the record (no store, no clock), so building twice gives the same
triples. Every task, agency assignment, legal-basis link and objective points to a
plankg:Evidence node that quotes the source passage with its character offsets
(PROV-O: prov:value, prov:wasQuotedFrom).
"""

from __future__ import annotations

from collections.abc import Iterator

from plankg.graph import iris, vocab
from plankg.graph.ingest.describe import agency_node, describe_agency
from plankg.graph.terms import iri, literal, typed
from plankg.loaders.docnumbers import issuer_agency
from plankg.loaders.normalize import fold
from plankg.loaders.records import (
    AgencyRef,
    Assignment,
    DocNumber,
    DocRef,
    DocumentRecord,
    Relation,
    Role,
    Span,
    Task,
    Via,
)
from plankg.loaders.registry import Registry


class _Terms:
    """A vocabulary namespace whose terms, once looked up, are attributes of the instance.

    A namespace resolves ``PLANKG.task`` in Python on every access (half a million times
    for 1,000 plans); the first access still goes through the namespace, so an undeclared
    term fails as before.
    """

    def __init__(self, namespace) -> None:  # noqa: ANN001 - a plankg.graph.vocab.Namespace
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


DCTERMS, ELI, ORG, PLANKG, PROV, RDF, RDFS, SKOS = (
    _Terms(ns) for ns in (vocab.DCTERMS, vocab.ELI, vocab.ORG, vocab.PLANKG, vocab.PROV, vocab.RDF,
                          vocab.RDFS, vocab.SKOS))

_RELATION = {Relation.BASED_ON: ELI.based_on, Relation.IMPLEMENTS: ELI.ensures_implementation_of,
             Relation.CITES: ELI.cites, Relation.AMENDS: ELI.amends, Relation.REPEALS: ELI.repeals,
             Relation.REPLACES: PLANKG.replaces}
_VIA = {Via.HEADING: PLANKG.ViaHeading, Via.ROLE_HEADING: PLANKG.ViaRoleHeading, Via.FIELD: PLANKG.ViaField,
        Via.TABLE: PLANKG.ViaTableColumn, Via.TEXT: PLANKG.ViaRunningText, Via.INHERITED: PLANKG.ViaInherited,
        Via.XREF: PLANKG.ViaCrossReference}

class _Writer:
    """Collects N-Quads lines of one named graph; one instance per document."""

    def __init__(self, graph: str) -> None:
        self.lines: list[str] = []
        self.graph = f"<{graph}> .\n"

    def add(self, s: str, p, o: str) -> None:
        self.lines.append(f"{s} <{p}> {o} {self.graph}")

    def text(self) -> str:
        return "".join(self.lines)


def record_quads(record: DocumentRecord, registry: Registry, source_key: str | None = None) -> tuple[str, str, str]:
    """(named graph IRI, plan IRI, N-Quads text) for one document record.

    ``source_key`` names the source file for its graph (its path as given, so two files
    of one name in two folders are two graphs); the record's file name by default."""
    graph = iris.graph_iri(source_key or record.source)
    out = _Writer(graph)
    province = record.plan.province
    source = iri(f"{iris.ID}source/{record.sha256}")
    plan_iri = _plan_iri(record)
    plan = iri(plan_iri)
    lang = record.language

    out.add(source, RDF.type, iri(PLANKG.SourceText))
    out.add(source, PLANKG.sha256, literal(record.sha256))
    out.add(source, DCTERMS.title, literal(record.source))
    if record.text:  # evidence offsets index this text: the web pages show a quote where it stands
        out.add(source, PROV.value, literal(record.text))

    meta = record.plan
    out.add(plan, RDF.type, iri(PLANKG.Plan))
    out.add(plan, RDF.type, iri(ELI.LegalResource))
    out.add(plan, PROV.wasDerivedFrom, source)
    if meta.number:
        out.add(plan, ELI.number, literal(meta.number))
    if meta.title:
        out.add(plan, ELI.title, literal(meta.title, lang))
    if meta.issued:
        out.add(plan, ELI.date_document, typed(meta.issued, "date"))
    if meta.doc_type in registry.doc_type_concepts:
        out.add(plan, ELI.type_document, iri(registry.doc_type_concepts[meta.doc_type]))
    if meta.period:
        out.add(plan, PLANKG.startYear, typed(meta.period[0], "gYear"))
        out.add(plan, PLANKG.endYear, typed(meta.period[1], "gYear"))
    if province and province in registry.province_iris:
        out.add(plan, PLANKG.province, iri(registry.province_iris[province]))

    agencies = _Agencies(out, registry, province)
    if meta.issuer:
        out.add(plan, ELI.passed_by, agencies.node(AgencyRef(meta.issuer)))
    for key in record.agencies:
        out.add(plan, PLANKG.mentions, agencies.node(AgencyRef.of(key)))

    for i, ref in enumerate((*record.legal_bases, *record.cited_documents)):
        _docref(out, registry, record, plan, plan_iri, source, ref, i, agencies)
    for i, objective in enumerate(record.objectives):
        node = iri(f"{plan_iri}/objective/{i + 1}")
        out.add(plan, PLANKG.objective, node)
        out.add(node, RDF.type, iri(PLANKG.Objective))
        out.add(node, DCTERMS.description, literal(objective.text, lang))
        value = objective.value
        out.add(node, PLANKG.targetValue, literal(value) if isinstance(value, str)
                else typed(value, "decimal"))
        out.add(node, PLANKG.unit, literal(objective.unit))
        if objective.year:
            out.add(node, PLANKG.targetYear, typed(objective.year, "gYear"))
        _evidence(out, node, source, objective.span, objective.text, None)

    for i, diagnostic in enumerate(d for d in record.diagnostics if d.span is not None):
        node = iri(f"{plan_iri}/diagnostic/{i + 1}")
        out.add(plan, PLANKG.diagnostic, node)
        out.add(node, RDF.type, iri(PLANKG.Diagnostic))
        out.add(node, PLANKG.diagnosticCode, literal(diagnostic.code))
        out.add(node, PLANKG.severity, literal(diagnostic.level))
        out.add(node, RDFS.comment, literal(diagnostic.message, "en"))
        _evidence(out, node, source, diagnostic.span, diagnostic.quote or "", None)
    for task_iri, task in _task_iris(plan_iri, record.tasks):
        _task(out, plan, iri(task_iri), task, source, lang, agencies)
    rows = [iri(f"{plan_iri}/budget-row/{i + 1}") for i in range(len(record.budget_rows))]
    for node, row in zip(rows, record.budget_rows, strict=True):
        out.add(plan, PLANKG.budgetRow, node)
        out.add(node, RDF.type, iri(PLANKG.BudgetRow))
        out.add(node, PLANKG.sectionPath, literal(row.section))
        out.add(node, RDFS.label, literal(row.label, lang))
        if row.parent is not None:
            out.add(node, PLANKG.parentRow, rows[row.parent])
        if row.total is not None:
            out.add(node, PLANKG.totalBudget, typed(row.total, "decimal"))
        _budget_lines(out, node, row.by_year)
        _evidence(out, node, source, row.span, row.label, row.section)
    for i, stated in enumerate(record.stated_budgets):
        node = iri(f"{plan_iri}/stated-budget/{i + 1}")
        out.add(plan, PLANKG.statedBudget, node)
        out.add(node, RDF.type, iri(PLANKG.StatedBudget))
        out.add(node, PLANKG.amount, typed(stated.amount, "decimal"))
        out.add(node, PLANKG.startYear, typed(stated.first_year, "gYear"))
        out.add(node, PLANKG.endYear, typed(stated.last_year, "gYear"))
        out.add(node, PLANKG.currency, literal("VND"))
        _evidence(out, node, source, stated.span, stated.quote, None)
    return graph, plan_iri, out.text()


def _plan_iri(record: DocumentRecord) -> str:
    number = record.plan.doc_number
    if number is None:
        return iris.unnumbered_plan_iri(record.plan.province, record.sha256)
    year = number.year or (int(record.plan.issued[:4]) if record.plan.issued else None)
    return iris.document_iri(number, year, record.plan.province)


def _task_iris(plan_iri: str, tasks: tuple[Task, ...]) -> Iterator[tuple[str, Task]]:
    seen: dict[str | None, int] = {}
    for task in tasks:
        seen[task.section] = seen.get(task.section, 0) + 1
        yield iris.task_iri(plan_iri, task.section, seen[task.section]), task


def _task(out: _Writer, plan: str, node: str, task: Task, source: str, lang: str,
          agencies: _Agencies) -> None:
    out.add(node, RDF.type, iri(PLANKG.Task))
    out.add(node, PLANKG.plan, plan)
    out.add(node, DCTERMS.description, literal(task.text, lang))
    # the words without case or diacritics: a search typed either way is one CONTAINS
    out.add(node, PLANKG.searchText, literal(" ".join(fold(task.text).split())))
    if task.section:
        out.add(node, PLANKG.sectionPath, literal(task.section))
    if task.period:
        out.add(node, PLANKG.period, literal(task.period))
    if task.funding:
        out.add(node, PLANKG.fundingSource, literal(task.funding, lang))
    if task.budget_vnd is not None:
        out.add(node, PLANKG.totalBudget, typed(task.budget_vnd, "decimal"))
    _budget_lines(out, node, task.budget_by_year)
    _evidence(out, node, source, task.span, task.text, task.section, task.where)
    seen: set[tuple[Role, str]] = set()
    for assignment in task.assignments:
        if (assignment.role, assignment.code) not in seen:
            seen.add((assignment.role, assignment.code))
            _assignment(out, node, assignment, source, task.section, agencies)


def _assignment(out: _Writer, task: str, assignment: Assignment, source: str, section: str | None,
                agencies: _Agencies) -> None:
    """One agency's part in a task (n-ary, with where it was read and its own evidence) and
    the direct plankg:leadAgency / plankg:coordinatingAgency edge it stands for."""
    code, ref, lead = assignment.code, assignment.agency, assignment.role == Role.LEAD
    agency = agencies.node(ref)
    out.add(task, PLANKG.leadAgency if lead else PLANKG.coordinatingAgency, agency)
    node = iri(f"{task[1:-1]}/{assignment.role.value}/{iris.slug(code) if ref.registered else iris.safe_slug(code)}")
    out.add(node, RDF.type, iri(PLANKG.Assignment))
    out.add(node, PLANKG.task, task)
    out.add(node, PLANKG.agency, agency)
    out.add(node, PLANKG.role, iri(PLANKG.LeadRole if lead else PLANKG.CoordinatingRole))
    out.add(node, PLANKG.assignedVia, iri(_VIA[assignment.via]))
    out.add(node, PLANKG.sourceAgencyName, literal(assignment.name or code))
    _evidence(out, node, source, assignment.span, assignment.quote or assignment.name or code, section,
              assignment.where)


def _budget_lines(out: _Writer, node: str, by_year: dict[str, int] | None) -> None:
    for year, amount in (by_year or {}).items():
        line = iri(f"{node[1:-1]}/budget/{year}")
        out.add(node, PLANKG.budgetLine, line)
        out.add(line, RDF.type, iri(PLANKG.BudgetLine))
        out.add(line, PLANKG.amount, typed(amount, "decimal"))
        out.add(line, PLANKG.currency, literal("VND"))
        out.add(line, PLANKG.budgetYear, typed(year, "gYear"))


def _evidence(out: _Writer, node: str, source: str, span: Span, quote: str,
              section: str | None, where: str | None = None) -> str:
    evidence = iri(f"{node[1:-1]}/evidence")
    out.add(node, PLANKG.evidence, evidence)
    out.add(evidence, RDF.type, iri(PLANKG.Evidence))
    out.add(evidence, PROV.wasQuotedFrom, source)
    out.add(evidence, PROV.value, literal(quote))
    out.add(evidence, PLANKG.startOffset, typed(span.start, "integer"))
    out.add(evidence, PLANKG.endOffset, typed(span.end, "integer"))
    if section:
        out.add(evidence, PLANKG.sectionPath, literal(section))
    if where:
        out.add(evidence, PLANKG.sourceLocation, literal(where))
    return evidence


def _docref(out: _Writer, registry: Registry, record: DocumentRecord, plan: str, plan_iri: str,
            source: str, ref: DocRef, index: int, agencies: _Agencies) -> None:
    number = ref.doc_number or ref.official
    if number is not None:
        doc = _numbered(registry, number, ref.year, record.plan.province)
    elif ref.title:
        doc = iri(iris.titled_document_iri(ref.title, ref.year))
    else:
        return
    out.add(plan, _RELATION[ref.relation], doc)
    for relation, others in ((Relation.AMENDS, ref.amends), (Relation.REPLACES, ref.replaces),
                             (Relation.REPEALS, ref.repeals)):
        for other in others:  # "Nghị định số 63/2025/NĐ-CP … sửa đổi, bổ sung Nghị định số 78/2021/NĐ-CP"
            target = _numbered(registry, other, None, record.plan.province)
            out.add(doc, _RELATION[relation], target)
            out.add(target, RDF.type, iri(ELI.LegalResource))
            out.add(target, ELI.number, literal(str(other)))
    out.add(doc, RDF.type, iri(ELI.LegalResource))
    if number is not None:
        out.add(doc, ELI.number, literal(str(number)))
    if ref.title:
        out.add(doc, ELI.title, literal(ref.title, "en" if ref.inferred else record.language))
    if ref.issued:
        out.add(doc, ELI.date_document, typed(ref.issued, "date"))
    if ref.doc_type in registry.doc_type_concepts:
        out.add(doc, ELI.type_document, iri(registry.doc_type_concepts[ref.doc_type]))
    issuer = issuer_agency(number, registry) if number else ("NA" if ref.doc_type == "law" else None)
    if issuer:
        out.add(doc, ELI.passed_by, agencies.node(AgencyRef(issuer)))
    link = iri(f"{plan_iri}/link/{index + 1}")
    out.add(link, RDF.type, iri(PLANKG.LegalBasisLink))
    out.add(link, PLANKG.fromDocument, plan)
    out.add(link, PLANKG.toDocument, doc)
    out.add(link, PLANKG.relation, iri(_RELATION[ref.relation]))
    out.add(link, PLANKG.inferred, typed(ref.inferred, "boolean"))
    _evidence(out, link, source, ref.span, ref.quote, None, ref.where)


def _numbered(registry: Registry, number: DocNumber, year: int | None, province: str | None) -> str:
    """The IRI of a document named by its number (its year from the number, reference data or the text)."""
    year = number.year or registry.known_years.get(str(number)) or year
    return iri(iris.document_iri(number, year, province))


class _Agencies:
    """Agency nodes of one document, each described once: type, labels, province, parent."""

    def __init__(self, out: _Writer, registry: Registry, province: str | None) -> None:
        self.out, self.registry, self.province = out, registry, province
        self.seen: dict[AgencyRef, str] = {}

    def node(self, ref: AgencyRef) -> str:
        if ref in self.seen:
            return self.seen[ref]
        agency = ref.concept(self.registry)
        node = self.seen[ref] = agency_node(self.registry, ref, self.province)
        if agency is not None and (agency.level == "NationalLevel" or self.province is None
                                   or self.province in self.registry.province_iris):
            return node  # described once in the reference graph (plankg.graph.ingest.succession)
        statements, parent = describe_agency(self.registry, ref, self.province)
        for subject, predicate, obj in statements:
            self.out.add(subject, predicate, obj)
        if parent is not None:
            self.out.add(node, ORG.subOrganizationOf, self.node(parent))
        return node
