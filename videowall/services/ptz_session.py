"""PTZ in the audit trail: the console's sessions and the command line's runs (no ONVIF import here).

Console: a session row (``ptz_session``) when the operator's first movement command goes to a
camera, and an end row (``ptz_session_end``: commands, duration, why) after ``idle_s`` without a
command or when the operator releases the camera (the PTZ dock lets go of its controller), whichever
comes first; moving again after an idle end opens a new session. The command line writes one
``ptz_command`` row per run (services/ptz_cli.py) with every camera command it sent.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from videowall.security import audit

#: ONVIF operations that move the camera or change its presets (``PtzController.sent_log`` names).
MOVEMENTS = frozenset({"ContinuousMove", "Stop", "AbsoluteMove", "RelativeMove", "GotoHomePosition", "GotoPreset",
                       "RemovePreset"})
Record = Callable[[str, str, str], object]  # (action, target, detail): appends one audit row
CallLater = Callable[[float, Callable[[], None]], object]


def movements(sent: Iterable[tuple[float, str]]) -> list[str]:
    return [op for _t, op in sent if op in MOVEMENTS]


class PtzSessionAudit:
    """One camera's console PTZ as audited sessions; feed it ``observe(controller.sent_log)`` on each change."""

    def __init__(self, record: Record, camera_id: str, call_later: CallLater, *, idle_s: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._record = record
        self.camera_id = camera_id
        self._call_later = call_later
        self.idle_s = idle_s
        self._clock = clock
        self._last_seen: tuple[float, str] | None = None
        self._started: float | None = None  # clock time of the session's first command; None: no session
        self._last_command = 0.0
        self._wall_from = self._wall_to = 0.0  # epoch seconds of the first and the last command
        self.commands = 0

    @property
    def open(self) -> bool:
        return self._started is not None

    def observe(self, sent_log: Iterable[tuple[float, str]]) -> None:
        """Count the movement commands sent since the last call (``sent_log``: oldest first)."""
        entries = list(sent_log)
        fresh: list[tuple[float, str]] = []
        for entry in reversed(entries):
            if entry is self._last_seen:
                break
            fresh.append(entry)
        if entries:
            self._last_seen = entries[-1]
        for op in reversed(movements(fresh)):
            self._command(op)

    def _command(self, op: str) -> None:
        now = self._clock()
        if self._started is None:
            if op == "Stop":  # a Stop alone (say at release) is not a session
                return
            self._started, self.commands = now, 0
            self._wall_from = time.time()
            self._record(audit.Action.PTZ_SESSION, self.camera_id, f"first command {op}")
            self._call_later(self.idle_s, self._idle_check)
        self.commands += 1
        self._last_command = now
        self._wall_to = time.time()

    def _idle_check(self) -> None:
        if self._started is None:
            return
        quiet = self._clock() - self._last_command
        if quiet >= self.idle_s:
            self.end(f"idle {self.idle_s:.0f} s")
        else:
            self._call_later(self.idle_s - quiet, self._idle_check)

    def end(self, why: str) -> None:
        """Write the end row of an open session (idle, released); nothing when none is open."""
        if self._started is None:
            return
        seconds = max(0.0, self._last_command - self._started)
        span = f"from {time.strftime('%H:%M:%S', time.localtime(self._wall_from))} " \
               f"to {time.strftime('%H:%M:%S', time.localtime(self._wall_to))}"
        self._record(audit.Action.PTZ_SESSION_END, self.camera_id,
                     f"{self.commands} commands over {seconds:.1f} s, {span}; ended: {why}")
        self._started = None
