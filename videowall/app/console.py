"""The console: Qt + asyncio, sign-in, one typed context, the features in order, the loop, shutdown.

``console_features`` is the console's start-up sequence: each line is one feature (a class in this
package with ``install(ctx, window)`` and ``close()``); shutdown closes them in reverse on one ExitStack,
then stops every wall and closes the window. Adding a feature is adding its unit and one line there.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING

from videowall.app.briefings import BriefingsFeature, setup_language
from videowall.app.cameras import CamerasFeature
from videowall.app.city import CityFeature
from videowall.app.commands import CommandsFeature
from videowall.app.context import AppContext, TileHooks, Walls
from videowall.app.feature import Feature
from videowall.app.incidents import IncidentsFeature
from videowall.app.joystick import JoystickFeature
from videowall.app.layouts import DemoTourFeature, FirstLayoutFeature, MonitorWallsFeature, ShowConsoleFeature
from videowall.app.options import AppOptions
from videowall.app.privacy import PrivacyFeature, sign_in
from videowall.app.ptz import PtzFeature
from videowall.app.replay import ReplayFeature
from videowall.app.safety import SafetyNet
from videowall.app.shutdown import ShutdownClock, stacks_on_signal_and_crash
from videowall.app.startup import RegisterRead
from videowall.app.status import StatusFeature
from videowall.app.tours import ToursFeature
from videowall.app.wall_map import WallMapFeature
from videowall.demo import DemoSetup
from videowall.display.xserver import DisplayError, grab_screen
from videowall.domain.ptz_masks import same_picture_groups
from videowall.domain.settings_model import ConsoleSettings, StreamSettings
from videowall.media.runtime import MediaRuntime
from videowall.services.layout_service import LayoutService
from videowall.services.operations import Operations
from videowall.services.ptz_views import PtzViews
from videowall.services.stream_urls import StreamUrlResolver
from videowall.services.wall_control import CameraDirectory, StateBook
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from videowall.ui.main_window import MainWindow
    from videowall.ui.wall_view import WallView


def console_features(ctx: AppContext, demo: DemoSetup | None) -> tuple[list[Feature], BriefingsFeature,
                                                                          StatusFeature, CamerasFeature]:
    """The console's features in start-up order (closed in reverse)."""
    ptz = PtzFeature()  # the PTZ dock, presets, patrols and parks
    cameras = CamerasFeature()  # import, add/edit/remove, the register watch
    briefings = BriefingsFeature()  # Presentation..., the editor, the language menu, --present
    tours = ToursFeature()
    features: list[Feature] = [
        SafetyNet(),  # first in, last out: an unexpected error is logged and shown, the wall keeps running
        ptz,
        JoystickFeature(ptz),  # optional: no SDL2 or no stick is a quiet status line
        CityFeature(),  # dashboard + sweep, alerts, favourites, bulk edit, scheduled report
        cameras,
        PrivacyFeature(),  # tree filter, masks, quarantine, the session lock; PTZ and snapshot audits
        ReplayFeature(),  # play from the recorders: tile menu, R (last 30 s), Review (issue 22)
        IncidentsFeature(),  # bookmarks, Review, evidence export, main-stream recorders
        ShowConsoleFeature(),  # the register in the tree, the menus this role may use, the window shown
        tours,
        FirstLayoutFeature(),  # --layout, else the console's last wall, else a preset
        briefings,
        DemoTourFeature(demo, tours),
        MonitorWallsFeature(),  # the monitor walls of the last run; the console's wall remembered at exit
        CommandsFeature(),  # --commands FILE: wall commands as JSON lines
        WallMapFeature(),  # --wall-broker: the wall agents of other PCs and the wall map dock (issue 21)
    ]
    status = StatusFeature(features)  # --status-json: what tests and benchmarks read
    features.append(status)
    return features, briefings, status, cameras


