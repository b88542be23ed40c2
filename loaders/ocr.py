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
from itertools import groupby
from pathlib import Path

from plankg.loaders.pdf_reader import Run
from plankg.loaders.rendering import Rendering
from plankg.loaders.spelling import load_model

from plankg.errors import SourceError

DPI = 300
"""Resolution a page is rendered at for OCR, at least: Tesseract reads diacritics best
from 300 dpi; a scan made finer (up to 400 dpi) is read at its own resolution. Measured
on the devset's 200-dpi scans, rendering at 300 and binarising beats reading at 200:
tasks F1 0.905 against 0.871, lead 0.833 against 0.820."""
PAGE_TIMEOUT = 180
CELL_MARGIN = 4
"""White margin, in points, around a table cell's image: cropped at its rules, the
letters touch the edge and Tesseract misreads them ("Ty lệ người dẫn … đat 809%" for "Tỷ
lệ người dân … đạt 80%"; Tesseract's guide, "Improving the quality of the output",
Borders, advises a small border)."""
_log = logging.getLogger(__name__)
_CAPITAL_MARKER = re.compile(r"[COSVXWZ]\)")
_SPLIT_FIGURE = re.compile(r"\d[\d.,Ooö]*(?: [\d.,Ooö]+)*")
_ROUND_LETTERS = str.maketrans("Ooö", "000")
"""Letters OCR reads for a zero amid the digits of an amount ("5ö0.000.0 00", "3.2O0.000")."""
_COMMA_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,4}|[a-zđ])[,;:]$")
_LOOKALIKES = str.maketrans("Ðð", "Đđ")
"""Letters Tesseract's Vietnamese model writes for the ones they look like: the Icelandic eth for
"Đ", which no Vietnamese text means."""
_DOUBLED_D = re.compile("[ĐÐ]{2,}")
"""A bold "Đ" read twice ("7619/QĐÐ-BCA", "131/2025/NĐÐĐ-CP"): no Vietnamese word doubles it."""
_MISREAD_MARKERS = {"©)": "e)", "L.": "I.", "IL.": "II.", "HI.": "III."}
"""List markers Tesseract reads as other glyphs at the start of a line ("©)" for "e)", "HI."
for "III." before a heading), seen in the scans of the development set."""


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


def ocr_pages(pdf, numbers: list[int], source: str, jobs: int = 1) -> dict[int, tuple[list[Run], list]]:
    """The word runs and ruled tables of the given pages (0-based) of an open pypdfium2
    document, each page rendered at :data:`DPI` or its scan's finer resolution."""
    import pypdfium2 as pdfium

    images = {}
    for number in numbers:  # PDFium is not thread-safe: render here, recognise in parallel
        try:
            page = pdf[number]
            try:
                dpi = max(DPI, native_dpi(page))
                images[number] = (page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), dpi)
            finally:
                page.close()
        except pdfium.PdfiumError:
            continue  # a page that cannot be drawn has nothing to read
    read = ocr_images(images, source, jobs) if images else {}
    return {number: read.get(number, ([], [])) for number in numbers}


