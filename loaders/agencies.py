"""Agency mentions, agency lists, and who leads or coordinates in a sentence.

Mentions are found once per document on the folded text (any case, any diacritics,
any line breaks between words), longest alias first. Lists are read by walking from
mention to mention over connectors ("," "và" "and" "các" "relevant" ...); the walk
stops at the first word that is neither, so "phối hợp với các sở, ban, ngành; UBND
các huyện và đơn vị liên quan triển khai ..." yields DEPTS and DPC and stops at
"triển khai".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from plankg.loaders.normalize import NormalizedText, squash
from plankg.loaders.registry import UNSPECIFIED, Registry, alias_key

# Words that join the names in a list, on folded text.
_CONNECTOR = re.compile(
    r"[\s,;/&()\[\]:.–-]+|(?:va|and|voi|with|cac|the|other|all|relevant|related|lien quan"
    r"|co lien quan|tren dia ban(?: tinh| thanh pho)?|in the province|of the province|in the city"
    r"|of the city|chi nhanh|branch|tinh|thanh pho|city|province|provincial|cua tinh)\b"
)
_LEAD_IN = re.compile(r"(?:giao|assign|proposing|propose|de nghi|yeu cau|request|requesting)\b\s*")
_CHU_TRI = re.compile(r"\bchu tri\b")
_COORD_TRIGGER = re.compile(
    r"\b(?:phoi hop(?: chat che)?(?: voi)?|(?:in )?coordinat(?:e|es|ing|ion)(?: closely)? with"
    r"|cooperat(?:e|ing) with|collaborat(?:e|ing) with)\b"
)
_SUBJECT_VERB = re.compile(
    r"\b(?:shall|is responsible|are responsible|must|co trach nhiem|chiu trach nhiem)\b")
_TRAILING_CONNECTOR = re.compile(r"(?:[\s,;/&()]|\b(?:va|and|the|cac)\b)*$")
_ELLIPSIS_PREFIX = re.compile(r"^(?:cac )?(?:so|bo)$")


@dataclass(frozen=True)
class Mention:
    """An agency named in the text: its span and the registry codes it stands for."""

    start: int
    end: int
    codes: frozenset[str]


class AgencyIndex:
    """Every agency mention of one document, with the list and role readers over them."""

    def __init__(self, registry: Registry, doc: NormalizedText) -> None:
        self.registry = registry
        self.doc = doc
        self.mentions = _find_mentions(registry, doc)
        self._starts = [m.start for m in self.mentions]
        self._by_end = {m.end: m for m in self.mentions}
        self._provinces = {m.start(): m.end() for m in registry.province_pattern.finditer(doc.folded)}

    # ------------------------------------------------------------------ lookups

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def codes_in(self, start: int, end: int) -> set[str]:
        """Registry codes of every mention in the span (UNSPECIFIED left out)."""
        return {c for m in self.within(start, end) for c in m.codes} - {UNSPECIFIED}

    def _mention_at(self, pos: int) -> Mention | None:
        i = bisect.bisect_left(self._starts, pos)
        if i < len(self.mentions) and self.mentions[i].start == pos:
            return self.mentions[i]
        return None

    def _skip(self, pos: int, limit: int) -> int:
        """Step over connectors and province names from ``pos``, stopping at a mention."""
        folded = self.doc.folded
        while pos < limit and self._mention_at(pos) is None:
            step = _CONNECTOR.match(folded, pos, limit)
            nxt = step.end() if step else self._provinces.get(pos, pos)
            if nxt <= pos:
                break
            pos = nxt
        return min(pos, limit)

    # ------------------------------------------------------------------ lists

    def list_after(self, pos: int, limit: int) -> tuple[list[str], int]:
        """Codes of the agency list that starts at ``pos`` (after connectors), and its end."""
        codes: list[str] = []
        end = pos
        while True:
            here = self._skip(end, limit)
            mention = self._mention_at(here)
            if mention is None or mention.end > limit:
                return _real(codes), end
            codes.extend(sorted(mention.codes))
            end = mention.end

    def list_before(self, pos: int, floor: int) -> list[str]:
        """Codes of the agency list that ends just before ``pos`` (the subject of a verb)."""
        folded = self.doc.folded
        codes: list[str] = []
        while pos > floor:
            gap = _TRAILING_CONNECTOR.search(folded, floor, pos)
            mention = self._by_end.get(gap.start() if gap else pos)
            if mention is None or mention.start < floor:
                break
            codes.extend(sorted(mention.codes))
            pos = mention.start
        return _real(codes)

    def starts_with_agency(self, start: int, end: int) -> bool:
        """True when the span opens with an agency name (after connectors)."""
        return self._mention_at(self._skip(start, end)) is not None

    def parse_cell(self, start: int, end: int) -> tuple[list[str], float]:
        """Codes named in a list cell ("Sở Công Thương/BQL các KCN", "Các Sở: Tài chính, ...").

        Names the registry does not know come back as ``OTHER:<name>``; names written
        without "Sở" after a "Sở ..." ("Sở KH&CN, Tài nguyên và Môi trường") are looked
        up by their short name. The second value is the share of the cell's letters
        that are agency names, which tells an agency cell from a sentence.
        """
        text, folded = self.doc.text, self.doc.folded
        codes: list[str] = []
        covered = 0
        cursor = start
        for mention in [*self.within(start, end), None]:
            gap_end = mention.start if mention else end
            for piece_start, piece_end in _pieces(folded, cursor, gap_end):
                key = alias_key(folded[piece_start:piece_end])
                if _ELLIPSIS_PREFIX.match(key) or not key:
                    covered += piece_end - piece_start
                    continue
                short = self.registry.short_name_codes.get(re.sub(r"^(?:cac )?(?:so )", "", key))
                if short:
                    codes.append(short)
                    covered += piece_end - piece_start
                elif self._skip(piece_start, piece_end) < piece_end:
                    codes.append("OTHER:" + squash(text[piece_start:piece_end])[:80])
            if mention:
                codes.extend(sorted(mention.codes))
                covered += mention.end - mention.start
                cursor = mention.end
        letters = sum(map(str.isalnum, folded[start:end]))
        share = min(1.0, covered / max(1, letters + (end - start - letters) * 0.3))
        return _real(codes), share

    # ------------------------------------------------------------------ roles in sentences

    def roles_in(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """(lead, coordinating) codes a task sentence states itself.

        Lead: the list opening the sentence ("Sở Tài chính tham mưu ...", "Giao Sở X ...",
        "Sở X: ..."), the list before "chủ trì", or the subject of "shall" / "có trách
        nhiệm". Coordinating: the lists after "phối hợp (với)" / "coordinate with".
        """
        folded = self.doc.folded
        lead: list[str] = []
        opening = self._skip(start, end)
        lead_in = _LEAD_IN.match(folded, opening, end)
        if lead_in:
            opening = lead_in.end()
        first, _ = self.list_after(opening, end)
        if first:
            lead.extend(first)
        for match in _CHU_TRI.finditer(folded, start, end):
            lead.extend(self.list_before(match.start(), start))
        for match in _SUBJECT_VERB.finditer(folded, start, end):
            lead.extend(self.list_before(match.start(), start))
        coordinating: list[str] = []
        for match in _COORD_TRIGGER.finditer(folded, start, end):
            found, _ = self.list_after(match.end(), end)
            coordinating.extend(found)
        return unique_codes(lead), unique_codes(coordinating)


def _find_mentions(registry: Registry, doc: NormalizedText) -> list[Mention]:
    found: list[Mention] = []
    for match in registry.alias_pattern.finditer(doc.folded):
        codes = registry.alias_codes.get(alias_key(match.group()))
        if codes:
            found.append(Mention(match.start(), match.end(), codes))
    if registry.abbreviation_pattern is not None:
        for match in registry.abbreviation_pattern.finditer(doc.work):
            found.append(Mention(match.start(), match.end(),
                                 frozenset({registry.abbreviation_codes[match.group()]})))
    for pattern, code in registry.name_patterns:
        for match in pattern.finditer(doc.work):
            found.append(Mention(match.start(), match.end(), frozenset({code})))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _pieces(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma/semicolon/slash-separated pieces of a gap, trimmed of "và"/"and"."""
    out = []
    pos = start
    for match in re.finditer(r"[,;/:]|$", folded[start:end]):
        stop = start + match.start()
        piece = folded[pos:stop]
        stripped = re.sub(r"^(?:\s|\bva\b|\band\b)+|(?:\s|\bva\b|\band\b|\.)+$", "", piece)
        if stripped:
            offset = pos + piece.index(stripped)
            out.append((offset, offset + len(stripped)))
        pos = stop + 1
    return out


def _real(codes: list[str]) -> list[str]:
    return unique_codes([c for c in codes if c != UNSPECIFIED])


def unique_codes(codes) -> list[str]:
    """The codes in first-seen order, each once (a lead named twice is one lead)."""
    return list(dict.fromkeys(codes))
