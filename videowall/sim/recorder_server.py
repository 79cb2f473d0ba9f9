#!/usr/bin/python3
"""The simulated recorder (an NVR beside the cameras): ONVIF replay over RTSP plus Profile G over SOAP.

Runs under Debian's system python (PyGObject/GStreamer are not in the venv), like
``gst_rtsp_server.py``; the venv side launches it as ``/usr/bin/python3 recorder_server.py --config
FILE`` (see ``videowall.sim.recorder``). Each recorder in the config gets:

* an ``RTSPOnvifServer`` with one mount per recording, ``/recording/<token>``, answering
  ``Require: onvif-replay`` with ``Range: clock=...``, ``Scale`` (forward and reverse, any speed)
  and ``Rate-Control`` (GstRtspServer does the RTSP side; this file is the "archive" it seeks in);
* an HTTP server for the SOAP services (``recorder_soap``).

The archive is not stored: pictures are drawn as they are asked for (``recorder_picture``, 320x180,
25 fps, H.264 with a 1-s GOP from openh264enc; the first two pictures of a replay are keyframes), each
showing the instant it was "recorded" at, so a
replay of any instant in the last hours costs nothing to prepare and carries exactly that instant.
A seek to the recorder-clock instant ``L`` plays pictures that show ``L - clock_offset_s``: a
recorder with a wrong clock labels true time wrongly, as a real one does. Buffer timestamps are the
recorder-clock instants in nanoseconds since 1900 (the ONVIF replay convention GstRtspServer uses
for ``Range: clock``), and ``rtponviftimestamp`` writes them into the RTP header extension.

A replay that meets a gap jumps over it (the next picture is from the next recorded range) and
marks the jump (``GstNtpOffset`` with ``discont``); one that runs past the recorded end gets EOS.

Config (JSON)::

    {"host": "127.0.0.1", "fps": 25,
     "recorders": [{"name": "NVR-1", "rtsp_port": 0, "http_port": 0, "clock_offset_s": 0,
                    "replay": true, "misbehave": {"FindEvents": "garbage"},
                    "recordings": [{"token": "REC-CAM01", "camera": "CAM01", "label": "CAM01 PEMUDA",
                                    "ranges": [[1764680000, 1764683600], [1764684000, null]]}]}]}

``ranges`` are true epoch seconds, ``null`` = still recording. When serving, one JSON line on stdout:
``{"ready": true, "recorders": [{"name": ..., "rtsp_port": ..., "http_port": ...}]}``. The process
exits on SIGTERM/SIGINT, on stdin EOF and when its parent dies.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import signal
import sys
import threading
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gi
import recorder_picture as pictures
import recorder_soap as soap

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstApp", "1.0")
gi.require_version("GstVideo", "1.0")
from gi.repository import GLib, Gst, GstApp, GstRtsp, GstRtspServer, GstVideo  # noqa: E402, F401

LOG = logging.getLogger("recorder_server")
NTP_EPOCH_S = 2208988800  # 1900-01-01 to 1970-01-01
# A replay's first pictures are keyframes: the very first one often goes out before GstRtspServer has
# linked the client's stream and is lost, so the second is a keyframe too (else the client waits a GOP)
KEYS_AT_SEEK = 2
NS = 1_000_000_000
SOURCE = (
    "appsrc name=src format=time stream-type=seekable is-live=false max-bytes=400000 "
    "caps=video/x-raw,format=I420,width={w},height={h},framerate={fps}/1 "
    "! openh264enc name=enc gop-size={gop} bitrate=250000 complexity=low"
)
# rtponviftimestamp is the stream's last element, so it is "pay0" (GstRtspServer takes the RTP from there);
# ntp-offset 0: the NTP time in the header extension is the buffer's own (recorder clock since 1900)
PAY = ("rtph264pay pt=96 config-interval=-1 ! rtponviftimestamp name=pay0 set-t-bit=true set-e-bit=true "
       "ntp-offset=0 drop-out-of-segment=false")


class Replay:
    """One client's media: draws the picture of each instant it is asked to play, in the seek's direction."""

    def __init__(self, element: Any, model: soap.RecorderModel, rec: soap.Recording, fps: int) -> None:
        self.model, self.rec, self.fps = model, rec, fps
        self.src = element.get_by_name("src")
        self.enc = element.get_by_name("enc")
        self.tint = pictures.tint_for(rec.camera)
        self.lock = threading.Lock()
        self.rate = 1.0
        self.pts: int | None = None  # next buffer's timestamp (recorder clock, ns since 1900)
        self.content = 0.0  # the true instant the next picture shows (epoch s)
        self.gap_shift = 0  # ns the content ran ahead of the timestamps by jumping gaps
        self.key_wanted = KEYS_AT_SEEK
        self.anchor: float | None = None  # when the reverse replay's first picture went out (monotonic)
        self.sent = 0
        self.pending_rate = 1.0
        self.src.connect("need-data", lambda src, length: self._need_data(src, length))
        self.src.connect("seek-data", lambda _src, offset: self._seek_data(offset))
        self.src.get_static_pad("src").add_probe(Gst.PadProbeType.EVENT_UPSTREAM, self._on_seek)

    def _on_seek(self, _pad: Any, info: Any) -> Any:
        event = info.get_event()
        if event is not None and event.type == Gst.EventType.SEEK:
            self.pending_rate = event.parse_seek()[0] or 1.0  # seek-data, which comes next, has no rate
        return Gst.PadProbeReturn.OK

    def _seek_data(self, offset: int) -> bool:
        """appsrc's seek: ``offset`` is where the new segment starts playing (its stop when reversing)."""
        with self.lock:
            self.rate = self.pending_rate
            live_edge = int((self.model.clock() + NTP_EPOCH_S) * NS)
            self.pts = int(offset) if 0 < offset < live_edge + 3600 * NS else live_edge
            self.content = self.pts / NS - NTP_EPOCH_S - self.model.clock_offset_s
            self.gap_shift = 0
            self.key_wanted = KEYS_AT_SEEK
            self.anchor = None
        LOG.info("%s: replay at rate %.2f from %s", self.rec.token, self.rate, pictures.clock_text(self.content))
        return True

    def _skip_gaps(self) -> bool:
        """Move ``content`` out of a gap in the playing direction; False past the recorded end/start."""
        spans = self.rec.spans(time.time())
        if any(a <= self.content <= b for a, b in spans):
            return True
        if self.rate > 0:
            later = [a for a, _ in spans if a > self.content]
            if not later:
                return False
            jump = later[0] - self.content
        else:
            earlier = [b for _, b in spans if b < self.content]
            if not earlier:
                return False
            jump = earlier[-1] - self.content
        self.content += jump
        self.gap_shift += int(jump * NS)
        if self.gap_shift >= 0:  # tell rtponviftimestamp: NTP time jumps here (D bit)
            offset = Gst.Structure.from_string(
                f"GstNtpOffset, ntp-offset=(guint64){self.gap_shift}, discont=(boolean)true")[0]
            self.src.send_event(Gst.Event.new_custom(Gst.EventType.CUSTOM_DOWNSTREAM, offset))
        return True

    def _pace(self) -> None:
        """Reverse replays wait here for their turn: GstRtspServer's sinks do not hold a reverse segment to
        the clock (it went out as fast as it was drawn), so the picture rate is kept at the source."""
        now = time.monotonic()
        with self.lock:
            if self.rate > 0:
                return
            if self.anchor is None:
                self.anchor, self.sent = now, 0
            due = self.anchor + self.sent / self.fps
            self.sent += 1
        if due > now:
            time.sleep(min(due - now, 1.0))

    def _need_data(self, src: Any, _length: int) -> None:
        self._pace()
        with self.lock:
            if self.pts is None:
                self.pts = int((self.model.clock() + NTP_EPOCH_S) * NS)
                self.content = self.pts / NS - NTP_EPOCH_S - self.model.clock_offset_s
            if not self._skip_gaps():
                src.end_of_stream()
                return
            step = abs(self.rate) / self.fps
            buffer = Gst.Buffer.new_wrapped(pictures.picture(self.content, self.rec.label, self.tint))
            buffer.pts = buffer.dts = max(0, self.pts)
            buffer.duration = int(step * NS)
            sign = 1 if self.rate > 0 else -1
            self.pts += sign * int(step * NS)
            self.content += sign * step
            key = self.key_wanted > 0
            self.key_wanted = max(0, self.key_wanted - 1)
        if key:  # a replay starts on a keyframe: the client shows the asked instant at once
            src.send_event(GstVideo.video_event_new_downstream_force_key_unit(
                Gst.CLOCK_TIME_NONE, Gst.CLOCK_TIME_NONE, Gst.CLOCK_TIME_NONE, True, 0))
        src.push_buffer(buffer)