def run_console(opts: AppOptions, writer: DatabaseWriter, register: RegisterRead, runtime: MediaRuntime,
                streams: StreamSettings, demo: DemoSetup | None) -> int:
    # qasync takes the first Qt binding it finds; another package's PyQt5 in the environment would
    # win and break the loop ("Timers can only be used with threads started with QThread").
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtWidgets import QApplication

    from videowall.ui.main_window import MainWindow
    from videowall.ui.theme import apply_theme
    from videowall.ui.walls import WallManager

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("videowall")
    apply_theme(app)
    settings = SettingsRepository(writer.readers.get()).load(ConsoleSettings)  # a reader, before the loop runs
    language = setup_language(app, settings, opts.lang)  # before the first window: the login dialog
    loop = qasync.QEventLoop(app)
    privacy = sign_in(opts, writer)  # before any camera is shown: the role decides what tiles may show
    if privacy is None:
        return 1
    cameras = register.wait()  # read meanwhile on a worker thread; the loop has not started
    directory = CameraDirectory()
    directory.replace(cameras)
    ptz_views = PtzViews()
    privacy.ptz = ptz_views  # masked PTZ cameras turned away from home are blanked (domain/ptz_masks.py)
    privacy.same_picture = same_picture_groups((c.id, (c.main_url, c.sub_url)) for c in cameras)
    book = StateBook()
    ops = Operations(writer, loop.call_soon_threadsafe)
    layouts = LayoutService(ops)
    buffer_root = opts.db.parent / "buffer"  # pre-event segment rings of every camera on a wall
    walls = Walls(runtime, StreamUrlResolver(writer.readers, opts.key), loop, directory, book, privacy, buffer_root,
                  streams.backoff(), streams.watchdog())
    hooks = TileHooks()
    views: list[WallView] = []
    console = walls.make(views.append, hooks)
    monitor_walls = WallManager(lambda attach: walls.make(attach), layouts)
    ctx = AppContext(opts=opts, qt=app, loop=loop, writer=writer, runtime=runtime, resolver=walls.resolver,
                     privacy=privacy, ptz_views=ptz_views, register=tuple(cameras), directory=directory, book=book,
                     layouts=layouts, ops=ops,
                     language=language, settings=settings, walls=walls, console=console, console_view=views[0],
                     monitor_walls=monitor_walls, tile_hooks=hooks, buffer_root=buffer_root)
    features, briefings, status, cameras_feature = console_features(ctx, demo)
    window = MainWindow(views[0], layouts, monitor_walls, book, opts.db.parent / "snapshots",
                        on_import=cameras_feature.open_import)
    hooks.add(window.on_tile_report)  # first: the window's summary and tiles, then the features' hooks
    stacks_on_signal_and_crash()
    clock = ShutdownClock()
    run = ConsoleRun(ctx, window, briefings, status, clock)
    with loop:
        with ExitStack() as stack:
            for feature in features:
                feature.install(ctx, window)
                stack.callback(clock.step(type(feature).__name__, feature.close))
            exit_code = run.until_stopped()
        # every feature has closed (in reverse): stop the streams, then the window, then background tasks
        clock.step("the walls", walls.close)()
        clock.step("the window", window.close)()  # while the loop still runs: closing may schedule work on it
        for task in ctx.background:
            task.cancel()
        loop.run_until_complete(asyncio.sleep(0))  # let the cancelled tasks finish
        clock.step("background operations", ops.close)()
        clock.end()
    return exit_code


class ConsoleRun:
    """The running console: the loop until a stop is asked (window closed, signal, --quit-after), the
    final screenshot and status file."""

    def __init__(self, ctx: AppContext, window: MainWindow, briefings: BriefingsFeature,
                 status: StatusFeature, clock: ShutdownClock) -> None:
        self._ctx = ctx
        self._clock = clock
        self._window = window
        self._briefings = briefings
        self._status = status
        self.exit_code = 0
        self._stop: asyncio.Future[None] | None = None

    def until_stopped(self) -> int:
        from PySide6.QtCore import QTimer

        ctx = self._ctx
        self._stop = ctx.loop.create_future()
        ctx.qt.lastWindowClosed.connect(self.request_stop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: ctx.loop.call_soon_threadsafe(self.finish))
        heartbeat = QTimer()  # lets Python run its signal handlers while Qt sleeps
        heartbeat.timeout.connect(lambda: None)
        heartbeat.start(200)
        if ctx.opts.quit_after is not None:
            QTimer.singleShot(int(ctx.opts.quit_after * 1000), self.finish)
        ctx.loop.run_until_complete(self._stop)
        heartbeat.stop()
        return self.exit_code

    def request_stop(self) -> None:
        self._clock.begin()
        if self._stop is not None and not self._stop.done():
            self._stop.set_result(None)

    def _front(self) -> QWidget | None:
        """The window the screenshot shows: the wall unless another window was asked for with --open."""
        if not self._ctx.opts.open_window:
            return self._window
        if self._ctx.opts.open_window == "briefing-editor":
            return self._briefings.editor()
        return None

    def finish(self) -> None:
        from PySide6.QtCore import QTimer

        front = self._front()
        if self._ctx.opts.screenshot is not None and front is not None:
            # Without a window manager the console's start-up raise covers a window opened later (the
            # briefing editor); the X server needs a moment to restack before it is grabbed.
            front.raise_()
            front.activateWindow()
            QTimer.singleShot(700, self.finish_now)
        else:
            self.finish_now()

    def finish_now(self) -> None:
        shot = self._ctx.opts.screenshot
        if shot is not None:
            try:
                print(f"screenshot: {grab_screen(shot)}", file=sys.stderr)
            except DisplayError as exc:
                print(f"videowall: {exc}", file=sys.stderr)
                self.exit_code = 1
        try:
            self._status.write_now()
        except OSError as exc:  # a status file that cannot be written must never keep the app running
            print(f"videowall: cannot write the status file: {exc}", file=sys.stderr)
        finally:
            self.request_stop()

