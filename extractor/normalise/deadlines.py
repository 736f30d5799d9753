"""Deadline cells parsed into a kind and the start and end dates the text states.

Conventions (a bound the text does not give stays None; nothing is guessed):
- a month stands for its first day as a start and its last day as an end; a year likewise;
- alternatives (`март/април – ноември/декември`) widen the range to cover every reading;
- months or days without a year (`юни – август`, `септември`) take the programme year; without one
  the kind is kept and the dates stay None;
- a range whose start month lies after its end month with one year given crosses the new year;
- a school year `2020/2021 учебна година` runs from 15 September 2020 (start of the school year under ЗПУО) to 30 June
  2021, the last day of classes for the upper grades;
- a quarter (`II тримесечие`, `3-то тримесечие`) or half (`второ полугодие`, `I шестмесечие`) is its
  months; `I – II тримесечие` runs from the first to the last; the business notation `Q3 2016`, `Q1–Q2`, `H2 2024`
  reads the same;
- the summer (`през летния сезон`, `летните месеци`, `лятото`) is June to August;
- a month by its number after `м.` (`м.03-м.05.2020`) is that month; `2021 г. и следващи` runs from 2021, no end;
- `целогодишно` and `до края на годината` are the programme year; `Постоянен`, `Периодично` and `при
  необходимост` (kind as_needed) state no dates of their own (a year written beside them, `Постоянен
  2013 г.`, bounds them);
- months may be Roman numerals (`м. IX – XII 2024`), days may lack a year (`01.01 – 31.12.2024`), and two
  years as alternatives (`2024/2025` without `учебна година`) cover both;
- a cell of other words around exactly one written day (`1 юни – Ден на детето`) means that day;
- `през учебната година` is kind school_year without dates (which school year is not said); `в началото на
  учебната година` is 15 September and `до края на учебната година` 30 June of the programme year;
- Roman numerals of months and quarters in the Cyrillic letters OCR reads for them (`м. ХП`, `ГУ тримесечие`) are
  the numerals (the raw text is kept as read);
- dates before `при необходимост`, `постоянно` or `периодично` (`IV тримесечие – при необходимост`, `2010 г. и
  постоянен`) bound it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re as std_re
from functools import lru_cache
from typing import NamedTuple

import regex as re

from ..model.normalised import Deadline, DeadlineKind
from ..numerals import roman_from_lookalikes, roman_to_int

TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")
DASHES = str.maketrans("‐‑‒–—―−", "-------")
SCHOOL_YEAR_START = (9, 15)
SCHOOL_YEAR_END = (6, 30)
MONTH_STEMS = {
    "януари": 1, "ян": 1, "февруари": 2, "фев": 2, "март": 3, "мар": 3, "април": 4, "апр": 4, "май": 5,
    "юни": 6, "юли": 7, "август": 8, "авг": 8, "септември": 9, "септ": 9, "сеп": 9, "октомври": 10, "окт": 10,
    "ноември": 11, "ноем": 11, "ное": 11, "декември": 12, "дек": 12,
}
MONTH = "(?:" + "|".join(sorted(MONTH_STEMS, key=len, reverse=True)) + r")\b\.?"
WHOLE_YEAR = re.compile(
    r"целогодишн[оаи]|целогодишен|(?:(?:през|в течение на) )?(?:цялата |цялата календарна |календарната )година(?:та)?"
    r"|(?:през|в течение на) годината"
    r"|всеки месец през годината|в рамките на (?:календарната |бюджетната )?година(?:та)?"
)
# `и`, `или` joining the dates to the word for a lasting deadline (`2010 г. и постоянен`).
JOINING_WORD = re.compile(r"^(?:и|или)\s+|\s+(?:и|или)$")
PERMANENT = re.compile(r"постоян(?:ен|но|на)|текущ(?:о|а)?|непрекъснато|постоянно действащ")
PERIODIC = re.compile(
    r"периодично|ежегодно|ежемесечно|всяка година|регулярно|ежеседмично|ежедневно|ежетримесечно"
    r"|(?:два|три|четири) пъти (?:годишно|в годината|месечно|в месеца|седмично)|веднъж (?:годишно|в годината)"
    r"|всяко (?:тримесечие|полугодие|шестмесечие)|всеки месец|всяка седмица"
    r"|(?:по|съгласно|според) (?:утвърден |изготвен )?график(?:а)?"
)
# Done when the need arises: states no dates of its own, as `Постоянен` does not.
AS_NEEDED = re.compile(
    r"(?:при|по) (?:необходимост|нужда|потребност|заявка|искане)|при възникнал[аи]? (?:нужда|необходимост|случа[йи])"
    r"|при възникване на (?:нужда|необходимост|случа[йи])"
    r"|при поискване|при сигнал|при всеки (?:сигнал|случай)|по сигнал"
)
# The school year without its years: as a span no dates are known (which school year is not said); its
# start (15 September) and end (30 June) are the days of the programme year.
SCHOOL_TIME = re.compile(r"(?:през|по време на|в течение на|в рамките на)?\s*(?:цялата\s+)?учебна(?:та)?\s+година")
SCHOOL_START = re.compile(r"(?:в\s+)?(?:началото|започването|старта)\s+на\s+(?:новата\s+)?учебна(?:та)?\s+година")
SCHOOL_END = re.compile(r"(?:(?:най-късно\s+)?до\s+)?(?:края|приключване(?:то)?)\s+на\s+учебна(?:та)?\s+година")
# Quarters and halves of a year: `I – II тримесечие`, `3-то тримесечие`, `второ полугодие`.
ORDINALS = {"i": 1, "і": 1, "ii": 2, "іі": 2, "iii": 3, "ііі": 3, "iv": 4, "іv": 4, "първо": 1, "първото": 1,
            "второ": 2, "второто": 2, "трето": 3, "третото": 3, "четвърто": 4, "четвъртото": 4}
ORDINAL = (
    r"(?:(?:iv|іv|i{1,3}|і{1,3}|[1-4])(?:\s*-?\s*(?:во|ро|то))?|първо(?:то)?|второ(?:то)?|трето(?:то)?|четвърто(?:то)?)"
)
# Months in Roman numerals (`м. IX – XII 2024`, `IX.2024`), Latin or Cyrillic look-alike letters.
ROMAN_MONTHS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
                "xi": 11, "xii": 12}
ROMAN_LETTERS = str.maketrans("іх", "ix")
ROMAN_MONTH = r"(?<!\w)(?:[xх][iі]{0,2}|[iі][xх]|v[iі]{0,3}|[iі]v|[iі]{1,3})(?!\w)"
# `Q3 2016`, `Q1–Q2`, `H2 2024` (quarter or half by number), lower-cased; not inside a word.
QUARTER_CODE = re.compile(r"(?<![\p{L}\d])(?:(?P<q>q)(?P<n>[1-4])|(?P<h>h)(?P<n>[12]))(?![\p{L}\d])")
PART_OF_YEAR = re.compile(rf"(?P<ordinal>{ORDINAL})(?=\s|,|-|и\b|$)")
# The spaces before a token are matched with it (a match less for each); its group holds the token alone.
TOKEN = re.compile(
    rf"""
    \s*
    (?:
      (?P<school>\d{{4}}\s*[/-]\s*\d{{4}}\s*(?:г\.?|год\.?)?\s*(?:учебн\w*\s+год\w*|уч\.\s*г(?:од)?\.?)
                |учебн\w*\s+\d{{4}}\s*[/-]\s*\d{{4}}(?:\s*(?:год\w*\.?|г\.?))?)
    | (?P<day>\d{{1,2}}\s*\.\s*\d{{1,2}}\s*\.\s*\d{{4}})
    | (?P<monthyear>\d{{1,2}}\s*\.\s*\d{{4}})
    | (?P<daymonthnum>\d{{1,2}}\s*\.\s*\d{{1,2}}(?:\s*\.)?(?!\s*\.?\s*\d))
    | (?P<daymonth>\d{{1,2}}\s+{MONTH})
    | (?P<quarter>{ORDINAL}(?:\s*(?:-|,|и)\s*{ORDINAL})*\s*тримесечи[ея]\b)
    | (?P<half>{ORDINAL}(?:\s*(?:-|,|и)\s*{ORDINAL})*\s*(?:полугодие|шестмесечие)\b)
    | (?P<months>{MONTH}(?:\s*/\s*{MONTH})*)
    | (?P<roman>{ROMAN_MONTH}(?:\s*/\s*{ROMAN_MONTH})*)
    | (?P<years>\d{{4}}\s*/\s*\d{{4}}(?!\d))
    | (?P<year>\d{{4}}(?!\d))
    | (?P<theyear>(?:текущата|календарната|бюджетната)\s+година\b|годината\b)
    | (?P<from>от\b)
    | (?P<until>(?:най-късно\s+)?до\b(?:\s+края\s+на\b)?|края\s+на\b|не\s+по-късно\s+от\b)
    | (?P<dash>-)
    | (?P<skip>\s+|,|:|г\.|г\b|год\.|година\b|м\.|м\b|месец\b|през\b|на\b|цялата\b|(?:в\s+)?срок\b|в\s+рамките\s+на\b|\.)
    )
    """,
    re.VERBOSE,
)
# Something every deadline this module reads contains: a digit, a word stem of its vocabulary, a Roman
# numeral or a month. A text without one is no deadline, found without running the tokenizer. The patterns
# run on the lower-cased text (as the tokenizer reads it), as one alternation compiled by the standard
# library's `re`: a hint that fails (most cells) is found out ~2.5x faster there than with `regex`, which
# has no literal-prefix scan; the two agree on every cell of the samples and red-team documents (the
# standard `\w` is a little narrower, so `re` can only say "maybe" more often, which is safe).
DEADLINE_STEMS = (
    r"\d|годин|тримесеч|полугоди|шестмесеч|целогодиш|постоян|текущ|непрекъснат|периодич|еже|регулярн|всяк|всеки"
    r"|пъти|веднъж|график|необходимост|нужда|потребност|заявка|искане|поискване|сигнал|случа|края|срок|месец|учебн"
    r"|летн|лято"
)
DEADLINE_WORDS = rf"(?<!\w)[ivxіх]{{1,4}}(?!\w)|{MONTH}"
DEADLINE_HINT = std_re.compile(f"{DEADLINE_STEMS}|{DEADLINE_WORDS}")


def may_be_deadline(text: str) -> bool:
    """False for a text with nothing a deadline is made of (most activity and executor cells), cheaply."""
    return DEADLINE_HINT.search(text.lower()) is not None


# A day written inside other words: `31.05.2024`, `1 юни`, `1 юни 2024 г.` (not a part of a longer number).
EMBEDDED_DAY = re.compile(
    rf"(?<![\d.])(?:\d{{1,2}}\s*\.\s*\d{{1,2}}\s*\.\s*\d{{4}}|\d{{1,2}}\s+{MONTH}(?:\s*\d{{4}})?)(?![\d.]*\d)"
)
NUMBER = re.compile(r"\d+")
MONTHS = re.compile(MONTH)
ORDINAL_SUFFIX = re.compile(r"[\s-]|во$|ро$|то$")
ROMAN = re.compile(ROMAN_MONTH)


class When(NamedTuple):
    """A point in a deadline: a day, months (lo..hi for alternatives) or a year; year None when not written."""

    year: int | None
    month_lo: int | None = None
    month_hi: int | None = None
    day: int | None = None

    def with_year(self, year: int | None) -> When:
        """This point with a year filled in if it has none."""
        return self if self.year is not None or year is None else self._replace(year=year)

    def first_day(self) -> dt.date | None:
        """Earliest date the point can mean."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month_lo or 1, self.day or 1)

    def last_day(self) -> dt.date | None:
        """Latest date the point can mean."""
        if self.year is None:
            return None
        month = self.month_hi or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


