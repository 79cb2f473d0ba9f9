"""Composition root: build the parts, start them in order, stop them in reverse.

Read top to bottom, ``run_app`` is the start-up sequence: display, (demo) fleet, database writer,
register, media runtime, Qt + asyncio, window. Every part registers how to stop on one ExitStack,
so Ctrl+C, a crash or ``--quit-after`` all unwind the same way and leave no process behind.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from videowall.config import app_paths
from videowall.demo import DEMO_BRIEFING, DemoSetup
from videowall.display.xserver import DisplayError, VirtualDisplay, grab_screen
from videowall.domain.camera import Camera
from videowall.domain.grid import preset
from videowall.domain.ptz_masks import same_picture_groups
from videowall.domain.stream_state import Backoff
from videowall.media.runtime import MediaRuntime
from videowall.services.audit_anchoring import AuditAnchoring
from videowall.services.backup_schedule import BackupSchedule
from videowall.services.command_source import follow_commands
from videowall.services.feed_settings import apply_feed_settings
from videowall.services.layout_service import CONSOLE_LAYOUT, LayoutService
from videowall.services.live import TileReport
from videowall.services.live_wall import LiveWall
from videowall.services.loop_lag import LoopLagProbe
from videowall.services.operations import Operations
from videowall.services.privacy import PrivacyService
from videowall.services.ptz_views import PtzViews, console_ptz
from videowall.services.status_file import StatusWriter
from videowall.services.stream_return import rtsp_probe
from videowall.services.stream_urls import StreamUrlResolver
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.cameras import CameraRepository
from videowall.storage.errors import StorageError
from videowall.storage.instance_lock import InstanceLock
from videowall.storage.layouts import LayoutRepository
from videowall.storage.readers import ReadConnections
from videowall.storage.walls import SavedWall, WallRepository
from videowall.storage.writer import DatabaseWriter
from videowall.ui.policy_view import gated_actions, reflect

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppOptions:
    db: Path
    key: Path
    layout: str
    screenshot: Path | None
    quit_after: float | None
    status_json: Path | None
    demo: bool
    port: int
    cameras: tuple[str, ...] = ()
    commands: Path | None = None
    open_window: str = ""  # --open dashboard | briefing-editor
    user: str = ""  # --user NAME (or VIDEOWALL_USER): sign in without the dialog
    lang: str = ""  # --lang id|en (else the saved setting, else the system locale)
    present: str = ""  # --present NAME / `videowall present --briefing NAME`: a briefing full screen
    share_database: bool = False  # --share-database: beside other consoles that share it (PTZ locks)


def _options(args: argparse.Namespace) -> AppOptions:
    paths = app_paths()
    default_db = paths.data_dir / ("demo.db" if args.demo else "videowall.db")
    return AppOptions(
        db=Path(args.db) if args.db else default_db,
        key=paths.key_path,
        layout=args.layout or "",
        screenshot=Path(args.screenshot) if args.screenshot else None,
        quit_after=args.quit_after,
        status_json=Path(args.status_json) if args.status_json else None,
        demo=bool(args.demo),
        port=int(getattr(args, "port", 8554)),
        cameras=tuple(c.strip() for c in (getattr(args, "cameras", None) or "").split(",") if c.strip()),
        commands=Path(args.commands) if getattr(args, "commands", None) else None,
        open_window=getattr(args, "open", None) or "",
        user=getattr(args, "user", None) or os.environ.get("VIDEOWALL_USER", ""),
        lang=getattr(args, "lang", None) or "",
        present=getattr(args, "present", None) or getattr(args, "briefing", None) or "",
        share_database=bool(getattr(args, "share_database", False)),
    )


def run_app(args: argparse.Namespace) -> int:
    opts = _options(args)
    with ExitStack() as stack:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            display = stack.enter_context(VirtualDisplay())
            os.environ["DISPLAY"] = display.name
            print(f"no display: running under Xvfb on {display.name}", file=sys.stderr)
            if opts.quit_after is None:  # nobody can see it: take a screenshot and stop
                opts = replace(opts, quit_after=20.0, screenshot=opts.screenshot or Path("videowall-screenshot.png"))
        writer = DatabaseWriter(opts.db)
        try:
            writer.start()
        except StorageError as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return 1
        stack.callback(writer.stop)
        try:  # one console per database (or several that all --share-database); `videowall restore` tests it
            stack.callback(InstanceLock(opts.db, "console", shared=opts.share_database).acquire().release)
        except StorageError as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return 1
        stack.callback(BackupSchedule.for_writer(writer).start().stop)  # copies on a worker thread, if due
        # the audit chain's head, signed, outside the database: every minute and at exit
        stack.callback(AuditAnchoring(writer, app_paths().signing_key_path).start().stop)
        demo: DemoSetup | None = None
        if opts.demo:
            demo = _start_demo_fleet(stack, writer, opts)
            _start_demo_city(stack, writer, opts)
            if not opts.cameras:
                opts = replace(opts, cameras=demo.wall)
        cameras = _read_cameras_soon(writer.readers)  # on a worker thread while Qt and the login start
        # After every ingest has stopped (callbacks run last-in first-out): the pre-event rings hold
        # unmasked video of every camera shown, private ones included; nothing of it outlives the console.
        stack.callback(shutil.rmtree, opts.db.parent / "buffer", ignore_errors=True)
        runtime = MediaRuntime()
        backoff = apply_feed_settings(runtime.feeds, writer)
        stack.callback(runtime.shutdown)
        return _run_qt(opts, cameras, runtime, StreamUrlResolver(writer.readers, opts.key), writer, demo, backoff)
    return 0


def _start_demo_fleet(stack: ExitStack, writer: DatabaseWriter, opts: AppOptions) -> DemoSetup:
    """The fleet, an emulated PTZ camera, a span layout and a tour (see videowall/demo.py)."""
    from videowall.demo import start_demo

    return start_demo(stack, writer, opts.port, opts.db, opts.key)


def _run_qt(
    opts: AppOptions, cameras: list[Camera] | Future[list[Camera]], runtime: MediaRuntime, resolver: StreamUrlResolver,
    writer: DatabaseWriter, demo: DemoSetup | None = None, backoff: Backoff | None = None,
) -> int:
    # qasync takes the first Qt binding it finds; another package's PyQt5 in the environment would
    # win and break the loop ("Timers can only be used with threads started with QThread").
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from videowall.ui.import_dialog import ImportDialog
    from videowall.ui.main_window import MainWindow
    from videowall.ui.ptz_dock import PtzDock
    from videowall.ui.theme import apply_theme
    from videowall.ui.wall_view import WallView
    from videowall.ui.walls import WallManager

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("videowall")
    apply_theme(app)
    from videowall.app_briefing import attach_briefings, setup_language

    language = setup_language(app, writer, opts.lang)  # before the first window: the login dialog
    loop = qasync.QEventLoop(app)
    privacy = _sign_in(opts, writer)  # before any camera is shown: the role decides what tiles may show
    if privacy is None:
        return 1
    if isinstance(cameras, Future):  # read meanwhile on a worker thread
        cameras = cameras.result()
    directory = CameraDirectory()
    directory.replace(cameras)
    ptz_views = PtzViews()  # masked PTZ cameras turned away from home are blanked (domain/ptz_masks.py)
    privacy.ptz = ptz_views
    privacy.same_picture = same_picture_groups((c.id, (c.main_url, c.sub_url)) for c in cameras)
    book = StateBook()
    layouts = LayoutService(Operations(writer, loop.call_soon_threadsafe))
    live_walls: list[LiveWall] = []
    window: MainWindow | None = None
    buffer_root = opts.db.parent / "buffer"  # pre-event segment rings of every camera on a wall

    def make_wall(attach: Callable[[WallView], None], extra: Callable[[TileReport], None] | None = None,
                  ) -> WallController:
        """A wall: its LiveWall (streams + watchdog), controller and view, wired together."""
        views: list[WallView] = []

        def on_change(report: TileReport) -> None:
            book.record(report)
            if views:
                views[0].on_report(report)
            if extra is not None:
                extra(report)

        live = LiveWall(runtime, resolver, loop, on_change, buffer_root=buffer_root, return_probe=rtsp_probe(),
                        backoff=backoff)
        live.guard = privacy
        controller = WallController(live, directory, on_shape=lambda shape: views[0].set_shape(shape))
        view = WallView(controller)
        views.append(view)
        attach(view)
        live.start()
        live_walls.append(live)
        return controller

    tile_hooks: list[Callable[[TileReport], None]] = []  # alerts watch the console's tiles

    def console_report(report: TileReport) -> None:
        if window is not None:
            window.on_tile_report(report)
        for hook in tile_hooks:
            hook(report)

    console_views: list[WallView] = []
    console = make_wall(console_views.append, console_report)
    walls = WallManager(lambda attach: make_wall(attach), layouts)

    def reload_cameras() -> None:
        # Read on the writer thread (it just wrote them); hand the list back to the UI thread.
        future = writer.submit(lambda db: CameraRepository(db).all(), transaction=False)
        future.add_done_callback(lambda f: loop.call_soon_threadsafe(show_cameras, f.result()))

    def show_cameras(cams: list[Camera]) -> None:
        privacy.same_picture = same_picture_groups((c.id, (c.main_url, c.sub_url)) for c in cams)
        if window is not None:
            window.set_cameras(cams)

    def open_import() -> None:
        dialog = ImportDialog(writer, opts.key, lambda: privacy.user, window)
        dialog.imported.connect(reload_cameras)
        dialog.open()

    open_ptz, patrols = console_ptz(writer, opts.key, lambda: privacy.user, ptz_views)  # patrols: park, tours
    ptz_dock = PtzDock(loop, open_ptz, thumbnails_dir=opts.db.parent / "preset-thumbnails", patrols=patrols)
    window = MainWindow(console_views[0], layouts, walls, book, opts.db.parent / "snapshots", on_import=open_import,
                        ptz_dock=ptz_dock)
    from videowall.app_city import attach_city
    from videowall.app_incidents import attach_incidents, review_json
    from videowall.app_joystick import attach_joystick, stop_joystick

    attach_joystick(window, ptz_dock, writer, loop)  # optional: no SDL2 or no stick is a quiet status line

    city = attach_city(opts, window, writer, loop, console, tile_hooks, len(cameras), lambda: privacy.user)
    from videowall.app_cameras import attach_cameras

    close_cameras = attach_cameras(window, writer, opts.key, loop, lambda: privacy.user, reload_cameras)
    _attach_privacy(app, window, privacy, writer, opts)
    incidents, reviews = attach_incidents(window, console, console_views[0], writer, loop, runtime, buffer_root,
                                          privacy, tile_hooks, resolver)
    window.set_cameras(cameras)
    reflect(window, privacy.user)  # every gated action is in place now: offer only what this role may use
    window.show()
    from videowall.app_status import tile_json, walls_json
    from videowall.app_tours import attach_tours, run_demo_tour, tours_status

    tours = attach_tours(window, console, walls, layouts, book, writer, loop, lambda: privacy.user)
    _open_first_layout(opts, writer.readers, window, cameras)
    edit = (DEMO_BRIEFING if opts.demo else "") if opts.open_window == "briefing-editor" else None
    briefings = attach_briefings(app, window, writer, privacy, directory.get, make_wall, runtime, loop, language,
                                 opts.present,
                                 only=not opts.demo, edit=edit)  # `videowall present`: the briefing only
    if demo is not None and opts.cameras == demo.wall:
        run_demo_tour(tours, writer, demo.tour_cameras, demo.tour_tile)
    walls.restore(_saved_walls(writer.readers))
    exit_code = 0
    stop_requested = loop.create_future()

    def request_stop() -> None:
        if not stop_requested.done():
            stop_requested.set_result(None)

    def status() -> dict[str, object]:
        tiles = [tile_json(t.report(), window, "console", t.session) for t in console.live.tiles]
        wall_tiles, wall_list = walls_json(walls, app.screens())
        tiles += wall_tiles
        monitors = [{"label": m.label(), "key": m.key(), "open": is_open} for _s, m, is_open in walls.monitors()]
        return {"tiles": tiles, "walls": wall_list, "monitors": monitors,  # monitors: as the Monitors menu lists them
                "media": {"players": runtime.players, "ingests": runtime.ingests},
                "feeds": runtime.feeds.status(),
                "ptz": window.ptz_status(),
                "joystick": window.joystick.status_json() if window.joystick is not None else None,
                "tours": tours_status(tours),
                "actions": gated_actions(window),
                "loop_lag": asdict(lag_probe.lag()),
                "loop_lag_recent": lag_probe.recent(),  # tests join these into a series over a window of theirs
                "register": {"cameras": len(console.directory.by_id), "tree": window.tree_model.camera_count()},
                "review": review_json(reviews),
                "alerts": city.alerts.status_json()}

    lag_probe = LoopLagProbe()  # UI loop lateness, for the status JSON (benchmarks, soak)
    lag_timer = QTimer()
    lag_timer.timeout.connect(lambda: lag_probe.tick())
    lag_timer.start(int(lag_probe.interval_s * 1000))

    status_writer = StatusWriter(opts.status_json) if opts.status_json is not None else None

    def write_status_soon() -> None:
        if status_writer is not None:
            status_writer.write_soon(loop, status())

    def finish() -> None:
        editor = briefings.editor if opts.open_window == "briefing-editor" else None
        if opts.screenshot is not None and (not opts.open_window or editor is not None):
            # The screenshot shows the wall unless another window was asked for (the briefing editor is
            # raised: without a window manager the console's start-up raise covers it); the X server needs
            # a moment to restack before it is grabbed.
            front = editor if editor is not None else window
            front.raise_()
            front.activateWindow()
            QTimer.singleShot(700, finish_now)
        else:
            finish_now()

    def finish_now() -> None:
        nonlocal exit_code
        if opts.screenshot is not None:
            try:
                path = grab_screen(opts.screenshot)
                print(f"screenshot: {path}", file=sys.stderr)
            except DisplayError as exc:
                print(f"videowall: {exc}", file=sys.stderr)
                exit_code = 1
        try:
            if status_writer is not None:
                status_writer.write_now(status())
        except OSError as exc:  # a status file that cannot be written must never keep the app running
            print(f"videowall: cannot write the status file: {exc}", file=sys.stderr)
        finally:
            request_stop()

    status_timer = QTimer()
    status_timer.timeout.connect(write_status_soon)
    status_timer.start(1000)
    QTimer.singleShot(0, write_status_soon)  # first write as soon as the loop runs: start-up time
    background: list[asyncio.Task[None]] = [loop.create_task(patrols.watch_parks())]  # cancelled at shutdown
    if opts.commands is not None:
        from videowall.ui.command_dispatch import CommandDispatcher

        background.append(loop.create_task(follow_commands(opts.commands, CommandDispatcher(window, walls, layouts))))

    app.lastWindowClosed.connect(request_stop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: loop.call_soon_threadsafe(finish))
    heartbeat = QTimer()  # lets Python run its signal handlers while Qt sleeps
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)
    if opts.quit_after is not None:
        QTimer.singleShot(int(opts.quit_after * 1000), finish)
    with loop:
        loop.run_until_complete(_until_stopped(stop_requested))
        # Remember the walls for the next start, then stop every stream.
        loop.run_until_complete(city.shutdown())  # a running sweep stores what finished, then stops
        incidents.close()
        close_cameras()
        walls.close_all()
        writer.submit(lambda db: LayoutRepository(db).save(console.to_layout(CONSOLE_LAYOUT))).result(10)
        stop_joystick(window)  # no stick event after this
        loop.run_until_complete(patrols.close())
        loop.run_until_complete(window.close_ptz())  # a Stop to a moving camera, then the session
        for live in live_walls:
            live.close()
        window.close()  # while the loop still runs: closing widgets may schedule work on it
        for task in background:
            task.cancel()
        loop.run_until_complete(asyncio.sleep(0))  # let the cancelled watchdog tasks finish
    return exit_code


async def _until_stopped(stop_requested: asyncio.Future[None]) -> None:
    await stop_requested


def _open_first_layout(opts: AppOptions, readers: ReadConnections, window: object, cameras: list[Camera]) -> None:
    """--layout NAME (saved) or a preset; else the console's last wall; else a 2x2 of the first cameras."""
    saved = LayoutRepository(readers.get())
    name = opts.layout or ("" if opts.demo else CONSOLE_LAYOUT)
    layout = saved.load(name) if name else None
    if layout is not None and not opts.cameras:
        window.show_layout(layout)  # type: ignore[attr-defined]
        return
    shape = preset(opts.layout or "") or preset("4x4" if opts.demo else "2x2")
    assert shape is not None
    window.console.apply_shape(shape, _cameras_for_grid(cameras, shape.tile_count, opts.cameras),  # type: ignore[attr-defined]
                               keep=False)


