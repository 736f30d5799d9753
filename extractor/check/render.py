"""Findings as text (one linter line each plus a summary), a JSON list, or a SARIF 2.1.0 log."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .. import __version__
from .engine import CheckedDocument, counts
from .findings import Finding
from .messages import Language, ui
from .rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def text_line(finding: Finding) -> str:
    """`file:IV/3/3.2 (page 14, row 5): N205 error message — suggestion` on one line."""
    location = finding.location
    line = f"{location.file}:{location.label()}: {finding.code} {finding.severity} {finding.message}"
    if finding.suggestion:
        line += f" — {finding.suggestion}"
    return " ".join(line.split())


def summary_line(checked: Sequence[CheckedDocument], lang: Language = "en") -> str:
    """`2 file(s) checked: 3 errors, 1 warnings, 4 notes` in the language."""
    tally = counts([finding for item in checked for finding in item.findings])
    files = ui("files", lang, count=len(checked))
    return ui("summary", lang, files=files, errors=tally["error"], warnings=tally["warning"], infos=tally["info"])


def render_text(checked: Sequence[CheckedDocument], lang: Language = "en") -> str:
    """One line per finding, in document order file by file, then the summary line."""
    lines = [text_line(finding) for item in checked for finding in item.findings]
    return "\n".join([*lines, summary_line(checked, lang)]) + "\n"


def render_json(checked: Sequence[CheckedDocument]) -> str:
    """A JSON list of findings `{code, name, severity, message, suggestion, evidence, location}`; byte-stable."""
    items = [finding.model_dump(mode="json") for item in checked for finding in item.findings]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _sarif_rule(index: int) -> dict:
    info = RULES[index].info
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.name.replace("-", " ")},
        "fullDescription": {"text": info.rationale},
        "defaultConfiguration": {"level": SARIF_LEVEL[info.severity]},
    }


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict:
    location = finding.location
    physical: dict = {"artifactLocation": {"uri": location.file}}
    if location.line is not None:
        physical["region"] = {"startLine": location.line}
    result = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message + (f" — {finding.suggestion}" if finding.suggestion else "")},
        "locations": [{"physicalLocation": physical,
                       "logicalLocations": [{"fullyQualifiedName": location.path(), "kind": "element"}]}],
        "partialFingerprints": {"findingLocation/v1": f"{finding.code}:{location.path()}:{finding.evidence or ''}"},
        "properties": {key: value for key, value in (("suggestion", finding.suggestion), ("evidence", finding.evidence),
                       ("page", location.page), ("table", location.table), ("row", location.row)) if value is not None},
    }
    return result


def render_sarif(checked: Sequence[CheckedDocument]) -> str:
    """A SARIF 2.1.0 log with one run: every rule as a reporting descriptor, every finding as a result."""
    rule_index = {rule.code: index for index, rule in enumerate(RULES)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "extractor-check", "version": __version__,
                                "rules": [_sarif_rule(index) for index in range(len(RULES))]}},
            "artifacts": [{"location": {"uri": item.document.source.path or item.document.source.name}}
                          for item in checked],
            "results": [_sarif_result(finding, rule_index) for item in checked for finding in item.findings],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def render_rules(lang: Language = "en") -> str:
    """The rule list for `--rules`: code, default severity, name and rationale, one rule a line."""
    width = max(len(rule.info.name) for rule in RULES)
    return "".join(f"{rule.code}  {rule.info.severity:<7}  {rule.info.name:<{width}}  {rule.info.rationale}\n"
                   for rule in RULES)
