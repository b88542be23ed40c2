"""Bytes → text, or a :class:`SourceError` that names the file and the problem.

Plans arrive as UTF-8 (with or without BOM), sometimes UTF-16, and older government
files in Windows-1258 or the pre-Unicode Vietnamese encodings TCVN3 (ABC) and VNI.
UTF-8, UTF-16 and Windows-1258 are decoded; TCVN3 and VNI are recognised and refused
with a message naming them (converting them needs the font-specific tables of a tool
like UniKey). A UTF-8 file cut in the middle of a character is read up to the cut.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from plankg.errors import SourceError

MAX_BYTES = 50_000_000
"""Larger files are refused: no plan is this long, and extraction holds the text thrice."""
_BINARY_SNIFF = 8192
# Common Vietnamese words, diacritics stripped: how a correct decoding reads.
_COMMON = re.compile(r"\b(?:cua|va|cac|thuc hien|ke hoach|tinh|trong|nhan dan|phat trien|theo)\b")
# VNI writes a vowel, then its tone or modifier as a second byte ("Keá hoaïch", "tænh").
_VNI = re.compile(r"[aeiouyAEIOUYôöÔÖ][øùûõïáàåãäéèúüëâ]")
# TCVN3 puts precomposed Vietnamese letters on bytes Western text rarely uses ("ho¹ch", "§ång").
_TCVN3 = re.compile(r"[µ¶·¸¹¨©®±²³´½¾§¤¦ÕÖØÙÚÛÜÝÞßÒÓÔÐÏÌ]")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a plan file's bytes.

    Args:
        data: the raw file content.
        source: the file name, for messages.

    Returns:
        The decoded text (BOM removed).

    Raises:
        SourceError: empty, too large, binary, or in an encoding plankg cannot read.
    """
    if not data.strip():
        raise SourceError(source, "empty file: expected the text of a plan")
    if len(data) > MAX_BYTES:
        raise SourceError(source, f"file too large ({len(data) / 1e6:.0f} MB; the limit is "
                                  f"{MAX_BYTES / 1e6:.0f} MB): split it into its documents")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _checked(_decode(data[len(bom):], codec, source), source)
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError(source, "binary file (NUL bytes): expected UTF-8 text")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(data):
            return _checked(data[:err.start].decode("utf-8"), source)  # cut mid-character
        return _legacy(data, source, err)


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
