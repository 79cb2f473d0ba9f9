"""Saved wall layouts. A save replaces the whole tile set in one transaction: never half a wall."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from videowall.domain.camera import StreamKind
from videowall.domain.grid import Cell
from videowall.domain.layout import Layout, TileAssignment


class LayoutRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, layout: Layout) -> None:
        """Create or replace the layout and all its tiles atomically; on error the old one stays."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO layouts (name, rows, cols, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET rows = excluded.rows, cols = excluded.cols, "
                "updated_at = excluded.updated_at",
                [layout.name, layout.rows, layout.cols, datetime.now(UTC).isoformat(timespec="seconds")],
            )
            self._db.execute("DELETE FROM layout_tiles WHERE layout = ?", [layout.name])
            self._db.table("layout_tiles").insert_all(self._tile_rows(layout), alter=False)
            self._db.execute("DELETE FROM layout_cells WHERE layout = ?", [layout.name])
            self._db.table("layout_cells").insert_all(
                ({"layout": layout.name, "idx": i, "row": c.row, "col": c.col, "row_span": c.row_span,
                  "col_span": c.col_span} for i, c in enumerate(layout.cells)),
                alter=False,
            )

    @staticmethod
    def _tile_rows(layout: Layout) -> Iterator[dict[str, Any]]:
        for tile in layout.tiles:
            yield {
                "layout": layout.name,
                "idx": tile.index,
                "camera_id": tile.camera_id,
                "stream": tile.stream.value,
            }

    def load(self, name: str) -> Layout | None:
        head = self._db.execute("SELECT rows, cols FROM layouts WHERE name = ?", [name]).fetchone()
        if head is None:
            return None
        tiles = tuple(
            TileAssignment(idx, camera_id, StreamKind(stream))
            for idx, camera_id, stream in self._db.execute(
                "SELECT idx, camera_id, stream FROM layout_tiles WHERE layout = ? ORDER BY idx", [name]
            )
        )
        cells = tuple(
            Cell(int(r), int(c), int(rs), int(cs))
            for r, c, rs, cs in self._db.execute(
                "SELECT row, col, row_span, col_span FROM layout_cells WHERE layout = ? ORDER BY idx", [name]
            )
        )
        return Layout(name, int(head[0]), int(head[1]), tiles, cells)

    def names(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM layouts ORDER BY name COLLATE NOCASE")]

    def delete(self, name: str) -> bool:
        """Remove the layout and its tiles; False when there was no such layout."""
        with self._db.atomic():
            self._db.execute("DELETE FROM layout_tiles WHERE layout = ?", [name])
            self._db.execute("DELETE FROM layout_cells WHERE layout = ?", [name])
            cursor = self._db.execute("DELETE FROM layouts WHERE name = ?", [name])
        return cursor.rowcount > 0
