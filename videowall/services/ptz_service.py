"""PTZ orchestration: camera register + stored credentials + ONVIF client + local presets.

``ptz`` may not touch ``storage`` (sibling layers), so the glue lives here: resolving a target (a
camera id from the register or a bare ``host:port``), the async local-preset store on top of the
database writer, manual add (connect + profiles -> stream URLs), loopback-or-LAN discovery, and
``PtzInputMapper``, which turns tile gestures (drag, wheel, arrow keys, +/-) into controller calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.access import Permission, User, can, require
from videowall.domain.ptz import (
    DeviceInfo,
    MediaProfile,
    Position,
    PositionSource,
    Preset,
    PresetSource,
    Velocity,
    pick_main_sub,
)
from videowall.domain.ptz_lock import PtzLock, outranks
from videowall.domain.urls import Credentials
from videowall.ptz.client import AuthMode, OnvifClient
from videowall.ptz.controller import PtzController
from videowall.ptz.discovery import DiscoveredDevice, probe
from videowall.security import audit
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.ptz_lock import LockKeeper, PtzLocked, PtzLocks
from videowall.services.ptz_session import PtzSessionAudit
from videowall.storage.cameras import CameraRepository
from videowall.storage.ptz_presets import PtzPresetRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)


class TargetError(Exception):
    """The PTZ target cannot be resolved (unknown camera, no ONVIF address, bad host:port)."""


@dataclass(frozen=True, slots=True)
class PtzTarget:
    """Where to send PTZ: ``camera_id`` keys local presets (``onvif:host:port`` for bare addresses)."""

    camera_id: str
    host: str
    port: int
    credentials: Credentials | None = field(default=None, repr=True)  # Credentials hides the password


def parse_address(text: str) -> tuple[str, int] | None:
    """``host:port`` (or ``[v6]:port``) -> (host, port); None if ``text`` is not such an address."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        return None
    host = host.strip("[]")
    number = int(port)
    if not 1 <= number <= 65535:
        raise TargetError(f"port {number} is out of range 1-65535")
    return host, number


def resolve_target(target: str, db: Database | None, *, key_path: Path | None,
                   credentials: Credentials | None) -> PtzTarget:
    """A register camera id (ONVIF address and stored credentials from ``db``) or ``host:port``.

    Explicit ``credentials`` win over stored ones. Blocking SQLite: run it on the writer's thread.
    """
    camera = CameraRepository(db).get(target) if db is not None else None
    if camera is not None:
        if not camera.onvif_host:
            raise TargetError(f"camera {target!r} has no ONVIF address in the register")
        creds = credentials
        if creds is None and camera.credential_ref and key_path is not None:
            creds = CredentialStore(db, KeyFile(key_path)).get(camera.credential_ref)  # type: ignore[arg-type]
        return PtzTarget(camera.id, camera.onvif_host, camera.onvif_port or 80, creds)
    address = parse_address(target)
    if address is None:
        raise TargetError(f"{target!r} is neither a camera id in the register nor an ONVIF address host:port")
    return PtzTarget(f"onvif:{address[0]}:{address[1]}", address[0], address[1], credentials)


class WriterPresetStore:
    """``LocalPresetStore`` for one camera on top of the database writer thread (never blocks the loop)."""

    def __init__(self, writer: DatabaseWriter, camera_id: str) -> None:
        self._writer = writer
        self._camera_id = camera_id

    async def list(self) -> list[Preset]:
        cid = self._camera_id
        return await asyncio.wrap_future(self._writer.submit(lambda db: PtzPresetRepository(db).list(cid)))

    async def save(self, name: str, position: Position, source: PositionSource) -> None:
        cid = self._camera_id
        await asyncio.wrap_future(
            self._writer.submit(lambda db: PtzPresetRepository(db).save(cid, name, position, source)))

    async def remove(self, name: str) -> None:
        cid = self._camera_id
        await asyncio.wrap_future(self._writer.submit(lambda db: PtzPresetRepository(db).remove(cid, name)))


