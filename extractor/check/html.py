"""One self-contained HTML page: the findings listed at the top, each linked to its row in the programme's tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from ..model.document import Activity, Area, Document, Goal
from .engine import CheckedDocument
from .findings import SEVERITY_RANK, Finding
from .messages import Language, term, ui
from .render import summary_line

STYLE = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5rem;color:#1d1d1d;font-size:14px}
h1{font-size:1.5rem;margin:0 0 .3rem} h2{font-size:1.2rem;margin:1.6rem 0 .4rem} h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.summary{font-weight:bold;margin:.2rem 0 1rem}
ol.findings{padding-left:1.4rem} ol.findings li{margin:.25rem 0}
.code{font-family:monospace;font-weight:bold} .where{font-family:monospace}
.sev{display:inline-block;min-width:6.5em;padding:0 .3em;border-radius:3px;color:#fff;font-size:.85em;text-align:center}
.sev-error{background:#b3261e} .sev-warning{background:#b26a00} .sev-info{background:#36689b}
.suggestion{color:#444;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem} th,td{border:1px solid #bbb;padding:.25rem .4rem;vertical-align:top}
th{background:#eee;text-align:left}
tr.row-error>td,td.row-error{background:#fbe4e2} tr.row-warning>td,td.row-warning{background:#fdf0d5}
tr.row-info>td,td.row-info{background:#e6eef7}
tr>td.goal{background:#fff} td.goal.row-error{background:#fbe4e2} td.goal.row-warning{background:#fdf0d5}
td.goal.row-info{background:#e6eef7}
div.row-error,h3.row-error{background:#fbe4e2} div.row-warning,h3.row-warning{background:#fdf0d5}
div.row-info,h3.row-info{background:#e6eef7}
td.notes{min-width:16rem} td.notes div{margin-bottom:.2rem}
:target{outline:3px solid #1d1d1d;outline-offset:-3px}
.box{border:1px solid #bbb;padding:.4rem .6rem;margin:.3rem 0} .muted{color:#666}
"""
EXTRA_ROLES = ("partner", "result")


def anchor(index: int, finding: Finding, area_count: int) -> str:
    """The id of the element a finding belongs to: an activity row, a goal cell, an area heading, a fragment, a part."""
    position = finding.position
    if finding.location.part != "annex" or not position or position[0] < 0:
        return f"d{index}-{finding.location.part or 'document'}"
    if position[0] >= area_count:
        return f"d{index}-fragment-{position[1]}"
    kind = {1: "area", 2: "goal", 3: "row"}[len(position)]
    return f"d{index}-{kind}-" + "-".join(map(str, position))


def area_count(document: Document) -> int:
    """How many areas the annex has (0 without an annex)."""
    return len(document.annex.areas) if document.annex else 0