# A month's or a quarter's Roman numeral in the letters OCR reads for it (`м. |х`, `п тримесечие`, `ту тримесечие`),
# in lower-case text; read as the numeral only where it makes one of I–XII.
NUMERAL_LOOKALIKE = re.compile(
    r"(?:(?<=\bм\.\s?)|(?<![\w|!]))(?P<numeral>[пшугтіх|!l1ivx]{1,4})(?=\s?(?:-?\s?(?:во|ро|то)\s)?(?:тримесеч|полугоди|шестмесеч))"
    r"|(?<=\bм\.\s?)(?P<numeral>[пшугтіх|!l1ivx]{1,4})(?=[\s.,/-]|\d{4}|$)"
)


def _numeral_lookalikes(text: str) -> str:
    """Deadline text with Roman numerals read as Cyrillic look-alikes put right (`ту тримесечие` → `iv тримесечие`),
    a month's numeral glued to its year parted from it (`м. xi2025`)."""

    def numeral(match: re.Match) -> str:
        token = match["numeral"].upper()
        found = roman_from_lookalikes(token) or (token if roman_to_int(token) else None)
        if not found or roman_to_int(found) > 12:
            return match[0]
        glued = match.end() < len(text) and text[match.end()].isdigit()  # `м. xi2025`: the space lost
        return f"{found.lower()} " if glued else found.lower()

    return NUMERAL_LOOKALIKE.sub(numeral, text)