def ocr_images(images: dict[int, tuple], source: str, jobs: int = 1) -> dict[int, tuple[list[Run], list]]:
    """Page number → (word runs, ruled tables) of page images (PIL, with their dpi). A
    ruled table is read cell by cell, each cell a block of its own (Tesseract's page
    layout skips narrow columns); the rest of the page as a page, the tables blanked."""
    from PIL import Image, ImageOps
    from plankg.loaders.pdf_reader import RuledTable
    from plankg.loaders.scan_tables import cell_boxes, find_grids, has_ink, table_rows

    program = _tesseract(source)
    with tempfile.TemporaryDirectory(prefix="plankg-ocr-") as folder:
        work: list[tuple[str, Path]] = []  # (what, image): "page N" or "cell N G R C"
        grids: dict[int, list] = {}
        for number, (grey, dpi) in images.items():
            grey = grey.convert("L")
            image = binarized(grey)
            grids[number] = find_grids(image, dpi)
            for g, grid in enumerate(grids[number]):
                for (r, c), box in cell_boxes(grid).items():
                    crop = grey.crop(box) if box[2] - box[0] > 8 and box[3] - box[1] > 8 else None
                    if crop is not None and has_ink(crop):
                        path = Path(folder) / f"cell-{number}-{g}-{r}-{c}.png"
                        if dpi < 2 * DPI:  # table text is small: Tesseract wants letters 20+ pixels high
                            factor = 2 * DPI / dpi
                            crop = crop.resize((round(crop.width * factor), round(crop.height * factor)),
                                               Image.LANCZOS)
                        margin = round(CELL_MARGIN * max(dpi, 2 * DPI) / 72)
                        ImageOps.expand(binarized(crop), border=margin, fill=255).save(path)
                        work.append((f"cell {number} {g} {r} {c}", path))
                image.paste(255, tuple(round(v) for v in grid.pixel_box()))  # the page without its tables
            path = Path(folder) / f"page{number}.png"
            image.save(path)
            work.append((f"page {number}", path))
        done: list[str] = []
        scales = {what: 72 / images[int(what.split()[1])][1] for what, _ in work}
        language, probed = _language(program, work, scales, source)

        def recognise(item: tuple[str, Path]) -> list[Run]:
            what, path = item
            number = int(what.split()[1])
            cell = what.startswith("cell")
            runs = probed[what] if what in probed else _recognise(
                program, path, source, number + 1, scales[what], mode="6" if cell else "3", language=language)
            if cell and not runs:  # a lone "1" in a wide cell: read as one line, then as one character
                runs = _recognise(program, path, source, number + 1, 1.0, mode="7", language=language) or \
                    _recognise(program, path, source, number + 1, 1.0, mode="10", language=language)
            if what.startswith("page"):
                done.append(what)
                _log.info("%s: OCR %d of %d scanned pages", source, len(done), len(images))
            return runs

        with ThreadPoolExecutor(max(1, jobs)) as pool:
            results = dict(zip((what for what, _ in work), pool.map(recognise, work), strict=True))
    texts = {(number, g): {(r, c): _figure(" ".join(run.text for run in results.get(f"cell {number} {g} {r} {c}", [])))
                           for (r, c) in cell_boxes(grid)}
             for number in images for g, grid in enumerate(grids[number])}
    texts = roman_row_numbers(texts)
    return {number: (results[f"page {number}"], [RuledTable(*grid.box(), table_rows(grid, texts[number, g]))
                                                 for g, grid in enumerate(grids[number])])
            for number in images}


def roman_row_numbers(grids: dict[tuple, dict[tuple[int, int], str]]) -> dict[tuple, dict[tuple[int, int], str]]:
    """The cell texts of a document's scanned tables (by grid, by row and column) with the bold
    "I"s of roman group numbers that OCR read as other glyphs ("/" or "|" for "I", "H" for "II",
    "HH" for "III") in first columns put right, where a first column anywhere in the document
    holds a roman numeral read right ("IV"; a table goes on over pages): the group's row is a
    group's again, and its name leads the rows under it."""
    if not any(c == 0 and _ROMAN.fullmatch(text) for cells in grids.values() for (_, c), text in cells.items()):
        return grids
    return {grid: {(r, c): _ROMAN_MISREAD.get(text, text) if c == 0 else text for (r, c), text in cells.items()}
            for grid, cells in grids.items()}


_ROMAN = re.compile(r"[IVX]{1,5}\.?")
_ROMAN_MISREAD = {**{read[:-1]: meant[:-1] for read, meant in _MISREAD_MARKERS.items() if read.endswith(".")},
                  "/": "I", "|": "I", "H": "II", "HH": "III", "IH": "III"}
"""Roman numerals as OCR reads them alone in a cell: the line-start markers' readings without
their stop ("HI" for "III"), and the bold "I"s read as a stroke or an "H"."""


def _figure(text: str) -> str:
    """A cell of one figure that OCR split at a gap between digits ("4.580.000. 000",
    "320.000.0 00") or wrote a zero of as a round letter ("5ö0.000.000"), put right: else the
    amount reads as words and its row, a group's, as a task."""
    if _SPLIT_FIGURE.fullmatch(text) and re.search(r"[.,]", text) \
            and (" " in text or sum(c.isdigit() for c in text) >= _FIGURE_DIGITS):
        return text.replace(" ", "").translate(_ROUND_LETTERS)
    return text


_FIGURE_DIGITS = 4
"""Digits a cell needs besides a round letter for that letter to be a zero."""


def read_image(data: bytes, source: str, jobs: int = 1) -> Rendering:
    """The rendered text of one scanned page given as an image (PNG, JPEG, TIFF)."""
    from PIL import Image, UnidentifiedImageError
    from plankg.loaders.pdf_reader import write_page

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as err:
        raise SourceError(source, f"a damaged image ({err}): expected a scanned page") from None
    dpi = round(image.info.get("dpi", (DPI, DPI))[0] or DPI)
    runs, tables = ocr_images({0: (image, dpi if 150 <= dpi <= 600 else DPI)}, source, jobs)[0]
    out = Rendering()
    write_page(out, runs, "image", set(), [t for t in tables if len(t.rows) >= 2])
    out.notes.append("read by OCR (Tesseract, Vietnamese): check names and numbers")
    return out