class AuditedPtzController(PtzController):
    """The console's controller: its commands are audited as sessions, ended when it is released (closed).

    With a ``LockKeeper`` it steers only while this console holds the camera's PTZ lock: every command
    renews the lock, a command after the lock ran out waits for it to be taken again, and once another
    console took the camera over nothing more is sent (``lost_to`` says who; the dock tells the operator).
    """

    def __init__(self, backend: OnvifClient, session: PtzSessionAudit, *,
                 local_presets: WriterPresetStore | None, on_change: Callable[[], None],
                 user: User | None = None, record: Callable[[str, str, str], object] | None = None,
                 on_manual: Callable[[], None] | None = None) -> None:
        super().__init__(backend, local_presets=local_presets, on_change=on_change)
        self.session = session
        self.keeper: LockKeeper | None = None
        self.user = user
        self._record = record
        self._on_manual = on_manual  # a manual move: holds the camera's patrol (services/ptz_patrol.py)

    def _manual(self) -> None:
        if self._on_manual is not None:
            self._on_manual()

    def _audit(self, action: str, preset: Preset) -> None:
        if self._record is not None:
            record_preset(self._record, action, self.session.camera_id, preset)

    async def save_preset(self, name: str) -> Preset:
        """Set a preset (on the camera, else local): PTZ permission and the lock, then audited."""
        if self.user is not None:
            require(self.user, Permission.PTZ)
        await self._gated()
        preset = await super().save_preset(name)
        self._audit(audit.Action.PRESET_SET, preset)
        return preset

    async def save_local_preset(self, name: str) -> Preset:
        if self.user is not None:
            require(self.user, Permission.PTZ)
        return await super().save_local_preset(name)

    async def remove_preset(self, preset: Preset) -> None:
        if self.user is not None:
            require(self.user, Permission.PTZ)
        await self._gated()
        await super().remove_preset(preset)
        self._audit(audit.Action.PRESET_REMOVED, preset)

    @property
    def lost_to(self) -> PtzLock | None:
        return self.keeper.lost if self.keeper is not None else None

    def _may_send(self, retry: Callable[[], None]) -> bool:
        keeper = self.keeper
        if keeper is None:
            return True
        if keeper.lost is not None:
            return False
        if not keeper.fresh():
            keeper.touched(then=retry)  # ours again first (or refused: then lost)
            return False
        keeper.touched()
        return True

    def lost(self, holder: PtzLock) -> None:
        """Another console has the camera: forget our wishes, send nothing more (no Stop: it is theirs)."""
        self._pending = None
        self._sent = None
        self.last_error = None
        self.session.end(f"taken over by {holder.holder}")
        self._changed()

    def move(self, velocity: Velocity) -> None:
        if not velocity.clamped().is_zero:
            self._manual()
        if self._may_send(lambda: self.move(velocity)):
            super().move(velocity)

    def release(self) -> None:
        if self.lost_to is None:
            super().release()

    async def _gated(self) -> None:
        keeper = self.keeper
        if keeper is None:
            return
        if keeper.lost is None and not keeper.fresh():
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

            def ours_again() -> None:
                if not done.done():
                    done.set_result(None)

            keeper.touched(then=ours_again)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(done), 5.0)
        if keeper.lost is not None:
            raise PtzLocked(keeper.lost, can_take_over=False)
        keeper.touched()

    async def absolute_move(self, position: Position) -> None:
        self._manual()
        await self._gated()
        await super().absolute_move(position)

    async def relative_move(self, delta: Position) -> None:
        self._manual()
        await self._gated()
        await super().relative_move(delta)

    async def goto_home(self) -> None:
        self._manual()
        await self._gated()
        await super().goto_home()

    async def goto_preset(self, preset: Preset) -> None:
        self._manual()
        await self._gated()
        await super().goto_preset(preset)

    async def close(self) -> None:
        keeper, lost = self.keeper, self.lost_to
        try:
            if lost is not None:
                await self.backend.close()  # no Stop: the camera moves for its new holder
            else:
                await super().close()
        finally:
            self.session.observe(self.sent_log)  # the Stop sent at release, if any
            self.session.end("released")
            if keeper is not None:
                await keeper.close()


def record_preset(record: Callable[[str, str, str], object], action: str, camera_id: str, preset: Preset) -> None:
    """One audit row for a preset set or removed (the dock and ``videowall ptz ... save``/``remove`` alike)."""
    where = "on the camera" if preset.source is PresetSource.CAMERA else "local"
    token = f", token {preset.token}" if preset.token else ""
    record(action, camera_id, f"{preset.name!r} {where}{token}")


def audit_recorder(writer: DatabaseWriter, user: User) -> Callable[[str, str, str], object]:
    return lambda action, target, detail: writer.submit(lambda db: audit.append(db, user.name, action, target,
                                                                                 detail))


