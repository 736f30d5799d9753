"""Recognition: a layout document split into its parts and read as a programme `Document`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex as re

from .. import __version__
from ..places import SMALL_NAME_WORDS, TWO_WORD_FIRST
from ..model.document import Annex, Document, PartKind, Period
from ..model.layout import LayoutDocument, Paragraph, Table
from .annex import recognise_annex
from .numbering import AREA_HEADING, mostly_upper
from .report import ADOPTS, DECIDES, DECISION_START, REPORT_START, despace, recognise_decision, recognise_report

ANNEX_MARKER = re.compile(r"^ПРИЛОЖЕНИЕ\s*№\s*\d+\s*$", re.I)
TITLE = re.compile(r"ПРОГРАМА|ПЛАН\s+ЗА\s+ДЕ[ЙИ]СТВИЕ|СТРАТЕГИЯ|Програма\s+за\s+закрила", re.I)
ANNEX_TITLE = re.compile(r"^\s*(?:ОБЩИНСКА\s+)?(?:ПРОГРАМА|ПЛАН\s+ЗА\s+ДЕ[ЙИ]СТВИЕ|СТРАТЕГИЯ)\b", re.I)
ACTION_PLAN = re.compile(r"план\s+за\s+де[йи]ствие", re.I)
PROGRAMME_TITLE = re.compile(r"програма", re.I)
STRATEGIC_GOAL = re.compile(r"стратегическа\s+цел", re.I)
YEAR_FOR = re.compile(r"(?:за|ЗА)\s+(?:\p{L}+\s+)?(?P<year>(?:19|20)\d{2})(?!\d)")
YEAR_MARKED = re.compile(
    r"(?<!\d\s*[-–—/]\s*)(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:г\.|г\b|година|$)(?!\s*[-–—/]\s*\d)", re.I
)
PERIOD = re.compile(r"(?<!\d)(?P<start>(?:19|20)\d{2})\s*[-–—]\s*(?P<end>(?:19|20)\d{2})(?!\d)")
# First words of two-word municipality names; the second word may be written in small letters, as the
# official names of some are.
TWO_WORD_PREFIX = rf"(?i:{'|'.join(TWO_WORD_FIRST)})\s+"
NAME = rf"(?:{TWO_WORD_PREFIX}(?:[А-Я][А-Яа-я\-]+|(?:{'|'.join(SMALL_NAME_WORDS)})\b)|[А-Я][А-Яа-я\-]+)"
MUNICIPALITY = re.compile(
    r"\bСТОЛИЧНА\s+ОБЩИНА\b|\bСтолична\s+община\b"
    rf"|\b(?:ОБЩИНА|Община)\s+(?P<name>(?:(?i:град)\s+)?{NAME})"  # `Община град Добрич` is the official name
    rf"|\b(?:ОБЩИНСКИ\s+СЪВЕТ|Общински\s+съвет)\s*[–—-]?\s*(?:гр\.\s*)?(?!(?i:реш|прием|възлага|одобр))(?P<name>{NAME})"
)

TITLE_LINE_MAX = 80
PROGRAMME_WORD = re.compile(r"програм|план\s+за\s+действие", re.I)
PREAMBLE_YEAR_LINES = 6
CITY = re.compile(r"\bград\s+(?P<name>[А-Я][а-я]+)|\bгр\.\s*(?P<name2>[А-Я][а-я]+)")


@dataclass(frozen=True)
class Parts:
    """Block indexes where each part of a bundle starts (None: absent)."""

    report: int | None
    decision: int | None
    annex: int | None


def find_parts(blocks: list) -> Parts:
    """Where the report, the decision and the annex start in the block stream."""
    report = decision = annex = None
    decided = False
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            annex = index
            break
        text = despace(block.text)
        if report is None and decision is None and REPORT_START.match(text):
            report = index
        elif decision is None and DECISION_START.match(text):
            decision = index
        elif ANNEX_MARKER.match(text) or AREA_HEADING.match(text):
            annex = index
            break
        elif report is None and decision is None and TITLE.search(text) and mostly_upper(text):
            annex = index  # a programme title with no report or decision before it
            break
        elif decided and ANNEX_TITLE.match(text) and mostly_upper(text):
            annex = index  # the programme's title after the decision's operative points, with no `Приложение №`
            break
        decided = decided or (decision is not None and (DECIDES.match(text) or ADOPTS.search(text)) is not None)
    return Parts(report=report, decision=decision, annex=annex)


def _paragraphs(blocks: list) -> list[Paragraph]:
    return [block for block in blocks if isinstance(block, Paragraph)]


def annex_title(preamble: list[Paragraph]) -> str | None:
    """The programme's title: the first title-like paragraph and the lines that run straight on from it.

    In a Word or PDF file (no source lines) a title set in capitals runs on into the short capital
    paragraphs after it (`ОБЩИНСКА ПРОГРАМА ЗА ЗАКРИЛА НА ДЕТЕТО` / `НА ОБЩИНА ШУМЕН` / `ЗА 2025 ГОДИНА`)."""
    for index, paragraph in enumerate(preamble):
        if not TITLE.search(paragraph.text) or len(paragraph.text) > 250:
            continue
        parts = [paragraph.text]
        line = paragraph.origin.line
        capitals = mostly_upper(paragraph.text)
        for following in preamble[index + 1 :]:
            adjacent = line is not None and following.origin.line == line + 1
            runs_on = line is None and (following.text[:1].islower() or (capitals and _title_line(following.text)))
            if not (adjacent or runs_on):
                break
            parts.append(following.text)
            line = following.origin.line
        return " ".join(parts)
    return None


def _title_line(text: str) -> bool:
    """A short line in capitals that can continue a title (`ЗА 2025 ГОДИНА`), not a heading or marker of its own."""
    return (len(text) <= TITLE_LINE_MAX and mostly_upper(text) and not TITLE.search(text)
            and not ANNEX_MARKER.match(text) and not AREA_HEADING.match(text))


def preamble_year_lines(preamble: list[Paragraph]) -> list[str]:
    """Short lines at the head of the annex that may give the year beside the title (`Велико Търново, 2025 година`)."""
    return [p.text for p in preamble[:PREAMBLE_YEAR_LINES] if len(p.text) <= TITLE_LINE_MAX]


def year_and_period(*texts: str | None) -> tuple[int | None, Period | None]:
    """The programme year (`за 2021 г.`) and a span of years (`2010 - 2013`) from the first texts that give them."""
    year = period = None
    for text in filter(None, texts):
        span = PERIOD.search(text)
        if period is None and span:
            period = Period(start=int(span["start"]), end=int(span["end"]))
        match = YEAR_FOR.search(text)
        if year is None and match:
            year = int(match["year"])
    if year is None:  # `ПРОГРАМА … – 2022 г.`, `… ДЕТЕТО 2024`: a year marked or closing the title, outside a span
        marked = next(filter(None, (YEAR_MARKED.search(text) for text in texts if text)), None)
        year = int(marked["year"]) if marked else None
    return year, period


def municipality(paragraphs: list[Paragraph]) -> str | None:
    """The municipality named in the text (`СТОЛИЧНА ОБЩИНА`, `Община Варна`), else the city it names.

    A name written in capitals takes the spelling the text gives it elsewhere in small letters
    (`ОБЩИНА ДОЛНИ ЧИФЛИК` … `Община Долни чифлик`), else each word capitalised but the generic
    second words official names keep small."""
    for index, paragraph in enumerate(paragraphs):
        match = MUNICIPALITY.search(paragraph.text)
        if match:
            if not match["name"]:
                return "Столична община"
            return "Община " + _spelling(" ".join(match["name"].split()), paragraphs[index:])
    for paragraph in paragraphs:
        match = CITY.search(paragraph.text)
        if match:
            city = match["name"] or match["name2"]
            return "Столична община" if city == "София" else f"Община {city}"
    return None


def _spelling(name: str, paragraphs: list[Paragraph]) -> str:
    """A municipality's name as the text writes it in small letters, else capitalised by rule."""
    if not name.isupper():
        return name
    for paragraph in paragraphs:
        for match in MUNICIPALITY.finditer(paragraph.text):
            found = " ".join((match["name"] or "").split())
            if found.casefold() == name.casefold() and not found.isupper():
                return found
    words = name.split()
    return " ".join(
        word.lower() if (index and word.lower() in SMALL_NAME_WORDS) or (not index and word.lower() == "град")
        else word.capitalize()
        for index, word in enumerate(words)
    )


