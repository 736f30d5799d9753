"""What the scripts that make Word and PDF renderings share: Word fields, and LibreOffice's print to PDF.

Used by samples/make_renderings.py and the fixture generators under tests/fixtures/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def add_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that LibreOffice fills in on every page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def print_pdfs(paths: list[Path], out_dir: Path, convert_to: str = "pdf", timeout: int = 300) -> list[Path]:
    """PDFs (or another `convert_to` format) of the .docx files in `out_dir`, made by LibreOffice in a private
    profile; their paths."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", convert_to,
             "--outdir", str(out_dir), *map(str, paths)],
            check=True, capture_output=True, timeout=timeout,
        )
    return [out_dir / f"{path.stem}.{convert_to.split(':')[0]}" for path in paths]
