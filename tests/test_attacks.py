"""Attack cases, by class: each is one line and a non-zero exit (the batch going on), or
the data kept whole; never a traceback, a hang, or a plan silently lost."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from damage import DAMAGES, damage_store
from plankg.loaders.decode import decode_source

from plankg.cli import main
from plankg.samples import sample_paths

PLAN = sample_paths()[2].read_text(encoding="utf-8")  # 174/KH-UBND, Cà Mau


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("Error:")]


# ------------------------------------------------------------------------------ input

def test_two_files_of_one_name_in_two_folders_are_two_plans(tmp_path):
    for folder, number in (("a", "701"), ("b", "702")):
        (tmp_path / "dup" / folder).mkdir(parents=True)
        (tmp_path / "dup" / folder / "plan.txt").write_text(PLAN.replace("174/KH-UBND", f"{number}/KH-UBND"),
                                                          encoding="utf-8")
    result = run("build", str(tmp_path / "dup"), "--store", str(tmp_path / "s"))
    assert result.exit_code == 0 and "built 2 graphs" in result.output, result.output
    plans = json.loads(run("plans", "--store", str(tmp_path / "s"), "--format", "json").stdout)
    assert sorted(p["number"] for p in plans) == ["701/KH-UBND", "702/KH-UBND"]


def test_special_files_are_refused_before_reading_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait forever
    (folder / "nowhere.txt").symlink_to(folder / "missing")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # a folder link loop: not followed
    with open(folder / "huge.txt", "wb") as handle:  # sparse: refused by its size, not read
        handle.truncate(6_000_000)
    result = run("extract", str(folder), str(os.devnull if os.path.exists("/dev/zero") else folder),
                 "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = "\n".join(errors(result))
    for expected in ("pipe.txt: not a regular file", "nowhere.txt: a link to a file that does not exist",
                     "loop.txt: a link that points back to itself", "huge.txt: file too large"):
        assert expected in said, said
    assert [r["source"] for r in json.loads((tmp_path / "out.json").read_text("utf-8"))] == ["good.txt"]


def test_dev_zero_is_refused_at_once():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    result = run("extract", "/dev/zero")
    assert result.exit_code == 1 and errors(result) == ["Error: /dev/zero: not a regular file (a pipe, socket or "
                                                        "device): expected a plan file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files_and_folders_are_named(tmp_path):
    folder = tmp_path / "in"
    (folder / "closed").mkdir(parents=True)
    (folder / "secret.txt").write_text(PLAN, encoding="utf-8")
    os.chmod(folder / "secret.txt", 0)
    os.chmod(folder / "closed", 0)
    try:
        result = run("extract", str(folder), "-o", str(tmp_path / "out.json"))
    finally:
        os.chmod(folder / "closed", stat.S_IRWXU)
    said = "\n".join(errors(result))
    assert result.exit_code == 1 and "secret.txt: cannot read it" in said and "closed: cannot list" in said


def test_a_file_gone_since_it_was_listed_is_one_line(tmp_path):
    from plankg.loaders import extract_file

    from plankg.errors import SourceError

    with pytest.raises(SourceError, match="gone.txt: no such file"):
        extract_file(tmp_path / "gone.txt")


def test_a_file_name_that_is_not_utf8_is_read_and_printed(tmp_path):
    name = os.fsdecode(b"k\xe9-ho\xe1ch.txt")
    (tmp_path / name).write_text(PLAN, encoding="utf-8")
    result = run("extract", str(tmp_path), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))[0]["source"] == "k\ufffd-ho\ufffdch.txt"


# ------------------------------------------------------------------------------ decoding

def test_utf32_is_read_as_utf32():
    decoded = decode_source(PLAN.encode("utf-32"), "p.txt")
    assert decoded.encoding.startswith("utf-32") and decoded.text.startswith(PLAN[:40])


def test_one_stray_byte_keeps_utf8_and_is_reported(tmp_path):
    data = PLAN.encode("utf-8")
    cut = data.index("bền vững".encode())  # in the title, away from any agency
    damaged = data[:cut] + b"\xff" + data[cut:]
    (tmp_path / "p.txt").write_bytes(damaged)
    from plankg.loaders import extract_file

    record = extract_file(tmp_path / "p.txt")
    assert any(d.code == "decoding" and "1 byte(s) are not UTF-8" in d.message for d in record.diagnostics)
    assert "DOIT" in {code for task in record.tasks for code in task.lead}  # its lead is not lost
    assert record.plan.number == "174/KH-UBND"


# ------------------------------------------------------------------------------ store

def counts(store) -> dict[str, int]:
    result = run("query", "stats-counts", "--store", str(store), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    return {key: int(value or 0) for key, value in rows[0].items()}


def build(store, *paths) -> None:
    result = run("build", *map(str, paths), "--store", str(store), "-q")
    assert result.exit_code == 0, result.output


def test_remove_works_for_the_last_plan(tmp_path):
    build(tmp_path / "s", sample_paths()[2])
    result = run("remove", "174/KH-UBND", "--store", str(tmp_path / "s"))
    assert result.exit_code == 0 and "removed 1 graph" in result.output, result.output
    assert counts(tmp_path / "s")["plans"] == 0 and counts(tmp_path / "s")["tasks"] == 0
    build(tmp_path / "s", sample_paths()[2])  # and the store takes it back
    assert counts(tmp_path / "s")["plans"] == 1


def test_indexes_left_stale_by_an_interrupted_build_are_repaired_at_the_next_open(tmp_path):
    from plankg.graph.ingest.plans import record_batch
    from plankg.graph.ingest.sources import source_key
    from plankg.graph.store import PlanStore
    from plankg.loaders import extract_file

    build(tmp_path / "s", sample_paths()[0])
    with PlanStore(tmp_path / "s", write=True) as store:  # plans put, then the build dies
        for path in sample_paths()[1:]:
            store.put([record_batch(extract_file(path), source_key(path))])
    build(tmp_path / "whole", *sample_paths())
    result = run("query", "plans-implementing", "889", "--store", str(tmp_path / "s"), "--format", "json")
    assert "repaired what an interrupted build" in result.stderr
    whole = run("query", "plans-implementing", "889", "--store", str(tmp_path / "whole"), "--format", "json")
    assert json.loads(result.stdout) == json.loads(whole.stdout) and json.loads(whole.stdout)
    assert counts(tmp_path / "s") == counts(tmp_path / "whole")


def test_readers_see_only_committed_graphs_while_a_writer_is_between_steps(tmp_path):
    """A writer's staging copy and a new graph it has loaded but not committed (the state a
    kill leaves too) are not read: counts stay those of the committed store."""
    import pyoxigraph as ox
    from plankg.graph.ingest.plans import record_batch
    from plankg.graph.store import STAGING, PlanStore
    from plankg.loaders import extract_file

    build(tmp_path / "s", sample_paths()[2])
    before = counts(tmp_path / "s")
    graph, _, text = record_batch(extract_file(sample_paths()[2]))
    writer = PlanStore(tmp_path / "s", write=True)
    try:
        staged = text.replace(f"<{graph}> .", f"<{STAGING}1> .")
        fresh = text.replace(f"<{graph}> .", "<https://w3id.org/plankg/id/graph/new> .").replace(
            "174/KH-UBND", "175/KH-UBND")
        writer._journaled.update([f"{STAGING}1", "https://w3id.org/plankg/id/graph/new"])
        writer._journal()
        writer.oxigraph.bulk_load((staged + fresh).encode(), ox.RdfFormat.N_QUADS, lenient=True)
        writer.oxigraph.flush()
        assert counts(tmp_path / "s") == before  # while it writes
    finally:
        writer._lock.close()  # killed: nothing more of it runs
        writer._store = None
    assert counts(tmp_path / "s") == before  # after the kill, before any writer
    with PlanStore(tmp_path / "s", write=True) as store:  # the next writer removes the leftovers
        assert {g.value for g in store.oxigraph.named_graphs()} == set(store.graphs)


@pytest.mark.parametrize("damage", [d for d in DAMAGES if d != "lock is a folder"])
def test_a_damaged_store_is_explained_never_emptied_or_merged(tmp_path, damage):
    store = tmp_path / "s"
    build(store, *sample_paths()[:2])
    damage_store(store, damage)
    before = held(store)
    writers = (["build", str(sample_paths()[3])], ["remove", "174/KH-UBND"])
    readers = (["stats"], ["validate"])  # a journal only matters to the writer that recovers from it
    for command in writers if damage == "journal garbage" else readers + writers:
        result = run(*command, "--store", str(store))
        assert result.exit_code == 1 and "Traceback" not in result.output, (command, result.output)
        said = errors(result)
        assert len(said) == 1 and ("damaged" in said[0] or "unreadable" in said[0]), (command, said)
    assert held(store) == before  # nothing emptied or merged meanwhile


def held(store) -> tuple:
    """A store's description and what its database holds, graph by graph."""
    import pyoxigraph as ox

    try:
        db = ox.Store.read_only(str(store / "oxigraph"))
        graphs = {g.value: len(list(db.quads_for_pattern(None, None, None, g))) for g in db.named_graphs()}
    except (OSError, RuntimeError):  # no database, or one that cannot be opened: its files
        graphs = sorted(f.name for f in store.glob("oxigraph/*.sst"))
    return (store / "plankg-store.json").read_bytes(), graphs


