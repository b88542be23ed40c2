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

from plankg.graph.sparql import run_query
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


def search(backend, text: str, province: str = "", year: str = "", kind: str = "", agency: str = "") -> Hits:
    """Agencies, plans, documents and tasks matching ``text``, narrowed by the facets."""
    query_words = words(text)
    hits = Hits()
    registry = load_registry()
    if query_words:
        for code, info in sorted(registry.agencies.items()):
            names = [code, info.label_vi, info.label_en, *info.short_names]
            if any(matches(query_words, n) for n in names) and (not agency or agency == code):
                hits.agencies.append({"code": code, "label": info.label_vi, "label_en": info.label_en})
    plans = [dict(row) for row in whole_list(backend, "plan-index")]
    found = [p for p in plans if not query_words or any(
        matches(query_words, p.get(k)) for k in ("number", "title", "province", "source"))]
    for row in found:
        row["kind"], row["year"] = plan_kind(row["plan"]), plan_year(row)
    hits.facets = {name: _counts(row[key] for row in found)
                   for name, key in (("province", "province"), ("year", "year"), ("kind", "kind"))}
    hits.plans = [r for r in found if (not province or r["province"] == province) and
                  (not year or r["year"] == year) and (not kind or r["kind"] == kind)]
    if query_words:
        hits.documents = [d for d in whole_list(backend, "documents")
                          if matches(query_words, d.get("number")) or matches(query_words, d.get("title"))]
        values = {"phrase": " ".join(query_words), "province": province or None}
        tasks = run_query(backend, "search-tasks", values, limit=None if agency else TASK_LIMIT,
                          ordered=bool(agency)).rows
        hits.tasks = [t for t in tasks if not agency or agency in (t.get("lead") or "").split()][:TASK_LIMIT]
    return hits


_LISTS: dict[tuple[int, str], tuple[float, list[dict]]] = {}
LIST_SECONDS = 60.0
"""How long the lists of plans and documents are reused between searches (a build
meanwhile shows after this)."""


def whole_list(backend, name: str) -> list[dict]:  # noqa: ANN001
    """The rows of a query without parameters (``plan-index``, ``documents``): at 10,000
    plans each takes 1–2 s to read, so they are read once a minute, not on every search."""
    now = time.monotonic()
    cached = _LISTS.get((id(backend), name))
    if cached is None or now - cached[0] > LIST_SECONDS:
        cached = (now, run_query(backend, name, {}).rows)
        _LISTS[(id(backend), name)] = cached
    return cached[1]


def _counts(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        if value:
            out[value] = out.get(value, 0) + 1
    return dict(sorted(out.items()))
