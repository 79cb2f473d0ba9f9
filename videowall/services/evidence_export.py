"""The database side of an evidence export: what goes into it, and what is recorded when it ends.

Run on the writer thread by ``EvidenceService.export``. A finished export is a custody event, the
bookmarks marked exported and an audit row (EXPORT, or EXPORT_UNMASKED with the reason), in one
transaction; a cancelled one is only an audit row (EXPORT_CANCELLED: who, how far it had got).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.camera import Camera
from videowall.domain.evidence import Bookmark, BookmarkFilter, Case, CustodyEvent
from videowall.domain.export_progress import ExportProgress
from videowall.evidence.package import ExportError
from videowall.security import audit
from videowall.storage.cameras import CameraRepository
from videowall.storage.evidence import EvidenceRepository


@dataclass(frozen=True, slots=True)
class ExportSource:
    case: Case | None
    rows: list[Bookmark]
    custody: list[CustodyEvent]  # the case's earlier events
    cameras: tuple[Camera, ...]  # the register's rows of the bookmarks' cameras


def gather(db: Database, case_id: int | None, bookmark_ids: Sequence[int]) -> ExportSource:
    """The case (or the selected bookmarks), its custody so far and its cameras."""
    repo = EvidenceRepository(db)
    case = repo.case(case_id) if case_id is not None else None
    if case_id is not None and case is None:
        raise ExportError(f"no case {case_id}")
    rows = (repo.bookmarks(BookmarkFilter(case_id=case_id)) if case_id is not None
            else [b for b in map(repo.get, bookmark_ids) if b is not None])
    register = CameraRepository(db)  # where the cameras hang (area, coordinates) for the report
    cameras = tuple(c for c in map(register.get, dict.fromkeys(b.camera_id for b in rows)) if c is not None)
    return ExportSource(case, rows, repo.custody(case_id) if case_id is not None else [], cameras)


def record_export(db: Database, event: CustodyEvent, src: ExportSource, path: Path, reason: str,
                  original: bool) -> None:
    repo = EvidenceRepository(db)
    repo.record_custody(event)
    repo.mark_exported(src.case.id if src.case is not None else None, [b.id for b in src.rows], event.at)
    detail = f"{len(src.rows)} bookmarks, manifest sha256 {event.manifest_sha256}"
    if original:
        audit.append(db, event.actor, audit.Action.EXPORT_UNMASKED, str(path),
                     f"{detail}, unmasked originals, reason: {reason}", at=event.at)
    else:
        audit.append(db, event.actor, audit.Action.EXPORT, str(path), detail, at=event.at)


def cancelled_detail(actor: str, src: ExportSource, last: ExportProgress | None) -> str:
    where = f" while {last.describe()} (step {last.done + 1} of {last.total})" if last is not None else ""
    what = f"case {src.case.number}" if src.case is not None else "selection"
    return f"{what}, {len(src.rows)} bookmarks, cancelled by {actor}{where}; nothing was written"


def record_cancelled(db: Database, actor: str, dest: Path, detail: str) -> None:
    audit.append(db, actor, audit.Action.EXPORT_CANCELLED, str(dest), detail)


def on_loop(loop: asyncio.AbstractEventLoop,
            on_progress: Callable[[ExportProgress], None] | None) -> Callable[[ExportProgress], None] | None:
    """``on_progress`` called on ``loop`` from whichever thread reports (never waits for the loop)."""
    if on_progress is None:
        return None

    def report(progress: ExportProgress) -> None:
        loop.call_soon_threadsafe(on_progress, progress)
    return report
