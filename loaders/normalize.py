"""Decoded text → the normalised text that every span refers to, and two views of it.

* ``text``: NFC, LF line ends, no zero-width characters, non-breaking spaces as spaces
  (tabs are kept: they separate the cells of tab-separated tables).
  Spans index this string; quotes are slices of it.
* ``work``: the same length as ``text``, with markdown emphasis and heading marks
  (``**``, ``*``, leading ``#``) blanked out, so structure rules see plain words.
* ``folded``: the same length again, lower-cased with diacritics removed ("Sở Tài
  chính" → "so tai chinh"), for matching names however they were typed.

Because all three have equal length, an offset found in one is valid in the others.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

_CLEAN = str.maketrans({**dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
                        **{c: " " for c in "\u00a0\u2007\u202f\u3000"}})
_UNCLEAN = re.compile("[" + "".join(chr(code) for code in _CLEAN) + "]")
_MARKUP = re.compile(r"\*+|^[ \t]*#+(?=\s|$)", re.MULTILINE)
_FOOTNOTE = re.compile(r"(?<=[^\s\[])\[\d{1,3}\]")
"""A footnote's reference on the word before it ("Bộ Nội vụ[6] chịu trách nhiệm", as the
consolidated texts print them): blanked in the folded view, which the cues and names
are matched in, and kept in the text that tasks and quotes show."""


class _FoldTable(dict[int, str]):
    """str.translate table that folds one character to one character, on demand."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if base in "đð":
            base = "d"
        folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping the length: "Đồng Nai" → "dong nai"."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


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
    # translate looks every character up, 30 times slower than searching for one to change
    return text.translate(_CLEAN) if _UNCLEAN.search(text) else text


def normalize(raw: str) -> NormalizedText:
    """Normalise decoded text (idempotent: normalising ``text`` again changes nothing)."""
    text = clean(raw)
    work = _MARKUP.sub(_blank, text) if ("*" in text or "#" in text) else text
    folded = work.translate(_FOLD)
    return NormalizedText(
        text=text,
        work=work,
        folded=_FOOTNOTE.sub(_blank, folded) if "[" in folded else folded,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to one space."""
    return " ".join(text.split())
