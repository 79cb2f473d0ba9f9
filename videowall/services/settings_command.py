"""``videowall settings list|set|unset``: the shared settings from a terminal (signed in; administrator).

``set KEY VALUE`` takes VALUE as JSON when it reads as JSON (``30``, ``true``, ``"text"``), else as
text. Each change is audited with its value. Exit codes: 0 done, 1 failed, 3 refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from videowall.domain.access import User
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in
from videowall.services.settings_service import change_setting, read_settings
from videowall.storage.writer import DatabaseWriter


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = sub.add_parser("settings", help="list or change the shared settings (signed in; administrator)")
    s_sub = s.add_subparsers(dest="settings_command", required=True)
    lst = s_sub.add_parser("list", help="every stored setting and its value")
    _common(lst)
    lst.set_defaults(func=_list)
    put = s_sub.add_parser("set", help="set KEY to VALUE (JSON if it reads as JSON, else text)")
    put.add_argument("key")
    put.add_argument("value")
    _common(put)
    put.set_defaults(func=_set)
    unset = s_sub.add_parser("unset", help="remove KEY (its default applies again)")
    unset.add_argument("key")
    _common(unset)
    unset.set_defaults(func=_unset)


def _common(parser: argparse.ArgumentParser) -> None:
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _list(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        values = writer.submit(lambda db: read_settings(db, user), transaction=False).result(30)
        for key, value in values.items():
            print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return 0

    return run_signed_in(args, work)


def _change(args: argparse.Namespace, value: Any) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        try:
            writer.submit(lambda db: change_setting(db, user, args.key, value)).result(30)
        except ValueError as exc:
            print(f"videowall settings: {exc}; nothing changed", file=sys.stderr)
            return 1
        print(f"{args.key} {'removed' if value is None else '= ' + json.dumps(value, ensure_ascii=False)} "
              f"by {user.name}")
        return 0

    return run_signed_in(args, work)


def _set(args: argparse.Namespace) -> int:
    return _change(args, _value(args.value))


def _unset(args: argparse.Namespace) -> int:
    return _change(args, None)
