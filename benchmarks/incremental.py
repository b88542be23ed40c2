"""One plan added, replaced, removed or built again unchanged, in a store of N plans.

    python benchmarks/incremental.py --plans 1000 10000 [--runs 5] [--store-dir DIR]

For each size a store of N synthetic plans (benchmarks/synthetic.py) is built once (or
reused from ``DIR/N`` if a store is there), then, ``--runs`` times, a development-set
plan file (a sample if ``../shared`` is absent) goes through four steps:

- add: the file is built into the store;
- unchanged: the same file is built again;
- replace: the file, one line corrected, is built again;
- remove: ``plankg remove`` of that file.

Each step is timed twice: as a user runs it (``plankg build FILE --store S``, a new
process: interpreter, imports, the readers' registry and cue words, then the work), and
through the library in one open store (what the web application or a script pays: the
work alone, reading the file included). p50 and max of the runs are printed per step.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def plan_file() -> Path:
    devset = SHARED / "devset" / "docs"
    if devset.is_dir():
        return sorted(devset.iterdir())[2]
    from plankg.samples import sample_paths

    return sample_paths()[2]


def make_store(plans: int, folder: Path) -> None:
    sys.path.insert(0, str(HERE))
    from plankg.graph.ingest.plans import build
    from plankg.graph.store import PlanStore
    from synthetic import synthetic_records

    start = time.perf_counter()
    with PlanStore(folder, write=True) as store:
        build(store, [], records=synthetic_records(plans))
    print(f"  built {plans} synthetic plans in {time.perf_counter() - start:.0f} s", flush=True)


def corrected(text: str, run: int) -> str:
    """The text with its first task-like line changed: a corrected file."""
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if len(line) > 60), len(lines) // 2)
    lines[at] = lines[at].rstrip("\n") + f" (đính chính lần {run + 1})\n"
    return "".join(lines)


def installed_environment(work: Path) -> dict[str, str]:
    """The environment for ``plankg`` as an installed tool runs: with its modules' bytecode.
    ``pip install`` compiles it; an editable install writes it on first use, unless
    PYTHONDONTWRITEBYTECODE is set (as on some CI machines: then every command compiles its
    modules again, 0.15 s). Here it is kept apart from the source tree, under ``work``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    return env


def cli(*args: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(["plankg", *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"plankg {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def steps_cli(store: Path, work: Path, source: str, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"add": [], "unchanged": [], "replace": [], "remove": []}
    plan = work / "incremental-plan.txt"
    env = installed_environment(work)
    plan.write_text(source, encoding="utf-8")  # untimed: the bytecode written, the store's files read once
    cli("build", str(plan), "--store", str(store), "-q", env=env)
    cli("remove", str(plan), "--store", str(store), env=env)
    for run in range(runs):
        plan.write_text(source, encoding="utf-8")
        times["add"].append(cli("build", str(plan), "--store", str(store), "-q", env=env))
        times["unchanged"].append(cli("build", str(plan), "--store", str(store), "-q", env=env))
        plan.write_text(corrected(source, run), encoding="utf-8")
        times["replace"].append(cli("build", str(plan), "--store", str(store), "-q", env=env))
        times["remove"].append(cli("remove", str(plan), "--store", str(store), env=env))
    return times


def steps_library(store_path: Path, work: Path, source: str, runs: int) -> dict[str, list[float]]:
    from plankg.graph.ingest.plans import build, remove_plan
    from plankg.graph.store import PlanStore
    from plankg.loaders.cues import load_cues
    from plankg.loaders.registry import load_registry

    load_registry()
    load_cues()
    times: dict[str, list[float]] = {"add": [], "unchanged": [], "replace": [], "remove": []}
    plan = work / "incremental-plan-library.txt"
    with PlanStore(store_path, write=True) as store:
        for run in range(runs):
            plan.write_text(source, encoding="utf-8")
            for step in ("add", "unchanged"):
                start = time.perf_counter()
                build(store, [plan])
                times[step].append(time.perf_counter() - start)
            plan.write_text(corrected(source, run), encoding="utf-8")
            start = time.perf_counter()
            build(store, [plan])
            times["replace"].append(time.perf_counter() - start)
            start = time.perf_counter()
            assert remove_plan(store, str(plan))
            times["remove"].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--store-dir", type=Path, help="keep (and reuse) the stores here, one folder per size")
    args = parser.parse_args()
    source = plan_file().read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        print(f"plan file: {plan_file().name}; {args.runs} runs; seconds, p50 (max)")
        print(f"{'plans':>7} {'path':<9}" + "".join(f"{s:>18}" for s in ("add", "unchanged", "replace", "remove")))
        for plans in args.plans:
            store = (args.store_dir or work) / str(plans)
            if not (store / "plankg-store.json").exists():
                make_store(plans, store)
            for name, times in (("plankg", steps_cli(store, work, source, args.runs)),
                                ("library", steps_library(store, work, source, args.runs))):
                print(f"{plans:>7} {name:<9}" + "".join(
                    f"{statistics.median(t):>11.2f} ({max(t):.2f})" for t in times.values()), flush=True)
            if args.store_dir is None:
                shutil.rmtree(store)


if __name__ == "__main__":
    main()
