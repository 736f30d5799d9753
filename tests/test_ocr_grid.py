"""Table grids recovered from rasters: deskew, ruling lines, merged cells."""

from __future__ import annotations

import cv2
import numpy as np

from extractor.readers.grid import GridSettings, deskew, despeckle, find_tables, skew_angle

DPI = 200


def ruled_table(angle: float = 0.0) -> np.ndarray:
    """A white page with a 3×3 ruled table whose left column's last two cells are merged, plus text-like strokes."""
    page = np.full((1200, 1600), 255, np.uint8)
    xs, ys = (200, 600, 1000, 1400), (200, 400, 600, 800)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 3)
    cv2.line(page, (xs[0] + 2, ys[2]), (xs[1] - 2, ys[2]), 255, 5)  # no ruling between rows 1 and 2 of column 0
    for row, y in enumerate(ys[:-1]):
        for col, x in enumerate(xs[:-1]):
            cv2.putText(page, f"r{row}c{col} text", (x + 20, y + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    if angle:
        matrix = cv2.getRotationMatrix2D((800, 600), angle, 1.0)
        page = cv2.warpAffine(page, matrix, (1600, 1200), flags=cv2.INTER_CUBIC, borderValue=255)
    return page


def test_skew_of_a_tilted_page_is_measured_within_a_tenth_of_a_degree():
    assert abs(skew_angle(ruled_table(0.6)) + 0.6) < 0.1
    assert abs(skew_angle(ruled_table(-0.4)) - 0.4) < 0.1


def test_grid_of_a_deskewed_page_has_every_cell_and_the_merged_one():
    page = ruled_table(0.5)
    straight = deskew(page, skew_angle(page))
    tables, _ = find_tables(straight, GridSettings(dpi=DPI))
    assert len(tables) == 1
    cells = {(c.row, c.col): (c.row_span, c.col_span) for c in tables[0].cells}
    assert len(cells) == 8
    assert cells[(1, 0)] == (2, 1)
    assert all(span == (1, 1) for place, span in cells.items() if place != (1, 0))


def test_text_strokes_are_not_taken_for_rulings():
    page = np.full((800, 1200), 255, np.uint8)
    for line in range(8):
        cv2.putText(page, "Lorem ipsum dolor sit amet, consectetur", (60, 80 + 80 * line), cv2.FONT_HERSHEY_SIMPLEX, 1.3, 0, 3)
    tables, _ = find_tables(page, GridSettings(dpi=DPI))
    assert tables == []


def test_despeckle_removes_dust_and_keeps_full_stops():
    page = np.full((300, 300), 255, np.uint8)
    page[50, 50] = page[120, 200] = 0
    cv2.circle(page, (150, 150), 3, 0, -1)
    clean = despeckle(page, 300)
    assert clean[50, 50] == 255 and clean[120, 200] == 255
    assert clean[150, 150] == 0


def test_one_line_header_row_keeps_its_columns_above_a_merged_heading_row():
    """A header row (rulings shorter than a tall letter) over a full-width area heading row, then data rows."""
    page = np.full((1000, 1600), 255, np.uint8)
    xs, ys = (200, 600, 1000, 1400), (200, 240, 320, 600)  # 40 px header row at 200 dpi: one line
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[1]), 0, 3)  # header row
        cv2.line(page, (x, ys[2]), (x, ys[3]), 0, 3)  # data row; the heading row between has none inside
    cv2.line(page, (xs[0], ys[1]), (xs[0], ys[2]), 0, 3)
    cv2.line(page, (xs[-1], ys[1]), (xs[-1], ys[2]), 0, 3)
    for x in xs[:-1]:
        cv2.putText(page, "Header", (x + 20, ys[0] + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    cv2.putText(page, "Area I: heading across the table", (xs[0] + 20, ys[1] + 50), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    (table,) = find_tables(page, GridSettings(dpi=DPI))[0]
    cells = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert cells == {(0, 0): (1, 1), (0, 1): (1, 1), (0, 2): (1, 1), (1, 0): (1, 3),
                     (2, 0): (1, 1), (2, 1): (1, 1), (2, 2): (1, 1)}


def test_letters_touching_one_ruling_are_not_taken_for_a_column():
    page = np.full((1000, 1600), 255, np.uint8)
    xs, ys = (200, 1400), (200, 240, 600)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 3)
    cv2.line(page, (700, ys[1]), (700, ys[1] + 30), 0, 4)  # a tall letter's stem standing on a ruling
    (table,) = find_tables(page, GridSettings(dpi=DPI))[0]
    assert len(table.cols) == 2
