"""Saved tours. A save replaces the tour and all its steps in one transaction: never half a tour."""

from __future__ import annotations

import time

from sqlite_utils import Database

from videowall.domain.tour import TourDefinition, TourKind, TourStep


class TourRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(self, tour: TourDefinition, by: str = "") -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO tours (name, kind, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                [tour.name, tour.kind.value, time.time(), by],
            )
            self._db.execute("DELETE FROM tour_steps WHERE tour = ?", [tour.name])
            self._db.table("tour_steps").insert_all(
                ({"tour": tour.name, "idx": i, "item": s.item, "dwell_s": s.dwell_s} for i, s in enumerate(tour.steps)),
                alter=False,
            )

    def rename(self, old: str, tour: TourDefinition, by: str = "") -> None:
        """Save ``tour`` and drop the one it was called ``old`` before (an edit that renamed it)."""
        with self._db.atomic():
            if old and old != tour.name:
                self.delete(old)
            self.save(tour, by)

    def all(self) -> list[TourDefinition]:
        steps: dict[str, list[TourStep]] = {}
        for tour, item, dwell in self._db.execute("SELECT tour, item, dwell_s FROM tour_steps ORDER BY tour, idx"):
            steps.setdefault(tour, []).append(TourStep(item, float(dwell)))
        out = []
        for name, kind in self._db.execute("SELECT name, kind FROM tours ORDER BY name COLLATE NOCASE"):
            if steps.get(name):
                out.append(TourDefinition(name, TourKind(kind), tuple(steps[name])))
        return out

    def get(self, name: str) -> TourDefinition | None:
        return next((t for t in self.all() if t.name == name), None)

    def delete(self, name: str) -> bool:
        with self._db.atomic():
            self._db.execute("DELETE FROM tour_steps WHERE tour = ?", [name])
            cursor = self._db.execute("DELETE FROM tours WHERE name = ?", [name])
        return cursor.rowcount > 0
