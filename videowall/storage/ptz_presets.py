"""Local PTZ presets: (camera, name) -> position, for cameras that cannot list or keep presets."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from videowall.domain.ptz import Position, PositionSource, Preset, PresetSource

_SOURCE_CODES = {PositionSource.STATUS: "status", PositionSource.COMMANDED: "commanded"}
_CODE_SOURCES = {code: source for source, code in _SOURCE_CODES.items()}


class PtzPresetRepository:
    """Reads and writes the ``ptz_presets`` table on the connection it is given."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, camera_id: str) -> list[Preset]:
        rows = self._db.execute(
            "SELECT name, pan, tilt, zoom FROM ptz_presets WHERE camera_id = ? ORDER BY name COLLATE NOCASE",
            [camera_id],
        ).fetchall()
        return [Preset(name, PresetSource.LOCAL, None, Position(pan, tilt, zoom)) for name, pan, tilt, zoom in rows]

    def sources(self, camera_id: str) -> dict[str, PositionSource]:
        """How each preset's position was known when it was saved."""
        rows = self._db.execute("SELECT name, position_source FROM ptz_presets WHERE camera_id = ?", [camera_id])
        return {name: _CODE_SOURCES[code] for name, code in rows.fetchall()}

    def save(self, camera_id: str, name: str, position: Position, source: PositionSource) -> None:
        """Insert or replace; a position of unknown origin is refused, never stored."""
        if source not in _SOURCE_CODES:
            raise ValueError(f"cannot store a preset whose position is {source.value}")
        name = name.strip()
        if not name:
            raise ValueError("a preset needs a name")
        p = position.clamped()
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO ptz_presets (camera_id, name, pan, tilt, zoom, position_source, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(camera_id, name) DO UPDATE SET pan = excluded.pan, "
                "tilt = excluded.tilt, zoom = excluded.zoom, position_source = excluded.position_source, "
                "updated_at = excluded.updated_at",
                [camera_id, name, p.pan, p.tilt, p.zoom, _SOURCE_CODES[source],
                 datetime.now(UTC).isoformat(timespec="seconds")],
            )

    def remove(self, camera_id: str, name: str) -> bool:
        with self._db.atomic():
            cursor = self._db.execute("DELETE FROM ptz_presets WHERE camera_id = ? AND name = ?", [camera_id, name])
        return bool(cursor.rowcount)
