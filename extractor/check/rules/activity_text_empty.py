"""S104: an activity row has no activity text (only a number, or only its other cells)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="S104",
    name="activity-text-empty",
    severity="error",
    rationale="A row with an executor and a deadline but no activity text says nobody what to do.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity whose text is blank."""
    for place in activities(document):
        activity = place.activity
        if not activity.text.strip():
            evidence = " | ".join(filter(None, (activity.number_raw, activity.executors_raw, activity.deadline_raw)))
            yield RULE.finding(place_location(document, place), evidence=evidence or None, position=place.position)
