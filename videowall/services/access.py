"""Signing in: check a password on the writer thread, record the attempt in the audit trail.

Used by the login dialog, the lock screen and ``--user`` start-ups alike, so every way in leaves
the same audit rows. The first run (no users yet) creates an administrator instead.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import time

from sqlite_utils import Database

from videowall.domain.access import Permission, Role, User, require
from videowall.domain.lockout import LockoutPolicy, locked_until
from videowall.security import audit
from videowall.security.users import UserError, UserRow, UserStore
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

log = logging.getLogger(__name__)
PASSWORD_ENV = "VIDEOWALL_PASSWORD"
USER_ENV = "VIDEOWALL_USER"

#: Demo accounts created by ``videowall demo`` on a fresh database (documented in the README).
DEMO_USERS: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "demo-admin-1"),
    ("operator", Role.OPERATOR, "demo-operator-1"),
    ("supervisor", Role.SUPERVISOR, "demo-supervisor-1"),
    ("liaison", Role.LIAISON, "demo-liaison-1"),
    ("presenter", Role.PRESENTER, "demo-presenter-1"),
)


def user_count(writer: DatabaseWriter) -> int:
    return writer.submit(lambda db: UserStore(db).count(), transaction=False).result(30)


class SignInLocked(UserError):
    """The name is locked after too many wrong passwords: who, until when, and whether this attempt locked it.

    ``str()`` is the English line the command line prints; the dialog words it itself (translated).
    """

    def __init__(self, name: str, until: float, at: float, *, just_locked: bool, failures: int = 0,
                 wrong: str = "") -> None:
        self.name, self.until, self.seconds = name, until, max(0.0, until - at)
        self.just_locked, self.failures = just_locked, failures
        clock = time.strftime("%H:%M:%S", time.localtime(until))
        if just_locked:
            text = (f"{wrong}; after {failures} wrong passwords in a row {name} is locked for {self.seconds:.0f} s, "
                    f"until {clock}")
        else:
            text = (f"too many wrong passwords for {name}: signing in is locked until {clock} "
                    f"({self.seconds:.0f} s); ask an administrator if these attempts were not yours")
        super().__init__(text)


def sign_in(writer: DatabaseWriter, name: str, password: str, *, how: str = "login",
            now: float | None = None) -> User:
    """The user, with an audit row either way; raises UserError with a message fit to show.

    After ``login_max_failures`` wrong passwords in a row the name is locked, longer each time
    (domain/lockout.py): the wrong password that locks it says so (``SignInLocked``, audited as
    ``login_lockout`` besides its ``login_failed``); while locked even the right password is refused
    (``SignInLocked`` again), and the refusal is audited.
    """
    who = name.strip()

    def work(db: Database) -> User | UserError:
        at = time.time() if now is None else now
        policy = LockoutPolicy.from_settings(SettingsRepository(db).all())
        failures = _failures_since_last_sign_in(db, who)
        until = locked_until(failures, policy)
        if until is not None and at < until:
            audit.append(db, who or "?", audit.Action.LOGIN_LOCKED, "", f"{how}, locked", at=at)
            return SignInLocked(who, until, at, just_locked=False)
        try:
            user = UserStore(db).authenticate(name, password)
        except UserError as exc:
            audit.append(db, who or "?", audit.Action.LOGIN_FAILED, "", how, at=at)
            until = locked_until([*failures, at], policy)
            if until is None or until <= at:
                return exc
            audit.append(db, who or "?", audit.Action.LOCKOUT, "",
                         f"{how}, {len(failures) + 1} wrong passwords in a row: locked for {until - at:.0f} s", at=at)
            return SignInLocked(who, until, at, just_locked=True, failures=len(failures) + 1, wrong=str(exc))
        audit.append(db, user.name, audit.Action.UNLOCK if how == "unlock" else audit.Action.LOGIN, "",
                     f"{how}, role {user.role.value}", at=at)
        return user

    result = writer.submit(work).result(30)
    if isinstance(result, UserError):
        raise result
    return result


def _failures_since_last_sign_in(db: Database, name: str) -> list[float]:
    """Times of the name's wrong passwords after its last successful sign-in (from the audit trail)."""
    rows = db.execute(
        "SELECT at FROM audit_log WHERE actor = ? AND action = ? AND at > coalesce("
        "(SELECT max(at) FROM audit_log WHERE actor = ? AND action IN (?, ?)), 0)",
        [name, audit.Action.LOGIN_FAILED, name, audit.Action.LOGIN, audit.Action.UNLOCK]).fetchall()
    return [float(r[0]) for r in rows]


