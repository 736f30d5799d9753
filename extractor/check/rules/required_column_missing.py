"""S101: an annex table lacks a column the profile requires (executor, financing, deadline, …)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Area, Document
from ..findings import Finding, RuleInfo
from ..locate import areas, column_roles, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="S101",
    name="required-column-missing",
    severity="error",
    rationale="Every annex table needs the columns the programme's format prescribes, or activities lack owners, money or dates.",
)


def roles_given_otherwise(area: Area) -> set[str]:
    """Required roles a table meets without their column: goals as rows across it, money in a budget column."""
    given = {"goal"} if any(goal.text.strip() for goal in area.goals) else set()
    if "budget" in column_roles(area):
        given.add("financing")
    return given


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per table (area) whose header names none of a required role."""
    for place in areas(document):
        location = place_location(document, place)
        if not place.area.columns:
            yield RULE.finding(location, variant="no-header", position=place.position)
            continue
        roles = column_roles(place.area) | roles_given_otherwise(place.area)
        missing = [role for role in profile.required.columns if role not in roles]
        if missing:
            headers = " | ".join(column.header for column in place.area.columns)
            yield RULE.finding(location, evidence=headers, position=place.position, columns=missing)
