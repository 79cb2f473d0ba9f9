"""Bookmarks, cases and the chain of custody in SQLite.

Writes run on the writer thread (``DatabaseWriter.submit``); the review window reads through its
own connection. Refusals (deleting exported evidence, editing a closed case) raise
``EvidenceLockedError`` with a sentence an officer can act on; the database triggers are a backstop.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from videowall.domain.evidence import (
    Bookmark,
    BookmarkEdit,
    BookmarkFilter,
    Case,
    CaseStatus,
    ClipPart,
    ClipState,
    CustodyEvent,
)
from videowall.storage.errors import StorageError


class EvidenceLockedError(Exception):
    """The change would alter evidence that has been exported or a case that is closed."""


class EvidenceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- bookmarks ------------------------------------------------------------------------------------
    def add_bookmark(self, b: Bookmark) -> int:
        cur = self._db.execute(
            """INSERT INTO bookmarks (camera_id, camera_name, area, at, operator, category, note, tags, priority,
                   snapshot_path, clip_state, clip_path, pre_s, post_s, clip_note)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [b.camera_id, b.camera_name, b.area, b.at, b.operator, b.category, b.note, json.dumps(list(b.tags)),
             b.priority, b.snapshot_path, b.clip_state.value, b.clip_path, b.pre_s, b.post_s, b.clip_note],
        )
        return int(cur.lastrowid or 0)

    def edit_bookmark(self, bookmark_id: int, edit: BookmarkEdit) -> None:
        self._check_editable(bookmark_id)
        self._db.execute(
            "UPDATE bookmarks SET category = ?, note = ?, tags = ?, priority = ? WHERE id = ?",
            [edit.category, edit.note, json.dumps(list(edit.tags)), edit.priority, bookmark_id],
        )

    def set_snapshot(self, bookmark_id: int, path: str) -> None:
        self._db.execute("UPDATE bookmarks SET snapshot_path = ? WHERE id = ?", [path, bookmark_id])

    def set_clip(self, bookmark_id: int, state: ClipState, path: str, start: float | None, end: float | None,
                 note: str, sha256: str = "", extra: tuple[ClipPart, ...] = ()) -> None:
        parts = json.dumps([{"path": p.path, "start": p.start, "end": p.end, "sha256": p.sha256} for p in extra])
        self._db.execute(
            "UPDATE bookmarks SET clip_state = ?, clip_path = ?, clip_start = ?, clip_end = ?, clip_note = ?, "
            "clip_sha256 = ?, extra_clips = ? WHERE id = ?",
            [state.value, path, start, end, note, sha256, parts, bookmark_id],
        )

    def get(self, bookmark_id: int) -> Bookmark | None:
        row = self._db.execute(f"SELECT {_B_COLS} FROM bookmarks WHERE id = ?", [bookmark_id]).fetchone()
        return _bookmark(row) if row else None

    def bookmarks(self, flt: BookmarkFilter | None = None, limit: int = 5000) -> list[Bookmark]:
        """Newest first; the time range and case narrow in SQL, the rest in :meth:`BookmarkFilter.matches`."""
        flt = flt or BookmarkFilter()
        where, args = ["1 = 1"], []  # type: list[str], list[Any]
        if flt.since is not None:
            where.append("at >= ?")
            args.append(flt.since)
        if flt.until is not None:
            where.append("at <= ?")
            args.append(flt.until)
        if flt.case_id is not None:
            where.append("case_id = ?")
            args.append(flt.case_id)
        rows = self._db.execute(
            f"SELECT {_B_COLS} FROM bookmarks WHERE {' AND '.join(where)} ORDER BY at DESC LIMIT ?", [*args, limit]
        ).fetchall()
        return [b for b in map(_bookmark, rows) if flt.matches(b)]

    def delete_bookmark(self, bookmark_id: int) -> Bookmark:
        """Delete and return the row (the caller removes its files); refused for exported evidence."""
        b = self.get(bookmark_id)
        if b is None:
            raise KeyError(bookmark_id)
        case = self.case(b.case_id) if b.case_id is not None else None
        if b.exported_at is not None or (case is not None and case.exported_at is not None):
            what = f"case {case.number}" if case is not None else "an export"
            raise EvidenceLockedError(
                f"bookmark {bookmark_id} ({b.camera_id}) cannot be deleted: it is part of {what} that has been "
                "exported as evidence; the exported copies must stay verifiable against it")
        try:
            self._db.execute("DELETE FROM bookmarks WHERE id = ?", [bookmark_id])
        except sqlite3.IntegrityError as exc:
            raise EvidenceLockedError(str(exc)) from None
        return b

    def _check_editable(self, bookmark_id: int) -> None:
        b = self.get(bookmark_id)
        if b is not None and b.case_id is not None:
            case = self.case(b.case_id)
            if case is not None and case.status is CaseStatus.CLOSED:
                raise EvidenceLockedError(f"case {case.number} is closed; its bookmarks cannot change")

    # --- cases ------------------------------------------------------------------------------------------
    def create_case(self, number: str, title: str, actor: str, notes: str = "") -> int:
        number = number.strip()
        if not number:
            raise ValueError("a case needs a number")
        if self._db.execute("SELECT 1 FROM cases WHERE number = ?", [number]).fetchone():
            raise ValueError(f"case number {number} already exists")
        cur = self._db.execute(
            "INSERT INTO cases (number, title, notes, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
            [number, title, notes, time.time(), actor],
        )
        return int(cur.lastrowid or 0)

    def add_to_case(self, case_id: int, bookmark_ids: list[int]) -> None:
        case = self.case(case_id)
        if case is None:
            raise KeyError(case_id)
        if case.status is CaseStatus.CLOSED:
            raise EvidenceLockedError(f"case {case.number} is closed")
        for bid in bookmark_ids:
            b = self.get(bid)
            if b is not None and b.case_id is not None and b.case_id != case_id:
                other = self.case(b.case_id)
                if other is not None and other.exported_at is not None:
                    raise EvidenceLockedError(f"bookmark {bid} belongs to exported case {other.number}")
            self._db.execute("UPDATE bookmarks SET case_id = ? WHERE id = ?", [case_id, bid])

    def set_case_notes(self, case_id: int, notes: str) -> None:
        case = self.case(case_id)
        if case is not None and case.status is CaseStatus.CLOSED:
            raise EvidenceLockedError(f"case {case.number} is closed")
        self._db.execute("UPDATE cases SET notes = ? WHERE id = ?", [notes, case_id])

    def close_case(self, case_id: int, actor: str) -> None:
        self._db.execute("UPDATE cases SET status = 'closed', closed_at = ?, closed_by = ? WHERE id = ?",
                         [time.time(), actor, case_id])

    def mark_exported(self, case_id: int | None, bookmark_ids: list[int], at: float) -> None:
        if case_id is not None:
            self._db.execute("UPDATE cases SET exported_at = COALESCE(exported_at, ?) WHERE id = ?", [at, case_id])
        for bid in bookmark_ids:
            self._db.execute("UPDATE bookmarks SET exported_at = COALESCE(exported_at, ?) WHERE id = ?", [at, bid])

    def case(self, case_id: int) -> Case | None:
        row = self._db.execute(f"SELECT {_C_COLS} FROM cases WHERE id = ?", [case_id]).fetchone()
        return _case(row) if row else None

    def cases(self) -> list[Case]:
        return [_case(r) for r in self._db.execute(f"SELECT {_C_COLS} FROM cases ORDER BY created_at DESC")]

    # --- custody ----------------------------------------------------------------------------------------
    def record_custody(self, e: CustodyEvent) -> int:
        cur = self._db.execute(
            "INSERT INTO custody_events (at, actor, action, case_id, bookmark_ids, target, detail, manifest_sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [e.at, e.actor, e.action, e.case_id, json.dumps(list(e.bookmark_ids)), e.target, e.detail,
             e.manifest_sha256],
        )
        return int(cur.lastrowid or 0)

    def custody(self, case_id: int | None = None) -> list[CustodyEvent]:
        sql = ("SELECT id, at, actor, action, case_id, bookmark_ids, target, detail, manifest_sha256 "
               "FROM custody_events")
        events = [CustodyEvent(id=r[0], at=r[1], actor=r[2], action=r[3], case_id=r[4],
                               bookmark_ids=tuple(json.loads(r[5])), target=r[6], detail=r[7], manifest_sha256=r[8])
                  for r in self._db.execute(sql + " ORDER BY at, id")]
        if case_id is None:
            return events
        # a case's chain starts before the case: the capture, clip cut and viewings of its bookmarks
        members = {r[0] for r in self._db.execute("SELECT id FROM bookmarks WHERE case_id = ?", [case_id])}
        return [e for e in events if e.case_id == case_id or (e.case_id is None and members & set(e.bookmark_ids))]

    def custody_by_manifest(self, sha256: str) -> list[CustodyEvent]:
        return [e for e in self.custody() if e.manifest_sha256 == sha256]


