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


def _line(*words: tuple[str, int, int, int, int]) -> list:
    from extractor.readers.ocr import Word

    return [Word(text, 0.9, box, (1, 1, 1)) for text, *box in words]


def test_x_height_read_from_small_letters_or_from_capitals():
    from extractor.readers.ocr import x_height

    assert x_height(_line(("сега", 0, 10, 90, 31), ("на", 100, 10, 130, 31))) == 21
    assert x_height(_line(("СМО", 0, 0, 60, 30))) == 21  # capitals 30 px tall: x-height 0.7 of them
    assert x_height(_line(("Бюджет", 0, 0, 90, 38))) is None  # ascenders and descenders: shows none


@pytest.mark.parametrize(("width", "dash"), [
    (22, "–"),  # about one x-height wide: an en dash
    (21, "–"),
    (12, None),  # about half an x-height: a hyphen stays
    (15, None),  # between the two: unsure, left as read
    (45, None),  # twice an x-height: an em dash or a rule, not claimed
])
def test_lone_dash_as_wide_as_an_x_height_is_an_en_dash(width, dash):
    from extractor.readers.ocr import en_dash, x_height

    line = _line(("сега", 0, 10, 90, 31), ("-", 100, 18, 100 + width, 21), ("фактор", 130, 5, 230, 38))
    assert en_dash(line[1], x_height(line)) == dash


def test_dash_inside_a_word_or_without_a_measure_is_left_alone():
    from extractor.readers.ocr import en_dash

    word = _line(("2020-2021", 0, 0, 150, 30))[0]
    assert en_dash(word, 21.0) is None
    assert en_dash(_line(("-", 0, 18, 22, 21))[0], None) is None


def test_en_dash_repair_is_recorded_and_keeps_hyphens():
    from extractor.readers.ocr import repaired_words

    words = _line(("сега", 0, 10, 90, 31), ("-", 100, 18, 122, 21), ("на", 130, 10, 160, 31),
                  ("-", 170, 18, 182, 21), ("нас", 190, 10, 240, 31))
    placed, artefacts = repaired_words(words, page=1, dpi=300)
    assert [w["text"] for w in placed] == ["сега", "–", "на", "-", "нас"]
    assert placed[1]["raw"] == "-"
    assert [a.raw for a in artefacts] == ["- → –"]


def _glyphs(width: int, height: int, *letters: tuple[int, int, int]) -> "np.ndarray":
    """An ink mask with a filled rectangle per letter: (x0, x1, top), each standing on the baseline `height`."""
    import numpy as np

    ink = np.zeros((height, width), dtype=bool)
    for x0, x1, top in letters:
        ink[top:height, x0:x1] = True
    return ink


def test_small_letters_standing_cap_tall_are_read_as_capitals():
    from extractor.readers.ocr import capitals_read_small

    ink = _glyphs(70, 30, (0, 20, 0), (25, 45, 0), (50, 70, 1))  # three letters, all cap height
    word = _line(("тях", 0, 0, 70, 30))[0]
    assert capitals_read_small(word, 21.0, ink) == "ТЯХ"


@pytest.mark.parametrize(("text", "letters", "x_height"), [
    ("вече", ((0, 20, 0), (25, 45, 9), (50, 70, 9), (75, 95, 9)), 21.0),  # only the first letter tall: `Вече`
    ("тях", ((0, 20, 9), (25, 45, 9), (50, 70, 9)), 21.0),  # all small: box as tall as an x-height
    ("тях", ((0, 20, 0), (25, 45, 0), (50, 70, 0)), None),  # no measure of the line: left as read
    ("бях", ((0, 20, 0), (25, 45, 0), (50, 70, 0)), 21.0),  # `б` rises above the x-height of itself
])
def test_capitalised_or_small_words_keep_their_case(text, letters, x_height):
    from extractor.readers.ocr import capitals_read_small

    ink = _glyphs(100, 30, *letters)
    top = min(top for _, _, top in letters)
    word = _line((text, 0, top, max(x1 for _, x1, _ in letters), 30))[0]
    assert capitals_read_small(word, x_height, ink) is None


def _stroke_word(text: str, dash: tuple[int, int], letters: list[tuple[int, int]]) -> tuple:
    """A word 30 px tall: letters as full-height blocks, the dash a 4-px stroke at mid-height."""
    import numpy as np

    ink = np.zeros((30, 120), dtype=bool)
    for x0, x1 in letters:
        ink[9:30, x0:x1] = True
    ink[18:22, dash[0]:dash[1]] = True
    return _line((text, 0, 0, 120, 30))[0], ink


