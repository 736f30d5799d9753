"""Repairs of OCR confusions where the evidence is clear, each one reported.

Only tokens that cannot be right as read are touched: a word mixing Cyrillic and Latin letters,
a `3` or `6` glued to Cyrillic letters with no other digit beside it, doubled commas standing for
`„`, a Roman numeral read as Cyrillic where a number must stand. Numbers, dates and amounts
(tokens with two or more digits, or digits alone) never change.

A second pass weighs each word against a `Lexicon`: the language's word forms (a system word
list such as Debian's `wbulgarian`), the glossary's abbreviations and the words the document
itself prints. A word no dictionary knows is repaired only when exactly one near form is known:
`ДЕИСТВИЕ` → `ДЕЙСТВИЕ` (Й read as И), `цоп` → `ЦОП` (case lost in a short abbreviation),
`РЦШШПО` → `РЦПППО` (an abbreviation the document prints many times, one or two letters off).
"""

from __future__ import annotations

import mmap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex as re
from rapidfuzz.distance import Levenshtein

from ..numerals import roman_from_lookalikes, roman_to_int

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
QUOTES = frozenset("„“”\"«»")
STRAIGHT_CLOSE = re.compile(r'(?<=„[^„“”"]*[\p{L}\d.)])["″]')

NUMERAL_READ = r"[ПШУГТІХIVX!|l1]{1,5}"
NUMBERED_HEADING_WORD = r"(?:област|направление|приоритет|раздел|глава|част|цел|приложение)"
ROMAN_IN_HEADING = re.compile(rf"(?<=\b{NUMBERED_HEADING_WORD}\s+(?:№\s*)?)(?P<numeral>{NUMERAL_READ})(?=\s*[.:)]|\s*$)", re.I)
ROMAN_BEFORE_GRADE = re.compile(
    rf"(?<=(?:^|\s|-))(?P<numeral>{NUMERAL_READ})(?=\s+клас\b|\s+до\s+{NUMERAL_READ}\s+клас\b|\s*[–-]\s*{NUMERAL_READ}\s+клас\b)"
)
# Where a deadline's Roman numeral stands: a month after `м.` or before a year (`м. |Х 2024`, `ХП.2024`), a
# quarter or half before its word (`ГУ тримесечие`, `|–ТУ тримесечие`).
ROMAN_MONTH_READ = re.compile(
    rf"(?:(?<=\bм\.\s*)|(?<=(?:^|[\s(–-])))(?P<numeral>{NUMERAL_READ})(?=\s*\.?\s*(?:[–-]\s*{NUMERAL_READ}\s*)?\d{{4}})"
    rf"|(?<=\bм\.\s*)(?P<numeral>{NUMERAL_READ})(?=\s*(?:[,/–-]|$))"
)
ROMAN_PART_READ = re.compile(
    rf"(?<=(?:^|[\s(–-]))(?P<numeral>{NUMERAL_READ})"
    rf"(?=(?:\s*[–-]\s*{NUMERAL_READ})?\s*(?:-?\s*(?:во|ро|то)\s*)?(?:тримесечие|полугодие|шестмесечие))"
)
ROMAN_BEFORE_TITLE = re.compile(rf"^(?P<numeral>{NUMERAL_READ})(?=\.\s+(?P<title>\p{{Lu}}[\p{{Lu}}\s,–-]*)$)")
"""`П. ОБРАЗОВАНИЕ И СОЦИАЛНА ИНТЕГРАЦИЯ`: a Roman number before a title in capitals on a line of its own (an area
heading); not digits, and not an initial before a name (one short word: `П. ПЕТРОВА`)."""
ONE_READ_AS_TE = re.compile(r"^(\s*)т\.(?=\s+\p{Lu}\p{Ll})")
"""`т. Подобряване …` opening a line or cell: the number `1.` read as `т.`; `т.` (точка) is followed by a number."""
BULLET_READ = re.compile(r"^(\s*)«(?=\s+\p{L})")
"""A bullet `•` opening a line read as `«` (with no `»` to close it anywhere in the text)."""
YEAR_MARK_READ = re.compile(r"(?<=\b(?:19|20)\d\d\s?)[еe]$")
"""A year's `г.` closing a text read as `е` (`учебната 2022/2023 е`)."""
NUMERO_READ = re.compile(r"(?<![\p{L}\d])Ко(?=\s*\d)")
"""`№` read as `Ко` before a number (`Решение Ко 523`, `ПРИЛОЖЕНИЕ Ко 1`): `Ко` is no word."""
NUMERO_ALONE = re.compile(r"(?<!\S)(?:[КХМ][оo]|[КМ][еe]|N[оеoe°])(?!\S)")
"""`№` standing alone (a table's number column heading) read as `Ко`, `Хо`, `Ке`, `No`: none is a word."""
YEAR_MARK_AS_ER = re.compile(r"(?<=\b(?:19|20)\d\d\s)[РP]\.(?=\s|$|[,;)])")
"""`до 30.06.2018 Р.`: a year's `г.` read as a capital `Р.`, which stands after no year."""
PERCENT_READ = re.compile(r"(?<=\d\s?)Фо(?![\p{L}\d])")
"""`95 Фо`: a per cent sign read as `Фо` after a number; `Фо` is no word."""
YEAR_STOP_READ = re.compile(r"(?<=\d\s?г):$")
"""`2024 г:` closing a line: the full stop of `г.` read as a colon."""
NUMBER_PUNCTUATION_READ = re.compile(r"^(\s*)(\d{1,2}(?:\.\d{1,2}|:\d|;\d{1,2})+[.;])(?=\s|$)")
"""`1.2;`, `1:8.` opening a line: an activity's number whose full stops were read as `;` or `:` (a
minute has two digits, so `10:30.` is no such number)."""
MONTHS = r"(?:януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември)"
DAY_ONE_READ = re.compile(rf"(?<![\p{{L}}\d.])[ТIl|](?=\s+{MONTHS}\s+\d{{4}})", re.I)
"""`Т юни 2021`: a day `1` read as a letter, standing where a date's day must (before a month and a year)."""
PAREN_BEFORE_SLASH = re.compile(r"(?<=\p{Lu})\)(?=/)")
"""`СМД)/`: a slash read as `)/`; repaired only when the text opens no parenthesis."""
ZE_FOR_THREE = re.compile(r"^(\s*)З(?=\s*\.\s*\p{Lu}\s*\.\s*\d)")
"""`З.А.1.` at the start of a line: an activity number (digit, letter, digit) whose 3 was read as `З`."""


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


