"""Control leases of an agent's monitors (issue 21 item 3): one console controls a monitor at a time.

The agent is the one authority: a console asks for the lease with a ``lease`` command (renewed every few
seconds while it holds it), gives it back with ``release``; a desired state or command from a console that
does not hold a live lease is refused with who holds it. Sending to a monitor nobody controls gives the
sender the lease. A live lease is taken from its holder only by a role allowed to (``WALL_TAKEOVER``).
Consoles are the only broker accounts that may write ``cmd``/``desired`` (the broker's ACL), so the
console id and role a message names are the sender's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from videowall.domain.access import MATRIX, Permission, Role
from videowall.domain.wall_topics import Lease

LEASE_S = 30.0  # a console that stops renewing loses control after this long


class LeaseRefused(Exception):
    """Not this console's turn; the message says who holds the monitor."""


class LeaseBook:
    def __init__(self, clock: Callable[[], float] = time.time, lease_s: float = LEASE_S) -> None:
        self._clock = clock
        self._lease_s = lease_s
        self.leases: dict[str, Lease] = {}

    def check(self, key: str, console: str) -> None:
        """May ``console`` drive monitor ``key`` now? LeaseRefused when another console holds it."""
        lease = self.leases.get(key)
        if lease is not None and lease.live(self._clock()) and lease.holder != console:
            until = time.strftime("%H:%M:%S", time.localtime(lease.expires))
            raise LeaseRefused(f"controlled by {lease.describe()} (lease until {until})")

    def take(self, key: str, console: str, user: str, role: str, take_over: bool = False) -> Lease:
        """Grant or renew the lease; a live one of another console only with ``take_over`` by a role that may."""
        if not console:
            raise LeaseRefused("a lease needs the console's id")
        now = self._clock()
        old = self.leases.get(key)
        took_from = ""
        if old is not None and old.live(now) and old.holder != console:
            if not take_over:
                self.check(key, console)
            if not _may_take_over(role):
                raise LeaseRefused(f"{user} (role {role}) may not take control from {old.describe()}")
            took_from = old.describe()
        elif old is not None and old.holder == console:
            took_from = old.took_over_from
        lease = Lease(console, user, role, now + self._lease_s, took_from)
        self.leases[key] = lease
        return lease

    def release(self, key: str, console: str) -> Lease:
        self.check(key, console)
        self.leases[key] = Lease()
        return self.leases[key]

    def expired(self) -> list[str]:
        """Monitors whose lease ran out unrenewed (to be told as free), cleared here."""
        now = self._clock()
        gone = [key for key, lease in self.leases.items() if lease.holder and not lease.live(now)]
        for key in gone:
            self.leases[key] = Lease()
        return gone


def _may_take_over(role: str) -> bool:
    try:
        return Permission.WALL_TAKEOVER in MATRIX[Role(role)]
    except ValueError:
        return False
