#!/usr/bin/python3
"""The camera relay's RTSP server (GStreamer's GstRtspServer): each camera stream is pulled once.

Runs under Debian's system python (PyGObject/GStreamer are not in the venv), so it imports only the
standard library and ``gi``; ``videowall.media.relay`` launches it as ``/usr/bin/python3
gst_relay_server.py`` and writes its whole configuration, camera credentials included, as the first
line on its stdin: never on the command line, in the environment, in a file or in a log.

Per relayed stream one *upstream* pipeline (``rtspsrc -> rtph264depay -> h264parse -> appsink``, no
re-encoding) runs while anybody watches. Each stream's media factory is shared: every client of a path
joins one media, ``appsrc -> rtph264pay``, which the upstream feeds with each access unit, re-stamped
to the media's running time. So a camera's uplink carries a stream once however many clients watch.

When the camera drops (an error, end of stream, or no access unit for ``stall_s``), the upstream
pipeline is thrown away and built again with back-off while the clients stay connected; their
pictures resume when the camera is back (rtspsrc does not recover by itself, and a shared media whose
source failed stays failed). The upstream is stopped ``linger_s`` after its last client left.

Config (one JSON line on stdin)::

    {"host": "127.0.0.1", "port": 0, "account": {"username": "...", "password": "..."},
     "stall_s": 2.5, "linger_s": 5.0,
     "streams": [{"path": "/cam/SIM-CAM-01/sub", "location": "rtsp://cam/..", "username": "..", "password": ".."}]}

Clients must give ``account`` (Digest auth only); a wrong or missing one, or Basic, gets 401. On stdout: one line
``{"ready": true, "port": N}`` when serving, then ``{"status": {path: {...}}}`` whenever a stream's
state changes (``idle``, ``connecting``, ``up``, ``down``, ``reconnecting``; ``since`` epoch seconds,
``viewers``, ``restarts``, ``error``). Exits on SIGTERM/SIGINT, stdin EOF and when its parent dies.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import signal
import sys
import threading
import time
from typing import Any

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstApp", "1.0")
gi.require_version("GstRtsp", "1.0")
from gi.repository import GLib, Gst, GstApp, GstRtsp, GstRtspServer  # noqa: E402, F401 (GstApp: appsrc's methods)

LOG = logging.getLogger("gst_relay_server")
KEEP = GstRtspServer.RTSPFilterResult.KEEP
ROLE = "relay-client"
UPSTREAM = (
    "rtspsrc name=src protocols=tcp latency=100 tcp-timeout=5000000 "
    "! rtph264depay ! h264parse config-interval=-1 ! video/x-h264,stream-format=byte-stream,alignment=au "
    "! appsink name=sink sync=false async=false max-buffers=2 drop=true emit-signals=true"
)
MEDIA = (
    "( appsrc name=src is-live=true format=time do-timestamp=false max-buffers=50 leaky-type=downstream "
    "! rtph264pay config-interval=1 name=pay0 pt=96 )"
)
SHALLOW = Gst.BufferCopyFlags.FLAGS | Gst.BufferCopyFlags.TIMESTAMPS | Gst.BufferCopyFlags.META
SHALLOW |= Gst.BufferCopyFlags.MEMORY
RESYNC_NS = 500_000_000  # a jump this big in the upstream's timestamps (rebuilt pipeline) re-anchors
CONNECT_TIMEOUT_S = 8.0
BACKOFF_S = (1.0, 2.0, 4.0, 8.0)


class Outlet:
    """One shared media's appsrc, with the offset from the upstream's timestamps to the media's running time."""

    def __init__(self, media: Any, src: Any) -> None:
        self.media = media
        self.src = src
        self.offset: int | None = None
        self.caps: Any = None
        self.fed = False  # has had a picture: its clients are kept through a camera drop

    def push(self, buffer: Any, caps: Any) -> None:
        _, state, _ = self.src.get_state(0)
        if state != Gst.State.PLAYING:
            self.offset = None
            return
        now = self.src.get_current_running_time()
        stamp = buffer.pts if buffer.pts != Gst.CLOCK_TIME_NONE else buffer.dts
        if now == Gst.CLOCK_TIME_NONE or stamp == Gst.CLOCK_TIME_NONE:
            return
        if self.offset is None or abs(stamp + self.offset - now) > RESYNC_NS:
            self.offset = now - stamp
        if caps is not None and caps != self.caps:
            self.src.set_caps(caps)
            self.caps = caps
        out = buffer.copy_region(SHALLOW, 0, buffer.get_size())
        out.pts = max(0, stamp + self.offset)
        out.dts = Gst.CLOCK_TIME_NONE
        self.src.push_buffer(out)
        self.fed = True


