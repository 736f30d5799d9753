"""C501: the report's list of priority areas and the annex's tables differ in count, membership or order."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..locate import part_location, place_location
from ..profiles import Profile
from ..titles import pair_titles, report_and_areas

RULE = RuleInfo(
    code="C501",
    name="report-areas-mismatch",
    severity="error",
    rationale="The council votes on the report's list of areas; the annex must hold the same areas in the same order.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """Findings for a different number of areas, report items with no table, tables not in the report, and order."""
    inputs = report_and_areas(document)
    if inputs is None:
        return
    listed, places = inputs
    report = part_location(document, "report", document.report.provenance)
    if len(listed) != len(places):
        yield RULE.finding(report, variant="count", position=(-3,), listed=str(len(listed)), tables=str(len(places)))
    pairs = pair_titles(listed, [p.area.title for p in places], profile.area_title_similarity)
    for i, item in enumerate(listed):
        if i not in pairs:
            yield RULE.finding(report, variant="missing", position=(-3, i), evidence=item, index=str(i + 1))
    paired = set(pairs.values())
    for j, place in enumerate(places):
        if j not in paired:
            yield RULE.finding(place_location(document, place), variant="extra", position=place.position,
                               evidence=place.area.title)
    report_rank = {i: rank for rank, i in enumerate(sorted(pairs))}
    annex_rank = {j: rank for rank, j in enumerate(sorted(paired))}
    for i, j in sorted(pairs.items(), key=lambda pair: pair[1]):
        if report_rank[i] != annex_rank[j]:
            yield RULE.finding(place_location(document, places[j]), variant="order", position=places[j].position,
                               evidence=listed[i], listed=str(i + 1), table=str(j + 1))
