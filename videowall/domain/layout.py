"""A saved wall layout: a grid and which camera (and which stream) each tile shows."""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.camera import StreamKind
from videowall.domain.grid import Cell, GridShape, uniform


@dataclass(frozen=True, slots=True)
class TileAssignment:
    """One tile of the grid, counted row by row from the top left (index 0)."""

    index: int
    camera_id: str
    stream: StreamKind = StreamKind.SUB


@dataclass(frozen=True, slots=True)
class Layout:
    """A named grid; tiles not listed are empty. Checked on creation so a bad layout never reaches disk."""

    name: str
    rows: int
    cols: int
    tiles: tuple[TileAssignment, ...] = ()
    cells: tuple[Cell, ...] = ()  # empty: a uniform grid of rows x cols tiles

    @property
    def shape(self) -> GridShape:
        return GridShape(self.rows, self.cols, self.cells) if self.cells else uniform(self.rows, self.cols)

    @classmethod
    def from_shape(cls, name: str, shape: GridShape, tiles: tuple[TileAssignment, ...] = ()) -> Layout:
        return cls(name, shape.rows, shape.cols, tiles, () if shape.is_uniform and
                   shape == uniform(shape.rows, shape.cols) else shape.cells)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a layout needs a name")
        if self.rows < 1 or self.cols < 1:
            raise ValueError(f"layout {self.name!r}: grid must be at least 1x1, got {self.rows}x{self.cols}")
        count = self.shape.tile_count  # also checks that the cells cover the grid exactly
        seen: set[int] = set()
        for tile in self.tiles:
            if not 0 <= tile.index < count:
                raise ValueError(f"layout {self.name!r}: tile {tile.index} outside a {count}-tile layout")
            if tile.index in seen:
                raise ValueError(f"layout {self.name!r}: tile {tile.index} assigned twice")
            seen.add(tile.index)