class Upstream:
    """The one pull of one camera stream, rebuilt when the camera drops; feeds every outlet of its path."""

    def __init__(self, spec: dict[str, Any], stall_s: float, linger_s: float, changed: Any) -> None:
        self.path = str(spec["path"])
        self._location = str(spec["location"])
        self._username = str(spec.get("username") or "")
        self._password = str(spec.get("password") or "")
        self._stall_s = stall_s
        self._linger_s = linger_s
        self._changed = changed  # called on the main loop when the state changes
        self.lock = threading.Lock()
        self.outlets: list[Outlet] = []
        self.pipeline: Any = None
        self.state = "idle"
        self.since = time.time()
        self.error = ""
        self.restarts = 0
        self.viewers = 0
        self._failures = 0
        self._started = 0.0
        self._last_buffer = 0.0  # monotonic; written by the streaming thread
        self._retry: int | None = None
        self._linger: int | None = None

    # -- outlets (main loop) ------------------------------------------------------------------

    def attach(self, media: Any, src: Any) -> None:
        with self.lock:
            self.outlets.append(Outlet(media, src))
        if self._linger is not None:
            GLib.source_remove(self._linger)
            self._linger = None
        if self.state == "idle":
            self._start("connecting")
        elif self.state == "down":
            self._refuse_unfed()  # the camera is down: say so now (503), not after the 20-s prepare timeout

    def _refuse_unfed(self) -> None:
        """End the medias that never had a picture, so their clients get 503 at once and retry on their own."""
        with self.lock:
            unfed = [o.media for o in self.outlets if not o.fed]
        for media in unfed:
            media.unprepare()

    def detach(self, media: Any) -> None:
        with self.lock:
            self.outlets = [o for o in self.outlets if o.media is not media]
            empty = not self.outlets
        if empty and self._linger is None:
            self._linger = GLib.timeout_add(int(self._linger_s * 1000), self._stop_idle)

    def _stop_idle(self) -> bool:
        self._linger = None
        with self.lock:
            busy = bool(self.outlets)
        if not busy:
            self._teardown()
            if self._retry is not None:
                GLib.source_remove(self._retry)
                self._retry = None
            self._set_state("idle", "")
            self._failures = 0
        return GLib.SOURCE_REMOVE

    # -- the pipeline --------------------------------------------------------------------------

    def _start(self, state: str) -> None:
        self._retry = None
        self._teardown()
        pipeline = Gst.parse_launch(UPSTREAM)
        src = pipeline.get_by_name("src")
        src.set_property("location", self._location)
        if self._username:
            src.set_property("user-id", self._username)
            src.set_property("user-pw", self._password)
        pipeline.get_by_name("sink").connect("new-sample", self._on_sample)
        bus = pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self._on_error)
        bus.connect("message::eos", self._on_eos)
        self.pipeline = pipeline
        self._started = time.monotonic()
        self._last_buffer = 0.0
        self._set_state(state, self.error)
        pipeline.set_state(Gst.State.PLAYING)

    def _teardown(self) -> None:
        pipeline, self.pipeline = self.pipeline, None
        if pipeline is not None:
            pipeline.get_bus().remove_signal_watch()
            pipeline.set_state(Gst.State.NULL)

    def _on_sample(self, sink: Any) -> Any:
        sample = sink.emit("pull-sample")
        if sample is None:
            return Gst.FlowReturn.OK
        self._last_buffer = time.monotonic()
        with self.lock:
            outlets = list(self.outlets)
        buffer, caps = sample.get_buffer(), sample.get_caps()
        for outlet in outlets:
            outlet.push(buffer, caps)
        return Gst.FlowReturn.OK

    def _on_error(self, bus: Any, message: Any) -> None:
        if self.pipeline is None or bus is not self.pipeline.get_bus():
            return
        error, _ = message.parse_error()
        self._fail(str(error.message))

    def _on_eos(self, bus: Any, _message: Any) -> None:
        if self.pipeline is not None and bus is self.pipeline.get_bus():
            self._fail("end of stream")

    def _fail(self, reason: str) -> None:
        """The camera dropped: throw the pipeline away and build it again after a back-off."""
        LOG.warning("upstream of %s lost: %s", self.path, reason)
        self._teardown()
        self.error = reason
        delay = BACKOFF_S[min(self._failures, len(BACKOFF_S) - 1)]
        self._failures += 1
        if self.state != "down":
            self._set_state("down", reason)
        if self._retry is None:
            self._retry = GLib.timeout_add(int(delay * 1000), self._rebuild)
        self._refuse_unfed()

    def _rebuild(self) -> bool:
        self._retry = None
        self.restarts += 1
        self._start("reconnecting")
        return GLib.SOURCE_REMOVE

    def check(self) -> None:
        """Watchdog tick (main loop): a stream without access units is a dropped camera."""
        if self.pipeline is None:
            return
        now = time.monotonic()
        if self._last_buffer:
            if self.state != "up":
                self._failures = 0
                self.error = ""
                self._set_state("up", "")
            elif now - self._last_buffer > self._stall_s:
                self._fail(f"no video for {self._stall_s:.1f} s")
        elif now - self._started > CONNECT_TIMEOUT_S:
            self._fail(f"no video within {CONNECT_TIMEOUT_S:.0f} s of connecting")

    def _set_state(self, state: str, error: str) -> None:
        if state != self.state:
            self.state = state
            self.since = time.time()
        self.error = error
        self._changed()

    def update(self, spec: dict[str, Any]) -> None:
        """The register changed: a new address or account is pulled at once if the stream is being watched."""
        new = (str(spec["location"]), str(spec.get("username") or ""), str(spec.get("password") or ""))
        if new == (self._location, self._username, self._password):
            return
        self._location, self._username, self._password = new
        if self.pipeline is not None or self._retry is not None:
            if self._retry is not None:
                GLib.source_remove(self._retry)
            self._start("reconnecting")

    def stop(self) -> None:
        self._teardown()
        if self._retry is not None:
            GLib.source_remove(self._retry)
            self._retry = None
        if self._linger is not None:
            GLib.source_remove(self._linger)
            self._linger = None

    def report(self) -> dict[str, Any]:
        return {"state": self.state, "since": round(self.since, 3), "viewers": self.viewers,
                "restarts": self.restarts, "error": self.error}


