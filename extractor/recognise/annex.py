"""The annex: a stream of paragraphs and table rows turned into areas → goals → activities.

Format-neutral: it reads only the layout document. Rows split at page breaks are merged back,
shifted cells realigned by content, stray fragments re-attached, duplicates dropped; every such
change is recorded as a `Repair` and no text is thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

from ..model.document import (
    Area,
    Column,
    Fragment,
    HeaderRole,
    Provenance,
    Repair,
)
from ..model.layout import Cell, Origin, Paragraph, SourceFormat, Table
from .align import CellText, align_row
from .header import header_roles, heads_other_table, inherit_lost_roles, role_of_header, subheader_columns
from .numbering import (
    CYRILLIC_ROMAN,
    GOAL_PREFIX,
    NUMBERED_TITLE,
    Numbered,
    match_area_heading,
    CYRILLIC_LETTERS,
    area_number,
    follows_letter,
    is_number_only,
    is_sublevel,
    match_activity_number,
    match_numbered_area,
    mostly_upper,
    numbered_activity,
    split_activity_number,
    split_bullet,
    split_goal_number,
    split_letter_item,
)

GOAL_HEADING = re.compile(
    r"^\s*(?:(?:Оперативна|Специфична)\s+)?цел(?:\s*№\s*|\s+|(?=\d))(?P<number>[1-9]\d?(?:\.\d{1,2})*(?!\d)|[а-я](?=\s*[.):]))"
    r"\s*[.:)\-–]?\s*(?P<text>.+)$"
    # `Цел: …` without a number; a goal lettered `а) …` opening a row of its own
    r"|^\s*(?:(?:Оперативна|Специфична)\s+)?цел\s*[:–-]\s*(?P<number>)(?P<text>\S.*)$"
    # `Мярка 1.1. …` on a row (or line) of its own: a measure, the level between a strategic goal and its activities
    r"|^\s*мярка(?:\s*№\s*|\s+)(?P<number>[1-9]\d?(?:\.\d{1,2})*(?!\d))\s*[.:)\-–]?\s*(?P<text>\p{Lu}.*)$"
    r"|^\s*(?P<number>(?-i:[а-я])|6)\)\s+(?P<text>(?-i:\p{Lu}).*)$",  # `6)`: a `б)` misprinted or misread
    re.I | re.S,
)
# A goal lettered with a capital, `А. Детско здраве`, `Б. Превенция на …`: a sentence (its second word in lower
# case), so that initials before a signature (`А. Петрова – зам.-кмет`) are not read so.
CAPITAL_LETTER_GOAL = re.compile(r"^\s*(?P<number>[А-Я])\.\s+(?P<text>\p{Lu}\p{Ll}*\s+\p{Ll}.*)$", re.S)
FIELD_ROLES: tuple[HeaderRole, ...] = (
    "executor", "partner", "financing", "budget", "deadline", "result", "indicator",
)  # fmt: skip


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


HYPHEN_AT_END = re.compile(r"\p{L}[-‐]$")
# A closing totals row: `ОБЩО:`, `Общо за област 1:`, `Всичко:` (its sum in the same cell or in the money column).
TOTAL_LABEL = re.compile(
    r"^\s*(?:общо|всичко)(?:\s+(?:за|по)\s+(?:[^:]{1,80}:|[^:\d]{1,80}))?\s*:?"
    r"\s*(?:[\d\s.,]+\s*(?:лв\.?|лева|евро|€)?)?\s*$",
    re.I,
)
# The executor named on a line of the activity cell (after a comma or a space where a conversion joined its lines,
# the label then capitalised): `Отговорник: РЗИ`, `Отг.: ДСП`, `Изпълнители: …`, `Отговорни институции: …`.
EXECUTOR_LABEL_LINE = re.compile(
    r"(?:\n|[,;]\s|^|\s(?=(?-i:[ОИ])))\s*(?:отговорни(?:к|ци)|отговорни\s+институции|отг\.|изпълнител(?:и)?)\s*:\s*", re.I)
NUMBERED_AREA_CELL = re.compile(r"^\s*(?P<number>[IVXLCІХ]+|\d{1,2})\s*[.):]\s*(?P<title>.+)$", re.S)
LETTER_AFTER_DOT = re.compile(r"\.(\p{L})")
NUMBERED_GOAL_LINE = re.compile(r"^\s*(?P<number>[1-9]\d?)\.\s+(?P<text>\p{Lu}.*)$", re.S)
ROMAN_NUMBER_CELL = re.compile(r"\s*[IVXLCІХ]{1,5}\s*[.):]\s*")
# A cell opening with the word for a goal (`Цел 1. …`, `Оперативна цел 2`), not a strategic goal (an area).
GOAL_WORD = re.compile(r"^\s*(?:(?:Оперативна|Специфична)\s+)?цел\b", re.I)
# A number cell that labels a goal (`Цел 1`, `Цел 2.`, `Оперативна цел 1.1`): the row is the goal, its text in the
# activity column.
GOAL_LABEL_CELL = re.compile(rf"^\s*{GOAL_PREFIX}(?P<number>[1-9]\d?(?:\.\d{{1,2}})*)\s*[.:)]?\s*$", re.I)
# A label opening a paragraph, a line or a sentence of one (`Срок: м. май.`, `Отговорни институции: РЗИ`): an annex
# written as paragraphs names each field of an activity so. The label's role is read as a column header's would be.
FIELD_LABEL = re.compile(r"(?:^|(?<=\s))(?P<label>\p{Lu}\p{Ll}+(?:\s+\p{Ll}+){0,2})\s*:\s*")
# Words whose dot is an abbreviation's, not a sentence's end (`до 30.06.2010 г.`, `2 000 лв.`, `и др.`).
ABBREVIATION_END = re.compile(r"(?:^|[\s(.\d])(?:г|лв|м|гр|ул|бул|т|ал|чл|хил|млн|др|вкл|год|ч|мин|стр|с|кв|пл|св)\.$", re.I)


@dataclass
class Labelled:
    """A paragraph cut at its field labels: the text before the first label and each labelled value by role."""

    head: str
    fields: dict[str, str]
    labels: list[tuple[str, str]]  # (label as printed, role) in order


def sentence_value(text: str) -> str:
    """A labelled value without the dot that ends its sentence (`м. май.` → `м. май`); an abbreviation keeps its dot."""
    text = text.strip()
    if text.endswith(".") and not ABBREVIATION_END.search(text) and not text.endswith(".."):
        return text[:-1].rstrip()
    return text


def labelled_fields(text: str) -> Labelled | None:
    """`1.1. Беседи … Срок: м. май. Отговорник: РЗИ.` cut at its labels of activity fields, else None."""
    found = [m for m in FIELD_LABEL.finditer(text) if role_of_header(m["label"]) in FIELD_ROLES]
    if not found:
        return None
    fields: dict[str, str] = {}
    labels = []
    for match, following in zip(found, found[1:] + [None]):
        role = role_of_header(match["label"])
        value = sentence_value(text[match.end(): following.start() if following else len(text)])
        fields[role] = join_continuation(fields.get(role, ""), value)
        labels.append((match["label"], role))
    head = text[: found[0].start()].strip()
    return Labelled(head=sentence_value(head) if head else "", fields=fields, labels=labels)


def join_continuation(left: str, right: str) -> str:
    """Join a cell's text cut by a page break: a word hyphenated at the cut is rejoined."""
    if not left:
        return right
    if not right:
        return left
    if HYPHEN_AT_END.search(left) and right[:1].isalpha():
        return left + right
    return f"{left} {right}"


