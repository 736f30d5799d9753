"""D302: a deadline wholly outside the programme year or the strategy period."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile, expected_period

RULE = RuleInfo(
    code="D302",
    name="deadline-outside-period",
    severity="error",
    rationale="A deadline wholly outside the programme year (a 2019 date in a 2021 programme) is usually copied from an old programme.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per deadline whose dates do not touch the expected period at all (overlapping it is fine)."""
    period = expected_period(document, profile)
    if period is None:
        return
    first, last = period
    span = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    for place in activities(document):
        deadline = place.activity.deadline
        if deadline is None or (deadline.start is None and deadline.end is None):
            continue
        start = deadline.start or deadline.end
        end = deadline.end or deadline.start
        if start <= end and (end < first or start > last):
            yield RULE.finding(place_location(document, place), position=place.position, evidence=deadline.raw,
                               deadline=" ".join(deadline.raw.split()), period=span)
