"""How fast a client joins a camera of the simulated fleet, and whether it then gets real time or a burst.

Two instruments (stdlib + the ffmpeg binary only):

* :func:`probe` is a minimal RTSP client (DESCRIBE, SETUP over TCP, PLAY) that times the first
  RTP packet and the first H.264 keyframe (IDR NAL) after PLAY, and compares the RTP timestamps of
  what arrived with the wall clock: a client that gets data at real time sees ``speed`` ~1.0; a
  server that flushes old buffered packets shows a much larger one.
* :func:`ffmpeg_first_frame` / :func:`ffmpeg_speed` time the minimal ffmpeg client (no probing)
  from process start to its first decoded frame, and read ffmpeg's own reported speed.

``python -m videowall.sim.join_probe`` starts a fleet and prints both, as JSON (the before/after
numbers of issue 16).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import statistics
import struct
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

FFMPEG_MIN = ["ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-analyzeduration", "0",
              "-probesize", "32", "-fpsprobesize", "0"]  # fmt: skip
IDR, SPS = 5, 7


@dataclass
class JoinResult:
    """Times in seconds from the moment the probe started (``t_*``) or from PLAY (``play_to_*``)."""

    describe_status: int = 0
    t_described: float | None = None
    play_to_first_packet: float | None = None
    play_to_keyframe: float | None = None
    t_keyframe: float | None = None
    packets: int = 0
    #: (arrival since PLAY, RTP timestamp in seconds since the first packet) per packet
    arrivals: list[tuple[float, float]] = field(default_factory=list, repr=False)

    def media_span(self, wall_seconds: float) -> float:
        """RTP time covered by the packets that arrived in the first ``wall_seconds`` after the first one."""
        if not self.arrivals:
            return 0.0
        first = self.arrivals[0][0]
        inside = [ts for arrived, ts in self.arrivals if arrived - first <= wall_seconds]
        return max(inside) - min(inside)

    def arrival_span(self, media_seconds: float) -> float:
        """Wall time it took for the first ``media_seconds`` of RTP time to arrive."""
        inside = [arrived for arrived, ts in self.arrivals if ts <= media_seconds]
        return max(inside) - min(inside) if inside else 0.0

    def speed(self, wall_seconds: float = 3.0) -> float:
        return self.media_span(wall_seconds) / wall_seconds


def _nal_types(payload: bytes) -> list[int]:
    if not payload:
        return []
    kind = payload[0] & 0x1F
    if kind == 24:  # STAP-A: 16-bit sizes, then NALs
        types, pos = [], 1
        while pos + 2 < len(payload):
            size = struct.unpack_from("!H", payload, pos)[0]
            types.append(payload[pos + 2] & 0x1F)
            pos += 2 + size
        return types
    if kind == 28 and len(payload) > 1:  # FU-A: count the fragment that starts a NAL
        return [payload[1] & 0x1F] if payload[1] & 0x80 else []
    return [kind]


class _Conn:
    def __init__(self, url: str, auth: tuple[str, str] | None, timeout: float) -> None:
        parts = urlsplit(url)
        self.url = url
        self.sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 554), timeout=timeout)
        self.buf = b""
        self.cseq = 0
        self.auth = ("Authorization: Basic " + base64.b64encode(":".join(auth).encode()).decode() + "\r\n"
                     if auth else "")

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buf += chunk

    def request(self, method: str, url: str, extra: str = "") -> tuple[int, dict[str, str], bytes]:
        self.cseq += 1
        self.sock.sendall(f"{method} {url} RTSP/1.0\r\nCSeq: {self.cseq}\r\n{self.auth}{extra}"
                          "User-Agent: videowall-join-probe\r\n\r\n".encode())
        return self.response()

    def response(self) -> tuple[int, dict[str, str], bytes]:
        while True:
            while self.buf[:1] == b"$":  # interleaved data before the reply: skip it
                while len(self.buf) < 4:
                    self._fill()
                size = struct.unpack_from("!H", self.buf, 2)[0]
                while len(self.buf) < 4 + size:
                    self._fill()
                self.buf = self.buf[4 + size:]
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0 and self.buf[:1] != b"$":
                break
            self._fill()
        head, self.buf = self.buf[:end].decode(errors="replace"), self.buf[end + 4:]
        lines = head.split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        words = lines[0].split()
        return (int(words[1]) if len(words) > 1 and words[1].isdigit() else 0), headers, body

    def packet(self) -> tuple[int, bytes]:
        while True:
            while len(self.buf) < 4:
                self._fill()
            if self.buf[:1] != b"$":
                self.response()  # an RTSP message (e.g. a reply) between packets
                continue
            channel, size = self.buf[1], struct.unpack_from("!H", self.buf, 2)[0]
            while len(self.buf) < 4 + size:
                self._fill()
            data, self.buf = self.buf[4:4 + size], self.buf[4 + size:]
            return channel, data


def probe(url: str, seconds: float = 3.0, auth: tuple[str, str] | None = None, timeout: float = 10.0) -> JoinResult:
    """Join ``url`` over RTSP/TCP and watch ``seconds`` of RTP after PLAY (see :class:`JoinResult`)."""
    started = time.monotonic()
    result = JoinResult()
    conn = _Conn(url, auth, timeout)
    try:
        status, headers, body = conn.request("DESCRIBE", url, "Accept: application/sdp\r\n")
        result.describe_status = status
        result.t_described = time.monotonic() - started
        if status != 200:
            return result
        base = headers.get("content-base", url.rstrip("/") + "/")
        control = next((line[10:].strip() for line in body.decode(errors="replace").splitlines()
                        if line.startswith("a=control:") and line[10:].strip() != "*"), "stream=0")
        track = control if control.startswith("rtsp://") else base.rstrip("/") + "/" + control
        status, headers, _ = conn.request("SETUP", track, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n")
        if status != 200:
            raise ConnectionError(f"SETUP answered {status}")
        session = headers.get("session", "").split(";")[0]
        played = time.monotonic()
        status, _, _ = conn.request("PLAY", base, f"Session: {session}\r\nRange: npt=0.000-\r\n")
        if status != 200:
            raise ConnectionError(f"PLAY answered {status}")
        first_ts: int | None = None
        last_raw, wraps = 0, 0
        while time.monotonic() - played < seconds:
            channel, data = conn.packet()
            if channel != 0 or len(data) < 12:
                continue
            now = time.monotonic() - played
            header = 12 + 4 * (data[0] & 0x0F)
            if data[0] & 0x10 and len(data) >= header + 4:
                header += 4 + 4 * struct.unpack_from("!H", data, header + 2)[0]
            raw = struct.unpack_from("!I", data, 4)[0]
            if first_ts is None:
                first_ts, last_raw = raw, raw
                result.play_to_first_packet = now
            if raw < last_raw and last_raw - raw > 1 << 31:
                wraps += 1
            last_raw = raw
            result.arrivals.append((now, (raw + (wraps << 32) - first_ts) / 90000.0))
            result.packets += 1
            if result.play_to_keyframe is None and IDR in _nal_types(data[header:]):
                result.play_to_keyframe = now
                result.t_keyframe = time.monotonic() - started
        return result
    finally:
        conn.sock.close()


def ffmpeg_first_frame(urls: list[str]) -> list[float]:
    """All at once: each minimal ffmpeg's wall time from process start to its first decoded frame (exit)."""

    def one(url: str) -> float:
        started = time.monotonic()
        done = subprocess.run([*FFMPEG_MIN, "-i", url, "-frames:v", "1", "-f", "null", "-"],
                              capture_output=True, timeout=30, check=False)
        return time.monotonic() - started if done.returncode == 0 else float("nan")

    with ThreadPoolExecutor(max_workers=max(1, len(urls))) as pool:
        return list(pool.map(one, urls))


