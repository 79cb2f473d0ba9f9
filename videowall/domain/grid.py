"""Grid maths for wall layouts: uniform grids, span layouts, merge and split.

A layout is a rows x cols grid covered exactly by cells; a cell may span several rows and columns.
Tiles are numbered in cell order (top-left first), which is also the order cameras fill them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_GRID = re.compile(r"^\s*(\d{1,2})\s*[x×]\s*(\d{1,2})\s*$", re.I)
MAX_SIDE = 16


@dataclass(frozen=True, slots=True, order=True)
class Cell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1

    def covers(self) -> set[tuple[int, int]]:
        return {(r, c) for r in range(self.row, self.row + self.row_span)
                for c in range(self.col, self.col + self.col_span)}


@dataclass(frozen=True, slots=True)
class GridShape:
    """A grid and the cells that exactly cover it."""

    rows: int
    cols: int
    cells: tuple[Cell, ...]

    def __post_init__(self) -> None:
        check_cover(self.rows, self.cols, self.cells)

    @property
    def tile_count(self) -> int:
        return len(self.cells)

    @property
    def is_uniform(self) -> bool:
        return all(c.row_span == 1 and c.col_span == 1 for c in self.cells)


def uniform(rows: int, cols: int) -> GridShape:
    return GridShape(rows, cols, tuple(Cell(r, c) for r in range(rows) for c in range(cols)))


def _spans(rows: int, cols: int, big: list[Cell]) -> GridShape:
    """Big cells where given, 1x1 cells everywhere else; big cells first (they get the first cameras)."""
    taken: set[tuple[int, int]] = set()
    for cell in big:
        taken |= cell.covers()
    small = [Cell(r, c) for r in range(rows) for c in range(cols) if (r, c) not in taken]
    return GridShape(rows, cols, (*big, *small))


def parse_grid(text: str) -> tuple[int, int] | None:
    """``"4x4"`` -> (4, 4); ``"9"`` -> (3, 3) (a square count); anything else -> None."""
    m = _GRID.match(text)
    if m:
        rows, cols = int(m.group(1)), int(m.group(2))
        return (rows, cols) if 1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE else None
    if text.strip().isdigit():
        n = int(text)
        side = math.isqrt(n)
        if side * side == n and 1 <= side <= MAX_SIDE:
            return side, side
    return None


def preset(text: str) -> GridShape | None:
    """A preset by name: a span layout ("1+7"), a grid ("4x4") or a square tile count ("16")."""
    key = text.strip().replace(" ", "")
    if key in SPAN_PRESETS:
        return SPAN_PRESETS[key]
    grid = parse_grid(key)
    return uniform(*grid) if grid else None


def check_cover(rows: int, cols: int, cells: tuple[Cell, ...]) -> None:
    """Raise ValueError unless the cells cover the grid exactly once."""
    if not (1 <= rows <= MAX_SIDE and 1 <= cols <= MAX_SIDE):
        raise ValueError(f"grid must be 1..{MAX_SIDE} on each side, got {rows}x{cols}")
    seen: set[tuple[int, int]] = set()
    for cell in cells:
        if cell.row_span < 1 or cell.col_span < 1:
            raise ValueError(f"cell {cell} has an empty span")
        if cell.row < 0 or cell.col < 0 or cell.row + cell.row_span > rows or cell.col + cell.col_span > cols:
            raise ValueError(f"cell {cell} lies outside the {rows}x{cols} grid")
        cover = cell.covers()
        if cover & seen:
            raise ValueError(f"cell {cell} overlaps another cell")
        seen |= cover
    if len(seen) != rows * cols:
        raise ValueError(f"cells leave {rows * cols - len(seen)} grid positions uncovered")


def merge(shape: GridShape, indexes: set[int]) -> tuple[GridShape, int]:
    """Merge the chosen cells into one; they must exactly fill their bounding rectangle.

    Returns the new shape and the index of the merged cell.
    """
    if len(indexes) < 2:
        raise ValueError("choose at least two tiles to merge")
    chosen = [shape.cells[i] for i in sorted(indexes)]
    top = min(c.row for c in chosen)
    left = min(c.col for c in chosen)
    bottom = max(c.row + c.row_span for c in chosen)
    right = max(c.col + c.col_span for c in chosen)
    area = sum(c.row_span * c.col_span for c in chosen)
    if area != (bottom - top) * (right - left):
        raise ValueError("the chosen tiles do not form a rectangle")
    merged = Cell(top, left, bottom - top, right - left)
    rest = [c for i, c in enumerate(shape.cells) if i not in indexes]
    cells = tuple(sorted([*rest, merged]))
    return GridShape(shape.rows, shape.cols, cells), cells.index(merged)


def split(shape: GridShape, index: int) -> GridShape:
    """Split one spanning cell back into 1x1 cells."""
    cell = shape.cells[index]
    pieces = [Cell(r, c) for r, c in sorted(cell.covers())]
    rest = [c for i, c in enumerate(shape.cells) if i != index]
    return GridShape(shape.rows, shape.cols, tuple(sorted([*rest, *pieces])))


# Grid presets by tile count, and the span layouts control rooms use: one or more large tiles for the
# scene that matters, small ones around it.
GRID_PRESETS: dict[str, GridShape] = {str(n * n): uniform(n, n) for n in (1, 2, 3, 4, 5, 6, 8)}
SPAN_PRESETS: dict[str, GridShape] = {
    "1+5": _spans(3, 3, [Cell(0, 0, 2, 2)]),
    "1+7": _spans(4, 4, [Cell(0, 0, 3, 3)]),
    "2+8": _spans(4, 4, [Cell(0, 0, 2, 2), Cell(0, 2, 2, 2)]),
    "1+12": _spans(4, 4, [Cell(1, 1, 2, 2)]),
    "3+4": _spans(4, 4, [Cell(0, 0, 2, 2), Cell(0, 2, 2, 2), Cell(2, 0, 2, 2)]),
}
