"""The command line: exit codes, one-line errors, output files, help everywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021

runner = CliRunner()


def test_extract_prints_the_full_document_as_json():
    result = runner.invoke(app, ["extract", str(ACTION_PLAN_2013)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kind"] == "action_plan"


def test_extract_writes_csv_with_published_columns(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(PROGRAMME_2021), "-o", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "sofia-2021-programme.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 110
    assert rows[0]["area"] == "1" and rows[0]["goal"] == "1" and rows[0]["activity"] == ""
    assert not list(tmp_path.glob("*.part"))


def test_same_input_gives_byte_identical_json(tmp_path: Path):
    first = runner.invoke(app, ["extract", str(PROGRAMME_2021)]).stdout
    assert runner.invoke(app, ["extract", str(PROGRAMME_2021)]).stdout == first


def test_unreadable_input_gives_one_line_error_and_exit_1(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(bad), str(ACTION_PLAN_2013), "-o", str(tmp_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {bad}: empty file"]
    assert (tmp_path / "sofia-2013-action-plan.json").exists()


def test_text_that_is_not_a_programme_is_refused(tmp_path: Path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Уважаеми господине,\nблагодаря за писмото.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(letter)])
    assert result.exit_code == 1 and "not a programme" in result.stderr


def test_unknown_format_option_is_a_usage_error():
    assert runner.invoke(app, ["extract", str(ACTION_PLAN_2013), "--format", "xml"]).exit_code == 2


@pytest.mark.parametrize("command", [[], ["extract"], ["schema"], ["version"]])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.stdout