def _saved_walls(readers: ReadConnections) -> list[SavedWall]:
    return WallRepository(readers.get()).all()


def _cameras_for_grid(cameras: list[Camera], count: int, wanted: tuple[str, ...] = ()) -> list[Camera]:
    """The opening wall: the cameras asked for, else the first enabled ones with a stream."""
    if wanted:
        by_id = {c.id: c for c in cameras}
        unknown = [w for w in wanted if w not in by_id]
        if unknown:
            log.warning("not in the register: %s", ", ".join(unknown))
        return [by_id[w] for w in wanted if w in by_id][:count]
    return [c for c in cameras if c.enabled and c.main_url][:count]


def _read_cameras_soon(readers: ReadConnections) -> Future[list[Camera]]:
    """The register read on its own thread and connection: a 10,000-camera read overlaps Qt's start."""
    future: Future[list[Camera]] = Future()

    def work() -> None:
        try:
            future.set_result(CameraRepository(readers.get()).all())
        except BaseException as exc:  # handed to the UI thread, raised there by result()
            future.set_exception(exc)

    threading.Thread(target=work, name="register-read", daemon=True).start()
    return future


def _start_demo_city(stack: ExitStack, writer: DatabaseWriter, opts: AppOptions) -> None:
    """The city register on the load responder, so the demo's dashboard has thousands of cameras."""
    from videowall.demo_city import start_city_demo

    start_city_demo(stack, writer, opts.db, opts.key)



