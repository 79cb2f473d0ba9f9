"""A cheap RTSP responder for load-testing the health sweep: thousands of paths, no video at all.

It answers OPTIONS and DESCRIBE only. What a path does is fixed by a hash of the path and a seed, so
a test can ask ``expected(path)`` what the sweep should find: most paths are live (H.264 SDP), some
404, some never answer, some are reset at once, some demand Digest auth (admin / Rahasia!23, the
credential the shared register uses), some offer no showable video. "Refused" needs no server: a
port with nothing listening. It listens on loopback only; it is a test tool, not a camera.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import hashlib
import ipaddress
import json
import logging
import re
import socket
import struct
import sys
import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote, urlsplit

from videowall.domain.health import HealthState, Reason
from videowall.domain.register_rows import CITY_COLUMNS

log = logging.getLogger(__name__)

REALM = "videowall-load"
USERNAME = "admin"
PASSWORD = "Rahasia!23"  # the shared register's test credential, not a secret
DEFAULT_SEED = 0
_AUTH_RE = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|([^\s,]+))')


class Behaviour(StrEnum):
    LIVE = "live"
    LIVE_H265 = "live_h265"
    NOT_FOUND = "not_found"
    SILENT = "silent"  # accepts, reads, never answers: the prober times out
    RESET = "reset"  # aborts the connection with an RST on the first request
    AUTH = "auth"  # Digest auth on every request
    MJPEG = "mjpeg"  # DESCRIBE 200, but the only video is JPEG: unsupported
    AUDIO_ONLY = "audio_only"


# Per-mille share of each behaviour, in hash-bucket order; the rest is LIVE.
SHARES: tuple[tuple[Behaviour, int], ...] = (
    (Behaviour.NOT_FOUND, 50),
    (Behaviour.SILENT, 25),
    (Behaviour.RESET, 40),
    (Behaviour.AUTH, 50),
    (Behaviour.MJPEG, 15),
    (Behaviour.AUDIO_ONLY, 10),
    (Behaviour.LIVE_H265, 60),
)


def path_of(url_or_path: str) -> str:
    """The path a request or register URL names; the responder decides on that alone."""
    if "://" in url_or_path:
        return urlsplit(url_or_path).path or "/"
    return url_or_path or "/"


def behaviour(path: str, seed: int = DEFAULT_SEED) -> Behaviour:
    digest = hashlib.blake2b(f"{seed}:{path_of(path)}".encode(), digest_size=8).digest()
    bucket = int.from_bytes(digest, "big") % 1000
    for kind, share in SHARES:
        if bucket < share:
            return kind
        bucket -= share
    return Behaviour.LIVE


def expected(path: str, seed: int = DEFAULT_SEED, *, username: str = "", password: str = "") -> tuple[HealthState, str]:
    """The state and reason a correct prober reports for ``path``, given the credentials it holds."""
    kind = behaviour(path, seed)
    if kind is Behaviour.AUTH:
        if not username and not password:
            return HealthState.AUTH_FAILURE, Reason.NO_CREDENTIALS.value
        if (username, password) != (USERNAME, PASSWORD):
            return HealthState.AUTH_FAILURE, Reason.REJECTED.value
        return HealthState.LIVE, ""
    return {
        Behaviour.LIVE: (HealthState.LIVE, ""),
        Behaviour.LIVE_H265: (HealthState.LIVE, ""),
        Behaviour.NOT_FOUND: (HealthState.NOT_FOUND, "404"),
        Behaviour.SILENT: (HealthState.UNREACHABLE, Reason.NO_REPLY.value),
        Behaviour.RESET: (HealthState.UNREACHABLE, Reason.RESET.value),
        Behaviour.MJPEG: (HealthState.UNSUPPORTED, f"{Reason.CODEC.value}_JPEG"),
        Behaviour.AUDIO_ONLY: (HealthState.UNSUPPORTED, Reason.NO_VIDEO.value),
    }[kind]


def _sdp(kind: Behaviour) -> bytes:
    head = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=videowall load\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\na=control:*\r\n"
    if kind is Behaviour.MJPEG:
        media = "m=video 0 RTP/AVP 26\r\na=control:trackID=0\r\n"
    elif kind is Behaviour.AUDIO_ONLY:
        media = "m=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=control:trackID=1\r\n"
    elif kind is Behaviour.LIVE_H265:
        media = "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H265/90000\r\na=control:trackID=0\r\n"
    else:
        media = (
            "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            "a=fmtp:96 packetization-mode=1;profile-level-id=42e01f;"
            "sprop-parameter-sets=Z0LgH9oBQBbpqAgICgAAAwACAAADAGR4wZU=,aM4NiA==\r\n"
            "a=control:trackID=0\r\n"
            "m=audio 0 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=control:trackID=1\r\n"
        )
    return (head + media).encode()


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def digest_ok(header: str, method: str, nonce: str) -> bool:
    """Check a Digest ``Authorization`` header against the one account this responder knows."""
    if not header.lower().startswith("digest "):
        return False
    p = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _AUTH_RE.finditer(header)}
    if p.get("username") != USERNAME or p.get("nonce") != nonce or p.get("realm") != REALM:
        return False
    ha1 = _md5(f"{USERNAME}:{REALM}:{PASSWORD}")
    ha2 = _md5(f"{method}:{p.get('uri', '')}")
    if p.get("qop"):
        want = _md5(f"{ha1}:{nonce}:{p.get('nc', '')}:{p.get('cnonce', '')}:{p['qop']}:{ha2}")
    else:
        want = _md5(f"{ha1}:{nonce}:{ha2}")
    return p.get("response") == want


@dataclass
class Stats:
    connections: int = 0
    requests: int = 0
    by_behaviour: dict[str, int] = field(default_factory=dict)


class _Session(asyncio.Protocol):
    """One client connection; requests are read from a buffer, no stream objects per connection."""

    def __init__(self, responder: LoadResponder) -> None:
        self._r = responder
        self._buf = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._r.stats.connections += 1

    def data_received(self, data: bytes) -> None:
        self._buf += data
        if len(self._buf) > 65536:
            self._abort()
            return
        while self._transport is not None and b"\r\n\r\n" in self._buf:
            head, self._buf = self._buf.split(b"\r\n\r\n", 1)
            self._handle(head.decode("latin-1"))

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None

    def _abort(self) -> None:
        transport, self._transport = self._transport, None
        if transport is None:
            return
        sock = transport.get_extra_info("socket")
        if sock is not None:  # linger 0: close sends RST, as a crashing camera would
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        transport.abort()

    def _handle(self, head: str) -> None:
        lines = head.split("\r\n")
        parts = lines[0].split(" ")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        cseq = headers.get("cseq", "0")
        if len(parts) != 3 or not parts[2].startswith("RTSP/"):
            self._reply(cseq, 400, "Bad Request")
            return
        method, url = parts[0], parts[1]
        kind = behaviour(url, self._r.seed)
        stats = self._r.stats
        stats.requests += 1
        stats.by_behaviour[kind.value] = stats.by_behaviour.get(kind.value, 0) + 1
        if kind is Behaviour.SILENT:
            return
        if kind is Behaviour.RESET:
            self._abort()
            return
        if kind is Behaviour.AUTH and not digest_ok(headers.get("authorization", ""), method, self._r.nonce):
            challenge = f'Digest realm="{REALM}", nonce="{self._r.nonce}"'
            self._reply(cseq, 401, "Unauthorized", {"WWW-Authenticate": challenge})
            return
        if method == "OPTIONS":
            self._reply(cseq, 200, "OK", {"Public": "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN"})
        elif method == "DESCRIBE":
            if kind is Behaviour.NOT_FOUND:
                self._reply(cseq, 404, "Not Found")
            else:
                body = self._r.sdp[kind]
                base = url if url.endswith("/") else url + "/"
                self._reply(cseq, 200, "OK", {"Content-Base": base, "Content-Type": "application/sdp"}, body)
        else:
            self._reply(cseq, 405, "Method Not Allowed")

    def _reply(self, cseq: str, status: int, reason: str, headers: dict[str, str] | None = None,
               body: bytes = b"") -> None:  # fmt: skip
        if self._transport is None:
            return
        lines = [f"RTSP/1.0 {status} {reason}", f"CSeq: {cseq}", "Server: videowall-load"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self._transport.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


class LoadResponder:
    """A running responder: its address, what each path does, and counters. Close it when done."""

    def __init__(self, host: str, n: int, seed: int) -> None:
        self.host = host
        self.port = 0
        self.n = n
        self.seed = seed
        self.nonce = hashlib.blake2b(f"nonce:{seed}".encode(), digest_size=8).hexdigest()
        self.stats = Stats()
        self.sdp = {kind: _sdp(kind) for kind in Behaviour}
        self._server: asyncio.Server | None = None

    async def start(self, port: int) -> LoadResponder:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(lambda: _Session(self), self.host, port, backlog=4096)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def path(self, i: int, stream: str = "main") -> str:
        return f"/load/{i:05d}/{stream}"

    def url(self, i: int, stream: str = "main") -> str:
        return f"rtsp://{self.host}:{self.port}{self.path(i, stream)}"

    def expected(self, url_or_path: str, *, username: str = "", password: str = "") -> tuple[HealthState, str]:
        return expected(url_or_path, self.seed, username=username, password=password)


def check_loopback(host: str) -> str:
    if not ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).version != 4:
        raise ValueError(f"the load responder listens on 127.0.0.0/8 only, not {host}")
    return host


async def serve_load(host: str, port: int, n: int, *, seed: int = DEFAULT_SEED) -> LoadResponder:
    """Start a responder for ``n`` advertised paths (``/load/00000/main`` ...); port 0 picks a free one.

    Any other path is answered too, by the same hash rule, so a register from elsewhere can point here.
    """
    return await LoadResponder(check_loopback(host), n, seed).start(port)


def write_load_register(path: Path, responder: LoadResponder) -> Path:
    """A register CSV of the advertised paths, to ``videowall import``; half the auth paths carry the password."""
    header = list(CITY_COLUMNS)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for i in range(responder.n):
            url = responder.url(i)
            if behaviour(url, responder.seed) is Behaviour.AUTH and i % 2 == 0:
                url = url.replace("rtsp://", f"rtsp://{USERNAME}:{quote(PASSWORD, safe='')}@", 1)
            status = "nonaktif" if i % 37 == 5 else "aktif"
            district = f"Beban {i % 16:02d}"
            out.writerow([f"LOAD-{i:05d}", f"Load camera {i}", "publik", district, f"{district} / {i % 7}",
                          "", "", f"{-6.9 - (i % 100) / 1000:.6f}", f"{110.4 + (i % 97) / 1000:.6f}", url,
                          responder.url(i, "sub"), "", "", "tidak", status, ""])  # fmt: skip
    return path


def run_load_responder(host: str, port: int, n: int, duration: float | None = None, *,
                       seed: int = DEFAULT_SEED, register: Path | None = None) -> int:  # fmt: skip
    """Serve until ``duration`` seconds pass or Ctrl-C; prints one JSON ready line. Returns an exit code."""
    try:
        check_loopback(host)
    except ValueError as exc:
        print(f"videowall sim --load: {exc}", file=sys.stderr)
        return 2

    async def main() -> None:
        responder = await serve_load(host, port, n, seed=seed)
        if register is not None:
            write_load_register(register, responder)
        ready = {"ready": True, "host": host, "port": responder.port, "paths": n, "seed": seed,
                 "register": str(register) if register else None}  # fmt: skip
        print(json.dumps(ready), flush=True)
        started = time.monotonic()
        try:
            await asyncio.sleep(duration if duration is not None else float("inf"))
        finally:
            await responder.close()
            log.info("load responder: %d connections, %d requests in %.1f s", responder.stats.connections,
                     responder.stats.requests, time.monotonic() - started)  # fmt: skip

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"videowall sim --load: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m videowall.sim.load_responder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("-n", type=int, default=5000, help="advertised paths")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--duration", type=float)
    parser.add_argument("--register", type=Path, help="write a register CSV of the advertised paths here")
    args = parser.parse_args(argv)
    return run_load_responder(args.host, args.port, args.n, args.duration, seed=args.seed, register=args.register)


if __name__ == "__main__":
    sys.exit(main())
