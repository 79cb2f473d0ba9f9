"""``videowall verify EXPORT``: is this evidence export exactly what was exported?

Exit 0 when every file matches the manifest, 1 when anything was added, removed or changed (each
named). With a database (``--db``, default the user's), it also says whether the manifest's own hash
is the one the chain of custody recorded, which catches a manifest rewritten to match altered files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from videowall.domain.evidence import local_time
from videowall.evidence.manifest import verify
from videowall.storage.errors import StorageError
from videowall.storage.evidence import read_only


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("verify", help="check an evidence export (folder or zip) against its manifest")
    p.add_argument("export", help="the export folder or .zip")
    p.add_argument("--db", help="also check the chain of custody in this database (default: the user's, if any)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from videowall.config import app_paths

    result = verify(Path(args.export))
    for line in result.lines():
        print(line)
    db_path = Path(args.db) if args.db else app_paths().db_path
    if result.manifest_sha256 and db_path.exists():
        try:
            events = read_only(db_path).custody_by_manifest(result.manifest_sha256)
        except StorageError as exc:
            print(f"custody: cannot read {db_path}: {exc}", file=sys.stderr)
        else:
            if events:
                e = events[0]
                print(f"custody: exported by {e.actor} at {local_time(e.at)} to {e.target}")
            else:
                print(f"custody: this manifest is not recorded in {db_path}")
    return 0 if result.ok else 1