def read_only(path: Path) -> EvidenceRepository:
    """For ``verify``: read custody from any schema version, never migrating or writing the file."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.execute("SELECT 1 FROM custody_events LIMIT 1")
    except sqlite3.Error as exc:
        raise StorageError(path, f"has no readable chain of custody ({exc})") from None
    return EvidenceRepository(Database(conn))


_B_COLS = ("id, camera_id, camera_name, area, at, operator, category, note, tags, priority, snapshot_path, "
           "clip_state, clip_path, clip_start, clip_end, pre_s, post_s, clip_note, clip_sha256, case_id, exported_at, "
           "extra_clips")
_C_COLS = "id, number, title, notes, status, created_at, created_by, closed_at, closed_by, exported_at"


def _bookmark(r: Any) -> Bookmark:
    return Bookmark(id=r[0], camera_id=r[1], camera_name=r[2], area=r[3], at=r[4], operator=r[5], category=r[6],
                    note=r[7], tags=tuple(json.loads(r[8] or "[]")), priority=r[9], snapshot_path=r[10],
                    clip_state=ClipState(r[11]), clip_path=r[12], clip_start=r[13], clip_end=r[14], pre_s=r[15],
                    post_s=r[16], clip_note=r[17], clip_sha256=r[18], case_id=r[19], exported_at=r[20],
                    extra_clips=tuple(ClipPart(p["path"], p["start"], p["end"], p.get("sha256", ""))
                                      for p in json.loads(r[21] or "[]")))


def _case(r: Any) -> Case:
    return Case(id=r[0], number=r[1], title=r[2], notes=r[3], status=CaseStatus(r[4]), created_at=r[5],
                created_by=r[6], closed_at=r[7], closed_by=r[8], exported_at=r[9])
