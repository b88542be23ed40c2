"""Word 97-2003 (.doc) → rendered text, through a converter on the machine:
LibreOffice headless to .docx (read then as Word, numbering and tables included), or
antiword's plain text when LibreOffice is not installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from plankg.loaders.rendering import Rendering

from plankg.errors import SourceError

TIMEOUT = 300
"""Seconds a conversion may take before the file is reported instead."""


def read_doc(data: bytes, source: str) -> Rendering:
    """The rendered text of a .doc file (see plankg.loaders.rendering)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        return _by_office(office, data, source)
    if shutil.which("antiword"):
        return _by_antiword(data, source)
    raise SourceError(source, "a Word 97-2003 .doc file, and no converter is installed: install LibreOffice "
                              "(Debian: libreoffice-writer-nogui) or antiword, or save it as .docx")


def _by_office(office: str, data: bytes, source: str) -> Rendering:
    from plankg.loaders.docx_reader import read_docx

    with tempfile.TemporaryDirectory(prefix="plankg-doc-") as folder:
        path = Path(folder) / "plan.doc"
        path.write_bytes(data)
        try:
            subprocess.run([office, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                            "--convert-to", "docx", "--outdir", folder, str(path)],
                           capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise SourceError(source, f"LibreOffice did not convert this .doc in {TIMEOUT} s") from None
        converted = Path(folder) / "plan.docx"
        if not converted.exists():
            raise SourceError(source, "LibreOffice could not convert this .doc (damaged or protected?)")
        return read_docx(converted.read_bytes(), source)


def _by_antiword(data: bytes, source: str) -> Rendering:
    try:
        done = subprocess.run(["antiword", "-w", "0", "-m", "UTF-8.txt", "-"], input=data,
                              capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise SourceError(source, f"antiword did not convert this .doc in {TIMEOUT} s") from None
    if done.returncode != 0:
        raise SourceError(source, "antiword could not read this .doc (damaged or protected?)")
    out = Rendering()
    for i, block in enumerate(done.stdout.decode("utf-8", "replace").split("\n\n"), 1):
        out.paragraph(block.strip(), f"block {i}")
    return out
