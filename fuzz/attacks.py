"""The long attack suite: thousands of hostile cases against the real CLI, by class.

    python fuzz/attacks.py              # about 2,000 cases, a few minutes
    python fuzz/attacks.py --quick      # a few hundred (what CI runs)

Every case runs ``plankg`` as a user would (a subprocess; kills are real signals) and
is judged by its outcome, never by its wording alone:

- clean      exit 0 and the data whole, or exit ≠ 0 with one ``Error:`` line per bad input
- traceback  a Python traceback on stderr
- hang       no end within the case's time limit
- lost       a good input's data missing (a plan not built, a batch cut short, a
             damaged file neither read nor reported)
- wrong      an answer that differs from the store's committed truth (stale counts,
             a graph seen half-written, a server's web page taken for success)

The summary ends the run; the exit code is 1 if any case is not clean. The unit-sized
twin of each class is tests/test_attacks.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from damage import DAMAGES, damage_store  # noqa: E402 - the tests' store damages
from hostile import serve  # noqa: E402 - the tests' hostile servers

from plankg.samples import sample_paths  # noqa: E402

CLI = [sys.executable, "-P", "-c", "from plankg.cli import main; main()"]
SAMPLES = [p.read_bytes() for p in sample_paths()]


class Tally:
    """Outcomes by class; the first few bad cases of each kind are kept to print."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.bad: list[str] = []

    def add(self, cls: str, outcome: str, case: str = "") -> None:
        self.counts[(cls, outcome)] += 1
        if outcome not in ("clean",) and len(self.bad) < 40:
            self.bad.append(f"{cls}/{outcome}: {case}")

    def summary(self) -> str:
        outcomes = ["clean", "traceback", "hang", "lost", "wrong"]
        classes = sorted({c for c, _ in self.counts})
        lines = [f"{'class':<8}{'cases':>7}" + "".join(f"{o:>11}" for o in outcomes)]
        for cls in classes + ["all"]:
            row = {o: sum(n for (c, out), n in self.counts.items() if out == o and cls in (c, "all"))
                   for o in outcomes}
            lines.append(f"{cls:<8}{sum(row.values()):>7}" + "".join(f"{row[o]:>11}" for o in outcomes))
        return "\n".join(lines + [""] + self.bad)

    @property
    def failed(self) -> bool:
        return any(out != "clean" for (_, out) in self.counts)


def plankg(*args: str, timeout: float = 120, stdout=subprocess.PIPE, **kw):  # noqa: ANN001, ANN003
    """(returncode or "hang", stdout, stderr) of one CLI run."""
    try:
        done = subprocess.run([*CLI, *args], stdout=stdout, stderr=subprocess.PIPE, text=True,
                              timeout=timeout, **kw)
    except subprocess.TimeoutExpired:
        return "hang", "", ""
    return done.returncode, done.stdout or "", done.stderr


def judged(code, err: str) -> str | None:  # noqa: ANN001
    """"traceback" or "hang" when the run itself went wrong, else None."""
    if code == "hang":
        return "hang"
    if "Traceback" in err or re.search(r"^\w+Error: ", err, re.MULTILINE):
        return "traceback"
    return None


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Error:")]


# ---------------------------------------------------------------------------- input

def mutated(data: bytes, rng: random.Random) -> bytes:
    """A sample plan damaged as files get damaged: bytes flipped, cut, repeated, re-encoded."""
    kind = rng.choice(["flip", "cut", "insert", "repeat", "encode", "nul", "lines"])
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 50)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == "cut":
        return data[:rng.randrange(len(data))]
    if kind == "insert":
        at = rng.randrange(len(data))
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))) + data[at:]
    if kind == "repeat":
        return data * rng.randint(2, 8)
    if kind == "encode":
        text = data.decode("utf-8", "replace")
        encoding = rng.choice(["utf-16", "utf-16-be", "utf-32", "utf-8-sig", "cp1258", "latin-1"])
        return text.encode(encoding, errors="replace")
    if kind == "nul":
        return data.replace(b"\n", b"\x00\n", rng.randint(1, 100))
    return b"\n".join(data.split(b" ")[: rng.randint(1, 4000)])  # one word a line


