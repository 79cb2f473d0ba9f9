"""Figure 3: bad news as fast as good news (issue 16, item 6).

A tile shown a stream that cannot play must say why within 1 s of the server's answer. Four cases, each
a real socket on loopback:

- **404** and **401**: a small RTSP responder in this process answers every request with ``404 Not Found``
  or ``401 Unauthorized`` (with a Basic challenge, as a camera does) and notes the monotonic time of its
  answer; the tile's ``state_since`` (the same system-wide monotonic clock) minus that time is the delay.
- **the fleet's not-found camera** (GStreamer's RTSP server, the real path): time from the tile being
  shown to its first offline entry (``history``), which includes the handshake.
- **refused**: a loopback port nobody listens on (the kernel answers the connect with a reset at once):
  time from shown.
- **silent**: a listener that accepts and never answers: the time from shown, against the socket timeout
  (the ingest's ``timeout_s``), which is the floor for this case.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.common import AppRun, Status, console_tiles, import_register, median
from videowall.sim.fleet import Fleet
from videowall.sim.spec import FAULT_NOT_FOUND, SimCamera

TARGET_S = 1.0
SOCKET_TIMEOUT_S = 5.0  # IngestOptions.timeout_s


@dataclass
class Responder:
    """A loopback RTSP 'camera' that answers every request with one status line, or never (``status=0``)."""

    status: int
    answers: list[float] = field(default_factory=list)  # time.monotonic() of each answer sent
    _sock: socket.socket = field(default_factory=socket.socket)
    _held: list[socket.socket] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(32)
        threading.Thread(target=self._serve, name=f"responder-{self.status}", daemon=True).start()

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        if self.status == 0:
            self._held.append(conn)  # accepted, never answered: a hung camera
            return
        reason = {401: "Unauthorized", 404: "Not Found"}[self.status]
        challenge = 'WWW-Authenticate: Basic realm="camera"\r\n' if self.status == 401 else ""
        with conn:
            data = b""
            while True:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    return
                if not chunk:
                    return
                data += chunk
                while b"\r\n\r\n" in data:
                    head, data = data.split(b"\r\n\r\n", 1)
                    cseq = next((ln.split(b":", 1)[1].strip() for ln in head.split(b"\r\n")
                                 if ln.lower().startswith(b"cseq:")), b"1")
                    conn.sendall(f"RTSP/1.0 {self.status} {reason}\r\nCSeq: {cseq.decode()}\r\n{challenge}"
                                 "Content-Length: 0\r\n\r\n".encode())
                    self.answers.append(time.monotonic())

    def close(self) -> None:
        self._sock.close()
        for conn in self._held:
            conn.close()


def _tail(log: Path) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-3:])
    except OSError:
        return "(no log)"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _camera(template: SimCamera, cid: str, path: str) -> SimCamera:
    return replace(template, id=cid, name=f"BENCH {cid}", main_path=path, sub_path=path, ptz=False, fault=None)


def _first_offline(tile: dict[str, Any]) -> tuple[float, str] | None:
    """(seconds since shown, reason) of the tile's first failure with its reason: offline, or
    reconnecting with the reason of the failed attempt (a silent camera is retried twice before it is
    called offline). The first entry is what the operator saw first, not the state now."""
    return next(((h[0], h[2]) for h in tile.get("history", []) if h[1] in ("offline", "reconnecting") and h[2]),
                None)


def _offline(status: Status, ids: list[str]) -> bool:
    tiles = {t["camera_id"]: t for t in console_tiles(status)}
    return all(cid in tiles and _first_offline(tiles[cid]) is not None for cid in ids)


def _shown_at(tile: dict[str, Any]) -> float:
    """The monotonic time the tile was shown: its state's start minus that entry's time since shown."""
    return float(tile["state_since"]) - float(tile["history"][-1][0])


def figure(fleet: Fleet, env: dict[str, str], work: Path, rounds: int) -> dict[str, Any]:
    """Per round a fresh app shows the five cases on a 3x3 wall; per case the delays and the reasons seen."""
    print("  bad news: 404, 401, refused, silent ...", flush=True)
    healthy = next(c for c in fleet.cameras if c.healthy)
    not_found = next(c for c in fleet.cameras if c.fault == FAULT_NOT_FOUND)
    r404, r401, silent = Responder(404), Responder(401), Responder(0)
    refused_port = _closed_port()
    cases = {
        "BAD-404": (f"rtsp://127.0.0.1:{r404.port}/stream", r404, "not_found"),
        "BAD-401": (f"rtsp://127.0.0.1:{r401.port}/stream", r401, "authentication"),
        "BAD-FLEET-404": (None, None, "not_found"),
        "BAD-REFUSED": (f"rtsp://127.0.0.1:{refused_port}/stream", None, "refused"),
        "BAD-SILENT": (f"rtsp://127.0.0.1:{silent.port}/stream", silent, "timeout"),
    }
    cams = [_camera(healthy, "BAD-SEED", healthy.sub_path), _camera(not_found, "BAD-FLEET-404", not_found.sub_path)]
    cams += [_camera(healthy, cid, healthy.sub_path) for cid, (u, _, _) in cases.items() if u]
    db = import_register(fleet, cams, work, env, name="badnews",
                         urls={cid: u for cid, (u, _, _) in cases.items() if u})
    delays: dict[str, list[float]] = {cid: [] for cid in cases}
    reasons: dict[str, set[str]] = {cid: set() for cid in cases}
    ids = list(cases)
    try:
        for _ in range(rounds):
            app = AppRun(env, work, "--db", str(db), "--layout", "9", "--cameras", "BAD-SEED")
            try:
                if app.wait_for(lambda s: len(console_tiles(s)) >= 6, 60) is None:
                    print(f"    round without a 3x3 wall in 60 s: {_tail(app.log)}", flush=True)
                    continue
                marks = {cid: len(r.answers) for cid, (_, r, _) in cases.items() if r is not None}
                app.send(cmd="assign", tile=0, cameras=ids)
                status = app.wait_for(lambda s: _offline(s, ids), SOCKET_TIMEOUT_S + 10)
                if status is None:
                    last = app.status() or {}
                    print("    round where not every case went offline in time: "
                          f"{[(t.get('camera_id'), t.get('state'), t.get('reason')) for t in console_tiles(last)]}",
                          flush=True)
                    continue
                for t in console_tiles(status):
                    cid = t["camera_id"]
                    first = _first_offline(t) if cid in cases else None
                    if first is None:
                        continue
                    _, responder, _ = cases[cid]
                    reasons[cid].add(first[1])
                    if responder is not None and responder.status and len(responder.answers) > marks[cid]:
                        delays[cid].append(round(_shown_at(t) + first[0] - responder.answers[marks[cid]], 3))
                    else:
                        delays[cid].append(round(first[0], 3))
            finally:
                app.stop()
            time.sleep(1)
    finally:
        for responder in (r404, r401, silent):
            responder.close()
    out: dict[str, Any] = {"target_s": TARGET_S, "socket_timeout_s": SOCKET_TIMEOUT_S, "cases": {}}
    for cid, (_, responder, expected) in cases.items():
        measured_from = "server answer" if responder is not None and responder.status else "tile shown"
        worst = max(delays[cid]) if delays[cid] else None
        limit = SOCKET_TIMEOUT_S + TARGET_S if cid == "BAD-SILENT" else TARGET_S
        out["cases"][cid] = {"from": measured_from, "samples": delays[cid], "median_s": median(delays[cid]),
                             "max_s": worst, "reasons": sorted(reasons[cid]), "expected_reason": expected,
                             "met": worst is not None and worst <= limit and reasons[cid] == {expected}}
        print(f"    {cid:<14} median {out['cases'][cid]['median_s']} s, max {worst} s from {measured_from}; "
              f"reasons {sorted(reasons[cid])}", flush=True)
    return out

