"""Briefings for officials: saved/exported slide shows, their data, and privacy forced on while shown.

The presentation window (ui/presentation.py) gets a BriefingService and a BriefingGuard from the app;
everything here runs on the writer thread or in an executor, never blocking the projector's picture.

Making, changing, importing and deleting a briefing (the editor, the picker's Import) is
``Permission.EDIT_BRIEFINGS`` (supervisors and administrators), checked here and audited in the same
transaction as the write; presenting a saved one is viewing, open to presenters too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlite_utils import Database

from videowall.domain.access import Permission, Role, User, Visibility, require, visibility
from videowall.domain.briefing import Briefing, BriefingError, decode, encode, validate
from videowall.domain.camera import Camera
from videowall.domain.evidence import Bookmark
from videowall.domain.privacy import MaskPolygon
from videowall.security import audit
from videowall.services.city import DashboardData, load_dashboard
from videowall.services.live import TileGuard
from videowall.storage.briefings import BriefingRepository
from videowall.storage.evidence import EvidenceRepository
from videowall.storage.layouts import LayoutRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
EDITOR_BOOKMARKS = 500  # the newest bookmarks the editor offers for a clip slide


def save_briefing(db: Database, user: User, briefing: Briefing, old_name: str = "", how: str = "editor") -> Briefing:
    """Create or replace ``briefing`` (renamed from ``old_name`` when given); EDIT_BRIEFINGS, audited.

    Runs in the writer's transaction: the briefing, the removal of its old name and the audit row land
    together or not at all. A new name that another briefing has is refused (nothing is overwritten by
    a rename); saving under its own name replaces the briefing.
    """
    require(user, Permission.EDIT_BRIEFINGS)
    validate(briefing)
    repo = BriefingRepository(db)
    if briefing.name != old_name and how == "editor" and repo.load(briefing.name) is not None:
        raise BriefingError(f"a briefing named {briefing.name!r} exists already")
    if old_name and old_name != briefing.name:
        repo.delete(old_name)
    repo.save(briefing)
    kinds = ", ".join(s.kind.value for s in briefing.slides)
    renamed = f", was {old_name!r}" if old_name not in ("", briefing.name) else ""
    audit.append(db, user.name, audit.Action.BRIEFING_SAVED, briefing.name,
                 f"{how}: {len(briefing.slides)} slides ({kinds}){renamed}")
    return briefing


def delete_briefing(db: Database, user: User, name: str) -> bool:
    require(user, Permission.EDIT_BRIEFINGS)
    gone = BriefingRepository(db).delete(name)
    if gone:
        audit.append(db, user.name, audit.Action.BRIEFING_DELETED, name, "")
    return gone


@dataclass(frozen=True, slots=True)
class RecordedClip:
    """A bookmark's clip file and the camera that recorded it (whose masks the player burns in)."""

    path: Path
    camera_id: str


@dataclass(frozen=True, slots=True)
class EditorData:
    """What the briefing editor offers, read in one go: saved briefings and layouts, bookmarks, the one opened."""

    names: tuple[str, ...]
    layouts: tuple[str, ...]
    bookmarks: tuple[Bookmark, ...]
    briefing: Briefing | None  # the briefing opened for editing (None: a new one)


class BriefingGuard:
    """The tile guard of a presentation: the presenter's rules whatever the signed-in role.

    Private and quarantined cameras never show; masks always apply (a lifted mask is not lifted here).
    Wraps the app's privacy service (``inner``); without one, everything is shown unmasked.
    """

    def __init__(self, inner: TileGuard | None, private: Callable[[str], bool] = lambda _cid: False,
                 masks: Callable[[str], tuple[MaskPolygon, ...]] | None = None) -> None:
        self._inner = inner
        self._private = private
        self._masks = masks

    def listed(self, camera: Camera) -> bool:
        """Whether the camera may appear at all (map dots, names): private cameras do not."""
        return not self._private(camera.id)

    def can_show(self, camera: Camera) -> bool:
        return self.visibility(camera) is Visibility.SHOWN

    def visibility(self, camera: Camera) -> Visibility:
        held = self._inner is not None and self._inner.visibility(camera) in (Visibility.QUARANTINED,
                                                                               Visibility.NEEDS_REFERENCE)
        seen = visibility(Role.PRESENTER, private=self._private(camera.id), quarantined=held)
        return Visibility.SHOWN if seen is Visibility.SHOWN else Visibility.NOT_PERMITTED  # no "why" on a wall

    def masks_for(self, camera_id: str) -> tuple[MaskPolygon, ...]:
        if self._masks is not None:
            return self._masks(camera_id)
        return self._inner.masks_for(camera_id) if self._inner is not None else ()

    def inspect(self, camera_id: str, picture: Callable[[], np.ndarray | None], now: float) -> None:
        if self._inner is not None:  # the scene check still runs: a moved camera is quarantined mid-briefing
            self._inner.inspect(camera_id, picture, now)

    def not_live(self, camera_id: str) -> None:
        if self._inner is not None:
            self._inner.not_live(camera_id)

    def shown(self, camera: Camera) -> None:
        if self._inner is not None:
            self._inner.shown(camera)

    def hidden(self, camera: Camera, seconds: float) -> None:
        if self._inner is not None:
            self._inner.hidden(camera, seconds)