class ReplayFactory:
    """The media of one recording: a drawn archive, seekable from 1900 on, with ONVIF timestamps.

    A plain ``RTSPOnvifMediaFactory`` configured from outside: a Python subclass of it crashes in
    PyGObject when GstRtspServer constructs its media.
    """

    def __init__(self, model: soap.RecorderModel, rec: soap.Recording, fps: int, gop: int | None = None) -> None:
        self.model, self.rec, self.fps = model, rec, fps
        self.replays: list[Replay] = []
        self.factory = GstRtspServer.RTSPOnvifMediaFactory.new()
        self.factory.set_media_gtype(GstRtspServer.RTSPOnvifMedia.__gtype__)  # else it constructs nothing
        self.factory.set_replay_support(model.replay)
        self.factory.set_shared(False)
        source = SOURCE.format(w=pictures.WIDTH, h=pictures.HEIGHT, fps=fps, gop=gop or fps)
        self.factory.set_launch(f"( {source} ! {PAY} )")
        self.factory.connect("media-configure", self._on_configure)

    def _on_configure(self, _factory: Any, media: Any) -> None:
        replay = Replay(media.get_element(), self.model, self.rec, self.fps)
        self.replays.append(replay)
        media.connect("unprepared", lambda m: self.replays.remove(replay) if replay in self.replays else None)


