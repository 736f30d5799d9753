"""Reader for legacy Word .doc: converted to .docx by LibreOffice, then read as a .docx."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError, MissingToolError
from ..model.layout import LayoutDocument
from ..settings import Settings
from .docx import read_docx
from .source import describe_source

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = "apt-get install -y libreoffice-writer-nogui"
CONVERT_TIMEOUT_SECONDS = 120.0


def find_soffice() -> str:
    """The path of LibreOffice's `soffice`, or MissingToolError naming the package that brings it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise MissingToolError("soffice (LibreOffice)", INSTALL_HINT)


def convert_to_docx(path: Path, data: bytes, timeout: float) -> bytes:
    """The .docx LibreOffice makes of a .doc, converted in a private temporary directory."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="extractor-doc-") as tmp:
        work = Path(tmp)
        source = work / "input.doc"
        source.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice did not convert the .doc within {timeout:.0f} s") from None
        converted = work / "out" / "input.docx"
        if result.returncode != 0 or not converted.exists():
            detail = (result.stderr or result.stdout).decode(errors="replace").strip().splitlines()
            raise InputError(path, f"LibreOffice could not convert the .doc ({detail[-1] if detail else 'no output'})")
        return converted.read_bytes()


def read_doc(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read a legacy .doc file through a LibreOffice conversion; the source stays the .doc itself."""
    timeout = min(CONVERT_TIMEOUT_SECONDS, settings.limits.timeout_seconds)
    layout = read_docx(path, convert_to_docx(path, data, timeout), settings)
    return layout.model_copy(update={"source": describe_source(path, data, "doc")})
