"""A console's wall-map pieces as the app wires them, for the wall-map side tests: the real camera list, a
real local wall (LiveWall over libVLC, cameras that answer nothing so the tiles go offline), the real wall map
dock and WallMapActions, WallAgents on a real broker link, audit rows and saved layouts in a real database.
Input comes as real X events (xdotool) on the test's X server, so a drag is Qt's own QDrag."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.side.mqtt_broker import Broker
from videowall.broker.mqtt import Message
from videowall.domain.access import Role, User, Visibility
from videowall.domain.camera import Camera
from videowall.domain.wall_topics import Topics
from videowall.services.access import audit_event
from videowall.services.layout_service import LayoutService
from videowall.services.operations import Operations
from videowall.services.wall_agents import WallAgents
from videowall.services.wall_presets import WallPresets
from videowall.storage.writer import DatabaseWriter

PRIVATE = "CAM-9"  # a camera this console's user may not see


def cameras() -> list[Camera]:
    return [Camera(f"CAM-{n}", f"Camera {n}", main_url=f"rtsp://127.0.0.1:9/cam{n}/main",
                   sub_url=f"rtsp://127.0.0.1:9/cam{n}/sub") for n in (*range(4), 9)]


class MapConsole:
    """One console: a window with the camera list, a 2x2 local wall and the wall map dock."""

    def __init__(self, tmp: Path, broker: Broker, loop: asyncio.AbstractEventLoop, name: str = "console-1",
                 user: User | None = None, runtime: Any = None, ack_timeout_s: float = 3.0,
                 focused: Camera | None = None, renew_s: float = 10.0) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMainWindow, QSplitter

        from videowall.app.wall_map import WallMapActions
        from videowall.domain.grid import preset
        from videowall.services.live_wall import LiveWall
        from videowall.services.wall_control import CameraDirectory, WallController
        from videowall.ui.camera_panel import CameraPanel
        from videowall.ui.wall_map import WallMapDock
        from videowall.ui.wall_view import WallView

        self.user = user or User("op-1", Role.OPERATOR)
        self.loop = loop
        self.writer = DatabaseWriter(tmp / f"{name}.db")
        self.writer.start()
        self.ops = Operations(self.writer, loop.call_soon_threadsafe)
        self.layouts = LayoutService(self.ops)
        self.cams = cameras()
        directory = CameraDirectory()
        directory.replace(self.cams)

        def visible(camera: Camera) -> Visibility:
            return Visibility.NOT_PERMITTED if camera.id == PRIVATE else Visibility.SHOWN

        self.service = WallAgents(Topics("test"), name, lambda: self.user,
                                  lambda u, a, t, d: audit_event(self.writer, u.name, a, t, d), visible,
                                  loop=loop)
        self.link = broker.link("console", loop, self._message, self.service.connected, f"-{name}")
        self.service.link = self.link
        self.window = QMainWindow()
        self.panel = CameraPanel()
        self.panel.model.set_cameras(self.cams)
        self.panel.tree.expandAll()
        views: list[WallView] = []
        self.live = LiveWall(runtime, lambda c, s: c.url_for(s), loop, lambda r: views[0].on_report(r) if views
                             else None)
        self.wall = WallController(self.live, directory, on_shape=lambda s: views[0].set_shape(s) if views else None)
        views.append(WallView(self.wall))
        self.view = views[0]
        split = QSplitter()
        split.addWidget(self.panel)
        split.addWidget(self.view)
        self.window.setCentralWidget(split)
        self.actions = WallMapActions(self.service, directory.get, lambda: focused, self.layouts)
        self.presets = WallPresets(self.service, self.ops, directory.get, loop, ack_timeout_s=ack_timeout_s)
        self.dock = WallMapDock(self.service, self.actions, self.window, self.presets)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.window.resize(1500, 800)
        self.window.move(0, 0)
        self.window.show()
        self.live.start()
        shape = preset("2x2")
        assert shape is not None
        self.wall.apply_shape(shape, [None, self.cams[3], None, None] if runtime is not None else [], keep=False)
        self.link.start()
        self.renewals = loop.create_task(self.service.renew_loop(renew_s))

    def _message(self, m: Message) -> None:
        self.service.on_message(m.topic, m.payload, m.correlation)

    def online(self, name: str) -> bool:
        view = self.service.agents.get(name)
        return view is not None and view.online

    def audit(self) -> list[tuple[str, str, str, str]]:
        db = self.writer.readers.get()
        return [tuple(r) for r in db.execute("SELECT actor, action, target, detail FROM audit_log ORDER BY id")]

    def close(self) -> None:
        self.renewals.cancel()
        self.link.stop()
        self.live.close()
        self.loop.run_until_complete(asyncio.sleep(0))  # the wall's cancelled watchdog ends
        self.window.close()
        self.ops.close()
        self.writer.stop()


def drag(display: str, start: Any, end: Any) -> subprocess.Popen[bytes]:
    """A left-button drag by the X server's own pointer, from global point ``start`` to ``end``; returns at
    once (Qt runs the drag in its own loop while the test's loop waits for the outcome and for xdotool)."""
    cmd = ["xdotool", "mousemove", str(start.x()), str(start.y()), "mousedown", "1", "sleep", "0.15"]
    for k in range(1, 13):
        x = start.x() + (end.x() - start.x()) * k // 12
        y = start.y() + (end.y() - start.y()) * k // 12
        cmd += ["mousemove", str(x), str(y), "sleep", "0.04"]
    cmd += ["sleep", "0.15", "mouseup", "1"]
    return subprocess.Popen(cmd, env={**os.environ, "DISPLAY": display}, stdout=subprocess.DEVNULL)
