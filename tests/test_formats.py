"""Plans as people have them: Word, PDF (typed and scanned), .doc, images and web pages,
read into the same records as their text.

Fixtures are made here from the bundled sample texts by real tools (tests/formats.py):
python-docx with Word's automatic numbering and real tables, LibreOffice headless,
pdftoppm and Tesseract. Tests that need a tool skip, naming it, where it is missing;
.ci/run installs them all.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
from formats import have_ocr, have_office, to_doc, to_docx, to_html, to_pdf, to_scan
from hypothesis import given
from hypothesis import strategies as st
from plankg.loaders import extract_file
from plankg.loaders.cues import load_cues
from plankg.loaders.docx_reader import read_docx
from plankg.loaders.html_reader import read_html
from plankg.loaders.sniff import sniff

from plankg.errors import SourceError
from plankg.samples import sample_paths

needs_office = pytest.mark.skipif(not have_office(), reason="LibreOffice (soffice) is not installed")
needs_ocr = pytest.mark.skipif(not have_ocr(), reason="Tesseract or pdftoppm is not installed")

SHORT_PLAN = """\
ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH

Số: 12/KH-UBND

KẾ HOẠCH
Triển khai thực hiện chuyển đổi số năm 2026

Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;

I. NHIỆM VỤ

1. Xây dựng cơ sở dữ liệu đất đai của tỉnh.

- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.

- Cơ quan phối hợp: Sở Tài chính.

2. Đào tạo kỹ năng số cho cán bộ, công chức.

- Cơ quan chủ trì: Sở Nội vụ.

