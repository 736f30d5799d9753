"""Word list numbering: the numbers Word prints before list paragraphs (`w:numPr`), which their text lacks.

A paragraph in a numbered list holds only its words; Word draws `1.1.` from the numbering part: the paragraph
names a list (`w:numId`) and a level (`w:ilvl`), the list its abstract definition (per level: start, number
format, label pattern `%1.%2.`), possibly overridden (`w:lvlOverride`, `w:startOverride`). We count the
paragraphs of each list in body order, as Word does, and write each label into its paragraph as a first
run, so every reader of paragraph and cell text sees the number a reader of the page sees. A paragraph style
may number its paragraphs (`List Number`): they count in its list as if listed themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_VAL = W + "val"
LEVELS = 9
PLACEHOLDER = re.compile(r"%([1-9])")
# Word's `russianLower` sequence (the letters Bulgarian lists run through: no ъ, ь, й).
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"
ROMAN_STEPS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
               (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class Level:
    """One level of a list definition: the first number, its format and the label pattern."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""


def _val(element, tag: str) -> str | None:
    child = element.find(W + tag) if element is not None else None
    return child.get(W_VAL) if child is not None else None


def _level(lvl, base: Level | None = None) -> Level:
    base = base or Level()
    start = _val(lvl, "start")
    fmt = _val(lvl, "numFmt")
    text = _val(lvl, "lvlText")
    return Level(start=int(start) if start and start.isdigit() else base.start, fmt=fmt or base.fmt,
                 text=base.text if text is None else text)


def list_levels(numbering) -> dict[str, dict[int, Level]]:
    """Each list (`w:numId`) with its levels: the abstract definition's, with the list's own overrides."""
    abstract: dict[str, dict[int, Level]] = {}
    for definition in numbering.iterchildren(W + "abstractNum"):
        abstract[definition.get(W + "abstractNumId")] = {
            int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in definition.iterchildren(W + "lvl")
        }
    lists: dict[str, dict[int, Level]] = {}
    for num in numbering.iterchildren(W + "num"):
        levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
        for override in num.iterchildren(W + "lvlOverride"):
            ilvl = int(override.get(W + "ilvl", "0"))
            level = override.find(W + "lvl")
            if level is not None:
                levels[ilvl] = _level(level, levels.get(ilvl))
            start = _val(override, "startOverride")
            if start and start.isdigit():
                levels[ilvl] = Level(int(start), levels.get(ilvl, Level()).fmt, levels.get(ilvl, Level()).text)
        lists[num.get(W + "numId")] = levels
    return lists


def _roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN_STEPS:
        while number >= value:
            out, number = out + letters, number - value
    return out


def format_number(number: int, fmt: str) -> str:
    """A counter as the level's format prints it (`decimal` 3, `upperRoman` III, `russianLower` в)."""
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("russianLower", "russianUpper", "lowerLetter", "upperLetter"):
        letters = CYRILLIC if fmt.startswith("russian") else LATIN
        letter = letters[(number - 1) % len(letters)] * ((number - 1) // len(letters) + 1)
        return letter.upper() if fmt.endswith("Upper") else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


def label(levels: dict[int, Level], counters: list[int | None], ilvl: int) -> str:
    """The label of a paragraph at `ilvl` once the counters are advanced: its pattern with each `%n` filled."""
    level = levels.get(ilvl, Level())
    if level.fmt == "none":
        return ""
    if level.fmt == "bullet":
        return "•"

    def fill(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        source = levels.get(index, Level())
        value = counters[index] if counters[index] is not None else source.start
        return format_number(value, source.fmt)

    return PLACEHOLDER.sub(fill, level.text).strip()


def _list_of(p, style_lists: dict[str, tuple[str, str]]) -> tuple[str | None, str]:
    """The list and level a paragraph is numbered in: its own `w:numPr`, else its style's (a level of its own kept)."""
    p_pr = p.find(W + "pPr")
    num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
    num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
    if num_id is None and p_pr is not None and style_lists:
        style = _val(p_pr, "pStyle")
        if style in style_lists:
            num_id, style_level = style_lists[style]
            ilvl = ilvl or style_level
    return num_id, ilvl or "0"


def number_paragraphs(body, numbering, style_lists: dict[str, tuple[str, str]] | None = None) -> None:
    """Write each list paragraph's label into it as a first run (`1.1.` then a space), counting in body order; a
    paragraph listed by its style (`List Number`) as one listed itself."""
    if numbering is None:
        return
    lists = list_levels(numbering)
    counters: dict[str, list[int | None]] = {}
    for p in body.iter(W + "p"):
        num_id, ilvl = _list_of(p, style_lists or {})
        if not num_id or num_id == "0" or num_id not in lists or not ilvl.isdigit() or int(ilvl) >= LEVELS:
            continue
        level, levels = int(ilvl), lists[num_id]
        count = counters.setdefault(num_id, [None] * LEVELS)
        count[level] = levels.get(level, Level()).start if count[level] is None else count[level] + 1
        count[level + 1:] = [None] * (LEVELS - level - 1)
        text = label(levels, count, level)
        if text:
            run = etree.Element(W + "r")
            etree.SubElement(run, W + "t").text = f"{text} "
            p.find(W + "pPr").addnext(run)
