"""Extraction cost in instructions: a figure that does not drift with the machine's load.

Wall-clock figures on a shared VM move by 20-40 % from one hour to the next, more than
most changes to the reader; valgrind's callgrind counts the instructions the process
executes, and that count repeats to a tenth of a percent. Each figure is the count of
reading the five samples three times minus the count of reading them once (so start-up,
imports and the loading of reference data and cues cancel out), divided by the ten
documents read in between; one untimed run first fills the pattern cache; the hash seed is
fixed, so both runs take the same paths.

    python benchmarks/extract_instructions.py                    # this checkout
    python benchmarks/extract_instructions.py --against DIR      # and an install in DIR

``--against`` takes a folder that holds another version's ``plankg`` package
(``pip install --no-deps --target DIR <checkout of that version>``), to compare the two in
the same hour. Needs ``valgrind`` on the PATH; each figure takes about a minute.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_READ = """
import sys
from plankg.loaders import extract_text
from plankg.loaders.cues import load_cues
from plankg.loaders.decode import decode_bytes
from plankg.loaders.registry import load_registry
from plankg.samples import sample_paths
load_registry(); load_cues()
texts = [decode_bytes(p.read_bytes(), p.name) for p in sample_paths()]
for _ in range(int(sys.argv[1])):
    for i, text in enumerate(texts):
        extract_text(text, f"doc{i}")
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(script: Path, rounds: int, package_dir: str | None) -> int:
    env = dict(os.environ, PYTHONHASHSEED="1")
    if package_dir:
        env["PYTHONPATH"] = package_dir
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-P", str(script), str(rounds)],
                         env=env, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(run.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def per_document(script: Path, package_dir: str | None) -> float:
    instructions(script, 1, package_dir)  # fills the pattern cache, untimed
    once, thrice = instructions(script, 1, package_dir), instructions(script, 3, package_dir)
    return (thrice - once) / 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="DIR", help="a folder holding another version's plankg package")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("extract_instructions: valgrind is not installed (apt install valgrind)")
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "read_samples.py"
        script.write_text(_READ, encoding="utf-8")
        here = per_document(script, None)
        print(f"this checkout  {here / 1e6:7.1f} M instructions a sample document")
        if args.against:
            other = per_document(script, args.against)
            print(f"{args.against}  {other / 1e6:7.1f} M instructions a sample document "
                  f"(this checkout: {here / other:.3f}x)")


if __name__ == "__main__":
    main()