def _quarter_words(text: str) -> str:
    """The English business notation in the words of the rest: `q3 2016` → `3 тримесечие 2016`, `h2` → `2 полугодие`."""
    return QUARTER_CODE.sub(lambda m: f"{m['n']} {'тримесечие' if m['q'] else 'полугодие'}", text)


MONTH_NAMES = ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
               "ноември", "декември")
# A month by its number after `м.` and before no day or year of its own (`м.03-м.05.2020`): its name.
NUMBERED_MONTH = re.compile(r"(?<!\w)м\.\s*(0?[1-9]|1[0-2])(?![\d.])")
# A year and those after it (`2021 г. и следващи`): from that year, no end stated.
YEAR_ONWARDS = re.compile(r"((?:19|20)\d\d)\s*(?:г\.?|година)?\s*и\s+следващи(?:те)?(?:\s+години)?")
# The summer months (`през летния сезон`, `летните месеци`): June to August, as `от юни до август` reads.
SUMMER = re.compile(r"(?:(?:през|по време на) )?(?:летния сезон|летните месеци|летни месеци|лятото)")


def normalise_text(raw: str) -> str:
    """Lower-case deadline text without markup, with one kind of dash and single spaces."""
    text = TAG.sub(" ", raw) if "<" in raw else raw
    text = html.unescape(text).lower() if "&" in text else text.lower()
    text = SPACES.sub(" ", text.translate(DASHES)).strip(" .;")
    text = _quarter_words(text) if "q" in text or "h" in text else text
    text = SUMMER.sub("от юни до август", text) if "лет" in text or "лят" in text else text
    text = NUMBERED_MONTH.sub(lambda m: MONTH_NAMES[int(m[1]) - 1], text) if "м." in text else text
    text = YEAR_ONWARDS.sub(r"от \1 г.", text) if "следващ" in text else text
    return _numeral_lookalikes(text) if "м." in text or "годи" in text or "тримесеч" in text else text


