"""Readers: one module per format, each returning the same `LayoutDocument`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError, UnsupportedFormatError
from ..model.layout import LayoutDocument
from ..settings import Settings
from .source import sniff_format

Reader = Callable[[Path, bytes, Settings], LayoutDocument]


def _read_text(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .text import read_text

    return read_text(path, data, sniff_format(path, data))


def _read_docx(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .docx import read_docx

    return read_docx(path, data, settings)


def _read_html(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .html import read_html

    return read_html(path, data, settings)


def _read_converted(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .doc import read_converted

    return read_converted(path, data, settings, sniff_format(path, data))


def _read_pdf(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .pdf import read_pdf

    return read_pdf(path, data, settings)


def _read_image(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    from .ocr import read_image

    return read_image(path, data, settings)


READERS: dict[str, Reader] = {
    "text": _read_text,
    "markdown": _read_text,
    "html": _read_html,
    "docx": _read_docx,
    "doc": _read_converted,
    "odt": _read_converted,
    "rtf": _read_converted,
    "pdf": _read_pdf,
    "image": _read_image,
}


def read(path: Path, settings: Settings | None = None) -> LayoutDocument:
    """Read any supported file into the format-neutral layout document."""
    settings = settings or Settings()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(path, f"cannot open ({exc.strerror or exc})") from None
    if path.is_dir():
        raise InputError(path, "is a directory")
    if size > settings.limits.max_file_bytes:
        raise InputError(path, f"file is {size} bytes, over the limit of {settings.limits.max_file_bytes}")
    data = path.read_bytes()
    fmt = sniff_format(path, data)
    reader = READERS.get(fmt)
    if reader is None:
        raise UnsupportedFormatError(path, f"no reader for {fmt} files in this version")
    return reader(path, data, settings)