def binarized(image):
    """The page in black and white, split at Otsu's threshold: Tesseract's own
    binarisation of a grey page reads a bold "1." as "lạ" or "dụ" (Tesseract's guide,
    "Improving the quality of the output", advises binarising first)."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(image.convert("L"))
    counts = np.bincount(grey.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, total_mean = weight[-1], mean[-1]
    between = (total_mean * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1)
    threshold = int(np.argmax(between))
    return Image.fromarray(np.where(grey > threshold, 255, 0).astype(np.uint8))


def _language(program: str, work: list[tuple[str, Path]], scales: dict[str, float],
              source: str) -> tuple[str, dict[str, list[Run]]]:
    """The Tesseract model for a scan — Vietnamese, or English for a translation (the
    Vietnamese model puts tone marks on English words: "tỉme") — judged from the first
    page with text, and the pages read with the Vietnamese model on the way (kept when
    it is the one: not read twice)."""
    from plankg.loaders.header import detect_language

    if "eng" not in _languages(program):
        return "vie", {}
    probed: dict[str, list[Run]] = {}
    for what, path in work:
        if what.startswith("page"):
            probed[what] = _recognise(program, path, source, int(what.split()[1]) + 1, scales[what])
            if len(" ".join(run.text for run in probed[what])) >= 200:
                break
    text = " ".join(run.text for runs in probed.values() for run in runs)
    if len(text) >= 200 and detect_language(text) != "vi":
        return "eng", {}
    return "vie", probed


def native_dpi(page) -> int:
    """The resolution of the scan filling a page (its largest image) when between 200
    and 400 dpi, else :data:`DPI`."""
    import pypdfium2 as pdfium

    width = page.get_width()
    best = 0
    for image in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            pixels = image.get_px_size()[0]
            left, _, right, _ = image.get_bounds()
        except pdfium.PdfiumError:
            continue
        if right - left > 0.5 * width:
            best = max(best, round(pixels / ((right - left) / 72)))
    return best if 200 <= best <= 400 else DPI


def opening_word(text: str) -> str:
    """A line's first word, a list marker OCR misread put right: "2," or "1;" for "2." or
    "1.", "C)" for "c)" (the capital has the small letter's shape), "©)" for "e)", "HI." for
    "III."."""
    if _COMMA_MARKER.match(text):
        return text[:-1] + "."
    if _CAPITAL_MARKER.fullmatch(text):
        return text.lower()
    return _MISREAD_MARKERS.get(text, text)


def plain_letters(word: str) -> str:
    """A word as Tesseract read it with its look-alike and doubled letters put right."""
    return _DOUBLED_D.sub("Đ", word).translate(_LOOKALIKES)


def _recognise(program: str, image: Path, source: str, page: int, scale: float, mode: str = "3",
               language: str = "vie") -> list[Run]:
    """Tesseract's words of one image, in points from the image's top-left corner;
    ``mode`` is Tesseract's page segmentation: 3 a page, 6 a block (a table cell), 7 a
    line, 10 a character."""
    try:
        done = subprocess.run([program, str(image), "stdout", "-l", language, "--psm", mode, "tsv"],
                              capture_output=True, timeout=PAGE_TIMEOUT,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})  # parallel by pages instead
    except subprocess.TimeoutExpired:
        raise SourceError(source, f"OCR of page {page} took over {PAGE_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(source, f"OCR failed on page {page}: {message[-1] if message else 'no message'}")
    reader = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    words = []
    for word in reader:  # one run per word: the line and column rules group them
        text = plain_letters((word.get("text") or "").strip())
        if word.get("word_num") == "1":
            text = opening_word(text)
        if word.get("level") == "5" and text:
            words.append((word, text))
    texts = [text for _, text in words]
    if language == "vie":  # misread tone marks and capitals, put right paragraph by paragraph
        model = load_model()
        for _, group in groupby(range(len(words)), key=lambda i: (words[i][0]["block_num"], words[i][0]["par_num"])):
            where = list(group)
            for i, text in zip(where, model.repair([texts[i] for i in where]), strict=True):
                texts[i] = text
    runs = []
    for (word, _), text in zip(words, texts, strict=True):
        left, top = int(word["left"]), int(word["top"])
        runs.append(Run(left * scale, top * scale, (left + int(word["width"])) * scale,
                        (top + int(word["height"])) * scale, text))
    return runs