def _ordinal(text: str) -> int:
    """1 for `I`, `1-во`, `първо`; 2 for `II`, `2-ро`, `второ`…"""
    compact = ORDINAL_SUFFIX.sub("", text) if text[0] in "0123456789iіv" else text
    return int(compact) if compact.isdigit() else ORDINALS[compact]


def _months(text: str) -> tuple[int, int]:
    numbers = [MONTH_STEMS[stem.rstrip(".")] for stem in MONTHS.findall(text)]
    return min(numbers), max(numbers)


def _token(match: re.Match) -> tuple[str, object] | None:
    kind = match.lastgroup
    text = match.group(kind)
    if kind == "skip":
        return None
    numbers = [int(n) for n in NUMBER.findall(text)]
    if kind == "school":
        return ("school", (numbers[0], numbers[1]))
    if kind == "day":
        return ("when", When(numbers[2], numbers[1], numbers[1], numbers[0]))
    if kind == "monthyear":
        return ("when", When(numbers[1], numbers[0], numbers[0]))
    if kind == "daymonth":
        month = _months(text)[0]
        return ("when", When(None, month, month, numbers[0]))
    if kind == "months":
        return ("when", When(None, *_months(text)))
    if kind == "roman":
        numbers = [ROMAN_MONTHS[numeral.translate(ROMAN_LETTERS)] for numeral in ROMAN.findall(text)]
        return ("when", When(None, min(numbers), max(numbers)))
    if kind == "daymonthnum":
        return ("when", When(None, numbers[1], numbers[1], numbers[0]))
    if kind == "years":  # `2024/2025`: either year, so the range covers both
        return ("span", (When(numbers[0]), When(numbers[1])))
    if kind == "theyear":  # `до края на годината`: the programme year
        return ("when", When(None))
    if kind in ("quarter", "half"):
        size = 3 if kind == "quarter" else 6
        parts = [_ordinal(match["ordinal"]) for match in PART_OF_YEAR.finditer(text)]
        if not parts or max(parts) > 12 // size:
            return ("bad", None)
        first, last = min(parts), max(parts)
        if first == last:
            return ("when", When(None, (first - 1) * size + 1, first * size))
        return ("span", (When(None, (first - 1) * size + 1, first * size), When(None, (last - 1) * size + 1, last * size)))
    if kind == "year":
        return ("year", numbers[0])
    if kind == "until":
        return ("until", "края" in text)
    if kind in ("from", "dash"):
        return (kind, None)
    return None


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[tuple[str, object], ...] | None:
    """Tokens of a normalised deadline, or None if some of it is not deadline vocabulary.

    Kept by text: row alignment reads a deadline cell before the parser does (`align.reads_as_deadline`).
    """
    tokens, position = [], 0
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            return None
        token = _token(match)
        if token is not None and token[0] == "span":  # `I – II тримесечие`: from the first part to the last
            tokens += [("when", token[1][0]), ("dash", None), ("when", token[1][1])]
        elif token is not None:
            tokens.append(token)
        position = match.end()
    return tuple(_attach_years(tokens))