def stray_quote(word: str) -> str | None:
    """A doubted word opened by a closing-shape quote that nothing closes (`“подкрепени`): a speck, dropped.

    Call only for words Tesseract doubts; a quote it reads with confidence stays.
    """
    if len(word) < 3 or word[0] not in "“”\"" or not word[1].isalpha() or any(ch in QUOTES for ch in word[1:]):
        return None
    return word[1:]


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


def repair_roman_numerals(text: str) -> tuple[str, list[OcrRepair]]:
    """Roman numerals read as Cyrillic where a number must stand: after `област`, `раздел`…, before `клас`; a month
    after `м.` or before a year, a quarter before `тримесечие` (only a numeral a month can have, I to XII)."""
    repairs: list[OcrRepair] = []

    def fix(match: re.Match) -> str:
        numeral = roman_from_lookalikes(match["numeral"])
        if numeral is None:
            return match[0]
        repairs.append(OcrRepair(match[0], numeral, "roman-numeral"))
        return numeral

    def fix_month(match: re.Match) -> str:
        numeral = roman_from_lookalikes(match["numeral"])
        return fix(match) if numeral is not None and roman_to_int(numeral) <= 12 else match[0]

    def fix_title(match: re.Match) -> str:
        title = match["title"].split()
        return fix(match) if not match["numeral"].isdigit() and (len(title) > 1 or len(title[0]) >= 12) else match[0]

    text = ROMAN_BEFORE_TITLE.sub(fix_title, text)
    text = ROMAN_IN_HEADING.sub(fix, text)
    text = ROMAN_BEFORE_GRADE.sub(fix, text)
    if any(ch.isdigit() for ch in text) or "м." in text:
        text = ROMAN_MONTH_READ.sub(fix_month, text)
    if "годие" in text or "месечие" in text:
        text = ROMAN_PART_READ.sub(fix_month, text)
    return text, repairs



