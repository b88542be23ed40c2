"""Vietnamese document numbers: find them in text and write them the official way.

Three forms (Decree 30/2020/NĐ-CP, Appendix I; Party regulation on Party documents):

* state documents: number, optional year, type code, issuer codes — "889/QĐ-TTg",
  "08/2022/NĐ-CP", "72/2020/QH14", and their English spellings ("No.687/QD-TTG",
  "No.44/KH - People's Committee");
* Party documents: number, type, issuer after a slash — "57-NQ/TW", "132- KL/TW";
* official letters, whose code names the issuing office instead of a type —
  "Văn bản số 7074/SNNMT-TCCB", "Tờ trình số 9512/TTr- SNN-CCTL" is a state form.

Codes are canonicalised with the document-type data of the ontology, so "QD-TTG" becomes
"QĐ-TTg" and "People's Committee" becomes "UBND".
"""

from __future__ import annotations

import re

from plankg.loaders.normalize import fold
from plankg.loaders.records import DocNumber
from plankg.loaders.registry import Registry

_TOKEN = r"(?:People'?s Committee|[A-Za-zĐđƯư][A-Za-zĐđƯư0-9&]*(?:\.[A-ZĐƯ0-9]+)*)"
"""A code of a number; a unit's may hold dots between capitals ("11554/VPCP-V.I": Vụ I)."""
NUMBER_PATTERN = re.compile(
    rf"(?<![\w/.-])(?:(?:No|Số|số|So)\s*\.?\s*)?(?P<num>\d{{1,5}})\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<codes>{_TOKEN}(?:\s*[-–]\s*{_TOKEN}){{0,3}})(?![\w])"
)
PARTY_PATTERN = re.compile(
    r"(?<![\w/.-])(?P<num>\d{1,4})\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{1,3})\s*/\s*(?P<org>[A-ZĐƯ][A-ZĐƯ]{0,8})(?![\w])")
_LETTER_CUE = re.compile(r"(?:van ban|cong van|vb)\s+so\s*$|(?:^|[\n|*])[\s*]*(?:so|no)\.?\s*:\s*$")
"""Before a letter's number: "Văn bản số …", or the label of a header's own number at the start
of its line ("Số: 39992/CHQ-GSQL")."""
_LAW_CODE = re.compile(r"^(QH)(\d{1,2})$", re.IGNORECASE)
_STANDING_CODE = re.compile(r"^UBTVQH\d{1,2}$", re.IGNORECASE)
"""The National Assembly Standing Committee's normative acts carry no type code: "76/2025/UBTVQH15"."""


def parse_number(text: str, registry: Registry) -> DocNumber | None:
    """Parse one document number ("No.687/QD-TTG" → 687/QĐ-TTg), or None."""
    for _match, number in find_numbers(text, registry):
        return number
    return None


def parse_reference(text: str, registry: Registry) -> DocNumber | None:
    """A number given on its own, optionally after its type ("Decision 889/QD-TTg",
    "Quyết định số 889/QĐ-TTg"); None if anything else stands around it."""
    found = list(find_numbers(text, registry))
    if len(found) != 1:
        return None
    match, number = found[0]
    if text[match.end():].strip():
        return None
    before = fold(text[:match.start()]).strip(" .:")
    if before and before not in registry.doc_type_words and not any(
            before == f"{word} so" or before == f"{word} no" for word in registry.doc_type_words):
        return None
    return number


