"""Which monitor is which, across restarts: by identity (EDID serial, make, model), not by index.

Screen order changes when a monitor is re-plugged or the desktop re-enumerates; a wall must come back
on the same physical monitor. Virtual or cheap monitors report no serial, so matching scores every
field and falls back to name and resolution.

Two monitors may still report the very same identity (no EDID: same name, no make, same size). Such
twins are told apart by where they are (desktop, x, y): :func:`distinguish` marks them, their key then
includes the position, and their label says which one is which ("monitor 2: right, 1920,0").
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True, slots=True)
class MonitorId:
    name: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    width: int = 0
    height: int = 0
    x: int = 0  # top-left corner on its desktop
    y: int = 0
    desktop: int = 0  # X screen: separate X screens (":0.0", ":0.1") each start at 0,0
    number: int = 0  # 1-based place in the system's screen list, for labels only
    place: str = ""  # set by distinguish() when a twin shares this identity: "left", "right", "screen 2"...

    def identity(self) -> str:
        """What the monitor says about itself: the serial when it has one, else everything it reports."""
        if self.serial:
            return f"{self.manufacturer}|{self.model}|{self.serial}"
        return f"{self.manufacturer}|{self.model}|{self.name}|{self.width}x{self.height}"

    def key(self) -> str:
        """A stable key: the identity, and the position too for monitors that have a twin."""
        return f"{self.identity()}@{self.desktop}:{self.x},{self.y}" if self.place else self.identity()

    def label(self) -> str:
        make = " ".join(x for x in (self.manufacturer, self.model) if x)
        base = f"{self.name} {make} ({self.width}x{self.height})".replace("  ", " ").strip()
        if self.place:
            return f"{base} - monitor {self.number} ({self.place}, {self.x},{self.y})"
        return base

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MonitorId:
        data = json.loads(text)
        return cls(**{k: data.get(k, cls.__dataclass_fields__[k].default) for k in cls.__dataclass_fields__})


def distinguish(monitors: list[MonitorId]) -> list[MonitorId]:
    """The same monitors, twins (same identity) marked with their place among each other."""
    twins: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(monitors):
        twins[m.identity()].append(i)
    out = list(monitors)
    for group in twins.values():
        if len(group) < 2:
            continue
        for i in group:
            out[i] = replace(monitors[i], place=_place(monitors[i], [monitors[j] for j in group]))
    return out


def _place(m: MonitorId, group: list[MonitorId]) -> str:
    xs, ys, desktops = {g.x for g in group}, {g.y for g in group}, {g.desktop for g in group}
    if len(desktops) > 1:
        return f"screen {m.desktop + 1}"
    if len(xs) > 1:
        return "left" if m.x == min(xs) else "right" if m.x == max(xs) else "middle"
    if len(ys) > 1:
        return "top" if m.y == min(ys) else "bottom" if m.y == max(ys) else "middle"
    return f"#{m.number}"  # mirrored twins: only their order tells them apart


def score(saved: MonitorId, current: MonitorId) -> int:
    """How sure we are that ``current`` is the monitor ``saved`` described (0 = not it).

    For twins the position decides between otherwise equal candidates (a few points on top)."""
    at = 5 if saved.place and (saved.desktop, saved.x, saved.y) == (current.desktop, current.x, current.y) else 0
    if saved.serial and current.serial:
        return 1000 + at if (saved.serial, saved.model) == (current.serial, current.model) else 0
    points = 0
    if saved.manufacturer and saved.manufacturer == current.manufacturer:
        points += 40
    if saved.model and saved.model == current.model:
        points += 40
    # A rotated monitor reports its size swapped: still the same panel.
    if (saved.width, saved.height) in ((current.width, current.height), (current.height, current.width)):
        points += 30
    if saved.name and saved.name == current.name:
        points += 10
    return points + at if points else 0


def match(saved: list[MonitorId], current: list[MonitorId], threshold: int = 30) -> dict[int, int]:
    """Pair saved monitors with current ones, best pairs first; returns {saved index: current index}."""
    pairs = sorted(
        ((score(s, c), si, ci) for si, s in enumerate(saved) for ci, c in enumerate(current)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for points, si, ci in pairs:
        if points < threshold or si in out or ci in used:
            continue
        out[si] = ci
        used.add(ci)
    return out