def repair_numbering(text: str) -> tuple[str, list[OcrRepair]]:
    """Signs of numbering misread: `Ко 523` (or `Хо` alone on its line) is `№ 523`, `З.А.1.` opening a line is `3.А.1.`, `Т юни 2021` is `1 юни 2021`.

    An activity number opening a line has full stops, not `;` or `:` (`1.2;`, `1:8.`), and so has
    a year's `г.` closing a line (`2024 г:`); a year's `г.` read `Р.` is `г.`, and `Фо` after a number is `%`.
    Also `СМД)/` is `СМД/` where the text opens no parenthesis: the slash read as `)/`.
    """
    repairs: list[OcrRepair] = []

    def numero(match: re.Match) -> str:
        repairs.append(OcrRepair(match[0], "№", "numero-sign"))
        return "№"

    def number_stops(match: re.Match) -> str:
        fixed = re.sub(r"[:;]", ".", match[2])
        if fixed != match[2]:
            repairs.append(OcrRepair(match[2], fixed, "stop-read-as-colon"))
        return f"{match[1]}{fixed}"

    def year_stop(match: re.Match) -> str:
        repairs.append(OcrRepair("г:", "г.", "stop-read-as-colon"))
        return "."

    def three(match: re.Match) -> str:
        repairs.append(OcrRepair("З", "3", "letter-for-digit"))
        return f"{match[1]}3"

    def day_one(match: re.Match) -> str:
        repairs.append(OcrRepair(match[0], "1", "letter-for-digit"))
        return "1"

    def bullet(match: re.Match) -> str:
        repairs.append(OcrRepair("«", "•", "bullet-read-as-quote"))
        return f"{match[1]}•"

    def year_mark(match: re.Match) -> str:
        repairs.append(OcrRepair(match[0], "г.", "year-mark-misread"))
        return "г."

    def parenthesis(match: re.Match) -> str:
        repairs.append(OcrRepair(")/", "/", "phantom-parenthesis"))
        return ""

    text = NUMERO_READ.sub(numero, text)
    text = NUMERO_ALONE.sub(numero, text)
    text = NUMBER_PUNCTUATION_READ.sub(number_stops, text)
    text = YEAR_STOP_READ.sub(year_stop, text)
    text = ZE_FOR_THREE.sub(three, text)
    text = DAY_ONE_READ.sub(day_one, text)
    text, found = _one_read_as_te(text)
    repairs += found
    if "»" not in text:
        text = BULLET_READ.sub(bullet, text)
    text = YEAR_MARK_READ.sub(year_mark, text)
    text, found = _marks_after_numbers(text)
    repairs += found
    if "(" not in text:
        text = PAREN_BEFORE_SLASH.sub(parenthesis, text)
    return text, repairs


def repair_cell_text(text: str) -> tuple[str, list[OcrRepair]]:
    """The repairs that need an OCR'd cell's lines together: a numeral on the line after its label (`Направление` /
    `Т.`, `|–ТУ` / `тримесечие`), a goal's `1.` read as `т.` alone on its line before the title, a year's `Р.`
    or a number's `Фо` wrapped onto the next line (`30.06.2018` / `Р.`)."""
    text, roman_repairs = repair_roman_numerals(text)
    text, one_repairs = _one_read_as_te(text)
    text, mark_repairs = _marks_after_numbers(text)
    return text, roman_repairs + one_repairs + mark_repairs


def _marks_after_numbers(text: str) -> tuple[str, list[OcrRepair]]:
    repairs: list[OcrRepair] = []

    def swap(replacement: str, rule: str):
        def sub(match: re.Match) -> str:
            repairs.append(OcrRepair(match[0], replacement, rule))
            return replacement
        return sub

    text = YEAR_MARK_AS_ER.sub(swap("г.", "year-mark-misread"), text)
    text = PERCENT_READ.sub(swap("%", "percent-misread"), text)
    return text, repairs