async def take_lock(locks: PtzLocks, camera_id: str, *, take_over: bool = False) -> PtzLock:
    """This console's lock on the camera, or ``PtzLocked`` (holder, until; whether we may take it over)."""
    decision = await locks.acquire(camera_id, take_over=take_over)
    if not decision.granted:
        who = locks.claimant()
        may = can(who.role, Permission.PTZ_TAKEOVER) and outranks(who.role, decision.lock.role)
        raise PtzLocked(decision.lock, can_take_over=may)
    return decision.lock


async def open_controller(target: PtzTarget, *, user: User, writer: DatabaseWriter | None = None,
                          timeout: float = 5.0, auth: AuthMode = AuthMode.AUTO,
                          on_change: Callable[[], None] | None = None, audit_sessions: bool = False,
                          locks: PtzLocks | None = None, take_over: bool = False,
                          on_manual: Callable[[], None] | None = None) -> PtzController:
    """Connect as ``user`` (PTZ permission, else ``AccessDenied`` before any camera traffic), probe, and
    wire local presets if a database writer is given.

    ``audit_sessions`` (the console; needs ``writer``): the controller audits its use as sessions
    (services/ptz_session.py). The command line audits each run itself instead (services/ptz_cli.py).
    ``locks``: take the camera's PTZ lock first (``PtzLocked`` if another console holds it; nothing is
    sent to the camera then); ``take_over`` asks to take it from a lower role (PTZ_TAKEOVER).
    ``on_manual`` (the console): called at each manual move, so the camera's patrol is held.
    """
    require(user, Permission.PTZ)
    lock = await take_lock(locks, target.camera_id, take_over=take_over) if locks is not None else None
    # ``timeout`` bounds every step, the connection's first exchange (GetServices) included
    client = OnvifClient(target.host, target.port, target.credentials, timeout=timeout, connect_timeout=timeout,
                         auth=auth)
    try:
        await client.connect()
        store = WriterPresetStore(writer, target.camera_id) if writer is not None else None
        controller: PtzController
        if audit_sessions and writer is not None:
            loop = asyncio.get_running_loop()
            session = PtzSessionAudit(audit_recorder(writer, user), target.camera_id, loop.call_later)

            def changed() -> None:
                session.observe(controller.sent_log)
                if on_change is not None:
                    on_change()

            controller = AuditedPtzController(client, session, local_presets=store, on_change=changed, user=user,
                                              record=audit_recorder(writer, user), on_manual=on_manual)
            if locks is not None and lock is not None:
                audited = controller
                controller.keeper = LockKeeper(locks, lock, audited.lost)
        else:
            controller = PtzController(client, local_presets=store, on_change=on_change)
        await controller.probe()
    except BaseException:
        await client.close()
        if locks is not None and lock is not None:
            await locks.release(target.camera_id)
        raise
    return controller


@dataclass(frozen=True, slots=True)
class ManualAddResult:
    info: DeviceInfo
    profiles: list[MediaProfile]
    main_url: str
    sub_url: str
    clock_offset: float | None


async def manual_add(host: str, port: int, credentials: Credentials | None, *, timeout: float = 5.0) -> ManualAddResult:
    """Connect to ``host:port`` and read what a register row needs: identity and main/sub stream URLs."""
    client = OnvifClient(host, port, credentials, timeout=timeout)
    try:
        await client.connect()
        info = await client.device_info()
        profiles = await client.profiles()
    finally:
        await client.close()
    main, sub = pick_main_sub(profiles)
    return ManualAddResult(info, profiles, main.stream_uri if main else "", sub.stream_uri if sub else "",
                           client.clock_offset)


async def discover(targets: list[tuple[str, int]], *, wait: float = 2.0) -> list[DiscoveredDevice]:
    """WS-Discovery on the given targets; binds loopback when every target is loopback."""
    local = all(host.startswith("127.") for host, _ in targets)
    return await probe(targets, wait=wait, bind_host="127.0.0.1" if local else "0.0.0.0")


# The input mapper lives in ptz_input (no ONVIF imports, so the wall starts fast); kept importable here.
from videowall.services.ptz_input import MoveTarget as MoveTarget  # noqa: E402
from videowall.services.ptz_input import PtzInputMapper as PtzInputMapper  # noqa: E402
