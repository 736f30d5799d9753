"""Repairs of OCR confusions where the evidence is clear, each one reported.

Only tokens that cannot be right as read are touched: a word mixing Cyrillic and Latin letters,
a `3` or `6` glued to Cyrillic letters with no other digit beside it, doubled commas standing for
`„`. Numbers, dates and amounts (tokens with two or more digits, or digits alone) never change.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

HOMOGLYPHS = str.maketrans("AaBCcEeHKkMOoPpTXxYy", "АаВСсЕеНКкМОоРрТХхУу")
"""Latin letters drawn like a Cyrillic one: the usual OCR slip inside a Cyrillic word."""

TRANSLITERATION = {
    "b": "б", "d": "д", "g": "г", "i": "и", "l": "л", "n": "н", "r": "г", "u": "и", "v": "в",
    "z": "з", "s": "с", "t": "т", "m": "м", "h": "н", "f": "ф", "j": "й", "w": "ш",
    "D": "Д", "G": "Г", "I": "И", "L": "Л", "N": "Н", "R": "Я", "U": "И", "V": "В", "Z": "З",
    "S": "С", "F": "Ф", "J": "Й", "W": "Ш",
}  # fmt: skip
"""Latin letters with no Cyrillic look-alike, read as the Cyrillic letter they stand for."""

UNITS = frozenset({"г", "гг", "год", "бр", "лв", "хил", "млн", "ч", "мин", "дни", "души", "места", "ти", "ри", "ви", "ма"})
"""Words that legitimately follow a number without a space (`3бр`, `2013г`, `3-ти`)."""

TOKEN = re.compile(r"[\p{L}\d]+")
CYRILLIC = re.compile(r"\p{Cyrillic}")
LATIN = re.compile(r"\p{Latin}")
DIGIT_IN_WORD = re.compile(r"^(?P<before>\p{Cyrillic}*)(?P<digit>[36])(?P<after>\p{Cyrillic}*)$")
DOUBLE_COMMA_QUOTE = re.compile(r"(?<![\p{L}\d]),,(?=\p{L})")
LOW_COMMA_QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s(]))[,‚](?=\p{Lu}\p{Ll}[^,‚„“”\"]*[“”\"])")
STRAIGHT_CLOSE = re.compile(r'(?<=„[^„“”"]*[\p{L}\d.)])["″]')


@dataclass(frozen=True)
class OcrRepair:
    """One repaired token: what OCR read, what it now says, and why."""

    before: str
    after: str
    rule: str


def _mixed_script_word(token: str) -> str | None:
    """A Cyrillic word with Latin letters in it, rewritten all in Cyrillic; None when not clear."""
    if not (CYRILLIC.search(token) and LATIN.search(token)) or sum(ch.isdigit() for ch in token) > 1:
        return None
    letters = []
    for ch in token:
        if LATIN.match(ch):
            mapped = ch.translate(HOMOGLYPHS)
            if mapped == ch:
                mapped = TRANSLITERATION.get(ch, ch)
            if mapped == ch:
                return None
            letters.append(mapped)
        else:
            letters.append(ch)
    return "".join(letters)


def _digit_for_letter(token: str) -> str | None:
    """`3` read for `З`/`з`, `6` for `б` when glued into a Cyrillic word; None when not clear."""
    match = DIGIT_IN_WORD.match(token)
    if not match:
        return None
    before, digit, after = match["before"], match["digit"], match["after"]
    if len(before + after) < 2 or (not before and after.casefold() in UNITS):
        return None
    if digit == "3":
        letter = "з" if before and not before.isupper() else "З"
    elif (before + after).isupper():
        return None
    else:
        letter = "б"
    return f"{before}{letter}{after}"


def repair_words(text: str) -> tuple[str, list[OcrRepair]]:
    """Rewrite mixed-script words and letters read as digits, token by token."""
    repairs: list[OcrRepair] = []

    def fix(match: re.Match) -> str:
        token = match[0]
        for rule, repair in (("latin-in-cyrillic", _mixed_script_word), ("digit-for-letter", _digit_for_letter)):
            fixed = repair(token)
            if fixed is not None and fixed != token:
                repairs.append(OcrRepair(token, fixed, rule))
                token = fixed
        return token

    return TOKEN.sub(fix, text), repairs


def repair_quotes(text: str) -> tuple[str, list[OcrRepair]]:
    """Bulgarian quotes read as commas or straight marks: `,,Дума"` becomes `„Дума“`; `,Дума”` becomes `„Дума”`."""
    repairs: list[OcrRepair] = []

    def record(replacement: str):
        def sub(match: re.Match) -> str:
            repairs.append(OcrRepair(match[0], replacement, "broken-quote"))
            return replacement

        return sub

    text = DOUBLE_COMMA_QUOTE.sub(record("„"), text)
    text = LOW_COMMA_QUOTE.sub(record("„"), text)
    text = STRAIGHT_CLOSE.sub(record("“"), text)
    return text, repairs


def repair_ocr_text(text: str) -> tuple[str, list[OcrRepair]]:
    """All clear-evidence repairs of one OCR'd text, with the list of what changed."""
    text, word_repairs = repair_words(text)
    text, quote_repairs = repair_quotes(text)
    return text, word_repairs + quote_repairs
