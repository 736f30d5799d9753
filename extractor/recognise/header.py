"""Header rows mapped to column roles by their wording, never by their position."""

from __future__ import annotations

from typing import NamedTuple

import regex as re

from ..model.document import HeaderRole
from .numbering import ACTIVITY_NUMBER

# The words of the activity column, which every header row names.
# `Мероприятия`, `Инициативи`, `Действия`, not `Въздействие` (an effect).
ACTIVITY_HEADER = re.compile(r"дейност|мярк|мерки|задач|мероприяти|инициатив|(?<!въз)действи", re.I)
# The activity column whose cells name their executor on a line of their own (`Дейност / отговорник`).
ACTIVITY_WITH_EXECUTOR = re.compile(
    r"^\W*(?:дейност\w*|мерки|мярк\w*)\s*(?:/|,|и)\s*(?:отговорн\w*|изпълнител\w*)(?:\s+институци\w*)?\W*$", re.I)
# A column of measures (`Мярка`, `Мерки`), not one of measures and activities (`Мерки и дейности`).
MEASURE_HEADER = re.compile(r"^(?!.*дейност)\W*(?:мярк|мерки)", re.I)
# Order matters: the first pattern that matches a header names its role.
ROLE_PATTERNS: list[tuple[HeaderRole, re.Pattern]] = [
    # `Партниращи институции`, `Институции-партньори`; not `Изпълнител / Партньори` nor `Отговорна институция/
    # партньори`, a cell naming both: that is the executor column, its partners kept in it.
    ("partner", re.compile(
        r"^(?!.*(?:изпълнител|отговорн|водещ)[\w\s]*?(?:[/,]|\sи\s)).*(?:партн|съизпълнител)|^съвместно\s+с|^участници|^заинтересовани\s+страни",
        re.I,
    )),
    ("executor", re.compile(r"изпълнител|отговорн|институци|организаци|водещ|отговаря|координатор", re.I)),
    ("financing", re.compile(r"финансиран|финансов|обезпечен|източни[кц]|ресурс", re.I)),
    ("budget", re.compile(r"бюджет|средства|стойност|лв\.?|сума", re.I)),
    ("deadline", re.compile(r"срок|период|времева\s+рамка|време\s+(?:за|на)\s+(?:изпълнение|провеждане|реализация)|график|продължителност", re.I)),
    ("indicator", re.compile(r"индикатор|показател", re.I)),
    ("result", re.compile(r"резултат|ефект|продукт|въздейств", re.I)),
    ("activity", ACTIVITY_HEADER),
    ("area", re.compile(r"^\s*(?:приоритетн[аио]\s+(?:област|направление)|приоритет|стратегическ[аио]\s+(?:цел|направление)"
                        r"|направлени[ея]\b|област(?:\s+на\s+въздействие)?\s*$|раздел\b)", re.I)),
    ("goal", re.compile(r"^\s*(?:оперативн[аи]\s+|специфичн[аи]\s+|стратегическ[аи]\s+)?(?:под)?цел(?:и|ите)?\b", re.I)),
    # `№` as OCR reads it too: `Хо`, `Ко`, `Ме` (`(Хо:`)
    ("number", re.compile(r"^\s*\(?\s*(?:№|no\.?|n\s*[:.]?|номер|пор(?:еден)?\.?\s*№?|[ХКНМ][оoеe])\s*[:.]?\s*(?:по\s+ред)?\s*$",
                          re.I)),
]
CELL_LENGTH_LIMIT = 60
# Sub-column labels that name no role of their own: a year, `общо`, `други`.
SUBHEADER_WORDS = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*(?:г\.?|година)?|общо|всичко|други|вид|наименование)\s*$", re.I)


def role_of_header(text: str) -> HeaderRole | None:
    """The role of a column from its header text (`Изпълнител / Партньори` → executor)."""
    text = " ".join(text.split())
    if not text or len(text) > CELL_LENGTH_LIMIT:
        return None
    # A narrow column of a PDF or a scan breaks words (`Очаква ни резулт ати`): read it joined up too.
    if ACTIVITY_WITH_EXECUTOR.match(text):
        return "activity"
    candidates = (text, text.replace(" ", "")) if " " in text else (text,)
    for candidate in candidates:
        for role, pattern in ROLE_PATTERNS:
            if pattern.search(candidate):
                return role
    return None


