"""Cameras by hand: add, edit and remove one register camera in the console, test its stream, find it by ONVIF.

Every use case asks the access policy first (EDIT_CAMERAS, as the signed-in user at that moment) and
raises ``AccessDenied`` before any work; writes run on the database writer thread and are audited in
the same transaction. A password goes to the credential store (the same ``camera:<id>`` row an import
writes), never into the cameras table, the audit trail or a log line. Network work (the stream test,
WS-Discovery, reading ONVIF profiles) runs on this service's own worker threads, each with its own
asyncio loop: the console's UI loop never waits on a camera. The camera's recorder source (issue 22 item 4)
is saved with the camera, in the same transaction and audit row; its account goes to the credential
store as ``recorder:<id>``, as the register import's does.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.camera import Camera
from videowall.domain.camera_form import CameraForm, FieldProblem, changes, to_camera, validate
from videowall.domain.health import HealthState, check_url
from videowall.domain.recorder_source import RecorderKind, RecorderProblem, RecorderSource, recorder_source
from videowall.domain.urls import Credentials, split_credentials, with_credentials
from videowall.health.picture import GrabError
from videowall.health.prober import ProbeSettings, ProbeTarget, RtspProber
from videowall.health.thumbnail import HEIGHT, WIDTH, grab_thumbnail
from videowall.ptz.discovery import MULTICAST_TARGET, probe
from videowall.security import audit
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.services.register_import import credential_ref_for
from videowall.storage.cameras import CameraRepository
from videowall.storage.recorder_sources import RecorderSourceRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
T = TypeVar("T")
MULTICAST = MULTICAST_TARGET  # WS-Discovery's group: the LAN, never used by the tests


class FormRejected(Exception):
    """The form has problems (checked again in the writing transaction); ``problems`` per field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field.value}: {p.problem.value}" for p in problems))
        self.problems = problems


class RecorderRejected(Exception):
    """The recorder source has problems (``RecorderSource.findings``); nothing was written."""

    def __init__(self, findings: list[tuple[RecorderProblem, str]]) -> None:
        super().__init__("recorder: " + "; ".join(p.value + (f" {d}" if d else "") for p, d in findings))
        self.findings = findings


@dataclass(frozen=True, slots=True)
class Secret:
    """What the dialog's user and password fields say. ``password`` empty on an edit: keep the stored one."""

    username: str = ""
    password: str = ""

    def __repr__(self) -> str:
        return f"Secret(username={self.username!r}, password='***')"


@dataclass(frozen=True, slots=True)
class RecorderEdit:
    """What the dialog's Recorder group says. ``kind`` None: no recorder (a stored one is removed);
    ``secret.password`` empty: the stored account's password stays."""

    kind: RecorderKind | None
    address: str = ""
    recording_token: str = ""
    timezone: str = "UTC"
    clock_offset_s: float = 0.0
    secret: Secret = Secret()

    def source(self, camera_id: str) -> tuple[RecorderSource | None, Credentials | None]:
        """The source to store (None for kind none) and an account given in the address (taken out of it)."""
        if self.kind is None:
            return None, None
        return recorder_source(camera_id, self.kind.value, self.address, recording_token=self.recording_token,
                               timezone=self.timezone, clock_offset_s=self.clock_offset_s)


@dataclass(frozen=True, slots=True)
class StoredRecorder:
    """A camera's recorder as the dialog shows it: the source, the account's user name, never its password."""

    source: RecorderSource | None
    username: str = ""
    has_account: bool = False


@dataclass(frozen=True, slots=True)
class Removal:
    camera_id: str
    retired: bool  # True: bookmarks name it, so it was retired (kept, out of the tree and walls), not deleted
    bookmarks: int


@dataclass(frozen=True, slots=True)
class StreamTest:
    """A stream test's answer: the first picture (RGB24, ``width`` x ``height``) or why there is none."""

    ok: bool
    state: str = ""  # a HealthState value ("not_found", "auth_failure", "unreachable", ...) or "no_picture"
    reason: str = ""  # the probe's reason ("404", "refused", "connect_timeout", ...) or the grab's message
    picture: bytes = b""
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True, slots=True)
class FoundDevice:
    """A camera that answered WS-Discovery."""

    host: str
    port: int
    name: str
    endpoint: str


