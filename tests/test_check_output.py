"""Checker output: the linter text line, the JSON list, SARIF 2.1.0, the HTML page, the catalogue, profiles, the CLI."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from extractor.check import RULES, ProfileError, check_document, load_profile
from extractor.check.findings import Location
from extractor.check.html import render_html
from extractor.check.messages import catalogue
from extractor.check.render import render_json, render_sarif, render_text, text_line
from extractor.cli import app

from .conftest import document_from_text
from .test_check_rules import HEADER, base_draft, write_draft

runner = CliRunner()
DEFECTIVE = "\n".join([
    "ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО ЗА 2021 ГОДИНА",
    "Приоритетна област I: Информиране",
    "\t".join(HEADER),
    "\t".join(["1. Преодоляване на насилието.", "1.1. Събития.", "РУО", "Бюджет", "целогодишно"]),
    "\t".join(["", "1.2. Консултиране.", "СО", "Бюджет", "целогодишно"]),
    "\t".join(["", "1.2. Планиране.", "ДСП", "Бюджет", ""]),
])  # fmt: skip


@pytest.fixture(scope="module")
def checked():
    return check_document(document_from_text(DEFECTIVE))


def test_location_reads_area_goal_activity_then_page_and_row():
    location = Location(file="draft.docx", part="annex", area=4, area_label="IV", goal="3", activity="3.2", page=14, row=5)
    assert location.label() == "IV/3/3.2 (page 14, row 5)"
    assert Location(file="draft.docx", part="report").label() == "report"


def test_text_has_one_line_per_finding_and_a_summary(checked):
    lines = render_text([checked]).splitlines()
    assert len(lines) == len(checked.findings) + 1
    assert lines[-1] == "1 file(s) checked: 2 errors, 0 warnings, 0 notes"
    assert lines[0].startswith("fixture.txt:I/1/1.2 (page 1, row 3, line 6): S102 error the activity has no deadline — ")
    assert re.fullmatch(r"fixture\.txt:I/1/1\.2 \(page 1, row 3, line 6\): N205 error activity number 1\.2 is used "
                        r"again \(first at I/1/1\.2 \(page 1, row 2, line 5\)\) — .*", text_line(checked.findings[1]))


def test_json_findings_have_the_published_keys_and_flat_view_numbers(checked):
    items = json.loads(render_json([checked]))
    assert [item["code"] for item in items] == ["S102", "N205"]
    assert set(items[0]) == {"code", "name", "severity", "message", "suggestion", "evidence", "location"}
    assert {"file", "area", "goal", "activity", "page", "table", "row"} <= set(items[0]["location"])
    assert (items[0]["location"]["area"], items[0]["location"]["goal"], items[0]["location"]["activity"]) == (1, "1", "1.2")
    assert render_json([checked]) == render_json([check_document(document_from_text(DEFECTIVE))])


def test_sarif_lists_every_rule_and_points_results_at_them(checked):
    log = json.loads(render_sarif([checked]))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in RULES]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"}
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
        assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "I/1/1.2"


def test_html_links_every_finding_to_a_highlighted_element(checked):
    page = BeautifulSoup(render_html([checked]), "html.parser")
    links = page.select("ol.findings a")
    assert len(links) == len(checked.findings)
    for link in links:
        target = page.find(id=link["href"][1:])
        assert target is not None and "row-error" in target.get("class", []), link["href"]
    assert not page.find_all(src=True) and not page.find_all("link")


def test_html_renders_every_activity_row(checked):
    page = BeautifulSoup(render_html([checked], "bg"), "html.parser")
    assert len(page.select("tbody tr")) == 3
    assert page.html["lang"] == "bg" and "Констатации" in page.get_text()


def test_bulgarian_messages_come_from_the_same_catalogue(checked):
    bulgarian = check_document(document_from_text(DEFECTIVE), lang="bg")
    assert [f.code for f in bulgarian.findings] == [f.code for f in checked.findings]
    assert bulgarian.findings[0].message == "дейността няма срок за изпълнение"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_has_every_message_in_both_languages_with_the_same_placeholders():
    entries = {key: value for key, value in catalogue().items() if key not in ("terms", "ui")}
    for key, entry in entries.items():
        assert _placeholders(entry["en"]) == _placeholders(entry["bg"]), key
        assert ("suggestion_en" in entry) == ("suggestion_bg" in entry), key
    for rule in RULES:
        assert any(key == rule.code or key.startswith(rule.code + ".") for key in entries), rule.code


def test_built_in_profile_follows_the_document_kind():
    assert check_document(document_from_text(DEFECTIVE)).profile.name == "programme"
    plan = document_from_text("Стратегическа цел 1. Х\nЦел\tДейност\tСрок\tИнституция\tФинансиране\tОчакван резултат\n"
                              "а. Цел\t1.А.1. Дейност\tПостоянен\tСО\tСО\t")
    result = check_document(plan)
    assert result.profile.name == "action_plan"
    assert [f.key for f in result.findings] == ["S102.result"]


def test_profile_file_extends_a_built_in_and_changes_levels(tmp_path: Path):
    path = tmp_path / "strict.toml"
    path.write_text('extends = "programme"\n[rules]\nN205 = "warning"\nS102 = "off"\n', encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.required.columns == load_profile("programme").required.columns
    findings = check_document(document_from_text(DEFECTIVE), profile).findings
    assert [(f.code, f.severity) for f in findings] == [("N205", "warning")]


@pytest.mark.parametrize(("text", "reason"), [
    ('[rules]\nX999 = "error"\n', "unknown rule code X999"),
    ('[rules]\nN205 = "fatal"\n', "rules.N205"),
    ("[rules\n", "not a readable TOML file"),
    ('extends = "nowhere"\n', "no such profile"),
])  # fmt: skip
def test_bad_profile_is_one_line_error(tmp_path: Path, text, reason):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=reason):
        check_document(document_from_text(DEFECTIVE), str(path))


def test_cli_exit_code_is_1_with_errors_and_0_without(tmp_path: Path):
    clean = write_draft(tmp_path / "clean.docx", base_draft())
    result = runner.invoke(app, ["check", str(clean)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 file(s) checked: 0 errors, 0 warnings, 0 notes"
    defective = tmp_path / "defective.txt"
    defective.write_text(DEFECTIVE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(defective), "--format", "json"])
    assert result.exit_code == 1
    assert [item["code"] for item in json.loads(result.stdout)] == ["S102", "N205"]


def test_cli_usage_errors_exit_2(tmp_path: Path):
    assert runner.invoke(app, ["check"]).exit_code == 2
    assert runner.invoke(app, ["check", "x.txt", "--format", "xml"]).exit_code == 2
    clean = write_draft(tmp_path / "clean.docx", base_draft())
    result = runner.invoke(app, ["check", str(clean), "--profile", "nonexistent"])
    assert result.exit_code == 2 and "profile nonexistent: no such profile" in result.output


def test_cli_unreadable_file_is_one_line_error(tmp_path: Path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["check", str(broken)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and f"error: {broken}" in result.output


def test_cli_lists_rules_and_writes_html(tmp_path: Path):
    listing = runner.invoke(app, ["check", "--rules"]).stdout
    assert [line.split()[0] for line in listing.splitlines()] == [rule.code for rule in RULES]
    defective = tmp_path / "defective.txt"
    defective.write_text(DEFECTIVE, encoding="utf-8")
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["check", str(defective), "--html", str(report), "--lang", "bg"])
    assert result.exit_code == 1
    assert "дейността няма срок за изпълнение" in result.stdout
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("*.part"))
