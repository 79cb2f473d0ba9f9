"""``videowall sweep``: one health sweep over the register, from the command line.

Prints the cameras per state and the time taken; ``--json`` also writes every camera's verdict.
Exit codes: 0 swept, 1 the database could not be used, 130 interrupted (what finished is stored).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlite_utils import Database

from videowall.domain.camera import Camera
from videowall.domain.urls import Credentials
from videowall.health.picture import PictureChecker, PictureSettings
from videowall.health.prober import ProbeSettings, ProbeTarget, RtspProber
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.cli_options import add_store_options, store_paths
from videowall.services.sweep import HealthSweeper, SweepProgress, SweepResult, WriterHealthStore
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sweep`` subcommand to the main parser."""
    parser = sub.add_parser(
        "sweep",
        help="probe every camera in the register once and store its health",
        description="Probe every camera (RTSP OPTIONS + DESCRIBE) and store the verdicts.",
    )
    add_store_options(parser)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every camera's state/reason/latency here")
    parser.add_argument("--concurrency", type=int, default=300, metavar="N", help="probes at once (default 300)")
    parser.add_argument("--timeout", type=float, default=3.0, metavar="S", help="per-probe total timeout (3 s)")
    parser.add_argument("--connect-timeout", type=float, default=2.0, metavar="S", help="TCP connect timeout (2 s)")
    parser.add_argument("--pictures", action="store_true", help="also grab frames from live cameras: black/frozen")
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    parser.set_defaults(func=run_sweep)


def run_sweep(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    db_path, key_path = store_paths(args)
    if args.concurrency < 1 or args.timeout <= 0 or args.connect_timeout <= 0:
        print("videowall sweep: --concurrency, --timeout and --connect-timeout must be positive", file=err)
        return EXIT_ERROR
    writer = DatabaseWriter(db_path)
    try:
        writer.start()
    except StorageError as exc:
        print(f"videowall sweep: {exc}", file=err)
        return EXIT_ERROR
    try:
        cameras = writer.submit(lambda db: CameraRepository(db).all()).result()
        if not cameras:
            print(f"videowall sweep: no cameras in {db_path}; run `videowall import FILE` first", file=err)
            return EXIT_ERROR
        credentials = _CredentialLookup(db_path, key_path)
        try:
            result = asyncio.run(_sweep(args, writer, cameras, credentials, err))
        except KeyboardInterrupt:
            print("videowall sweep: interrupted; the verdicts that finished are stored", file=err)
            return EXIT_INTERRUPTED
        finally:
            credentials.close()
    finally:
        writer.stop()
    print_result(result, out)
    if args.json is not None:
        try:
            args.json.write_text(json.dumps(result.to_json(), indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"videowall sweep: cannot write {args.json}: {exc.strerror or exc}", file=err)
            return EXIT_ERROR
    return EXIT_OK


async def _sweep(args: argparse.Namespace, writer: DatabaseWriter, cameras: list[Camera],
                 credentials: _CredentialLookup, err: TextIO) -> SweepResult:  # fmt: skip
    settings = ProbeSettings(args.connect_timeout, args.timeout, args.concurrency)
    on_progress = _progress_printer(err) if args.progress else None
    sweeper = HealthSweeper(
        WriterHealthStore(writer),
        RtspProber(settings, credentials.for_target),
        pictures=PictureChecker(PictureSettings()) if args.pictures else None,
        credentials=credentials.for_camera,
        on_progress=on_progress,
    )
    return await sweeper.sweep(cameras, pictures=args.pictures)


def _progress_printer(err: TextIO) -> Callable[[SweepProgress], None]:
    def show(p: SweepProgress) -> None:
        if p.done % 250 == 0 or p.done == p.total:
            print(f"\r{p.done}/{p.total} {p.counts}", end="\n" if p.done == p.total else "", file=err, flush=True)

    return show


class _CredentialLookup:
    """Decrypts a camera's credentials on demand (only after a 401), on the loop's thread."""

    def __init__(self, db_path: Path, key_path: Path) -> None:
        self._db_path = db_path
        self._key_path = key_path
        self._store: CredentialStore | None = None
        self._db: Database | None = None

    def _get(self, ref: str | None) -> Credentials | None:
        if ref is None:
            return None
        if self._store is None:
            self._db = open_database(self._db_path, migrate=False)
            self._store = CredentialStore(self._db, KeyFile(self._key_path))
        return self._store.get(ref)  # a CredentialError is logged by the prober; the camera reads as unauthorised

    def for_target(self, target: ProbeTarget) -> Credentials | None:
        return self._get(target.credential_ref)

    def for_camera(self, camera: Camera) -> Credentials | None:
        return self._get(camera.credential_ref)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def print_result(result: SweepResult, out: TextIO) -> None:
    rate = len(result.records) / result.duration if result.duration > 0 else 0.0
    print(f"swept {len(result.records)} of {result.total} cameras in {result.duration:.2f} s ({rate:.0f}/s)",
          file=out)  # fmt: skip
    for state, n in result.counts.items():
        print(f"  {state:<13} {n:6d}", file=out)
