"""Scene references and quarantine: is each camera still looking where a supervisor said it should?

Quarantine first, then review. A camera is shown on a wall only once its view has a reference in
force: a picture a supervisor approved or, while the setting ``trust_first_pictures`` is on (a
migration), its first stable picture, trusted without review and labelled as such. Until then it is
held as *needs reference*: its tile decodes but paints nothing, and its first stable picture is kept
as the *candidate* (0600 in a 0700 folder) for the review's contact sheet.

A camera with a reference in force is compared with it every ``check_every_s`` (0.5 s; one 64x36
signature, see health/scene.py): ``confirmations`` changed verdicts in a row quarantine it (three,
spanning a second: longer than one GOP of a damaged decode, which once quarantined a healthy camera
of animated gradients on a loaded CI machine with two in a row). An animated view that wanders from its
reference step by step is followed for a while (``SceneSettings.continuity_s`` / ``drift_max_s``). A
quarantined camera is held the same way; the review shows its reference, its picture at quarantine
and a current still from the held tile's decoder (the ``picture`` each ``inspect`` call hands in).

Memory answers the tiles (every tick); every change goes to the database writer with its audit row.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image
from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.privacy import QuarantineRecord, ReferenceOrigin, SceneReference
from videowall.domain.settings_model import TRUST_FIRST_KEY, PrivacyFlags
from videowall.health.scene import SIZE, SceneSignature, compare, downscale_grey, signature
from videowall.private_files import private_folder
from videowall.security import audit
from videowall.storage.privacy import PrivacyRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
SYSTEM = "system"
Picture = Callable[[], np.ndarray | None]


@dataclass(frozen=True)
class SceneSettings:
    check_every_s: float = 0.5  # 3 verdicts 0.5 s apart + the stream's own delay: blank inside 3 s of a change
    confirmations: int = 3  # changed verdicts in a row before quarantine
    candidate_after_s: float = 3.0  # live this long before the first picture is taken (a stable picture)
    trust_first_pictures: bool = False
    resume_after_s: float = 8.0  # after a pause (a PTZ camera sent home): time to get there before comparing
    # An animated view (foliage, water, a screen; the fleet's fractal pattern) wanders from its reference in
    # small steps and back: a picture that differs from the reference but not from the accepted picture at
    # most ``continuity_s`` before it, in the same live run, is accepted for up to ``drift_max_s`` after the
    # last direct match. A cut (re-hung, re-aimed) fails both comparisons at once; a view that stays away
    # longer than ``drift_max_s`` counts as changed however gradually it got there; a reconnect forgets it.
    continuity_s: float = 1.5
    drift_max_s: float = 20.0
    still_max_age_s: float = 2.0  # a current still is the held tile's picture of at most this age


@dataclass
class _Watch:
    """Per camera: when it is next compared, changed verdicts in a row, since when live."""

    next_check: float = 0.0
    changed_in_a_row: int = 0
    live_since: float | None = None
    last_score: str = ""
    accepted: tuple[SceneSignature, float] | None = None  # the last picture judged the same view, and when
    matched_at: float | None = None  # when a picture last matched the reference itself (this live run)

    def forget(self) -> None:
        """Not live, or paused: the next pictures are compared with the reference only."""
        self.live_since, self.changed_in_a_row, self.accepted, self.matched_at = None, 0, None, None

    def wandering(self, current: SceneSignature, now: float, settings: SceneSettings) -> bool:
        """Differs from the reference, but continues the accepted picture just before it (see SceneSettings)."""
        if self.accepted is None or self.matched_at is None or now - self.matched_at > settings.drift_max_s:
            return False
        previous, at = self.accepted
        return now - at <= settings.continuity_s and not compare(previous, current).changed


@dataclass(frozen=True)
class _Source:
    picture: Picture
    at: float  # monotonic time of the inspect call that handed it in


@dataclass(frozen=True)
class _Approval:
    camera_id: str
    source: Path  # the picture the supervisor saw: a candidate, or the picture at quarantine
    sha256: str
    taken_at: float
    signature: SceneSignature
    move: bool  # a candidate's file becomes the reference; a quarantine still is copied (it stays)


@dataclass(frozen=True)
class SceneState:
    """What the database holds, read in one go at start-up."""

    references: dict[str, SceneReference]
    quarantined: dict[str, QuarantineRecord]
    trust_first_pictures: bool

    @staticmethod
    def read(db: Database) -> SceneState:
        repo = PrivacyRepository(db)
        trust = SettingsRepository(db).load(PrivacyFlags).trust_first_pictures
        return SceneState(repo.references(), repo.quarantined(), trust)


@dataclass
class SceneReferences:
    writer: DatabaseWriter
    data_dir: Path
    settings: SceneSettings = field(default_factory=SceneSettings)
    clock: Callable[[], float] = time.time
    monotonic: Callable[[], float] = time.monotonic
    on_quarantine: list[Callable[[QuarantineRecord], None]] = field(default_factory=list)
    _rows: dict[str, SceneReference] = field(default_factory=dict)
    _sigs: dict[str, SceneSignature] = field(default_factory=dict)
    _quarantined: dict[str, QuarantineRecord] = field(default_factory=dict)
    _watch: dict[str, _Watch] = field(default_factory=dict)
    _sources: dict[str, _Source] = field(default_factory=dict)

    def restore(self, state: SceneState) -> None:
        self._rows, self._quarantined = dict(state.references), dict(state.quarantined)
        self._sigs.clear()  # read from the files when first needed: a city's thousands cost nothing at start
        self.settings = replace(self.settings, trust_first_pictures=state.trust_first_pictures)

    # --- what the tiles ask -------------------------------------------------------------------------
    def needs_reference(self, camera_id: str) -> bool:
        return self.reference(camera_id) is None and not self.settings.trust_first_pictures

    def is_quarantined(self, camera_id: str) -> bool:
        return camera_id in self._quarantined

    def inspect(self, camera_id: str, picture: Picture, now: float) -> None:
        """Called by LIVE tiles (held ones too) each tick, ``now`` monotonic."""
        self._sources[camera_id] = _Source(picture, now)
        if camera_id in self._quarantined:
            return
        watch = self._watch.setdefault(camera_id, _Watch())
        if watch.next_check == float("inf"):  # paused (a PTZ camera turned away), now back: let it settle
            watch.next_check = now + self.settings.resume_after_s
        if watch.live_since is None:
            watch.live_since = now
        if now < watch.next_check:
            return
        watch.next_check = now + self.settings.check_every_s
        if self.reference(camera_id) is None:
            waiting = camera_id in self._rows and not self.settings.trust_first_pictures
            if waiting or now - watch.live_since < self.settings.candidate_after_s:
                return  # a candidate waits for review; or the picture is not stable for long enough yet
            pic = picture()
            if pic is not None:
                self._take_first(camera_id, pic)
            return
        ref = self._signature(camera_id)
        pic = picture() if ref is not None else None
        if ref is None or pic is None:
            return
        current = signature(_small(pic))
        verdict = compare(ref, current)
        watch.last_score = verdict.describe()
        changed = verdict.changed and not watch.wandering(current, now, self.settings)
        if not verdict.changed:
            watch.matched_at = now
        if not changed:
            watch.accepted = (current, now)
        watch.changed_in_a_row = watch.changed_in_a_row + 1 if changed else 0
        if changed:
            log.info("scene of %s differs from its reference (%d in a row): %s", camera_id,
                     watch.changed_in_a_row, watch.last_score)
        elif verdict.changed:
            log.debug("scene of %s differs from its reference but continues the picture before it: %s",
                      camera_id, watch.last_score)
        if watch.changed_in_a_row >= self.settings.confirmations:
            self._quarantine(camera_id, pic, verdict.describe())

    def not_live(self, camera_id: str) -> None:
        """The camera's tile is not LIVE: the next first picture must come from a stable picture again."""
        watch = self._watch.get(camera_id)
        if watch is not None:
            watch.forget()

    def pause(self, camera_id: str) -> None:
        """No comparisons until the next ``inspect`` after this stops being called, plus a settling time."""
        watch = self._watch.setdefault(camera_id, _Watch())
        watch.forget()
        watch.next_check = float("inf")

    # --- what the review shows -------------------------------------------------------------------------
    def reference(self, camera_id: str) -> SceneReference | None:
        """The reference in force (approved or trusted), if any."""
        row = self._rows.get(camera_id)
        return row if row is not None and row.origin.in_force else None

    def candidates(self) -> dict[str, SceneReference]:
        """First pictures waiting for a supervisor (saved ones only)."""
        return {cid: row for cid, row in self._rows.items() if not row.origin.in_force and row.sha256}

    def quarantined(self) -> dict[str, QuarantineRecord]:
        return dict(self._quarantined)

    def current_still(self, camera_id: str) -> np.ndarray | None:
        """The newest picture of the camera's (held) tile, BGR(A); None when no tile decodes it now."""
        source = self._sources.get(camera_id)
        if source is None or self.monotonic() - source.at > self.settings.still_max_age_s:
            return None
        return source.picture()

    # --- decisions (supervisors) ----------------------------------------------------------------------
    def approve(self, user: User, camera_ids: Iterable[str]) -> Future[None]:
        """The shown picture of each camera becomes its reference: a candidate, or the picture at
        quarantine. All or nothing: any camera with nothing to approve refuses the whole call."""
        require(user, Permission.APPROVE_REFERENCE)
        plans = [self._plan(cid) for cid in dict.fromkeys(camera_ids)]
        now, actor = self.clock(), user.name
        refs = self.data_dir / "references"
        rows = [SceneReference(p.camera_id, str(refs / f"{p.camera_id}.png"), p.sha256, ReferenceOrigin.APPROVED,
                               p.taken_at, actor, now) for p in plans]
        for plan, row in zip(plans, rows, strict=True):
            self._rows[row.camera_id], self._sigs[row.camera_id] = row, plan.signature
            self._quarantined.pop(row.camera_id, None)
            self._watch.pop(row.camera_id, None)
            log.info("camera %s: reference approved by %s (sha256 %s)", row.camera_id, actor, row.sha256)

        def work(db: Database) -> None:
            repo = PrivacyRepository(db)
            for plan, row in zip(plans, rows, strict=True):
                _place(plan.source, Path(row.path), move=plan.move)
                repo.save_reference(row)
                repo.release(row.camera_id)
                what = "picture at quarantine" if not plan.move else "first picture"
                audit.append(db, actor, audit.Action.REFERENCE_APPROVED, row.camera_id,
                             f"sha256 {row.sha256}; {what} of {_stamp(row.taken_at)}")

        return self._submit(work)

    def approve_pictures(self, user: User, pictures: Mapping[str, np.ndarray], how: str) -> Future[None]:
        """Pictures taken elsewhere (a survey photo, the demo's own clips) become references, approved
        by ``user``: for a camera whose view is known before it ever streams to this console."""
        require(user, Permission.APPROVE_REFERENCE)
        now, actor = self.clock(), user.name
        refs = self.data_dir / "references"
        for cid, pic in pictures.items():
            self._rows[cid] = SceneReference(cid, str(refs / f"{cid}.png"), "", ReferenceOrigin.APPROVED, now,
                                             actor, now)
            self._sigs[cid] = signature(_small(pic))
            self._watch.pop(cid, None)

        def work(db: Database) -> None:
            repo = PrivacyRepository(db)
            for cid, pic in pictures.items():
                path = refs / f"{cid}.png"
                row = SceneReference(cid, str(path), save_png(pic, path), ReferenceOrigin.APPROVED, now, actor, now)
                repo.save_reference(row)
                self._rows[cid] = row
                audit.append(db, actor, audit.Action.REFERENCE_APPROVED, cid, f"sha256 {row.sha256}; {how}")

        return self._submit(work)

    def keep_blocked(self, user: User, camera_ids: Iterable[str], note: str = "") -> Future[None]:
        """The supervisor looked and does not approve: the cameras stay held; each decision audited."""
        require(user, Permission.APPROVE_REFERENCE)
        ids, actor = list(dict.fromkeys(camera_ids)), user.name

        def work(db: Database) -> None:
            for cid in ids:
                what = "quarantined" if cid in self._quarantined else "first picture not approved"
                detail = note or f"kept blocked after review ({what})"
                audit.append(db, actor, audit.Action.QUARANTINE_KEPT, cid, detail)

        return self._submit(work)

    # --- internals ----------------------------------------------------------------------------------
    def _plan(self, camera_id: str) -> _Approval:
        record = self._quarantined.get(camera_id)
        if record is not None:
            still = Path(record.still_path)
            digest = _sha256(still)
            if digest is None:
                raise ValueError(f"{camera_id}: the picture at quarantine is not on disk yet")
            sig = _load_signature(still)
            if sig is None:
                raise ValueError(f"{camera_id}: the picture at quarantine is unreadable")
            return _Approval(camera_id, still, digest, record.since, sig, move=False)
        row = self._rows.get(camera_id)
        if row is None or row.origin.in_force:
            raise ValueError(f"{camera_id} has no picture waiting for approval")
        digest = _sha256(Path(row.path))
        if not row.sha256 or digest is None:
            raise ValueError(f"{camera_id}: its first picture is still being saved")
        if digest != row.sha256:
            raise ValueError(f"{camera_id}: its first picture changed on disk since it was taken; not approved")
        sig = self._signature(camera_id)
        if sig is None:
            raise ValueError(f"{camera_id}: its first picture is unreadable")
        return _Approval(camera_id, Path(row.path), digest, row.taken_at, sig, move=True)

    def _take_first(self, camera_id: str, picture: np.ndarray) -> None:
        now = self.clock()
        trusted = self.settings.trust_first_pictures
        origin = ReferenceOrigin.TRUSTED if trusted else ReferenceOrigin.CANDIDATE
        folder = self.data_dir / "references" / ("" if trusted else "candidates")
        path = folder / f"{camera_id}.png"
        by, at = (SYSTEM, now) if trusted else ("", 0.0)
        self._rows[camera_id] = SceneReference(camera_id, str(path), "", origin, now, by, at)  # sha256 once saved
        self._sigs[camera_id] = signature(_small(picture))
        pic = picture.copy()
        if trusted:
            log.info("camera %s: first picture trusted as its reference (setting %s)", camera_id, TRUST_FIRST_KEY)
        else:
            log.info("camera %s: first picture kept for review; held until a supervisor approves it", camera_id)

        def work(db: Database) -> None:
            row = SceneReference(camera_id, str(path), save_png(pic, path), origin, now, by, at)
            PrivacyRepository(db).save_reference(row)
            self._rows[camera_id] = row
            if trusted:
                audit.append(db, SYSTEM, audit.Action.REFERENCE_TRUSTED, camera_id,
                             f"sha256 {row.sha256}; setting {TRUST_FIRST_KEY} is on (no review)")
            else:
                audit.append(db, SYSTEM, audit.Action.REFERENCE_CANDIDATE, camera_id,
                             f"sha256 {row.sha256}; held until a supervisor approves it")

        self._submit(work)

    def _quarantine(self, camera_id: str, picture: np.ndarray, score: str) -> None:
        now = self.clock()
        still = self.data_dir / "quarantine" / f"{camera_id}-{int(now)}.png"
        record = QuarantineRecord(camera_id, now, score, str(still))
        self._quarantined[camera_id] = record
        log.warning("camera %s quarantined: scene changed (%s)", camera_id, score)

        def work(db: Database) -> None:
            save_png(picture, still)
            PrivacyRepository(db).quarantine(record)
            audit.append(db, SYSTEM, audit.Action.QUARANTINE, camera_id, f"scene changed: {score}")

        self._submit(work)
        for listener in list(self.on_quarantine):
            listener(record)

    def _signature(self, camera_id: str) -> SceneSignature | None:
        sig = self._sigs.get(camera_id)
        row = self._rows.get(camera_id)
        if sig is None and row is not None and row.sha256:
            sig = _load_signature(Path(row.path))
            if sig is None:  # unreadable: forget it; the camera needs a new first picture and a review
                self._rows.pop(camera_id, None)
            else:
                self._sigs[camera_id] = sig
        return sig

    def _submit(self, work: Callable[[Database], object]) -> Future[None]:
        future = self.writer.submit(work)

        def done(f: Future[object]) -> None:
            if f.exception() is not None:
                log.error("scene reference write failed: %s", f.exception())

        future.add_done_callback(done)
        return future  # type: ignore[return-value]


