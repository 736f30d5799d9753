"""Write Word and PDF renderings of the sample documents, as a municipality would have typed them.

The .docx files are written with python-docx from the documents recognised in the .txt samples, in
two layouts that differ the way real annexes do:

* the 2021 programme: the report and the draft decision on portrait pages, then the annex as ONE landscape table with
  a header row repeated on every page (`w:tblHeader`), each priority area a full-width merged row
  inside the table, each goal cell merged down (`w:vMerge`) over the rows of its activities;
* the 2013 action plan: a paragraph heading per strategic goal, then that goal's own table, with the
  goal written in the first row of its activities only, and the longest activity of each table
  split in two rows as at a page break (the continuation row has its numbered cells empty).

Every page carries a running header and a footer with the page number (`N / M`) and the
e-signature note, as the archived documents do. The PDFs are made from the .docx files by
LibreOffice (`soffice --headless --convert-to pdf`). Run from the repository root:

    .venv/bin/python samples/make_renderings.py [--no-pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from extractor.model.document import Activity, Area, Column, Document, Goal
from extractor.readers import read
from extractor.recognise import recognise, find_parts
from word_print import add_field, print_pdfs  # samples/word_print.py, beside this script

SAMPLES = Path(__file__).resolve().parent
SIGNATURE = "Електронен документ, подписан с КЕП. До адресата се изпраща чрез АИССО."
SPLIT_MIN_CHARS = 150


# -- text of a recognised record, as it was printed ----------------------------------------------
def goal_label(goal: Goal) -> str:
    """A goal cell: its number (as recognised, so a misread `6.` prints as `б.`) and its text."""
    return f"{goal.number}. {goal.text}" if goal.number else goal.text


def activity_label(activity: Activity) -> str:
    """An activity cell: its number as printed and its text."""
    return f"{activity.number_raw} {activity.text}" if activity.number_raw else activity.text


def cell_texts(columns: list[Column], goal_text: str, activity: Activity | None) -> list[str]:
    """The texts of one table row in the area's column order."""
    by_role = {
        "goal": goal_text,
        "number": activity.number_raw or "" if activity else "",
        "activity": (activity.text if any(c.role == "number" for c in columns) else activity_label(activity))
        if activity else "",
        "executor": activity.executors_raw if activity else "",
        "partner": activity.partners_raw or "" if activity else "",
        "financing": activity.financing_raw if activity else "",
        "deadline": activity.deadline_raw if activity else "",
        "result": activity.expected_result or "" if activity else "",
        "budget": activity.budget or "" if activity else "",
        "indicator": activity.indicators or "" if activity else "",
    }
    return [by_role[c.role] if c.role else (activity.extra.get(c.header, "") if activity else "") for c in columns]


def area_heading(area: Area) -> str:
    return f"{area.label} {area.number_raw}: {area.title}" if area.label == "Приоритетна област" else (
        f"{area.label} {area.number_raw}. {area.title}"
    )


# -- python-docx helpers -----------------------------------------------------------------------
def set_cell_text(cell, text: str, bold: bool = False) -> None:
    """Write a cell's text, one paragraph per line."""
    lines = text.split("\n") if text else [""]
    cell.text = ""
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold


