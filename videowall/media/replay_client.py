#!/usr/bin/python3
"""Replay ingest: GStreamer's ``rtspsrc onvif-mode=true`` in, MPEG-TS out on stdout (no re-encoding).

Runs under Debian's system python (PyGObject/GStreamer are not in the venv); the app starts it as a
child (``videowall.media.replay``) under ``setpriv --pdeathsig`` and gives its stdout pipe to
libVLC (``:demux=ts``), the same path as a live tile. ffmpeg cannot do this part: ONVIF replay needs
``Require: onvif-replay``, ``Range: clock=...``, ``Scale`` and ``Rate-Control``, which rtspsrc sends
in ONVIF mode (a seek in nanoseconds since 1900 becomes the clock range).

The request comes as one JSON line on stdin, never on the command line or in the environment (it
may hold the recorder's password)::

    {"url": "rtsp://127.0.0.1:8554/recording/REC-1", "user": null, "password": null,
     "start": 1764680000.0, "rate": 1.0, "rate_control": true, "timeout_s": 5}

``start`` is the instant in the recorder's clock (epoch seconds); a negative ``rate`` plays backwards
from it. Errors go to stderr as one line ``error: <reason>: <detail>`` (reason: not_found, auth,
refused, timeout, unsupported, ended), then the process exits 1. It exits on EOS, on a closed stdout
(the viewer went away) and on SIGTERM.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import GLib, Gst  # noqa: E402

NTP_EPOCH_S = 2208988800
NS = 1_000_000_000
PIPELINE = (
    "rtspsrc name=src onvif-mode=true protocols=tcp latency=200 drop-on-latency=false "
    # identity single-segment: a reverse replay's segment (negative rate, falling timestamps) becomes one
    # forward timeline, which h264parse, mpegtsmux and libVLC play; h264parse stalls on reverse segments
    "! rtph264depay ! identity single-segment=true ! h264parse config-interval=-1 "
    "! video/x-h264,stream-format=byte-stream,alignment=au "
    "! mpegtsmux alignment=7 ! fdsink fd=1 sync=false"
)


def reason_of(text: str) -> str:
    lowered = text.lower()
    for words, reason in (
        (("404", "not found"), "not_found"), (("401", "unauthorized", "forbidden"), "auth"),
        (("551", "option not supported", "not supported", "not implemented"), "unsupported"),
        (("refused",), "refused"), (("timeout", "timed out"), "timeout"),
    ):
        if any(w in lowered for w in words):
            return reason
    return "ended"


class Client:
    def __init__(self, request: dict[str, object]) -> None:
        self.request = request
        self.pipeline = Gst.parse_launch(PIPELINE)
        src = self.pipeline.get_by_name("src")
        src.set_property("location", str(request["url"]))
        src.set_property("onvif-rate-control", bool(request.get("rate_control", True)))
        timeout_us = int(float(str(request.get("timeout_s", 5))) * 1_000_000)
        src.set_property("tcp-timeout", timeout_us)
        src.set_property("timeout", timeout_us)
        if request.get("user"):
            src.set_property("user-id", str(request["user"]))
            src.set_property("user-pw", str(request.get("password") or ""))
        self.loop = GLib.MainLoop()
        self.code = 0
        self.seeked = False  # reached PLAYING: the recorder answered PLAY
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message", self._on_message)

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, self._stop)
        # As GStreamer's ONVIF client example does: the seek goes to rtspsrc before it connects; it
        # becomes the first PLAY's Range (clock), Scale and Rate-Control.
        if not self.pipeline.get_by_name("src").send_event(self._seek_event()):
            self._fail("unsupported", "rtspsrc refused the replay seek")
            return self.code
        self.pipeline.set_state(Gst.State.PLAYING)
        GLib.timeout_add(int(float(str(self.request.get("timeout_s", 5))) * 2000), self._watchdog)
        self.loop.run()
        self.pipeline.set_state(Gst.State.NULL)
        return self.code

    def _seek_event(self) -> Gst.Event:
        rate = float(str(self.request.get("rate", 1.0)))
        at = int((float(str(self.request["start"])) + NTP_EPOCH_S) * NS)
        span = 24 * 3600 * NS  # a day either way: the recorder ends the replay at its recorded end
        start, stop = (at, at + span) if rate > 0 else (at - span, at)
        return Gst.Event.new_seek(rate, Gst.Format.TIME, Gst.SeekFlags.FLUSH, Gst.SeekType.SET, start,
                                  Gst.SeekType.SET, stop)

    def _on_message(self, _bus: object, message: Gst.Message) -> None:
        kind = message.type
        if kind == Gst.MessageType.STATE_CHANGED and message.src is self.pipeline:
            if message.parse_state_changed()[1] == Gst.State.PLAYING:
                self.seeked = True
        elif kind == Gst.MessageType.ERROR:
            error, debug = message.parse_error()
            detail = f"{error.message} {debug or ''}"
            match = re.search(r"\b([45]\d\d)\)?:? ?([A-Za-z ]+)", debug or "")
            said = f"the recorder answered {match.group(1)} {match.group(2).strip()}" if match else error.message
            self._fail(reason_of(detail), said)
        elif kind == Gst.MessageType.EOS:
            self.loop.quit()

    def _watchdog(self) -> bool:
        if not self.seeked:
            self._fail("timeout", "no answer from the recorder")
        return GLib.SOURCE_REMOVE

    def _fail(self, reason: str, detail: str) -> None:
        sys.stderr.write(f"error: {reason}: {detail.strip()[:200]}\n")
        sys.stderr.flush()
        self.code = 1
        self.loop.quit()

    def _stop(self) -> bool:
        self.loop.quit()
        return GLib.SOURCE_REMOVE


def main() -> int:
    line = sys.stdin.readline()
    try:
        request = json.loads(line)
    except ValueError:
        sys.stderr.write("error: ended: no request on stdin\n")
        return 2
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # the viewer closed the pipe: end quietly
    Gst.init(None)
    os.environ.pop("GST_DEBUG", None)
    return Client(request).run()


if __name__ == "__main__":
    sys.exit(main())
