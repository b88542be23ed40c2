"""Search for people who may type without diacritics: "so tai nguyen" finds "Sở Tài nguyên
và Môi trường".

Agencies come from the registry, plans and documents from the store's list of legal
documents (a few thousand rows even at 10,000 plans), all matched here on folded text
(plankg.loaders.normalize.fold). Task texts stay in the store, each with its folded
words (``plankg:searchText``): the folded query is bound as the phrase the
``search-tasks`` query looks for (one CONTAINS per task, never written into its text;
a REGEX bound the same way is compiled again for every task: minutes at 10,000 plans).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from plankg.graph.query.sparql import run_query
from plankg.loaders.normalize import fold
from plankg.loaders.registry import load_registry

TASK_LIMIT = 50
"""Task hits shown (the most a page lists; narrowing by province finds the others)."""


def words(text: str) -> list[str]:
    """The folded words of a query ("Sở Tài nguyên" → ["so", "tai", "nguyen"])."""
    return re.findall(r"\w+", fold(text))


def matches(query_words: list[str], text: str | None) -> bool:
    """Every word of the query appears in the text, diacritics and case aside."""
    folded = fold(text or "")
    return bool(query_words) and all(w in folded for w in query_words)


@dataclass
class Hits:
    """What a search found, with the facet values of the plans it found."""

    agencies: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def plan_kind(iri: str) -> str:
    """The document kind in a plan IRI (…/eli/kh/… → "KH")."""
    match = re.search(r"/eli/([^/]+)/", iri or "")
    return match.group(1).upper() if match else ""


def plan_year(row: dict) -> str:
    if row.get("issued"):
        return str(row["issued"])[:4]
    match = re.search(r"/((?:19|20)\d\d)/", row.get("plan") or "")
    return match.group(1) if match else ""


def search(backend, text: str, province: str = "", year: str = "", kind: str = "",  # noqa: ANN001
           agency: str = "") -> Hits:
    """Agencies, plans, documents and tasks matching ``text``, narrowed by the facets.

    The agency facet (plans that name the agency, tasks it leads) is offered once words
    are typed or an agency chosen: the plans' agencies are a list of their own, 2–3 s to
    read at 10,000 plans, which the bare home page does not need."""
    query_words = words(text)
    registry = load_registry()
    agency = agency.upper() if agency.upper() in registry.agencies else ""
    hits = Hits()
    if query_words:
        for code, info in sorted(registry.agencies.items()):
            if any(matches(query_words, n) for n in (code, info.label_vi, info.label_en, *info.short_names)):
                hits.agencies.append({"code": code, "label": info.label_vi, "label_en": info.label_en})
    found = [p for p in whole_list(backend, "plan-index") if _found(query_words, p)]
    hits.facets = {key: _counts(row[key] for row in found) for key in ("province", "year", "kind")}
    named: dict[str, set[str]] = {}
    if query_words or agency:
        named = {row["plan"]: row["codes"] for row in whole_list(backend, "plan-agencies")}
        hits.facets["agency"] = _counts(named.get(row["plan"], set()) for row in found)
    hits.plans = [r for r in found if (not province or r["province"] == province) and
                  (not year or r["year"] == year) and (not kind or r["kind"] == kind) and
                  (not agency or agency in named.get(r["plan"], ()))]
    if query_words:
        hits.documents = [d for d in whole_list(backend, "documents") if _found(query_words, d)]
        values = {"phrase": " ".join(query_words), "province": province or None, "agency": agency or None}
        hits.tasks = run_query(backend, "search-tasks", values, limit=TASK_LIMIT, ordered=False).rows
    return hits


def _found(query_words: list[str], row: dict) -> bool:
    """Every word in one of the row's texts (all rows without words)."""
    return not query_words or any(all(w in folded for w in query_words) for folded in row["folded"])


_LISTS: dict[tuple[int, str], tuple[float, list[dict]]] = {}
LIST_SECONDS = 60.0
"""How long the lists of plans and documents are reused between searches (a build
meanwhile shows after this)."""


def whole_list(backend, name: str) -> list[dict]:  # noqa: ANN001
    """The rows of a query without parameters (``plan-index``, ``documents``,
    ``plan-agencies``), each with its texts folded (``folded``), for a plan its ``kind``
    and ``year``, and a plan's agency ``codes``: at 10,000 plans each list takes 1–3 s to
    read, so it is read and prepared once a minute, not per search."""
    now = time.monotonic()
    cached = _LISTS.get((id(backend), name))
    if cached is None or now - cached[0] > LIST_SECONDS:
        rows = run_query(backend, name, {}).rows
        for row in rows:
            row["folded"] = [fold(v) for k, v in row.items() if v and k in ("number", "title", "province",
                                                                            "source")]
            if row.get("plan"):
                row["kind"], row["year"] = plan_kind(row["plan"]), plan_year(row)
            if "agencies" in row:  # plan-agencies: the codes as a set, split once per list
                row["codes"] = set((row["agencies"] or "").split())
        cached = (now, rows)
        _LISTS[(id(backend), name)] = cached
    return cached[1]


def _counts(values) -> dict[str, int]:
    """How many rows have each value (a set counts each of its members)."""
    out: dict[str, int] = {}
    for value in values:
        for one in value if isinstance(value, set) else (value,):
            if one:
                out[one] = out.get(one, 0) + 1
    return dict(sorted(out.items()))
