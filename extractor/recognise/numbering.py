"""Numbers as printed in programmes: areas (I–VII, 1–4), goals (1., а.), activities (2.1., 1.А.1.)."""

from __future__ import annotations

from typing import NamedTuple

import regex as re

from ..numerals import roman_to_int

LATIN_TO_CYRILLIC = str.maketrans("AaBEeKMHOoPpCcTyXx", "АаВЕеКМНОоРрСсТуХх")
CYRILLIC_LETTERS = "абвгдежзийклмнопрстуфхцчшщъьюя"
# A goal number: `1.`, `12)`, `а.`, `б)`; a lone `6` may be a misread `б` (decided by context).
GOAL_PREFIX = r"(?:(?:Оперативна|Специфична|Стратегическа)\s+)?(?:цел|подцел)\s*№?\s*"
GOAL_NUMBER = re.compile(
    rf"^\s*(?:{GOAL_PREFIX})?(?:(?P<digit>[1-9]\d?)\s*[.):](?!\s*\d)|(?P<letter>[А-Яа-яA-Za-z])\s*[.)])\s*", re.I
)
# An activity number: at least two parts, the first a digit: `2.1.`, `1. А.1.`, `2. А. 3`, `1.1Кариерно`.
ACTIVITY_NUMBER = re.compile(
    r"^\s*(?:(?:Дейност|Мярка|Задача)\s*№?\s*)?(?P<number>[1-9]\d?(?:\s*\.\s*(?:[1-9]\d?(?!\d)|[А-Яа-яA-Za-z](?![А-Яа-яA-Za-z])))+)(?!\s*\.\s*\d)\s*\.?\s*"
)
AREA_LABELS = (r"Приоритетн[аи]\s+област|Приоритетно\s+направление|Приоритет|Стратегическа\s+цел"
               r"|Стратегическо\s+направление|Направление|Област\s+на\s+въздействие|Област|Раздел")
AREA_HEADING = re.compile(
    rf"^\s*(?P<label>{AREA_LABELS})\s*(?:№\s*)?"
    r"(?P<number>[IVXLCІХ]+|\d{1,2})(?![\w])\s*[.:)\-–]?\s*(?P<title>.*)$",
    re.I | re.S,
)


# The number before the label: `1. Приоритетна област: Здравеопазване`, `II. Стратегическа цел – …`. The label ends
# in a colon, a dash, a quote or the end, so `1. Направление на деца към услуги` (an activity) is none.
NUMBER_FIRST_HEADING = re.compile(
    rf"^\s*(?P<number>[IVXLCІХ]+|\d{{1,2}})\s*[.)]\s*(?P<label>{AREA_LABELS})\s*(?:[:.\-–—]\s*|(?=[„\"«])|$)"
    r"(?P<title>.*)$",
    re.I | re.S,
)
ROMAN_HEADING = re.compile(r"^\s*(?P<label>)(?P<number>[IVXLCІХ]{1,5})\s*[.:)]\s+(?P<title>\p{Lu}.*)$", re.S)


def match_area_heading(text: str) -> re.Match | None:
    """`Приоритетна област II: …`, `Стратегическа цел 3. …`, `1. Приоритетна област: …` or a bare `IV. ЗДРАВЕОПАЗВАНЕ`;
    groups label, number, title."""
    return AREA_HEADING.match(text) or NUMBER_FIRST_HEADING.match(text) or ROMAN_HEADING.match(text)


CYRILLIC_ROMAN = str.maketrans("ІХ", "IX")


def area_number(text: str) -> int | None:
    """An area number as printed (`IV`, `3`, or with Cyrillic `І`/`Х` look-alikes) as an integer."""
    return int(text) if text.isdigit() else roman_to_int(text.upper().translate(CYRILLIC_ROMAN))


class Numbered(NamedTuple):
    """A cell's leading number split from its text (a named tuple: made for every row, cheaper than a dataclass)."""

    number: str | None
    raw: str | None
    text: str


GOAL_PREFIX_BEFORE_NUMBER = re.compile(rf"^\s*{GOAL_PREFIX}(?=\d)", re.I)


def split_goal_number(text: str) -> Numbered:
    """Split `1.Подкрепа…`, `а. Развитие…`, `Цел 2:` or a multi-level `1.2. …` into number and text."""
    if not text:
        return Numbered(None, None, text)  # most rows under a goal merged down over them have no goal text
    prefix = GOAL_PREFIX_BEFORE_NUMBER.match(text)
    start = prefix.end() if prefix else 0
    multi = match_activity_number(text[start:])
    if multi:
        raw = text[: start + multi.end()].strip()
        return Numbered(normalise_activity_number(multi.group("number")), raw, text[start + multi.end() :])
    match = GOAL_NUMBER.match(text)
    if not match:
        return Numbered(None, None, text)
    rest = text[match.end() :]
    if match.group("letter"):
        letter = match.group("letter").translate(LATIN_TO_CYRILLIC).lower()
        if letter not in CYRILLIC_LETTERS or not rest[:1].isalpha() and rest:
            return Numbered(None, None, text)
        return Numbered(letter, match.group(0).strip(), rest)
    return Numbered(match.group("digit"), match.group(0).strip(), rest)


def normalise_activity_number(raw: str) -> str:
    """`1. А.1.` → `1.А.1`; Latin look-alike letters become Cyrillic, spaces and the last dot go."""
    compact = "".join(raw.split()).rstrip(".")  # str.split: no regex call for the few characters of a number
    return compact.translate(LATIN_TO_CYRILLIC)


