"""Composition root: build the parts, start them in order, stop them in reverse.

Read top to bottom, ``run_app`` is the start-up sequence: display, (demo) fleet, database writer,
register, media runtime, Qt + asyncio, window. Every part registers how to stop on one ExitStack,
so Ctrl+C, a crash or ``--quit-after`` all unwind the same way and leave no process behind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from videowall.config import app_paths
from videowall.display.xserver import DisplayError, VirtualDisplay, grab_screen
from videowall.domain.camera import Camera
from videowall.domain.grid import preset
from videowall.media.runtime import MediaRuntime
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.command_source import follow_commands
from videowall.services.layout_service import CONSOLE_LAYOUT, LayoutService
from videowall.services.live import LiveWall, TileReport
from videowall.services.operations import Operations
from videowall.services.register_import import import_register
from videowall.services.stream_urls import StreamUrlResolver
from videowall.services.wall_control import CameraDirectory, StateBook, WallController
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import StorageError
from videowall.storage.layouts import LayoutRepository
from videowall.storage.walls import SavedWall, WallRepository
from videowall.storage.writer import DatabaseWriter

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
        if opts.demo:
            healthy = _start_demo_fleet(stack, writer, opts)
            if not opts.cameras:
                opts = replace(opts, cameras=healthy)
        cameras = CameraRepository(open_database(opts.db, migrate=False)).all()
        runtime = MediaRuntime()
        stack.callback(runtime.shutdown)
        return _run_qt(opts, cameras, runtime, StreamUrlResolver(opts.db, opts.key), writer)
    return 0


def _start_demo_fleet(stack: ExitStack, writer: DatabaseWriter, opts: AppOptions) -> tuple[str, ...]:
    """Start the simulated fleet, load it as the demo register; returns the healthy cameras' ids."""
    from videowall.sim.fleet import Fleet

    print("starting the simulated camera fleet (the first run generates its clips)...", file=sys.stderr)
    def progress(done: int, total: int, what: str) -> None:
        print(f"  clips {done}/{total} {what}", file=sys.stderr)

    fleet = stack.enter_context(Fleet(port=opts.port, progress=progress))
    fleet.start(timeout=90)
    register = opts.db.parent / "demo-fleet.csv"
    register.parent.mkdir(parents=True, exist_ok=True)
    fleet.write_csv(register)
    key = KeyFile(opts.key)
    report = writer.submit(
        lambda db: import_register(register, db, CredentialStore(db, key), valid_only=True), transaction=False
    ).result()
    print(f"demo register: {report.imported} fleet cameras", file=sys.stderr)
    return tuple(c.id for c in fleet.cameras if not c.fault)