@dataclass
class _Activity:
    number: str | None
    number_raw: str | None
    text: str
    fields: dict[str, str]
    extra: dict[int, str]
    overflow: list[str]
    origin: Origin
    table: int | None
    row: int | None
    on_goal_row: bool
    lines: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [self.text, *self.fields.values(), *self.extra.values()]


@dataclass
class _Goal:
    number: str | None
    number_raw: str | None
    text: str
    origin: Origin
    table: int | None
    row: int | None
    activities: list[_Activity] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    heading_row: bool = False  # read from a numbered row or paragraph by its depth, not from a goal cell


@dataclass
class _Area:
    number: int | None
    number_raw: str | None
    label: str
    title: str
    origin: Origin
    table: int | None = None
    row: int | None = None
    columns: list[Column] = field(default_factory=list)
    goals: list[_Goal] = field(default_factory=list)


@dataclass
class _RowContext:
    table: int | None
    row: int | None
    origin: Origin


@dataclass
class AnnexContent:
    """What the annex stream yields: areas in order plus text that belongs to no record."""

    areas: list[Area]
    preamble: list[Paragraph]
    closing: list[str]
    fragments: list[Fragment]


class _AnnexBuilder:
    """A small state machine fed paragraphs and rows in body order."""

    def __init__(self, fmt: SourceFormat) -> None:
        self.fmt = fmt
        self.areas: list[_Area] = []
        self.preamble: list[Paragraph] = []
        self.pending: list[Paragraph] = []
        self.fragments: list[Fragment] = []
        self.closing: list[str] = []
        self.last_roles: list[HeaderRole | None] | None = None
        self.header_table: int | None = None
        self.header_texts: list[str] = []
        self.header_place: tuple[int | None, int | None] | None = None
        self.column_joins: dict[int, tuple[str, str]] = {}  # sub-columns of one role joined (`header.SubHeader`)
        self.cells_seen: dict[str, CellText] = {}  # this document's cell texts read for `align_row`
        self.header_words: dict[str, HeaderRole | None] = {}  # and the roles of its short cells, for `header_roles`
        self.numbered_paragraph: Paragraph | None = None  # a numbered paragraph, if the last block read
        self.other_table: int | None = None  # a table listing no activities (a budget summary), read as fragments
        # `1. Здравеопазване` straight before a table's header, set aside until its first row tells whether it
        # names an area; with the list it was taken from
        self.area_candidate: tuple[Paragraph, list[Paragraph]] | None = None
        # an annex written as paragraphs: the numbered paragraph read last, with the labelled fields under it
        self.item: tuple[Paragraph, Numbered, Labelled] | None = None
        self.list_heading: tuple[Paragraph, Numbered] | None = None  # a numbered paragraph without fields

    # -- navigation ---------------------------------------------------------------------------
    @property
    def area(self) -> _Area | None:
        return self.areas[-1] if self.areas else None

    @property
    def goal(self) -> _Goal | None:
        area = self.area
        return area.goals[-1] if area and area.goals else None

    @property
    def activity(self) -> _Activity | None:
        goal = self.goal
        return goal.activities[-1] if goal and goal.activities else None

    def provenance(self, origin: Origin, table: int | None, row: int | None) -> Provenance:
        return _provenance(self.fmt, origin, table, row)

    # -- paragraphs ---------------------------------------------------------------------------
    def paragraph(self, paragraph: Paragraph) -> None:
        if self.last_roles is None and self.areas and self.labelled_paragraph(paragraph):
            return
        self.close_item()
        if self.area_candidate is not None and GOAL_WORD.match(paragraph.text):
            self.settle_area_candidate([paragraph.text])  # the goal row of the table below its header, as a line
        self.return_area_candidate()  # else a table of a header alone: the title before it stays where it was
        heading = match_area_heading(paragraph.text)
        goal_heading = self.match_goal_heading(paragraph.text) if self.areas else None
        if not (heading or goal_heading) and self.titles_untitled_area(paragraph.text):
            self.area.title = " ".join(paragraph.text.split())
            self.numbered_paragraph = None
            return
        if heading and self.roman_goal(heading):
            self.open_roman_goal(heading, _RowContext(table=None, row=None, origin=paragraph.origin))
        elif heading:
            self.start_area(heading, paragraph.origin, None, None)
        elif goal_heading:
            self.goal_heading(goal_heading, _RowContext(table=None, row=None, origin=paragraph.origin))
        elif not self.areas:
            self.preamble.append(paragraph)
        else:
            self.pending.append(paragraph)
        self.numbered_paragraph = paragraph if not (heading or goal_heading) and paragraph.text[:1].isdigit() else None

    # -- an annex written as paragraphs ---------------------------------------------------------
    def labelled_paragraph(self, paragraph: Paragraph) -> bool:
        """Under an area, with no table read: a numbered paragraph opens an activity (`1.1. Беседи …`, its fields
        labelled in it or on the paragraphs after it: `Срок: …`, `Отговорник: …`); whether it read the paragraph."""
        labelled = labelled_fields(paragraph.text)
        if self.item is not None and labelled is not None and not labelled.head:
            _, numbered, fields = self.item  # a label line under the open activity
            for role, value in labelled.fields.items():
                fields.fields[role] = join_continuation(fields.fields.get(role, ""), value)
            fields.labels.extend(labelled.labels)
            return True
        numbered = split_activity_number(labelled.head if labelled else paragraph.text, single_level=True)
        if numbered.number is None:
            return False
        self.close_item()
        self.item = (paragraph, numbered, labelled or Labelled(head="", fields={}, labels=[]))
        return True

    def close_item(self) -> None:
        """The numbered paragraph read last becomes an activity if fields were labelled for it; without any it is a
        goal when the next numbered paragraph's number extends its own (`1.` above `1.1.`), else plain text."""
        item, self.item = self.item, None
        heading, self.list_heading = self.list_heading, None
        if item is None:
            if heading is not None:
                self.pending.append(heading[0])
            return
        paragraph, numbered, labelled = item
        ctx = _RowContext(table=None, row=None, origin=paragraph.origin)
        if heading is not None and labelled.fields and is_sublevel(numbered.number, heading[1].number):
            self.flush_pending("text between activities")
            self.new_goal(heading[1].number, heading[1].raw, " ".join(heading[1].text.split()), ctx)
            self.goal.origin = heading[0].origin
            self.goal.heading_row = True
        elif heading is not None:
            self.pending.append(heading[0])
        if not labelled.fields:
            self.list_heading = (paragraph, numbered)
            return
        self.flush_pending("text between activities")
        area = self.ensure_area(ctx.origin, None, None)
        for label, role in labelled.labels:
            if all(column.role != role for column in area.columns):
                area.columns.append(Column(index=len(area.columns), header=label, role=role))
        if self.goal is None:
            self.new_goal(None, None, "", ctx)
        self.new_activity(numbered, labelled.fields, _NO_ALIGNMENT, ctx, on_goal_row=False, repairs=[])

    def flush_pending(self, reason: str) -> None:
        for paragraph in self.pending:
            prov = self.provenance(paragraph.origin, None, None)
            self.fragments.append(Fragment(reason=reason, text=paragraph.text, provenance=prov))
        self.pending = []

    def resolve_fragments(self) -> None:
        """Paragraphs that fell between rows of one table: re-attach them or drop them as duplicates."""
        if not self.pending:
            return
        activity = self.activity
        for paragraph in self.pending:
            origin = paragraph.origin
            if self.opens_unnumbered_area(paragraph.text):  # a merged row of the table, printed as a line
                self.open_area("", None, paragraph.text, origin, None, None)
                activity = None
                continue
            if self.opens_capitals_goal(paragraph.text):  # a merged goal row of the table, printed as a line
                self.open_capitals_goal(paragraph.text, _RowContext(table=None, row=None, origin=origin))
                activity = None
                continue
            numbered = self.numbered_goal_line(paragraph.text)
            if numbered is not None:  # a goal row printed as a line, rows of the table following
                self.new_goal(numbered.number, numbered.raw, " ".join(numbered.text.split()),
                              _RowContext(table=None, row=None, origin=origin))
                activity = None
                continue
            if activity is None:
                self.fragments.append(
                    Fragment(reason="text before the first row", text=paragraph.text,
                             provenance=self.provenance(origin, None, None))
                )
                continue
            squashed = _squash(paragraph.text)
            if any(squashed in _squash(text) for text in activity.texts() if text):
                activity.repairs.append(
                    Repair(kind="fragment-duplicate-dropped", raw=paragraph.text, line=origin.line,
                           page=origin.page, detail="stray line repeats text already in this activity")
                )
            elif not activity.text:
                activity.text = paragraph.text
                _note_place(activity, origin)
                activity.repairs.append(
                    Repair(kind="fragment-attached", raw=paragraph.text, line=origin.line, page=origin.page,
                           detail="stray line between rows taken as the text of an activity that had only its number")
                )
            else:
                self.fragments.append(
                    Fragment(reason="stray text between table rows", text=paragraph.text,
                             provenance=self.provenance(origin, None, None))
                )
        self.pending = []

    # -- areas and headers ------------------------------------------------------------------
    def start_area(self, heading: re.Match, origin: Origin, table: int | None, row: int | None) -> None:
        self.flush_pending("text between tables")
        self.open_area(heading.group("label"), heading.group("number"), heading.group("title"), origin, table, row)

    def titles_untitled_area(self, text: str) -> bool:
        """A line of its own straight after an area's label with nothing after its colon (`Приоритетна област 1:`, the
        title on the cell's next line, printed as a line of its own): that area's title. Not a number, a row or a
        sentence of a report."""
        area = self.area
        if area is None or area.title or area.goals or self.pending or "\t" in text:
            return False
        text = " ".join(text.split())
        return 3 <= len(text) <= 120 and text[:1].isalpha() and text[:1].isupper() and not text.endswith((".", ":"))

    def opens_unnumbered_area(self, text: str) -> bool:
        """A line of its own in capitals among the rows, `ЗДРАВЕОПАЗВАНЕ`, names an area where areas carry no
        number: below a header, and while no numbered area was read (under one it is a goal in capitals)."""
        area = self.area
        return self.last_roles is not None and (area is None or area.number_raw is None) and _area_title(text)

    def opens_capitals_goal(self, text: str) -> bool:
        """A line of its own in capitals, `ДЕТСКО ЗДРАВЕ`, under an area with a number or a label heads a goal (where
        areas carry neither it names the next area, `opens_unnumbered_area`); not the area's own title repeated."""
        area = self.area
        return (self.last_roles is not None and area is not None and (area.number_raw is not None or bool(area.label))
                and _area_title(text) and _squash(text) != _squash(area.title))

    def repeats_area_title(self, text: str) -> bool:
        """A line of its own in capitals that is the title of the area just opened (`ЗДРАВЕОПАЗВАНЕ` under
        `Приоритетна област 1: Здравеопазване`): a repeat, neither a goal nor an activity."""
        area = self.area
        return area is not None and not area.goals and _area_title(text) and _squash(text) == _squash(area.title)

    def open_capitals_goal(self, text: str, ctx: _RowContext) -> None:
        self.new_goal(None, None, " ".join(text.split()), ctx)

    def open_area(self, label: str, number_raw: str | None, title: str, origin: Origin, table: int | None,
                  row: int | None) -> None:
        label = " ".join(label.split())
        title = " ".join(title.split())
        previous = self.area
        # The header read last goes on until another is read: an area row inside its table, or an area heading
        # between its rows in converted text, keeps its columns (a new header replaces them before any goal).
        columns = list(previous.columns) if previous else []
        if previous is not None and previous.number_raw is None and not previous.label and not previous.goals:
            self.areas.pop()  # the header row opened an unnamed area: this heading names it
        self.areas.append(
            _Area(number=area_number(number_raw.upper()) if number_raw else None, number_raw=number_raw,
                  label=label[:1].upper() + label[1:], title=title, origin=origin, table=table, row=row,
                  columns=columns)
        )

    def ensure_area(self, origin: Origin, table: int | None, row: int | None) -> _Area:
        if not self.areas:
            self.areas.append(_Area(number=None, number_raw=None, label="", title="", origin=origin,
                                    table=table, row=row))
        return self.areas[-1]

    def header(self, cells: list[str], roles: list[HeaderRole | None], ctx: _RowContext,
               joins: dict[int, tuple[str, str]] | None = None) -> None:
        area = self.ensure_area(ctx.origin, ctx.table, ctx.row)
        if area.goals:
            self.resolve_fragments()
        else:
            self.flush_pending("text between tables")
        self.last_roles = roles
        self.column_joins = joins or {}
        self.header_table = ctx.table
        self.header_texts = list(cells)
        self.header_place = (ctx.table, ctx.row)
        if not area.columns or not area.goals:
            area.columns = [Column(index=i, header=text, role=role) for i, (text, role) in enumerate(zip(cells, roles))]

    def roman_goal(self, heading: re.Match) -> bool:
        """A bare Roman heading (`II. Превенция …`) under an area named with its label (`Приоритет 1: …`) numbers
        a goal: areas so labelled are not numbered bare in the same document."""
        return not heading["label"] and self.area is not None and bool(self.area.label)

    def open_roman_goal(self, heading: re.Match, ctx: _RowContext) -> None:
        """The goal a bare Roman heading numbers (see `roman_goal`), opened for the rows below it."""
        self.resolve_fragments()
        self.new_goal(heading["number"].translate(CYRILLIC_ROMAN), heading.group(0)[: heading.start("title")].strip(),
                      " ".join(heading["title"].split()), ctx)

    def numbered_goal_line(self, text: str) -> Numbered | None:
        """`2. Превенция на зависимостите` on a row (or line) of its own, in a table without a number column
        whose activities carry no number: the number and title of a goal. A title in capitals (`1.
        ЗДРАВЕОПАЗВАНЕ`) is left to the area readers."""
        roles = self.last_roles
        if roles is None or "number" in roles or (self.activity is not None and self.activity.number is not None):
            return None
        match = NUMBERED_GOAL_LINE.match(text)
        if match is None or mostly_upper(match["text"]):
            return None
        return Numbered(match["number"], match.group(0)[: match.start("text")].strip(), match["text"])

    def match_goal_heading(self, text: str) -> re.Match | None:
        """A goal row or paragraph: `Цел 2. …`, `а) …`, or lettered with a capital (`А. …`, then `Б. …` after `А`)."""
        heading = GOAL_HEADING.match(text)
        if heading:
            return heading
        capital = CAPITAL_LETTER_GOAL.match(text)
        if capital is None or capital["number"] == "А":
            return capital
        return capital if follows_letter(self.goal.number if self.goal else None, capital["number"]) else None

    def goal_heading(self, heading: re.Match, ctx: _RowContext) -> None:
        """`Оперативна цел 1.1: …` on a line of its own opens a goal for the rows below it."""
        self.resolve_fragments()
        raw = heading.group(0)[: heading.start("text")].strip()
        repairs: list[Repair] = []
        number = heading.group("number") or None
        if number == "6":  # `6)` where the goals run а), б) is `б)`
            number = self.goal_letter(number, None, raw, ctx, repairs)
        self.new_goal(number, raw or None, " ".join(heading.group("text").split()), ctx, repairs)

    def paragraph_before_table(self, paragraph: Paragraph, texts: list[str]) -> None:
        """A numbered paragraph straight before a table: `1. ЗДРАВЕОПАЗВАНЕ` opens an area; `1.1. …` whose number
        the table's first number extends (1.1 → 1.1.1) opens a goal. Anything else stays where it was put."""
        area = match_numbered_area(paragraph.text)
        numbered = split_goal_number(paragraph.text) if area is None else None
        kept = self.pending if self.areas else self.preamble
        if area is None and NUMBERED_TITLE.match(paragraph.text) and header_roles(texts, self.header_words):
            kept.remove(paragraph)
            self.area_candidate = (paragraph, kept)
            return
        if numbered is not None:
            first = next((split_activity_number(text).number for text in texts if text), None)
            if numbered.number is None or first is None or not is_sublevel(first, numbered.number):
                return
        kept.remove(paragraph)
        if area is not None:
            self.start_area(area, paragraph.origin, None, None)
            return
        self.resolve_fragments()
        self.new_goal(numbered.number, numbered.raw, " ".join(numbered.text.split()),
                      _RowContext(table=None, row=None, origin=paragraph.origin))
        self.goal.heading_row = True

    def header_row(self, texts: list[str], ctx: _RowContext) -> bool:
        """Whether a row is a header row, or the second row of a two-row header."""
        if header_roles(texts, self.header_words):
            return True
        below_header = ctx.row is not None and self.header_place == (ctx.table, ctx.row - 1)
        return below_header and subheader_columns(self.header_texts, self.last_roles or [], texts) is not None

    def return_area_candidate(self) -> None:
        if self.area_candidate is not None:
            paragraph, kept = self.area_candidate
            kept.append(paragraph)
            self.area_candidate = None

    def settle_area_candidate(self, texts: list[str]) -> None:
        """A bare-numbered title before a table's header (`1. Здравеопазване`) names an area when the table's first
        row opens a goal (`Цел 1. …`), or when it is set as a heading and no labelled area (`Приоритет 1`) is open
        (under one it would be a goal); else it goes back where it was."""
        paragraph, kept = self.area_candidate
        self.area_candidate = None
        styled = (paragraph.style or "").casefold().startswith("heading")
        labelled = self.area is not None and bool(self.area.label)
        if any(GOAL_WORD.match(text) for text in texts if text) or (styled and not labelled):
            self.start_area(NUMBERED_TITLE.match(paragraph.text), paragraph.origin, None, None)
        else:
            kept.append(paragraph)

    # -- data rows ----------------------------------------------------------------------------
    def row(self, texts: list[str], ctx: _RowContext) -> None:
        self.close_item()
        non_empty = [text for text in texts if text]
        if not non_empty:
            return
        if self.numbered_paragraph is not None:
            self.paragraph_before_table(self.numbered_paragraph, texts)
            self.numbered_paragraph = None
        elif self.area_candidate is not None and not self.header_row(texts, ctx):
            self.settle_area_candidate(texts)
        if len(non_empty) == 1:
            heading = match_area_heading(non_empty[0])
            if heading and self.roman_goal(heading):
                self.open_roman_goal(heading, ctx)
                return
            if heading:
                self.start_area(heading, ctx.origin, ctx.table, ctx.row)
                return
            numbered = self.numbered_goal_line(non_empty[0])
            if numbered is not None:
                self.resolve_fragments()
                self.new_goal(numbered.number, numbered.raw, " ".join(numbered.text.split()), ctx)
                return
            goal_heading = self.match_goal_heading(non_empty[0])
            if goal_heading:
                self.goal_heading(goal_heading, ctx)
                return
            if self.opens_unnumbered_area(non_empty[0]):
                self.resolve_fragments()
                self.open_area("", None, non_empty[0], ctx.origin, ctx.table, ctx.row)
                return
            if texts[0] and self.opens_capitals_goal(texts[0]):  # the row's first cell, or a line of its own
                self.resolve_fragments()
                self.open_capitals_goal(texts[0], ctx)
                return
            if texts[0] and self.repeats_area_title(texts[0]):
                self.resolve_fragments()
                self.fragments.append(Fragment(reason="area title repeated", text=texts[0],
                                               provenance=self.provenance(ctx.origin, ctx.table, ctx.row)))
                return
        if len(non_empty) == 2 and ROMAN_NUMBER_CELL.fullmatch(non_empty[0]):
            heading = match_area_heading(f"{non_empty[0].strip()} {non_empty[1]}")
            if heading:  # `I.` in the number column, the area's title beside it, the rest of the row empty
                self.start_area(heading, ctx.origin, ctx.table, ctx.row)
                return
        if _column_numbers(non_empty):
            return  # the row of column numbers (1 | 2 | 3 …) printed under many headers
        if self.last_roles is not None and TOTAL_LABEL.match(non_empty[0]):
            self.total_row(non_empty, ctx)
            return
        below_header = ctx.row is not None and self.header_place == (ctx.table, ctx.row - 1)
        grouped = subheader_columns(self.header_texts, self.last_roles or [], texts) if below_header else None
        if grouped:
            self.header(grouped.texts, grouped.roles, ctx, grouped.joins)  # a second row naming sub-columns
            return
        roles = header_roles(texts, self.header_words)
        if roles is None and ctx.table is not None and heads_other_table(texts, self.header_words):
            self.flush_pending("text between tables")
            self.other_table = ctx.table
        if ctx.table is not None and ctx.table == self.other_table and not roles:
            self.fragments.append(Fragment(reason="table without activities", text=" | ".join(non_empty),
                                           provenance=self.provenance(ctx.origin, ctx.table, ctx.row)))
            return
        if roles:
            # not over a two-row header: its blank cells are the spans its second row names
            last = None if self.column_joins else self.last_roles
            self.header(texts, inherit_lost_roles(texts, roles, last), ctx)
            return
        if self.last_roles is None:
            self.pending.append(Paragraph(text="\t".join(texts), raw="\t".join(texts), origin=ctx.origin))
            return
        self.resolve_fragments()
        self.data_row(texts, ctx)

    def goal_label_row(self, texts: list[str], ctx: _RowContext) -> bool:
        """A row whose number cell labels a goal (`Цел 1`) and whose only other text fills the activity column:
        that goal opened, its text taken from there (read before alignment, which would move the label)."""
        roles = self.last_roles or []
        column = roles.index("number") if "number" in roles else len(texts)  # most rows: no goal label, left here
        if column >= len(texts) or GOAL_LABEL_CELL.match(texts[column]) is None:
            return False
        filled = {roles[col] if col < len(roles) else None: text for col, text in enumerate(texts) if text.strip()}
        if set(filled) != {"number", "activity"} or len(filled) != sum(1 for text in texts if text.strip()):
            return False
        label = GOAL_LABEL_CELL.match(filled["number"])
        if label is None:
            return False
        self.new_goal(label["number"], filled["number"].strip(), " ".join(filled["activity"].split()), ctx)
        return True

    def executor_in_activity_cell(self, text: str) -> tuple[str, str] | None:
        """An activity cell ending in its executor (`… на децата` / `Отговорник: РЗИ – Ямбол`) in a table with no
        executor column: the activity's text and the executors' (the label set aside), else None."""
        if not text or "executor" in (self.last_roles or []):
            return None
        label = EXECUTOR_LABEL_LINE.search(text)
        if label is None or not text[: label.start()].strip() or not text[label.end():].strip():
            return None
        return text[: label.start()].strip(), text[label.end():].strip()

    def total_row(self, non_empty: list[str], ctx: _RowContext) -> None:
        """A closing `ОБЩО:` row sums the table: neither an activity nor the rest of one; kept whole as a fragment."""
        self.resolve_fragments()
        self.fragments.append(Fragment(reason="table total", text=" | ".join(non_empty),
                                       provenance=self.provenance(ctx.origin, ctx.table, ctx.row)))

    def data_row(self, texts: list[str], ctx: _RowContext) -> None:
        if self.goal_label_row(texts, ctx):
            return
        alignment = align_row(self.last_roles or [], texts, self.cells_seen, self.column_joins)
        values = alignment.values
        executor_line = self.executor_in_activity_cell(values.get("activity", ""))
        if executor_line is not None:  # `1.1. Кампания …` / `Отговорник: РЗИ` in one cell, no executor column
            values = {**values, "activity": executor_line[0], "executor": executor_line[1]}
        if values.get("area"):
            self.area_cell(values["area"], ctx)
        goal_text = values.get("goal", "")
        activity_text = values.get("activity", "")
        cell = self.cells_seen.get(activity_text)  # the activity's cell as read for alignment: its number matched there
        activity = numbered_activity(activity_text, cell.activity_number if cell else match_activity_number(activity_text),
                                     single_level=True)
        if activity.number is None:
            activity = self.lettered(activity_text)
        bullet = split_bullet(activity_text) if activity.number is None else None
        if values.get("number"):
            if activity.number is None:  # the number column numbers the activity
                activity_text = f"{values['number']} {activity_text}".strip()
                activity = split_activity_number(activity_text, single_level=True)
                if activity.number is None:
                    activity = split_letter_item(activity_text)
            else:  # a running row count beside the activity's own number: kept as a column of its own
                column = (self.last_roles or []).index("number")
                alignment = alignment._replace(extras={**alignment.extras, column: values["number"]})
        goal = split_goal_number(goal_text)
        fields = {role: values[role] for role in FIELD_ROLES if values.get(role)}
        repairs = _row_repairs(alignment, values, texts, ctx)
        if executor_line is not None:
            repairs.append(Repair(kind="cells-realigned", raw=alignment.values["activity"], line=ctx.origin.line,
                                  page=ctx.origin.page, detail="executor labelled in the activity cell read as the "
                                                               "executor cell"))
        current = self.activity
        # the activity's own text says whether it goes on a sentence: not a deadline printed first (`ежегодно | …`)
        first_text = bullet.text if bullet and bullet.raw else activity_text or next(text for text in texts if text)
        unnumbered = goal.number is None and activity.number is None
        if unnumbered and current is not None and (_continues(first_text) or _reads_as_rest_of_row(fields)):
            self.continue_activity(current, goal_text, activity_text, fields, alignment, ctx)
            current.repairs.extend(repairs)
            return
        if goal.number is not None:
            letter_repairs: list[Repair] = []
            number = self.goal_letter(goal.number, activity.number, goal.raw, ctx, letter_repairs)
            self.new_goal(number, goal.raw, goal.text, ctx, letter_repairs)
        elif goal_text and self.goal is not None and _continues(goal_text):
            self.goal.text = join_continuation(self.goal.text, goal_text)
        elif goal_text or self.goal is None:
            self.new_goal(None, None, goal_text, ctx)
        if activity.number is not None and goal.number is None:
            if self.repeats_heading_above(activity.number):  # `1.1.` heading, then `1.1` for `1.1.1`
                activity = self.first_below_heading(activity, repairs, ctx)
            self.heading_above(activity.number)
        elif bullet is not None and bullet.raw:
            activity = bullet  # `• Беседи…`: the marker kept as the printed number
        if activity_text or fields or alignment.extras or alignment.overflow:
            self.new_activity(activity, fields, alignment, ctx, on_goal_row=bool(goal_text), repairs=repairs)

    def lettered(self, text: str):
        """`а) Беседи…` in the activity cell: the first item of a lettering, or the item after the activity above
        (`б)` after `а)`); another letter opening a row is an enumeration inside an activity cut by a page break."""
        item = split_letter_item(text)
        if item.number is None or item.number == CYRILLIC_LETTERS[0]:
            return item
        follows = follows_letter(self.activity.number if self.activity else None, item.number)
        return item if follows else Numbered(None, None, text)

    def heading_above(self, number: str) -> None:
        """Numbering read by depth: the row above, holding only a number and a title, whose number this row's
        extends (`1.1` above `1.1.1`) heads the rows below as their goal; a goal so read that this heading in turn
        extends (`1` above `1.1` above `1.1.1`) heads them as their area."""
        heading, goal, area = self.activity, self.goal, self.area
        if heading is None or not _only_number_and_title(heading) or not is_sublevel(number, heading.number):
            return
        goal.activities.pop()
        if not goal.activities and (goal.heading_row and is_sublevel(heading.number, goal.number)
                                    or goal.number is None and not goal.text):
            area.goals.pop()  # the goal above becomes the area, or was only a placeholder
            if goal.heading_row:
                self.area_from_goal(goal)
        self.area.goals.append(_Goal(number=heading.number, number_raw=heading.number_raw, text=heading.text,
                                     origin=heading.origin, table=heading.table, row=heading.row,
                                     repairs=heading.repairs, heading_row=True))

    def repeats_heading_above(self, number: str) -> bool:
        """Whether the row above holds only a number and a title, and this row of an activity repeats that number:
        the heading's number misprinted or misread (`1.1.1` read `1.1`), a first activity under the heading."""
        heading = self.activity
        return heading is not None and _only_number_and_title(heading) and heading.number == number \
            and is_sublevel(f"{number}.1", number)

    def first_below_heading(self, activity, repairs: list[Repair], ctx: _RowContext):
        """The activity numbered as the first below the heading whose number it repeats, the change recorded."""
        number = f"{activity.number}.1"
        repairs.append(Repair(kind="number-inferred", raw=activity.raw, line=ctx.origin.line, page=ctx.origin.page,
                              detail=f"activity numbered `{activity.number}` like the heading row above it: read as "
                                     f"its first activity `{number}`"))
        return activity._replace(number=number)

    def area_from_goal(self, goal: _Goal) -> None:
        """A top-level heading read as a goal turns out to head goals: it names the current area if that has no
        goals and no other number, else it opens the next area."""
        number = area_number(goal.number) if goal.number.isdigit() else None
        current = self.area
        if current is not None and not current.goals and current.number in (None, number):
            current.number, current.number_raw = number, goal.number
            current.title = current.title or goal.text
            return
        self.areas.append(_Area(number=number, number_raw=goal.number, label="", title=goal.text, origin=goal.origin,
                                table=goal.table, row=goal.row, columns=list(current.columns) if current else []))

    def area_cell(self, text: str, ctx: _RowContext) -> None:
        """An area named in a column of its own (`Стратегическа цел` column): a new value opens a new area."""
        heading = match_area_heading(text)
        numbered = heading or NUMBERED_AREA_CELL.match(text)
        number_raw = numbered["number"] if numbered else None
        title = " ".join((numbered["title"] if numbered else text).split())
        current = self.area
        if current is not None and (current.title == title or (number_raw and current.number_raw == number_raw)):
            return
        if current is not None and not number_raw and _continues(text):
            current.title = join_continuation(current.title, title)
            return
        columns = current.columns if current else []
        label = " ".join(heading["label"].split()) if heading else ""
        if current is not None and not current.goals and current.number is None and not current.title:
            self.areas.pop()  # the placeholder opened by a header row before any area was named
        self.areas.append(_Area(number=area_number(number_raw) if number_raw else None, number_raw=number_raw,
                                label=label, title=title, origin=ctx.origin, table=ctx.table, row=ctx.row,
                                columns=columns))

    def goal_letter(self, number: str, activity_number: str | None, raw: str | None, ctx: _RowContext,
                    repairs: list[Repair]) -> str:
        """`6.` where the goals run а, б, в is a misread `б`: say so and record it."""
        if number != "6":
            return number
        previous = self.goal.number if self.goal else None
        prefix_letters = LETTER_AFTER_DOT.findall(activity_number or "")
        lettered = (previous is not None and previous.isalpha()) or bool(prefix_letters)
        if not lettered:
            return number
        expected = CYRILLIC_LETTERS[CYRILLIC_LETTERS.index(previous) + 1] if previous and previous.isalpha() else "б"
        if expected != "б" and not (prefix_letters and prefix_letters[0].lower() == "б"):
            return number
        repairs.append(Repair(kind="letter-read-from-digit", raw=raw, line=ctx.origin.line, page=ctx.origin.page,
                              detail="goal number `6` read as the letter `б` in a lettered sequence"))
        return "б"

    def new_goal(self, number: str | None, raw: str | None, text: str, ctx: _RowContext,
                 repairs: list[Repair] | None = None) -> None:
        area = self.ensure_area(ctx.origin, ctx.table, ctx.row)
        area.goals.append(_Goal(number=number, number_raw=raw, text=text, origin=ctx.origin, table=ctx.table,
                                row=ctx.row, repairs=list(repairs or [])))

    def new_activity(self, numbered, fields: dict[str, str], alignment, ctx: _RowContext, on_goal_row: bool,
                     repairs: list[Repair]) -> None:
        goal = self.goal
        activity = _Activity(
            number=numbered.number, number_raw=numbered.raw, text=numbered.text.strip(), fields=dict(fields),
            extra=dict(alignment.extras), overflow=list(alignment.overflow), origin=ctx.origin, table=ctx.table,
            row=ctx.row, on_goal_row=on_goal_row, repairs=list(repairs),
        )
        _note_place(activity, ctx.origin)
        goal.activities.append(activity)

    def continue_activity(self, current: _Activity, goal_text: str, activity_text: str, fields: dict[str, str],
                          alignment, ctx: _RowContext) -> None:
        if goal_text and self.goal is not None:
            self.goal.text = join_continuation(self.goal.text, goal_text)
        current.text = join_continuation(current.text, activity_text)
        for role, text in fields.items():
            current.fields[role] = join_continuation(current.fields.get(role, ""), text)
        for col, text in alignment.extras.items():
            current.extra[col] = join_continuation(current.extra.get(col, ""), text)
        current.overflow.extend(alignment.overflow)
        _note_place(current, ctx.origin)
        current.repairs.append(
            Repair(kind="continuation-merged", line=ctx.origin.line, page=ctx.origin.page,
                   raw=" | ".join(filter(None, (goal_text, activity_text, *fields.values()))),
                   detail="row without numbers continues the row above (split at a page break)")
        )


