"""PTZ locks for one console: take, renew, release and watch a camera's lock (domain/ptz_lock.py).

Every console (and every ``videowall ptz`` run) is a ``Claimant`` with its own console id. The lock
is decided and written in one ``BEGIN IMMEDIATE`` transaction on the database writer, so two consoles
on one database cannot both win; refusals and takeovers are audited in that same transaction.
Permissions are checked here: PTZ to hold a lock, PTZ_TAKEOVER (supervisor) to take one over.
No ONVIF import: the dock and the wall import this.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.ptz_lock import DEFAULT_HOLD_S, Claimant, Decision, Outcome, PtzLock, decide
from videowall.domain.settings_model import PtzSettings
from videowall.security import audit
from videowall.storage.ptz_locks import PtzLockRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter


def console_id() -> str:
    """Unique per process run: host, pid and a random tail (a pid can be reused after a restart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def clock_text(epoch: float) -> str:
    """HH:MM:SS in this machine's local time (what the operator's wall clock shows)."""
    return time.strftime("%H:%M:%S", time.localtime(epoch))


def hold_seconds(db: Database) -> float:
    value = SettingsRepository(db).load(PtzSettings).hold_s  # its default when unset or out of range
    return value if value > 0 else DEFAULT_HOLD_S


def decide_and_store(db: Database, camera_id: str, who: Claimant, *, take_over: bool = False,
                     now: float | None = None, renewal: bool = False) -> Decision:
    """One decision, written with its audit rows; run on the writer's connection (one transaction)."""
    at = time.time() if now is None else now
    repo = PtzLockRepository(db)
    current = repo.get(camera_id)
    decision = decide(current, camera_id, who, at, hold_seconds(db), take_over=take_over)
    if decision.granted:
        repo.put(decision.lock)
    held = decision.lock
    if decision.outcome is Outcome.REFUSED and not renewal:
        audit.append(db, who.user, audit.Action.PTZ_LOCK_REFUSED, camera_id,
                     f"held by {held.holder} ({held.role.value}) until {clock_text(held.until)}", at=at)
    elif decision.outcome is Outcome.TAKEN_OVER and decision.previous is not None:
        prev = decision.previous
        audit.append(db, who.user, audit.Action.PTZ_LOCK_TAKEN, camera_id,
                     f"from {prev.holder} ({prev.role.value}), who held it until {clock_text(prev.until)}", at=at)
    return decision


@dataclass(frozen=True, slots=True)
class Borrowed:
    granted: bool
    lock: PtzLock | None = None  # granted: the lock taken for the move (None: ours already); else the holder's


def borrow_and_store(db: Database, camera_id: str, who: Claimant, *, now: float | None = None) -> Borrowed:
    """One transaction: held by another console -> refused (nothing written); ours -> as it is; free -> taken."""
    at = time.time() if now is None else now
    repo = PtzLockRepository(db)
    current = repo.get(camera_id)
    if current is not None and current.held_at(at):
        return Borrowed(current.is_by(who), None if current.is_by(who) else current)
    decision = decide(current, camera_id, who, at, hold_seconds(db))
    repo.put(decision.lock)
    return Borrowed(True, decision.lock)


class PtzLocks:
    """This console's side of the locks; every method is a coroutine on the writer (never blocks the loop)."""

    def __init__(self, writer: DatabaseWriter, user: Callable[[], User], console: str | None = None) -> None:
        self._writer = writer
        self._user = user
        self.console = console or console_id()

    def claimant(self) -> Claimant:
        user = self._user()
        return Claimant(user.name, user.role, self.console)

    async def acquire(self, camera_id: str, *, take_over: bool = False) -> Decision:
        """Take (or renew) the lock; ``AccessDenied`` without PTZ, or PTZ_TAKEOVER when taking over."""
        user = require(self._user(), Permission.PTZ)
        if take_over:
            require(user, Permission.PTZ_TAKEOVER)
        who = self.claimant()
        return await asyncio.wrap_future(self._writer.submit(
            lambda db: decide_and_store(db, camera_id, who, take_over=take_over)))

    async def renew(self, camera_id: str) -> Decision:
        """After a command: ours again for ``hold_s``; REFUSED means someone took it (we lost it)."""
        require(self._user(), Permission.PTZ)
        who = self.claimant()
        return await asyncio.wrap_future(self._writer.submit(
            lambda db: decide_and_store(db, camera_id, who, renewal=True)))

    async def borrow(self, camera_id: str) -> Borrowed:
        """For one automatic move (a patrol step, a park): the camera if nobody else holds it, never by taking
        it over and with no refusal in the audit trail (a patrol yields; services/ptz_patrol.py says so).

        ``AccessDenied`` without PTZ. ``lock`` is set when this took a lock that must be released after the
        move; None when this console holds the camera already (its operator's lock stays as it was)."""
        require(self._user(), Permission.PTZ)
        who = self.claimant()
        return await asyncio.wrap_future(self._writer.submit(lambda db: borrow_and_store(db, camera_id, who)))

    async def release(self, camera_id: str) -> None:
        console = self.console
        await asyncio.wrap_future(self._writer.submit(lambda db: PtzLockRepository(db).delete(camera_id, console)))

    async def read(self, camera_id: str) -> PtzLock | None:
        return await asyncio.wrap_future(self._writer.submit(lambda db: PtzLockRepository(db).get(camera_id),
                                                             transaction=False))


class PtzLocked(Exception):
    """Refused: another console holds the camera. The message is fit to show (holder, until when)."""

    def __init__(self, lock: PtzLock, *, can_take_over: bool) -> None:
        self.lock = lock
        self.can_take_over = can_take_over
        super().__init__(f"controlled by {lock.holder} until {clock_text(lock.until)}")


#: A held lock is written again at most this often while commands go out (the row's ``until`` trails
#: the last command by at most this much), and the console checks this often whether it was taken.
RENEW_EVERY_S = 2.0
WATCH_EVERY_S = 1.0


class LockKeeper:
    """The console's hold on one camera: renews after commands, notices a takeover, gates commands.

    ``allowed()`` is what the controller asks before sending; once ``lost`` is set nothing more goes
    to the camera from this console (not even a Stop: the camera is someone else's now).
    """

    def __init__(self, locks: PtzLocks, lock: PtzLock, on_lost: Callable[[PtzLock], None]) -> None:
        self.locks = locks
        self.camera_id = lock.camera_id
        self.until = lock.until
        self.lost: PtzLock | None = None
        self._on_lost = on_lost
        self._written = time.time()
        self._renewing: asyncio.Task[None] | None = None
        self._waiting: list[Callable[[], None]] = []
        self._watch = asyncio.get_running_loop().create_task(self._watch_loop(), name="ptz-lock-watch")

    def fresh(self) -> bool:
        return self.lost is None and self.until > time.time()

    def touched(self, then: Callable[[], None] | None = None) -> None:
        """A command is going out (or, with ``then``, wants to: run it once the lock is ours again)."""
        if self.lost is not None:
            return
        if then is not None:
            self._waiting = [then]  # only the latest wish matters
        due = time.time() - self._written >= RENEW_EVERY_S or then is not None
        if due and (self._renewing is None or self._renewing.done()):
            self._renewing = asyncio.get_running_loop().create_task(self._renew(), name="ptz-lock-renew")

    async def _renew(self) -> None:
        decision = await self.locks.renew(self.camera_id)
        self._written = time.time()
        if decision.outcome is Outcome.REFUSED:
            self._lose(decision.lock)
            return
        self.until = decision.lock.until
        waiting, self._waiting = self._waiting, []
        for fn in waiting:
            fn()

    def _lose(self, holder: PtzLock) -> None:
        if self.lost is None:
            self.lost = holder
            self._waiting = []
            self._on_lost(holder)

    async def _watch_loop(self) -> None:
        while self.lost is None:
            await asyncio.sleep(WATCH_EVERY_S)
            try:
                current = await self.locks.read(self.camera_id)
            except Exception:  # a busy database: look again next time
                continue
            if current is not None and current.console != self.locks.console and current.held_at(time.time()):
                self._lose(current)

    async def close(self) -> None:
        self._watch.cancel()
        if self._renewing is not None and not self._renewing.done():
            self._renewing.cancel()
        if self.lost is None:
            await self.locks.release(self.camera_id)