def test_a_disk_full_during_a_load_is_one_line_and_loses_nothing(tmp_path, monkeypatch):
    """The store's write fails half-way (as RocksDB does on a full disk: an OSError after
    some of the batch is in); what was committed before stays, the next build completes.
    fuzz/attacks.py fills a real tmpfs."""
    import errno

    from plankg.graph.store import PlanStore

    build(tmp_path / "s", *sample_paths()[:2])
    before = counts(tmp_path / "s")
    real_load = PlanStore._load

    def load_then_fill(self, fresh, replaced, staging):  # noqa: ANN001
        real_load(self, fresh[:1], [], {})
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(PlanStore, "_load", load_then_fill)
    result = run("build", *map(str, sample_paths()), "--store", str(tmp_path / "s"), "-q")
    assert result.exit_code == 1 and errors(result) == ["Error: No space left on device"], result.output
    monkeypatch.setattr(PlanStore, "_load", real_load)
    assert counts(tmp_path / "s") == before
    build(tmp_path / "s", *sample_paths())
    build(tmp_path / "whole", *sample_paths())
    assert counts(tmp_path / "s") == counts(tmp_path / "whole")


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def descendants(pid: int) -> set[int]:
    """The living processes started, directly or not, by ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":  # a zombie has ended
            children.setdefault(int(fields[1]), []).append(int(stat_file.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_workers_die_with_a_killed_build_and_free_the_lock(tmp_path):
    """400 plans keep two workers busy for seconds; when the build is killed they must
    end too, not read on for nobody (holding the write lock, if forked from it)."""
    import signal
    import subprocess
    import sys
    import time

    from plankg.graph.store import PlanStore

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        (folder / f"p{i:03d}.txt").write_text(PLAN.replace("174/KH-UBND", f"{3000 + i}/KH-UBND"),
                                              encoding="utf-8")
    build_ = subprocess.Popen([sys.executable, "-P", "-c", "from plankg.cli import main; main()", "build", str(folder),
                               "--store", str(tmp_path / "s"), "-j", "2", "-q"], stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    while len(workers) < 2 and build_.poll() is None:
        time.sleep(0.1)
        workers = descendants(build_.pid)
    assert build_.poll() is None, "the build ended before it could be killed"
    build_.send_signal(signal.SIGKILL)
    build_.wait()
    time.sleep(2.0)  # a worker checks for its parent every half second
    assert not {pid for pid in workers if alive(pid)}, "workers outlived the build"
    with PlanStore(tmp_path / "s", write=True):  # the lock is free
        pass


# ------------------------------------------------------------------------------ remote

@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("remote") / "s"
    build(store, sample_paths()[2])
    return store


def finishes(*args: str, within: float = 60.0):
    """Run a command in a thread; a hang fails the test instead of stopping the suite."""
    import threading

    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", run(*args)), daemon=True)
    thread.start()
    thread.join(within)
    assert not thread.is_alive(), f"plankg {' '.join(args)} hung"
    return box["result"]


def test_an_html_answer_is_an_error_not_a_push_or_rows(small_store):
    from hostile import serve

    with serve("html") as server:
        pushed = finishes("push", "--endpoint", f"{server.url}/query", "--store", str(small_store), "-q")
        queried = finishes("query", "stats-counts", "--endpoint", f"{server.url}/query")
        selected = finishes("sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--endpoint", f"{server.url}/query")
    for result in (pushed, queried, selected):
        assert result.exit_code == 1 and len(errors(result)) == 1, result.output
    assert "not SPARQL results" in pushed.output and "not SPARQL results" in queried.output


def test_a_server_refusal_names_the_server_reason():
    from hostile import serve

    with serve("compiler-error") as server:
        result = finishes("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--endpoint", f"{server.url}/sparql")
        named = finishes("query", "stats-counts", "--endpoint", f"{server.url}/sparql")
    assert result.exit_code == 1 and len(errors(result)) == 1, result.output
    assert "Virtuoso 37000 Error SQ156" in result.output  # the server's own words, not only "500"
    assert named.exit_code == 1 and len(errors(named)) == 1, named.output
    assert "query stats-counts:" in named.output and "SQ156" in named.output  # which of a page's queries failed


def test_credentials_never_follow_a_redirect_to_another_host(small_store):
    from hostile import serve

    with serve("html", host="localhost") as elsewhere, \
            serve("redirect", redirect_to=elsewhere.url) as server:
        for args in (("query", "stats-counts"), ("sparql", "ASK { ?s ?p ?o }")):
            result = finishes(*args, "--endpoint", f"{server.url}/sparql", "--user", "u", "--password", "secret",
                              "--auth", "basic")
            assert result.exit_code == 1 and "does not follow it there" in result.output, result.output
        result = finishes("push", "--endpoint", f"{server.url}/sparql", "--store", str(small_store), "--user", "u",
                          "--password", "secret", "--auth", "basic", "-q")
        assert result.exit_code == 1 and "does not follow it there" in result.output, result.output
    assert server.requests and not elsewhere.requests  # nothing, credentials least of all, reached it


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR DEFAULT", "INSERT DATA { <a:s> <a:p> <a:o> }",
                                    "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }", "LOAD <http://example.org/>"])
def test_sparql_only_reads_on_a_server_and_at_home(small_store, update):
    from hostile import serve

    with serve("html") as server:
        remote = finishes("sparql", update, "--endpoint", f"{server.url}/update")
    local = run("sparql", update, "--store", str(small_store))
    for result in (remote, local):
        assert result.exit_code == 1 and "only reads" in result.output, result.output
    assert not server.requests
    assert counts(small_store)["plans"] == 1


def test_service_is_off_unless_asked_for(small_store):
    from hostile import serve

    query = "SELECT * WHERE { SERVICE <%s/sparql> { ?s ?p ?o } } LIMIT 1"
    with serve("html") as server:
        result = run("sparql", query % server.url, "--store", str(small_store))
    assert result.exit_code == 1 and "--allow-service" in result.output and not server.requests


@pytest.mark.parametrize("endpoint", ["http//x/sparql", "ftp://host/sparql", "http://[::1/sparql", "sparql",
                                      "http:///sparql"])
def test_a_malformed_endpoint_is_one_line(small_store, endpoint):
    for args in (("query", "stats-counts", "--endpoint", endpoint),
                 ("push", "--endpoint", endpoint, "--store", str(small_store))):
        result = finishes(*args)
        assert result.exit_code == 1 and errors(result) == [
            f"Error: {endpoint!r} is not a SPARQL endpoint URL (expected http(s)://host/…)"], result.output


@pytest.mark.parametrize("behaviour", ["silent", "trickle"])
def test_timeouts_are_real_on_every_request(small_store, behaviour):
    """--timeout 0.5 is half a second (not rounded to none), the whole answer included:
    three tries and their pauses end well within the minute allowed."""
    from hostile import serve

    with serve(behaviour) as server:
        queried = finishes("query", "stats-counts", "--endpoint", f"{server.url}/query", "--timeout", "0.5")
        pushed = finishes("push", "--endpoint", f"{server.url}/query", "--store", str(small_store),
                          "--timeout", "0.5", "-q")
    for result in (queried, pushed):
        assert result.exit_code == 1 and len(errors(result)) == 1, result.output


# ------------------------------------------------------------------------------ output

def plankg_process(*args: str, stdout=None):  # noqa: ANN001 - a file or None
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-P", "-c", "from plankg.cli import main; main()", *args],
                          stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.parametrize("where", ["parent is a file", "name too long", "folder not writable", "full device"])
def test_every_output_error_is_one_line(tmp_path, where):
    if where == "folder not writable" and os.geteuid() == 0:
        pytest.skip("root writes into any folder")
    if where == "full device" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    (tmp_path / "file").write_text("x")
    (tmp_path / "closed").mkdir(mode=0o500)
    target = {"parent is a file": tmp_path / "file" / "out.json",
              "name too long": tmp_path / ("k" * 300 + ".json"),
              "folder not writable": tmp_path / "closed" / "out.json",
              "full device": Path("/dev/full")}[where]
    result = plankg_process("extract", str(sample_paths()[2]), "-o", str(target), "-q")
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert result.returncode == 1 and "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    assert not list(tmp_path.glob("*.tmp*")) and (tmp_path / "file").read_text() == "x"


def test_a_full_disk_under_stdout_is_one_line():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = plankg_process("extract", str(sample_paths()[2]), "-q", stdout=full)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Error:")] == [
        "Error: No space left on device"], result.stderr


# ------------------------------------------------------------------------------ text

HOSTILE_TEXT = PLAN.replace("hành động quốc gia", "hành động \x1b[2J\x1b]0;pwned\x07 quốc gia")


def test_terminal_escapes_in_a_document_are_shown_not_obeyed(tmp_path):
    assert HOSTILE_TEXT != PLAN
    (tmp_path / "p\x1b[31m.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    explained = run("extract", "--explain", str(tmp_path), "-q")
    assert "\x1b" not in explained.output and "\\x1b[2J" in explained.output
    build(tmp_path / "s", tmp_path)
    for args in (("query", "plan-tasks", "174"), ("audit",), ("plans",), ("show", "174/KH-UBND")):
        result = run(*args, "--store", str(tmp_path / "s"))
        assert result.exit_code == 0 and "\x1b" not in result.output and "\x07" not in result.output, args
    (tmp_path / "bad\x1b[31m.txt").write_bytes(b"\x00" * 10)
    failed = run("extract", str(tmp_path / "bad\x1b[31m.txt"))
    assert failed.exit_code == 1 and "\x1b" not in failed.output and "bad\\x1b[31m.txt" in failed.output


def test_csv_cells_that_open_like_formulas_are_kept_as_text(small_store):
    import csv
    import io

    from plankg.tables import csv_cell

    result = run("sparql", 'SELECT ?t WHERE { VALUES ?t { "=HYPERLINK(1)" "+1" "@SUM(A1)" "Sở" } }',
                 "--store", str(small_store), "--format", "csv")
    cells = [row[0] for row in csv.reader(io.StringIO(result.output))][1:]
    assert sorted(cells) == ["'+1", "'=HYPERLINK(1)", "'@SUM(A1)", "Sở"]
    assert [csv_cell(v) for v in ("-1", "\t=1", "", None)] == ["'-1", "'\t=1", "", ""]
