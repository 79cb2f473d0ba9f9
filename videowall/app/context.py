"""What every feature of the console receives: one typed context, built once after sign-in.

``AppContext`` holds the long-lived parts (writer, loop, media runtime, the signed-in session, the
camera directory, the walls); a feature takes what it needs from it and nothing is looked up by name.
The signed-in user is always ``ctx.user()`` (the privacy service's session), never the OS account.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.domain.access import User
from videowall.domain.camera import Camera
from videowall.domain.grid import GridShape
from videowall.domain.settings_model import ConsoleSettings
from videowall.domain.stream_state import Backoff, WatchdogLimits
from videowall.media.runtime import MediaRuntime
from videowall.services.layout_service import LayoutService
from videowall.services.live import TileReport
from videowall.services.live_wall import LiveWall
from videowall.services.operations import Operations
from videowall.services.privacy import PrivacyService
from videowall.services.ptz_views import PtzViews
from videowall.services.stream_return import rtsp_probe
from videowall.services.stream_urls import StreamUrlResolver
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from videowall.app.options import AppOptions
    from videowall.ui.language import Language
    from videowall.ui.wall_view import WallView
    from videowall.ui.walls import WallManager

class TileHooks:
    """Who hears the console's tile reports (the window, alerts, the tree's icons, recorders), in order."""

    def __init__(self) -> None:
        self._hooks: list[Callable[[TileReport], None]] = []

    def add(self, hook: Callable[[TileReport], None]) -> None:
        self._hooks.append(hook)

    def __call__(self, report: TileReport) -> None:
        for hook in self._hooks:
            hook(report)


class Walls:
    """Every wall of this console (its own, monitor walls, presentation previews): made one way, closed together."""

    def __init__(self, runtime: MediaRuntime, resolver: StreamUrlResolver, loop: asyncio.AbstractEventLoop,
                 directory: CameraDirectory, book: StateBook, privacy: PrivacyService, buffer_root: Path,
                 backoff: Backoff | None, limits: WatchdogLimits | None = None) -> None:
        self._runtime = runtime
        self._resolver = resolver
        self._loop = loop
        self._directory = directory
        self._book = book
        self._privacy = privacy
        self._buffer_root = buffer_root
        self._backoff = backoff
        self._limits = limits
        self._live: list[LiveWall] = []

    @property
    def resolver(self) -> StreamUrlResolver:
        return self._resolver

    def make(self, attach: Callable[[WallView], None], extra: Callable[[TileReport], None] | None = None,
             ) -> WallController:
        """A wall: its LiveWall (streams + watchdog), controller and view, wired together."""
        from videowall.ui.wall_view import WallView

        holder = _ViewHolder()

        def on_change(report: TileReport) -> None:
            self._book.record(report)
            holder.report(report)
            if extra is not None:
                extra(report)

        live = LiveWall(self._runtime, self._resolver, self._loop, on_change, buffer_root=self._buffer_root,
                        return_probe=rtsp_probe(), backoff=self._backoff, limits=self._limits)
        live.guard = self._privacy
        controller = WallController(live, self._directory, on_shape=holder.shape)
        view = WallView(controller)
        holder.view = view
        attach(view)
        live.start()
        self._live.append(live)
        return controller

    def close(self) -> None:
        for live in self._live:
            live.close()


@dataclass
class _ViewHolder:
    """A wall's view, known once built: reports and shape changes before it exists are dropped."""

    view: WallView | None = None

    def report(self, report: TileReport) -> None:
        if self.view is not None:
            self.view.on_report(report)

    def shape(self, shape: GridShape) -> None:
        if self.view is not None:
            self.view.set_shape(shape)


@dataclass(frozen=True)
class AppContext:
    """The console's long-lived parts, handed to every feature's ``install``."""

    opts: AppOptions
    qt: QApplication
    loop: asyncio.AbstractEventLoop
    writer: DatabaseWriter
    runtime: MediaRuntime
    resolver: StreamUrlResolver
    privacy: PrivacyService  # the signed-in session: ctx.user()
    ptz_views: PtzViews  # where each PTZ camera looks (masked ones turned away are blanked)
    register: tuple[Camera, ...]  # the register as read at start-up (the directory follows later changes)
    directory: CameraDirectory
    book: StateBook
    layouts: LayoutService
    ops: Operations  # background work with outcomes on the UI loop
    language: Language
    settings: ConsoleSettings  # language, city time zone, session lock (read before the first window)
    walls: Walls
    console: WallController  # the console's own wall
    console_view: WallView
    monitor_walls: WallManager  # the walls on the other monitors of this PC
    tile_hooks: TileHooks
    buffer_root: Path
    background: list[asyncio.Task[None]] = field(default_factory=list)  # cancelled at shutdown

    def user(self) -> User:
        """Who is signed in now (changes after a session lock)."""
        return self.privacy.user

    @property
    def data_dir(self) -> Path:
        return self.opts.db.parent