def attack_inputs(tally: Tally, rng: random.Random, cases: int, work: Path) -> None:
    """Damaged files in one batch with good ones: each bad file is one line, the good
    plans all come out, nothing else breaks."""
    batch = work / "inputs"
    batch.mkdir()
    good = []
    for i, data in enumerate(SAMPLES):
        (batch / f"good-{i}.txt").write_bytes(data)
        good.append(f"good-{i}.txt")
    for i in range(cases):
        (batch / f"bad-{i:05d}.txt").write_bytes(mutated(rng.choice(SAMPLES), rng))
    specials = {"fifo.txt": lambda p: os.mkfifo(p), "dangling.txt": lambda p: p.symlink_to(batch / "nothing"),
                "loop.txt": lambda p: p.symlink_to(p), "folder.txt": lambda p: p.mkdir(),
                "sparse.txt": lambda p: p.write_bytes(b"") or os.truncate(p, 50_000_000),
                os.fsdecode(b"name-\xff\xfe.txt"): lambda p: p.write_bytes(SAMPLES[0])}
    for name, make in specials.items():
        make(batch / name)
    code, out, err = plankg("extract", str(batch), "-o", str(work / "inputs.json"), "-q", timeout=1800)
    broken = judged(code, err)
    if broken:
        tally.add("input", broken, f"extract of {cases} damaged files")
        return
    records = json.loads((work / "inputs.json").read_text("utf-8"))
    sources = {r["source"] for r in records}
    for name in good:
        tally.add("input", "clean" if name in sources else "lost", name)
    failed = {line.split(":", 2)[1].strip() for line in error_lines(err)}
    for i in range(cases):
        name = f"bad-{i:05d}.txt"
        said = name in sources or any(f.endswith(name) for f in failed)
        tally.add("input", "clean" if said else "lost", f"{name}: neither read nor reported")
    for name in specials:
        tally.add("input", "clean", name)  # each reached the end of a batch that did not break
    dev_zero = plankg("extract", "/dev/zero", timeout=30)
    tally.add("input", judged(dev_zero[0], dev_zero[2]) or ("clean" if dev_zero[0] == 1 else "wrong"), "/dev/zero")
    dup = work / "dup"
    for folder, number in (("a", "701"), ("b", "702")):
        (dup / folder).mkdir(parents=True)
        (dup / folder / "plan.txt").write_bytes(SAMPLES[2].replace(b"174/KH-UBND", f"{number}/KH-UBND".encode()))
    code, _, err = plankg("build", str(dup), "--store", str(work / "dup-store"), "-q")
    code, out, err2 = plankg("plans", "--store", str(work / "dup-store"), "--format", "json")
    numbers = sorted(p["number"] for p in json.loads(out or "[]"))
    tally.add("input", judged(code, err + err2) or ("clean" if numbers == ["701/KH-UBND", "702/KH-UBND"]
                                                     else "lost"), "same file name in two folders")


def format_files(work: Path) -> dict[str, bytes]:
    """A sample plan as Word, web page and (with LibreOffice) PDF, made by real tools."""
    from formats import have_office, to_docx, to_html, to_pdf

    text = SAMPLES[2].decode("utf-8")
    folder = work / "made"
    folder.mkdir()
    out = {".docx": to_docx(text, folder / "p.docx").read_bytes(),
           ".html": to_html(text, folder / "p.html").read_bytes()}
    if have_office():
        out[".pdf"] = to_pdf(folder / "p.docx", folder).read_bytes()
    return out


