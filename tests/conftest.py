"""Shared helpers: build layout documents and recognised documents from small text fixtures."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from extractor.model.document import Document
from extractor.model.layout import LayoutDocument, SourceFile
from extractor.readers.text import read_text_lines
from extractor.recognise import recognise

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PROGRAMME_2021 = SAMPLES / "sofia-2021-programme.txt"
ACTION_PLAN_2013 = SAMPLES / "sofia-2013-action-plan.txt"


def layout_from_text(text: str) -> LayoutDocument:
    """A layout document read from converted text given inline (tabs as `\\t`)."""
    blocks, artefacts = read_text_lines(text.splitlines())
    data = text.encode()
    source = SourceFile(path="fixture.txt", name="fixture.txt", sha256=hashlib.sha256(data).hexdigest(),
                        size=len(data), format="text", encoding="utf-8")
    return LayoutDocument(source=source, blocks=blocks, artefacts=artefacts)


def document_from_text(text: str) -> Document:
    """A recognised (not normalised) document from inline converted text."""
    return recognise(layout_from_text(text))


def activities(document: Document) -> list:
    """Every activity of a document with its area and goal, in document order."""
    return [(area, goal, activity) for area in document.annex.areas for goal in area.goals
            for activity in goal.activities]


@pytest.fixture
def rows():
    """Join cells with tabs: rows(["a", "b"], ["c"]) → 'a\\tb\\nc'."""
    return lambda *cells: "\n".join("\t".join(row) for row in cells)
