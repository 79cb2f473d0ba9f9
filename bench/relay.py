"""Figure 7: the camera relay (issue 21 item 5): one pull per camera, and what a relayed stream costs.

The relay's RTSP server (``videowall.media.relay``, GstRtspServer, no re-encoding) serves N of the fleet's
sub streams; three ffmpeg clients (``-c copy -f null``, nothing decoded) watch each. Measured:

- **upstream connections per camera**: established TCP connections to the fleet's RTSP port (counted in
  /proc/net/tcp, at the camera's end) divided by N, while the 3 N viewers receive pictures (expect 1);
- **relay CPU per relayed stream**: the relay server's CPU seconds per wall second over the window,
  divided by N (the viewers' and the fleet's CPU are not in it), with 3 viewers and with 1 viewer per stream;
- **first decoded picture of one more viewer** (ffmpeg, decoding one frame) joining a stream the relay
  already pulls, against the same client straight from the fleet: all viewers of a relayed stream share
  one media, so a late joiner waits for the camera's next keyframe (the fleet hands each client a fresh one).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

from bench.common import load_average, measure_cpu, median, stop_all
from bench.first_frame import MINIMAL  # the same minimal client (no probing) as the first-frame figure
from bench.relay_count import connections_to
from videowall.domain.urls import Credentials
from videowall.media.relay import RelayedStream, RelayProcess
from videowall.sim.fleet import Fleet

ACCOUNT = Credentials("bench", "bench-relay-pw")
STREAMS = (1, 4, 16)


def _viewers(port: int, paths: list[str], per_stream: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen(["ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i",
                              f"rtsp://{ACCOUNT.username}:{ACCOUNT.password}@127.0.0.1:{port}{path}",
                              "-c", "copy", "-f", "null", "-"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for path in paths for _ in range(per_stream)]


def _first_picture_s(url: str) -> float | None:
    started = time.monotonic()
    done = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", *MINIMAL, "-i", url,
                           "-frames:v", "1", "-f", "null", "-"], capture_output=True, timeout=30, check=False)
    return round(time.monotonic() - started, 3) if done.returncode == 0 else None


def _joins(fleet: Fleet, work: Path, rounds: int) -> dict[str, Any]:
    camera = next(c for c in fleet.cameras if c.healthy)
    relayed = [RelayedStream(f"/cam/{camera.id}/sub", fleet.url(camera.id, "sub"))]
    relay = RelayProcess(ACCOUNT, relayed, log_path=work / "relay-bench.log")
    port = relay.start()
    keep = _viewers(port, [relayed[0].path], 1)  # the stream is already pulled when the others join
    try:
        time.sleep(3)
        url = f"rtsp://{ACCOUNT.username}:{ACCOUNT.password}@127.0.0.1:{port}{relayed[0].path}"
        through = [_first_picture_s(url) for _ in range(rounds)]
        direct = [_first_picture_s(fleet.url(camera.id, "sub")) for _ in range(rounds)]
    finally:
        stop_all(keep)
        relay.stop()
    ok_through, ok_direct = [t for t in through if t is not None], [t for t in direct if t is not None]
    return {"rounds": rounds, "through_relay_s": through, "direct_s": direct,
            "through_relay_median_s": median(ok_through), "direct_median_s": median(ok_direct),
            "through_relay_max_s": max(ok_through, default=None), "direct_max_s": max(ok_direct, default=None)}


def _case(fleet: Fleet, streams: int, per_stream: int, work: Path, warmup_s: float, window_s: float) -> dict[str, Any]:
    cameras = [c for c in fleet.cameras if c.healthy][:streams]
    relayed = [RelayedStream(f"/cam/{c.id}/sub", fleet.url(c.id, "sub")) for c in cameras]
    relay = RelayProcess(ACCOUNT, relayed, log_path=work / "relay-bench.log")
    port = relay.start()
    viewers = _viewers(port, [s.path for s in relayed], per_stream)
    try:
        time.sleep(warmup_s)
        pid = relay.pid
        assert pid is not None
        cores, rss = measure_cpu(lambda: [pid], window_s)
        upstream = connections_to(fleet.port)
        states = relay.status()
        up = sum(1 for s in states.values() if s.state == "up")
        viewing = sum(s.viewers for s in states.values())
        alive = sum(1 for v in viewers if v.poll() is None)
    finally:
        stop_all(viewers)
        relay.stop()
    return {"streams": streams, "viewers_per_stream": per_stream, "viewers_running": alive,
            "viewers_at_relay": viewing, "streams_up": up, "upstream_connections": upstream,
            "upstream_per_camera": round(upstream / streams, 2), "relay_cores": round(cores, 3),
            "relay_cores_per_stream": round(cores / streams, 4), "relay_rss_mib": round(rss, 1)}


def figure(fleet: Fleet, work: Path, warmup_s: float = 4.0, window_s: float = 10.0) -> dict[str, Any]:
    print("  relay: 1, 4 and 16 relayed sub streams, 3 viewers each (and 1 each for 16) ...", flush=True)
    rows = [_case(fleet, n, 3, work, warmup_s, window_s) for n in STREAMS]
    rows.append(_case(fleet, STREAMS[-1], 1, work, warmup_s, window_s))
    joins = _joins(fleet, work, 8)
    return {"load_at_start": load_average(), "window_s": window_s, "rows": rows, "joins": joins,
            "target_upstream_per_camera": 1}


def relay_table(rel: dict[str, Any]) -> list[str]:
    lines = ["", "## 7. Camera relay: one pull per camera (issue 21)", "",
             f"Load average at start {rel['load_at_start']}; CPU window {rel['window_s']} s. Viewers are ffmpeg "
             "`-c copy -f null` clients of the relay; connections are counted at the fleet's RTSP port.", "",
             "| relayed streams | viewers each | viewers seen by the relay | streams up | upstream connections "
             "| per camera (target 1) | relay cores | cores per stream | relay RSS MiB |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rel["rows"]:
        ok = "met" if r["upstream_per_camera"] == 1 else "MISSED"
        lines.append(f"| {r['streams']} | {r['viewers_per_stream']} | {r['viewers_at_relay']} | {r['streams_up']} | "
                     f"{r['upstream_connections']} | {r['upstream_per_camera']} ({ok}) | {r['relay_cores']:.3f} | "
                     f"{r['relay_cores_per_stream']:.4f} | {r['relay_rss_mib']} |")
    j = rel.get("joins")
    if j:
        def s(v: float | None) -> str:
            return "-" if v is None else f"{v:.2f}"

        lines += ["", f"First decoded picture of one more ffmpeg viewer ({j['rounds']} joins each, the stream "
                      "already pulled by the relay):", "",
                  "| path | median s | max s |", "|---|---|---|",
                  f"| through the relay | {s(j['through_relay_median_s'])} | {s(j['through_relay_max_s'])} |",
                  f"| straight from the fleet | {s(j['direct_median_s'])} | {s(j['direct_max_s'])} |"]
    return lines