@dataclass(frozen=True, slots=True)
class DeviceReading:
    """What a camera's ONVIF profiles say, for the dialog's fields."""

    host: str
    port: int
    name: str
    model: str
    main_url: str
    sub_url: str
    ptz: bool


class CameraEditor:
    """The console's register edits of one camera at a time; each call returns a ``Future``."""

    def __init__(self, writer: DatabaseWriter, key_path: Path, user: Callable[[], User],
                 probe: ProbeSettings | None = None) -> None:
        self._writer = writer
        self._key = KeyFile(key_path)
        self._user = user  # the signed-in person, asked at each call (the session may change hands)
        self._probe = probe or ProbeSettings(connect_timeout=3.0, total_timeout=6.0, concurrency=1)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="camera-edit")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _may(self) -> User:
        return require(self._user(), Permission.EDIT_CAMERAS)

    # --- register writes ---------------------------------------------------------------------------
    def save(self, form: CameraForm, secret: Secret, *, editing: bool,
             recorder: RecorderEdit | None = None) -> Future[Camera]:
        """Add (``editing`` False: the id must be new) or replace one camera, audited; the Future gives it back.
        ``recorder`` None leaves the camera's recorder source as it is; else it is set (or removed) with it."""
        user = self._may()

        def work(db: Database) -> Camera:
            repo = CameraRepository(db)
            old = repo.get(form.id.strip())
            retired = repo.retired()  # a retired camera's id may be given again: adding it restores it
            taken = frozenset() if editing else frozenset(repo.rows()) - frozenset(retired)
            problems = validate(form, taken)
            if editing and old is None:
                raise LookupError(f"camera {form.id.strip()!r} is not in the register any more")
            if problems:
                raise FormRejected(problems)
            source = recorder.source(form.id.strip())[0] if recorder is not None else None
            if source is not None and (findings := source.findings()):  # before any write: nor the camera
                raise RecorderRejected(findings)
            camera, in_url = to_camera(form, old.credential_ref if old is not None else None)
            creds_note = self._store_credentials(db, camera, old, in_url, secret)
            if creds_note and camera.credential_ref is None:
                camera = replace(camera, credential_ref=credential_ref_for(camera.id))
            repo.upsert_many([camera])
            recorder_notes = [] if recorder is None else self._store_recorder(db, camera.id, recorder, user.name)
            if not editing:
                restored = repo.restore([camera.id]) > 0
                detail = (f"area {camera.area.label()}; ONVIF {camera.onvif_host or '-'}:{camera.onvif_port or '-'}; "
                          f"PTZ {'yes' if camera.ptz else 'no'}{'; credentials stored' if creds_note else ''}"
                          f"{'; restored the retired camera of this id' if restored else ''}"
                          + "".join(f"; {n}" for n in recorder_notes))
                audit.append(db, user.name, audit.Action.CAMERA_ADDED, camera.id, detail)
            else:
                assert old is not None  # an edit of a camera that is gone raised LookupError above
                changed = changes(old, camera) + ([creds_note] if creds_note else []) + recorder_notes
                audit.append(db, user.name, audit.Action.CAMERA_CHANGED, camera.id,
                             "changed: " + (", ".join(changed) or "nothing"))
            return camera

        return self._writer.submit(work)

    def _store_credentials(self, db: Database, camera: Camera, old: Camera | None, in_url: Credentials | None,
                           secret: Secret) -> str:
        """Put new credentials in the store; '' when nothing changed, else what the audit row says."""
        ref = (old.credential_ref if old is not None else None) or credential_ref_for(camera.id)
        store = CredentialStore(db, self._key)
        if secret.password or in_url is not None:
            creds = Credentials(secret.username.strip(), secret.password) if secret.password else in_url
            assert creds is not None
            store.put(creds, ref)
            return "credentials replaced" if old is not None and old.credential_ref else "credentials stored"
        if old is not None and old.credential_ref and secret.username.strip():
            kept = store.get(old.credential_ref)
            if kept.username != secret.username.strip():  # a new user name, the stored password kept
                store.put(Credentials(secret.username.strip(), kept.password), ref)
                return "credential user name changed"
            return ""
        if old is None and secret.username.strip():  # a user without a password (some cameras have none)
            store.put(Credentials(secret.username.strip(), ""), ref)
            return "credentials stored"
        return ""

    def _store_recorder(self, db: Database, camera_id: str, edit: RecorderEdit, by: str) -> list[str]:
        """Set or remove the camera's recorder source (checked before); what the audit row says of it."""
        repo = RecorderSourceRepository(db, CredentialStore(db, self._key))
        old = repo.get(camera_id)
        source, in_address = edit.source(camera_id)
        if source is None:
            return ["recorder removed"] if repo.remove(camera_id) else []
        user, password = edit.secret.username.strip(), edit.secret.password
        has_account = repo.has_account(camera_id)
        creds: Credentials | None = None
        note = ""
        if password or in_address is not None:
            creds = Credentials(user, password) if password else in_address
            note = "recorder credentials replaced" if has_account else "recorder credentials stored"
        elif has_account and user:
            kept = repo.credentials(camera_id)
            if kept is not None and kept.username != user:  # a new user name, the stored password kept
                creds, note = Credentials(user, kept.password), "recorder credential user name changed"
        elif user:  # a user without a password (some recorders have none)
            creds, note = Credentials(user, ""), "recorder credentials stored"
        repo.save(source, creds, by=by)  # no new account: the stored one stays
        if old is None:
            notes = [f"recorder {source.kind.value} {source.address}"]
        else:
            fields = ("kind", "address", "recording_token", "timezone", "clock_offset_s")
            notes = [f"recorder {f}" for f in fields if getattr(old, f) != getattr(source, f)]
        return notes + ([note] if note else [])

    def stored_recorder(self, camera_id: str) -> Future[StoredRecorder]:
        """The camera's recorder source and its account's user name (the dialog shows them; never the password)."""
        self._may()

        def work(db: Database) -> StoredRecorder:
            repo = RecorderSourceRepository(db, CredentialStore(db, self._key))
            source = repo.get(camera_id)
            if source is None:
                return StoredRecorder(None)
            try:
                creds = repo.credentials(camera_id)
            except CredentialError as exc:  # the key or keyring is unavailable: the account is there
                log.warning("recorder credentials of %s unavailable: %s", camera_id, exc)
                return StoredRecorder(source, "", True)
            return StoredRecorder(source, creds.username if creds else "", creds is not None)

        return self._writer.submit(work, transaction=False)

    def stored_username(self, camera: Camera) -> Future[str]:
        """The user name kept for ``camera`` (the dialog shows it; never the password)."""
        self._may()
        ref = camera.credential_ref

        def work(db: Database) -> str:
            return CredentialStore(db, self._key).get(ref).username if ref else ""

        return self._writer.submit(work, transaction=False)

    def remove(self, camera_id: str) -> Future[Removal]:
        """Delete the camera and its credentials, or, when bookmarks name it, retire it (``cameras.retired_at``)."""
        user = self._may()

        def work(db: Database) -> Removal:
            camera = CameraRepository(db).get(camera_id)
            if camera is None:
                raise LookupError(f"camera {camera_id!r} is not in the register any more")
            marks = int(db.execute("SELECT count(*) FROM bookmarks WHERE camera_id = ?", [camera_id]).fetchone()[0])
            if marks:  # retired as a register sync retires: kept with its bookmarks, out of tree and walls
                CameraRepository(db).retire([camera_id], time.time())
                audit.append(db, user.name, audit.Action.CAMERA_RETIRED, camera_id,
                             f"{marks} bookmarks name it: retired (kept with its evidence), not deleted")
                return Removal(camera_id, True, marks)
            db.execute("DELETE FROM cameras WHERE id = ?", [camera_id])
            db.execute("DELETE FROM favourites WHERE camera_id = ?", [camera_id])
            RecorderSourceRepository(db, CredentialStore(db, self._key)).remove(camera_id)  # and its account
            if camera.credential_ref:
                CredentialStore(db, self._key).delete(camera.credential_ref)
            audit.append(db, user.name, audit.Action.CAMERA_REMOVED, camera_id,
                         f"{camera.name}; area {camera.area.label()}")
            return Removal(camera_id, False, 0)

        return self._writer.submit(work)

    # --- the network -------------------------------------------------------------------------------
    def _run(self, coro: Callable[[], Coroutine[Any, Any, T]]) -> Future[T]:
        return self._pool.submit(lambda: asyncio.run(coro()))

    def _credentials(self, secret: Secret, stored_ref: str | None) -> Credentials | None:
        """The typed credentials, else the stored ones (an edit that leaves the password empty)."""
        if secret.password:
            return Credentials(secret.username.strip(), secret.password)
        if stored_ref:
            ref = stored_ref
            try:
                kept = self._writer.submit(lambda db: CredentialStore(db, self._key).get(ref),
                                           transaction=False).result(30)
            except CredentialError as exc:
                log.warning("stored credentials of %s unavailable: %s", ref, exc)
                return None
            return Credentials(secret.username.strip() or kept.username, kept.password)
        if secret.username.strip():
            return Credentials(secret.username.strip(), "")
        return None

    def test_stream(self, url: str, secret: Secret, stored_ref: str | None = None) -> Future[StreamTest]:
        """Probe the URL (the reason: 404, 401, refused, timeout ...), then grab its first picture."""
        self._may()

        async def run() -> StreamTest:
            clean, inline = split_credentials(url.strip())
            creds = inline or await asyncio.to_thread(self._credentials, secret, stored_ref)
            bad = check_url(clean)
            if bad is None:  # an RTSP URL: the probe says why it fails in a few seconds
                record = await RtspProber(self._probe, lambda _t: creds).probe(ProbeTarget("test", clean))
                if record.state is not HealthState.LIVE:
                    return StreamTest(False, record.state.value, record.reason or record.detail)
            elif bad[0] is HealthState.BAD_URL:
                return StreamTest(False, bad[0].value, str(bad[1]))
            try:
                picture = await grab_thumbnail(with_credentials(clean, creds), timeout=12.0)
            except GrabError as exc:
                return StreamTest(False, "no_picture", str(exc))
            return StreamTest(True, HealthState.LIVE.value, "", picture)

        return self._run(run)

    def discover(self, targets: list[tuple[str, int]], wait: float = 1.5) -> Future[list[FoundDevice]]:
        """WS-Discovery Probe to ``targets`` (the multicast group on a LAN; a host:port for one camera)."""
        self._may()

        async def run() -> list[FoundDevice]:
            local = all(host.startswith("127.") for host, _ in targets)  # stay on the machine when asked to
            found = await probe(targets, wait=wait, bind_host="127.0.0.1" if local else "0.0.0.0")
            return [FoundDevice(d.host, d.port, d.name, d.endpoint) for d in found]

        return self._run(run)

    def read_device(self, host: str, port: int, secret: Secret, stored_ref: str | None = None,
                    ) -> Future[DeviceReading]:
        """Connect over ONVIF and read identity and profiles: main = largest picture, sub = smallest."""
        self._may()

        async def run() -> DeviceReading:
            from videowall.services.ptz_service import manual_add  # ONVIF stack: only when used

            creds = await asyncio.to_thread(self._credentials, secret, stored_ref)
            got = await manual_add(host, port, creds, timeout=6.0)
            name = " ".join(p for p in (got.info.manufacturer, got.info.model) if p)
            return DeviceReading(host, port, name, got.info.model, split_credentials(got.main_url)[0],
                                 split_credentials(got.sub_url)[0], any(p.ptz for p in got.profiles))

        return self._run(run)


def parse_targets(text: str) -> list[tuple[str, int]]:
    """``host:port, host:port`` (empty: the WS-Discovery multicast group); ``ValueError`` for a bad entry."""
    out = []
    for item in (t.strip() for t in text.replace(";", ",").split(",")):
        if not item:
            continue
        host, sep, port = item.rpartition(":")
        if not sep:
            host, port = item, "3702"
        host = host.strip("[]")
        if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
            raise ValueError(item)
        out.append((host, int(port)))
    return out or [MULTICAST]
