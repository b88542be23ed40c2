"""A file's bytes → its text and the place of each part, by the format its content is
in (plankg.loaders.sniff): plain text, Word (.docx, and .doc through a converter),
PDF (its text layer, or OCR for scanned pages), images (OCR) and web pages."""

from __future__ import annotations

from dataclasses import dataclass

from plankg.loaders.cues import Cues
from plankg.loaders.decode import decode_source
from plankg.loaders.rendering import Place
from plankg.loaders.sniff import sniff

from plankg.errors import SourceError


@dataclass(frozen=True)
class Source:
    """What a reader made of a file: text for the text reader, where its parts come
    from (empty for plain text: offsets are the place), and notes for the user."""

    text: str
    kind: str
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = ()


def read_source(data: bytes, name: str, cues: Cues, jobs: int = 1) -> Source:
    """Read a file in whatever format its content is in.

    Raises:
        SourceError: the format is not one plankg reads, the file is damaged or
            encrypted, or a tool its format needs (Tesseract, LibreOffice) is missing.
    """
    kind = sniff(data)
    if kind == "text":
        decoded = decode_source(data, name)
        return Source(decoded.text, kind, notes=decoded.notes)
    if kind == "docx":
        from plankg.loaders.docx_reader import read_docx
        rendering = read_docx(data, name)
    elif kind == "doc":
        from plankg.loaders.doc_convert import read_doc
        rendering = read_doc(data, name)
    elif kind == "html":
        from plankg.loaders.html_reader import read_html
        rendering = read_html(data, name, cues)
    elif kind == "pdf":
        from plankg.loaders.pdf_reader import read_pdf
        rendering = read_pdf(data, name, jobs)
    elif kind == "image":
        from plankg.loaders.ocr import read_image
        rendering = read_image(data, name, jobs)
    else:
        what = "a zip archive that is not a Word file" if kind == "zip" else "an Office file that is not Word"
        raise SourceError(name, f"{what}: expected text, Word, PDF or a web page")
    if not rendering.text.strip():
        raise SourceError(name, f"no text in this {kind.upper()} file: expected a plan")
    return Source(rendering.text, kind, tuple(rendering.places), tuple(rendering.notes))
