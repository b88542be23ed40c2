"""Output files: whole or not at all, and where the user pointed them."""

from __future__ import annotations

import os
import stat

import pytest

from plankg.writer import atomic_write


def test_a_new_file_gets_the_umask_not_the_temporary_files_mode(tmp_path):
    from plankg import writer

    atomic_write(tmp_path / "out.json", "{}")
    mode = stat.S_IMODE((tmp_path / "out.json").stat().st_mode)
    assert mode == 0o666 & ~writer._UMASK  # 0644 under the usual umask 022, not mkstemp's 0600


def test_an_existing_file_keeps_its_mode_and_its_hard_links(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    link = tmp_path / "other-name.csv"
    os.link(target, link)
    atomic_write(target, "newer")
    assert link.read_text(encoding="utf-8") == "newer"


def test_a_symlink_has_its_target_written(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(target)
    atomic_write(tmp_path / "link.json", "new")
    assert (tmp_path / "link.json").is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_a_pipe_is_written_in_place_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic_write(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dash_is_standard_output(capsys):
    atomic_write("-", "to stdout")
    assert capsys.readouterr().out == "to stdout"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null here")
def test_dev_null_stays_a_device():
    atomic_write("/dev/null", "nothing")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
