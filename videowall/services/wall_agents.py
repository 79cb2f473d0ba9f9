"""The console's side of remote walls (issue 21): follow every agent, put layouts and cameras on their monitors.

Desired states are retained per monitor (a restarted agent or broker brings the wall back); one-off
commands go to the agent's ``cmd`` topic with correlation data, a response topic and a message expiry, and
their outcome always comes back to the caller: accepted, refused with the agent's reason, refused at once
when the agent is lost or unknown, or refused when no answer came in time (never silently dropped).
Every send is checked against the signed-in user's role (``DRIVE_WALLS``), the cameras against what that
user may see, and audited. Runs on the app's loop; the broker link hands messages to it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from videowall.domain.access import AccessDenied, Permission, User, Visibility, require
from videowall.domain.camera import Camera
from videowall.domain.grid import preset
from videowall.domain.wall_topics import (
    LOST,
    READY,
    REFUSED,
    Ack,
    AgentState,
    Desired,
    Lease,
    MessageError,
    Reported,
    Source,
    Topics,
)
from videowall.services.wall_agent import Publisher

log = logging.getLogger(__name__)
Audit = Callable[[User, str, str, str], None]  # (who, action, target, detail)
COMMAND_EXPIRY_S = 10  # a "show camera X" older than this never fires


@dataclass(frozen=True, slots=True)
class SendOutcome:
    """What became of "send to wall", for the wall map to say in the operator's language."""

    NO_CAMERA = "no_camera"
    REFUSED = "refused"
    SENT = "sent"

    kind: str
    detail: str = ""  # the refusal's reason, or the camera's name


@dataclass(frozen=True, slots=True)
class WallDrop:
    """What was dropped on a remote monitor in the wall map: cameras from the camera list, a tile of a local
    wall (its camera), or a saved layout by name."""

    CAMERAS = "cameras"
    TILE = "tile"
    LAYOUT = "layout"

    kind: str
    ids: tuple[str, ...] = ()  # camera ids (CAMERAS, TILE)
    layout: str = ""  # the saved layout's name (LAYOUT)
    tile: int = -1  # the local tile's index (TILE)

    def describe(self) -> str:
        if self.kind == self.LAYOUT:
            return f"dragged layout {self.layout}"
        if self.kind == self.TILE:
            return f"dragged tile {self.tile + 1} ({','.join(self.ids)})"
        return f"dragged camera {','.join(self.ids)}"


class WallRefused(Exception):
    """A send that cannot go out; the message is fit to show to the operator."""


@dataclass
class AgentView:
    """What the console knows of one agent: its last state, since when, its monitors' desired and reported."""

    state: AgentState
    since: float  # when this console saw the state change (a will carries no time of its own)
    desired: dict[str, Desired] = field(default_factory=dict)
    reported: dict[str, Reported] = field(default_factory=dict)
    leases: dict[str, Lease] = field(default_factory=dict)  # as the agent granted them (retained)

    @property
    def online(self) -> bool:
        return self.state.state == READY

    def describe(self) -> str:
        if self.online:
            return "online"
        return f"lost since {datetime.fromtimestamp(self.since).strftime('%H:%M')}"


