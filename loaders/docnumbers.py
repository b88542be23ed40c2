"""Vietnamese document numbers: find them in text and write them the official way.

"889/QĐ-TTg", "08/2022/NĐ-CP", "72/2020/QH14", and the English spellings of the same
("No.687/QD-TTG", "No.44/KH - People's Committee"): number, optional year, type code
and issuer code. Codes are canonicalised with the document-type data of the ontology,
so "QD-TTG" becomes "QĐ-TTg" and "People's Committee" becomes "UBND".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.loaders.normalize import fold
from plankg.loaders.registry import Registry

_TOKEN = r"(?:People'?s Committee|[A-Za-zĐđ][A-Za-zĐđ0-9&]*)"
NUMBER_PATTERN = re.compile(
    rf"(?<![\w/.])(?:(?:No|Số|số|So)\s*\.?\s*)?(?P<num>\d{{1,5}})\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<codes>{_TOKEN}(?:\s*[-–]\s*{_TOKEN}){{0,3}})(?![\w])"
)
_LAW_CODE = re.compile(r"^(QH)(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class DocNumber:
    """A parsed document number."""

    number: str
    year: int | None
    type_code: str
    issuer_codes: tuple[str, ...]

    def __str__(self) -> str:
        head = f"{self.number}/{self.year}/" if self.year else f"{self.number}/"
        return head + "-".join((self.type_code, *self.issuer_codes))


def parse_number(text: str, registry: Registry) -> DocNumber | None:
    """Parse one document number ("No.687/QD-TTG" → 687/QĐ-TTg), or None."""
    match = NUMBER_PATTERN.search(text)
    return _from_match(match, registry) if match else None


def parse_reference(text: str, registry: Registry) -> DocNumber | None:
    """A number given on its own, optionally after its type ("Decision 889/QD-TTg",
    "Quyết định số 889/QĐ-TTg"); None if anything else stands around it."""
    match = NUMBER_PATTERN.search(text)
    if match is None or text[match.end():].strip():
        return None
    before = fold(text[:match.start()]).strip(" .:")
    if before and before not in registry.doc_type_words and not any(
            before == f"{word} so" or before == f"{word} no" for word in registry.doc_type_words):
        return None
    return _from_match(match, registry)


def find_numbers(text: str, registry: Registry, start: int = 0, end: int | None = None):
    """Yield (match, DocNumber) for every document number in ``text[start:end]``."""
    for match in NUMBER_PATTERN.finditer(text, start, len(text) if end is None else end):
        parsed = _from_match(match, registry)
        if parsed is not None:
            yield match, parsed


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


def issuer_agency(number: DocNumber, registry: Registry) -> str | None:
    """Agency-type code of the number's issuer ("TTg" → "PM"), when the registry knows it."""
    if number.type_code.startswith("QH"):
        return "NA"
    for code in number.issuer_codes:
        if code in registry.issuer_agency:
            return registry.issuer_agency[code]
    return None


def doc_type_name(number: DocNumber, registry: Registry) -> str | None:
    """English type name of a number's type code ("QĐ" → "decision")."""
    if number.type_code.startswith("QH"):
        return "law"
    return registry.doc_type_names.get(number.type_code)
