"""Compiled patterns kept between runs (plankg.loaders.patterns): a pattern built from the
cache file is the pattern ``re.compile`` gives, and a file that is stale, damaged or
cannot be written only means compiling again."""

from __future__ import annotations

import marshal
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from plankg.loaders.patterns import PatternCache

PATTERNS = [
    (r"(?P<kind>Quyết định|Nghị định)\s+số\s+(\d+)/(?:QĐ|NĐ)-[A-Z]+", 0),
    (r"^\s*(?:[IVX]+|\d+)\.\s", re.MULTILINE),
    (r"s(?<=(?<![\w-]).)(?:o (?:tai chinh|noi vu)|o xay dung)(?!\w)", 0),
    (r"sở\s+y\s+tế", re.IGNORECASE),
]
TEXT = ("Căn cứ Quyết định số 12/QĐ-UBND và Nghị định số 7/NĐ-CP;\nI. Mục tiêu\n2. Nhiệm vụ\n"
        "so tai chinh, so xay dung, coso noi vu; SỞ Y TẾ chủ trì")


def _behaviour(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_a_pattern_read_back_from_the_file_is_the_pattern_compiled(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE", str(tmp_path))
    first = PatternCache("test")
    compiled = [first.compile(p, f) for p, f in PATTERNS]
    first.save()
    assert (tmp_path / "patterns-test.marshal").is_file()
    again = PatternCache("test")
    for (pattern, flags), made, read in zip(PATTERNS, compiled, [again.compile(p, f) for p, f in PATTERNS],
                                            strict=True):
        fresh = re.compile(pattern, flags)
        assert read.pattern == fresh.pattern and read.flags == fresh.flags and read.groupindex == fresh.groupindex
        assert _behaviour(read, TEXT) == _behaviour(made, TEXT) == _behaviour(fresh, TEXT)
    assert again._unsaved == 0  # every pattern came from the file


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["so", "tai", "chinh", "noi", "vu", "xay", "dung", "ke", "hoach"]),
                min_size=1, max_size=4, unique=True),
       st.text(alphabet="sotaichnuvxydgkeh ,;\n", max_size=80))
def test_any_alternation_reads_back_alike(tmp_path_factory, words, text):
    folder = tmp_path_factory.mktemp("cache")
    pattern = r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)"
    os.environ["PLANKG_CACHE"] = str(folder)
    try:
        cache = PatternCache("prop")
        cache.compile(pattern)
        cache.save()
        read = PatternCache("prop").compile(pattern)
    finally:
        del os.environ["PLANKG_CACHE"]
    assert _behaviour(read, text) == _behaviour(re.compile(pattern), text)


def test_a_file_of_another_engine_or_a_damaged_one_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE", str(tmp_path))
    path = tmp_path / "patterns-test.marshal"
    pattern = r"ke\s+hoach"
    # another Python's entry under the same key would build a different pattern: refused by the key
    path.write_bytes(marshal.dumps({"engine": "another python", "entries": {}}))
    cache = PatternCache("test")
    assert _behaviour(cache.compile(pattern), "ke  hoach") == [((0, 9), (), {})]
    assert cache._unsaved == 1
    path.write_bytes(b"\x00not marshal")
    cache = PatternCache("test")
    assert cache.compile(pattern).search("ke hoach")
    cache.save()  # the damaged file is replaced
    assert PatternCache("test")._entries()


def test_a_folder_that_cannot_be_written_means_compiling_every_time(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PLANKG_CACHE", str(blocked / "cache"))
    cache = PatternCache("test")
    assert cache.compile(r"so\s+tai\s+chinh").search("so tai chinh")
    cache.save()  # no error
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_pattern_text_is_kept_by_its_key_and_written_anew_for_another(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANKG_CACHE", str(tmp_path))
    written = []

    def write() -> str:
        written.append(1)
        return r"so\s+tai\s+chinh"

    first = PatternCache("test")
    assert first.text("one", write) == r"so\s+tai\s+chinh"
    first.save()
    again = PatternCache("test")
    assert again.text("one", write) == r"so\s+tai\s+chinh" and len(written) == 1  # read back, not written
    assert again.text("another", write) and len(written) == 2
    assert again._unsaved == 1


def test_cue_patterns_read_back_are_the_patterns_the_phrases_make(tmp_path, monkeypatch):
    from plankg.loaders import cues

    phrases = ("chu tri", "chu tri, phoi hop", "phoi hop voi", "co trach nhiem")
    for _ in range(2):  # written, then read back from the file
        monkeypatch.setattr(cues, "_PATTERNS", PatternCache("test", folder=tmp_path))
        for folded in (True, False):
            assert cues._phrase_pattern(phrases, folded).pattern == cues.phrase_regex(phrases, folded)
        cues._PATTERNS.save()
    assert cues._PATTERNS._unsaved == 0
    # another order of the same phrases is the same pattern; other phrases are another
    assert cues._phrase_pattern(tuple(reversed(phrases))).pattern == cues.phrase_regex(phrases)
    assert cues._phrase_pattern(phrases[:2]).pattern == cues.phrase_regex(phrases[:2])
