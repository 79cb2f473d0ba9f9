"""``videowall relay serve|account|status``: the control room's camera relay (one pull per camera).

``serve`` (signed in; administrator: it hands camera credentials to the relay) serves every enabled
camera marked ``via_relay`` (register column ``lewat_relay``) at ``rtsp://HOST:PORT/cam/<id>/<main|sub>``
to clients signing in with the relay's account, and writes each stream's upstream state to the status
file. ``kill -HUP`` makes it read the register again (cameras marked or unmarked, new addresses or
passwords) without cutting off the streams that stay. ``account NAME`` stores that account (password
from ``$VIDEOWALL_NEW_PASSWORD`` or a prompt) in the credential store, where consoles on this database
find it too. ``status`` prints the status file.
Exit codes: 0 done, 1 failed, 3 refused.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from sqlite_utils import Database

from videowall.config import app_paths
from videowall.domain.access import Permission, User, require
from videowall.domain.relay import RELAY_ACCOUNT_REF, UpstreamState, relay_path, relayed_streams
from videowall.domain.urls import Credentials
from videowall.media.relay import RelayedStream, RelayError, RelayProcess
from videowall.security import audit
from videowall.security.secrets import CredentialError, CredentialStore
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in, store_paths
from videowall.services.users_command import NEW_PASSWORD_ENV, new_password
from videowall.storage.cameras import CameraRepository
from videowall.storage.writer import DatabaseWriter

DEFAULT_PORT = 8600


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("relay", help="the camera relay: one pull per camera for every console and wall")
    r_sub = r.add_subparsers(dest="relay_command", required=True)
    serve = r_sub.add_parser("serve", help="serve the cameras marked for the relay (signed in; administrator)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"RTSP port (default {DEFAULT_PORT}; 0: any)")
    serve.add_argument("--status-file", type=Path, help="where the upstream states are written (JSON)")
    serve.add_argument("--stall-s", type=float, default=2.5, metavar="S",
                       help="a camera sending no picture for S seconds counts as dropped and is pulled again "
                            "(default 2.5; raise it for cameras below 1 frame per second)")
    add_store_options(serve)
    add_sign_in_options(serve)
    serve.set_defaults(func=_serve)
    account = r_sub.add_parser("account", help=f"set the relay's client account (password: ${NEW_PASSWORD_ENV} "
                                               "or a prompt; signed in; administrator)")
    account.add_argument("name")
    add_store_options(account)
    add_sign_in_options(account)
    account.set_defaults(func=_account)
    status = r_sub.add_parser("status", help="each relayed stream's upstream: up / down since / reconnecting")
    status.add_argument("--status-file", type=Path)
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=_status)


def default_status_file() -> Path:
    return app_paths().log_dir.parent / "relay-status.json"


def _fail(message: object) -> int:
    print(f"videowall relay: {message}", file=sys.stderr)
    return 1


def _account(args: argparse.Namespace) -> int:
    key = store_paths(args)[1]

    def work(writer: DatabaseWriter, user: User) -> int:
        require(user, Permission.CHANGE_SETTINGS)
        creds = Credentials(args.name, new_password(args.name, bootstrap=False))

        def put(db: Database) -> None:
            CredentialStore(db, key).put(creds, RELAY_ACCOUNT_REF)
            audit.append(db, user.name, audit.Action.RELAY_ACCOUNT, RELAY_ACCOUNT_REF, args.name)

        writer.submit(put).result(30)
        print(f"relay account set: {args.name}")
        return 0

    return run_signed_in(args, work)


def load_streams(db: Database, key: Path) -> tuple[Credentials, list[RelayedStream]]:
    """The relay's account and every stream it serves, with the cameras' credentials (writer thread)."""
    store = CredentialStore(db, key)
    try:
        account = store.get(RELAY_ACCOUNT_REF)
    except CredentialError:
        raise CredentialError("the relay has no account yet: run `videowall relay account NAME` first") from None
    streams = []
    for camera, kind in relayed_streams(CameraRepository(db).all()):
        creds = store.get(camera.credential_ref) if camera.credential_ref else None
        streams.append(RelayedStream(relay_path(camera.id, kind), camera.url_for(kind), creds))
    return account, streams


class StatusFile:
    """The relay's upstream states as a JSON file, rewritten (0600, atomically) at each change."""

    def __init__(self, path: Path, address: str) -> None:
        self.path = path
        self.address = address

    def write(self, states: dict[str, UpstreamState]) -> None:
        body = {"relay": self.address, "pid": os.getpid(), "written": time.time(),
                "streams": {path: state.to_json() for path, state in sorted(states.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(body, handle, indent=1)
        os.replace(temp, self.path)


def _serve(args: argparse.Namespace) -> int:
    key = store_paths(args)[1]
    status_path = args.status_file or default_status_file()

    def work(writer: DatabaseWriter, user: User) -> int:
        require(user, Permission.CHANGE_SETTINGS)
        try:
            account, streams = writer.submit(lambda db: load_streams(db, key), transaction=False).result(30)
        except CredentialError as exc:
            return _fail(exc)
        address = f"rtsp://{args.host}:{args.port}"
        status = StatusFile(status_path, address)
        log_path = app_paths().log_dir / "relay-server.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        relay = RelayProcess(account, streams, host=args.host, port=args.port, log_path=log_path,
                             stall_s=max(0.5, args.stall_s), on_status=status.write)
        try:
            port = relay.start()
        except (RelayError, OSError) as exc:
            return _fail(exc)
        status.address = f"rtsp://{args.host}:{port}"
        detail = f"{status.address}, {len(streams)} streams"
        writer.submit(lambda db: audit.append(db, user.name, audit.Action.RELAY_SERVE, status.address,
                                              detail)).result(30)
        print(json.dumps({"ready": True, "port": port, "streams": len(streams)}), flush=True)
        return _wait(relay, lambda: writer.submit(lambda db: load_streams(db, key), transaction=False).result(30)[1])

    return run_signed_in(args, work, prog="videowall relay")


def _wait(relay: RelayProcess, reload: Callable[[], list[RelayedStream]]) -> int:
    """Serve until SIGTERM/SIGINT or the server's end, reading the register again on SIGHUP; always stop."""
    stop, again = threading.Event(), threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        (again if signum == signal.SIGHUP else stop).set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    try:
        while not stop.wait(0.5):
            if not relay.running:
                return _fail("the relay's RTSP server stopped; see relay-server.log")
            if again.is_set():
                again.clear()
                try:
                    streams = reload()
                    relay.update(streams)
                except (CredentialError, RelayError) as exc:
                    print(f"videowall relay: register not reloaded: {exc}", file=sys.stderr)
                    continue
                print(json.dumps({"reloaded": True, "streams": len(streams)}), flush=True)
        return 0
    finally:
        relay.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _status(args: argparse.Namespace) -> int:
    path = args.status_file or default_status_file()
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return _fail(f"no relay status at {path}: {exc}")
    states = [UpstreamState.from_json(p, item) for p, item in body.get("streams", {}).items()]
    if args.json:
        print(json.dumps(body, indent=1))
        return 0
    print(f"relay {body.get('relay', '?')} (pid {body.get('pid', '?')})")
    for state in states:
        print(state.line())
    return 0
