"""Imported by the forkserver that starts batch workers (:mod:`plankg.loaders.batch`): the
reading modules, the registry and the cue words are loaded once there, and every worker
forked from it starts with them instead of loading them itself (0.3 s a worker). Should
loading fail here, each worker loads them itself and reports the error for its file."""

import contextlib

from plankg.loaders.cues import load_cues
from plankg.loaders.pipeline import extract_file  # noqa: F401 - imported to be inherited
from plankg.loaders.registry import load_registry

with contextlib.suppress(Exception):
    load_registry()
    load_cues()