def attack_formats(tally: Tally, rng: random.Random, cases: int, work: Path) -> None:
    """Word, PDF and web pages damaged as files get damaged (bytes flipped, cut, inserted,
    a zip member rewritten): each is read or reported in one line, the good ones come out."""
    import io
    import zipfile

    made = format_files(work)
    batch = work / "formats"
    batch.mkdir()
    for suffix, data in made.items():
        (batch / f"good{suffix}").write_bytes(data)
    names = []
    for i in range(cases):
        suffix = rng.choice(sorted(made))
        data = made[suffix]
        if suffix == ".docx" and rng.random() < 0.3:  # a valid zip whose XML is damaged
            source = zipfile.ZipFile(io.BytesIO(data))
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as target:
                for item in source.infolist():
                    body = source.read(item)
                    target.writestr(item, mutated(body, rng) if item.filename.endswith(".xml") else body)
            data = buffer.getvalue()
        else:
            data = mutated(data, rng) if rng.random() < 0.8 else data[:rng.randrange(len(data))]
        names.append(f"bad-{i:04d}{suffix}")
        (batch / names[-1]).write_bytes(data)
    code, _, err = plankg("extract", str(batch), "-o", str(work / "formats.json"), "-q", timeout=3600)
    broken = judged(code, err)
    if broken:
        tally.add("format", broken, f"extract of {cases} damaged Word, PDF and HTML files")
        return
    sources = {r["source"] for r in json.loads((work / "formats.json").read_text("utf-8"))}
    for suffix in made:
        tally.add("format", "clean" if f"good{suffix}" in sources else "lost", f"good{suffix}")
    failed = {line.split(":", 2)[1].strip() for line in error_lines(err)}
    for name in names:
        said = name in sources or any(f.endswith(name) for f in failed)
        tally.add("format", "clean" if said else "lost", f"{name}: neither read nor reported")


# ---------------------------------------------------------------------------- store

def counts(store: Path) -> dict | str:
    code, out, err = plankg("query", "stats-counts", "--store", str(store), "--format", "json", timeout=120)
    if judged(code, err) or code != 0:
        return judged(code, err) or f"error: {err.strip()[:200]}"
    return {k: int(v or 0) for k, v in json.loads(out)[0].items()}


def plan_folder(work: Path, name: str, plans: int, offset: int = 0) -> Path:
    folder = work / name
    folder.mkdir()
    for i in range(plans):
        data = SAMPLES[2].replace(b"174/KH-UBND", f"{4000 + offset + i}/KH-UBND".encode())
        (folder / f"p{i:04d}.txt").write_bytes(data)
    return folder


def attack_store(tally: Tally, rng: random.Random, kills: int, plans: int, work: Path) -> None:
    """Builds killed at random moments, readers during builds, damaged stores."""
    folder = plan_folder(work, "plans", plans)
    whole = work / "whole"
    started = time.monotonic()
    plankg("build", str(folder), "--store", str(whole), "-q", timeout=1800)
    took = time.monotonic() - started  # kills fall anywhere in a build's life
    truth = counts(whole)
    for i in range(kills):
        store = work / f"killed-{i}"
        jobs = rng.choice(["1", "2"])
        process = subprocess.Popen([*CLI, "build", str(folder), "--store", str(store), "-q", "-j", jobs],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, took))
        process.send_signal(rng.choice([signal.SIGKILL, signal.SIGINT, signal.SIGTERM]))
        process.wait()
        seen = counts(store) if (store / "plankg-store.json").exists() else None
        listed = 0
        if (store / "plankg-store.json").exists():
            listed = sum(1 for e in json.loads((store / "plankg-store.json").read_text())["graphs"].values()
                         if e["plan"])
        if isinstance(seen, str) and seen not in ("traceback", "hang"):
            tally.add("store", "wrong", f"kill {i}: reading after the kill failed: {seen}")
            continue
        if isinstance(seen, str):
            tally.add("store", seen, f"kill {i}: stats after the kill")
            continue
        if seen is not None and seen["plans"] != listed:
            tally.add("store", "wrong", f"kill {i} (-j {jobs}): {seen['plans']} plans seen, {listed} committed")
            continue
        code, _, err = plankg("build", str(folder), "--store", str(store), "-q", timeout=1800)
        after = counts(store)
        outcome = judged(code, err) or ("clean" if after == truth else "wrong")
        tally.add("store", outcome, f"kill {i} (-j {jobs}) then rebuild: {after} vs {truth}")
    attack_readers(tally, work, folder)
    attack_damage(tally, work, folder)
    attack_full_disk(tally, work, folder)


