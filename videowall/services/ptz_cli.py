"""``videowall ptz TARGET ACTION``: drive one camera's PTZ from the command line.

TARGET is a camera id from the register (its ONVIF host/port and stored credentials) or an ONVIF
address ``host:port``. Passwords never go on the command line: ``--password-env VAR`` names an
environment variable. Errors are one line naming the ONVIF operation that failed.

Exit codes: 0 done; 1 target, database or credential problem; 2 usage; 3 camera unreachable or
timed out; 4 credentials refused; 5 not supported by the camera; 6 camera fault or unreadable reply.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import TextIO

from videowall.domain.ptz import Position, Velocity
from videowall.domain.urls import Credentials
from videowall.ptz.client import AuthMode
from videowall.ptz.controller import PtzController
from videowall.ptz.errors import (
    OnvifAuthError,
    OnvifTimeout,
    OnvifUnreachable,
    PositionUnknown,
    PtzError,
    PtzUnsupported,
)
from videowall.security.secrets import CredentialError
from videowall.services.cli_options import store_paths
from videowall.services.ptz_service import PtzTarget, TargetError, open_controller, resolve_target
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK, EXIT_TARGET, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_AUTH, EXIT_UNSUPPORTED, EXIT_CAMERA = 0, 1, 2, 3, 4, 5, 6
_PRESET_ACTIONS = {"presets", "goto", "save", "remove"}


def _credentials(args: argparse.Namespace) -> Credentials | None:
    if args.password_env and args.password_env not in os.environ:
        raise TargetError(f"environment variable {args.password_env} is not set")
    if not args.user:
        if args.password_env:
            raise TargetError("--password-env needs --user")
        return None
    return Credentials(args.user, os.environ.get(args.password_env, "") if args.password_env else "")


def _exit_code(error: PtzError) -> int:
    if isinstance(error, OnvifAuthError):
        return EXIT_AUTH
    if isinstance(error, OnvifTimeout | OnvifUnreachable):
        return EXIT_UNREACHABLE
    if isinstance(error, PtzUnsupported | PositionUnknown):
        return EXIT_UNSUPPORTED
    return EXIT_CAMERA


def run_ptz(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    db_path, key_path = store_paths(args)
    writer: DatabaseWriter | None = None
    try:
        creds = _credentials(args)
        needs_db = db_path.exists() or args.action in _PRESET_ACTIONS
        if needs_db:
            writer = DatabaseWriter(db_path)
            writer.start()
            target = writer.submit(lambda db: resolve_target(args.target, db, key_path=key_path, credentials=creds),
                                   transaction=False).result()
        else:
            target = resolve_target(args.target, None, key_path=None, credentials=creds)
        return asyncio.run(_run(args, target, writer, out))
    except (TargetError, StorageError, CredentialError) as exc:
        print(f"videowall ptz: {exc}", file=err)
        return EXIT_TARGET
    except PtzError as exc:
        print(f"videowall ptz {args.target}: {exc}", file=err)
        return _exit_code(exc)
    finally:
        if writer is not None:
            writer.stop()


async def _run(args: argparse.Namespace, target: PtzTarget, writer: DatabaseWriter | None, out: TextIO) -> int:
    controller = await open_controller(target, writer=writer, timeout=args.timeout, auth=AuthMode(args.auth))
    try:
        return await _act(args, controller, out)
    finally:
        await controller.close()


async def _act(args: argparse.Namespace, controller: PtzController, out: TextIO) -> int:
    client = controller.backend
    action = args.action
    if action == "info":
        from videowall.ptz.client import OnvifClient

        assert isinstance(client, OnvifClient)
        info = await client.device_info()
        print(f"device: {info.manufacturer} {info.model} firmware {info.firmware} serial {info.serial}", file=out)
        offset = f"{client.clock_offset:+.1f} s" if client.clock_offset is not None else "unknown"
        print(f"clock offset (camera - us): {offset}{'  ' + client.clock_error if client.clock_error else ''}",
              file=out)
        print(f"auth: {client.auth_used.value if client.auth_used else '-'}", file=out)
        print(f"services: {', '.join(sorted(client.services)) or '-'}", file=out)
        print(f"PTZ: {controller.capabilities.summary()} (profile {client.ptz_profile or '-'})", file=out)
        known = await controller.refresh_position()
        if known.position is not None:
            p = known.position
            print(f"position: pan {p.pan:+.3f} tilt {p.tilt:+.3f} zoom {p.zoom:.3f} ({known.source.value})", file=out)
        else:
            print(f"position: unavailable ({controller.status_error or 'unknown'})", file=out)
    elif action == "profiles":
        from videowall.ptz.client import OnvifClient

        assert isinstance(client, OnvifClient)
        for profile in await client.profiles():
            ptz = " PTZ" if profile.ptz else ""
            print(f"{profile.token}: {profile.name} {profile.encoding} {profile.width}x{profile.height}{ptz} "
                  f"{profile.stream_uri or '(no stream URI)'}", file=out)
    elif action == "move":
        controller.move(Velocity(args.pan, args.tilt, args.zoom))
        await asyncio.sleep(max(0.0, args.seconds))
        await controller.stop()
    elif action == "absolute":
        await controller.absolute_move(Position(args.pan, args.tilt, args.zoom))
    elif action == "stop":
        await controller.stop()
    elif action == "home":
        await controller.goto_home()
    elif action == "presets":
        for preset in await controller.presets():
            where = ""
            if preset.position is not None:
                p = preset.position
                where = f" pan {p.pan:+.3f} tilt {p.tilt:+.3f} zoom {p.zoom:.3f}"
            print(f"{preset.source.value:6} {preset.name}{' [' + preset.token + ']' if preset.token else ''}{where}",
                  file=out)
    elif action in ("goto", "remove"):
        presets = await controller.presets()
        match = next((p for p in presets if args.preset in (p.name, p.token)), None)
        if match is None:
            raise TargetError(f"no preset named {args.preset!r} (see 'videowall ptz {args.target} presets')")
        await (controller.goto_preset(match) if action == "goto" else controller.remove_preset(match))
    elif action == "save":
        preset = await controller.save_local_preset(args.preset)
        print(f"saved local preset {preset.name!r} ({controller.known.source.value})", file=out)
    if controller.last_error is not None and action not in ("info", "presets"):
        print(f"warning: {controller.last_error}", file=out)
    for note in controller.notes:
        print(f"note: {note}", file=out)
    return EXIT_OK
