"""Incident evidence use cases: bookmark in one action, cut the clip later, manage cases, export.

Runs on the app's asyncio loop and never blocks it: SQLite work (reads too: they are small, and one
connection avoids opening one per query) goes to the one writer thread; PNG encoding, ffmpeg and
hashing go to the default executor. A bookmark's row exists from the key press
(the time is the press time); the clip follows ``post_s`` seconds later, cut by stream copy from the
ingest's segment ring, and the row then says what the clip really covers and what is missing.

Every use case acts as the signed-in user (``user``, asked at each call, so a change of user at the
lock screen is followed) and first asks the access policy: bookmark (BOOKMARK), review, cases and
deletion (REVIEW), export (EXPORT_MASKED; the unmasked originals EXPORT_UNMASKED and a reason). A
refusal is an ``AccessDenied`` whatever the menu showed. Each step that touches evidence is a custody
event and an audit row, written in the same transaction.

An export reports its progress (``on_progress``, called on the loop: the worker's reports are
marshalled with ``call_soon_threadsafe``) and stops when its ``CancelToken`` is cancelled from any
thread; a cancelled export leaves nothing in the destination, records no custody event and marks
nothing exported, and its audit row says who cancelled it and how far it had got.

Privacy masks (``masks``: a camera id's full mask set, given by the composition root) are burned into
exports (masked copies, re-encoded) and into bookmark thumbnails; the clips and snapshots in the store
stay the originals, as cut.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.camera import Camera
from videowall.domain.evidence import (
    Bookmark,
    BookmarkEdit,
    BookmarkFilter,
    Case,
    ClipPart,
    ClipPlan,
    ClipState,
    ClipWindow,
    CustodyEvent,
    best_plan,
    coverage_state,
    describe_coverage,
    local_time,
    main_on_its_way,
    other_pieces,
    safe_name,
)
from videowall.domain.evidence_files import thumb_of, utc_day, utc_iso, utc_stamp
from videowall.domain.evidence_settings import SETTINGS_KEY, EvidenceSettings
from videowall.domain.export_progress import ExportProgress
from videowall.domain.privacy import MaskLookup
from videowall.evidence.manifest import sha256_file
from videowall.evidence.package import (
    ExportCancelled,
    ExportControl,
    ExportError,
    ExportRequest,
    ExportResult,
    encode_png,
    write_export,
)
from videowall.evidence.progress import CancelToken
from videowall.media.ring import ClipError, assemble_clip, camera_segments, clean_ring
from videowall.private_files import private_file
from videowall.security import audit
from videowall.security.signing import SigningKey
from videowall.services import evidence_export
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
T = TypeVar("T")
SYSTEM_ACTOR = "videowall"  # custody events the app makes on its own (clips cut from the ring)


@dataclass
class PendingBookmark:
    """What a key press gets back at once: the row id and the clip arrive later."""

    at: float
    camera: Camera
    row: asyncio.Future[int]
    clip: asyncio.Task[Bookmark] | None = None


class EvidenceService:
    SEGMENT_S = 1.0
    STALL_S = 4.0  # no segment written for this long: the stream is gone, the clip cannot grow

    def __init__(self, writer: DatabaseWriter, loop: asyncio.AbstractEventLoop, data_dir: Path,
                 buffer_root: Path | None, *, user: Callable[[], User], masks: MaskLookup, ffmpeg: str = "ffmpeg",
                 signing_key: SigningKey | None = None) -> None:
        self._writer = writer
        self._masks = masks  # a camera's privacy masks for recorded pictures (exports, thumbnails)
        self._signing_key = signing_key  # exports are signed with it (None: unsigned, `verify` says so)
        self._user = user
        self._loop = loop
        self.evidence_dir = data_dir / "evidence"
        self.buffer_root = buffer_root
        self._ffmpeg = ffmpeg
        self.settings = EvidenceSettings()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._cleaner: asyncio.Task[None] | None = None
        self._stops: list[Callable[[], None]] = []
        self.on_changed: Callable[[int], None] | None = None  # a bookmark row changed (UI refresh)

    # --- plumbing ----------------------------------------------------------------------------------
    def _db(self, fn: Callable[[Database], T], transaction: bool = True) -> asyncio.Future[T]:
        future: Future[T] = self._writer.submit(fn, transaction=transaction)
        return asyncio.wrap_future(future, loop=self._loop)

    def _off(self, fn: Callable[[], T]) -> asyncio.Future[T]:
        return self._loop.run_in_executor(None, fn)

    def _spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = self._loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def require(self, *permissions: Permission) -> User:
        """The signed-in user, if any of ``permissions`` is theirs; else ``AccessDenied``."""
        return require(self._user(), *permissions)

    def _changed(self, bookmark_id: int) -> None:
        if self.on_changed is not None:
            self.on_changed(bookmark_id)

    # --- settings ------------------------------------------------------------------------------------
    async def load_settings(self) -> EvidenceSettings:
        """Read (again): at start and at each buffer cleaning, so a change in Settings applies within seconds."""
        stored = await self._db(lambda db: SettingsRepository(db).all())
        self.settings = EvidenceSettings.from_settings(stored)
        return self.settings

    async def save_settings(self, settings: EvidenceSettings) -> None:
        def write(db: Database) -> None:
            repo = SettingsRepository(db)
            repo.set(SETTINGS_KEY, settings.to_stored())
            for key, value in settings.own_values().items():
                repo.set(key, value)

        await self._db(write)
        self.settings = settings

    # --- bookmarks -------------------------------------------------------------------------------------
    def bookmark(self, camera: Camera, snapshot: tuple[bytes, int, int] | None,
                 at: float | None = None) -> PendingBookmark:
        """One key press: the row is written now (time = ``at``), snapshot and clip follow on their own."""
        operator = self.require(Permission.BOOKMARK).name
        at = time.time() if at is None else at
        s = self.settings
        row = Bookmark(0, camera.id, camera.name, camera.area.label(), at, operator,
                       category=s.categories[-1] if s.categories else "lainnya", pre_s=s.pre_s, post_s=s.post_s)

        def add(db: Database) -> int:
            repo = EvidenceRepository(db)
            bid = repo.add_bookmark(row)
            repo.record_custody(CustodyEvent(at, operator, "bookmark", None, (bid,), camera.id,
                                             f"bookmark on {camera.id} ({camera.name})"))
            audit.append(db, operator, audit.Action.BOOKMARK, camera.id, f"bookmark {bid}", at=at)
            return bid

        created = self._db(add)
        pending = PendingBookmark(at, camera, created)
        if snapshot is not None:
            self._spawn(self._save_snapshot(created, camera.id, at, snapshot))
        pending.clip = self._spawn(self._capture(created, camera.id, ClipWindow(at, s.pre_s, s.post_s)))
        log.info("bookmark %s at %.3f by %s", camera.id, at, operator)
        return pending

    async def edit(self, bookmark_id: int, edit: BookmarkEdit) -> None:
        """Category, note, tags, priority changed: a custody event with what they are now."""
        actor = self.require(Permission.BOOKMARK, Permission.REVIEW).name

        def work(db: Database) -> None:
            repo = EvidenceRepository(db)
            repo.edit_bookmark(bookmark_id, edit)
            row = repo.get(bookmark_id)
            repo.record_custody(CustodyEvent(
                time.time(), actor, "bookmark_edit", row.case_id if row else None, (bookmark_id,),
                row.camera_id if row else "", f"category {edit.category}, priority {edit.priority}, "
                f"tags {', '.join(edit.tags) or '-'}, note {len(edit.note)} characters"))
        await self._db(work)
        self._changed(bookmark_id)

    async def delete(self, bookmark_id: int) -> None:
        """Refused (``EvidenceLockedError``) for exported evidence; else the row and its files go (audited)."""
        actor = self.require(Permission.REVIEW).name

        def work(db: Database) -> Bookmark:
            gone = EvidenceRepository(db).delete_bookmark(bookmark_id)
            audit.append(db, actor, audit.Action.BOOKMARK_DELETED, gone.camera_id,
                         f"bookmark {bookmark_id} of {utc_iso(gone.at)} by {gone.operator}")
            return gone

        gone = await self._db(work)
        for rel in (gone.clip_path, *(p.path for p in gone.extra_clips), gone.snapshot_path,
                    thumb_of(gone.snapshot_path)):
            if rel:
                (self.evidence_dir / rel).unlink(missing_ok=True)
        self._changed(bookmark_id)

    async def get(self, bookmark_id: int) -> Bookmark | None:
        self.require(Permission.REVIEW)
        return await self._db(lambda db: EvidenceRepository(db).get(bookmark_id))

    async def query(self, flt: BookmarkFilter | None = None) -> list[Bookmark]:
        self.require(Permission.REVIEW)
        return await self._db(lambda db: EvidenceRepository(db).bookmarks(flt), transaction=False)

    async def viewed(self, b: Bookmark) -> None:
        """A person played a bookmark's clip in review: a custody event and an audit row."""
        actor = self.require(Permission.REVIEW).name
        now = time.time()

        def work(db: Database) -> None:
            EvidenceRepository(db).record_custody(CustodyEvent(now, actor, "view", b.case_id, (b.id,), b.camera_id,
                                                               f"clip of bookmark {b.id} played"))
            audit.append(db, actor, audit.Action.CLIP_PLAYED, b.camera_id, f"bookmark {b.id}", at=now)

        await self._db(work)

    async def _save_snapshot(self, created: asyncio.Future[int], camera_id: str, at: float,
                             shot: tuple[bytes, int, int]) -> None:
        rel = f"snapshots/{utc_day(at)}/{safe_name(camera_id)}-{utc_stamp(at)}.png"
        data, w, h = shot
        path = self.evidence_dir / rel
        masks = self._masks(camera_id)  # the tile burned them in, unless a supervisor had lifted them
        thumb = self.evidence_dir / thumb_of(rel)

        def save() -> None:
            encode_png(data, w, h, path, thumb, masks)
            private_file(path, self.evidence_dir)  # taken as seen: this account only
            private_file(thumb, self.evidence_dir)

        await self._off(save)
        bid = await created
        await self._db(lambda db: EvidenceRepository(db).set_snapshot(bid, rel))
        self._changed(bid)

    def thumbnail(self, b: Bookmark) -> Path | None:
        path = self.evidence_dir / thumb_of(b.snapshot_path) if b.snapshot_path else None
        return path if path is not None and path.exists() else None

    # --- clips -------------------------------------------------------------------------------------------
    async def _capture(self, created: asyncio.Future[int], camera_id: str, window: ClipWindow) -> Bookmark:
        bid = await created
        extra: tuple[ClipPart, ...] = ()
        try:
            plan, others, lost_at = await self._wait_for_window(camera_id, window)
            state = coverage_state(plan, window)
            note = describe_coverage(plan, window, self.settings.timezone, lost_at)
            rel, digest = "", ""
            if plan.segments:
                stem = f"clips/{utc_day(window.event_at)}/{bid:05d}-{safe_name(camera_id)}-{utc_stamp(window.event_at)}"
                rel, digest = await self._cut(plan, f"{stem}.mp4")
                parts = []
                for n, piece in enumerate(others, start=2):
                    part_rel, part_sha = await self._cut(piece, f"{stem}-part{n}.mp4")
                    parts.append(ClipPart(part_rel, piece.start or 0.0, piece.end or 0.0, part_sha))
                extra = tuple(parts)
                if extra:
                    note += "; also " + ", ".join(
                        f"{p.path.rsplit('/', 1)[-1]}: {local_time(p.start, self.settings.timezone)[11:19]} - "
                        f"{local_time(p.end, self.settings.timezone)[11:]}" for p in extra)
        except (ClipError, OSError) as exc:
            log.warning("clip for bookmark %d failed: %s", bid, exc)
            state, note, rel, digest, plan = ClipState.FAILED, f"clip could not be saved: {exc}", "", "", ClipPlan()
        asked = f"{utc_iso(window.event_at - window.pre_s)} - {utc_iso(window.event_at + window.post_s)}"
        got = (f"{utc_iso(plan.start)} - {utc_iso(plan.end)}" if plan.start is not None and plan.end is not None
               else "none")

        def record(db: Database) -> Bookmark | None:
            repo = EvidenceRepository(db)
            repo.set_clip(bid, state, rel, plan.start, plan.end, note, digest, extra)
            repo.record_custody(CustodyEvent(time.time(), SYSTEM_ACTOR, "clip_cut", None, (bid,), camera_id,
                                             f"asked {asked}, received {got}, {state.value}"
                                             + (f", sha256 {digest}" if digest else "") + f": {note}"))
            return repo.get(bid)

        saved = await self._db(record)
        self._changed(bid)
        assert saved is not None
        return saved

    async def _cut(self, plan: ClipPlan, rel: str) -> tuple[str, str]:
        """Join ``plan``'s segments into the evidence file ``rel`` (stream copy); its path and SHA-256."""
        out = self.evidence_dir / rel
        segs = list(plan.segments)
        await self._off(lambda: private_file(assemble_clip(segs, out, self._ffmpeg), self.evidence_dir))
        return rel, (await self._off(lambda: sha256_file(out)))[0]  # the unmasked original: this account only

    async def _wait_for_window(self, camera_id: str,
                               window: ClipWindow) -> tuple[ClipPlan, tuple[ClipPlan, ...], float | None]:
        """Wait until the ring holds the window's end (or the stream is clearly gone), then plan the clip."""
        if self.buffer_root is None:
            return ClipPlan(), (), None
        await asyncio.sleep(min(1.0, max(0.0, window.end - time.time())))
        deadline = window.end + 3 * self.SEGMENT_S + 4.0
        root = self.buffer_root
        while True:
            streams = await self._off(lambda: camera_segments(root, camera_id))
            plan, newest, kind = best_plan(streams, window)
            others = other_pieces(streams.get(kind, []), window, plan)
            now = time.time()
            if plan.end is not None and plan.end >= window.end and plan.segments[-1].complete and (
                    kind == "main" or now >= deadline or not main_on_its_way(streams, window, now, self.STALL_S)):
                return plan, others, None
            stalled = newest is not None and now - newest > self.STALL_S  # the run's ffmpeg has ended
            # A stream lost inside the window may come back inside it (reconnect): wait for the window's
            # end before settling for what was there when it dropped.
            if now >= deadline or (stalled and now >= window.end) or (not plan.segments and now >= window.end + 2.0):
                lost = newest if newest is not None and newest < now - 2.0 else None
                return plan, others, lost
            await asyncio.sleep(0.5)

    async def wait_idle(self) -> None:
        """Let pending snapshot and clip work finish (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- buffer housekeeping ------------------------------------------------------------------------------
    def stop_with_me(self, stop: Callable[[], None]) -> None:
        """Run ``stop`` when the service closes (recorders feeding its rings)."""
        self._stops.append(stop)

    def start_cleaner(self, interval_s: float = 10.0) -> None:
        if self.buffer_root is not None and self._cleaner is None:
            self._cleaner = self._loop.create_task(self._clean_forever(self.buffer_root, interval_s))

    async def _clean_forever(self, root: Path, interval_s: float) -> None:
        while True:
            try:
                await self.load_settings()
            except Exception as exc:  # a busy or damaged database: keep the settings read before
                log.warning("evidence settings not read again: %s", exc)
            keep, quota = self.settings.buffer_keep_s, self.settings.buffer_quota_mb * 1024 * 1024
            try:
                await self._off(partial(clean_ring, root, keep, quota))
            except OSError as exc:
                log.warning("buffer cleaning failed: %s", exc)
            await asyncio.sleep(interval_s)

    def close(self) -> None:
        for stop in self._stops:
            stop()  # what records for the evidence (the main-stream recorders), before the media runtime stops
        if self._cleaner is not None:
            self._cleaner.cancel()
            self._cleaner = None
        for task in list(self._tasks):
            task.cancel()

    # --- cases -------------------------------------------------------------------------------------------------
    async def create_case(self, number: str, title: str, bookmark_ids: Sequence[int] = ()) -> int:
        actor = self.require(Permission.REVIEW).name

        def work(db: Database) -> int:
            repo = EvidenceRepository(db)
            case_id = repo.create_case(number, title, actor)
            repo.add_to_case(case_id, list(bookmark_ids))
            repo.record_custody(CustodyEvent(time.time(), actor, "create_case", case_id, tuple(bookmark_ids), number,
                                             f"case {number} created with {len(bookmark_ids)} bookmarks"))
            return case_id
        return await self._db(work)

    async def add_to_case(self, case_id: int, bookmark_ids: list[int]) -> None:
        actor = self.require(Permission.REVIEW).name

        def work(db: Database) -> None:
            repo = EvidenceRepository(db)
            repo.add_to_case(case_id, bookmark_ids)
            repo.record_custody(CustodyEvent(time.time(), actor, "add_to_case", case_id, tuple(bookmark_ids), "",
                                             f"{len(bookmark_ids)} bookmarks added"))
        await self._db(work)

    async def set_case_notes(self, case_id: int, notes: str) -> None:
        actor = self.require(Permission.REVIEW).name

        def work(db: Database) -> None:
            repo = EvidenceRepository(db)
            repo.set_case_notes(case_id, notes)
            repo.record_custody(CustodyEvent(time.time(), actor, "case_notes", case_id, (), "",
                                             f"case notes now {len(notes)} characters"))
        await self._db(work)

    async def close_case(self, case_id: int) -> None:
        actor = self.require(Permission.REVIEW).name

        def work(db: Database) -> None:
            repo = EvidenceRepository(db)
            repo.close_case(case_id, actor)
            repo.record_custody(CustodyEvent(time.time(), actor, "close_case", case_id))
        await self._db(work)

    async def handover(self, case_id: int, receiver: str, note: str = "") -> CustodyEvent:
        """The export of a case given to a receiving officer: the last custody step, naming both people.

        It names the newest export of the case by its manifest hash; refused when the case was never
        exported or the receiver is not named.
        """
        actor = self.require(Permission.EXPORT_MASKED).name
        receiver = " ".join(receiver.split())
        if not receiver:
            raise ExportError("name the receiving officer (name, rank, unit)")

        def work(db: Database) -> CustodyEvent:
            repo = EvidenceRepository(db)
            exports = [e for e in repo.custody(case_id) if e.action == "export" and e.case_id == case_id]
            if not exports:
                raise ExportError("this case has not been exported yet: export it, then hand it over")
            last = exports[-1]
            event = CustodyEvent(time.time(), actor, "handover", case_id, last.bookmark_ids, receiver,
                                 f"export {last.target} handed over to {receiver}" + (f": {note}" if note else ""),
                                 last.manifest_sha256)
            repo.record_custody(event)
            audit.append(db, actor, audit.Action.HANDOVER, receiver,
                         f"case {case_id}, manifest sha256 {last.manifest_sha256}", at=event.at)
            return event

        return await self._db(work)

    async def cases(self) -> list[Case]:
        self.require(Permission.REVIEW)
        return await self._db(lambda db: EvidenceRepository(db).cases(), transaction=False)

    async def custody(self, case_id: int | None = None) -> list[CustodyEvent]:
        self.require(Permission.REVIEW)
        return await self._db(lambda db: EvidenceRepository(db).custody(case_id), transaction=False)

    # --- export ----------------------------------------------------------------------------------------------
    def may_export_original(self) -> bool:
        """Whether the signed-in user's role may export unmasked originals (for menus; ``export`` checks)."""
        return self._user().can(Permission.EXPORT_UNMASKED)

    def authorize_original(self, reason: str) -> User:
        """The signed-in user, if they may export unmasked originals and ``reason`` says why."""
        user = require(self._user(), Permission.EXPORT_UNMASKED)
        if not " ".join(reason.split()):
            raise ExportError("an unmasked export needs a reason (who asked for it, e.g. a court order number)")
        return user

    async def export(self, dest: Path, *, case_id: int | None = None, bookmark_ids: Sequence[int] = (),
                     as_zip: bool = False, watermark: bool = False, original: bool = False,
                     reason: str = "", on_progress: Callable[[ExportProgress], None] | None = None,
                     cancel: CancelToken | None = None) -> ExportResult:
        """Export a case (or a selection) and record who exported what, when, where, with which hash.

        Cameras with privacy masks go out as masked copies; ``original`` exports the unmasked originals
        instead, for a role with EXPORT_UNMASKED and with a ``reason`` (audited as EXPORT_UNMASKED).
        ``on_progress`` is called on this service's loop; ``cancel`` stops the export
        (``ExportCancelled``, audited as EXPORT_CANCELLED, nothing else recorded).
        """
        actor = self.require(Permission.EXPORT_MASKED).name
        reason = " ".join(reason.split())
        if original:
            self.authorize_original(reason)
        src = await self._db(partial(evidence_export.gather, case_id=case_id, bookmark_ids=bookmark_ids))
        if not src.rows:
            raise ExportError("nothing to export: no bookmarks selected")
        pending = [b.id for b in src.rows if b.clip_state is ClipState.PENDING]
        if pending:
            raise ExportError(f"clips still being recorded for bookmarks {pending}; try again in a minute")
        masks = {cid: self._masks(cid) for cid in {b.camera_id for b in src.rows}}
        req = ExportRequest(dest, self.evidence_dir, tuple(src.rows), src.case, actor, tuple(src.custody),
                            self.settings.timezone, as_zip, watermark, self._ffmpeg, self._signing_key,
                            cameras=src.cameras, masks=masks, original=original, reason=reason)
        control = ExportControl(cancel, evidence_export.on_loop(self._loop, on_progress))
        try:
            result = await self._off(lambda: write_export(req, control=control))
        except ExportCancelled:
            detail = evidence_export.cancelled_detail(actor, src, control.last)
            log.info("export to %s: %s", dest, detail)
            await self._db(partial(evidence_export.record_cancelled, actor=actor, dest=dest, detail=detail))
            raise
        except asyncio.CancelledError:  # the caller went away: stop the worker too (it cleans up itself)
            control.token.cancel()
            raise
        event = replace(result.event, manifest_sha256=result.manifest_sha256)
        await self._db(partial(evidence_export.record_export, event=event, src=src, path=result.path, reason=reason,
                               original=original))
        return result
