"""``videowall verify EXPORT``: is this evidence export exactly what this installation signed?

Checks every file against the manifest and the manifest's Ed25519 signature (``manifest.sig.json``),
and says who signed, when, with which key fingerprint. The key must be this installation's (its
signing key file in the config directory) or one named with ``--trust-key FINGERPRINT`` or
``--public-key FILE``, as a recipient checking an export from another installation does.

Exit 0: verified. Exit 1: not verified, each reason on its own line: a file changed, added or
removed; no signature (UNSIGNED); a manifest changed after signing or a contradicting signature
(TAMPERED); a good signature by a key nobody vouched for (UNTRUSTED). Exit 2: bad arguments.
With a database (``--db``, default the user's) it also says whether the manifest's hash is the one
the chain of custody recorded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from videowall.domain.evidence import local_time
from videowall.domain.signature import normalize_fingerprint
from videowall.security.signing import SigningError, SigningKey, load_public_key
from videowall.services.evidence_verify import Trust, check_export
from videowall.storage.errors import StorageError
from videowall.storage.evidence import read_only


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("verify", help="check an evidence export (folder or zip): file hashes and signature")
    p.add_argument("export", help="the export folder or .zip")
    p.add_argument("--db", help="also check the chain of custody in this database (default: the user's, if any)")
    p.add_argument("--trust-key", action="append", default=[], metavar="FINGERPRINT",
                   help="also accept signatures by the key with this fingerprint (repeatable)")
    p.add_argument("--public-key", action="append", default=[], type=Path, metavar="FILE",
                   help="also accept signatures by this public key (PEM .pub file; repeatable)")
    p.set_defaults(func=_run)


def _trust(args: argparse.Namespace) -> Trust | str:
    """The keys to accept, or what is wrong with the ones given."""
    from videowall.config import app_paths

    bad = [f for f in args.trust_key if not normalize_fingerprint(f)]
    if bad:
        return f"--trust-key {bad[0]!r} is not a key fingerprint (64 hex digits, colons optional)"
    try:
        keys = [load_public_key(p) for p in args.public_key]
    except SigningError as exc:
        return str(exc)
    own = ""
    key_path = app_paths().signing_key_path
    if key_path.exists():  # never created here: checking an export must not mint a key
        try:
            own = SigningKey.load(key_path).fingerprint
        except SigningError as exc:
            print(f"warning: {exc}; only keys named on the command line are trusted", file=sys.stderr)
    return Trust.of(own, args.trust_key, keys)


def _run(args: argparse.Namespace) -> int:
    from videowall.config import app_paths

    trust = _trust(args)
    if isinstance(trust, str):
        print(f"videowall verify: {trust}", file=sys.stderr)
        return 2
    if trust.installation:
        print(f"this installation's key: {trust.installation}")
    result = check_export(Path(args.export), trust)
    for line in result.lines():
        print(line)
    db_path = Path(args.db) if args.db else app_paths().db_path
    digest = result.files.manifest_sha256
    if digest and db_path.exists():
        try:
            events = read_only(db_path).custody_by_manifest(digest)
        except StorageError as exc:
            print(f"custody: cannot read {db_path}: {exc}", file=sys.stderr)
        else:
            if events:
                e = events[0]
                print(f"custody: exported by {e.actor} at {local_time(e.at)} to {e.target}")
            else:
                print(f"custody: this manifest is not recorded in {db_path}")
    return 0 if result.ok else 1