def attack_full_disk(tally: Tally, work: Path, folder: Path) -> None:
    """A disk that fills during a load: one line, and the graphs built before stay whole.
    Needs a small tmpfs (root); skipped, and said, where it cannot be mounted."""
    disk = work / "small-disk"
    disk.mkdir()
    for size in ("16m", "24m"):
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                          capture_output=True).returncode != 0:
            print("full disk: skipped (cannot mount a tmpfs here)")
            return
        try:
            store = disk / "s"
            plankg("build", *map(str, sample_paths()), "--store", str(store), "-q")
            before = counts(store)
            code, _, err = plankg("build", str(folder), str(work / "changed"), "--store", str(store), "-q",
                                  timeout=1800)
            after = counts(store)
            broken = judged(code, err)
            if broken:
                tally.add("store", broken, f"full disk ({size})")
            elif code == 1 and len(error_lines(err)) == 1:
                still = isinstance(after, dict) and isinstance(before, dict) and after["plans"] >= before["plans"]
                tally.add("store", "clean" if still else "lost", f"full disk ({size}): {before} → {after}")
            else:
                tally.add("store", "clean" if code == 0 else "wrong", f"full disk ({size}): {err.strip()[:200]}")
        finally:
            subprocess.run(["umount", str(disk)], capture_output=True)


