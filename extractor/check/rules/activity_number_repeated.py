"""N205: two activities of one area carry the same number (`3.2, 3.2`), in one goal or in two; activities lettered
`а)`, `б)` letter again under every goal, so a letter repeats only within its goal."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import Place, activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="N205",
    name="activity-number-repeated",
    severity="error",
    rationale="Two activities with one number in an area cannot be told apart when the programme is reported on.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity whose number an earlier activity of the same area already has, naming the first."""
    first: dict[tuple, Place] = {}
    for place in activities(document):
        if not place.activity.number:
            continue
        number = place.activity.number
        scope = place.position[:2] if number.isalpha() else place.position[:1]  # a letter: its goal; else its area
        key = (*scope, number.upper())
        if key not in first:
            first[key] = place
            continue
        yield RULE.finding(place_location(document, place), position=place.position,
                           evidence=place.activity.number_raw, activity=place.activity.number,
                           first=place_location(document, first[key]).label())
