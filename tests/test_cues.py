"""Cue words (ontology/cues.ttl) and the patterns compiled from them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from plankg.loaders.cues import load_cues, phrase_regex
from plankg.loaders.normalize import fold

from plankg.errors import VocabularyError

CUES = load_cues()


def first(phrases: list[str], text: str) -> str | None:
    match = re.compile(phrase_regex(phrases)).search(fold(text))
    return match.group() if match else None


def test_the_longest_phrase_wins_whatever_order_they_are_given_in():
    phrases = ["thời hạn", "thời hạn ban hành", "thời gian"]
    for order in (phrases, list(reversed(phrases))):
        assert first(order, "Thời hạn ban hành: trước 31/12") == "thoi han ban hanh"


@pytest.mark.parametrize("text", ["Chủ  trì,\nphối hợp", "CHỦ TRÌ, PHỐI HỢP", "chu tri , phoi hop"])
def test_any_spacing_case_or_diacritics(text):
    assert first(["chủ trì, phối hợp"], text) is not None


def test_whole_words_only():
    assert first(["lead"], "the leader") is None and first(["sở"], "cơ sở") == "so"


@given(st.lists(st.sampled_from(["chủ trì", "chủ trì, phối hợp", "phối hợp", "giao", "giao cho", "đề nghị"]),
                min_size=1, unique=True),
       st.text(alphabet="abcghiotrủìđềnịp ,", max_size=40))
def test_the_trie_finds_what_a_plain_alternation_finds(phrases, text):
    def literal(phrase: str) -> str:
        return re.escape(fold(phrase)).replace(r"\ ", r"\s+").replace(",", r"\s*,\s*")

    plain = "|".join(r"(?<!\w)" + literal(p) + r"(?!\w)" for p in sorted(phrases, key=len, reverse=True))
    folded = fold(text)
    expected = [m.span() for m in re.finditer(plain, folded)]
    assert [m.span() for m in re.finditer(phrase_regex(phrases), folded)] == expected


def test_section_kinds_and_column_roles_follow_their_rank():
    assert CUES.section_kind("to chuc thuc hien") == "organization"
    assert CUES.column_role("co quan chu tri") == "lead"
    assert CUES.column_role("van ban giao nhiem vu") == "legal-basis"


@pytest.mark.parametrize(("header", "role"), [
    ("stt", "ordinal"), ("so tt", "ordinal"), ("stt (1)", "ordinal"), ("no.", "ordinal"),
    ("ten thu tuc hanh chinh no bo", "procedure"),  # an English "no" in "nộ bộ", a typo
    ("thong tu so 94/2025/tt-btc", None), ("du no", None),  # a "tt" of a citation, "dư nợ"
])
def test_a_row_number_header_is_nothing_else(header, role):
    assert CUES.column_role(header) == role


def test_an_unknown_cue_set_is_a_vocabulary_error():
    with pytest.raises(VocabularyError):
        CUES["no-such-set"]
