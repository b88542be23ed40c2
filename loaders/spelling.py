"""Tone marks and capitals that OCR misreads, put right by how Vietnamese is written.

Tesseract's Vietnamese model reads most syllables right, but often a tone mark or a
vowel's hat wrong ("Tố chức", "Hồ trợ", "Xuât bản") and now and then a syllable in
capitals amid small letters ("các CƠ SỞ sản xuất"). One such slip loses a whole task
(its quote no longer matches the document). Each syllable of a paragraph is replaced by
the spelling with the same base letters that makes the likeliest sequence with its
neighbours (syllable bigrams counted in public Vietnamese legal texts, the data file
``ontology/vi-syllables.tsv.gz``), unless the reading as it stands is nearly as likely:
it keeps a bonus of :data:`KEEP` in log-probability, so only a clear improvement wins.

Measured on the samples' and the development set's 200-dpi scans (docs/performance.md):
tasks F1 0.829 → 0.93 and 0.906 → 0.94; on the samples' own text 27 of 19,129 words
change (mostly the text's own typing slips: "phấm" → "phẩm").

The data file is built from a folder of texts by
``python -m plankg.loaders.spelling SOURCE... --leave-out DIR -o ontology/vi-syllables.tsv.gz``;
``--leave-out`` drops the texts that share passages with the documents measured on.
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

DATA = "vi-syllables.tsv.gz"
KEEP = 5.0
"""Log-probability bonus of the syllable as OCR read it: chosen on the samples' scans
(4–7 score alike; 2 changes ten times as many right words, 12 keeps most slips)."""
VARIANTS = 10
"""Spellings of one base form tried, the most frequent first."""
BACKOFF = 0.4
COMMON = 50
"""Occurrences a syllable needs before its case in the counts is trusted."""
_SAME_SHAPE = frozenset("cosuvwxz")
"""Letters whose capital is their small letter drawn larger ("c"/"C", "ơ"/"Ơ"): the only ones
OCR reads in the wrong case ("các CƠ SỞ", "bền VỮng"); a word with any other capital was
written so ("AI", "IoT")."""
_WORD = re.compile(r"(\W*)([^\W\d_]+)(\W*)")
_MARKS = str.maketrans("đĐ", "dD")


def base_form(word: str) -> str:
    """The word's letters without tone marks, hats and hooks, lower-cased ("Tổ" → "to")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(_MARKS)


@dataclass
class SyllableModel:
    """Syllable and syllable-pair counts of written Vietnamese (lower-cased), and how often
    each syllable is written in small letters."""

    counts: dict[str, int]
    lower: dict[str, int]
    pairs: dict[tuple[str, str], int]
    total: int = 0
    spellings: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.total = sum(self.counts.values()) or 1
        by_base: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for word, n in self.counts.items():
            by_base[base_form(word)].append((n, word))
        self.spellings = {b: [w for _, w in sorted(ws, reverse=True)[:VARIANTS]] for b, ws in by_base.items()}

    def repair(self, words: list[str]) -> list[str]:
        """The words of one paragraph, in reading order, with misread syllables put right.
        Punctuation and numbers end a run of syllables and are left as they are."""
        out = list(words)
        run: list[tuple[int, tuple[str, str, str]]] = []  # (index, (before, letters, after))
        for i, word in enumerate(words):
            match = _WORD.fullmatch(word)
            if match is None or match.group(1) and run:
                self._repair_run(out, run)
                run = []
            if match is None:
                continue
            run.append((i, match.groups()))
            if match.group(3):
                self._repair_run(out, run)
                run = []
        self._repair_run(out, run)
        return out

    def _repair_run(self, out: list[str], run: list[tuple[int, tuple[str, str, str]]]) -> None:
        if not run:
            return
        letters = self._small_letters([parts[1] for _, parts in run])
        chosen = self._likeliest([w.lower() for w in letters])
        for (i, (before, _, after)), cased, best in zip(run, letters, chosen, strict=True):
            if best != cased.lower():
                cased = _cased_like(cased, best)
            out[i] = before + cased + after

    def _small_letters(self, words: list[str]) -> list[str]:
        """Syllables that OCR read in capitals amid small letters ("các CƠ SỞ sản xuất",
        "bền VỮng"), in small letters — not abbreviations (UBND, TTg: written in capitals
        in the counts) and not a heading's capitals (no small letters beside them)."""
        out = list(words)
        i = 0
        while i < len(out):
            if not self._misread_capitals(out[i], single=True):
                i += 1
                continue
            j = i + 1
            while j < len(out) and j - i < 3 and self._misread_capitals(out[j]):
                j += 1
            before = out[i - 1] if i else None
            after = out[j] if j < len(out) else None
            if (before or after) and (before is None or before.islower()) and (after is None or after.islower()):
                for k in range(i, j):
                    out[k] = out[k].lower()
                if before is None:
                    out[i] = out[i][:1].upper() + out[i][1:]
            i = j
        return out

    def _misread_capitals(self, word: str, single: bool = False) -> bool:
        if len(word) < 2 or word.islower() or (single and word.istitle()) or (not single and not word.isupper()):
            return False
        if any(c.isupper() and base_form(c) not in _SAME_SHAPE for c in word):
            return False  # ("AI": OCR reads no "a" as "A", so an abbreviation as written)
        key = word.lower()
        return self.counts.get(key, 0) >= COMMON and self.lower.get(key, 0) >= self.counts[key] / 2

    def _likeliest(self, words: list[str]) -> list[str]:
        """The spelling of each word that makes the likeliest sequence (Viterbi over syllable
        bigrams with back-off), the word as read keeping :data:`KEEP`."""
        options = []
        for word in words:
            spellings = list(self.spellings.get(base_form(word), ()))
            if word not in spellings:
                spellings.append(word)
            options.append(spellings)
        best = {s: (self._score(None, s) + (KEEP if s == words[0] else 0.0), (s,)) for s in options[0]}
        for word, spellings in zip(words[1:], options[1:], strict=True):
            best = {s: max(((score + self._score(prev, s) + (KEEP if s == word else 0.0), path + (s,))
                            for prev, (score, path) in best.items()), key=lambda item: item[0])
                    for s in spellings}
        return list(max(best.values(), key=lambda item: item[0])[1])

    def _score(self, prev: str | None, word: str) -> float:
        pair = self.pairs.get((prev, word)) if prev is not None else None
        if pair:
            return math.log(pair / self.counts[prev])
        return math.log(BACKOFF * self.counts.get(word, 0.5) / self.total)


