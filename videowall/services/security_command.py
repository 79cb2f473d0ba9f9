"""``videowall audit verify|anchor|export|show``: the tamper-evident trail from a terminal.

Each signs in (``--user NAME``, password from ``$VIDEOWALL_PASSWORD`` or a prompt) and needs
VIEW_AUDIT (supervisor, admin). ``verify`` judges the trail as it was when the command started, on
a read-only snapshot, and shows the verdict only after the sign-in (whose own row comes after it).
Exit codes of ``verify``: 0 intact, 1 broken, 2 could not check or could not sign in, 3 refused.
Accounts: ``videowall users`` (users_command.py).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from videowall.config import app_paths
from videowall.domain.access import Permission, User, require
from videowall.security import audit
from videowall.security.audit_anchor import anchor_path, check, read_anchors, write_anchor
from videowall.security.signing import SigningError, SigningKey, load_public_key, public_key_path
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.storage.database import open_read_only
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_CANNOT_CHECK = 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    a = sub.add_parser("audit", help="check, anchor, show or export the audit trail (signed in; audit rights)")
    a_sub = a.add_subparsers(dest="audit_command", required=True)
    verify = a_sub.add_parser("verify", help="walk the hash chain and the anchors; exit 1 naming the first broken row")
    _common(verify)
    verify.set_defaults(func=_verify)
    anchor = a_sub.add_parser("anchor", help="sign the chain's head into the anchor file beside the keys (cron)")
    _common(anchor)
    anchor.set_defaults(func=_anchor)
    export = a_sub.add_parser("export", help="write the audit trail as CSV")
    export.add_argument("csv", help="output file")
    _common(export)
    export.set_defaults(func=_export)
    show = a_sub.add_parser("show", help="print the newest rows (filters: --actor, --action, --text)")
    _common(show)
    show.add_argument("--actor", default="", help="only rows by this account")
    show.add_argument("--action", default="", help="only this action, e.g. register_import, ptz_command")
    show.add_argument("--text", default="", help="only rows whose target or detail contains TEXT")
    show.add_argument("--limit", type=int, default=50, metavar="N", help="at most N rows (default 50)")
    show.set_defaults(func=_show)


def _common(parser: argparse.ArgumentParser) -> None:
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)


def trail_entries(db: Database, by: User, *, actor: str = "", action: str = "", text: str = "",
                  limit: int = 5000) -> list[audit.AuditEntry]:
    """The audit rows, newest first, for someone allowed to see them (VIEW_AUDIT)."""
    require(by, Permission.VIEW_AUDIT)
    return audit.entries(db, actor=actor, action=action, text=text, limit=limit)


def _read_only(path: Path) -> Database:
    """Verifying must never write (no migration, no WAL switch): a read-only connection, any schema age."""
    return open_read_only(path)


@dataclass(frozen=True, slots=True)
class TrailVerdict:
    lines: tuple[str, ...]
    code: int


def verify_trail(path: Path, key_path: Path) -> TrailVerdict:
    """The chain and its anchors judged on one read-only snapshot (no sign-in here: see ``_verify``)."""
    try:
        db = _read_only(path)
        db.conn.execute("BEGIN")  # the chain and the anchors judged on one snapshot
        result = audit.verify(db)
        public = load_public_key(public_key_path(key_path)) if public_key_path(key_path).exists() else None
        anchors = read_anchors(anchor_path(key_path), path)
        problems = check(db, path, anchor_path(key_path), public)
        db.close()
    except (StorageError, sqlite3.Error, SigningError) as exc:
        return TrailVerdict((f"videowall: {exc}",), EXIT_CANNOT_CHECK)
    if not result.ok:
        return TrailVerdict((f"audit trail BROKEN at row {result.broken_id}: {result.problem}",), 1)
    if problems:
        return TrailVerdict(tuple(f"audit trail BROKEN: {problem}" for problem in problems), 1)
    tail = (f"; {len(anchors)} signed anchors outside the database agree (newest: row {anchors[-1].last_id})"
            if anchors else "; no anchors yet, so deleted newest rows could not be told")
    return TrailVerdict((f"audit trail intact: {result.rows} rows{tail}",), 0)


def _verify(args: argparse.Namespace) -> int:
    path = store_paths(args)[0]
    verdict = verify_trail(path, app_paths().signing_key_path)  # before our own sign-in row is appended

    def work(_writer: DatabaseWriter, user: User) -> int:
        require(user, Permission.VIEW_AUDIT)
        for line in verdict.lines:
            print(line, file=sys.stderr if verdict.code == EXIT_CANNOT_CHECK else sys.stdout)
        return verdict.code

    if verdict.code == EXIT_CANNOT_CHECK and not path.exists():
        print(verdict.lines[0], file=sys.stderr)
        return EXIT_CANNOT_CHECK
    return run_signed_in(args, work, sign_in_exit=EXIT_CANNOT_CHECK)


def _anchor(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        require(user, Permission.VIEW_AUDIT)
        key_path = app_paths().signing_key_path
        try:
            written = write_anchor(writer.readers.get(), writer.path, anchor_path(key_path),
                                   SigningKey.load_or_create(key_path))
        except (StorageError, sqlite3.Error, SigningError) as exc:
            print(f"videowall: {exc}", file=sys.stderr)
            return EXIT_CANNOT_CHECK
        print(f"anchored row {written.last_id} in {anchor_path(key_path)}" if written else "already anchored")
        return 0

    return run_signed_in(args, work, sign_in_exit=EXIT_CANNOT_CHECK)


def _export(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        n = audit.write_csv(Path(args.csv), reversed(trail_entries(writer.readers.get(), user, limit=10**9)))
        print(f"{n} rows written to {args.csv}")
        return 0

    return run_signed_in(args, work)


def _show(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        rows = trail_entries(writer.readers.get(), user, actor=args.actor, action=args.action, text=args.text,
                             limit=max(1, args.limit))
        for e in reversed(rows):
            print(f"{e.id:>7}  {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(e.at))}  {e.actor:<14} "
                  f"{e.action:<24} {e.target:<20} {e.detail}".rstrip())
        return 0

    return run_signed_in(args, work)
