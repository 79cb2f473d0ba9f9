"""One operator at a time: the PTZ lock of a camera, as plain data and one pure decision.

A lock names who holds a camera's PTZ (person, role, console), until when (wall-clock epoch seconds,
so consoles on other PCs agree; ``hold_s`` after the holder's last command) and a sequence number that
grows with every change. That is all it is, so it can be a SQLite row today (storage/ptz_locks.py)
and a retained broker message tomorrow (``to_message``/``from_message``; the higher ``seq`` wins).

Priority by role: a supervisor may take a camera over from an operator (the operator is told); nobody
takes it from an equal or higher role before it expires. The same person may take their own lock
over from another console (a restarted or second console), so a crashed console never strands them.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from videowall.domain.access import Role

DEFAULT_HOLD_S = 30.0
HOLD_KEY = "ptz_lock_s"
#: Who outranks whom at the camera; roles without PTZ never hold a lock.
RANK = {Role.OPERATOR: 1, Role.SUPERVISOR: 2}


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who asks for the camera: a person with a role, at one console (``console`` is unique per run)."""

    user: str
    role: Role
    console: str


@dataclass(frozen=True, slots=True)
class PtzLock:
    camera_id: str
    holder: str
    role: Role
    console: str
    since: float
    until: float
    seq: int = 1
    taken_from: str = ""  # the previous holder's name when this lock was a takeover

    def held_at(self, now: float) -> bool:
        return self.until > now

    def is_by(self, who: Claimant) -> bool:
        return self.console == who.console

    def to_message(self) -> dict[str, Any]:
        """The lock as a JSON-able message (for a broker topic such as ``videowall/ptz/lock/CAMERA``)."""
        data = asdict(self)
        data["role"] = self.role.value
        return data

    @classmethod
    def from_message(cls, data: dict[str, Any]) -> PtzLock:
        return cls(str(data["camera_id"]), str(data["holder"]), Role(data["role"]), str(data["console"]),
                   float(data["since"]), float(data["until"]), int(data.get("seq", 1)),
                   str(data.get("taken_from", "")))


class Outcome(StrEnum):
    GRANTED = "granted"  # the camera was free (or its lock had run out)
    RENEWED = "renewed"  # this console held it already
    TAKEN_OVER = "taken_over"  # from a lower role, or from the same person at another console
    REFUSED = "refused"  # someone else holds it


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    lock: PtzLock  # the lock after the decision (the holder's, when refused)
    previous: PtzLock | None = None  # the lock that was taken over

    @property
    def granted(self) -> bool:
        return self.outcome is not Outcome.REFUSED


def outranks(who: Role, holder: Role) -> bool:
    return RANK.get(who, 0) > RANK.get(holder, 0)


def decide(current: PtzLock | None, camera_id: str, who: Claimant, now: float, hold_s: float, *,
           take_over: bool = False) -> Decision:
    """What happens when ``who`` asks for ``camera_id``'s PTZ at ``now``. ``take_over``: asked to take it
    from a holder of lower rank (the supervisor's explicit choice); without it such a holder refuses too."""
    until = now + hold_s
    if current is None or not current.held_at(now):
        seq = current.seq + 1 if current is not None else 1
        return Decision(Outcome.GRANTED, PtzLock(camera_id, who.user, who.role, who.console, now, until, seq))
    if current.is_by(who):
        return Decision(Outcome.RENEWED, replace(current, until=until, seq=current.seq + 1))
    if current.holder == who.user or (take_over and outranks(who.role, current.role)):
        lock = PtzLock(camera_id, who.user, who.role, who.console, now, until, current.seq + 1, current.holder)
        return Decision(Outcome.TAKEN_OVER, lock, current)
    return Decision(Outcome.REFUSED, current)


def now() -> float:
    return time.time()
