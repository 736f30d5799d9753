"""Table grids recovered from a page raster: deskew, ruling lines, cells with spans.

A chain of small steps over a grey page image (numpy, OpenCV morphology):
`despeckle` → `skew_angle` → `deskew` → `ruling_masks` → `line_segments` → `table_regions` →
`region_grid` (row and column separators) → `grid_cells` (elementary cells merged into spans
wherever the ruling between them is missing). Coordinates are pixels of the deskewed image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

PixelBox = tuple[int, int, int, int]
"""(x0, top, x1, bottom) in pixels of the deskewed page image."""


@dataclass(frozen=True)
class GridSettings:
    """Sizes that decide what counts as a ruling, scaled to the page's resolution."""

    dpi: int = 200
    max_skew_degrees: float = 3.0
    min_horizontal_inches: float = 0.4
    min_vertical_inches: float = 0.22
    min_row_inches: float = 0.1
    merge_tolerance_inches: float = 0.04
    edge_coverage: float = 0.5

    def px(self, inches: float) -> int:
        return max(1, round(inches * self.dpi))


@dataclass(frozen=True)
class Segment:
    """A ruling line: its position across (y for horizontal, x for vertical) and its extent along."""

    at: int
    start: int
    end: int


@dataclass(frozen=True)
class GridCell:
    """One cell of a recovered table: grid place, spans and pixel box."""

    row: int
    col: int
    row_span: int
    col_span: int
    box: PixelBox


@dataclass(frozen=True)
class TableGrid:
    """A table found on a page: its box, separator positions and cells in reading order."""

    box: PixelBox
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    cells: tuple[GridCell, ...]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark pixels (text and rulings) as 255 on 0, by Otsu's threshold."""
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """8-connected components of a mask: (count with the background, label image, stats per label).

    Labels are 16-bit when there are fewer than 65535 components (half the memory of a page of
    32-bit labels), 32-bit otherwise.
    """
    try:
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:  # more components than 16 bits can number
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return count, labels, stats


def despeckle(gray: np.ndarray, dpi: int) -> np.ndarray:
    """The page with isolated specks (far smaller than a full stop) painted white: scanner dust, not text."""
    largest_speck = max(2, round(12 * (dpi / 300) ** 2))
    count, labels, stats = components(ink_mask(gray))
    specks = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] < largest_speck)
    specks = specks[specks > 0]
    if not len(specks):
        return gray
    is_speck = np.zeros(count, dtype=bool)
    is_speck[specks] = True
    cleaned = gray.copy()
    cleaned[is_speck[labels]] = 255  # a lookup per pixel: np.isin would sort a page of labels (~120 MB)
    return cleaned


