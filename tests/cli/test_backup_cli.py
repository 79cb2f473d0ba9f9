"""``videowall backup`` and ``videowall restore`` run as a person runs them: real commands, real files.

``backup`` signs in (the administrator of the test database); ``restore`` does not, and records itself
in the restored audit trail. Each test looks at what a person would: exit codes, the one-line messages,
the rows in the written file, SQLite's integrity check. The database is only ever read here through SQLite, after every
subprocess that writes it has been started or stopped; damaged copies are made from backup files no
connection has open.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from videowall.domain.access import Role, User
from videowall.domain.urls import Credentials
from videowall.security import audit
from videowall.security.secrets import CredentialStore
from videowall.services.access import create_user
from videowall.storage.database import open_read_only
from videowall.storage.instance_lock import lock_path
from videowall.storage.writer import DatabaseWriter

ROOT = Path(__file__).resolve().parents[2]
ADMIN, PASSWORD = "test-admin", "test-admin-password"  # the same as conftest's app_env: the console signs in too

# A second process writing through DatabaseWriter, one committed row per transaction, until told to stop.
WRITER = r"""
import sys, time
from pathlib import Path
from videowall.storage.writer import DatabaseWriter
db, stop = sys.argv[1], Path(sys.argv[2])
pad = "x" * 3000  # a page per row: the database grows while it is copied
i = 0
with DatabaseWriter(db) as w:
    deadline = time.monotonic() + 60
    while not stop.exists() and time.monotonic() < deadline:
        i += 1
        w.submit(lambda d, i=i: d.execute(
            "INSERT INTO health_events (id, camera_id, at, state, reason) VALUES (?, 'CAM-1', ?, 'live', ?)",
            [i, float(i), pad])).result()
        if i == 200:
            print("writing", flush=True)
