"""Composition of the console's city-scale parts: dashboard + sweep, alerts, favourites, bulk edit.

Part of the composition root (like ``app``): it builds the concrete services and widgets and wires
them to the console, so ``app.py`` only calls ``attach_city``. Also logs the start-up timing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.domain.access import Permission, User, require
from videowall.domain.i18n import DEFAULT_TIMEZONE
from videowall.services.live import TileReport
from videowall.services.register_export import export_whole_register
from videowall.services.report_schedule import ReportSchedule
from videowall.services.wall_control import WallController
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from videowall.app import AppOptions
    from videowall.ui.city_tools import CityTools

log = logging.getLogger(__name__)


def process_age() -> float:
    """Seconds since this process started (Linux /proc): the start of the start-up timing."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def attach_city(opts: AppOptions, window: object, writer: DatabaseWriter, loop: asyncio.AbstractEventLoop,
                 console: WallController, tile_hooks: list[Callable[[TileReport], None]], count: int,
                 user: Callable[[], User]) -> CityTools:
    """City scale on the console: dashboard + sweep, alerts, favourites, bulk edit, start-up timing."""
    from PySide6.QtCore import QTimer

    from videowall.domain.alerts import AlertRules
    from videowall.domain.health import HealthAlert
    from videowall.services.alerts import acknowledge_alert, dark_debounce_s, stored_health
    from videowall.services.city import CityService, load_dashboard, make_sweeper
    from videowall.services.report_command import write_report
    from videowall.services.sweep import SweepProgress, SweepResult
    from videowall.ui.alerts import AlertCenter
    from videowall.ui.city_tools import CityTools, FirstPaint
    from videowall.ui.dashboard import DashboardActions
    from videowall.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    city = CityService(writer, user)
    window.tree_model.set_favourites(city.favourites())
    alerts = AlertCenter(window, console, lambda cid: cid in window.tree_model.favourites,
                         AlertRules(debounce_s=dark_debounce_s(writer.readers.get())),
                         acknowledge=lambda alert: acknowledge_alert(writer, user(), alert),
                         who=lambda: user().name, may=lambda: user().can(Permission.ACKNOWLEDGE_ALERTS))
    tile_hooks.append(alerts.on_tile_report)
    tile_hooks.append(window.tree_model.on_tile_report)  # the camera tree's state icons
    settings_timer = QTimer(window)  # a changed alerts.dark_debounce_s applies within seconds
    settings_timer.timeout.connect(lambda: loop.run_in_executor(None, lambda: dark_debounce_s(writer.readers.get()))
                                   .add_done_callback(lambda f: f.exception() or loop.call_soon_threadsafe(
                                       alerts.set_debounce, f.result())))
    settings_timer.start(15000)
    loop.run_in_executor(None, lambda: stored_health(writer.readers.get())).add_done_callback(
        lambda f: f.exception() or loop.call_soon_threadsafe(window.tree_model.set_stored_health, f.result()))

    def on_health_alert(alert: HealthAlert) -> None:
        alerts.on_health_alert(alert)
        window.tree_model.set_health(alert.camera_id, alert.record.state)

    sweeper, close_credentials = make_sweeper(writer, opts.key, on_alert=on_health_alert)  # on the UI loop

    async def sweep(progress: Callable[[SweepProgress], None]) -> SweepResult:
        require(user(), Permission.RUN_SWEEP)  # as `videowall sweep` asks; the button is hidden for others too
        sweeper.on_progress = progress
        try:
            result = await sweeper.sweep(list(console.directory.by_id.values()))  # the whole register
            for record in result.records.values():
                window.tree_model.set_health(record.camera_id, record.state)
            return result
        finally:
            sweeper.on_progress = None

    def open_camera(camera_id: str) -> None:
        console.open_camera(camera_id)
        window.raise_()
        window.activateWindow()

    actions = DashboardActions(
        load=lambda: loop.run_in_executor(None, load_dashboard, writer.readers),
        sweep=sweep,
        report=lambda out, area: loop.run_in_executor(None, write_report, writer, user(), out, area),
        open_camera=open_camera,
        may=lambda permission: user().can(permission),
        export_register=lambda path: loop.run_in_executor(None, export_whole_register, writer, user(), path),
        tz_name=os.environ.get("TZ") or DEFAULT_TIMEZONE,  # the city's zone, as use_city_time set it
    )
    tools = CityTools(window, window.camera_panel, city, actions, alerts, loop.call_soon_threadsafe,
                      window.set_cameras)

    def painted() -> None:
        age = process_age()
        log.info("startup: console first paint %.2f s after process start (%d cameras)", age, count)
        print(f"startup: console first paint {age:.2f} s after process start ({count} cameras)", file=sys.stderr)
        if opts.open_window == "dashboard" or opts.demo:
            dashboard = tools.open_dashboard()
            if opts.open_window != "dashboard":  # the demo's dashboard waits behind: the console is in front
                window.raise_()
                window.activateWindow()
            if opts.demo:  # once start-up work is done: probes on a busy UI loop would time out
                QTimer.singleShot(3000, dashboard.start_sweep)

    first = FirstPaint(window.tree.viewport(), painted)

    def tree_ready() -> None:  # a big register's tree is built on a worker thread: when it shows
        window.tree_model.ready.disconnect(tree_ready)
        age = process_age()
        log.info("startup: camera tree ready %.2f s after process start (%d cameras)", age, count)
        print(f"startup: camera tree ready {age:.2f} s after process start ({count} cameras)", file=sys.stderr)

    window.tree_model.ready.connect(tree_ready)
    QTimer.singleShot(15000, first.fire)  # the camera list hidden (dock closed): still open what was asked
    tools.on_close.append(close_credentials)
    tools.on_close.append(start_report_schedule(writer, loop, window).stop)
    return tools


def start_report_schedule(writer: DatabaseWriter, loop: asyncio.AbstractEventLoop, window: object) -> ReportSchedule:
    """The scheduled availability report (settings report_*), on its own thread; outcomes in the status bar."""
    from videowall.ui.main_window import MainWindow
    from videowall.ui.report_status import show_outcome

    assert isinstance(window, MainWindow)
    bar = window.statusBar()
    return ReportSchedule.for_writer(
        writer, on_outcome=lambda outcome: loop.call_soon_threadsafe(show_outcome, bar, outcome)).start()

