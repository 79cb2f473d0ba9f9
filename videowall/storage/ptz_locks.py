"""The ``ptz_locks`` table: one row per camera whose PTZ someone holds (domain/ptz_lock.py)."""

from __future__ import annotations

from sqlite_utils import Database

from videowall.domain.access import Role
from videowall.domain.ptz_lock import PtzLock

_COLUMNS = "camera_id, holder, role, console, since, until, seq, taken_from"


class PtzLockRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, camera_id: str) -> PtzLock | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM ptz_locks WHERE camera_id = ?", [camera_id]).fetchone()
        if row is None:
            return None
        cid, holder, role, console, since, until, seq, taken_from = row
        return PtzLock(cid, holder, Role(role), console, since, until, seq, taken_from)

    def put(self, lock: PtzLock) -> None:
        self._db.execute(
            f"INSERT INTO ptz_locks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(camera_id) DO UPDATE "
            "SET holder = excluded.holder, role = excluded.role, console = excluded.console, since = excluded.since, "
            "until = excluded.until, seq = excluded.seq, taken_from = excluded.taken_from",
            [lock.camera_id, lock.holder, lock.role.value, lock.console, lock.since, lock.until, lock.seq,
             lock.taken_from])

    def delete(self, camera_id: str, console: str) -> bool:
        """Remove the row only if ``console`` holds it (a lock taken over is not ours to drop)."""
        cursor = self._db.execute("DELETE FROM ptz_locks WHERE camera_id = ? AND console = ?", [camera_id, console])
        return bool(cursor.rowcount)
