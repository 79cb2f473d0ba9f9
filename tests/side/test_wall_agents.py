"""Wall agents over a real Mosquitto (issue 21 items 1, 2, 6): agents are real ``videowall agent`` processes,
the console side is the real WallAgents service on a real broker link in this process."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.side.mqtt_broker import Broker, wait_for
from videowall.broker.mqtt import BrokerLink, Message
from videowall.domain.access import AccessDenied, Role, User
from videowall.domain.camera import Camera
from videowall.domain.wall_topics import ACCEPTED, REFUSED, Ack, Topics
from videowall.services.wall_agents import WallAgents, WallRefused

ROOT = Path(__file__).resolve().parents[2]
CAMS = [Camera(f"CAM-{n}", f"Camera {n}", main_url=f"rtsp://127.0.0.1:9/cam{n}/main",
               sub_url=f"rtsp://127.0.0.1:9/cam{n}/sub") for n in range(4)]


class Console:
    """The console's service on its own broker link, with the audit rows it wrote."""

    def __init__(self, broker: Broker, loop: asyncio.AbstractEventLoop, role: Role = Role.OPERATOR) -> None:
        self.user = User("op-1", role)
        self.audit: list[tuple[str, str, str, str]] = []
        self.service = WallAgents(Topics("test"), "console-1", lambda: self.user,
                                  lambda u, a, t, d: self.audit.append((u.name, a, t, d)))
        self.link: BrokerLink = broker.link("console", loop, self._message, self.service.connected)
        self.service.link = self.link
        self.link.start()

    def _message(self, m: Message) -> None:
        self.service.on_message(m.topic, m.payload, m.correlation)

    def online(self, name: str) -> bool:
        view = self.service.agents.get(name)
        return view is not None and view.online


def start_agent(broker: Broker, name: str, tmp: Path, *extra: str, env: dict[str, str] | None = None,
                ) -> subprocess.Popen[bytes]:
    tmp.mkdir(parents=True, exist_ok=True)
    # this tree's code, whatever the venv's console script points at (a venv copied from another checkout
    # keeps that checkout's shebang and editable path: the agent ran the other tree's code)
    return subprocess.Popen(
        [sys.executable, "-m", "videowall", "agent", "--broker", broker.url, "--name", name, "--site", "test",
         "--credentials", str(broker.credentials_file(name)), "--cache", str(tmp / f"cache-{name}"), *extra],
        env={**(env or os.environ), "PYTHONPATH": str(ROOT)}, cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=open(tmp / f"{name}.log", "ab"))


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()


def _red_pixels(image: Image.Image) -> int:
    return sum(1 for r, g, b in image.get_flattened_data() if r > 200 and g < 130 and b < 130)


async def _send(console: Console, agent: str, data: dict[str, object], cameras: list[Camera] | None = None,
                ) -> Ack:
    return await console.service.command(agent, data, cameras or [])


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


def test_headless_scale_preset_across_20_agents_and_the_faults(tmp_path: Path, loop: asyncio.AbstractEventLoop,
                                                                ) -> None:
    names = [f"wall{n:02d}" for n in range(20)]
    broker = Broker(tmp_path / "broker", names)
    broker.start()
    procs = [start_agent(broker, n, tmp_path, "--vout", "dummy") for n in names]
    console = Console(broker, loop)
    try:
        wait_for(loop, lambda: all(console.online(n) for n in names), 60, "20 agents ready")
        key = "headless-1"
        # a preset across all of them: 2x2 with a camera each, retained, acknowledged by every report
        revs = {n: console.service.show(n, key, "2x2", [CAMS[i % 4], None, None, CAMS[(i + 1) % 4]])
                for i, n in enumerate(names)}
        took = wait_for(loop, lambda: all(console.service.acknowledged(n, key, revs[n]) for n in names), 20,
                        "preset acknowledged by 20 agents")
        print(f"preset across 20 agents acknowledged in {took:.2f} s")
        report = console.service.agents["wall03"].reported[key]
        assert [t.camera for t in report.tiles] == ["CAM-3", "", "", "CAM-0"]
        assert sum(1 for row in console.audit if row[1] == "wall_show") == 20

        # a one-off command with correlation data: accepted; a bad one: refused with the agent's reason
        ok = loop.run_until_complete(_send(console, "wall00", {"cmd": "assign", "tile": 1, "cameras": ["CAM-2"],
                                                              "wall": key}, [CAMS[2]]))
        assert ok.result == ACCEPTED, ok
        bad = loop.run_until_complete(_send(console, "wall00", {"cmd": "clear", "tile": 9, "wall": key}))
        assert bad.result == REFUSED and "tile 9" in bad.reason
        wait_for(loop, lambda: console.service.agents["wall00"].reported[key].tiles[1].camera == "CAM-2", 5,
                 "the assigned camera reported")

        # agent kill -9: the console sees it lost within the will delay (5 s) + 5 s
        procs[1].send_signal(signal.SIGKILL)
        procs[1].wait(5)
        lost_in = wait_for(loop, lambda: not console.online("wall01"), 10, "wall01 lost")
        print(f"kill -9 to lost: {lost_in:.2f} s")
        assert console.service.agents["wall01"].describe().startswith("lost since ")
        # a command for a lost agent is refused to the sender at once, and audited
        refused = loop.run_until_complete(_send(console, "wall01", {"cmd": "layout", "layout": "3x3", "wall": key}))
        assert refused.result == REFUSED and "lost since" in refused.reason
        assert console.audit[-1][1] == "wall_command_refused"
        with pytest.raises(WallRefused, match="lost since"):
            console.service.show("wall01", key, "1", [CAMS[0]])

        # broker restart: agents come back (ready) and take a new desired state within 5 s
        broker.stop()
        wait_for(loop, lambda: not console.link.connected, 5, "console sees the broker gone")
        broker.start()
        back = wait_for(loop, lambda: console.link.connected and console.online("wall05"), 5, "reconnected")
        rev = console.service.show("wall05", key, "1", [CAMS[1]])
        wait_for(loop, lambda: console.service.acknowledged("wall05", key, rev), 5, "wall05 shows the new state")
        print(f"broker restart to agent back: {back:.2f} s")
        # the retained desired state survived the restart: a restarted agent shows it by itself
        procs[6].terminate()
        procs[6].wait(10)
        wait_for(loop, lambda: not console.online("wall06"), 5, "wall06 closed")
        procs[6] = start_agent(broker, "wall06", tmp_path / "fresh", "--vout", "dummy")
        wait_for(loop, lambda: console.online("wall06")
                 and console.service.acknowledged("wall06", key, revs["wall06"]), 10, "wall06 back with its wall")
    finally:
        _stop(procs)
        console.link.stop()
        broker.stop()


