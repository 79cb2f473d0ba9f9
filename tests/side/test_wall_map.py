"""The wall map dock (issue 21 item 3) with QTest clicks, over a real Mosquitto and a real headless agent:
agents and monitors listed with what they show, "Send focused tile to wall", a presenter refused, lost since."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.side.mqtt_broker import Broker, wait_for
from tests.side.test_wall_agents import CAMS, Console, start_agent
from videowall.domain.access import AccessDenied, Role
from videowall.services.wall_agents import SendOutcome, WallRefused


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

    from videowall.ui.wall_map import WallMapDock

    assert isinstance(qt_loop, asyncio.AbstractEventLoop)
    loop = qt_loop
    broker = Broker(tmp_path / "broker", ["wallM"])
    broker.start()
    procs = [start_agent(broker, "wallM", tmp_path, "--vout", "dummy", "--monitors", "2")]
    console = Console(broker, loop)

    def send(agent: str, monitor: str) -> SendOutcome:  # the console's focused tile shows CAMS[2]
        try:
            console.service.send_to_wall(agent, monitor, 0, CAMS[2])
        except (WallRefused, AccessDenied) as exc:
            return SendOutcome(SendOutcome.REFUSED, str(exc))
        return SendOutcome(SendOutcome.SENT, CAMS[2].name)

    dock = WallMapDock(console.service, send)
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


def test_wall_map_in_bahasa_indonesia(qt_loop: object) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.unit.english_check import english_texts
    from videowall.domain.access import User
    from videowall.domain.wall_topics import LOST, READY, AgentState, MonitorInfo, Reported, TileShown, Topics
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
        dock = WallMapDock(service, lambda a, m: SendOutcome(SendOutcome.NO_CAMERA))
        dock.send_button.click()
        assert dock.windowTitle() == "Peta dinding video"
        assert dock.tree.topLevelItem(1).text(1).startswith("hilang sejak ")
        assert english_texts(dock, allowed=["wallA", "wallB", "DP-1", "CAM-1"]) == []
        dock.close()
    finally:
        language.install("en")