def skew_angle(gray: np.ndarray, max_degrees: float = 3.0) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines and rulings horizontal.

    Searches coarse to fine for the angle whose horizontal ink profile is sharpest, on a copy
    shrunk to about 1000 pixels so the search costs a few tens of milliseconds.
    """
    scale = min(1.0, 1000 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    ink = ink_mask(small)
    height, width = ink.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = 0.0
    for step, span in ((0.5, max_degrees), (0.1, 0.5), (0.02, 0.1)):
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=sharpness))
    return round(best, 2)


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page rotated by `angle` degrees about its centre, new corners filled white."""
    if angle == 0:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def ruling_masks(ink: np.ndarray, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rulings: ink runs longer than any letter stroke, then small gaps bridged.

    A vertical ruling of a one-line row (a header row, whose row below is one merged cell) is no
    longer than a tall letter; it counts when it runs from a horizontal ruling to the next.
    """
    bridge = settings.px(settings.merge_tolerance_inches)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, _kernel(settings.px(settings.min_horizontal_inches), 1))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, _kernel(bridge, 1))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, _kernel(1, settings.px(settings.min_vertical_inches)))
    short = cv2.morphologyEx(ink, cv2.MORPH_OPEN, _kernel(1, settings.px(settings.min_row_inches)))
    vertical = cv2.bitwise_or(vertical, _spanning_rows(short, horizontal, settings.px(0.01)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, _kernel(1, bridge))
    return horizontal, vertical


def _spanning_rows(short: np.ndarray, horizontal: np.ndarray, reach: int = 2) -> np.ndarray:
    """The short vertical strokes whose both ends touch a horizontal ruling: rulings of one-line rows."""
    count, labels, stats = components(short)
    if count <= 1:
        return np.zeros_like(short)
    near = cv2.dilate(horizontal, _kernel(1, 2 * reach + 1))  # ruling pixels grown up and down by `reach`
    x = stats[:, cv2.CC_STAT_LEFT] + stats[:, cv2.CC_STAT_WIDTH] // 2
    top = stats[:, cv2.CC_STAT_TOP]
    bottom = top + stats[:, cv2.CC_STAT_HEIGHT] - 1
    keep = (near[top, x] > 0) & (near[bottom, x] > 0)
    keep[0] = False  # the background
    return np.where(keep, 255, 0).astype(np.uint8)[labels]


def _kernel(width: int, height: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))


def line_segments(mask: np.ndarray, horizontal: bool) -> list[Segment]:
    """Each connected ruling in a mask as a segment (centre line, extent)."""
    count, _, stats = components(mask)
    segments = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            segments.append(Segment(at=int(y + h // 2), start=int(x), end=int(x + w)))
        else:
            segments.append(Segment(at=int(x + w // 2), start=int(y), end=int(y + h)))
    return segments


def table_regions(horizontal: np.ndarray, vertical: np.ndarray, settings: GridSettings) -> list[PixelBox]:
    """Boxes of connected ruling networks that hold at least two rulings each way: the tables."""
    return [box for box, _rows, _cols in region_grids(horizontal, vertical, settings)]


def region_grids(
    horizontal: np.ndarray, vertical: np.ndarray, settings: GridSettings
) -> list[tuple[PixelBox, list[int], list[int]]]:
    """Each table region with its row and column separators, top to bottom (separators found once)."""
    pad = settings.px(settings.merge_tolerance_inches)
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((pad, pad), np.uint8))
    count, _, stats = components(joined)
    regions = []
    for x, y, w, h, _area in stats[1:count]:
        box = (int(x), int(y), int(x + w), int(y + h))
        rows, cols = region_grid(horizontal, vertical, box, settings)
        if len(rows) >= 2 and len(cols) >= 2:
            regions.append((box, rows, cols))
    return sorted(regions, key=lambda region: (region[0][1], region[0][0]))


def _crop(mask: np.ndarray, box: PixelBox) -> np.ndarray:
    x0, y0, x1, y1 = box
    return mask[y0:y1, x0:x1]


def _clusters(positions: list[int], tolerance: int) -> list[int]:
    """Positions closer than `tolerance` merged into their mean: one separator per ruling."""
    groups: list[list[int]] = []
    for position in sorted(positions):
        if groups and position - groups[-1][-1] <= tolerance:
            groups[-1].append(position)
        else:
            groups.append([position])
    return [round(sum(g) / len(g)) for g in groups]


def region_grid(
    horizontal: np.ndarray, vertical: np.ndarray, box: PixelBox, settings: GridSettings
) -> tuple[list[int], list[int]]:
    """Row and column separator positions (page pixels) inside one table region."""
    tolerance = settings.px(settings.merge_tolerance_inches)
    x0, y0, _, _ = box
    rows = _clusters([s.at + y0 for s in line_segments(_crop(horizontal, box), True)], tolerance)
    cols = _clusters([s.at + x0 for s in line_segments(_crop(vertical, box), False)], tolerance)
    return rows, cols


def _covered(mask: np.ndarray, fixed: int, start: int, end: int, horizontal: bool, reach: int) -> float:
    """Share of an edge (trimmed at the corners) that a ruling mask covers, within `reach` pixels across."""
    trim = max(1, (end - start) // 8)
    start, end = start + trim, end - trim
    if end <= start:
        return 1.0
    if horizontal:
        band = mask[max(0, fixed - reach) : fixed + reach + 1, start:end]
        return float(band.any(axis=0).mean())
    band = mask[start:end, max(0, fixed - reach) : fixed + reach + 1]
    return float(band.any(axis=1).mean())


def grid_cells(
    horizontal: np.ndarray, vertical: np.ndarray, rows: list[int], cols: list[int], settings: GridSettings
) -> list[GridCell]:
    """Elementary cells between separators, merged where no ruling divides them, in reading order."""
    n_rows, n_cols = len(rows) - 1, len(cols) - 1
    reach = settings.px(settings.merge_tolerance_inches)
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and _covered(vertical, cols[c + 1], rows[r], rows[r + 1], False, reach) < settings.edge_coverage:
                parent[find(here + 1)] = find(here)
            if r + 1 < n_rows and _covered(horizontal, rows[r + 1], cols[c], cols[c + 1], True, reach) < settings.edge_coverage:
                parent[find(here + n_cols)] = find(here)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members) + 1
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members) + 1
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, (cols[c0], rows[r0], cols[c1], rows[r1])))
    return sorted(cells, key=lambda cell: (cell.row, cell.col))


def find_tables(gray: np.ndarray, settings: GridSettings) -> tuple[list[TableGrid], np.ndarray]:
    """Every ruled table on a deskewed page, plus the ruling mask (to erase before OCR)."""
    horizontal, vertical = ruling_masks(ink_mask(gray), settings)
    tables = []
    for box, rows, cols in region_grids(horizontal, vertical, settings):
        cells = grid_cells(horizontal, vertical, rows, cols, settings)
        if cells:
            tables.append(TableGrid(box=box, rows=tuple(rows), cols=tuple(cols), cells=tuple(cells)))
    return tables, cv2.bitwise_or(horizontal, vertical)


def paper_level(gray: np.ndarray) -> int:
    """The grey of the bare paper: the commonest level among the light pixels (a scan's paper is rarely pure white)."""
    histogram = np.bincount(gray.ravel(), minlength=256)
    return int(128 + histogram[128:].argmax())


def erase_rulings(gray: np.ndarray, rulings: np.ndarray, settings: GridSettings) -> np.ndarray:
    """The page with ruling lines painted the paper's grey, so OCR sees only the text between them.

    Painted pure white on a greyish scan, an erased ruling leaves a bright band whose edges
    Tesseract reads as marks (`>`, `“`, `;`) at the start of the cell's lines.
    """
    grow = max(1, settings.px(settings.merge_tolerance_inches) // 2)
    mask = cv2.dilate(rulings, np.ones((grow, grow), np.uint8))
    cleaned = gray.copy()
    cleaned[mask > 0] = paper_level(gray)
    return cleaned
