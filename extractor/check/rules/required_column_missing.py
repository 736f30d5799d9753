"""S101: an annex table lacks a column the profile requires (executor, financing, deadline, …)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import areas, column_roles, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="S101",
    name="required-column-missing",
    severity="error",
    rationale="Every annex table needs the columns the programme's format prescribes, or activities lack owners, money or dates.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per table (area) whose header names none of a required role."""
    for place in areas(document):
        location = place_location(document, place)
        if not place.area.columns:
            yield RULE.finding(location, variant="no-header", position=place.position)
            continue
        roles = column_roles(place.area)
        missing = [role for role in profile.required.columns if role not in roles]
        if missing:
            headers = " | ".join(column.header for column in place.area.columns)
            yield RULE.finding(location, evidence=headers, position=place.position, columns=missing)
