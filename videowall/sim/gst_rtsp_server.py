#!/usr/bin/python3
"""RTSP server of the simulated camera fleet (GStreamer's GstRtspServer).

Runs under Debian's system python because PyGObject/GStreamer are not in the venv, so this file
imports only the standard library and ``gi``; the venv side launches it as::

    /usr/bin/python3 gst_rtsp_server.py --config config.json

Each mount reads MPEG-TS that an ffmpeg feeder sends (``-c copy``, no re-encoding) to a UDP socket
that this process binds once at start and keeps for its whole life (so two fleets on one machine can
never feed each other's ports).

``always_on`` (the default) makes a mount behave like a real camera, whose encoder runs whether
anybody watches: an ingest pipeline per mount (socket -> tsdemux -> h264parse -> appsink) runs from
start to exit, so the socket never fills up with old packets. A client's media is then only
``appsrc -> rtph264pay``: the ingest hands it each access unit as it arrives, re-stamped to the
media's running time, so DESCRIBE answers within a frame, the client gets data at real time from
PLAY on (no burst of stale packets) and its first keyframe within one GOP. It costs the demuxing of
every stream while idle (see ``python -m videowall.sim.join_probe``). ``always_on: false`` is the
old way: the media reads the socket itself and exists only while somebody watches (an idle fleet
costs ~nothing, but each first client waits ~1 s for the pipeline to set itself up).

Config (JSON)::

    {"host": "127.0.0.1", "port": 8554, "max_threads": 128, "always_on": true,
     "auth": null | {"username": "admin", "password": "..."},
     "mounts": [{"path": "/fleet/cam01/main", "udp_port": 0,
                 "drop": null | {"up": 30.0, "down": 6.0}}]}

With ``auth`` every mount demands that account (Basic auth), as a real camera does; a wrong
or missing one gets 401. The config file holds the test password, so the caller makes it 0600.

``port``/``udp_port`` 0 means "pick a free one". When serving, one JSON line is printed on stdout:
``{"ready": true, "port": 8554, "udp_ports": {"/fleet/cam01/main": 40123, ...}}``.

Control lines on stdin: ``drop <path> <seconds>`` unmounts a path now and kicks its clients.
The process exits on SIGTERM/SIGINT, on stdin EOF and when its parent dies, so it never
outlives the program that started it.
"""

from __future__ import annotations

import argparse
import faulthandler
import ipaddress
import json
import logging
import os
import signal
import socket
import sys
import threading
from typing import Any

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstApp", "1.0")
from gi.repository import Gio, GLib, Gst, GstApp, GstRtspServer  # noqa: E402, F401 (GstApp: appsrc's methods)

LOG = logging.getLogger("gst_rtsp_server")
KEEP = GstRtspServer.RTSPFilterResult.KEEP
REMOVE = GstRtspServer.RTSPFilterResult.REMOVE
RECV_BUFFER = 1 << 20
TS_CAPS = "video/mpegts,systemstream=(boolean)true,packetsize=(int)188"
LAUNCH = (  # always_on false: the media reads the socket itself
    f'( udpsrc name=src caps="{TS_CAPS}" '
    "! tsdemux ignore-pcr=true ! h264parse ! rtph264pay config-interval=1 name=pay0 pt=96 )"
)
# always_on: the camera's "encoder", running from start to exit (SPS/PPS before every IDR)
INGEST = (  # demux -> parse is linked by hand: a restarted feeder is a new program, with a new pad
    f'udpsrc name=src caps="{TS_CAPS}" ! tsdemux name=demux ignore-pcr=true  h264parse name=parse config-interval=-1 '
    "! video/x-h264,stream-format=byte-stream,alignment=au "
    "! appsink name=sink sync=false async=false max-buffers=1 drop=true emit-signals=false"
)
# ... and what a client's media is then: a live source fed by the ingest (old frames are dropped)
MEDIA = (
    "( appsrc name=src is-live=true format=time do-timestamp=false max-buffers=50 leaky-type=downstream "
    "! rtph264pay config-interval=1 name=pay0 pt=96 )"
)
SHALLOW = Gst.BufferCopyFlags.FLAGS | Gst.BufferCopyFlags.TIMESTAMPS | Gst.BufferCopyFlags.META
SHALLOW |= Gst.BufferCopyFlags.MEMORY
RESYNC_NS = 500_000_000  # a jump this big in the feed's timestamps (feeder restarted, clip looped) re-anchors
START_CODE = b"\x00\x00\x00\x01"


