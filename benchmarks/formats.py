"""Every format scored against the same answer keys, and read at what speed.

Each plan text of a set (the samples, the development set) is written to Word with
python-docx (automatic numbering, real tables), to PDF by LibreOffice headless, to a
scanned image-only PDF by pdftoppm, to .doc by LibreOffice, and into a vbpl.vn- or
thuvienphapluat.vn-style web page (tests/formats.py); each is extracted as a user
would, and scored with ../shared/eval/score.py beside the .txt. Files are made once
into --cache. Prints F1 per format and field, the difference to .txt, and pages/s.

    python benchmarks/formats.py [--set devset] [--formats txt,docx,html,pdf,scan,doc] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))

from formats import to_doc, to_docx, to_html, to_pdf, to_scan  # noqa: E402
from plankg.loaders import extract_file  # noqa: E402
from plankg.loaders.serialize import record_to_dict  # noqa: E402

SETS = {"samples": (SHARED / "seeds", SHARED / "gold"),
        "devset": (SHARED / "devset" / "docs", SHARED / "devset" / "gold")}
FIELDS = ("tasks", "lead", "coordinating", "legal_bases", "plan_fields")


def make(txt: Path, fmt: str, cache: Path) -> Path:
    """The file of ``txt`` in format ``fmt``, made once into the cache."""
    cache.mkdir(parents=True, exist_ok=True)
    docx = cache / f"{txt.stem}.docx"
    if not docx.exists():
        to_docx(txt.read_text(encoding="utf-8"), docx)
    target = {"txt": txt, "docx": docx, "html": cache / f"{txt.stem}.html", "pdf": cache / f"{txt.stem}.pdf",
              "scan": cache / f"{txt.stem}-scan.pdf", "doc": cache / f"{txt.stem}.doc"}[fmt]
    if target.exists():
        return target
    if fmt == "html":
        to_html(txt.read_text(encoding="utf-8"), target, "vbpl" if sum(map(ord, txt.stem)) % 2 else "tvpl")
    elif fmt == "pdf":
        to_pdf(docx, cache)
    elif fmt == "scan":
        to_scan(make(txt, "pdf", cache), target)
    elif fmt == "doc":
        to_doc(docx, cache)
    return target


def pages(path: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(path)))


def score(gold: Path, records: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(records, handle, ensure_ascii=False)
    done = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                           "--pred", handle.name, "--json"], capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=sorted(SETS), default="devset")
    parser.add_argument("--formats", default="txt,docx,html,pdf")
    parser.add_argument("--jobs", type=int, default=2, help="OCR pages read at once")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "plankg-formats")
    args = parser.parse_args()
    docs, gold = SETS[args.set]
    texts = sorted(docs.glob("*.txt"))
    cache = args.cache / args.set
    page_count = {t.stem: pages(make(t, "pdf", cache)) for t in texts}
    extract_file(texts[0])  # warm-up: the registry and cue words load once per process
    results = {}
    for fmt in args.formats.split(","):
        files = [make(t, fmt, cache) for t in texts]
        start = time.perf_counter()
        records = []
        for txt, path in zip(texts, files, strict=True):
            record = record_to_dict(extract_file(path, jobs=args.jobs))
            record["source"] = txt.name  # the key is filed under the .txt name
            records.append(record)
        elapsed = time.perf_counter() - start
        results[fmt] = (score(gold, records), sum(page_count.values()) / elapsed, len(texts) / elapsed)
    print(f"{args.set}: {len(texts)} documents, {sum(page_count.values())} pages (as PDF)")
    print(f"{'format':<7}" + "".join(f"{f:>14}" for f in FIELDS) + f"{'pages/s':>10}{'docs/s':>9}")
    base = results.get("txt")
    for fmt, (result, pages_per_s, docs_per_s) in results.items():
        cells = []
        for field in FIELDS:
            f1 = result[field]["f1"]
            delta = "" if base is None or fmt == "txt" else f" ({f1 - base[0][field]['f1']:+.3f})"
            cells.append(f"{f1:.3f}{delta}")
        print(f"{fmt:<7}" + "".join(f"{c:>14}" for c in cells) + f"{pages_per_s:>10.1f}{docs_per_s:>9.2f}")


if __name__ == "__main__":
    main()
