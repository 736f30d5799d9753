"""E401: an executor the glossary does not know, with the closest known names as suggestions."""

from __future__ import annotations

from collections.abc import Iterator

from ...model.document import Document
from ...normalise.glossary import load_glossary
from ..findings import Finding, RuleInfo
from ..locate import activities, place_location
from ..profiles import Profile

RULE = RuleInfo(
    code="E401",
    name="executor-unknown",
    severity="warning",
    rationale="An executor nobody can identify (a typo, an unexplained abbreviation) cannot be held to the activity.",
)


def check(document: Document, profile: Profile) -> Iterator[Finding]:
    """One finding per executor piece the glossary left unknown, once per activity and spelling."""
    for place in activities(document):
        reported: set[str] = set()
        for match in place.activity.executors:
            raw = " ".join(match.raw.split())
            if match.match != "unknown" or not raw or raw in reported:
                continue
            reported.add(raw)
            variant = "suggest" if match.suggestions else None
            yield RULE.finding(place_location(document, place), variant=variant, position=place.position,
                               evidence=match.raw, executor=raw,
                               suggestions=", ".join(describe(entry_id) for entry_id in match.suggestions))


def describe(entry_id: str) -> str:
    """A glossary entry as a drafter knows it: `ЦОП (Център за обществена подкрепа)`; the id if unknown."""
    glossary = load_glossary()
    if entry_id not in glossary:
        return entry_id
    entry = glossary[entry_id]
    return f"{entry.abbreviations[0]} ({entry.name})" if entry.abbreviations else entry.name