def _sign_in(opts: AppOptions, writer: DatabaseWriter) -> PrivacyService | None:
    """Login before the console opens: ``--user`` + VIDEOWALL_PASSWORD, else the dialog (first run: admin)."""
    from videowall.security.users import UserError
    from videowall.services.access import DEMO_USERS, ensure_demo_users, sign_in, sign_in_from_environment

    if opts.demo and ensure_demo_users(writer):
        print("demo users created (see README: Privacy and access)", file=sys.stderr)
    if opts.demo and not opts.user:
        # The demo signs in as its supervisor (operator rights plus quarantine review and masks), so
        # `make demo` runs unattended; `--user presenter` etc. with VIDEOWALL_PASSWORD tries the others.
        name, _role, password = next(u for u in DEMO_USERS if u[0] == "supervisor")
        user = sign_in(writer, name, password, how="demo")
        print(f"demo: signed in as {name} (try --user operator|liaison|presenter)", file=sys.stderr)
    elif opts.user:
        try:
            user = sign_in_from_environment(writer, opts.user)
        except UserError as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return None
    else:
        from videowall.ui.login_dialog import LoginDialog

        signed_in = LoginDialog.ask(writer)
        if signed_in is None:
            return None
        user = signed_in
    privacy = PrivacyService(writer, opts.db.parent, user)
    privacy.load()
    return privacy


def _attach_privacy(app: object, window: object, privacy: PrivacyService, writer: DatabaseWriter,
                    opts: AppOptions) -> None:
    from videowall.storage.settings import SettingsRepository
    from videowall.ui.privacy_menu import attach_privacy

    minutes = writer.submit(lambda db: SettingsRepository(db).get("session_lock_minutes", 15.0),
                            transaction=False).result(10)
    attach_privacy(app, window, privacy, writer, opts.db, float(minutes))  # type: ignore[arg-type]

