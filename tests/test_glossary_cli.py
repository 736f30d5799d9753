"""`extractor glossary`: list, show and unknown on the glossary sub-app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.normalise.glossary_cli import glossary_app

SAMPLES = Path(__file__).parent.parent / "samples"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(glossary_app, list(args))


def test_list_prints_one_line_per_entry_with_id_abbreviation_type_name():
    result = run("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "so\tСО\tmunicipal_administration\tСтолична община" in lines
    assert len(lines) > 80


def test_list_filters_by_type():
    result = run("list", "--type", "ministry")
    assert result.exit_code == 0
    assert {line.split("\t")[0] for line in result.stdout.splitlines()} == {
        "mon", "momn", "mz", "mvr", "mp", "mtsp", "mvnr"
    }


def test_list_rejects_an_unknown_type_naming_the_valid_ones():
    result = run("list", "--type", "planet")
    assert result.exit_code == 2
    assert "unknown type 'planet'" in result.stderr and "ministry" in result.stderr


def test_list_as_json_holds_every_field():
    result = run("list", "--type", "commission", "--json")
    entries = {entry["id"]: entry for entry in json.loads(result.stdout)}
    assert entries["mkbppmn-so"]["parent"] == "so"
    assert entries["ckbppmn"]["variants"] == ["ЦКБПМН"]


def test_show_prints_fields_and_ancestors():
    result = run("show", "d-sd")
    assert result.exit_code == 0
    assert "name: Дирекция „Социални дейности“" in result.stdout
    assert "ancestors: so-sdihu > so" in result.stdout


def test_show_unknown_id_fails_with_hint():
    result = run("show", "mkbppmn-s")
    assert result.exit_code == 1
    assert "no glossary entry 'mkbppmn-s'" in result.stderr and "mkbppmn" in result.stderr


def test_user_glossary_entry_is_listed_and_shown(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text('[dkpzs]\nname = "Дирекция за контрол"\ntype = "other"\nabbreviations = ["ДКПЗС"]\n', "utf-8")
    assert "dkpzs\tДКПЗС\tother\tДирекция за контрол" in run("list", "--glossary", str(extra)).stdout
    assert "abbreviations: ДКПЗС" in run("show", "dkpzs", "--glossary", str(extra)).stdout


def test_bad_user_glossary_is_one_line_error(tmp_path):
    extra = tmp_path / "bad.toml"
    extra.write_text("[x\n", "utf-8")
    result = run("list", "--glossary", str(extra))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "not valid TOML" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_unknown_on_the_samples_finds_nothing():
    pytest.importorskip("extractor.api")
    result = run("unknown", str(SAMPLES / "sofia-2021-programme.txt"), str(SAMPLES / "sofia-2013-action-plan.txt"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 unknown pieces in" in result.stderr


def test_unknown_lists_pieces_a_smaller_glossary_lacks(tmp_path):
    pytest.importorskip("extractor.api")
    sample = SAMPLES / "sofia-2013-action-plan.txt"
    extra = tmp_path / "extra.toml"
    extra.write_text('[isdp]\nabbreviations = ["ИСДП-Х"]\n', "utf-8")
    result = run("unknown", str(sample), "--glossary", str(extra), "--json")
    assert result.exit_code == 0
    [piece] = json.loads(result.stdout)
    assert piece["raw"] == "ИСДП" and piece["count"] == 1 and piece["sources"] == [str(sample)]
    assert piece["suggestions"]


def test_every_command_has_help():
    for command in ("list", "show", "unknown"):
        result = run(command, "--help")
        assert result.exit_code == 0 and len(result.stdout) > 100


def test_json_views_name_the_qualifiers_an_entry_takes():
    shown = json.loads(run("show", "cop", "--json").stdout)
    assert shown["qualified_by"] == ["name", "place"]
    listed = {entry["id"]: entry for entry in json.loads(run("list", "--json").stdout)}
    assert listed["cop"]["qualified_by"] == ["name", "place"]
    assert listed["so"]["qualified_by"] == []
    assert "qualified_by: name; place" in run("show", "cop").stdout
