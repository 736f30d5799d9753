"""The checker on the two samples: their real defects, and nothing spurious, kept as golden text.

Regenerate the golden files after a reviewed change with `.venv/bin/python -m tests.test_check_samples`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.check import check_file
from extractor.check.render import render_text

from .conftest import ACTION_PLAN_2013, PROGRAMME_2021, SAMPLES

GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE_FILES = [PROGRAMME_2021, ACTION_PLAN_2013]

# The defects a reader finds in the samples (errors and warnings), as (code, place).
REAL_DEFECTS = {
    PROGRAMME_2021.name: [
        ("C506", "annex"),      # the annex's introduction lists the areas as I, III, II, V, VI, VII, IV
        ("S102", "II/6/6.3"),   # the mayor's award has no deadline
        ("N205", "IV/3/3.2"),   # two activities numbered 3.2
        ("N202", "V/5"),        # goals 1 then 5: 2-4 missing
        ("T701", "VI"),         # `отдых` typed with the Russian ы (the report has `отход`)
        ("T701", "VI/3/3.9"),   # `едnodневна` typed with Latin n, o, d
    ],
    ACTION_PLAN_2013.name: [
        ("N206", "1/б/1.В.1"),      # goal б's activity is numbered for goal в
        ("N205", "1/в/1.В.1"),      # ... so 1.В.1 appears twice
        ("N204", "2/в/2.В.1.2"),    # goal в's numbering starts at 2.В.1.2
        ("R602", "2/в/2.В.1.2"),    # 2.В.1.2-2.В.1.4 stand under goal б's row, before goal в begins
        ("R602", "2/в/2.В.1.3"),
        ("R602", "2/в/2.В.1.4"),
        ("T701", "3/б"),            # `negliжиране` typed with Latin letters
        ("R603", "annex"),          # a copy of row 3.А.1 printed at the end of strategic goal 2's table
    ],
}  # fmt: skip


def golden_text(path: Path) -> str:
    """The text report of a sample with its file named as in the repository."""
    checked = check_file(path)
    relative = path.relative_to(SAMPLES.parent).as_posix()
    findings = [f.model_copy(update={"location": f.location.model_copy(update={"file": relative})})
                for f in checked.findings]
    return render_text([type(checked)(document=checked.document, profile=checked.profile, findings=findings)])


def golden_path(path: Path) -> Path:
    return GOLDEN / f"check-{path.stem}.txt"


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_check_report_matches_the_golden_file(path: Path):
    assert golden_text(path) == golden_path(path).read_text(encoding="utf-8"), (
        "checker output changed: review it, then run .venv/bin/python -m tests.test_check_samples")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_errors_and_warnings_are_exactly_the_real_defects(path: Path):
    findings = check_file(path).findings
    found = [(f.code, f.location.path()) for f in findings if f.severity != "info"]
    assert found == REAL_DEFECTS[path.name]


def test_the_report_area_typo_is_noted_between_report_and_annex():
    (finding,) = [f for f in check_file(PROGRAMME_2021).findings if f.code == "C502"]
    assert (finding.location.path(), finding.params["changes"]) == ("VI", "отход → отдых")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_word_rendering_of_a_sample_shows_the_same_drafting_defects(path: Path):
    rendering = path.with_suffix(".docx")
    if not rendering.exists():
        pytest.skip(f"{rendering.name} not rendered (samples/make_renderings.py)")
    drafting = {"S", "N", "D", "E", "C", "T"}
    from_text = [(f.code, f.location.path()) for f in check_file(path).findings if f.code[0] in drafting]
    from_word = [(f.code, f.location.path()) for f in check_file(rendering).findings if f.code[0] in drafting]
    assert from_word == from_text


def regenerate() -> None:
    """Rewrite the golden check reports of the samples."""
    for path in SAMPLE_FILES:
        golden_path(path).write_text(golden_text(path), encoding="utf-8")
        print(f"wrote {golden_path(path)}")


if __name__ == "__main__":
    regenerate()


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_html_report_of_a_sample_links_every_finding_to_its_place(path: Path):
    from bs4 import BeautifulSoup

    from extractor.check.html import render_html

    checked = check_file(path)
    page = BeautifulSoup(render_html([checked]), "html.parser")
    links = [link["href"][1:] for link in page.select("ol.findings a")]
    assert len(links) == len(checked.findings)
    assert all(page.find(id=target) is not None for target in links)
    activities = sum(len(goal.activities) or 1 for area in checked.document.annex.areas for goal in area.goals)
    assert len(page.select("tbody tr")) == activities