- Cơ quan phối hợp: Sở Khoa học và Công nghệ.
"""

TABLE_PLAN = """\
KẾ HOẠCH
Thực hiện chương trình năm 2026

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Văn phòng UBND tỉnh | 2026 |
| 2 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường | Sở Tài chính | 2026 |
| 3 | Cập nhật bản đồ quy hoạch | | Sở Xây dựng | 2026 |
"""


def facts(record) -> set[tuple]:
    """What a user reads off a record: each task with its lead and coordinating agencies."""
    return {(" ".join(t.text.split())[:60], t.lead, t.coordinating) for t in record.tasks}


def overlap(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


@pytest.fixture(scope="module")
def plan_text() -> str:
    return sample_paths()[2].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def made(tmp_path_factory, plan_text):
    """The sample plan as .txt and .docx (the PDF forms are made by the tests needing them)."""
    folder = tmp_path_factory.mktemp("formats")
    txt = folder / "plan.txt"
    txt.write_text(plan_text, encoding="utf-8")
    return {"folder": folder, "txt": txt, "docx": to_docx(plan_text, folder / "plan.docx")}


# ---------------------------------------------------------------------------- formats by content

def test_formats_are_known_by_content_not_name(made, tmp_path):
    assert sniff(made["docx"].read_bytes()) == "docx"
    assert sniff(made["txt"].read_bytes()) == "text"
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "WordDocument".encode("utf-16-le")) == "doc"
    assert sniff(b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "image"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff(buffer.getvalue()) == "zip"
    renamed = tmp_path / "plan.txt"  # a Word file saved under a text name is read as Word
    renamed.write_bytes(made["docx"].read_bytes())
    assert facts(extract_file(renamed)) == facts(extract_file(made["docx"]))


# ---------------------------------------------------------------------------- Word

def test_word_numbering_is_written_out_from_its_definitions(tmp_path):
    path = to_docx(SHORT_PLAN, tmp_path / "short.docx")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "w:numPr" in body and ">1. Xây dựng" not in body  # the "1." is Word's, not typed
    text = read_docx(path.read_bytes(), "short.docx").text
    assert "1. Xây dựng cơ sở dữ liệu" in text and "2. Đào tạo kỹ năng số" in text
    assert "I. NHIỆM VỤ" in text


def test_word_tables_carry_merged_cells_down(tmp_path):
    path = to_docx(TABLE_PLAN, tmp_path / "table.docx")
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(path)
    table = document.tables[-1]
    table.cell(2, 2)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")} w:val="restart"/>'))
    table.cell(3, 2)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))
    document.save(path)
    record = extract_file(path)
    by_text = {t.text.split()[0]: t for t in record.tasks}
    assert by_text["Cập"].lead == by_text["Số"].lead == ("DAE",)  # merged down from the row above
    assert by_text["Cập"].coordinating == ("DOC",)
    assert by_text["Rà"].lead == ("DOJ",)
    assert by_text["Rà"].where.startswith("table ")


def test_word_reads_like_its_text(made):
    from_text, from_word = extract_file(made["txt"]), extract_file(made["docx"])
    assert from_word.plan.number == from_text.plan.number
    assert [b.number for b in from_word.legal_bases] == [b.number for b in from_text.legal_bases]
    assert overlap(facts(from_word), facts(from_text)) >= 0.98
    assert all(t.where for t in from_word.tasks)


def test_word_headers_footers_and_deleted_text_are_left_out(tmp_path):
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "CỔNG THÔNG TIN ĐIỆN TỬ - trang đầu"
    document.add_paragraph("Kế hoạch thực hiện chuyển đổi số.")
    document.save(tmp_path / "h.docx")
    text = read_docx((tmp_path / "h.docx").read_bytes(), "h.docx").text
    assert "CỔNG THÔNG TIN" not in text and "chuyển đổi số" in text


# ---------------------------------------------------------------------------- web pages

@pytest.mark.parametrize("site", ["vbpl", "tvpl"])
def test_portal_pages_read_like_their_text(made, plan_text, tmp_path, site):
    page = to_html(plan_text, tmp_path / f"{site}.html", site)
    from_text, from_page = extract_file(made["txt"]), extract_file(page)
    assert overlap(facts(from_page), facts(from_text)) >= 0.98
    assert from_page.plan.number == from_text.plan.number
    text = read_html(page.read_bytes(), "p.html", load_cues()).text
    assert "Hotline" not in text and "Văn bản liên quan" not in text and "not text" not in text
    assert all(t.where and t.where.startswith("/html/body") for t in from_page.tasks)


def test_any_page_is_read_from_its_main_content(plan_text, tmp_path):
    page = to_html(plan_text, tmp_path / "p.html", "vbpl")
    html = page.read_text(encoding="utf-8").replace('id="toanvancontent" class="toanvancontent"', 'class="bai-viet"')
    text = read_html(html.encode("utf-8"), "p.html", load_cues()).text
    assert "Hotline" not in text and "Bản quyền" not in text and "Trang chủ" not in text


def test_rowspan_and_colspan_are_honoured():
    html = """<html><body><div id="toanvancontent"><p>KẾ HOẠCH thực hiện chương trình năm 2026 của tỉnh,
    các nhiệm vụ cụ thể như sau đây, giao cho các cơ quan chủ trì và phối hợp thực hiện.</p>
    <table border="1"><tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th></tr>
    <tr><td colspan="4">I. Nhiệm vụ chung</td></tr>
    <tr><td>1</td><td>Rà soát thủ tục hành chính</td><td rowspan="2">Sở Tư pháp</td><td>Sở Nội vụ</td></tr>
    <tr><td>2</td><td>Công bố thủ tục mới</td><td>Sở Tài chính</td></tr></table></div></body></html>"""
    text = read_html(html.encode("utf-8"), "t.html", load_cues()).text
    assert "| 2 | Công bố thủ tục mới | Sở Tư pháp | Sở Tài chính |" in text
    assert "| I. Nhiệm vụ chung |  |  |  |" in text


# ---------------------------------------------------------------------------- PDF

@needs_office
def test_text_pdf_reads_like_its_text(made):
    pdf = to_pdf(made["docx"], made["folder"])
    from_text, from_pdf = extract_file(made["txt"]), extract_file(pdf)
    assert from_pdf.plan.number == from_text.plan.number
    assert from_pdf.plan.issued == from_text.plan.issued
    assert overlap(facts(from_pdf), facts(from_text)) >= 0.95
    assert all(t.where and t.where.startswith("page ") for t in from_pdf.tasks)


@needs_office
def test_ruled_pdf_tables_are_read_as_tables(tmp_path):
    pdf = to_pdf(to_docx(TABLE_PLAN, tmp_path / "t.docx"), tmp_path)
    record = extract_file(pdf)
    leads = {t.text.split()[0]: t.lead for t in record.tasks}
    assert leads == {"Rà": ("DOJ",), "Số": ("DAE",), "Cập": ()}


@needs_office
def test_old_word_files_go_through_a_converter(made):
    doc = to_doc(made["docx"], made["folder"])
    assert sniff(doc.read_bytes()) == "doc"
    assert overlap(facts(extract_file(doc)), facts(extract_file(made["txt"]))) >= 0.98


@needs_office
@needs_ocr
def test_scanned_pdf_is_read_by_ocr(tmp_path):
    scan = to_scan(to_pdf(to_docx(SHORT_PLAN, tmp_path / "s.docx"), tmp_path), tmp_path / "scan.pdf")
    record = extract_file(scan, jobs=2)
    assert record.plan.number == "12/KH-UBND"
    leads = {t.lead for t in record.tasks}
    assert ("DAE",) in leads and ("DOHA",) in leads
    assert any(d.code == "reading" and "OCR" in d.message for d in record.diagnostics)


TARGET_TABLE = """\
KẾ HOẠCH
Phát triển xã hội số năm 2026

