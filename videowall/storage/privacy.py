"""Rows for privacy: masks (normalised polygons as JSON), private cameras, scene references, quarantine."""

from __future__ import annotations

import json
import time

from sqlite_utils import Database

from videowall.domain.privacy import MaskPolygon, MaskSet, QuarantineRecord, ReferenceOrigin, SceneReference


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- masks ------------------------------------------------------------------------------------
    def masks(self) -> dict[str, MaskSet]:
        out = {}
        for cam, polys, until, by in self._db.execute(
                "SELECT camera_id, polygons, lifted_until, lifted_by FROM privacy_masks"):
            polygons = tuple(MaskPolygon(tuple((float(x), float(y)) for x, y in p)) for p in json.loads(polys))
            out[cam] = MaskSet(cam, polygons, until, by)
        return out

    def save_masks(self, mask: MaskSet) -> None:
        polys = json.dumps([[list(pt) for pt in p.points] for p in mask.polygons])
        self._db.execute(
            "INSERT INTO privacy_masks (camera_id, polygons, lifted_until, lifted_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(camera_id) DO UPDATE SET polygons = excluded.polygons, lifted_until = excluded.lifted_until, "
            "lifted_by = excluded.lifted_by, updated_at = excluded.updated_at",
            [mask.camera_id, polys, mask.lifted_until, mask.lifted_by, time.time()])

    # --- private cameras ----------------------------------------------------------------------------
    def private(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT camera_id FROM private_cameras")}

    def set_private(self, camera_id: str, private: bool, by: str) -> None:
        if private:
            self._db.execute("INSERT OR IGNORE INTO private_cameras (camera_id, marked_by, marked_at) VALUES (?, ?, ?)",
                             [camera_id, by, time.time()])
        else:
            self._db.execute("DELETE FROM private_cameras WHERE camera_id = ?", [camera_id])

    # --- scene references ---------------------------------------------------------------------------
    def references(self) -> dict[str, SceneReference]:
        """Every camera's reference or candidate (one row per camera)."""
        rows = self._db.execute(
            "SELECT camera_id, path, sha256, origin, taken_at, approved_by, approved_at FROM scene_references")
        return {r[0]: SceneReference(r[0], r[1], r[2], ReferenceOrigin(r[3]), float(r[4]), r[5], float(r[6]))
                for r in rows}

    def save_reference(self, row: SceneReference) -> None:
        self._db.execute(
            "INSERT INTO scene_references (camera_id, path, sha256, provisional, origin, taken_at, approved_by, "
            "approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(camera_id) DO UPDATE SET path = excluded.path, "
            "sha256 = excluded.sha256, provisional = excluded.provisional, origin = excluded.origin, "
            "taken_at = excluded.taken_at, approved_by = excluded.approved_by, approved_at = excluded.approved_at",
            [row.camera_id, row.path, row.sha256, int(not row.origin.in_force), row.origin.value, row.taken_at,
             row.approved_by, row.approved_at])

    # --- quarantine -----------------------------------------------------------------------------------
    def quarantined(self) -> dict[str, QuarantineRecord]:
        rows = self._db.execute("SELECT camera_id, since, score, still_path FROM quarantine")
        return {r[0]: QuarantineRecord(r[0], float(r[1]), r[2], r[3]) for r in rows}

    def quarantine(self, record: QuarantineRecord) -> None:
        self._db.execute("INSERT OR REPLACE INTO quarantine (camera_id, since, score, still_path) VALUES (?, ?, ?, ?)",
                         [record.camera_id, record.since, record.score, record.still_path])

    def release(self, camera_id: str) -> None:
        self._db.execute("DELETE FROM quarantine WHERE camera_id = ?", [camera_id])