def annex_kind(title: str | None, labels: str) -> Literal["programme", "action_plan"]:
    """What the title calls the annex (the first of the two words it uses, should a title run on into the
    text after it); without either, areas labelled strategic goals mean a plan."""
    plan = ACTION_PLAN.search(title or "")
    programme = PROGRAMME_TITLE.search(title or "")
    if plan or programme:
        return "action_plan" if plan and (not programme or plan.start() < programme.start()) else "programme"
    return "action_plan" if ACTION_PLAN.search(labels) or STRATEGIC_GOAL.search(labels) else "programme"


def recognise(layout: LayoutDocument) -> Document:
    """Read a layout document as a programme bundle: report, decision and annex."""
    blocks = layout.blocks
    parts = find_parts(blocks)
    fmt = layout.source.format
    annex_start = parts.annex if parts.annex is not None else len(blocks)
    if parts.report is None and parts.decision is None:
        annex_start = 0  # an annex on its own: everything before its first table is its preamble
    decision_start = parts.decision if parts.decision is not None else annex_start
    found: list[PartKind] = []
    report = decision = None
    if parts.report is not None:
        report = recognise_report(_paragraphs(blocks[:decision_start]), fmt)
        found.append("report")
    if parts.decision is not None:
        decision = recognise_decision(_paragraphs(blocks[decision_start:annex_start]), fmt)
        found.append("decision")
    annex = None
    content = recognise_annex(blocks[annex_start:], fmt)
    title = annex_title(content.preamble)
    if content.areas:
        labels = " ".join(area.label for area in content.areas)
        kind = annex_kind(title, labels)
        annex = Annex(
            kind=kind,
            title=title,
            reference=next((p.text for p in content.preamble if ANNEX_MARKER.match(p.text)), None),
            preamble=[p.text for p in content.preamble],
            areas=content.areas,
            closing=content.closing,
            fragments=content.fragments,
        )
        found.append(kind)
    subject = report.subject if report else None
    # last, a decision printed after the annex that names the programme (`… приема Общинска програма … за 2021 г.`)
    closing = [text for text in content.closing if PROGRAMME_WORD.search(text)]
    year, period = year_and_period(
        title, decision.subject if decision else None, subject, *preamble_year_lines(content.preamble), *closing
    )
    return Document(
        id=layout.source.sha256[:16],
        source=layout.source,
        kind=annex.kind if annex else None,
        parts=found,
        title=title or subject,
        municipality=municipality(_paragraphs(blocks)),
        year=year,
        period=period,
        report=report,
        decision=decision,
        annex=annex,
        artefacts=layout.artefacts,
        tool_version=__version__,
    )
