"""Quantified targets: "Striving for 60% of enterprises ...", "Giảm (5-8)% ...",
"Xây dựng 20 đến 30 mô hình ...", "at least 3,000 MW ...".

Each value gets the year it is due: a year written next to it in the same clause
("by 2030", "vào năm 2025"), else the year its heading names ("Giai đoạn 2022-2025",
"Đến năm 2030"), else the last year of the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.loaders.cues import Cues
from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.records import Objective, Span

_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT = re.compile(
    rf"\(?\s*(?P<a>{_NUM})(?:\s*(?:-|–|den|to)\s*(?P<b>{_NUM}))?\s*\)?\s*%")


def _percent(folded: str, start: int, end: int) -> bool:
    """A share is stated in the span: its "%" found first, the pattern only where there is one
    (the pattern opens with optional parts, so the engine would try it at every position)."""
    return folded.find("%", start, end) >= 0 and _PERCENT.search(folded, start, end) is not None


_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_WORD_AFTER = re.compile(r"\s*[^\W\d]+")  # the unit after a count: "02 xe", "100 ha"
_SPACES = re.compile(r"\s*")


@dataclass(frozen=True)
class ObjectiveContext:
    """Where a paragraph sits: its span and the years its headings and plan give."""

    start: int
    end: int
    heading_year: int | None
    plan_year: int | None
    stated: bool = False
    """The paragraph stands where targets are stated (an objectives section, a list of targets,
    a "phấn đấu" sentence): a count after a verb of making is one there ("Đào tạo 2.000 lao
    động"), where in a report it tells what was done ("đã xây dựng 23 trường học")."""


class HeadingYears:
    """The year a node's headings give its targets: the last year named by the nearest
    heading above it that names one ("Giai đoạn 2021-2025" → 2025). Worked out once per
    heading, not once per paragraph under it."""

    def __init__(self, doc: NormalizedText) -> None:
        self.doc = doc
        self._named: dict[int, int | None] = {}

    def of(self, node) -> int | None:  # noqa: ANN001 - an outline Node
        parent = node.parent
        return self._year(parent) if _in_outline(parent) else None

    def _year(self, node) -> int | None:  # noqa: ANN001
        """The year the node's own words or, failing them, its nearest heading name."""
        key = id(node)
        if key not in self._named:
            own = [int(y) for y in _ANY_YEAR.findall(self.doc.work[node.para.start:node.para.end])] \
                if node.para is not None else []
            self._named[key] = max(own) if own else (self._year(node.parent) if _in_outline(node.parent) else None)
        return self._named[key]


def _in_outline(node) -> bool:  # noqa: ANN001
    """A node with words or a table (the root has neither)."""
    return node is not None and (node.para is not None or node.table is not None)


class TargetReader:
    """Finds the quantified targets of paragraphs and cells; units and quantifiers are cue
    words (``unit:*``, ``target-quantifier``, ``not-unit``)."""

    def __init__(self, doc: NormalizedText, cues: Cues, lower: str) -> None:
        self.doc, self.cues = doc, cues
        self.lower = lower  # the work view in lower case, with its diacritics (the agency index's)
        self.units = [(name.split(":", 1)[1], cue_set) for name, cue_set in cues.items()
                      if name.startswith("unit:")]
        units = "|".join(cue_set.pattern.pattern for _name, cue_set in self.units)
        number = rf"(?<![\w.,/])(?P<a>{_NUM})(?:\s*(?:-|–|den|to)\s*(?P<b>{_NUM}))?(?![\w/]|[.,]\d)"
        # "02 - 03 cuộc tuyên truyền", "20 đến 30 mô hình": the unit may follow one or two words
        self.counted = re.compile(rf"{number}(?P<gap>(?:\s+[^\W\d]+){{0,2}}?)\s+(?P<unit>{units})")
        # "ít nhất 20 tập dữ liệu", "từ 05 bộ dữ liệu": the noun after the number is the unit
        self.year_after = re.compile(rf"(?:{cues['target-year'].pattern.pattern})\s+((?:19|20)\d{{2}})\b")
        self.quantified = re.compile(rf"(?:{cues['target-quantifier'].pattern.pattern})\s+{number}"
                                     rf"\s+(?P<unit>[^\W\d]+(?:\s+[^\W\d]+)?)")
        # "Đào tạo 2.000 lao động", "Xây dựng 15 sản phẩm": a verb of making or reaching, then the count
        # (with diacritics: "trồng 500 ha" is a target, the "trong" of "một trong 9 cổ phiếu" is not)
        self.made = re.compile(rf"(?:{cues['target-count-verb'].exact.pattern})\s+{number}"
                               rf"\s+(?P<unit>[^\W\d]+(?:\s+[^\W\d]+)?)")

    def looks_like_target(self, start: int, end: int) -> bool:
        """A paragraph that states a target rather than a duty (for plans without headings);
        a share that only bounds a category ("Con thương binh mất sức lao động 81% trở lên")
        is none."""
        folded = self.doc.folded
        if self.states_target(start, end) or self.cues["section:objectives"].at(folded, start, end):
            return True
        figures = _percent(folded, start, end) or self.quantified.search(folded, start, end) is not None
        return figures and not self._bound_only(start, end)

    def _bound_only(self, start: int, end: int) -> bool:
        """Every share or count in the span is a bound of a category (cue set threshold: "…
        81% trở lên", "dưới 81%", "từ 02 xe trở lên"), and no target verb or target year says it
        is to be reached ("… giảm xuống dưới 2% vào năm 2030" is a target)."""
        folded, bound = self.doc.folded, self.cues["threshold"]
        lower = self.lower[start:end]  # (with diacritics: "kết quả" holds no "quá")
        figures = [(m.start("a"), m.end()) for m in _PERCENT.finditer(folded, start, end)]
        figures += [(m.start("a"), m.end("b") if m.group("b") else m.end("a"))
                    for m in self.quantified.finditer(folded, start, end)]
        for figure_start, figure_end in figures:
            after = _WORD_AFTER.match(lower, figure_end - start)
            if not (bound.exact.match(lower, _SPACES.match(lower, figure_end - start).end())
                    or after and bound.exact.match(lower, _SPACES.match(lower, after.end()).end())
                    or bound.ending_at(lower, figure_start - start, exact=True)):
                return False
        return not (self.cues["target-verb"].search(folded, start, end)
                    or self.cues.compose(r"{0}\s+(?:19|20)\d\d\b", "due-year").search(folded, start, end))

    def introduces_targets(self, start: int, end: int) -> bool:
        """A paragraph that ends by introducing a list of targets ("… được cụ thể hóa bằng các
        chỉ tiêu cụ thể như sau:"), wherever it stands: the items after it are targets."""
        return self.cues["targets-intro"].introduces(self.doc.folded, start, end)

    def states_target(self, start: int, end: int) -> bool:
        """The paragraph opens with a target verb ("Phấn đấu …"), wherever it stands."""
        return bool(self.cues["target-verb"].at(self.doc.folded, start, end))

    def stated_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans from each target verb to the end of its sentence ("…; phấn đấu đạt 20% xã,
        phường "không ma túy" năm 2025, …"): the targets a duty's paragraph states."""
        folded = self.doc.folded
        out = []
        for match in self.cues["target-verb"].finditer(folded, start, end):
            stop = folded.find(". ", match.end(), end)
            out.append((match.start(), end if stop < 0 else stop))
        return out

    def find(self, ctx: ObjectiveContext) -> list[Objective]:
        """Every quantified target in one paragraph or cell."""
        folded = self.doc.folded
        out: list[Objective] = []
        taken: list[tuple[int, int]] = []
        for pattern in (_PERCENT, self.counted, self.quantified, self.made):
            if pattern is _PERCENT and not _percent(folded, ctx.start, ctx.end) \
                    or pattern is self.made and not ctx.stated:
                continue
            for match in pattern.finditer(self.lower if pattern is self.made else folded, ctx.start, ctx.end):
                if any(s <= match.start("a") < e for s, e in taken) or _inside_parentheses(folded, match, ctx):
                    continue
                unit = self._unit(match) if pattern is not _PERCENT else "%"
                if unit is None or pattern is self.made and not self.doc.work[match.start("unit")].islower():
                    continue  # ("Công ty Cổ phần Đầu tư xây dựng 319 Miền Nam": a name, no count)
                value = _value(match.group("a"), match.group("b"), unit)
                if value is None:
                    continue
                taken.append((match.start("a"), match.end()))
                out.append(Objective(text=squash(self.doc.text[ctx.start:ctx.end]), value=value, unit=unit,
                                     year=self._year(match.start(), match.end(), ctx),
                                     span=Span(ctx.start, ctx.end)))
        return out

    def _year(self, start: int, end: int, ctx: ObjectiveContext) -> int | None:
        """The year written next to a target in its clause, else its heading's, else the plan's."""
        text = self.doc.folded
        clause_start = max(text.rfind(";", ctx.start, start), text.rfind(". ", ctx.start, start), ctx.start)
        clause_end = min((p for p in (text.find(";", end, ctx.end), text.find(". ", end, ctx.end)) if p >= 0),
                         default=ctx.end)
        due = [m for m in self.year_after.finditer(text, clause_start, clause_end)
               if not self._baseline(text, m.start(), clause_start)]
        after = next((m for m in due if m.start() >= end), None)
        if after:
            return int(after.group(1))
        before = [m for m in due if m.end() <= start]
        if before:
            return int(before[-1].group(1))
        return ctx.heading_year or ctx.plan_year

    def _baseline(self, text: str, pos: int, floor: int) -> bool:
        """The year whose words start at ``pos`` is the one a target is measured against: words
        of comparison stand shortly before it with no other year between ("giảm 20% so với mức
        trung bình năm 2024"; not the 2030 of "… so với năm 2024, đến năm 2030 …")."""
        compared = list(self.cues["target-baseline"].finditer(text, max(floor, pos - _BASELINE_CHARS), pos))
        return bool(compared) and _ANY_YEAR.search(text, compared[-1].end(), pos) is None

    def _unit(self, match: re.Match[str]) -> str | None:
        start, end = match.start("unit"), match.end("unit")
        # (with diacritics: "là" ends it, the "la" of "đô la" does not)
        stop = self.cues["unit-stop"].exact.search(self.lower[start:end])
        if stop is not None:
            if stop.start() == 0:
                return None  # "từ 15 đến 56.", "từ 40 lên 80": the number is a bound or a change, no count
            end = start + len(self.doc.work[start:start + stop.start()].rstrip())  # "từ 01 người đến 10 người"
        words = self.doc.folded[start:end]
        for name, cue_set in self.units:
            if cue_set.pattern.fullmatch(words):
                return name
        if self.cues["not-unit"].at(words, 0) or _ANY_YEAR.fullmatch(match.group("a")):
            return None  # "từ 01 tháng", "trên 1.000 tỷ đồng", "từ 2021": a date or an amount, not a count
        return " ".join(self.doc.work[start:end].lower().split())


_BASELINE_CHARS = 32
"""Characters before a year's words where the words that make it a baseline may start
("so với mức trung bình năm 2024")."""


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
