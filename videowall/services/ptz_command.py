"""`videowall ptz ...`: the parser only. The ONVIF stack (onvif-zeep-async, zeep, aiohttp: about a
second of imports) loads when the command runs, not every time the command line is parsed.

Signed in like every command (``--user NAME``; the role needs PTZ); the camera's own account is
``--onvif-user`` (its password from a prompt or ``--onvif-password-stdin``, never argv or environment).
"""

from __future__ import annotations

import argparse

from videowall.services.cli_options import add_sign_in_options, add_store_options

AUTH_MODES = ["auto", "ws-digest", "ws-text", "http-digest"]  # videowall.ptz.client.AuthMode values


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ptz`` subcommand to the main parser."""
    parser = sub.add_parser("ptz", help="pan/tilt/zoom a camera over ONVIF (signed in; PTZ rights)",
                            description="Drive a camera's PTZ over ONVIF. TARGET: camera id or host:port. "
                                        "Signed in (--user NAME) with a role that may use PTZ; every run is "
                                        "audited with the commands it sent.")
    parser.add_argument("target", metavar="TARGET", help="camera id from the register, or ONVIF host:port")
    add_sign_in_options(parser)
    parser.add_argument("--onvif-user", metavar="NAME",
                        help="the camera's ONVIF account (default: the credentials stored with the camera); "
                             "its password is asked for, or read from standard input with --onvif-password-stdin")
    parser.add_argument("--onvif-password-stdin", action="store_true",
                        help="read the ONVIF password from the first line of standard input")
    add_store_options(parser)
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds per ONVIF call, connecting included (default 5)")
    parser.add_argument("--auth", choices=AUTH_MODES, default=AUTH_MODES[0],
                        help="how credentials travel (default auto: WS-Security digest, then HTTP digest)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("info", help="device, clock, services, PTZ capabilities and position")
    actions.add_parser("profiles", help="media profiles and their stream URIs")
    move = actions.add_parser("move", help="continuous move at PAN TILT ZOOM speeds for SECONDS, then stop")
    for name in ("pan", "tilt", "zoom", "seconds"):
        move.add_argument(name, type=float)
    absolute = actions.add_parser("absolute", help="absolute move to PAN TILT ZOOM")
    for name in ("pan", "tilt", "zoom"):
        absolute.add_argument(name, type=float)
    actions.add_parser("stop", help="stop any movement")
    actions.add_parser("presets", help="camera presets and local presets")
    goto = actions.add_parser("goto", help="recall a preset by name or token")
    goto.add_argument("preset")
    save = actions.add_parser("save", help="save the current view as a preset: on the camera where it keeps "
                                           "presets, else local")
    save.add_argument("preset")
    remove = actions.add_parser("remove", help="remove a preset")
    remove.add_argument("preset")
    actions.add_parser("home", help="go to the home position")
    parser.set_defaults(func=_run)



def _run(args: argparse.Namespace) -> int:
    from videowall.services.ptz_cli import run_ptz

    return run_ptz(args)
