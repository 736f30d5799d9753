"""R601: a goal or activity row the recogniser had to mend (split at a page break, cells shifted, duplicated)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import activities, goals, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="R601",
    name="row-repaired",
    severity="info",
    rationale="A row the reader had to mend (split at a page break, cells shifted, duplicated) may read differently in print.",
)
MOVED = "goal-from-number-prefix"  # reported by R602


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per goal or activity with repairs, naming each kind of repair once."""
    records = [(place, place.goal.repairs) for place in goals(document)]
    records += [(place, place.activity.repairs) for place in activities(document)]
    for place, repairs in sorted(records, key=lambda record: record[0].position):
        kept = [repair for repair in repairs if repair.kind != MOVED]
        if kept:
            details = "; ".join(dict.fromkeys(repair.detail for repair in kept))
            yield RULE.finding(place_location(document, place), position=place.position, evidence=details,
                               repairs=list(dict.fromkeys(repair.kind for repair in kept)))
