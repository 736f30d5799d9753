"""Roman numerals as printed and as OCR reads them: shared by the recogniser (area numbers), the OCR text repairs
and the deadline parser (months and quarters)."""

from __future__ import annotations

import regex as re

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ROMAN_NUMERAL = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
ROMAN_LOOKALIKES = {"П": "II", "Ш": "III", "У": "V", "Г": "I", "Т": "I", "І": "I", "Х": "X", "!": "I", "|": "I",
                    "l": "I", "1": "I"}
"""What the Bulgarian model reads for Latin Roman numerals: `II` as `П`, `IV` as `ГУ` or `ТУ`, `VI` as `У!`, `IX`
as `1Х` (a `1` only beside a letter: `11` stays a number)."""


def roman_to_int(text: str) -> int | None:
    """Value of a Roman numeral (I–C range), None if it is not one."""
    text = text.upper()
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for current, following in zip(text, text[1:] + " "):
        value = ROMAN[current]
        total += -value if following != " " and ROMAN[following] > value else value
    return total


def roman_from_lookalikes(token: str) -> str | None:
    """A Roman numeral read as Cyrillic look-alikes (`ГУ` → `IV`), or None when the letters make none (or are
    a numeral or a number already)."""
    if all(ch in "IVX" for ch in token) or all(ch.isdigit() for ch in token):
        return None
    numeral = "".join(ROMAN_LOOKALIKES.get(ch, ch) for ch in token)
    return numeral if ROMAN_NUMERAL.match(numeral) else None