def parameter_sets(data: bytes) -> bytes | None:
    """The SPS and PPS NAL units of an H.264 byte-stream access unit, as one byte-stream, or None."""
    found: dict[int, bytes] = {}
    starts = []
    pos = data.find(b"\x00\x00\x01")
    while pos >= 0:
        starts.append(pos + 3)
        pos = data.find(b"\x00\x00\x01", pos + 3)
    for index, start in enumerate(starts):
        end = starts[index + 1] - 3 if index + 1 < len(starts) else len(data)
        nal = data[start:end].rstrip(b"\x00")
        if nal and nal[0] & 0x1F in (7, 8):
            found.setdefault(nal[0] & 0x1F, nal)
    return START_CODE + found[7] + START_CODE + found[8] if len(found) == 2 else None


class Consumer:
    """One client media's appsrc, with the offset from the feed's timestamps to the media's running time."""

    def __init__(self, media: Any, src: Any) -> None:
        self.media = media
        self.src = src
        self.offset: int | None = None
        self.caps: Any = None

    def push(self, buffer: Any, caps: Any, headers: bytes | None) -> None:
        _, state, _ = self.src.get_state(0)
        if state != Gst.State.PLAYING:
            self.offset = None  # nothing piles up while the media is not playing: it starts at "now"
            return
        now = self.src.get_current_running_time()
        stamp = buffer.dts if buffer.dts != Gst.CLOCK_TIME_NONE else buffer.pts
        if now == Gst.CLOCK_TIME_NONE or stamp == Gst.CLOCK_TIME_NONE:
            return
        starting = self.offset is None
        if self.offset is None or abs(stamp + self.offset - now) > RESYNC_NS:
            self.offset = now - stamp
        if caps is not None and caps != self.caps:
            self.src.set_caps(caps)
            self.caps = caps
        if starting and headers is not None:
            # Joining mid-GOP: SPS/PPS first, as a camera's SDP has them (sprop-parameter-sets) and the
            # decoder can be set up before the keyframe comes.
            first = Gst.Buffer.new_wrapped(headers)
            first.pts = first.dts = max(0, stamp + self.offset)
            first.set_flags(Gst.BufferFlags.DELTA_UNIT)
            self.src.push_buffer(first)
        out = buffer.copy_region(SHALLOW, 0, buffer.get_size())
        if buffer.pts != Gst.CLOCK_TIME_NONE:
            out.pts = max(0, buffer.pts + self.offset)
        if buffer.dts != Gst.CLOCK_TIME_NONE:
            out.dts = max(0, buffer.dts + self.offset)
        self.src.push_buffer(out)


