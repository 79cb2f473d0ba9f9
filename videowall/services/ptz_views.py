"""Which PTZ cameras this console has turned away from their home view (see domain/ptz_masks.py).

The PTZ dock opens one controller at a time; the board keeps each camera's last known pose after its
controller closes (the camera stays where it was left), and a new controller only takes over once it
moves the camera. Read on the UI thread by the privacy guard each tick; nothing here blocks.
"""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.domain.access import User
from videowall.domain.camera import Camera
from videowall.domain.ptz_masks import REST, PtzPose
from videowall.services.ptz_lock import PtzLocks
from videowall.services.ptz_patrol import PatrolService
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:  # the ONVIF stack loads only when PTZ is used (tests/unit/test_architecture.py)
    from videowall.ptz.controller import PtzController


@dataclass
class PtzViews:
    _controllers: dict[str, PtzController] = field(default_factory=dict)
    _left: dict[str, PtzPose] = field(default_factory=dict)  # poses of controllers since replaced

    def follow(self, camera_id: str, controller: PtzController) -> None:
        """Track ``controller`` for ``camera_id`` (called when the PTZ dock opens it)."""
        old = self._controllers.get(camera_id)
        if old is not None and old is not controller:
            self._left[camera_id] = self._pose_of(camera_id, old)
        self._controllers[camera_id] = controller

    def pose(self, camera_id: str) -> PtzPose:
        controller = self._controllers.get(camera_id)
        if controller is None:
            return self._left.get(camera_id, REST)
        return self._pose_of(camera_id, controller)

    def _pose_of(self, camera_id: str, controller: PtzController) -> PtzPose:
        if not controller.has_moved:  # opened, not moved yet: the camera is where it was left
            return self._left.get(camera_id, REST)
        return PtzPose(True, controller.in_motion, controller.known)


async def load_onvif() -> None:
    """Import the ONVIF stack (zeep, lxml, aiohttp, onvif: about 1-2 s) on a worker thread, once.

    It loads only when PTZ is first used; imported on the UI thread it froze the console that long.
    """
    if "videowall.services.ptz_service" not in sys.modules:
        await asyncio.to_thread(importlib.import_module, "videowall.services.ptz_service")


def ptz_opener(writer: DatabaseWriter, key_path: Path, user: Callable[[], User], views: PtzViews, *,
               locks: PtzLocks | None = None, on_manual: Callable[[str], None] | None = None,
               ) -> Callable[[Camera, bool], Awaitable[PtzController]]:
    """The console's way to open a camera's PTZ (the dock calls it): resolve its ONVIF address and stored
    credentials on the writer, take its PTZ lock (``take_over``: from a lower role), connect, follow it.
    ``locks``: the console's (shared with its patrols); ``on_manual(camera_id)`` at each manual move."""
    locks = locks or PtzLocks(writer, user)  # one operator at a time (services/ptz_lock.py)

    async def open_ptz(camera: Camera, take_over: bool) -> PtzController:
        await load_onvif()
        from videowall.services.ptz_service import open_controller, resolve_target

        target = await asyncio.wrap_future(writer.submit(
            lambda db: resolve_target(camera.id, db, key_path=key_path, credentials=None), transaction=False))
        manual = (lambda: on_manual(camera.id)) if on_manual is not None else None
        controller = await open_controller(target, user=user(), writer=writer, audit_sessions=True,
                                           locks=locks, take_over=take_over, on_manual=manual)
        views.follow(camera.id, controller)
        return controller

    return open_ptz


def patrol_opener(writer: DatabaseWriter, key_path: Path, user: Callable[[], User],
                  ) -> Callable[[str], Awaitable[PtzController]]:
    """A patrol's own PTZ connection to a camera (services/ptz_patrol.py takes the lock per step itself)."""

    async def open_camera(camera_id: str) -> PtzController:
        await load_onvif()
        from videowall.services.ptz_service import open_controller, resolve_target

        target = await asyncio.wrap_future(writer.submit(
            lambda db: resolve_target(camera_id, db, key_path=key_path, credentials=None), transaction=False))
        return await open_controller(target, user=user(), writer=writer)

    return open_camera


def console_ptz(writer: DatabaseWriter, key_path: Path, user: Callable[[], User], views: PtzViews,
                ) -> tuple[Callable[[Camera, bool], Awaitable[PtzController]], PatrolService]:
    """The console's PTZ: the dock's opener and the patrols, sharing one console's locks (so a patrol steps
    while this console's own operator holds the camera, and yields to every other console)."""
    locks = PtzLocks(writer, user)
    patrols = PatrolService(writer, locks, user, patrol_opener(writer, key_path, user))
    return ptz_opener(writer, key_path, user, views, locks=locks, on_manual=patrols.manual), patrols
