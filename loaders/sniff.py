"""Which format a file is in, from its first bytes and zip members, not its name.

A plan saved as "kehoach.txt" may be a Word file, and a ".doc" from a portal is often
HTML; the extension only breaks ties (a zip that is neither Word nor anything else).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

KINDS = ("text", "html", "docx", "pdf", "doc", "image")
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, OSError, EOFError, ValueError,
              RuntimeError, NotImplementedError, KeyError)
"""Every way Python's zipfile fails on a damaged archive (a flipped version byte gives
NotImplementedError, a damaged stream zlib.error, a cut header struct.error)."""
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|div|p|table)[\s>/]", re.IGNORECASE)
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(data: bytes) -> str:
    """One of :data:`KINDS`, or ``"zip"`` / ``"ole"`` for containers that hold no plan
    plankg can read (a spreadsheet, a presentation)."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _zip_holds(data, "word/document.xml") else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc" if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data[:200_000] else "ole"
    if head.startswith(_IMAGES):
        return "image"
    if _HTML.search(data[:4096].replace(b"\x00", b"")) and b"<" in head.lstrip(b"\xef\xbb\xbf \t\r\n\xff\xfe")[:4]:
        return "html"
    return "text"


def _zip_holds(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except ZIP_ERRORS:
        return True  # a broken Word file: its reader says what is wrong
