"""The project's shared document sets, when they sit beside this checkout (../shared):
the scorer's bar on the development set, and a clean read of the unlabelled corpus."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess

import pytest
from plankg.loaders import extract_file
from plankg.loaders.cues import load_cues
from plankg.loaders.normalize import fold
from plankg.loaders.records import unregistered_name
from plankg.loaders.registry import load_registry
from plankg.loaders.serialize import record_to_dict

from .conftest import SHARED

DEVSET = SHARED / "devset"
CORPUS = SHARED / "corpus"

# What the publishing sites put around a document (seen in the crawls), written here
# independently of ontology/cues.ttl so that a furniture cue missing there shows up.
FURNITURE = re.compile(
    r"đăng nhập|đăng ký thành viên|tải về|tải văn bản|xin lỗi|hotline|điện thoại:|email:|©|thư viện pháp luật"
    r"|thuvienphapluat|luatvietnam|bản dịch|văn bản liên quan|lược đồ|facebook|zalo|chia sẻ bài", re.IGNORECASE)
BARE_NUMBER = re.compile(r"[\W\d_]*")


def _score(gold_dir, pred) -> dict:
    scorer = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = {}
    for path in gold_dir.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        gold[doc["source"]] = doc
    return score.score(gold, pred)


@pytest.mark.skipif(not (DEVSET / "gold").is_dir() or not (SHARED / "eval" / "score.py").exists(),
                    reason="../shared/devset is not beside this checkout")
def test_scorer_thresholds_on_the_development_set():
    """The acceptance bar of the reading issues on nine real 2025 documents."""
    pred = {p.name: record_to_dict(extract_file(p)) for p in sorted((DEVSET / "docs").glob("*.txt"))}
    result = _score(DEVSET / "gold", pred)
    floors = {"tasks": 0.90, "lead": 0.90, "coordinating": 0.85, "legal_bases": 0.95,
              "cited_documents": 0.85, "objectives": 0.85, "agencies": 0.90, "plan_fields": 0.90}
    for metric, floor in floors.items():
        assert result[metric]["f1"] >= floor, (metric, result[metric])
    assert result["tasks"]["precision"] >= 0.90


def _rewrapped(text: str, width: int) -> str:
    """The text as a crawler that wraps lines at ``width`` again would give it (lines
    already shorter, and table lines, kept): short remainders, names and sentences cut."""
    import textwrap

    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.lstrip().startswith("|"):
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def _tables_as_rows(text: str, separator: str) -> str:
    """The crawl's tables (one cell per line between "|" lines, rows closed by an empty
    cell) written one row per line, cells split by ``separator``: markdown rows under a
    "|---|" rule, or tab-separated, as other converters give them. A group row keeps its
    one or two cells; a page laid out in a table (a cell of a whole section) is left as it is."""
    lines, out, k = text.split("\n"), [], 0
    while k < len(lines):
        if lines[k].strip() != "|":
            out.append(lines[k])
            k += 1
            continue
        end = k
        while end < len(lines) and (lines[end].strip() == "|" or lines[end].strip()):
            end += 1
        cells, cell = [], None
        for line in lines[k:end]:
            if line.strip() == "|":
                if cell is not None:
                    cells.append(" ".join(cell))
                cell = []
            elif cell is not None:
                cell.append(line.strip())
        rows, row = [], []
        for value in cells + [""]:
            if value:
                row.append(value)
            elif row:
                rows.append(row)
                row = []
        if any(len(value) > 1200 for row in rows for value in row):
            out.extend(lines[k:end])
        else:
            for n, row in enumerate(rows):
                out.append("| " + " | ".join(row) + " |" if separator == "|" else "\t".join(row))
                if n == 0 and separator == "|":
                    out.append("|" + "---|" * len(row))
        k = end
    return "\n".join(out)


WRITTEN_OTHERWISE = {
    "wrapped at 50": lambda text: _rewrapped(text, 50),
    "wrapped at 60": lambda text: _rewrapped(text, 60),
    "without emphasis": lambda text: re.sub(r"\*+", "", text),
    "without blank lines": lambda text: "\n".join(line for line in text.split("\n") if line.strip()),
    "tables as markdown rows": lambda text: _tables_as_rows(text, "|"),
    "tables as tab-separated rows": lambda text: _tables_as_rows(text, "\t"),
}


@pytest.mark.skipif(not (DEVSET / "gold").is_dir() or not (SHARED / "eval" / "score.py").exists(),
                    reason="../shared/devset is not beside this checkout")
@pytest.mark.parametrize("way", list(WRITTEN_OTHERWISE))
def test_the_same_documents_written_otherwise_read_the_same(tmp_path, way):
    """Crawls differ in line width, in emphasis marks, in blank lines and in how they write
    tables: the development set wrapped again at 50 or 60 characters, without its
    asterisks or its blank lines, or with its tables as markdown or tab-separated rows,
    scores within 0.02 of the files as they are (tasks, lead, coordinating, legal bases)."""
    as_is, written = {}, {}
    for path in sorted((DEVSET / "docs").glob("*.txt")):
        as_is[path.name] = record_to_dict(extract_file(path))
        copy = tmp_path / path.name
        copy.write_text(WRITTEN_OTHERWISE[way](path.read_text(encoding="utf-8")), encoding="utf-8")
        written[path.name] = record_to_dict(extract_file(copy))
    before, after = _score(DEVSET / "gold", as_is), _score(DEVSET / "gold", written)
    for metric in ("tasks", "lead", "coordinating", "legal_bases"):
        assert after[metric]["f1"] >= before[metric]["f1"] - 0.02, (metric, before[metric], after[metric])


@pytest.mark.skipif(not (DEVSET / "gold").is_dir() or not (SHARED / "eval" / "score.py").exists()
                    or shutil.which("soffice") is None, reason="../shared/devset or LibreOffice is missing")
def test_the_development_set_as_pdf_reads_as_its_text(tmp_path):
    """The development set written to Word by python-docx (automatic numbering, real
    tables) and printed to PDF by LibreOffice scores within 0.02 of the crawled text
    (tasks, lead, coordinating, legal bases): lines of a proportional font, paragraphs
    and tables found from the page's geometry."""
    from .formats import to_docx

    as_is, printed = {}, {}
    for path in sorted((DEVSET / "docs").glob("*.txt")):
        as_is[path.name] = record_to_dict(extract_file(path))
        to_docx(path.read_text(encoding="utf-8"), tmp_path / f"{path.stem}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *map(str, sorted(tmp_path.glob("*.docx")))],
                   check=True, capture_output=True, timeout=600)
    for pdf in sorted(tmp_path.glob("*.pdf")):
        printed[f"{pdf.stem}.txt"] = record_to_dict(extract_file(pdf))
    before, after = _score(DEVSET / "gold", as_is), _score(DEVSET / "gold", printed)
    for metric in ("tasks", "lead", "coordinating", "legal_bases"):
        assert after[metric]["f1"] >= before[metric]["f1"] - 0.02, (metric, before[metric], after[metric])


def _corpus():
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def corpus_records():
    return [(path, extract_file(path)) for path in _corpus()]


@pytest.mark.skipif(not _corpus(), reason="../shared/corpus is not beside this checkout")
def test_the_corpus_reads_cleanly(corpus_records):
    registry = load_registry()
    heads = [load_cues()[name] for name in ("agency-head", "agency-head-proper")]
    for path, record in corpus_records:
        plan = record.plan
        assert plan.number and plan.doc_type and plan.issuer and plan.issued and plan.title, (path.name, plan)
        assert len(plan.title) > 12, (path.name, plan.title)  # the title, not the kind word alone
        national = registry.agencies[plan.issuer].level == "NationalLevel"
        assert (plan.province is None) == national, (path.name, plan.issuer, plan.province)
        for task in record.tasks:
            assert not BARE_NUMBER.fullmatch(task.text), (path.name, task.text)
            assert not FURNITURE.search(task.text), (path.name, task.text)
        for code in record.agencies:
            if (written := unregistered_name(code)) is not None:
                name = fold(written)
                assert any(h.at(name, 0) for h in heads), (path.name, code)  # a body's name, not a fragment
                assert not FURNITURE.search(code), (path.name, code)
