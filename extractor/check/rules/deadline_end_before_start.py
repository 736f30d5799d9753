"""D303: a deadline period that ends before it starts."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="D303",
    name="deadline-end-before-start",
    severity="error",
    rationale="A period that ends before it starts is a typing error in one of its dates.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per deadline whose end date is earlier than its start date."""
    for place in activities(document):
        deadline = place.activity.deadline
        if deadline is not None and deadline.start and deadline.end and deadline.end < deadline.start:
            yield RULE.finding(place_location(document, place), position=place.position, evidence=deadline.raw,
                               deadline=" ".join(deadline.raw.split()), start=deadline.start.isoformat(),
                               end=deadline.end.isoformat())
