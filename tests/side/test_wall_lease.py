"""Control leases per monitor (issue 21 item 3) with two consoles' wall map docks on one real Mosquitto and a
real headless agent, by QTest clicks: one console takes control, the other's dock says "controlled by", its
sends are refused; the agent itself refuses a desired state and a command from the non-holder (enforcement
is not only in the UI); an operator may not take over, a supervisor may (audited); release frees it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from tests.side.mqtt_broker import Broker, wait_for
from tests.side.test_wall_agents import start_agent
from tests.side.test_wall_map import qt_loop  # noqa: F401 (the fixture)
from tests.side.wall_map_rig import MapConsole, cameras
from videowall.domain.access import Role, User
from videowall.domain.wall_topics import ACCEPTED, REFUSED, Desired, Source

KEY = "headless-1"


def _click(console: MapConsole, button: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    tree = console.dock.tree
    row = tree.topLevelItem(0).child(0)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(row).center())
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _row(console: MapConsole) -> str:
    return str(console.dock.tree.topLevelItem(0).child(0).text(1))


def test_one_console_controls_a_monitor_a_supervisor_takes_over(tmp_path: Path, qt_loop: Any) -> None:  # noqa: F811
    loop: asyncio.AbstractEventLoop = qt_loop
    broker = Broker(tmp_path / "broker", ["wallL"])
    broker.start()
    agent = start_agent(broker, "wallL", tmp_path, "--vout", "dummy")
    cams = cameras()
    a = MapConsole(tmp_path, broker, loop, "console-A", User("op-1", Role.OPERATOR), focused=cams[1])
    b = MapConsole(tmp_path, broker, loop, "console-B", User("op-2", Role.OPERATOR), focused=cams[2])

    def shown() -> list[str]:
        return [t.camera for t in a.service.agents["wallL"].reported[KEY].tiles]

    try:
        wait_for(loop, lambda: all(c.online("wallL") and KEY in c.service.agents["wallL"].reported for c in (a, b)),
                 20, "both consoles see wallL")
        # A takes control: A's dock says it, B's dock names the holder (from the agent's retained lease)
        _click(a, a.dock.take_button)
        wait_for(loop, lambda: a.dock.result.text() == "You control wallL / headless monitor 1", 5,
                 lambda: "A controls: " + a.dock.result.text())
        wait_for(loop, lambda: _row(b).endswith("· controlled by op-1 (operator) at console-A"), 5, "B sees it")
        assert _row(a).endswith("· controlled by you")
        # A sends; B's send is refused by B's service with the holder's name
        _click(a, a.dock.send_button)
        wait_for(loop, lambda: shown()[:1] == ["CAM-1"], 5, "A's camera on the wall")
        _click(b, b.dock.send_button)
        assert b.dock.result.text() == "Refused: wallL/headless-1 is controlled by op-1 (operator) at console-A"
        # the agent enforces it too: a desired state published by B past its service, and a command
        rev = 424242
        desired = Desired("1x1", (Source.of(cams[2]),), rev, "op-2", 0.0, "console-B", "operator")
        b.link.publish(b.service.topics.monitor("wallL", KEY, "desired"), desired.to_json(), retain=True)
        wait_for(loop, lambda: a.service.agents["wallL"].reported[KEY].refused_rev == rev, 5, "agent refused")
        report = a.service.agents["wallL"].reported[KEY]
        assert report.refused_reason.startswith("controlled by op-1 (operator) at console-A")
        assert report.layout == "2x2" and shown()[:1] == ["CAM-1"]  # the wall still shows A's
        ack = loop.run_until_complete(b.service.command("wallL", {"cmd": "clear", "tile": 0, "wall": KEY}))
        assert ack.result == REFUSED and ack.reason.startswith("controlled by op-1 (operator) at console-A")
        # an operator may not take over (the service refuses, audited); a supervisor may
        _click(b, b.dock.take_button)
        assert b.dock.result.text() == ("Refused: op-2 (role operator) may not take control of a wall from "
                                        "another console")
        b.user = User("sup-1", Role.SUPERVISOR)
        _click(b, b.dock.take_button)
        wait_for(loop, lambda: b.dock.result.text().startswith("You control wallL / headless monitor 1, taken over "
                                                               "from op-1 (operator) at console-A"), 5, "take-over")
        wait_for(loop, lambda: _row(a).endswith("· controlled by sup-1 (supervisor) at console-B"), 5, "A sees it")
        _click(a, a.dock.send_button)
        assert a.dock.result.text() == "Refused: wallL/headless-1 is controlled by sup-1 (supervisor) at console-B"
        ack = loop.run_until_complete(a.service.command("wallL", {"cmd": "clear", "tile": 0, "wall": KEY}))
        assert ack.result == REFUSED  # and the agent refuses A now
        _click(b, b.dock.send_button)
        wait_for(loop, lambda: shown()[:1] == ["CAM-2"], 5, "the supervisor's camera on the wall")
        # release: nobody controls it; A may send again
        _click(b, b.dock.release_button)
        wait_for(loop, lambda: b.dock.result.text() == "You released wallL / headless monitor 1", 5, "released")
        wait_for(loop, lambda: "controlled by" not in _row(a), 5, "A sees it free")
        ack = loop.run_until_complete(a.service.command("wallL", {"cmd": "clear", "tile": 0, "wall": KEY}))
        assert ack.result == ACCEPTED
        # the audit trails: every command, the refused and the done take-over
        wait_for(loop, lambda: any(r[1] == "wall_takeover" for r in b.audit()), 5, "B's audit")
        b_rows = [r[:3] for r in b.audit()]
        assert ("op-2", "wall_takeover_refused", "wallL/headless-1") in b_rows
        take = next(r for r in b.audit() if r[1] == "wall_takeover")
        assert take[:3] == ("sup-1", "wall_takeover", "wallL/headless-1")
        assert take[3] == "from op-1 (operator) at console-A"
        commands = [json.loads(r[3])["cmd"] for r in b.audit() if r[1] == "wall_command"]
        assert commands == ["clear", "lease", "release"]
        assert [r[1] for r in a.audit() if r[1].startswith("wall_")][:3] == ["wall_command", "wall_show",
                                                                             "wall_show_refused"]
    finally:
        if agent.poll() is None:
            agent.terminate()
        agent.wait(10)
        a.close()
        b.close()
        broker.stop()
