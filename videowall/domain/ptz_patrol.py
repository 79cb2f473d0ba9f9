"""Preset patrols and park: a camera's tour of its presets, and where it rests when nobody steers it.

A ``PatrolPlan`` is one camera's definition: its presets in order with a dwell each, how long the
camera must be left alone before an interrupted patrol goes on, and optionally a park preset with
the idle time after which the camera goes there. ``PatrolMachine`` is the pure rule that runs it;
the caller gives it the time at every call (a wall clock in the console, a fake one in tests):

* ``start``: the patrol goes to its first preset now, then each next one after the dwell, looping.
* ``manual``: anyone steered the camera (a move, a preset recall, another console holding it): the
  patrol is held and the park clock starts again.
* a held patrol goes on with its next preset once nobody steered for ``resume_idle_s``.
* ``stop``: the operator ends the patrol; with a park preset the camera parks after ``park_idle_s``
  without anybody steering it (parking happens once per idle spell: a manual move ends it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

MIN_DWELL_S = 1.0
DEFAULT_DWELL_S = 10.0
DEFAULT_RESUME_S = 60.0
MIN_RESUME_S = 1.0


@dataclass(frozen=True, slots=True)
class PatrolStep:
    preset: str  # the preset's name (camera presets and local ones alike)
    dwell_s: float = DEFAULT_DWELL_S


@dataclass(frozen=True, slots=True)
class PatrolPlan:
    camera_id: str
    steps: tuple[PatrolStep, ...] = ()
    resume_idle_s: float = DEFAULT_RESUME_S
    park_preset: str = ""  # empty: the camera does not park
    park_idle_s: float = 0.0  # 0: the camera does not park

    @property
    def parks(self) -> bool:
        return bool(self.park_preset) and self.park_idle_s > 0

    def problems(self) -> list[str]:
        """Why this plan cannot be stored (English; the UI's own checks say it in the operator's language)."""
        out = []
        for number, step in enumerate(self.steps, 1):
            if not step.preset.strip():
                out.append(f"step {number} names no preset")
            if not math.isfinite(step.dwell_s) or step.dwell_s < MIN_DWELL_S:
                out.append(f"step {number}: dwell must be at least {MIN_DWELL_S:g} s")
        if not math.isfinite(self.resume_idle_s) or self.resume_idle_s < MIN_RESUME_S:
            out.append(f"resume after idle must be at least {MIN_RESUME_S:g} s")
        if not math.isfinite(self.park_idle_s) or self.park_idle_s < 0:
            out.append("park idle time must be zero (no park) or more")
        if self.park_idle_s > 0 and not self.park_preset.strip():
            out.append("parking needs a park preset")
        return out


class Mode(StrEnum):
    OFF = "off"  # no patrol, no park
    TOURING = "touring"  # on its way to, or dwelling at, a patrol preset
    HELD = "held"  # a patrol interrupted by someone steering; resumes after idle
    WAITING = "waiting"  # no patrol; parks after idle
    PARKED = "parked"  # at the park preset (until someone steers it)


@dataclass(frozen=True, slots=True)
class Goto:
    """What the machine wants sent: recall ``preset``; ``step`` is its 0-based patrol index (None: park)."""

    preset: str
    step: int | None = None

    @property
    def park(self) -> bool:
        return self.step is None


@dataclass(frozen=True, slots=True)
class PatrolStatus:
    mode: Mode
    step: int = 0  # 1-based patrol step shown (0: none yet)
    total: int = 0
    preset: str = ""  # the current patrol preset, or the park preset
    at: float | None = None  # when a held patrol resumes, or when the camera parks (clock time)


class PatrolMachine:
    """The patrol and park rule for one camera; every method takes the current time."""

    def __init__(self, plan: PatrolPlan, now: float) -> None:
        self.plan = plan
        self.touring = False  # the operator started the patrol and has not stopped it
        self.held = False
        self.parked = False
        self.last_activity = now  # the last time anybody steered the camera (or the machine was made)
        self._next = 0  # index of the next step to visit
        self._current: int | None = None  # index of the step being visited
        self._due: float | None = None  # when the next step is due; None: waiting for ``arrived``

    def replace_plan(self, plan: PatrolPlan) -> None:
        """A new definition for the same camera; a running patrol goes on where it was (from the first step
        when the new one is shorter than that)."""
        self.plan = plan
        if self._next >= len(plan.steps) or (self._current is not None and self._current >= len(plan.steps)):
            self._next, self._current = 0, None
        if not plan.steps:
            self.touring = self.held = False

    def start(self, now: float) -> None:
        if not self.plan.steps:
            raise ValueError("a patrol needs at least one preset")
        self.touring, self.held, self.parked = True, False, False
        self._next, self._current, self._due = 0, None, now

    def stop(self, now: float) -> None:
        """The operator stopped the patrol (an operator's act: the park clock starts now)."""
        self.touring = self.held = False
        self._current = None
        self.last_activity = now

    def manual(self, now: float) -> None:
        """Somebody steered the camera: hold the patrol, leave the park, count idle time from now."""
        self.last_activity = max(self.last_activity, now)
        self.parked = False
        if self.touring:
            self.held = True

    def arrived(self, now: float) -> None:
        """The last ``Goto`` went out (or failed): the dwell at that preset counts from now."""
        if self.touring and not self.held and self._current is not None:
            self._due = now + self.plan.steps[self._current].dwell_s

    def tick(self, now: float) -> Goto | None:
        """What to send now, if anything. After a patrol ``Goto`` call ``arrived`` once it went out."""
        if self.touring:
            if self.held:
                if now - self.last_activity < self.plan.resume_idle_s:
                    return None
                self.held = False
                self._due = now
            if self._due is None or now < self._due:
                return None
            step = self._next
            self._current, self._next, self._due = step, (step + 1) % len(self.plan.steps), None
            return Goto(self.plan.steps[step].preset, step)
        if self.plan.parks and not self.parked and now - self.last_activity >= self.plan.park_idle_s:
            self.parked = True
            return Goto(self.plan.park_preset)
        return None

    def status(self) -> PatrolStatus:
        total = len(self.plan.steps)
        if self.touring and self.held:
            return PatrolStatus(Mode.HELD, (self._current or 0) + 1 if self._current is not None else 0, total,
                                "", self.last_activity + self.plan.resume_idle_s)
        if self.touring:
            current = self._current
            if current is None:
                return PatrolStatus(Mode.TOURING, 0, total)
            return PatrolStatus(Mode.TOURING, current + 1, total, self.plan.steps[current].preset)
        if self.parked:
            return PatrolStatus(Mode.PARKED, 0, total, self.plan.park_preset)
        if self.plan.parks:
            return PatrolStatus(Mode.WAITING, 0, total, self.plan.park_preset,
                                self.last_activity + self.plan.park_idle_s)
        return PatrolStatus(Mode.OFF, 0, total)
