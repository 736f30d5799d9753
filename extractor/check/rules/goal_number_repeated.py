"""N203: two goals of one area carry the same number."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import Place, areas, place_location
from ..numbers import goal_breaks
from ..profiles import Profile

RULE = RuleInfo(
    code="N203",
    name="goal-number-repeated",
    severity="error",
    rationale="Two goals with one number in an area cannot be told apart in reports and council decisions.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per goal whose number an earlier goal of the same area already has."""
    for area_place in areas(document):
        for fault, _ in goal_breaks(area_place.area):
            if fault.kind != "repeat":
                continue
            goal = area_place.area.goals[fault.index]
            place = Place(area=area_place.area, goal=goal, position=(*area_place.position, fault.index))
            yield RULE.finding(place_location(document, place), position=place.position, evidence=goal.number_raw,
                               number=goal.number or "")
