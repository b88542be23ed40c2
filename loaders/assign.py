"""Who leads and who coordinates, read from the words of one span.

Each reader returns :class:`Found` agencies with the span of the words that assigned
them; plankg.loaders.tasks decides which reader speaks for a task (its own field, its
own sentence, the lead-in or heading above it). The readers:

* :func:`field_names` — the value of a labelled field ("Cơ quan chủ trì: Sở Khoa học
  và Công nghệ; Sở Tư pháp"), clause by clause;
* :func:`heading_agencies` — a heading that names agencies ("1. Sở Tài chính",
  "Trách nhiệm của Sở Y tế", "12. Đề nghị Ủy ban MTTQ …");
* :func:`sentence_roles` — running text: the list before "chủ trì" / "có trách
  nhiệm" / "shall", the list after "Giao" / "Đề nghị", the subject that opens a
  sentence ("Sở Tài chính phối hợp với …", "Trước ngày 10/4/2025, Bộ Tư pháp chủ trì
  …"), and the lists after "phối hợp với" / "in coordination with". The object of
  "tham mưu", "báo cáo", "trình", "(qua …)" is never read as a role: only subject and
  cue positions are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankg.loaders.agencies import AgencyIndex, Name, real_codes
from plankg.loaders.normalize import before_note, opens_clause
from plankg.loaders.records import Span, unregistered_name
from plankg.loaders.registry import UNSPECIFIED

_OBJECT_BEFORE = r"(?:{0}|[(])\s*$"
"""A word (cue set object:before) or bracket just before a body's name that makes it an
object ("… của Bộ X", "(Sở Y"); object:after words just after a list show it is no subject."""
_ADVERBIAL = r"{0}[^,;:.]{{0,120}},\s*"
"""An adverbial that opens a clause before its subject ("Trước ngày 30/6, …", "Căn cứ
hướng dẫn của Bộ X, …"): its words (cue set clause-adverbial), then up to its comma (see
:func:`_adverbial`)."""
_THEN = re.compile(r"\bthì\b")
_CLAUSE_CLOSED = re.compile(r"[\s*]*[;.](?=[\s*]*\S)")
"""A list of names followed by the end of its clause, and more text after it."""
_SENTENCE = re.compile(r"[.;!?:\n(](?:(?<=[.;!?:])\s+|(?<=\n)\s*[-–—+•]\s*|(?<=\()\d{1,2}\)\s+)")
"""Where a clause opens: after ". ", "; ", ": ", at a "- " line, after an inline item's "(1) "
("(1) Các bộ …"). (It opens with the set of its first characters: the engine skips to them.)"""
_PARTNER_AFTER = r"(?:(?:[ ,]|\n(?!\n))+[^\W\d_]+){{0,4}}?(?: |\n(?!\n))+{0}(?=\s)"
"""Up to four words of manner between "phối hợp" and the word before its partner ("phối hợp
chặt chẽ, thường xuyên với …", "phối hợp, trao đổi thông tin với …", "phối hợp cùng …"),
wherever the lines of the paragraph break."""
_LABEL_COLON = re.compile(r"[ \t]*:")
_VALUE_OPENING = " \t\n*-+•"
"""What may stand before a value's first word: spaces, emphasis, a list marker."""
_CLAUSE_STOP = re.compile(r"[;/\n]")
_TRAILER = re.compile(r"[(\s](?:(?<=\()\s*(?=[^()]{3,160}\)\W*$)|(?<=\s)[-–]\s+(?=[^-–()]{3,160}$))")
"""A bracket or a dash clause that closes the task and names who does it ("… cho cán bộ cấp xã
(Sở Nội vụ thực hiện).", "… cho giáo viên - Sở Giáo dục và Đào tạo thực hiện, hoàn thành …")."""


@dataclass
class Found:
    """Agencies a span assigns, by role, each with the span of the words that said so."""

    lead: list[tuple[str, Span]] = field(default_factory=list)
    coordinating: list[tuple[str, Span]] = field(default_factory=list)
    explicit: bool = False
    """The lead was stated with a role word ("chủ trì", "Giao …", a field), not only as a subject."""
    lead_cue: bool = False
    """The span says someone leads ("Chủ trì, phối hợp với …") even where it names nobody."""
    open_coordination: bool = False
    """"Chủ trì, phối hợp" with nobody after it: the items below name the coordinators."""

    def add(self, role: str, names: list[Name] | list[tuple[str, Span]], span: Span | None = None) -> None:
        target = self.lead if role == "lead" else self.coordinating
        for name in names:
            code, where = (name.code, span or Span(name.start, name.end)) if isinstance(name, Name) else name
            if code not in [c for c, _ in target]:
                target.append((code, where))

    @property
    def lead_codes(self) -> list[str]:
        return [c for c, _ in self.lead]

    @property
    def coordinating_codes(self) -> list[str]:
        return [c for c, _ in self.coordinating]


def field_names(index: AgencyIndex, start: int, end: int) -> list[Name]:
    """Agencies of a field's value (each ";"-clause's opening list)."""
    return index.names(start, end)


def heading_agencies(index: AgencyIndex, start: int, end: int) -> list[Name] | None:
    """The agencies a heading names, or None when the heading is not a list of agencies.

    A heading names agencies when, after words such as "Trách nhiệm của" / "Đề nghị",
    its words are (almost) all agency names: "Sở Tài chính", "Các cơ quan, đơn vị liên
    quan" (nobody in particular: an empty list), "Liên đoàn Lao động, Hội Nông dân".
    """
    folded = index.doc.folded
    text_end = before_note(folded, start, end)
    if text_end - start > 160:
        return None
    prefix = index.cues["role:heading"].at(folded, start, text_end)
    body_start = prefix.end() if prefix else start
    if ":" in folded[text_end:end]:  # "Trách nhiệm của Bộ Tài chính như sau:": the words say a list follows
        while (tail := index.cues["list-tail"].ending_at(folded, text_end, body_start)) is not None \
                and tail.start() > body_start:
            text_end = tail.start()
    if index.cues.section_kind(" ".join(folded[body_start:text_end].split())) is not None \
            and not index.within(body_start, text_end):
        return None  # "TỔ CHỨC THỰC HIỆN": a section, not a body
    if index.share(body_start, text_end) < 0.7:
        owner = _duties_owner(index, start, text_end)  # ("Trách nhiệm hướng dẫn, kiểm tra của Sở Xây dựng")
        if owner is not None and index.share(owner, text_end) >= 0.7:
            body_start = owner
        elif (topic := _duties_topic(index, start, text_end)) is not None:
            text_end = topic  # ("Trách nhiệm của Sở Xây dựng trong việc quản lý nhà ở")
        else:
            return _members_in_note(index, body_start, text_end, end)
    return index.names(body_start, text_end)


_TOPIC_WORDS = 12
"""Words a heading's duties may name as their topic before whose they are."""


def _duties_owner(index: AgencyIndex, start: int, end: int) -> int | None:
    """Where the body whose duties a heading names begins, after the duties' topic ("Trách
    nhiệm quản lý nhà nước về hộ tịch của Ủy ban nhân dân cấp xã": cue sets duty-noun, then
    owner-word), or None."""
    folded = index.doc.folded
    noun = index.cues["duty-noun"].at(folded, start, end)
    owner = index.cues["owner-word"].search(folded, noun.end(), end) if noun is not None else None
    if owner is None or len(folded[noun.end():owner.start()].split()) > _TOPIC_WORDS:
        return None
    return owner.end()


def _duties_topic(index: AgencyIndex, start: int, end: int) -> int | None:
    """Where the topic of the duties a heading gives begins, after whose they are ("Trách
    nhiệm của Sở Xây dựng trong việc quản lý nhà ở": cue sets role:duties-of, then
    duties-topic), when the words between are bodies' names; or None."""
    folded = index.doc.folded
    if (duties := index.cues["role:duties-of"].at(folded, start, end)) is None:
        return None
    for topic in index.cues["duties-topic"].finditer(folded, duties.end(), end):
        if index.covering(topic.start()) is None and index.share(duties.end(), topic.start()) >= 0.7:
            return topic.start()
    return None


def _members_in_note(index: AgencyIndex, start: int, text_end: int, end: int) -> list[Name] | None:
    """The bodies a heading's note lists as the members of the group it names ("1.3. Các cơ
    quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, Công Thương, Tài chính)"):
    the heading opens with bodies in general, the note with cue set consists-of; None otherwise."""
    folded = index.doc.folded
    opened = folded.find("(", text_end, end)
    closed = folded.rfind(")", opened, end)
    if opened < 0 or closed < 0 or (group := index.mention_at(index.skip(start, text_end))) is None \
            or UNSPECIFIED not in index.codes_of(group) \
            or (members := index.cues["consists-of"].at(folded, opened + 1, closed)) is None:
        return None
    return index.names(members.end(), closed) or None


def sentence_roles(index: AgencyIndex, start: int, end: int) -> Found:
    """Lead and coordinating agencies that the running text of a span states itself."""
    found = Found()
    folded = index.doc.folded
    cues = index.cues
    lead_cue = cues["role:lead"]
    responsible = cues["role:responsible"]
    assign = cues["role:assign"]
    passive = cues["role:passive"]
    named = index.may_name(start, end)  # no agency named: only the role words matter
    coordinate = cues["role:coordinate"]
    quoted = _quotations(folded, start, end)
    for cue in (*lead_cue.finditer(folded, start, end), *responsible.finditer(folded, start, end)):
        if coordinate.at(folded, cue.start(), end):
            continue  # "the Ministry of Construction shall coordinate": a partner, not a lead
        if quoted and any(a < cue.start() < b for a, b in quoted) or _in_a_motto(index, cue, start, end):
            continue  # (a motto or a provision quoted: "“địa phương quyết định, địa phương làm, địa
            # phương chịu trách nhiệm”", "bỏ quy định “giao Chính phủ quy định …”"; a motto unquoted too)
        if _executory(index, cue.end(), end) or any(
                cues[name].ending_at(index.lower, cue.start(), max(start, cue.start() - 12), exact=True)
                for name in ("negation", "reported")):
            continue  # ("… không chịu trách nhiệm …", "… đã chủ trì cuộc họp …" give no role)
        if not named:
            found.lead_cue = True
            continue
        codes, list_start = index.list_before(cue.start(), start)
        if codes and (opening := _adverbial_reached(index, start, list_start, cue.start(), end)) is not None:
            codes, list_start = index.list_before(cue.start(), opening)
        subject = _parenthesised_subject(index, start, list_start, end)
        if subject is not None:
            codes, list_start = subject
        elif codes and (parent_of := cues["belongs-to"].ending_at(folded, list_start, max(start, list_start - 16))):
            # "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm …": the bodies the
            # committee is the parent of are the subject
            owners, owners_start = index.list_before(parent_of.start(), start)
            if owners:
                codes, list_start = owners, owners_start
        object_before = cues.compose(_OBJECT_BEFORE, "object:before").search(
            folded[max(start, list_start - 12):list_start]) \
            or cues.compose(_OBJECT_BEFORE, "object:verb").search(folded, max(start, list_start - 16), list_start)
        if object_before and object_before.group().strip() == "(" and ")" not in folded[list_start:cue.start()]:
            object_before = None  # "(Sở Nông nghiệp và Môi trường chủ trì; …)": a role clause in brackets
        if codes and not object_before:
            object_before = _told_before(index, start, list_start)
        if codes and not object_before and coordinate.ending_at(folded, _back_over(folded, list_start, start, " *\n"),
                                                                start):
            found.lead_cue = True
            continue  # "… chủ trì, phối hợp các sở, ban, ngành … có trách nhiệm nghiên cứu …": whom it works with
        by = passive.ending_at(folded, list_start, max(start, list_start - 12)) if codes else None
        if by is not None and (_names_the_duties(index, start, by.start())
                               or folded[start:by.start()].rstrip(" *").endswith(",")):
            object_before = by = None  # "Các nội dung do Sở X chủ trì:", "Tăng cường giám sát …, do Sở Y tế chủ
            # trì thực hiện": who leads them (its own clause after a comma, not the noun's "các hoạt động do …")
        if by is None:
            found.lead_cue = True  # (not the noun's own "các dự án do Bộ Công an chủ trì": no role is given)
        if codes and not object_before and by is None:
            found.add("lead", [(c, Span(list_start, cue.end())) for c in codes])
            found.explicit = True
    delegate = cues["role:delegate"]  # ("Điều 1. Ủy quyền cho Giám đốc Sở X thực hiện …": only opening a clause)
    encourage = cues["role:encourage"]  # ("16. Khuyến khích Đoàn Thanh niên … chỉ đạo …": only opening the item)
    assigning = [(assign, m) for m in assign.finditer(folded, start, end)] + [
        (delegate, m) for m in delegate.finditer(folded, start, end)
        if opens_clause(folded, m.start(), start) or _delegator_before(index, start, m, end)] + [
        (encourage, m) for m in encourage.finditer(folded, start, end) if not folded[start:m.start()].strip(" *")]
    asking: list[int] = []  # where assigning words hand work to bodies with no code of their own
    for cue_set, cue in sorted(assigning, key=lambda found: found[1].start()) if named else ():
        if quoted and any(a < cue.start() < b for a, b in quoted) or cues.compose(
                _OBJECT_BEFORE, "object:before").search(folded[max(start, cue.start() - 8):cue.start()]) \
                and not _infinitive_opening(folded, start, cue.start()) \
                or not index.written(cue_set, cue) or _relative_clause(index, cue.start(), start) \
                or _in_a_name(index, cue, start) or cues["assign-compound"].ending_at(
                    index.lower, cue.start(), max(start, cue.start() - 10), exact=True):
            continue  # ("chuyển giao cho Sở Tài chính": handed over to, no work given)
        if _delegated_by_subject(index, start, cue.start()) \
                or cue_set is assign and (_asked_by_subject(index, start, cue.start())
                                          or _asked_by_a_paper(index, start, cue.start())):
            continue
        if cue_set is assign and (asker := _asker_before(index, start, cue.start())) is not None:
            found.add("lead", [(c, Span(asker[1], cue.start())) for c in asker[0]])
            found.explicit = True
            continue  # "Khi cần thiết Sở Y tế đề nghị Bộ Y tế hỗ trợ …": the department asks, and leads
        codes, list_end = index.list_after(cue.end(), end)
        if cue_set is encourage and cues.compose(r"[\s*]*(?:(?:cac|moi|nhung|the)\s+)?{0}", "encouraged-aim").match(
                folded, cue.end(), end):
            continue  # ("Khuyến khích các doanh nghiệp đầu tư …": a policy's aim, no one assigned)
        if not codes and (opens_clause(folded, cue.start(), start) or _after_adverbial(index, start, cue.start())
                          or _named_subject_before(index, start, cue.start(), end)) \
                and (others := index.unregistered_objects(cue.end(), end)):
            codes, list_end = [n.code for n in others], others[-1].end  # "Đề nghị Công ty Điện lực Đắk Lắk: …"
        if codes:
            found.add("lead", [(c, Span(cue.start(), list_end)) for c in codes])
            found.explicit = True
        elif index.mention_at(after := index.skip(cue.end(), end, deputies=True)) is not None \
                or index.in_general(after, end):
            asking.append(cue.start())  # bodies with no code of their own ("yêu cầu các đơn vị …"), not a
            # thing ("Thủ tướng Chính phủ giao Kế hoạch viện trợ hằng năm …": the subject's own act)
    coordination: list[Span] = []
    for cue in coordinate.finditer(folded, start, end):
        if cues["role:between"].at(folded, cue.end(), end):
            continue  # "phối hợp giữa …": between, not with
        codes, list_end = index.list_after(cue.end(), end) if named else ([], cue.end())
        if not codes and named and (manner := cues.compose(_PARTNER_AFTER, "role:with").match(folded, cue.end(), end)):
            codes, list_end = index.list_after(manner.end(), end)  # "phối hợp, trao đổi thông tin với Công an tỉnh"
        if not codes and named and (others := index.unregistered_objects(
                (with_word.end() if (with_word := cues["role:with"].at(folded, cue.end(), end)) else cue.end()), end)):
            codes, list_end = [n.code for n in others], others[-1].end  # "phối hợp với Văn phòng đăng ký đất đai"
        if codes and found.lead and set(codes) <= set(found.lead_codes) \
                and (partners := _partners_of_the_lead(index, start, cue.start(), codes)) is not None:
            said = Span(partners[1], list_end)  # "Sở Y tế chủ trì …; Sở Giáo dục và Đào tạo phối hợp với Sở Y tế":
            found.add("coordinating", [(c, said) for c in partners[0]])
            coordination.append(said)  # the lead is whom the bodies before the word work with
        elif codes:
            found.add("coordinating", [(c, Span(cue.start(), list_end)) for c in codes])
            coordination.append(Span(cue.start(), list_end))
        elif lead_cue.ending_at(folded, _back_over(folded, cue.start(), start, " ,;:"), start):  # "Chủ trì, phối hợp"
            rest = folded[cue.end():end].strip(" .,:;*")
            if not rest:
                found.open_coordination = True
        elif named and not cues["role:with"].ending_at(folded, cue.end(), cue.start()):
            # "Công an tỉnh chủ trì; Sở Tư pháp, Sở Nội vụ phối hợp thực hiện": beside a lead, the list
            # before "phối hợp" coordinates (without a lead, "Sở A, Sở B phối hợp hướng dẫn" is theirs)
            codes, list_start = index.list_before(cue.start(), start)
            if not (found.lead or found.lead_cue or _clause_of_its_own(index, start, list_start)):
                continue
            object_before = cues.compose(_OBJECT_BEFORE, "object:before")
            if any(span.start <= list_start < span.end or list_start <= span.start < cue.start()
                   for _, span in found.lead):
                continue  # "Đề nghị Ủy ban MTTQ tỉnh phối hợp …": the list already leads
            if codes and not object_before.search(folded[max(start, list_start - 12):list_start]):
                found.add("coordinating", [(c, Span(list_start, cue.end())) for c in codes])
                coordination.append(Span(list_start, cue.end()))
    if not found.lead and named:
        for codes, span in _subjects(index, start, end):
            if any(at >= span.end and not folded[span.end:at].strip(" *\n\t") for at in asking):
                continue  # "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị triển khai …": who asks leads nothing
            if not any(c.start <= span.start < c.end for c in coordination):  # "…; UBND các huyện" goes on a list
                found.add("lead", [(c, span) for c in codes])
                break
    return found


def _parties_listed(index: AgencyIndex, start: int, pos: int) -> bool:
    """The clause at ``pos`` opens after a colon that closes words saying "between" (cue set
    role:between: "… hợp tác giữa 03 bên:"): what follows lists the parties."""
    folded = index.doc.folded
    colon = len(folded[start:pos].rstrip(" *\n")) + start
    if colon <= start or folded[colon - 1] != ":":
        return False
    opened = max(start, colon - _PARTIES_CHARS, *(m.end() for m in _CLAUSE_END.finditer(folded, start, colon - 1)))
    return index.cues["role:between"].search(folded, opened, colon) is not None


_PARTIES_CHARS = 60
"""How far before its colon the word "between" of a list of parties may stand."""
_CLAUSE_END = re.compile(r"[.;:]")


def _infinitive_opening(folded: str, start: int, pos: int) -> bool:
    """An infinitive opens the clause with the assigning word at ``pos`` ("To assign the Ministry
    of Home Affairs to …", as an English decision renders "Giao Bộ Nội vụ …"): its "to" makes
    no object of what follows."""
    found = _INFINITIVE.search(folded, max(start, pos - 4), pos)
    return found is not None and opens_clause(folded, found.start(), start)


_INFINITIVE = re.compile(r"\bto\s+$")


def _partners_of_the_lead(index: AgencyIndex, start: int, pos: int, leads: list[str]) -> tuple[list[str], int] | None:
    """The codes of the bodies that open the clause of the coordinating word at ``pos``, and
    where they start, when the bodies after the word are the span's lead ("…; Sở Giáo dục và
    Đào tạo phối hợp với Sở Y tế", "…; các sở, ngành có trách nhiệm phối hợp với Sở Công
    Thương"): they coordinate with it; None when no other body stands there."""
    codes, list_start = index.list_before(pos, start)
    if not codes or set(codes) & set(leads) or not opens_clause(index.doc.folded, list_start, start):
        return None
    return codes, list_start


def _quotations(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words quoted between curly marks inside the span ("“…”"): their role words
    assign nothing (empty when the span quotes nothing, the common case: one look)."""
    if folded.find("“", start, end) < 0:
        return []
    return [m.span() for m in _QUOTATION.finditer(folded, start, end)]


_QUOTATION = re.compile(r"“[^“”\n]{1,300}”")


def _in_a_motto(index: AgencyIndex, cue: re.Match[str], start: int, end: int) -> bool:
    """The role word at ``cue`` is a word of a motto the text cites, quoted or not (cue set
    motto: "địa phương quyết, địa phương làm, địa phương chịu trách nhiệm")."""
    motto = index.cues["motto"].search(index.doc.folded, max(start, cue.start() - _MOTTO_CHARS),
                                       min(end, cue.end() + _MOTTO_CHARS))
    return motto is not None and motto.start() <= cue.start() < motto.end()


_MOTTO_CHARS = 100
"""How far around a role word a motto that holds it may reach."""


def _clause_of_its_own(index: AgencyIndex, start: int, list_start: int) -> bool:
    """A clause whose subject does the work closes before the list at ``list_start``: bodies
    opening the span, a verb of work after them, then a "," or ";" ("Sở Nông nghiệp và Môi
    trường thực hiện, Ủy ban nhân dân các xã, phường phối hợp": the first leads, the list
    coordinates)."""
    folded = index.doc.folded
    if not folded[start:list_start].rstrip(" *").endswith((",", ";")):
        return False
    return any(span.end < list_start and index.cues["duty-verb"].at(folded, span.end, list_start) is not None
               for _, span in _subjects(index, start, list_start))


def _told_before(index: AgencyIndex, start: int, list_start: int) -> re.Match[str] | None:
    """A verb of reporting or sending (cue set object:verb) in the clause before a list, with
    only other bodies' names between ("… để báo cáo Ban Chỉ đạo các Chương trình … thành phố,
    Sở Nông nghiệp và Môi trường và các Sở, ngành chủ trì …"): the whole list is told, the
    role word after it says which of them lead their own work, not this one."""
    folded = index.doc.folded
    floor = max(start, list_start - _TOLD_REACH)
    verbs = [m for m in index.cues["object:verb"].finditer(folded, floor, list_start)
             if not _SENTENCE.search(folded, m.end(), list_start)]
    return next((m for m in reversed(verbs) if index.names_only(m.end(), list_start)), None)


_TOLD_REACH = 160
"""How far before a list a verb of reporting may stand, over other bodies' names (characters)."""


def _names_the_duties(index: AgencyIndex, start: int, passive_at: int) -> bool:
    """The words before "do X chủ trì" are the duties' noun phrase that opens the clause
    ("Các nội dung do Sở X chủ trì:", "Nhiệm vụ giám sát dịch tễ tại cửa khẩu do Sở Y tế chủ
    trì thực hiện"): the clause says who leads them; after a verb ("tham gia các hoạt động do
    Bộ Công an chủ trì") it names someone else's work."""
    folded = index.doc.folded
    head = index.cues["relative-head"].at(folded, start, passive_at)
    if head is None:
        return False
    between = folded[head.end():passive_at].strip(" *")
    return not between or len(between.split()) <= _DUTY_PHRASE_WORDS and not re.search(r"[,;:()]", between)


_DUTY_PHRASE_WORDS = 14


def _named_subject_before(index: AgencyIndex, start: int, pos: int, end: int) -> bool:
    """The span opens with a body's name outside the registry that ends right before ``pos``
    ("Bộ Chính trị giao Ban Tổ chức Trung ương …"): the subject that hands the work over."""
    subjects = index.unregistered_subjects(start, end)
    return bool(subjects) and subjects[-1].end <= pos and not index.doc.folded[subjects[-1].end:pos].strip(" *")


def _delegated_by_subject(index: AgencyIndex, start: int, pos: int) -> bool:
    """The assigning word at ``pos`` is one more verb of the span's subject in a later clause
    of its own with no subject ("Bộ Giáo dục và Đào tạo nghiên cứu …; phối hợp với các bộ … và
    giao các trường đại học … triển khai …"): the subject hands part of its work down and still
    leads it. In the subject's own clause ("Thủ tướng … ký Công điện yêu cầu các bộ …") or
    opening a clause ("…; giao Sở X …") the word assigns."""
    folded = index.doc.folded
    clause = _clause_start(folded, start, pos)
    if clause == start or not folded[clause:pos].strip(" *") or _after_adverbial(index, clause, pos) \
            or subject_names(index, clause, pos):
        return False  # ("…. Đồng thời, yêu cầu các Sở …": the issuer's own voice again)
    return bool(subject_names(index, start, clause))


def _asked_by_subject(index: AgencyIndex, start: int, pos: int) -> bool:
    """The word at ``pos`` asks (cue set role:request) for its clause's own subject, a local
    body other than the document's issuer ("Sở Y tế đề nghị Bộ Y tế hỗ trợ …", "Sở Tài chính
    tổng hợp nhu cầu, đề nghị Bộ Tài chính bổ sung …", "Ủy ban nhân dân cấp tỉnh gửi văn bản
    đề nghị Bộ trưởng …"): the subject does the work of asking and leads. The issuer's own
    request ("Ủy ban nhân dân tỉnh đề nghị Bộ …"), a national body's request to the provinces
    ("Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh …", as a news page reports it) and any
    command ("Phó Thủ tướng giao Bộ Xây dựng …") give the work to the body asked."""
    folded = index.doc.folded
    if index.cues["role:request"].at(folded, pos) is None:
        return False
    clause = _clause_start(folded, start, pos)
    return _local_asker([code for code, _ in subject_names(index, clause, pos)], index) \
        or _asked_on_own_initiative(index, start, pos) or _made_responsible_before(index, clause, pos)


def _made_responsible_before(index: AgencyIndex, clause: int, pos: int) -> bool:
    """The clause's subject, whoever it is, took on its duties before the request word at
    ``pos`` ("Các cơ quan … báo chí của thành phố có trách nhiệm phát hiện, giới thiệu … để xem
    xét, đề nghị Ủy ban nhân dân thành phố xét tặng …", "Cơ quan lập đề án có trách nhiệm hoàn
    thiện hồ sơ …, đề nghị Ủy ban nhân dân Thành phố trình …"): the subject asks as part of its
    work, and the body asked leads none of it."""
    folded = index.doc.folded
    responsible = index.cues["role:responsible"].search(folded, clause, pos)
    return responsible is not None and bool(folded[clause:responsible.start()].strip(" *"))


_LAST_WORD = re.compile(r"[^\W\d_]+[ \t]*$")


def _asked_by_a_paper(index: AgencyIndex, start: int, pos: int) -> bool:
    """The request word at ``pos`` says what a paper asks for, right after the paper's noun and
    at most two words of its kind (cue set paper-noun: "Hiện vật được lập hồ sơ khoa học đề nghị
    Thủ tướng Chính phủ công nhận …", "… có văn bản đề nghị Ủy ban nhân dân thành phố …"): the
    words are a noun's, and the body asked is given no work by them."""
    if index.cues["role:request"].at(index.doc.folded, pos) is None:
        return False
    at = pos
    for _ in range(3):
        if index.cues["paper-noun"].ending_at(index.lower, at, max(start, at - 24), exact=True) is not None:
            return True  # (with its diacritics: "dồn", "đón" fold as "đơn" does)
        word = _LAST_WORD.search(index.lower, max(start, at - 16), at)
        if word is None:
            return False
        at = word.start()
    return False


def _asker_before(index: AgencyIndex, start: int, pos: int) -> tuple[list[str], int] | None:
    """(codes, start) of local bodies named right before the request word at ``pos``, after
    words that open the clause without a comma ("Khi cần thiết Sở Y tế đề nghị Bộ Y tế …",
    "Trường hợp vượt quá khả năng Sở X đề nghị Bộ X …"): they ask, as a subject that opens
    the clause does (:func:`_asked_by_subject`); None when no such body stands there or it is
    an object ("… văn bản của Sở Y tế đề nghị …")."""
    folded = index.doc.folded
    if index.cues["role:request"].at(folded, pos) is None:
        return None
    codes, list_start = index.list_before(pos, _clause_start(folded, start, pos))
    if not _local_asker(codes, index) or any(
            index.cues.compose(_OBJECT_BEFORE, name).search(folded, max(start, list_start - 16), list_start)
            for name in ("object:before", "object:verb")):
        return None  # (also "… gửi cơ quan chuyên môn về văn hóa cấp tỉnh đề nghị …": whom the request is sent to)
    return codes, list_start


def _asked_on_own_initiative(index: AgencyIndex, start: int, pos: int) -> bool:
    """Words of one's own initiative (cue set own-initiative: "chủ động", "kịp thời") open the
    piece of the clause that asks at ``pos``, with no subject between ("Các cơ quan, đơn vị có
    trách nhiệm … . Trường hợp phức tạp, chủ động đề nghị Chủ tịch UBND tỉnh chỉ đạo …"): the
    body already named, or whose duties these are, asks; the one asked does not lead. (A plain
    request, "Đề nghị Bộ X …", or one the issuer repeats, "Tiếp tục đề nghị Bộ X …", still gives
    the work to the body asked.)"""
    folded = index.doc.folded
    at, initiative = pos, False
    while (adverb := index.cues["duty-adverb"].ending_at(folded, _back_over(folded, at, start, " *\n"),
                                                          start)) is not None:
        initiative = initiative or index.cues["own-initiative"].at(folded, adverb.start()) is not None
        at = adverb.start()
    opening = _back_over(folded, at, start, " *\n")
    return initiative and (opening <= _clause_start(folded, start, at) or folded[opening - 1] in ",;:")


def _local_asker(codes: list[str], index: AgencyIndex) -> bool:
    """A subject that asks for itself: local bodies of the registry, none the issuer's."""
    agencies = index.registry.agencies
    return bool(codes) and not index.issuer_speaks(codes) \
        and all(code in agencies and agencies[code].level == "ProvincialLevel" for code in codes)


def _clause_start(folded: str, start: int, pos: int) -> int:
    """Where the clause that holds ``pos`` opens: after the last clause opening (``_SENTENCE``)
    between ``start`` and ``pos``, else at ``start``."""
    return max((m.end() for m in _SENTENCE.finditer(folded, start, pos)), default=start)


def _delegator_before(index: AgencyIndex, start: int, cue: re.Match[str], end: int) -> bool:
    """A body that opens the clause delegates to bodies of the registry with the words of
    ``cue`` ("Ủy ban nhân dân tỉnh phân cấp thẩm quyền cho Sở Tư pháp …"): the one it delegates
    to does the work. A verb between them ("… tổ chức thực hiện hoặc ủy quyền cho …") leaves
    it the subject's, and so does a delegation to bodies in general ("Bộ Quốc phòng ủy quyền
    cơ quan, đơn vị trực thuộc thẩm định …")."""
    codes, list_start = index.list_before(_back_over(index.doc.folded, cue.start(), start, " *\n"), start)
    return bool(codes) and opens_clause(index.doc.folded, list_start, start) \
        and bool(real_codes(index.list_after(cue.end(), end)[0]))


def _relative_clause(index: AgencyIndex, pos: int, floor: int) -> bool:
    """The assigning word at ``pos`` tells whose work a noun is, after its subject ("kết quả
    triển khai nhiệm vụ Thủ tướng Chính phủ giao cho các bộ, ngành …"): no assignment."""
    codes, list_start = index.list_before(pos, floor)
    return bool(codes) and index.cues["relative-head"].ending_at(index.doc.folded, list_start, floor) is not None


def _after_adverbial(index: AgencyIndex, start: int, pos: int) -> bool:
    """An adverbial or a condition opens the span and ends right before ``pos`` ("Căn cứ quy
    định trên, đề nghị Công ty …", "Trường hợp cần thiết …, giao Ngân hàng …"): the words at
    ``pos`` open the clause that follows it."""
    return any((adverbial := _adverbial(index, cue_set, start, pos)) is not None and adverbial.end() == pos
               for cue_set in ("clause-adverbial", "clause-condition"))


def goes_on_with_verb(index: AgencyIndex, start: int, pos: int) -> bool:
    """The clause that starts at ``start`` opens with a verb of work before ``pos`` (past an
    inline item's number and adverbs of duty): it has no subject of its own and goes on with
    the one before it, so a body named later is what that subject works on ("…; kịp thời rà
    soát đề nghị Sở Tư pháp cấp …": the subject before asks), not a new actor ("Giao …",
    "Đề nghị …", "(2) Bộ Công an chủ trì …" open with one)."""
    folded = index.doc.folded
    at = after_emphasis(folded, start, pos)
    if (marker := _INLINE_MARKER.match(folded, at, pos)) is not None:
        at = after_emphasis(folded, marker.end(), pos)
    while (adverb := index.cues["duty-adverb"].at(folded, at, pos)) is not None:
        at = after_emphasis(folded, adverb.end() + folded.startswith(",", adverb.end()), pos)
    verb = index.cues["duty-verb"].at(folded, at, pos)
    return verb is not None and index.cues["role:assign"].at(folded, at, pos) is None


_INLINE_MARKER = re.compile(r"\(?(?:\d{1,2}|[ivx]{1,4}|[a-zđ])\)\s+")
"""An inline item's number opening a clause: "(2) ", "(iii) ", "b) "."""


def _in_a_name(index: AgencyIndex, cue: re.Match[str], floor: int) -> bool:
    """The assigning word is part of a body's name ("giao" of "Bộ Ngoại giao", or of the short
    name in "các Bộ: Công Thương, Ngoại giao, …"): no assignment."""
    if index.covering(cue.start()) is not None:
        return True
    folded = index.doc.folded
    word = _back_over(folded, cue.start(), floor, " ")
    while word > floor and folded[word - 1].isalnum():
        word -= 1
    if word == cue.start() or not index.doc.work[word].isupper():
        return False
    found = index.registry.short_name_pattern.match(folded, word)
    return found is not None and found.end() >= cue.end()


def _back_over(text: str, pos: int, floor: int, chars: str) -> int:
    """``pos`` moved back over any of ``chars``."""
    while pos > floor and text[pos - 1] in chars:
        pos -= 1
    return pos


def subject_names(index: AgencyIndex, start: int, end: int) -> list[tuple[str, Span]]:
    """The agencies a span opens with as its subject (for items that name coordinators)."""
    for codes, span in _subjects(index, start, end, first_only=True):
        return [(c, span) for c in codes]
    return []


def _subjects(index: AgencyIndex, start: int, end: int, first_only: bool = False):
    """(codes, span) of agency lists that open a sentence and are followed by a verb, not "của"."""
    folded = index.doc.folded
    assigner, director = index.cues["role:assigner"], index.cues["role:director"]
    starts = [start] + [m.end() for m in _SENTENCE.finditer(folded, start, end) if m.end() > start] \
        + [m.end() for m in _TRAILER.finditer(folded, start, end)
           if folded[m.start()] == "(" or index.doc.work[m.end()].isupper()]  # (not "người dân - doanh nghiệp")
    for pos in starts:
        pos = after_emphasis(folded, pos, end)  # ("**1.** **Trên cơ sở …, các sở …": the marks open no words)
        if (marker := _INLINE_MARKER.match(folded, pos, end)) is not None:
            pos = after_emphasis(folded, marker.end(), end)  # ("(2) Bộ Công an chủ trì …")
        if pos >= end:
            continue
        adverbial = _adverbial(index, "clause-adverbial", pos, end)
        condition = _adverbial(index, "clause-condition", pos, end)
        purpose = adverbial is not None and index.cues["clause-purpose"].exact.match(index.lower, pos, end) is not None
        opener = _own_subject_clause(index, pos, end, adverbial, condition)
        if purpose and not index.mention_at(index.skip(pos, end)) \
                and (subject := subject_after_purpose(index, pos, end)) is not None:
            pos = subject  # "Để tiếp tục tháo gỡ …, giải ngân … chính quyền địa phương 02 cấp, đạt được …, tỉnh
            # Đắk Lắk cần tiếp tục …": a purpose runs on over its commas, and the bodies it names are no subject
        elif opener is not None and (subject := _subject_after_clause(index, opener, end)) is not None:
            pos = subject  # "Sau khi Hội đồng nhân dân tỉnh thông qua …, Ủy ban nhân dân tỉnh công bố …": the bodies
            # a clause of time or condition names act in it, the subject follows its comma
        elif adverbial and not index.mention_at(index.skip(pos, end)) and all(
                index.cues.compose(_OBJECT_BEFORE, "object:before").search(folded, max(pos, m.start - 12), m.start)
                for m in index.within(pos, adverbial.end()) if UNSPECIFIED not in index.codes_of(m)):
            pos = adverbial.end()  # "Căn cứ hướng dẫn của Bộ X, các bộ …"; not "định kỳ báo cáo Chính phủ, Thủ tướng …"
            pos = _past_adverbial_list(index, pos, end)
        elif condition and not index.within(pos, condition.end()):
            pos = condition.end()  # "Trường hợp cần thiết, Bộ X …": its first comma only
        elif pos == start and (duties := index.cues["role:duties-of"].at(folded, pos, end)) is not None \
                and _a_sentence(folded, duties.end(), end) and works_after_list(index, duties.end(), end):
            pos = duties.end()  # "Trách nhiệm của Sở Tư pháp hướng dẫn …": whose duties the sentence lists
            # (not a heading that names them: "Điều 24. Trách nhiệm của doanh nghiệp cung cấp dịch vụ …")
        if _parties_listed(index, start, pos):
            continue  # "… theo mô hình hợp tác giữa 03 bên: doanh nghiệp công nghệ số, địa phương và …": the
            # parties to something, no subject
        codes, list_end = index.list_after(pos, end)
        if codes and index.cues.compose(r"[\s*]*{0}\b", "consists-of").match(folded, pos, end) \
                and not folded[:pos].rstrip(" *").endswith("("):
            codes = []  # "Hội nghị 1: Gồm các tỉnh, thành phố: …": what something consists of, no subject
            # (in brackets after bodies in general it says who they are: "Các cơ quan … (gồm các Sở: …)")
        if codes and (said := _said_end(index, list_end, end)) is not None:
            codes = []  # "Thủ tướng nhấn mạnh, các bộ ngành phải triển khai …": the speaker takes no duty, what
            if (said := _CLAUSE_GAP.match(folded, said, end).end()) not in starts:  # it says may give others one
                starts.append(said)
        if codes and reported_act(index, list_end, end):
            codes = []  # "Thường trực Chính phủ đã họp và có quyết nghị …": what it has done, no duty
        if codes and (by := index.cues.compose(_NOUN_TAIL, "made-by").match(folded, list_end, end)) is not None \
                and index.list_after(by.end(), end)[0]:
            codes = []  # "…; cơ sở giáo dục phổ thông do các trường đại học … thành lập": a noun that another
            # body's act describes, no subject
        if not codes:
            if first_only:
                return
            continue
        if index.cues.compose(r"\s*{0}", "object:after").match(folded, list_end, end) \
                and not _belongs_to_a_body(index, list_end, end) \
                and not index.cues.compose(r"\s*{0}", "subject-place").match(folded, list_end, end) \
                or _CLAUSE_CLOSED.match(folded, list_end, end) and not _after_lead_label(index, start, pos):
            continue  # ("Ủy ban nhân dân tỉnh về …" is no subject; nor where they are: "Chủ tịch UBND các tỉnh, thành
            # phố tại khu vực dự báo mưa lũ tập trung …"; bodies that belong to one are: "Người đứng đầu
            # sở, ban, ngành; …, doanh nghiệp nhà nước thuộc thẩm quyền quản lý của UBND tỉnh có trách nhiệm:";
            # "… thành viên gồm đại diện Sở Nội vụ, Sở Tài chính. Sở Tư pháp, …, Bộ Chỉ huy Quân sự
            # tỉnh; thường trực Ban Chỉ đạo là …": names that a clause ends on, with no verb, are no subject;
            # after a label they are its value: "(Trách nhiệm thực hiện: Văn phòng UBND tỉnh; thời gian: …)")
        verb = assigner.at(folded, list_end, end)
        if verb is not None and index.cues["role:request"].at(folded, verb.start()) and _local_asker(codes, index):
            verb = None  # (a local body other than the issuer asks: "Sở Y tế đề nghị Bộ Y tế …")
        verb = verb or (director.at(folded, list_end, end) if index.issuer_speaks(codes) else None)
        if verb:  # "Chính phủ giao Bộ Nội vụ …": the object leads; "Bộ X chỉ đạo bảo đảm …": the subject,
            # as does "Bộ trưởng Bộ Xây dựng chỉ đạo Sở Xây dựng …" in the Prime Minister's dispatch, or
            # a local body that asks
            objects, after = index.list_after(verb.end(), end)
            if objects:
                yield objects, Span(pos, after)
                if first_only:
                    return
                continue
        yield codes, Span(pos, list_end)
        if first_only:
            return


_NOUN_TAIL = r"(?:\s+[^\W\d_]+){{0,4}}?\s+{0}\b"
"""Up to four words of a noun ("cơ sở giáo dục" | "phổ thông công lập") before the word of a relative
clause ("do …")."""


def reported_act(index: AgencyIndex, pos: int, end: int) -> bool:
    """The words at ``pos`` report what the subject has done (cue set reported: "… đã họp …",
    "… vừa ký …") or says (cue set said: "… cho biết, …"), also after the name of the person who
    holds the title or of the place the body is of ("Phó Thủ tướng Nguyễn Chí Dũng đã ký Quyết
    định …", "UBND tỉnh Bình Dương đã …"), not work it still has (cue set still-doing after them:
    "… đã được giao chủ trì …", "… đã và đang triển khai …")."""
    if _said_end(index, pos, end) is not None:
        return True  # ("Bộ trưởng Bộ Tài chính Nguyễn Văn Thắng nhấn mạnh, …": what a speaker says)
    folded, lower = index.doc.folded, index.lower
    done = index.cues["reported"].exact.match(lower, _past_person(index, pos, end), end)
    return done is not None and not index.cues["still-doing"].exact.match(
        lower, after_emphasis(folded, done.end(), end), end)


def _said_end(index: AgencyIndex, pos: int, end: int) -> int | None:
    """Where a verb of speech at ``pos`` ends (cue set said: "… cho biết", "… nhấn mạnh"), past
    the name of the person who holds the title; None when none stands there."""
    said = index.cues["said"].exact.match(index.lower, _past_person(index, pos, end), end)
    return said.end() if said is not None else None


def _past_person(index: AgencyIndex, pos: int, end: int) -> int:
    """``pos`` moved past spaces, emphasis and a person's or a place's name (:func:`_after_person`)."""
    folded = index.doc.folded
    return after_emphasis(folded, _after_person(index.doc.work, after_emphasis(folded, pos, end), end), end)


_CLAUSE_GAP = re.compile(r"[\s*,:]*")
"""Spaces, emphasis marks, a comma or a colon between a verb of speech and what is said."""


def _after_person(work: str, pos: int, end: int) -> int:
    """``pos`` moved past a person's name that follows a title ("Thủ tướng Chính phủ" | "Phạm
    Minh Chính vừa ký …"), or a place's after a body ("UBND tỉnh" | "Bình Dương đã …"): two to
    four capitalised words of letters, then a word in lower case."""
    words = list(_WORD.finditer(work, pos, min(end, pos + _PERSON_CHARS)))
    names = next((i for i, w in enumerate(words) if not (w.group()[0].isupper() and w.group().isalpha())), len(words))
    if 2 <= names <= 4 and names < len(words) and words[names].group()[0].islower() \
            and "\n\n" not in work[pos:words[names].start()]:
        return words[names - 1].end()
    return pos


_WORD = re.compile(r"\S+")
_PERSON_CHARS = 60
"""How far past a title a person's name and the word after it may reach."""


def _after_lead_label(index: AgencyIndex, start: int, pos: int) -> bool:
    """The names at ``pos`` are the value of a label before its colon: a lead label ("Trách
    nhiệm thực hiện: Văn phòng UBND tỉnh; thời gian: …", cue sets field:lead and column:lead),
    an addressee ("Kính gửi: Bộ trưởng Bộ Xây dựng."), or a topic whose colon the names follow
    at once ("Đối với khen thưởng: Các cơ quan, đơn vị, địa phương; …") — not names that a
    sentence lists after places ("… lãnh đạo Ủy ban nhân dân các tỉnh, thành phố: Cần Thơ, An
    Giang và các đồng chí lãnh đạo các sở, ngành liên quan;")."""
    folded = index.doc.folded
    colon = len(folded[start:pos].rstrip(" *\n")) + start - 1
    if colon < start or folded[colon] != ":":
        return False
    label_end = len(folded[start:colon].rstrip(" *")) + start
    if any(index.cues[name].ending_at(folded, label_end, start) is not None
           for name in ("field:lead", "column:lead", "addressee")):
        return True
    first = pos + len(folded[pos:]) - len(folded[pos:].lstrip(" *\n"))
    return index.mention_at(first) is not None


def _a_sentence(folded: str, pos: int, end: int) -> bool:
    """The words from ``pos`` make a sentence, not a heading: as long as a duty is and closed
    by its stop."""
    words = folded[pos:end].split()
    return len(words) >= _SENTENCE_WORDS and words[-1].rstrip("*")[-1:] in (".", ";")


_SENTENCE_WORDS = 12


def works_after_list(index: AgencyIndex, pos: int, end: int, cue_sets: tuple[str, ...] = ("duty-verb",)) -> bool:
    """The agency list at ``pos`` is followed by a verb of work ("Sở Tư pháp hướng dẫn …"), or a
    word of another of ``cue_sets``, not by what the duties are about ("… các cơ quan chức năng
    trong việc thực hiện …")."""
    codes, list_end = index.list_after(pos, end)
    return bool(codes) and any(index.cues[name].at(index.doc.folded, list_end, end) is not None for name in cue_sets)


def _belongs_to_a_body(index: AgencyIndex, pos: int, end: int) -> bool:
    """The list is followed by the words that say whose bodies they are and more words after
    them ("… thuộc thẩm quyền quản lý của UBND tỉnh có trách nhiệm:"), not a recipient's "trực
    thuộc." that ends its line."""
    belongs = index.cues["belongs-to"].at(index.doc.folded, pos, end)
    return belongs is not None and index.doc.folded[belongs.end():end].lstrip(" *")[:1] not in ("", ".", ";", ":")


def after_emphasis(folded: str, pos: int, end: int) -> int:
    """``pos`` moved on over spaces and markdown emphasis marks."""
    while pos < end and folded[pos] in " \t\n*_":
        pos += 1
    return pos


def _adverbial(index: AgencyIndex, cue_set: str, pos: int, end: int) -> re.Match[str] | None:
    """The adverbial (or condition) that opens the clause at ``pos``, up to its comma; None if
    the clause has begun before that comma ("Trường hợp chưa đủ cơ sở thì cơ quan, đơn vị trao
    đổi với Sở …, …": "thì", read with its diacritics, as "thi đua" is not)."""
    found = index.cues.compose(_ADVERBIAL, cue_set).match(index.doc.folded, pos, end)
    return None if found is None or _THEN.search(index.lower, found.start(), found.end()) else found


def subject_after_purpose(index: AgencyIndex, pos: int, end: int) -> int | None:
    """Where the subject starts after a purpose (cue set clause-purpose) that may run over
    several commas: the first piece of the sentence after a comma that opens with bodies
    followed by a word of cue set duty-modal (with its diacritics), a verb or an adverb of
    duty, or a role; None when no piece does (the sentence has no subject of its own)."""
    folded = index.doc.folded
    stop = sentence.start() if (sentence := _SENTENCE.search(folded, pos, end)) is not None else end
    acts = [index.cues[name] for name in ("duty-verb", "duty-adverb", "role:lead", "role:responsible")]
    comma = folded.find(",", pos, stop)
    while comma >= 0:
        start = index.skip(comma + 1, stop)
        if index.mention_at(start) is not None:
            codes, list_end = index.list_after(start, stop)
            after = after_emphasis(folded, list_end, stop)
            if codes and (index.cues["duty-modal"].exact.match(index.lower, after, stop)
                          or any(cue.at(folded, after, stop) for cue in acts)):
                return start
        comma = folded.find(",", comma + 1, stop)
    return None


def _own_subject_clause(index: AgencyIndex, pos: int, end: int, adverbial: re.Match[str] | None,
                        condition: re.Match[str] | None) -> re.Match[str] | None:
    """The opening words of a clause at ``pos`` that has a subject of its own, before the main
    clause's: one of time naming bodies ("Sau khi Hội đồng nhân dân tỉnh thông qua …, …", cue set
    clause-subordinate, within ``adverbial``), or a condition naming bodies (``condition``) or
    closed by "thì" ("Nếu người qua đời không có thân nhân … thì Ủy ban nhân dân cấp xã …")."""
    if adverbial is not None and index.within(pos, adverbial.end()) \
            and (words := index.cues["clause-subordinate"].exact.match(index.lower, pos, end)) is not None:
        return words
    if (words := index.cues["clause-condition"].at(index.doc.folded, pos, end)) is None:
        return None
    if condition is not None and index.within(pos, condition.end()):
        return words
    sentence = _SENTENCE.search(index.doc.folded, pos, end)
    return words if _THEN.search(index.lower, words.end(), sentence.start() if sentence else end) else None


def _subject_after_clause(index: AgencyIndex, words: re.Match[str], end: int) -> int | None:
    """Where the subject starts after a clause of time or condition that names bodies of its own
    (cue sets clause-subordinate, clause-condition; ``words`` its opening words): the
    words after its "thì", else after its first comma past the bodies it opens with ("Khi Sở
    Tài chính, Sở Xây dựng có văn bản đề nghị, Sở Nội vụ tổng hợp …"), where they open with
    bodies followed by a word in lower case that is no connector ("…, Ủy ban nhân dân tỉnh
    công bố …"); None where they do not, and for a clause in brackets, which says when the
    task before it is done."""
    folded, work = index.doc.folded, index.doc.work
    if folded[:words.start()].rstrip(" *").endswith("("):
        return None  # "(khi Đoàn đại biểu Quốc hội, Thường trực Hội đồng nhân dân yêu cầu)": when, no subject
    opener = words.end()
    stop = sentence.start() if (sentence := _SENTENCE.search(folded, opener, end)) is not None else end
    clause_subject = index.skip(opener, stop)
    opening_list_end = index.list_after(clause_subject, stop)[1] if index.mention_at(clause_subject) else opener
    if (then := _THEN.search(index.lower, opener, stop)) is not None:
        start = then.end()  # "Trường hợp …, … thì cơ quan …": the clause ends there
    elif (comma := folded.find(",", opening_list_end, stop)) >= 0:
        start = comma + 1  # (its first comma only: its own lists run on past commas, "Trường hợp mức thu của cơ
        # sở giáo dục dân lập, tư thục, cơ sở giáo dục mầm non …, mức hỗ trợ …")
    else:
        return None
    start = index.skip(start, stop)
    if index.mention_at(start) is None:
        return None
    after = after_emphasis(folded, index.list_after(start, stop)[1], stop)
    return start if after < stop and work[after].islower() \
        and index.cues["role:not-subject"].at(folded, after, stop) is None else None


def _past_adverbial_list(index: AgencyIndex, pos: int, end: int, pieces: int = 4) -> int:
    """Where the subject starts after an adverbial that lists things ("Căn cứ chức năng,
    nhiệm vụ, quyền hạn được giao, bộ, ngành trung ương chủ động …"): the following
    comma-separated pieces that name no body are part of it, up to ``pieces`` of them."""
    folded = index.doc.folded
    object_before = index.cues.compose(_OBJECT_BEFORE, "object:before")
    for _ in range(pieces):
        if index.mention_at(index.skip(pos, end)) is not None:
            break
        comma = folded.find(",", pos, min(end, pos + 160))
        word = after_emphasis(folded, pos, end)
        verb = index.cues["duty-verb"].at(folded, word, end) or index.cues["sending-verb"].at(folded, word, end)
        if verb is not None and index.doc.work[verb.start()].islower() and comma > 0 \
                and any(UNSPECIFIED not in index.codes_of(m) for m in index.within(pos, comma)):
            break  # "Trong thời hạn 02 ngày …, gửi kết quả đến Thường trực HĐND tỉnh, …": the clause has begun,
            # with no subject of its own (not the adverbial's nouns: "Về sắp xếp, tổ chức lại ĐVHC cấp xã, …")
        if comma < 0 or any(UNSPECIFIED not in index.codes_of(m)  # ("đơn vị hành chính" names nobody)
                            and not object_before.search(folded, max(pos, m.start - 12), m.start)
                            for m in index.within(pos, comma)):
            break  # (a body after "của", "theo" … is the adverbial's own: "… của Bộ trưởng Bộ Công an …,")
        pos = comma + 1
    return pos


def _adverbial_reached(index: AgencyIndex, start: int, list_start: int, stop: int, end: int) -> int | None:
    """Where the adverbial that opens the clause ends, when the list before a role word at
    ``stop`` reaches back into it ("Trên cơ sở đề xuất của Sở Tài chính, Sở Nội vụ có trách
    nhiệm …", "Based on the list provided by the provincial People's Committee, the Ministry of
    … shall …": the body the adverbial names is its own, the subject comes after its comma);
    None otherwise."""
    folded = index.doc.folded
    clause = _clause_start(folded, start, list_start)
    found = _adverbial(index, "clause-adverbial", after_emphasis(folded, clause, end), end)
    if found is None or not list_start < found.end() <= stop:
        return None
    comma = found.start() + len(found.group().rstrip()) - 1
    if index.covering(comma) is None:
        return found.end()
    return _last_piece(index, found.end(), stop)  # (a comma inside a name ends no adverbial: its bodies run on,
    # "Trên cơ sở đề xuất kinh phí của các sở, ban, ngành, địa phương, chủ trì …"; a name after the last comma
    # outside them is the subject: "Căn cứ đề xuất của các sở, ban, ngành, địa phương, Sở Tài chính chủ trì …")


def _last_piece(index: AgencyIndex, start: int, stop: int) -> int | None:
    """Where the words after the last comma outside a name between ``start`` and ``stop``
    start; None when there is no such comma or nothing follows it."""
    folded = index.doc.folded
    comma = folded.rfind(",", start, stop)
    while comma >= start and index.covering(comma) is not None:
        comma = folded.rfind(",", start, comma)
    return comma + 1 if comma >= start and folded[comma + 1:stop].strip(" *\n") else None


def _parenthesised_subject(index: AgencyIndex, start: int, list_start: int, end: int):
    """(codes, start) of the subject of a sentence whose "X chủ trì" list sits inside an aside
    ("Sở Tài chính, trên cơ sở đề xuất của các địa phương, chủ trì …"), or None."""
    folded = index.doc.folded
    sentence = _clause_start(folded, start, list_start)
    for codes, span in _subjects(index, sentence, end, first_only=True):
        if span.end <= list_start and folded[span.end:list_start].lstrip().startswith(","):
            aside = index.skip(folded.index(",", span.end) + 1, list_start)
            if folded[sentence:span.start].strip(" *\n") and (
                    index.mention_at(aside) is not None or index.in_general(aside, list_start)):
                return None  # "Trong thời hạn 05 ngày … của Ủy ban nhân dân cấp tỉnh, bộ, ngành, cơ quan, tổ chức ở
                # trung ương, …": after an adverbial the names go on the list it ends on, no aside after a subject
            return codes, span.start
    return None


def _executory(index: AgencyIndex, pos: int, end: int) -> bool:
    """"chịu trách nhiệm thi hành …": the executory clause, not a duty."""
    return bool(re.match(r"\s*(?:thi hanh|truoc)\b", index.doc.folded[pos:end]))


def cross_references(index: AgencyIndex, start: int, end: int) -> list[tuple[list[str], Span]]:
    """Section paths a span hands over ("Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2)",
    "Chủ trì, phối hợp … thực hiện các nhiệm vụ quy định tại các mục 1, 2; điểm a, b mục 7
    Phần III")."""
    folded = index.doc.folded
    out = []
    for cue in index.cues["xref"].finditer(folded, start, end):
        if index.cues["role:lead"].search(folded, max(start, cue.start() - 60), cue.start()):
            match = _SECTION_PATH.match(folded[cue.end():end])
            paths = _paths(index.doc.work[cue.end():cue.end() + match.end()]) if match else []
            if paths:
                out.append((paths, Span(cue.start(), cue.end() + len(match.group().rstrip()))))
                continue
        clause = max(start, cue.start() - 160, folded.rfind(";", start, cue.start()) + 1)
        tail = _TAIL_ROOTED.match(folded, cue.start(), min(end, cue.start() + 200))
        if tail is not None and not _in_another_document(index, tail.end(), end) \
                and index.cues["role:lead"].search(folded, clause, cue.start()):
            # (the part named last; the lead of the same clause hands them over)
            out.append((_tail_rooted_paths(tail.group()), Span(cue.start(), tail.end())))
    return out


_SECTION_PATH = re.compile(
    r"\s*((?:\(?\s*(?:[ivx]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])(?![^\W_])\s*\)?\s*[.,]?\s*){1,6})")
"""The parts a cross-reference names after its cue ("(IV) (4.1) (4.2)", "V.4", "1, 2"), each a word of its own."""
_OTHER_DOCUMENT = re.compile(r"\s*,?\s*(?:cua|tai|theo)\s+(?!(?:\S+\s+){0,2}nay\b)")
"""Sections of another document ("… mục 7 Phần III của Chương trình"), not of this one ("… Quyết định này")."""
_NUMBERED_PART = r"(?:muc|khoan|diem)\s+"
_SUBPARTS = r"diem\s+(?:[a-zđ](?:\s*(?:,|va)\s*[a-zđ])*|\d{1,2}\.\d{1,2}(?:\s*(?:,|va)\s*\d{1,2}\.\d{1,2})*)\s+"
"""The points of a part named before it: "điểm a, b" (letters) or "điểm 1.1, 1.2" (numbers under the part's)."""
_TAIL_ROOTED = re.compile(
    rf"tai\s+(?:cac\s+)?(?:(?:{_SUBPARTS})?{_NUMBERED_PART}\d{{1,2}}"
    rf"(?:\s*(?:,|va)\s*(?:{_NUMBERED_PART})?\d{{1,2}})*\s*(?:;|,|va)?\s*)+(?:cua\s+)?(?:phan|muc)\s+[ivx]{{1,5}}\b")
"""A reference whose part is named last: "tại các mục 1, 2, 3 …; điểm a, b mục 7 Phần III", "tại khoản
1, khoản 2 Mục II", "tại điểm b khoản 2 Mục II" (a numbered part of a roman section is its "mục",
"khoản" or "điểm")."""


def _in_another_document(index: AgencyIndex, pos: int, end: int) -> bool:
    """The sections named before ``pos`` are another document's: "của", "tại", "theo" it
    follows, or its kind does ("… mục I Nghị quyết số 57-NQ/TW"), but for "… Kế hoạch này"."""
    folded = index.doc.folded
    if _OTHER_DOCUMENT.match(folded, pos, end):
        return True
    words = folded[pos:min(end, pos + 60)].split()
    kind = next((n for n in (3, 2, 1) if " ".join(words[:n]) in index.registry.doc_type_words), 0)
    return bool(kind) and not (len(words) > kind and words[kind].startswith("nay"))


def _tail_rooted_paths(folded: str) -> list[str]:
    """"tai cac muc 1, 2; diem a, b muc 7 phan iii" → ["III.1", "III.2", "III.7.a", "III.7.b"];
    "tai khoan 1, khoan 2 muc ii" → ["II.1", "II.2"]; "tai diem 1.1, 1.2 khoan 1 muc iii" → ["III.1.1", "III.1.2"]."""
    root = re.search(r"(?:phan|muc)\s+([ivx]{1,5})\b\s*$", folded).group(1).upper()
    paths = []
    for group in re.finditer(rf"(?P<points>{_SUBPARTS})?{_NUMBERED_PART}"
                             rf"(?P<numbers>\d{{1,2}}(?:\s*(?:,|va)\s*(?:{_NUMBERED_PART})?\d{{1,2}})*)", folded):
        numbers = re.findall(r"\d{1,2}", group.group("numbers"))
        points = re.sub(r"\bva\b", " ", (group.group("points") or "")[len("diem"):])
        letters = re.findall(r"[a-zđ]", points)
        dotted = re.findall(r"\d{1,2}\.\d{1,2}", points)  # ("điểm 1.1, 1.2 khoản 1": numbered under it)
        paths += [f"{root}.{n}.{letter}" for n in numbers for letter in letters] if letters \
            else [f"{root}.{point}" for point in dotted] if dotted else [f"{root}.{n}" for n in numbers]
    return paths


def _paths(text: str) -> list[str]:
    """"(IV) (4.1) (4.2)" → ["IV.4.1", "IV.4.2"]; "(IV)(3.4)(a)" → ["IV.3.4.a"]; "IV.1" → ["IV.1"]."""
    tokens = re.findall(r"[IVX]{1,5}(?=[\s).,;]|$)|\d{1,2}(?:\.\d{1,2})*|(?<=\()[a-zđ](?=\))", text)
    if not tokens or not re.fullmatch(r"[IVX]{1,5}", tokens[0]):
        return []
    root = tokens[0]
    numbers = [t for t in tokens[1:] if t[0].isdigit()]
    letters = [t for t in tokens[1:] if t.isalpha()]
    if not numbers:
        return [root]
    paths = [f"{root}.{n}" for n in numbers]
    if letters and len(numbers) == 1:
        paths = [f"{paths[0]}.{letter}" for letter in letters]
    return paths


def codes_only(names: list[Name]) -> list[str]:
    return real_codes(n.code for n in names)


def lead_value_roles(index: AgencyIndex, names: list[Name], start: int, end: int) -> tuple[list[Name], list[Name]]:
    """(leads, partners) of a lead value that says who does what — a "Cơ quan thực hiện" field or
    cell: "Sở Nội vụ chủ trì, phối hợp với Thanh tra tỉnh", "Văn phòng UBND tỉnh chủ trì; các
    sở, ngành phối hợp", "Sở A (chủ trì), Sở B". The bodies named beside the lead coordinate,
    not those a verb takes as its object ("Sở A chủ trì tham mưu Ủy ban nhân dân tỉnh …");
    bodies with a ";"-clause and a verb of their own ("…; các sở, ngành thực hiện công bố")
    lead too. ``names`` are the value's names; a value of names alone leads. A lead outside the
    registry whose name no list reader reads whole ("Trung tâm Xúc tiến Đầu tư tỉnh chủ trì, phối
    hợp với Sở Tài chính") is read as running text reads it."""
    folded = index.doc.folded
    cues = index.cues
    if not (cues["role:coordinate"].search(folded, start, end) or cues["role:lead"].search(folded, start, end)):
        return names, []
    said = sentence_roles(index, start, end)
    if not said.lead and not names:  # (a body outside the registry, its name no list: read as a subject)
        partners = [Name(code, *_named_at(index, code, span)) for code, span in said.coordinating]
        return index.unregistered_subjects(start, end), partners
    if not said.lead:
        return names, []
    leads = set(said.lead_codes)
    lead_at = said.lead[0][1].start
    clause_start = folded.rfind(";", start, lead_at) + 1 or start
    clause_end = folded.find(";", lead_at, end)
    clause = (max(start, clause_start), end if clause_end < 0 else clause_end)
    verbs = cues["duty-verb"]
    named = [Name(code, m.start, m.end) for m in index.within(*clause)
             if not verbs.ending_at(folded, m.start, max(clause[0], m.start - _VERB_CHARS))
             for code in sorted(index.codes_of(m)) if code != UNSPECIFIED]  # (not the object of a verb: "Sở
    # Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch" advises the committee)
    named += [n for n in names if clause[0] <= n.start < clause[1]
              and not verbs.ending_at(folded, n.start, max(clause[0], n.start - _VERB_CHARS))]
    named += [Name(code, *_named_at(index, code, span)) for code, span in said.coordinating]
    named += [n for n in names if not _acts_in_clause(index, n, start, end)]  # "…; Sở B, Sở C" names only
    partners: list[Name] = []
    for name in named:
        if name.code not in leads and name.code not in [p.code for p in partners]:
            partners.append(name)
    taken = {p.code for p in partners}
    kept = [n for n in names if n.code in leads or n.code not in taken]
    kept += [Name(code, *_named_at(index, code, span)) for code, span in said.lead
             if code not in [n.code for n in kept]]
    return kept, partners


_VERB_CHARS = 24
"""How far before a name a verb that takes it as its object may start ("tham mưu", "báo cáo")."""


def labelled_roles(index: AgencyIndex, start: int, end: int) -> tuple[list[Name], list[Name]] | None:
    """(leads, partners) of a value that labels its bodies by role ("Chủ trì: Sở Tư pháp;
    phối hợp: các sở, ngành"): each label's names run to the next label, and names before the
    first label lead (a lead field going on with "…; đơn vị phối hợp: Sở B"). None when no
    role word in the span, and no field's label after its first words, is followed by a colon."""
    folded = index.doc.folded
    labels = sorted({(match.start(), colon.end(), role)
                     for role in ("lead", "coordinate") for kind in ("role", "field")
                     for match in index.cues[f"{kind}:{role}"].finditer(folded, start, end)
                     if (colon := _LABEL_COLON.match(folded, match.end(), end)) is not None
                     and (kind == "role" or folded[start:match.start()].strip(_VALUE_OPENING))})
    # (a field's label inside the value as well as a role word: "Responsible agency: Bộ A. Coordinating agency:
    # Bộ B"; one that opens it, "- Cơ quan thực hiện: …" in a cell, labels the whole value)
    if not labels:
        return None
    leads: list[Name] = index.names(start, labels[0][0])
    partners: list[Name] = []
    for i, (_, value_start, role) in enumerate(labels):
        value_end = labels[i + 1][0] if i + 1 < len(labels) else end
        (leads if role == "lead" else partners).extend(index.names(value_start, value_end))
    return leads, partners


def first_clause_leads(index: AgencyIndex, names: list[Name], start: int, end: int) -> tuple[list[Name], list[Name]]:
    """(leads, partners) of a value of names alone in a column headed by both roles ("Cơ quan
    chủ trì/phối hợp": "Sở A; Sở B, Sở C"): the names of its first clause (up to ";", a line
    break or "/") lead, or its first name where it has one clause; the others coordinate."""
    folded = index.doc.folded
    stop = _CLAUSE_STOP.search(folded, start, end)
    first = [n for n in names if n.start < stop.start()] if stop else names[:1]
    if not first:
        first = names[:1]
    return first, [n for n in names if n not in first]


def _acts_in_clause(index: AgencyIndex, name: Name, start: int, end: int) -> bool:
    """The ";"-clause holding ``name`` goes on past its list of names with words of its own
    (a verb: "…; các sở, ngành, UBND cấp xã thực hiện công bố"), not names alone."""
    folded = index.doc.folded
    clause_end = folded.find(";", name.end, end)
    clause_end = end if clause_end < 0 else clause_end
    clause_start = folded.rfind(";", start, name.start) + 1 or start
    _, list_end = index.list_after(max(start, clause_start), clause_end)
    return len(folded[max(list_end, name.end):clause_end].split()) >= 2


def _named_at(index: AgencyIndex, code: str, span: Span) -> tuple[int, int]:
    """Where in ``span`` the body ``code`` is named; for a name outside the registry, its words
    from the span's start ("Trung tâm Xúc tiến Đầu tư" of "Trung tâm Xúc tiến Đầu tư tỉnh chủ trì")."""
    found = next((m for m in index.within(span.start, span.end) if code in index.codes_of(m)), None)
    if found is not None:
        return found.start, found.end
    words = len((unregistered_name(code) or "").split())
    named = re.match(rf"\S+(?:\s+\S+){{{words - 1}}}", index.doc.work[span.start:span.end]) if words else None
    return span.start, span.start + named.end() if named else span.end
