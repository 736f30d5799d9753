"""Cells of a damaged row matched to the table's columns by content where position fails.

Converted tables lose empty cells, gain duplicated ones and split a number from its text.
`align_row` scores how well each cell's text fits each column role and finds the best
order-preserving assignment: positional when it fits, shifted, merged or overflowing when the
evidence says so.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex as re

from ..model.document import HeaderRole
from ..normalise.deadlines import may_be_deadline, normalise_text, parse_deadline, tokenize
from .numbering import GOAL_NUMBER, LABELLED_NUMBER, is_letter_only, is_number_only, match_activity_number

FINANCING_WORDS = re.compile(
    r"бюджет|финансиран|средства|делегиран|проект|програм|не\s+се\s+изисква|държавн|общинск|дарител|оп\s|"
    r"европейск|фонд|в\s+рамките|без\s+финанс|собствени",
    re.I,
)
RESULT_WORDS = re.compile(
    r"^(?:брой|създаден|създадена|проведен|обучен|изграден|разкрит|повишен|подобрен|утвърден|осъществен|"
    r"въведен|разработен|събрани|изпълнение|постоянен\s+мониторинг|реализиран|намален|увеличен)",
    re.I,
)
ORG_WORDS = re.compile(
    r"(?:\b[А-Я]{2,}\b|дирекци|общин|министерств|агенци|център|комиси|НПО|сдружени|фондаци|училищ|"
    r"градин|институци|райони|екип|служб|инспекци|прокуратур|съвет|ръководств|доставчи)",
)


# A row count: `3`, `3.`, `3)`, or `3,` (a dot read or typed as a comma).
ROW_NUMBER = re.compile(r"\s*[1-9]\d{0,2}\s*[.),]?\s*")
AMOUNT = re.compile(r"\s*\d{1,3}(?:[  .]?\d{3})*(?:,\d{1,2})?\s*(?:лв\.?|лева|евро|€)?\s*", re.I)
NOTHING = re.compile(r"[\s\-–—.]*")
DEADLINE_LENGTH_LIMIT = 60


@lru_cache(maxsize=4096)
def reads_as_deadline(text: str) -> bool:
    """Whether a cell reads as a deadline by the deadline parser's own vocabulary (one source of truth).

    Only words of dates and periods (`м. IX – XII 2024`, `до края на годината`), or a kind of its own
    (`целогодишно`, `по график`, `при необходимост`); a day quoted among other words
    (`1 юни – Ден на детето`, an activity) is not a deadline cell.
    """
    if len(text) > DEADLINE_LENGTH_LIMIT or not may_be_deadline(text):
        return False
    normalised = normalise_text(text)
    if not normalised:
        return False
    if tokenize(normalised) is not None:
        return True
    # Past the tokens only a kind of its own remains; `date` here is the day quoted among other words.
    return parse_deadline(text, None).kind not in ("unknown", "empty", "date")


class Alignment(NamedTuple):
    """Cells assigned to roles (several cells of one role joined), and the cells left over (a named tuple: one
    per row, cheaper to make than a frozen dataclass)."""

    values: dict[HeaderRole, str]
    extras: dict[int, str]
    overflow: tuple[str, ...]
    realigned: bool


class CellText:
    """A cell's text with what `fit` asks of it for every column role, worked out once per row."""

    __slots__ = ("text", "blank", "letter_first", "activity_number", "_deadline_like")

    def __init__(self, text: str) -> None:
        self.text = text
        # Empty, or a dash standing for `none`; a letter or digit first rules that out before the pattern runs.
        self.blank = not text or (not text[0].isalnum() and NOTHING.fullmatch(text) is not None)
        self.letter_first = text.lstrip()[:1].isalpha()  # rules out an amount or a row count without their patterns
        self.activity_number = None if self.blank else match_activity_number(text)
        self._deadline_like: bool | None = None

    @property
    def deadline_like(self) -> bool:
        """Only words of a date or period (`до 31.12.`, `ежегодно`); asked only where no number decides."""
        if self._deadline_like is None:
            self._deadline_like = not self.blank and reads_as_deadline(self.text)
        return self._deadline_like


def _read_cell(text: str, seen: dict[str, CellText]) -> CellText:
    cell = seen.get(text)
    if cell is None:
        cell = seen[text] = CellText(text)
    return cell


