"""A wall agent's use cases: obey the broker for each of this PC's monitors (issue 21, items 1 and 2).

The agent announces itself (retained ``ready``; its last will says ``lost`` after a will delay), takes each
monitor's retained desired state (so a restarted agent or broker brings the wall back by itself), runs
one-off wall commands (domain/commands.py JSON) with an acknowledgement to the sender's response topic,
and reports what each monitor really shows, tile states included. The last desired state of every monitor
is kept in a cache file so a wall booted without a broker still shows its wall. Runs on the app's loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from videowall.domain.commands import (
    AssignCameras,
    ClearTile,
    CommandError,
    Maximise,
    ShowLayout,
    WallCommand,
    parse_command,
)
from videowall.domain.grid import preset
from videowall.domain.wall_topics import (
    ACCEPTED,
    LOST,
    READY,
    REFUSED,
    Ack,
    AgentState,
    Desired,
    Lease,
    MessageError,
    MonitorInfo,
    Reported,
    Source,
    TileShown,
    Topics,
)
from videowall.services.wall_control import WallController
from videowall.services.wall_lease import LeaseBook, LeaseRefused

log = logging.getLogger(__name__)


class Publisher(Protocol):
    """What the agent needs of its broker link (broker/mqtt.BrokerLink)."""

    def subscribe(self, topic: str) -> None: ...

    def publish(self, topic: str, payload: bytes, *, retain: bool = False, expiry_s: int | None = None,
                response_topic: str = "", correlation: bytes = b"") -> None: ...


class MonitorSink(Protocol):
    """One monitor of the agent: shows a desired state, runs a command, says what it shows."""

    @property
    def info(self) -> MonitorInfo: ...

    def show(self, desired: Desired) -> None: ...

    def run(self, command: WallCommand, sources: dict[str, Source]) -> None: ...

    def reported(self, rev: int) -> Reported: ...


class ControllerSink:
    """A monitor wall of this PC: the desired state and commands go to its WallController (real tiles)."""

    def __init__(self, info: MonitorInfo, controller: WallController) -> None:
        self._info = info
        self._controller = controller
        self._layout = ""

    @property
    def info(self) -> MonitorInfo:
        return self._info

    def show(self, desired: Desired) -> None:
        shape = preset(desired.layout)
        if shape is None:
            raise MessageError(f"unknown grid preset {desired.layout!r}")
        self._layout = desired.layout
        self._controller.apply_shape(shape, [s.camera() if s is not None else None for s in desired.tiles],
                                     keep=False)

    def run(self, command: WallCommand, sources: dict[str, Source]) -> None:
        c = self._controller
        if isinstance(command, ShowLayout):
            shape = preset(command.layout)
            if shape is None:
                raise CommandError(f"a wall agent takes grid presets only, not {command.layout!r}")
            self._layout = command.layout
            c.apply_shape(shape)
        elif isinstance(command, AssignCameras):
            tiles = c.tiles()
            if command.tile >= len(tiles):
                raise CommandError(f"tile {command.tile} is not on this monitor ({len(tiles)} tiles)")
            for offset, camera_id in enumerate(command.cameras[: len(tiles) - command.tile]):
                source = sources.get(camera_id)
                if source is None:
                    raise CommandError(f"camera {camera_id} came without its stream addresses")
                c.live.tiles[command.tile + offset].show(source.camera())
        elif isinstance(command, ClearTile):
            if command.tile >= len(c.tiles()):
                raise CommandError(f"tile {command.tile} is not on this monitor")
            c.remove(command.tile)
        elif isinstance(command, Maximise):
            camera = c.camera_at(command.tile)
            if camera is None:
                raise CommandError(f"tile {command.tile} shows no camera")
            shape = preset("1x1")
            assert shape is not None
            self._layout = "1x1"
            c.apply_shape(shape, [camera], keep=False)
        else:
            raise CommandError(f"a wall agent does not take {type(command).__name__} commands")

    def reported(self, rev: int) -> Reported:
        tiles = []
        for tile in self._controller.tiles():
            report = tile.report()
            reason = report.status.reason.value if report.status.reason is not None else ""
            tiles.append(TileShown(report.index, report.camera.id if report.camera else "",
                                   report.status.state.value, reason))
        return Reported(self._layout, rev, tuple(tiles), time.time())


class AgentCore:
    """The broker protocol of one agent over its monitors (``sinks``)."""

    REPORT_EVERY_S = 1.0

    def __init__(self, name: str, topics: Topics, sinks: Sequence[MonitorSink], cache_dir: Path,
                 clock: Callable[[], float] = time.time) -> None:
        self.name = name
        self.topics = topics
        self._sinks = {s.info.key: s for s in sinks}
        self._cache = cache_dir
        self._clock = clock
        self._rev: dict[str, int] = {}
        self._last_report: dict[str, bytes] = {}
        self._refused: dict[str, tuple[int, str]] = {}  # monitor -> (desired rev, why) last refused
        self.leases = LeaseBook(clock)
        self.link: Publisher | None = None
        self.commands_run = 0

    # --- start: the cached wall, then the broker --------------------------------------------------
    def show_cached(self) -> None:
        """What each monitor last showed (desired states kept on disk): the wall is up before the broker."""
        for key, sink in self._sinks.items():
            path = self._cache_file(key)
            if path.exists():
                try:
                    desired = Desired.from_json(path.read_bytes())
                    sink.show(desired)
                    self._rev[key] = desired.rev
                except (OSError, MessageError, CommandError) as exc:
                    log.warning("cached wall of %s not shown: %s", key, exc)

    def state(self, state: str = READY) -> AgentState:
        return AgentState(self.name, state, tuple(s.info for s in self._sinks.values()), self._clock())

    def will(self) -> tuple[str, bytes]:
        return self.topics.state(self.name), self.state(LOST).to_json()

    def connected(self) -> None:
        link = self._require_link()
        link.subscribe(self.topics.cmd(self.name))
        for key in self._sinks:  # the retained lease first: a desired state from a non-holder stays refused
            link.subscribe(self.topics.monitor(self.name, key, "lease"))
            link.subscribe(self.topics.monitor(self.name, key, "desired"))
        link.publish(self.topics.state(self.name), self.state(READY).to_json(), retain=True)
        self._last_report.clear()  # a restarted broker may have lost the retained reports
        self.report_all()

    # --- messages --------------------------------------------------------------------------------
    def on_message(self, topic: str, payload: bytes, response_topic: str = "", correlation: bytes = b"") -> None:
        if topic == self.topics.cmd(self.name):
            self._command(payload, response_topic, correlation)
            return
        try:
            name, key, part = self.topics.parse(topic)
        except MessageError as exc:
            log.warning("%s", exc)
            return
        sink = self._sinks.get(key)
        if name != self.name or sink is None or not payload:
            return
        if part == "lease":  # what this agent granted before a restart, kept by the broker
            try:
                self.leases.leases[key] = Lease.from_json(payload)
            except MessageError as exc:
                log.warning("lease of %s: %s", key, exc)
            return
        if part != "desired":
            return
        try:
            desired = Desired.from_json(payload)
            self.leases.check(key, desired.console)
            sink.show(desired)
        except LeaseRefused as exc:
            log.warning("desired state of %s from %s refused: %s", key, desired.console, exc)
            self._refused[key] = (desired.rev, str(exc))
            self._report(key, force=True)
            return
        except (MessageError, CommandError) as exc:
            log.warning("desired state of %s not shown: %s", key, exc)
            return
        new = self._rev.get(key) != desired.rev
        self._rev[key] = desired.rev
        self._write_cache(key, payload)
        if new and desired.console:  # sending to a monitor gives (or renews) the sender's lease
            self._lease(key, self.leases.take(key, desired.console, desired.by, desired.role))
        self._report(key, force=True)

    def _command(self, payload: bytes, response_topic: str, correlation: bytes) -> None:
        try:
            data = json.loads(payload.decode("utf-8"))
            console = str(data.get("console", "")) if isinstance(data, dict) else ""
            if isinstance(data, dict) and data.get("cmd") in ("lease", "release"):
                self._lease_command(data, console, response_topic, correlation)
                return
            command = parse_command(data)
            wall = getattr(command, "wall", "")
            sink = self._sinks.get(wall)
            if sink is None:
                raise CommandError(f"no monitor {wall!r} on agent {self.name}")
            self.leases.check(wall, console)
            sink.run(command, _sources(data))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._ack(response_topic, correlation, Ack(REFUSED, f"not JSON: {exc}", self.name))
        except (CommandError, MessageError, LeaseRefused) as exc:
            self._ack(response_topic, correlation, Ack(REFUSED, str(exc), self.name))
        else:
            self.commands_run += 1
            self._ack(response_topic, correlation, Ack(ACCEPTED, "", self.name))
            self._report(wall, force=True)

    def _lease_command(self, data: dict[str, object], console: str, response_topic: str, correlation: bytes,
                       ) -> None:
        key = str(data.get("wall", ""))
        try:
            if key not in self._sinks:
                raise LeaseRefused(f"no monitor {key!r} on agent {self.name}")
            if data["cmd"] == "release":
                lease = self.leases.release(key, console)
            else:
                lease = self.leases.take(key, console, str(data.get("user", "")), str(data.get("role", "")),
                                         bool(data.get("take_over", False)))
        except LeaseRefused as exc:
            self._ack(response_topic, correlation, Ack(REFUSED, str(exc), self.name))
            return
        self._lease(key, lease)
        self._ack(response_topic, correlation, Ack(ACCEPTED, lease.took_over_from, self.name))

    def _lease(self, key: str, lease: Lease) -> None:
        self._require_link().publish(self.topics.monitor(self.name, key, "lease"), lease.to_json(), retain=True)

    def _ack(self, response_topic: str, correlation: bytes, ack: Ack) -> None:
        if not response_topic:
            log.warning("a command without a response topic (%s): nobody to tell", ack.result)
            return
        self._require_link().publish(response_topic, ack.to_json(), correlation=correlation, expiry_s=60)

    # --- reports ---------------------------------------------------------------------------------
    def report_all(self) -> None:
        for key in self._sinks:
            self._report(key)

    def _report(self, key: str, force: bool = False) -> None:
        if self.link is None:
            return
        report = self._sinks[key].reported(self._rev.get(key, 0))
        refused_rev, refused_reason = self._refused.get(key, (0, ""))
        report = replace(report, refused_rev=refused_rev, refused_reason=refused_reason)
        payload = replace(report, at=0.0).to_json()  # without the time: compare
        if not force and self._last_report.get(key) == payload:
            return
        self._last_report[key] = payload
        self.link.publish(self.topics.monitor(self.name, key, "reported"), report.to_json(), retain=True)

    async def report_loop(self, connected: Callable[[], bool]) -> None:
        while True:
            if connected():
                try:
                    for key in self.leases.expired():  # a console that stopped renewing: the monitor is free
                        self._lease(key, Lease())
                    self.report_all()
                except Exception:  # one failed report must not end the reports
                    log.exception("report failed")
            await asyncio.sleep(self.REPORT_EVERY_S)

    # --- helpers ---------------------------------------------------------------------------------
    def _require_link(self) -> Publisher:
        if self.link is None:
            raise RuntimeError("the agent has no broker link yet")
        return self.link

    def _cache_file(self, key: str) -> Path:
        safe = "".join(ch if ch.isalnum() else "_" for ch in key)[:80]
        digest = hashlib.sha256(key.encode()).hexdigest()[:12]
        return self._cache / f"desired-{safe[:60]}-{digest}.json"

    def _write_cache(self, key: str, payload: bytes) -> None:
        try:
            self._cache.mkdir(parents=True, exist_ok=True)
            tmp = self._cache_file(key).with_suffix(".tmp")
            tmp.write_bytes(payload)
            tmp.replace(self._cache_file(key))
        except OSError as exc:
            log.warning("desired state of %s not cached: %s", key, exc)


def _sources(data: object) -> dict[str, Source]:
    """The stream addresses a console sends with an ``assign`` (no credentials: refused if any)."""
    if not isinstance(data, dict):
        return {}
    raw = data.get("sources", {})
    if not isinstance(raw, dict):
        raise CommandError("'sources' maps camera ids to {name, main_url, sub_url}")
    out = {}
    for camera_id, value in raw.items():
        tile = Desired.from_json(json.dumps({"layout": "1x1", "tiles": [{"id": camera_id, **value}]}).encode())
        source = tile.tiles[0]
        if source is not None:
            out[camera_id] = source
    return out


class HeadlessSink:
    """A monitor without a screen or decoding (``--vout dummy``): it keeps the desired state and reports every
    tile as ``not_decoded`` with the camera it was given (the scale test's 20 agents on one machine)."""

    def __init__(self, info: MonitorInfo) -> None:
        self._info = info
        self._desired = Desired("2x2", (None,) * 4)

    @property
    def info(self) -> MonitorInfo:
        return self._info

    def show(self, desired: Desired) -> None:
        shape = preset(desired.layout)
        if shape is None:
            raise MessageError(f"unknown grid preset {desired.layout!r}")
        tiles = list(desired.tiles[: shape.tile_count]) + [None] * max(0, shape.tile_count - len(desired.tiles))
        self._desired = Desired(desired.layout, tuple(tiles), desired.rev)

    def run(self, command: WallCommand, sources: dict[str, Source]) -> None:
        d = self._desired
        if isinstance(command, ShowLayout):
            self.show(Desired(command.layout, d.tiles, d.rev))
        elif isinstance(command, AssignCameras | ClearTile) and command.tile >= len(d.tiles):
            raise CommandError(f"tile {command.tile} is not on this monitor ({len(d.tiles)} tiles)")
        elif isinstance(command, AssignCameras):
            for offset, camera_id in enumerate(command.cameras[: len(d.tiles) - command.tile]):
                if camera_id not in sources:
                    raise CommandError(f"camera {camera_id} came without its stream addresses")
                d = d.with_tile(command.tile + offset, sources[camera_id], d.rev, d.by, d.at)
            self._desired = d
        elif isinstance(command, ClearTile):
            self._desired = d.with_tile(command.tile, None, d.rev, d.by, d.at)
        else:
            raise CommandError(f"a headless wall agent does not take {type(command).__name__} commands")

    def reported(self, rev: int) -> Reported:
        tiles = tuple(TileShown(i, s.id if s is not None else "", "not_decoded" if s is not None else "empty")
                      for i, s in enumerate(self._desired.tiles))
        return Reported(self._desired.layout, rev, tiles, time.time())