| STT | Chỉ tiêu | Cơ quan chủ trì |
|---|---|---|
| 1 | Tỷ lệ người dân kết nối mạng được bảo vệ ở mức cơ bản đạt 80%. | Công an tỉnh |
| 2 | Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) đạt 80%. | Công an tỉnh |
| 3 | Tỷ lệ người dân trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân đạt 80%. | Sở Khoa học và Công nghệ |
| 4 | Kinh phí chi cho nghiên cứu phát triển (R&D)/GRDP tối thiểu 2%. | Sở Tài chính |
"""


@needs_office
@needs_ocr
def test_scanned_table_cells_are_read_with_a_margin(tmp_path):
    """A cell cropped at its rules has letters touching the image's edge; without a white
    margin Tesseract reads these rows as "Ty lệ người dẫn … đat 809%"."""
    from plankg.loaders.pdf_reader import read_pdf

    scan = to_scan(to_pdf(to_docx(TARGET_TABLE, tmp_path / "t.docx"), tmp_path), tmp_path / "scan.pdf")
    text = " ".join(read_pdf(scan.read_bytes(), scan.name, jobs=2).text.split())
    for row in TARGET_TABLE.splitlines()[5:]:
        assert row.split(" | ")[1] in text


_LONG_DUTY = " ".join(f"Rà soát, cập nhật hồ sơ đất đai của xã thứ {i} vào cơ sở dữ liệu chung;" for i in range(1, 61))


@needs_office
@needs_ocr
def test_a_scanned_table_row_cut_by_page_breaks_keeps_all_its_words(tmp_path):
    """A row taller than a page goes on at the next page's top as a table of one row:
    its cells join the row's (they were dropped, with the words in them)."""
    plan = ("KẾ HOẠCH\nCập nhật cơ sở dữ liệu đất đai năm 2026\n\n"
            "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì |\n|---|---|---|\n"
            f"| 1 | {_LONG_DUTY} Hoàn thành trong năm 2026. | Sở Nông nghiệp và Môi trường |\n"
            "| 2 | Công bố thủ tục hành chính mới | Sở Tư pháp |\n")
    scan = to_scan(to_pdf(to_docx(plan, tmp_path / "long.docx"), tmp_path), tmp_path / "scan.pdf")
    record = extract_file(scan, jobs=2)
    assert [t.lead for t in record.tasks] == [("DAE",), ("DOJ",)]
    assert record.tasks[0].text.endswith("Hoàn thành trong năm 2026.")


@needs_office
def test_scanned_pdf_without_tesseract_is_one_clear_error(tmp_path, monkeypatch):
    scan = to_scan(to_pdf(to_docx(SHORT_PLAN, tmp_path / "s.docx"), tmp_path), tmp_path / "scan.pdf")
    from plankg.loaders import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(SourceError, match="tesseract-ocr-vie"):
        extract_file(scan)


