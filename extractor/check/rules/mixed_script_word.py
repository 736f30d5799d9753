"""T701: a word mixing Latin and Cyrillic letters (`negliжиране`) or using Russian letters (`отдых`)."""

from __future__ import annotations

from collections.abc import Iterator

import regex as re

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, areas, goals, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="T701",
    name="mixed-script-word",
    severity="warning",
    rationale="A word typed with Latin look-alike or Russian letters cannot be found by search or spell-checked, and prints as a typo.",
)
WORD = re.compile(r"[\p{L}\p{M}]+")
LATIN = re.compile(r"\p{Latin}")
CYRILLIC = re.compile(r"\p{Cyrillic}")
NOT_BULGARIAN = re.compile(r"[ыЫэЭёЁ]")


def odd_words(text: str | None) -> list[str]:
    """Words of a text that mix Latin and Cyrillic letters or hold letters Bulgarian does not use."""
    if not text or not (LATIN.search(text) or NOT_BULGARIAN.search(text)):
        return []
    found = []
    for word in WORD.findall(text):
        mixed = LATIN.search(word) and CYRILLIC.search(word)
        if (mixed or NOT_BULGARIAN.search(word)) and word not in found:
            found.append(word)
    return found


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per area title, goal or activity (all its cells) with such words, listing them."""
    records = [(place, [place.area.title]) for place in areas(document)]
    records += [(place, [place.goal.text]) for place in goals(document)]
    records += [(place, [place.activity.text, place.activity.executors_raw, place.activity.partners_raw,
                         place.activity.financing_raw, place.activity.deadline_raw, place.activity.expected_result])
                for place in activities(document)]
    for place, texts in sorted(records, key=lambda record: record[0].position):
        words = [word for text in texts for word in odd_words(text)]
        if words:
            yield RULE.finding(place_location(document, place), position=place.position, evidence=", ".join(words),
                               words=", ".join(f"„{word}“" for word in dict.fromkeys(words)))
