"""The draft checker: rules over a programme document, profiles that select them, findings in several formats."""

from __future__ import annotations

from .engine import CheckedDocument, check_document, check_file, counts, has_errors, run_rules, select_profile
from .findings import Finding, Location, RuleInfo, Severity
from .profiles import Profile, ProfileError, builtin_profiles, load_profile
from .rules import RULES, RULES_BY_CODE, Rule

__all__ = [
    "RULES", "RULES_BY_CODE", "CheckedDocument", "Finding", "Location", "Profile", "ProfileError", "Rule", "RuleInfo",
    "Severity", "builtin_profiles", "check_document", "check_file", "counts", "has_errors", "load_profile",
    "run_rules", "select_profile",
]