# `3. Провеждане…`; `3, Провеждане…` too (a dot read or typed as a comma), before a capital only.
SINGLE_NUMBER = re.compile(
    r"^\s*(?:(?:Дейност|Мярка|Задача)\s*№?\s*)?(?P<number>[1-9]\d?)\s*(?:[.)]\s+(?=\p{L}|„|\")|,\s+(?=\p{Lu}))"
)
# A number cell that names the activity's word with a single number (`Дейност 1.`, `Мярка 3`): a number, not text.
LABELLED_NUMBER = re.compile(r"\s*(?:Дейност|Мярка|Задача)\s*№?\s*[1-9]\d{0,2}\s*[.)]?\s*")
NUMBER_WORD_INITIALS = frozenset("ДМЗ")  # of `Дейност`, `Мярка`, `Задача`, the words written before a number


def may_open_activity_number(text: str) -> bool:
    """False where the first character rules out an activity number (a letter that opens no number word): most
    cells, told apart without the pattern (regex's every call costs some thousands of instructions)."""
    opens = text.lstrip()[:1]
    return opens != "" and (not opens.isalpha() or opens in NUMBER_WORD_INITIALS)


def match_activity_number(text: str) -> re.Match | None:
    """`ACTIVITY_NUMBER.match(text)`, run only where the first character allows a number."""
    return ACTIVITY_NUMBER.match(text) if may_open_activity_number(text) else None


def split_activity_number(text: str, single_level: bool = False) -> Numbered:
    """Split `2.1.Създаване…` into `2.1` and the text; `single_level` also takes `3. Провеждане…` (activity column)."""
    return numbered_activity(text, match_activity_number(text), single_level)


def numbered_activity(text: str, match: re.Match | None, single_level: bool = False) -> Numbered:
    """`split_activity_number` given `ACTIVITY_NUMBER.match(text)` made already (a cell read for alignment keeps it)."""
    if match is None and single_level and may_open_activity_number(text):
        match = SINGLE_NUMBER.match(text)
    if not match:
        return Numbered(None, None, text)
    raw = match.group(0).strip()
    return Numbered(normalise_activity_number(match.group("number")), raw, text[match.end() :])


# An activity lettered `а)`, `б)` (a closing parenthesis: `с.` and `гр.` open place names), or `а.` alone in a cell.
LETTER_ITEM = re.compile(r"^\s*(?P<number>[а-яa-z])\s*\)\s*(?=\S)")
LETTER_ONLY = re.compile(r"\s*[а-яa-z]\s*[.)]\s*")


def split_letter_item(text: str) -> Numbered:
    """Split `б) Беседи…` into the letter `б` (Latin look-alikes read as Cyrillic) and the text; anything else
    stays unnumbered."""
    match = LETTER_ITEM.match(text)
    letter = match["number"].translate(LATIN_TO_CYRILLIC) if match else ""
    if letter not in CYRILLIC_LETTERS or not letter:
        return Numbered(None, None, text)
    return Numbered(letter, match.group(0).strip(), text[match.end() :])


def is_letter_only(text: str) -> bool:
    """True for a cell holding only a letter as a number, `а)`, `б.` (a number column lettering activities)."""
    return LETTER_ONLY.fullmatch(text) is not None


def is_number_only(text: str) -> bool:
    """True for a cell holding only an activity number, e.g. `2.Б.1` or `3.А.1.`."""
    numbered = split_activity_number(text)
    return numbered.number is not None and not numbered.text.strip()


def letter_goal_index(letter: str) -> int:
    """Position of a goal letter in the alphabet (а → 0)."""
    return CYRILLIC_LETTERS.index(letter.lower())


def follows_letter(previous: str | None, letter: str) -> bool:
    """Whether `letter` is the one after `previous` in the alphabet, both in the letter's case (`б` after `а`, `Б`
    after `А`); False for a previous number that is no single letter (`1.2`) or none."""
    letters = CYRILLIC_LETTERS if letter.islower() else CYRILLIC_LETTERS.upper()
    return (previous is not None and len(previous) == 1 and previous in letters
            and letters.index(previous) + 1 == letters.index(letter))


def is_sublevel(number: str, parent: str) -> bool:
    """True when `number` lies under `parent` in a numbering by depth: `1.1.1` under `1.1`, `2.1` under `2`."""
    return number.startswith(parent + ".") and len(number) > len(parent) + 1


def mostly_upper(text: str) -> bool:
    """True for headings and titles set in capitals (`ЗДРАВЕОПАЗВАНЕ`, `ПЛАН ЗА ДЕЙСТВИЕ ЗА 2013 г.`): four fifths
    of the letters upper case."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


NUMBERED_TITLE = re.compile(r"^\s*(?P<label>)(?P<number>[1-9]\d?)\s*[.)]\s+(?P<title>\p{Lu}.*)$", re.S)


def match_numbered_area(text: str) -> re.Match | None:
    """A bare number and a capitals title, `1. ЗДРАВЕОПАЗВАНЕ` (small municipalities print areas so); groups as
    `match_area_heading`. Only a paragraph standing straight before a table is read so: sections of the text
    before the annex are numbered the same way."""
    match = NUMBERED_TITLE.match(text)
    return match if match and mostly_upper(match["title"]) else None


# A list marker opening an activity's text: `•`, `▪`, `►`, `*`, and dashes or Word's `o` before a space.
BULLET = re.compile(r"^\s*(?P<marker>[•●◦▪■►▸➢➤✓✔*·]|[-–—o](?=\s))\s*(?=\S)")


def split_bullet(text: str) -> Numbered:
    """Split a list marker from the text, `• Беседи…` → (None, `•`, `Беседи…`): the marker is kept as the raw number."""
    match = BULLET.match(text)
    if not match:
        return Numbered(None, None, text)
    return Numbered(None, match["marker"], text[match.end() :])
