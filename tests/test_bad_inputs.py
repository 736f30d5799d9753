"""Bad inputs in a batch: each gets one clear line (or a correct result) within the limits; the batch goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from extractor.batch import BatchOptions, ManifestEntry, run_batch
from extractor.readers import READERS
from extractor.settings import Limits, Settings

from .conftest import ACTION_PLAN_2013

BIG_TEXT_BYTES = 50 * 1024 * 1024
LETTER = "Уважаеми господине кмет,\nблагодаря за писмото Ви от 12.03.2021 г. относно детската площадка.\nС уважение,\n"


def docx_bytes(*paragraphs: str) -> bytes:
    """A real .docx with the given paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_with_part(name: str, write) -> bytes:
    """A valid .docx whose part `name` is replaced by what `write(stream)` writes."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Програма")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == name:
                with target.open(name, "w", force_zip64=True) as stream:
                    write(stream)
            else:
                target.writestr(item, source.read(item.filename))
    return buffer.getvalue()


def zip_bomb_docx(uncompressed: int = 300 * 1024 * 1024) -> bytes:
    """A .docx whose document part unpacks to `uncompressed` bytes of blanks (a few hundred KB packed)."""
    chunk = b" " * (1 << 20)

    def write(stream):
        stream.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                     b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
        for _ in range(uncompressed // len(chunk)):
            stream.write(chunk)
        stream.write(b"</w:t></w:r></w:p></w:body></w:document>")

    return docx_with_part("word/document.xml", write)


def entity_expansion_docx() -> bytes:
    """A .docx whose document part carries a billion-laughs entity payload."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(entities) + ']>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx_with_part("word/document.xml", lambda stream: stream.write(xml.encode()))


def pdf_bytes(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of the given numbered objects (object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def one_page_pdf(text: bytes = b"Programa za zakrila na deteto 2021") -> list[bytes]:
    """The objects of a one-page PDF showing a line of text."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
               b"/O <" + b"8f" * 32 + b"> /U <" + b"3a" * 32 + b"> >>")
    file_id = b"<" + b"0123456789abcdef" * 2 + b">"
    return pdf_bytes([*one_page_pdf(), encrypt], trailer=b"/Encrypt 6 0 R /ID [%s %s]" % (file_id, file_id))


def build_bad_corpus(directory: Path) -> dict[str, str]:
    """Write the bad inputs into `directory`; returns file name → what it is."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "empty.txt": (b"", "empty file"),
        "truncated.docx": (docx_bytes("Общинска програма за закрила на детето") [:2000], "truncated .docx"),
        "zip-bomb.docx": (zip_bomb_docx(), ".docx zip bomb"),
        "entities.docx": (entity_expansion_docx(), ".docx with an XML entity-expansion payload"),
        "encrypted.pdf": (encrypted_pdf(), "encrypted PDF"),
        "truncated.pdf": (pdf_bytes(one_page_pdf())[:300], "truncated PDF"),
        "no-pages.pdf": (pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
                         "PDF with 0 pages"),
        "binary.txt": (bytes(range(256)) * 64, "binary file named .txt"),
        "windows-1251.txt": (ACTION_PLAN_2013.read_text(encoding="utf-8").encode("cp1251"), "Windows-1251 text"),
        "letter.txt": (LETTER.encode(), "a letter, not a programme"),
    }
    for name, (data, _) in files.items():
        (directory / name).write_bytes(data)
    line = LETTER.encode()
    with (directory / "big.txt").open("wb") as stream:
        for _ in range(BIG_TEXT_BYTES // len(line) + 1):
            stream.write(line)
    return {name: what for name, (_, what) in files.items()} | {"big.txt": "50 MB text file"}


# The format each bad input claims and a word its one-line reason must hold (None: converted).
EXPECTED = {
    "empty.txt": ("text", "empty file"),
    "truncated.docx": ("docx", "damaged"),
    "zip-bomb.docx": ("docx", "over the limit"),
    "entities.docx": ("docx", "DOCTYPE or ENTITY"),
    "encrypted.pdf": ("pdf", "encrypt"),
    "truncated.pdf": ("pdf", "damaged"),
    "no-pages.pdf": ("pdf", "page"),
    "binary.txt": ("text", "binary content"),
    "windows-1251.txt": ("text", None),
    "letter.txt": ("text", "not a programme"),
    "big.txt": ("text", None),
}
TIMEOUT = 10.0
MEMORY = 1024 * 1024 * 1024


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    build_bad_corpus(root / "in")
    settings = Settings(limits=Limits(timeout_seconds=TIMEOUT, max_memory_bytes=MEMORY))
    report = run_batch(BatchOptions(inputs=[root / "in"], output=root / "out", jobs=2, settings=settings))
    return report, {Path(entry.path).name: entry for entry in report.entries}


def test_every_bad_input_is_listed_and_the_batch_finishes(batch):
    report, entries = batch
    assert set(entries) == set(EXPECTED)
    assert report.exit_code == 1 and report.converted == 1 and report.failed == len(EXPECTED) - 1


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - {"windows-1251.txt"}))
def test_bad_input_fails_with_one_line_reason(batch, name):
    entry: ManifestEntry = batch[1][name]
    assert entry.status == "failed" and entry.reason and "\n" not in entry.reason
    fmt, expected = EXPECTED[name]
    assert fmt in READERS and not entry.reason.startswith("internal error"), entry.reason
    if expected:  # the big file has its own test: stopped by a limit or refused
        assert expected.lower() in entry.reason.lower(), entry.reason


def test_windows_1251_text_converts_like_its_utf8_original(batch):
    from extractor.api import extract

    entry = batch[1]["windows-1251.txt"]
    assert entry.status == "converted" and entry.activities == len(
        [a for area in extract(ACTION_PLAN_2013).annex.areas for g in area.goals for a in g.activities]
    )


def test_big_text_file_is_stopped_within_the_limits_or_refused(batch):
    reason = batch[1]["big.txt"].reason
    assert any(part in reason for part in ("time limit", "memory", "not a programme")), reason


def test_each_bad_input_stays_within_the_time_and_memory_limits(batch):
    for entry in batch[1].values():
        if entry.timing and entry.timing.seconds is not None:
            assert entry.timing.seconds <= TIMEOUT and entry.timing.peak_rss_mb <= MEMORY / 2**20


def test_file_over_the_size_limit_is_refused_without_reading(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_bytes(b"x" * 4096)
    settings = Settings(limits=Limits(max_file_bytes=1024))
    report = run_batch(BatchOptions(inputs=[tmp_path / "in"], output=tmp_path / "out", jobs=1, settings=settings))
    (entry,) = report.entries
    assert entry.status == "failed" and entry.reason == "file is 4096 bytes, over the limit of 1024"
