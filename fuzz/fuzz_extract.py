"""Coverage-guided fuzzing of the loaders with atheris (libFuzzer).

Any bytes must give records or a SourceError: never another exception, never a hang.

    pip install atheris
    python fuzz/fuzz_extract.py fuzz/corpus -max_total_time=600 -timeout=20

The seed corpus is the bundled sample plans (copied to fuzz/corpus on first run).
A crash is saved by libFuzzer as crash-<hash>; turn it into a test in
tests/test_robustness.py.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["plankg"]):
    from plankg.loaders import extract_text
    from plankg.loaders.decode import decode_bytes

    from plankg.errors import SourceError
    from plankg.samples import sample_paths


def one_input(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz")
    except SourceError:
        return
    extract_text(text, "fuzz")


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else None
    if corpus is not None and not corpus.exists():
        corpus.mkdir(parents=True)
        for path in sample_paths():
            shutil.copy(path, corpus / path.name)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
