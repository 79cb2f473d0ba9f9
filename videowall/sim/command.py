"""``videowall sim``: serve the simulated camera fleet on loopback until stopped."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from videowall.sim.clips import ensure_clips
from videowall.sim.fleet import Fleet, check_loopback
from videowall.sim.spec import DEFAULT_HOST, DEFAULT_PORT, format_table

LOG = logging.getLogger(__name__)


def _loopback(value: str) -> str:
    try:
        return check_loopback(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "sim",
        help="serve the simulated camera fleet (RTSP on 127.0.0.1)",
        description="Generate (once) and serve the simulated CCTV fleet, including deliberate faults.",
    )
    parser.add_argument("--host", type=_loopback, default=DEFAULT_HOST, help="loopback address (127.0.0.0/8)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="RTSP port (0: pick a free one)")
    parser.add_argument("--cache-dir", type=Path, help="clip cache (default: user cache dir/fleet)")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write the camera list as register CSV")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the camera list as JSON")
    parser.add_argument("--duration", type=float, metavar="SECONDS", help="stop after this long")
    parser.add_argument("--list-only", action="store_true", help="generate clips and list cameras, no serving")
    parser.add_argument("--load", type=int, metavar="N",
                        help="instead of the fleet: a cheap RTSP responder for N paths (health-sweep load tests)")
    parser.add_argument("--hd", type=int, default=0, metavar="N",
                        help="also serve 1920x1080 streams at /fleet/camNN/hd for the first N cameras (benchmarks)")
    parser.add_argument("--on-demand", action="store_true",
                        help="build a stream's pipeline only while somebody watches (idle CPU ~0, but each first "
                             "client waits ~1 s); default: always running, like a real camera's encoder")
    parser.set_defaults(func=run)


def _progress(done: int, total: int, camera_id: str) -> None:
    print(f"  clips {done}/{total} ({camera_id})", file=sys.stderr, flush=True)


def _export(fleet: Fleet, args: argparse.Namespace) -> None:
    if args.csv:
        print(f"wrote {fleet.write_csv(args.csv)}")
    if args.json:
        print(f"wrote {fleet.write_json(args.json)}")


def run(args: argparse.Namespace) -> int:
    """Serve until --duration elapses or SIGINT/SIGTERM; every child process is stopped on the way out."""
    if args.load:
        from videowall.sim.load_responder import run_load_responder

        return run_load_responder(args.host, args.port, args.load, args.duration, register=args.csv)
    fleet = Fleet(port=args.port, cache_dir=args.cache_dir, host=args.host, progress=_progress,
                  hd=getattr(args, "hd", 0), always_on=not getattr(args, "on_demand", False))
    stop = threading.Event()
    serving = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        LOG.info("signal %d: stopping the fleet", signum)
        stop.set()
        if not serving.is_set():
            raise KeyboardInterrupt  # abort clip generation / start-up; the encoders and fleet are stopped

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        if args.list_only:
            ensure_clips(fleet.cache_dir, fleet.cameras, _progress)
            print(format_table(fleet.cameras, fleet.host, fleet.port))
            _export(fleet, args)
            return 0
        with fleet:
            print("starting the simulated fleet (the first run generates clips, ~2 min)...", file=sys.stderr)
            try:
                fleet.start()
            except (RuntimeError, TimeoutError) as exc:
                print(f"videowall sim: {exc}", file=sys.stderr)
                return 1
            serving.set()
            print(format_table(fleet.cameras, fleet.host, fleet.port))
            _export(fleet, args)
            print(f"serving on rtsp://{fleet.host}:{fleet.port} - Ctrl+C to stop", file=sys.stderr, flush=True)
            return _serve(fleet, stop, args.duration)
    except KeyboardInterrupt:
        print("videowall sim: interrupted", file=sys.stderr)
        return 130
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _serve(fleet: Fleet, stop: threading.Event, duration: float | None) -> int:
    deadline = None if duration is None else time.monotonic() + duration
    while not stop.is_set():
        remaining = 0.5 if deadline is None else deadline - time.monotonic()
        if remaining <= 0:
            break
        stop.wait(min(0.5, remaining))
        if not fleet.running:
            print("videowall sim: the RTSP server or feeders died", file=sys.stderr)
            return 1
    return 0
