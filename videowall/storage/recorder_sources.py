"""The ``recorder_sources`` table: per camera, the recorder holding its recordings (issue 22 item 1).

The recorder's account goes to the credential store given (``security.secrets.CredentialStore`` in the
app: encrypted, or the OS keyring); the table keeps only its reference, ``recorder:<camera id>``.
"""

from __future__ import annotations

import time
from typing import Protocol

from sqlite_utils import Database

from videowall.domain.recorder_source import RecorderKind, RecorderSource
from videowall.domain.urls import Credentials


class Secrets(Protocol):
    def put(self, credentials: Credentials, ref: str | None = None) -> str: ...

    def get(self, ref: str) -> Credentials: ...

    def delete(self, ref: str) -> None: ...


def credential_ref(camera_id: str) -> str:
    return f"recorder:{camera_id}"


class RecorderSourceRepository:
    def __init__(self, db: Database, secrets: Secrets) -> None:
        self._db = db
        self._secrets = secrets

    def save(self, source: RecorderSource, credentials: Credentials | None = None, by: str = "",
             keep_credentials: bool = True) -> None:
        """Set the camera's recorder. Without ``credentials`` the stored account stays (``keep_credentials``)
        or is removed."""
        problems = source.problems()
        if problems:
            raise ValueError("; ".join(problems))
        ref: str | None = None
        old = self._ref(source.camera_id)
        if credentials is not None:
            ref = self._secrets.put(credentials, credential_ref(source.camera_id))
        elif keep_credentials:
            ref = old
        elif old is not None:
            self._secrets.delete(old)
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO recorder_sources (camera_id, kind, address, recording_token, timezone, clock_offset_s, "
                "credential_ref, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(camera_id) DO UPDATE SET kind = excluded.kind, address = excluded.address, "
                "recording_token = excluded.recording_token, timezone = excluded.timezone, "
                "clock_offset_s = excluded.clock_offset_s, credential_ref = excluded.credential_ref, "
                "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                [source.camera_id, source.kind.value, source.address, source.recording_token, source.timezone,
                 source.clock_offset_s, ref, time.time(), by])

    def _ref(self, camera_id: str) -> str | None:
        row = self._db.execute("SELECT credential_ref FROM recorder_sources WHERE camera_id = ?",
                               [camera_id]).fetchone()
        return None if row is None else row[0]

    def has_account(self, camera_id: str) -> bool:
        """Whether the camera's recorder has an account in the credential store (not decrypted)."""
        return self._ref(camera_id) is not None

    def get(self, camera_id: str) -> RecorderSource | None:
        row = self._db.execute(
            "SELECT kind, address, recording_token, timezone, clock_offset_s FROM recorder_sources WHERE camera_id = ?",
            [camera_id]).fetchone()
        if row is None:
            return None
        return RecorderSource(camera_id, RecorderKind(row[0]), str(row[1]), str(row[2]), str(row[3]), float(row[4]))

    def credentials(self, camera_id: str) -> Credentials | None:
        """The recorder's account for this camera (decrypted now, in memory only), or None."""
        ref = self._ref(camera_id)
        return None if ref is None else self._secrets.get(ref)

    def remove(self, camera_id: str) -> bool:
        ref = self._ref(camera_id)
        if ref is not None:
            self._secrets.delete(ref)
        return self._db.execute("DELETE FROM recorder_sources WHERE camera_id = ?", [camera_id]).rowcount > 0

    def all(self) -> list[RecorderSource]:
        return [s for s in (self.get(str(r[0])) for r in self._db.execute(
            "SELECT camera_id FROM recorder_sources ORDER BY camera_id")) if s is not None]


def recorder_sources(db: Database) -> dict[str, RecorderSource]:
    """Every camera's recorder source by camera id (no accounts: they stay in the credential store)."""
    rows = db.execute("SELECT camera_id, kind, address, recording_token, timezone, clock_offset_s "
                      "FROM recorder_sources")
    return {str(r[0]): RecorderSource(str(r[0]), RecorderKind(r[1]), str(r[2]), str(r[3]), str(r[4]), float(r[5]))
            for r in rows}