class WallAgents:
    def __init__(self, topics: Topics, console: str, user: Callable[[], User], audit: Audit,
                 visible: Callable[[Camera], Visibility] | None = None, clock: Callable[[], float] = time.time,
                 loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.topics = topics
        self.console = console
        self._user = user
        self._audit = audit
        self._visible = visible
        self._clock = clock
        self._loop = loop  # the app's loop (a click may come while it is not the running one: tests)
        self.link: Publisher | None = None
        self.agents: dict[str, AgentView] = {}
        self._waiting: dict[bytes, asyncio.Future[Ack]] = {}
        self.listeners: list[Callable[[], None]] = []  # told after every change (the wall map)

    def user(self) -> User:
        """Who is signed in at this console now."""
        return self._user()

    def audit(self, user: User, action: str, target: str, detail: str) -> None:
        self._audit(user, action, target, detail)

    # --- following the agents --------------------------------------------------------------------
    def connected(self) -> None:
        link = self._link()
        link.subscribe(self.topics.all_states())
        link.subscribe(self.topics.all_monitors("reported"))
        link.subscribe(self.topics.all_monitors("desired"))
        link.subscribe(self.topics.all_monitors("lease"))
        link.subscribe(self.topics.ack(self.console))

    def on_message(self, topic: str, payload: bytes, correlation: bytes = b"") -> None:
        if topic == self.topics.ack(self.console):
            self._acked(payload, correlation)
            return
        try:
            name, key, part = self.topics.parse(topic)
            if not payload:
                return
            if part == "state":
                self._state(name, AgentState.from_json(payload))
            elif part == "reported" and name in self.agents:
                self.agents[name].reported[key] = Reported.from_json(payload)
            elif part == "desired" and name in self.agents:
                self.agents[name].desired[key] = Desired.from_json(payload)
            elif part == "lease" and name in self.agents:
                self.agents[name].leases[key] = Lease.from_json(payload)
            else:
                return
        except (MessageError, ValueError) as exc:
            log.warning("ignored %s: %s", topic, exc)
            return
        for listener in list(self.listeners):
            listener()

    def _state(self, name: str, state: AgentState) -> None:
        old = self.agents.get(name)
        if old is None:
            self.agents[name] = AgentView(state, self._clock())
            return
        if old.state.state != state.state:
            old.since = self._clock()
        # a will carries the monitors it was sent with; keep what the agent said when it was ready
        old.state = state if state.monitors or state.state == READY else AgentState(
            state.name, state.state, old.state.monitors, state.at)

    # --- sending ---------------------------------------------------------------------------------
    def show(self, agent: str, monitor: str, layout: str, cameras: Sequence[Camera | None], how: str = "") -> int:
        """Put ``layout`` with ``cameras`` on a remote monitor (retained); returns the revision to wait for.

        ``how`` says in the audit trail where it came from ("dragged layout Lobby", "preset Night").
        A refusal (role, lost agent, a camera this user may not see) is audited and raised.
        """
        user = self._user()
        target = f"{agent}/{monitor}"
        try:
            require(user, Permission.DRIVE_WALLS)
            view = self._online(agent, monitor)
            other = self.controlled_by(agent, monitor)
            if other is not None:
                raise WallRefused(f"{agent}/{monitor} is controlled by {other.describe()}")
            shape = preset(layout)
            if shape is None:
                raise WallRefused(f"{layout!r} is not a grid preset")
            sources = tuple(self._source(c) if c is not None else None for c in cameras[: shape.tile_count])
        except (WallRefused, AccessDenied) as exc:
            self._audit(user, "wall_show_refused", target, f"{_how(how)}layout {layout}; {exc}")
            raise
        rev = int(self._clock() * 1000)
        desired = Desired(layout, sources, rev, user.name, self._clock(), self.console, user.role.value)
        self._link().publish(self.topics.monitor(agent, monitor, "desired"), desired.to_json(), retain=True)
        view.desired[monitor] = desired
        ids = ",".join(s.id if s is not None else "-" for s in sources)
        self._audit(user, "wall_show", target, f"{_how(how)}layout {layout}; cameras {ids}; rev {rev}")
        return rev

    def send_to_wall(self, agent: str, monitor: str, tile: int, camera: Camera, how: str = "") -> int:
        """One camera onto one tile of a remote monitor, keeping the rest of its desired state."""
        current, cameras = self._current(agent, monitor)
        if not 0 <= tile < len(cameras):
            raise WallRefused(f"tile {tile} is not on {agent}/{monitor} ({len(cameras)} tiles)")
        cameras[tile] = camera
        return self.show(agent, monitor, current.layout, cameras, how)

    def place(self, agent: str, monitor: str, cameras: Sequence[Camera], how: str = "") -> int:
        """Cameras dropped onto a remote monitor: from its first empty tile on (tile 0 when none is empty),
        keeping the rest of what it shows; as many as fit."""
        current, shown = self._current(agent, monitor)
        start = next((i for i, c in enumerate(shown) if c is None), 0)
        for offset, camera in enumerate(cameras[: len(shown) - start]):
            shown[start + offset] = camera
        return self.show(agent, monitor, current.layout, shown, how)

    def _current(self, agent: str, monitor: str) -> tuple[Desired, list[Camera | None]]:
        """A monitor's desired state and its cameras, one per tile of its grid."""
        view = self.agents.get(agent)
        current = (view.desired.get(monitor) if view is not None else None) or Desired("2x2", (None,) * 4)
        cameras: list[Camera | None] = [s.camera() if s is not None else None for s in current.tiles]
        shape = preset(current.layout)
        count = shape.tile_count if shape is not None else len(cameras)
        return current, (cameras + [None] * count)[:count]

    # --- control leases (the agent grants them; see services/wall_lease.py) -------------------------
    def controlled_by(self, agent: str, monitor: str) -> Lease | None:
        """The live lease of another console on this monitor, if any."""
        view = self.agents.get(agent)
        lease = view.leases.get(monitor) if view is not None else None
        if lease is None or not lease.live(self._clock()) or lease.holder == self.console:
            return None
        return lease

    def holds(self, agent: str, monitor: str) -> bool:
        view = self.agents.get(agent)
        lease = view.leases.get(monitor) if view is not None else None
        return lease is not None and lease.holder == self.console and lease.live(self._clock())

    def take_control(self, agent: str, monitor: str) -> asyncio.Future[Ack]:
        """Ask the agent for the monitor's lease; held by another console, a take-over (WALL_TAKEOVER)."""
        user = require(self._user(), Permission.DRIVE_WALLS)
        other = self.controlled_by(agent, monitor)
        if other is not None:
            try:
                require(user, Permission.WALL_TAKEOVER)
            except AccessDenied as exc:
                self._audit(user, "wall_takeover_refused", f"{agent}/{monitor}", f"{other.describe()}; {exc}")
                raise
            self._audit(user, "wall_takeover", f"{agent}/{monitor}", f"from {other.describe()}")
        return self.command(agent, self._lease_cmd("lease", monitor, take_over=other is not None))

    def release_control(self, agent: str, monitor: str) -> asyncio.Future[Ack]:
        return self.command(agent, self._lease_cmd("release", monitor))

    def renew(self) -> None:
        """Renew every lease this console holds (not audited: the taking was)."""
        for name, view in self.agents.items():
            for key in list(view.leases):
                if self.holds(name, key) and view.online:
                    self.command(name, self._lease_cmd("lease", key), audit=False)

    async def renew_loop(self, every_s: float = 10.0) -> None:
        while True:
            await asyncio.sleep(every_s)
            try:
                self.renew()
            except (WallRefused, AccessDenied) as exc:  # signed out meanwhile: the leases run out
                log.info("leases not renewed: %s", exc)

    def _lease_cmd(self, cmd: str, monitor: str, take_over: bool = False) -> dict[str, object]:
        user = self._user()
        return {"cmd": cmd, "wall": monitor, "user": user.name, "role": user.role.value, "take_over": take_over}

    def command(self, agent: str, data: Mapping[str, object], cameras: Sequence[Camera] = (),
                timeout_s: float = 5.0, audit: bool = True) -> asyncio.Future[Ack]:
        """A one-off wall command (domain/commands.py JSON, ``wall`` = the monitor key); its outcome comes back."""
        user = require(self._user(), Permission.DRIVE_WALLS)
        loop = self._loop or asyncio.get_running_loop()
        done: asyncio.Future[Ack] = loop.create_future()
        target = f"{agent}/{data.get('wall', '')}"
        try:
            self._online(agent, str(data.get("wall", "")))
            payload = {**data, "console": self.console}
            if cameras:
                payload["sources"] = {c.id: {"name": s.name, "main_url": s.main_url, "sub_url": s.sub_url}
                                      for c in cameras for s in (self._source(c),)}
        except WallRefused as exc:
            self._audit(user, "wall_command_refused", target, f"{json.dumps(dict(data), sort_keys=True)}; {exc}")
            done.set_result(Ack(REFUSED, str(exc), agent))
            return done
        correlation = uuid.uuid4().hex.encode()
        self._waiting[correlation] = done
        self._link().publish(self.topics.cmd(agent), json.dumps(payload, sort_keys=True).encode(),
                             expiry_s=COMMAND_EXPIRY_S, response_topic=self.topics.ack(self.console),
                             correlation=correlation)
        if audit:
            self._audit(user, "wall_command", target, json.dumps(dict(data), sort_keys=True))
        loop.call_later(timeout_s, self._no_answer, correlation, agent, timeout_s)
        return done

    def _no_answer(self, correlation: bytes, agent: str, timeout_s: float) -> None:
        done = self._waiting.pop(correlation, None)
        if done is not None and not done.done():
            done.set_result(Ack(REFUSED, f"no answer from {agent} in {timeout_s:g} s", agent))

    def _acked(self, payload: bytes, correlation: bytes) -> None:
        done = self._waiting.pop(correlation, None)
        if done is None or done.done():
            return
        try:
            done.set_result(Ack.from_json(payload))
        except MessageError as exc:
            done.set_result(Ack(REFUSED, f"unreadable answer: {exc}"))

    # --- reading ---------------------------------------------------------------------------------
    def acknowledged(self, agent: str, monitor: str, rev: int) -> bool:
        """Whether the monitor reports having applied desired revision ``rev`` (or a later one)."""
        view = self.agents.get(agent)
        report = view.reported.get(monitor) if view is not None else None
        return report is not None and report.rev >= rev

    def _online(self, agent: str, monitor: str) -> AgentView:
        view = self.agents.get(agent)
        if view is None:
            raise WallRefused(f"no wall agent {agent!r} is known to this console")
        if view.state.state == LOST:
            raise WallRefused(f"wall agent {agent} is {view.describe()}")
        if monitor not in {m.key for m in view.state.monitors}:
            raise WallRefused(f"agent {agent} has no monitor {monitor!r}")
        return view

    def _source(self, camera: Camera) -> Source:
        if self._visible is not None and self._visible(camera) is not Visibility.SHOWN:
            raise WallRefused(f"camera {camera.id} may not be shown by {self._user().name}")
        if camera.credential_ref is not None:
            raise WallRefused(f"camera {camera.id} needs its credentials: it can go to a wall only through the relay")
        return Source.of(camera)

    def _link(self) -> Publisher:
        if self.link is None:
            raise WallRefused("not connected to the wall broker")
        return self.link


def _how(how: str) -> str:
    return f"{how}; " if how else ""
