"""Header rows mapped to column roles by their wording, never by their position."""

from __future__ import annotations

import regex as re

from ..model.document import HeaderRole

# The words of the activity column, which every header row names.
# `Мероприятия`, `Инициативи`, `Действия`, not `Въздействие` (an effect).
ACTIVITY_HEADER = re.compile(r"дейност|мярк|мерки|задач|мероприяти|инициатив|(?<!въз)действи", re.I)
# Order matters: the first pattern that matches a header names its role.
ROLE_PATTERNS: list[tuple[HeaderRole, re.Pattern]] = [
    # `Партниращи институции`, `Институции-партньори`; not `Изпълнител / Партньори` nor `Отговорна институция/
    # партньори`, a cell naming both: that is the executor column, its partners kept in it.
    ("partner", re.compile(
        r"^(?!.*(?:изпълнител|отговорн|водещ)[\w\s]*?(?:[/,]|\sи\s)).*(?:партн|съизпълнител)|^съвместно\s+с|^участници",
        re.I,
    )),
    ("executor", re.compile(r"изпълнител|отговорн|институци|организаци|водещ|отговаря|координатор", re.I)),
    ("financing", re.compile(r"финансиран|финансов|обезпечен|източни[кц]|ресурс", re.I)),
    ("budget", re.compile(r"бюджет|средства|стойност|лв\.?|сума", re.I)),
    ("deadline", re.compile(r"срок|период|времева\s+рамка|време\s+за\s+изпълнение|график|продължителност", re.I)),
    ("indicator", re.compile(r"индикатор|показател", re.I)),
    ("result", re.compile(r"резултат|ефект|продукт|въздейств", re.I)),
    ("activity", ACTIVITY_HEADER),
    ("area", re.compile(r"^\s*(?:приоритетн[аио]\s+(?:област|направление)|приоритет|стратегическ[аио]\s+(?:цел|направление))", re.I)),
    ("goal", re.compile(r"^\s*(?:оперативн[аи]\s+|специфичн[аи]\s+|стратегическ[аи]\s+)?(?:под)?цел(?:и|ите)?\b", re.I)),
    ("number", re.compile(r"^\s*(?:№|no\.?|n\s*[:.]?|номер|пор(?:еден)?\.?\s*№?)\s*(?:по\s+ред)?\s*$", re.I)),
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
    return roles


def _known_role(text: str, known: dict[str, HeaderRole | None]) -> HeaderRole | None:
    if text not in known:
        known[text] = role_of_header(text)
    return known[text]


def subheader_columns(
    header: list[str], roles: list[HeaderRole | None], below: list[str]
) -> tuple[list[str], list[HeaderRole | None]] | None:
    """A second header row splitting grouped columns (`Отговорни институции` → `Водещи` | `Партниращи`), merged in.

    Each text of the row below must sit under a header cell merged across it (its own header cell
    empty, or the next one empty as the group's continuation). The sub-column is named `group / sub`
    and takes the role its own wording names, else the group's role unless a sibling already has it;
    a role a column already holds is not given twice, so that column's text is kept as an extra.
    """
    width = max(len(header), len(below))
    header = header + [""] * (width - len(header))
    roles = list(roles) + [None] * (width - len(roles))
    filled = [col for col, text in enumerate(below) if text]
    if len(filled) < 2 or not all(role_of_header(below[col]) or SUBHEADER_WORDS.match(below[col]) for col in filled):
        return None
    grouped = {col for col, text in enumerate(header) if text and col + 1 < width and not header[col + 1]}
    if not all(not header[col] or col in grouped for col in filled):
        return None
    texts, new_roles = list(header), list(roles)
    taken = {role for col, role in enumerate(roles) if role and col not in filled and header[col]}
    group_text, group_role = "", None
    for col in range(width):
        if header[col]:
            group_text, group_role = header[col], roles[col]
        if col not in filled:
            continue
        sub = " ".join(below[col].split())
        texts[col] = f"{group_text} / {sub}" if group_text else sub
        role = role_of_header(sub) or group_role
        new_roles[col] = None if role in taken else role
        if role:
            taken.add(role)
    return texts, new_roles
