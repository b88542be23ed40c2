"""Attack cases, by class: each is one line and a non-zero exit (the batch going on), or
the data kept whole; never a traceback, a hang, or a plan silently lost."""

from __future__ import annotations

import json
import os
import stat

import pytest
from click.testing import CliRunner
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
    decoded = decode_source("\ufeff".encode("utf-32-le")[:0] + PLAN.encode("utf-32"), "p.txt")
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