print(i, flush=True)
"""
HOLDER = ("import sys; from videowall.storage.instance_lock import InstanceLock; "
          "InstanceLock(sys.argv[1], 'console').acquire(); print('locked', flush=True); sys.stdin.read()")


def videowall(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "videowall", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e.update(VIDEOWALL_HOME=str(tmp_path / "home"), VIDEOWALL_KEYRING="off", VIDEOWALL_USER=ADMIN,
             VIDEOWALL_PASSWORD=PASSWORD)
    return e


@pytest.fixture
def key(tmp_path: Path) -> Path:
    return tmp_path / "home" / "config" / "credentials.key"  # what store_paths gives under VIDEOWALL_HOME


@pytest.fixture
def db(tmp_path: Path, key: Path) -> Path:
    """A videowall database with its administrator, three favourites and one encrypted camera password."""
    path = tmp_path / "data" / "videowall.db"
    _add(path, "CAM-A", "CAM-B", "CAM-C")
    with DatabaseWriter(path) as w:
        create_user(w, None, ADMIN, Role.ADMIN, PASSWORD)
        w.submit(lambda d: CredentialStore(d, key, keyring=None).put(Credentials("admin", "s3cret-pw"),
                                                                      "cred-1")).result()
    return path


@pytest.fixture
def holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the console lock of ``db``, as a running console does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield proc
    proc.kill()
    proc.wait(10)


def _add(path: Path, *cameras: str) -> None:
    with DatabaseWriter(path) as w:
        w.submit(lambda d: d.conn.executemany("INSERT INTO favourites (camera_id, added_at) VALUES (?, 1.0)",
                                              [(c,) for c in cameras])).result()


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def _favourites(path: Path) -> list[str]:
    conn = _ro(path)
    try:
        return [r[0] for r in conn.execute("SELECT camera_id FROM favourites ORDER BY camera_id")]
    finally:
        conn.close()


def _ids(path: Path) -> list[int]:
    conn = _ro(path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM health_events ORDER BY id")]
    finally:
        conn.close()


def _integrity(path: Path) -> str:
    conn = _ro(path)
    try:
        return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def _dump(path: Path) -> list[str]:
    conn = _ro(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _data(path: Path) -> list[str]:
    """The dump without the audit trail: a signed-in command adds its sign-in row even when it fails."""
    audit_rows = ('INSERT INTO "audit_log"', 'INSERT INTO "audit_head"')
    return [line for line in _dump(path) if not line.startswith(audit_rows)]


def _trail(path: Path) -> list[audit.AuditEntry]:
    db = open_read_only(path)
    try:
        assert audit.verify(db).ok, audit.verify(db)
        return list(reversed(audit.entries(db)))
    finally:
        db.close()


def _kept(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.before-restore-*"))


def _one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("videowall: "), done.stderr
    return lines[0]


def test_backup_writes_a_verified_copy_without_the_key(db: Path, key: Path, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    out = tmp_path / "backups" / "monday.db"
    out.parent.mkdir()
    done = videowall("backup", "--out", str(out), "--db", str(db), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    summary, key_note = done.stdout.strip().splitlines()
    assert summary.startswith(f"backup written: {out} (") and " pages, " in summary and summary.endswith(" s)")
    assert key_note.startswith("the credential key is NOT in the backup") and str(key) in key_note
    assert "without it the camera passwords in the backup cannot be read" in key_note
    assert key.read_bytes().strip() not in out.read_bytes()  # the copy holds ciphertext only
    assert sorted(p.name for p in out.parent.iterdir()) == ["monday.db"]  # no partial, -wal or -journal left
    assert _integrity(out) == "ok"
    assert _favourites(out) == ["CAM-A", "CAM-B", "CAM-C"]
    last = _trail(db)[-1]  # the copy holds the sign-in; the live trail also says who copied it where
    assert (last.actor, last.action, last.target) == (ADMIN, "backup", str(out)), last


def test_backup_signs_in_and_is_the_administrators(db: Path, tmp_path: Path, env: dict[str, str]) -> None:
    with DatabaseWriter(db) as w:
        create_user(w, User(ADMIN, Role.ADMIN), "op-1", Role.OPERATOR, "operator-pw-1")
    out = tmp_path / "b.db"
    refused = videowall("backup", "--out", str(out), "--db", str(db), env=dict(env, VIDEOWALL_USER="op-1",
                                                                             VIDEOWALL_PASSWORD="operator-pw-1"))
    assert (refused.returncode, refused.stderr) == (3, "videowall: refused: op-1 (role operator) may not back up\n")
    wrong = videowall("backup", "--out", str(out), "--db", str(db), env=dict(env, VIDEOWALL_PASSWORD="not-it-at-all"))
    assert (wrong.returncode, wrong.stderr) == (1, "videowall: unknown user or wrong password\n")
    assert not out.exists()
    assert [e.action for e in _trail(db)][-2:] == ["login", "login_failed"]  # no backup row for either


def test_key_out_copies_the_key_owner_only(db: Path, key: Path, tmp_path: Path, env: dict[str, str]) -> None:
    out, key_out = tmp_path / "b.db", tmp_path / "usb" / "credentials.key"
    key_out.parent.mkdir()
    done = videowall("backup", "--out", str(out), "--db", str(db), "--key-out", str(key_out), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"credential key copied to {key_out} (mode 0600)" in done.stdout
    assert key_out.read_bytes() == key.read_bytes()
    assert key_out.stat().st_mode & 0o777 == 0o600


def test_backup_of_a_missing_database_fails_in_one_line(tmp_path: Path, env: dict[str, str]) -> None:
    out = tmp_path / "b.db"
    line = _one_line_error(videowall("backup", "--out", str(out), "--db", str(tmp_path / "nothing.db"), env=env))
    assert "no database at" in line and "nothing to back up" in line
    assert not out.exists() and not (tmp_path / "nothing.db").exists()


def test_backup_on_a_full_disk_leaves_no_file(db: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """A 64 KiB tmpfs in a private mount namespace (unshare): the copy cannot fit."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    _add(db, *(f"CAM-{i:05d}-{'x' * 200}" for i in range(2000)))  # ~600 KiB of rows
    before = _data(db)
    script = (f"mount -t tmpfs -o size=64k tmpfs {tiny} || exit 77; "
              f"{sys.executable} -m videowall backup --out {tiny}/full.db --db {db}; rc=$?; "
              f"ls -A {tiny}; exit $rc")  # what is left on the full disk, seen before the mount goes
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    if done.returncode == 77 or "unshare failed" in done.stderr:
        pytest.skip(f"cannot mount a private tmpfs here: {done.stderr.strip()}")
    line = _one_line_error(done)
    assert line == f"videowall: backup failed: no space left on {tiny}: free space and try again; " \
                   "the database was not changed"
    assert done.stdout == ""  # no summary, and `ls -A` found nothing: no FILE, no partial, no -journal
    assert _data(db) == before
    assert _trail(db)[-1].action == "login"  # the sign-in, and no backup row


