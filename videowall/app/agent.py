"""``videowall agent``: a wall PC obeying the broker (issue 21 item 1).

``videowall agent --broker mqtt://HOST:PORT --name NAME --credentials FILE [--site SITE] [--vout dummy]``
opens a frameless full-screen wall on each of this PC's monitors (the console's wall window, view and
tiles), or with ``--vout dummy`` none at all (no Qt, no decoding: the headless scale test). It needs no
database: the streams come with the desired state (the register's credential-free URLs) and the last
desired state of each monitor is cached under ``--cache DIR`` (default: the user cache directory).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.app.city_time import use_city_time
from videowall.broker.mqtt import (
    BrokerConfigError,
    BrokerLink,
    BrokerUrl,
    Credentials,
    Message,
    Will,
    read_credentials,
)
from videowall.domain.camera import Camera, StreamKind
from videowall.domain.grid import GridShape
from videowall.domain.i18n import DEFAULT_TIMEZONE
from videowall.domain.wall_topics import MonitorInfo, Topics
from videowall.services.live import TileReport
from videowall.services.wall_agent import AgentCore, ControllerSink, HeadlessSink, MonitorSink

if TYPE_CHECKING:
    from videowall.ui.wall_view import WallView

log = logging.getLogger(__name__)
WILL_DELAY_S = 5  # a drop shorter than this does not flap the agent to lost


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("agent", help="run a wall PC's monitors as told by the wall broker (MQTT)")
    p.add_argument("--broker", required=True, metavar="mqtt[s]://HOST:PORT", help="the wall broker (mqtts: TLS)")
    p.add_argument("--ca-file", type=Path, metavar="FILE", help="with mqtts://: the CA that signed the broker's "
                   "certificate (else the system's CAs)")
    p.add_argument("--name", required=True, help="this agent's name on the broker (its account's name too)")
    p.add_argument("--credentials", required=True, type=Path, metavar="FILE",
                   help="USERNAME:PASSWORD for the broker, in a file only its owner may read (chmod 600)")
    p.add_argument("--site", default="default", help="the control room's site word in the topic tree")
    p.add_argument("--vout", choices=("x11", "dummy"), default="x11",
                   help="dummy: no windows and no decoding (headless tests)")
    p.add_argument("--monitors", type=int, default=1, help="with --vout dummy: how many monitors to pretend")
    p.add_argument("--cache", type=Path, help="where the last desired state of each monitor is kept")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help="quit after this many seconds")
    p.add_argument("--tz", default=DEFAULT_TIMEZONE, metavar="ZONE",
                   help="the city's time zone for the tiles' clocks (default: %(default)s, as the consoles')")
    p.set_defaults(func=run_agent)


def run_agent(args: argparse.Namespace) -> int:
    try:
        url = BrokerUrl.parse(args.broker, args.ca_file)
        credentials = read_credentials(args.credentials)
    except (BrokerConfigError, OSError) as exc:
        print(f"videowall agent: {exc}", file=sys.stderr)
        return 2
    cache = args.cache or _cache_dir() / "agent" / args.name
    use_city_time(args.tz)  # the tiles' clocks in city time, as on the consoles (they said UTC beside WIB)
    topics = Topics(args.site)
    if args.vout == "dummy":
        loop = asyncio.new_event_loop()
        sinks: list[MonitorSink] = [HeadlessSink(MonitorInfo(f"headless-{n + 1}", f"headless monitor {n + 1}"))
                                    for n in range(max(1, args.monitors))]
        core = AgentCore(args.name, topics, sinks, cache)
        return _serve(core, loop, url, credentials, args.quit_after)
    return _run_windows(args, url, credentials, topics, cache)


def _run_windows(args: argparse.Namespace, url: BrokerUrl, credentials: Credentials, topics: Topics,
                 cache: Path) -> int:
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from videowall.media.runtime import MediaRuntime
    from videowall.services.live_wall import LiveWall
    from videowall.services.wall_control import CameraDirectory, WallController
    from videowall.ui.theme import apply_theme
    from videowall.ui.wall_view import WallView
    from videowall.ui.wall_window import WallWindow, monitor_ids

    app = QApplication(sys.argv[:1])
    app.setApplicationName("videowall-agent")
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    runtime = MediaRuntime()
    screens = app.screens()
    windows: list[WallWindow] = []
    lives: list[LiveWall] = []
    sinks: list[MonitorSink] = []
    for screen, monitor in zip(screens, monitor_ids(screens), strict=True):
        holder = _ViewHolder()
        live = LiveWall(runtime, _plain_url, loop, holder.report, buffer_root=None)
        controller = WallController(live, CameraDirectory(), on_shape=holder.shape)
        view = WallView(controller)
        holder.view = view
        windows.append(WallWindow(view, screen))
        live.start()
        lives.append(live)
        g = screen.geometry()
        sinks.append(ControllerSink(MonitorInfo(monitor.key(), monitor.label(), g.width(), g.height()), controller))
    core = AgentCore(args.name, topics, sinks, cache)
    heartbeat = QTimer()  # lets Python run its signal handlers while Qt sleeps
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(200)
    with loop:
        code = _serve(core, loop, url, credentials, args.quit_after, run=False)
        for live in lives:
            live.close()
        for window in windows:
            window.close()
        loop.run_until_complete(asyncio.sleep(0.1))
    runtime.shutdown()
    return code


@dataclass
class _ViewHolder:
    """A wall's view, known once built: reports and shapes before it exists are dropped."""

    view: WallView | None = None

    def report(self, report: TileReport) -> None:
        if self.view is not None:
            self.view.on_report(report)

    def shape(self, shape: GridShape) -> None:
        if self.view is not None:
            self.view.set_shape(shape)


def _plain_url(camera: Camera, stream: StreamKind) -> str:
    """An agent plays the register's URL as sent: no credentials on the broker (a relay serves protected ones)."""
    return camera.url_for(stream)


def _serve(core: AgentCore, loop: asyncio.AbstractEventLoop, url: BrokerUrl, credentials: Credentials,
           quit_after: float | None, run: bool = True) -> int:
    asyncio.set_event_loop(loop)
    will_topic, will_payload = core.will()
    link = BrokerLink(url, f"videowall-agent-{core.name}", credentials, loop.call_soon_threadsafe,
                      on_message=lambda m: _deliver(core, m), on_connect=core.connected,
                      will=Will(will_topic, will_payload, WILL_DELAY_S))
    core.link = link
    core.show_cached()  # the wall is up before the broker answers
    stop: asyncio.Future[None] = loop.create_future()

    def finish() -> None:
        if not stop.done():
            stop.set_result(None)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: loop.call_soon_threadsafe(finish))
    if quit_after is not None:
        loop.call_later(quit_after, finish)
    link.start()
    reports = loop.create_task(core.report_loop(lambda: link.connected))
    try:
        loop.run_until_complete(stop)
    finally:
        reports.cancel()
        link.stop(farewell=core.will())  # a closed agent is lost at once, not after the will delay
        if run:
            loop.run_until_complete(asyncio.sleep(0))
            loop.close()
    return 0


def _deliver(core: AgentCore, message: Message) -> None:
    core.on_message(message.topic, message.payload, message.response_topic, message.correlation)


def _cache_dir() -> Path:
    home = os.environ.get("VIDEOWALL_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("videowall"))
