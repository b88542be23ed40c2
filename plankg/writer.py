"""Write files whole or not at all: to a temporary file beside the target, then rename.

What a user points the output at is respected: ``-`` is standard output; a device or a
pipe (``/dev/null``, a FIFO) is written in place, never replaced by a regular file; a
symbolic link has its target written; an existing file keeps its mode, and one with
other hard links is written in place so the links keep seeing it; a new file gets the
user's umask (0644 by default), not the temporary file's 0600.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; a crash leaves the old file."""
    path = Path(path)
    if str(path) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and (not stat.S_ISREG(info.st_mode) or info.st_nlink > 1):
        with open(path, "w", encoding="utf-8") as handle:  # a device, a pipe, a file with other names
            handle.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".plankg-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    """The process's umask, read once at import (setting it to read it is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