def _bookmarks(db: Database, user: User) -> tuple[Bookmark, ...]:
    """The newest bookmarks for a clip slide; only for a role that may review them (else none listed)."""
    if not user.can(Permission.REVIEW):
        return ()
    try:
        return tuple(EvidenceRepository(db).bookmarks(limit=EDITOR_BOOKMARKS))
    except Exception as exc:  # an older database without evidence tables
        log.warning("bookmarks unreadable: %s", exc)
        return ()


class BriefingService:
    """Save, load, export and import briefings; read what their slides show."""

    def __init__(self, writer: DatabaseWriter, clock: Callable[[], float] = time.time) -> None:
        self._writer = writer
        self._clock = clock  # the moment the figures are read for
        self.db_path = writer.path
        self.evidence_dir = writer.path.parent / "evidence"

    def names(self) -> Future[list[str]]:
        return self._writer.submit(lambda db: BriefingRepository(db).names(), transaction=False)

    def load(self, name: str) -> Future[Briefing | None]:
        return self._writer.submit(lambda db: BriefingRepository(db).load(name), transaction=False)

    def save(self, user: User, briefing: Briefing, old_name: str = "") -> Future[Briefing]:
        """The editor's Save: checked (EDIT_BRIEFINGS), validated, written and audited in one transaction."""
        return self._writer.submit(lambda db: save_briefing(db, user, briefing, old_name))

    def delete(self, user: User, name: str) -> Future[bool]:
        return self._writer.submit(lambda db: delete_briefing(db, user, name))

    def editor_data(self, user: User, name: str = "") -> Future[EditorData]:
        """The editor's choices, and the briefing ``name`` to edit ("" or unknown: a new one)."""

        def read(db: Database) -> EditorData:
            repo = BriefingRepository(db)
            return EditorData(tuple(repo.names()), tuple(LayoutRepository(db).names()), _bookmarks(db, user),
                              repo.load(name) if name else None)

        return self._writer.submit(read, transaction=False)

    def export(self, name: str, path: Path) -> Path:
        """Blocking: write the saved briefing ``name`` as a JSON file."""
        briefing = self.load(name).result(10)
        if briefing is None:
            raise BriefingError(f"no briefing named {name!r}")
        path.write_text(encode(briefing), encoding="utf-8")
        return path

    def import_file(self, path: Path, user: User) -> Briefing:
        """Blocking: read, validate and save a briefing file (replacing one of the same name); EDIT_BRIEFINGS."""
        require(user, Permission.EDIT_BRIEFINGS)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BriefingError(f"cannot read {path}: {exc}") from exc
        briefing = decode(text)
        self._writer.submit(lambda db: save_briefing(db, user, briefing, how=f"imported from {path.name}")).result(10)
        log.info("briefing %r imported from %s (%d slides)", briefing.name, path, len(briefing.slides))
        return briefing

    def dashboard(self, hours: float = 24.0) -> DashboardData:
        """Blocking (run it in an executor): health of every camera and the availability series."""
        return load_dashboard(self._writer.readers, hours=hours, now=self._clock())

    def clip_path(self, bookmark_id: int) -> Future[RecordedClip | None]:
        """The bookmark's clip file and camera, when the evidence feature cut one."""

        def read(db: Database) -> RecordedClip | None:
            try:
                b = EvidenceRepository(db).get(bookmark_id)
            except Exception as exc:  # an older database without evidence tables: no clip, no crash
                log.warning("bookmark %d unreadable: %s", bookmark_id, exc)
                return None
            if b is None or not b.clip_path:
                return None
            path = self.evidence_dir / b.clip_path
            return RecordedClip(path, b.camera_id) if path.exists() else None

        return self._writer.submit(read, transaction=False)
