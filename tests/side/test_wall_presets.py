"""Wall presets through the wall map's buttons (issue 21 item 3), over a real Mosquitto and two real headless
agents: QTest types a name and presses "Save walls as preset" (rows in SQLite), the walls change, "Apply
preset" brings all three monitors back and each says shown; a stopped agent's monitors say no report in time,
a lost agent's monitor is refused with the reason, a presenter's presses are refused; every send audited."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

from tests.side.mqtt_broker import Broker, wait_for
from tests.side.test_wall_agents import start_agent
from tests.side.test_wall_map import qt_loop  # noqa: F401 (the fixture)
from tests.side.wall_map_rig import MapConsole
from videowall.domain.access import Role, User


def _results(console: MapConsole) -> list[str]:
    bar = console.dock.presets
    assert bar is not None
    return sorted(bar.results.item(i).text() for i in range(bar.results.count()))


def test_save_and_apply_wall_presets_from_the_dock(tmp_path: Path, qt_loop: Any) -> None:  # noqa: F811
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    loop: asyncio.AbstractEventLoop = qt_loop
    broker = Broker(tmp_path / "broker", ["wallP1", "wallP2"])
    broker.start()
    agents = {"wallP1": start_agent(broker, "wallP1", tmp_path, "--vout", "dummy", "--monitors", "2"),
              "wallP2": start_agent(broker, "wallP2", tmp_path, "--vout", "dummy")}
    console = MapConsole(tmp_path, broker, loop, ack_timeout_s=3.0)
    bar = console.dock.presets
    assert bar is not None
    svc = console.service
    cams = {c.id: c for c in console.cams}
    monitors = [("wallP1", "headless-1"), ("wallP1", "headless-2"), ("wallP2", "headless-1")]

    def reported(agent: str, key: str) -> tuple[str, list[str]]:
        r = svc.agents[agent].reported[key]
        return r.layout, [t.camera for t in r.tiles]

    try:
        wait_for(loop, lambda: all(console.online(a) and k in svc.agents[a].reported for a, k in monitors), 20,
                 "three monitors reported")
        svc.show("wallP1", "headless-1", "2x2", [cams["CAM-0"], cams["CAM-1"]])
        svc.show("wallP1", "headless-2", "1x1", [cams["CAM-2"]])
        svc.show("wallP2", "headless-1", "1+5", [None, cams["CAM-3"]])
        wanted = {("wallP1", "headless-1"): ("2x2", ["CAM-0", "CAM-1", "", ""]),
                  ("wallP1", "headless-2"): ("1x1", ["CAM-2"]),
                  ("wallP2", "headless-1"): ("1+5", ["", "CAM-3", "", "", "", ""])}
        wait_for(loop, lambda: all(reported(*m) == wanted[m] for m in monitors), 5, "the walls set up")
        # save: a name typed, the button pressed; the preset is in SQLite with its three monitors
        QTest.keyClicks(bar.name, "Night shift")
        QTest.mouseClick(bar.save_button, Qt.MouseButton.LeftButton)
        wait_for(loop, lambda: bar.status.text() == "Preset Night shift saved: 3 monitors", 5, "saved")
        assert bar.choice.currentText() == "Night shift"
        db = console.writer.readers.get()
        rows = sorted(db.execute("SELECT agent, monitor, layout, cameras FROM wall_preset_monitors "
                                 "WHERE preset = 'Night shift'"))
        assert rows == [("wallP1", "headless-1", "2x2", '["CAM-0", "CAM-1"]'),
                        ("wallP1", "headless-2", "1x1", '["CAM-2"]'),
                        ("wallP2", "headless-1", "1+5", '[null, "CAM-3"]')]
        # the walls change; one press of Apply brings all three back, each monitor says shown
        for agent, key in monitors:
            svc.show(agent, key, "2x2", [])
        wait_for(loop, lambda: all(reported(*m) == ("2x2", ["", "", "", ""]) for m in monitors), 5, "cleared")
        QTest.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
        took = wait_for(loop, lambda: bar.status.text() == "Preset Night shift: 3 shown, 0 refused", 5, "applied")
        print(f"preset over 3 monitors of 2 agents shown in {took:.2f} s")
        assert _results(console) == ["wallP1 / headless monitor 1: shown", "wallP1 / headless monitor 2: shown",
                                     "wallP2 / headless monitor 1: shown"]
        assert all(reported(*m) == wanted[m] for m in monitors)
        # an agent that stops answering (SIGSTOP: still online for the broker): its monitors are refused
        # when no report comes in time, the other agent's monitor is shown; nothing left waiting
        for agent, key in monitors:
            svc.show(agent, key, "2x2", [])
        wait_for(loop, lambda: all(reported(*m) == ("2x2", ["", "", "", ""]) for m in monitors), 5, "cleared")
        agents["wallP1"].send_signal(signal.SIGSTOP)
        QTest.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
        wait_for(loop, lambda: bar.status.text() == "Preset Night shift: 1 shown, 2 refused", 6, "partly applied")
        assert _results(console) == ["wallP1 / headless monitor 1: refused: no report from wallP1 in 3 s",
                                     "wallP1 / headless monitor 2: refused: no report from wallP1 in 3 s",
                                     "wallP2 / headless monitor 1: shown"]
        agents["wallP1"].send_signal(signal.SIGCONT)  # the retained desired state is still there for it
        wait_for(loop, lambda: reported("wallP1", "headless-1") == wanted[("wallP1", "headless-1")], 10,
                 "the resumed agent shows the preset")
        # a lost agent: refused at once with the reason
        agents["wallP2"].send_signal(signal.SIGKILL)
        agents["wallP2"].wait(5)
        wait_for(loop, lambda: not console.online("wallP2"), 12, "wallP2 lost")
        QTest.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
        wait_for(loop, lambda: bar.status.text() == "Preset Night shift: 2 shown, 1 refused", 5, "lost refused")
        assert _results(console)[2].startswith("wallP2 / headless monitor 1: refused: wall agent wallP2 is lost since ")
        # a presenter: both buttons refused with the reason, nothing sent
        console.user = User("pres-1", Role.PRESENTER)
        QTest.mouseClick(bar.save_button, Qt.MouseButton.LeftButton)
        assert bar.status.text().startswith("Refused: pres-1 (role presenter) may not drive walls")
        QTest.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
        wait_for(loop, lambda: bar.status.text() == "Preset Night shift: 0 shown, 3 refused", 5, "presenter")
        assert all("may not drive walls" in t for t in _results(console)[:2])
        wait_for(loop, lambda: sum(1 for r in console.audit() if r[0] == "pres-1") == 4, 5, "presenter audited")
        audit = console.audit()
        assert next(r for r in audit if r[1] == "wall_preset_saved")[:3] == ("op-1", "wall_preset_saved",
                                                                              "Night shift")
        assert ("pres-1", "wall_preset_refused", "Night shift") in [r[:3] for r in audit]
        by_preset = [r for r in audit if r[1] == "wall_show" and r[3].startswith("preset Night shift; ")]
        assert len(by_preset) == 3 + 3 + 2  # every send of the three applies that went out
        assert sorted(r[2] for r in audit if r[0] == "pres-1" and r[1] == "wall_show_refused") == [
            "wallP1/headless-1", "wallP1/headless-2", "wallP2/headless-1"]
    finally:
        for p in agents.values():
            if p.poll() is None:
                p.send_signal(signal.SIGCONT)
                p.terminate()
            p.wait(10)
        console.close()
        broker.stop()
