"""Sign-in lockout (issue 14): wrong passwords lock a name for a while, longer each time, audited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from videowall.domain.access import Role, User
from videowall.domain.lockout import LockoutPolicy, locked_until
from videowall.security.users import UserError
from videowall.services.access import create_user, sign_in
from videowall.storage.database import open_read_only
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

T0 = 1_800_000_000.0


def test_policy_locks_after_the_limit_and_doubles_each_time() -> None:
    p = LockoutPolicy(max_failures=5, base_s=30, cap_s=100)
    assert locked_until([1, 2, 3, 4], p) is None
    assert locked_until([1, 2, 3, 4, 5], p) == 35
    assert locked_until([1, 2, 3, 4, 5, 10], p) == 35  # tried while locked: the lock is not extended
    assert locked_until([1, 2, 3, 4, 5, 40], p) == 100  # after the lock ran out: twice as long
    assert locked_until([1, 2, 3, 4, 5, 40, 200], p) == 300  # and capped
    assert LockoutPolicy.from_settings({"login_max_failures": "3", "login_lockout_s": "nonsense"}) == LockoutPolicy(
        3, 30.0, 3600.0)


def test_the_right_password_is_refused_while_locked_then_accepted(tmp_path: Path) -> None:
    with DatabaseWriter(tmp_path / "v.db") as writer:
        create_user(writer, User("admin", Role.ADMIN), "sari", Role.LIAISON, "right-password-1")
        for n in range(5):
            with pytest.raises(UserError, match="unknown user or wrong password"):
                sign_in(writer, "sari", f"wrong-{n}", now=T0 + n)
        locked = r"too many wrong passwords for sari: signing in is locked until .* \(26 s\)"
        with pytest.raises(UserError, match=locked):
            sign_in(writer, "sari", "right-password-1", now=T0 + 8)
        assert sign_in(writer, "sari", "right-password-1", now=T0 + 40).name == "sari"
        # a success starts the count again
        for n in range(4):
            with pytest.raises(UserError, match="wrong password"):
                sign_in(writer, "sari", "wrong", now=T0 + 50 + n)
        assert sign_in(writer, "sari", "right-password-1", now=T0 + 60).name == "sari"
        writer.submit(lambda d: SettingsRepository(d).set("login_max_failures", 2)).result()
        for n in range(2):
            with pytest.raises(UserError, match="wrong password"):
                sign_in(writer, "sari", "wrong", now=T0 + 70 + n)
        with pytest.raises(UserError, match="locked"):
            sign_in(writer, "sari", "right-password-1", now=T0 + 72)
    db = open_read_only(tmp_path / "v.db")
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE actor = 'sari' ORDER BY id")]
    db.close()
    assert actions.count("login_failed") == 11 and actions.count("login_locked") == 2 and actions.count("login") == 2
    assert actions.count("login_lockout") == 2  # the 5th wrong password, and the 2nd once the limit was 2


def test_command_line_lockout_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    with DatabaseWriter(db) as writer:
        create_user(writer, User("admin", Role.ADMIN), "sari", Role.LIAISON, "right-password-1")
    env = {**os.environ, "VIDEOWALL_HOME": str(tmp_path / "home"), "VIDEOWALL_KEYRING": "off"}

    def attempt(password: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "videowall", "bookmarks", "list", "--db", str(db), "--user",
                               "sari"], env={**env, "VIDEOWALL_PASSWORD": password}, capture_output=True, text=True,
                              timeout=60, stdin=subprocess.DEVNULL, check=False)

    for n in range(4):
        wrong = attempt(f"wrong-{n}")
        assert wrong.returncode == 1 and wrong.stderr.strip() == "videowall: unknown user or wrong password"
    fifth = attempt("wrong-4")  # the one that locks the name says so, in the same one line
    assert fifth.returncode == 1 and len(fifth.stderr.strip().splitlines()) == 1
    assert fifth.stderr.startswith("videowall: unknown user or wrong password; after 5 wrong passwords in a row sari "
                                   "is locked for 30 s, until "), fifth.stderr
    locked = attempt("right-password-1")
    assert locked.returncode == 1 and "Traceback" not in locked.stderr
    assert locked.stderr.startswith("videowall: too many wrong passwords for sari: signing in is locked until")
