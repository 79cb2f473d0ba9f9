"""Which monitor is which, across restarts: by identity (EDID serial, make, model), not by index.

Screen order changes when a monitor is re-plugged or the desktop re-enumerates; a wall must come back
on the same physical monitor. Virtual or cheap monitors report no serial, so matching scores every
field and falls back to name and resolution.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class MonitorId:
    name: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    width: int = 0
    height: int = 0

    def key(self) -> str:
        """A stable key: the serial when the monitor has one, else everything we know."""
        if self.serial:
            return f"{self.manufacturer}|{self.model}|{self.serial}"
        return f"{self.manufacturer}|{self.model}|{self.name}|{self.width}x{self.height}"

    def label(self) -> str:
        make = " ".join(x for x in (self.manufacturer, self.model) if x)
        return f"{self.name} {make} ({self.width}x{self.height})".replace("  ", " ").strip()

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> MonitorId:
        data = json.loads(text)
        return cls(**{k: data.get(k, cls.__dataclass_fields__[k].default) for k in cls.__dataclass_fields__})


def score(saved: MonitorId, current: MonitorId) -> int:
    """How sure we are that ``current`` is the monitor ``saved`` described (0 = not it)."""
    if saved.serial and current.serial:
        return 1000 if (saved.serial, saved.model) == (current.serial, current.model) else 0
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
    return points


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