@pytest.mark.parametrize(("text", "dash", "letters", "expected"), [
    ("-юни", (0, 22), [(25, 45), (48, 68), (71, 91)], "–юни"),  # en-dash wide, glued to its word
    ("20-21", (40, 62), [(0, 16), (19, 35), (66, 82), (85, 101)], "20–21"),  # between digits
    ("-град", (0, 12), [(15, 35), (38, 58), (61, 81), (84, 104)], None),  # a hyphen's width stays
    ("НПО-", (70, 82), [(0, 20), (23, 43), (46, 66)], None),
    ("юни", (0, 0), [(0, 20), (23, 43), (46, 66)], None),  # no dash read: nothing to do
])
def test_dash_inside_a_word_is_measured_in_the_ink(text, dash, letters, expected):
    from extractor.readers.ocr import en_dash_in_word

    word, ink = _stroke_word(text, dash, letters)
    assert en_dash_in_word(word, 21.0, ink) == expected


def test_dash_inside_a_word_is_left_when_two_strokes_could_be_it():
    from extractor.readers.ocr import en_dash_in_word

    word, ink = _stroke_word("-юни", (0, 22), [(25, 45), (48, 68)])
    ink[18:22, 75:97] = True  # a second thin stroke (a speck, an underline): which is the dash is unclear
    assert en_dash_in_word(word, 21.0, ink) is None
    assert en_dash_in_word(word, None, ink) is None


def _slash_word(text: str, slash: bool) -> tuple:
    """Capitals 30 px tall as full-height blocks, with a one-pixel-wide stroke leaning right after the third."""
    import numpy as np

    ink = np.zeros((30, 100), dtype=bool)
    for x0 in (0, 15, 30, 65, 80):
        ink[2:28, x0:x0 + 12] = True
    if slash:
        for row in range(30):
            x = 58 - row * 12 // 30
            ink[row, x:x + 2] = True
    return _line((text, 0, 0, 100, 30))[0], ink


def test_slash_in_the_ink_of_a_run_together_word_is_found_where_it_stands():
    from extractor.readers.ocr import slash_strokes

    word, ink = _slash_word("РЦПРУ", slash=True)
    [at] = slash_strokes(word, ink)
    assert 0.45 < at < 0.6
    assert slash_strokes(*_slash_word("РЦПРУ", slash=False)) == []
    assert slash_strokes(_line(("деца", 0, 0, 100, 30))[0], ink) == []  # only words of capitals are looked at


@pytest.mark.parametrize(("slashes", "expected"), [
    ([0.6], "РЦПППО/РУО"),  # a slash where the cut falls
    ([0.1], "РЦПППО РУО"),  # a stroke far from the cut says nothing about it
    ([], "РЦПППО РУО"),
])
def test_run_together_abbreviations_are_joined_by_the_slash_the_ink_shows(slashes, expected):
    from extractor.readers.ocr import slash_at_cut
    from extractor.readers.ocr_repair import OcrRepair

    word = {"text": "РЦПППОРУО", "slashes": slashes}
    text, repairs = slash_at_cut(word, "РЦПППО РУО", [OcrRepair("РЦПППОРУО", "РЦПППО РУО", "run-together")])
    assert text == expected
    assert [(r.before, r.after) for r in repairs] == [("РЦПППОРУО", expected)]


def test_dash_the_ink_shows_spaced_from_its_word_is_split_off():
    from extractor.readers.ocr import split_spaced_dash

    word, ink = _stroke_word("-м.", (0, 22), [(32, 52)])
    ink[26:30, 56:60] = True  # the full stop: as wide as tall, no dash
    dash, rest = split_spaced_dash(word, 21.0, ink)
    assert (dash.text, rest.text) == ("-", "м.")
    assert dash.box[2] <= rest.box[0]


@pytest.mark.parametrize(("text", "dash", "letters"), [
    ("-юни", (0, 22), [(25, 45), (48, 68), (71, 91)]),  # glued to its word: no space lost
    ("20-21", (40, 62), [(0, 16), (19, 35), (72, 88), (91, 107)]),  # inside the word: left to `en_dash_in_word`
])
def test_dash_glued_to_its_word_stays_one_word(text, dash, letters):
    from extractor.readers.ocr import split_spaced_dash

    word, ink = _stroke_word(text, dash, letters)
    assert split_spaced_dash(word, 21.0, ink) == [word]


def test_marks_read_over_bare_paper_are_nothing():
    import numpy as np

    from extractor.readers.ocr import inkless_marks

    ink = np.zeros((40, 100), dtype=bool)
    (mark,) = _line((">", 10, 2, 18, 36))
    assert inkless_marks(mark, ink)
    ink[10:20, 10:18] = True  # ink under the mark: something was there
    assert not inkless_marks(mark, ink)
    assert not inkless_marks(_line(("1.", 10, 2, 18, 36))[0], np.zeros((40, 100), dtype=bool))


