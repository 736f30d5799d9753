"""Reader for legacy Word .doc, OpenDocument .odt and .rtf: converted to .docx by LibreOffice, then read as a .docx."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError, MissingToolError
from ..model.layout import LayoutDocument, SourceFormat
from ..settings import Settings
from .docx import check_container, read_docx
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


def convert_to_docx(path: Path, data: bytes, timeout: float, suffix: str = "doc") -> bytes:
    """The .docx LibreOffice makes of a .doc (.odt, .rtf), converted in a private temporary directory."""
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="extractor-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice did not convert the .{suffix} within {timeout:.0f} s") from None
        converted = work / "out" / "input.docx"
        if result.returncode != 0 or not converted.exists():
            detail = (result.stderr or result.stdout).decode(errors="replace").strip().splitlines()
            reason = detail[-1] if detail else "no output"
            raise InputError(path, f"LibreOffice could not convert the .{suffix} ({reason})")
        return converted.read_bytes()


def read_converted(path: Path, data: bytes, settings: Settings, fmt: SourceFormat) -> LayoutDocument:
    """Read a .doc, .odt or .rtf file through a LibreOffice conversion; the source stays the file itself."""
    if fmt == "odt":
        check_container(path, data, settings.limits.max_uncompressed_bytes)  # a zip: refuse bombs before LibreOffice
    timeout = min(CONVERT_TIMEOUT_SECONDS, settings.limits.timeout_seconds)
    layout = read_docx(path, convert_to_docx(path, data, timeout, fmt), settings)
    return layout.model_copy(update={"source": describe_source(path, data, fmt)})
