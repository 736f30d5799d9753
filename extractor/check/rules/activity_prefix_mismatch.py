"""N206: an activity whose number names another goal or area (`3.1` under goal 4, `1.В.1` under goal б)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..numbers import disagreement, split_activity
from ..profiles import Profile

RULE = RuleInfo(
    code="N206",
    name="activity-prefix-mismatch",
    severity="error",
    rationale="An activity whose number names another goal (3.1 under goal 4) is either misnumbered or in the wrong row.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity whose number's goal (or area) part differs from the goal (area) it stands under."""
    for place in activities(document):
        activity = place.activity
        number = split_activity(activity.number, place.area, place.goal) if activity.number else None
        which = disagreement(number, place.area, place.goal) if number else None
        if which:
            named = number.goal if which == "goal" else number.parts[0]
            actual = place.goal.number if which == "goal" else str(place.area.number)
            yield RULE.finding(place_location(document, place), variant=which, position=place.position,
                               evidence=activity.number_raw, activity=activity.number, named=named, actual=actual)
