"""Accounts for tests that drive the command line: the test administrator first, then the others.

Every command that changes or reveals data signs in (``--user``/``$VIDEOWALL_USER`` with
``$VIDEOWALL_PASSWORD``), so a test database needs its administrator before ``videowall import``:
on a database with no accounts ``users add NAME --role admin`` is the bootstrap (no sign-in); later
accounts are added by that administrator, their own password in ``$VIDEOWALL_NEW_PASSWORD``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def _users_add(db: Path, env: dict[str, str], name: str, role: str,
               password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "videowall"), "users", "add", name, "--role", role, "--db", str(db)],
                          env={**env, "VIDEOWALL_NEW_PASSWORD": password}, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, check=False)


def ensure_admin(db: Path, env: dict[str, str]) -> None:
    """``env``'s VIDEOWALL_USER as administrator with VIDEOWALL_PASSWORD (kept if it is there already)."""
    done = _users_add(db, env, env["VIDEOWALL_USER"], "admin", env["VIDEOWALL_PASSWORD"])
    assert done.returncode == 0 or "exists already" in done.stderr, done.stdout + done.stderr


def add_account(db: Path, env: dict[str, str], name: str, role: str, password: str) -> None:
    """``name`` with ``role``, added by ``env``'s administrator (made first if the database has none)."""
    ensure_admin(db, env)
    if name == env["VIDEOWALL_USER"]:
        return
    done = _users_add(db, env, name, role, password)
    assert done.returncode == 0, done.stdout + done.stderr