def create_user(writer: DatabaseWriter, by: User | None, name: str, role: Role, password: str) -> User:
    """Add an account as ``by`` (MANAGE_USERS); audited in the same transaction.

    ``by=None`` is the bootstrap: allowed only while the database has no account at all, and only
    for an administrator (checked in the transaction, so two racing first adds cannot both pass).
    """
    if by is not None:
        require(by, Permission.MANAGE_USERS)

    def work(db: Database) -> User:
        store = UserStore(db)
        if by is None:
            if store.count():
                raise UserError("accounts exist already: sign in as an administrator with --user NAME to add one")
            if role is not Role.ADMIN:
                raise UserError("the first account must be an administrator (--role admin)")
        user = store.add(name, role, password)
        audit.append(db, by.name if by is not None else name, audit.Action.USER_ADDED, user.name,
                     f"role {role.value}" if by is not None else "first account: administrator, no sign-in")
        return user

    return writer.submit(work).result(30)


def list_users(writer: DatabaseWriter, by: User) -> list[UserRow]:
    require(by, Permission.MANAGE_USERS)
    return writer.submit(lambda db: UserStore(db).all(), transaction=False).result(30)


def change_role(writer: DatabaseWriter, by: User, name: str, role: Role) -> Role:
    """Give ``name`` another role (MANAGE_USERS), audited; the last administrator cannot be demoted.

    Returns the role the account had.
    """
    require(by, Permission.MANAGE_USERS)

    def work(db: Database) -> Role:
        rows = {r.name: r for r in UserStore(db).all()}
        row = rows.get(name.strip())
        if row is None:
            raise UserError(f"no account named {name!r}")
        admins = [r for r in rows.values() if r.role is Role.ADMIN and not r.disabled]
        if row.role is Role.ADMIN and role is not Role.ADMIN and admins == [row]:
            raise UserError(f"{row.name} is the last administrator: make another one first")
        UserStore(db).set_role(row.name, role)
        audit.append(db, by.name, audit.Action.ROLE_CHANGED, row.name, f"{row.role.value} -> {role.value}")
        return row.role

    return writer.submit(work).result(30)


def first_admin(writer: DatabaseWriter, name: str, password: str) -> User:
    """First run: the first account is an administrator (refused once any user exists)."""
    def work(db: Database) -> User:
        store = UserStore(db)
        if store.count():
            raise UserError("users exist already; sign in instead")
        user = store.add(name, Role.ADMIN, password)
        audit.append(db, name, audit.Action.USER_ADDED, name, "first run: administrator")
        return user

    return writer.submit(work).result(30)


def ensure_demo_users(writer: DatabaseWriter) -> bool:
    """Create the demo accounts on a database with no users; True when created."""
    def work(db: Database) -> bool:
        store = UserStore(db)
        if store.count():
            return False
        for name, role, password in DEMO_USERS:
            store.add(name, role, password)
            audit.append(db, "system", audit.Action.USER_ADDED, name, f"demo account, role {role.value}")
        return True

    created = writer.submit(work).result(60)
    if created:
        log.info("demo users created: %s", ", ".join(n for n, _r, _p in DEMO_USERS))
    return created


def sign_in_from_environment(writer: DatabaseWriter, name: str) -> User:
    """``--user NAME`` (or VIDEOWALL_USER) with VIDEOWALL_PASSWORD; on a first run this creates the admin."""
    password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise UserError(f"--user needs the password in the environment variable {PASSWORD_ENV}")
    if user_count(writer) == 0:
        log.warning("first run: creating administrator %s from --user", name)
        first_admin(writer, name, password)
    return sign_in(writer, name, password, how="environment")


def sign_in_for_command(writer: DatabaseWriter, name: str, *, prompt: bool | None = None) -> User:
    """A command's sign-in: ``--user NAME`` (or VIDEOWALL_USER), password from VIDEOWALL_PASSWORD or a prompt.

    Unlike the console it never creates the first administrator; every attempt is audited.
    """
    name = name or os.environ.get(USER_ENV, "")
    if not name:
        raise UserError(f"sign in with --user NAME (or {USER_ENV}); the password comes from {PASSWORD_ENV} "
                        "or a prompt")
    password = os.environ.get(PASSWORD_ENV, "")
    interactive = sys.stdin.isatty() if prompt is None else prompt
    if not password and interactive:
        password = getpass.getpass(f"password for {name}: ")
    if not password:
        raise UserError(f"no password for {name}: set {PASSWORD_ENV} or run the command in a terminal")
    return sign_in(writer, name, password, how="command line")


def audit_event(writer: DatabaseWriter, actor: str, action: str, target: str = "", detail: str = "") -> None:
    writer.submit(lambda db: audit.append(db, actor, action, target, detail))