def _worst(findings: list[Finding]) -> str:
    return min((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)


def _finding_item(index: int, finding: Finding, areas: int, lang: Language) -> str:
    target = anchor(index, finding, areas)
    suggestion = f' <span class="suggestion">{escape(finding.suggestion)}</span>' if finding.suggestion else ""
    return (f'<li><span class="sev sev-{finding.severity}">{escape(ui(finding.severity, lang))}</span> '
            f'<a class="where" href="#{target}">{escape(finding.location.label())}</a> '
            f'<span class="code">{finding.code}</span> {escape(finding.message)}{suggestion}</li>')


def _notes(findings: list[Finding]) -> str:
    return "".join(f'<div><span class="code">{f.code}</span> {escape(f.message)}</div>' for f in findings)


def _cls(findings: list[Finding], prefix: str = "row", base: str = "") -> str:
    names = " ".join(filter(None, (base, f"{prefix}-{_worst(findings)}" if findings else "")))
    return f' class="{names}"' if names else ""


def _cell(text: str | None) -> str:
    return escape(text or "").replace("\n", "<br>")


def _headers(area: Area, roles: list[str], lang: Language) -> list[str]:
    printed = {}
    for column in area.columns:
        if column.role and column.role not in printed:
            printed[column.role] = column.header
    return [printed.get(role) or term(role, lang) for role in roles]


def _activity_cells(activity: Activity, roles: list[str]) -> list[str]:
    values = {"executor": activity.executors_raw, "partner": activity.partners_raw, "financing": activity.financing_raw,
              "deadline": activity.deadline_raw, "result": activity.expected_result}
    return [_cell(values[role]) for role in roles]


def _area_table(index: int, i: int, area: Area, by_anchor: dict[str, list[Finding]], lang: Language) -> str:
    present = {column.role for column in area.columns}
    roles = ["executor", *[r for r in ("partner",) if r in present], "financing", "deadline",
             *[r for r in ("result",) if r in present]]
    area_id = f"d{index}-area-{i}"
    heading = escape(f"{area.label} {area.number_raw or ''}: {area.title}".strip())
    parts = [f'<h3 id="{area_id}"{_cls(by_anchor.get(area_id, []), "row")}>{heading}</h3>']
    if by_anchor.get(area_id):
        parts.append(f'<div class="box">{_notes(by_anchor[area_id])}</div>')
    headers = [ui("goal", lang), "№", ui("activity", lang), *_headers(area, roles, lang), ui("findings", lang)]
    parts.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead><tbody>")
    for j, goal in enumerate(area.goals):
        parts.append(_goal_rows(index, i, j, goal, roles, by_anchor))
    parts.append("</tbody></table>")
    return "".join(parts)


def _goal_rows(index: int, i: int, j: int, goal: Goal, roles: list[str], by_anchor: dict[str, list[Finding]]) -> str:
    goal_id = f"d{index}-goal-{i}-{j}"
    goal_findings = by_anchor.get(goal_id, [])
    span = max(len(goal.activities), 1)
    goal_text = _cell(" ".join(filter(None, (goal.number_raw, goal.text))))
    goal_cell = f'<td id="{goal_id}" rowspan="{span}"{_cls(goal_findings, base="goal")}>{goal_text}{_notes(goal_findings)}</td>'
    if not goal.activities:
        empty = "".join("<td></td>" for _ in range(len(roles) + 2))
        return f"<tr>{goal_cell}{empty}<td class=\"notes\"></td></tr>"
    rows = []
    for k, activity in enumerate(goal.activities):
        row_id = f"d{index}-row-{i}-{j}-{k}"
        findings = by_anchor.get(row_id, [])
        cells = [_cell(activity.number_raw), _cell(activity.text), *_activity_cells(activity, roles)]
        body = "".join(f"<td>{cell}</td>" for cell in cells)
        rows.append(f'<tr id="{row_id}"{_cls(findings)}>{goal_cell if k == 0 else ""}{body}'
                    f'<td class="notes">{_notes(findings)}</td></tr>')
    return "".join(rows)


def _part_box(index: int, part: str, title: str, lines: list[str], by_anchor: dict[str, list[Finding]],
              lang: Language) -> str:
    part_id = f"d{index}-{part}"
    findings = by_anchor.get(part_id, [])
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return (f'<div id="{part_id}" class="box"><strong>{escape(ui(part, lang))}</strong>: {escape(title)}'
            f'{"<ol>" + items + "</ol>" if items else ""}<div{_cls(findings)}>{_notes(findings)}</div></div>')


def _document_section(index: int, checked: CheckedDocument, lang: Language) -> str:
    document: Document = checked.document
    by_anchor: dict[str, list[Finding]] = defaultdict(list)
    for finding in checked.findings:
        by_anchor[anchor(index, finding, area_count(document))].append(finding)
    name = document.source.path or document.source.name
    parts = [f'<section id="d{index}"><h2>{escape(name)}: {escape(document.title or "")}</h2>',
             f'<p class="muted">{escape(ui("profile", lang))}: {escape(checked.profile.name)}; '
             f'{escape(ui("year", lang))}: {document.year or "—"}</p>']
    doc_findings = by_anchor.get(f"d{index}-document", [])
    if doc_findings:
        parts.append(f'<div id="d{index}-document" class="box">{_notes(doc_findings)}</div>')
    if document.report:
        parts.append(_part_box(index, "report", document.report.subject or "", document.report.priority_areas,
                               by_anchor, lang))
    if document.decision:
        references = [reference.raw for reference in document.decision.annex_references]
        parts.append(_part_box(index, "decision", document.decision.subject or "", references, by_anchor, lang))
    if document.annex:
        annex_findings = by_anchor.get(f"d{index}-annex", [])
        parts.append(f'<div id="d{index}-annex"{_cls(annex_findings)}>{_notes(annex_findings)}</div>')
        for i, area in enumerate(document.annex.areas):
            parts.append(_area_table(index, i, area, by_anchor, lang))
        for k, fragment in enumerate(document.annex.fragments):
            fragment_id = f"d{index}-fragment-{k}"
            findings = by_anchor.get(fragment_id, [])
            parts.append(f'<div id="{fragment_id}" class="box"><span class="muted">{escape(fragment.reason)}</span>'
                         f'<div>{_cell(fragment.text)}</div><div{_cls(findings)}>{_notes(findings)}</div></div>')
    parts.append("</section>")
    return "".join(parts)


def render_html(checked: Sequence[CheckedDocument], lang: Language = "en") -> str:
    """The page: title, summary, every finding linked to its place, then each document's parts and tables."""
    items = [_finding_item(index, finding, area_count(item.document), lang)
             for index, item in enumerate(checked) for finding in item.findings]
    listing = f'<ol class="findings">{"".join(items)}</ol>' if items else f"<p>{escape(ui('no-findings', lang))}</p>"
    title = escape(ui("title", lang))
    body = "".join(_document_section(index, item, lang) for index, item in enumerate(checked))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>'
            f'<body><h1>{title}</h1><p class="summary">{escape(summary_line(checked, lang))}</p>'
            f'<h2>{escape(ui("findings", lang))}</h2>{listing}{body}</body></html>\n')
