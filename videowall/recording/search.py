"""ONVIF Profile G client on onvif-zeep-async: which recordings a recorder holds, where their gaps are,
and the RTSP address to replay one.

Every call is a coroutine under its own time limit (like PTZ), so a recorder that never answers costs
the caller ``timeout`` seconds and a message, never a frozen window. Whatever goes wrong comes out as
:class:`RecorderError`, whose text names the ONVIF call: "GetRecordingSearchResults: the recorder's
reply is not SOAP (...)" tells an administrator what to look at.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiohttp
import onvif
from lxml import etree
from onvif import ONVIFCamera
from onvif.exceptions import ONVIFError
from zeep.exceptions import Fault, TransportError, XMLSyntaxError

from videowall.domain.recording import RecordingRanges, RecordingSummary, ranges_from_states

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0
WSDL_DIR = os.path.join(os.path.dirname(onvif.__file__), "wsdl")
STATE_TOPIC = "RecordingHistory/Track/State"


class RecorderError(Exception):
    """One failed call to a recorder: ``call`` is the ONVIF operation, ``detail`` what happened."""

    def __init__(self, call: str, detail: str, *, timed_out: bool = False) -> None:
        self.call = call
        self.detail = detail
        self.timed_out = timed_out
        super().__init__(f"{call}: {detail}")


def describe_failure(call: str, exc: BaseException, timeout: float) -> RecorderError:
    if isinstance(exc, RecorderError):
        return exc
    cause = exc.__cause__ if type(exc) is ONVIFError and exc.__cause__ is not None else exc
    if isinstance(cause, TimeoutError | asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return RecorderError(call, f"no answer within {timeout:g} s", timed_out=True)
    if isinstance(cause, XMLSyntaxError | etree.XMLSyntaxError):
        return RecorderError(call, f"the recorder's reply is not SOAP ({str(cause)[:120]})")
    if isinstance(cause, Fault):
        return RecorderError(call, f"the recorder refused: {cause.message or cause.code}")
    if isinstance(cause, TransportError):
        return RecorderError(call, f"HTTP {cause.status_code}")
    if isinstance(cause, aiohttp.ClientConnectorError | ConnectionError | OSError):
        return RecorderError(call, f"cannot connect ({cause.__class__.__name__})")
    text = str(cause) or cause.__class__.__name__
    if "syntax" in text.lower() or "xml" in text.lower():
        return RecorderError(call, f"the recorder's reply is not SOAP ({text[:120]})")
    return RecorderError(call, f"the reply does not make sense ({text[:160]})")


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class RecorderClient:
    """One recorder's Profile G services. ``await connect()``, then search and ask for replay addresses."""

    def __init__(self, host: str, port: int, username: str | None = None, password: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        for name in ("zeep", "onvif"):  # they log whole envelopes (UsernameToken too) at DEBUG
            logging.getLogger(name).setLevel(max(logging.INFO, logging.getLogger(name).getEffectiveLevel()))
        self.host, self.port = host, int(port)
        self.timeout = timeout
        self._camera = ONVIFCamera(host, self.port, username or "", password or "", WSDL_DIR)
        self._services: dict[str, Any] = {}

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    async def _call(self, call: str, factory: Callable[[], Awaitable[T]]) -> T:
        try:
            async with asyncio.timeout(self.timeout):
                return await factory()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = describe_failure(call, exc, self.timeout)
            log.info("recorder %s: %s", self.address, error)
            raise error from None

    async def connect(self) -> None:
        """The recorder's clock and service addresses (GetSystemDateAndTime, GetServices)."""
        await self._call("GetServices", self._camera.update_xaddrs)

    async def _service(self, name: str) -> Any:
        if name not in self._services:
            self._services[name] = await self._call(f"{name} service",
                                                    lambda: self._camera.create_onvif_service(name))
        return self._services[name]

    async def close(self) -> None:
        await self._camera.close()

    # --- search ------------------------------------------------------------------------------
    async def recordings(self) -> list[RecordingSummary]:
        """FindRecordings, then GetRecordingSearchResults: every recording the recorder holds."""
        search = await self._service("search")
        token = await self._call("FindRecordings", lambda: search.FindRecordings(
            {"Scope": {}, "KeepAliveTime": "PT10S"}))
        results = await self._call("GetRecordingSearchResults", lambda: search.GetRecordingSearchResults(
            {"SearchToken": token, "WaitTime": "PT5S"}))
        try:
            items = list(getattr(results, "RecordingInformation", None) or [])
            return [RecordingSummary(
                token=str(item.RecordingToken), source_id=str(item.Source.SourceId), name=str(item.Source.Name),
                earliest=_utc(item.EarliestRecording), latest=_utc(item.LatestRecording),
                status=str(item.RecordingStatus)) for item in items]
        except (AttributeError, TypeError, ValueError) as exc:
            raise RecorderError("GetRecordingSearchResults", f"the reply does not make sense ({exc})") from None

    async def ranges(self, recording: str, start: datetime, end: datetime) -> RecordingRanges:
        """FindEvents + GetEventSearchResults for the track's data-present states: ranges and gaps."""
        search = await self._service("search")
        token = await self._call("FindEvents", lambda: search.FindEvents({
            "StartPoint": _stamp(start), "EndPoint": _stamp(end),
            "Scope": {"IncludedRecordings": [recording]},
            "SearchFilter": {},  # every event: the track states are picked out below
            "IncludeStartState": True, "KeepAliveTime": "PT10S"}))
        results = await self._call("GetEventSearchResults", lambda: search.GetEventSearchResults(
            {"SearchToken": token, "WaitTime": "PT5S"}))
        states: list[tuple[datetime, bool]] = []
        try:
            for result in list(getattr(results, "Result", None) or []):
                if str(result.RecordingToken) != recording:
                    continue
                present = _data_present(result.Event)
                at = _utc(result.Time)
                if present is not None and at is not None:
                    states.append((at, present))
        except (AttributeError, TypeError, ValueError) as exc:
            raise RecorderError("GetEventSearchResults", f"the reply does not make sense ({exc})") from None
        return ranges_from_states(recording, start, end, states)

    # --- replay ------------------------------------------------------------------------------
    async def replay_uri(self, recording: str) -> str:
        replay = await self._service("replay")
        uri = await self._call("GetReplayUri", lambda: replay.GetReplayUri({
            "StreamSetup": {"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}},
            "RecordingToken": recording}))
        text = str(getattr(uri, "Uri", uri) or "")
        if not text.startswith(("rtsp://", "rtsps://")):
            raise RecorderError("GetReplayUri", f"not an RTSP address: {text[:80]!r}")
        return text


def _data_present(event: Any) -> bool | None:
    """``IsDataPresent`` from a ``RecordingHistory/Track/State`` notification, or None for other events.

    zeep gives the notification's message as a parsed ``tt:Message`` when it knows the schema, else as
    an XML element: both are read.
    """
    topic = getattr(event, "Topic", None)
    topic_text = str(getattr(topic, "_value_1", topic) or "")
    if topic_text and STATE_TOPIC not in topic_text:
        return None
    message = getattr(event, "Message", None)
    body = getattr(message, "_value_1", message)
    if body is None:
        return None
    if hasattr(body, "iter"):  # an lxml element
        pairs = [(item.get("Name"), item.get("Value", "")) for item in body.iter("{*}SimpleItem")]
    else:
        data = getattr(body, "Data", None)
        pairs = [(getattr(i, "Name", None), getattr(i, "Value", "")) for i in (getattr(data, "SimpleItem", None) or [])]
    for name, value in pairs:
        if name == "IsDataPresent":
            return str(value).lower() == "true"
    return None