def _one_read_as_te(text: str) -> tuple[str, list[OcrRepair]]:
    fixed = ONE_READ_AS_TE.sub(r"\g<1>1.", text)
    return fixed, [OcrRepair("т.", "1.", "letter-for-digit")] if fixed != text else []


def repair_ocr_text(text: str) -> tuple[str, list[OcrRepair]]:
    """All clear-evidence repairs of one OCR'd text, with the list of what changed."""
    text, roman_repairs = repair_roman_numerals(text)
    text, numbering_repairs = repair_numbering(text)
    text, word_repairs = repair_words(text)
    text, quote_repairs = repair_quotes(text)
    return text, roman_repairs + numbering_repairs + word_repairs + quote_repairs


# ---------------------------------------------------------------- repairs weighed against a lexicon

DICTIONARY = Path("/usr/share/dict/bulgarian")
DICTIONARY_PACKAGE = "wbulgarian"
"""The Bulgarian word list (every inflected form, one a line) and the Debian package that installs it."""

MIN_EVIDENCE = 3
"""How often the document must print a form for it to count as that document's own spelling."""


class WordList:
    """A sorted word list (one form a line, byte order) searched in place: no load time, a few µs a word."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with path.open("rb") as handle:
                self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # missing, unreadable or empty
            self._data = b""

    def __bool__(self) -> bool:
        return bool(self._data)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        return self._search(word.encode("utf-8"))

    def _search(self, key: bytes) -> bool:
        data, low, high = self._data, 0, len(self._data)
        while low < high:  # invariant: `key`, if present, starts a line in data[low:high]
            middle = (low + high) // 2
            start = data.rfind(b"\n", low, middle) + 1 if middle > low else low
            start = max(start, low)
            end = data.find(b"\n", start, high)
            end = high if end < 0 else end
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                low = end + 1
            else:
                high = start
        return False


@lru_cache(maxsize=4)
def load_dictionary(path: Path = DICTIONARY) -> WordList:
    """The language's word forms from a sorted system word list; empty when it is not installed (repairs off)."""
    return WordList(path)


def abbreviation_shaped(word: str) -> bool:
    """In capitals (`РЦПППО`), or an abbreviation with a small letter or two among three or more capitals (`ОбСНВ`)."""
    if word.isupper():
        return True
    upper = sum(ch.isupper() for ch in word)
    return upper >= 3 and word[0].isupper() and len(word) - upper <= 2 and word.isalpha()


def abbreviation_words(abbreviations: Iterable[str]) -> frozenset[str]:
    """The Cyrillic words of abbreviations shaped as one (`Д „СД“` gives `Д`, `СД`; `ОбСНВ`)."""
    return frozenset(
        word for text in abbreviations for word in TOKEN.findall(text)
        if abbreviation_shaped(word) and CYRILLIC.search(word) and not LATIN.search(word)
    )


@dataclass(frozen=True)
class Lexicon:
    """What says a word is right: the language's word forms, known abbreviations, the document's own words."""

    dictionary: WordList | frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    document: Counter = field(default_factory=Counter)  # tokens as read, case kept

    @classmethod
    def of(cls, texts: Iterable[str], dictionary: WordList | frozenset[str], abbreviations: frozenset[str]) -> Lexicon:
        return cls(dictionary, abbreviations, Counter(token for text in texts for token in TOKEN.findall(text)))

    def is_word(self, token: str) -> bool:
        """In the word list as printed, in lower case, or capitalised (a name printed in capitals)."""
        return any(form in self.dictionary for form in {token, token.lower(), token.capitalize()})

    def is_known(self, token: str) -> bool:
        """A dictionary word or a known abbreviation."""
        return self.is_word(token) or token in self.abbreviations

    def splits_into_words(self, token: str) -> bool:
        """True when the token reads as two words run together (`иот` is `и от`): a lost space, not a misread."""
        return any(self.is_word(token[:i]) and self.is_word(token[i:]) for i in range(1, len(token)))

    def evidence(self, form: str) -> int:
        """How well a form is attested: times the document prints it, plus a threshold's worth if the glossary knows it."""
        return self.document[form] + (MIN_EVIDENCE if form in self.abbreviations else 0)

    @cached_property
    def capitalised(self) -> frozenset[str]:
        """Upper-case words that stand for an abbreviation: the glossary's and those the document prints often."""
        frequent = {w for w, n in self.document.items() if n >= MIN_EVIDENCE and len(w) > 1 and abbreviation_shaped(w)}
        return self.abbreviations | frequent


