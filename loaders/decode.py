"""Bytes → text, or a :class:`SourceError` that names the file and the problem.

Plans arrive as UTF-8 (with or without BOM) and sometimes UTF-16; anything else that
is not valid UTF-8 is refused with the line of the first bad byte, so the user can
re-save the file rather than get a silently garbled graph.
"""

from __future__ import annotations

import codecs

from plankg.errors import SourceError

_BINARY_SNIFF = 8192


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a plan file's bytes.

    Args:
        data: the raw file content.
        source: the file name, for messages.

    Returns:
        The decoded text (BOM removed).

    Raises:
        SourceError: empty, binary or undecodable input.
    """
    if not data.strip():
        raise SourceError(source, "empty file: expected the text of a plan")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, source)
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError(source, "binary file (NUL bytes): expected UTF-8 text")
    return _decode(data, "utf-8", source)


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SourceError(
            source,
            f"not valid {codec.upper()} (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-save the file as UTF-8",
            line=line,
        ) from None
    if not text.strip():
        raise SourceError(source, "empty file: expected the text of a plan")
    return text
