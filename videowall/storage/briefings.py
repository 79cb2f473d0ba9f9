"""Saved briefings: one row per briefing holding its JSON document (the same format as the export file)."""

from __future__ import annotations

import time

from sqlite_utils import Database

from videowall.domain.briefing import Briefing, decode, encode


class BriefingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, briefing: Briefing) -> None:
        """Insert or replace by name; validates first, so nothing invalid is ever stored."""
        self._db.execute(
            "INSERT INTO briefings (name, document, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
            [briefing.name, encode(briefing), time.time()],
        )

    def load(self, name: str) -> Briefing | None:
        row = self._db.execute("SELECT document FROM briefings WHERE name = ?", [name]).fetchone()
        return None if row is None else decode(row[0])

    def names(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT name FROM briefings ORDER BY name COLLATE NOCASE")]

    def delete(self, name: str) -> bool:
        return self._db.execute("DELETE FROM briefings WHERE name = ?", [name]).rowcount > 0
