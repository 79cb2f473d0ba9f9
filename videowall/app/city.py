"""The city feature: dashboard + sweep, alerts, favourites, bulk edit, the scheduled report.

It builds the concrete services and widgets and wires them to the console. Also logs the start-up timing.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.domain.access import Permission, require
from videowall.domain.i18n import DEFAULT_TIMEZONE
from videowall.services.register_export import export_whole_register
from videowall.services.report_schedule import ReportSchedule

if TYPE_CHECKING:
    from videowall.ui.city_tools import CityTools
    from videowall.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def process_age() -> float:
    """Seconds since this process started (Linux /proc): the start of the start-up timing."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


class CityFeature(Feature):
    """City scale on the console: dashboard + sweep, alerts, favourites, bulk edit, start-up timing."""

    name = "city"

    def __init__(self) -> None:
        self.tools: CityTools | None = None
        self._ctx: AppContext | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self._ctx = ctx
        self.tools = attach_city(ctx, window)

    def close(self) -> None:
        if self.tools is not None and self._ctx is not None:
            self._ctx.loop.run_until_complete(self.tools.shutdown())  # a running sweep stores what finished

    def status(self) -> dict[str, object]:
        return {"alerts": self.tools.alerts.status_json() if self.tools is not None else None}


def attach_city(ctx: AppContext, window: MainWindow) -> CityTools:
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

    opts, writer, loop, console, user = ctx.opts, ctx.writer, ctx.loop, ctx.console, ctx.user
    count = len(ctx.register)
    city = CityService(writer, user)
    window.tree_model.set_favourites(city.favourites())
    alerts = AlertCenter(window, console, lambda cid: cid in window.tree_model.favourites,
                         AlertRules(debounce_s=dark_debounce_s(writer.readers.get())),
                         acknowledge=lambda alert: acknowledge_alert(writer, user(), alert),
                         who=lambda: user().name, may=lambda: user().can(Permission.ACKNOWLEDGE_ALERTS))
    ctx.tile_hooks.add(alerts.on_tile_report)
    ctx.tile_hooks.add(window.tree_model.on_tile_report)  # the camera tree's state icons
    settings_timer = QTimer(window)  # a changed alerts.dark_debounce_s applies within seconds
    settings_timer.timeout.connect(lambda: ctx.ops.background(lambda: dark_debounce_s(writer.readers.get()),
                                                              alerts.set_debounce, lambda _exc: None))
    settings_timer.start(15000)
    ctx.ops.background(lambda: stored_health(writer.readers.get()), window.tree_model.set_stored_health,
                       lambda exc: log.warning("stored camera health not read: %s", exc))

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
    tools.on_close.append(start_report_schedule(ctx, window).stop)
    return tools


def start_report_schedule(ctx: AppContext, window: MainWindow) -> ReportSchedule:
    """The scheduled availability report (settings report_*), on its own thread; outcomes in the status bar."""
    from videowall.ui.report_status import show_outcome

    bar = window.statusBar()
    return ReportSchedule.for_writer(
        ctx.writer, on_outcome=lambda outcome: ctx.loop.call_soon_threadsafe(show_outcome, bar, outcome)).start()

