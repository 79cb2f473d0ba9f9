"""``videowall sweep``: one health sweep over the register, from the command line.

Signed in like every command that changes data (``--user NAME``, the password from
``$VIDEOWALL_PASSWORD`` or a prompt): a sweep sends traffic to every camera and writes their health,
so the role needs RUN_SWEEP (operator, supervisor, admin); each sweep is audited. Prints the cameras
per state and the time taken; ``--json`` also writes every camera's verdict.
Exit codes: 0 swept, 1 the database could not be used or signing in failed, 3 the role may not sweep,
130 interrupted (what finished is stored).
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

from videowall.domain.access import Permission, User, require
from videowall.domain.camera import Camera
from videowall.domain.urls import Credentials
from videowall.health.picture import PictureChecker, PictureSettings
from videowall.health.prober import ProbeSettings, ProbeTarget, RtspProber
from videowall.security import audit
from videowall.security.secrets import CredentialStore, KeyFile
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.services.sweep import HealthSweeper, SweepProgress, SweepResult, WriterHealthStore
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


class NoCameras(LookupError):
    """The register is empty: nothing to sweep."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sweep`` subcommand to the main parser."""
    parser = sub.add_parser(
        "sweep",
        help="probe every camera in the register once and store its health (signed in; operator, supervisor, "
             "admin)",
        description="Probe every camera (RTSP OPTIONS + DESCRIBE) and store the verdicts. Signed in (--user NAME) "
                    "with a role that may sweep (operator, supervisor, admin); every sweep is audited.",
    )
    add_store_options(parser)
    add_sign_in_options(parser)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every camera's state/reason/latency here")
    parser.add_argument("--concurrency", type=int, default=300, metavar="N", help="probes at once (default 300)")
    parser.add_argument("--timeout", type=float, default=3.0, metavar="S", help="per-probe total timeout (3 s)")
    parser.add_argument("--connect-timeout", type=float, default=2.0, metavar="S", help="TCP connect timeout (2 s)")
    parser.add_argument("--pictures", action="store_true", help="also grab frames from live cameras: black/frozen")
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    parser.set_defaults(func=run_sweep)


def sweep_register(writer: DatabaseWriter, user: User, key_path: Path, settings: ProbeSettings, *,
                   pictures: bool = False, on_progress: Callable[[SweepProgress], None] | None = None,
                   ) -> SweepResult:
    """Blocking: sweep every camera of the register as ``user`` (RUN_SWEEP), audited before the first probe.

    Raises ``AccessDenied`` before anything is read or sent, ``NoCameras`` on an empty register.
    """
    require(user, Permission.RUN_SWEEP)
    cameras = writer.submit(lambda db: CameraRepository(db).all(), transaction=False).result()
    if not cameras:
        raise NoCameras(f"no cameras in {writer.path}; run `videowall import FILE` first")
    what = "probes and pictures" if pictures else "probes"
    writer.submit(lambda db: audit.append(db, user.name, audit.Action.SWEEP, f"{len(cameras)} cameras",
                                          f"command line, {what}")).result(30)
    credentials = _CredentialLookup(writer.path, key_path)
    try:
        return asyncio.run(_sweep(settings, writer, cameras, credentials, pictures, on_progress))
    finally:
        credentials.close()


def run_sweep(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if args.concurrency < 1 or args.timeout <= 0 or args.connect_timeout <= 0:
        print("videowall sweep: --concurrency, --timeout and --connect-timeout must be positive", file=err)
        return EXIT_ERROR
    return run_signed_in(args, lambda writer, user: _signed_in(args, writer, user, out, err), prog="videowall sweep",
                         err=err)


def _signed_in(args: argparse.Namespace, writer: DatabaseWriter, user: User, out: TextIO, err: TextIO) -> int:
    settings = ProbeSettings(args.connect_timeout, args.timeout, args.concurrency)
    on_progress = _progress_printer(err) if args.progress else None
    try:
        result = sweep_register(writer, user, store_paths(args)[1], settings, pictures=args.pictures,
                                on_progress=on_progress)
    except (NoCameras, StorageError) as exc:
        print(f"videowall sweep: {exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("videowall sweep: interrupted; the verdicts that finished are stored", file=err)
        return EXIT_INTERRUPTED
    print_result(result, out)
    if args.json is not None:
        try:
            args.json.write_text(json.dumps(result.to_json(), indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"videowall sweep: cannot write {args.json}: {exc.strerror or exc}", file=err)
            return EXIT_ERROR
    return EXIT_OK


async def _sweep(settings: ProbeSettings, writer: DatabaseWriter, cameras: list[Camera],
                 credentials: _CredentialLookup, pictures: bool,
                 on_progress: Callable[[SweepProgress], None] | None) -> SweepResult:  # fmt: skip
    sweeper = HealthSweeper(
        WriterHealthStore(writer),
        RtspProber(settings, credentials.for_target),
        pictures=PictureChecker(PictureSettings()) if pictures else None,
        credentials=credentials.for_camera,
        on_progress=on_progress,
    )
    return await sweeper.sweep(cameras, pictures=pictures)


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
