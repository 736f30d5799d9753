"""N204: activities within a goal skip numbers (`3.1, 3.3`, or `2.В.1.2` with no `2.В.1.1`) or step back."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import Place, goals, place_location
from ..numbers import activity_gap, disagreement, split_activity
from ..profiles import Profile

RULE = RuleInfo(
    code="N204",
    name="activity-number-gap",
    severity="warning",
    rationale="Activities numbered 3.1 then 3.3 usually mean an activity was deleted or misnumbered.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity that breaks its goal's numbering, level by level; misnumbered and repeated ones are N205/N206's."""
    for goal_place in goals(document):
        area, goal = goal_place.area, goal_place.goal
        last: dict[tuple[str, ...], int] = {}
        seen: set[str] = set()
        for k, activity in enumerate(goal.activities):
            number = split_activity(activity.number, area, goal) if activity.number else None
            if number is None or disagreement(number, area, goal) or number.key in seen:
                continue
            seen.add(number.key)
            fault = activity_gap(number, last)
            if fault:
                place = Place(area=area, goal=goal, activity=activity, position=(*goal_place.position, k))
                yield RULE.finding(place_location(document, place), variant=fault[0], position=place.position,
                                   evidence=activity.number_raw, activity=activity.number, missing=fault[1])
