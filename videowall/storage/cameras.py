"""The camera register table, mapped to and from the frozen ``Camera`` dataclass."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus

_ORDER = "kecamatan, kelurahan, rw, rt, name COLLATE NOCASE, id"


def camera_to_row(camera: Camera) -> dict[str, Any]:
    return {
        "id": camera.id,
        "name": camera.name,
        "kind": camera.kind.value,
        "kecamatan": camera.area.kecamatan,
        "kelurahan": camera.area.kelurahan,
        "rw": camera.area.rw,
        "rt": camera.area.rt,
        "latitude": camera.latitude,
        "longitude": camera.longitude,
        "main_url": camera.main_url,
        "sub_url": camera.sub_url,
        "onvif_host": camera.onvif_host,
        "onvif_port": camera.onvif_port,
        "ptz": int(camera.ptz),
        "status": camera.status.value,
        "tags": json.dumps(list(camera.tags), ensure_ascii=False),
        "notes": camera.notes,
        "credential_ref": camera.credential_ref,
        "via_relay": int(camera.via_relay),
    }


def row_to_camera(row: dict[str, Any]) -> Camera:
    return Camera(
        id=row["id"],
        name=row["name"],
        kind=CameraKind(row["kind"]),
        area=Area(row["kecamatan"], row["kelurahan"], row["rw"], row["rt"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
        main_url=row["main_url"],
        sub_url=row["sub_url"],
        onvif_host=row["onvif_host"],
        onvif_port=row["onvif_port"],
        ptz=bool(row["ptz"]),
        status=ServiceStatus(row["status"]),
        tags=tuple(json.loads(row["tags"] or "[]")),
        notes=row["notes"],
        credential_ref=row["credential_ref"],
        via_relay=bool(row.get("via_relay") or 0),
    )


class CameraRepository:
    """Reads and writes cameras on the connection it is given (the writer's or a reader's)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def upsert_many(self, cameras: Iterable[Camera]) -> int:
        """Insert or replace by id in one transaction; returns how many were written."""
        rows = [camera_to_row(c) for c in cameras]
        if rows:
            with self._db.atomic():
                self._db.table("cameras").upsert_all(rows, pk="id", alter=False, batch_size=500)
        return len(rows)

    def get(self, camera_id: str) -> Camera | None:
        """The camera, retired or not (a bookmark or a case may name a retired one)."""
        rows = list(self._db.query("SELECT * FROM cameras WHERE id = ?", [camera_id]))
        return row_to_camera(rows[0]) if rows else None

    def all(self) -> list[Camera]:
        """Every camera in service in camera-tree order: area from the top, then name. Retired ones are
        left out, so the tree, walls, tours, sweeps and exports do not offer them."""
        return [row_to_camera(r) for r in
                self._db.query(f"SELECT * FROM cameras WHERE retired_at IS NULL ORDER BY {_ORDER}")]

    def count(self) -> int:
        """Cameras in service."""
        return int(self._db.execute("SELECT count(*) FROM cameras WHERE retired_at IS NULL").fetchone()[0])

    def rows(self) -> dict[str, dict[str, Any]]:
        """Id -> the stored row (every column, ``retired_at`` too) of every camera, retired or not."""
        return {r["id"]: r for r in self._db.query("SELECT * FROM cameras")}

    def retired(self) -> dict[str, float]:
        """Id -> when it was retired, for the cameras out of the register."""
        cursor = self._db.execute("SELECT id, retired_at FROM cameras WHERE retired_at IS NOT NULL")
        return {cid: float(at) for cid, at in cursor.fetchall()}

    def retire(self, camera_ids: Iterable[str], at: float) -> int:
        """Mark cameras retired (kept, with everything that names them); returns how many changed."""
        ids = list(camera_ids)
        done = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            done += self._db.execute(f"UPDATE cameras SET retired_at = ? WHERE retired_at IS NULL AND id IN ({marks})",
                                     [at, *chunk]).rowcount
        return done

    def restore(self, camera_ids: Iterable[str]) -> int:
        """Put retired cameras back in service; returns how many were retired."""
        ids = list(camera_ids)
        done = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            done += self._db.execute(f"UPDATE cameras SET retired_at = NULL WHERE retired_at IS NOT NULL "
                                     f"AND id IN ({marks})", chunk).rowcount
        return done

    def credential_refs(self) -> dict[str, str]:
        """Camera id -> credential ref, so a re-import without passwords keeps the stored ones."""
        cursor = self._db.execute("SELECT id, credential_ref FROM cameras WHERE credential_ref IS NOT NULL")
        return {cid: ref for cid, ref in cursor.fetchall()}

    def fingerprint(self) -> str:
        """A digest of every row (all columns): equal digests, same register. One query, no row objects."""
        names = [str(r[1]) for r in self._db.execute("PRAGMA table_info(cameras)").fetchall()]
        columns = "||".join(f'quote("{n}")' for n in names)
        row = self._db.execute(f"SELECT count(*), group_concat(r, char(30)) FROM "
                               f"(SELECT {columns} AS r FROM cameras ORDER BY id)").fetchone()
        return f"{row[0]}:" + hashlib.blake2b((row[1] or "").encode(), digest_size=16).hexdigest()