class _NoAlignment:
    """The alignment of an activity read from labelled paragraphs: no extra cells, none past the last column."""

    extras: dict[int, str] = {}
    overflow: list[str] = []


_NO_ALIGNMENT = _NoAlignment()


def _row_repairs(alignment, values: dict[str, str], texts: list[str], ctx: _RowContext) -> list[Repair]:
    repairs = []
    if alignment.realigned:
        repairs.append(Repair(kind="cells-realigned", line=ctx.origin.line, page=ctx.origin.page,
                              raw=" | ".join(texts), detail="cells matched to columns by content, not position"))
    lone_number = next((text for text in texts if is_number_only(text)), None) if alignment.realigned else None
    if lone_number is not None and not values.get("number"):
        repairs.append(Repair(kind="number-in-own-cell", raw=lone_number, line=ctx.origin.line,
                              page=ctx.origin.page, detail="activity number in a cell of its own re-attached"))
    return repairs


def _column_numbers(texts: list[str]) -> bool:
    """True for a row that only counts the columns: `1 | 2 | 3 | 4 | 5`."""
    if len(texts) < 3 or texts[0].strip(". ") != "1":
        return False
    return [text.strip(". ") for text in texts] == [str(n) for n in range(1, len(texts) + 1)]


def _area_title(text: str) -> bool:
    """A short title in capitals without digits (`ЗДРАВЕОПАЗВАНЕ`, `СОЦИАЛНА ЗАКРИЛА`): not a number, date or sum."""
    return 4 <= len(text) <= 120 and mostly_upper(text) and not any(ch.isdigit() for ch in text)


