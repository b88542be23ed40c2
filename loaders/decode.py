"""Bytes → text, or a :class:`SourceError` that names the file and the problem.

Plans arrive as UTF-8 (with or without BOM), sometimes UTF-16 or UTF-32 (with a BOM),
and older government files in Windows-1258 or the pre-Unicode Vietnamese encodings
TCVN3 (ABC) and VNI. UTF-8, UTF-16, UTF-32 and Windows-1258 are decoded; TCVN3 and VNI
are recognised and refused with a message naming them (converting them needs the
font-specific tables of a tool like UniKey). A UTF-8 file cut in the middle of a
character is read up to the cut; a UTF-8 file with a few damaged bytes stays UTF-8,
those bytes replaced and reported, rather than being read as another encoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from plankg.loaders.files import MAX_BYTES

from plankg.errors import SourceError

_BINARY_SNIFF = 8192
_STRAY_SHARE = 0.01
"""A UTF-8 text whose invalid bytes are at most this share of its non-ASCII characters
(and a handful at least) is UTF-8 with a few damaged bytes, not another encoding."""
# Common Vietnamese words, diacritics stripped: how a correct decoding reads.
_COMMON = re.compile(r"\b(?:cua|va|cac|thuc hien|ke hoach|tinh|trong|nhan dan|phat trien|theo)\b")
# VNI writes a vowel, then its tone or modifier as a second byte ("Keá hoaïch", "tænh").
_VNI = re.compile(r"[aeiouyAEIOUYôöÔÖ][øùûõïáàåãäéèúüëâ]")
# TCVN3 puts precomposed Vietnamese letters on bytes Western text rarely uses ("ho¹ch", "§ång").
_TCVN3 = re.compile(r"[µ¶·¸¹¨©®±²³´½¾§¤¦ÕÖØÙÚÛÜÝÞßÒÓÔÐÏÌ]")


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read in, and what was repaired on the way."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a plan file's bytes (see :func:`decode_source`); the text alone."""
    return decode_source(data, source).text


def decode_source(data: bytes, source: str) -> Decoded:
    """Decode a plan file's bytes, saying what was found.

    Args:
        data: the raw file content.
        source: the file name, for messages.

    Returns:
        The decoded text (BOM removed), its encoding, and notes on any damaged bytes
        that were replaced.

    Raises:
        SourceError: empty, too large, binary, or in an encoding plankg cannot read.
    """
    if not data.strip():
        raise SourceError(source, "empty file: expected the text of a plan")
    if len(data) > MAX_BYTES:
        raise SourceError(source, f"file too large ({len(data) / 1e6:.1f} MB; the limit is "
                                  f"{MAX_BYTES / 1e6:.0f} MB): split it into its documents")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
                       (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):  # UTF-32's BOM opens with UTF-16's
        if data.startswith(bom):
            return Decoded(_checked(_decode(data[len(bom):], codec, source), source), codec)
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError(source, "a binary file in a format plankg does not read: expected text, Word "
                                  "(.docx, .doc), PDF, an image or a web page")
    try:
        return Decoded(_checked(data.decode("utf-8"), source), "utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            return Decoded(_checked(data[:err.start].decode("utf-8"), source), "utf-8",
                           (f"the file ends in the middle of a character (offset {err.start}); read up to it",))
        damaged = _mostly_utf8(data)
        if damaged is not None:
            return damaged
        return Decoded(_legacy(data, source, err), "cp1258")


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few damaged bytes (a copy error), decoded with U+FFFD in their place."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if good < 20 or bad > max(3, _STRAY_SHARE * good):
        return None
    first = next(i for i, c in enumerate(text) if c == "\ufffd")
    line = text.count("\n", 0, first) + 1
    return Decoded(text, "utf-8", (f"{bad} byte(s) are not UTF-8 (the first on line {line}); "
                                   "each was replaced by \ufffd",))


def _legacy(data: bytes, source: str, err: UnicodeDecodeError) -> str:
    """Not UTF-8: Windows-1258 is decoded; TCVN3 and VNI are named and refused."""
    line = data[: err.start].count(b"\n") + 1
    latin = data.decode("latin-1")
    vni, tcvn3 = len(_VNI.findall(latin)), len(_TCVN3.findall(latin))
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = ""
    words = len(_COMMON.findall(_fold(cp1258)))
    if cp1258 and words >= 3:
        return _checked(cp1258, source)
    if vni > tcvn3 and vni >= 3:
        raise SourceError(source, "looks like VNI-encoded Vietnamese (pre-Unicode): convert it to "
                                  "Unicode (UTF-8), e.g. with UniKey's converter", line=line)
    if tcvn3 >= 3:
        raise SourceError(source, "looks like TCVN3 (ABC)-encoded Vietnamese (pre-Unicode): convert it "
                                  "to Unicode (UTF-8), e.g. with UniKey's converter", line=line)
    raise SourceError(source, f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
                              "re-save the file as UTF-8", line=line)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(source, f"not valid {codec.upper()} (byte 0x{data[err.start]:02x} at offset "
                                  f"{err.start}); re-save the file as UTF-8", line=line) from None


def _checked(text: str, source: str) -> str:
    if not text.strip():
        raise SourceError(source, "empty file: expected the text of a plan")
    return text
