"""Printed lines of words and their joining into text, for any reader that has word boxes.

A PDF's text layer, an OCR'd page and space-aligned text (`pdftotext -layout`, one character as
the unit) all give words with positions. Here they become lines, and the lines of one cell or
paragraph become text: a line that was wrapped because the next word did not fit joins with a
space, a line that ended early ends a paragraph (`\n`), and a word broken at the line end is
rejoined only on evidence (the document or the language's dictionary spells it whole).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from statistics import median

import regex as re

from ..model.layout import BBox

PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:стр(?:аница)?\.?|page)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|от|of)\s*\d{1,4})?\s*$", re.I
)
# The e-signature note Bulgarian e-government systems print on every page (page furniture, like page numbers).
SIGNATURE = re.compile(r"Електронен\s+документ,\s+подписан|До\s+адресата\s+се\s+изпраща\s+чрез", re.I)
EDGE_PUNCTUATION = "\"'„“”«»‚‘’()[]{}.,;:!?"
LINE_TOLERANCE = 3.0  # points: words whose tops differ less sit on one line
BORDER_ALLOWANCE = 0.5  # points of a cell's width taken by its ruling lines
CLOSING = ",.;:!?)]}»”"  # marks that close what comes before them: a line never opens with one unless forced
CYRILLIC_WORD = re.compile(r"\p{Cyrillic}+")  # a word of Cyrillic letters only, no marks or digits


@dataclass
class Line:
    """One printed line: its words' text and box, and the width of what opens it.

    `first_word_width` is the width of the first unit a line break could not split: the first word,
    or a lone dash or slash together with the word after it (`– детска`).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    first_word_width: float
    gaps: list[float] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def words_to_lines(words: list[dict], page: int) -> list[Line]:
    """Words grouped into lines by their top, each line's words left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    result = []
    for group in lines:
        group.sort(key=lambda w: w["x0"])
        result.append(
            Line(
                text=" ".join(w["text"] for w in group),
                x0=group[0]["x0"],
                x1=group[-1]["x1"],
                top=min(w["top"] for w in group),
                bottom=max(w["bottom"] for w in group),
                page=page,
                first_word_width=_first_unit(group),
                gaps=[b["x0"] - a["x1"] for a, b in zip(group, group[1:])],
            )
        )
    return sorted(result, key=lambda line: line.top)


def _first_unit(words: list[dict]) -> float:
    if len(words) > 1 and not re.search(r"[\p{L}\p{N}]", words[0]["text"]):
        return words[1]["x1"] - words[0]["x0"]
    return words[0]["x1"] - words[0]["x0"]


def _token(text: str) -> str:
    return text.strip(EDGE_PUNCTUATION).casefold()


def vocabulary(lines: list[Line]) -> set[str]:
    """Word forms printed whole somewhere in the document (a line's last hyphen-ended word excluded)."""
    words: set[str] = set()
    for line in lines:
        tokens = line.text.split()
        if tokens and tokens[-1].endswith("-"):
            tokens = tokens[:-1]
        words.update(_token(token) for token in tokens)
    return words


def join_hyphenated(left: str, right: str, known: set[str], dictionary: Container[str] | None = None) -> str:
    """A line ending in a hyphen joined to the next: decided by the word forms printed whole elsewhere.

    `образова-` + `ние` is rejoined as `образование` when the document prints that word and not
    `образова` alone, or when the language's dictionary knows `образование` and not `образова-ние`;
    a compound (`социално-` + `икономически`, `по-` + `ниска`) keeps its hyphen; `София-` + `град`
    keeps a space when `София-` stands alone elsewhere. With no evidence the hyphen is kept and no
    space added.
    """
    head = left.split()[-1]
    tail = right.split()[0]
    stem, rest = _token(head[:-1]), _token(tail)
    if not stem:  # a lone hyphen: `София -` + `град` is `-град` if the document prints that
        return f"{left}{right}" if f"-{rest}" in known else f"{left} {right}"
    if f"{stem}-{rest}" in known:
        return f"{left}{right}"
    if f"{stem}{rest}" in known and stem not in known and stem.isalpha() and rest.isalpha():
        return f"{left[:-1]}{right}"
    if f"{stem}-" in known:
        return f"{left} {right}"
    if (dictionary and stem.isalpha() and rest.isalpha() and _is_word(f"{stem}{rest}", dictionary)
            and not _is_word(f"{stem}-{rest}", dictionary)):
        return f"{left[:-1]}{right}"
    return f"{left}{right}"


def _is_word(word: str, dictionary: Container[str]) -> bool:
    return any(form in dictionary for form in (word, word.lower(), word.capitalize()))


def join_unhyphenated(left: str, right: str, known: set[str], dictionary: Container[str] | None = None,
                      broken: bool = False) -> str:
    """A line wrapped inside a word with no hyphen (a narrow column: `Постоян` + `ен`) joined to the next.

    The halves are rejoined when the whole is a word (printed elsewhere in the document or in the
    dictionary) and neither half is one. When the layout proves the word was broken (`broken`, see
    `broken_word`) they are rejoined when the whole is a word (`Финансира` + `не`) or when neither
    half is one (`Общопрактик` + `уващите`); capitals (`МКБП` + `ПМН`) unless both halves are words
    and the whole is not (`СВОБОДНО` + `ВРЕМЕ`). Otherwise the lines join with a space. Without a
    dictionary the halves are looked up in the document, where they are printed, so nothing joins.
    In a compound the halves are the parts next to the break (`кандидат-прием` + `ни`, `кандид` + `ат-`).
    """
    head, tail = left.split()[-1], right.split()[0]
    stem, rest = _token(head.rsplit("-", 1)[-1] or head), _token(tail.split("-")[0] or tail)
    halves = dictionary if dictionary else known
    whole_known = f"{stem}{rest}" in known or (dictionary is not None and _is_word(f"{stem}{rest}", dictionary))
    if broken and _breaks_number_or_capitals(head, tail):
        two_words = (dictionary is not None and stem.isalpha() and rest.isalpha() and not whole_known
                     and _is_word(stem, dictionary) and _is_word(rest, dictionary))
        return f"{left} {right}" if two_words else f"{left}{right}"
    if not (head[-1].isalpha() and tail[0].isalpha() and tail[0].islower()):
        return f"{left} {right}"
    if not (stem.isalpha() and rest.isalpha()):
        return f"{left} {right}"
    neither = not (_is_word(stem, halves) or _is_word(rest, halves))
    if (whole_known and (neither or broken)) or (broken and neither):
        return f"{left}{right}"
    return f"{left} {right}"


def broken_word(previous: Line, line: Line, width: float) -> bool:
    """A word too long for its column, broken with no hyphen (`Подкреп` / `а`): layout proves it.

    The line before holds one word only and fills the column so far that the next line's first
    character would not have fitted after it, and the next line goes on as the same word would: in
    lower case, or a number or an abbreviation in capitals going on (`31.12.2` / `016 г.`, `МКБП` /
    `ПМН`). A word that fitted would have moved whole to the next line. The character is measured
    as the average glyph of the next line's first word, in its own case and print: a head that left
    room for it (`Бюджет` / `на РЗИ`, `ПРАВОТО` / `НА`) was wrapped before a whole word.
    """
    head = previous.text
    tail = line.text.split()[0] if line.text.split() else ""
    lower = head[-1:].isalpha() and tail[:1].islower()
    if previous.gaps or " " in head or not (lower or _breaks_number_or_capitals(head, tail)):
        return False
    next_glyph = line.first_word_width / len(tail)
    return previous.width > width - BORDER_ALLOWANCE - next_glyph


def _breaks_number_or_capitals(head: str, tail: str) -> bool:
    """Whether two halves read as one number (`2016/2` + `017`) or one abbreviation (`МКБП` + `ПМН`)."""
    if head[-1:].isdigit() and tail[:1].isdigit():
        return True
    letters = tail.strip(EDGE_PUNCTUATION)
    return head[-1:].isalpha() and head.isupper() and letters.isalpha() and letters.isupper()


def join_lines(lines: list[Line], width: float | None, space: float, known: set[str],
               dictionary: Container[str] | None = None, slack: float = 0.0) -> str:
    """Lines of one cell or paragraph as text: wrapped lines joined, early-ended lines kept as line breaks.

    `width` is the width the text may fill; None when every line is known to be wrapped.
    `dictionary` (word forms of the language, for OCR'd pages) lets a break with no hyphen be rejoined.
    `slack`: how far the boxes may be off (OCR's), given to a line that would prove a word broken.
    """
    if not lines:
        return ""
    text = lines[0].text
    for previous, line in zip(lines, lines[1:]):
        hyphenated = previous.text.endswith("-") and re.match(r"[\p{L}\p{N}]", line.text) is not None
        needed = previous.width + line.first_word_width + space
        # None: lines already known to make one paragraph; else wrapped when the next word did not fit
        wrapped = width is None or needed > width - BORDER_ALLOWANCE
        if not wrapped:
            text = f"{text}\n{line.text}"
        elif _opens_with_closing_mark(text, line.text):
            text = f"{text}{line.text}"  # `МБАЛ` / `, ЦОП`: a word with its comma was too wide, the comma moved
        elif hyphenated:
            text = join_hyphenated(text, line.text, known, dictionary)
        elif dictionary is not None and _last_o_read_as_zero(text, line.text, dictionary):
            text = f"{text}о{line.text[1:]}"
        else:
            broken = width is not None and broken_word(previous, line, width - slack)
            text = join_unhyphenated(text, line.text, known, dictionary, broken)
    return text


def _last_o_read_as_zero(text: str, line: str, dictionary: Container[str]) -> bool:
    """OCR reads a word's last `о`, wrapped alone onto the next line, as a zero (`целогодишн` / `0`): the head is
    no word, with the `о` it is one."""
    head, tail = text.split()[-1] if text.split() else "", line.split()[0] if line.split() else ""
    return (tail == "0" and CYRILLIC_WORD.fullmatch(head) is not None and not _is_word(head, dictionary)
            and _is_word(f"{head}о", dictionary))


def _opens_with_closing_mark(text: str, line: str) -> bool:
    """Whether a wrapped line opens with a mark that closes the text before it: a comma or full stop, a
    closing bracket, or `“` after an unclosed `„` (Bulgarian quotes).
    """
    first = line[:1]
    return first in CLOSING or (first == "“" and text.count("„") > text.count("“"))


def space_width(lines: list[Line]) -> float:
    """The width of a space as printed: the median gap between words on a line."""
    gaps = [gap for line in lines for gap in line.gaps if gap > 0]
    return median(gaps) if gaps else 2.5


def ocr_dictionary() -> Container[str]:
    """The word forms OCR'd text is checked against (empty when the word list is not installed)."""
    from .ocr_repair import load_dictionary

    return load_dictionary()
