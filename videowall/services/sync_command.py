"""``videowall import --sync FILE``: show what a register sync would do, then do it when confirmed.

The plan (cameras added, changed, retired, restored) is printed first. It is applied when ``--yes``
is given or the person at a terminal answers ``y``; ``--dry-run`` only prints it. Without either, and
with no terminal to ask, nothing is written and the exit code is 4, so a script cannot retire
cameras by accident.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from videowall.domain.access import User
from videowall.domain.register_report import report_lines
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.services.cli_options import store_paths
from videowall.services.register_import import ImportFileError
from videowall.services.register_sync import SyncEntry, SyncError, SyncPlan, apply_sync, plan_sync
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK = 0
EXIT_FILE_ERROR = 1
EXIT_REJECTED = 2
EXIT_NOT_APPLIED = 4
SHOWN = 25  # cameras listed per group; --json-report has them all

Ask = Callable[[str], bool]


def add_sync_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sync", action="store_true",
                        help="make the register match FILE: also retire cameras FILE does not list (kept with "
                             "their bookmarks, cases and history; back in service if a later file lists them). "
                             "Prints the plan first; applies it with --yes or when you answer y")
    parser.add_argument("--yes", action="store_true", help="with --sync: apply the plan without asking")
    parser.add_argument("--dry-run", action="store_true", help="with --sync: print the plan, change nothing")


def _ask_terminal(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower() in ("y", "yes", "ya")
    except EOFError:
        return False


def run_sync(args: argparse.Namespace, writer: DatabaseWriter, user: User, out: TextIO, err: TextIO,
             ask: Ask = _ask_terminal) -> int:
    db_path, key_path = store_paths(args)
    try:
        plan = writer.submit(lambda db: plan_sync(args.file, db, user=user, valid_only=args.valid_only),
                             transaction=False).result()
    except (ImportFileError, StorageError) as exc:
        print(f"videowall import: {exc}", file=err)
        return EXIT_FILE_ERROR
    print_plan(plan, out)
    if args.json_report is not None:
        try:
            args.json_report.write_text(json.dumps({**plan.to_json(), "database": str(db_path)}, indent=1,
                                                   ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"videowall import: cannot write {args.json_report}: {exc.strerror or exc}", file=err)
            return EXIT_FILE_ERROR
    if not plan.applicable:
        print("nothing synced: fix the rows above, or run again with --valid-only to sync the valid rows "
              "(cameras named on rejected lines are then left as they are)", file=out)
        return EXIT_REJECTED
    if not plan.has_changes:
        print("the register already matches the file: nothing to do", file=out)
        return EXIT_OK
    if args.dry_run:
        print("dry run: nothing changed", file=out)
        return EXIT_OK
    if not args.yes and not ask("Apply this sync? [y/N] "):
        print("not applied: run again with --yes to apply this plan", file=out)
        return EXIT_NOT_APPLIED
    try:
        result = writer.submit(lambda db: apply_sync(plan, db, CredentialStore(db, KeyFile(key_path)), user=user),
                               transaction=False).result()
    except (ImportFileError, SyncError, StorageError, CredentialError) as exc:
        print(f"videowall import: {exc}", file=err)
        return EXIT_FILE_ERROR
    print(f"synced: {result.plan.counts()}; credentials stored {result.credentials_stored} "
          f"({result.duration:.2f} s)", file=out)
    return EXIT_OK


def _group(title: str, mark: str, entries: tuple[SyncEntry, ...], out: TextIO) -> None:
    print(f"{title} {len(entries)}", file=out)
    for e in entries[:SHOWN]:
        print(f"  {mark} {e.camera_id}  {e.name}{f'  ({e.detail})' if e.detail else ''}", file=out)
    if len(entries) > SHOWN:
        print(f"  ... and {len(entries) - SHOWN} more (all in --json-report)", file=out)


def print_plan(plan: SyncPlan, out: TextIO) -> None:
    print(f"sync plan for {plan.source} (sha256 {plan.sha256[:16]}...): {plan.rows_read} rows read, "
          f"{len(plan.rejected)} rejected", file=out)
    for line in report_lines(plan.rejected):
        print(f"  {line}", file=out)
    _group("to add", "+", plan.added, out)
    _group("to change", "~", plan.changed, out)
    _group("to retire (not in the file; kept with their bookmarks, cases and history)", "-", plan.retired, out)
    _group("to restore (retired, listed again: back in service)", "^", plan.restored, out)
    if plan.spared:
        shown = ", ".join(plan.spared[:SHOWN]) + (" ..." if len(plan.spared) > SHOWN else "")
        print(f"left as they are (named on rejected lines) {len(plan.spared)}: {shown}", file=out)
    print(f"unchanged {plan.unchanged}", file=out)