class Ingest:
    """The always-running pipeline of one mount: reads its socket and hands each access unit to the medias."""

    def __init__(self, path: str, gsocket: Any) -> None:
        self.path = path
        self.pipeline = Gst.parse_launch(INGEST)
        src = self.pipeline.get_by_name("src")
        src.set_property("socket", gsocket)
        src.set_property("close-socket", False)
        self.pipeline.get_by_name("demux").connect("pad-added", self._on_demux_pad)
        self.parse_pad = self.pipeline.get_by_name("parse").get_static_pad("sink")
        self.sink = self.pipeline.get_by_name("sink")
        self.sink.connect("new-sample", self._on_sample)
        self.lock = threading.Lock()
        self.on_restart: Any = None  # called on the main loop when the feed restarts
        self.consumers: list[Consumer] = []
        self.headers: bytes | None = None  # the stream's SPS+PPS: samples are watched until they are known
        self.sink.set_property("emit-signals", True)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::error", self._on_error)

    def start(self) -> None:
        self.pipeline.set_state(Gst.State.PLAYING)

    def stop(self) -> None:
        self.pipeline.set_state(Gst.State.NULL)

    def _on_demux_pad(self, _demux: Any, pad: Any) -> None:
        if not pad.get_name().startswith("video"):
            return
        peer = self.parse_pad.get_peer()
        if peer is not None:  # the feeder (the camera's encoder) restarted: its sessions end, as a camera's do
            peer.unlink(self.parse_pad)
            if self.on_restart is not None:
                GLib.idle_add(self.on_restart)
        if pad.link(self.parse_pad) != Gst.PadLinkReturn.OK:
            LOG.warning("ingest of %s: cannot link the demuxer's %s", self.path, pad.get_name())

    def attach(self, media: Any, src: Any) -> None:
        with self.lock:
            if not self.sink.get_property("emit-signals"):
                while self.sink.emit("try-pull-sample", 0) is not None:
                    pass  # the frame that waited while idle is stale: start with the next one
            self.consumers.append(Consumer(media, src))
            self.sink.set_property("emit-signals", True)

    def detach(self, media: Any) -> None:
        with self.lock:
            self.consumers = [c for c in self.consumers if c.media is not media]
            if not self.consumers and self.headers is not None:
                self.sink.set_property("emit-signals", False)  # idle: no Python per frame

    def _on_sample(self, sink: Any) -> Any:
        # Never a blocking pull-sample: attach() may have drained this very sample meanwhile, and the thread
        # that would bring the next one is this one (a CI run saw a mount stuck so, answering no client again).
        sample = sink.emit("try-pull-sample", 0)
        if sample is None:
            return Gst.FlowReturn.OK
        with self.lock:
            consumers = list(self.consumers)
        buffer, caps = sample.get_buffer(), sample.get_caps()
        if not buffer.has_flags(Gst.BufferFlags.DELTA_UNIT):
            self._learn_headers(buffer, idle=not consumers)
        for consumer in consumers:
            consumer.push(buffer, caps, self.headers)
        return Gst.FlowReturn.OK

    def _learn_headers(self, buffer: Any, idle: bool) -> None:
        ok, info = buffer.map(Gst.MapFlags.READ)
        if not ok:
            return
        try:
            headers = parameter_sets(bytes(info.data))
        finally:
            buffer.unmap(info)
        if headers is not None:
            self.headers = headers
            if idle:
                with self.lock:
                    if not self.consumers:
                        self.sink.set_property("emit-signals", False)

    def _on_error(self, _bus: Any, message: Any) -> None:
        error, _ = message.parse_error()
        LOG.warning("ingest of %s failed (%s); restarting it", self.path, error.message)
        self.pipeline.set_state(Gst.State.NULL)
        self.pipeline.set_state(Gst.State.PLAYING)


