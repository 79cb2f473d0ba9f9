"""The simulated recorder's ONVIF Profile G services over SOAP: device, search, replay, recording.

Standard library only (it runs in the recorder's process, Debian's system python). The replies are
the minimal WSDL-conformant ones onvif-zeep-async parses: GetServices (so a client finds the search,
replay and recording addresses), GetSystemDateAndTime (in the recorder's own clock, wrong or not),
GetRecordingSummary, FindRecordings + GetRecordingSearchResults, FindEvents + GetEventSearchResults
(``tns1:RecordingHistory/Track/State`` with ``IsDataPresent``: how Profile G tells where the gaps
are), GetRecordingInformation, EndSearch, GetReplayUri and GetRecordings.

Times on the wire are in the recorder's clock: true time + ``clock_offset_s``. ``misbehave`` maps an
operation to ``garbage`` (HTTP 200 with a body that is no SOAP) or ``hang`` (never answers), so
tests see what a broken recorder does to the client.
"""

from __future__ import annotations

import calendar
import itertools
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

NS = {
    "tds": "http://www.onvif.org/ver10/device/wsdl",
    "tse": "http://www.onvif.org/ver10/search/wsdl",
    "trp": "http://www.onvif.org/ver10/replay/wsdl",
    "trc": "http://www.onvif.org/ver10/recording/wsdl",
    "tt": "http://www.onvif.org/ver10/schema",
    "wsnt": "http://docs.oasis-open.org/wsn/b-2",
    "tns1": "http://www.onvif.org/ver10/topics",
}
PATHS = {"tds": "/onvif/device_service", "tse": "/onvif/search", "trp": "/onvif/replay", "trc": "/onvif/recording"}
TRACK = "VIDEO001"


@dataclass(frozen=True, slots=True)
class Recording:
    token: str
    camera: str
    label: str
    ranges: tuple[tuple[float, float | None], ...]  # true epoch seconds; None = still recording (now)

    def spans(self, now: float) -> list[tuple[float, float]]:
        return [(start, now if end is None else min(end, now)) for start, end in self.ranges if start < now]


@dataclass(slots=True)
class RecorderModel:
    """What one simulated recorder holds, and its clock."""

    name: str
    recordings: tuple[Recording, ...]
    clock_offset_s: float = 0.0
    replay: bool = True
    misbehave: dict[str, str] = field(default_factory=dict)
    rtsp_port: int = 0
    http_port: int = 0
    host: str = "127.0.0.1"

    def clock(self) -> float:
        """The recorder's "now" (its own clock)."""
        return time.time() + self.clock_offset_s

    def by_token(self, token: str) -> Recording | None:
        return next((r for r in self.recordings if r.token == token), None)

    def rtsp_uri(self, token: str) -> str:
        return f"rtsp://{self.host}:{self.rtsp_port}/recording/{token}"


def stamp(recorder_epoch: float) -> str:
    """xs:dateTime in UTC, to the millisecond."""
    whole = int(recorder_epoch)
    millis = round((recorder_epoch - whole) * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{millis:03d}Z"


def parse_stamp(text: str) -> float:
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]00:00)?", text.strip())
    if match is None:
        raise ValueError(f"not a UTC xs:dateTime: {text!r}")
    parts = [int(match.group(i)) for i in range(1, 7)]
    return calendar.timegm((*parts, 0, 0, 0)) + float(match.group(7) or 0)


def envelope(body: str) -> bytes:
    names = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    return (f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
            f"{names}><s:Body>{body}</s:Body></s:Envelope>").encode()


def fault(reason: str, subcode: str = "ter:InvalidArgVal") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:ter="http://www.onvif.org/ver10/error"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value>'
        f"<s:Subcode><s:Value>{subcode}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">"
        f"{escape(reason)}</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>"
    ).encode()


