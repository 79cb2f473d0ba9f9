"""What every command shares: where the database and the key file are, and signing in.

Every command that changes or reveals data signs in the same way, through ``run_signed_in``: ``--user
NAME`` (or ``$VIDEOWALL_USER``), the password from ``$VIDEOWALL_PASSWORD`` or a prompt, with the
console's lockout and audit rows (``services.access.sign_in_for_command``). The service it then calls
checks the role itself (``domain.access.require``); a refusal is one line on stderr and exit 3, a
failed sign-in one line and ``sign_in_exit`` (1 unless the command gives 1 another meaning), and so
is a database that fails under the work.

Only ``videowall restore`` (the way back when the database cannot sign anyone in) and the first
``users add`` on a database without accounts run without signing in.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from videowall.config import app_paths
from videowall.domain.access import AccessDenied, User
from videowall.security.users import UserError
from videowall.services.access import PASSWORD_ENV, USER_ENV, sign_in_for_command, user_count
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_REFUSED = 3  # signed in, but the role may not (the same in every command)
SIGN_IN_HELP = (f"sign in as NAME (default ${USER_ENV}); the password comes from ${PASSWORD_ENV} or a prompt")
SignedInWork = Callable[[DatabaseWriter, User], int]


def add_store_options(parser: argparse.ArgumentParser, *, key_file: bool = True) -> None:
    parser.add_argument("--db", type=Path, help="SQLite database file (default: the user data directory)")
    if key_file:
        parser.add_argument("--key-file", type=Path,
                            help="credential key file (default: the user config directory)")


def store_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The database and key file asked for, else the user's defaults."""
    paths = app_paths()
    db = getattr(args, "db", None)
    return (Path(db) if db else paths.db_path, getattr(args, "key_file", None) or paths.key_path)


def add_sign_in_options(parser: argparse.ArgumentParser, *, extra: str = "") -> None:
    """``--user``: commands that change or reveal data sign in like the console (password: env or prompt)."""
    parser.add_argument("--user", default="", metavar="NAME", help=SIGN_IN_HELP + extra)


def refused(exc: AccessDenied, err: TextIO | None = None) -> int:
    print(f"videowall: refused: {exc}", file=err or sys.stderr)
    return EXIT_REFUSED


def run_signed_in(args: argparse.Namespace, work: SignedInWork, *, prog: str = "videowall",
                  sign_in_exit: int = 1, err: TextIO | None = None) -> int:
    """Open the database, sign ``--user`` in, run ``work(writer, user)``; refusals exit 3 in one line.

    The database must exist and hold accounts: nothing here creates either (``videowall users add``
    makes the first administrator).
    """
    err = err or sys.stderr
    db_path = store_paths(args)[0]
    if not db_path.exists():
        print(f"{prog}: {db_path} does not exist; create the first administrator with "
              "`videowall users add NAME --role admin`", file=err)
        return sign_in_exit
    writer = DatabaseWriter(db_path)
    try:
        writer.start()
    except StorageError as exc:
        print(f"{prog}: {exc}", file=err)
        return sign_in_exit
    try:
        try:
            if user_count(writer) == 0:
                raise UserError(f"{db_path} has no accounts yet; create the first administrator with "
                                "`videowall users add NAME --role admin`")
            user = sign_in_for_command(writer, getattr(args, "user", ""))
        except (UserError, StorageError) as exc:
            print(f"{prog}: {exc}", file=err)
            return sign_in_exit
        try:
            return work(writer, user)
        except AccessDenied as exc:
            return refused(exc, err)
        except StorageError as exc:  # the database failed under the work (full disk, damage): one line too
            print(f"{prog}: {exc}", file=err)
            return sign_in_exit
    finally:
        writer.stop()
