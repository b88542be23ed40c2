"""The sample corpus: five real plans shipped with plankg (see SOURCES.md here)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_paths() -> list[Path]:
    """Paths of the bundled sample plans, in name order."""
    folder = resources.files("plankg.samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