def test_presenter_may_not_drive_walls_and_the_acl_holds(tmp_path: Path, loop: asyncio.AbstractEventLoop) -> None:
    broker = Broker(tmp_path / "broker", ["wallA", "wallB"])
    broker.start()
    procs = [start_agent(broker, "wallA", tmp_path, "--vout", "dummy")]
    console = Console(broker, loop, Role.PRESENTER)
    try:
        wait_for(loop, lambda: console.online("wallA"), 20, "wallA ready")
        with pytest.raises(AccessDenied):
            console.service.show("wallA", "headless-1", "2x2", [CAMS[0]])
        async def presenter_command() -> None:
            console.service.command("wallA", {"cmd": "layout", "layout": "3x3", "wall": "headless-1"})

        with pytest.raises(AccessDenied):
            loop.run_until_complete(presenter_command())
        # wallB's account may not write wallA's desired state: the broker drops it, wallA shows nothing new
        intruder = broker.link("wallB", loop, lambda m: None, lambda: None)
        intruder.start()
        wait_for(loop, lambda: intruder.connected, 5, "wallB connected")
        topics = Topics("test")
        intruder.publish(topics.monitor("wallA", "headless-1", "desired"), b'{"layout":"1","rev":99,"tiles":[]}',
                         retain=True)
        time.sleep(1.0)
        loop.run_until_complete(asyncio.sleep(0.5))
        report = console.service.agents["wallA"].reported.get("headless-1")
        assert report is not None and report.rev != 99 and report.layout == "2x2"
        intruder.stop()
    finally:
        _stop(procs)
        console.link.stop()
        broker.stop()


def test_agent_opens_a_full_screen_wall_under_xvfb_and_obeys(tmp_path: Path, loop: asyncio.AbstractEventLoop,
                                                             ) -> None:
    from videowall.display.xserver import VirtualDisplay, grab_screen

    broker = Broker(tmp_path / "broker", ["wallX"])
    broker.start()
    with VirtualDisplay(screens=((960, 540),)) as display:
        env = dict(os.environ, DISPLAY=display.name, QT_QPA_PLATFORM="xcb", VIDEOWALL_HOME=str(tmp_path / "home"))
        env.pop("WAYLAND_DISPLAY", None)
        procs = [start_agent(broker, "wallX", tmp_path, env=env)]
        console = Console(broker, loop)
        try:
            wait_for(loop, lambda: console.online("wallX"), 30, "wallX ready")
            monitors = console.service.agents["wallX"].state.monitors
            assert len(monitors) == 1 and (monitors[0].width, monitors[0].height) == (960, 540)
            key = monitors[0].key
            before = Image.open(grab_screen(tmp_path / "before.png", display.name)).convert("RGB")
            rev = console.service.show("wallX", key, "2x2", [CAMS[0], None, CAMS[1], None])
            wait_for(loop, lambda: console.service.acknowledged("wallX", key, rev), 10, "wallX applied the state")
            # the real tiles say what is wrong with a camera nobody serves (port 9: refused)
            wait_for(loop, lambda: console.service.agents["wallX"].reported[key].tiles[0].state == "offline", 15,
                     "tile 0 offline")
            tiles = console.service.agents["wallX"].reported[key].tiles
            assert [t.camera for t in tiles] == ["CAM-0", "", "CAM-1", ""] and tiles[0].reason == "refused"
            # the wall covers the whole monitor, frameless: the four tiles' borders split the screen in quarters
            shot = Image.open(grab_screen(tmp_path / "wall.png", display.name)).convert("RGB")
            assert shot.size == (960, 540) and shot.tobytes() != before.tobytes()
            # the red OFFLINE badge is in the two tiles given a camera (left), none in the empty ones (right)
            red = [_red_pixels(shot.crop(box)) for box in ((0, 0, 480, 270), (480, 0, 960, 270),
                                                          (0, 270, 480, 540), (480, 270, 960, 540))]
            assert red[0] > 200 and red[2] > 200 and red[1] == red[3] == 0, red
            ok = loop.run_until_complete(_send(console, "wallX", {"cmd": "layout", "layout": "3x3", "wall": key}))
            assert ok.result == ACCEPTED
            wait_for(loop, lambda: len(console.service.agents["wallX"].reported[key].tiles) == 9, 5, "3x3 reported")
            assert [t.camera for t in console.service.agents["wallX"].reported[key].tiles[:3]] == ["CAM-0", "", "CAM-1"]
        finally:
            _stop(procs)
            console.link.stop()
            broker.stop()
