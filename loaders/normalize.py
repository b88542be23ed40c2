"""Decoded text → the normalised text that every span refers to, and two views of it.

* ``text``: NFC, LF line ends, no zero-width characters, non-breaking spaces as spaces
  (tabs are kept: they separate the cells of tab-separated tables).
  Spans index this string; quotes are slices of it.
* ``work``: the same length as ``text``, with markdown emphasis and heading marks
  (``**``, ``*``, ``__`` at a word's edge, leading ``#``; not the runs of ``_`` that
  leave a blank to fill in) and the line breaks of crawled table cells (``<br>``)
  blanked out, so structure rules see plain words.
* ``folded``: the same length again, lower-cased with diacritics removed ("Sở Tài
  chính" → "so tai chinh"), for matching names however they were typed.

Because all three have equal length, an offset found in one is valid in the others.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

_CLEAN = {**dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
          **dict.fromkeys("\u00a0\u2007\u202f\u3000", " ")}
_UNCLEAN = re.compile("[" + "".join(_CLEAN) + "]")
_MARKUP = re.compile(r"\*+|(?<!\w)__(?=[^\s_])|(?<=[^\s_])__(?!\w)|^[ \t]*#+(?=\s|$)|<br\s*/?>",
                     re.MULTILINE | re.IGNORECASE)
_FOOTNOTE = re.compile(r"(?<=[^\s\[])\[\d{1,3}\]")
"""A footnote's reference on the word before it ("Bộ Nội vụ[6] chịu trách nhiệm", as the
consolidated texts print them): blanked in the folded view, which the cues and names
are matched in, and kept in the text that tasks and quotes show."""

_FOLD: dict[int, str] = {}
"""Character → its folded character, for str.translate. A plain dict, filled before it is
used: translate looks a plain dict up twice as fast as a dict subclass with __missing__."""
_LEARNT_RANGES = "\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2000-\u206f"
"""Latin letters with their diacritics (Vietnamese among them), combining marks and
punctuation: folded once at import; any other character when a text first has it."""
_UNLEARNT = re.compile(f"[^{_LEARNT_RANGES}]")


def _learn(chars) -> None:
    for char in chars:
        if ord(char) not in _FOLD:
            base = unicodedata.normalize("NFD", char)[0].lower()
            if base in "đð":
                base = "d"
            _FOLD[ord(char)] = base if len(base) == 1 else char


_learn(chr(code) for low, high in ((0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F))
       for code in range(low, high + 1))
_FOLD.update(dict.fromkeys(map(ord, "\u2018\u2019\u02bc"), "'"))  # a typeset apostrophe is the typed one
# ("People’s Committee", "Farmers’ Association" as a word processor writes them)


def _fold_view(text: str) -> str:
    if _UNLEARNT.search(text):
        _learn(set(_UNLEARNT.findall(text)))
    return text.translate(_FOLD)


def _cleaned(match: re.Match[str]) -> str:
    return _CLEAN[match.group()]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


_MARKS_IN_WORD = re.compile(r"(\*+)([^\W\d_]+)")
"""Emphasis marks and the letters after them: inside a word when a letter stands before."""
_VOWELS = frozenset("aeiouy")


def _joined(match: re.Match[str]) -> str:
    """A word the crawl's emphasis split ("ng**ày", "BỘ C****ÔNG THƯƠNG") put together again,
    its letters moved over the marks and the marks' width left as spaces after it, so the
    view keeps its length. Only where one side holds no vowel, so is no syllable of its own;
    marks between two words written without a space stay a gap: "*Chủ tịch Quốc hội*đối với",
    a capital after a small letter, a small letter after an abbreviation, a lone letter
    between marks (a note's)."""
    text, start = match.string, match.start()
    left = start
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    if left == start:
        return match.group()
    marks, right = match.group(1), match.group(2)
    before = text[left:start]
    if before[-1].islower() and right[0].isupper() or len(right) == 1 and text.startswith("*", match.end()) \
            or len(before) > 1 and before.isupper() and right[0].islower():
        return match.group()  # ("**f***Báo Công an …", "… Government**b** - ^": a note's letter and a word;
        # "số 82/2006/QĐ-QP**của Bộ …": an abbreviation and a word)
    if _VOWELS.isdisjoint(fold(before)) or _VOWELS.isdisjoint(fold(right)):
        return right + " " * len(marks)
    return match.group()


def lower_view(text: str) -> str:
    """``text`` in lower case with its diacritics, keeping the length: a letter whose lower case
    is longer ("İ" → "i̇", in a Turkish name) keeps its first character, so offsets stay valid."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(char.lower()[0] for char in text)


def fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping the length: "Đồng Nai" → "dong nai"."""
    return _fold_view(unicodedata.normalize("NFC", text))


@dataclass(frozen=True)
class NormalizedText:
    """A document's normalised text and its equal-length views."""

    text: str
    work: str
    folded: str
    sha256: str


def clean(raw: str) -> str:
    """The ``text`` view of a piece of text: NFC, LF line ends, invisible characters out.
    Readers of other formats clean each piece they render, so their offsets survive
    :func:`normalize` unchanged."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # (a substitution of the few characters to change: translate would look every character up)
    return _UNCLEAN.sub(_cleaned, text) if _UNCLEAN.search(text) else text


def normalize(raw: str) -> NormalizedText:
    """Normalise decoded text (idempotent: normalising ``text`` again changes nothing)."""
    text = clean(raw)
    work = _MARKUP.sub(_blank, _MARKS_IN_WORD.sub(_joined, text) if "*" in text else text) \
        if ("*" in text or "#" in text or "<" in text or "__" in text) else text
    folded = _fold_view(work)
    return NormalizedText(
        text=text,
        work=work,
        folded=_FOOTNOTE.sub(_blank, folded) if "[" in folded else folded,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def join_pairs(doc: NormalizedText, pairs: re.Pattern[str]) -> NormalizedText:
    """``doc`` with the comma inside each term that ``pairs`` matches in the folded view
    blanked there ("phong, chong" → "phong  chong"): such a comma separates no list, so a
    name that holds it ("Cục Phòng, chống tham nhũng") reads as one name. Text and work views
    are kept, and the folded view keeps its length."""
    if pairs.search(doc.folded) is None:
        return doc
    folded = pairs.sub(lambda match: match.group().replace(",", " "), doc.folded)
    return NormalizedText(text=doc.text, work=doc.work, folded=folded, sha256=doc.sha256)


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to one space."""
    return " ".join(text.split())


def opens_clause(text: str, pos: int, floor: int = 0) -> bool:
    """Nothing but a clause's opening stands between ``floor`` and ``pos``: ``floor`` itself, a
    paragraph's start, a stop, a colon, a semicolon, a list dash (spaces and emphasis between);
    not a line the crawl wrapped inside a sentence ("… đến" | "người dân, doanh nghiệp …")."""
    before = text[max(floor, pos - _CLAUSE_LOOKBACK):pos].rstrip(" *\t")
    if before.endswith("\n"):
        before = before.rstrip(" *\t\n")
        return not before or before[-1] in ".:;!?"
    return not before or before[-1] in ".:;-+•("


_CLAUSE_LOOKBACK = 20


def before_note(folded: str, start: int, end: int) -> int:
    """Where a heading's words end, its closing marks and a note in brackets that closes it
    left out ("1. Sở Nội vụ (cơ quan thường trực Ban Chỉ đạo …):": the note describes the
    body, it is no duty)."""
    while end > start and folded[end - 1] in " :.\n*":
        end -= 1
    if folded[end - 1:end] != ")" or "(" not in folded[start:end]:
        return end
    end = folded.rindex("(", start, end)
    while end > start and folded[end - 1] in " -–:":
        end -= 1
    return end