def _only_number_and_title(activity: _Activity) -> bool:
    """True for a row holding a number and a title and nothing else: a heading when the next row's number extends it."""
    return bool(activity.number and activity.text) and not (activity.fields or activity.extra or activity.overflow)


def _reads_as_rest_of_row(fields: dict[str, str]) -> bool:
    """A row without numbers and without a deadline, missing executor or financing, is the rest of the row above."""
    return not fields.get("deadline") and not (fields.get("executor") and fields.get("financing"))


def _continues(text: str) -> bool:
    """True when a cell text reads as the rest of a sentence: it opens in lower case."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and first.islower()


def _note_place(activity: _Activity, origin: Origin) -> None:
    if origin.line is not None and origin.line not in activity.lines:
        activity.lines.append(origin.line)
    if origin.page is not None and origin.page not in activity.pages:
        activity.pages.append(origin.page)


def row_texts(row: list[Cell]) -> list[str]:
    """A row's texts placed by grid column, gaps left empty."""
    width = max((cell.col + 1 for cell in row), default=0)
    texts = [""] * width
    for cell in row:
        texts[cell.col] = cell.text
    return texts


# -- repairs over the whole annex -------------------------------------------------------------
def _letter_of(number: str | None) -> str | None:
    letters = LETTER_AFTER_DOT.findall(number or "")
    return letters[0].lower() if letters else None


