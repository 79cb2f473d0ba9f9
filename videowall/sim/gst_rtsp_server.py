#!/usr/bin/python3
"""RTSP server of the simulated camera fleet (GStreamer's GstRtspServer).

Runs under Debian's system python because PyGObject/GStreamer are not in the venv, so this file
imports only the standard library and ``gi``; the venv side launches it as::

    /usr/bin/python3 gst_rtsp_server.py --config config.json

Each mount reads MPEG-TS that an ffmpeg feeder sends (``-c copy``, no re-encoding) to a UDP socket
that this process binds once at start and keeps for its whole life. Keeping the sockets (instead
of letting ``udpsrc`` bind per client) means two fleets on one machine can never feed each other's
ports, and the pipeline still exists only while somebody watches, so an idle fleet costs ~nothing.

Config (JSON)::

    {"host": "127.0.0.1", "port": 8554, "max_threads": 128,
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
import ipaddress
import json
import logging
import os
import signal
import socket
import sys
from typing import Any

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gio, GLib, Gst, GstRtspServer  # noqa: E402

LOG = logging.getLogger("gst_rtsp_server")
KEEP = GstRtspServer.RTSPFilterResult.KEEP
REMOVE = GstRtspServer.RTSPFilterResult.REMOVE
RECV_BUFFER = 1 << 20
LAUNCH = (
    '( udpsrc name=src caps="video/mpegts,systemstream=(boolean)true,packetsize=(int)188" '
    "! tsdemux ignore-pcr=true ! h264parse ! rtph264pay config-interval=1 name=pay0 pt=96 )"
)


class Mount:
    """One RTSP path fed from one UDP socket; knows its live medias so a drop can kick clients."""

    def __init__(self, path: str, udp_port: int, host: str, drop: dict[str, float] | None) -> None:
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
        factory.set_launch(LAUNCH)
        if role is not None:
            perms = Gst.Structure.from_string(
                f"{role}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0]
            factory.add_role_from_structure(perms)
        factory.set_shared(True)
        factory.connect("media-configure", self._on_media_configure)
        return factory

    def _on_media_configure(self, _factory: Any, media: Any) -> None:
        src = media.get_element().get_by_name("src")
        self.drain()
        src.set_property("socket", self.gsocket)
        src.set_property("close-socket", False)
        self.medias.add(media)
        media.connect("unprepared", lambda m: self.medias.discard(m))
        LOG.info("media for %s prepared", self.path)


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
            mount = Mount(str(item["path"]), int(item.get("udp_port", 0)), host, item.get("drop"))
            self.mounts[mount.path] = mount
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
        self.loop.run()
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