@needs_office
def test_a_300_page_pdf_gives_a_result(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH thực hiện nhiệm vụ năm 2026")
    document.add_paragraph("I. NHIỆM VỤ")
    for i in range(1, 301):
        paragraph = document.add_paragraph(f"- Sở Tư pháp chủ trì rà soát văn bản thuộc lĩnh vực thứ {i}.")
        paragraph.add_run().add_break(WD_BREAK.PAGE)
    document.save(tmp_path / "long.docx")
    pdf = to_pdf(tmp_path / "long.docx", tmp_path)
    record = extract_file(pdf)
    assert len(record.tasks) == 300 and {t.lead for t in record.tasks} == {("DOJ",)}
    assert record.tasks[-1].where == "page 300"


# ---------------------------------------------------------------------------- bad input

def test_damaged_files_are_one_line_errors(made, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(made["docx"].read_bytes()[:3000])
    with pytest.raises(SourceError, match="damaged Word file"):
        extract_file(broken)
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n" + b"\0" * 50)
    with pytest.raises(SourceError, match="damaged PDF"):
        extract_file(pdf)
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Trang chủ</a></nav><p>Đang tải…</p></body></html>")
    with pytest.raises(SourceError, match="no main text"):
        extract_file(page)


@needs_office
def test_an_encrypted_pdf_is_one_line_error(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Kế hoạch mật " * 40)
    document.save(tmp_path / "secret.docx")
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"mk"}}')
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    options, "--outdir", str(tmp_path / "out"), str(tmp_path / "secret.docx")],
                   check=True, capture_output=True, timeout=300)
    with pytest.raises(SourceError, match="encrypted PDF"):
        extract_file(tmp_path / "out" / "secret.pdf")


