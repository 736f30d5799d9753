"""OCR of scanned pages and images (Tesseract, Bulgarian): a text layer recovered from the raster.

Per page: render (PDF, pypdfium2) or load (PNG/JPEG/TIFF) the page in grey → despeckle → deskew
→ find the ruled tables and their cells (`grid.py`) → erase the rulings → one Tesseract pass
(`image_to_data`) for word boxes and confidences → doubted activity numbers opening cells read
again, in one more pass over their crops → clear OCR confusions repaired (`ocr_repair.py`), each
repair kept as an artefact. The result is what a PDF text layer gives (words with boxes in
points, table cell boxes), so the PDF reader assembles scanned pages exactly like printed ones:
cells, stitched tables, paragraphs, furniture. Pages run in parallel, Tesseract held to one thread.
"""

from __future__ import annotations

import os
import shutil
import statistics
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

import regex as re

from ..errors import InputError, MissingToolError
from ..model.layout import Artefact, LayoutDocument, Origin
from ..settings import OcrOptions, Settings
from .ocr_repair import (
    Lexicon, OcrRepair, abbreviation_words, load_dictionary, month_abbreviation_run_in, repair_ocr_text,
    repair_with_lexicon, stray_quote,
)
from .source import describe_source

if TYPE_CHECKING:
    import numpy as np

TESSERACT_PACKAGES = "apt-get install -y tesseract-ocr tesseract-ocr-bul"
MIN_WORD_CONFIDENCE = 0.0
SPECK_CONFIDENCE = 0.6
SPECK_MARKS = frozenset("|¦<>~_\\`'^°*·•„“”\"")
SPECK_WIDTH = 0.25
"""A doubted mark narrower than this share of its height is too thin for any digit: a streak of dust."""
X_HEIGHT_LETTERS = frozenset("авгежзиклмнопстхчшъьыэюяacemnorsuvwxz")
"""Lower-case letters that rise to the x-height and no higher or lower: a word of them alone is x-height tall."""
CAPITALS_ON_BASELINE = re.compile(r"^[\p{Lu}--[ДЦЩЙQJ]]{2,}$", re.V1)
"""A word of capitals none of which hangs below the baseline or carries a breve: cap-height tall."""
X_HEIGHT_PER_CAP_HEIGHT = 0.7
"""The x-height as a share of the capitals' height, near 0.7 in the usual text faces (Times 0.68, Arial 0.72)."""
EN_DASH_WIDTH = (0.8, 1.5)
"""A lone dash this wide, in x-heights of its line, is an en dash (ink about one x-height wide); a
hyphen is about half an x-height (measured on the scans: hyphens 0.50–0.60, en dashes 0.95–1.10)."""