def _run_qt(
    opts: AppOptions, cameras: list[Camera], runtime: MediaRuntime, resolver: StreamUrlResolver,
    writer: DatabaseWriter,
) -> int:
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from videowall.ui.import_dialog import ImportDialog
    from videowall.ui.main_window import MainWindow
    from videowall.ui.theme import apply_theme
    from videowall.ui.wall_view import WallView
    from videowall.ui.walls import WallManager

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("videowall")
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    directory = CameraDirectory()
    directory.replace(cameras)
    book = StateBook()
    layouts = LayoutService(Operations(writer, loop.call_soon_threadsafe))
    live_walls: list[LiveWall] = []
    window: MainWindow | None = None

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

        live = LiveWall(runtime, resolver, loop, on_change)
        controller = WallController(live, directory, on_shape=lambda shape: views[0].set_shape(shape))
        view = WallView(controller)
        views.append(view)
        attach(view)
        live.start()
        live_walls.append(live)
        return controller

    def console_report(report: TileReport) -> None:
        if window is not None:
            window.on_tile_report(report)

    console_views: list[WallView] = []
    console = make_wall(console_views.append, console_report)
    walls = WallManager(lambda attach: make_wall(attach), layouts)

    def reload_cameras() -> None:
        # Read on the writer thread (it just wrote them); hand the list back to the UI thread.
        future = writer.submit(lambda db: CameraRepository(db).all(), transaction=False)
        future.add_done_callback(lambda f: loop.call_soon_threadsafe(show_cameras, f.result()))

    def show_cameras(cams: list[Camera]) -> None:
        if window is not None:
            window.set_cameras(cams)

    def open_import() -> None:
        dialog = ImportDialog(writer, opts.key, window)
        dialog.imported.connect(reload_cameras)
        dialog.open()

    window = MainWindow(console_views[0], layouts, walls, book, opts.db.parent / "snapshots", on_import=open_import)
    window.set_cameras(cameras)
    window.show()
    console.live.tickers.append(window.tick_tour)
    _open_first_layout(opts, window, cameras)
    walls.restore(_saved_walls(opts.db))
    exit_code = 0
    stop_requested = loop.create_future()

    def request_stop() -> None:
        if not stop_requested.done():
            stop_requested.set_result(None)

    def status() -> dict[str, object]:
        tiles = [_tile_json(t.report(), window, "console") for t in console.live.tiles]
        wall_list = []
        for key, wall_window in walls.windows.items():
            tiles += [_tile_json(t.report(), None, key) for t in wall_window.view.controller.live.tiles]
            g = wall_window.geometry()
            wall_list.append({"key": key, "monitor": wall_window.monitor.label(),
                              "screen_size": [wall_window.monitor.width, wall_window.monitor.height],
                              "geometry": [g.x(), g.y(), g.width(), g.height()]})
        return {"tiles": tiles, "walls": wall_list,
                "media": {"players": runtime.players, "ingests": runtime.ingests}}

    def write_status_soon() -> None:
        if opts.status_json is not None:
            snapshot = status()
            loop.run_in_executor(None, write_status, opts.status_json, snapshot)

    def finish() -> None:
        nonlocal exit_code
        if opts.screenshot is not None:
            try:
                path = grab_screen(opts.screenshot)
                print(f"screenshot: {path}", file=sys.stderr)
            except DisplayError as exc:
                print(f"videowall: {exc}", file=sys.stderr)
                exit_code = 1
        if opts.status_json is not None:
            write_status(opts.status_json, status())
        request_stop()

    status_timer = QTimer()
    status_timer.timeout.connect(write_status_soon)
    status_timer.start(1000)
    if opts.commands is not None:
        from videowall.ui.command_dispatch import CommandDispatcher

        loop.create_task(follow_commands(opts.commands, CommandDispatcher(window, walls, layouts)))

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
        walls.close_all()
        writer.submit(lambda db: LayoutRepository(db).save(console.to_layout(CONSOLE_LAYOUT))).result(10)
        for live in live_walls:
            live.close()
        loop.run_until_complete(asyncio.sleep(0))  # let the cancelled watchdog tasks finish
    window.close()
    return exit_code


async def _until_stopped(stop_requested: asyncio.Future[None]) -> None:
    await stop_requested


def _open_first_layout(opts: AppOptions, window: object, cameras: list[Camera]) -> None:
    """--layout NAME (saved) or a preset; else the console's last wall; else a 2x2 of the first cameras."""
    saved = LayoutRepository(open_database(opts.db, migrate=False))
    name = opts.layout or ("" if opts.demo else CONSOLE_LAYOUT)
    layout = saved.load(name) if name else None
    if layout is not None and not opts.cameras:
        window.show_layout(layout)  # type: ignore[attr-defined]
        return
    shape = preset(opts.layout or "") or preset("4x4" if opts.demo else "2x2")
    assert shape is not None
    window.console.apply_shape(shape, _cameras_for_grid(cameras, shape.tile_count, opts.cameras),  # type: ignore[attr-defined]
                               keep=False)


def _saved_walls(db: Path) -> list[SavedWall]:
    return WallRepository(open_database(db, migrate=False)).all()


def _cameras_for_grid(cameras: list[Camera], count: int, wanted: tuple[str, ...] = ()) -> list[Camera]:
    """The opening wall: the cameras asked for, else the first enabled ones with a stream."""
    if wanted:
        by_id = {c.id: c for c in cameras}
        unknown = [w for w in wanted if w not in by_id]
        if unknown:
            log.warning("not in the register: %s", ", ".join(unknown))
        return [by_id[w] for w in wanted if w in by_id][:count]
    return [c for c in cameras if c.enabled and c.main_url][:count]


def _tile_json(report: TileReport, window: object | None, wall: str) -> dict[str, object]:
    status = report.status
    geometry = window.tile_geometry(report.index) if window is not None else None  # type: ignore[attr-defined]
    return {
        "wall": wall,
        "index": report.index,
        "camera_id": report.camera.id if report.camera else None,
        "camera_name": report.camera.name if report.camera else None,
        "stream": report.stream.value,
        "state": status.state.value,
        "reason": status.reason.value if status.reason else None,
        "detail": status.detail,
        "fps": round(report.fps, 2),
        "first_live_s": report.first_live_s,
        "history": [list(h) for h in report.history],
        "geometry": geometry,
    }


def write_status(path: Path, status: dict[str, object]) -> None:
    """Atomically write the wall's state (every second and at exit) for tests and benchmarks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(status, indent=1), encoding="utf-8")
    tmp.replace(path)
