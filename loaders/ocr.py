"""Scanned pages and images → text runs, by Tesseract's Vietnamese model (Debian:
``tesseract-ocr`` and ``tesseract-ocr-vie``), pages read ``jobs`` at a time.

Tesseract runs as a program (its TSV output gives every word's box), so the scan goes
through the same line, column and paragraph rules as a PDF's text layer.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from plankg.loaders.pdf_reader import Run
from plankg.loaders.rendering import Rendering

from plankg.errors import SourceError

DPI = 300
"""Resolution pages are rendered at for OCR: Tesseract reads diacritics best at 300."""
PAGE_TIMEOUT = 180
_POINTS = 72 / DPI
_log = logging.getLogger(__name__)
_COMMA_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,4}|[a-zđ]),$")


@cache
def _languages(program: str) -> frozenset[str]:
    try:
        done = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:])


def _tesseract(source: str) -> str:
    program = shutil.which("tesseract")
    if program is None:
        raise SourceError(source, "scanned pages need OCR, and Tesseract is not installed: "
                                  "install tesseract-ocr and tesseract-ocr-vie (Debian/Ubuntu)")
    if "vie" not in _languages(program):
        raise SourceError(source, "scanned pages need OCR, and Tesseract has no Vietnamese model: "
                                  "install tesseract-ocr-vie (Debian/Ubuntu)")
    return program


def ocr_pages(pdf, numbers: list[int], source: str, jobs: int = 1) -> dict[int, list[Run]]:
    """The runs of the given pages (0-based) of an open pypdfium2 document."""
    program = _tesseract(source)
    with tempfile.TemporaryDirectory(prefix="plankg-ocr-") as folder:
        images = {}
        for number in numbers:  # PDFium is not thread-safe: render here, recognise in parallel
            page = pdf[number]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            images[number] = Path(folder) / f"page{number}.png"
            image.save(images[number])
        done: list[int] = []

        def recognise(number: int) -> list[Run]:
            runs = _recognise(program, images[number], source, number + 1)
            done.append(number)
            _log.info("%s: OCR %d of %d scanned pages", source, len(done), len(numbers))
            return runs

        with ThreadPoolExecutor(max(1, jobs)) as pool:
            return dict(zip(numbers, pool.map(recognise, numbers), strict=True))


def read_image(data: bytes, source: str) -> Rendering:
    """The rendered text of one scanned page given as an image (PNG, JPEG, TIFF)."""
    from plankg.loaders.pdf_reader import write_page

    program = _tesseract(source)
    with tempfile.TemporaryDirectory(prefix="plankg-ocr-") as folder:
        path = Path(folder) / "page.img"
        path.write_bytes(data)
        runs = _recognise(program, path, source, 1)
    out = Rendering()
    write_page(out, runs, "image", set())
    out.notes.append("read by OCR (Tesseract, Vietnamese): check names and numbers")
    return out


def _recognise(program: str, image: Path, source: str, page: int) -> list[Run]:
    """Tesseract's lines of one image, in points from the top-left corner."""
    try:
        done = subprocess.run([program, str(image), "stdout", "-l", "vie", "--psm", "3", "tsv"],
                              capture_output=True, timeout=PAGE_TIMEOUT,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # parallel by pages instead
    except subprocess.TimeoutExpired:
        raise SourceError(source, f"OCR of page {page} took over {PAGE_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(source, f"OCR failed on page {page}: {message[-1] if message else 'no message'}")
    runs = []
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    for word in reader:  # one run per word: the line and column rules group them
        text = (word.get("text") or "").strip()
        if word.get("word_num") == "1" and _COMMA_MARKER.match(text):
            text = text[:-1] + "."  # "2," at the start of a line: the "2." of a list, misread
        if word.get("level") == "5" and text:
            left, top = int(word["left"]), int(word["top"])
            runs.append(Run(left * _POINTS, top * _POINTS, (left + int(word["width"])) * _POINTS,
                            (top + int(word["height"])) * _POINTS, text))
    return runs