def ffmpeg_speed(url: str, seconds: int = 3) -> list[tuple[float, str, str]]:
    """ffmpeg's own progress over the first ``seconds``: (wall time, out_time, speed) per report."""
    args = [*FFMPEG_MIN, "-i", url, "-t", str(seconds), "-c", "copy", "-f", "null", "-", "-nostats",
            "-progress", "pipe:1", "-stats_period", "0.5"]
    reports: list[tuple[float, str, str]] = []
    started = time.monotonic()
    out_time = ""
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time":
                out_time = value
            elif key == "speed":
                reports.append((round(time.monotonic() - started, 2), out_time, value))
    return reports


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_cpu_percent(pid: int, seconds: float = 20.0) -> float:
    before = _cpu_seconds(pid)
    time.sleep(seconds)
    return round(100.0 * (_cpu_seconds(pid) - before) / seconds, 1)


def _summary(samples: list[float]) -> dict[str, float]:
    good = [s for s in samples if s == s]
    return {"median": round(statistics.median(good), 3) if good else -1.0,
            "max": round(max(good), 3) if good else -1.0, "failed": float(len(samples) - len(good))}


def main(argv: list[str] | None = None) -> int:
    from videowall.sim.fleet import Fleet  # here, so the probe itself needs nothing but the stdlib

    parser = argparse.ArgumentParser(description="Time clients joining the simulated fleet.")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle CPU measurement")
    args = parser.parse_args(argv)
    report: dict[str, object] = {}
    with Fleet(port=0) as fleet:
        fleet.start(timeout=90)
        healthy = [c.id for c in fleet.cameras if c.healthy][:16]
        time.sleep(3)
        report["server_idle_cpu_percent"] = idle_cpu_percent(fleet.child_pids()[0], args.idle)
        for stream in ("sub", "main"):
            one = [ffmpeg_first_frame([fleet.url(healthy[i], stream)])[0] for i in range(5)]
            report[f"ffmpeg_1cam_{stream}"] = {"runs": [round(s, 3) for s in one], **_summary(one)}
            time.sleep(1)
            many: list[float] = []
            for _ in range(3):
                many += ffmpeg_first_frame([fleet.url(c, stream) for c in healthy])
                time.sleep(2)
            report[f"ffmpeg_16cam_{stream}"] = _summary(many)
            report[f"ffmpeg_speed_{stream}"] = ffmpeg_speed(fleet.url(healthy[5], stream))
            with ThreadPoolExecutor(max_workers=16) as pool:
                joins = list(pool.map(probe, [fleet.url(c, stream) for c in healthy]))
            report[f"probe_16cam_{stream}"] = {
                "play_to_keyframe": _summary([j.play_to_keyframe or float("nan") for j in joins]),
                "start_to_keyframe": _summary([j.t_keyframe or float("nan") for j in joins]),
                "speed_3s": _summary([j.speed(2.5) for j in joins]),
                "arrival_of_first_2s": _summary([j.arrival_span(2.0) for j in joins]),
            }
            time.sleep(2)
    print(json.dumps(report, indent=1, default=lambda o: asdict(o)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
