"""The ``wall_presets`` tables: a preset saved whole, its monitors replaced in one transaction."""

from __future__ import annotations

import json
import time

from sqlite_utils import Database

from videowall.domain.wall_presets import PresetMonitor, WallPreset


class WallPresetRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, wall_preset: WallPreset, by: str = "") -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO wall_presets (name, saved_at, saved_by) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE "
                "SET saved_at = excluded.saved_at, saved_by = excluded.saved_by",
                [wall_preset.name, time.time(), by])
            self._db.execute("DELETE FROM wall_preset_monitors WHERE preset = ?", [wall_preset.name])
            self._db.table("wall_preset_monitors").insert_all(
                ({"preset": wall_preset.name, "agent": m.agent, "monitor": m.monitor, "layout": m.layout,
                  "cameras": json.dumps(list(m.cameras))} for m in wall_preset.monitors), alter=False)

    def load(self, name: str) -> WallPreset | None:
        rows = list(self._db.execute(
            "SELECT agent, monitor, layout, cameras FROM wall_preset_monitors WHERE preset = ? "
            "ORDER BY agent, monitor", [name]))
        if not rows:
            return None
        return WallPreset(name, tuple(PresetMonitor(str(a), str(m), str(layout), tuple(
            str(c) if c is not None else None for c in json.loads(cams))) for a, m, layout, cams in rows))

    def names(self) -> list[str]:
        return [str(r[0]) for r in self._db.execute("SELECT name FROM wall_presets ORDER BY name")]

    def delete(self, name: str) -> bool:
        with self._db.atomic():
            return self._db.execute("DELETE FROM wall_presets WHERE name = ?", [name]).rowcount > 0
