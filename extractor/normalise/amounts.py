"""Sums of money written in a cell (`5 000 лв.`, `1 500,50 лева`, `2,5 млн. лв.`, `€ 1 200`), as numbers.

Only a number written with its currency is a sum: years, activity codes (`239`) and counts of
children stay text. Thousands may be grouped by spaces, dots or commas (`10 000`, `10.000`,
`10,000`); a comma or a dot before one or two final digits is the decimal mark. `хил.` and `млн.`
multiply. A range (`5 000 – 10 000 лв.`) is one sum from its lower to its upper end. The currency is
reported as its ISO code (BGN, EUR, USD); the text matched is kept.

A column whose header states the unit (`Бюджет (лв.)`, `Необходими средства в хил. лв.`) makes its bare
numbers sums too (`5 000`, `Общински бюджет: 3 000`), scaled as the header says; a number followed by a
word (`30 деца`, `2024 г.`) or written as a date stays text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex as re

from ..model.normalised import Amount

NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+(?:[,.]\d{1,2})?(?!\d)|\d+(?:[,.]\d{1,2})?(?!\d)"
SCALE = r"(?:хил(?:\.|яди|\b)|х\.|млн(?:\.|\b)|милиона?\b)"
CURRENCY_AFTER = r"(?:лв\b\.?|лева\b|лев\b|BGN\b|евро\b|EUR\b|€|USD\b|\$|щ\.\s*д\.)"
CURRENCY_BEFORE = r"(?:€|EUR\b|BGN\b|\$|USD\b)"
AMOUNT = re.compile(
    rf"""
      (?<![\w.,])(?P<first>{NUMBER})\s*(?P<first_scale>{SCALE})?
      (?:\s*(?:-|–|—|до)\s*(?P<second>{NUMBER})\s*(?P<second_scale>{SCALE})?)?
      \s*(?P<currency>{CURRENCY_AFTER})
    | (?P<before>{CURRENCY_BEFORE})\s*(?P<number>{NUMBER})\s*(?P<scale>{SCALE})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
CODES = {"лв": "BGN", "лева": "BGN", "лев": "BGN", "bgn": "BGN", "евро": "EUR", "eur": "EUR", "€": "EUR",
         "usd": "USD", "$": "USD", "щ.д": "USD"}
SEPARATORS = str.maketrans("", "", " \u00a0\u202f’'")


# A number alone, or with its scale word only (`5 хил.`): not part of a date, code or longer number, and followed by
# nothing but an end, a separator or a bracket (`5 000`, `3 000; 2 000`, `2 000 (ОП)`), never by another word or a
# sign (`30 деца`, `2024 г.`, `5 %`); nor a number after `№` (`ПМС № 129`).
BARE = re.compile(
    rf"(?<![\w.,/№-])(?<!№\s)(?P<first>{NUMBER})(?:\s*(?P<first_scale>{SCALE}))?"
    rf"(?:\s*(?:-|–|—)\s*(?P<second>{NUMBER})(?:\s*(?P<second_scale>{SCALE}))?)?"
    r"(?![\w.,/%-])(?=\s*(?:$|[;,)(\]\n]))",
    re.IGNORECASE,
)
UNIT_OF_HEADER = re.compile(rf"(?P<scale>{SCALE})?\s*(?P<currency>{CURRENCY_AFTER})", re.IGNORECASE)


class Unit(NamedTuple):
    """The currency and scale a column's header states for its bare numbers (`в хил. лв.`: BGN, 1000)."""

    currency: str
    scale: str | None


def header_unit(header: str) -> Unit | None:
    """The unit a money column's header states (`Бюджет (лв.)`, `Стойност в хил. евро`), else None."""
    match = UNIT_OF_HEADER.search(header)
    return Unit(match["currency"], match["scale"]) if match else None


def _currency(text: str) -> str:
    return CODES[text.lower().replace(" ", "").rstrip(".")]


def _value(number: str, scale: str | None) -> Decimal:
    """The number a grouped, decimal-marked string stands for, times its scale word."""
    digits = number.translate(SEPARATORS)
    head, mark, tail = max(digits.rfind(","), digits.rfind(".")), None, ""
    if head >= 0 and len(digits) - head - 1 in (1, 2):  # a final `,5` / `.50` is the decimal part
        mark, tail = digits[head], digits[head + 1 :]
        digits = digits[:head]
    whole = digits.replace(",", "").replace(".", "")
    value = Decimal(f"{whole}.{tail}" if mark else whole)
    if scale:
        lowered = scale.lower()
        value *= Decimal(1_000_000) if lowered.startswith(("млн", "милион")) else Decimal(1000)
    return value


def _amount(number: str, scale: str | None, currency: str, raw: str, upper: str | None = None,
            upper_scale: str | None = None) -> Amount:
    maximum = float(_value(upper, upper_scale)) if upper else None
    return Amount(value=float(_value(number, scale)), value_max=maximum, currency=_currency(currency), raw=raw)


def parse_amounts(text: str, unit: Unit | None = None) -> list[Amount]:
    """Every sum of money the text writes with its currency, in order; with the column's unit, its bare
    numbers too."""
    if not any(ch.isdigit() for ch in text):
        return []
    found: list[tuple[int, Amount]] = []
    taken: list[range] = []  # the text the sums with their own currency cover
    for match in AMOUNT.finditer(text):
        taken.append(range(match.start(), match.end()))
        raw = match.group().strip()
        if match["before"]:
            found.append((match.start(), _amount(match["number"], match["scale"], match["before"], raw)))
            continue
        scale = match["first_scale"] or match["second_scale"]  # `2 – 3 хил. лв.`: the scale written once
        found.append((match.start(), _amount(match["first"], scale, match["currency"], raw, match["second"],
                                              match["second_scale"])))
    if unit is not None:
        for match in BARE.finditer(text):
            if not any(match.start() in span for span in taken):
                scale = match["first_scale"] or match["second_scale"] or unit.scale  # the cell's own word first
                found.append((match.start(), _amount(match["first"], scale, unit.currency, match.group().strip(),
                                                     match["second"], match["second_scale"] or scale)))
    return [amount for _, amount in sorted(found, key=lambda item: item[0])]


def total(amounts: list[Amount]) -> Amount | None:
    """The sum of single sums in one currency (`4 000 лв.` and `4 500 лв.` -> 8 500 BGN), or a lone range; None
    when there are none, a range among others or more than one currency, which no single number states."""
    if len(amounts) == 1:
        return amounts[0]
    if not amounts or any(a.value_max is not None for a in amounts) or len({a.currency for a in amounts}) > 1:
        return None
    value = sum(Decimal(str(a.value)) for a in amounts)
    return Amount(value=float(value), currency=amounts[0].currency, raw="; ".join(a.raw for a in amounts))
