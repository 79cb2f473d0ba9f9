"""Favourites and bulk edits of the register: what an operator changes on many cameras at once."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from videowall.domain.camera import ServiceStatus

_CHUNK = 500


class FavouriteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT camera_id FROM favourites").fetchall()}

    def set(self, camera_ids: Iterable[str], starred: bool) -> None:
        ids = [(cid,) for cid in dict.fromkeys(camera_ids)]
        with self._db.atomic():
            if starred:
                now = time.time()
                self._db.conn.executemany("INSERT OR IGNORE INTO favourites (camera_id, added_at) VALUES (?, ?)",
                                          [(cid, now) for (cid,) in ids])  # fmt: skip
            else:
                self._db.conn.executemany("DELETE FROM favourites WHERE camera_id = ?", ids)


class CameraEdits:
    """Tags and service status changed on a selection in one transaction; returns how many cameras changed."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def edit_tags(self, camera_ids: Sequence[str], add: Sequence[str] = (), remove: Sequence[str] = ()) -> int:
        drop = set(remove)
        changed = 0
        with self._db.atomic():
            for i in range(0, len(camera_ids), _CHUNK):
                chunk = list(camera_ids[i : i + _CHUNK])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT id, tags FROM cameras WHERE id IN ({marks})", chunk).fetchall()
                updates = []
                for cid, raw in rows:
                    old = list(json.loads(raw or "[]"))
                    new = [t for t in old if t not in drop]
                    new += [t for t in add if t not in new]
                    if new != old:
                        updates.append((json.dumps(new, ensure_ascii=False), cid))
                self._db.conn.executemany("UPDATE cameras SET tags = ? WHERE id = ?", updates)
                changed += len(updates)
        return changed

    def set_status(self, camera_ids: Sequence[str], status: ServiceStatus) -> int:
        changed = 0
        with self._db.atomic():
            for i in range(0, len(camera_ids), _CHUNK):
                chunk = list(camera_ids[i : i + _CHUNK])
                marks = ",".join("?" * len(chunk))
                sql = f"UPDATE cameras SET status = ? WHERE status != ? AND id IN ({marks})"
                cursor = self._db.execute(sql, [status.value, status.value, *chunk])
                changed += int(cursor.rowcount)
        return changed