def test_a_folder_batch_reads_every_format_lists_what_it_skips_and_goes_on(made, plan_text, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "A.TXT").write_text(plan_text, encoding="utf-8")
    (folder / "b.docx").write_bytes(made["docx"].read_bytes())
    to_html(plan_text, folder / "c.HTM", "tvpl")
    (folder / "d.pdf").write_bytes(b"%PDF-1.7 broken")
    (folder / "e.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "~$b.docx").write_bytes(b"lock")
    (folder / "README.md").write_text("# Plans of 2025\n\nEach file is a plan as crawled; read them with plankg.\n",
                                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-P", "-c", "from plankg.cli import main; main()", "extract", str(folder),
                           "-q", "-o", str(tmp_path / "out.json")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "e.xlsx: not a plan format (.xlsx)" in done.stderr and "~$b.docx: a Word lock file" in done.stderr
    assert "README.md: the folder's documentation, not a plan" in done.stderr
    assert "d.pdf" in done.stderr and "extracted 3 of 4 documents" in done.stderr
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.xlsx").write_bytes(b"x")
    done = subprocess.run([sys.executable, "-P", "-c", "from plankg.cli import main; main()", "extract", str(nothing)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "no plan files in" in done.stderr


# ---------------------------------------------------------------------------- page layout rules

def test_pdf_page_rules_on_hand_made_runs():
    """Columns, paragraphs, markers and furniture on a page given as text boxes."""
    from plankg.loaders.pdf_reader import Run, write_page
    from plankg.loaders.rendering import Rendering

    def line(top: float, *parts: tuple[float, str]) -> list[Run]:
        return [Run(x, top, x + 6 * len(text), top + 12, text) for x, text in parts]

    runs = [*line(40, (90, "ỦY BAN NHÂN DÂN"), (306, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            *line(54, (90, "TỈNH HÀ TĨNH"), (306, "Độc lập - Tự do - Hạnh phúc")),
            *line(80, (90, "Số: 12/KH-UBND"), (306, "Hà Tĩnh, ngày 3 tháng 2 năm 2026")),
            *line(120, (260, "KẾ HOẠCH")),
            *line(150, (90, "1."), (130, "Xây dựng cơ sở dữ liệu đất đai của tỉnh, bảo đảm kết nối")),
            *line(164, (90, "liên thông với hệ thống quốc gia.")),
            *line(190, (90, "2."), (130, "Đào tạo kỹ năng số.")),
            *line(800, (290, "Trang 1/3"))]
    out = Rendering()
    write_page(out, runs, "page 1", set())
    text = out.text
    assert text.startswith("|\nỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert "|\nSố: 12/KH-UBND\n|\nHà Tĩnh, ngày 3 tháng 2 năm 2026\n|" in text
    assert "1. Xây dựng cơ sở dữ liệu đất đai của tỉnh, bảo đảm kết nối\nliên thông với hệ thống quốc gia.\n\n" in text
    assert "2. Đào tạo kỹ năng số." in text and "Trang 1/3" not in text
    assert {p.where for p in out.places} == {"page 1"}


def test_pdf_lines_join_inside_numbers_not_after_a_year_that_ends_a_sentence():
    """A line that ends on "2025." before a numbered item is a sentence's end; one that ends
    inside a number a narrow column cut ("1.520." | "000.000") goes on without a space."""
    from plankg.loaders.pdf_reader import Run, write_page
    from plankg.loaders.rendering import Rendering

    def line(top: float, text: str) -> Run:
        return Run(90, top, 90 + 6 * len(text), top + 12, text)

    out = Rendering()
    write_page(out, [line(100, "+ Thời hạn ban hành: theo tiến độ của Luật An ninh mạng 2025."),
                     line(114, "6. Xây dựng Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân"),
                     line(128, "- Kinh phí: tổng kinh phí thực hiện dự kiến là 1.520."),
                     line(142, "000.000 đồng từ ngân sách trung ương.")], "page 1", set())
    assert "Luật An ninh mạng 2025.\n6. Xây dựng Cổng" in out.text
    assert "dự kiến là 1.520.000.000 đồng" in out.text


def test_pdf_paragraphs_over_a_page_break_and_after_an_indented_first_line():
    """A paragraph whose last line on a page reaches the margin, unfinished, goes on with
    the next page's first line; an item's marker set in from the ragged line above opens
    a paragraph (its first line), where a wrapped line would be in line with the margin."""
    from plankg.loaders import extract_text
    from plankg.loaders.pdf_reader import Run, write_page
    from plankg.loaders.rendering import Rendering

    def line(top: float, x: float, text: str, right: float | None = None) -> Run:
        return Run(x, top, right or x + 6 * len(text), top + 12, text)

    out = Rendering()
    write_page(out, [line(100, 90, "Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành"),
                     line(114, 90, "tổ chức tuyên truyền về giảm nhẹ rủi ro thiên tai", 430),
                     line(128, 118, "- Tổ chức tuyên truyền, truyền thông phòng chống thiên tai đến"),
                     line(142, 90, "mọi đối tượng trong cộng đồng.", 300),
                     line(156, 118, "1. Xây dựng cơ sở dữ liệu về rủi ro thiên tai của tỉnh, bảo đảm"),
                     line(170, 90, "kết nối với hệ thống quốc gia; các địa phương gửi báo cáo về Bộ",
                          118 + 6 * 63)], "page 1", set())
    write_page(out, [line(60, 90, "Công an để tổng hợp, hướng dẫn theo thẩm quyền.", 380)], "page 2", set())
    text = out.text
    assert "giảm nhẹ rủi ro thiên tai\n\n- Tổ chức tuyên truyền" in text
    assert "bảo đảm\nkết nối với hệ thống" in text
    assert "báo cáo về Bộ\nCông an để tổng hợp" in text
    assert any("về Bộ Công an để tổng hợp" in task.text for task in extract_text(text, "page-break").tasks)


def test_pdf_paragraphs_parted_by_the_space_after_them():
    """Paragraphs whose last lines run to the margin, set without an indent, are parted
    by the space a word processor adds after each (wider than the page's usual space
    between lines); a page set with wide line spacing throughout is not cut at every line."""
    from plankg.loaders.pdf_reader import Run, write_page
    from plankg.loaders.rendering import Rendering

    def page(leading: float, spacing: float) -> str:
        lines = ["Các chủ rừng thường xuyên kiểm tra lực lượng canh phòng và lực lượng",
                 "khoán quản bảo vệ rừng, nhất là rừng trồng tập trung ở các xã vùng cao.",
                 "Lực lượng Kiểm lâm phối hợp với Công an tỉnh kiểm tra các vùng trọng",
                 "điểm dễ cháy, phát hiện kịp thời điểm cháy, huy động lực lượng dập tắt.",
                 "Ủy ban nhân dân cấp xã tổ chức tuyên truyền nội quy dùng lửa trong rừng",
                 "và ven rừng cho người dân sống gần rừng, nhất là trong mùa khô hanh."]
        runs, top = [], 100.0
        for n, text in enumerate(lines):
            runs.append(Run(90, top, 520, top + 12, text))
            top += 12 + leading + (spacing if n % 2 else 0)
        out = Rendering()
        write_page(out, runs, "page 1", set())
        return out.text

    spaced = page(leading=2.5, spacing=9)
    assert "ở các xã vùng cao.\n\nLực lượng Kiểm lâm" in spaced
    assert "dập tắt.\n\nỦy ban nhân dân" in spaced
    assert "lực lượng\nkhoán quản" in spaced
    assert "\n\n" not in page(leading=8, spacing=0).strip()


def test_pdf_headings_set_in_bold_are_marked_and_end_where_plain_type_begins():
    """A paragraph whose words are all set in a bold font (its marker aside) comes out
    wrapped in "**", as the text reader knows a heading; the first line in plain type
    after it opens a paragraph of its own, though no gap or short line says so; a line
    with a bold word among plain ones is plain."""
    from plankg.loaders import extract_text
    from plankg.loaders.pdf_reader import Run, write_page
    from plankg.loaders.rendering import Rendering

    def line(top: float, *parts: tuple[str, bool], x: float = 90) -> list[Run]:
        runs = []
        for text, bold in parts:
            runs.append(Run(x, top, x + 6 * len(text), top + 12, text, bold))
            x += 6 * len(text) + 4
        return runs

    out = Rendering()
    write_page(out, [*line(100, ("3.", False), ("Xây dựng hệ thống quan trắc môi trường phục vụ quản lý", True)),
                     *line(114, ("ngành nông nghiệp và môi trường, lĩnh vực nuôi trồng thủy sản.", True)),
                     *line(128, ("Sở Nông nghiệp và Môi trường cập nhật kết quả quan trắc vào cơ sở", False)),
                     *line(142, ("dữ liệu quốc gia về thủy sản; ", False), ("hằng quý", True),
                           (" báo cáo Ủy ban nhân dân tỉnh.", False))], "page 1", set())
    text = out.text
    assert text.startswith("**3. Xây dựng hệ thống quan trắc môi trường phục vụ quản lý\n"
                           "ngành nông nghiệp và môi trường, lĩnh vực nuôi trồng thủy sản.**\n\n"
                           "Sở Nông nghiệp và Môi trường cập nhật")
    assert "**" not in text[text.index("Sở Nông nghiệp"):]
    tasks = extract_text("KẾ HOẠCH\nQuan trắc môi trường năm 2026\n\nII. NHIỆM VỤ\n\n" + text, "bold-pdf").tasks
    assert [t.text[:14] for t in tasks] == ["Sở Nông nghiệp"] and tasks[0].lead == ("DAE",)


@pytest.mark.parametrize(("read", "meant"), [("2,", "2."), ("1.2;", "1.2."), ("C)", "c)"), ("©)", "e)"),
                                              ("HI.", "III."), ("L.", "I."), ("Sở", "Sở"), ("có)", "có)")])
def test_ocr_list_markers_misread_at_a_line_start_are_put_right(read, meant):
    from plankg.loaders.ocr import opening_word

    assert opening_word(read) == meant


@pytest.mark.parametrize(("read", "meant"), [("7619/QĐÐ-BCA", "7619/QĐ-BCA"), ("131/2025/NĐÐĐ-CP", "131/2025/NĐ-CP"),
                                              ("Ðề", "Đề"), ("Đề", "Đề")])
def test_ocr_look_alike_and_doubled_letters_are_put_right(read, meant):
    from plankg.loaders.ocr import plain_letters

    assert plain_letters(read) == meant


def test_rendering_offsets_survive_normalisation():
    from plankg.loaders.normalize import normalize
    from plankg.loaders.rendering import Rendering, locator

    out = Rendering()
    out.paragraph("Ke\u0302\u0301 hoa\u0323ch\u00a0so\u0302\u0301 1", "paragraph 1")  # NFD, no-break space
    out.table([[("Nội dung", "table 1, row 1, cell 1"), ("Chủ trì", "table 1, row 1, cell 2")],
               [("Rà soát", "table 1, row 2, cell 1"), ("Sở Tư pháp", "table 1, row 2, cell 2")]], data=True)
    text = out.text
    assert normalize(text).text == text
    start = text.index("Sở Tư pháp")
    place_of = locator(out.places)
    assert place_of(start) == "table 1, row 2, cell 2"
    assert place_of(0) == "paragraph 1"


@given(st.integers(min_value=1, max_value=3999))
def test_word_list_numbers_read_back(n):
    from formats import _value
    from plankg.loaders.docx_reader import _format

    assert _value(_format(n, "upperRoman"), "roman") == n
    assert _format(n, "decimal") == str(n)
    if n <= 26:
        assert _value(_format(n, "lowerLetter"), "letter") == n
