"""Legacy .doc, OpenDocument .odt and .rtf: recognised by content, read through a LibreOffice conversion.

The conversion tests make each format from a .docx built here, with LibreOffice itself, and skip
when LibreOffice is not installed (the suite must pass without it); the rest needs no LibreOffice.
LibreOffice's HTML export of the same .docx is read by our HTML reader (no conversion) to the same records.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from extractor.errors import InputError, MissingToolError, UnsupportedFormatError
from extractor.api import extract
from extractor.model.flat import PROVENANCE_KEYS, activity_records
from extractor.readers import read
from extractor.readers.source import sniff_format

from .test_docx_reader import annex_with_merged_goal

ROOT = Path(__file__).resolve().parent.parent
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def _word_print():
    spec = importlib.util.spec_from_file_location("word_print", ROOT / "samples" / "word_print.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def odt_bytes(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_opendocument_text_is_told_by_its_mimetype_member_whatever_its_name(tmp_path):
    assert sniff_format(tmp_path / "programme.zip", odt_bytes()) == "odt"
    with pytest.raises(UnsupportedFormatError, match="OpenDocument text"):
        sniff_format(tmp_path / "table.ods", odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"))


def test_rtf_is_told_by_its_opening_control_word_even_named_txt(tmp_path):
    assert sniff_format(tmp_path / "programme.txt", b"  {\\rtf1\\ansi\\ansicpg1251 text}") == "rtf"
    assert sniff_format(tmp_path / "notes.txt", "Програма {\\rtf1".encode()) == "text"


@pytest.mark.parametrize("suffix, data", [("odt", odt_bytes()), ("rtf", b"{\\rtf1\\ansi x}")])
def test_without_libreoffice_the_error_names_the_package_to_install(tmp_path, monkeypatch, suffix, data):
    from extractor.readers import doc

    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    path = tmp_path / f"programme.{suffix}"
    path.write_bytes(data)
    with pytest.raises(MissingToolError, match="apt-get install -y libreoffice-writer-nogui"):
        read(path)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_an_rtf_libreoffice_cannot_read_is_an_input_error_naming_the_format(tmp_path):
    path = tmp_path / "broken.rtf"
    path.write_bytes(b"{\\rtf1")
    with pytest.raises(InputError, match=r"\.rtf|no text found"):
        read(path)


@pytest.fixture(scope="module")
def renderings(tmp_path_factory) -> dict[str, Path]:
    """The annex fixture as .docx, and as .doc, .odt, .rtf and .html saved from it by LibreOffice."""
    work = tmp_path_factory.mktemp("office")
    document = docx.Document(annex_with_merged_goal(work))
    # Word always ends the body with a paragraph; LibreOffice's .doc export of a body ending in a
    # table (which python-docx allows) loses the table's structure.
    document.add_paragraph("Приложение: няма.")
    source = work / "annex.docx"
    document.save(source)
    word_print = _word_print()
    made = {"docx": source}
    for fmt, filter_name in (("doc", "doc:MS Word 97"), ("odt", "odt"), ("rtf", "rtf"), ("html", "html")):
        out = work / fmt
        out.mkdir()
        (made[fmt],) = word_print.print_pdfs([source], out, filter_name, timeout=180)
    return made


def _plain(records) -> list[dict]:
    return [{k: v for k, v in record.model_dump(mode="json").items() if k not in PROVENANCE_KEYS} for record in records]


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf", "html"])
def test_converted_formats_give_the_records_of_the_docx(renderings, fmt):
    document = extract(renderings[fmt])
    assert document.source.format == fmt
    expected = _plain(activity_records(extract(renderings["docx"])))
    assert len(expected) == 4
    assert _plain(activity_records(document)) == expected
