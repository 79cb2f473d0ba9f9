"""Walls that span PCs: the broker's topic tree and the messages on it, as data (issue 21).

Topic tree (``<site>`` and ``<name>`` are plain words; a monitor key is escaped by :func:`topic_word`)::

    videowall/<site>/agent/<name>/state                       retained, agent: ready (birth) / lost (will)
    videowall/<site>/agent/<name>/monitor/<key>/desired       retained, console: layout + cameras
    videowall/<site>/agent/<name>/monitor/<key>/reported      retained, agent: what the monitor shows
    videowall/<site>/agent/<name>/monitor/<key>/lease         retained, agent: which console controls it
    videowall/<site>/agent/<name>/cmd                         console: one wall command (domain/commands.py)
    videowall/<site>/console/<console>/ack                    agent: accepted / refused, by correlation data

A desired state carries each camera's id, name and stream URLs exactly as the register holds them:
without credentials (they are kept apart, never in a URL). No camera password ever travels over the broker.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from videowall.domain.camera import Camera
from videowall.domain.grid import SPAN_PRESETS, GridShape, uniform

ROOT = "videowall"
READY = "ready"
LOST = "lost"
ACCEPTED = "accepted"
REFUSED = "refused"


class MessageError(ValueError):
    """A message on the broker that is not what its topic promises; the reason is fit to send back."""


def topic_word(text: str) -> str:
    """``text`` as one topic level: '/', '+', '#' and '%' (and NUL) percent-escaped, never empty."""
    out = []
    for ch in text:
        out.append(f"%{ord(ch):02X}" if ch in "/+#%\0" else ch)
    return "".join(out) or "%00"


def word_text(word: str) -> str:
    """The text a :func:`topic_word` level stands for."""
    out, i = [], 0
    while i < len(word):
        if word[i] == "%" and i + 3 <= len(word):
            out.append(chr(int(word[i + 1:i + 3], 16)))
            i += 3
        else:
            out.append(word[i])
            i += 1
    text = "".join(out)
    return "" if text == "\0" else text


@dataclass(frozen=True, slots=True)
class Topics:
    """The topics of one site."""

    site: str = "default"

    def agent(self, name: str) -> str:
        return f"{ROOT}/{topic_word(self.site)}/agent/{topic_word(name)}"

    def state(self, name: str) -> str:
        return f"{self.agent(name)}/state"

    def cmd(self, name: str) -> str:
        return f"{self.agent(name)}/cmd"

    def monitor(self, name: str, key: str, part: str) -> str:
        return f"{self.agent(name)}/monitor/{topic_word(key)}/{part}"

    def ack(self, console: str) -> str:
        return f"{ROOT}/{topic_word(self.site)}/console/{topic_word(console)}/ack"

    def all_states(self) -> str:
        return f"{ROOT}/{topic_word(self.site)}/agent/+/state"

    def all_monitors(self, part: str) -> str:
        return f"{ROOT}/{topic_word(self.site)}/agent/+/monitor/+/{part}"

    def parse(self, topic: str) -> tuple[str, str, str]:
        """(agent name, monitor key or '', last level) of an agent topic; MessageError otherwise."""
        levels = topic.split("/")
        prefix = [ROOT, topic_word(self.site), "agent"]
        if levels[:3] != prefix or len(levels) not in (5, 7):
            raise MessageError(f"not an agent topic of site {self.site}: {topic}")
        if len(levels) == 5:
            return word_text(levels[3]), "", levels[4]
        if levels[4] != "monitor":
            raise MessageError(f"not a monitor topic: {topic}")
        return word_text(levels[3]), word_text(levels[5]), levels[6]


def grid_word(shape: GridShape) -> str | None:
    """The grid preset a wall agent takes for ``shape`` ("3x3", "1+5"), or None for a hand-merged grid."""
    if shape == uniform(shape.rows, shape.cols):
        return f"{shape.rows}x{shape.cols}"
    return next((name for name, span in SPAN_PRESETS.items() if span == shape), None)


@dataclass(frozen=True, slots=True)
class MonitorInfo:
    key: str  # domain/monitors.MonitorId.key()
    label: str
    width: int = 0
    height: int = 0


@dataclass(frozen=True, slots=True)
class AgentState:
    name: str
    state: str  # READY or LOST
    monitors: tuple[MonitorInfo, ...] = ()
    at: float = 0.0  # when the agent said so (a will is stamped by whoever receives it)

    def to_json(self) -> bytes:
        return _dump({"name": self.name, "state": self.state, "at": self.at,
                      "monitors": [{"key": m.key, "label": m.label, "width": m.width, "height": m.height}
                                   for m in self.monitors]})

    @classmethod
    def from_json(cls, payload: bytes) -> AgentState:
        data = _load(payload)
        state = data.get("state")
        if state not in (READY, LOST):
            raise MessageError(f"agent state must be {READY} or {LOST}, got {state!r}")
        monitors = data.get("monitors", [])
        if not isinstance(monitors, list):
            raise MessageError("'monitors' must be a list")
        return cls(str(data.get("name", "")), str(state),
                   tuple(MonitorInfo(str(m.get("key", "")), str(m.get("label", "")), int(m.get("width", 0)),
                                     int(m.get("height", 0))) for m in monitors if isinstance(m, Mapping)),
                   _num(data.get("at") or 0.0))


@dataclass(frozen=True, slots=True)
class Source:
    """A camera as a wall agent needs it: what the tile says and where the streams are (no credentials)."""

    id: str
    name: str
    main_url: str
    sub_url: str = ""

    @classmethod
    def of(cls, camera: Camera) -> Source:
        return cls(camera.id, camera.name, camera.main_url, camera.sub_url)

    def camera(self) -> Camera:
        return Camera(self.id, self.name, main_url=self.main_url, sub_url=self.sub_url)


@dataclass(frozen=True, slots=True)
class Desired:
    """What a monitor should show: a grid preset and a camera per tile (None: empty). ``rev`` grows per change."""

    layout: str
    tiles: tuple[Source | None, ...] = ()
    rev: int = 0
    by: str = ""  # who asked (the signed-in console user)
    at: float = 0.0
    console: str = ""  # which console sent it (the monitor's control lease names consoles)
    role: str = ""  # the user's role at that console

    def to_json(self) -> bytes:
        return _dump({"layout": self.layout, "rev": self.rev, "by": self.by, "at": self.at,
                      "console": self.console, "role": self.role,
                      "tiles": [None if s is None else {"id": s.id, "name": s.name, "main_url": s.main_url,
                                                        "sub_url": s.sub_url} for s in self.tiles]})

    @classmethod
    def from_json(cls, payload: bytes) -> Desired:
        data = _load(payload)
        layout = data.get("layout")
        tiles = data.get("tiles", [])
        if not isinstance(layout, str) or not layout:
            raise MessageError("'layout' must name a grid preset")
        if not isinstance(tiles, list):
            raise MessageError("'tiles' must be a list")
        return cls(layout, tuple(_source(t) for t in tiles), int(_num(data.get("rev", 0))), str(data.get("by", "")),
                   _num(data.get("at") or 0.0), str(data.get("console", "")), str(data.get("role", "")))

    def with_tile(self, index: int, source: Source | None, rev: int, by: str, at: float) -> Desired:
        tiles = list(self.tiles) + [None] * max(0, index + 1 - len(self.tiles))
        tiles[index] = source
        return replace(self, tiles=tuple(tiles), rev=rev, by=by, at=at)


def _source(data: object) -> Source | None:
    if data is None:
        return None
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
        raise MessageError("a tile is null or an object with 'id', 'name', 'main_url', 'sub_url'")
    main = str(data.get("main_url", ""))
    sub = str(data.get("sub_url", ""))
    if "@" in main.split("//", 1)[-1].split("/", 1)[0] or "@" in sub.split("//", 1)[-1].split("/", 1)[0]:
        raise MessageError(f"camera {data['id']}: stream URLs on the broker must carry no credentials")
    return Source(str(data["id"]), str(data.get("name", data["id"])), main, sub)


@dataclass(frozen=True, slots=True)
class TileShown:
    index: int
    camera: str  # camera id or ''
    state: str  # StreamState value
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Reported:
    """What a monitor really shows: the desired ``rev`` it applied and each tile's state."""

    layout: str
    rev: int
    tiles: tuple[TileShown, ...] = field(default_factory=tuple)
    at: float = 0.0
    refused_rev: int = 0  # the last desired revision this monitor would not show (another console's lease)
    refused_reason: str = ""

    def to_json(self) -> bytes:
        return _dump({"layout": self.layout, "rev": self.rev, "at": self.at, "refused_rev": self.refused_rev,
                      "refused_reason": self.refused_reason,
                      "tiles": [{"index": t.index, "camera": t.camera, "state": t.state, "reason": t.reason}
                                for t in self.tiles]})

    @classmethod
    def from_json(cls, payload: bytes) -> Reported:
        data = _load(payload)
        tiles = data.get("tiles", [])
        if not isinstance(tiles, list):
            raise MessageError("'tiles' must be a list")
        return cls(str(data.get("layout", "")), int(_num(data.get("rev", 0))),
                   tuple(TileShown(int(t.get("index", 0)), str(t.get("camera", "")), str(t.get("state", "")),
                                   str(t.get("reason", ""))) for t in tiles if isinstance(t, Mapping)),
                   _num(data.get("at") or 0.0), int(_num(data.get("refused_rev") or 0)),
                   str(data.get("refused_reason", "")))