def _cased_like(original: str, word: str) -> str:
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@cache
def load_model() -> SyllableModel:
    """The syllable model in ``ontology/`` (read once per process)."""
    counts: dict[str, int] = {}
    lower: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    raw = resources.files("plankg.ontology").joinpath(DATA).read_bytes()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        kind, key, *numbers = line.split("\t")
        if kind == "u":
            counts[key], lower[key] = int(numbers[0]), int(numbers[1])
        else:
            first, second = key.split(" ")
            pairs[(first, second)] = int(numbers[0])
    return SyllableModel(counts, lower, pairs)


# building the data file

_SYLLABLES = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")


def _shingles(text: str, size: int = 8) -> set[int]:
    words = _LETTERS.findall(unicodedata.normalize("NFC", text).lower())
    return {hash(" ".join(words[i:i + size])) for i in range(max(0, len(words) - size))}


def build(sources: Iterable[Path], leave_out: Iterable[Path] = (), min_count: int = 5,
          min_pair: int = 20) -> tuple[Counter, Counter, Counter, int]:
    """(syllable counts, small-letter counts, pair counts, texts read) of the ``.txt`` and
    ``.md`` files under ``sources``, leaving out any text that shares more than 30 passages
    of eight words with a text under ``leave_out``."""
    kept_out: set[int] = set()
    for folder in leave_out:
        for path in sorted(folder.rglob("*.txt")):
            kept_out |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    counts: Counter = Counter()
    lower: Counter = Counter()
    pairs: Counter = Counter()
    read = 0
    for folder in sources:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8", errors="replace"))
            if kept_out and len(_shingles(text) & kept_out) > 30:
                continue
            read += 1
            lower.update(w for w in _LETTERS.findall(text) if w.islower())
            for run in _SYLLABLES.findall(text.lower()):
                words = run.split()
                counts.update(words)
                pairs.update(zip(words, words[1:], strict=False))
    counts = Counter({w: n for w, n in counts.items() if n >= min_count})
    lower = Counter({w: n for w, n in lower.items() if w in counts})
    pairs = Counter({p: n for p, n in pairs.items() if n >= min_pair and p[0] in counts and p[1] in counts})
    return counts, lower, pairs, read


def main() -> None:
    parser = argparse.ArgumentParser(description="Build the syllable counts OCR output is put right by.")
    parser.add_argument("sources", nargs="+", type=Path, help="folders of .txt/.md Vietnamese texts")
    parser.add_argument("--leave-out", action="append", type=Path, default=[],
                        help="folder of texts measured on: texts sharing passages with them are not counted")
    parser.add_argument("--note", default="", help="where the sources come from (written in the file)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    counts, lower, pairs, read = build(args.sources, args.leave_out)
    lines = [f"# syllable counts for OCR repair (plankg.loaders.spelling): {read} texts. {args.note}",
             "# u<TAB>syllable<TAB>count<TAB>count in small letters | b<TAB>syllable syllable<TAB>count"]
    lines += [f"u\t{w}\t{n}\t{lower.get(w, 0)}" for w, n in sorted(counts.items())]
    lines += [f"b\t{a} {b}\t{n}" for (a, b), n in sorted(pairs.items())]
    partial = args.output.with_name(args.output.name + ".part")
    partial.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0))
    partial.replace(args.output)
    print(f"{args.output}: {len(counts)} syllables, {len(pairs)} pairs from {read} texts")


if __name__ == "__main__":
    main()
