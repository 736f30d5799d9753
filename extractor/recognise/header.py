"""Header rows mapped to column roles by their wording, never by their position."""

from __future__ import annotations

import regex as re

from ..model.document import HeaderRole

# Order matters: the first pattern that matches a header names its role.
ROLE_PATTERNS: list[tuple[HeaderRole, re.Pattern]] = [
    ("partner", re.compile(r"^партн|партниращ|^съизпълнител", re.I)),
    ("executor", re.compile(r"изпълнител|отговорн|институци|организаци|водещ|отговаря|координатор", re.I)),
    ("financing", re.compile(r"финансиран|източни[кц]", re.I)),
    ("budget", re.compile(r"бюджет|средства|стойност|лв\.?|сума", re.I)),
    ("deadline", re.compile(r"срок|период|времева\s+рамка|график", re.I)),
    ("result", re.compile(r"резултат|ефект|продукт", re.I)),
    ("indicator", re.compile(r"индикатор|показател", re.I)),
    ("activity", re.compile(r"дейност|мярк|мерки|задач", re.I)),
    ("area", re.compile(r"^\s*(?:приоритетн[аио]\s+(?:област|направление)|приоритет|стратегическ[аио]\s+(?:цел|направление))", re.I)),
    ("goal", re.compile(r"^\s*(?:оперативн[аи]\s+|специфичн[аи]\s+|подцел|стратегическ[аи]\s+)?цел(?:и|ите)?\b", re.I)),
    ("number", re.compile(r"^\s*(?:№|no\.?|n\s*[:.]?|номер|пор(?:еден)?\.?\s*№?)\s*(?:по\s+ред)?\s*$", re.I)),
]
CELL_LENGTH_LIMIT = 60


def role_of_header(text: str) -> HeaderRole | None:
    """The role of a column from its header text (`Изпълнител / Партньори` → executor)."""
    text = " ".join(text.split())
    if not text or len(text) > CELL_LENGTH_LIMIT:
        return None
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return None


def header_roles(cells: list[str]) -> list[HeaderRole | None] | None:
    """Roles of a row's cells if the row is a header row (activity column and one other role), else None."""
    roles = [role_of_header(text) for text in cells]
    named = [role for role in roles if role]
    filled = [text for text in cells if text]
    if "activity" not in named or len(set(named)) < 2 or len(named) * 2 < len(filled):
        return None
    if sum(1 for text in cells if text and len(text) > CELL_LENGTH_LIMIT) > 0:
        return None
    return roles