def _breve_restored(token: str, lexicon: Lexicon) -> str | None:
    """`ДЕИСТВИЕ` → `ДЕЙСТВИЕ`: one И of an unknown word read for Й, when exactly one such reading is a word."""
    if len(token) < 3 or lexicon.is_known(token) or not any(ch in "Ии" for ch in token):
        return None
    if lexicon.splits_into_words(token):
        return None
    readings = {
        token[:i] + ("Й" if ch == "И" else "й") + token[i + 1:]
        for i, ch in enumerate(token) if ch in "Ии"
    }
    words = [reading for reading in readings if lexicon.is_word(reading)]
    return words[0] if len(words) == 1 else None


def _abbreviation_case(token: str, lexicon: Lexicon) -> str | None:
    """`цоп` → `ЦОП`: a short lower-case non-word whose capitals are an abbreviation, printed more often so.

    A single letter needs the glossary too: `м.`, `г.`, `т.` (month, year, item) stay lower case.
    """
    upper = token.upper()
    if not token.islower() or len(token) > 6 or lexicon.is_word(token) or token in UNITS:
        return None
    if len(token) == 1 and upper not in lexicon.abbreviations:  # `м.`, `г.`, `т.`: month, year, item
        return None
    evidence = lexicon.evidence(upper) if len(token) > 1 else lexicon.document[upper]
    return upper if evidence >= MIN_EVIDENCE and evidence >= 2 * lexicon.document[token] else None


def _abbreviation_mixed_case(token: str, lexicon: Lexicon) -> str | None:
    """`ДДд`, `Ддд`, `ОзД` → `ДДД`, `ОЗД`: a short non-word mixing cases whose capitals are an abbreviation printed
    more often so (a letter's case lost, as `_abbreviation_case` for a word all in small letters).

    Not a capitalised word (`Дом`), nor one shaped as an abbreviation with small letters (`МВнР`, `ОбСНВ`).
    """
    upper = token.upper()
    if len(token) < 2 or len(token) > 6 or token.isupper() or token.islower() or not token.isalpha():
        return None
    if lexicon.is_known(token) or abbreviation_shaped(token) or upper not in lexicon.capitalised:
        return None
    evidence = lexicon.evidence(upper)
    return upper if evidence >= MIN_EVIDENCE and evidence >= 2 * lexicon.document[token] else None


def _abbreviation_misread(token: str, lexicon: Lexicon) -> str | None:
    """`РЦШШПО` → `РЦПППО`, `ОбСВВ` → `ОбСНВ`: an unknown word shaped as an abbreviation one or two letters off a
    far better attested abbreviation.

    `ШШ` may stand for `ППП` (the same six stems, joined at the foot instead of the head): `РЕЦШШПО`
    is two letters off `РЦПППО` so read.
    """
    if len(token) < 4 or not abbreviation_shaped(token) or not CYRILLIC.search(token) or lexicon.is_known(token):
        return None
    reach = 1 if len(token) < 6 else 2
    readings = {token, token.replace("ШШ", "ППП")}  # six stems either way: `РЕЦШШПО` for `Р(Е)ЦПППО`
    candidates = sorted(
        ((lexicon.evidence(w), w) for w in lexicon.capitalised
         if w != token and len(w) >= 4
         and any(abs(len(w) - len(reading)) <= (1 if reading == token else reach) and Levenshtein.distance(w, reading, score_cutoff=reach) <= reach
                 for reading in readings)),
        reverse=True,
    )
    if not candidates:
        return None
    best, candidate = candidates[0]
    runner_up = candidates[1][0] if len(candidates) > 1 else 0
    if best >= MIN_EVIDENCE * max(1, lexicon.document[token], runner_up):
        return candidate
    return None