def find_numbers(text: str, registry: Registry, start: int = 0, end: int | None = None):
    """Yield (match, DocNumber) for every document number in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    if text.find("/", start, stop) < 0:
        return  # every number has its slash: most paragraphs are settled without the patterns
    found = []
    for match in NUMBER_PATTERN.finditer(text, start, stop):
        parsed = _from_match(match, registry)
        if parsed is not None and _office_code(text, match, start, registry, parsed):
            parsed = None  # "5435/CT-NVT": the tax department's letter, read below
        parsed = parsed or _standing(text, match, start, registry) or _letter(text, match, start, registry)
        if parsed is not None:
            found.append((match, parsed))
    for match in PARTY_PATTERN.finditer(text, start, stop):
        type_code = registry.doc_type_codes.get(fold(match.group("type")))
        if type_code is not None and not any(m.start() <= match.start() < m.end() for m, _ in found):
            found.append((match, DocNumber(match.group("num"), None, type_code, (match.group("org"),), "party")))
    found.sort(key=lambda pair: pair[0].start())
    yield from found


def canonical(text: str, registry: Registry) -> str | None:
    """The official spelling of a number written any way, or None if it is not one."""
    parsed = parse_number(text, registry)
    return str(parsed) if parsed else None


def _from_match(match: re.Match[str], registry: Registry) -> DocNumber | None:
    tokens = [t.strip() for t in re.split(r"\s*[-–]\s*", match.group("codes")) if t.strip()]
    first = tokens[0]
    law = _LAW_CODE.match(first)
    if law:
        type_code = f"QH{law.group(2)}"
    else:
        type_code = registry.doc_type_codes.get(fold(first).strip())
        if type_code is None:
            return None
    issuers = []
    for token in tokens[1:]:
        issuers.append(registry.issuer_codes.get(fold(token).strip(), token.upper()
                                                 if token.islower() else token))
    if not issuers and not law and match.group("year") is None:
        return None  # "5/KH" alone is too thin to be a number; "72/2020/QH14"-style laws stay
    year = int(match.group("year")) if match.group("year") else None
    return DocNumber(match.group("num"), year, type_code, tuple(issuers))


def _office_code(text: str, match: re.Match[str], floor: int, registry: Registry, number: DocNumber) -> bool:
    """The type code is an office's code too and no issuer's code follows it ("5435/CT-NVT":
    "CT" is the tax department's, "NVT" its unit), and no word of the type stands before the
    number ("Chỉ thị 03/CT-BQL" is a directive): a letter of that office."""
    tokens = [fold(t).strip() for t in re.split(r"\s*[-–]\s*", match.group("codes")) if t.strip()]
    if tokens[0] not in registry.issuer_codes or any(t in registry.issuer_codes for t in tokens[1:]):
        return False
    return _kind_named_before(text, match, floor, registry) != doc_type_name(number, registry)


def _kind_named_before(text: str, match: re.Match[str], floor: int, registry: Registry) -> str | None:
    """The English type name of the kind word written right before a number ("Nghị quyết số
    …" → "resolution"), or None."""
    kind = registry.kind_words_ending.search(fold(text[max(floor, match.start() - 30):match.start()]))
    word = kind and max((w for w in registry.doc_type_words if kind.group(0).startswith(w)), key=len, default=None)
    return registry.doc_type_words.get(word) if word else None


def _standing(text: str, match: re.Match[str], floor: int, registry: Registry) -> DocNumber | None:
    """An act of the National Assembly Standing Committee ("Nghị quyết số 76/2025/UBTVQH15",
    "Pháp lệnh số 02/2020/UBTVQH14"): a year and the committee's code alone, so the kind
    comes from the type word written before it, a resolution when none is."""
    code = match.group("codes").strip()
    if match.group("year") is None or not _STANDING_CODE.match(code):
        return None
    named = _kind_named_before(text, match, floor, registry)
    type_code = next((c for c, name in registry.doc_type_names.items() if name == named), "NQ")
    return DocNumber(match.group("num"), int(match.group("year")), type_code, (code.upper(),), "standing")


def _letter(text: str, match: re.Match[str], floor: int, registry: Registry) -> DocNumber | None:
    """An official letter's number, whose code is its issuing office and unit: after "Văn bản
    số" ("Văn bản số 7074/SNNMT-TCCB") or a header's "Số:" ("Số: 39992/CHQ-GSQL"), or
    anywhere when the office is a known issuer and a unit follows it ("8123/UBND-KT",
    "1234/VPCP-KGVX", "3562/CT-PCb")."""
    tokens = tuple(t.strip() for t in re.split(r"\s*[-–]\s*", match.group("codes")) if t.strip())
    if not tokens or not tokens[0].isupper():
        return None
    before = fold(text[max(floor, match.start("num") - 20):match.start("num")])  # (the match may hold the "số")
    if not _LETTER_CUE.search(before) and not (
            len(tokens) >= 2 and fold(tokens[0]).strip() in registry.issuer_codes and tokens[1][0].isupper()):
        return None
    year = int(match.group("year")) if match.group("year") else None
    code = registry.issuer_codes.get(fold(tokens[0]).strip())
    if code is not None and fold(code) == fold(tokens[0]):
        tokens = (code,) + tokens[1:]  # "114/BGDDT-GDtrH": the office's code without its diacritics, "BGDĐT"
        # (not an alias of another spelling: "4717/PC-VP" is a transfer slip, no People's Committee's)
    return DocNumber(match.group("num"), year, "CV", tokens, "letter")


def issuer_agency(number: DocNumber, registry: Registry) -> str | None:
    """Agency-type code of the number's issuer ("TTg" → "PM"), when the registry knows it."""
    if number.type_code.startswith("QH"):
        return "NA"
    for code in number.issuer_codes:
        if code in registry.issuer_agency:
            return registry.issuer_agency[code]
    return None


def is_local_issuer(number: DocNumber, registry: Registry) -> bool:
    """The number's issuer is a People's Committee or Council ("…/QĐ-UBND", "…/NQ-HĐND")."""
    return any((agency := registry.agencies.get(registry.issuer_agency.get(code, ""))) is not None
               and agency.kind == "PeoplesCommittee" for code in number.issuer_codes)


def doc_type_name(number: DocNumber, registry: Registry) -> str | None:
    """English type name of a number's type code ("QĐ" → "decision")."""
    if number.type_code.startswith("QH"):
        return "law"
    return registry.doc_type_names.get(number.type_code)
