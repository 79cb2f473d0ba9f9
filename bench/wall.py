"""Figure 8: a wall that spans PCs (issue 21): command to picture on a remote monitor, and a wall's restore
after a broker restart.

A real Mosquitto (``videowall.demo_wall.start_broker``: password file, ACL, persistence) and one wall agent
decoding on the bench's X server (``videowall agent``, its full-screen wall on the one monitor); the
console's side is the real WallAgents service on a broker link in this process.

- **command to picture**: the desired state of the monitor (1x1) switched between two of the fleet's
  streams whose pictures differ; from the publish until the screen's middle (read off the X server,
  ``PIL.ImageGrab``, ~10-20 ms a grab) shows the other camera's picture: its mean colour within 30 % of
  the distance between the two cameras' (learnt in two settled rounds first), so a blank or connecting
  tile does not count (median, p95 over the rounds). Both cameras were shown a moment before, so the
  agent's feeds are warm (its warm-feed keeping and keyframe cache): this is a switch between cameras the
  wall showed recently, not a cold first picture (the first-frame figure has those: ~1 s from the fleet);
- **restore after a broker restart**: Mosquitto stopped and started again on the same port and store;
  from its start until the console sees the agent ``ready`` again and its monitor's report of the retained
  desired state (the wall itself keeps showing meanwhile: the agent does not clear it on a drop).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np
from PIL import ImageGrab

from bench.common import median, quantile
from videowall.broker.mqtt import BrokerLink, BrokerUrl, Message, read_credentials
from videowall.demo_wall import start_broker
from videowall.domain.access import Role, User
from videowall.domain.camera import Camera
from videowall.domain.wall_topics import Topics
from videowall.services.wall_agents import WallAgents
from videowall.tools import stopped_with_parent


def _middle(display: str) -> np.ndarray:
    shot = ImageGrab.grab(xdisplay=display)
    w, h = shot.size
    return np.asarray(shot.crop((w // 2 - 120, h // 2 - 70, w // 2 + 120, h // 2 + 70)).convert("RGB"), dtype=float)


def _wait(loop: asyncio.AbstractEventLoop, check: Any, timeout: float) -> float | None:
    start = time.monotonic()

    async def poll() -> bool:
        while not check():
            if time.monotonic() - start > timeout:
                return False
            await asyncio.sleep(0.01)
        return True

    return time.monotonic() - start if loop.run_until_complete(poll()) else None


def figure(cams: list[tuple[str, str]], display: str, work: Path, rounds: int = 12) -> dict[str, Any]:
    """``cams``: (id, URL) of two fleet streams with different pictures."""
    print("  wall: command to picture on a remote monitor, broker restart ...", flush=True)
    a, b = (Camera(i, i, main_url=u, sub_url=u) for i, u in cams[:2])
    loop = asyncio.new_event_loop()
    with ExitStack() as stack:
        url, creds, mosquitto = start_broker(stack, work / "wall-broker")
        log = stack.enter_context(open(work / "wall-agent.log", "ab"))
        agent = subprocess.Popen(stopped_with_parent(
            [sys.executable, "-m", "videowall", "agent", "--broker", url, "--name", "wall-left", "--site", "demo",
             "--credentials", str(creds["wall-left"]), "--cache", str(work / "wall-cache")]),
            env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, stdout=subprocess.DEVNULL, stderr=log)
        stack.callback(agent.terminate)
        service = WallAgents(Topics("demo"), "bench-console", lambda: User("bench", Role.OPERATOR),
                             lambda *_: None, loop=loop)

        def deliver(m: Message) -> None:
            service.on_message(m.topic, m.payload, m.correlation)

        link = BrokerLink(BrokerUrl.parse(url), "bench-console", read_credentials(creds["console"]),
                          loop.call_soon_threadsafe, deliver, service.connected)
        service.link = link
        link.start()
        stack.callback(link.stop)
        view = service.agents
        if _wait(loop, lambda: "wall-left" in view and view["wall-left"].online, 30) is None:
            return {"status": "the agent did not come online"}
        key = view["wall-left"].state.monitors[0].key
        seconds: list[float] = []
        missed = 0
        refs: list[np.ndarray] = []  # each camera's picture as the middle's mean colour, once settled
        for n in range(rounds + 2):
            camera = (a, b)[n % 2]
            rev = service.show("wall-left", key, "1x1", [camera], "bench")
            sent = time.monotonic()
            if n < 2:  # the first two rounds learn what each camera's picture looks like
                _wait(loop, lambda r=rev: service.acknowledged("wall-left", key, r), 5)
                loop.run_until_complete(asyncio.sleep(4.0))
                refs.append(_middle(display).mean(axis=(0, 1)))
                continue
            target, other = refs[n % 2], refs[(n + 1) % 2]
            gap = float(np.linalg.norm(target - other))
            if gap < 20:
                return {"status": f"the two cameras' pictures are too alike to tell apart ({gap:.0f})"}
            took = _wait(loop, lambda t=target, g=gap: float(np.linalg.norm(_middle(display).mean(axis=(0, 1)) - t))
                         < 0.3 * g, 15)  # the other camera's picture, not a blank or 'connecting' tile
            if took is None:
                missed += 1
            else:
                seconds.append(time.monotonic() - sent)
            loop.run_until_complete(asyncio.sleep(1.5))  # the picture settles before the next switch
        broker = _restart(stack, mosquitto, work / "wall-broker", loop)
        restored = _wait(loop, lambda: view["wall-left"].online and service.acknowledged("wall-left", key, rev)
                         and view["wall-left"].reported[key].at > broker, 20)
    loop.close()
    return {"command_to_picture_s": {"median": median(seconds), "p95": quantile(seconds, 0.95),
                                     "rounds": len(seconds), "missed": missed},
            "restore_after_broker_restart_s": restored}


def _restart(stack: ExitStack, mosquitto: subprocess.Popen[bytes], root: Path,
             loop: asyncio.AbstractEventLoop) -> float:
    """Stop Mosquitto and start it again on the same port and store; returns when it was started."""
    mosquitto.terminate()
    mosquitto.wait(10)
    loop.run_until_complete(asyncio.sleep(1.0))
    started = time.time()
    log = stack.enter_context(open(root / "broker.log", "ab"))  # noqa: SIM115
    proc = subprocess.Popen(stopped_with_parent(["mosquitto", "-c", str(root / "mosquitto.conf")]),
                            stdout=subprocess.DEVNULL, stderr=log)
    stack.callback(proc.terminate)
    return started


def wall_table(w: dict[str, Any]) -> list[str]:
    c = w.get("command_to_picture_s") or {}

    def s(v: object) -> str:
        return "-" if v is None else f"{float(v):.2f} s"  # type: ignore[arg-type]

    return ["", "### Wall agents (issue 21)", "", "| figure | value |", "| --- | --- |",
            f"| command to picture on a remote monitor (two warm cameras), median | {s(c.get('median'))} |",
            f"| command to picture, p95 ({c.get('rounds', 0)} switches, {c.get('missed', 0)} missed) | "
            f"{s(c.get('p95'))} |",
            f"| wall reported again after a broker restart | {s(w.get('restore_after_broker_restart_s'))} |"]
