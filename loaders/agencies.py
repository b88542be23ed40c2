"""Agency mentions and agency lists.

Mentions are found once per document on the folded text (any case, any diacritics,
any line breaks between words), longest alias first, plus case-sensitive
abbreviations and the registry's patterns. Some names read differently in a national
document ("các địa phương" are the provinces' People's Committees there, the
districts' in a province): each mention carries both readings and the index uses the
one the document's level asks for.

Lists are read by walking from mention to mention over connectors ("," "và" "các"
"có liên quan", a province name, a person's title); the walk stops at the first word
that is neither, so "phối hợp với các sở, ban, ngành; UBND các huyện và đơn vị liên
quan triển khai …" yields DEPTS and DPC and stops at "triển khai". A name the registry
does not know counts only where a list is expected and only when it opens with a
body's head noun ("Chi cục Hải quan khu vực XIX", "Ban Tuyên giáo và Dân vận Tỉnh
ủy"); it is kept as ``OTHER:<name>``, never as a fragment of a sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

from plankg.loaders.cues import Cues, CueSet
from plankg.loaders.layout import ITEM_MARKS
from plankg.loaders.normalize import NormalizedText, lower_view, opens_clause, squash
from plankg.loaders.records import unregistered_code
from plankg.loaders.registry import UNSPECIFIED, Registry, alias_key, near_aliases, starts_name, written_words

_CONNECTOR = re.compile(
    r"[\s,;/&()\[\]:.–—•+*-]+|(?:va|and|voi|with|cac cap|cac|the|other|all|relevant|related|lien quan|co lien quan"
    r"|tren dia ban(?: tinh| thanh pho)?|dong tren dia ban(?: tinh)?|in the province|of the province|in the city"
    r"|of the city|chi nhanh|branch|tinh|thanh pho|tp|city|province|provincial|cua (?:tinh|thanh pho|tp)"
    r"|truc thuoc|khac|thuoc ubnd tinh|cap trung uong|cap tinh|cap thanh pho|cap xa|cap huyen|xa|phuong|dac khu"
    r"|huyen|nhu|gom|bao gom|hoac|or)\b"
)
_BRANCH = frozenset({"chi nhanh", "branch"})
_LIST_BREAK = re.compile(r"[,;/&+()]|\b(?:va|and|voi|with|hoac|or|cung)\b")
"""What separates two names of a list (a line break of the crawl does not: it wraps a name)."""
_OF_PLACE = re.compile(r"[ct](?<!\w.)(?:(?<=c)ua\s+(?:tinh|thanh pho|tp)|(?<=t)(?:huoc\s+(?:tinh|thanh pho|tp)"
                       r"|ren dia ban\s+(?:tinh|thanh pho|tp)|inh|hanh pho|p))\b(?!\s+[a-z])")
"""Whose the bodies named are ("các Sở, ban, ngành của Thành phố", "Hội Nông dân tỉnh"): no
letters of a name, none of a sentence either. ("của" / "thuộc" / "trên địa bàn" before
"tỉnh" / "thành phố" / "tp", or those alone; written from the first letter, as
:data:`plankg.loaders.docrefs._REFERENCE_HINT` is, so the engine skips to the candidates.)"""
_GAP_BEFORE = re.compile(r"(?:[\s,;/&()]|\b(?:va|and|cac|the)\b)*$")
_GAP_BETWEEN = re.compile(r"(?:[\s,;/&()]|\b(?:va|and|cac|the|hoac|or)\b)*$")
"""The gap between two names of a list, which "hoặc" may join too ("Sở Tài chính hoặc Sở Xây
dựng chủ trì …"); not the gap before the word the list is the subject of ("… của Bộ Chính trị,
Ban Bí thư hoặc chủ trì khi được giao": the verbs are joined)."""
_CLAUSE_OPENS = re.compile(r"[.;:!?\n][\s*]*$")
_LIST_SEPARATOR = r"\s*[,;]\s*|\s+(?:va|and)\s+"
"""Between two names of a list: "," / ";" / "và"."""
_PIECES = re.compile(_LIST_SEPARATOR)
_RUN_END = re.compile(f"(?:{_LIST_SEPARATOR})$")
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{3}\.\s+[^\W\d_]")
"""A full stop after a word of three letters or more, then another word: a sentence ends inside
(not the "TP." of "Công an TP. Hà Nội")."""
_PIECE_CUT = re.compile(f"{_LIST_SEPARATOR}|[:.(]|\n(?=[ \t]*(?:\n|[{ITEM_MARKS}*#|]|\\d))")
"""Where a list's piece (or its clause) starts, reading back from a name: a separator, or
a line break that ends a paragraph (before a blank line, a list marker or a number), not
the wrap of a hard-wrapped line ("… Trung tâm Bảo tồn Di sản Văn hoá thế giới" | "Hội An
có trách nhiệm …": no "Hội An")."""
_ITEM_OPENERS = (*ITEM_MARKS, ".")
"""What opens a list item, or closes the sentence before one, where a name list breaks."""
_NAME_SEPARATOR = re.compile(rf"[,;/]|\.\s+[{ITEM_MARKS}]\s|\n\s*[{ITEM_MARKS}]|\s(?:va|and|hoac|or)\s")
"""Where a name ends: a list's separator, a full stop before the next inline item ("… tỉnh. - Đơn
vị phối hợp: …"), a line's list marker, or a word that joins two names."""
_MAX_NAME_WORDS = 14
_TAIL_WORDS = 4  # lower-case words a list may write after a registered name ("… Khu công nghiệp khu kinh tế")
_OBJECT_END = re.compile(r"[:;,(]")
_LOWER_BEFORE_PROPER = 2  # lower-case words a proper name may open with after its head ("các hội Khoa học …")
_LOWER_NAME_WORDS = 5  # words after the head noun of a name written in lower case ("Văn phòng đăng ký đất đai")
_OBJECT_JOINT = re.compile(r"\s*,\s*|\s+(?:va|and)\s+")
_CONJUNCTION = re.compile(r"\s(?:va|and|hoac|or)\s+")
_GENERAL_TAIL_WORDS = 3  # "cơ quan [có liên quan]", "đơn vị [cấp tỉnh]": what may follow bodies in general in a list
_GENERAL_TAIL_CHARS = 40
_WORD = re.compile(r"[^\W\d_]+|\d+")
_SHORT_NAME_PREFIX = re.compile(r"(?:cac )?so\b\s*:?\s*")
_COLON = re.compile(r"\s*:\s*")
_SHORT_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+va\s+")


@dataclass(frozen=True)
class Mention:
    """An agency named in the text: its span, the codes it stands for in a provincial
    document, and (where different) in a national one."""

    start: int
    end: int
    codes: frozenset[str]
    national: frozenset[str] | None = None
    parent: Mention | None = None
    """For a unit named with its body ("Cục … - Bộ Tư pháp"), the body's own mention: the
    document names that body too, though the unit is what leads or coordinates."""


@dataclass(frozen=True)
class Name:
    """One agency read from a list: a registry code or ``OTHER:<name>``, and its span."""

    code: str
    start: int
    end: int


class AgencyIndex:
    """Every agency mention of one document, with the list readers over them."""

    def __init__(self, registry: Registry, cues: Cues, doc: NormalizedText) -> None:
        self.registry = registry
        self.cues = cues
        self.doc = doc
        self.lower = lower_view(doc.work)  # (head nouns are matched with their diacritics)
        self._all = _find_mentions(registry, cues, doc, self.lower)
        self.set_level(national=False)

    def set_level(self, national: bool, issuer: str | None = None) -> None:
        """Read names as a national (True) or provincial (False) document of ``issuer``
        (an agency code, when the header names one) does."""
        self.national = national
        self.issuer = self.registry.authority.get(issuer, frozenset({issuer})) if issuer else None
        self.mentions = [m for m in self._all if self.codes_of(m)]
        self._starts = [m.start for m in self.mentions]
        self._by_start = {m.start: m for m in self.mentions}
        self._by_end = {m.end: m for m in self.mentions}
        self._skipped: dict[tuple[int, int, bool], int] = {}  # the list readers ask again for the same spans
        self._named: dict[tuple[int, int], list[Name]] = {}

    def issuer_speaks(self, codes) -> bool:  # noqa: ANN001 - codes of a subject
        """Whether a subject is the document's issuer ("Thủ tướng Chính phủ giao …" in a
        decision of the Prime Minister), or may be (the issuer is not known)."""
        return self.issuer is None or bool(self.issuer.intersection(codes))

    def codes_of(self, mention: Mention) -> frozenset[str]:
        if self.national and mention.national is not None:
            return mention.national
        return mention.codes

    # ------------------------------------------------------------------ lookups

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def covering(self, pos: int) -> Mention | None:
        """The mention whose words hold ``pos`` ("Hồ Chí Minh" in "Đoàn TNCS Hồ Chí Minh"), or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.mentions[i] if i >= 0 and self.mentions[i].start <= pos < self.mentions[i].end else None

    def codes_in(self, start: int, end: int) -> set[str]:
        """Registry codes of every mention in the span (UNSPECIFIED left out)."""
        return {c for m in self.within(start, end) for c in self.codes_of(m)} - {UNSPECIFIED}

    def written(self, cue_set, match: re.Match[str]) -> bool:  # noqa: ANN001 - a CueSet
        """The cue found in the folded text is there with its diacritics too ("giao", assign,
        is not the "giáo" of "Tôn giáo")."""
        found = cue_set.exact.match(self.lower, match.start()) if cue_set.exact is not None else match
        return found is not None and found.end() == match.end()

    def _first_written(self, name: str, start: int, end: int, lower: bool = False) -> re.Match[str] | None:
        """The first phrase of a cue set between ``start`` and ``end`` that is there with its
        diacritics (see :meth:`written`): "Ban Tuyên giáo …" holds no "giao" (assign). With
        ``lower``, only one written in lower case (a capitalised one is a word of a name)."""
        cues = self.cues[name]
        return next((m for m in cues.finditer(self.doc.folded, start, end) if self.written(cues, m)
                     and not (lower and self._in_capitals(m.start()))), None)

    def _in_capitals(self, pos: int) -> bool:
        """The word at ``pos`` is capitalised and goes on from a word before it: a word of a
        name ("Ban Chỉ đạo"), not one that opens a clause ("Cục X: Chủ trì, …")."""
        before = _before_spaces(self.doc.folded, pos)
        return self.doc.work[pos].isupper() and before > 0 and self.doc.folded[before - 1].isalnum()

    def mention_at(self, pos: int) -> Mention | None:
        return self._by_start.get(pos)

    def skip(self, pos: int, limit: int, deputies: bool = False) -> int:
        """Step over connectors, province names and persons' titles from ``pos``, stopping at a
        mention. With ``deputies`` (where a list starts) a title stops at a body's name its words
        go on into ("Phó Thủ tướng Chính phủ": see :meth:`_name_in_title`)."""
        if (pos, limit, deputies) not in self._skipped:
            self._skipped[pos, limit, deputies] = self._skip(pos, limit, deputies)
        return self._skipped[pos, limit, deputies]

    def _skip(self, pos: int, limit: int, deputies: bool) -> int:
        folded = self.doc.folded
        titles = self.cues["person-title"]
        while pos < limit and self.mention_at(pos) is None:
            step = _CONNECTOR.match(folded, pos, limit)
            if step and step.group() in _BRANCH and self.mention_at(self.skip(step.end(), limit)) is None \
                    and _before_spaces(folded, pos) not in self._by_end:
                break  # "Chi nhánh Văn phòng …": a branch named for itself (not "Ngân hàng Nhà nước Chi nhánh …")
            province = None if step else self.registry.province_pattern.match(folded, pos, limit)
            nxt = step.end() if step else (province.end() if province else pos)
            if nxt <= pos:
                title = titles.pattern.match(folded, pos, limit)
                nxt = (self._name_in_title(pos, title.end()) if deputies else title.end()) if title else pos
            if nxt <= pos:
                break
            pos = nxt
        return min(pos, limit)

    def _title_between(self, start: int, end: int) -> bool:
        """A person's title, and no separator, stands between two names of a list: the title
        goes on the name before it ("Phó Thủ tướng Thường trực Chính phủ"), no second item."""
        gap = self.doc.folded[start:end]
        return _LIST_BREAK.search(gap) is None and self.cues["person-title"].search(gap) is not None

    def _name_in_title(self, start: int, end: int) -> int:
        """Where a person's title that spans [start, end) ends, or the start of a body's name
        that its words go on into ("Phó Thủ tướng Chính phủ": a deputy of the Prime Minister,
        named by the title's last words, as "Bộ trưởng Bộ Xây dựng" is by the words after it)."""
        i = bisect.bisect_right(self._starts, start)
        return self._starts[i] if i < len(self._starts) and self._starts[i] < end else end

    # ------------------------------------------------------------------ lists

    def list_after(self, pos: int, limit: int) -> tuple[list[str], int]:
        """Codes of the agency list that starts at ``pos`` (after connectors), and where it ends."""
        codes: list[str] = []
        end = pos
        while True:
            here = self.skip(end, limit, deputies=not codes)
            if codes and self._title_between(end, here):
                return real_codes(codes), end  # "Phó Thủ tướng Thường trực Chính phủ": one person, not two bodies
            mention = self.mention_at(here)
            if mention is None or mention.end > limit:
                run = self._unregistered_run(here, limit)
                if run is None and codes and _OBJECT_JOINT.fullmatch(self.doc.folded, end, here) \
                        and self.doc.work[here:here + 1].isupper() \
                        and (last := self.unregistered_object(here, limit)) is not None:
                    run = [last.code], last.end  # "Đề nghị Thuế tỉnh, Chi cục Hải quan khu vực XI tăng cường …":
                    # a name outside the registry ends the list (a name: capitalised, not "…, đảng ủy trực thuộc …")
                if run is None and codes and _LIST_BREAK.search(self.doc.folded, end, here) \
                        and (past := self._nameless_piece(here, limit)) is not None:
                    end = past  # "…; Thống kê tỉnh; các đơn vị, địa phương liên quan": the list goes on
                    continue
                if run is None:
                    general = self._in_general(here, limit) if codes else None
                    joint = self._joint_after_general(general.end(), limit) if general else None
                    if joint is not None:
                        end = joint  # "… và cơ quan, địa phương liên quan", "các sở, cơ quan liên quan, Ủy ban
                        continue  # nhân dân các xã": bodies in general among the list, which goes on
                    return real_codes(codes), end
                names, end = run
                codes.extend(names)
                continue
            shorts = self.short_names_after(mention, limit)
            if shorts:  # "các Sở: Tài chính, Xây dựng, Công Thương": the departments named
                codes.extend(n.code for n in shorts)
                end = shorts[-1].end
                continue
            codes.extend(sorted(self.codes_of(mention)))
            end = mention.end
            if place := _OF_PLACE.match(self.doc.folded, _after_spaces(self.doc.folded, end, limit), limit):
                end = place.end()  # "Các cơ quan thông tin, truyền thông của tỉnh: …": whose they are
            elif owner := self._owner_after(end, limit):
                end = owner  # "… Thủ trưởng các cơ quan, đơn vị thuộc Ủy ban nhân dân thành phố; Chủ tịch …":
                # the body they belong to says whose they are, and the list goes on after it

    def _owner_after(self, pos: int, limit: int, one: bool = False) -> int | None:
        """Where the body that the bodies before ``pos`` belong to ends ("thuộc Ủy ban nhân dân
        thành phố", cue set belongs-to, then a body's name), or None. With ``one`` the owner is
        one body: in a list of names alone (a heading, a cell) the next name is another of
        the list ("Trách nhiệm của các sở thuộc Ủy ban nhân dân tỉnh, Ủy ban nhân dân các xã")."""
        belongs = self.cues["belongs-to"].at(self.doc.folded, pos, limit)
        if belongs is None:
            return None
        owner = self.mention_at(_after_spaces(self.doc.folded, belongs.end(), limit))
        if owner is None or owner.end > limit or UNSPECIFIED in self.codes_of(owner):
            return None
        kinds = self._kinds(owner)
        end = owner.end
        while not one and (more := self.mention_at(self.skip(end, limit))) is not None and more.end <= limit \
                and self._kinds(more) == kinds and ";" not in self.doc.folded[end:more.start]:
            end = more.end  # "… thuộc Bộ Xây dựng, Bộ Quốc phòng": the owners go on while they are bodies alike,
            # up to a ";" ("… thuộc Ủy ban nhân dân thành phố; Ủy ban nhân dân các xã …" lists on)
        return end

    def _kinds(self, mention: Mention) -> set[tuple[str | None, str | None]]:
        """(level, kind) of the bodies a mention names."""
        return {(a.level, a.kind) if (a := self.registry.agencies.get(c)) is not None else (None, None)
                for c in self.codes_of(mention)}

    def short_names_after(self, mention: Mention, limit: int) -> list[Name]:
        """The departments (ministries) a mention of the departments (ministries) in general
        names by short name after it, after a colon or, capitalised, right after ("các Sở: Tài
        chính, Xây dựng, Công Thương …", "Giám đốc các Sở: Y tế, Giáo dục và Đào tạo; …", "các
        Bộ Tư pháp, Tài chính, …"); none when no short name follows it."""
        folded = self.doc.folded
        level = self._collective_level(mention)
        if level is None:
            return []
        colon = _COLON.match(folded, mention.end, limit)
        names: list[Name] = []
        pos = colon.end() if colon is not None else _after_spaces(folded, mention.end, limit)
        if colon is None and not self.doc.work[pos:pos + 1].isupper():
            return []  # ("các bộ, ngành xây dựng …": a verb, no short name)
        while (short := self.registry.short_name_pattern.match(folded, pos, limit)) is not None:
            code = self.registry.short_name_codes[alias_key(short.group())]
            if level == "NationalLevel":  # "các Bộ: Tài chính, Xây dựng": the ministries
                code = self.registry.agencies[code].national_counterpart or code
            elif self.registry.agencies[code].level == "NationalLevel":
                break  # a ministry's short name ("Quốc phòng") names no department
            names.append(Name(code, short.start(), short.end()))
            separator = _SHORT_SEPARATOR.match(folded, short.end(), limit)
            if separator is None or ";" in separator.group() and not self.doc.work[separator.end():][:1].isupper():
                break  # ("các Sở: Xây dựng, Tài chính; Khoa học và Công nghệ; Công an tỉnh …": the list goes on)
            pos = separator.end()
        return names

    def _collective_level(self, mention: Mention) -> str | None:
        """The level of the bodies in general a mention names ("các Sở": provincial, "các Bộ":
        national), or None when it names a body."""
        for code in self.codes_of(mention):
            agency = self.registry.agencies.get(code)
            if agency is not None and agency.kind == "Collective" and agency.level in ("ProvincialLevel",
                                                                                       "NationalLevel"):
                return agency.level
        return None

    def _unregistered_run(self, pos: int, limit: int) -> tuple[list[str], int] | None:
        """(``OTHER:`` codes, end) of names outside the registry that stand in a list before
        a registered one ("phối hợp với Ban Chính sách, chiến lược Trung ương, Bộ Khoa học và
        Công nghệ"). The run ends at the separator before the next registered name; it is cut
        at each separator followed by a head noun ("Văn phòng Quốc hội, Văn phòng Chủ tịch
        nước"), and a piece that opens with none stays with the name before it."""
        if not self._opens_name(pos, limit) or self.doc.folded[max(0, pos - 3):pos].rstrip().endswith("("):
            return None  # (a unit in brackets names who in the body before it does the work)
        i = bisect.bisect_left(self._starts, pos)
        if i >= len(self.mentions) or self.mentions[i].start >= min(limit, pos + 120):
            return None
        folded = self.doc.folded
        separator = _RUN_END.search(folded, pos, self.mentions[i].start)
        if separator is None or separator.start() <= pos:
            return None
        pieces: list[list[int]] = []
        for piece_start, piece_end in _pieces(folded, pos, separator.start()):
            if self.cues["generic-item"].at(folded, piece_start, piece_end) or self.in_general(piece_start, piece_end):
                break  # "… và các cơ quan, đơn vị", "…, cơ quan, địa phương liên quan": the names end, bodies in
                # general follow (not a name's second piece, as "chiến lược Trung ương" of "Ban Chính sách, …")
            if pieces and not self._opens_name(piece_start, piece_end):
                if ";" in folded[pieces[-1][1]:piece_start]:
                    break  # "Trung tâm dữ liệu quốc gia; Cơ quan, tổ chức, cá nhân": a ";" never joins one name
                pieces[-1][1] = piece_end  # "Ban Chính sách, chiến lược Trung ương": one name
            else:
                pieces.append([piece_start, piece_end])
        if not pieces or not all(self._is_name(a, b) for a, b in pieces):
            return None
        return [self._unregistered_code(a, b) for a, b in pieces], pieces[-1][1]

    def in_general(self, pos: int, end: int) -> bool:
        """Bodies in general, in lower case, start at ``pos`` ("cơ quan, địa phương liên quan"):
        where a name outside the registry ends ("Cơ quan Thường trực …" opens one)."""
        return self._in_general(pos, end) is not None

    def _in_general(self, pos: int, end: int) -> re.Match[str] | None:
        if pos >= end or not self.doc.work[pos].islower():
            return None
        return self.cues["body-in-general"].exact.match(self.lower, pos, end)

    def _joint_after_general(self, pos: int, limit: int) -> int | None:
        """Where the list goes on after bodies in general: at a "," or "và" a few words on
        ("cơ quan liên quan, …", "cơ quan cấp tỉnh, …") that a registered name follows; None
        when a name stands among those words ("cơ quan trực thuộc Chính phủ": of whom, not who)."""
        joint = _OBJECT_JOINT.search(self.doc.folded, pos, min(limit, pos + _GENERAL_TAIL_CHARS))
        if joint is None or not self._general_tail(pos, joint.start()) or self.mention_at(joint.end()) is None:
            return None
        return joint.start()

    def _general_tail(self, start: int, end: int) -> bool:
        """The words after a noun of bodies in general only qualify it ("liên quan", "cấp tỉnh",
        "kinh tế"): a few, no name among them, no verb of work ("tổ chức tập huấn" is a duty)."""
        return len(self.doc.folded[start:end].split()) <= _GENERAL_TAIL_WORDS and not self.within(start, end) \
            and self.cues["duty-verb"].search(self.doc.folded, start, end) is None

    def _unregistered_code(self, start: int, end: int) -> str:
        """The code of a name the registry does not hold as written: the registered body
        it is one letter away from ("Sở Sây dựng" is DOC), else ``OTHER:<name>``."""
        codes = {code for alias in near_aliases(self.registry, alias_key(self.doc.folded[start:end].strip(" .:;,()*")))
                 for code in (self.registry.national_alias_codes.get(alias) if self.national else None)
                 or self.registry.alias_codes.get(alias, ())}
        if len(codes) == 1 and UNSPECIFIED not in codes:
            return codes.pop()
        return unregistered_code(_clean_name(self.doc.text[start:end]))

    def may_name(self, start: int, end: int) -> bool:
        """The span names a body: a registered one, or a head noun that can open a name
        ("Cục Phòng bệnh", "Vụ Kế hoạch - Tài chính"); without either no list reader can find one."""
        if self.within(start, end) or self.cues["agency-head"].exact.search(self.lower, start, end):
            return True
        proper = self.cues["agency-head-proper"].exact
        return any(self._proper_head(m.start(), end) for m in proper.finditer(self.lower, start, end))

    def _opens_name(self, pos: int, end: int) -> bool:
        """A body's name may start at ``pos``: a head noun ("Văn phòng", "Ban" before a capital)."""
        return bool(self.cues["agency-head"].exact.match(self.lower, pos, end) or self._proper_head(pos, end))

    def list_before(self, pos: int, floor: int) -> tuple[list[str], int]:
        """Codes of the agency list that ends just before ``pos`` (a subject), and where it starts."""
        folded = self.doc.folded
        codes: list[str] = []
        start = pos
        semicolon: tuple[int, int] | None = None  # (codes, start) where the list first went back over ";"
        before_general: tuple[int, int] | None = None  # (codes, start) where it first went back over bodies in general
        while pos > floor:
            window = max(floor, pos - 40)  # the gap before a list item is a few words at most
            gap = (_GAP_BETWEEN if codes else _GAP_BEFORE).search(folded, window, pos)
            end = gap.start() if gap else pos
            mention = self._by_end.get(end)
            if mention is None:
                province = self._province_before(end, floor)
                mention = self._unregistered_before(end, floor)
                if province is not None and (mention is None or mention.start >= province):
                    pos = province  # ("Các cơ quan chuyên môn cấp tỉnh và …": a registered name's level word;
                    continue  # "Trung tâm Kiểm soát bệnh tật tỉnh chủ trì": the word ends a name outside the registry)
                if mention is None:
                    general = self._general_before(end, floor) if codes and _PIECES.search(folded, end, pos) else None
                    if general is None:
                        break
                    if before_general is None:
                        before_general = (len(codes), start)
                    pos = general  # "Doanh nghiệp, tổ chức, cơ sở giáo dục có trách nhiệm": bodies in
                    continue  # general among the list, which goes on before them
            if mention.start < floor:
                break
            before = mention.start
            while before > floor and folded[before - 1] == " ":
                before -= 1
            if not codes and before > floor and folded[before - 1] == "(" and ")" in folded[end:pos]:
                # "Sở Khoa học và Công nghệ (Trung tâm Chuyển đổi số) chủ trì": the unit in brackets
                # names who in the body before it does the work; the body leads
                pos = start = before - 1
                continue
            if semicolon is None and ";" in folded[end:pos] and codes:
                semicolon = (len(codes), start)
            codes[:0] = sorted(self.codes_of(mention))
            pos = start = mention.start
        if semicolon is not None and folded[floor:start].strip(" *") \
                and not _CLAUSE_OPENS.search(folded, max(floor, start - 40), start):
            # "Sở A; Sở B; Sở C có trách nhiệm" is one list, opening its clause; in "… ý kiến
            # Thành viên Chính phủ; Bộ Công an chịu trách nhiệm" the list starts after the ";"
            kept, start = semicolon
            codes = codes[len(codes) - kept:]
        if before_general is not None and len(codes) > before_general[0] and folded[floor:start].strip(" *") \
                and not _CLAUSE_OPENS.search(folded, max(floor, start - 40), start):
            # a list that went back over bodies in general must open its clause: in "… trên cơ sở đề xuất của
            # Sở A hoặc các sở, ngành, địa phương có liên quan, Sở Tài chính chủ trì" the list is Sở Tài chính
            kept, start = before_general
            codes = codes[len(codes) - kept:]
        return real_codes(codes), start

    def names_only(self, start: int, end: int) -> bool:
        """The words from ``start`` to ``end`` are pieces of a list, each opening with a body's
        name and closed by a separator ("Ban Chỉ đạo các Chương trình mục tiêu quốc gia thành
        phố, " before the rest of a list): names, and no clause of their own."""
        folded = self.doc.folded
        pos = _after_spaces(folded, start, end)
        if pos >= end:
            return False
        while pos < end:
            mention = self.mention_at(pos)
            if mention is None and not self._opens_name(pos, end):
                return False
            cut = _PIECES.search(folded, mention.end if mention is not None else pos, end)
            if cut is None or (mention is None and not self._is_name(pos, cut.start())):
                return False
            pos = cut.end()
        return True

    def _unregistered_before(self, end: int, floor: int) -> Mention | None:
        """A body outside the registry whose name ends at ``end`` and is a whole piece of a
        list or opens its clause ("Trung tâm Y tế huyện, Sở Y tế chủ trì", "Sở Tài chính, Kho
        bạc Nhà nước tỉnh chủ trì"), as a mention of its own; None when the words are not one."""
        folded = self.doc.folded
        low = max(floor, end - 100)
        cuts = list(_PIECE_CUT.finditer(folded, low, end))
        if not cuts and low > floor:
            return None  # no separator within reach: running text, not a name
        begin = self._piece_start(cuts, floor if low == floor else None, end)
        if begin >= end or self.within(begin, end):
            return None
        while (opener := next((m for name in _NAME_OPENERS
                               if (m := self.cues[name].pattern.match(folded, begin, end)) is not None), None)):
            begin = _after_spaces(folded, opener.end(), end)  # past a title or the verb that gives the work:
            # "Giám đốc Trung tâm … có trách nhiệm", "Chỉ đạo Quân chủng Hải quân chủ trì …"
        if self.within(begin, end) or self.covering(begin) is not None or not self._opens_name(begin, end):
            return None
        verb = self._duty_verb_after_name(begin, end)
        if verb is not None and self._adverbs_only(verb.start(), end):
            end = _before_spaces(folded, verb.start())  # "Ban Quản lý Dự án 85 khẩn trương tiếp tục chủ trì"
        if not self._is_name(begin, end):
            return None
        return Mention(begin, end, frozenset({self._unregistered_code(begin, end)}))

    def _piece_start(self, cuts: list[re.Match[str]], floor: int | None, end: int) -> int:
        """Where the piece of a list that ends at ``end`` starts: after the last of ``cuts``
        (at ``floor`` when there are none; ``floor`` is None when the words read back did not
        reach it); back over a "và" when the capitalised words after it
        open no name and the words before it do, with no registered name among them ("Phòng Tài
        nguyên và Môi trường huyện": one name outside the registry, not "Môi trường huyện")."""
        folded = self.doc.folded

        def opening(pos: int) -> int:
            return pos + len(folded[pos:end]) - len(folded[pos:end].lstrip(" *"))

        i = len(cuts) - 1
        begin = opening(cuts[i].end()) if cuts else opening(floor)
        while i >= 0 and cuts[i].group().strip() in ("va", "and") and self.doc.work[begin:begin + 1].isupper() \
                and not self._opens_name(begin, end):
            earlier = cuts[i - 1].end() if i > 0 else floor
            if earlier is None:
                break
            earlier = opening(earlier)
            if not self._opens_name(earlier, end) or self.within(earlier, end):
                break
            begin, i = earlier, i - 1
        return begin

    def _adverbs_only(self, start: int, end: int) -> bool:
        """Adverbs (cue set duty-adverb) and nothing else from ``start`` to ``end`` ("khẩn trương tiếp tục")."""
        pos = start
        while (word := self.cues["duty-adverb"].at(self.doc.folded, pos, end)) is not None:
            pos = word.end()
        return pos > start and not self.doc.folded[pos:end].strip()

    def _general_before(self, end: int, floor: int) -> int | None:
        """Start of a piece of a list, ending at ``end``, that names bodies in general ("tổ
        chức", "cơ quan liên quan"), when a "," or "và" comes before it; else None."""
        cut = max((m for m in _PIECE_CUT.finditer(self.doc.folded, max(floor, end - _GENERAL_TAIL_CHARS), end)),
                  key=lambda m: m.end(), default=None)
        if cut is None or not _PIECES.fullmatch(cut.group()):
            return None
        general = self._in_general(cut.end(), end)
        if general is None or not self._general_tail(general.end(), end):
            return None
        return cut.start()

    def _province_before(self, end: int, floor: int) -> int | None:
        """Start of "tỉnh Đồng Nai" / "thành phố" ending at ``end``, to read past it."""
        for found in self.registry.province_pattern.finditer(self.doc.folded, max(floor, end - 40), end):
            if found.end() == end:
                start = found.start()
                if len(self.doc.folded[:start].rstrip()) in self._by_end:
                    return start  # "Ủy ban nhân dân tỉnh" | "Khánh Hòa": the name itself ends with its level's word
                head = re.search(r"(?:tinh|thanh pho|tp\.?)\s*$", self.doc.folded[max(floor, start - 12):start])
                if head is not None:
                    return self._owned_from(max(floor, start - 12) + head.start(), floor)
                break  # a place's bare name after words that are no registered name ends that name
                # ("Học viện Chính trị quốc gia Hồ Chí Minh", "Trung tâm Y tế Đồng Nai")
        match = self.cues["province-word"].ending_at(self.doc.folded, end, max(floor, end - 16))
        return self._owned_from(match.start(), floor) if match else None  # ("Các cơ quan chuyên môn cấp tỉnh và …")

    def _owned_from(self, place: int, floor: int) -> int:
        """Where the place's words that end a name begin, with the word of whose it is before
        them ("Các cơ quan báo chí của thành phố Hà Nội có trách nhiệm": cue set owner-word)."""
        owner = self.cues["owner-word"].ending_at(self.doc.folded, place, max(floor, place - 8))
        return owner.start() if owner is not None else place

    def names(self, start: int, end: int) -> list[Name]:
        """Agencies of a list where only names are expected: a field value, a table cell, a
        heading. Each ";"-clause contributes the list it opens; unknown bodies that open
        with a head noun come back as ``OTHER:<name>``."""
        if (start, end) not in self._named:
            self._named[start, end] = self._names(start, end)
        return list(self._named[start, end])

    def _names(self, start: int, end: int) -> list[Name]:
        out: list[Name] = []
        names = [(m.start, m.end) for m in self.within(start, end)]
        for clause_start, clause_end in _clauses(self.doc.folded, start, end, names):
            out.extend(self._leading_names(clause_start, clause_end))
        seen: dict[str, Name] = {}
        for name in out:
            seen.setdefault(name.code, name)
        return [n for n in seen.values() if n.code != UNSPECIFIED]

    def heading_names(self, start: int, end: int) -> list[Name]:
        """Agencies a heading names, after words such as "Trách nhiệm của", "Đề nghị"."""
        prefix = self.cues["role:heading"].at(self.doc.folded, start, end)
        return self.names(prefix.end() if prefix else start, end)

    def _leading_names(self, start: int, end: int) -> list[Name]:
        folded = self.doc.folded
        heads = self.cues["agency-head"]
        out: list[Name] = []
        pos = start
        ellipsis = False  # "Các Sở: Tài chính, Xây dựng" names departments by short name
        while pos < end:
            pos = self.skip(pos, end)
            if pos >= end:
                break
            mention = self.mention_at(pos)
            if mention is not None and mention.end <= end:
                shorts = self.short_names_after(mention, end)
                if shorts:  # "Các Sở: Khoa học và Công nghệ, …" ("Các Bộ: …"): the bodies named follow
                    out += shorts
                    pos = shorts[-1].end
                    continue
                pos = mention.end
                codes = self.codes_of(mention)
                if (owner := self._owner_after(pos, end, one=True)) is not None:
                    if UNSPECIFIED in codes:  # "Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch": the
                        codes = {c for m in self.within(pos, owner) for c in self.codes_of(m)}  # ministry's own
                    pos = owner  # "các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh": whose they are, part of their name
                pos = self._written_on(mention.start, pos, end)
                out += [Name(c, mention.start, pos) for c in sorted(codes)]
                continue
            prefix = _SHORT_NAME_PREFIX.match(folded, pos, end)
            if prefix and prefix.end() > pos and folded[pos:prefix.end()].rstrip().endswith(":"):
                ellipsis = True
                pos = prefix.end()
                continue
            piece_end = _piece_end(self, folded, pos, end)
            key = alias_key(folded[pos:piece_end])
            short = self.registry.short_name_codes.get(re.sub(r"^(?:cac )?so\b\s*", "", key)) if key else None
            if short and self.registry.agencies[short].kind != "ProvincialDepartment":
                short = None  # (a ministry's short name, "Quốc phòng", only after "các Bộ:")
            department = bool(out) and self.registry.agencies.get(out[-1].code) is not None \
                and self.registry.agencies[out[-1].code].kind == "ProvincialDepartment"
            if short and (ellipsis or department or key.startswith(("so ", "cac so "))):
                # "Các Sở: Tài chính, Xây dựng", "Sở Khoa học và Công nghệ, Tài nguyên và Môi trường"
                out.append(Name(short, pos, piece_end))
                pos = piece_end
                continue
            head = heads.exact.match(self.lower, pos, end) or self._proper_head(pos, piece_end)
            if head and (bracket := folded.find("(", pos, piece_end)) > pos \
                    and not self._is_name(pos, piece_end) and self._is_name(pos, bracket):
                named = _before_spaces(folded, bracket)  # "Cục Điện ảnh (Số 147 Hoàng Hoa Thám, …)": the name,
                out.append(Name(self._unregistered_code(pos, named), pos, named))  # then where it sits
                close = folded.find(")", bracket, end)
                pos = close + 1 if close >= 0 else end
                continue
            if head and self._is_name(pos, piece_end):
                if self._fields_to_end(piece_end, end) and self._is_name(pos, _before_spaces(folded, end)):
                    piece_end = _before_spaces(folded, end)  # "Vụ Kế hoạch, Tài chính" in its cell
                out.append(Name(self._unregistered_code(pos, piece_end), pos, piece_end))
                pos = piece_end
                continue
            if piece_end < end and self._proper_piece(pos, piece_end):
                pos = piece_end  # "VNPT Quảng Trị, UBND các xã": a body with no head noun, not kept
                continue
            general = self._in_general(pos, end) if out else None
            joint = self._joint_after_general(general.end(), end) if general else None
            if joint is not None:
                pos = joint  # "Văn phòng Ban Chỉ huy và cơ quan, địa phương liên quan": the list goes on
                continue
            if general and (owner := self._owner_after(general.end(), end, one=True)) is not None:
                out[-1] = Name(out[-1].code, out[-1].start, owner)  # "các sở, cơ quan thuộc Ủy ban nhân dân
                pos = owner  # tỉnh": bodies alike the ones before, whose owner says whose they are
                continue
            break
        return out

    def _written_on(self, start: int, pos: int, end: int) -> int:
        """Where a registered name that ends at ``pos`` ends as written where only names are
        expected (a cell, a field): over a few words in lower case its alias lacks, when a
        separator and another registered name follow them ("Ban Quản lý các Khu công nghiệp
        khu kinh tế, Sở Tài chính, …"), so that the list reads on; ``pos`` itself otherwise.
        (Not in running text: there such words are a clause going on, "Thủ tướng nhấn mạnh, các
        bộ ngành phải …".)"""
        folded = self.doc.folded
        if pos >= end or not folded[pos].isspace():
            return pos
        stop = _piece_end(self, folded, pos, end)
        words = self.doc.work[pos:stop].split()
        if stop >= end or folded[stop] not in ",;" or not 1 <= len(words) <= _TAIL_WORDS \
                or any(not w[:1].islower() for w in words) or self.within(pos, stop) \
                or self.cues["duty-verb"].search(folded, pos, stop) or not self._is_name(start, stop) \
                or self.mention_at(self.skip(stop + 1, end)) is None:
            return pos
        return stop

    def _fields_to_end(self, pos: int, end: int) -> bool:
        """From the comma at ``pos`` to the end of a span that holds only names (a cell, a
        field's value, a heading), short capitalised pieces with no body's name, head noun or
        bodies in general: the fields of the name before the comma ("Vụ Kế hoạch, Tài chính",
        "Cục Thông tin, Thống kê"), not bodies of their own. (Pieces in lower case may be a
        clause: "Lãnh đạo Trung tâm, gồm có"; so "Cục Quản lý, giám sát kế toán, kiểm toán"
        stays cut.)"""
        folded = self.doc.folded
        if not folded.startswith(",", pos):
            return False
        pieces = _pieces(folded, pos + 1, end)
        return bool(pieces) and not self.within(pos + 1, end) and all(
            1 <= len(folded[s:e].split()) <= _FIELD_PIECE_WORDS and not any(c.isdigit() for c in folded[s:e])
            and self.doc.work[s:e].lstrip()[:1].isupper()
            and not self.cues["agency-head"].exact.search(self.lower, s, e)
            and self._proper_head(s, e) is None and not self.in_general(s, e) for s, e in pieces)

    def _proper_piece(self, start: int, end: int) -> bool:
        """A piece of a list of names that is a proper name without a head noun ("VNPT Quảng
        Trị", "Viettel Quảng Trị"): capitalised, at most five words, half or more of them
        capitalised, and no role or duty words. The list goes on after it."""
        words = self.doc.work[start:end].split()
        tail = self.cues["name-tail"].ending_at(self.lower, _before_spaces(self.lower, end), start, exact=True)
        named = len(self.doc.work[start:tail.start()].split()) if tail is not None else len(words)
        # (a level word that ends it is no word of the proper name: "Thống kê tỉnh", the statistics office)
        return 0 < len(words) <= 5 and words[0][:1].isupper() \
            and 2 * sum(w[:1].isupper() for w in words[:named]) >= max(1, named) and self._is_name(start, end)

    def _nameless_piece(self, pos: int, limit: int) -> int | None:
        """Where a piece of a list that names a body of the province by its field and level, with
        no head noun, ends ("…; Thống kê tỉnh; các đơn vị, địa phương liên quan …"), when a separator
        follows it and the list goes on with a body's name or bodies in general; None otherwise.
        The piece is read past, not kept (it has no code of its own). (A level word must end it: in
        running text a person's name is such a piece too, "Phó Thủ tướng Trần Hồng Hà, …; Bộ trưởng …";
        and a separator must open it, or it ends the name before it: "Đảng ủy các cơ quan Đảng Trung ương".)"""
        folded = self.doc.folded
        piece_end = _piece_end(self, folded, pos, limit)
        if piece_end >= limit or folded[piece_end] not in ",;" or not self._proper_piece(pos, piece_end) \
                or self.cues["name-tail"].ending_at(self.lower, piece_end, pos, exact=True) is None:
            return None
        after = self.skip(piece_end + 1, limit)
        return piece_end if self.mention_at(after) is not None or self.in_general(after, limit) else None

    def unregistered_subjects(self, start: int, end: int) -> list[Name]:
        """Bodies outside the registry that open the span as its subject: head noun, name,
        then the role or verb that makes them the subject ("Kho bạc Khu vực số 18 chỉ đạo …",
        "Ban Quản lý dự án tỉnh có trách nhiệm …", "Hội đồng Dân tộc, Ủy ban Pháp luật phối
        hợp với …"); none when the opening words are not such names."""
        folded = self.doc.folded
        pos = self.skip(start, end)
        if pos >= end or self.mention_at(pos) is not None:
            return []
        window = min(end, pos + 160)
        head_last = None  # (where an English name with its head noun last starts: "The … Office shall …")
        if not self._opens_name(pos, end):
            run_end = self._capitalised_run_end(pos, window)
            if (head_last := self._head_last_name(pos, run_end)) is None:
                return []  # (one look at the opening words before the verbs are sought)
        verbs = [m for name in ("role:lead", "role:responsible", "role:assigner", "role:director", "role:coordinate")
                 if (m := self._first_written(name, pos, window, lower=True)) is not None
                 and not (name == "role:assigner" and self.cues["assign-word-of"].exact.match(
                     self.lower, _after_spaces(self.lower, m.end(), window)))]
        # ("Ban Quản lý dự án … công trình giao thông Thành phố …": the "giao" of "giao thông" assigns nothing)
        # (the name's own words are capitalised: "Ban Chỉ đạo …" is no "chỉ đạo"; "Văn phòng Ban Chỉ đạo …
        # phối hợp với Bộ X theo dõi …": working with another, the body does the work)
        duty = self._duty_verb_after_name(pos, window)
        if duty is not None and (adverb := self._first_written("duty-adverb", pos, duty.start())) is not None:
            duty = adverb  # ("Ban Quản lý Dự án 85 khẩn trương hoàn thiện …": the adverb is no word of the name)
        if duty is not None:
            verbs.append(duty)
        stops = [m.start() for m in verbs]
        if (labelled := self._labelled_duty(pos, window)) is not None and (not stops or labelled < min(stops)):
            stops.append(labelled)  # ("Văn phòng Bộ: Thực hiện tốt …": the name labels the work after it)
        if not stops:
            return []
        stop = min(stops)
        while stop > pos and folded[stop - 1] in " \n,":
            stop -= 1
        if head_last is not None:
            if stop != run_end:
                return []  # the capitalised words run right up to the verb, or they name no subject
            pos = head_last
        if stop <= pos or self.within(pos, stop) or self.cues["negation"].ending_at(self.lower, stop, pos, exact=True):
            return []  # ("… không chịu trách nhiệm …": no subject of a role)
        pieces = self._name_pieces(pos, stop) if head_last is None else [(pos, stop)]
        if not pieces or not all(self._is_name(a, b) for a, b in pieces):
            return []
        return [Name(self._unregistered_code(a, b), a, b) for a, b in pieces]

    def _name_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """The names a list of names outside the registry holds, each ended as :func:`_piece_end`
        ends one, at "," / ";" / "và" ("Hội đồng Dân tộc, Ủy ban Pháp luật"); none when a
        piece is cut by anything else, or one after the first is no capitalised head noun
        and name ("Ban Quản lý có tư cách pháp nhân, có tài khoản", "Kho bạc Nhà nước khu vực
        VI, địa bàn quản lý là …": a clause goes on)."""
        folded = self.doc.folded
        pieces: list[tuple[int, int]] = []
        pos = start
        while pos < end:
            piece_end = _piece_end(self, folded, pos, end)
            if piece_end <= pos or pieces and not (
                    self.doc.work[pos].isupper() and self._opens_name(pos, piece_end)):
                return []
            pieces.append((pos, piece_end))
            if piece_end >= end:
                break
            if (separator := _PIECES.match(folded, piece_end, end)) is None:
                return []
            pos = separator.end()
        return pieces

    def _capitalised_run_end(self, pos: int, end: int) -> int:
        """End of the words from ``pos`` that are capitalised or small joiners ("The National
        Innovation Centre" of "The National Innovation Centre shall …")."""
        run_end = pos
        for word in re.finditer(r"\S+", self.doc.work[pos:end]):
            if not (word.group()[:1].isupper() or word.group() in _ENGLISH_JOINERS):
                break
            run_end = pos + word.end()
        return run_end

    def _head_last_name(self, pos: int, stop: int) -> int | None:
        """Where an English name in the capitalised words from ``pos`` to ``stop`` starts, past
        "The", when the first points at no body (cue set name-determiner: "Each Department")
        and the last is a head noun of cue set agency-head ("The Provincial Statistics Office",
        "The National Innovation Centre"); else None."""
        words = list(re.finditer(r"\S+", self.doc.work[pos:stop]))
        if words and words[0].group().lower() == "the":
            words = words[1:]
        if len(words) < 2 or not self.cues["agency-head"].exact.fullmatch(words[-1].group().lower()) \
                or self.cues["name-determiner"].exact.fullmatch(words[0].group().lower()):
            return None
        return pos + words[0].start()

    def _labelled_duty(self, pos: int, end: int) -> int | None:
        """Where a colon after the words at ``pos`` stands when a verb of work or a role opens
        what follows it, written in either case ("Trung tâm Chuyển đổi số: Tham mưu …"); None
        otherwise."""
        colon = self.doc.folded.find(":", pos, end)
        if colon < 0 or "\n\n" in self.doc.folded[pos:colon]:
            return None
        after = colon + 1
        while after < end and self.doc.folded[after] in " *\n":
            after += 1
        return colon if any(self.cues[name].at(self.doc.folded, after, end) for name in (
            "duty-verb", "role:lead", "role:responsible", "role:coordinate")) else None

    def unregistered_objects(self, start: int, end: int) -> list[Name]:
        """Bodies outside the registry listed right after a role or request word ("phối hợp
        với Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai cung cấp …"): each
        read as :meth:`unregistered_object`, joined by "," or "và"."""
        names: list[Name] = []
        pos = start
        while (name := self.unregistered_object(pos, end)) is not None:
            names.append(name)
            joint = _OBJECT_JOINT.match(self.doc.folded, name.end, end)
            if joint is None:
                break
            pos = joint.end()
        if names and self.doc.folded.startswith(",", names[-1].end):
            names.pop()  # (a name cut only by a comma may run into the words after it: "… Nha Trang từ chối, …")
        return names

    def unregistered_object(self, start: int, end: int) -> Name | None:
        """A body outside the registry that a request or an assignment names right after
        its verb ("Đề nghị Công ty Điện lực Đắk Lắk: Khẩn trương …", "Giao Ban Quản lý dự án
        tỉnh chủ trì …"): a head noun and a name (capitalised, or short), ended by a colon, a
        separator, a role, the verb of its work or its place word before a word in lower case
        (see :meth:`_place_then_lower`); None when the words are not one."""
        pos = self.skip(start, end)
        if pos >= end or self.mention_at(pos) is not None or not self._opens_name(pos, end):
            return None
        window = min(end, pos + 160)
        folded = self.doc.folded
        roles = [m.start() for name in ("role:lead", "role:responsible", "role:coordinate")
                 if (m := self.cues[name].search(folded, pos, window)) is not None]
        roles += [m.start() for m in (_COLON.search(folded, pos, window),) if m is not None]
        stops = roles + [m.start() for m in (_OBJECT_END.search(folded, pos, window),
                                             self.cues["name-ends"].exact.search(self.lower, pos, window),
                                             self.cues["duty-adverb"].search(folded, pos, window),
                                             self.cues["not-in-name"].exact.search(self.lower, pos, window))
                         if m is not None]  # ("phối hợp với Cục Kiểm lâm trình Bộ trưởng …", "Giao Ban
        # Tổ chức Trung ương tiếp tục chủ trì …")
        verb = self._duty_verb_after_name(pos, window)
        if verb is not None and not (roles and self._name_tail_only(verb.end(), min(roles))):
            stops.append(verb.start())  # (not "Ban Quản lý dự án đầu tư xây dựng tỉnh chủ trì": a word of the name)
        stops += [tail.end() for tail in (self._place_then_lower(pos, window),) if tail is not None]
        stops += [m.start() for m in _CONJUNCTION.finditer(folded, pos, window) if self.in_general(m.end(), window)][:1]
        if not stops:
            return None
        stop = min(stops)
        while stop > pos and self.doc.folded[stop - 1] in " \n":
            stop -= 1
        head = self.cues["agency-head"].exact.match(self.lower, pos, stop) or self._proper_head(pos, stop)
        named = self.doc.work[head.end():stop].split() if head is not None else []
        lower_first = next((i for i, word in enumerate(named) if word[:1].isupper()), len(named))
        if not named or lower_first > _LOWER_BEFORE_PROPER and len(named) > _LOWER_NAME_WORDS \
                or self.within(pos, stop) or not self._is_name(pos, stop):
            return None  # ("Đề nghị các cơ quan …": no name of its own; "Văn phòng đăng ký đất đai" is short;
            # "Liên hiệp các hội Khoa học và Kỹ thuật tỉnh" is proper after two words)
        return Name(self._unregistered_code(pos, stop), pos, stop)

    def _place_then_lower(self, start: int, end: int) -> re.Match[str] | None:
        """The first level or place word of a name ("Thành phố", "tỉnh") followed by a word in
        lower case that is none: "Trung tâm Chuyển đổi số Thành phố cấu hình …" ends there."""
        work = self.doc.work
        for tail in self.cues["name-tail"].finditer(self.doc.folded, start, end):
            if work[tail.start()].isupper() and " " not in tail.group() \
                    or self.cues["not-place"].at(self.doc.folded, tail.start(), end):
                continue  # "Tỉnh ủy", "Xã hội", "xã hội": a word of its own, no place
            word = _WORD.search(work, tail.end(), end)
            if word is not None and work[word.start()].islower() \
                    and self.cues["name-tail"].at(self.doc.folded, word.start(), end) is None:
                return tail
        return None

    def _name_tail_only(self, start: int, end: int) -> bool:
        """Nothing but a name's level or place words ("tỉnh", "xã") between ``start`` and ``end``."""
        return not self.doc.folded[self._past_name_tail(start, end):end].strip(" *")

    def _past_name_tail(self, start: int, end: int) -> int:
        """Where the level or place words of a name ("tỉnh", "khu vực") from ``start`` end."""
        pos = start
        while (word := self.cues["name-tail"].at(self.doc.folded, pos, end)) is not None:
            pos = word.end()
        return pos

    def _duty_verb_after_name(self, pos: int, end: int) -> re.Match[str] | None:
        """The first verb of work (cue set duty-verb) written in lower case after a proper
        name: "Trung tâm Kiểm soát bệnh tật tỉnh thực hiện giám sát …" (the name's own words
        are capitalised: "Trung tâm Hỗ trợ …" is no verb). Only after a head noun that is no
        verb itself ("Tổ chức Ngày hội tại thôn …" organises an event); a weak head noun
        only before a capitalised word ("Đài Khí tượng thủy văn khu vực Đông Bắc cung cấp …")."""
        head = self.cues["agency-head"].exact.match(self.lower, pos, end) or self._proper_head(pos, end)
        if head is None or self.cues["duty-verb"].exact.fullmatch(self.lower, head.start(), head.end()):
            return None
        for verb in self.cues["duty-verb"].finditer(self.doc.folded, head.end(), end):
            if self.doc.work[verb.start()].islower():
                if self._tail_then_predicate(verb.end(), end) or self._name_runs_to_role(verb.end(), end):
                    continue  # ("Ban Quản lý dự án đầu tư xây dựng tỉnh khẩn trương hoàn thiện …": a word of the name)
                named = self.doc.work[head.end():verb.start()].split()
                return verb if any(w[:1].isupper() for w in named) else None
        return None

    def _tail_then_predicate(self, start: int, end: int) -> bool:
        """After ``start`` come a name's level or place words (one at least), then an adverb of
        duty, a role or a verb of work: the words before ``start`` end a name."""
        pos = self._past_name_tail(start, end)
        return pos > start and any(self.cues[name].at(self.doc.folded, pos, end) for name in (
            "duty-adverb", "role:lead", "role:responsible", "duty-verb"))

    def _name_runs_to_role(self, start: int, end: int) -> bool:
        """The words after ``start`` run, with no stop and a few words at most, to a place word of
        a name and then a role ("Ban Quản lý dự án đầu tư xây dựng | công trình giao thông Thành
        phố có trách nhiệm …"): the verb before ``start`` is a word of the name."""
        folded = self.doc.folded
        roles = [m.start() for name in ("role:lead", "role:responsible", "role:coordinate")
                 if (m := self.cues[name].search(folded, start, min(end, start + _NAME_RUN_CHARS))) is not None]
        if not roles:
            return False
        role = _before_spaces(folded, min(roles))
        between = folded[start:role]
        return len(between.split()) <= _NAME_RUN_WORDS and not re.search(r"[,.;:()]", between) \
            and self.cues["name-tail"].ending_at(folded, role, start) is not None

    def proper_name_at(self, pos: int, end: int) -> bool:
        """A name written as one starts at ``pos``: a head noun with a capital and a capitalised
        word after it ("Hội đồng Dân tộc", "Trung tâm Y tế"; not "Tổ chức đào tạo …", "Ban hành …")."""
        if not self.doc.work[pos:pos + 1].isupper():
            return False
        head = self.cues["agency-head"].exact.match(self.lower, pos, end)
        if head is None:
            return self._proper_head(pos, end) is not None
        return self.doc.work[head.end():end].lstrip()[:1].isupper()

    def _proper_head(self, pos: int, end: int) -> re.Match[str] | None:
        """A weak head noun ("Hội", "Tổ chức") followed by a capitalised word: "Hội Nông dân",
        "Tổ chức Phát triển Công nghiệp Liên Hợp Quốc", not "hội nghị" or "Tổ chức triển khai"."""
        head = self.cues["agency-head-proper"].exact.match(self.lower, pos, end)
        if head is None or self.doc.work[pos:head.end()].isupper():
            return None
        after = self.doc.work[head.end():end].lstrip()
        return head if after[:1].isupper() else None

    def _is_name(self, start: int, end: int) -> bool:
        """A piece that reads as a body's name: short, with no role or duty words in it."""
        folded = self.doc.folded[start:end]
        words = folded.strip(" .:;,()*").split()
        if len(words) > _MAX_NAME_WORDS or len(words) < 2 or re.search(r"\d{3,}", folded) or _joins_on(words[-1]) \
                or self.cues["name-never-ends"].exact.fullmatch(self.lower[start:end].strip(" .:;,()*").split()[-1]) \
                or ")" in folded.rstrip(" .:;,*)") and folded.count(")") > folded.count("(") \
                or _SENTENCE_INSIDE.search(self.doc.work, start, end):
            return False  # ("Ban" alone names nobody; "… Luật Đất đai và", "Cục An toàn hệ thống các" end in a
            # connector (cue set name-never-ends, as written), cut from its
            # sentence; "phòng Kinh tế) cấp xã" is the end of an aside, not
            # "Trung tâm Dữ liệu quốc gia)" of "Bộ Công an (Trung tâm Dữ liệu quốc gia)"; "… trực tuyến. Điều
            # kiện" runs into the next sentence)
        return not any(self.cues[cue].search(folded) for cue in ("role:lead", "role:coordinate", "role:responsible")) \
            and not self.cues["not-in-name"].exact.search(self.lower, start, end) \
            and not self._runs_on_after_place(start, end) \
            and not self._cuts_a_head(start, end) \
            and not self._clause_on_a_body(start, end)  # ("đang" with its diacritics: not the "đăng" of "đăng ký")

    def _clause_on_a_body(self, start: int, end: int) -> bool:
        """An assigning word, a verb of work or the "do" of who made something, in lower case
        with a body's name or bodies in general right after it, stands in the piece ("Bộ Chính
        trị giao Đảng ủy Chính phủ lãnh đạo", "… giao Ban Tổ chức Trung ương", "Tòa án yêu cầu
        cơ quan", "Tòa án hướng dẫn cơ quan, tổ chức", "Tòa án tiếp nhận tài liệu, chứng cứ do
        cơ quan"): a clause on another body, not one name (the "giao" of "Bộ Ngoại giao" has no
        body after it)."""
        found = itertools.chain(self.cues["role:assign"].finditer(self.doc.folded, start, end),
                                self.cues["duty-verb"].exact.finditer(self.lower, start, end),
                                self.cues["made-by"].exact.finditer(self.lower, start, end))
        return any(self.doc.work[m.start()].islower() and (
            self.mention_at(after := self.skip(m.end(), end)) is not None or self._opens_name(after, end)
            or self.in_general(after, end)) for m in found)

    def _cuts_a_head(self, start: int, end: int) -> bool:
        """The piece ends inside a head noun that goes on after it ("Văn phòng Ban" | "chỉ đạo
        phòng thủ dân sự …": the head "Ban chỉ đạo"): a fragment of a longer name."""
        stop = _before_spaces(self.doc.folded, end)
        word = self.doc.folded.rfind(" ", start, stop) + 1
        head = self.cues["agency-head"].exact.match(self.lower, max(word, start), min(len(self.lower), stop + 40))
        return head is not None and head.end() > stop

    def _runs_on_after_place(self, start: int, end: int) -> bool:
        """A place's proper name ("xã Tân Phú") is followed by two or more words in lower case
        ("Ủy ban nhân dân xã Tân Phú huy động lực lượng"): the name has ended, a sentence goes on."""
        work = self.doc.work
        for unit in self.cues["lower-unit"].finditer(self.doc.folded, start, end):
            words = [m.start() for m in _WORD.finditer(work, unit.end(), end)]
            named = 0
            while named < len(words) and work[words[named]].isupper():
                named += 1
            if named and len(words) - named >= 2 and all(work[w].islower() for w in words[named:named + 2]):
                return True
        return False

    def share(self, start: int, end: int) -> float:
        """Share of the span's letters that are agency names (0..1): tells an agency cell from a sentence."""
        letters = sum(map(str.isalnum, self.doc.folded[start:end])) - sum(
            sum(map(str.isalnum, m.group())) for m in _OF_PLACE.finditer(self.doc.folded, start, end))
        if letters <= 0 or not self.within(start, end) and not self.cues["agency-head"].exact.search(
                self.lower, start, end) and not self.cues["agency-head-proper"].exact.search(self.lower, start, end):
            return 0.0  # no registry name and no head noun: nothing here can be a body's name
        folded, names, mentions = self.doc.folded, self.names(start, end), self.within(start, end)
        codes = {n.code for n in names}

        def read(pos: int) -> bool:
            return any(n.start <= pos < n.end for n in names)

        covered = sum(sum(map(str.isalnum, folded[n.start:n.end])) for n in names)
        covered += sum(sum(map(str.isalnum, folded[m.start:m.end])) for m in mentions
                       if UNSPECIFIED in self.codes_of(m) or self.short_names_after(m, end)  # ("Các Bộ: Y tế")
                       or not read(m.start) and codes.issuperset(self.codes_of(m)))
        # (a body named twice: "UBND thành phố Hà Nội và UBND Thành phố Hồ Chí Minh")
        titles = self.cues["person-title"]
        covered += sum(sum(map(str.isalnum, title.group())) for m in mentions
                       if (title := titles.ending_at(folded, m.start, start)) is not None
                       and not read(title.start()))  # ("Bí thư Tỉnh ủy": a person's title and body)
        ends = {m.end for m in mentions}
        covered += sum(sum(map(str.isalnum, p.group())) for p in self.registry.province_pattern.finditer(
            folded, start, end) if not ends.isdisjoint(_before_place(folded, p.start(), self.cues["province-word"])))
        # ("UBND thành phố Hà Nội": the place a local body is of, named right after it)
        return min(1.0, covered / letters)


_NAME_OPENERS = ("person-title", "role:director")
"""Cue sets of the words a body's name outside the registry may stand after at the start
of its clause, the name being still the subject of the role that follows ("Giao X chủ trì"
is read by the assigning word's own rule)."""


def _before_place(folded: str, pos: int, place_words: CueSet) -> tuple[int, int]:
    """Where the words before a place's name at ``pos`` end, over spaces, and over the kind
    of place too ("tỉnh", "thành phố", "TP.", cue set province-word): a body's name ending at
    either is the place's body ("UBND thành phố Hà Nội", "Sở Tài chính tỉnh Hà Tĩnh")."""
    kind = place_words.ending_at(folded, pos, max(0, pos - _PLACE_KIND_CHARS))
    return _before_spaces(folded, pos), _before_spaces(folded, kind.start()) if kind else pos


_PLACE_KIND_CHARS = 14


def _after_spaces(text: str, pos: int, end: int) -> int:
    """``pos`` moved on over spaces, up to ``end``."""
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _before_spaces(text: str, pos: int) -> int:
    """``pos`` moved back over spaces and emphasis marks."""
    while pos > 0 and text[pos - 1] in " \t\n*":
        pos -= 1
    return pos


_ENGLISH_JOINERS = frozenset({"of", "and", "for", "the"})
"""Small words inside an English body's name ("Centre for Disease Control", "Department of …")."""


def _find_mentions(registry: Registry, cues: Cues, doc: NormalizedText, lower: str) -> list[Mention]:
    found: list[Mention] = []
    compound, tail = cues["compound-head"], cues["compound-tail"]
    friends = frozenset(p.lower() for p in cues["false-friend"].raw_phrases)
    friend_at = [m.start() for m in cues["false-friend"].exact.finditer(lower)]  # one scan, looked up per match
    public = cues["the-public"]
    pos = 0
    while (match := registry.alias_pattern.search(doc.folded, pos)) is not None:
        pos = match.end()
        if compound.ending_at(lower, match.start(), max(0, match.start() - 12), exact=True):
            continue  # "cơ sở y tế": the name is the tail of another noun (not "đồng chí Bộ trưởng")
        last_word = match.start() + match.group().rstrip().rfind(" ") + 1
        if (joined := tail.exact.match(lower, last_word)) is not None and joined.end() > match.end():
            continue  # "các bộ phận giúp việc": the name's last word begins another noun
        key = alias_key(match.group())
        if "," in match.group() and key in registry.unbroken_aliases:
            pos = match.start() + 1  # "… tỉnh, Đoàn TNCS …" is no "Tỉnh đoàn": look again from the next word
            continue
        if key in registry.proper_aliases and doc.work[match.start()].islower():
            continue
        if (served := public.ending_at(lower, match.end(), max(0, match.start() - _PUBLIC_WINDOW), exact=True)) \
                and served.start() < match.start() and not opens_clause(lower, served.start()):
            continue  # "phục vụ người dân, doanh nghiệp": the public served, no body ("Người dân, doanh nghiệp tra
            # cứu …" opens its clause: they act, and the name stays)
        if _holds_one(friend_at, match.start(), match.end()) \
                and _false_friend(registry, friends, key, doc.text[match.start():match.end()]):
            continue
        codes = registry.alias_codes.get(key, frozenset())
        national = registry.national_alias_codes.get(key)
        if not codes and national and found and not doc.folded[found[-1].end:match.start()].strip():
            continue  # "Sở Nội vụ các tỉnh, thành phố trực thuộc trung ương": whose departments, no body of its own
        if codes or national:
            found.append(Mention(match.start(), match.end(), codes, national))
    one_line = doc.folded.replace("\n", " ")  # (a name wrapped by a line break: "12. Ủy" | "ban nhân dân các xã")
    for pattern, code in registry.folded_patterns:
        pos = 0
        while (match := pattern.search(one_line, pos)) is not None:
            if not starts_name(doc.folded, match.start()):
                pos = match.start() + 1  # (bounded here, not by a look-behind that opens the pattern: a
                continue  # pattern that opens with its first words lets the engine skip to them)
            found.append(Mention(match.start(), match.end(), frozenset({code})))
            pos = match.end()
    if registry.abbreviation_pattern is not None:
        for match in registry.abbreviation_pattern.finditer(doc.work):
            found.append(Mention(match.start(), match.end(),
                                 frozenset({registry.abbreviation_codes[match.group()]})))
    for pattern, code in registry.name_patterns:
        for match in pattern.finditer(doc.work):
            if starts_name(doc.work, match.start()):
                found.append(Mention(match.start(), match.end(), frozenset({code})))
    found += _provinces_acting(registry, cues, doc, lower)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    out: list[Mention] = []
    for mention in kept:
        if out and out[-1].end > mention.start:
            continue  # (taken into the lower bodies named before it)
        mention = _lower_body(registry, cues, doc, lower, mention) \
            or _lower_bodies_of(registry, cues, doc, lower, mention, kept) \
            or _joint_office(cues, doc, mention) or mention
        while out and out[-1].start >= mention.start:
            out.pop()  # (the office's first owner, read before the joint name was)
        if out and (party := _party_of_body(registry, cues, doc, out[-1], mention)) is not None:
            out[-1] = party  # "Đảng ủy Chính phủ": the committee, not the Government
            continue
        unit = _unit_of(cues, doc, lower, mention, out[-1].end if out else 0)
        out.append(unit or mention)
    place, level = cues["place-after-name"], cues["place-before-name"]
    if place.search(doc.folded) or level.search(doc.folded) or _TITLE_OF.search(doc.folded):
        placed: list[Mention] = []
        for mention in out:
            mention = _placed(doc, place, level, cues["person-title"], mention, placed[-1].end if placed else 0)
            if not placed or mention.start >= placed[-1].end:
                placed.append(mention)  # ("… báo chí trung ương và địa phương": no second body "địa phương")
        out = placed
    return out


def _provinces_acting(registry: Registry, cues: Cues, doc: NormalizedText, lower: str) -> list[Mention]:
    """A province named as the subject of its clause, as a conclusion notice addresses one
    ("…, thành phố Đà Nẵng cần tập trung thực hiện …", "Tỉnh Quảng Ngãi khẩn trương …"): its
    level word (cue set province-word) and name, then a word of cue set duty-modal (with its
    diacritics: "Căn cứ" is no "cần"), or, where they open the clause, an adverb of duty
    or a role: a mention of the body that cue set province-committee names with the level word
    (its People's Committee). A province named anywhere else is a place ("trên địa bàn tỉnh
    …", "Viện kiểm sát nhân dân thành phố X, tỉnh Y có trách nhiệm …")."""
    acts = cues["duty-modal"].exact
    roles = [cues[name] for name in ("duty-adverb", "role:lead", "role:responsible")]
    if acts.search(lower) is None and not any(cue.search(doc.folded) for cue in roles):
        return []
    committee = cues["province-committee"].raw_phrases[0]
    found: list[Mention] = []
    for word in cues["province-word"].finditer(doc.folded):
        opening = opens_clause(doc.folded, word.start())
        if not opening and not doc.folded[max(0, word.start() - 8):word.start()].rstrip(" *\n").endswith(","):
            continue
        match = registry.province_pattern.match(doc.folded, _after_spaces(doc.folded, word.end(), len(doc.folded)))
        if match is None:
            continue
        after = _after_spaces(doc.folded, match.end(), len(doc.folded))
        if not (acts.match(lower, after) or opening and any(cue.at(doc.folded, after) for cue in roles)):
            continue
        codes = registry.alias_codes.get(alias_key(f"{committee} {word.group()}"))
        if codes:
            found.append(Mention(word.start(), match.end(), frozenset(codes)))
    return found


def _party_of_body(registry: Registry, cues: Cues, doc: NormalizedText, before: Mention,
                   mention: Mention) -> Mention | None:
    """A party committee named by the body it is the committee of (cue set party-of-body, the
    whole mention ``before``, then the body's name after spaces on its line: "Đảng ủy Chính
    phủ", "Đảng ủy Ủy ban nhân dân tỉnh"): one mention of the committee over both names, or None.
    The committee of a central body ("Đảng ủy Chính phủ", "Đảng ủy Công an Trung ương": its body
    national with no level word ending it, or cue set central-level after it) is a body outside
    the registry (the schema's PARTYCOM is a local Party committee); a local body's is PARTYCOM."""
    if doc.folded[before.end:mention.start].strip(" ") or mention.start == before.end \
            or cues["party-of-body"].pattern.fullmatch(doc.folded, before.start, before.end) is None:
        return None
    central = cues["central-level"].at(doc.folded, mention.end)
    end = central.end() if central is not None else mention.end
    levels = {registry.agencies[c].level for c in mention.codes | (mention.national or frozenset())
              if c in registry.agencies}
    local = cues["name-tail"].at(doc.folded, mention.end) or cues["name-tail"].ending_at(
        doc.folded, mention.end, mention.start)  # "… Công an tỉnh", "… Mặt trận Tổ quốc tỉnh"
    if central is None and ("NationalLevel" not in levels or local):
        return replace(before, end=mention.end)  # (a local body: "Đảng ủy Mặt trận Tổ quốc tỉnh")
    return Mention(before.start, end, frozenset({unregistered_code(_clean_name(doc.text[before.start:end]))}))


_TITLE_OF = re.compile(r"\s+of\s+(?:the\s+)?")
"""The English "of" between a person's title and the body the person heads ("Chairpersons of
commune-level People's Committees", "the Director of the Department of …")."""


def _placed(doc: NormalizedText, place: CueSet, level: CueSet, titles: CueSet, mention: Mention,
            floor: int) -> Mention:
    """The mention with the words that place it after it ("The Vietnam Fatherland Front
    Committee of the province", "các cơ quan báo chí trung ương và địa phương", cue set
    place-after-name) or before it ("the Provincial Women's Union", "Trung ương Hội Nông dân
    Việt Nam", cue set place-before-name; not into the name before, which ends at ``floor``),
    and with the title of the person who heads it before them ("Chairpersons of commune-level
    People's Committees", cue set person-title, as "Chủ tịch UBND cấp xã" is one name): part
    of the name, so that a list or a subject reads on past them, and its "of" makes no object
    of the body."""
    found = place.at(doc.folded, mention.end)
    if found and "\n" not in doc.folded[mention.end:found.start()]:
        mention = replace(mention, end=found.end())
    before = level.ending_at(doc.folded, mention.start, max(floor, mention.start - 40))
    if before and _one_space(doc.folded[before.end():mention.start]):
        mention = replace(mention, start=before.start())  # (also over a wrap: "… provincial-level" | "Departments")
    of = next((m for m in _TITLE_OF.finditer(doc.folded, max(0, mention.start - 12), mention.start)
               if m.end() == mention.start and m.group().count("\n") <= 1), None)
    title = titles.ending_at(doc.folded, of.start(), max(0, of.start() - 40)) if of else None
    if title is not None:
        mention = replace(mention, start=title.start())
    return mention


def _one_space(gap: str) -> bool:
    """Words apart by one space or one line break, no more: a name read on over its wrap."""
    return gap in (" ", "\n")


def _lower_bodies_of(registry: Registry, cues: Cues, doc: NormalizedText, lower: str, mention: Mention,
                     mentions: list[Mention]) -> Mention | None:
    """Provincial departments in general that belong to a committee below the province ("cơ
    quan chuyên môn thuộc UBND phường, xã, đặc khu": cue set belongs-to, then a committee
    whose name holds a word of cue set lower-unit) are those lower bodies, outside the
    registry: one mention over both names, or None."""
    if not _provincial(registry, mention, ("Collective",)):
        return None
    belongs = cues["belongs-to"].at(doc.folded, mention.end, min(len(lower), mention.end + _OWNER_WINDOW))
    if belongs is None:
        return None
    i = bisect.bisect_left([m.start for m in mentions], belongs.end())
    owner = mentions[i] if i < len(mentions) else None
    if owner is None or doc.folded[belongs.end():owner.start].strip() \
            or cues["lower-unit"].exact.search(lower, owner.start, owner.end) is None:
        return None
    name = _clean_name(doc.text[mention.start:owner.end])
    return Mention(mention.start, owner.end, frozenset({unregistered_code(name)}))


def _joint_office(cues: Cues, doc: NormalizedText, mention: Mention) -> Mention | None:
    """A body named as the second owner of one office ("Văn phòng Đoàn đại biểu Quốc hội và
    Hội đồng nhân dân tỉnh": cue set joint-office right before it) is part of the office's
    name, not a body of its own (an office is never the council it serves): one mention
    over the office's whole name, outside the registry."""
    opening = cues["joint-office"].ending_at(doc.folded, mention.start, max(0, mention.start - _JOINT_OFFICE_CHARS))
    if opening is None or not starts_name(doc.folded, opening.start()):
        return None
    return Mention(opening.start(), mention.end,
                   frozenset({unregistered_code(_clean_name(doc.text[opening.start():mention.end]))}))


_JOINT_OFFICE_CHARS = 60
_OWNER_WINDOW = 20
_PUBLIC_WINDOW = 30
"""Characters before a name where the words that make it part of "the public" may start."""


def _holds_one(starts: list[int], start: int, end: int) -> bool:
    """One of the sorted positions ``starts`` lies in [start, end)."""
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _false_friend(registry: Registry, friends: frozenset[str], key: str, surface: str) -> bool:
    """The matched words are other words that fold as the name's do: a word of cue set
    false-friend stands where no label of the name has it ("một số ngành" is no "sở,
    ngành", "Hải quân" no "Hải quan"). Text without diacritics is taken as the name."""
    written = registry.alias_words.get(key)
    if not written:
        return False
    words = written_words(surface)
    return len(words) == len(written) and any(
        word in friends and word not in forms for word, forms in zip(words, written, strict=True))


def _joins_on(word: str) -> bool:
    """A folded word that joins what stands before it to what follows (a list's joint, or "của"
    / "of"): no name ends with one."""
    return word in ("cua", "of") or _LIST_BREAK.fullmatch(word) is not None


_UNIT_WINDOW = 60
_UNIT_BREAK = re.compile(r"[,;:()\[\]\s\"“”^.|](?:(?<=[,;:()\[\]\"“”^|])|(?<=\n)(?=[ \t]*(?:\n|[-+•*#|]|\d))"
                         r"|(?<=[.:;!?]\n)|(?<=\s)(?:va|voi|cung|hoac|do|cho|vao|and|with|or|by)\s*$"
                         r"|(?:(?<=[^\W\d_]{3}\.)|(?<=\d\.))(?=\s))")
"""What ends the name of a unit before the body it belongs to: a separator (a table cell's "|"
too), a quotation mark or a footnote's caret, a full stop after a word or a number (not an
abbreviation's: "TP. Hồ Chí Minh"), a line break that ends a paragraph or a line (before a
blank line, a list marker or a number, after a full stop; not the wrap of a crawled line:
"phối hợp với Ban" | "Tuyên giáo và Dân vận Tỉnh ủy"), or a connector or preposition right
before the body's name ("Ban Dân tộc và Sở Nội vụ" is a list of two; "Trạm Y tế cấp xã do
Chủ tịch Ủy ban nhân dân cấp xã bổ nhiệm", "… cho Chủ tịch …" name the body as an agent or a
recipient)."""


def _unit_of(cues: Cues, doc: NormalizedText, lower: str, mention: Mention, floor: int) -> Mention | None:
    """A unit named with the body it belongs to ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ủy ban
    Kiểm tra Tỉnh ủy", "Thanh tra Sở Xây dựng"): a head noun and a proper name run on into
    the registered name, on one line, with no separator and no role or duty word between.
    It is that unit, outside the registry (SCHEMA's rule for units), not the body: its mention."""
    folded = doc.folded
    start = max(floor, mention.start - _UNIT_WINDOW)
    if mention.start - start < 3 or not folded[mention.start - 1].isspace() or mention.codes == {UNSPECIFIED}:
        return None  # (bodies in general have no units: "Cục X chỉ đạo các cơ quan …" is no unit of theirs)
    work = doc.work
    heads = [head for name in ("agency-head", "agency-head-proper")
             for head in cues[name].exact.finditer(lower, start, mention.start)
             if work[head.start()].isupper() and head.end() < mention.start - 1]
    if not heads:
        return None  # (most names: no capitalised head noun before them to open a unit's name)
    cut = next(reversed(list(_UNIT_BREAK.finditer(folded, start, mention.start))), None)  # the last one
    if cut is not None:
        if folded[cut.start():mention.start].strip() and cut.end() >= mention.start - 1:
            return None  # "… và Sở Nội vụ": a connector before the name
        start = cut.end()
    for head in heads:
        if head.start() < start or not starts_name(folded, head.start()):
            continue
        named = doc.work[head.end():mention.start].split()
        if not named or not named[0][:1].isupper():
            continue  # "Ban hành …", "Tổ chức triển khai …": a verb, no name
        if any(word == "và" and not after[:1].isupper() for word, after in zip(named, named[1:] + [""], strict=True)):
            return None  # a name goes on after "và" with a capital ("Ban Tuyên giáo và Dân vận Tỉnh ủy"), a list
            # with a common noun ("Ban Chấp hành Trung ương và lãnh đạo chủ chốt tỉnh uỷ")
        if doc.work[head.start():mention.end].isupper() or _inside_a_name(doc.work, head.start()) \
                or doc.work[head.start():head.end()].isupper() and not doc.work[mention.start:mention.end].isupper():
            return None  # a title in capitals; "Luật Tổ chức Chính quyền địa phương" names a law; "THỨ TRƯỞNG
            # THƯỜNG TRỰC" | "Vũ Hải Quân" is a signature, not a unit of the Navy
        if cues["own-command"].exact.match(lower, head.start()) \
                or cues["leader-title"].exact.match(lower, head.start()) or "các" in named:
            return None  # "Bộ Tư lệnh Bộ đội Biên phòng" is the body, "Bộ Trưởng Bộ Y tế" its minister's: the
            # ministry; "Hội đồng Dân tộc và các Ủy ban …" a list
        if len(named) + 1 > _MAX_NAME_WORDS or any(cues[c].exact.search(lower, head.start(), mention.start) for c in (
                "role:lead", "role:coordinate", "role:responsible", "role:power", "role:assign", "name-ends")) \
                or any(m.start() < mention.start  # (its phrases may run into the name: "… trình Ủy ban nhân dân tỉnh")
                       for m in cues["not-in-name"].exact.finditer(lower, head.start(), mention.end)) \
                or any(doc.work[m.start()].islower()  # (a name's own words are capitalised: "Ủy ban Kiểm tra")
                       for m in cues["duty-verb"].exact.finditer(lower, head.start(), mention.start)):
            return None
        name = _clean_name(doc.text[head.start():mention.end])
        return Mention(head.start(), mention.end, frozenset({unregistered_code(name)}), parent=mention)
    return None


def _lower_body(registry: Registry, cues: Cues, doc: NormalizedText, lower: str, mention: Mention) -> Mention | None:
    """A provincial department's name followed on its line by a commune's or a district's
    word ("Công an xã", "Văn phòng HĐND và UBND xã"; matched with diacritics, so not "Công
    an tỉnh quản lý") names the lower body, outside the registry: its mention, or None."""
    if not _provincial(registry, mention, ("ProvincialDepartment",)):
        return None
    pos = mention.end
    while pos < len(lower) and lower[pos] in " \t":
        pos += 1
    unit = cues["lower-unit"].exact.match(lower, pos)
    if unit is None:
        return None
    name = _clean_name(doc.text[mention.start:unit.end()])
    return Mention(mention.start, unit.end(), frozenset({unregistered_code(name)}))


def _provincial(registry: Registry, mention: Mention, kinds: tuple[str, ...]) -> bool:
    """Every body the mention names is a provincial one of one of ``kinds``."""
    return bool(mention.codes) and all((agency := registry.agencies.get(code)) is not None
                                       and agency.level == "ProvincialLevel" and agency.kind in kinds
                                       for code in mention.codes)


def _inside_a_name(work: str, pos: int) -> bool:
    """The word before ``pos`` is capitalised and does not open its sentence ("… Luật Tổ chức
    …"): the words at ``pos`` go on a name that began before them."""
    before = work[max(0, pos - 40):pos].rstrip(" *")
    words = before.split()
    if not words or not words[-1][:1].isupper() or not words[-1][-1:].isalpha():
        return False
    opener = before[:len(before) - len(words[-1])].rstrip(" *")
    return bool(opener) and opener[-1] not in ".:;!?\n" and not re.search(r"(?:^|\s)[\dIVXa-z]{1,4}[.)]$", opener)


def _clauses(folded: str, start: int, end: int, names: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """";"-separated clauses (and "- " lines) of a span; a line that opens with the dash of a
    name wrapped at it ("các tổ chức chính trị" | "- xã hội", one of ``names``) goes on."""
    out, pos = [], start
    for match in re.finditer(r";|\n\s*[-–—+•]\s", folded[start:end]):
        stop = start + match.start()
        if any(s < stop < e for s, e in names):
            continue
        if stop > pos:
            out.append((pos, stop))
        pos = start + match.end()
    if end > pos:
        out.append((pos, end))
    return out


def _piece_end(index: AgencyIndex, folded: str, pos: int, end: int) -> int:
    """Where a name that starts at ``pos`` ends: at a separator, or at "và" before another name."""
    heads = index.cues["agency-head"]
    for match in _NAME_SEPARATOR.finditer(folded, pos, end):
        if match.group() == "," and _fields_follow(index, folded, match.end(), end):
            continue  # "Trung tâm Xúc tiến đầu tư, thương mại và du lịch": the comma is the name's own
        if match.group().strip() in (",", ";", "/") or match.group().lstrip().startswith(_ITEM_OPENERS):
            return match.start()
        after = index.skip(match.end(), end)
        if index.mention_at(after) is not None or heads.exact.match(index.lower, after, end) \
                or index.in_general(after, end):
            return match.start()
    while end > pos and folded[end - 1] in " \t\n*.":
        end -= 1  # ("Đơn vị thực hiện: …, Trung tâm Thông tin.": the sentence's stop is not the name's)
    return end


def _fields_follow(index: AgencyIndex, folded: str, pos: int, end: int) -> bool:
    """After a comma, the rest of the name is the rest of the fields a body's name lists
    ("…, thương mại và du lịch" of "Trung tâm Xúc tiến đầu tư, thương mại và du lịch"): short
    pieces up to where the list ends, the last with one "và", no body's name or head noun, no
    figure."""
    stop = _NAME_FIELDS_END.search(folded, pos, end)
    stop = stop.start() if stop else end
    if (role := index.cues["role:lead"].search(folded, pos, stop)) is not None:
        stop = role.start()  # ("…, Thương mại và Du lịch tỉnh chủ trì, phối hợp với …": the name ends at its role)
    *pieces, last = folded[pos:stop].split(",")
    words = last.split()
    if not 3 <= len(words) <= _NAME_FIELD_WORDS or words.count("va") != 1 or words[0] == "va" \
            or not 1 <= len(words) - words.index("va") - 1 <= _LAST_FIELD_WORDS \
            or any(w[:1].isdigit() for w in folded[pos:stop].split()) \
            or any(not 1 <= len(piece.split()) <= 3 for piece in pieces):
        return False  # ("…, Nghệ thuật, Thể thao và Du lịch Việt Nam": fields of three words or fewer before the last)
    return not index.within(pos, stop) and not index.cues["agency-head"].exact.search(index.lower, pos, stop) \
        and not index.in_general(index.skip(pos, stop), stop)


_NAME_RUN_CHARS = 80
_NAME_RUN_WORDS = 7
"""How far, and over how many words, a name may run from a verb-like word of its own to its place
word and role ("… đầu tư xây dựng công trình giao thông Thành phố có trách nhiệm …")."""
_FIELD_PIECE_WORDS = 4
"""At most this many words in each field of a name after its first ("…, giám sát kế toán")."""
_NAME_FIELDS_END = re.compile(r"[;:.(]")
_NAME_FIELD_WORDS = 8
_LAST_FIELD_WORDS = 4


def _pieces(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of a span between "," / ";" / "và", spaces trimmed."""
    out, pos = [], start
    for match in _PIECES.finditer(folded[start:end]):
        out.append((pos, start + match.start()))
        pos = start + match.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if b > a]


def _clean_name(text: str) -> str:
    name = squash(re.sub(r"[*_]+", " ", text)).strip(" .:;,()")
    name = name.split(":", 1)[0].rstrip()  # "Văn phòng Bộ: Giúp Bộ trưởng …": no name holds a colon
    if name.count("(") > name.count(")"):
        name = name[:name.rfind("(")].rstrip(" .:;,")  # "Trung tâm Dịch vụ việc làm (Sở Nội vụ": the name before
    return name[:80].rstrip(" .:;,(")


def real_codes(codes) -> list[str]:
    return unique_codes([c for c in codes if c != UNSPECIFIED])


def unique_codes(codes) -> list[str]:
    """The codes in first-seen order, each once (a lead named twice is one lead)."""
    return list(dict.fromkeys(codes))
