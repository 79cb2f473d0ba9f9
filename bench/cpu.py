"""Figure 1 and 3: the app's whole CPU against plain ffmpeg decoding, decode+scale+BGRA, and VLC players.

Every configuration is measured in the same run, one after the other on the same fleet, so the
ratios compare like with like even when the machine is busy.
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import AppRun, Status, console_tiles, have, load_average, measure_cpu, median, stop_all, tree
from videowall.sim.spec import SimCamera

VLC_PEER_MAX_TILES = 25  # the peer is one cvlc process per stream: 64 of them would measure the machine's memory
FFMPEG = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp"]


@dataclass(frozen=True)
class Config:
    name: str  # "4 sub", "4 hd", ...
    cameras: tuple[SimCamera, ...]
    urls: tuple[str, ...]

    @property
    def tiles(self) -> int:
        return len(self.cameras)

    @property
    def grid(self) -> str:
        side = math.ceil(math.sqrt(self.tiles))
        return f"{side}x{side}"


@dataclass
class Settings:
    warmup_s: float = 8.0
    window_s: float = 12.0
    live_timeout_s: float = 90.0  # start-up alone took 44 s on a machine loaded 25x over


def _playback(status: Status | None) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for tile in console_tiles(status or {}):
        if tile.get("playback"):
            out[tile["index"]] = tile["playback"]
    return out


def run_app(config: Config, env: dict[str, str], db: Path, work: Path, settings: Settings) -> dict[str, Any]:
    """The app showing ``config`` on its console: CPU of it and its ffmpeg children, fps, lost frames, RSS."""
    ids = ",".join(c.id for c in config.cameras)
    app = AppRun(env, work, "--db", str(db), "--layout", config.grid, "--cameras", ids)
    try:
        def all_live(s: Status) -> bool:
            tiles = [t for t in console_tiles(s) if t["camera_id"]]
            return len(tiles) >= config.tiles and all(t["state"] == "live" for t in tiles)

        live = app.wait_for(all_live, settings.live_timeout_s)
        time.sleep(settings.warmup_s)
        before = app.status()
        cores, rss_tree = measure_cpu(lambda: [app.pid], settings.window_s)
        after = app.status()
        rss_app = _rss_one(app.pid)
        geometry = next((t["geometry"] for t in console_tiles(after or {}) if t.get("geometry")), None)
        p0, p1 = _playback(before), _playback(after)
        reduced = {t["index"]: t["reduced_fps"] for t in console_tiles(after or {}) if t.get("reduced_fps")}
        displayed = sum(p1[i]["displayed"] - p0[i]["displayed"] for i in p1 if i in p0)
        # libVLC counts a picture its fps filter drops on a reduced tile as lost: those tiles' count is not a loss
        lost = sum(p1[i]["lost"] - p0[i]["lost"] for i in p1 if i in p0 and i not in reduced)
        shown_full = sum(p1[i]["displayed"] - p0[i]["displayed"] for i in p1 if i in p0 and i not in reduced)
        decoded = sum(p1[i]["decoded"] - p0[i]["decoded"] for i in p1 if i in p0)
        fps = [t["fps"] for t in console_tiles(after or {}) if t["camera_id"]]
        states = [t["state"] for t in console_tiles(after or {}) if t["camera_id"]]
        return {
            "cores": round(cores, 3),
            "rss_app_mb": round(rss_app, 1),
            "rss_tree_mb": round(rss_tree, 1),
            "all_live_at_start": live is not None,
            "live_tiles": states.count("live"),
            "tile_size": geometry[2:] if geometry else None,
            "fps_median": median(fps),
            "fps_min": min(fps) if fps else None,
            "displayed_fps_per_tile": round(displayed / settings.window_s / max(1, config.tiles), 2),
            # libVLC 3.0 counts every decoded picture twice (once when the decoder returns it, once when it is
            # queued for display: src/input/decoder.c, DecoderDecode and DecoderQueueVideo); a plain libVLC
            # player on a 25 fps file reports 50. Halved here: pictures decoded, not counter steps.
            "decoded_fps_per_tile": round(decoded / 2 / settings.window_s / max(1, config.tiles), 2),
            "lost_frames": lost,
            "lost_pct": round(100 * lost / max(1, shown_full + lost), 2),  # full-rate tiles only
            "reduced_tiles": len(reduced),
            "reduced_fps": sorted(set(reduced.values())) or None,
            "loop_lag": (after or {}).get("loop_lag"),
            "log_tail": None if live is not None else app.log_tail()[-800:],
        }
    finally:
        app.stop()


def _rss_one(pid: int) -> float:
    from bench.common import rss_mb

    return rss_mb([pid])


def run_processes(argvs: list[list[str]], settings: Settings, pipe_to: list[list[str]] | None = None,
                  env: dict[str, str] | None = None) -> dict[str, Any]:
    """Start one process (or ``a | b`` pair) per stream, warm up, measure their CPU together."""
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for i, argv in enumerate(argvs):
            if pipe_to is None:
                procs.append(subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
                continue
            first = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
            second = subprocess.Popen(pipe_to[i], stdin=first.stdout, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, env=env)
            assert first.stdout is not None
            first.stdout.close()  # the reader owns it now
            procs += [first, second]
        time.sleep(settings.warmup_s)
        running = sum(p.poll() is None for p in procs)
        cores, rss = measure_cpu(lambda: [p.pid for p in procs], settings.window_s)
        return {"cores": round(cores, 3), "rss_tree_mb": round(rss, 1),
                "running": running, "started": len(procs)}
    finally:
        stop_all(procs)


def decode_only(config: Config, settings: Settings) -> dict[str, Any]:
    return run_processes([[*FFMPEG, "-i", u, "-f", "null", "-"] for u in config.urls], settings)


def decode_scale(config: Config, size: tuple[int, int], settings: Settings) -> dict[str, Any]:
    w, h = size
    return run_processes(
        [[*FFMPEG, "-i", u, "-vf", f"scale={w}:{h}", "-pix_fmt", "bgra", "-f", "null", "-"] for u in config.urls],
        settings)


def vlc_players(config: Config, size: tuple[int, int], settings: Settings, env: dict[str, str]) -> dict[str, Any]:
    """Separate cvlc players on the X display, each fed like the app feeds libVLC (ffmpeg remux to a pipe)."""
    w, h = size
    remux = [[*FFMPEG, "-i", u, "-map", "0:v:0", "-c", "copy", "-f", "mpegts", "-"] for u in config.urls]
    # VLC refuses to run as root: drop to nobody (the X server has no access control here)
    drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []
    home = Path(tempfile.mkdtemp(prefix="bench-vlc-"))
    home.chmod(0o777)
    env = {**env, "HOME": str(home)}
    players = [[*drop, "cvlc", "--intf", "dummy", "--avcodec-hw=none", "--vout=xcb_x11", f"--width={w}",
                f"--height={h}", "--no-audio",
                "--no-video-title-show", "--no-embedded-video", "--demux=ts", "-"] for _ in config.urls]
    return run_processes(remux, settings, pipe_to=players, env=env)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def figure(configs: list[Config], env: dict[str, str], db: Path, work: Path, settings: Settings,
           gridplayer: Any = None) -> list[dict[str, Any]]:
    rows = []
    for config in configs:
        print(f"  cpu: {config.name} ...", flush=True)
        row: dict[str, Any] = {"config": config.name, "tiles": config.tiles, "load_before": load_average()}
        row["app"] = run_app(config, env, db, work, settings)
        size = tuple(row["app"]["tile_size"] or (320, 180))
        size = (max(16, size[0] // 2 * 2), max(16, size[1] // 2 * 2))
        row["tile_size"] = list(size)
        row["decode"] = decode_only(config, settings)
        row["decode_scale_bgra"] = decode_scale(config, size, settings)
        if config.tiles > VLC_PEER_MAX_TILES:
            row["vlc"] = {"cores": None, "status": f"not run (over {VLC_PEER_MAX_TILES} players)"}
        else:
            row["vlc"] = (vlc_players(config, size, settings, env) if have("cvlc")
                          else {"cores": None, "status": "n/a (cvlc not installed: apt-get install vlc-bin)"})
        if gridplayer is not None:
            row["gridplayer"] = gridplayer(config, settings)
        app_cores = row["app"]["cores"]
        row["ratio_vs_decode"] = ratio(app_cores, row["decode"]["cores"])
        row["ratio_vs_decode_scale"] = ratio(app_cores, row["decode_scale_bgra"]["cores"])
        row["ratio_vs_vlc"] = ratio(app_cores, row["vlc"]["cores"])
        print(f"    app {app_cores} cores, decode {row['decode']['cores']}, "
              f"decode+scale {row['decode_scale_bgra']['cores']}, vlc {row['vlc']['cores']}", flush=True)
        rows.append(row)
    return rows


def capacity(rows: list[dict[str, Any]], extra: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """The largest sub-stream grid at full rate (median tile fps >= 24) with < 1 % lost frames; and whether
    every grid with reduced-rate tiles kept each of them at >= 12 fps with the UI loop's lag p99 <= 50 ms."""
    tried: dict[int, dict[str, Any]] = {r["tiles"]: r["app"] for r in rows if r["config"].endswith("sub")}
    tried.update(extra)
    verdicts = {}
    for tiles, app in sorted(tried.items()):
        ok = (app["live_tiles"] == tiles and not app.get("reduced_tiles") and (app["fps_median"] or 0) >= 24.0
              and (app["displayed_fps_per_tile"] or 0) >= 24.0 and app["lost_pct"] < 1.0)
        lag = (app.get("loop_lag") or {}).get("p99_ms")
        reduced_ok = (app["live_tiles"] == tiles and (app["fps_min"] or 0) >= 12.0 and lag is not None and lag <= 50.0
                      if app.get("reduced_tiles") else None)
        verdicts[tiles] = {"full_rate": ok, "fps_median": app["fps_median"], "fps_min": app["fps_min"],
                           "displayed_fps_per_tile": app["displayed_fps_per_tile"], "lost_pct": app["lost_pct"],
                           "cores": app["cores"], "live_tiles": app["live_tiles"],
                           "reduced_tiles": app.get("reduced_tiles", 0), "loop_lag_p99_ms": lag,
                           "reduced_ok": reduced_ok}
    passing = [t for t, v in verdicts.items() if v["full_rate"]]
    return {"largest_full_rate": max(passing) if passing else 0, "tried": verdicts}


__all__ = ["Config", "Settings", "capacity", "figure", "run_app", "tree"]
