"""Printed numbers as positions in a sequence: goals `1, 2, 3` or `а, б, в`, activity numbers `2.В.1.3`."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.document import Area, Goal

# Letters used to enumerate in Bulgarian documents: the alphabet without ъ and ь, which never number items.
ENUMERATION_LETTERS = "абвгдежзийклмнопрстуфхцчшщюя"


def goal_value(number: str) -> int | None:
    """A goal number's position: `3` → 3, `в` → 3; None for anything else."""
    if number.isdigit():
        return int(number)
    letter = number.lower()
    if len(letter) == 1 and letter in ENUMERATION_LETTERS:
        return ENUMERATION_LETTERS.index(letter) + 1
    return None


def goal_label(value: int, lettered: bool) -> str:
    """The printed form of a goal position in the area's style: 3 → `3` or `в`."""
    if lettered and 1 <= value <= len(ENUMERATION_LETTERS):
        return ENUMERATION_LETTERS[value - 1]
    return str(value)


def labels_between(first: int, last: int, lettered: bool, limit: int = 5) -> list[str]:
    """Printed labels of positions first..last, at most `limit` of them with `…` for the rest."""
    values = list(range(first, last + 1))
    labels = [goal_label(value, lettered) for value in values[:limit]]
    return labels + ["…"] if len(values) > limit else labels


@dataclass(frozen=True)
class ActivityNumber:
    """An activity number split at its dots, with how many leading parts name the goal."""

    parts: tuple[str, ...]
    goal_parts: int
    dotted_goal: bool = False  # the goal's own number has dots (`1.2` for operational goal 2 of goal 1)

    @property
    def key(self) -> str:
        """The number compared case-insensitively (`1.в.1` and `1.В.1` are the same)."""
        return ".".join(self.parts).upper()

    @property
    def goal(self) -> str:
        """The goal the number names: its last goal part (`В` in `1.В.1`, `3` in `3.2`), or all of a dotted one
        (`1.2` in `1.2.3`)."""
        if self.dotted_goal:
            return ".".join(self.parts[: self.goal_parts])
        return self.parts[self.goal_parts - 1]


def split_activity(number: str, area: Area, goal: Goal) -> ActivityNumber | None:
    """An activity number split into parts; `1.А.1` names area and goal, `3.2` the goal, `1.3.2` area and goal."""
    parts = tuple(part for part in number.split(".") if part)
    if len(parts) < 2:
        return None
    goal_number = tuple(part for part in (goal.number or "").split(".") if part)
    if len(goal_number) >= 2 and len(parts) > len(goal_number):  # operational goal 1.2 → activities 1.2.1, 1.2.2
        return ActivityNumber(parts, len(goal_number), dotted_goal=True)
    if parts[1].isalpha():
        return ActivityNumber(parts, 2)
    if (len(parts) >= 3 and area.number is not None and parts[0] == str(area.number) and goal.number is not None
            and parts[1] == goal.number and parts[0] != goal.number):
        return ActivityNumber(parts, 2)
    return ActivityNumber(parts, 1)


def disagreement(number: ActivityNumber, area: Area, goal: Goal) -> str | None:
    """`goal` or `area` when the number names another goal or area than the one it stands under, else None."""
    if goal.number is not None and number.goal.lower() != goal.number.lower():
        return "goal"
    if number.goal_parts == 2 and area.number is not None and number.parts[0].isdigit() and int(number.parts[0]) != area.number:
        return "area"
    return None


@dataclass(frozen=True)
class Break:
    """Where a sequence that should run 1, 2, 3 … goes wrong: a gap, a step back, or a repeat."""

    index: int
    kind: str  # "gap", "order", "repeat"
    expected: int
    value: int


def sequence_breaks(values: list[int | None], start: int = 1) -> list[Break]:
    """The breaks in a sequence of positions; None entries (unnumbered) are skipped."""
    breaks = []
    seen: set[int] = set()
    expected = start
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            breaks.append(Break(index, "repeat", expected, value))
            continue
        if value != expected:
            breaks.append(Break(index, "gap" if value > expected else "order", expected, value))
        seen.add(value)
        expected = max(expected, value + 1)
    return breaks


def goal_breaks(area: Area, previous_last: int | None = None) -> list[tuple[Break, list[str]]]:
    """The breaks in an area's goal numbers, each with the labels of the missing goals (for a gap).

    `previous_last` is the last goal number of the area before: goals numbered on through the areas (`Цел 3`
    opening area 2 after `Цел 2`) start there, not at 1."""
    values = [goal_value(goal.number) if goal.number else None for goal in area.goals]
    lettered = any(goal.number and not goal.number.isdigit() for goal in area.goals)
    first = next((value for value in values if value is not None), None)
    start = first if not lettered and previous_last is not None and first == previous_last + 1 else 1
    return [(fault, labels_between(fault.expected, fault.value - 1, lettered) if fault.kind == "gap" else [])
            for fault in sequence_breaks(values, start)]


def last_goal_number(area: Area) -> int | None:
    """The highest goal number of an area numbered in digits (None when lettered or unnumbered)."""
    values = [int(goal.number) for goal in area.goals if goal.number and goal.number.isdigit()]
    return max(values) if values and len(values) == sum(1 for goal in area.goals if goal.number) else None


def activity_gap(number: ActivityNumber, last: dict[tuple[str, ...], int]) -> tuple[str, str] | None:
    """Walk a number's levels below the goal, updating `last`; its first break as (`gap`|`order`, numbers)."""
    fault = None
    for level in range(number.goal_parts, len(number.parts)):
        parent = number.parts[:level]
        if not number.parts[level].isdigit():
            return fault
        value = int(number.parts[level])
        previous = last.get(parent, 0)
        if level < len(number.parts) - 1 and value == previous:
            continue  # a further activity of the same group, e.g. 2.В.1.3 after 2.В.1.2
        prefix = ".".join(parent)
        if fault is None and value > previous + 1:
            numbers = [f"{prefix}.{n}" for n in range(previous + 1, min(value, previous + 6))]
            fault = ("gap", ", ".join(numbers + (["…"] if value - previous - 1 > 5 else [])))
        elif fault is None and value <= previous:
            fault = ("order", f"{prefix}.{previous}")
        last[parent] = max(previous, value)
    return fault


ROMAN_VALUES = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def area_label(value: int, style: str | None) -> str:
    """An area number printed like its neighbour: Roman (`IV`) when `style` is a Roman numeral, else Arabic."""
    if not style or style.isdigit() or not 0 < value < 40:
        return str(value)
    roman = ""
    for amount, letters in ROMAN_VALUES:
        while value >= amount:
            roman += letters
            value -= amount
    return roman
