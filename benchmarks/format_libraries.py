"""The libraries the format readers were chosen from, timed on the same files.

Reads the development set's Word, PDF and HTML forms (made by benchmarks/formats.py
into its cache) with each candidate and prints ms per document and what each gives:

* Word: plankg's reader (lxml over the package XML, numbering rendered, merges
  resolved) · python-docx (paragraph and cell text; no numbering, merged cells
  repeated across) · docx2python (numbering rendered).
* PDF: pypdfium2 text runs with boxes (plankg) · pdfplumber words with boxes.
* HTML: lxml.html · selectolax · the standard library's html.parser (text only).

    python benchmarks/format_libraries.py [--cache /tmp/plankg-formats/devset]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path


def timed(label: str, paths: list[Path], read, note: str) -> None:
    start = time.perf_counter()
    sizes = [len(read(p)) for p in paths]
    elapsed = time.perf_counter() - start
    print(f"  {label:<26}{1000 * elapsed / len(paths):>9.1f} ms/doc  {sum(sizes):>9} chars  {note}")


def plankg_docx(path: Path) -> str:
    from plankg.loaders.docx_reader import read_docx
    return read_docx(path.read_bytes(), path.name).text


def python_docx(path: Path) -> str:
    import docx
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def docx2python_text(path: Path) -> str:
    from docx2python import docx2python
    with docx2python(str(path)) as result:
        return result.text


def pdfium_runs(path: Path) -> str:
    import pypdfium2 as pdfium
    from plankg.loaders.pdf_reader import layer_runs
    pdf = pdfium.PdfDocument(str(path))
    return " ".join(r.text for page in pdf for r in layer_runs(page))


def pdfplumber_words(path: Path) -> str:
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        return " ".join(w["text"] for page in pdf.pages for w in page.extract_words())


def lxml_text(path: Path) -> str:
    import lxml.html
    return lxml.html.document_fromstring(path.read_text(encoding="utf-8")).text_content()


def selectolax_text(path: Path) -> str:
    from selectolax.lexbor import LexborHTMLParser
    return LexborHTMLParser(path.read_text(encoding="utf-8")).body.text()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def stdlib_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "plankg-formats" / "devset")
    folder = parser.parse_args().cache
    docx = sorted(folder.glob("*.docx"))
    pdf = sorted(p for p in folder.glob("*.pdf") if not p.stem.endswith("-scan"))
    html = sorted(folder.glob("*.html"))
    if not (docx and pdf and html):
        raise SystemExit(f"no Word, PDF and HTML files in {folder}: run benchmarks/formats.py first")
    print(f"Word ({len(docx)} documents)")
    timed("plankg (lxml)", docx, plankg_docx, "numbering rendered, merges resolved")
    timed("python-docx", docx, python_docx, "no numbering")
    timed("docx2python", docx, docx2python_text, "numbering rendered")
    print(f"PDF ({len(pdf)} documents)")
    timed("pypdfium2 runs (plankg)", pdf, pdfium_runs, "text runs with boxes")
    timed("pdfplumber words", pdf, pdfplumber_words, "words with boxes")
    print(f"HTML ({len(html)} documents)")
    timed("lxml.html (plankg)", html, lxml_text, "tree with paths for evidence")
    timed("selectolax", html, selectolax_text, "")
    timed("html.parser", html, stdlib_text, "events only")


if __name__ == "__main__":
    main()
