"""D301: a deadline the normaliser could not read as a date, a period or a recurring term."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="D301",
    name="deadline-unparseable",
    severity="warning",
    rationale="A deadline no one can read as a date or period cannot be monitored.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per deadline the normaliser could not read; empty cells are S102's."""
    for place in activities(document):
        deadline = place.activity.deadline
        if deadline is not None and deadline.kind == "unknown" and deadline.raw.strip():
            yield RULE.finding(place_location(document, place), position=place.position, evidence=deadline.raw,
                               deadline=" ".join(deadline.raw.split()))
