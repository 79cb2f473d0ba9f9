"""Tours (Milestone's carousels, Genetec's tours): a named list of cameras or of layouts, a dwell per step.

A camera tour runs on one tile position of a wall; a layout tour runs on a whole wall. The stepping
rules are pure and take the clock as an argument:

* a step is shown for its own dwell, then the next step that can be shown follows (a dark camera, one
  offline or out of service, is skipped; a tour whose every step is dark waits and tries again);
* while the operator works on the tile (PTZ, maximise, a context menu, a click) the tour holds its
  step and goes on ``RESUME_AFTER_S`` seconds after the last touch; a pause asked for on purpose
  ("Pause tour") holds until the operator resumes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from videowall.domain.health import HealthState

MIN_DWELL_S = 2.0
MAX_DWELL_S = 3600.0
DEFAULT_DWELL_S = 10.0
RESUME_AFTER_S = 20.0  # an operator's touch holds the step this long after the last touch
MAX_NAME = 60
# A tile state that shows nothing of the scene (StreamState.shows_nothing) makes a tour skip the camera
# (when a wall saw it in the last DARK_FOR_S).
#: A health sweep's verdict that the camera shows nothing: skipped unless a wall saw it since (DARK_FOR_S).
SWEPT_DARK = frozenset({HealthState.NOT_FOUND, HealthState.AUTH_FAILURE, HealthState.UNREACHABLE,
                        HealthState.DISABLED, HealthState.BAD_URL, HealthState.UNSUPPORTED, HealthState.BLACK})
DARK_FOR_S = 300.0  # what a wall saw decides this long; then the camera gets another chance (or the sweep decides)


class TourKind(StrEnum):
    CAMERAS = "cameras"  # one tile cycles through cameras
    LAYOUTS = "layouts"  # a whole wall cycles through saved layouts


class TourError(ValueError):
    """A tour definition that cannot be saved or run; the message is fit to show."""


@dataclass(frozen=True, slots=True)
class TourStep:
    item: str  # a camera id (camera tours) or a saved layout's name (layout tours)
    dwell_s: float = DEFAULT_DWELL_S


@dataclass(frozen=True, slots=True)
class TourDefinition:
    name: str
    kind: TourKind
    steps: tuple[TourStep, ...]

    def __post_init__(self) -> None:
        name = self.name.strip()
        if not name:
            raise TourError("a tour needs a name")
        if len(name) > MAX_NAME:
            raise TourError(f"a tour name is at most {MAX_NAME} characters")
        if not self.steps:
            raise TourError(f"tour {name!r} has no steps")
        for step in self.steps:
            if not step.item:
                raise TourError(f"tour {name!r} has an empty step")
            if not (MIN_DWELL_S <= step.dwell_s <= MAX_DWELL_S) or math.isnan(step.dwell_s):
                raise TourError(f"tour {name!r}: a dwell is {MIN_DWELL_S:g} to {MAX_DWELL_S:g} seconds, "
                                f"not {step.dwell_s:g}")

    @staticmethod
    def of(name: str, kind: TourKind, items: list[str] | tuple[str, ...], dwell_s: float) -> TourDefinition:
        """The same dwell for every step; repeated items are kept once, in their first place."""
        seen = list(dict.fromkeys(i for i in items if i))
        return TourDefinition(name.strip(), kind, tuple(TourStep(i, dwell_s) for i in seen))


def add_items(steps: tuple[TourStep, ...], items: list[str], dwell_s: float) -> tuple[TourStep, ...]:
    """Append ``items`` as steps (those already in the tour are not added twice)."""
    have = {s.item for s in steps}
    new = [i for i in dict.fromkeys(items) if i and i not in have]
    return steps + tuple(TourStep(i, dwell_s) for i in new)


@dataclass
class TourCursor:
    """Where a running tour is: its step, when the next one is due, whether the operator holds it."""

    definition: TourDefinition
    position: int = -1  # -1: nothing shown yet
    next_at: float = 0.0
    held_until: float = 0.0  # touched by the operator: no step before this
    held: bool = False  # paused on purpose: no step until resumed
    skipped: list[str] = field(default_factory=list)  # items skipped as dark at the last step

    @property
    def current(self) -> TourStep | None:
        return self.definition.steps[self.position] if 0 <= self.position < len(self.definition.steps) else None

    def paused(self, now: float) -> bool:
        return self.held or now < self.held_until

    def due(self, now: float) -> bool:
        return not self.paused(now) and now >= self.next_at

    def advance(self, now: float, usable: Callable[[str], bool], direction: int = 1) -> TourStep | None:
        """Move to the next (``direction`` -1: previous) step that can be shown and start its dwell.

        Dark steps are skipped; when every step is dark nothing changes and the tour tries again after
        the shortest dwell. Returns the step now shown, or None.
        """
        steps = self.definition.steps
        self.skipped = []
        start = self.position if self.position >= 0 else (-1 if direction > 0 else 0)
        for k in range(1, len(steps) + 1):
            i = (start + direction * k) % len(steps)
            if usable(steps[i].item):
                self.position = i
                self.next_at = now + steps[i].dwell_s
                return steps[i]
            self.skipped.append(steps[i].item)
        self.next_at = now + min(s.dwell_s for s in steps)
        return None

    def peek(self, usable: Callable[[str], bool]) -> TourStep | None:
        """The step :meth:`advance` would show next (forwards), without moving."""
        steps = self.definition.steps
        start = self.position if self.position >= 0 else -1
        for k in range(1, len(steps) + 1):
            step = steps[(start + k) % len(steps)]
            if usable(step.item):
                return step
        return None

    def touch(self, now: float, seconds: float = RESUME_AFTER_S) -> None:
        """The operator works on the tile: hold the step until ``seconds`` after this touch."""
        self.held_until = max(self.held_until, now + seconds)

    def hold(self) -> None:
        self.held = True

    def resume(self, now: float) -> None:
        """Go on: the current step gets a fresh dwell (the operator just looked away from it)."""
        self.held, self.held_until = False, 0.0
        step = self.current
        self.next_at = now + (step.dwell_s if step is not None else 0.0)

    def label(self) -> str:
        """``2/5``: the step shown and how many there are."""
        return f"{self.position + 1}/{len(self.definition.steps)}"
