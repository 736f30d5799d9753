"""N202: goals within an area skip numbers (`1, 5`) or step back (`3` after `5`); goals numbered on through the
areas (area 2 opening with `3` after goals 1, 2) start where the area before ended."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import Place, areas, place_location
from ..numbers import goal_breaks, last_goal_number
from ..profiles import Profile

RULE = RuleInfo(
    code="N202",
    name="goal-number-gap",
    severity="error",
    rationale="Goals numbered 1 then 5 usually mean goals were deleted or belong to another area; readers cite goals by number.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per goal that skips numbers or comes after a higher number; repeats are N203's."""
    previous_last = None
    for area_place in areas(document):
        goals = area_place.area.goals
        breaks = goal_breaks(area_place.area, previous_last)
        previous_last = last_goal_number(area_place.area)
        for fault, missing in breaks:
            if fault.kind == "repeat":
                continue
            goal = goals[fault.index]
            place = Place(area=area_place.area, goal=goal, position=(*area_place.position, fault.index))
            previous = next((g.number for g in reversed(goals[: fault.index]) if g.number), None)
            variant = "start" if previous is None else fault.kind
            yield RULE.finding(place_location(document, place), variant=variant, position=place.position,
                               evidence=goal.number_raw, number=goal.number or "", previous=previous or "",
                               missing=", ".join(missing))
