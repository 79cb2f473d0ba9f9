"""The wall map dock (issue 21 item 3) over a real Mosquitto and a real headless agent, driven by real input:
QTest clicks for "Send focused tile to wall", X-server drags (Qt's own QDrag) of a camera from the camera
list, a tile of the local wall and a saved layout onto remote monitor rows. The agent's reported state and
the console's audit table are the truth; a presenter's drop and a camera the user may not see are refused
with the reason; kill -9 shows lost since."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.side.mqtt_broker import Broker, wait_for
from tests.side.test_wall_agents import CAMS, Console, start_agent
from tests.side.wall_map_rig import MapConsole, drag
from videowall.domain.access import Role, User
from videowall.services.wall_agents import SendOutcome


@pytest.fixture
def qt_loop(xdisplay: str) -> Iterator[object]:
    os.environ.update(DISPLAY=xdisplay, QT_QPA_PLATFORM="xcb", QT_API="pyside6")
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    yield loop
    loop.close()


def test_wall_map_lists_agents_sends_the_tile_and_shows_lost(tmp_path: Path, qt_loop: object) -> None:
    import asyncio

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from videowall.app.wall_map import WallMapActions
    from videowall.ui.wall_map import WallMapDock

    assert isinstance(qt_loop, asyncio.AbstractEventLoop)
    loop = qt_loop
    broker = Broker(tmp_path / "broker", ["wallM"])
    broker.start()
    procs = [start_agent(broker, "wallM", tmp_path, "--vout", "dummy", "--monitors", "2")]
    console = Console(broker, loop)
    # the console's focused tile shows CAMS[2]; no saved layouts
    actions = WallMapActions(console.service, {c.id: c for c in CAMS}.get, lambda: CAMS[2],
                             _NoLayouts())  # type: ignore[arg-type]
    dock = WallMapDock(console.service, actions)
    dock.resize(600, 400)
    dock.show()
    try:
        wait_for(loop, lambda: console.online("wallM") and len(console.service.agents["wallM"].reported) == 2, 20,
                 "wallM and its two monitors reported")
        agent_row = dock.tree.topLevelItem(0)
        assert agent_row.text(0) == "wallM" and agent_row.text(1) == "online" and agent_row.childCount() == 2
        monitor_row = agent_row.child(1)
        assert monitor_row.text(0) == "headless monitor 2" and monitor_row.text(1).startswith("2x2: -, -, -, -")
        # pick the second monitor with the mouse, press the button: the camera is on that monitor's first tile
        rect = dock.tree.visualItemRect(monitor_row)
        QTest.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseClick(dock.send_button, Qt.MouseButton.LeftButton)
        assert dock.result.text() == "Camera 2 sent to wallM"
        wait_for(loop, lambda: dock.tree.topLevelItem(0).child(1).text(1).startswith("2x2: CAM-2, -, -, -"), 5,
                 "the map shows the camera on the remote monitor")
        assert dock.tree.topLevelItem(0).child(0).text(1).startswith("2x2: -, -, -, -")  # the other untouched
        assert console.audit[-1][1] == "wall_show" and console.audit[-1][2] == "wallM/headless-2"
        # a presenter's button press is refused by the service, and the dock says why
        console.user = console.user.__class__("pres-1", Role.PRESENTER)
        QTest.mouseClick(dock.send_button, Qt.MouseButton.LeftButton)
        assert dock.result.text().startswith("Refused: pres-1 (role presenter) may not drive walls")
        assert console.audit[-1][:3] == ("pres-1", "wall_show_refused", "wallM/headless-2")
        # kill -9: the map says lost since HH:MM
        procs[0].send_signal(signal.SIGKILL)
        wait_for(loop, lambda: dock.tree.topLevelItem(0).text(1).startswith("lost since "), 12, "map shows lost")
        console.user = console.user.__class__("op-1", Role.OPERATOR)
        rect = dock.tree.visualItemRect(dock.tree.topLevelItem(0).child(0))
        QTest.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseClick(dock.send_button, Qt.MouseButton.LeftButton)
        assert "lost since" in dock.result.text() and dock.result.text().startswith("Refused: ")
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
            p.wait(10)
        console.link.stop()
        broker.stop()
        dock.close()


class _NoLayouts:
    def names(self, done: Any) -> None:
        done([])


class _Presets:
    def names(self, done: Any) -> None:
        done(["Malam"])


class _NoCamera:
    def send_focused(self, agent: str, monitor: str) -> SendOutcome:
        return SendOutcome(SendOutcome.NO_CAMERA)

    def drop(self, agent: str, monitor: str, drop: object, done: Any) -> None:
        done(SendOutcome(SendOutcome.NO_CAMERA))

    def layout_names(self, done: Any) -> None:
        done(["Lobby"])


def _monitor_point(console: MapConsole, row: int) -> Any:
    tree = console.dock.tree
    item = tree.topLevelItem(0).child(row)
    tree.scrollToItem(item)
    return tree.viewport().mapToGlobal(tree.visualItemRect(item).center())


def _camera_point(console: MapConsole, camera_id: str) -> Any:
    model, tree = console.panel.model, console.panel.tree
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        camera = model.data(index, model.CameraRole)
        if getattr(camera, "id", None) == camera_id:
            tree.scrollTo(index)
            return tree.viewport().mapToGlobal(tree.visualRect(index).center())
        stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
    raise AssertionError(f"{camera_id} is not in the camera list")


def _drop(loop: Any, display: str, start: Any, end: Any, console: MapConsole, what: str) -> None:
    before = console.dock.result.text()
    xdo = drag(display, start, end)
    wait_for(loop, lambda: xdo.poll() is not None and console.dock.result.text() not in (before, "")
             and not console.dock.result.text().startswith("Sending"), 10, what)


def test_drag_cameras_tiles_and_layouts_onto_remote_monitors(tmp_path: Path, qt_loop: Any, xdisplay: str,
                                                             ) -> None:
    from videowall.domain.layout import Layout, TileAssignment
    from videowall.media.runtime import MediaRuntime

    loop = qt_loop
    broker = Broker(tmp_path / "broker", ["wallD"])
    broker.start()
    agent = start_agent(broker, "wallD", tmp_path, "--vout", "dummy", "--monitors", "2")
    runtime = MediaRuntime()
    console = MapConsole(tmp_path, broker, loop, runtime=runtime)
    saved: list[object] = []
    console.layouts.save(Layout("Lobby", 3, 3, (TileAssignment(0, "CAM-0"), TileAssignment(4, "CAM-2"))),
                         saved.append)
    try:
        wait_for(loop, lambda: console.online("wallD") and len(console.service.agents["wallD"].reported) == 2
                 and bool(saved), 20, "wallD reported, the layout saved")
        console.dock.refresh_layouts()
        wait_for(loop, lambda: console.dock.layouts.count() == 1, 5, "the saved layout listed in the map")
        wait_for(loop, lambda: console.view.tiles[1]._report is not None
                 and console.view.tiles[1]._report.camera is not None, 10, "the local tile 2 shows CAM-3")

        def reported(key: str) -> list[str]:
            return [t.camera for t in console.service.agents["wallD"].reported[key].tiles]

        # 1. a camera from the camera list onto monitor 2: its first empty tile
        _drop(loop, xdisplay, _camera_point(console, "CAM-1"), _monitor_point(console, 1), console, "camera drop")
        assert console.dock.result.text() == "Camera 1 sent to wallD"
        wait_for(loop, lambda: reported("headless-2") == ["CAM-1", "", "", ""], 5, "CAM-1 on wallD monitor 2")
        assert reported("headless-1") == ["", "", "", ""]
        # 2. a tile of the local wall onto the same monitor: the next empty tile; the local wall keeps it
        tile = console.view.tiles[1]
        _drop(loop, xdisplay, tile.mapToGlobal(tile.rect().center()), _monitor_point(console, 1), console,
              "tile drop")
        assert console.dock.result.text() == "Camera 3 sent to wallD"
        wait_for(loop, lambda: reported("headless-2") == ["CAM-1", "CAM-3", "", ""], 5, "CAM-3 on monitor 2")
        assert console.wall.camera_at(1) is not None and console.wall.camera_at(1).id == "CAM-3"
        # 3. a saved layout from the map's list onto monitor 1: its grid and cameras
        layouts = console.dock.layouts
        item = layouts.item(0)
        _drop(loop, xdisplay, layouts.viewport().mapToGlobal(layouts.visualItemRect(item).center()),
              _monitor_point(console, 0), console, "layout drop")
        assert console.dock.result.text() == "Lobby sent to wallD"
        wait_for(loop, lambda: reported("headless-1") == ["CAM-0", "", "", "", "CAM-2", "", "", "", ""], 5,
                 "Lobby (3x3) on monitor 1")
        assert console.service.agents["wallD"].reported["headless-1"].layout == "3x3"
        # 4. a camera this user may not see: refused with the reason, the monitor unchanged
        _drop(loop, xdisplay, _camera_point(console, "CAM-9"), _monitor_point(console, 0), console, "private drop")
        assert console.dock.result.text() == "Refused: camera CAM-9 may not be shown by op-1"
        # 5. a presenter may not drive walls: the drop is refused with the reason, nothing sent
        console.user = User("pres-1", Role.PRESENTER)
        _drop(loop, xdisplay, _camera_point(console, "CAM-2"), _monitor_point(console, 0), console,
              "presenter drop")
        assert console.dock.result.text().startswith("Refused: pres-1 (role presenter) may not drive walls")
        loop.run_until_complete(__import__("asyncio").sleep(1.0))
        assert reported("headless-1") == ["CAM-0", "", "", "", "CAM-2", "", "", "", ""]
        wait_for(loop, lambda: len(console.audit()) >= 5, 5, "the audit rows written")
        rows = [r for r in console.audit() if r[1].startswith("wall_show")]
        assert [(r[0], r[1], r[2]) for r in rows] == [
            ("op-1", "wall_show", "wallD/headless-2"), ("op-1", "wall_show", "wallD/headless-2"),
            ("op-1", "wall_show", "wallD/headless-1"), ("op-1", "wall_show_refused", "wallD/headless-1"),
            ("pres-1", "wall_show_refused", "wallD/headless-1")]
        assert rows[0][3].startswith("dragged camera CAM-1; layout 2x2; cameras CAM-1,-,-,-")
        assert rows[1][3].startswith("dragged tile 2 (CAM-3); layout 2x2; cameras CAM-1,CAM-3,-,-")
        assert rows[2][3].startswith("dragged layout Lobby; layout 3x3; cameras CAM-0,-,-,-,CAM-2,-,-,-,-")
        assert "may not be shown" in rows[3][3] and "may not drive walls" in rows[4][3]
    finally:
        if agent.poll() is None:
            agent.terminate()
        agent.wait(10)
        console.close()
        runtime.shutdown()
        broker.stop()


def test_wall_map_in_bahasa_indonesia(qt_loop: object) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.unit.english_check import english_texts
    from videowall.domain.access import User
    from videowall.domain.wall_topics import LOST, READY, AgentState, Lease, MonitorInfo, Reported, TileShown, Topics
    from videowall.services.wall_agents import WallAgents
    from videowall.ui.language import Language
    from videowall.ui.wall_map import WallMapDock

    language = Language(QApplication.instance())  # type: ignore[arg-type]
    assert language.install("id")
    try:
        topics = Topics("t")
        service = WallAgents(topics, "c", lambda: User("op", Role.OPERATOR), lambda *_: None)
        for name, state in (("wallA", READY), ("wallB", LOST)):
            service.on_message(topics.state(name), AgentState(name, state, (MonitorInfo("k1", "DP-1"),)).to_json())
        service.on_message(topics.monitor("wallA", "k1", "reported"),
                           Reported("2x2", 1, (TileShown(0, "CAM-1", "live"),)).to_json())
        from videowall.services.wall_presets import MonitorResult

        service.on_message(topics.monitor("wallA", "k1", "lease"),
                           Lease("console-9", "op-9", "supervisor", time.time() + 30).to_json())
        dock = WallMapDock(service, _NoCamera(), None, _Presets())  # type: ignore[arg-type]
        held = dock.tree.topLevelItem(0).child(0).text(1)
        assert held.endswith(" · dikendalikan oleh op-9 (supervisor) di console-9")
        dock.send_button.click()
        assert dock.presets is not None
        dock.presets._progress("Malam", [MonitorResult("wallA", "k1", "wallA / DP-1", MonitorResult.ACCEPTED),
                                         MonitorResult("wallA", "k2", "wallA / DP-1", MonitorResult.WAITING),
                                         MonitorResult("wallB", "k1", "wallB / DP-1", MonitorResult.REFUSED, "-")])
        texts = [dock.presets.results.item(i).text() for i in range(3)]
        assert texts == ["wallA / DP-1: ditampilkan", "wallA / DP-1: menunggu agen", "wallB / DP-1: ditolak: -"]
        dock.presets._progress("Malam", [MonitorResult("wallA", "k1", "wallA / DP-1", MonitorResult.ACCEPTED)])
        assert dock.presets.status.text() == "Preset Malam: 1 ditampilkan, 0 ditolak"
        assert dock.windowTitle() == "Peta dinding video"
        assert dock.tree.topLevelItem(1).text(1).startswith("hilang sejak ")
        assert english_texts(dock, allowed=["wallA", "wallB", "DP-1", "CAM-1", "Lobby", "Malam", "op-9",
                                                "console-9", "supervisor"]) == []
        dock.close()
    finally:
        language.install("en")
