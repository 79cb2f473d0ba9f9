"""Which layout each monitor wall shows, keyed by the monitor's identity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from videowall.domain.monitors import MonitorId


@dataclass(frozen=True, slots=True)
class SavedWall:
    monitor: MonitorId
    layout: str | None
    enabled: bool


class WallRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, monitor: MonitorId, layout: str | None, enabled: bool = True) -> None:
        self._db.execute(
            "INSERT INTO walls (monitor_key, monitor, layout, enabled, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(monitor_key) DO UPDATE SET monitor = excluded.monitor, layout = excluded.layout, "
            "enabled = excluded.enabled, updated_at = excluded.updated_at",
            [monitor.key(), monitor.to_json(), layout, int(enabled), datetime.now(UTC).isoformat(timespec="seconds")],
        )

    def all(self) -> list[SavedWall]:
        rows = self._db.execute("SELECT monitor, layout, enabled FROM walls ORDER BY monitor_key").fetchall()
        return [SavedWall(MonitorId.from_json(m), layout, bool(e)) for m, layout, e in rows]
