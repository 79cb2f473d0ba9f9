"""Privacy and access at run time: masks, private cameras, scene quarantine, the signed-in user, audit.

``PrivacyService`` is the ``TileGuard`` every tile asks on each watchdog tick: which masks to burn
in, whether its camera may be shown to this user, and (every half second, LIVE tiles only) whether
the view still matches the approved reference (services/scene_references.py: references, candidates,
quarantine). Reads come from memory; every change goes to the database writer together with its
audit row, so a change and its record are one transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np
from sqlite_utils import Database

from videowall.domain.access import Permission, Role, User, Visibility, require, visibility
from videowall.domain.camera import Camera
from videowall.domain.privacy import (
    DEFAULT_LIFT_MINUTES,
    MaskPolygon,
    MaskSet,
    QuarantineRecord,
    apply_masks,
)
from videowall.domain.ptz_masks import AWAY, PtzPose, masks_in_view
from videowall.domain.settings_model import PrivacyFlags
from videowall.security import audit
from videowall.services.scene_references import Picture, SceneReferences, SceneSettings, SceneState
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)


class PtzPoses(Protocol):
    """Where this console has turned its PTZ cameras (services/ptz_views.py)."""

    def pose(self, camera_id: str) -> PtzPose: ...


@dataclass
class PrivacySettings:
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
    _restored: set[str] = field(default_factory=set)
    locked: bool = False  # the session lock: every tile goes blank within a tick (walls on every monitor too)
    ptz: PtzPoses | None = None  # a masked PTZ camera turned away from home is blanked whole
    same_picture: dict[str, frozenset[str]] = field(default_factory=dict)  # ids carrying one picture share masks
    scene_settings: SceneSettings = field(default_factory=SceneSettings)
    scene: SceneReferences = field(init=False)

    def __post_init__(self) -> None:
        settings = replace(self.scene_settings, resume_after_s=self.settings.ptz_settle_s)
        self.scene = SceneReferences(self.writer, self.data_dir, settings, self.clock,
                                     on_quarantine=self.on_quarantine)  # one list: listeners added later count

    # --- start-up --------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the privacy tables once (blocking, at start-up, before any tile shows a picture)."""
        def read(db: Database) -> tuple[dict[str, MaskSet], set[str], SceneState, bool]:
            repo = PrivacyRepository(db)
            shows_public = SettingsRepository(db).load(PrivacyFlags).lock_shows_public_cameras
            return repo.masks(), repo.private(), SceneState.read(db), shows_public

        self._masks, self._private, scene, shows_public = self.writer.submit(read, transaction=False).result(30)
        self.settings = replace(self.settings, locked_shows_public=shows_public)
        self.scene.restore(scene)

    # --- the tile guard ------------------------------------------------------------------------------
    def visibility(self, camera: Camera) -> Visibility:
        return visibility(self.user.role, private=camera.id in self._private,
                          quarantined=self.scene.is_quarantined(camera.id), locked=self.locked,
                          locked_shows_public=self.settings.locked_shows_public,
                          needs_reference=self.scene.needs_reference(camera.id))

    def masks_for(self, camera_id: str, now: float | None = None) -> tuple[MaskPolygon, ...]:
        """What a live tile burns in: the masks of its picture (any id showing it) unless lifted, in view."""
        wall_now = self.clock() if now is None else now
        active: tuple[MaskPolygon, ...] = ()
        for cid in self._picture_ids(camera_id):
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
        for cid in self._picture_ids(camera_id):
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
        return any(not ptz.pose(cid).at_home for cid in self._picture_ids(camera_id))

    def _picture_ids(self, camera_id: str) -> list[str]:
        """Every camera id showing ``camera_id``'s picture, itself included, in a fixed order."""
        return sorted(self.same_picture.get(camera_id, frozenset({camera_id})))

    def shown(self, camera: Camera) -> None:
        """A tile started showing ``camera``: views of private cameras are audited."""
        if camera.id in self._private:
            self.audit(audit.Action.VIEW_PRIVATE, camera.id, f"role {self.user.role.value}")

    def hidden(self, camera: Camera, seconds: float) -> None:
        """That tile stopped showing it (another camera, closed, blocked, console exit): the view's end."""
        if camera.id in self._private:
            self.audit(audit.Action.VIEW_PRIVATE_END, camera.id, f"role {self.user.role.value}, {seconds:.1f} s")

    def inspect(self, camera_id: str, picture: Picture, now: float) -> None:
        """Called by LIVE tiles each tick (held ones too): first pictures, scene checks, current stills."""
        if self.ptz_away(camera_id):  # turned on purpose: its reference is the home view; checked once back
            self.scene.pause(camera_id)
            return
        self.scene.inspect(camera_id, picture, now)

    def not_live(self, camera_id: str) -> None:
        """The camera's tile is not LIVE: the next first picture must come from a stable picture again."""
        self.scene.not_live(camera_id)

    # --- quarantine and references (supervisors decide; see services/scene_references.py) -------------
    def quarantined(self) -> dict[str, QuarantineRecord]:
        return self.scene.quarantined()

    def reference_path(self, camera_id: str) -> Path | None:
        row = self.scene.reference(camera_id)
        return Path(row.path) if row else None

    def approve(self, camera_ids: Iterable[str]) -> Future[None]:
        """Supervisor: each camera's shown picture (first picture or picture at quarantine) becomes its
        reference, audited one by one with the picture's sha256; the cameras go live on every wall."""
        return self.scene.approve(self.user, camera_ids)

    def approve_current(self, camera_id: str) -> Future[None]:
        return self.approve([camera_id])

    def approve_pictures(self, pictures: Mapping[str, np.ndarray], how: str) -> Future[None]:
        """Supervisor: pictures taken elsewhere become references (the camera's masks burned in first,
        as in every live picture the comparison will see)."""
        masked = {cid: apply_masks(_bgra(pic), self.picture_masks(cid)) for cid, pic in pictures.items()}
        return self.scene.approve_pictures(self.user, masked, how)

    def keep_blocked(self, camera_id: str | Iterable[str], note: str = "") -> Future[None]:
        ids = [camera_id] if isinstance(camera_id, str) else list(camera_id)
        return self.scene.keep_blocked(self.user, ids, note)

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


def _bgra(picture: np.ndarray) -> np.ndarray:
    """A writable copy to burn masks into (3 or 4 channels both work with ``apply_masks``)."""
    return np.array(picture, dtype=np.uint8, copy=True)
