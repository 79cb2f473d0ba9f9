"""The audit trail: append-only rows, each holding the SHA-256 of the row before it and of itself.

Editing any row changes its hash (or breaks the next row's link); deleting a row breaks the link of
the row after it, or, for the newest rows, the ``audit_head`` record. SQLite triggers refusing UPDATE
and DELETE are a second line: a person with the file and a SQLite shell can drop them, not unnoticed.
Append on the writer's connection only, so the chain's tail is read and extended in one transaction.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

GENESIS = "0" * 64


class Action:
    """Action names used across the app (plain strings in the table, so old rows stay readable)."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"  # refused without checking the password: too many wrong ones before
    LOCKOUT = "login_lockout"  # this wrong password locked the name (detail: for how long)
    LOGOUT = "logout"
    LOCK = "session_locked"
    UNLOCK = "session_unlocked"
    VIEW_PRIVATE = "view_private_camera"  # a tile started showing a private camera
    VIEW_PRIVATE_END = "view_private_camera_end"  # ... and stopped (detail: how long)
    PTZ_TAKEOVER = "ptz_takeover"
    PTZ_SESSION = "ptz_session"  # the console's first PTZ command on a camera
    PTZ_SESSION_END = "ptz_session_end"  # idle or released; detail: commands and duration
    PTZ_COMMAND = "ptz_command"  # one `videowall ptz` run: the action and every command sent
    PTZ_LOCK_REFUSED = "ptz_lock_refused"  # another console holds the camera (detail: who, until when)
    PRESET_SET = "preset_set"  # a PTZ preset saved (detail: name, on the camera or local, token)
    PRESET_REMOVED = "preset_removed"  # a PTZ preset removed (detail: name, where)
    PTZ_LOCK_TAKEN = "ptz_lock_taken"  # a supervisor took the camera over (detail: from whom)
    PATROL_SAVED = "ptz_patrol_saved"  # a camera's patrol and park plan (detail: presets, dwell, park)
    PATROL_STARTED = "ptz_patrol_started"
    PATROL_STOPPED = "ptz_patrol_stopped"  # by the operator, a manual move (held), a refusal or the camera
    PATROL_RESUMED = "ptz_patrol_resumed"  # after idle
    PTZ_PARKED = "ptz_parked"  # went to its park preset after idle
    SNAPSHOT = "snapshot"
    IMPORT = "register_import"  # who, which file, rows added/updated/rejected
    REGISTER_SYNC = "register_sync"  # who, which file (sha256), cameras added/changed/retired/restored
    REGISTER_EXPORT = "register_export"  # who, which file, how many cameras
    SWEEP = "health_sweep"  # a command-line sweep: cameras probed, verdicts per state
    REPORT = "availability_report"  # who, which file, area and period
    REPORT_FAILED = "availability_report_failed"  # a scheduled report not written: which folder, why
    MAINTENANCE_LIST = "maintenance_list"  # who, which file, how many dark cameras (videowall maintenance)
    BACKUP = "backup"  # who, which file (the copy holds everything but the key)
    RESTORE = "restore"  # in the restored database: from which file, by which OS account
    RELAY_ACCOUNT = "relay_account"  # the relay's client account set (detail: its user name, never the password)
    RELAY_SERVE = "relay_serve"  # `videowall relay serve` started (detail: address, cameras relayed)
    RECORDER_REPLAY = "recorder_replay"  # a camera's recording played from its recorder (detail: recorder, recording)
    CAMERAS_EDITED = "cameras_edited"  # tags or service status of one or many cameras
    MASK_EDIT = "mask_edit"
    MASK_LIFT = "mask_lift"
    MASK_RESTORED = "mask_restored"
    REFERENCE_PROVISIONAL = "reference_provisional"  # before migration 0013: a first picture taken as is
    REFERENCE_CANDIDATE = "reference_candidate"  # a first picture held until a supervisor approves it
    REFERENCE_APPROVED = "reference_approved"  # detail: the picture's sha256
    REFERENCE_TRUSTED = "reference_trusted"  # setting trust_first_pictures: taken without review (migration)
    QUARANTINE = "quarantine"
    QUARANTINE_KEPT = "quarantine_kept"
    EXPORT = "export"
    EXPORT_CANCELLED = "export_cancelled"  # stopped by the person who started it; nothing was written
    BOOKMARK = "bookmark"
    BOOKMARK_DELETED = "bookmark_deleted"
    CLIP_PLAYED = "clip_played"
    HANDOVER = "evidence_handover"
    EXPORT_UNMASKED = "export_unmasked"
    SETTING = "setting_changed"
    USER_ADDED = "user_added"
    USER_CHANGED = "user_changed"
    ROLE_CHANGED = "user_role_changed"
    PRIVATE_MARKED = "camera_private"
    CAMERA_ADDED = "camera_added"  # one camera typed in by hand in the console (detail: area, ONVIF, PTZ)
    CAMERA_CHANGED = "camera_changed"  # ... edited by hand (detail: which fields; never a value of a password)
    CAMERA_REMOVED = "camera_removed"  # ... removed: no bookmark named it
    CAMERA_RETIRED = "camera_retired"  # ... "removed" but bookmarks name it: retired (cameras.retired_at), kept
    ALERT_ACK = "alert_acknowledged"  # target: the alert's server or camera; detail: what it said
    TOUR_SAVED = "tour_saved"  # a tour made or edited (detail: kind, steps)
    TOUR_DELETED = "tour_deleted"
    BRIEFING_SAVED = "briefing_saved"  # made or changed in the editor, or imported (detail: slides, from where)
    BRIEFING_DELETED = "briefing_deleted"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: float
    actor: str
    action: str
    target: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    rows: int
    broken_id: int | None = None
    problem: str = ""


