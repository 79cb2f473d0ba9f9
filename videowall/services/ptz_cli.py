"""``videowall ptz TARGET ACTION``: drive one camera's PTZ from the command line.

TARGET is a camera id from the register (its ONVIF host/port and stored credentials) or an ONVIF
address ``host:port``. The person signs in first (``--user NAME``, cli_options.run_signed_in) and the
PTZ service refuses roles without PTZ before any camera traffic. ONVIF passwords never go on the
command line or into the environment: with ``--onvif-user`` the password is asked for on a terminal
or read from the first line of standard input (``--onvif-password-stdin``). Every permitted run
leaves one audit row (``ptz_command``): the action, every camera command sent, the outcome; a preset
saved or removed has its own row too (``preset_set``/``preset_removed``, as from the dock). Errors
are one line naming the ONVIF operation that failed.

Exit codes: 0 done; 1 target, database, credential or sign-in problem; 2 usage; 3 refused (role);
4 credentials refused by the camera; 5 not supported by the camera; 6 camera fault or unreadable
reply; 7 camera unreachable or timed out.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from videowall.domain.access import User
from videowall.domain.ptz import Position, Preset, PresetSource, Velocity
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
from videowall.security import audit
from videowall.security.secrets import CredentialError
from videowall.services.cli_options import EXIT_REFUSED, run_signed_in, store_paths
from videowall.services.ptz_lock import PtzLocked, PtzLocks
from videowall.services.ptz_service import (
    PtzTarget,
    TargetError,
    audit_recorder,
    open_controller,
    record_preset,
    resolve_target,
    take_lock,
)
from videowall.services.ptz_session import movements
from videowall.storage.errors import StorageError
from videowall.storage.writer import DatabaseWriter

EXIT_OK, EXIT_TARGET, EXIT_USAGE, EXIT_AUTH, EXIT_UNSUPPORTED, EXIT_CAMERA, EXIT_UNREACHABLE = 0, 1, 2, 4, 5, 6, 7
assert EXIT_REFUSED == 3


def _credentials(args: argparse.Namespace) -> Credentials | None:
    """``--onvif-user`` with its password from standard input or a prompt; None: the stored credentials."""
    if not args.onvif_user:
        if args.onvif_password_stdin:
            raise TargetError("--onvif-password-stdin needs --onvif-user")
        return None
    if args.onvif_password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"ONVIF password for {args.onvif_user} at {args.target}: ")
    else:
        raise TargetError("--onvif-user needs its password: a terminal to ask on, or --onvif-password-stdin")
    return Credentials(args.onvif_user, password)


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
    try:
        creds = _credentials(args)  # before signing in: stdin holds the ONVIF password, the env the user's
    except TargetError as exc:
        print(f"videowall ptz: {exc}", file=err)
        return EXIT_TARGET
    return run_signed_in(args, lambda writer, user: _signed_in(args, writer, user, creds, out, err),
                         prog="videowall ptz", err=err)


def _signed_in(args: argparse.Namespace, writer: DatabaseWriter, user: User, creds: Credentials | None,
               out: TextIO, err: TextIO) -> int:
    key_path = store_paths(args)[1]
    try:
        target = writer.submit(lambda db: resolve_target(args.target, db, key_path=key_path, credentials=creds),
                               transaction=False).result()
        return asyncio.run(_run(args, target, writer, user, out))
    except (TargetError, StorageError, CredentialError) as exc:
        print(f"videowall ptz: {exc}", file=err)
        return EXIT_TARGET
    except PtzError as exc:
        print(f"videowall ptz {args.target}: {exc}", file=err)
        return _exit_code(exc)
    except PtzLocked as exc:
        print(f"videowall ptz {args.target}: refused: {exc}", file=err)
        return EXIT_REFUSED


def _describe(args: argparse.Namespace) -> str:
    values = [getattr(args, name) for name in ("pan", "tilt", "zoom", "seconds", "preset") if hasattr(args, name)]
    return " ".join([args.action, *(str(v) for v in values)])


_MOVING_ACTIONS = frozenset({"move", "absolute", "stop", "home", "goto", "remove", "save"})


async def _run(args: argparse.Namespace, target: PtzTarget, writer: DatabaseWriter, user: User, out: TextIO) -> int:
    locks = PtzLocks(writer, lambda: user) if args.action in _MOVING_ACTIONS else None
    if locks is not None:  # one operator at a time, the command line included: refused before any camera traffic
        await take_lock(locks, target.camera_id)
    try:
        controller = await open_controller(target, user=user, writer=writer, timeout=args.timeout,
                                           auth=AuthMode(args.auth))  # AccessDenied here: nothing was sent
    except BaseException:
        if locks is not None:
            await locks.release(target.camera_id)
        raise
    outcome = "failed"
    try:
        code = await _act(args, controller, out, lambda action, preset: record_preset(
            audit_recorder(writer, user), action, target.camera_id, preset))
        outcome = "done"
        return code
    except PtzError as exc:
        outcome = f"failed: {exc}"
        raise
    finally:
        await controller.close()
        if locks is not None:
            await locks.release(target.camera_id)
        sent = movements(controller.sent_log)
        detail = f"{_describe(args)}; sent {', '.join(sent) or 'no movement'}; {outcome}"
        await asyncio.wrap_future(writer.submit(
            lambda db: audit.append(db, user.name, audit.Action.PTZ_COMMAND, target.camera_id, detail)))


async def _act(args: argparse.Namespace, controller: PtzController, out: TextIO,
               record: Callable[[str, Preset], None]) -> int:
    """Run the action; a preset set or removed is audited through ``record`` (as the console's dock does)."""
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
        if action == "goto":
            await controller.goto_preset(match)
        else:
            await controller.remove_preset(match)
            record(audit.Action.PRESET_REMOVED, match)
    elif action == "save":  # the dock's path: on the camera where it keeps presets, else local
        preset = await controller.save_preset(args.preset)
        record(audit.Action.PRESET_SET, preset)
        if preset.source is PresetSource.CAMERA:
            print(f"saved preset {preset.name!r} on the camera (token {preset.token})", file=out)
        else:
            print(f"saved local preset {preset.name!r} ({controller.known.source.value}; "
                  "the camera keeps no presets)", file=out)
    if controller.last_error is not None and action not in ("info", "presets"):
        print(f"warning: {controller.last_error}", file=out)
    for note in controller.notes:
        print(f"note: {note}", file=out)
    return EXIT_OK
