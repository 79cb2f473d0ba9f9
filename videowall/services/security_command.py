"""``videowall audit verify|export`` and ``videowall users add|list``: the trail and accounts from a terminal."""

from __future__ import annotations

import argparse
import getpass
import os
import sqlite3
import sys
from pathlib import Path

from sqlite_utils import Database

from videowall.config import app_paths
from videowall.domain.access import Role
from videowall.security import audit
from videowall.security.audit_anchor import anchor_path, check, read_anchors, write_anchor
from videowall.security.signing import SigningError, SigningKey, load_public_key, public_key_path
from videowall.security.users import UserError
from videowall.services.access import PASSWORD_ENV, create_user
from videowall.services.audit_anchoring import anchor_now
from videowall.storage.database import open_database, open_read_only
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    a = sub.add_parser("audit", help="check or export the tamper-evident audit trail")
    a_sub = a.add_subparsers(dest="audit_command", required=True)
    verify = a_sub.add_parser("verify", help="walk the hash chain; exit 1 naming the first broken row")
    verify.add_argument("--db", help="database file (default: the user data directory)")
    verify.set_defaults(func=_verify)
    anchor = a_sub.add_parser("anchor", help="sign the chain's head into the anchor file beside the keys (cron)")
    anchor.add_argument("--db")
    anchor.set_defaults(func=_anchor)
    export = a_sub.add_parser("export", help="write the audit trail as CSV")
    export.add_argument("csv", help="output file")
    export.add_argument("--db")
    export.set_defaults(func=_export)
    u = sub.add_parser("users", help="local user accounts")
    u_sub = u.add_subparsers(dest="users_command", required=True)
    add = u_sub.add_parser("add", help=f"add a user (password from {PASSWORD_ENV} or a prompt)")
    add.add_argument("name")
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    add.add_argument("--db")
    add.set_defaults(func=_add)
    lst = u_sub.add_parser("list", help="list users and roles")
    lst.add_argument("--db")
    lst.set_defaults(func=_list)


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else app_paths().db_path


def _read_only(path: Path) -> Database:
    """Verifying must never write (no migration, no WAL switch): a read-only connection, any schema age."""
    return open_read_only(path)


def _verify(args: argparse.Namespace) -> int:
    path = _db_path(args)
    key_path = app_paths().signing_key_path
    try:
        db = _read_only(path)
        db.conn.execute("BEGIN")  # the chain and the anchors judged on one snapshot
        result = audit.verify(db)
        public = load_public_key(public_key_path(key_path)) if public_key_path(key_path).exists() else None
        anchors = read_anchors(anchor_path(key_path), path)
        problems = check(db, path, anchor_path(key_path), public)
    except (StorageError, sqlite3.Error, SigningError) as exc:
        print(f"videowall: {exc}", file=sys.stderr)
        return 2
    if not result.ok:
        print(f"audit trail BROKEN at row {result.broken_id}: {result.problem}")
        return 1
    if problems:
        for problem in problems:
            print(f"audit trail BROKEN: {problem}")
        return 1
    tail = (f"; {len(anchors)} signed anchors outside the database agree (newest: row {anchors[-1].last_id})"
            if anchors else "; no anchors yet, so deleted newest rows could not be told")
    print(f"audit trail intact: {result.rows} rows{tail}")
    return 0


def _anchor(args: argparse.Namespace) -> int:
    path = _db_path(args)
    key_path = app_paths().signing_key_path
    try:
        written = write_anchor(_read_only(path), path, anchor_path(key_path), SigningKey.load_or_create(key_path))
    except (StorageError, sqlite3.Error, SigningError) as exc:
        print(f"videowall: {exc}", file=sys.stderr)
        return 2
    print(f"anchored row {written.last_id} in {anchor_path(key_path)}" if written else "already anchored")
    return 0


def _export(args: argparse.Namespace) -> int:
    db = _read_only(_db_path(args))
    n = audit.write_csv(Path(args.csv), reversed(audit.entries(db, limit=10**9)))
    print(f"{n} rows written to {args.csv}")
    return 0


def _add(args: argparse.Namespace) -> int:
    password = os.environ.get(PASSWORD_ENV) or getpass.getpass(f"password for {args.name}: ")
    with DatabaseWriter(_db_path(args)) as writer:
        try:
            create_user(writer, os.environ.get("USER", "cli"), args.name, Role(args.role), password)
        except UserError as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return 1
        anchor_now(writer, app_paths().signing_key_path)
    print(f"user {args.name} added ({args.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from videowall.security.users import UserStore

    for row in UserStore(open_database(_db_path(args), migrate=False)).all():
        print(f"{row.name:<20} {row.role.value:<11} {'disabled' if row.disabled else ''}")
    return 0
