"""Command line: ``videowall [run|demo|sim|import ...]``.

Each subcommand lives beside the code it drives and registers itself here through a
``register(subparsers)`` function, so this file stays a table of contents.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from videowall import __version__
from videowall.allocator import tune_malloc
from videowall.storage.errors import StorageError


def build_parser() -> argparse.ArgumentParser:
    from videowall.services import (
        backup_command,
        case_command,
        evidence_command,
        import_command,
        maintenance_command,
        ptz_command,
        register_export,
        relay_command,
        report_command,
        security_command,
        settings_command,
        sweep_command,
        users_command,
    )
    from videowall.services import selftest as selftest_command
    from videowall.sim import command as sim_command

    parser = argparse.ArgumentParser(prog="videowall", description="Control-room video wall for city CCTV.")
    parser.add_argument("--version", action="version", version=f"videowall {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _register_app_commands(sub)
    sim_command.register(sub)
    import_command.register(sub)
    ptz_command.register(sub)
    sweep_command.register(sub)
    evidence_command.register(sub)
    selftest_command.register(sub)
    report_command.register(sub)
    maintenance_command.register(sub)
    register_export.register(sub)
    security_command.register(sub)
    users_command.register(sub)
    settings_command.register(sub)
    backup_command.register(sub)
    case_command.register(sub)
    relay_command.register(sub)
    from videowall.app import agent as agent_command  # wall agents (issue 21); Qt only when windows are wanted

    agent_command.register(sub)
    return parser


def _register_app_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="SQLite database file (default: the user data directory)")
    common.add_argument("--layout", help="layout to open: a saved layout name or a preset such as 2x2, 4x4")
    common.add_argument("--screenshot", metavar="FILE", help="write an X-server screenshot before quitting")
    common.add_argument("--quit-after", type=float, metavar="SECONDS", help="quit after this many seconds")
    common.add_argument("--status-json", metavar="FILE", help="write every tile's state as JSON at exit")
    common.add_argument("--cameras", metavar="ID,ID,...", help="camera ids to put on the wall, in tile order")
    common.add_argument("--commands", metavar="FILE", help="apply wall commands appended to FILE (JSON lines)")
    common.add_argument("--user", metavar="NAME",
                        help="sign in as NAME without the dialog (password in VIDEOWALL_PASSWORD)")
    common.add_argument("--open", metavar="WINDOW", choices=("dashboard", "briefing-editor"),
                        help="open a window at start: dashboard, or briefing-editor (on the demo's briefing)")
    common.add_argument("--lang", choices=("id", "en"), help="UI language (default: setting, else system locale)")
    common.add_argument("--share-database", action="store_true",
                        help="run beside other consoles on the same database that share it too (each camera's "
                             "PTZ is then locked to one operator at a time); restore still needs it alone")
    common.add_argument("--present", metavar="NAME", nargs="?", const="Demo briefing",
                        help="open briefing NAME full screen (presentation mode)")
    common.add_argument("--wall-broker", metavar="mqtt[s]://HOST:PORT",
                        help="follow and drive the wall agents there (mqtts: TLS)")
    common.add_argument("--wall-credentials", metavar="FILE", help="USERNAME:PASSWORD for the wall broker (chmod 600)")
    common.add_argument("--wall-site", metavar="SITE", help="the site word of the wall broker's topics")
    common.add_argument("--wall-ca", metavar="FILE", help="with an mqtts:// wall broker: the CA of its certificate")
    run = sub.add_parser("run", parents=[common], help="open the console and wall (default)")
    run.set_defaults(func=_run_app, demo=False)
    demo = sub.add_parser("demo", parents=[common], help="start the simulated fleet and open a demo wall")
    demo.add_argument("--port", type=int, default=8554, help="RTSP port of the simulated fleet")
    demo.set_defaults(func=_run_app, demo=True)
    present = sub.add_parser("present", parents=[common], help="show a briefing full screen (presentation mode)")
    present.add_argument("--briefing", metavar="NAME", default="Demo briefing", help="the briefing to show")
    present.set_defaults(func=_run_app, demo=False)


def _run_app(args: argparse.Namespace) -> int:
    from videowall.app import run_app  # Qt is imported only when a window is wanted

    return run_app(args)


def _setup_logging(verbose: int) -> None:
    """Console at WARNING (more with -v); a rotating file in the log directory at INFO.

    Nothing logged carries a password: URLs are redacted before they reach a log call.
    """
    from logging.handlers import RotatingFileHandler

    from videowall.config import app_paths

    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    # onvif-zeep-async calls logging.basicConfig(level=INFO) when imported: drop that handler, or every
    # INFO line lands on stderr (and a parent that never reads our stderr would block us).
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING - 10 * min(verbose, 2))
    console.setFormatter(fmt)
    root.addHandler(console)
    log_dir = app_paths().log_dir
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFileHandler(log_dir / "videowall.log", maxBytes=5_000_000, backupCount=3,
                                           encoding="utf-8")
    except OSError as exc:
        root.warning("no log file in %s: %s", log_dir, exc)
        return
    file_handler.setLevel(logging.INFO)
    file_handler.setFormatter(fmt)
    root.addHandler(file_handler)


def main(argv: Sequence[str] | None = None) -> int:
    tune_malloc()  # before any thread or decoder exists: see allocator.py
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    _setup_logging(args.verbose)
    if args.command is None:
        args = parser.parse_args(["run", *(argv or sys.argv[1:])])
    try:
        result: int = args.func(args)
    except BrokenPipeError:  # `videowall users list | head`: the reader left; no traceback for that
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except StorageError as exc:  # a command that did not catch it itself: the sentence, not a traceback
        print(f"videowall: {exc}", file=sys.stderr)
        return 1
    return result
