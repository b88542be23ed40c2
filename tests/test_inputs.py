"""Hard inputs: encodings, truncation, size; a build killed half-way."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from plankg.graph.ingest.plans import build
from plankg.graph.store import PlanStore
from plankg.loaders import decode
from plankg.loaders.decode import decode_bytes

from plankg.errors import SourceError
from plankg.samples import sample_paths

PLAN = sample_paths()[2].read_text(encoding="utf-8")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Windows-1258 keeps â/ă/ơ/ư/đ whole and writes tones as separate marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
                   + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF8 + PLAN.encode("utf-8"),
    codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"),
    unicodedata.normalize("NFD", PLAN).encode("utf-8"),
    PLAN.replace("\n", "\r\n").encode("utf-8"),
    windows_1258(PLAN),
], ids=["utf8-bom", "utf16le", "utf16be", "nfd", "crlf", "windows-1258"])
def test_readable_encodings_give_the_same_text(encoded):
    text = decode_bytes(encoded, "plan.txt")
    assert unicodedata.normalize("NFC", text).replace("\r\n", "\n") == PLAN


@pytest.mark.parametrize(("sample", "name"), [
    ("Keá hoaïch thöïc hieän cuûa UÛy ban nhaân daân tænh Ñoàng Nai vaø caùc sôû", "VNI"),
    ("KÕ ho¹ch thùc hiÖn cña ñy ban nh©n d©n tØnh §ång Nai vµ c¸c së", "TCVN3"),
])
def test_legacy_vietnamese_encodings_are_named(sample, name):
    with pytest.raises(SourceError, match=f"old.txt:1: looks like {name}"):
        decode_bytes(sample.encode("latin-1"), "old.txt")


def test_a_file_cut_mid_character_is_read_up_to_the_cut():
    data = PLAN.encode("utf-8")
    cut = data[: len(data) // 2]
    while (cut[-1] & 0xC0) == 0x80 or cut[-1] < 0x80:  # end inside a multi-byte character
        cut = cut[:-1]
    assert decode_bytes(cut, "cut.txt") == cut[:-1].decode("utf-8", errors="ignore").rstrip("\ufffd") or \
        PLAN.startswith(decode_bytes(cut, "cut.txt"))


def test_too_large_files_are_refused(monkeypatch):
    monkeypatch.setattr(decode, "MAX_BYTES", 1000)
    with pytest.raises(SourceError, match="big.txt: file too large"):
        decode_bytes(b"x" * 2000, "big.txt")


def test_a_killed_build_leaves_the_previous_graph(tmp_path):
    store_path = tmp_path / "store"

    def sizes(store) -> dict[str, int]:
        return {g.value: sum(1 for _ in store.oxigraph.quads_for_pattern(None, None, None, g))
                for g in store.oxigraph.named_graphs()}

    with PlanStore(store_path, write=True) as store:
        build(store, sample_paths())
        before = sizes(store)
    benchmarks = Path(__file__).parent.parent / "benchmarks"
    script = (
        f"import sys; sys.path.insert(0, {str(benchmarks)!r})\n"
        "from synthetic import synthetic_records\n"
        "from plankg.graph.ingest.plans import build\n"
        "from plankg.graph.store import PlanStore\n"
        f"with PlanStore({str(store_path)!r}, write=True) as s:\n"
        "    print('started', flush=True)\n"
        "    build(s, [], records=synthetic_records(3000))\n"
    )
    # Run outside the checkout: "python -c" puts the working directory first on sys.path,
    # where the source folder plankg/ (without graph/, which installs as plankg.graph)
    # would shadow the installed package.
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    assert child.stdout.readline().strip() == "started"
    time.sleep(4)  # well inside the load of the first batches
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with PlanStore(store_path, write=True) as store:  # reopening undoes the cut batch
        after = sizes(store)
        assert {g: after[g] for g in before} == before  # the previous graphs, untouched
        assert set(after) == set(store.graphs)  # nothing half-loaded outside the manifest
        assert not list((store_path / "oxigraph").glob("bulk-*.sst"))  # nor the cut loads' files
        assert not (store_path / "journal.json").exists()


def test_parallel_build_equals_serial_build(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    files = [*sample_paths(), bad]
    reports, contents = [], []
    for jobs in (1, 2):
        path = tmp_path / f"store{jobs}"
        errors = []
        with PlanStore(path, write=True) as store:
            reports.append(build(store, files, on_error=errors.append, jobs=jobs))
            contents.append(sorted(store.graphs.items()))
        assert [e.source for e in errors] == [str(bad)]
    assert contents[0] == contents[1]
    assert reports[0].failed == reports[1].failed == [str(bad)]