@dataclass(frozen=True)
class Word:
    """One word Tesseract read: text, confidence (0–1) and pixel box, with its line in Tesseract's layout."""

    text: str
    confidence: float
    box: tuple[int, int, int, int]
    line: tuple[int, int, int]
    raw: str | None = None
    """What the page's OCR read, when the text was read again since (`reread_numbers`)."""

    @property
    def centre(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        return (x0 + x1) / 2, (y0 + y1) / 2


@dataclass(frozen=True)
class OcrPage:
    """What OCR made of one page, in PDF points: its words, its tables' cell boxes, the repairs made."""

    number: int
    width: float
    height: float
    words: list[dict]  # pdfplumber's word shape (text, x0, x1, top, bottom) plus confidence and raw
    tables: list[list[tuple[float, float, float, float]]]
    artefacts: list[Artefact]
    skew_degrees: float


@dataclass(frozen=True)
class PageSource:
    """Where a page image comes from: a PDF page to render or an image frame to load (0-based)."""

    path: str
    index: int
    kind: str  # "pdf" or "image"


# ---------------------------------------------------------------- Tesseract


@lru_cache(maxsize=8)
def require_tesseract(language: str = "bul") -> str:
    """Tesseract's version, or `MissingToolError` naming the packages when it or a language is missing."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingToolError("tesseract", TESSERACT_PACKAGES)
    try:
        version = str(pytesseract.get_tesseract_version())
        available = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        raise MissingToolError("tesseract", TESSERACT_PACKAGES) from None
    missing = [lang for lang in language.split("+") if lang not in available]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang}" for lang in missing)
        raise MissingToolError(f"tesseract language {'+'.join(missing)}", f"apt-get install -y {packages}")
    return version


@contextmanager
def single_threaded_tesseract() -> Iterator[None]:
    """Hold Tesseract to one OpenMP thread: on a few cores its threads only fight (9× slower)."""
    previous = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = previous


def tesseract_words(gray: np.ndarray, options: OcrOptions) -> list[Word]:
    """Every word Tesseract finds on a grey page image, with confidence and box."""
    import pytesseract
    from PIL import Image

    config = f"--psm 3 --dpi {options.dpi}"
    data = pytesseract.image_to_data(
        Image.fromarray(gray), lang=options.language, config=config, output_type=pytesseract.Output.DICT
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        confidence = float(data["conf"][i])
        if not text or confidence < MIN_WORD_CONFIDENCE:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text, round(confidence / 100, 3), (x, y, x + w, y + h), line))
    return words


# ---------------------------------------------------------------- page images


def load_page(source: PageSource, dpi: int) -> tuple[np.ndarray, int]:
    """The grey pixels of one page and their resolution: PDFs rendered at `dpi`, images as stored."""
    import numpy as np

    if source.kind == "pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(source.path)
        try:
            bitmap = pdf[source.index].render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
        finally:
            pdf.close()
        return np.asarray(image), dpi
    from PIL import Image

    with Image.open(source.path) as image:
        image.seek(source.index)
        image_dpi = image.info.get("dpi", (dpi, dpi))[0] or dpi
        return np.asarray(image.convert("L")), round(float(image_dpi))


def image_frames(path: Path) -> int:
    """How many pages (frames) an image file holds: TIFFs may hold many."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(path, f"unreadable image ({exc})") from None


# ---------------------------------------------------------------- pages


def is_speck(word: Word) -> bool:
    """A mark Tesseract doubts that holds no letter: dust or a ruling's stub, not text.

    Marks alone (a quote belongs to a word, never stands alone), or a `9` as thin as a streak.
    """
    if word.confidence >= SPECK_CONFIDENCE or any(ch.isalpha() for ch in word.text):
        return False
    x0, top, x1, bottom = word.box
    too_thin = len(word.text) <= 2 and (x1 - x0) < SPECK_WIDTH * (bottom - top)
    marks_only = not any(ch.isdigit() for ch in word.text) and any(ch in SPECK_MARKS for ch in word.text)
    return marks_only or too_thin


INKLESS_SHARE = 0.02
"""A word box with less than this share of its pixels inked holds nothing Tesseract could have read."""


def inkless_marks(word: Word, ink: np.ndarray | None) -> bool:
    """Marks with no letter or digit read over bare paper (`>` where a ruling was erased): nothing there."""
    if ink is None or any(ch.isalnum() for ch in word.text):
        return False
    x0, top, x1, bottom = word.box
    crop = ink[top:bottom, x0:x1]
    return not crop.size or crop.mean() < INKLESS_SHARE


def quote_without_ink(word: Word, ink: np.ndarray | None) -> bool:
    """True when a word read with an opening quote starts, in the ink, with a letter's stroke reaching the baseline.

    A quote's ink sits in the upper half of the line; when the word's first run of inked columns
    reaches its lower half, that run is the first letter and the quote was read from nothing.
    """
    import numpy as np

    if ink is None:
        return False
    x0, top, x1, bottom = word.box
    crop = ink[top:bottom, x0:x1]
    inked = crop.any(axis=0)
    if not inked.any():
        return False
    first = int(inked.argmax())
    end = first + (int(inked[first:].argmin()) if not inked[first:].all() else len(inked) - first)
    rows = np.flatnonzero(crop[:, first:end].any(axis=1))
    return bool(rows[-1] >= crop.shape[0] / 2)


def x_height_of(word: Word) -> float | None:
    """The x-height a word's box shows: its height if it is x-height letters only, 0.7 of it if capitals only."""
    height = word.box[3] - word.box[1]
    if len(word.text) >= 2 and all(ch in X_HEIGHT_LETTERS for ch in word.text):
        return float(height)
    if CAPITALS_ON_BASELINE.match(word.text):
        return height * X_HEIGHT_PER_CAP_HEIGHT
    return None


def x_height(words: Sequence[Word]) -> float | None:
    """The median x-height shown by the words that show one; None when none does."""
    heights = [h for h in map(x_height_of, words) if h is not None]
    return statistics.median(heights) if heights else None


def is_en_dash_wide(width: float, line_x_height: float) -> bool:
    """True when a dash's ink is as wide as an en dash's beside the line's x-height, not a hyphen's."""
    low, high = EN_DASH_WIDTH
    return low <= width / line_x_height <= high


def en_dash(word: Word, line_x_height: float | None) -> str | None:
    """`–` for a lone dash (`-`, or `--` for one long stroke) as wide as an en dash; None for a hyphen or when unsure."""
    if word.text not in ("-", "--") or not line_x_height:
        return None
    return "–" if is_en_dash_wide(word.box[2] - word.box[0], line_x_height) else None


DASH_THICKNESS = 0.35
"""A run of ink columns no taller than this share of the x-height is a dash's stroke, not a letter…"""
DASH_LENGTH = 2.0
"""…and at least this many times as wide as it is tall (a full stop is about as wide as tall)."""
DASH_SPACE = 0.3
"""Blank columns between a dash and its word's letters this wide, in x-heights, are a word space OCR lost."""
DASH_IN_WORD = re.compile(r"^(?P<before>[^-]*)(?P<dash>--?)(?P<after>[^-]*)$")


def dash_stroke(word: Word, line_x_height: float | None, ink: np.ndarray | None) -> tuple[int, int, list[tuple[int, int]]] | None:
    """The one dash stroke in a word's ink: (start, end) columns in the word's box and every inked run; None unless exactly one.

    The word's ink is cut into runs of inked columns; the dash is the one run whose ink is a thin,
    long horizontal stroke.
    """
    import numpy as np

    match = DASH_IN_WORD.match(word.text)
    if ink is None or not line_x_height or match is None or not (match["before"] or match["after"]):
        return None
    x0, top, x1, bottom = word.box
    crop = ink[top:bottom, x0:x1]
    inked = crop.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    runs = [(int(start), int(end)) for start, end in zip(edges[::2], edges[1::2])]
    thin = []
    for start, end in runs:
        thickness = int(crop[:, start:end].any(axis=1).sum())
        if thickness <= DASH_THICKNESS * line_x_height and end - start >= DASH_LENGTH * thickness:
            thin.append((start, end))
    if len(thin) != 1:
        return None
    return thin[0][0], thin[0][1], runs


def en_dash_in_word(word: Word, line_x_height: float | None, ink: np.ndarray | None) -> str | None:
    """`-юни` → `–юни`, `2020-2021` → `2020–2021`: the one dash inside a word, measured in the page's ink.

    Only when exactly one thin stroke is found (`dash_stroke`), and it is en-dash wide, is the dash
    rewritten; hyphens (about half as wide) and words with specks that look like strokes stay.
    """
    stroke = dash_stroke(word, line_x_height, ink)
    if stroke is None or not is_en_dash_wide(stroke[1] - stroke[0], line_x_height):
        return None
    match = DASH_IN_WORD.match(word.text)
    return f"{match['before']}–{match['after']}"


def split_spaced_dash(word: Word, line_x_height: float | None, ink: np.ndarray | None) -> list[Word]:
    """`-м.` read as one word where the ink shows a dash, a word space, then `м.`: two words, each with its box.

    Only a dash opening or closing the word, with blank columns at least `DASH_SPACE` x-heights
    wide between it and the letters; the lone dash is then measured like any other (`en_dash`).
    """
    match = DASH_IN_WORD.match(word.text)
    stroke = dash_stroke(word, line_x_height, ink)
    if stroke is None or (match["before"] and match["after"]):
        return [word]
    start, end, runs = stroke
    x0, top, x1, bottom = word.box
    if match["after"]:
        letters = [run for run in runs if run[0] >= end]
        if not letters or letters[0][0] - end < DASH_SPACE * line_x_height:
            return [word]
        return [Word(match["dash"], word.confidence, (x0, top, x0 + end, bottom), word.line),
                Word(match["after"], word.confidence, (x0 + letters[0][0], top, x1, bottom), word.line)]
    letters = [run for run in runs if run[1] <= start]
    if not letters or start - letters[-1][1] < DASH_SPACE * line_x_height:
        return [word]
    return [Word(match["before"], word.confidence, (x0, top, x0 + letters[-1][1], bottom), word.line),
            Word(match["dash"], word.confidence, (x0 + start, top, x1, bottom), word.line)]


CAPITALS_HEIGHT = 1.25
"""A word of small letters whose box is this many x-heights tall may be capitals read in lower case."""
CAPITAL_COLUMNS = 0.8
"""…and is, when this share of its inked columns reaches the box's top: every letter tall, not just the first."""


def capitals_read_small(word: Word, line_x_height: float | None, ink: np.ndarray | None) -> str | None:
    """`тях` → `ТЯХ`: a word of x-height letters (`т`, `я`, `х` drawn like `Т`, `Я`, `Х`) whose every letter stands cap-tall.

    `ink` is the page's dark-pixel mask; a capitalised word (`Вече` read `вече`) has only its first
    letter tall and stays as read.
    """
    text = word.text
    if ink is None or not line_x_height or len(text) < 2 or not all(ch in X_HEIGHT_LETTERS for ch in text):
        return None
    x0, top, x1, bottom = word.box
    if bottom - top < CAPITALS_HEIGHT * line_x_height:
        return None
    crop = ink[top:bottom, x0:x1]
    inked = crop.any(axis=0)
    if not inked.any():
        return None
    tops = crop.argmax(axis=0)[inked]
    reach = 0.2 * (bottom - top)
    return text.upper() if (tops <= reach).mean() >= CAPITAL_COLUMNS else None


RUN_TOGETHER_CANDIDATE = re.compile(r"^\p{Lu}{5,}$")
"""A word of capitals long enough to be two abbreviations run together (`РЦПППОРУО`)."""


def slash_strokes(word: Word, ink: np.ndarray | None) -> list[float]:
    """Where in a word's box (0–1 across) the ink holds a slash OCR did not read: a thin stroke, word-tall, leaning right.

    A slash's every row is a short run, and its top stands right of its foot by most of its
    width; letters that lean (`У`, `Р`, `Л`) have wide or doubled rows at the top.
    """
    if ink is None or not RUN_TOGETHER_CANDIDATE.match(word.text):
        return []
    import cv2
    import numpy as np

    x0, top, x1, bottom = word.box
    crop = ink[top:bottom, x0:x1].astype(np.uint8)
    if not crop.size:
        return []
    count, labels, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    found = []
    for label in range(1, count):
        left, upper, width, height = stats[label, :4]
        if height < 0.75 * crop.shape[0] or not 0.15 * height <= width <= 0.6 * height:
            continue
        mask = labels[upper:upper + height, left:left + width] == label
        rows = [np.flatnonzero(row) for row in mask]
        if any(len(cols) and cols[-1] - cols[0] + 1 > 0.5 * width for cols in rows):
            continue
        quarter = max(1, height // 4)
        head = np.concatenate([cols for cols in rows[:quarter] if len(cols)] or [np.zeros(0)])
        foot = np.concatenate([cols for cols in rows[-quarter:] if len(cols)] or [np.zeros(0)])
        if len(head) and len(foot) and head.mean() - foot.mean() >= 0.4 * width:
            found.append(round((left + width / 2) / crop.shape[1], 3))
    return found


def repaired_words(
    words: list[Word], page: int, dpi: int, ink: np.ndarray | None = None
) -> tuple[list[dict], list[Artefact]]:
    """Words in PDF points (pdfplumber's shape plus `confidence`), clear OCR confusions repaired.

    Each word takes its Tesseract line's top and bottom, as a text layer gives a font's box: an
    `и` and a `Б` on one line then sit on one line for the PDF reader too. Repairs run over each
    line, so a quote opened by one word and closed by a later one is seen whole; they never add
    or remove a space, so words stay one to one (a dash the ink shows spaced from its word is split
    off first: `split_spaced_dash`). Doubtful marks with no letter are dropped, and so are marks
    read over bare paper and opening quotes whose word starts, in the ink, with a letter. A lone
    dash is measured against its line's x-height (the page's where the line shows none): `-` or `–`;
    given the page's `ink` (dark pixels), a small-letter word whose every letter stands cap-tall is
    read in capitals.
    """
    scale = 72 / dpi
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    result: list[dict] = []
    artefacts: list[Artefact] = []
    page_x_height = x_height(words)
    for line in lines.values():
        x0 = min(w.box[0] for w in line) * scale
        top = min(w.box[1] for w in line) * scale
        x1 = max(w.box[2] for w in line) * scale
        bottom = max(w.box[3] for w in line) * scale
        origin = Origin(page=page, bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
        specks = [w for w in line if is_speck(w) or inkless_marks(w, ink)]
        artefacts.extend(Artefact(reason="ocr-repair", raw=f"{w.text} → ", origin=origin) for w in specks)
        line = [w for w in line if w not in specks]
        if not line:
            continue
        line_x_height = x_height(line) or page_x_height
        split = []
        for w in line:
            parts = split_spaced_dash(w, line_x_height, ink)
            if len(parts) > 1:
                artefacts.append(Artefact(reason="ocr-repair", raw=f"{w.text} → {' '.join(p.text for p in parts)}",
                                          origin=origin))
            split.extend(parts)
        line = split
        read = []
        for w in line:
            fixed = (
                (stray_quote(w.text) if w.confidence < SPECK_CONFIDENCE or quote_without_ink(w, ink) else None)
                or en_dash(w, line_x_height)
                or en_dash_in_word(w, line_x_height, ink)
                # the x-height of the line's other words, worked out only for a word that gets this far
                or capitals_read_small(w, x_height([other for other in line if other is not w]) or page_x_height, ink)
            )
            if fixed is not None:
                artefacts.append(Artefact(reason="ocr-repair", raw=f"{w.text} → {fixed}", origin=origin))
            read.append(fixed or w.text)
        fixed, repairs = repair_ocr_text(" ".join(read))
        texts = fixed.split(" ")
        if len(texts) != len(line):  # cannot happen: repairs keep spaces; keep OCR's text if it does
            texts = [w.text for w in line]
        for word, text in zip(line, texts):
            placed = {"text": text, "x0": round(word.box[0] * scale, 2), "x1": round(word.box[2] * scale, 2),
                      "top": round(top, 2), "bottom": round(bottom, 2),
                      "confidence": word.confidence, "raw": word.raw or word.text}
            slashes = slash_strokes(word, ink)
            if slashes:
                placed["slashes"] = slashes
            result.append(placed)
        artefacts.extend(Artefact(reason="ocr-repair", raw=f"{r.before} → {r.after}", origin=origin) for r in repairs)
    return result, artefacts


NUMBERING_READ = re.compile(r"^(?=.*\d)(?=.*[.:;])(?!.*\d{3})[\d.:;]+$|^[1-9]{2,3}[.:;]?$")
"""A word that may be a misread activity number: digits with stops (or `:`/`;`, a stop misread), no group of
three digits (a year, an amount) and no comma (a decimal amount); or two or three digits without a zero, the
inner stops lost (`211.`, `111`, `213;` for `2.1.1.`, `1.1.1`, `2.1.3.`: a re-read keeping the digits puts
them back; a real `12` reads `12` again and stays)."""
WELL_FORMED_NUMBER = re.compile(r"^[1-9]\d?(?:\.[1-9]\d?)*\.?$")
"""An activity number as printed: `1.`, `1.3.`, `1.1.1.`, `2.10`; no group opens with 0 (`01.03.` is a date)."""
NOT_NUMBERING_AFTER = re.compile(r"^(?:лв|лева|хил|млн|евро|€|%|г\.?|год|\d{4})", re.I)
"""A word after a number that makes it an amount or a date: `2.5 млн.`, `31.12. 2025 г.`."""
NUMBER_CONFIDENCE = 0.9
"""A numbering word read with less confidence than this, or malformed, is read again on its own."""
REREAD_CONFIG = "--psm 6 -c tessedit_char_whitelist=0123456789."
"""The crops stacked into one image, read as a block of lines in digits and stops only (`--psm 4`
read the variant scans' crops the same)."""
REREAD_SCALE = 2
"""The stacked crops are enlarged this many times and made black and white (Otsu) before the re-read:
on the 200-dpi variant scans the grey crops read `1.1.1.` as `115`, enlarged and binarised all six right."""


PixelBox = tuple[int, int, int, int]


def words_in(words: Sequence[Word], box: PixelBox) -> list[int]:
    """Indices of the words whose centre lies in a pixel box (a cell)."""
    x0, y0, x1, y1 = box
    return [i for i, w in enumerate(words) if x0 <= w.centre[0] <= x1 and y0 <= w.centre[1] <= y1]


def numbering_candidates(words: Sequence[Word], cells: Sequence[PixelBox]) -> list[tuple[int, PixelBox]]:
    """(index in `words`, cell box) of each cell's first word that may be a misread number: doubted or malformed.

    Never a word followed on its line by a currency, a year or `г.`: that is an amount or a date.
    """
    found = []
    for box in cells:
        inside = words_in(words, box)
        if not inside:
            continue
        top_line = min(words[i].box[1] for i in inside)
        height = min(words[i].box[3] - words[i].box[1] for i in inside)
        first_line = sorted((i for i in inside if words[i].box[1] < top_line + height / 2),
                            key=lambda i: words[i].box[0])
        word = words[first_line[0]]
        if not NUMBERING_READ.match(word.text):
            continue
        if word.confidence >= NUMBER_CONFIDENCE and WELL_FORMED_NUMBER.match(word.text):
            continue
        if len(first_line) > 1 and NOT_NUMBERING_AFTER.match(words[first_line[1]].text):
            continue
        found.append((first_line[0], box))
    return found


BLANK_CELL_INK = 20
"""Dark pixels a first-column cell with no word must hold to be read again: fewer are dust."""
BLANK_CELL_CONFIDENCE = 0.5
"""The confidence given to a number read only by the re-read (Tesseract's page OCR found no word there)."""
BLANK_CELL_MAX_HEIGHT = 0.4
"""Inches the ink of such a cell may span at most: one short line, a number, not a paragraph."""


def blank_cells(ink: np.ndarray, words: Sequence[Word], grids: Sequence, dpi: int) -> list[tuple[PixelBox, PixelBox, bool]]:
    """(ink box, cell box, narrow) of each cell with ink but no word while another cell of its row has words.

    Whole-page OCR passes over a short text alone in a cell now and then (`2.1.`, `№`, `ДДД`, a dash):
    its ink is there. `narrow` marks a cell of a table of four or more columns no wider than a quarter
    of the table: where a number may stand alone.
    """
    import numpy as np

    margin = max(2, dpi // 40)  # inside the cell's rulings
    found = []
    for grid in grids:
        x0, _, x1, _ = grid.box
        filled = {(cell.row, cell.col) for cell in grid.cells if words_in(words, cell.box)}
        for cell in grid.cells:
            cx0, cy0, cx1, cy1 = cell.box
            if (cell.row, cell.col) in filled or not any(row == cell.row for row, _ in filled):
                continue
            inner = ink[cy0 + margin:cy1 - margin, cx0 + margin:cx1 - margin]
            ys, xs = np.nonzero(inner)
            if len(xs) < BLANK_CELL_INK:
                continue
            left, top = cx0 + margin, cy0 + margin
            narrow = cell.col_span == 1 and len(grid.cols) >= 4 and (cx1 - cx0) <= 0.25 * (x1 - x0)
            found.append(((left + int(xs.min()), top + int(ys.min()), left + int(xs.max()) + 1, top + int(ys.max()) + 1),
                          cell.box, narrow))
    return found


def blank_numbering_cells(ink: np.ndarray, words: Sequence[Word], grids: Sequence, dpi: int) -> list[tuple[PixelBox, PixelBox]]:
    """(ink box, cell box) of each narrow blank cell (`blank_cells`) whose ink is one short line: a number's place.

    The re-read of numbers reads them (`2.`, `2.1.` of a heading row, in whichever column numbers stand).
    """
    return [(box, cell) for box, cell, narrow in blank_cells(ink, words, grids, dpi)
            if narrow and box[3] - box[1] <= BLANK_CELL_MAX_HEIGHT * dpi]


BLANK_TEXT_CONFIG = "--psm 6"
"""A blank cell's crops, stacked, read as one block of lines in the page's language."""
BLANK_TEXT_CONFIDENCE = 0.4
"""A word the re-read of a blank cell gives with less confidence than this is taken for dust."""


def lone_dash(crop: np.ndarray, line_x_height: float | None) -> str | None:
    """`–` (or `-`) when a cell's ink is one thin horizontal stroke and nothing else; None otherwise."""
    import numpy as np

    ys, xs = np.nonzero(crop)
    if not len(xs) or not line_x_height:
        return None
    height, width = int(ys.max() - ys.min()) + 1, int(xs.max() - xs.min()) + 1
    if height > DASH_THICKNESS * line_x_height or width < DASH_LENGTH * height:
        return None
    if not crop[:, xs.min():xs.max() + 1].any(axis=0).all():  # one stroke, no gap along it
        return None
    return "–" if is_en_dash_wide(width, line_x_height) else "-"


def read_blank_cells(
    gray: np.ndarray, ink: np.ndarray, words: list[Word], blank: Sequence[tuple[PixelBox, PixelBox]], options: OcrOptions,
) -> tuple[list[Word], list[tuple[Word, str]]]:
    """The words with the text of cells page OCR passed over (ink box, cell box) read from their crops, in one call.

    A cell whose ink is a lone dash becomes that dash (measured: `–` or `-`); the rest are cropped,
    stacked and read as a block of lines; words read with fair confidence that hold a letter or a
    digit join the page's words where they stand, each crop's lines lines of their own. Returns
    the words and each (cell as a word with nothing read, text read) to report.
    """
    import pytesseract
    from PIL import Image

    page_x_height = x_height(words)
    result, changed, crops = list(words), [], []
    for k, (box, cell) in enumerate(blank):
        x0, y0, x1, y1 = box
        dash = lone_dash(ink[y0:y1, x0:x1], page_x_height)
        if dash is not None:
            result.append(Word(dash, BLANK_CELL_CONFIDENCE, box, (-2, k, 0), raw=""))
            changed.append((Word("", 0.0, box, (-2, k, 0)), dash))
        else:
            crops.append((k, box, cell))
    if not crops:
        return result, changed
    canvas, rows = stacked_crops(gray, [box for _, box, _ in crops], [cell for _, _, cell in crops])
    data = pytesseract.image_to_data(Image.fromarray(canvas), lang=options.language,
                                     config=f"{BLANK_TEXT_CONFIG} --dpi {options.dpi}", output_type=pytesseract.Output.DICT)
    read: dict[int, list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text, confidence = text.strip(), float(data["conf"][i]) / 100
        if not text or confidence < BLANK_TEXT_CONFIDENCE or not any(ch.isalnum() for ch in text):
            continue
        centre = data["top"][i] + data["height"][i] / 2
        index = next((n for n, (top, bottom) in enumerate(rows) if top <= centre < bottom), None)
        if index is None:
            continue
        k, box, cell = crops[index]
        left, top = crop_origin(box, cell)
        x = left + data["left"][i] - rows[0][0]  # crops stand one gap in from the left, the gap above the first
        y = top + data["top"][i] - rows[index][0]
        line = (-2 - k, data["block_num"][i] * 100 + data["par_num"][i], data["line_num"][i])
        read.setdefault(index, []).append(Word(text, round(confidence, 3), (x, y, x + data["width"][i], y + data["height"][i]),
                                               line, raw=""))
    for index, found in read.items():
        result.extend(found)
        changed.append((Word("", 0.0, crops[index][1], found[0].line), " ".join(w.text for w in found)))
    return result, changed


def digits(text: str) -> int:
    """How many digits a text holds."""
    return sum(ch.isdigit() for ch in text)


def crop_padding(box: PixelBox) -> int:
    """The white kept around a crop's ink: a third of its height, at least 3 pixels."""
    return max(3, (box[3] - box[1]) // 3)


def crop_origin(box: PixelBox, bound: PixelBox) -> tuple[int, int]:
    """The page pixel at a crop's top left corner (`stacked_crops`): the box padded, kept inside its bound."""
    pad = crop_padding(box)
    return max(box[0] - pad, bound[0]), max(box[1] - pad, bound[1])


def stacked_crops(
    gray: np.ndarray, boxes: Sequence[PixelBox], bounds: Sequence[PixelBox]
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """The word crops (padded, kept inside their `bounds`) stacked on white with gaps; and each crop's rows in the stack.

    Each crop stands one gap in from the left, so a crop's first row in the stack is also its left edge's offset.
    """
    import numpy as np

    crops = []
    for box, bound in zip(boxes, bounds):
        (left, top), pad = crop_origin(box, bound), crop_padding(box)
        crops.append(gray[top:min(box[3] + pad, bound[3]), left:min(box[2] + pad, bound[2])])
    gap = max(max(c.shape[0] for c in crops), 10)
    width = max(c.shape[1] for c in crops) + 2 * gap
    height = sum(c.shape[0] for c in crops) + gap * (len(crops) + 1)
    canvas = np.full((height, width), 255, dtype=gray.dtype)
    rows, top = [], gap
    for crop in crops:
        canvas[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
        rows.append((top, top + crop.shape[0]))
        top += crop.shape[0] + gap
    return canvas, rows


def within_word(word: Word, cell: PixelBox, offset: int, extents: Sequence[tuple[float, float]]) -> bool:
    """True when the ink a re-read found (its words' extents across the crop) lies inside the page word's box.

    The crop stands `offset` pixels in from the stack's left edge (`stacked_crops`); a few pixels of play
    either side, a fifth of the word's height, allow for the two readings' boxes.
    """
    left, _ = crop_origin(word.box, cell)
    start = min(x0 for x0, _ in extents) - offset + left
    end = max(x1 for _, x1 in extents) - offset + left
    play = (word.box[3] - word.box[1]) / 5
    return word.box[0] - play <= start and end <= word.box[2] + play


def added_inside(word: Word, reread: str, within: bool) -> bool:
    """A re-read with more digits than a doubted page word is taken when its ink lies in the word's box and it
    keeps the word's digits in order (`1.` read for `1.1`, the box as wide as `1.2` beside it): page OCR lost
    a stop and a digit it had boxed; a digit from a speck outside the box is not taken."""
    if not within or word.confidence >= NUMBER_CONFIDENCE:
        return False
    kept = iter(ch for ch in reread if ch.isdigit())
    return all(digit in kept for digit in (ch for ch in word.text if ch.isdigit()))


def reread_numbers(
    gray: np.ndarray, words: list[Word], cells: Sequence[PixelBox], options: OcrOptions,
    blank: Sequence[tuple[PixelBox, PixelBox]] = (),
) -> tuple[list[Word], list[tuple[Word, str]]]:
    """The words with cells' doubted numbers read again, all in one Tesseract call; and each (word, new text).

    Each cell's first word that looks like numbering (digits and stops) but is doubted or
    malformed is cropped; the crops, stacked with white gaps, are read as lines in digits and
    stops only. A word takes its re-read text only when that is a well-formed number, differs,
    and has as many digits: whole-page OCR loses or misreads stops, and a re-read that drops a
    digit (`11.` read `1.` by the Bulgarian model) is the worse reading. The ink of `blank` cells (ink box,
    cell box) is read in the same call; what reads as a well-formed number with a stop becomes a word
    there, on a line of its own (recorded with nothing as the text read before).
    """
    import cv2
    import pytesseract
    from PIL import Image

    candidates = numbering_candidates(words, cells)
    if not candidates and not blank:
        return words, []
    canvas, rows = stacked_crops(gray, [words[i].box for i, _ in candidates] + [box for box, _ in blank],
                                 [box for _, box in candidates] + [cell for _, cell in blank])
    enlarged = cv2.resize(canvas, None, fx=REREAD_SCALE, fy=REREAD_SCALE, interpolation=cv2.INTER_CUBIC)
    _, binary = cv2.threshold(enlarged, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    data = pytesseract.image_to_data(Image.fromarray(binary), lang=options.language,
                                     config=f"{REREAD_CONFIG} --dpi {options.dpi * REREAD_SCALE}",
                                     output_type=pytesseract.Output.DICT)
    texts = [[] for _ in rows]
    for i, text in enumerate(data["text"]):
        if not text.strip():
            continue
        centre = (data["top"][i] + data["height"][i] / 2) / REREAD_SCALE
        for k, (top, bottom) in enumerate(rows):
            if top <= centre < bottom:
                texts[k].append((data["left"][i], text.strip(), data["left"][i] + data["width"][i]))
    result, changed = list(words), []
    for (index, cell), parts in zip(candidates, texts):
        reread = "".join(text for _, text, _ in sorted(parts))
        word = words[index]
        if not WELL_FORMED_NUMBER.match(reread) or reread == word.text:
            continue
        within = bool(parts) and within_word(word, cell, rows[0][0], [(left / REREAD_SCALE, right / REREAD_SCALE)
                                                                     for left, _, right in parts])
        if digits(reread) == digits(word.text) or (digits(reread) > digits(word.text) and added_inside(word, reread, within)):
            result[index] = Word(reread, word.confidence, word.box, word.line, raw=word.text)
            changed.append((word, reread))
    for k, ((box, _), parts) in enumerate(zip(blank, texts[len(candidates):])):
        reread = "".join(text for _, text, _ in sorted(parts))
        if WELL_FORMED_NUMBER.match(reread) and "." in reread:
            found = Word(reread, BLANK_CELL_CONFIDENCE, box, (-1, -1, k), raw="")
            result.append(found)
            changed.append((Word("", 0.0, box, found.line), reread))
    return result, changed


_IMAGE_WORK = threading.Lock()
"""Held while a page's image is cleaned, straightened and searched for rulings: each step makes full-size
copies (~100 MB at 300 dpi), so pages recognised in parallel threads take turns there and overlap in
Tesseract, where the time goes."""


def recognise_page_image(gray: np.ndarray, page: int, dpi: int, options: OcrOptions) -> OcrPage:
    """OCR one grey page image: despeckle, deskew, recover table grids, read and repair words.

    A page with no ruled table gets the cell boxes of a borderless one, if its words hold a header row.
    """
    from .grid import GridSettings, deskew, despeckle, erase_rulings, find_tables, ink_mask, skew_angle
    from .pdf_columns import unruled_tables

    grid_settings = GridSettings(dpi=dpi)
    height, width = gray.shape
    with _IMAGE_WORK:  # one page's full-size temporaries at a time; Tesseract itself runs in parallel
        clean = despeckle(gray, dpi)
        angle = skew_angle(clean, grid_settings.max_skew_degrees)
        straight = deskew(clean, angle)
        del clean
        grids, rulings = find_tables(straight, grid_settings)
        erased = erase_rulings(straight, rulings, grid_settings)
        del straight, rulings
        ink = ink_mask(erased) > 0  # the ink Tesseract is shown
    page_options = options.model_copy(update={"dpi": dpi})
    words = tesseract_words(erased, page_options)
    blank = blank_numbering_cells(ink, words, grids, dpi) if grids else []
    words, renumbered = reread_numbers(erased, words, [cell.box for grid in grids for cell in grid.cells], page_options,
                                       blank)
    still_blank = [(box, cell) for box, cell, _ in blank_cells(ink, words, grids, dpi)] if grids else []
    words, reread = read_blank_cells(erased, ink, words, still_blank, page_options) if still_blank else (words, [])
    renumbered += reread
    with _IMAGE_WORK:
        placed, artefacts = repaired_words(words, page, dpi, ink)
    scale = 72 / dpi
    artefacts = [Artefact(reason="ocr-repair", raw=f"{word.text or '(no word read)'} → {text}",
                          origin=Origin(page=page, bbox=tuple(round(v * scale, 1) for v in word.box)))
                 for word, text in renumbered] + artefacts
    tables = [[tuple(round(v * scale, 2) for v in cell.box) for cell in grid.cells] for grid in grids]
    if not tables:  # no ruled table: one printed without rulings, anchored on its header row as in a text PDF
        tables = unruled_tables(placed, width * scale)
    return OcrPage(number=page, width=round(width * scale, 2), height=round(height * scale, 2), words=placed,
                   tables=tables, artefacts=artefacts, skew_degrees=angle)


_PDFIUM_LOCK = threading.Lock()


def _recognise_source(source: PageSource, options: OcrOptions) -> OcrPage:
    if source.kind == "pdf":
        with _PDFIUM_LOCK:  # pdfium is not thread-safe
            gray, dpi = load_page(source, options.dpi)
    else:
        gray, dpi = load_page(source, options.dpi)
    return recognise_page_image(gray, source.index + 1, dpi, options)


@contextmanager
def _progress(total: int, options: OcrOptions, label: str) -> Iterator[Callable[[], None]]:
    """A page progress bar on stderr (rich), shown only for several pages on a terminal; yields `advance`."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    enabled = options.progress and total > 1 and console.is_terminal
    with Progress(console=console, disable=not enabled, transient=True) as progress:
        task = progress.add_task(f"OCR {label}", total=total)
        yield lambda: progress.advance(task)


def recognise_sources(sources: Sequence[PageSource], options: OcrOptions, label: str = "OCR") -> list[OcrPage]:
    """OCR many pages, `jobs` at a time, results in page order.

    Threads suffice: the work is Tesseract's own process per page (and OpenCV, which releases
    the GIL), so pages run on separate cores without pickling pages or re-importing in workers.
    """
    require_tesseract(options.language)
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(sources)))
    with _progress(len(sources), options, label) as advance, single_threaded_tesseract():
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            pages = []
            for page in pool.map(lambda source: _recognise_source(source, options), sources):
                pages.append(page)
                advance()
            return pages


def document_lexicon(pages: Sequence[OcrPage], settings: Settings) -> Lexicon:
    """The evidence for repairs across pages: the Bulgarian word list, the glossary's and the financing sources'
    abbreviations, the words read."""
    from ..normalise.financing import ABBREVIATIONS as FINANCING_ABBREVIATIONS
    from ..normalise.glossary import load_glossary

    glossary = load_glossary(settings.glossary)
    named = [a for entry in glossary.entries.values() for a in entry.abbreviations]
    abbreviations = abbreviation_words([*named, *FINANCING_ABBREVIATIONS])
    texts = (word["text"] for page in pages for word in page.words)
    return Lexicon.of(texts, load_dictionary(), abbreviations)


def split_word(word: dict, text: str) -> list[dict]:
    """A word with repaired text; where a lost space was put back, one word per part, the box shared by letters."""
    parts = text.split(" ")
    if len(parts) == 1:
        return [{**word, "text": text}]
    width = (word["x1"] - word["x0"]) / max(1, len(text))
    result, start = [], 0
    for part in parts:
        x0 = word["x0"] + start * width
        result.append({**word, "text": part, "x0": round(x0, 2), "x1": round(x0 + len(part) * width, 2)})
        start += len(part) + 1
    return result


def slash_at_cut(word: dict, text: str, repairs: list[OcrRepair]) -> tuple[str, list[OcrRepair]]:
    """Two abbreviations cut apart (`РЦПППО РУО`) joined by the slash the word's ink holds at the cut, if it holds one."""
    if len(repairs) != 1 or repairs[0].rule != "run-together" or not word.get("slashes") or text.count(" ") != 1:
        return text, repairs
    left, right = text.split(" ")
    cut = len(left) / (len(left) + len(right))
    if not any(abs(at - cut) <= 1.5 / (len(left) + len(right)) for at in word["slashes"]):
        return text, repairs
    joined = f"{left}/{right}"
    return joined, [OcrRepair(repairs[0].before, joined, "run-together")]


def repaired_by_lexicon(pages: list[OcrPage], settings: Settings) -> list[OcrPage]:
    """The pages with words no dictionary knows repaired where one known form is near; each repair an artefact.

    Also `дом. ноември` → `до м. ноември`: a preposition run into `м.`, shown by the month after it.
    """
    lexicon = document_lexicon(pages, settings)
    result = []
    for page in pages:
        words, artefacts = [], list(page.artefacts)
        for index, word in enumerate(page.words):
            following = page.words[index + 1]["text"] if index + 1 < len(page.words) else ""
            split = month_abbreviation_run_in(word["text"], following)
            if split is not None:
                text, repairs = split, [OcrRepair(word["text"], split, "lost-space")]
            else:
                text, repairs = repair_with_lexicon(word["text"], lexicon)
                text, repairs = slash_at_cut(word, text, repairs)
            words.extend(split_word(word, text) if repairs else [word])
            origin = Origin(page=page.number, bbox=(word["x0"], word["top"], word["x1"], word["bottom"]))
            artefacts.extend(Artefact(reason="ocr-repair", raw=f"{r.before} → {r.after}", origin=origin) for r in repairs)
        result.append(OcrPage(number=page.number, width=page.width, height=page.height, words=words,
                              tables=page.tables, artefacts=artefacts, skew_degrees=page.skew_degrees))
    return result


def ocr_pages(path: Path, page_numbers: Sequence[int], settings: Settings) -> list[OcrPage]:
    """OCR the given 1-based pages of a PDF (those without a usable text layer), in page order."""
    sources = [PageSource(str(path), number - 1, "pdf") for number in page_numbers]
    return repaired_by_lexicon(recognise_sources(sources, settings.ocr, label=Path(path).name), settings)


def has_usable_text(text: str) -> bool:
    """True when a PDF page's text layer holds real words: some letters, few broken glyphs."""
    letters = sum(ch.isalpha() for ch in text)
    broken = text.count("\ufffd") + text.count("(cid:")
    return letters > 0 and broken * 10 < letters


def read_image(path: Path, data: bytes, settings: Settings) -> LayoutDocument:
    """Read a scanned image (PNG, JPEG, single- or multi-page TIFF) by OCR, like a scanned PDF."""
    from .pdf import assemble, page_from_words, set_aside_furniture

    frames = image_frames(path)
    if frames > settings.limits.max_pages:
        raise InputError(path, f"{frames} pages, over the limit of {settings.limits.max_pages}")
    sources = [PageSource(str(path), index, "image") for index in range(frames)]
    scans = repaired_by_lexicon(recognise_sources(sources, settings.ocr, label=path.name), settings)
    pages = [page_from_words(s.number, s.width, s.height, s.tables, s.words) for s in scans]
    if not any(page.lines or page.pieces for page in pages):
        raise InputError(path, "no text recognised in the image")
    artefacts = set_aside_furniture(pages)
    blocks, dropped = assemble(pages, load_dictionary())
    repairs = [artefact for scan in scans for artefact in scan.artefacts]
    source = describe_source(path, data, "image", pages=frames)
    return LayoutDocument(source=source, blocks=blocks, artefacts=artefacts + dropped + repairs)
