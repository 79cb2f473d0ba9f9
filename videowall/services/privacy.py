"""Privacy and access at run time: masks, private cameras, scene quarantine, the signed-in user, audit.

``PrivacyService`` is the ``TileGuard`` every tile asks on each watchdog tick: which masks to burn
in, whether its camera may be shown to this user, and (every few seconds, LIVE tiles only) whether
the view still matches the approved reference. Reads come from memory; every change goes to the
database writer together with its audit row, so a change and its record are one transaction.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np
from PIL import Image
from sqlite_utils import Database

from videowall.domain.access import Permission, Role, User, Visibility, require, visibility
from videowall.domain.camera import Camera
from videowall.domain.privacy import DEFAULT_LIFT_MINUTES, MaskPolygon, MaskSet, QuarantineRecord, mask_rgba
from videowall.domain.ptz_masks import AWAY, PtzPose, masks_in_view
from videowall.health.scene import SceneSignature, compare, signature
from videowall.security import audit
from videowall.storage.privacy import PrivacyRepository, ReferenceRow
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
LOCK_SHOWS_PUBLIC_KEY = "lock_shows_public_cameras"  # setting: a locked console keeps non-private cameras
Picture = Callable[[], np.ndarray | None]


class PtzPoses(Protocol):
    """Where this console has turned its PTZ cameras (services/ptz_views.py)."""

    def pose(self, camera_id: str) -> PtzPose: ...


@dataclass
class _Watch:
    """Per camera: when it was last compared, how many changed verdicts in a row, since when live."""

    next_check: float = 0.0
    changed_in_a_row: int = 0
    live_since: float | None = None
    last_score: str = ""


@dataclass
class PrivacySettings:
    check_every_s: float = 2.0
    confirmations: int = 2  # changed verdicts in a row before quarantine (2 x 2 s: well inside 10 s)
    provisional_after_s: float = 3.0  # live this long before the first picture becomes the reference
    lift_minutes: int = DEFAULT_LIFT_MINUTES
    locked_shows_public: bool = False  # a locked console keeps showing cameras that are not private
    ptz_settle_s: float = 8.0  # a PTZ camera sent home is compared with its reference this long after


@dataclass
class PrivacyService:
    writer: DatabaseWriter
    data_dir: Path
    user: User = field(default_factory=lambda: User("system", Role.OPERATOR))
    settings: PrivacySettings = field(default_factory=PrivacySettings)
    on_quarantine: list[Callable[[QuarantineRecord], None]] = field(default_factory=list)
    clock: Callable[[], float] = time.time
    _masks: dict[str, MaskSet] = field(default_factory=dict)
    _private: set[str] = field(default_factory=set)
    _refs: dict[str, SceneSignature] = field(default_factory=dict)
    _ref_rows: dict[str, ReferenceRow] = field(default_factory=dict)
    _quarantined: dict[str, QuarantineRecord] = field(default_factory=dict)
    _watch: dict[str, _Watch] = field(default_factory=dict)
    _restored: set[str] = field(default_factory=set)
    locked: bool = False  # the session lock: every tile goes blank within a tick (walls on every monitor too)
    ptz: PtzPoses | None = None  # a masked PTZ camera turned away from home is blanked whole
    same_picture: dict[str, frozenset[str]] = field(default_factory=dict)  # ids carrying one picture share masks

    # --- start-up --------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the privacy tables once (blocking, at start-up, before any tile shows a picture)."""
        def read(db: Database) -> tuple[dict[str, MaskSet], set[str], dict[str, ReferenceRow],
                                        dict[str, QuarantineRecord], bool]:
            repo = PrivacyRepository(db)
            shows_public = bool(SettingsRepository(db).get(LOCK_SHOWS_PUBLIC_KEY, False))
            return repo.masks(), repo.private(), repo.references(), repo.quarantined(), shows_public

        self._masks, self._private, self._ref_rows, self._quarantined, shows_public = self.writer.submit(
            read, transaction=False).result(30)
        self.settings = replace(self.settings, locked_shows_public=shows_public)
        for cam, row in self._ref_rows.items():
            sig = _load_signature(Path(row.path))
            if sig is not None:
                self._refs[cam] = sig

    # --- the tile guard ------------------------------------------------------------------------------
    def visibility(self, camera: Camera) -> Visibility:
        return visibility(self.user.role, private=camera.id in self._private,
                          quarantined=camera.id in self._quarantined, locked=self.locked,
                          locked_shows_public=self.settings.locked_shows_public)

    def masks_for(self, camera_id: str, now: float | None = None) -> tuple[MaskPolygon, ...]:
        """What a live tile burns in: the masks of its picture (any id showing it) unless lifted, in view."""
        wall_now = self.clock() if now is None else now
        active: tuple[MaskPolygon, ...] = ()
        for cid in sorted(self.same_picture.get(camera_id, frozenset({camera_id}))):
            mask = self._masks.get(cid)
            if mask is None:
                continue
            active += mask.active(wall_now)
            if mask.lifted_until is not None and wall_now >= mask.lifted_until and cid not in self._restored:
                self._restored.add(cid)  # the lift ran out: masks are back; record it once
                self.audit(audit.Action.MASK_RESTORED, cid, "lift expired; masks re-applied")
        return self._in_view(camera_id, active)

    def picture_masks(self, camera_id: str) -> tuple[MaskPolygon, ...]:
        """Masks for recordings, exports, stills and briefings: every mask of the picture, lifts ignored."""
        polygons: tuple[MaskPolygon, ...] = ()
        for cid in sorted(self.same_picture.get(camera_id, frozenset({camera_id}))):
            polygons += self.mask_set(cid).polygons
        return polygons

    def _in_view(self, camera_id: str, polygons: tuple[MaskPolygon, ...]) -> tuple[MaskPolygon, ...]:
        if not polygons or not self.ptz_away(camera_id):
            return polygons
        return masks_in_view(polygons, AWAY)

    def ptz_away(self, camera_id: str) -> bool:
        """This console turned the camera (or another id showing its picture) away from its home view,
        where its masks and its scene reference fit."""
        ptz = self.ptz
        if ptz is None:
            return False
        return any(not ptz.pose(cid).at_home for cid in self.same_picture.get(camera_id, frozenset({camera_id})))

    def shown(self, camera: Camera) -> None:
        """A tile started showing ``camera``: views of private cameras are audited."""
        if camera.id in self._private:
            self.audit(audit.Action.VIEW_PRIVATE, camera.id, f"role {self.user.role.value}")

    def hidden(self, camera: Camera, seconds: float) -> None:
        """That tile stopped showing it (another camera, closed, blocked, console exit): the view's end."""
        if camera.id in self._private:
            self.audit(audit.Action.VIEW_PRIVATE_END, camera.id, f"role {self.user.role.value}, {seconds:.1f} s")

    def inspect(self, camera_id: str, picture: Picture, now: float) -> None:
        """Called by LIVE tiles each tick; compares with the reference every ``check_every_s``."""
        if camera_id in self._quarantined:
            return
        watch = self._watch.setdefault(camera_id, _Watch())
        if self.ptz_away(camera_id):  # turned on purpose: its reference is the home view; checked once back
            watch.live_since, watch.changed_in_a_row = None, 0
            watch.next_check = float("inf")
            return
        if watch.next_check == float("inf"):  # back home: give the camera time to get there
            watch.next_check = now + self.settings.ptz_settle_s
        if watch.live_since is None:
            watch.live_since = now
        if now < watch.next_check:
            return
        watch.next_check = now + self.settings.check_every_s
        ref = self._refs.get(camera_id)
        if ref is None and now - watch.live_since < self.settings.provisional_after_s:
            return
        pic = picture()
        if pic is None:
            return
        step = max(1, pic.shape[1] // 256)  # 64x36 is the goal: read a quarter of the pixels at most
        small = np.ascontiguousarray(pic[::step, ::step, :3])
        if ref is None:
            self._set_reference(camera_id, pic.copy(), small, provisional=True, by="system")
            return
        verdict = compare(ref, signature(small))
        watch.last_score = verdict.describe()
        watch.changed_in_a_row = watch.changed_in_a_row + 1 if verdict.changed else 0
        if watch.changed_in_a_row >= self.settings.confirmations:
            self._quarantine(camera_id, pic.copy(), verdict.describe())

    def not_live(self, camera_id: str) -> None:
        """The camera's tile is not LIVE: the next reference must come from a stable picture again."""
        watch = self._watch.get(camera_id)
        if watch is not None:
            watch.live_since, watch.changed_in_a_row = None, 0

    # --- quarantine -----------------------------------------------------------------------------------
    def quarantined(self) -> dict[str, QuarantineRecord]:
        return dict(self._quarantined)

    def reference_path(self, camera_id: str) -> Path | None:
        row = self._ref_rows.get(camera_id)
        return Path(row.path) if row else None

    def _quarantine(self, camera_id: str, picture: np.ndarray, score: str) -> None:
        now = self.clock()
        still = self.data_dir / "quarantine" / f"{camera_id}-{int(now)}.png"
        record = QuarantineRecord(camera_id, now, score, str(still))
        self._quarantined[camera_id] = record
        log.warning("camera %s quarantined: scene changed (%s)", camera_id, score)

        def work(db: Database) -> None:
            _save_png(picture, still)
            PrivacyRepository(db).quarantine(record)
            audit.append(db, "system", audit.Action.QUARANTINE, camera_id, f"scene changed: {score}")

        self._submit(work)
        for listener in list(self.on_quarantine):
            listener(record)

    def approve_current(self, camera_id: str) -> Future[None]:
        """Supervisor: the quarantined view is the new reference; the camera returns to the walls."""
        self.require(Permission.APPROVE_REFERENCE)
        record = self._quarantined.get(camera_id)
        if record is None:
            raise ValueError(f"{camera_id} is not quarantined")
        pic = np.asarray(Image.open(record.still_path).convert("RGB"))[..., ::-1]  # BGR like the buffers
        fut = self._set_reference(camera_id, pic, pic, provisional=False, by=self.user.name)
        del self._quarantined[camera_id]
        self._watch.pop(camera_id, None)
        self._submit(lambda db: PrivacyRepository(db).release(camera_id))
        return fut

    def keep_blocked(self, camera_id: str, note: str = "") -> None:
        self.require(Permission.APPROVE_REFERENCE)
        self.audit(audit.Action.QUARANTINE_KEPT, camera_id, note or "kept blocked after review")

    def _set_reference(self, camera_id: str, picture: np.ndarray, small: np.ndarray, *, provisional: bool,
                       by: str) -> Future[None]:
        self._refs[camera_id] = signature(small)
        path = self.data_dir / "references" / f"{camera_id}.png"
        now = self.clock()
        action = audit.Action.REFERENCE_PROVISIONAL if provisional else audit.Action.REFERENCE_APPROVED
        if provisional:
            log.info("camera %s: first stable picture taken as provisional scene reference", camera_id)

        def work(db: Database) -> None:
            digest = _save_png(picture, path)
            row = ReferenceRow(camera_id, str(path), digest, provisional, by, now)
            PrivacyRepository(db).save_reference(row)
            self._ref_rows[camera_id] = row
            audit.append(db, by, action, camera_id, f"sha256 {digest}")

        return self._submit(work)

    # --- masks, private cameras -------------------------------------------------------------------------
    def mask_set(self, camera_id: str) -> MaskSet:
        return self._masks.get(camera_id) or MaskSet(camera_id)

    def save_masks(self, camera_id: str, polygons: tuple[MaskPolygon, ...]) -> Future[None]:
        self.require(Permission.EDIT_MASKS)
        if self.ptz_away(camera_id):
            raise ValueError(f"{camera_id} is turned away from its home view: masks are drawn on the home view; "
                             "send the camera home first")
        mask = replace(self.mask_set(camera_id), polygons=polygons)
        self._masks[camera_id] = mask
        actor = self.user.name

        def work(db: Database) -> None:
            PrivacyRepository(db).save_masks(mask)
            audit.append(db, actor, audit.Action.MASK_EDIT, camera_id, f"{len(polygons)} polygons")

        return self._submit(work)

    def lift_mask(self, camera_id: str, minutes: float | None = None, reason: str = "") -> Future[None]:
        """Supervisor only: masks off for ``minutes`` (default 30), then back on their own."""
        self.require(Permission.LIFT_MASK)
        minutes = float(minutes if minutes is not None else self.settings.lift_minutes)
        until = self.clock() + minutes * 60
        mask = replace(self.mask_set(camera_id), lifted_until=until, lifted_by=self.user.name)
        self._masks[camera_id] = mask
        self._restored.discard(camera_id)
        detail = f"{minutes:g} min" + (f": {reason}" if reason else "")
        actor = self.user.name

        def work(db: Database) -> None:
            PrivacyRepository(db).save_masks(mask)
            audit.append(db, actor, audit.Action.MASK_LIFT, camera_id, detail)

        return self._submit(work)

    def is_private(self, camera_id: str) -> bool:
        return camera_id in self._private

    def set_private(self, camera_id: str, private: bool) -> Future[None]:
        """Supervisor or admin (EDIT_MASKS): who may see a camera is part of its privacy set-up."""
        self.require(Permission.EDIT_MASKS)
        if private:
            self._private.add(camera_id)
        else:
            self._private.discard(camera_id)
        actor = self.user.name

        def work(db: Database) -> None:
            PrivacyRepository(db).set_private(camera_id, private, actor)
            audit.append(db, actor, audit.Action.PRIVATE_MARKED, camera_id, "private" if private else "not private")

        return self._submit(work)

    # --- exports (for the evidence service) -----------------------------------------------------------------
    def authorize_export(self, target: str, *, unmasked: bool, detail: str = "") -> None:
        """Check the role may export (masked or not) and log the export; raises AccessDenied."""
        self.require(Permission.EXPORT_UNMASKED if unmasked else Permission.EXPORT_MASKED)
        action = audit.Action.EXPORT_UNMASKED if unmasked else audit.Action.EXPORT
        self.audit(action, target, detail)

    def export_mask_png(self, camera_id: str, width: int, height: int, path: Path) -> Path | None:
        """A PNG (RGBA) of the camera's masks at the clip's size for ``ffmpeg_mask_filter``; None: no masks."""
        polygons = self.picture_masks(camera_id)  # exports always mask, even during a live lift
        if not polygons:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(mask_rgba(polygons, width, height), "RGBA").save(path)
        return path

    # --- users and audit -------------------------------------------------------------------------------------
    def require(self, permission: Permission) -> None:
        require(self.user, permission)

    def audit(self, action: str, target: str = "", detail: str = "") -> Future[object]:
        actor = self.user.name
        return self.writer.submit(lambda db: audit.append(db, actor, action, target, detail))

    def _submit(self, work: Callable[[Database], object]) -> Future[None]:
        future = self.writer.submit(work)

        def done(f: Future[object]) -> None:
            if f.exception() is not None:
                log.error("privacy write failed: %s", f.exception())

        future.add_done_callback(done)
        return future  # type: ignore[return-value]


def _save_png(picture: np.ndarray, path: Path) -> str:
    """Save a BGR(A) picture as PNG (atomically, 0600 in a 0700 folder); returns the file's SHA-256."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    rgb = np.ascontiguousarray(picture[..., :3][..., ::-1])
    tmp = path.with_suffix(".tmp.png")
    Image.fromarray(rgb, "RGB").save(tmp)
    tmp.chmod(0o600)
    tmp.replace(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load_signature(path: Path) -> SceneSignature | None:
    try:
        rgb = np.asarray(Image.open(path).convert("RGB"))
    except (OSError, ValueError) as exc:
        log.warning("scene reference %s unreadable (%s); a new provisional one will be taken", path, exc)
        return None
    return signature(rgb[..., ::-1])
