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
"""Larger text files are refused before reading: the largest real plan seen is 0.3 MB,
and a 5 MB text already holds tens of thousands of items."""
MAX_DOCUMENT_BYTES = 200_000_000
"""The limit for Word, PDF and image files, whose pictures (a scan's pages) take room."""
SUFFIXES = frozenset((".txt", ".text", ".md", ".htm", ".html", ".xhtml", ".docx", ".doc", ".pdf",
                      ".png", ".jpg", ".jpeg", ".tif", ".tiff"))
"""The file names a folder is searched for (any case); a file named on the command line
is read whatever its name, by its content."""
FOLDER_DOCUMENTATION = frozenset(("readme", "changelog", "changes", "license", "licence", "copying", "notice",
                                  "authors", "contributing"))
"""Names (without suffix, any case) of the files that describe a folder rather than hold
a plan ("README.md" beside crawled plans): skipped in a folder and said so; named on
the command line, such a file is read like any other."""
_BINARY_HEADS = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


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
    try:
        with open(path, "rb") as handle:
            limit = MAX_DOCUMENT_BYTES if handle.read(8).startswith(_BINARY_HEADS) else MAX_BYTES
            if info.st_size > limit:
                raise SourceError(name, f"file too large ({info.st_size / 1e6:.1f} MB; the limit is "
                                        f"{limit / 1e6:.0f} MB): split it into its documents")
            handle.seek(0)
            data = handle.read(limit + 1)
    except PermissionError:
        raise SourceError(name, "cannot read it (permission denied)") from None
    except FileNotFoundError:
        raise SourceError(name, "no such file (moved or deleted?)") from None
    except OSError as err:
        raise SourceError(name, f"cannot read it ({err.strerror})") from None
    if len(data) > limit:
        raise SourceError(name, f"file too large (over {limit / 1e6:.0f} MB): split it into its documents")
    return data


def plan_files(paths: list[Path], skipped: list[SourceError] | None = None) -> tuple[list[Path], list[SourceError]]:
    """The plan files of the given files and folders (in folders, every name in
    :data:`SUFFIXES`, any case, but a folder's README and the like), in name order, and
    the paths that could not be listed (an unreadable folder is reported, not skipped
    silently). Other files found in folders are added to ``skipped`` with the reason.
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
            for name in names:
                documentation = Path(name).stem.lower() in FOLDER_DOCUMENTATION
                if Path(name).suffix.lower() in SUFFIXES and not name.startswith("~$") and not documentation:
                    found.append(Path(folder) / name)
                elif skipped is not None:
                    why = "a Word lock file" if name.startswith("~$") else "the folder's documentation, not a plan" \
                        if documentation else f"not a plan format ({Path(name).suffix or 'no extension'})"
                    skipped.append(SourceError(display_name(Path(folder) / name), why))
        files += sorted(found)
    return files, errors