def _run_together(token: str, lexicon: Lexicon) -> str | None:
    """`РЦПППОРУО` → `РЦПППО РУО`: two abbreviations run together where a space or a slash was lost.

    Each part a well attested abbreviation (or one clearly misread, `РЦШШПО`), the whole none, and
    exactly one cut that gives two such parts. The cut is given as a space; where the page's ink
    shows a slash at the cut, the reader puts the slash there instead.
    """
    if len(token) < 5 or not token.isupper() or not CYRILLIC.search(token) or lexicon.is_known(token):
        return None
    if token in lexicon.capitalised:
        return None

    def part(text: str) -> str | None:
        if len(text) < 2:
            return None
        return text if text in lexicon.capitalised else _abbreviation_misread(text, lexicon)

    cuts = [(left, right) for i in range(2, len(token) - 1)
            if (left := part(token[:i])) and (right := part(token[i:]))]
    return f"{cuts[0][0]} {cuts[0][1]}" if len(cuts) == 1 else None


SLASH_AS_EF = re.compile(r"^(?P<head>\p{Lu}{2,})ф(?P<tail>\p{Ll}{2,})$")


def _slash_read_as_ef(token: str, lexicon: Lexicon) -> str | None:
    """`СОфрайони` → `СО/райони`: a slash read as `ф` between a known abbreviation and a word."""
    match = SLASH_AS_EF.match(token)
    if match is None or lexicon.is_word(token):
        return None
    if match["head"] in lexicon.capitalised and lexicon.is_word(match["tail"]):
        return f"{match['head']}/{match['tail']}"
    return None


PREPOSITIONS = frozenset("в във от на за с със до към при".split())
"""Short words after which a narrow space is lost before an abbreviation (`от м.`, `за м.`)."""
TRAILING_PREPOSITIONS = frozenset("в на за".split())
"""Prepositions a narrow space is lost before, run into the word in small letters ahead of them (`училищатав`)."""


def _lost_space(token: str, lexicon: Lexicon) -> str | None:
    """`иот` → `и от`, `отм` → `от м`, `ЗСУв` → `ЗСУ в`, `7и` → `7 и`: a short word run into its neighbour.

    Prepositions double as prefixes (`не-`, `по-`, `от-`), so a cut is made only where the evidence
    is clear: `и` (never a prefix) before a known form; a preposition before a short form the
    document prints often and no dictionary knows (`м` for месец), or before a number (`в8`); `и`/`в`
    after a number, an abbreviation or a capitalised name; `в`, `на`, `за` after a word of four letters or
    more in a token all in small letters (`училищатав`, `лагерза`). Exactly one such cut, and the whole
    is no word: `дом` stays.
    """
    if len(token) < 2 or lexicon.is_known(token):
        return None
    seen = lexicon.document[token]

    def known(part: str) -> bool:
        return lexicon.is_known(part) or (part.islower() and lexicon.document[part] >= MIN_EVIDENCE)

    def cut_ok(left: str, right: str) -> bool:
        # a run-together form printed often must be far rarer than its parts (`отм.` 3 times, `м.` 40)
        if seen >= MIN_EVIDENCE and any(not part.isdigit() and not lexicon.is_known(part)
                                        and lexicon.document[part] < MIN_EVIDENCE * seen for part in (left, right)):
            return False
        if left == "и":
            return known(right)
        if left in PREPOSITIONS:
            return right.isdigit() or (len(right) <= 2 and right.islower() and not lexicon.is_word(right) and known(right))
        if right in ("и", "в"):
            if left.isdigit() or left in lexicon.capitalised or (left[0].isupper() and lexicon.is_word(left)):
                return True
        # a word in small letters run into the preposition after it (`бременнив`, `лагерза`): not a capitalised
        # one, which may be a name (`Светлана`)
        # (`изпълненна`: a doubled letter at the cut is a misspelling, not a lost space)
        return (right in TRAILING_PREPOSITIONS and token.islower() and len(left) >= 4 and lexicon.is_word(left)
                and left[-1] != right[0])

    cuts = [f"{token[:i]} {token[i:]}" for i in range(1, len(token)) if cut_ok(token[:i], token[i:])]
    return cuts[0] if len(cuts) == 1 else None