def test_opening_quote_read_before_a_letter_stroke_is_dropped():
    from extractor.readers.ocr import quote_without_ink

    (word,) = _line(("“дом", 0, 0, 60, 30))
    letters = _glyphs(60, 30, (0, 15, 9), (20, 35, 9), (40, 55, 9))
    assert quote_without_ink(word, letters)  # the first ink reaches the baseline: a letter, no quote
    quoted = _glyphs(60, 30, (20, 35, 9), (40, 55, 9))
    quoted[0:8, 2:10] = True  # a quote's ink, high on the line
    assert not quote_without_ink(word, quoted)


def numbers_page(numbers: list[str], size: int = 30) -> tuple["np.ndarray", list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """A grey page (about 200 dpi) of one cell per number, each number opening its cell: (pixels, word boxes, cell boxes)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=size)
    image = Image.new("L", (600, 80 * len(numbers) + 40), 255)
    draw = ImageDraw.Draw(image)
    boxes, cells = [], []
    for k, number in enumerate(numbers):
        top = 20 + 80 * k
        draw.text((40, top + 20), number, font=font, fill=0)
        draw.text((200, top + 20), "Activity", font=font, fill=0)
        boxes.append(draw.textbbox((40, top + 20), number, font=font))
        cells.append((20, top, 580, top + 80))
    return np.asarray(image), boxes, cells


def test_doubted_numbers_opening_cells_are_read_again_in_one_call(monkeypatch):
    import pytesseract

    gray, boxes, cells = numbers_page(["1.1.1.", "1.3.", "2.1.2."])
    read = [("1.11", 0.4), ("1.8.", 0.5), ("2.1.2.", 0.97)]
    words = [ocr.Word(text, confidence, box, (1, 1, k)) for k, ((text, confidence), box) in enumerate(zip(read, boxes))]
    words += [ocr.Word("Activity", 0.95, (200, box[1], 320, box[3]), (1, 1, k)) for k, box in enumerate(boxes)]
    calls = []
    image_to_data = pytesseract.image_to_data
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: calls.append(1) or image_to_data(*a, **k))
    with ocr.single_threaded_tesseract():
        fixed, changed = ocr.reread_numbers(gray, words, cells, OcrOptions(dpi=200))
    assert len(calls) == 1
    assert [(word.text, text) for word, text in changed] == [("1.11", "1.1.1."), ("1.8.", "1.3.")]
    assert [w.text for w in fixed[:3]] == ["1.1.1.", "1.3.", "2.1.2."]
    assert fixed[3:] == words[3:]


def test_page_without_doubted_numbers_makes_no_extra_tesseract_call(monkeypatch):
    import pytesseract

    gray, boxes, cells = numbers_page(["1.2."])
    words = [ocr.Word("1.2.", 0.96, boxes[0], (1, 1, 1))]
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: pytest.fail("Tesseract called"))
    assert ocr.reread_numbers(gray, words, cells, OcrOptions(dpi=200)) == (words, [])


@pytest.mark.parametrize(("text", "confidence", "following", "candidate"), [
    ("1.11", 0.4, "Activity", True),          # doubted
    ("1:8.", 0.95, "Activity", True),         # malformed however sure
    ("1.2.", 0.95, "Activity", False),        # sure and well formed
    ("31.12.2025", 0.3, "г.", False),         # a date: a group of four digits
    ("31.12.", 0.3, "2025", False),           # a date: a year follows
    ("2.5", 0.3, "млн.", False),              # an amount: money follows
    ("2,5", 0.3, "Activity", False),          # a decimal comma: an amount
    ("1500", 0.3, "лв.", False),              # no stop: a plain number
    ("А.1.", 0.3, "Activity", False),         # lettered numbering is the text repairs' business
    ("211.", 0.95, "Activity", True),         # inner stops lost
    ("111", 0.95, "Activity", True),
    ("213;", 0.95, "Activity", True),
    ("100", 0.3, "Activity", False),          # a zero: no activity number loses its stops to make it
    ("25", 0.3, "деца", True),                # a count: re-read, and kept unless stops are in the ink
])
def test_numbers_read_again_are_doubted_or_malformed_and_never_dates_or_amounts(text, confidence, following, candidate):
    words = [ocr.Word(text, confidence, (40, 40, 100, 60), (1, 1, 1)), ocr.Word(following, 0.95, (120, 40, 200, 60), (1, 1, 1))]
    assert bool(ocr.numbering_candidates(words, [(20, 20, 580, 100)])) is candidate


@pytest.mark.parametrize(("reread", "kept"), [("01.03.", True), ("1..2", True), ("", True), ("1.2.", False), ("1.10.", False)])
def test_re_read_replaces_a_word_only_when_it_is_a_well_formed_number(reread, kept):
    assert (ocr.WELL_FORMED_NUMBER.match(reread) is None) is kept


def test_number_read_again_is_recorded_as_an_ocr_repair(monkeypatch):
    gray, boxes, cells = numbers_page(["1.3."])
    monkeypatch.setattr(ocr, "tesseract_words", lambda image, options: [
        ocr.Word("1:8.", 0.6, boxes[0], (1, 1, 1)), ocr.Word("Activity", 0.95, (200, boxes[0][1], 320, boxes[0][3]), (1, 1, 1))])
    monkeypatch.setattr(ocr, "numbering_candidates", lambda words, cell_boxes: [(0, cells[0])])
    with ocr.single_threaded_tesseract():
        page = ocr.recognise_page_image(gray, 1, 200, OcrOptions(dpi=200))
    assert page.words[0]["text"] == "1.3." and page.words[0]["raw"] == "1:8."
    assert any(artefact.raw == "1:8. → 1.3." and artefact.reason == "ocr-repair" for artefact in page.artefacts)


def test_re_read_that_drops_a_digit_is_not_taken(monkeypatch):
    import pytesseract

    gray, boxes, cells = numbers_page(["11."])
    words = [ocr.Word("11.", 0.5, boxes[0], (1, 1, 1))]

    def reads_one(image, **kwargs):
        return {"text": ["1."], "left": [10], "top": [image.height // 2 - 5], "height": [10], "width": [20]}

    monkeypatch.setattr(pytesseract, "image_to_data", reads_one)
    assert ocr.reread_numbers(gray, words, cells, OcrOptions(dpi=200)) == (words, [])


def test_a_short_number_page_ocr_passed_over_in_a_first_column_cell_is_read_from_its_ink():
    from extractor.readers.grid import GridCell, TableGrid

    gray, boxes, _ = numbers_page(["2.", "2.1."])
    rows = [(20 + 80 * k, 100 + 80 * k) for k in range(2)]
    cells = tuple(cell for k, (top, bottom) in enumerate(rows) for cell in (
        GridCell(k, 0, 1, 1, (20, top, 150, bottom)), GridCell(k, 1, 1, 1, (150, top, 400, bottom)),
        GridCell(k, 2, 1, 1, (400, top, 580, bottom))))
    grid = TableGrid((20, 20, 580, 180), (20, 100, 180), (20, 150, 400, 580), cells)
    words = [ocr.Word("Activity", 0.95, (200, box[1], 320, box[3]), (1, 1, k)) for k, box in enumerate(boxes)]
    blank = ocr.blank_numbering_cells(gray < 128, words, [grid], 200)
    assert [cell for _, cell in blank] == [cells[0].box, cells[3].box]
    with ocr.single_threaded_tesseract():
        fixed, changed = ocr.reread_numbers(gray, words, [c.box for c in cells], OcrOptions(dpi=200), blank)
    assert [text for _, text in changed] == ["2.", "2.1."]
    assert fixed[:2] == words and [w.text for w in fixed[2:]] == ["2.", "2.1."]


def test_a_first_column_cell_with_a_word_or_without_ink_or_in_an_empty_row_is_not_read_again():
    from extractor.readers.grid import GridCell, TableGrid

    gray, boxes, _ = numbers_page(["2.", "", ""])
    rows = [(20 + 80 * k, 100 + 80 * k) for k in range(3)]
    cells = tuple(cell for k, (top, bottom) in enumerate(rows) for cell in (
        GridCell(k, 0, 1, 1, (20, top, 150, bottom)), GridCell(k, 1, 1, 1, (150, top, 400, bottom)),
        GridCell(k, 2, 1, 1, (400, top, 580, bottom))))
    grid = TableGrid((20, 20, 580, 260), (20, 100, 180, 260), (20, 150, 400, 580), cells)
    words = [ocr.Word("2.", 0.95, boxes[0], (1, 1, 0)), ocr.Word("Activity", 0.95, (200, 40, 320, 60), (1, 1, 0)),
             ocr.Word("Activity", 0.95, (200, 120, 320, 140), (1, 1, 1))]  # row 1: no ink in its first cell
    assert ocr.blank_numbering_cells(gray < 128, words, [grid], 200) == []  # row 2: no word anywhere
