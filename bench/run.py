"""``make bench``: speed against the physical limit and peers, measured side by side in one run.

Writes ``bench/results/<date>.json`` and ``<date>.md`` (the table, also printed) and PNG charts.
``--tiny`` (4 tiles, short windows, no peers, no city scale) is what the smoke test runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import bad_news, city, cpu, first_frame, latency, profile, quarantine, relay, wall
from bench import gridplayer as gridplayer_peer
from bench.common import app_env, bench_cameras, import_register, load_average, url
from bench.report import charts, markdown
from videowall.display.xserver import VirtualDisplay
from videowall.sim.fleet import Fleet

RESULTS = Path(__file__).resolve().parent / "results"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="videowall-bench-"))
    settings = cpu.Settings(warmup_s=args.warmup, window_s=args.window)
    out: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_at_start": load_average()},
        "settings": {"warmup_s": args.warmup, "window_s": args.window, "tiny": args.tiny},
    }
    started = time.monotonic()
    hd = 0 if args.tiny or args.only in ("latency", "profile", "relay", "wall") else 4
    grids = (4, 9, 16, 25, 36, 64)
    counter = not args.tiny and args.only in (None, "latency")  # bench/latency.py's stream
    with VirtualDisplay(screens=((1600, 900),)) as display, Fleet(port=0, hd=hd, counter=counter) as fleet:
        print("starting the fleet (the first run generates clips)...", flush=True)
        fleet.start(timeout=120)
        env = app_env(display.name, work / "home")
        subs, hds = bench_cameras(fleet, sub_tiles=max(grids))
        db = import_register(fleet, subs + hds, work, env)

        def config(name: str, cams: list[Any]) -> cpu.Config:
            return cpu.Config(name, tuple(cams), tuple(url(fleet, c) for c in cams))

        if args.tiny:
            configs = [config("4 sub", subs[:4])]
        else:
            configs = [config(f"{n} sub", subs[:n]) for n in grids] + [config("4 hd", hds[:4])]

        def peer(cfg: cpu.Config, s: cpu.Settings) -> dict[str, Any]:
            if cfg.tiles != 4 or not cfg.name.endswith("sub"):
                return {"cores": None, "status": "not run (4 sub tiles only)"}
            return gridplayer_peer.run(list(cfg.urls), fleet.port, env, s.warmup_s, s.window_s,
                                       work / "gridplayer.log")

        everything = args.only is None
        if everything or args.only == "cpu":
            out["cpu"] = cpu.figure(configs, env, db, work, settings, gridplayer=None if args.tiny else peer)
            out["capacity"] = cpu.capacity(out["cpu"], {})
        if not args.tiny and args.only in (None, "first_frame"):
            sets = [subs[:16], subs[16:32]]  # the same 16 streams, in another order (see bench_cameras)
            out["first_frame"] = first_frame.figure(sets, hds[0], [url(fleet, c) for c in subs[:16]], args.rounds,
                                                    env, db, work)
        if not args.tiny and args.only in (None, "bad_news"):
            out["bad_news"] = bad_news.figure(fleet, env, work, args.rounds)
        if not args.tiny and args.only in (None, "latency"):
            out["latency"] = latency.figure(fleet, display.name, env, work, subs[0])
        if not args.tiny and args.only in (None, "profile"):
            print("  profile: 16 sub tiles under perf and py-spy ...", flush=True)
            out["profile"] = profile.figure(config("16 sub", subs[:16]), env, db, work, settings)
        if not args.tiny and args.only in (None, "relay"):
            out["relay"] = relay.figure(fleet, work, args.warmup, args.window)
        if not args.tiny and args.only in (None, "wall"):
            out["wall"] = wall.figure([(c.id, url(fleet, c)) for c in subs[:2]], display.name, work)
        if not args.tiny and everything:
            out["quarantine"] = quarantine.figure(fleet, env, work, args.scene_rounds)
    if not args.tiny and args.only is None:
        out["city"] = city.figure(env, work, args.endpoints, args.sample, args.city_cameras, 3, _free_port())
    out["elapsed_s"] = round(time.monotonic() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tiny", action="store_true", help="4 tiles, short windows, no peers (smoke test)")
    parser.add_argument("--warmup", type=float, default=8.0, help="seconds before each CPU window")
    parser.add_argument("--window", type=float, default=15.0, help="seconds of each CPU window")
    parser.add_argument("--rounds", type=int, default=3, help="16-tile switches to time")
    parser.add_argument("--scene-rounds", type=int, default=4, help="scene switches to time (about 35 s each)")
    parser.add_argument("--endpoints", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=50, help="endpoints probed one by one with ffprobe")
    parser.add_argument("--city-cameras", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--only", choices=("cpu", "first_frame", "bad_news", "latency", "profile", "relay", "wall"),
                        help="one figure only (results get its name)")
    args = parser.parse_args(argv)
    results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = dt.datetime.now().strftime("%Y-%m-%d") + ("-tiny" if args.tiny else "") + (
        f"-{args.only}" if args.only else "")
    (args.out / f"{stem}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    table = markdown(results, stem)
    (args.out / f"{stem}.md").write_text(table, encoding="utf-8")
    for path in charts(results, args.out, stem):
        print(f"chart: {path}")
    print(table)
    print(f"results: {args.out / (stem + '.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
