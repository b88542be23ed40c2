"""The records that extraction produces: frozen dataclasses, one per kind of fact.

Every fact that can be checked against the source carries a :class:`Span` into the
normalised text of its document (NFC; see plankg.loaders.normalize), so a reader can
go back to the words that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the registry reads records' constants: no import at run time)
    from plankg.loaders.registry import AgencyType, Registry


class Relation(StrEnum):
    """How a plan relates to a document it names."""

    BASED_ON = "based_on"  # "Căn cứ ...", "Pursuant to ..."
    IMPLEMENTS = "implements"  # "Thực hiện ...", "Implementing Decision ..."
    REPLACES = "replaces"  # "Thay thế Quyết định số ..."
    REPEALS = "repeals"  # "Bãi bỏ ..."
    AMENDS = "amends"  # "Sửa đổi, bổ sung một số điều của ..."
    CITES = "cites"  # any other mention in the body


class Role(StrEnum):
    """What an agency does in a task."""

    LEAD = "lead"
    COORDINATING = "coordinating"


class Via(StrEnum):
    """How an assignment was read: which words of which layout gave it."""

    HEADING = "heading"  # "1. Sở Tài chính" over the task's item
    ROLE_HEADING = "role heading"  # "a) Chủ trì:" / "Chủ trì, phối hợp với …:" over the item
    FIELD = "field"  # "Cơ quan chủ trì: …"
    TABLE = "table column"  # a "Chủ trì" / "Phối hợp" column
    TEXT = "running text"  # "Sở X chủ trì, phối hợp với Y …", "Giao X …"
    INHERITED = "inherited"  # a paragraph that goes on with the assignment before it
    XREF = "cross-reference"  # "Chủ trì triển khai các nhiệm vụ tại mục IV.1"


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into the document's normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class DocNumber:
    """A parsed document number; ``style`` is "state", "party", "letter" or "standing"
    (the Standing Committee's, whose type the number does not write). ``str()`` writes it
    the official way ("889/QĐ-TTg", "57-NQ/TW"): the form records and JSON give."""

    number: str
    year: int | None
    type_code: str
    issuer_codes: tuple[str, ...]
    style: str = "state"

    def __str__(self) -> str:
        if self.style == "party":
            return f"{self.number}-{self.type_code}/{'-'.join(self.issuer_codes)}"
        head = f"{self.number}/{self.year}/" if self.year else f"{self.number}/"
        if self.style in ("letter", "standing"):
            return head + "-".join(self.issuer_codes)
        return head + "-".join((self.type_code, *self.issuer_codes))


@dataclass(frozen=True)
class DocRef:
    """A legal document named in a plan: by number, or by title alone.

    Numbers are kept parsed (kind, issuer codes, year): the graph mints a document's IRI
    from them without reading the written form again."""

    doc_number: DocNumber | None
    relation: Relation
    span: Span
    quote: str
    doc_type: str | None = None
    issuer: str | None = None
    issued: str | None = None
    title: str | None = None
    year: int | None = None
    inferred: bool = False
    official: DocNumber | None = None
    """The number reference data gives a document the text names only by title."""
    amends: tuple[DocNumber, ...] = ()
    replaces: tuple[DocNumber, ...] = ()
    repeals: tuple[DocNumber, ...] = ()
    """Documents this document amends, replaces or repeals, as its title says ("Nghị định
    số 63/2025/NĐ-CP … sửa đổi, bổ sung … Nghị định số 78/2021/NĐ-CP")."""
    where: str | None = None
    """The place in a Word, PDF or HTML file the span was read from ("page 3")."""

    @property
    def number(self) -> str | None:
        """The number as written officially, or None for a document named by title."""
        return str(self.doc_number) if self.doc_number else None

    @property
    def official_number(self) -> str | None:
        return str(self.official) if self.official else None


@dataclass(frozen=True)
class Objective:
    """A quantified target: value (number or "a-b" range), unit, target year."""

    text: str
    value: float | str
    unit: str
    year: int | None
    span: Span


OTHER = "OTHER"
"""The registry's code for a body it does not hold; such a body's key is ``OTHER:<name>``."""


@dataclass(frozen=True)
class AgencyRef:
    """An agency as the records name it: a registry code ("DONRE"), or a body outside the
    registry (code ``OTHER``) by its name as written ("Cục Phát thanh, truyền hình và thông
    tin điện tử"). Its registry concept (kind, level, labels) is looked up where it is
    needed (:meth:`concept`), not copied into every record.

    Records and JSON write an agency as its :attr:`key` ("DONRE", "OTHER:Cục …"); this
    class is the only reader and writer of that form."""

    code: str
    name: str | None = None

    @classmethod
    def of(cls, key: str) -> AgencyRef:
        """The agency a key names."""
        head, colon, name = key.partition(":")
        return cls(OTHER, name) if colon and head == OTHER else cls(key)

    @property
    def key(self) -> str:
        return f"{OTHER}:{self.name}" if self.code == OTHER and self.name is not None else self.code

    @property
    def registered(self) -> bool:
        return self.code != OTHER

    def concept(self, registry: Registry) -> AgencyType | None:
        """The registry's concept of this agency, or None for a body outside the registry."""
        return registry.agencies.get(self.code) if self.registered else None


def unregistered_code(name: str) -> str:
    """The key of a body outside the registry, by its name as written."""
    return AgencyRef(OTHER, name).key


def unregistered_name(key: str) -> str | None:
    """The name of a body outside the registry, or None for a registry code."""
    return AgencyRef.of(key).name


@dataclass(frozen=True)
class Assignment:
    """One agency's part in a task, with how it was read and the words that said so.

    ``code`` is the agency's key (:class:`AgencyRef`); ``span`` covers the words that
    assigned it (the heading, the field, the cell, the sentence) and ``quote`` holds
    them; ``name`` is the agency's name as written.
    """

    code: str
    role: Role
    via: Via
    span: Span
    name: str | None = None
    quote: str | None = None
    where: str | None = None
    """The place in a Word, PDF or HTML file ("table 2, row 5, cell 3", "page 4")."""

    @property
    def agency(self) -> AgencyRef:
        return AgencyRef.of(self.code)


@dataclass(frozen=True)
class Task:
    """One assignable duty with the agencies assigned to it.

    ``section`` is the outline path ("V.2", "PL.3.1"). ``lead`` and ``coordinating``
    are the codes of the assignments the text states for this task; agencies given the
    task through a reference to its section ("các nhiệm vụ tại mục IV.1") are
    ``xref_lead``.
    """

    text: str
    section: str | None
    span: Span
    assignments: tuple[Assignment, ...] = ()
    period: str | None = None
    funding: str | None = None
    budget_vnd: int | None = None
    budget_by_year: dict[str, int] | None = None
    where: str | None = None
    """The place in a Word, PDF or HTML file the task was read from."""

    def codes(self, role: Role, *, xref: bool = False) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a.code for a in self.assignments
                                   if a.role == role and (a.via == Via.XREF) == xref))

    @property
    def lead(self) -> tuple[str, ...]:
        return self.codes(Role.LEAD)

    @property
    def coordinating(self) -> tuple[str, ...]:
        return self.codes(Role.COORDINATING)

    @property
    def xref_lead(self) -> tuple[str, ...]:
        return self.codes(Role.LEAD, xref=True)