def reassign_by_prefix(area: _Area) -> None:
    """Trailing rows without a goal cell whose numbers name the next lettered goal (`2.В.1.2` before goal в) move there."""
    for goal, following in zip(area.goals, area.goals[1:]):
        if not (goal.number and following.number and following.number.isalpha()):
            continue
        moved: list[_Activity] = []
        while goal.activities:
            last = goal.activities[-1]
            if last.on_goal_row or _letter_of(last.number) != following.number or following.number == goal.number:
                break
            moved.insert(0, goal.activities.pop())
        for activity in moved:
            activity.repairs.append(
                Repair(kind="goal-from-number-prefix", raw=activity.number_raw, line=activity.origin.line,
                       page=activity.origin.page,
                       detail=f"row without a goal cell placed under goal {following.number}, which its number names")
            )
        following.activities[:0] = moved


def _same_activity(ghost: _Activity, kept: _Activity) -> bool:
    ghost_text, kept_text = _squash(ghost.text), _squash(kept.text)
    if ghost_text and kept_text and (ghost_text in kept_text or kept_text in ghost_text):
        return True
    shared = [role for role in ("executor", "deadline", "financing") if ghost.fields.get(role)]
    return bool(shared) and all(_squash(ghost.fields[r]) == _squash(kept.fields.get(r, "")) for r in shared)


