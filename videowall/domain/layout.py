"""A saved wall layout: a grid and which camera (and which stream) each tile shows."""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.camera import StreamKind


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

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a layout needs a name")
        if self.rows < 1 or self.cols < 1:
            raise ValueError(f"layout {self.name!r}: grid must be at least 1x1, got {self.rows}x{self.cols}")
        seen: set[int] = set()
        for tile in self.tiles:
            if not 0 <= tile.index < self.rows * self.cols:
                raise ValueError(f"layout {self.name!r}: tile {tile.index} outside a {self.rows}x{self.cols} grid")
            if tile.index in seen:
                raise ValueError(f"layout {self.name!r}: tile {tile.index} assigned twice")
            seen.add(tile.index)
