"""``videowall backup`` and ``videowall restore``: a consistent copy of the live database, and back.

``backup`` is safe while the console writes (SQLite's online backup API, see ``storage/backup.py``).
A backup is a copy of everything (the register, the audit trail, the accounts' password hashes), so it
signs in like every command that reveals data and needs BACK_UP (the administrator's); each backup is
audited. The credential key is never in the copy: the command says where it is, or copies it with
``--key-out``.

``restore`` does NOT sign in: it is the way back when the database can no longer sign anyone in
(damaged, the accounts lost). Who may run it is decided by the operating system: whoever can write the
database file. It checks the file first (intact, a videowall schema no newer than this version),
refuses while a console has the database open, keeps the current database as
``DB.before-restore-<UTC time>``, copies the file in, in one transaction, and then records the restore
in the restored database's audit trail, as ``restore (OS account NAME)``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from videowall.config import app_paths
from videowall.domain.access import Permission, User, require
from videowall.domain.backup import before_restore_name
from videowall.security import audit
from videowall.security.audit_anchor import anchor_path, read_anchors
from videowall.security.secrets import KEYRING_MARKER, CredentialError, CredentialStore, KeyFile
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.storage.backup import (
    BackupError,
    BackupFileInfo,
    BackupResult,
    backup_database,
    copy_into,
    inspect_backup,
    integrity_problems,
)
from videowall.storage.errors import StorageError
from videowall.storage.instance_lock import InstanceLock, InstanceLockedError
from videowall.storage.writer import DatabaseWriter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = sub.add_parser("backup", help="copy the database consistently, even while the console runs (signed in; "
                                      "admin)",
                       description="Copy the database with SQLite's online backup API. Signed in (--user NAME) "
                                   "with a role that may back up (admin): the copy holds everything but the "
                                   "credential key. Audited.")
    b.add_argument("--out", type=Path, required=True, metavar="FILE", help="the backup file to write")
    add_store_options(b)
    add_sign_in_options(b)
    b.add_argument("--key-out", type=Path, metavar="KEYFILE",
                   help="also copy the credential key there (mode 0600); keep it apart from the backup")
    b.set_defaults(func=_backup)
    r = sub.add_parser("restore", help="replace the database with a backup (the current one is kept; no sign-in)",
                       description="Replace the database with a backup written by `videowall backup`. No sign-in: "
                                   "this is the way back when the database cannot sign anyone in, so whoever may "
                                   "write the database file may restore it. The current database is kept beside "
                                   "it, and the restore is recorded in the restored audit trail as "
                                   "'restore (OS account NAME)'.")
    r.add_argument("file", type=Path, metavar="FILE", help="a backup written by `videowall backup`")
    add_store_options(r)
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.set_defaults(func=_restore)


def _fail(message: str) -> int:
    print(f"videowall: {message}", file=sys.stderr)
    return 1


def back_up(writer: DatabaseWriter, user: User, out: Path) -> BackupResult:
    """Blocking: a verified copy of the writer's database at ``out`` as ``user`` (BACK_UP), audited once written.

    Raises ``AccessDenied`` before anything is copied, ``BackupError`` when the copy fails (no row then).
    """
    require(user, Permission.BACK_UP)
    result = backup_database(writer.path, out)
    writer.submit(lambda db: audit.append(db, user.name, audit.Action.BACKUP, str(result.path.resolve()),
                                          f"{result.pages} pages, {_size(result.size_bytes)}")).result(30)
    return result


def _backup(args: argparse.Namespace) -> int:
    db, key = store_paths(args)
    out: Path = args.out
    key_out: Path | None = args.key_out
    if key_out is not None and _same(key_out, out, db):
        return _fail(f"--key-out {key_out} is the backup or the database: the key must go to a file of its own")
    if not db.exists():  # before signing in, which needs the database
        return _fail(f"backup failed: no database at {db}: nothing to back up")
    return run_signed_in(args, lambda writer, user: _backup_signed_in(writer, user, out, key, key_out))


def _backup_signed_in(writer: DatabaseWriter, user: User, out: Path, key: Path, key_out: Path | None) -> int:
    try:
        result = back_up(writer, user, out)
    except BackupError as exc:
        return _fail(f"backup failed: {exc}")
    print(f"backup written: {result.path} ({_size(result.size_bytes)}, {result.pages} pages, "
          f"{result.seconds:.2f} s)")
    if key_out is None:
        if key.exists():
            print(f"the credential key is NOT in the backup: keep a copy of {key} apart from the backup: "
                  "without it the camera passwords in the backup cannot be read")
        else:
            print(f"the credential key is NOT in the backup, and there is no key file at {key}: camera passwords "
                  "in the backup, if any, can only be read with the key they were encrypted with")
        return 0
    if not key.exists():
        print(f"no credential key file at {key}: nothing to copy to {key_out} (no camera password is encrypted "
              "with a key file here)")
        return 0
    if key_out.exists() and os.path.samefile(key, key_out):
        print(f"{key_out} is the credential key file itself: nothing copied; keep a copy of it apart from the backup")
        return 0
    try:
        _copy_key(key, key_out)
    except OSError as exc:
        return _fail(f"the backup was written, but the key could not be copied to {key_out}: {exc.strerror or exc}")
    print(f"credential key copied to {key_out} (mode 0600): keep it apart from the backup")
    return 0


def _restore(args: argparse.Namespace) -> int:
    db, key = store_paths(args)
    source: Path = args.file
    unchanged = f"{db} was not changed"
    if _same(source, db):
        return _fail(f"cannot restore: {source} is the database itself")
    lock = InstanceLock(db, "restore")
    try:
        lock.acquire()
    except InstanceLockedError as exc:
        return _fail(f"cannot restore: {db} {exc.problem}; {unchanged}")
    try:
        return _restore_locked(source, db, key, bool(args.yes), unchanged)
    finally:
        lock.release()


def _restore_locked(source: Path, db: Path, key: Path, yes: bool, unchanged: str) -> int:
    try:
        info = inspect_backup(source)
    except BackupError as exc:
        return _fail(f"cannot restore: {exc}; {unchanged}")
    warning = _key_warning(info, key)
    if warning:
        print(f"warning: {warning}")
    keep = _keep_path(db) if db.exists() else None
    if not yes and not _confirm(source, db, keep):
        return _fail(f"restore not confirmed (add --yes to run it without asking); {unchanged}")
    if keep is not None:
        try:
            kept = backup_database(db, keep, require_intact=False)
        except BackupError as exc:
            return _fail(f"cannot keep a copy of the current database first: {exc}; nothing was restored")
        damaged = f"; it was damaged ({kept.problems[0]})" if kept.problems else ""
        print(f"kept the current database as {kept.path} ({_size(kept.size_bytes)}, {kept.pages} pages){damaged}")
    else:
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"no database at {db} yet: nothing to keep")
    try:
        pages = copy_into(source, db)
    except BackupError as exc:
        return _fail(f"restore failed: {exc}")
    problems = integrity_problems(db)
    if problems:
        previous = f"; the previous database is in {keep}" if keep else ""
        return _fail(f"{db} fails SQLite's integrity check after the restore ({problems[0]}){previous}")
    print(f"restored {source} into {db} ({pages} pages, schema {info.applied[-1]})")
    try:
        actor = record_restore(db, source, keep)
    except (StorageError, sqlite3.Error) as exc:
        print(f"warning: the restore could not be recorded in {db}'s audit trail: {exc}")
        if info.pending:
            print(f"the backup's schema lacks {len(info.pending)} newer change(s); the console applies them at "
                  "its next start")
        return 0
    print(f"recorded in the restored audit trail as {actor!r}")
    if info.pending:
        print(f"the backup's schema lacked {len(info.pending)} newer change(s): applied")
    note = _anchor_note(db, keep)
    if note:
        print(f"note: {note}")
    return 0


def _anchor_note(db: Path, kept: Path | None) -> str | None:
    """The audit anchors outside the database name rows of the trail that was replaced: say so, not later."""
    anchors = read_anchors(anchor_path(app_paths().signing_key_path), db)
    if not anchors:
        return None
    newest = anchors[-1]
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", [newest.last_id]).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    if row is not None and row[0] == newest.hash:
        return None
    where = f"they are in the kept copy {kept}" if kept is not None else "the backup does not hold them"
    return (f"the audit trail's anchors record rows up to {newest.last_id} of the trail this restore replaced; "
            f"`videowall audit verify` reports them as deleted: {where}")


def os_account() -> str:
    """Who ran this process, as the operating system knows them (restore's only identity)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name, no passwd entry: the number still says who
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def record_restore(db: Path, source: Path, kept: Path | None) -> str:
    """Append the restore to the restored database's audit trail (bringing its schema up to date first).

    The actor is ``restore (OS account NAME)``: no videowall account signed in, and none could have
    when the database was the reason for the restore. Returns the actor.
    """
    actor = f"restore (OS account {os_account()})"
    detail = f"replaced database kept as {kept}" if kept is not None else "no database there before"
    with DatabaseWriter(db) as writer:
        writer.submit(lambda d: audit.append(d, actor, audit.Action.RESTORE, str(source.resolve()), detail)).result(60)
    return actor


def _confirm(source: Path, db: Path, keep: Path | None) -> bool:
    if not sys.stdin.isatty():
        return False
    kept = f" (the current one is kept as {keep})" if keep else ""
    answer = input(f"replace {db} with {source}{kept}? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _keep_path(db: Path) -> Path:
    base = db.with_name(before_restore_name(db.name, datetime.now(UTC)))
    path, n = base, 1
    while path.exists():  # two restores in one second: never replace an earlier kept copy
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    return path


def _key_warning(info: BackupFileInfo, key: Path) -> str | None:
    """Can this machine's key file read the camera passwords in the backup? A note if not (no refusal)."""
    if info.credentials == 0:
        return None
    conn = sqlite3.connect(f"{info.path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT ref FROM credentials WHERE secret != ? LIMIT 1", [KEYRING_MARKER]).fetchone()
        if row is None:
            return (f"the {info.credentials} camera password(s) in {info.path} are in an OS keyring, not in the "
                    "backup; they can be read only on the machine that stored them")
        CredentialStore(Database(conn, execute_plugins=False), KeyFile(key), keyring=None).get(str(row[0]))
    except CredentialError as exc:
        return (f"the camera passwords in {info.path} cannot be read with {key} ({exc}): put back the key file "
                "saved with this backup before starting the console")
    except sqlite3.Error as exc:
        return f"the camera passwords in {info.path} could not be checked ({exc})"
    finally:
        conn.close()
    return None


def _copy_key(key: Path, dest: Path) -> None:
    """Write the key to ``dest`` with mode 0600, through a temporary name and a rename (never half a key)."""
    data = key.read_bytes()  # the key file, never the database
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(partial, dest)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _same(path: Path, *others: Path) -> bool:
    resolved = path.resolve()
    return any(resolved == other.resolve() for other in others)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