def _number_head(number: str | None) -> str:
    return (number or "").split(".")[0]


def drop_ghost_rows(areas: list[_Area], fmt: SourceFormat) -> list[Fragment]:
    """A row numbered for another area that repeats a row of that area is a page-break ghost: drop it, keep its text."""
    by_number = {area.number: area for area in areas if area.number is not None}
    # The activity numbers each area holds: rows only leave areas below, so a number missing here has no twin.
    held = {number: {a.number for g in area.goals for a in g.activities} for number, area in by_number.items()}
    fragments = []
    for area in areas:
        # Only where this area numbers its activities by itself (`2.1` in area 2): numbers restarting per area with
        # the goal's (`1.1` in area 2 as in area 1) are no page-break ghosts.
        if not any(_number_head(a.number) == str(area.number) for g in area.goals for a in g.activities):
            continue
        for goal in area.goals:
            for ghost in list(goal.activities):
                head = _number_head(ghost.number)
                if not head.isdigit() or area.number is None or int(head) == area.number:
                    continue
                target = by_number.get(int(head))
                if target is None or ghost.number not in held[int(head)]:
                    continue
                twins = [a for g in target.goals for a in g.activities
                         if a.number == ghost.number and a is not ghost and _same_activity(ghost, a)]
                if not twins:
                    continue
                goal.activities.remove(ghost)
                text = " | ".join(filter(None, (ghost.number_raw, *ghost.texts())))
                prov = Provenance(format=fmt, page=ghost.origin.page, table=ghost.table, row=ghost.row,
                                  line=ghost.origin.line, lines=ghost.lines, pages=ghost.pages)
                fragments.append(Fragment(reason=f"duplicate of activity {ghost.number} in area {head}",
                                          text=text, provenance=prov))
                twins[0].repairs.append(
                    Repair(kind="duplicate-row-dropped", raw=text, line=ghost.origin.line, page=ghost.origin.page,
                           detail=f"a copy of this row printed before area {head} began was dropped")
                )
    return fragments


