"""``make soak``: 16 tiles while cameras drop and return at random and the RTSP server restarts twice.

Reports RSS over time (chart), UI loop lag p99, hung tiles and leftover processes. Exits non-zero if
a tile stays wrong for more than its back-off cap (30 s) after its stream returned, or a process of
the app outlives it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import AppRun, app_env, console_tiles, import_register, median, quantile, rss_mb, tree
from videowall.display.xserver import VirtualDisplay
from videowall.sim.fleet import Fleet

RESULTS = Path(__file__).resolve().parent / "results"
BACKOFF_CAP_S = 30.0
SAMPLE_S = 2.0


class Returns:
    """When each camera's stream last came back (or will): a tile is judged only after that."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}

    def mark(self, camera_id: str, when: float) -> None:
        self.at[camera_id] = max(self.at.get(camera_id, 0.0), when)


def soak(minutes: float, seed: int, out: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="videowall-soak-"))
    duration = minutes * 60
    samples: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    hung: dict[str, dict[str, Any]] = {}
    returns = Returns()
    with VirtualDisplay(screens=((1600, 900),)) as display, Fleet(port=0) as fleet:
        print("starting the fleet ...", flush=True)
        fleet.start(timeout=120)
        env = app_env(display.name, work / "home")
        healthy = [c for c in fleet.cameras if c.healthy][:16]
        db = import_register(fleet, healthy, work, env)
        ids = [c.id for c in healthy]
        app = AppRun(env, work, "--db", str(db), "--layout", "4x4", "--cameras", ",".join(ids))
        try:
            live = app.wait_for(lambda s: sum(t["state"] == "live" for t in console_tiles(s)) >= 16, 90)
            print(f"all 16 live: {live is not None}; soaking {minutes} min", flush=True)
            t0 = time.monotonic()
            restarts = [t0 + duration / 3, t0 + 2 * duration / 3]
            next_drop = t0 + rng.uniform(5, 15)
            wrong_since: dict[str, float] = {}
            while (now := time.monotonic()) < t0 + duration:
                if restarts and now >= restarts[0]:
                    restarts.pop(0)
                    events.append({"t": round(now - t0, 1), "event": "server stop"})
                    fleet.stop_server()
                    time.sleep(rng.uniform(3, 8))
                    fleet.start_server(timeout=60)
                    back = time.monotonic()
                    events.append({"t": round(back - t0, 1), "event": "server start"})
                    for cid in ids:
                        returns.mark(cid, back)
                elif now >= next_drop:
                    cid, secs = rng.choice(ids), rng.uniform(3, 15)
                    fleet.drop(cid, secs)
                    returns.mark(cid, now + secs)
                    events.append({"t": round(now - t0, 1), "event": f"drop {cid} {secs:.1f}s"})
                    next_drop = now + rng.uniform(5, 20)
                status = app.status() or {}
                tiles = console_tiles(status)
                pids = tree([app.pid])
                lag = status.get("loop_lag") or {}
                samples.append({"t": round(now - t0, 1), "rss_app_mb": round(rss_mb([app.pid]), 1),
                                "rss_tree_mb": round(rss_mb(pids), 1), "processes": len(pids),
                                "live": sum(t["state"] == "live" for t in tiles),
                                "lag_p99_ms": lag.get("p99_ms"), "lag_max_ms": lag.get("max_ms")})
                for t in tiles:
                    cid = t["camera_id"]
                    if t["state"] == "live":
                        wrong_since.pop(cid, None)
                        continue
                    since = wrong_since.setdefault(cid, now)
                    deadline = max(since, returns.at.get(cid, 0.0)) + BACKOFF_CAP_S
                    if now > deadline and cid not in hung:
                        hung[cid] = {"t": round(now - t0, 1), "state": t["state"], "reason": t["reason"],
                                     "history": t["history"][-6:]}
                        print(f"HUNG: {cid} {t['state']} {t['reason']}", flush=True)
                time.sleep(SAMPLE_S)
            # settle: every stream is back; every tile must be live within the cap
            final = app.wait_for(lambda s: sum(t["state"] == "live" for t in console_tiles(s)) >= 16,
                                 BACKOFF_CAP_S + 5)
            app_tree = tree([app.pid])
        finally:
            app.stop()
        time.sleep(3)
        leftovers = [pid for pid in app_tree if pid != app.pid and Path(f"/proc/{pid}").exists()]
    steady = [s for s in samples if s["t"] >= min(60.0, duration / 4)] or samples
    rss0, rss1 = steady[0]["rss_app_mb"], steady[-1]["rss_app_mb"]
    lags = [s["lag_p99_ms"] for s in samples if s["lag_p99_ms"] is not None]
    # Start->end compares a point still warming up with one point at the end; the trend compares the
    # median of the middle third with the median of the last third (a leak shows as a rise there).
    middle = median([s["rss_app_mb"] for s in samples if duration / 3 <= s["t"] < 2 * duration / 3])
    last = median([s["rss_app_mb"] for s in samples if s["t"] >= 2 * duration / 3])
    trend = round(100 * (last - middle) / middle, 2) if middle and last is not None else None
    result = {
        "date": dt.datetime.now().isoformat(timespec="seconds"), "minutes": minutes, "seed": seed,
        "all_live_at_start": live is not None, "all_live_at_end": final is not None,
        "hung_tiles": hung, "leftover_processes": leftovers,
        "rss_app_mb_start": rss0, "rss_app_mb_end": rss1, "rss_app_mb_max": max(s["rss_app_mb"] for s in samples),
        "rss_growth_pct": round(100 * (rss1 - rss0) / rss0, 2) if rss0 else None,
        "rss_trend_pct": trend,
        "loop_lag_p99_ms_median": quantile(lags, 0.5), "loop_lag_p99_ms_worst": max(lags) if lags else None,
        "events": events, "samples": samples,
    }
    result["passed"] = not hung and not leftovers and final is not None
    _write(result, out)
    return result


