"""Scanned pages and images: OCR with the table grid, per-page routing in PDFs, missing Tesseract."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2
import pytest

from extractor.errors import MissingToolError
from extractor.model.layout import Table
from extractor.readers import read
from extractor.readers import ocr
from extractor.settings import OcrOptions, Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SCAN_2013 = SAMPLES / "sofia-2013-action-plan-scan.pdf"
PRINT_2013 = SAMPLES / "sofia-2013-action-plan.pdf"
QUIET = Settings(ocr=OcrOptions(progress=False))


def page_png(pdf: Path, index: int, out: Path, dpi: int = 200) -> Path:
    """One page of a PDF rendered to a PNG with its resolution recorded."""
    document = pypdfium2.PdfDocument(str(pdf))
    image = document[index].render(scale=dpi / 72, grayscale=True).to_pil()
    image.save(out, dpi=(dpi, dpi))
    document.close()
    return out


def splice(first: Path, second: Path, out: Path) -> Path:
    """A PDF made of the first page of `first` followed by the first page of `second`."""
    merged = pypdfium2.PdfDocument.new()
    for source in (first, second):
        document = pypdfium2.PdfDocument(str(source))
        merged.import_pages(document, [0])
        document.close()
    merged.save(str(out))
    merged.close()
    return out


@pytest.mark.parametrize("scan", sorted(SAMPLES.glob("*-scan.pdf")), ids=lambda p: p.name)
def test_committed_scans_have_no_text_layer(scan):
    text = subprocess.run(["pdftotext", "-q", str(scan), "-"], capture_output=True, text=True, check=True).stdout
    assert not any(ch.isalpha() for ch in text)


def test_scanned_page_image_reads_as_tables_with_boxes_and_confidence(tmp_path):
    image = page_png(SCAN_2013, 0, tmp_path / "page.png")
    layout = read(image, QUIET)
    assert layout.source.format == "image"
    tables = [block for block in layout.blocks if isinstance(block, Table)]
    assert tables
    cells = [cell for table in tables for row in table.rows for cell in row if cell.text]
    assert any("Преодоляване на социалното изключване" in cell.text for cell in cells)
    assert all(cell.origin.page == 1 and cell.origin.bbox is not None for cell in cells)
    assert all(0.0 < cell.confidence <= 1.0 for cell in cells)
    assert any(cell.text == "Постоянен" for cell in cells)


def test_mixed_pdf_sends_only_the_page_without_text_to_ocr(tmp_path, monkeypatch):
    seen: list[list[int]] = []
    real = ocr.ocr_pages

    def spy(path, numbers, settings):
        seen.append(list(numbers))
        return real(path, numbers, settings)

    monkeypatch.setattr(ocr, "ocr_pages", spy)
    mixed = splice(PRINT_2013, SCAN_2013, tmp_path / "mixed.pdf")
    layout = read(mixed, QUIET)
    assert seen == [[2]]
    assert layout.source.format == "pdf"
    cells = [cell for block in layout.blocks if isinstance(block, Table) for row in block.rows for cell in row]
    assert {cell.origin.page for cell in cells} == {1, 2}
    assert all(cell.confidence is None for cell in cells if cell.origin.page == 1)
    assert any(cell.confidence is not None for cell in cells if cell.origin.page == 2)


def test_ocr_repairs_are_recorded_as_artefacts(tmp_path):
    layout = read(SCAN_2013, QUIET)
    assert layout.source.format == "scan"
    repairs = [artefact for artefact in layout.artefacts if artefact.reason == "ocr-repair"]
    assert all(artefact.origin.page and artefact.origin.bbox for artefact in repairs)


def test_one_job_and_two_jobs_give_the_same_pages(tmp_path):
    source = [ocr.PageSource(str(SCAN_2013), index, "pdf") for index in (0, 1)]
    one = ocr.recognise_sources(source, OcrOptions(jobs=1, progress=False))
    two = ocr.recognise_sources(source, OcrOptions(jobs=2, progress=False))
    assert [page.words for page in one] == [page.words for page in two]
    assert [page.number for page in two] == [1, 2]


def test_missing_tesseract_names_the_packages_to_install(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr.require_tesseract.cache_clear()
    try:
        with pytest.raises(MissingToolError, match="apt-get install -y tesseract-ocr tesseract-ocr-bul"):
            ocr.require_tesseract("bul")
    finally:
        ocr.require_tesseract.cache_clear()


def test_missing_language_model_names_its_package():
    ocr.require_tesseract.cache_clear()
    with pytest.raises(MissingToolError, match="tesseract-ocr-xqz"):
        ocr.require_tesseract("bul+xqz")


@pytest.mark.parametrize(("text", "confidence", "box", "speck"), [
    ("“", 0.4, (0, 0, 7, 30), True),  # a lone quote Tesseract doubts
    ("9", 0.12, (0, 0, 6, 31), True),  # a digit thinner than any digit: a streak
    ("9", 0.12, (0, 0, 14, 31), False),  # a doubted digit of a digit's width stays
    ("“", 0.9, (0, 0, 7, 30), False),  # read with confidence: not dust
    ("l", 0.3, (0, 0, 3, 30), False),  # a letter is never a speck
])
def test_doubted_marks_and_streaks_are_specks_but_digits_of_digit_width_are_not(text, confidence, box, speck):
    from extractor.readers.ocr import Word, is_speck

    assert is_speck(Word(text, confidence, box, (1, 1, 1))) is speck


def test_word_split_where_a_lost_space_was_put_back_shares_its_box_by_letters():
    from extractor.readers.ocr import split_word

    word = {"text": "иот", "x0": 10.0, "x1": 40.0, "top": 1.0, "bottom": 9.0, "confidence": 0.9, "raw": "иот"}
    parts = split_word(word, "и от")
    assert [(p["text"], p["x0"], p["x1"]) for p in parts] == [("и", 10.0, 17.5), ("от", 25.0, 40.0)]
    assert all(p["raw"] == "иот" and p["top"] == 1.0 for p in parts)