def _answer_replay_refusal(_client: Any, _ctx: Any) -> Any:
    """SETUP on a recorder without replay: 551 Option not supported (it has only recordings to offer)."""
    return GstRtsp.RTSPStatusCode.OPTION_NOT_SUPPORTED


def load_model(item: dict[str, Any], host: str) -> soap.RecorderModel:
    recordings = tuple(
        soap.Recording(str(r["token"]), str(r["camera"]), str(r.get("label", r["camera"])),
                       tuple((float(a), None if b is None else float(b)) for a, b in r["ranges"]))
        for r in item["recordings"])
    return soap.RecorderModel(
        name=str(item["name"]), recordings=recordings, clock_offset_s=float(item.get("clock_offset_s", 0.0)),
        replay=bool(item.get("replay", True)), misbehave=dict(item.get("misbehave") or {}),
        rtsp_port=int(item.get("rtsp_port", 0)), http_port=int(item.get("http_port", 0)), host=host)


class RecorderProcess:
    """Every configured recorder on one GLib main loop, and the lifeline to the parent."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.host = str(config.get("host", "127.0.0.1"))
        if not ipaddress.ip_address(self.host).is_loopback:
            raise SystemExit(f"refusing to serve on non-loopback address {self.host}")
        self.fps = int(config.get("fps", 25))
        self.models = [load_model(item, self.host) for item in config["recorders"]]
        self.loop = GLib.MainLoop()
        self.servers: list[Any] = []
        self.factories: list[ReplayFactory] = []
        self.parent_pid = os.getppid()

    def _start(self, model: soap.RecorderModel) -> None:
        server = GstRtspServer.RTSPOnvifServer.new()
        server.set_address(self.host)
        server.set_service(str(model.rtsp_port))
        mounts = server.get_mount_points()
        for rec in model.recordings:
            factory = ReplayFactory(model, rec, self.fps)
            self.factories.append(factory)
            mounts.add_factory(f"/recording/{rec.token}", factory.factory)
        if not model.replay:  # a recorder that does not replay: SETUP gets 551 Option not supported
            server.connect("client-connected", self._refuse_replay)
        if server.attach(None) == 0:
            raise SystemExit(f"{model.name}: cannot listen for RTSP on port {model.rtsp_port}")
        model.rtsp_port = server.get_bound_port()
        http = soap.serve(soap.SoapServices(model), self.host, model.http_port)
        model.http_port = int(http.server_address[1])
        self.servers.append((server, http))

    @staticmethod
    def _refuse_replay(_server: Any, client: Any) -> None:
        client.connect("pre-setup-request", _answer_replay_refusal)

    def run(self) -> int:
        for model in self.models:
            self._start(model)
        for signum in (signal.SIGTERM, signal.SIGINT):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self._quit)
        GLib.io_add_watch(sys.stdin.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, self._on_stdin)
        GLib.timeout_add(500, self._check_parent)
        ready = {"ready": True, "recorders": [
            {"name": m.name, "rtsp_port": m.rtsp_port, "http_port": m.http_port} for m in self.models]}
        print(json.dumps(ready), flush=True)
        self.loop.run()
        for _server, http in self.servers:
            http.shutdown()
        return 0

    def _quit(self) -> bool:
        self.loop.quit()
        return GLib.SOURCE_REMOVE

    def _check_parent(self) -> bool:
        if os.getppid() != self.parent_pid:
            LOG.warning("parent died; exiting")
            return self._quit()
        return GLib.SOURCE_CONTINUE

    def _on_stdin(self, fd: int, condition: int) -> bool:
        data = os.read(fd, 4096) if condition & GLib.IO_IN else b""
        if not data:
            return self._quit()
        return GLib.SOURCE_CONTINUE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--config", required=True, help="JSON config file")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="recorder_server %(levelname)s: %(message)s")
    with open(args.config, encoding="utf-8") as handle:
        config = json.load(handle)
    Gst.init(None)
    return RecorderProcess(config).run()


if __name__ == "__main__":
    sys.exit(main())
