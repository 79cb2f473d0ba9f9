"""Anchors of the audit chain outside the database, signed: truncation and recomputation show.

The chain inside the database proves rows were not edited one by one, but someone with the file can
delete the newest rows and move ``audit_head``, or rewrite rows and recompute every hash with the
app's own function. So the head (last row id and its hash) is written, signed with the installation's
Ed25519 key, to an append-only file beside the keys (``audit-anchors.jsonl``, never in the database).
``check`` then finds, for every anchor of this database: the anchored row is still there with the
same hash, and nothing before it was dropped. Rows newer than the last anchor are only as safe as the
chain; the console anchors every minute and at exit, commands when they finish.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.signature import key_fingerprint
from videowall.security.signing import SigningKey, verify_signature

log = logging.getLogger(__name__)
ANCHOR_FILE = "audit-anchors.jsonl"


@dataclass(frozen=True, slots=True)
class Anchor:
    database: str  # the database file's resolved path: one anchor file may serve several databases
    last_id: int
    hash: str
    at: float
    fingerprint: str
    signature: str = ""

    def body(self) -> bytes:
        """The signed bytes: every field but the signature, in a fixed order."""
        return json.dumps([self.database, self.last_id, self.hash, repr(float(self.at)), self.fingerprint],
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def anchor_path(key_path: Path) -> Path:
    return key_path.with_name(ANCHOR_FILE)


def _head(db: Database) -> tuple[int, str] | None:
    row = db.execute("SELECT last_id, hash FROM audit_head WHERE one = 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def read_anchors(path: Path, database: Path) -> list[Anchor]:
    """This database's anchors, oldest first; a line that does not parse is skipped (and logged)."""
    wanted = str(database.resolve())
    out: list[Anchor] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    for n, line in enumerate(lines, start=1):
        try:
            a = Anchor(**json.loads(line))
        except (ValueError, TypeError):
            log.warning("audit anchor file %s line %d is unreadable", path, n)
            continue
        if a.database == wanted:
            out.append(a)
    return out


def write_anchor(db: Database, database: Path, path: Path, key: SigningKey, now: float | None = None) -> Anchor | None:
    """Append the current head, signed, unless it is already the newest anchor. The file is 0600, fsynced."""
    head = _head(db)
    if head is None:
        return None
    known = read_anchors(path, database)
    if known and (known[-1].last_id, known[-1].hash) == head:
        return None
    unsigned = Anchor(str(database.resolve()), head[0], head[1], time.time() if now is None else now,
                      key.fingerprint)
    anchor = replace(unsigned, signature=base64.b64encode(key.sign(unsigned.body())).decode("ascii"))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (json.dumps(asdict(anchor), ensure_ascii=False) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return anchor


def check(db: Database, database: Path, path: Path, public_raw: bytes | None) -> list[str]:
    """Problems found against the anchors (empty: every anchor still holds). Run in one read transaction."""
    anchors = read_anchors(path, database)
    if not anchors:
        return []
    problems: list[str] = []
    head = _head(db)
    rows = {int(r[0]): str(r[1]) for r in db.execute(
        "SELECT id, hash FROM audit_log WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps([a.last_id for a in anchors])])}
    for a in anchors:
        when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(a.at))
        if public_raw is None or key_fingerprint(public_raw) != a.fingerprint:
            problems.append(f"anchor of {when} is signed by another key ({a.fingerprint})")
            continue
        if not verify_signature(public_raw, base64.b64decode(a.signature or ""), a.body()):
            problems.append(f"anchor of {when} has a bad signature (the anchor file was edited)")
            continue
        if a.last_id not in rows or head is None or head[0] < a.last_id:
            problems.append(f"rows up to {a.last_id} existed at {when} but the trail now ends at "
                            f"{head[0] if head else 0}: the newest rows were deleted")
        elif rows[a.last_id] != a.hash:
            problems.append(f"row {a.last_id} differs from its anchor of {when}: the trail was rewritten and "
                            "its hashes recomputed")
    return problems
