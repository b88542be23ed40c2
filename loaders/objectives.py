"""Quantified targets: "Striving for 60% of enterprises ...", "Giảm (5-8)% ...",
"Xây dựng 20 đến 30 mô hình ...", "at least 3,000 MW ...".

Each value gets the year it is due: a year written next to it in the same clause
("by 2030", "vào năm 2025"), else the year its heading names ("Giai đoạn 2022-2025",
"Đến năm 2030"), else the last year of the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.records import Objective, Span

_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT = re.compile(
    rf"\(?\s*(?P<a>{_NUM})(?:\s*(?:-|–|đến|to)\s*(?P<b>{_NUM}))?\s*\)?\s*%")
# Counted targets; the unit word may follow one or two words ("02 - 03 propaganda campaigns").
_UNITS = {
    "campaigns": r"cuộc|campaigns?",
    "models": r"mô hình|models?",
    "MW": r"MW",
    "GW": r"GW",
    "classes": r"lớp|classes",
    "enterprises": r"doanh nghiệp|enterprises",
}
_COUNT = re.compile(
    rf"(?<![\w.,/])(?P<a>{_NUM})(?:\s*(?:-|–|đến|to)\s*(?P<b>{_NUM}))?"
    rf"(?P<gap>(?:\s+[^\W\d]+){{0,2}}?)\s+(?P<unit>{'|'.join(_UNITS.values())})\b"
)
_YEAR_AFTER = re.compile(r"(?:đến năm|vào năm|trong năm|năm|by|until|to|in)\s+((?:19|20)\d{2})\b",
                         re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class ObjectiveContext:
    """Where a paragraph sits: its span and the years its headings and plan give."""

    start: int
    end: int
    heading_year: int | None
    plan_year: int | None


def heading_year(texts: list[str]) -> int | None:
    """The last year named by the nearest heading that names one ("Period 2021-2025" → 2025)."""
    for text in texts:
        years = [int(y) for y in _ANY_YEAR.findall(text)]
        if years:
            return max(years)
    return None


def find_objectives(doc: NormalizedText, ctx: ObjectiveContext) -> list[Objective]:
    """Every quantified target in one paragraph or cell."""
    text = doc.work
    out: list[Objective] = []
    taken: list[tuple[int, int]] = []
    for pattern, unit_of in ((_PERCENT, lambda m: "%"), (_COUNT, _unit_name)):
        for match in pattern.finditer(text, ctx.start, ctx.end):
            if any(s <= match.start() < e for s, e in taken) or _inside_parentheses(text, match, ctx):
                continue
            value = _value(match.group("a"), match.group("b"), unit_of(match))
            if value is None:
                continue
            taken.append((match.start(), match.end()))
            year = _year(text, match.start(), match.end(), ctx)
            out.append(Objective(text=squash(doc.text[ctx.start:ctx.end]), value=value,
                                 unit=unit_of(match), year=year, span=Span(ctx.start, ctx.end)))
    return out


def looks_like_objective(text: str) -> bool:
    """A paragraph that states a target rather than a duty (for plans without headings)."""
    return bool(_PERCENT.search(text) or re.search(r"(?:ít nhất|tối thiểu|at least)\s+\d", text)
                or re.match(r"\s*(?:Mục tiêu|Objectives?)\b", text))


def _unit_name(match: re.Match[str]) -> str:
    word = match.group("unit").lower()
    for name, pattern in _UNITS.items():
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return name
    return word


def _number(raw: str, unit: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw) and unit != "%":
        return float(re.sub(r"[.,]", "", raw))  # "3,000 MW", "3.000 MW"
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _value(a: str, b: str | None, unit: str) -> float | str | None:
    first = _number(a, unit)
    if first is None:
        return None
    if b:
        second = _number(b, unit)
        if second is None:
            return None
        return f"{_plain(first)}-{_plain(second)}"
    return int(first) if first.is_integer() else first


def _plain(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _inside_parentheses(text: str, match: re.Match[str], ctx: ObjectiveContext) -> bool:
    """"(01 lớp/năm)" is a note on a row, not a target."""
    opened = text.rfind("(", ctx.start, match.start())
    closed = text.rfind(")", ctx.start, match.start())
    return opened > closed and "/" in text[match.end():match.end() + 8]


def _year(text: str, start: int, end: int, ctx: ObjectiveContext) -> int | None:
    clause_start = max(text.rfind(";", ctx.start, start), text.rfind(". ", ctx.start, start), ctx.start)
    clause_end = min((p for p in (text.find(";", end, ctx.end), text.find(". ", end, ctx.end)) if p >= 0),
                     default=ctx.end)
    after = _YEAR_AFTER.search(text, end, clause_end)
    if after:
        return int(after.group(1))
    before = list(_YEAR_AFTER.finditer(text, clause_start, start))
    if before:
        return int(before[-1].group(1))
    return ctx.heading_year or ctx.plan_year
