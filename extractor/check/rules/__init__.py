"""The explicit registry of rules: each a stable code, a readable name, a default severity, a rationale and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...model.document import Document
from ..findings import Finding, RuleInfo
from ..profiles import Profile
from . import (
    activity_number_gap,
    activity_number_repeated,
    activity_prefix_mismatch,
    activity_text_empty,
    activity_under_other_goal,
    annex_area_list,
    area_number_out_of_sequence,
    deadline_end_before_start,
    deadline_outside_period,
    deadline_unparseable,
    decision_annex_missing,
    executor_unknown,
    goal_number_gap,
    goal_number_repeated,
    goal_without_activity,
    mixed_script_word,
    programme_year_mismatch,
    report_area_wording,
    report_areas_mismatch,
    required_cell_empty,
    required_column_missing,
    row_repaired,
    stated_area_count,
    text_outside_records,
)

Check = Callable[[Document, Profile], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: its identity and the function that yields its findings."""

    info: RuleInfo
    check: Check

    @property
    def code(self) -> str:
        return self.info.code


MODULES = (
    required_column_missing,
    required_cell_empty,
    goal_without_activity,
    activity_text_empty,
    area_number_out_of_sequence,
    goal_number_gap,
    goal_number_repeated,
    activity_number_gap,
    activity_number_repeated,
    activity_prefix_mismatch,
    deadline_unparseable,
    deadline_outside_period,
    deadline_end_before_start,
    executor_unknown,
    report_areas_mismatch,
    report_area_wording,
    stated_area_count,
    decision_annex_missing,
    programme_year_mismatch,
    annex_area_list,
    row_repaired,
    activity_under_other_goal,
    text_outside_records,
    mixed_script_word,
)
RULES: tuple[Rule, ...] = tuple(Rule(module.RULE, module.check) for module in MODULES)
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
