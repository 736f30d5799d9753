"""S102: an activity leaves a required cell empty: no executor, no financing, no deadline."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Activity, Document
from ..findings import Finding, RuleInfo
from ..locate import activities, column_roles, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="S102",
    name="required-cell-empty",
    severity="error",
    rationale="An activity without an executor, financing or deadline cannot be carried out or reported on.",
)


def cell_text(activity: Activity, role: str) -> str | None:
    """The raw text of an activity's cell of the given role."""
    return {
        "executor": activity.executors_raw,
        "financing": activity.financing_raw,
        "deadline": activity.deadline_raw,
        "result": activity.expected_result,
    }[role]


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per activity and empty required cell; a column the table lacks is S101's, not repeated here."""
    for place in activities(document):
        roles = column_roles(place.area)
        for role in profile.required.cells:
            if role == "financing" and role not in roles and "budget" in roles:
                text = place.activity.budget  # a table stating money in a budget column instead
            elif role in roles:
                text = cell_text(place.activity, role)
            else:
                continue
            if not (text or "").strip():
                yield RULE.finding(place_location(document, place), variant=role, position=place.position,
                                   evidence=place.activity.text[:120] or None)
