"""``videowall users add|list|role``: local accounts from a terminal, signed in as an administrator.

Every subcommand signs in (``--user NAME``, password from ``$VIDEOWALL_PASSWORD`` or a prompt) and
needs MANAGE_USERS, with one exception: on a database with no accounts at all, ``users add NAME
--role admin`` creates the first administrator without signing in (bootstrap). The new account's
password comes from ``$VIDEOWALL_NEW_PASSWORD`` or a prompt (typed twice), never from the command
line; for the bootstrap ``$VIDEOWALL_PASSWORD`` also serves, since it is the one that account signs
in with next. Exit codes: 0 done, 1 failed (sign-in, name taken, short password ...), 3 refused.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from videowall.config import app_paths
from videowall.domain.access import Role, User
from videowall.security.users import UserError
from videowall.services.access import PASSWORD_ENV, change_role, create_user, list_users, user_count
from videowall.services.audit_anchoring import anchor_now
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

NEW_PASSWORD_ENV = "VIDEOWALL_NEW_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    u = sub.add_parser("users", help="local user accounts (signed in as an administrator)")
    u_sub = u.add_subparsers(dest="users_command", required=True)
    add = u_sub.add_parser(
        "add", help="add an account",
        description=f"Add an account. Its password comes from ${NEW_PASSWORD_ENV} or a prompt. Signed in as an "
                    "administrator (--user NAME); on a database with no accounts yet the first administrator "
                    f"is added without signing in (its password may then also come from ${PASSWORD_ENV}).")
    add.add_argument("name", help="the new account's name")
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    _common(add)
    add.set_defaults(func=_add)
    lst = u_sub.add_parser("list", help="list accounts and roles")
    _common(lst)
    lst.set_defaults(func=_list)
    role = u_sub.add_parser("role", help="give an account another role (audited)")
    role.add_argument("name")
    role.add_argument("role", choices=[r.value for r in Role])
    _common(role)
    role.set_defaults(func=_role)


def _common(parser: argparse.ArgumentParser) -> None:
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)


def _fail(message: object) -> int:
    print(f"videowall: {message}", file=sys.stderr)
    return 1


def new_password(name: str, *, bootstrap: bool) -> str:
    password = os.environ.get(NEW_PASSWORD_ENV, "") or (os.environ.get(PASSWORD_ENV, "") if bootstrap else "")
    if password:
        return password
    if not sys.stdin.isatty():
        raise UserError(f"no password for the new account {name}: set {NEW_PASSWORD_ENV} or run in a terminal")
    password = getpass.getpass(f"password for the new account {name}: ")
    if getpass.getpass(f"the same password again for {name}: ") != password:
        raise UserError("the two passwords differ; nothing was added")
    return password


def _add(args: argparse.Namespace) -> int:
    db = store_paths(args)[0]
    try:
        with DatabaseWriter(db) as writer:
            if user_count(writer) == 0:  # bootstrap: no account exists that could sign in
                create_user(writer, None, args.name, Role(args.role), new_password(args.name, bootstrap=True))
                anchor_now(writer, app_paths().signing_key_path)
                print(f"first administrator {args.name} added (no sign-in: {db} had no accounts)")
                return 0
    except (UserError, StorageError) as exc:
        return _fail(exc)

    def work(writer: DatabaseWriter, user: User) -> int:
        try:
            create_user(writer, user, args.name, Role(args.role), new_password(args.name, bootstrap=False))
        except UserError as exc:
            return _fail(exc)
        anchor_now(writer, app_paths().signing_key_path)
        print(f"user {args.name} added ({args.role}) by {user.name}")
        return 0

    return run_signed_in(args, work)


def _list(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        for row in list_users(writer, user):
            print(f"{row.name:<20} {row.role.value:<11} {'disabled' if row.disabled else ''}".rstrip())
        return 0

    return run_signed_in(args, work)


def _role(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        try:
            before = change_role(writer, user, args.name, Role(args.role))
        except UserError as exc:
            return _fail(exc)
        anchor_now(writer, app_paths().signing_key_path)
        print(f"{args.name}: role {before.value} -> {args.role} by {user.name}")
        return 0

    return run_signed_in(args, work)
