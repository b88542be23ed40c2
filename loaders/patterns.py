"""Compiled regular expressions kept between runs.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``); the
registry's and the cue words' patterns (the alias trie alone is 30,000 characters) cost
a few tenths of a second at the start of every command and of every worker process. A
:class:`PatternCache` keeps their compiled form in a file per set and builds the
patterns from it with the engine's own constructor (``_sre.compile``, what ``re.compile``
ends with). The file is used only by the same Python and engine (its key says which);
an entry is found by its pattern's text, so other data compile anew; a file that cannot
be read or written, or a Python without these internals, means compiling as usual.

A pattern's text may itself take time to write (the cue words' tries: 0.05 s for the
287 sets); :meth:`PatternCache.text` keeps such texts by a key the caller derives from
the data and from the code that writes them.

The folder is ``$PLANKG_CACHE``, else ``$XDG_CACHE_HOME/plankg``, else ``~/.cache/plankg``.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

try:  # CPython's engine internals; without them every pattern is compiled as usual
    import _sre
    from re import _compiler, _parser

    _ENGINE = f"{sys.version}|{_sre.MAGIC}"
except (ImportError, AttributeError):  # pragma: no cover - other Pythons
    _ENGINE = None


def cache_folder() -> Path:
    configured = os.environ.get("PLANKG_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plankg"


class PatternCache:
    """The compiled patterns of one set ("registry", "cues"), read from and saved to one file.

    :meth:`compile` answers from the file when it holds the pattern; :meth:`save` writes
    the patterns asked for since it was read, when any had to be compiled (so the file
    holds what the current data need and nothing else)."""

    def __init__(self, name: str, folder: Path | None = None) -> None:
        self.path = (folder or cache_folder()) / f"patterns-{name}.marshal"
        self._held: dict[str, tuple] | None = None
        self._held_texts: dict[str, str] = {}
        self._asked: dict[str, tuple] = {}
        self._asked_texts: dict[str, str] = {}
        self._unsaved = 0

    def text(self, key: str, write: Callable[[], str]) -> str:
        """The pattern text kept under ``key``, else ``write()`` (then kept). ``key`` must
        change whenever the text would: derive it from the data and the writing code."""
        self._entries()
        text = self._held_texts.get(key)
        if not isinstance(text, str):
            text = write()
            self._unsaved += 1
        self._asked_texts[key] = text
        return text

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        if _ENGINE is None:
            return re.compile(pattern, flags)
        key = hashlib.sha1(f"{flags}:{pattern}".encode()).hexdigest()
        parts = self._entries().get(key)
        if parts is not None:
            try:
                compiled = _sre.compile(pattern, *parts)
                self._asked[key] = parts
                return compiled
            except (TypeError, ValueError, RuntimeError):
                pass  # an entry this engine does not take: compile it
        try:
            parts = _parts(pattern, flags)
            compiled = _sre.compile(pattern, *parts)
        except (AttributeError, TypeError, ValueError, RuntimeError):  # pragma: no cover - internals changed
            return re.compile(pattern, flags)
        self._asked[key] = parts
        self._unsaved += 1
        return compiled

    def save(self) -> None:
        """Write the file if a pattern had to be compiled or a text written; a folder that
        cannot be written is skipped."""
        if _ENGINE is None or not self._unsaved:
            return
        try:
            data = marshal.dumps({"engine": _ENGINE, "entries": self._asked, "texts": self._asked_texts})
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        except (OSError, ValueError):
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path)
            self._unsaved = 0
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def _entries(self) -> dict[str, tuple]:
        if self._held is None:
            self._held = {}
            try:
                held = marshal.loads(self.path.read_bytes())
                if isinstance(held, dict) and held.get("engine") == _ENGINE:
                    self._held = held["entries"]
                    texts = held.get("texts")
                    self._held_texts = texts if isinstance(texts, dict) else {}
            except (OSError, EOFError, ValueError, TypeError, KeyError):
                pass
        return self._held


def _parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern itself."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # (the code holds named opcode constants: int subclasses, kept as plain ints)
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, \
        tuple(indexgroup)
