"""Normalisation: NFC, equal-length views, idempotence."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from plankg.loaders import extract_text
from plankg.loaders.cues import load_cues
from plankg.loaders.normalize import fold, join_pairs, lower_view, normalize

from plankg.samples import sample_paths


@given(st.text())
def test_views_have_the_length_of_the_text(raw):
    doc = normalize(raw)
    assert len(doc.work) == len(doc.text) == len(doc.folded)


@given(st.text())
def test_joined_pairs_keep_the_views_length(raw):
    doc = normalize(raw + " Cục Phòng, chống tham nhũng")
    joined = join_pairs(doc, load_cues()["paired-words"].pattern)
    assert (joined.text, joined.work, len(joined.folded)) == (doc.text, doc.work, len(doc.folded))
    assert "phong  chong" in joined.folded


@given(st.text())
def test_normalize_is_idempotent(raw):
    once = normalize(raw).text
    assert normalize(once).text == once


def test_fold_strips_vietnamese_diacritics_and_case():
    assert fold("Sở Tài nguyên và Môi trường") == "so tai nguyen va moi truong"
    assert fold("ĐỒNG NAI") == "dong nai"


def test_markdown_emphasis_is_blanked_in_the_work_view_only():
    doc = normalize("**Điều 1. **Công bố")
    assert doc.text.startswith("**Điều")
    assert doc.work.startswith("  Điều 1.   Công")


def test_underscore_emphasis_is_blanked_but_not_blanks_to_fill_in():
    # (some crawled pages mark bold with "__": "__g) Bảo đảm …", "__Ghi chú:__ số liệu …")
    assert normalize("__g) Bảo đảm cập nhật__").work == "  g) Bảo đảm cập nhật  "
    assert normalize("__Ghi chú:__ số liệu").work == "  Ghi chú:   số liệu"
    assert normalize("Họ và tên: ________ ngày __ tháng").work == "Họ và tên: ________ ngày __ tháng"
    assert normalize("ma_so__ten").work == "ma_so__ten"


@given(st.from_regex(r"[A-Za-zĐđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ *]{0,40}",
                     fullmatch=True))
def test_emphasis_inside_words_keeps_the_views_length(raw):
    doc = normalize(raw)
    assert len(doc.work) == len(doc.text) == len(doc.folded)


def test_a_word_split_by_emphasis_is_whole_in_the_work_view():
    # (the crawl's bold runs cut words: "ng**ày", "BỘ C****ÔNG THƯƠNG"; one side holds no vowel)
    assert normalize("*Hà Nội, ng**ày 21 tháng 11").work == " Hà Nội, ngày   21 tháng 11"
    assert normalize("**BỘ C****ÔNG THƯƠNG**").work == "  BỘ CÔNG     THƯƠNG  "
    assert normalize("Chính ph**ủ ban h**ành").work == "Chính phủ   ban hành  "
    # two words the emphasis joins without a space stay apart
    assert normalize("*Chủ tịch Quốc hội*đối với").work == " Chủ tịch Quốc hội đối với"
    assert normalize("số 82/2006/QĐ-QP**của Bộ").work == "số 82/2006/QĐ-QP  của Bộ"
    assert normalize("Government**b** - ^").work == "Government  b   - ^"


@given(st.text())
def test_the_lower_case_view_keeps_the_length(raw):
    assert len(lower_view(raw)) == len(raw)


def test_a_letter_longer_in_lower_case_keeps_offsets():
    # ("İ" lowers to two characters: a Turkish name before a body's name shifted every offset after it)
    text = "Ông İlhan dự họp. Sở Y tế chủ trì."
    assert lower_view(text) == "ông ilhan dự họp. sở y tế chủ trì."


def test_nfd_input_gives_the_same_records_as_nfc():
    raw = sample_paths()[3].read_text(encoding="utf-8")
    nfc = extract_text(unicodedata.normalize("NFC", raw), "x")
    nfd = extract_text(unicodedata.normalize("NFD", raw), "x")
    assert nfc == nfd


def test_crlf_and_nbsp_do_not_change_records():
    raw = sample_paths()[2].read_text(encoding="utf-8")
    messy = raw.replace("\n", "\r\n").replace(" các ", "\u00a0các ")
    assert extract_text(messy, "x").tasks == extract_text(raw, "x").tasks