class Mount:
    """One RTSP path fed from one UDP socket; knows its live medias so a drop can kick clients."""

    def __init__(self, path: str, udp_port: int, host: str, drop: dict[str, float] | None,
                 always_on: bool = True) -> None:
        self.path = path
        self.drop = drop
        self.mounted = False
        self.medias: set[Any] = set()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECV_BUFFER)
        self.sock.bind((host, udp_port))
        self.sock.setblocking(False)
        # udpsrc wants a GSocket; wrapping our fd keeps ownership (and the bound port) here.
        self.gsocket = Gio.Socket.new_from_fd(os.dup(self.sock.fileno()))
        self.ingest = Ingest(path, self.gsocket) if always_on else None

    @property
    def udp_port(self) -> int:
        return int(self.sock.getsockname()[1])

    def drain(self) -> None:
        """Discard what piled up while nobody watched, so a new client starts on fresh data."""
        try:
            while True:
                self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            pass

    def make_factory(self, role: str | None) -> GstRtspServer.RTSPMediaFactory:
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(MEDIA if self.ingest is not None else LAUNCH)
        if role is not None:
            perms = Gst.Structure.from_string(
                f"{role}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0]
            factory.add_role_from_structure(perms)
        # always_on: each session gets its own payloader, as a camera gives each client its own; the ingest
        # is what is shared. A shared media being torn down after its last client answers a DESCRIBE that
        # arrives meanwhile with 503 (a client reconnecting at once saw that).
        factory.set_shared(self.ingest is None)
        factory.connect("media-configure", self._on_media_configure)
        return factory

    def _on_media_configure(self, _factory: Any, media: Any) -> None:
        src = media.get_element().get_by_name("src")
        if self.ingest is not None:
            self.ingest.attach(media, src)
        else:
            self.drain()
            src.set_property("socket", self.gsocket)
            src.set_property("close-socket", False)
        self.medias.add(media)
        media.connect("unprepared", self._on_unprepared)
        LOG.info("media for %s configured", self.path)

    def _on_unprepared(self, media: Any) -> None:
        self.medias.discard(media)
        if self.ingest is not None:
            self.ingest.detach(media)


class FleetServer:
    """The GstRtspServer plus the drop schedule and the lifeline to the parent process."""

    def __init__(self, config: dict[str, Any]) -> None:
        host = str(config.get("host", "127.0.0.1"))
        if not ipaddress.ip_address(host).is_loopback:
            raise SystemExit(f"refusing to serve on non-loopback address {host}")
        self.loop = GLib.MainLoop()
        self.server = GstRtspServer.RTSPServer()
        self.server.set_address(host)
        self.server.set_service(str(int(config.get("port", 8554))))
        # The default pool serves clients one at a time; a wall opens dozens at once.
        self.server.get_thread_pool().set_max_threads(int(config.get("max_threads", 128)))
        self.mount_points = self.server.get_mount_points()
        self.role = self._require_auth(config["auth"]) if config.get("auth") else None
        self.mounts: dict[str, Mount] = {}
        for item in config["mounts"]:
            mount = Mount(str(item["path"]), int(item.get("udp_port", 0)), host, item.get("drop"),
                          bool(config.get("always_on", True)))
            self.mounts[mount.path] = mount
            if mount.ingest is not None:
                mount.ingest.on_restart = lambda m=mount: self._feed_restarted(m)
        self.parent_pid = os.getppid()

    def _require_auth(self, account: dict[str, str]) -> str:
        """Every mount asks for this one account; returns the role its factories grant."""
        role = "camera-user"
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", role)
        user, password = str(account["username"]), str(account["password"])
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        self.server.set_auth(auth)
        return role

    def run(self) -> int:
        for mount in self.mounts.values():
            if mount.ingest is not None:
                mount.ingest.start()
            self._mount(mount)
            if mount.drop:
                GLib.timeout_add(int(mount.drop["up"] * 1000), self._scheduled_drop, mount)
        if self.server.attach(None) == 0:
            LOG.error("cannot listen on port %s", self.server.get_service())
            return 2
        for signum in (signal.SIGTERM, signal.SIGINT):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self._quit)
        GLib.io_add_watch(sys.stdin.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, self._on_stdin)
        GLib.timeout_add(500, self._check_parent)
        ready = {
            "ready": True,
            "port": self.server.get_bound_port(),
            "udp_ports": {m.path: m.udp_port for m in self.mounts.values()},
        }
        print(json.dumps(ready), flush=True)
        try:
            self.loop.run()
        finally:
            for mount in self.mounts.values():
                if mount.ingest is not None:
                    mount.ingest.stop()
        return 0

    def _quit(self) -> bool:
        LOG.info("stopping")
        self.loop.quit()
        return GLib.SOURCE_REMOVE

    def _check_parent(self) -> bool:
        if os.getppid() != self.parent_pid:
            LOG.warning("parent died; exiting")
            self._quit()
            return GLib.SOURCE_REMOVE
        return GLib.SOURCE_CONTINUE

    def _on_stdin(self, fd: int, condition: int) -> bool:
        data = os.read(fd, 4096) if condition & GLib.IO_IN else b""
        if not data:
            LOG.info("stdin closed; exiting")
            self._quit()
            return GLib.SOURCE_REMOVE
        for line in data.decode(errors="replace").splitlines():
            words = line.split()
            if len(words) == 3 and words[0] == "drop" and words[1] in self.mounts:
                self._drop(self.mounts[words[1]], float(words[2]), reschedule=False)
            elif words:
                LOG.warning("unknown command %r", line)
        return GLib.SOURCE_CONTINUE

    def _mount(self, mount: Mount) -> bool:
        if not mount.mounted:
            self.mount_points.add_factory(mount.path, mount.make_factory(self.role))
            mount.mounted = True
            LOG.info("mounted %s", mount.path)
        return GLib.SOURCE_REMOVE

    def _feed_restarted(self, mount: Mount) -> bool:
        LOG.info("feed of %s restarted; %d clients cut off", mount.path, self._kick(mount))
        return GLib.SOURCE_REMOVE

    def _scheduled_drop(self, mount: Mount) -> bool:
        assert mount.drop is not None
        self._drop(mount, mount.drop["down"], reschedule=True)
        return GLib.SOURCE_REMOVE

    def _drop(self, mount: Mount, down: float, reschedule: bool) -> None:
        """Unmount the path and really disconnect its clients, then mount it again later."""
        if mount.mounted:
            self.mount_points.remove_factory(mount.path)
            mount.mounted = False
        kicked = self._kick(mount)
        LOG.info("dropped %s for %.1f s (%d clients kicked)", mount.path, down, kicked)

        def back() -> bool:
            self._mount(mount)
            if reschedule and mount.drop:
                GLib.timeout_add(int(mount.drop["up"] * 1000), self._scheduled_drop, mount)
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(int(down * 1000), back)

    def _kick(self, mount: Mount) -> int:
        medias = set(mount.medias)

        def session_uses(session: Any) -> bool:
            hits: list[bool] = []

            def check(_session: Any, session_media: Any, *_: Any) -> Any:
                if session_media.get_media() in medias:
                    hits.append(True)
                return KEEP

            session.filter(check, None)
            return bool(hits)

        kicked: list[Any] = []

        def client_check(_server: Any, client: Any, *_: Any) -> Any:
            uses: list[bool] = []

            def check(_client: Any, session: Any, *_: Any) -> Any:
                if session_uses(session):
                    uses.append(True)
                return KEEP

            client.session_filter(check, None)
            if uses:
                kicked.append(client)
                return REMOVE
            return KEEP

        self.server.client_filter(client_check, None)
        for client in kicked:
            client.close()
        pool = self.server.get_session_pool()
        pool.filter(lambda _pool, session, *_: REMOVE if session_uses(session) else KEEP, None)
        for media in medias:
            media.unprepare()
        return len(kicked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", required=True, help="JSON config file")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="gst_rtsp_server %(levelname)s: %(message)s")
    # stderr is the fleet's server.log: a crash, or SIGUSR1 from a fleet that waited in vain, leaves stacks there
    faulthandler.enable()
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    with open(args.config, encoding="utf-8") as handle:
        config = json.load(handle)
    Gst.init(None)
    try:
        server = FleetServer(config)
    except OSError as exc:
        LOG.error("cannot bind the feeder sockets: %s", exc)
        return 3
    return server.run()


if __name__ == "__main__":
    sys.exit(main())