class SoapServices:
    """Answers one request body; ``model`` is read only, searches are kept by token."""

    def __init__(self, model: RecorderModel) -> None:
        self.model = model
        self._searches: dict[str, tuple[str, dict[str, str]]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def handle(self, body: bytes) -> tuple[int, bytes]:
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return 400, fault("request is not XML")
        request = next((el for el in root.iter() if el.tag.endswith("}Body")), None)
        if request is None or len(request) == 0:
            return 400, fault("no SOAP body")
        op_el = request[0]
        op = op_el.tag.split("}")[-1]
        args = {el.tag.split("}")[-1]: (el.text or "").strip() for el in op_el.iter()}
        how = self.model.misbehave.get(op)
        if how == "hang":
            time.sleep(3600)
        if how == "garbage":
            return 200, b"<html><body>Recorder busy %%% not SOAP"
        handler: Callable[[dict[str, str]], str] | None = getattr(self, f"op_{op}", None)
        if handler is None:
            return 400, fault(f"{op} is not supported by this recorder", "ter:ActionNotSupported")
        try:
            return 200, envelope(handler(args))
        except LookupError as exc:
            return 400, fault(str(exc), "ter:InvalidArgVal")

    # --- device ------------------------------------------------------------------------------
    def op_GetSystemDateAndTime(self, _args: dict[str, str]) -> str:
        t = time.gmtime(self.model.clock())
        return ("<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>"
                "<tt:DaylightSavings>false</tt:DaylightSavings><tt:UTCDateTime>"
                f"<tt:Time><tt:Hour>{t.tm_hour}</tt:Hour><tt:Minute>{t.tm_min}</tt:Minute>"
                f"<tt:Second>{t.tm_sec}</tt:Second></tt:Time><tt:Date><tt:Year>{t.tm_year}</tt:Year>"
                f"<tt:Month>{t.tm_mon}</tt:Month><tt:Day>{t.tm_mday}</tt:Day></tt:Date></tt:UTCDateTime>"
                "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>")

    def _xaddr(self, prefix: str) -> str:
        return f"http://{self.model.host}:{self.model.http_port}{PATHS[prefix]}"

    def op_GetServices(self, _args: dict[str, str]) -> str:
        items = "".join(
            f"<tds:Service><tds:Namespace>{NS[p]}</tds:Namespace><tds:XAddr>{self._xaddr(p)}</tds:XAddr>"
            "<tds:Version><tt:Major>2</tt:Major><tt:Minor>42</tt:Minor></tds:Version></tds:Service>"
            for p in ("tds", "trc", "tse", "trp"))
        return f"<tds:GetServicesResponse>{items}</tds:GetServicesResponse>"

    def op_GetDeviceInformation(self, _args: dict[str, str]) -> str:
        return ("<tds:GetDeviceInformationResponse><tds:Manufacturer>videowall</tds:Manufacturer>"
                f"<tds:Model>Simulated NVR</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion>"
                f"<tds:SerialNumber>{escape(self.model.name)}</tds:SerialNumber>"
                "<tds:HardwareId>sim</tds:HardwareId></tds:GetDeviceInformationResponse>")

    # --- search ------------------------------------------------------------------------------
    def _label_spans(self, rec: Recording) -> list[tuple[float, float]]:
        off = self.model.clock_offset_s
        return [(a + off, b + off) for a, b in rec.spans(time.time())]

    def op_GetRecordingSummary(self, _args: dict[str, str]) -> str:
        spans = [s for r in self.model.recordings for s in self._label_spans(r)]
        start = min((a for a, _ in spans), default=self.model.clock())
        end = max((b for _, b in spans), default=self.model.clock())
        return (f"<tse:GetRecordingSummaryResponse><tse:Summary><tt:DataFrom>{stamp(start)}</tt:DataFrom>"
                f"<tt:DataUntil>{stamp(end)}</tt:DataUntil><tt:NumberRecordings>{len(self.model.recordings)}"
                "</tt:NumberRecordings></tse:Summary></tse:GetRecordingSummaryResponse>")

    def _new_search(self, kind: str, args: dict[str, str]) -> str:
        with self._lock:
            token = f"{kind}-{next(self._ids)}"
            self._searches[token] = (kind, args)
        return token

    def _search(self, args: dict[str, str], kind: str) -> dict[str, str]:
        with self._lock:
            found = self._searches.get(args.get("SearchToken", ""))
        if found is None or found[0] != kind:
            raise LookupError(f"unknown search token {args.get('SearchToken')!r}")
        return found[1]

    def op_FindRecordings(self, args: dict[str, str]) -> str:
        token = self._new_search("recordings", args)
        return f"<tse:FindRecordingsResponse><tse:SearchToken>{token}</tse:SearchToken></tse:FindRecordingsResponse>"

    def _information(self, rec: Recording) -> str:
        spans = self._label_spans(rec)
        first = stamp(spans[0][0]) if spans else stamp(self.model.clock())
        last = stamp(spans[-1][1]) if spans else first
        recording = any(end is None for _, end in rec.ranges)
        return (f"<tt:RecordingToken>{escape(rec.token)}</tt:RecordingToken><tt:Source>"
                f"<tt:SourceId>{escape(rec.camera)}</tt:SourceId><tt:Name>{escape(rec.label)}</tt:Name>"
                f"<tt:Location>{escape(self.model.name)}</tt:Location><tt:Description>{escape(rec.label)}"
                f"</tt:Description><tt:Address>{escape(rec.camera)}</tt:Address></tt:Source>"
                f"<tt:EarliestRecording>{first}</tt:EarliestRecording><tt:LatestRecording>{last}"
                f"</tt:LatestRecording><tt:Content>{escape(rec.label)}</tt:Content><tt:Track>"
                f"<tt:TrackToken>{TRACK}</tt:TrackToken><tt:TrackType>Video</tt:TrackType>"
                f"<tt:Description>video</tt:Description><tt:DataFrom>{first}</tt:DataFrom>"
                f"<tt:DataTo>{last}</tt:DataTo></tt:Track>"
                f"<tt:RecordingStatus>{'Recording' if recording else 'Stopped'}</tt:RecordingStatus>")

    def op_GetRecordingSearchResults(self, args: dict[str, str]) -> str:
        self._search(args, "recordings")
        items = "".join(f"<tt:RecordingInformation>{self._information(r)}</tt:RecordingInformation>"
                        for r in self.model.recordings)
        return ("<tse:GetRecordingSearchResultsResponse><tse:ResultList><tt:SearchState>Completed</tt:SearchState>"
                f"{items}</tse:ResultList></tse:GetRecordingSearchResultsResponse>")

    def op_GetRecordingInformation(self, args: dict[str, str]) -> str:
        rec = self.model.by_token(args.get("RecordingToken", ""))
        if rec is None:
            raise LookupError(f"no recording {args.get('RecordingToken')!r}")
        return (f"<tse:GetRecordingInformationResponse><tse:RecordingInformation>{self._information(rec)}"
                "</tse:RecordingInformation></tse:GetRecordingInformationResponse>")

    def op_FindEvents(self, args: dict[str, str]) -> str:
        parse_stamp(args.get("StartPoint", ""))  # a bad start point is the caller's fault, now
        token = self._new_search("events", args)
        return f"<tse:FindEventsResponse><tse:SearchToken>{token}</tse:SearchToken></tse:FindEventsResponse>"

    def _event(self, rec: Recording, at: float, present: bool, start_state: bool) -> str:
        message = (f'<tt:Message UtcTime="{stamp(at)}"><tt:Source><tt:SimpleItem Name="RecordingToken" '
                   f'Value="{escape(rec.token)}"/><tt:SimpleItem Name="Track" Value="{TRACK}"/></tt:Source>'
                   f'<tt:Data><tt:SimpleItem Name="IsDataPresent" Value="{str(present).lower()}"/></tt:Data>'
                   "</tt:Message>")
        return (f"<tt:Result><tt:RecordingToken>{escape(rec.token)}</tt:RecordingToken>"
                f"<tt:TrackToken>{TRACK}</tt:TrackToken><tt:Time>{stamp(at)}</tt:Time><tt:Event>"
                '<wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">'
                f"tns1:RecordingHistory/Track/State</wsnt:Topic><wsnt:Message>{message}</wsnt:Message>"
                f"</tt:Event><tt:StartStateEvent>{str(start_state).lower()}</tt:StartStateEvent></tt:Result>")

    def op_GetEventSearchResults(self, args: dict[str, str]) -> str:
        search = self._search(args, "events")
        start = parse_stamp(search["StartPoint"])
        end = parse_stamp(search["EndPoint"]) if search.get("EndPoint") else self.model.clock()
        wanted = search.get("RecordingToken")
        results = []
        for rec in self.model.recordings:
            if wanted and rec.token != wanted:
                continue
            for a, b in self._label_spans(rec):
                if b < start or a > end:
                    continue
                if a < start:
                    results.append((start, self._event(rec, start, True, True)))
                else:
                    results.append((a, self._event(rec, a, True, False)))
                if b <= end and b < self.model.clock() - 1.0:
                    results.append((b, self._event(rec, b, False, False)))
        body = "".join(text for _, text in sorted(results, key=lambda item: item[0]))
        return ("<tse:GetEventSearchResultsResponse><tse:ResultList><tt:SearchState>Completed</tt:SearchState>"
                f"{body}</tse:ResultList></tse:GetEventSearchResultsResponse>")

    def op_EndSearch(self, args: dict[str, str]) -> str:
        with self._lock:
            self._searches.pop(args.get("SearchToken", ""), None)
        end = stamp(self.model.clock())
        return f"<tse:EndSearchResponse><tse:Endpoint>{end}</tse:Endpoint></tse:EndSearchResponse>"

    # --- replay and recording ----------------------------------------------------------------
    def op_GetReplayUri(self, args: dict[str, str]) -> str:
        rec = self.model.by_token(args.get("RecordingToken", ""))
        if rec is None:
            raise LookupError(f"no recording {args.get('RecordingToken')!r}")
        uri = escape(self.model.rtsp_uri(rec.token))
        return f"<trp:GetReplayUriResponse><trp:Uri>{uri}</trp:Uri></trp:GetReplayUriResponse>"

    def op_GetRecordings(self, _args: dict[str, str]) -> str:
        items = "".join(
            f"<trc:RecordingItem><tt:RecordingToken>{escape(r.token)}</tt:RecordingToken><tt:Configuration>"
            f"<tt:Source><tt:SourceId>{escape(r.camera)}</tt:SourceId><tt:Name>{escape(r.label)}</tt:Name>"
            f"<tt:Location>{escape(self.model.name)}</tt:Location><tt:Description>{escape(r.label)}</tt:Description>"
            f"<tt:Address>{escape(r.camera)}</tt:Address></tt:Source><tt:Content>{escape(r.label)}</tt:Content>"
            "<tt:MaximumRetentionTime>PT0S</tt:MaximumRetentionTime></tt:Configuration><tt:Tracks><tt:Track>"
            f"<tt:TrackToken>{TRACK}</tt:TrackToken><tt:Configuration><tt:TrackType>Video</tt:TrackType>"
            "<tt:Description>video</tt:Description></tt:Configuration></tt:Track></tt:Tracks></trc:RecordingItem>"
            for r in self.model.recordings)
        return f"<trc:GetRecordingsResponse>{items}</trc:GetRecordingsResponse>"


def serve(services: SoapServices, host: str, port: int) -> ThreadingHTTPServer:
    """Start the HTTP server on a thread; returns it (``server_address`` has the bound port)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, reply = services.handle(self.rfile.read(length))
            self.send_response(status)
            self.send_header("Content-Type", "application/soap+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read stdout
            return

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="soap", daemon=True).start()
    return server