def _write(r: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    stem = "soak-" + dt.datetime.now().strftime("%Y-%m-%d")
    (out / f"{stem}.json").write_text(json.dumps(r, indent=1), encoding="utf-8")
    md = "\n".join([
        f"# videowall soak {r['date']} ({r['minutes']} min, seed {r['seed']})", "",
        "| figure | value | target |", "|---|---|---|",
        f"| RSS of the app (steady start -> end) | {r['rss_app_mb_start']} -> {r['rss_app_mb_end']} MiB "
        f"({r['rss_growth_pct']} %), max {r['rss_app_mb_max']} | growth <= 5 % |",
        f"| RSS trend (median of the last third vs the middle third) | {r.get('rss_trend_pct')} % | <= 5 % |",
        f"| hung tiles (wrong > {BACKOFF_CAP_S:.0f} s after their stream returned) | {len(r['hung_tiles'])} "
        f"{', '.join(r['hung_tiles'])} | 0 |",
        f"| all 16 live at the end | {r['all_live_at_end']} | yes |",
        f"| leftover processes after exit | {len(r['leftover_processes'])} | 0 |",
        f"| UI loop lag p99 (median / worst of the samples) | {r['loop_lag_p99_ms_median']} / "
        f"{r['loop_lag_p99_ms_worst']} ms | |",
        f"| events | {len(r['events'])} ({sum('drop' in e['event'] for e in r['events'])} drops, "
        f"{sum(e['event'] == 'server stop' for e in r['events'])} server restarts) | |",
        "", f"**{'PASSED' if r['passed'] else 'FAILED'}**", ""])
    (out / f"{stem}.md").write_text(md, encoding="utf-8")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4))
    t = [s["t"] for s in r["samples"]]
    ax.plot(t, [s["rss_app_mb"] for s in r["samples"]], label="app RSS")
    ax.plot(t, [s["rss_tree_mb"] for s in r["samples"]], label="app + ffmpeg RSS")
    for e in r["events"]:
        if e["event"].startswith("server"):
            ax.axvline(e["t"], color="red" if "stop" in e["event"] else "green", linestyle=":", linewidth=1)
    ax.set_xlabel("s")
    ax.set_ylabel("MiB")
    ax.set_title("Soak: memory over time (red/green: RTSP server stop/start)")
    ax2 = ax.twinx()
    ax2.plot(t, [s["live"] for s in r["samples"]], color="grey", alpha=0.4, label="live tiles")
    ax2.set_ylabel("live tiles")
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(out / f"{stem}-rss.png", dpi=100)
    plt.close(fig)
    print(md)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = soak(args.minutes, args.seed, args.out)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
