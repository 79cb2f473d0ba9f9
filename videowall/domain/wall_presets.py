"""Wall presets (issue 21 item 3): which grid and cameras on which monitor of which wall agent, by name."""

from __future__ import annotations

from dataclasses import dataclass

from videowall.domain.grid import preset


@dataclass(frozen=True, slots=True)
class PresetMonitor:
    """One remote monitor of a preset: its agent, monitor key, grid preset and a camera id per tile."""

    agent: str
    monitor: str
    layout: str
    cameras: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class WallPreset:
    name: str
    monitors: tuple[PresetMonitor, ...]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a wall preset needs a name")
        if not self.monitors:
            raise ValueError(f"wall preset {self.name!r}: no monitor shows anything")
        seen: set[tuple[str, str]] = set()
        for m in self.monitors:
            if (m.agent, m.monitor) in seen:
                raise ValueError(f"wall preset {self.name!r}: {m.agent}/{m.monitor} twice")
            seen.add((m.agent, m.monitor))
            shape = preset(m.layout)
            if shape is None:
                raise ValueError(f"wall preset {self.name!r}: {m.layout!r} is not a grid preset")
            if len(m.cameras) > shape.tile_count:
                raise ValueError(f"wall preset {self.name!r}: more cameras than {m.layout} has tiles")
