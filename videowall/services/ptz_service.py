"""PTZ orchestration: camera register + stored credentials + ONVIF client + local presets.

``ptz`` may not touch ``storage`` (sibling layers), so the glue lives here: resolving a target (a
camera id from the register or a bare ``host:port``), the async local-preset store on top of the
database writer, manual add (connect + profiles -> stream URLs), loopback-or-LAN discovery, and
``PtzInputMapper``, which turns tile gestures (drag, wheel, arrow keys, +/-) into controller calls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.ptz import (
    DeviceInfo,
    MediaProfile,
    Position,
    PositionSource,
    Preset,
    pick_main_sub,
)
from videowall.domain.urls import Credentials
from videowall.ptz.client import AuthMode, OnvifClient
from videowall.ptz.controller import PtzController
from videowall.ptz.discovery import DiscoveredDevice, probe
from videowall.security import audit
from videowall.security.secrets import CredentialStore, KeyFile
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
    """The console's controller: its commands are audited as sessions, ended when it is released (closed)."""

    def __init__(self, backend: OnvifClient, session: PtzSessionAudit, *,
                 local_presets: WriterPresetStore | None, on_change: Callable[[], None]) -> None:
        super().__init__(backend, local_presets=local_presets, on_change=on_change)
        self.session = session

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            self.session.observe(self.sent_log)  # the Stop sent at release, if any
            self.session.end("released")


def audit_recorder(writer: DatabaseWriter, user: User) -> Callable[[str, str, str], object]:
    return lambda action, target, detail: writer.submit(lambda db: audit.append(db, user.name, action, target,
                                                                                 detail))


async def open_controller(target: PtzTarget, *, user: User, writer: DatabaseWriter | None = None,
                          timeout: float = 5.0, auth: AuthMode = AuthMode.AUTO,
                          on_change: Callable[[], None] | None = None, audit_sessions: bool = False,
                          ) -> PtzController:
    """Connect as ``user`` (PTZ permission, else ``AccessDenied`` before any camera traffic), probe, and
    wire local presets if a database writer is given.

    ``audit_sessions`` (the console; needs ``writer``): the controller audits its use as sessions
    (services/ptz_session.py). The command line audits each run itself instead (services/ptz_cli.py).
    """
    require(user, Permission.PTZ)
    client = OnvifClient(target.host, target.port, target.credentials, timeout=timeout, auth=auth)
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

            controller = AuditedPtzController(client, session, local_presets=store, on_change=changed)
        else:
            controller = PtzController(client, local_presets=store, on_change=on_change)
        await controller.probe()
    except BaseException:
        await client.close()
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
