"""N205: two activities of one area carry the same number (`3.2, 3.2`), in one goal or in two; activities lettered
`а)`, `б)` letter again under every goal, so a letter repeats only within its goal, and so do single numbers where
a goal's numbering starts again at `1` (`Дейност 1.`, `Дейност 2.` under each goal)."""

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
        number = place.activity.number.upper()
        area_key, goal_key = (*place.position[:1], number), (*place.position[:2], number)
        # a letter, or a single number in a goal counting again from `1`: its goal; else its area
        key = goal_key if number.isalpha() or _restarts(place) else area_key
        earlier = first.get(key)
        first.setdefault(area_key, place)
        first.setdefault(goal_key, place)
        if earlier is None:
            continue
        yield RULE.finding(place_location(document, place), position=place.position,
                           evidence=place.activity.number_raw, activity=place.activity.number,
                           first=place_location(document, earlier).label())


def _restarts(place: Place) -> bool:
    """A single number in a goal whose numbered activities start again at `1`: counted within its goal."""
    if not place.activity.number.isdigit():
        return False
    first = next((activity.number for activity in place.goal.activities if activity.number), None)
    return first == "1"
