"""The audit chain anchored outside the database (issue 14): truncation and recomputation are caught.

The attacks are the ones the issue names, done with a plain SQLite shell's powers on the file: drop
the triggers, delete the newest rows and move ``audit_head``; or edit a row and recompute every hash
with the app's own function. ``videowall audit verify`` is run as a real command on the result.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from videowall.config import app_paths
from videowall.domain.access import Role
from videowall.security import audit
from videowall.security.audit_anchor import anchor_path, check, write_anchor
from videowall.security.signing import SigningKey
from videowall.security.users import UserStore
from videowall.storage.database import open_database, open_read_only
from videowall.storage.writer import DatabaseWriter


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIDEOWALL_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _trail(db: Path, rows: int) -> None:
    with DatabaseWriter(db) as writer:
        for n in range(rows):
            writer.submit(lambda d, n=n: audit.append(d, "operator1", "bookmark", f"SIM-CAM-0{n % 9}", f"row {n}")
                          ).result(10)
        anchoring_key = SigningKey.load_or_create(app_paths().signing_key_path)
        write_anchor(writer.readers.get(), db, anchor_path(app_paths().signing_key_path), anchoring_key)


def _verify(db: Path) -> subprocess.CompletedProcess[str]:
    """``audit verify`` signed in as a supervisor (added without an audit row, as a SQLite shell could)."""
    conn = open_database(db, migrate=False)
    if not conn.execute("SELECT 1 FROM users WHERE name = 'sari'").fetchone():
        with conn.conn:
            UserStore(conn, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)).add(
                "sari", Role.SUPERVISOR, "supervisor-pw-1")
    conn.close()
    return subprocess.run([sys.executable, "-m", "videowall", "audit", "verify", "--db", str(db)],
                          env={**os.environ, "VIDEOWALL_USER": "sari", "VIDEOWALL_PASSWORD": "supervisor-pw-1"},
                          capture_output=True, text=True, timeout=60, check=False, stdin=subprocess.DEVNULL)


def _shell(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)  # the attacker's SQLite shell; no app connection is open now
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_intact_trail_agrees_with_its_anchor(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _trail(db, 5)
    done = _verify(db)
    assert done.returncode == 0 and "1 signed anchors outside the database agree (newest: row 5)" in done.stdout


def test_deleting_the_newest_rows_and_moving_the_head_is_caught(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _trail(db, 6)
    conn = sqlite3.connect(db)
    row4 = conn.execute("SELECT hash FROM audit_log WHERE id = 4").fetchone()[0]
    conn.close()
    _shell(db, "DELETE FROM audit_log WHERE id > 4", f"UPDATE audit_head SET last_id = 4, hash = '{row4}'")
    chain = audit.verify(open_read_only(db))
    assert chain.ok, "the chain alone cannot tell"
    done = _verify(db)
    assert done.returncode == 1
    assert "rows up to 6 existed at" in done.stdout and "the newest rows were deleted" in done.stdout


def test_rewriting_and_recomputing_the_chain_is_caught(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _trail(db, 4)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2")
    prev = audit.GENESIS
    for r in conn.execute("SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id").fetchall():
        digest = audit.row_hash(prev, *r)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [prev, digest, r[0]])
        prev = digest
    conn.execute("UPDATE audit_head SET hash = ?", [prev])
    conn.commit()
    conn.close()
    assert audit.verify(open_read_only(db)).ok, "recomputed: the chain alone cannot tell"
    done = _verify(db)
    assert done.returncode == 1 and "row 4 differs from its anchor" in done.stdout, done.stdout


def test_an_edited_anchor_file_or_another_key_is_said(home: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _trail(db, 3)
    path = anchor_path(app_paths().signing_key_path)
    path.write_text(path.read_text().replace('"last_id": 3', '"last_id": 2'))
    problems = check(open_read_only(db), db, path, SigningKey.load(app_paths().signing_key_path).public_raw)
    assert problems and "bad signature" in problems[0]
    other = SigningKey.generate()
    assert "signed by another key" in check(open_read_only(db), db, path, other.public_raw)[0]