def header_roles(
    cells: list[str], known: dict[str, HeaderRole | None] | None = None
) -> list[HeaderRole | None] | None:
    """Roles of a row's cells if the row is a header row (activity column and one other role), else None.

    `known` keeps the roles of cell texts read so far in one document: each table repeats its header.
    """
    # Quick rejections before the eleven patterns run on every cell: a long cell, or no word for activities.
    if any(len(text) > CELL_LENGTH_LIMIT for text in cells):
        return None
    if not any(ACTIVITY_HEADER.search("".join(text.split())) for text in cells):
        return None
    known = {} if known is None else known
    roles = [_known_role(text, known) for text in cells]
    named = [role for role in roles if role]
    filled = [text for text in cells if text]
    if "activity" not in named or len(set(named)) < 2 or len(named) * 2 < len(filled):
        return None
    return _measures_over_activities(cells, roles)


def _measures_over_activities(cells: list[str], roles: list[HeaderRole | None]) -> list[HeaderRole | None]:
    """`Мярка` beside `Дейност` (both activity words): the measures are the level above the activities, the goal
    column, when no column names goals already."""
    activity_columns = [col for col, role in enumerate(roles) if role == "activity"]
    if len(activity_columns) < 2 or "goal" in roles:
        return roles
    measures = [col for col in activity_columns if MEASURE_HEADER.search(cells[col])]
    if not measures or len(measures) == len(activity_columns):
        return roles
    return ["goal" if col in measures else role for col, role in enumerate(roles)]


# The roles only a table of activities has: a header naming none of them heads a table of another kind.
ACTIVITY_TABLE_ROLES = frozenset({"activity", "executor", "partner", "deadline", "result", "indicator"})
MONEY_ROLES = ("financing", "budget")


def heads_other_table(cells: list[str], known: dict[str, HeaderRole | None] | None = None) -> bool:
    """A header row of a table listing no activities: every filled cell names a column, money among them and none of
    an activity's own (a budget summary: `Приоритетна област | Общински бюджет (лв.) | Общо (лв.)`)."""
    filled = [text for text in cells if text.strip()]
    if len(filled) < 2 or any(len(text) > CELL_LENGTH_LIMIT for text in filled):
        return False
    known = {} if known is None else known
    roles = {_known_role(text, known) for text in filled}
    return None not in roles and any(role in MONEY_ROLES for role in roles) and not roles & ACTIVITY_TABLE_ROLES


def inherit_lost_roles(
    cells: list[str], roles: list[HeaderRole | None], last: list[HeaderRole | None] | None
) -> list[HeaderRole | None]:
    """A header repeated over the next table with a cell left blank (OCR lost the `№`) keeps that column's
    role from the header before it: only where every role both name agrees, column for column."""
    if not last or len(last) != len(roles) or any(role and role != before for role, before in zip(roles, last)):
        return roles
    return [before if role is None and not text.strip() else role for text, role, before in zip(cells, roles, last)]


def _known_role(text: str, known: dict[str, HeaderRole | None]) -> HeaderRole | None:
    if text not in known:
        known[text] = role_of_header(text)
    return known[text]


# A sub-column label that names no role: a few words, no digits (`Начало`, `Източник`, `Държавен бюджет`).
SHORT_LABEL = re.compile(r"^\s*\p{L}[\p{L}.,()/\-]*(?:\s+[\p{L}.,()/\-]+){0,3}\s*$")
SHORT_LABEL_LIMIT = 40
# Under a deadline: where the period starts and where it ends (`Начало` | `Край`, `от` | `до`).
PERIOD_START = re.compile(r"^(?:начал\w*|от|старт)(?:\s+(?:дата|срок|месец))?$", re.I)
PERIOD_END = re.compile(r"^(?:кра[йе]\w*|до|приключване)(?:\s+(?:дата|срок|месец))?$", re.I)
# Under money: the column of amounts (`Размер`, `Сума (лв.)`) and the column naming their source (`Източник`).
AMOUNT_LABEL = re.compile(r"^(?:размер|сума|стойност)(?:\s*\(?\s*(?:в\s+)?(?:лв|лева|евро|€)\.?\s*\)?)?$", re.I)
SOURCE_LABEL = re.compile(r"^(?:източни[кц]\w*(?:\s+на\s+финансиране)?|вид|наименование)$", re.I)
# Under money, a column per source holding its amount (`Общински бюджет` | `Държавен бюджет` | `Други източници`).
SOURCE_NAME = re.compile(
    r"бюджет|източни|средства|фонд|програм|проект|дарени|спонсор|европейск|външн|собствен|друг|държав|общинск|\bЕС\b",
    re.I,
)
TOTAL_OR_YEAR = re.compile(r"^(?:общо|всичко|(?:19|20)\d{2}\s*(?:г\.?|година)?)$", re.I)
LABEL_SEPARATOR = "; "
PERIOD_SEPARATOR = " – "


