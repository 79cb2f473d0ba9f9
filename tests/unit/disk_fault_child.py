"""Run inside a private mount namespace by test_disk_faults.py: a real tmpfs fills up, then turns read-only.

Prints one JSON object: what the writer said at each step and what survived.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from videowall.storage.database import open_database, open_read_only
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter


def main(folder: Path) -> None:
    db = folder / "videowall.db"
    out: dict[str, object] = {}
    writer = DatabaseWriter(db)
    writer.start()
    writer.submit(lambda d: d.execute("CREATE TABLE ledger (n INTEGER PRIMARY KEY, pad BLOB)")).result(10)
    committed = 0
    try:
        while committed < 10_000:
            writer.submit(lambda d, n=committed: d.execute("INSERT INTO ledger VALUES (?, randomblob(16000))",
                                                           [n])).result(10)
            committed += 1
    except StorageError as exc:
        out["full"] = [type(exc).__name__, exc.problem]
    writer.stop()
    out["committed"] = committed
    try:  # a new start on the full disk: refused with the same words, or opened; never damaged
        open_database(db).close()
        out["restart_full"] = "opened"
    except StorageError as exc:
        out["restart_full"] = [type(exc).__name__, exc.problem]
    (folder / "filler").unlink()  # the person frees space
    again = DatabaseWriter(db)
    again.start()
    again.submit(lambda d: d.execute("INSERT INTO ledger VALUES (?, zeroblob(10))", [committed])).result(10)
    again.stop()
    check = open_read_only(db)
    out["rows_after_freeing"] = check.execute("SELECT count(*) FROM ledger").fetchone()[0]
    out["integrity"] = check.execute("PRAGMA integrity_check").fetchone()[0]
    check.close()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    try:
        DatabaseWriter(db).start()
        out["read_only"] = "opened"
    except StorageError as exc:
        out["read_only"] = [type(exc).__name__, exc.problem]
    reader = open_read_only(db)
    out["rows_read_only"] = reader.execute("SELECT count(*) FROM ledger").fetchone()[0]
    reader.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