MONTH_ABBREVIATION_RUN_IN = re.compile(r"^(?P<preposition>\p{Ll}{2,5})м\.$")
DATE_PREPOSITIONS = frozenset("до от за през към след преди около".split())
"""Words that stand before `м.` (месец) in a date; not `в` or `при`, which make the abbreviations `вм.`, `прим.`."""
MONTH_NAME = re.compile(rf"^{MONTHS}\b")


def month_abbreviation_run_in(word: str, following: str) -> str | None:
    """`дом.` before `ноември` is `до м.`: a preposition run into `м.` (месец), shown by the month name after it.

    A lower-case month cannot open a sentence, so the full stop is the abbreviation's, not one
    that ends a word `дом`; the split is made whether or not the joined form is a word.
    """
    match = MONTH_ABBREVIATION_RUN_IN.match(word)
    if match is None or match["preposition"] not in DATE_PREPOSITIONS or not MONTH_NAME.match(following):
        return None
    return f"{match['preposition']} м."


LEXICON_RULES = (
    ("breve-restored", _breve_restored),
    ("abbreviation-case", _abbreviation_case),
    ("abbreviation-case", _abbreviation_mixed_case),
    ("abbreviation-misread", _abbreviation_misread),
    ("slash-read-as-letter", _slash_read_as_ef),
    ("lost-space", _lost_space),
    ("run-together", _run_together),
)


def repair_with_lexicon(text: str, lexicon: Lexicon) -> tuple[str, list[OcrRepair]]:
    """The words of one OCR'd text no dictionary knows, repaired where exactly one known form is near.

    Only `lost-space` may add a space (splitting a word in two); no rule touches a digit.
    """
    repairs: list[OcrRepair] = []

    def fix(match: re.Match) -> str:
        token = match[0]
        if not CYRILLIC.search(token):
            return token
        digits = any(ch.isdigit() for ch in token)
        for rule, repair in LEXICON_RULES:
            if digits and rule != "lost-space":
                continue
            fixed = repair(token, lexicon)
            if fixed is not None and fixed != token:
                repairs.append(OcrRepair(token, fixed, rule))
                return fixed
        return token

    return TOKEN.sub(fix, text), repairs


# ---------------------------------------------------------------- repairs that need a table's or document's cells

HEADING_NUMBER = re.compile(rf"^(?P<numeral>{NUMERAL_READ}|\d{{1,2}})\.\s+(?P<title>\p{{Lu}}.*)$", re.S)
"""A heading row's one text: a number with its stop, then a title opening with a capital (`П. Превенция …`)."""
NUMBER_ALONE = re.compile(rf"^(?P<numeral>{NUMERAL_READ}|\d{{1,2}})\.$")
"""A number cell holding a number and its stop alone (`П.`, `1.`), its title in the next cell."""


@dataclass(frozen=True)
class Heading:
    """A numbered heading row of a scanned table: the number as read, its title, and whether they share one cell."""

    numeral: str
    title: str
    inline: bool

    @property
    def capitals(self) -> bool:
        letters = [ch for ch in self.title if ch.isalpha()]
        return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _title_clears_initial(heading: Heading) -> bool:
    """A title that cannot be a name after an initial (`П. Петрова`): two words or more, or one long one; where number
    and title share a text, two words at least."""
    words = heading.title.split()
    return len(words) > 1 or (not heading.inline and len(words[0]) >= 12)


