"""The same activity records from every format: the .txt samples, their .docx renderings and the PDFs of those.

The .docx and .pdf files in samples/ are written by samples/make_renderings.py (python-docx, then
LibreOffice); these tests read the committed files and need no LibreOffice.

Records are compared with their provenance (file, page, table, row, line) left out. .docx records must
be identical. PDF records are compared after collapsing whitespace in texts: a paragraph break inside
a cell that falls where the line was full anyway leaves no trace in print (two such cells in the two
samples: `детето.\\nРазработване`, `Постоянен\\n2013 г.`), so the reader joins those lines with a
space; every other text, line breaks included, is identical.
"""

from __future__ import annotations

import functools

import pytest

from extractor.api import extract
from extractor.model.flat import PROVENANCE_KEYS, activity_records

from .conftest import SAMPLES

NAMES = ["sofia-2021-programme", "sofia-2013-action-plan"]


@functools.cache
def records(path) -> list[dict]:
    return [
        {key: value for key, value in record.model_dump(mode="json").items() if key not in PROVENANCE_KEYS}
        for record in activity_records(extract(path))
    ]


def squash_whitespace(record: dict) -> dict:
    return {key: " ".join(value.split()) if isinstance(value, str) else value for key, value in record.items()}


@pytest.fixture(scope="module", params=NAMES)
def sample(request):
    name = request.param
    return name, records(SAMPLES / f"{name}.txt")


def test_docx_rendering_gives_identical_activity_records(sample):
    name, from_text = sample
    assert records(SAMPLES / f"{name}.docx") == from_text


def test_pdf_rendering_gives_the_same_activity_records_up_to_line_breaks(sample):
    name, from_text = sample
    from_pdf = records(SAMPLES / f"{name}.pdf")
    assert [squash_whitespace(r) for r in from_pdf] == [squash_whitespace(r) for r in from_text]


def test_pdf_texts_differ_from_text_only_where_print_hides_a_paragraph_break():
    differing = []
    for name in NAMES:
        for a, b in zip(records(SAMPLES / f"{name}.txt"), records(SAMPLES / f"{name}.pdf")):
            differing += [(name, a["activity"], key) for key in a if a[key] != b[key]]
    assert differing == [
        ("sofia-2021-programme", "1.1", "activity_text"),
        ("sofia-2013-action-plan", "2.Б.1", "deadline_raw"),
    ]


def test_renderings_cover_both_layouts():
    import docx

    programme = docx.Document(SAMPLES / "sofia-2021-programme.docx")
    plan = docx.Document(SAMPLES / "sofia-2013-action-plan.docx")
    annex = programme.tables[0]._tbl.xml
    assert len(programme.tables) == 1 and "w:vMerge" in annex and "w:gridSpan" in annex and "w:tblHeader" in annex
    assert len(plan.tables) == 4


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_records_of_every_format_equal_the_reviewed_golden_file(name, suffix):
    import json

    from .regenerate import GOLDEN

    golden = [json.loads(line) for line in (GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = [{k: v for k, v in record.items() if k not in PROVENANCE_KEYS} for record in golden]
    assert records(SAMPLES / f"{name}{suffix}") == expected