def _small(picture: np.ndarray) -> np.ndarray:
    """The 64x36 grey picture the signature is made of, from every n-th pixel (at most ~256 wide).

    Block means of the sampled grey, as ``downscale_grey`` computes them, in float32 on a strided
    view: ~0.5 ms for 640x360 instead of ~1.3 ms (a whole check is ~1.3 ms; see make bench)."""
    step = max(1, picture.shape[1] // 256)
    view = picture[::step, ::step]
    grey = view[..., 0] * np.float32(0.114) + view[..., 1] * np.float32(0.587) + view[..., 2] * np.float32(0.299)
    h, w = grey.shape
    sw, sh = SIZE
    if h % sh == 0 and w % sw == 0:
        return np.asarray(grey.reshape(sh, h // sh, sw, w // sw).mean(axis=(1, 3), dtype=np.float64))
    return downscale_grey(grey)


def save_png(picture: np.ndarray, path: Path) -> str:
    """Save a BGR(A) picture as PNG (atomically, 0600 in a 0700 folder); returns the file's SHA-256."""
    private_folder(path.parent)
    rgb = np.ascontiguousarray(picture[..., :3][..., ::-1])
    tmp = path.with_suffix(".tmp.png")
    Image.fromarray(rgb, "RGB").save(tmp)
    tmp.chmod(0o600)
    tmp.replace(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _place(source: Path, target: Path, *, move: bool) -> None:
    private_folder(target.parent)
    if move:
        os.replace(source, target)
    else:
        tmp = target.with_suffix(".tmp.png")
        shutil.copyfile(source, tmp)
        tmp.chmod(0o600)
        tmp.replace(target)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _stamp(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(at))


def load_picture(path: Path) -> np.ndarray | None:
    """A saved still as BGR (like the frame buffers), or None when it is missing or unreadable."""
    try:
        return np.asarray(Image.open(path).convert("RGB"))[..., ::-1]
    except (OSError, ValueError):
        return None


def _load_signature(path: Path) -> SceneSignature | None:
    picture = load_picture(path)
    if picture is None:
        log.warning("scene picture %s unreadable", path)
        return None
    return signature(_small(picture))
