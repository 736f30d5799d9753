"""N201: priority areas are not numbered 1, 2, 3 … in order (a gap, a step back or a repeat)."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import areas, place_location
from ..numbers import area_label, sequence_breaks
from ..profiles import Profile

RULE = RuleInfo(
    code="N201",
    name="area-number-out-of-sequence",
    severity="error",
    rationale="Areas are cited by number in the report, the decision and later reports; a skipped or repeated number breaks every citation.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per area whose number breaks the sequence 1, 2, 3 … of the annex's areas."""
    places = list(areas(document))
    for fault in sequence_breaks([place.area.number for place in places]):
        place = places[fault.index]
        previous = next((p.area.number_raw or str(p.area.number) for p in reversed(places[: fault.index])
                         if p.area.number is not None), "—")
        yield RULE.finding(place_location(document, place), variant=fault.kind, position=place.position,
                           evidence=place.area.number_raw, number=place.area.number_raw or str(fault.value),
                           previous=previous, expected=area_label(fault.expected, place.area.number_raw))