@dataclass(frozen=True)
class BudgetRow:
    """One row of a budget table, group rows included, for checking its arithmetic.

    ``parent`` is the index (in the document's budget rows) of the row it is a part of:
    "3.1.1" of "3.1", "3.1" of "A", "A" of "III", a "-" row of the numbered row above it.
    """

    section: str
    label: str
    span: Span
    total: int | None = None
    by_year: dict[str, int] | None = None
    parent: int | None = None


@dataclass(frozen=True)
class StatedBudget:
    """A total the text states ("... năm 2022 là 3.802.800.000 đồng")."""

    first_year: int
    last_year: int
    amount: int
    span: Span
    quote: str


@dataclass(frozen=True)
class PlanMeta:
    """What the document says about itself; ``issuer`` is a registry code."""

    doc_number: DocNumber | None = None
    doc_type: str | None = None
    issuer: str | None = None
    province: str | None = None
    issued: str | None = None
    period: tuple[int, int] | None = None
    title: str | None = None

    @property
    def number(self) -> str | None:
        """The document's number as written officially ("145/KH-UBND"), or None."""
        return str(self.doc_number) if self.doc_number else None


@dataclass(frozen=True)
class Diagnostic:
    """Something the extractor noticed and the user may want to act on."""

    level: str  # "info" | "warning"
    code: str
    message: str
    span: Span | None = None
    quote: str | None = None


@dataclass(frozen=True)
class DocumentRecord:
    """Everything extracted from one document."""

    source: str
    language: str
    sha256: str
    plan: PlanMeta
    legal_bases: tuple[DocRef, ...]
    cited_documents: tuple[DocRef, ...]
    objectives: tuple[Objective, ...]
    tasks: tuple[Task, ...]
    agencies: tuple[str, ...]
    """Keys of every agency the document names (:class:`AgencyRef`)."""
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
    budget_rows: tuple[BudgetRow, ...] = field(default_factory=tuple)
    stated_budgets: tuple[StatedBudget, ...] = field(default_factory=tuple)
    text: str = field(default="", repr=False, compare=False)
    """The normalised text every span indexes: kept in the graph (prov:value of the source
    text) so a fact's evidence can be shown where it stands. Not part of the JSON records."""