@dataclass(frozen=True, slots=True)
class Lease:
    """Who controls a monitor (issue 21 item 3): one console at a time, until ``expires`` unless renewed.
    The agent grants it and keeps it retained on ``.../monitor/<key>/lease``; ``holder`` '' = nobody."""

    holder: str = ""  # the console's id on the broker
    user: str = ""
    role: str = ""
    expires: float = 0.0
    took_over_from: str = ""  # the previous holder's words, when a supervisor took over

    def live(self, now: float) -> bool:
        return bool(self.holder) and now < self.expires

    def describe(self) -> str:
        return f"{self.user} ({self.role}) at {self.holder}"

    def to_json(self) -> bytes:
        return _dump({"holder": self.holder, "user": self.user, "role": self.role, "expires": self.expires,
                      "took_over_from": self.took_over_from})

    @classmethod
    def from_json(cls, payload: bytes) -> Lease:
        data = _load(payload)
        return cls(str(data.get("holder", "")), str(data.get("user", "")), str(data.get("role", "")),
                   _num(data.get("expires") or 0.0), str(data.get("took_over_from", "")))


@dataclass(frozen=True, slots=True)
class Ack:
    result: str  # ACCEPTED or REFUSED
    reason: str = ""
    agent: str = ""

    def to_json(self) -> bytes:
        return _dump({"result": self.result, "reason": self.reason, "agent": self.agent})

    @classmethod
    def from_json(cls, payload: bytes) -> Ack:
        data = _load(payload)
        result = data.get("result")
        if result not in (ACCEPTED, REFUSED):
            raise MessageError(f"an acknowledgement is {ACCEPTED} or {REFUSED}, got {result!r}")
        return cls(str(result), str(data.get("reason", "")), str(data.get("agent", "")))


def _num(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MessageError(f"a number was expected, got {value!r}")
    return float(value)


def _dump(data: Mapping[str, object]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def _load(payload: bytes) -> Mapping[str, object]:
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MessageError(f"not JSON: {exc}") from None
    if not isinstance(data, Mapping):
        raise MessageError("a message is a JSON object")
    return data
