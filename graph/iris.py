"""Stable, readable IRIs for documents, plans, tasks, agencies and named graphs.

* documents, ELI-like by type / issuer / year / number:
  ``…/id/eli/qd/ttg/2020/889`` for 889/QĐ-TTg of 2020; local issuers carry their
  province (``…/eli/qd/ubnd-can-tho/2020/2495``) because provincial numbers repeat;
* a plan without a number: ``…/eli/kh/ubnd-ca-mau/unnumbered/<first 12 of its SHA-256>``;
* tasks: the plan's IRI, ``/task/``, the section path and the position within it;
* agencies: the province and the registry code (``…/id/agency/dong-nai/donre``), national
  bodies under ``vn`` (``…/id/agency/vn/moit``), unknown names by slug plus a short hash;
* one named graph per source file: ``…/id/graph/<file name>``.

Slugs fold diacritics for readability; where folding could make two keys equal (free
text), a hash of the exact text is appended, so distinct keys never share an IRI.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from plankg.graph.vocab import ID
from plankg.loaders.docnumbers import is_local_issuer
from plankg.loaders.normalize import fold
from plankg.loaders.records import AgencyRef, DocNumber
from plankg.loaders.registry import load_registry

NATIONAL = "vn"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Cần Thơ" → "can-tho"); never empty."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words) or "x"


def safe_slug(text: str) -> str:
    """A slug that stays distinct for distinct texts: slug + 8 hex digits of SHA-1."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    return f"{slug(text)[:60]}-{digest}"


def _segment(text: str) -> str:
    return quote(text, safe="-._~")


def document_iri(number: DocNumber, year: int | None, province: str | None) -> str:
    """IRI of a numbered document; a People's Committee's or Council's carries its
    province, as their numbers repeat from one province to the next."""
    issuer = "-".join(slug(code) for code in number.issuer_codes) or "_"
    if province and is_local_issuer(number, load_registry()):
        issuer = f"{issuer}-{slug(province)}"
    kind = slug(number.type_code.rstrip("0123456789")) if number.type_code.startswith("QH") \
        else slug(number.type_code)
    when = str(year) if year else "undated"
    return f"{ID}eli/{kind}/{issuer}/{when}/{_segment(number.number)}" + \
        (f"-{slug(number.type_code)}" if number.type_code.startswith("QH") else "")


def titled_document_iri(title: str, year: int | None) -> str:
    """IRI of a document named only by its title (a law: "Luật Bảo vệ môi trường 2020")."""
    return f"{ID}eli/title/{year or 'undated'}/{safe_slug(title)}"


def unnumbered_plan_iri(province: str | None, sha256: str) -> str:
    """IRI of a plan whose text gives no number: its province and its text's hash."""
    where = f"ubnd-{slug(province)}" if province else "_"
    return f"{ID}eli/kh/{where}/unnumbered/{sha256[:12]}"


def task_iri(plan_iri: str, section: str | None, position: int) -> str:
    """IRI of the ``position``-th task (from 1) under ``section`` of a plan."""
    path = "/".join(_segment(part) for part in (section or "_").split(".") if part) or "_"
    return f"{plan_iri}/task/{path}/{position}"


def agency_iri(agency: AgencyRef, province: str | None, national: bool) -> str:
    """IRI of an agency: a registry code in a province, a national body, or a body outside the registry."""
    where = NATIONAL if national or not province else slug(province)
    if agency.name is not None:
        return f"{ID}agency/{where}/other/{safe_slug(agency.name)}"
    return f"{ID}agency/{where}/{slug(agency.code)}"


def graph_iri(source: str) -> str:
    """IRI of the named graph that holds what one source file says: its file name, and
    for a path a short hash of the whole path, so two files of one name in two folders
    are two graphs without the IRI showing where the files lie on this machine."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    if name == source:
        return f"{ID}graph/{_segment(name)}"
    digest = hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{ID}graph/{_segment(name)}~{digest}"


REFERENCE_GRAPH = f"{ID}graph/reference"
"""The named graph of the ontology and reference data, reloaded with every build."""
LINEAGE_GRAPH = f"{ID}index/lineage"
"""The derived lineage index (plankg.graph.derived.lineage), recomputed after every build and removal."""
AGENCY_INDEX_GRAPH = f"{ID}index/agencies"
"""The derived agency index (plankg.graph.derived.agency_index), recomputed with the lineage index."""
INDEX = f"{ID}index/"
"""Where graphs derived from the others live (plankg.graph.derived.indexes): queries read them,
exports leave them out."""


def view_graph_iri(name: str) -> str:
    """The named graph of one materialised view (plankg.graph.derived.views)."""
    return f"{INDEX}view/{_segment(name)}"


def is_index_graph(graph: str) -> bool:
    """True for the lineage and agency indexes and the views: recomputed, never exported."""
    return graph.startswith(INDEX)