def _attach_years(tokens: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Tokens with a year that follows months or a day merged into that point; lone years as points."""
    merged: list[tuple[str, object]] = []
    for kind, value in tokens:
        previous = merged[-1] if merged else None
        if kind == "year" and previous and previous[0] == "when" and previous[1].year is None:
            merged[-1] = ("when", previous[1]._replace(year=value))
        elif kind == "year":
            merged.append(("when", When(value)))
        else:
            merged.append((kind, value))
    return merged


def _valid(when: When) -> bool:
    try:
        when.first_day(), when.last_day()
    except ValueError:
        return False
    months_ok = when.month_lo is None or 1 <= when.month_lo <= when.month_hi <= 12
    return months_ok


def _single_kind(when: When) -> DeadlineKind:
    if when.month_lo is None:
        return "year"
    return "date" if when.year is not None or when.day is not None else "month"


def _range(start: When, end: When, year: int | None) -> tuple[DeadlineKind, When, When]:
    """A range's kind and both ends, years carried from the end to the start and back."""
    if start.year is None and end.year is not None:
        crosses = start.month_lo is not None and end.month_hi is not None and start.month_lo > end.month_hi
        start = start._replace(year=end.year - 1 if crosses else end.year)
    elif end.year is None and start.year is not None:
        crosses = start.month_lo is not None and end.month_hi is not None and end.month_hi < start.month_lo
        end = end._replace(year=start.year + 1 if crosses else start.year)
    if start.year is None and end.year is None:
        return "month", start.with_year(year), end.with_year(year)
    return "range", start, end


def _deadline(raw: str, kind: DeadlineKind, start: When | None = None, end: When | None = None) -> Deadline:
    return Deadline(
        raw=raw, kind=kind, start=start.first_day() if start else None, end=end.last_day() if end else None
    )


def _from_tokens(raw: str, tokens: tuple[tuple[str, object], ...], year: int | None) -> Deadline:
    kinds = [kind for kind, _ in tokens]
    values = [value for _, value in tokens]
    whens = [value for kind, value in tokens if kind == "when"]
    if not all(_valid(w) for w in whens):
        return Deadline(raw=raw, kind="unknown")
    if kinds == ["school"]:
        first, second = values[0]
        if second != first + 1:
            return Deadline(raw=raw, kind="unknown")
        return Deadline(
            raw=raw, kind="school_year", start=dt.date(first, *SCHOOL_YEAR_START), end=dt.date(second, *SCHOOL_YEAR_END)
        )
    if kinds == ["when"]:
        return _deadline(raw, _single_kind(whens[0]), whens[0].with_year(year), whens[0].with_year(year))
    if kinds == ["until", "when"]:
        return _deadline(raw, "until", None, whens[0].with_year(year))
    if kinds == ["from", "when"]:
        return _deadline(raw, "range", whens[0].with_year(year), None)
    if kinds in (["from", "when", "until", "when"], ["when", "dash", "when"], ["when", "when"]):
        kind, start, end = _range(whens[0], whens[1], year)
        if start.first_day() and end.last_day() and start.first_day() > end.last_day():
            return Deadline(raw=raw, kind="unknown")
        return _deadline(raw, kind, start, end)
    return Deadline(raw=raw, kind="unknown")


def parse_deadline(raw: str, year: int | None) -> Deadline:
    """A deadline cell as a kind with start and end dates, resolved against the programme year."""
    text = normalise_text(raw)
    if not text:
        return Deadline(raw=raw, kind="empty")
    if WHOLE_YEAR.fullmatch(text):
        return _deadline(raw, "year", When(year), When(year))
    school = _school_time(raw, text, year)
    if school is not None:
        return school
    for pattern, kind in ((PERMANENT, "permanent"), (PERIODIC, "periodic"), (AS_NEEDED, "as_needed")):
        lead = pattern.match(text)
        if lead is None:  # nor can the whole text match
            continue
        if pattern.fullmatch(text):
            return Deadline(raw=raw, kind=kind)  # the text names no dates: none are invented
        bounded = _bounded(raw, text[lead.end() :], kind, year)
        if bounded is not None:
            return bounded
    for pattern, kind in ((PERMANENT, "permanent"), (PERIODIC, "periodic"), (AS_NEEDED, "as_needed")):
        tail = next((m for m in pattern.finditer(text) if m.end() == len(text) and m.start() > 0), None)
        bounded = _bounded(raw, text[: tail.start()], kind, year) if tail else None  # `IV тримесечие – при нужда`
        if bounded is not None:
            return bounded
    tokens = tokenize(text)
    if not tokens:
        return _embedded_day(raw, text, year)
    return _from_tokens(raw, tokens, year)


def _bounded(raw: str, rest: str, kind: DeadlineKind, year: int | None) -> Deadline | None:
    """A deadline of `kind` bounded by the dates the rest of its text states (`Постоянен 2013 г.`, `2010 г. и
    постоянен`), else None."""
    rest = JOINING_WORD.sub("", rest.strip(" ,;-–—")).strip(" ,;-–—")
    tokens = tokenize(rest) if rest else None
    bounds = _from_tokens(raw, tokens, year) if tokens else None
    if bounds is not None and bounds.kind in ("year", "date", "month", "range", "until", "school_year"):
        return Deadline(raw=raw, kind=kind, start=bounds.start, end=bounds.end)
    return None


def _school_time(raw: str, text: str, year: int | None) -> Deadline | None:
    """`през учебната година` (no dates: which one is not said), its start or its end in the programme year."""
    if SCHOOL_TIME.fullmatch(text):
        return Deadline(raw=raw, kind="school_year")
    if SCHOOL_START.fullmatch(text):
        day = dt.date(year, *SCHOOL_YEAR_START) if year else None
        return Deadline(raw=raw, kind="date", start=day, end=day)
    if SCHOOL_END.fullmatch(text):
        return Deadline(raw=raw, kind="until", end=dt.date(year, *SCHOOL_YEAR_END) if year else None)
    return None


def _embedded_day(raw: str, text: str, year: int | None) -> Deadline:
    """A cell of words around one written day (`1 юни – Международен ден на детето`) means that day."""
    days = EMBEDDED_DAY.findall(text)
    if len(days) != 1:
        return Deadline(raw=raw, kind="unknown")
    tokens = tokenize(days[0].strip())
    deadline = _from_tokens(raw, tokens, year) if tokens else None
    return deadline if deadline is not None and deadline.kind == "date" else Deadline(raw=raw, kind="unknown")
