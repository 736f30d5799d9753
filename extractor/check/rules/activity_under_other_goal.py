"""R602: an activity row stood under one goal but is numbered for another; the recogniser moved it there."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="R602",
    name="activity-under-other-goal",
    severity="warning",
    rationale="An activity row that stands under one goal but is numbered for the next belongs to the other goal or is misnumbered.",
)
MOVED = "goal-from-number-prefix"


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity the recogniser placed under the goal its number names rather than the row above."""
    for place in activities(document):
        moved = [repair for repair in place.activity.repairs if repair.kind == MOVED]
        if moved:
            yield RULE.finding(place_location(document, place), position=place.position, evidence=moved[0].detail,
                               activity=place.activity.number or "", goal=place.goal.number or "")