def attack_readers(tally: Tally, work: Path, folder: Path) -> None:
    """Readers while a build replaces every plan: each read is the old store or the new."""
    store = work / "read-while-writing"
    plankg("build", str(folder), "--store", str(store), "-q", timeout=1800)
    before = counts(store)
    changed = work / "changed"
    changed.mkdir()
    for path in folder.iterdir():  # the same plans, each with one more line: every graph replaced
        (changed / path.name).write_bytes(path.read_bytes() + b"\nNoi dung bo sung.\n")
    second = work / "second"
    second.mkdir()
    for path in folder.iterdir():
        (second / f"extra-{path.name}").write_bytes(path.read_bytes().replace(b"/KH-UBND", b"/KH-UBND-X", 1))
    process = subprocess.Popen([*CLI, "build", str(changed), str(second), "--store", str(store), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    reads = 0
    while process.poll() is None and reads < 400:
        seen = counts(store)
        reads += 1
        if isinstance(seen, str):
            tally.add("store", seen if seen in ("traceback", "hang") else "wrong", f"read during a build: {seen}")
            continue
        plans_now = seen["plans"]
        committed = before["plans"] <= plans_now <= before["plans"] * 2  # old, new, or batches between
        tally.add("store", "clean" if committed else "wrong", f"read during a build saw {plans_now} plans")
    process.wait()


def attack_damage(tally: Tally, work: Path, folder: Path) -> None:
    for damage in DAMAGES:
        store = work / f"damaged-{DAMAGES.index(damage)}"
        plankg("build", *[str(p) for p in sorted(folder.iterdir())[:5]], "--store", str(store), "-q")
        damage_store(store, damage)
        for command in (["stats"], ["plans"], ["validate"], ["build", str(folder / "p0050.txt")],
                        ["remove", "4000/KH-UBND"]):
            code, out, err = plankg(*command, "--store", str(store))
            broken = judged(code, err)
            if broken:
                tally.add("store", broken, f"{damage}: {command[0]}")
            elif code == 0 and damage not in ("journal garbage", "lock is a folder"):
                tally.add("store", "wrong", f"{damage}: {command[0]} succeeded on a damaged store")
            else:
                tally.add("store", "clean" if code == 0 or len(error_lines(err)) == 1 else "wrong",
                          f"{damage}: {command[0]}: {err.strip()[:160]}")


# ---------------------------------------------------------------------------- remote

UPDATES = ["DROP ALL", "drop all", "CLEAR DEFAULT", "INSERT DATA { <a:s> <a:p> <a:o> }",
           "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }", "# comment\nDROP ALL", "LOAD <http://example.org/>",
           "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "CREATE GRAPH <a:g>", "MOVE <a:g> TO <a:h>",
           "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "BASE <a:> DROP ALL"]


def attack_remote(tally: Tally, store: Path) -> None:
    for behaviour in ("html", "silent", "trickle"):
        with serve(behaviour) as server:
            for command in (["query", "stats-counts"], ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
                            ["sparql", "ASK { ?s ?p ?o }"], ["audit"], ["plans"]):
                for timeout in ("0.5", "2"):
                    code, _, err = plankg(*command, "--endpoint", f"{server.url}/query", "--timeout", timeout,
                                          timeout=90)
                    tally.add("remote", judged(code, err) or ("clean" if code == 1 and len(error_lines(err)) == 1
                                                               else "wrong"), f"{behaviour}: {command[0]}")
            code, _, err = plankg("push", "--endpoint", f"{server.url}/query", "--store", str(store), "-q",
                                  "--timeout", "0.5", timeout=90)
            tally.add("remote", judged(code, err) or ("clean" if code == 1 else "wrong"), f"{behaviour}: push")
    with serve("html", host="localhost") as elsewhere, serve("redirect", redirect_to=elsewhere.url) as server:
        for command in (["query", "stats-counts"], ["sparql", "ASK { ?s ?p ?o }"],
                        ["push", "--store", str(store), "-q"]):
            for auth in ("basic", "digest"):
                code, _, err = plankg(*command, "--endpoint", f"{server.url}/sparql", "--user", "u",
                                      "--password", "secret", "--auth", auth, timeout=90)
                leaked = any("Authorization" in headers for _, _, headers in elsewhere.requests)
                tally.add("remote", judged(code, err) or ("wrong" if leaked or code == 0 else "clean"),
                          f"redirect: {command[0]} --auth {auth}")
    with serve("html") as server:
        for update in UPDATES:
            for target in (["--endpoint", f"{server.url}/update"], ["--store", str(store)]):
                code, _, err = plankg("sparql", update, *target)
                tally.add("remote", judged(code, err) or ("clean" if code == 1 and not server.requests else "wrong"),
                          f"update {update!r} via {target[0]}")
        code, _, err = plankg("sparql", f"SELECT * WHERE {{ SERVICE <{server.url}/q> {{ ?s ?p ?o }} }}",
                              "--store", str(store))
        tally.add("remote", judged(code, err) or ("clean" if code == 1 and not server.requests else "wrong"),
                  "SERVICE from the embedded store")
    for endpoint in ("http//x", "ftp://h/sparql", "http://[::1/sparql", "sparql", "http:///q", "http://h:0/q",
                     "http://h:99999/q", "http://a b/q"):
        code, _, err = plankg("query", "stats-counts", "--endpoint", endpoint, timeout=60)
        tally.add("remote", judged(code, err) or ("clean" if code in (1, 2) else "wrong"), f"endpoint {endpoint!r}")


# ---------------------------------------------------------------------------- output and text

def attack_outputs(tally: Tally, work: Path) -> None:
    sample = str(sample_paths()[2])
    (work / "a-file").write_text("x")
    targets = {"parent is a file": work / "a-file" / "o.json", "name too long": work / ("n" * 300),
               "a folder": work, "full device": Path("/dev/full")}
    code, _, err = plankg("extract", sample, "-o", str(work / "new" / "o.json"), "-q")  # folders are made
    made = code == 0 and json.loads((work / "new" / "o.json").read_text("utf-8"))
    tally.add("output", judged(code, err) or ("clean" if made else "wrong"), "-o in a folder not made yet")
    for name, target in targets.items():
        code, _, err = plankg("extract", sample, "-o", str(target), "-q")
        tally.add("output", judged(code, err) or ("clean" if code != 0 and len(error_lines(err)) == 1
                                                  else "wrong"), f"-o {name}")
    with open("/dev/full", "w") as full:
        code, _, err = plankg("extract", sample, "-q", stdout=full)
    tally.add("output", judged(code, err) or ("clean" if code == 1 else "wrong"), "stdout on a full device")
    link_target = work / "target.json"
    link_target.write_text("old")
    (work / "link.json").symlink_to(link_target)
    kept = work / "mode.json"
    kept.write_text("old")
    kept.chmod(0o640)
    os.link(kept, work / "hard.json")
    for target in (work / "link.json", kept):
        code, _, err = plankg("extract", sample, "-o", str(target), "-q")
        whole = (target.is_symlink() and link_target.read_text() != "old") if target.name == "link.json" \
            else (kept.stat().st_mode & 0o777 == 0o640 and (work / "hard.json").read_text() == kept.read_text())
        tally.add("output", judged(code, err) or ("clean" if code == 0 and whole else "wrong"), f"-o {target.name}")
    code, _, err = plankg("extract", sample, "-o", "/dev/null", "-q")
    still_a_device = Path("/dev/null").is_char_device()
    tally.add("output", judged(code, err) or ("clean" if still_a_device else "lost"), "-o /dev/null")


def attack_text(tally: Tally, rng: random.Random, cases: int, work: Path) -> None:
    """Control characters at random places of a plan never reach the terminal raw."""
    folder = work / "escapes"
    folder.mkdir()
    text = SAMPLES[2].decode("utf-8")
    for i in range(cases):
        chars = list(text)
        for _ in range(20):
            chars.insert(rng.randrange(len(chars)), rng.choice(["\x1b[2J", "\x1b]0;x\x07", "\x9b31m", "\x08", "\r"]))
        (folder / f"e{i:03d}.txt").write_text("".join(chars).replace("174/KH-UBND", f"{6000 + i}/KH-UBND"),
                                              encoding="utf-8")
    store = work / "escapes-store"
    plankg("build", str(folder), "--store", str(store), "-q")
    for command in (["extract", "--explain", str(folder), "-q"], ["plans", "--store", str(store)],
                    ["audit", "--store", str(store)], ["query", "plan-tasks", "6000", "--store", str(store)],
                    ["show", "6000/KH-UBND", "--store", str(store)], ["validate", "--store", str(store)]):
        code, out, err = plankg(*command)
        raw = re.search(r"[\x1b\x07\x08\x9b]", out + err)
        tally.add("text", judged(code, err) or ("wrong" if raw else "clean"), command[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few hundred cases (CI)")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="plankg-attacks-") as tmp:
        work = Path(tmp)
        attack_inputs(tally, rng, 200 if args.quick else 1800, work)
        attack_formats(tally, rng, 60 if args.quick else 600, work)
        attack_store(tally, rng, 3 if args.quick else 12, 60 if args.quick else 240, work)
        attack_remote(tally, work / "whole")
        attack_outputs(tally, work)
        attack_text(tally, rng, 10 if args.quick else 60, work)
    print(tally.summary())
    print(f"\n{sum(tally.counts.values())} cases in {time.monotonic() - started:.0f} s (seed {args.seed})")
    sys.exit(1 if tally.failed else 0)


if __name__ == "__main__":
    main()
