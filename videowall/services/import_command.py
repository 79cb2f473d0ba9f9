"""``videowall import FILE``: load a camera register from the command line.

Signed in like every command that changes data (``--user NAME``; the role needs IMPORT_REGISTER,
the administrator's), and audited: who, which file, rows added/updated/rejected.

Exit codes: 0 everything imported, or with ``--valid-only`` the valid rows imported (some rejected);
2 rows rejected and nothing imported; 1 the file or the database could not be used at all, or
signing in failed; 3 the role may not import; 4 a sync was previewed but not applied (no ``--yes``).
Errors are one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from videowall.domain.access import User
from videowall.domain.register_report import report_lines
from videowall.security.secrets import CredentialError, CredentialStore, KeyFile
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.services.register_import import ImportFileError, ImportReport, import_register
from videowall.services.sync_command import add_sync_options, run_sync
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK = 0
EXIT_FILE_ERROR = 1
EXIT_REJECTED = 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` subcommand to the main parser."""
    parser = sub.add_parser(
        "import",
        help="import a camera register (CSV or JSON)",
        description="Import a camera register. Unless --valid-only, one bad row means nothing is imported. "
                    "With --sync, cameras the file no longer lists are retired (not deleted): the plan is "
                    "printed first and applied with --yes or your y. Signed in (--user NAME) with a role "
                    "that may import (admin).",
        epilog="exit codes: 0 imported (with --valid-only: the valid rows imported), or the sync applied, "
               "dry-run or nothing to do; 1 the file, the database or signing in failed; 2 rows rejected and "
               "nothing imported; 3 the role may not import; 4 a sync previewed but not applied (no --yes)",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="register file: CSV (, ; or tab) or JSON")
    add_store_options(parser)
    add_sign_in_options(parser)
    parser.add_argument("--valid-only", action="store_true", help="import the valid rows even if some are rejected")
    parser.add_argument("--json-report", type=Path, metavar="FILE", help="also write the report as JSON to FILE")
    add_sync_options(parser)
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    return run_signed_in(args, lambda writer, user: _import(args, writer, user, out, err), prog="videowall import",
                         err=err)


def _import(args: argparse.Namespace, writer: DatabaseWriter, user: User, out: TextIO, err: TextIO) -> int:
    if args.sync:
        return run_sync(args, writer, user, out, err)
    if args.yes or args.dry_run:
        print("videowall import: --yes and --dry-run go with --sync", file=err)
        return EXIT_FILE_ERROR
    db_path, key_path = store_paths(args)
    try:
        report = writer.submit(
            lambda db: import_register(args.file, db, CredentialStore(db, KeyFile(key_path)), user=user,
                                       valid_only=args.valid_only)
        ).result()
    except (ImportFileError, StorageError, CredentialError) as exc:
        print(f"videowall import: {exc}", file=err)
        return EXIT_FILE_ERROR
    print_report(report, out)
    if args.json_report is not None:
        try:
            args.json_report.write_text(json.dumps(_json(report, db_path), indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"videowall import: cannot write {args.json_report}: {exc.strerror or exc}", file=err)
            return EXIT_FILE_ERROR
    return EXIT_OK if not report.rejected or (report.valid_only and report.imported) else EXIT_REJECTED


def _json(report: ImportReport, db_path: Path) -> dict[str, Any]:
    return {**report.to_json(), "database": str(db_path)}


def print_report(report: ImportReport, out: TextIO) -> None:
    print(f"{report.source}: {report.rows_read} rows read", file=out)
    for line in report_lines(report.rejected):
        print(f"  {line}", file=out)
    print(
        f"imported {report.imported}, rejected {len(report.rejected)}, "
        f"credentials stored {report.credentials_stored} ({report.duration:.2f} s); "
        f"{report.added} new, {report.updated} updated"
        f"{f' ({report.restored} retired cameras restored)' if report.restored else ''}",
        file=out,
    )
    if report.rejected and not report.imported and not report.valid_only:
        print(
            "nothing imported: fix the rows above, or run again with --valid-only to import the valid rows",
            file=out,
        )
