"""``videowall relay account|serve|status`` as a person runs them: the administrator's only (an operator gets
exit 3 and one line), ``serve`` without the relay's account says what to do first, the account's password
never in the audit trail, and ``status`` without a running relay says so."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.accounts import add_account, ensure_admin

BIN = Path(sys.executable).parent
ADMIN, PASSWORD = "test-admin", "test-admin-password"


def _relay(env: dict[str, str], *args: str, user: str = ADMIN, password: str = PASSWORD,
           extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), "relay", *args], capture_output=True, text=True, timeout=60,
                          env={**env, "VIDEOWALL_USER": user, "VIDEOWALL_PASSWORD": password, **(extra or {})},
                          stdin=subprocess.DEVNULL, check=False)


def test_relay_commands_are_the_administrators_and_keep_the_password_out_of_the_audit(tmp_path: Path) -> None:
    env = {**os.environ, "VIDEOWALL_HOME": str(tmp_path / "home"), "VIDEOWALL_KEYRING": "off",
           "VIDEOWALL_USER": ADMIN, "VIDEOWALL_PASSWORD": PASSWORD}
    db = tmp_path / "v.db"
    ensure_admin(db, env)
    add_account(db, env, "op", "operator", "op-password-1")
    secret = {"VIDEOWALL_NEW_PASSWORD": "relay-pw-Geheim"}
    for args in (("account", "viewer", "--db", str(db)), ("serve", "--db", str(db), "--port", "0")):
        refused = _relay(env, *args, user="op", password="op-password-1", extra=secret)
        assert refused.returncode == 3 and "refused" in refused.stderr and "change settings" in refused.stderr, refused
    missing = _relay(env, "serve", "--db", str(db), "--port", "0")
    assert missing.returncode == 1 and "videowall relay account NAME" in missing.stderr, missing
    done = _relay(env, "account", "viewer", "--db", str(db), extra=secret)
    assert done.returncode == 0 and "relay account set: viewer" in done.stdout, done
    with closing(sqlite3.connect(db)) as con:
        rows = con.execute("SELECT action, target, detail FROM audit_log WHERE action LIKE 'relay%'").fetchall()
        assert rows == [("relay_account", "relay-account", "viewer")], rows
        assert not con.execute("SELECT count(*) FROM credentials WHERE CAST(secret AS TEXT) LIKE '%Geheim%'"
                               ).fetchone()[0]
    assert b"relay-pw-Geheim" not in db.read_bytes()
    status = _relay(env, "status", "--status-file", str(tmp_path / "none.json"))
    assert status.returncode == 1 and "no relay status" in status.stderr, status
