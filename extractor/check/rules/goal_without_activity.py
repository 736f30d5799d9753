"""S103: a goal has no activity under it."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import goals, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="S103",
    name="goal-without-activity",
    severity="error",
    rationale="A goal with no activity is a promise with no means of meeting it.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per goal with an empty activity list."""
    for place in goals(document):
        if not place.goal.activities:
            yield RULE.finding(place_location(document, place), evidence=place.goal.text[:120] or None,
                               position=place.position)