class SubHeader(NamedTuple):
    """A header merged with the row below it: column texts and roles, and how sub-columns of one role join.

    `joins` maps a column to the label its text is given (`Общински бюджет: 5 000`, "" for none) and the
    separator that joins it to the text of the columns of its role before it (` – ` from start to end).
    """

    texts: list[str]
    roles: list[HeaderRole | None]
    joins: dict[int, tuple[str, str]]


def _sub_label(text: str) -> bool:
    """A cell that reads as a sub-column label: a role's wording, a year, or a few short words."""
    if role_of_header(text) or SUBHEADER_WORDS.match(text):
        return True
    return len(text) <= SHORT_LABEL_LIMIT and SHORT_LABEL.match(text) is not None


def _groups(header: list[str], roles: list[HeaderRole | None], filled: list[int]) -> list[tuple[str, HeaderRole | None, list[int]]]:
    """The filled sub-columns gathered under the header cell each sits under (text and role of that cell)."""
    groups: list[tuple[str, HeaderRole | None, list[int]]] = []
    group: tuple[str, HeaderRole | None, list[int]] | None = None
    for col in range(len(header)):
        if header[col] or group is None:
            group = (header[col], roles[col], [])
            groups.append(group)
        if col in filled:
            group[2].append(col)
    return [group for group in groups if group[2]]


def _split_roles(role: HeaderRole | None, subs: list[str]) -> tuple[list[HeaderRole], dict[int, tuple[str, str]]] | None:
    """Roles and joins of sub-columns whose labels name no role but the parent's: start | end, amount per source."""
    if role == "deadline" and len(subs) == 2 and PERIOD_START.match(subs[0]) and PERIOD_END.match(subs[1]):
        return ["deadline", "deadline"], {1: ("", PERIOD_SEPARATOR)}
    if role not in MONEY_ROLES or any(AMOUNT_LABEL.match(sub) or SOURCE_LABEL.match(sub) for sub in subs):
        return None
    if not all(SOURCE_NAME.search(sub) or TOTAL_OR_YEAR.match(sub) for sub in subs):
        return None
    # Amounts per source go to financing with the source as their label; amounts per year keep the parent's role.
    labelled = "financing" if any(SOURCE_NAME.search(sub) for sub in subs) else role
    return [labelled] * len(subs), {index: (sub, LABEL_SEPARATOR) for index, sub in enumerate(subs)}


def subheader_columns(header: list[str], roles: list[HeaderRole | None], below: list[str]) -> SubHeader | None:
    """A second header row splitting grouped columns (`Отговорни институции` → `Водещи` | `Партниращи`), merged in.

    Each text of the row below must be a short label (no activity number in the row) sitting under a
    header cell merged across it (its own header cell empty, or the next one empty as the group's
    continuation). The sub-column is named `group / sub`. Labels naming no role of their own split the
    parent's role: `Срок` over `Начало` | `Край` gives one deadline `начало – край`, `Финансиране` over
    `Общински бюджет` | `Държавен бюджет` gives financing with each amount labelled by its source, and
    `Размер` under money is the budget. Otherwise a sub-column takes the role its own wording names, else
    the group's role unless a sibling already has it; a role a column already holds is not given twice,
    so that column's text is kept as an extra.
    """
    width = max(len(header), len(below))
    header = header + [""] * (width - len(header))
    roles = list(roles) + [None] * (width - len(roles))
    filled = [col for col, text in enumerate(below) if text]
    if len(filled) < 2 or any(ACTIVITY_NUMBER.match(text) for text in below if text):
        return None
    if not all(_sub_label(below[col]) for col in filled):
        return None
    grouped = {col for col, text in enumerate(header) if text and col + 1 < width and not header[col + 1]}
    if not all(not header[col] or col in grouped for col in filled):
        return None
    texts, new_roles, joins = list(header), list(roles), {}
    taken = {role for col, role in enumerate(roles) if role and col not in filled and header[col]}
    for group_text, group_role, cols in _groups(header, roles, filled):
        subs = [" ".join(below[col].split()) for col in cols]
        for col, sub in zip(cols, subs):
            texts[col] = f"{group_text} / {sub}" if group_text else sub
        split = _split_roles(group_role, subs) if len(cols) > 1 else None
        if split is not None:
            for index, (col, role) in enumerate(zip(cols, split[0])):
                new_roles[col] = role
                if index in split[1]:
                    joins[col] = split[1][index]
            taken.update(split[0])
            continue
        for col, sub in zip(cols, subs):
            role = role_of_header(sub) or (
                "budget" if group_role in MONEY_ROLES and AMOUNT_LABEL.match(sub) else None) or group_role
            new_roles[col] = None if role in taken else role
            if role:
                taken.add(role)
    return SubHeader(texts, new_roles, joins)
