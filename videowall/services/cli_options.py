"""The options every command that opens the store shares: where the database and the key file are."""

from __future__ import annotations

import argparse
from pathlib import Path

from videowall.config import app_paths


def add_store_options(parser: argparse.ArgumentParser, *, key_file: bool = True) -> None:
    parser.add_argument("--db", type=Path, help="SQLite database file (default: the user data directory)")
    if key_file:
        parser.add_argument("--key-file", type=Path,
                            help="credential key file (default: the user config directory)")


def store_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The database and key file asked for, else the user's defaults."""
    paths = app_paths()
    return (args.db or paths.db_path, getattr(args, "key_file", None) or paths.key_path)


def add_sign_in_options(parser: argparse.ArgumentParser) -> None:
    """``--user``: commands that change or reveal data sign in like the console (password: env or prompt)."""
    parser.add_argument("--user", default="", metavar="NAME",
                        help="sign in as NAME (default $VIDEOWALL_USER); password from $VIDEOWALL_PASSWORD or a prompt")
