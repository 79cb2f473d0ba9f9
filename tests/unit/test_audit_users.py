"""The hash-chained audit trail (edits and deletions found, CLI exit codes), users with argon2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from videowall.domain.access import Role
from videowall.security import audit
from videowall.security.users import UserError, UserStore
from videowall.storage.database import open_database

CLI = Path(sys.executable).parent / "videowall"
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _filled(path: Path, rows: int = 5):  # type: ignore[no-untyped-def]
    db = open_database(path)
    with db.conn:
        for i in range(rows):
            audit.append(db, "alice", audit.Action.LOGIN if i % 2 else audit.Action.MASK_LIFT, f"CAM-{i}", f"row {i}")
    return db


def _tamper(db, sql: str) -> None:  # type: ignore[no-untyped-def]
    """What a person with the file and a SQLite shell can do: drop the guard triggers, then edit."""
    with db.conn:
        db.execute("DROP TRIGGER IF EXISTS audit_no_update")
        db.execute("DROP TRIGGER IF EXISTS audit_no_delete")
        db.execute(sql)


def test_intact_chain_verifies(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    assert audit.verify(db).ok and audit.verify(db).rows == 5


def test_triggers_refuse_update_and_delete(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_log SET detail = 'x' WHERE id = 2")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log WHERE id = 2")


def test_edited_row_is_named(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    _tamper(db, "UPDATE audit_log SET actor = 'mallory' WHERE id = 3")
    result = audit.verify(db)
    assert not result.ok and result.broken_id == 3 and "edited" in result.problem


def test_deleted_row_is_named(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    _tamper(db, "DELETE FROM audit_log WHERE id = 2")
    result = audit.verify(db)
    assert not result.ok and result.broken_id == 3


def test_deleted_newest_row_is_noticed(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    _tamper(db, "DELETE FROM audit_log WHERE id = 5")
    assert not audit.verify(db).ok


def _cli(*args: str, user: str, password: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VIDEOWALL_HOME": str(home), "VIDEOWALL_USER": user, "VIDEOWALL_PASSWORD": password}
    return subprocess.run([str(CLI), *args], env=env, capture_output=True, text=True, check=False,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_cli_verify_exit_codes(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    db = _filled(path)
    UserStore(db, FAST).add("sari", Role.SUPERVISOR, "supervisor-pw-1")
    UserStore(db, FAST).add("budi", Role.OPERATOR, "operator-pw-1")
    home = tmp_path / "home"
    ok = _cli("audit", "verify", "--db", str(path), user="sari", password="supervisor-pw-1", home=home)
    assert ok.returncode == 0 and "audit trail intact: 5 rows" in ok.stdout, ok.stdout + ok.stderr
    refused = _cli("audit", "verify", "--db", str(path), user="budi", password="operator-pw-1", home=home)
    assert (refused.returncode, refused.stdout) == (3, "")
    assert refused.stderr == "videowall: refused: budi (role operator) may not view audit\n"
    wrong = _cli("audit", "verify", "--db", str(path), user="sari", password="not-it", home=home)
    assert (wrong.returncode, wrong.stdout) == (2, "") and wrong.stderr == "videowall: unknown user or wrong password\n"
    _tamper(db, "UPDATE audit_log SET detail = 'nothing happened' WHERE id = 4")
    db.close()
    bad = _cli("audit", "verify", "--db", str(path), user="sari", password="supervisor-pw-1", home=home)
    assert bad.returncode == 1 and "row 4" in bad.stdout, bad.stdout + bad.stderr
    shown = _cli("audit", "show", "--db", str(path), "--action", "login_failed", user="sari",
                 password="supervisor-pw-1", home=home)
    assert shown.returncode == 0 and len(shown.stdout.splitlines()) == 1 and " sari " in shown.stdout


def test_csv_export(tmp_path: Path) -> None:
    db = _filled(tmp_path / "a.db")
    out = tmp_path / "audit.csv"
    assert audit.write_csv(out, audit.entries(db, actor="alice", action=audit.Action.LOGIN)) == 2
    assert "CAM-1" in out.read_text()


def test_users_argon2(tmp_path: Path) -> None:
    db = open_database(tmp_path / "u.db")
    store = UserStore(db, FAST)
    store.add("sup", Role.SUPERVISOR, "correct horse")
    stored = db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.authenticate("sup", "correct horse").role is Role.SUPERVISOR
    with pytest.raises(UserError):
        store.authenticate("sup", "wrong password")
    with pytest.raises(UserError):
        store.authenticate("nobody", "correct horse")
    with pytest.raises(UserError):
        store.add("short", Role.OPERATOR, "short")
    store.set_disabled("sup", True)
    with pytest.raises(UserError, match="disabled"):
        store.authenticate("sup", "correct horse")
