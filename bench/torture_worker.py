"""One writer process of the torture test: the app's own storage code, writing as fast as it can.

Each transaction saves a layout, appends an audit row (so processes race for the chain's tail) and
sets a setting, through ``DatabaseWriter`` exactly as the console and the commands do. After the
writer reports the transaction committed, the worker prints its key on stdout; the harness adds
printed keys to its ledger. A key printed and then missing from the database is a lost write.

    python -m bench.torture_worker DB TAG [--reader]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.camera import StreamKind
from videowall.domain.layout import Layout, TileAssignment
from videowall.security import audit
from videowall.storage.errors import StorageError
from videowall.storage.layouts import LayoutRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

ACTION = "torture_write"


def _write(db: Database, tag: str, n: int) -> None:
    key = f"{tag}-{n}"
    LayoutRepository(db).save(Layout(key, 2, 2, (TileAssignment(n % 4, f"CAM-{n % 7}", StreamKind.SUB),)))
    audit.append(db, "torture", ACTION, key, f"write {n} of {tag}")
    SettingsRepository(db).set(f"torture.{tag}", n)


def _read(writer: DatabaseWriter) -> int:
    """What a dashboard does beside the writer: whole-table reads on this thread's shared connection."""
    db = writer.readers.get()
    return int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0]) + len(LayoutRepository(db).names())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("tag")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between transactions")
    args = parser.parse_args()
    writer = DatabaseWriter(args.db)
    try:
        writer.start()
    except StorageError as exc:
        print(f"worker: {exc}", file=sys.stderr)
        return 1
    n = 0
    try:
        while True:
            writer.submit(lambda db, n=n: _write(db, args.tag, n)).result(120)
            print(f"{args.tag}-{n}", flush=True)  # only after the commit returned
            n += 1
            if n % 5 == 0:
                _read(writer)
            time.sleep(args.pause)
    finally:
        writer.stop()


if __name__ == "__main__":
    sys.exit(main())
