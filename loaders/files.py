"""Plan files on disk → bytes, and folders → the plan files in them, refusing early.

Only regular files are read (a pipe would wait forever, ``/dev/zero`` never ends), their
size is checked before reading, and every way a path can fail (a link to nowhere or to
itself, no permission, gone since it was listed, a name that is not UTF-8) is a
:class:`SourceError` naming it, so a batch reports it in one line and goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plankg.errors import SourceError

MAX_BYTES = 5_000_000
"""Larger files are refused before reading: the largest real plan seen is 0.3 MB, and a
5 MB text already holds tens of thousands of items."""


def display_name(path: Path | str) -> str:
    """The path as text that can always be printed (undecodable bytes of a name shown as �)."""
    return os.fsencode(str(path)).decode("utf-8", "replace")


def read_plan_file(path: Path | str) -> bytes:
    """The bytes of one plan file, or a SourceError saying why not."""
    name = display_name(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SourceError(name, "a link to a file that does not exist") from None
        raise SourceError(name, "no such file (moved or deleted?)") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise SourceError(name, "a link that points back to itself") from None
        raise SourceError(name, f"cannot read it ({err.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(name, "a folder: expected a plan file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(name, "not a regular file (a pipe, socket or device): expected a plan file")
    if info.st_size > MAX_BYTES:
        raise SourceError(name, f"file too large ({info.st_size / 1e6:.1f} MB; the limit is "
                                f"{MAX_BYTES / 1e6:.0f} MB): split it into its documents")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise SourceError(name, "cannot read it (permission denied)") from None
    except FileNotFoundError:
        raise SourceError(name, "no such file (moved or deleted?)") from None
    except OSError as err:
        raise SourceError(name, f"cannot read it ({err.strerror})") from None
    if len(data) > MAX_BYTES:
        raise SourceError(name, f"file too large (over {MAX_BYTES / 1e6:.0f} MB): split it into its documents")
    return data


def plan_files(paths: list[Path]) -> tuple[list[Path], list[SourceError]]:
    """The ``.txt`` files of the given files and folders, in name order, and the paths
    that could not be listed (an unreadable folder is reported, not skipped silently).
    Links to folders are not followed, so a link loop cannot repeat a folder forever."""
    files: list[Path] = []
    errors: list[SourceError] = []
    for path in paths:
        if not os.path.isdir(path) or os.path.islink(path) and not os.path.isdir(os.path.realpath(path)):
            files.append(Path(path))
            continue

        def unreadable(err: OSError, root: Path = path) -> None:
            errors.append(SourceError(display_name(err.filename or root),
                                      f"cannot list this folder ({err.strerror})"))

        found = []
        for folder, dirs, names in os.walk(path, onerror=unreadable, followlinks=False):
            dirs.sort()
            found += [Path(folder) / name for name in names if name.endswith(".txt")]
        files += sorted(found)
    return files, errors