def fit(role: HeaderRole | None, cell: CellText, support: bool = True) -> float:
    """How well a cell's text fits a column role: positive fits, negative contradicts.

    Without `support`, words that only back a role (`Дирекция` for an executor) are not weighed: they
    never decide whether a cell contradicts its column.
    """
    if cell.blank:
        return 0.0  # an empty cell or a dash standing for `none` fits any column
    text = cell.text
    if role in ("budget", "financing") and not cell.letter_first and AMOUNT.fullmatch(text):
        return 1.5
    if role == "number":
        number_only = cell.activity_number is not None and not text[cell.activity_number.end() :].strip()
        row_count = ROW_NUMBER.fullmatch(text) if not cell.letter_first else LABELLED_NUMBER.fullmatch(text)
        return 3.0 if number_only or row_count or is_letter_only(text) else -3.0
    if role == "activity":
        if cell.activity_number:
            return 3.0
        return -1.0 if cell.deadline_like else (0.5 if len(text) > 30 else 0.0)
    if role == "goal":
        if cell.activity_number:
            return 0.0
        return 2.0 if GOAL_NUMBER.match(text) else (-1.0 if cell.deadline_like else 0.0)
    if cell.activity_number:
        return -3.0
    if role is None:
        return 0.0  # a column of no role (`Забележка`, `Място`) may hold any text: nothing contradicts it
    if role == "deadline":
        return 2.0 if cell.deadline_like else (-2.0 if len(text) > DEADLINE_LENGTH_LIMIT else -1.0)
    if cell.deadline_like:
        return -2.0
    if not support:
        return 0.0
    if role == "financing" or role == "budget":
        return 1.5 if FINANCING_WORDS.search(text) else 0.0
    if role in ("executor", "partner"):
        return 1.0 if ORG_WORDS.search(text) and not FINANCING_WORDS.match(text) else 0.0
    if role in ("result", "indicator"):
        return 1.0 if RESULT_WORDS.match(text) else 0.0
    return 0.0


MERGE_PENALTY = 2.0
OVERFLOW_PENALTY = 0.5
POSITION_BONUS = 0.25


def _best_assignment(roles: tuple, cells: tuple[CellText, ...]) -> tuple[float, tuple[int, ...]]:
    """Order-preserving assignment of cells to columns (index len(roles) = overflow), best score first."""
    n_cells, n_cols = len(cells), len(roles)
    fits = [[fit(role, cell) for role in roles] for cell in cells]  # each (cell, column) scored once

    @lru_cache(maxsize=None)
    def best(i: int, last: int) -> tuple[float, int]:
        """Best score of cells i.. and the column cell i takes for it (the first such, on a tie).

        `last` is the column of the previous non-empty cell (-1: none yet).
        """
        if i == n_cells:
            return 0.0, -1
        if not cells[i].text:
            return best(i + 1, last)[0], max(last, 0)
        top, choice = 0.0, -1
        for col in range(max(last, 0), n_cols + 1):
            if col == n_cols:
                score = -OVERFLOW_PENALTY
            else:
                score = fits[i][col] + (POSITION_BONUS if col == i else 0.0)
                score -= MERGE_PENALTY if col == last else 0.0
            total = score + best(i + 1, col)[0]
            if choice < 0 or total > top:
                top, choice = total, col
        return top, choice

    assignment, last = [], -1
    for i, cell in enumerate(cells):  # follow each cell's chosen column
        col = best(i, last)[1]
        assignment.append(col)
        last = col if cell.text else last
    return best(0, -1)[0], tuple(assignment)


def align_row(roles: list[HeaderRole | None], texts: list[str], seen: dict[str, CellText] | None = None,
              joins: dict[int, tuple[str, str]] | None = None) -> Alignment:
    """Assign a row's cell texts to the columns' roles, realigning when position contradicts content.

    `seen` keeps the cells read so far in one document: a text recurring down a column (a deadline
    `целогодишно`, an executor) is read once. `joins` gives sub-columns of one role a label for their
    text and the separator joining it to the role's text so far (`header.SubHeader`).
    """
    seen = {} if seen is None else seen
    cells = tuple([seen.get(text) or _read_cell(text, seen) for text in texts])
    if len(texts) <= len(roles):
        for role, cell in zip(roles, cells):
            if fit(role, cell, support=False) <= -1.0:
                break
        else:  # every cell fits its column: nearly every row
            return _collect(roles, texts, tuple(range(len(texts))), False, joins)
    # Scored as `_best_assignment` scores it, each cell in its own column earning the position bonus.
    positional = sum(fit(role, cell) + POSITION_BONUS for role, cell in zip(roles, cells) if cell.text)
    score, assignment = _best_assignment(tuple(roles), cells)
    moved = any(col != index for index, (col, text) in enumerate(zip(assignment, texts)) if text)
    if (score <= positional or not moved) and len(texts) <= len(roles):
        return _collect(roles, texts, tuple(range(len(texts))), False, joins)
    return _collect(roles, texts, assignment, True, joins)


def _collect(roles, texts, assignment, realigned: bool, joins: dict[int, tuple[str, str]] | None = None) -> Alignment:
    values: dict[HeaderRole, str] = {}
    extras: dict[int, str] = {}
    overflow: list[str] = []
    for text, col in zip(texts, assignment):
        if not text:
            continue
        if col >= len(roles):
            overflow.append(text)
            continue
        role = roles[col]
        if role is None:
            extras[col] = _join(extras[col], text) if col in extras else text
        elif joins and col in joins:
            label, separator = joins[col]
            text = f"{label}: {text}" if label else text
            values[role] = f"{values[role]}{separator}{text}" if values.get(role) else text
        else:
            values[role] = _join(values[role], text) if role in values else text
    return Alignment(values, extras, tuple(overflow), realigned)


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if is_number_only(left):
        return f"{left} {right}"
    return f"{left}\n{right}"