def row_hash(prev_hash: str, entry_id: int, at: float, actor: str, action: str, target: str, detail: str) -> str:
    body = json.dumps([entry_id, repr(float(at)), actor, action, target, detail], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(db: Database, actor: str, action: str, target: str = "", detail: str = "",
           at: float | None = None) -> AuditEntry:
    """Add one entry at the end of the chain (run inside the writer's transaction)."""
    at = time.time() if at is None else at
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    entry_id = (last[0] + 1) if last else 1
    digest = row_hash(prev_hash, entry_id, at, actor, action, target, detail)
    db.execute("INSERT INTO audit_log (id, at, actor, action, target, detail, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [entry_id, at, actor, action, target, detail, prev_hash, digest])
    db.execute("INSERT INTO audit_head (one, last_id, hash) VALUES (1, ?, ?) "
               "ON CONFLICT(one) DO UPDATE SET last_id = excluded.last_id, hash = excluded.hash", [entry_id, digest])
    return AuditEntry(entry_id, at, actor, action, target, detail, prev_hash, digest)


def last_id(db: Database) -> int:
    """The newest entry's id (0 for an empty trail): a cheap "was anything audited since?" check."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])


def entries(db: Database, *, actor: str = "", action: str = "", text: str = "", since: float | None = None,
            until: float | None = None, limit: int = 5000) -> list[AuditEntry]:
    """Filtered rows, newest first (for the viewer)."""
    where: list[str] = ["1"]
    args: list[object] = []
    if actor:
        where.append("actor = ?")
        args.append(actor)
    if action:
        where.append("action = ?")
        args.append(action)
    if text:
        where.append("(target LIKE ? OR detail LIKE ?)")
        args += [f"%{text}%", f"%{text}%"]
    if since is not None:
        where.append("at >= ?")
        args.append(since)
    if until is not None:
        where.append("at < ?")
        args.append(until)
    sql = (f"SELECT id, at, actor, action, target, detail, prev_hash, hash FROM audit_log WHERE {' AND '.join(where)} "
           "ORDER BY id DESC LIMIT ?")
    return [AuditEntry(*r) for r in db.execute(sql, [*args, limit]).fetchall()]


def verify(db: Database) -> VerifyResult:
    """Walk the whole chain; the first row that does not add up is named.

    The rows and the head record are read in one read transaction: on a database other processes
    are writing to, a head that moved between the two reads would look like deleted rows.
    """
    if db.conn.in_transaction:
        return _verify(db)
    db.conn.execute("BEGIN")
    try:
        return _verify(db)
    finally:
        db.conn.execute("ROLLBACK")


def _verify(db: Database) -> VerifyResult:
    prev, expected_id, count = GENESIS, 1, 0
    last_id, last_hash = 0, GENESIS
    for row in db.execute("SELECT id, at, actor, action, target, detail, prev_hash, hash FROM audit_log ORDER BY id"):
        e = AuditEntry(*row)
        count += 1
        if e.id != expected_id:
            return VerifyResult(False, count, e.id, f"rows {expected_id}..{e.id - 1} are missing (deleted)")
        if e.prev_hash != prev:
            return VerifyResult(False, count, e.id,
                                "does not link to the row before it (that row was edited or deleted)")
        if row_hash(e.prev_hash, e.id, e.at, e.actor, e.action, e.target, e.detail) != e.hash:
            return VerifyResult(False, count, e.id, "content does not match its hash (edited)")
        prev, expected_id, last_id, last_hash = e.hash, e.id + 1, e.id, e.hash
    head = db.execute("SELECT last_id, hash FROM audit_head WHERE one = 1").fetchone()
    if head is not None and (head[0], head[1]) != (last_id, last_hash):
        return VerifyResult(False, count, last_id + 1 if head[0] > last_id else head[0],
                            f"the newest rows after {last_id} are missing (deleted), head says {head[0]}")
    if head is None and count:
        return VerifyResult(False, count, 1, "the chain head record is missing")
    return VerifyResult(True, count)


def write_csv(path: Path, rows: Iterable[AuditEntry]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "at_utc", "actor", "action", "target", "detail", "prev_hash", "hash"])
        for e in rows:
            out.writerow([e.id, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(e.at)), e.actor, e.action, e.target,
                          e.detail, e.prev_hash, e.hash])
            n += 1
    return n
