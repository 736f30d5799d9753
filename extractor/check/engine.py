"""The engine: run the registered rules a profile selects over a document and order their findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..model.document import Document
from ..settings import Settings
from .findings import Finding
from .messages import Language, localise
from .profiles import Profile, load_profile, profile_name_for
from .rules import RULES, RULES_BY_CODE


@dataclass(frozen=True)
class CheckedDocument:
    """A document with the profile it was checked under and its findings in document order."""

    document: Document
    profile: Profile
    findings: list[Finding]


def select_profile(document: Document, profile: str | None = None, year: int | None = None) -> Profile:
    """The named profile (a built-in name or a TOML path), else the built-in one for the document's kind."""
    chosen = load_profile(profile or profile_name_for(document), set(RULES_BY_CODE))
    return chosen.with_year(year)


def run_rules(document: Document, profile: Profile, lang: Language = "en") -> list[Finding]:
    """Every finding of every rule the profile leaves on, at the profile's severity, in document order."""
    findings = []
    for rank, rule in enumerate(RULES):
        level = profile.level(rule.code, rule.info.severity)
        if level == "off":
            continue
        for finding in rule.check(document, profile):
            findings.append((finding.position, rank, len(findings), localise(finding, lang).model_copy(
                update={"severity": level})))
    return [finding for *_, finding in sorted(findings, key=lambda item: item[:3])]


def check_document(document: Document, profile: str | Profile | None = None, year: int | None = None,
                   lang: Language = "en") -> CheckedDocument:
    """Check a recognised, normalised document under a profile (chosen from its kind when not given)."""
    chosen = profile.with_year(year) if isinstance(profile, Profile) else select_profile(document, profile, year)
    return CheckedDocument(document=document, profile=chosen, findings=run_rules(document, chosen, lang))


def check_file(path: Path | str, settings: Settings | None = None, profile: str | Profile | None = None,
               lang: Language = "en") -> CheckedDocument:
    """Read, recognise and normalise one file, then check it; bad input raises `InputError`."""
    from ..api import extract

    settings = settings or Settings()
    return check_document(extract(path, settings), profile, settings.year, lang)


def counts(findings: list[Finding]) -> Counter:
    """How many findings of each severity."""
    return Counter(finding.severity for finding in findings)


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding is an error: the draft should not go to council as it is."""
    return any(finding.severity == "error" for finding in findings)