def mark_header_row(row) -> None:
    """Repeat this row at the top of every page the table crosses."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def page_furniture(section, running_header: str) -> None:
    """Running header, and a footer with `N / M` and the e-signature note."""
    section.header.paragraphs[0].text = running_header
    footer = section.footer.paragraphs[0]
    add_field(footer, "PAGE")
    footer.add_run(" / ")
    add_field(footer, "NUMPAGES")
    section.footer.add_paragraph(SIGNATURE)


def new_document(running_header: str, landscape: bool, font_size: float = 10) -> docx.Document:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(font_size)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    page_furniture(section, running_header)
    return document


def add_table(document, widths_cm: list[float]):
    table = document.add_table(rows=0, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    return table


def add_row(table, texts: list[str], widths_cm: list[float], bold: bool = False):
    row = table.add_row()
    for cell, text, width in zip(row.cells, texts, widths_cm):
        cell.width = Cm(width)
        set_cell_text(cell, text, bold=bold)
    return row


def column_widths(columns: list[Column], total_cm: float) -> list[float]:
    """Widths by role: texts wide, deadlines and numbers narrow."""
    weight = {"goal": 3.0, "activity": 4.5, "number": 1.0, "deadline": 2.2, "financing": 2.4, "executor": 2.6,
              "partner": 2.2, "result": 2.8, "budget": 1.6, "indicator": 2.2}
    weights = [weight.get(c.role or "", 2.0) for c in columns]
    return [round(total_cm * w / sum(weights), 2) for w in weights]


def write_paragraphs(document, texts: list[str]) -> None:
    for text in texts:
        document.add_paragraph(text)


# -- the two layouts ---------------------------------------------------------------------------
def body_before_annex(path: Path) -> list[str]:
    """The paragraphs of the report and the decision, as the text sample gives them."""
    layout = read(path)
    parts = find_parts(layout.blocks)
    end = parts.annex if parts.annex is not None else len(layout.blocks)
    return [block.text for block in layout.blocks[:end] if block.kind == "paragraph"]


def programme_as_one_table(document_model: Document, before_annex: list[str]) -> docx.Document:
    """Report, decision, then the annex as one table with area rows inside and merged goal cells."""
    annex = document_model.annex
    document = new_document(f"Столична община – {annex.title}", landscape=False)
    write_paragraphs(document, before_annex)
    annex_section = document.add_section(WD_SECTION.NEW_PAGE)
    annex_section.orientation = WD_ORIENT.LANDSCAPE
    annex_section.page_width, annex_section.page_height = Cm(29.7), Cm(21.0)
    write_paragraphs(document, annex.preamble)
    columns = annex.areas[0].columns
    widths = column_widths(columns, 25.5)
    table = add_table(document, widths)
    mark_header_row(add_row(table, [c.header for c in columns], widths, bold=True))
    for area in annex.areas:
        if [c.header for c in area.columns] != [c.header for c in columns]:
            columns = area.columns
            add_row(table, [c.header for c in columns], widths, bold=True)
        area_row = add_row(table, [""] * len(columns), widths)
        merged = area_row.cells[0].merge(area_row.cells[-1])
        set_cell_text(merged, area_heading(area), bold=True)
        goal_col = next((i for i, c in enumerate(columns) if c.role == "goal"), None)
        for goal in area.goals:
            rows = [add_row(table, cell_texts(columns, "", activity), widths) for activity in goal.activities]
            rows = rows or [add_row(table, cell_texts(columns, "", None), widths)]
            if goal_col is not None:
                cell = rows[0].cells[goal_col].merge(rows[-1].cells[goal_col]) if len(rows) > 1 else rows[0].cells[goal_col]
                set_cell_text(cell, goal_label(goal))
    write_paragraphs(document, annex.closing)
    return document


def split_at_middle_space(text: str) -> tuple[str, str] | None:
    """Split a text at the single space nearest its middle, within one line; None if there is none."""
    middle = len(text) // 2
    candidates = [i for i, ch in enumerate(text) if ch == " " and text[i - 1] != " " and text[i + 1 : i + 2] not in (" ", "")]
    candidates = [i for i in candidates if "\n" not in text[max(0, i - 1) : i + 2]]
    if not candidates:
        return None
    cut = min(candidates, key=lambda i: abs(i - middle))
    return text[:cut], text[cut + 1 :]


def plan_as_table_per_area(document_model: Document) -> docx.Document:
    """A heading paragraph per strategic goal, then its own table; the longest activity split in two rows."""
    annex = document_model.annex
    document = new_document(annex.title or "", landscape=False, font_size=8.5)
    write_paragraphs(document, annex.preamble)
    for area in annex.areas:
        document.add_paragraph(area_heading(area))
        columns = area.columns
        widths = column_widths(columns, 18.0)
        table = add_table(document, widths)
        add_row(table, [c.header for c in columns], widths, bold=True)
        longest = max((a for g in area.goals for a in g.activities), key=lambda a: len(a.text), default=None)
        for goal in area.goals:
            for index, activity in enumerate(goal.activities):
                texts = cell_texts(columns, goal_label(goal) if index == 0 else "", activity)
                split = split_at_middle_space(activity.text) if activity is longest else None
                if split is None or len(activity.text) < SPLIT_MIN_CHARS:
                    add_row(table, texts, widths)
                    continue
                activity_col = next(i for i, c in enumerate(columns) if c.role == "activity")
                head, tail = split
                add_row(table, [activity_label(activity.model_copy(update={"text": head})) if i == activity_col
                                 else text for i, text in enumerate(texts)], widths)
                add_row(table, [tail if i == activity_col else "" for i in range(len(columns))], widths)
        document.add_paragraph()
    write_paragraphs(document, annex.closing)
    return document


# -- files -------------------------------------------------------------------------------------
RENDERINGS = {
    "sofia-2021-programme": "one-table",
    "sofia-2013-action-plan": "table-per-area",
}


def write_docx(name: str, layout: str) -> Path:
    source = SAMPLES / f"{name}.txt"
    recognised = recognise(read(source))
    if layout == "one-table":
        document = programme_as_one_table(recognised, body_before_annex(source))
    else:
        document = plan_as_table_per_area(recognised)
    target = SAMPLES / f"{name}.docx"
    document.core_properties.created = document.core_properties.modified = dt.datetime(2021, 1, 1)
    document.save(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="write the .docx files only")
    args = parser.parse_args()
    paths = [write_docx(name, layout) for name, layout in RENDERINGS.items()]
    if not args.no_pdf:
        print_pdfs(paths, SAMPLES)
    for path in paths:
        print(path.relative_to(SAMPLES.parent), "and .pdf" if not args.no_pdf else "")


if __name__ == "__main__":
    main()