class RelayServer:
    def __init__(self, config: dict[str, Any]) -> None:
        host = str(config.get("host", "127.0.0.1"))
        ipaddress.ip_address(host)  # an address, never a name to resolve
        self.loop = GLib.MainLoop()
        self.server = GstRtspServer.RTSPServer()
        self.server.set_address(host)
        self.server.set_service(str(int(config.get("port", 0))))
        self.server.get_thread_pool().set_max_threads(int(config.get("max_threads", 64)))
        account = config["account"]
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", ROLE)
        # Digest only: the password never crosses the control-room network, not even base64-encoded.
        auth.add_digest(str(account["username"]), str(account["password"]), token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        self.server.set_auth(auth)
        self._dirty = False
        self._stall, self._linger = float(config.get("stall_s", 2.5)), float(config.get("linger_s", 5.0))
        self.upstreams: dict[str, Upstream] = {}
        self._by_media: dict[Any, Upstream] = {}
        self._pending = b""
        self.apply_streams(config["streams"])
        self.parent_pid = os.getppid()

    def apply_streams(self, streams: list[dict[str, Any]]) -> None:
        """Serve exactly ``streams``: new paths mounted, gone ones unmounted (their clients cut off), a changed
        camera address or account pulled again at once."""
        wanted = {str(s["path"]): s for s in streams}
        mounts = self.server.get_mount_points()
        for path in [p for p in self.upstreams if p not in wanted]:
            mounts.remove_factory(path)
            upstream = self.upstreams.pop(path)
            self._kick(upstream)
            upstream.stop()
            LOG.info("%s no longer relayed", path)
        for path, spec in wanted.items():
            current = self.upstreams.get(path)
            if current is None:
                upstream = Upstream(spec, self._stall, self._linger, self._mark)
                self.upstreams[path] = upstream
                mounts.add_factory(path, self._factory(upstream))
            else:
                current.update(spec)
        self._dirty = True

    def _kick(self, upstream: Upstream) -> None:
        """Close every client that plays a media of ``upstream``."""
        medias = {m for m, u in list(self._by_media.items()) if u is upstream}
        doomed: list[Any] = []

        def per_client(_server: Any, client: Any, *_: Any) -> Any:
            hit: list[bool] = []

            def per_media(_session: Any, session_media: Any, *_: Any) -> Any:
                hit.append(session_media.get_media() in medias)
                return KEEP

            def per_session(_client: Any, session: Any, *_: Any) -> Any:
                session.filter(per_media, None)
                return KEEP

            client.session_filter(per_session, None)
            if any(hit):
                doomed.append(client)
            return KEEP

        self.server.client_filter(per_client, None)
        for client in doomed:
            client.close()

    def _factory(self, upstream: Upstream) -> Any:
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(MEDIA)
        factory.set_shared(True)
        perms = Gst.Structure.from_string(
            f"{ROLE}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0]
        factory.add_role_from_structure(perms)
        factory.connect("media-configure", lambda _f, media: self._on_media(upstream, media))
        return factory

    def _on_media(self, upstream: Upstream, media: Any) -> None:
        self._by_media[media] = upstream
        media.connect("unprepared", self._on_unprepared)
        GLib.idle_add(upstream.attach, media, media.get_element().get_by_name("src"))

    def _on_unprepared(self, media: Any) -> None:
        upstream = self._by_media.pop(media, None)
        if upstream is not None:
            GLib.idle_add(upstream.detach, media)

    def _mark(self) -> None:
        self._dirty = True

    def run(self) -> int:
        if self.server.attach(None) == 0:
            LOG.error("cannot listen on port %s", self.server.get_service())
            return 2
        for signum in (signal.SIGTERM, signal.SIGINT):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self._quit)
        GLib.io_add_watch(sys.stdin.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, self._on_stdin)
        GLib.timeout_add(250, self._tick)
        print(json.dumps({"ready": True, "port": self.server.get_bound_port()}), flush=True)
        self._dirty = True
        try:
            self.loop.run()
        finally:
            for upstream in self.upstreams.values():
                upstream.stop()
        return 0

    def _tick(self) -> bool:
        if os.getppid() != self.parent_pid:
            LOG.warning("parent died; exiting")
            self._quit()
            return GLib.SOURCE_REMOVE
        for upstream in self.upstreams.values():
            upstream.check()
        self._count_viewers()
        if self._dirty:
            self._dirty = False
            status = {path: u.report() for path, u in self.upstreams.items()}
            print(json.dumps({"status": status}), flush=True)
        return GLib.SOURCE_CONTINUE

    def _count_viewers(self) -> None:
        counts = dict.fromkeys(self.upstreams, 0)

        def per_session_media(_session: Any, session_media: Any, *_: Any) -> Any:
            upstream = self._by_media.get(session_media.get_media())
            if upstream is not None:
                counts[upstream.path] += 1
            return KEEP

        def per_session(_pool: Any, session: Any, *_: Any) -> Any:
            session.filter(per_session_media, None)
            return KEEP

        self.server.get_session_pool().filter(per_session, None)
        for path, count in counts.items():
            upstream = self.upstreams[path]
            if upstream.viewers != count:
                upstream.viewers = count
                self._dirty = True

    def _quit(self) -> bool:
        self.loop.quit()
        return GLib.SOURCE_REMOVE

    def _on_stdin(self, fd: int, condition: int) -> bool:
        """Lines after the first: ``{"streams": [...]}`` replaces what is relayed (the register changed)."""
        data = os.read(fd, 65536) if condition & GLib.IO_IN else b""
        if not data:
            LOG.info("stdin closed; exiting")
            self._quit()
            return GLib.SOURCE_REMOVE
        self._pending += data
        while b"\n" in self._pending:
            line, self._pending = self._pending.split(b"\n", 1)
            try:
                message = json.loads(line) if line.strip() else {}
            except ValueError:
                LOG.warning("unreadable control line on stdin")
                continue
            if isinstance(message.get("streams"), list):
                self.apply_streams(message["streams"])
        return GLib.SOURCE_CONTINUE


def read_config_line(fd: int) -> dict[str, Any]:
    """The first line on stdin, read byte by byte so nothing after it is taken from the lifeline."""
    data = bytearray()
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            raise SystemExit("no configuration on stdin")
        data += chunk
    config: dict[str, Any] = json.loads(data)
    return config


def main() -> int:
    level = os.environ.get("VIDEOWALL_RELAY_LOG_LEVEL", "WARNING").upper()
    logging.basicConfig(level=level, format="gst_relay_server %(levelname)s: %(message)s")
    config = read_config_line(sys.stdin.fileno())
    Gst.init(None)
    return RelayServer(config).run()


if __name__ == "__main__":
    sys.exit(main())