def settle_overflow(activities: list[_Activity]) -> None:
    """Cells past the last column: duplicates of a neighbour's cell are dropped (recorded), others kept."""
    for activity, following in zip(activities, activities[1:] + [None]):
        if not activity.overflow:
            continue
        neighbours = activity.texts() + (following.texts() if following else [])
        squashed = {_squash(text) for text in neighbours if text}
        for text in activity.overflow:
            if _squash(text) in squashed:
                activity.repairs.append(
                    Repair(kind="duplicate-cell-dropped", raw=text, line=activity.origin.line,
                           page=activity.origin.page, detail="surplus cell repeating a cell of this or the next row")
                )
            else:
                activity.extra[-1] = join_continuation(activity.extra.get(-1, ""), text)
        activity.overflow = []


# -- the finished model ----------------------------------------------------------------------
def _provenance_fields(fmt: SourceFormat, origin: Origin, table: int | None, row: int | None,
                       lines: list[int] | None = None, pages: list[int] | None = None) -> dict:
    """Where a record came from, as `Provenance` fields; its lists given, as pydantic deep-copies a [] default."""
    return {"format": fmt, "page": origin.page, "table": table, "row": row, "line": origin.line, "bbox": origin.bbox,
            "lines": [] if lines is None else lines, "pages": [] if pages is None else pages}


