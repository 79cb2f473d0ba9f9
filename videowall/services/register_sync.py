"""Sync the camera register with the city's list: add, change, and retire what the list no longer has.

An import only adds and updates. A sync also retires the cameras the file does not list: they stay
in the database with a retirement time (``cameras.retired_at``), so bookmarks, cases and health
history keep their camera, but the tree, walls and tours no longer offer them. A retired camera
that is back in a later file is in service again ("restored").

Two steps, so a person sees what will happen before it does: ``plan_sync`` reads the file and
compares it with the database (writes nothing); ``apply_sync`` re-reads the file, checks that the
file and the database are still what the plan was made from, and writes everything in one
transaction with one audit row (counts and the file's SHA-256). Both need IMPORT_REGISTER.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.register import RowProblem
from videowall.security import audit
from videowall.security.secrets import CredentialBackend
from videowall.services.register_import import (
    ImportFileError,
    ParsedRegister,
    ProgressCallback,
    read_register,
    write_rows,
)
from videowall.storage.cameras import CameraRepository, camera_to_row

log = logging.getLogger(__name__)

_COMPARED = ("name", "kind", "kecamatan", "kelurahan", "rw", "rt", "latitude", "longitude", "main_url", "sub_url",
             "onvif_host", "onvif_port", "ptz", "status", "tags", "notes")


class SyncError(Exception):
    """The sync cannot be applied as previewed (the file or the register changed, or it is refused)."""


@dataclass(frozen=True, slots=True)
class SyncEntry:
    """One camera in a sync plan; ``detail`` says what changes (fields) or since when it was retired."""

    camera_id: str
    name: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What a sync of ``source`` would do to the register, computed without writing anything."""

    source: Path
    sha256: str
    rows_read: int
    added: tuple[SyncEntry, ...]
    changed: tuple[SyncEntry, ...]
    retired: tuple[SyncEntry, ...]
    restored: tuple[SyncEntry, ...]  # retired before, listed again: back in service
    spared: tuple[str, ...]  # not in the valid rows but named on a rejected line: left as they are
    unchanged: int
    rejected: list[RowProblem]
    valid_only: bool = False

    @property
    def applicable(self) -> bool:
        """True when applying may proceed: valid rows, and no rejected line unless valid rows only."""
        return self.rows_read > len(self.rejected) and (self.valid_only or not self.rejected)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.retired or self.restored)

    def key(self) -> tuple[tuple[str, ...], ...]:
        """The camera ids of each list: equal keys, the same sync."""
        groups = (self.added, self.changed, self.retired, self.restored)
        return (*(tuple(e.camera_id for e in group) for group in groups), self.spared)

    def counts(self) -> str:
        return (f"added {len(self.added)}, changed {len(self.changed)}, retired {len(self.retired)}, "
                f"restored {len(self.restored)}, unchanged {self.unchanged}, rejected {len(self.rejected)}")

    def to_json(self) -> dict[str, Any]:
        def entries(group: tuple[SyncEntry, ...]) -> list[dict[str, str]]:
            return [{"camera_id": e.camera_id, "name": e.name, "detail": e.detail} for e in group]

        return {
            "source": str(self.source), "sha256": self.sha256, "rows_read": self.rows_read,
            "added": entries(self.added), "changed": entries(self.changed), "retired": entries(self.retired),
            "restored": entries(self.restored), "spared": list(self.spared), "unchanged": self.unchanged,
            "rejected": [{"line": p.line, "camera_id": p.camera_id, "codes": [c.value for c in p.codes],
                          "message": p.text} for p in self.rejected],
            "valid_only": self.valid_only,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyncResult:
    plan: SyncPlan
    written: int
    credentials_stored: int
    duration: float


def file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read: {exc.strerror or exc}") from None


def plan_sync(path: Path | str, db: Database, *, user: User, valid_only: bool = False,
              progress: ProgressCallback | None = None) -> SyncPlan:
    """Read ``path`` and say what a sync would add, change, retire and restore. Writes nothing."""
    require(user, Permission.IMPORT_REGISTER)
    path = Path(path)
    parsed = read_register(path, progress=progress)
    return _plan(path, file_sha256(path), parsed, db, valid_only)


def apply_sync(plan: SyncPlan, db: Database, credentials: CredentialBackend, *, user: User,
               progress: ProgressCallback | None = None) -> SyncResult:
    """Apply a previewed ``plan`` in one transaction on ``db`` (the writer's), audited in one row.

    Raises ``SyncError`` when the plan may not be applied (rejected lines in a strict sync) or when
    the file or the register is no longer what the plan was made from: preview again.
    """
    require(user, Permission.IMPORT_REGISTER)
    started = time.perf_counter()
    if not plan.applicable:
        raise SyncError("rows are rejected: fix them, or sync the valid rows only")
    parsed = read_register(plan.source, progress=progress)
    sha = file_sha256(plan.source)
    if sha != plan.sha256:
        raise SyncError(f"{plan.source} changed since the preview: preview the sync again")
    with db.atomic():
        fresh = _plan(plan.source, sha, parsed, db, plan.valid_only)
        if fresh.key() != plan.key():
            raise SyncError("the register in the database changed since the preview: preview the sync again")
        written, stored, _added, _restored = write_rows(db, credentials, parsed.valid)
        CameraRepository(db).retire((e.camera_id for e in fresh.retired), time.time())
        audit.append(db, user.name, audit.Action.REGISTER_SYNC, str(plan.source.resolve()),
                     f"sha256 {sha}; rows read {fresh.rows_read}, {fresh.counts()}"
                     f"{', valid rows only' if fresh.valid_only else ''}")
    log.info("sync %s: %s", plan.source, fresh.counts())
    return SyncResult(fresh, written, stored, time.perf_counter() - started)


def _plan(path: Path, sha: str, parsed: ParsedRegister, db: Database, valid_only: bool) -> SyncPlan:
    stored = CameraRepository(db).rows()
    added: list[SyncEntry] = []
    changed: list[SyncEntry] = []
    restored: list[SyncEntry] = []
    unchanged = 0
    listed = set()
    for row in parsed.valid:
        camera = row.camera
        listed.add(camera.id)
        old = stored.get(camera.id)
        if old is None:
            added.append(SyncEntry(camera.id, camera.name))
            continue
        new = camera_to_row(camera)
        fields = [f for f in _COMPARED if new[f] != old[f]]
        if row.credentials is not None and not old["credential_ref"]:
            fields.append("credentials")
        if old["retired_at"] is not None:
            since = time.strftime("%Y-%m-%d %H:%M", time.localtime(old["retired_at"]))
            restored.append(SyncEntry(camera.id, camera.name, f"retired {since}" +
                                      (f"; changes {', '.join(fields)}" if fields else "")))
        elif fields:
            changed.append(SyncEntry(camera.id, camera.name, ", ".join(fields)))
        else:
            unchanged += 1
    named = {p.camera_id for p in parsed.problems if p.camera_id}
    gone = sorted(cid for cid, old in stored.items() if cid not in listed and old["retired_at"] is None)
    spared = tuple(cid for cid in gone if cid in named)
    retired = tuple(SyncEntry(cid, stored[cid]["name"], f"{stored[cid]['kecamatan']} / {stored[cid]['kelurahan']}")
                    for cid in gone if cid not in named)
    return SyncPlan(path, sha, parsed.rows_read, tuple(added), tuple(changed), retired, tuple(restored), spared,
                    unchanged, sorted(parsed.problems, key=lambda p: p.line), valid_only)
