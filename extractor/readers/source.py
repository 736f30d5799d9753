"""Facts about an input file: its format by content, its hash, its text encoding."""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import InputError, UnsupportedFormatError
from ..model.layout import SourceFile, SourceFormat

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
BULGARIAN_LETTERS = frozenset("абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ")


def sniff_format(path: Path, data: bytes) -> SourceFormat:
    """The format of a file judged by its content first, its extension second."""
    if not data:
        raise InputError(path, "empty file")
    head = data[:8]
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names:
                    with archive.open("mimetype") as member:
                        if member.read(len(ODT_MIMETYPE) + 8).strip() == ODT_MIMETYPE:
                            return "odt"
        except zipfile.BadZipFile as exc:
            raise InputError(path, f"damaged zip container ({exc})") from None
        raise UnsupportedFormatError(path, "zip archive that is not a Word or OpenDocument text document")
    if head.startswith(OLE_MAGIC):
        return "doc"
    if data[:64].lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if any(head.startswith(magic) for magic in IMAGE_MAGIC):
        return "image"
    from .html import looks_like_html

    if looks_like_html(path, data):
        return "html"
    if looks_binary(data):
        raise UnsupportedFormatError(path, "binary content that is no supported format")
    return TEXT_SUFFIXES.get(path.suffix.lower(), "text")  # type: ignore[return-value]


def looks_binary(data: bytes) -> bool:
    """True when a sample holds NUL bytes or many control characters: not a text file."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Decode converted text: UTF-8 (with or without BOM), else Windows-1251 or a detected encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cp1251 = data.decode("cp1251", errors="replace")
    if _cyrillic_share(cp1251) > 0.3:
        return cp1251, "cp1251"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "text in an unknown encoding")
    return str(best), best.encoding


def _cyrillic_share(text: str) -> float:
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch in BULGARIAN_LETTERS for ch in letters) / len(letters)


def describe_source(
    path: Path, data: bytes, fmt: SourceFormat, *, encoding: str | None = None, pages: int | None = None
) -> SourceFile:
    """The source record of a read file: name, hash, size, format."""
    return SourceFile(
        path=str(path),
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        format=fmt,
        encoding=encoding,
        pages=pages,
    )
