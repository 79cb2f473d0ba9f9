"""Sign-in lockout: after repeated wrong passwords a name is locked for a while, longer each time.

Pure rules over the times of the failed attempts since the name last signed in (the audit trail is
where those times live). ``max_failures`` wrong passwords lock the name for ``base_s``; every further
failure after a lock has run out doubles the lock, up to ``cap_s``. A right password during a lock is
refused like a wrong one would be, so guessing cannot go on while locked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_MAX_FAILURES = 5
DEFAULT_BASE_S = 30.0
DEFAULT_CAP_S = 3600.0


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = DEFAULT_MAX_FAILURES
    base_s: float = DEFAULT_BASE_S
    cap_s: float = DEFAULT_CAP_S

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> LockoutPolicy:
        """``login_max_failures``, ``login_lockout_s``, ``login_lockout_cap_s``; bad values keep the default."""
        def number(key: str, default: float, low: float) -> float:
            value = values.get(key)
            try:
                return max(low, float(value)) if isinstance(value, (int, float, str)) else default
            except ValueError:
                return default
        return cls(int(number("login_max_failures", DEFAULT_MAX_FAILURES, 1)),
                   number("login_lockout_s", DEFAULT_BASE_S, 0.0), number("login_lockout_cap_s", DEFAULT_CAP_S, 0.0))


def locked_until(failures: Sequence[float], policy: LockoutPolicy) -> float | None:
    """When the name may try again, given its failed attempts (times, any order) since its last sign-in."""
    times = sorted(failures)
    if len(times) < policy.max_failures:
        return None
    until: float | None = None
    lock = policy.base_s
    for n, at in enumerate(times, start=1):
        if n < policy.max_failures:
            continue
        if until is not None and at < until:
            continue  # tried while locked: refused, and the lock is not extended by it
        if n > policy.max_failures:
            lock = min(policy.cap_s, lock * 2)
        until = at + lock
    return until
