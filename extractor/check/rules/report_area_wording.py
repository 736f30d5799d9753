"""C502: an area's title in the annex differs in words from its item in the report's list."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import place_location
from ..profiles import Profile
from ..titles import comparable, pair_titles, report_and_areas, word_changes

RULE = RuleInfo(
    code="C502",
    name="report-area-wording",
    severity="info",
    rationale="An area titled one way in the report and another in the annex reads as two areas; one of them has a typo.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per paired area whose titles differ beyond case, spacing and punctuation, naming the changed words."""
    inputs = report_and_areas(document)
    if inputs is None:
        return
    listed, places = inputs
    for i, j in sorted(pair_titles(listed, [p.area.title for p in places], profile.area_title_similarity).items()):
        title = places[j].area.title
        if comparable(listed[i]) != comparable(title):
            yield RULE.finding(place_location(document, places[j]), position=places[j].position,
                               evidence=f"{listed[i]} ≠ {title}", changes=word_changes(listed[i], title))
