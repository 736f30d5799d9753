"""Cell boxes for tables printed without ruling lines, anchored on their header row.

A borderless table (python-docx's default style, many exported PDFs) gives pdfplumber no edges.
Its header row still names the columns (`Цел`, `Дейност`, `Срок` …): the left edges of the
header cells give the column bounds, and a row starts where a number opens one of the first
columns or where the lines open a wider gap than the lines within a cell.
"""

from __future__ import annotations

from statistics import median

import regex as re

from ..model.layout import BBox

HEADER_WORD = re.compile(
    r"^(?:№|цел|дейност|мярк|срок|период|изпълнител|отговорн|финансиран|източник|бюджет|средств|резултат|"
    r"индикатор|партн|водещ|институци|организаци|очакван)",
    re.I,
)
ROW_NUMBER = re.compile(r"^(?:[1-9]\d?(?:\.[1-9А-Яа-я]\d?)*\.?|[а-я][.)])$")
LINE_TOLERANCE = 2.5
MIN_HEADER_COLUMNS = 3
COLUMN_GAP = 6.0


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top, each line sorted left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _clusters(line: list[dict]) -> list[list[dict]]:
    """A line's words split where the gap is wider than a word space: one cluster per cell."""
    clusters = [[line[0]]]
    for word in line[1:]:
        if word["x0"] - clusters[-1][-1]["x1"] > COLUMN_GAP:
            clusters.append([word])
        else:
            clusters[-1].append(word)
    return clusters


def header_columns(line: list[dict]) -> list[float] | None:
    """Left edges of the columns if the line reads as a header row (three or more header words)."""
    clusters = _clusters(line)
    named = [c for c in clusters if HEADER_WORD.match(c[0]["text"])]
    if len(named) < MIN_HEADER_COLUMNS or len(named) * 2 < len(clusters):
        return None
    return [cluster[0]["x0"] for cluster in clusters]


def _column_of(x: float, starts: list[float]) -> int:
    return max((i for i, start in enumerate(starts) if x >= start - COLUMN_GAP / 2), default=0)


def _starts_row(line: list[dict], starts: list[float]) -> bool:
    firsts = [w for w in line if _column_of(w["x0"], starts) <= 2 and abs(w["x0"] - starts[_column_of(w["x0"], starts)]) < 3]
    return any(ROW_NUMBER.match(w["text"]) for w in firsts)


def _crosses_columns(line: list[dict], starts: list[float]) -> bool:
    """True for a line running across column bounds in one stretch of text: a heading, not a row."""
    for cluster in _clusters(line):
        column = _column_of(cluster[0]["x0"], starts)
        if column + 1 < len(starts) and cluster[-1]["x1"] > starts[column + 1]:
            return True
    return False


def _header_wrap(line: list[dict], above: list[dict], starts: list[float]) -> bool:
    """A line continuing wrapped header cells: no numbers, every word lower case or a header word, and
    each of its cells under a header cell too full for its first word (else that word would have been on it).

    A row cut by a page break and continued under the repeated header is lower case too, but its
    first words would have fitted on the header line above them (`Дейност` + `танцови,`).
    """
    if not all(not ROW_NUMBER.match(w["text"]) and (w["text"][:1].islower() or HEADER_WORD.match(w["text"])
                                                    or not w["text"][:1].isalpha()) for w in line):
        return False
    for cluster in _clusters(line):
        column = _column_of(cluster[0]["x0"], starts)
        over = [c for c in _clusters(above) if _column_of(c[0]["x0"], starts) == column]
        if not over:
            return False
        if column + 1 == len(starts):
            continue  # the last column's right edge is not known yet
        room = starts[column + 1] - starts[column] - 2 * COLUMN_GAP  # less both cells' padding, generously
        if over[-1][-1]["x1"] - over[-1][0]["x0"] + COLUMN_GAP / 2 + cluster[0]["x1"] - cluster[0]["x0"] <= room:
            return False
    return True


def unruled_tables(words: list[dict], page_width: float) -> list[list[BBox]]:
    """Cell boxes of header-anchored tables found among a page's words (empty when there is none).

    A line running across the columns (an area or goal row merged across the table: `I. ЗДРАВЕОПАЗВАНЕ`,
    `Цел 1: …`) is left out as a line of its own, and the table goes on under it with the same columns when
    a number opens the next line's first columns; the header is kept as a table of its own if no row follows
    it before such a line."""
    lines = _lines(words)
    tables: list[list[BBox]] = []
    index = 0
    while index < len(lines):
        starts = header_columns(lines[index])
        if starts is None:
            index += 1
            continue
        left = starts[0] - COLUMN_GAP
        right = max(page_width - left, max(w["x1"] for line in lines[index:] for w in line))
        body_start = index + 1
        while (body_start < len(lines) and body_start - index < 4
               and _header_wrap(lines[body_start], lines[body_start - 1], starts)):
            body_start += 1
        pitches = [b[0]["top"] - a[0]["top"] for a, b in zip(lines[index:], lines[index + 1 :])]
        pitch = median(pitches) if pitches else 12.0
        segments = _segments(lines, index, body_start, starts, left, pitch)
        if not segments:
            index += 1
            continue
        end = segments[-1][1]
        # a column runs from its header's left edge to the furthest its text reaches: the width it may fill
        empty = [start - COLUMN_GAP for start in starts[1:]] + [right]
        widest = [max((w["x1"] for first, last, _ in segments for line in lines[first:last] for w in line
                       if _column_of(w["x0"], starts) == c), default=empty[c]) for c in range(len(starts))]
        for _, _, row_tops in segments:
            tables.append([
                (starts[c] - 0.5, row_tops[r], widest[c] + 0.5, row_tops[r + 1])
                for r in range(len(row_tops) - 1) for c in range(len(starts))
            ])
        index = end
    return tables


def _segments(lines: list[list[dict]], index: int, body_start: int, starts: list[float], left: float,
              pitch: float) -> list[tuple[int, int, list[float]]]:
    """The stretches of one header's table (first line, end, row tops), split by lines running across it."""
    segments: list[tuple[int, int, list[float]]] = []
    first, row_tops = index, [lines[index][0]["top"] - 1]
    bottom = lines[body_start - 1][-1]["bottom"]
    end = body_start
    position = body_start
    while position < len(lines):
        line = lines[position]
        if line[0]["x0"] < left or header_columns(line) is not None:
            break
        gap = line[0]["top"] - lines[position - 1][0]["top"]
        if gap > 3 * pitch and not (_starts_row(line, starts) and not _crosses_columns(line, starts)):
            break  # far below the table; not a row a number opens (rows may stand further apart than lines)
        if _crosses_columns(line, starts):
            after = position
            while after < len(lines) and _crosses_columns(lines[after], starts) and lines[after][0]["x0"] >= left:
                after += 1
            if after >= len(lines) or not _starts_row(lines[after], starts) or (end == body_start and first != index):
                break
            segments.append((first, end, row_tops + [bottom + 1]))
            first, row_tops = after, [lines[after][0]["top"] - 1]
            bottom, end, position = lines[after][-1]["bottom"], after + 1, after + 1
            continue
        if position == body_start or _starts_row(line, starts) or gap > 1.6 * pitch:
            row_tops.append(line[0]["top"] - 1)
        bottom = max(bottom, max(w["bottom"] for w in line))
        end = position + 1
        position += 1
    if end == body_start and not segments:
        return []
    segments.append((first, end, row_tops + [bottom + 1]))
    return segments