def test_backup_while_another_process_writes(db: Path, tmp_path: Path, env: dict[str, str]) -> None:
    stop = tmp_path / "stop-writing"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing", writer.stderr
        counts = []
        for n in range(3):
            out = tmp_path / f"during-{n}.db"
            done = videowall("backup", "--out", str(out), "--db", str(db), env=env)
            assert done.returncode == 0, done.stdout + done.stderr
            assert _integrity(out) == "ok"
            ids = _ids(out)
            assert ids == list(range(1, len(ids) + 1)), "a backup must hold a prefix of the commits, no gap"
            counts.append(len(ids))
        # restoring into the database the writer is still writing: one transaction, intact for both
        done = videowall("restore", str(tmp_path / "during-0.db"), "--db", str(db), "--yes", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
    finally:
        stop.touch()
        final = writer.communicate(timeout=60)[0].strip()
    assert writer.returncode == 0
    assert 200 <= counts[0] < counts[1] < counts[2] < int(final), (counts, final)  # the writer never stopped
    restored = tmp_path / "restored" / "videowall.db"
    done = videowall("restore", str(tmp_path / "during-2.db"), "--db", str(restored), "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _integrity(restored) == "ok" and _ids(restored) == list(range(1, counts[2] + 1))
    live = _ids(db)
    assert _integrity(db) == "ok"
    assert live[: counts[0]] == list(range(1, counts[0] + 1)) and live == sorted(set(live))
    assert len(_kept(db)) == 1 and _integrity(_kept(db)[0]) == "ok"


def test_restore_keeps_the_current_database_and_brings_back_the_backup(db: Path, tmp_path: Path,
                                                                      env: dict[str, str]) -> None:
    backup = tmp_path / "b.db"
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=env).returncode == 0
    _add(db, "CAM-LATER")
    done = videowall("restore", str(backup), "--db", str(db), "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    kept = _kept(db)
    assert len(kept) == 1 and kept[0].name.endswith("Z")
    assert done.stdout.splitlines()[0].startswith(f"kept the current database as {kept[0]} (")
    assert done.stdout.splitlines()[1].startswith(f"restored {backup} into {db} (")
    assert _favourites(db) == ["CAM-A", "CAM-B", "CAM-C"]
    assert _favourites(kept[0]) == ["CAM-A", "CAM-B", "CAM-C", "CAM-LATER"]
    assert _integrity(db) == "ok" and _integrity(kept[0]) == "ok"
    conn = _ro(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    # no sign-in (the way back when the database cannot sign anyone in), but the restored trail says who
    actor = f"restore (OS account {getpass.getuser()})"
    assert f"recorded in the restored audit trail as {actor!r}" in done.stdout
    restored = _trail(db)[-1]
    assert (restored.actor, restored.action, restored.target) == (actor, "restore", str(backup)), restored
    assert restored.detail == f"replaced database kept as {kept[0]}"
    assert [e.action for e in _trail(kept[0])][-1] == "backup"  # the replaced trail, with the backup's own row


def test_restore_refused_while_the_console_holds_the_lock(db: Path, tmp_path: Path, env: dict[str, str],
                                                          holder: subprocess.Popen[str]) -> None:
    backup = tmp_path / "b.db"
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=env).returncode == 0
    _add(db, "CAM-LATER")
    before = _dump(db)
    line = _one_line_error(videowall("restore", str(backup), "--db", str(db), "--yes", env=env))
    assert f"is open in a videowall console (process {holder.pid})" in line and "close that console" in line
    assert line.endswith(f"{db} was not changed")
    assert _dump(db) == before and _kept(db) == []


def test_second_console_is_refused(db: Path, env: dict[str, str], holder: subprocess.Popen[str]) -> None:
    """The console takes the lock before any window: a second one on the same database stops with a reason."""
    console_env = dict(env, DISPLAY=":4242", VIDEOWALL_USER="admin", VIDEOWALL_PASSWORD="unused-password")
    line = _one_line_error(videowall("run", "--db", str(db), env=console_env))
    assert line == f"videowall: {db}: is open in a videowall console (process {holder.pid}); close that console " \
                   "first (one console per database)"


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('videowall', '0099_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()


def _damaged(path: Path) -> None:
    data = bytearray(path.read_bytes())  # a backup file: no connection has it open
    for page in range(2, len(data) // 4096, 2):  # every other page after the first
        data[page * 4096 : page * 4096 + 600] = b"\xa5" * 600
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("spoil", "message"), [
    (_damaged, "is damaged (SQLite's integrity check: "),
    (lambda p: p.write_text("camera,name\nCAM-1,Gate\n" * 100), "is not an SQLite database"),
    (_newer, "was written by a newer videowall (schema 0099_from_the_future): upgrade videowall to restore it"),
    (_foreign, "is an SQLite database but not a videowall one"),
    (lambda p: p.write_bytes(b""), "is empty: not a videowall backup"),
    (lambda p: p.unlink(), "does not exist"),
], ids=["damaged", "not-sqlite", "newer-schema", "not-videowall", "empty", "missing"])
def test_restore_refuses_a_bad_file_and_leaves_the_database(db: Path, tmp_path: Path, env: dict[str, str],
                                                            spoil: Callable[[Path], object], message: str) -> None:
    backup = tmp_path / "b.db"
    _add(db, *(f"CAM-{i:04d}-{'y' * 300}" for i in range(600)))  # many pages, for the damage to land on
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=env).returncode == 0
    spoil(backup)
    before = _dump(db)
    line = _one_line_error(videowall("restore", str(backup), "--db", str(db), "--yes", env=env))
    assert line.startswith(f"videowall: cannot restore: {backup} ") and message in line, line
    assert line.endswith(f"{db} was not changed")
    assert _dump(db) == before and _kept(db) == []


def test_restore_asks_first_and_needs_yes_without_a_terminal(db: Path, tmp_path: Path, env: dict[str, str]) -> None:
    backup = tmp_path / "b.db"
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=env).returncode == 0
    line = _one_line_error(videowall("restore", str(backup), "--db", str(db), env=env))
    assert "add --yes" in line and _kept(db) == []


def test_restore_warns_when_the_key_cannot_read_the_backup(db: Path, tmp_path: Path, env: dict[str, str]) -> None:
    backup, other_key = tmp_path / "b.db", tmp_path / "other.key"
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=env).returncode == 0
    other_key.write_bytes(Fernet.generate_key())
    other_key.chmod(0o600)
    done = videowall("restore", str(backup), "--db", str(db), "--key-file", str(other_key), "--yes", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"warning: the camera passwords in {backup} cannot be read with {other_key}" in done.stdout


def test_restore_refused_while_a_real_console_runs(db: Path, tmp_path: Path, app_env: dict[str, str]) -> None:
    """The console itself takes the lock at start and frees it when it quits."""
    backup = tmp_path / "b.db"
    assert videowall("backup", "--out", str(backup), "--db", str(db), env=app_env).returncode == 0
    log = (tmp_path / "console.log").open("w")
    console = subprocess.Popen([sys.executable, "-m", "videowall", "run", "--db", str(db), "--quit-after", "90"],
                               cwd=ROOT, env=app_env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and f"{console.pid} console" not in _read(lock_path(db)):
            assert console.poll() is None, (tmp_path / "console.log").read_text()
            time.sleep(0.1)
        line = _one_line_error(videowall("restore", str(backup), "--db", str(db), "--yes", env=app_env))
        assert f"is open in a videowall console (process {console.pid})" in line
    finally:
        console.send_signal(signal.SIGTERM)
        console.wait(60)
        log.close()
    done = videowall("restore", str(backup), "--db", str(db), "--yes", env=app_env)
    assert done.returncode == 0, done.stdout + done.stderr  # the lock went with the console


def _read(path: Path) -> str:
    try:
        return path.read_text()  # the lock file, not the database
    except OSError:
        return ""
