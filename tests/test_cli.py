"""The command line as a user runs it: outputs, bad input, exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from plankg.cli import main
from plankg.samples import sample_paths


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_extract_sample_reads_the_bundled_samples(tmp_path):
    out = tmp_path / "records.json"
    result = run("extract", "--sample", "-o", str(out))
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["source"] for r in records] == [p.name for p in sample_paths()]
    assert "extracted 5 of 5 documents" in result.output


def test_commands_without_inputs_say_so_instead_of_using_the_samples(tmp_path):
    for command in ("extract", "build"):
        result = run(command, "--store", str(tmp_path / "s")) if command == "build" else run(command)
        assert result.exit_code == 2 and "--sample" in result.output, result.output


def test_demo_keeps_to_a_store_of_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANKG_STORE", str(tmp_path / "mine"))
    result = run("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "store").is_dir() and not (tmp_path / "mine").exists()


def test_extract_prints_to_stdout(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("KẾ HOẠCH\nIV. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Tài chính chủ trì tham mưu bố trí kinh phí.\n",
                    encoding="utf-8")
    result = run("extract", str(plan))
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["tasks"][0]["lead"] == ["DOF"]


def test_extract_explain_gives_every_link_its_reason(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("KẾ HOẠCH\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n- Tham mưu bố trí kinh phí.\n"
                    "2. Hướng dẫn quyết toán.\n- Cơ quan chủ trì: Sở Nội vụ.\n- Cơ quan phối hợp: Sở Tư pháp.\n",
                    encoding="utf-8")
    result = run("extract", "--explain", str(plan))
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "lead DOF Sở Tài chính via heading: « 1. Sở Tài chính » @31-46" in lines
    assert any(line.startswith("lead DOHA Sở Nội vụ via field: « - Cơ quan chủ trì: Sở Nội vụ. »") for line in lines)
    assert any(line.startswith("coordinates DOJ Sở Tư pháp via field:") for line in lines)


def test_bad_files_fail_with_one_line_each_and_the_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Kế hoạch số 1\nSở Tài chính".encode() + b"\nd\xe9j\xe0 vu\n")
    good = sample_paths()[2]
    out = tmp_path / "out.json"
    result = run("extract", str(empty), str(binary), str(latin), str(good), "-o", str(out))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any(f"{empty}: empty file" in line for line in lines)
    assert any(f"{binary}: a binary file in a format plankg does not read" in line for line in lines)
    assert any(f"{latin}:3: not valid UTF-8" in line for line in lines)
    assert "extracted 1 of 4 documents; failed:" in lines[-1]
    assert [r["source"] for r in json.loads(out.read_text(encoding="utf-8"))] == [good.name]


def test_output_file_is_not_half_written_when_all_fail(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    result = run("extract", str(empty), "-o", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8")) == []
    assert not list(tmp_path.glob(".out.json.*"))


def test_extract_in_worker_processes_gives_the_same_records_and_reports_a_bad_file(tmp_path):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01 not text")
    files = [str(p) for p in sample_paths()] + [str(bad)]
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"records{jobs}.json"
        result = run("extract", *files, "-j", jobs, "-q", "-o", str(out))
        assert result.exit_code == 1
        assert f"extracted 5 of 6 documents; failed: {bad}" in result.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[1])) == 5


def test_jobs_auto_uses_every_cpu_for_a_large_batch_or_one_scan_and_one_process_for_a_few_files(monkeypatch):
    from plankg.loaders import batch

    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert batch.auto_jobs(1) == 3  # the pages of one scan, read by OCR at once
    assert batch.auto_jobs(2) == batch.auto_jobs(batch.PARALLEL_FROM - 1) == 1
    assert batch.auto_jobs(batch.PARALLEL_FROM) == batch.auto_jobs(10_000) == 3


def test_jobs_takes_a_number_or_auto_and_refuses_anything_else(tmp_path):
    out = tmp_path / "records.json"
    result = run("extract", "--sample", "-j", "AUTO", "-q", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 5
    for bad, said in (("0", "0 is not in the range 1 to 64"), ("two", "'two' is neither a number nor 'auto'")):
        result = run("extract", "--sample", "-j", bad)
        assert result.exit_code == 2 and said in result.output


def test_a_fault_of_the_reader_on_one_file_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    import plankg.loaders.batch as batch

    good, faulty = sample_paths()[:2]
    read = batch.extract_file

    def extract_file(path, jobs=1):
        if path == faulty:
            raise TypeError("'NoneType' object does not support item assignment")
        return read(path, jobs=jobs)

    monkeypatch.setattr(batch, "extract_file", extract_file)
    out = tmp_path / "out.json"
    result = run("extract", str(faulty), str(good), "-o", str(out))
    assert result.exit_code == 1
    error = next(line for line in result.output.splitlines() if line.startswith("Error:"))
    assert f"{faulty}: plankg could not read this file (TypeError at test_cli.py:" in error
    assert "please report it with the file" in error
    assert [r["source"] for r in json.loads(out.read_text(encoding="utf-8"))] == [good.name]