def _provenance(fmt: SourceFormat, origin: Origin, table: int | None, row: int | None) -> Provenance:
    return Provenance.model_validate(_provenance_fields(fmt, origin, table, row))


def _column_name(area: _Area, col: int) -> str:
    if col < 0 or col >= len(area.columns):
        return "(колона без заглавие)"
    return area.columns[col].header or f"(колона {col + 1})"


def _activity_fields(area: _Area, roles: set[HeaderRole | None], activity: _Activity, fmt: SourceFormat) -> dict:
    """The fields of a finished `Activity`: a column the table has gives "" when empty, one it lacks None."""
    fields = activity.fields
    return {
        "number": activity.number,
        "number_raw": activity.number_raw,
        "text": activity.text,
        "executors_raw": fields.get("executor", ""),
        "executors": [],
        "partners_raw": fields.get("partner", "" if "partner" in roles else None),
        "financing_raw": fields.get("financing", "" if "financing" in roles else fields.get("budget", "")),
        "deadline_raw": fields.get("deadline", ""),
        "expected_result": fields.get("result", "" if "result" in roles else None),
        "budget": fields.get("budget", "" if "budget" in roles else None),
        "budget_amounts": [],  # given, as pydantic deep-copies a [] default
        "indicators": fields.get("indicator", "" if "indicator" in roles else None),
        "extra": {_column_name(area, col): text for col, text in sorted(activity.extra.items())},
        "provenance": _provenance_fields(fmt, activity.origin, activity.table, activity.row, activity.lines,
                                         activity.pages),
        "repairs": activity.repairs,
    }


def _finish_area(area: _Area, fmt: SourceFormat) -> Area:
    """The finished area with its goals and activities, validated in one call (half the cost of a call per record)."""
    roles = {column.role for column in area.columns}
    goals = [
        {"number": goal.number, "number_raw": goal.number_raw, "text": goal.text,
         "activities": [_activity_fields(area, roles, a, fmt) for a in goal.activities],
         "provenance": _provenance_fields(fmt, goal.origin, goal.table, goal.row), "repairs": goal.repairs}
        for goal in area.goals
    ]
    return Area.model_validate(
        {"number": area.number, "number_raw": area.number_raw, "label": area.label, "title": area.title,
         "columns": area.columns, "goals": goals, "provenance": _provenance_fields(fmt, area.origin, area.table, area.row)}
    )


def recognise_annex(blocks: list, fmt: SourceFormat) -> AnnexContent:
    """Areas, goals and activities of the annex blocks, repaired, with leftover text kept."""
    builder = _AnnexBuilder(fmt)
    for block in blocks:
        if isinstance(block, Table):
            for index, row in enumerate(block.rows):
                if not row:
                    continue
                builder.row(row_texts(row), _RowContext(table=block.index, row=index, origin=row[0].origin))
        else:
            builder.paragraph(block)
    builder.close_item()
    builder.close_item()  # a numbered paragraph left without fields goes back to the text
    builder.return_area_candidate()
    builder.closing = [p.text for p in builder.pending]
    builder.pending = []
    for area in builder.areas:
        reassign_by_prefix(area)
    fragments = builder.fragments + drop_ghost_rows(builder.areas, fmt)
    settle_overflow([a for area in builder.areas for g in area.goals for a in g.activities])
    areas = [_finish_area(area, fmt) for area in builder.areas if area.goals or area.columns]
    return AnnexContent(areas=areas, preamble=builder.preamble, closing=builder.closing, fragments=fragments)