def repair_heading_numbers(headings: list[Heading]) -> list[tuple[str, list[OcrRepair]]]:
    """Each heading's number repaired, with what changed: Roman numbers of area headings read as Cyrillic or digits.

    A number made of look-alikes (`П`, `Ш`, `ТУ`) before a title that is no name is the Roman number it
    looks like. Headings of one kind (number and title in one text or apart, title in capitals or
    not) are numbered alike: where the Roman numbers among them reach II and every heading of that kind
    numbered in digits is `1`, that `1` is the `I` OCR takes for a digit (`1. ЗДРАВЕ …` before
    `II. СОЦИАЛНА ЗАКРИЛА`). A kind that also counts 2, 3 in digits stays as read.
    """
    numbers: list[str] = []
    repairs: list[list[OcrRepair]] = []
    for heading in headings:
        roman = roman_from_lookalikes(heading.numeral) if _title_clears_initial(heading) else None
        numbers.append(roman or heading.numeral)
        repairs.append([OcrRepair(heading.numeral, roman, "roman-numeral")] if roman else [])
    kinds: dict[tuple[bool, bool], list[int]] = {}
    for index, heading in enumerate(headings):
        kinds.setdefault((heading.inline, heading.capitals), []).append(index)
    for members in kinds.values():
        roman = [numbers[i] for i in members if all(ch in "IVX" for ch in numbers[i])]
        digits = [i for i in members if numbers[i].isdigit()]
        if digits and any(roman_to_int(n) >= 2 for n in roman) and all(numbers[i] == "1" for i in digits):
            for i in digits:
                numbers[i] = "I"
                repairs[i].append(OcrRepair("1", "I", "roman-numeral"))
    return list(zip(numbers, repairs))


SHORT_NUMBER = re.compile(r"^(?P<digits>[1-9]{2,3})(?P<stop>\.?)$")
DOTTED_NUMBER = re.compile(r"^[1-9]\d?(?:\.[1-9]\d?)+\.?$")


def _parts(number: str) -> list[int]:
    return [int(part) for part in number.rstrip(".").split(".")]


def repair_number_sequence(column: list[str | None]) -> list[tuple[str, list[OcrRepair]] | None]:
    """Numbers of one table column whose stops OCR lost (`11` for `1.1`), put back where the column's sequence shows
    them: the digits, stopped as the next number is (`1.2`), make the number just before it, or as the number before
    is, the one just after it. Each text is a cell's whole text (None: a cell with no number to weigh)."""
    result: list[tuple[str, list[OcrRepair]] | None] = [None] * len(column)
    numbered = [(i, text) for i, text in enumerate(column) if text and DOTTED_NUMBER.match(text)]
    for index, text in enumerate(column):
        match = SHORT_NUMBER.match(text or "")
        if match is None:
            continue
        before = next((t for i, t in reversed(numbered) if i < index), None)
        after = next((t for i, t in numbered if i > index), None)
        digits = [int(d) for d in match["digits"]]
        for neighbour, step in ((after, -1), (before, 1)):
            if neighbour is None or len(_parts(neighbour)) != len(digits):
                continue
            target = _parts(neighbour)
            if digits[:-1] == target[:-1] and digits[-1] == target[-1] + step:
                fixed = ".".join(map(str, digits)) + ("." if neighbour.endswith(".") else "")
                result[index] = (fixed, [OcrRepair(text, fixed, "number-stops-lost")])
                break
    return result


LETTER_ITEM = re.compile(r"^(?P<letter>[а-яa-z6])(?P<mark>[).])(?=\s|$)")
"""A cell opening with a lettered item (`а) …`, `б. …`) or holding its letter alone (`а)`); `6` stands among the
letters as read."""


def repair_letter_sequence(column: list[str | None]) -> list[tuple[str, list[OcrRepair]] | None]:
    """`6) …` in a column whose previous lettered item is `а) …`: the `б` OCR read as the digit 6 (each text a cell's
    whole text, None for one with no letter to weigh)."""
    result: list[tuple[str, list[OcrRepair]] | None] = [None] * len(column)
    previous = None
    for index, text in enumerate(column):
        match = LETTER_ITEM.match(text or "")
        if match is None:
            continue
        if match["letter"] == "6" and previous == ("а", match["mark"]):
            fixed = "б" + text[1:]
            result[index] = (fixed, [OcrRepair(f"6{match['mark']}", f"б{match['mark']}", "digit-for-letter")])
            previous = ("б", match["mark"])
        else:
            previous = (match["letter"], match["mark"])
    return result
