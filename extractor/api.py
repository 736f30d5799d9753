"""The library API: what the CLI and other tools call."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .model.document import Document
from .readers import read
from .recognise import recognise
from .settings import Settings


def extract(path: Path | str, settings: Settings | None = None) -> Document:
    """Read one file and return the recognised, normalised programme document."""
    from .normalise.apply import normalise_document
    from .normalise.executors import load_glossary

    settings = settings or Settings()
    path = Path(path)
    layout = read(path, settings)
    document = recognise(layout)
    if settings.year is not None and document.year is None:
        document = document.model_copy(update={"year": settings.year})
    if document.annex is None and document.report is None and document.decision is None:
        raise InputError(path, "not a programme: no report, decision or annex table found")
    return normalise_document(document, load_glossary(settings.glossary))
