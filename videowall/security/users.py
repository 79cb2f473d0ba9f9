"""Local users with argon2id password hashes (argon2-cffi).

Only the hash is stored; verifying re-hashes when argon2's recommended parameters have grown.
Works on whatever connection it is given: the writer's for changes, any for reads.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from videowall.domain.access import Role, User

log = logging.getLogger(__name__)
MIN_PASSWORD = 8


class UserError(Exception):
    """A user cannot be created or signed in; the message is fit to show."""


class WrongPassword(UserError):
    """Unknown name or wrong password (one vague error: no hint which part was wrong)."""

    def __init__(self) -> None:
        super().__init__("unknown user or wrong password")


class PasswordTooShort(UserError):
    """A new password shorter than ``MIN_PASSWORD``."""

    def __init__(self) -> None:
        super().__init__(f"the password must have at least {MIN_PASSWORD} characters")
        self.minimum = MIN_PASSWORD


class AccountDisabled(UserError):
    """The account exists and the password is right, but an administrator disabled it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"user {name!r} is disabled")
        self.name = name


@dataclass(frozen=True, slots=True)
class UserRow:
    name: str
    role: Role
    created_at: float
    disabled: bool


class UserStore:
    def __init__(self, db: Database, hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._hasher = hasher or PasswordHasher()

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM users").fetchone()[0])

    def add(self, name: str, role: Role, password: str) -> User:
        name = name.strip()
        if not name:
            raise UserError("a user needs a name")
        if len(password) < MIN_PASSWORD:
            raise PasswordTooShort()
        if self._db.execute("SELECT 1 FROM users WHERE name = ?", [name]).fetchone():
            raise UserError(f"user {name!r} exists already")
        self._db.execute("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                         [name, role.value, self._hasher.hash(password), time.time()])
        log.info("user %s created with role %s", name, role.value)
        return User(name, role)

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise PasswordTooShort()
        self._db.execute("UPDATE users SET password_hash = ? WHERE name = ?", [self._hasher.hash(password), name])

    def set_role(self, name: str, role: Role) -> None:
        self._db.execute("UPDATE users SET role = ? WHERE name = ?", [role.value, name])

    def set_disabled(self, name: str, disabled: bool) -> None:
        self._db.execute("UPDATE users SET disabled = ? WHERE name = ?", [int(disabled), name])

    def all(self) -> list[UserRow]:
        rows = self._db.execute("SELECT name, role, created_at, disabled FROM users ORDER BY name").fetchall()
        return [UserRow(r[0], Role(r[1]), float(r[2]), bool(r[3])) for r in rows]

    def authenticate(self, name: str, password: str) -> User:
        """The user if the password matches; one vague error otherwise (no hint which part was wrong)."""
        row = self._db.execute("SELECT role, password_hash, disabled FROM users WHERE name = ?",
                               [name.strip()]).fetchone()
        if row is None:
            self._hasher.hash(password)  # same work either way: no timing hint that the name is unknown
            raise WrongPassword()
        role, stored, disabled = row
        try:
            self._hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise WrongPassword() from None
        if disabled:
            raise AccountDisabled(name.strip())
        if self._hasher.check_needs_rehash(stored):
            try:
                self._db.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                                 [self._hasher.hash(password), name.strip()])
            except Exception as exc:  # a read-only connection: rehash next time on the writer
                log.debug("password rehash skipped: %s", exc)
        return User(name.strip(), Role(role))
