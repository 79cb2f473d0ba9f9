"""ONVIF client on onvif-zeep-async: connect, probe tolerantly, read profiles, drive PTZ.

Every network call is a coroutine under its own time limit, so nothing here can stall the Qt/asyncio
loop (WSDL files are parsed in a worker thread by the library). Probing follows Home Assistant's
onvif integration: each optional service or reply is tried on its own and a failure only switches
that feature off, so a camera with broken answers still moves. Failures surface as the typed errors
of ``videowall.ptz.errors``; commands whose reply does not parse but were accepted (HTTP 200) return
a note instead of failing, because the camera did act on them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from enum import StrEnum
from typing import Any, TypeVar

import aiohttp
from onvif import ONVIFCamera
from onvif.util import is_auth_error
from zeep.exceptions import Fault

from videowall.domain.ptz import DeviceInfo, MediaProfile, Position, Preset, PresetSource, PtzCapabilities, Velocity
from videowall.domain.urls import Credentials, split_credentials
from videowall.ptz.errors import (
    HttpStatusError,
    OnvifAuthError,
    OnvifBadReply,
    PtzError,
    PtzUnsupported,
    classify,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_TIMEOUT = 5.0
CONNECT_TIMEOUT = 10.0


class AuthMode(StrEnum):
    """How credentials travel. AUTO tries WS-Security digest, then HTTP Digest; never plain text."""

    AUTO = "auto"
    WS_DIGEST = "ws-digest"  # WS-Security UsernameToken, PasswordDigest (the ONVIF default)
    WS_TEXT = "ws-text"  # UsernameToken with PasswordText: only for cameras that need it
    HTTP_DIGEST = "http-digest"  # HTTP Digest on the transport (plus WS digest in the envelope)


def _quiet_soap_loggers() -> None:
    """zeep and onvif log whole SOAP envelopes at DEBUG, UsernameToken included: never let them."""
    for name in ("zeep", "onvif"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO:
            logger.setLevel(logging.INFO)


class _TolerantCamera(ONVIFCamera):  # type: ignore[misc]
    """ONVIFCamera whose clock-skew probe may fail without failing the connection."""

    def __init__(self, *args: Any, http_digest: Credentials | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skew_error: BaseException | None = None
        self._http_digest = http_digest

    async def _adjust_time(self, devicemgmt: Any) -> Any:
        if self.skew_error is not None:
            return devicemgmt
        try:
            return await super()._adjust_time(devicemgmt)
        except Fault as exc:
            if is_auth_error(exc):
                raise
            self.skew_error = exc
        except Exception as exc:  # a GetSystemDateAndTime that does not parse must not block PTZ
            self.skew_error = exc
        log.warning("%s: cannot read the camera clock (%s); WS-Security timestamps use ours",
                    self.host, classify("GetSystemDateAndTime", self.skew_error))
        return devicemgmt

    async def create_onvif_service(self, name: str, *args: Any, **kwargs: Any) -> Any:
        service = await super().create_onvif_service(name, *args, **kwargs)
        _say_http_errors(service)
        if self._http_digest is not None and not getattr(service, "_videowall_digest", False):
            _use_http_digest(service, self._http_digest)
        return service


def _say_http_errors(service: Any) -> None:
    """An HTTP error reply without a SOAP envelope (a web server's error page) raises ``HttpStatusError``.

    zeep would read such a page as a SOAP fault ("Unknown fault occured" with the HTML as detail);
    the operator should read "HTTP 500 Internal Server Error" instead. SOAP faults (HTTP 500 with an
    envelope) still reach zeep and read as the camera's fault.
    """
    transport = service.transport
    if getattr(transport, "_videowall_status", False):
        return
    post_xml = transport.post_xml

    async def checked(address: str, envelope: Any, headers: dict[str, str]) -> Any:
        response = await post_xml(address, envelope, headers)
        status = int(getattr(response, "status_code", 200) or 200)
        if status >= 400 and b"Envelope" not in (response.content or b""):
            raise HttpStatusError(status)
        return response

    transport.post_xml = checked
    transport._videowall_status = True


def _use_http_digest(service: Any, creds: Credentials) -> None:
    """Swap the service's aiohttp session for one with aiohttp's Digest middleware (same connector)."""
    old: aiohttp.ClientSession = service._session
    session = aiohttp.ClientSession(
        connector=service._connector, connector_owner=False, timeout=old.timeout,
        middlewares=(aiohttp.DigestAuthMiddleware(creds.username, creds.password),),
    )
    old._connector_owner = False  # the connector lives on in the new session
    asyncio.get_running_loop().create_task(old.close())
    service._session = session
    service.transport.session = session
    service._videowall_digest = True


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _get(obj: Any, *path: str) -> Any:
    """Walk attributes/keys tolerantly: a missing piece is None, never an exception."""
    for name in path:
        if obj is None:
            return None
        obj = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return obj


class OnvifClient:
    """One ONVIF device. ``await connect()`` first; then the PTZ methods act on ``ptz_profile``.

    Implements the ``PtzBackend`` protocol the ``PtzController`` drives.
    """

    def __init__(self, host: str, port: int, credentials: Credentials | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, connect_timeout: float = CONNECT_TIMEOUT,
                 auth: AuthMode = AuthMode.AUTO) -> None:
        _quiet_soap_loggers()
        self.host = host
        self.port = int(port)
        self._creds = credentials
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.auth = auth
        self.auth_used: AuthMode | None = None
        self.clock_offset: float | None = None  # camera clock minus ours, seconds
        self.clock_error: str = ""
        self.services: dict[str, str] = {}
        self.ptz_profile: str | None = None
        self._camera: _TolerantCamera | None = None
        self._profiles: list[MediaProfile] = []

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def __repr__(self) -> str:
        return f"OnvifClient({self.address}, user={self._creds.username if self._creds else None!r})"

    # -- plumbing ---------------------------------------------------------------------------------

    async def _call(self, operation: str, factory: Callable[[], Awaitable[T]], timeout: float | None = None) -> T:
        limit = timeout or self.timeout
        try:
            async with asyncio.timeout(limit):
                return await factory()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = classify(operation, exc, timeout=limit)
            log.debug("%s %s failed: %s", self.address, operation, error)
            raise error from None

    async def _command(self, operation: str, factory: Callable[[], Awaitable[Any]]) -> str | None:
        """A PTZ command: None when all went well, a note when accepted with an unreadable reply."""
        try:
            await self._call(operation, factory)
        except OnvifBadReply as exc:
            if not exc.accepted:
                raise
            return f"{operation}: sent; the camera's reply does not parse ({exc.detail})"
        return None

    def _cam(self) -> _TolerantCamera:
        if self._camera is None:
            raise PtzError("connect", "not connected")
        return self._camera

    async def _service(self, name: str) -> Any:
        cam = self._cam()
        try:
            cam.get_definition(name)
        except Exception:
            raise PtzUnsupported(f"{name} service", "not advertised by the camera") from None
        return await self._call(f"create {name} service", lambda: cam.create_onvif_service(name))

    # -- connection -------------------------------------------------------------------------------

    async def connect(self) -> None:
        """Clock skew, service addresses (GetServices, else GetCapabilities); tries auth modes in turn."""
        modes = [AuthMode.WS_DIGEST, AuthMode.HTTP_DIGEST] if self.auth is AuthMode.AUTO else [self.auth]
        if self._creds is None:
            modes = [AuthMode.WS_DIGEST]
        last: PtzError | None = None
        for mode in modes:
            try:
                await self._connect_with(mode)
                self.auth_used = mode
                return
            except OnvifAuthError as exc:
                last = exc
                await self.close()
                log.info("%s: auth mode %s refused", self.address, mode.value)
        assert last is not None
        raise last

    async def _connect_with(self, mode: AuthMode) -> None:
        # onvif-zeep-async always builds a WS-Security token and fails on None (a TypeError that would
        # read as "the reply does not parse"): a camera without credentials gets an empty one.
        user = self._creds.username if self._creds else ""
        password = self._creds.password if self._creds else ""
        cam = _TolerantCamera(self.host, self.port, user, password, encrypt=mode is not AuthMode.WS_TEXT,
                              adjust_time=True, no_cache=True,
                              http_digest=self._creds if mode is AuthMode.HTTP_DIGEST else None)
        self._camera = cam
        await self._call("GetServices/GetCapabilities", cam.update_xaddrs, self.connect_timeout)
        if cam.dt_diff is not None:
            self.clock_offset = cam.dt_diff.total_seconds()
        self.clock_error = str(classify("GetSystemDateAndTime", cam.skew_error)) if cam.skew_error else ""
        self.services = {ns.rsplit("/", 2)[-2]: url for ns, url in cam.xaddrs.items()}
        # one authenticated call, so a wrong password is found here and not at the first move
        await self.device_info()

    async def close(self) -> None:
        cam, self._camera = self._camera, None
        if cam is not None:
            try:
                async with asyncio.timeout(self.timeout):
                    await cam.close()
            except Exception as exc:  # closing must never raise into the UI
                log.debug("%s: close: %s", self.address, exc)

    # -- device and media ---------------------------------------------------------------------------

    async def device_info(self) -> DeviceInfo:
        devicemgmt = await self._call("create devicemgmt service", self._cam().create_devicemgmt_service)
        info = await self._call("GetDeviceInformation", devicemgmt.GetDeviceInformation)
        return DeviceInfo(_text(_get(info, "Manufacturer")), _text(_get(info, "Model")),
                          _text(_get(info, "FirmwareVersion")), _text(_get(info, "SerialNumber")))

    async def profiles(self, *, with_uris: bool = True) -> list[MediaProfile]:
        """GetProfiles, then GetStreamUri per profile (a failing URI leaves that profile without one)."""
        media = await self._service("media")
        raw = await self._call("GetProfiles", media.GetProfiles)
        out: list[MediaProfile] = []
        for item in raw or []:
            token = _text(_get(item, "token"))
            if not token:
                continue
            uri = ""
            if with_uris:
                try:
                    request = {"StreamSetup": {"Stream": "RTP-Unicast", "Transport": {"Protocol": "RTSP"}},
                               "ProfileToken": token}
                    reply = await self._call("GetStreamUri", lambda r=request: media.GetStreamUri(r))  # type: ignore[misc]
                    uri, _ = split_credentials(_text(_get(reply, "Uri")))
                except PtzError as exc:
                    log.warning("%s: no stream URI for profile %s: %s", self.address, token, exc)
            vec = _get(item, "VideoEncoderConfiguration")
            out.append(MediaProfile(
                token=token, name=_text(_get(item, "Name")), encoding=_text(_get(vec, "Encoding")),
                width=int(_get(vec, "Resolution", "Width") or 0), height=int(_get(vec, "Resolution", "Height") or 0),
                ptz=_get(item, "PTZConfiguration") is not None, stream_uri=uri))
        self._profiles = out
        if self.ptz_profile is None:
            chosen = next((p for p in out if p.ptz), out[0] if out else None)
            self.ptz_profile = chosen.token if chosen else None
        return out

    # -- PTZ: probing -------------------------------------------------------------------------------

    async def capabilities(self) -> PtzCapabilities:
        """GetNodes if it parses, else the profile's PTZ configuration; optimistic where unknown."""
        try:
            await self._service("ptz")
        except PtzUnsupported:
            return PtzCapabilities()
        if not self._profiles:
            await self.profiles(with_uris=False)
        if self.ptz_profile is None:
            return PtzCapabilities()
        ptz = await self._service("ptz")
        try:
            nodes = await self._call("GetNodes", ptz.GetNodes)
            spaces = _get(nodes[0], "SupportedPTZSpaces") if nodes else None
            if spaces is None:
                raise OnvifBadReply("GetNodes", "no PTZ node listed")
        except PtzError as exc:
            log.info("%s: %s; judging PTZ from the profile", self.address, exc)
            return PtzCapabilities(ptz=True, pan_tilt=True, zoom=True, continuous=True, absolute=True,
                                   relative=True, presets=True, home=True, status=True)

        def has(name: str) -> bool:
            return bool(_get(spaces, name))

        pan_tilt = any(has(n) for n in ("ContinuousPanTiltVelocitySpace", "AbsolutePanTiltPositionSpace",
                                        "RelativePanTiltTranslationSpace"))
        zoom = any(has(n) for n in ("ContinuousZoomVelocitySpace", "AbsoluteZoomPositionSpace",
                                    "RelativeZoomTranslationSpace"))
        node = nodes[0]
        return PtzCapabilities(
            ptz=True, pan_tilt=pan_tilt, zoom=zoom,
            continuous=has("ContinuousPanTiltVelocitySpace") or has("ContinuousZoomVelocitySpace"),
            absolute=has("AbsolutePanTiltPositionSpace") or has("AbsoluteZoomPositionSpace"),
            relative=has("RelativePanTiltTranslationSpace") or has("RelativeZoomTranslationSpace"),
            presets=int(_get(node, "MaximumNumberOfPresets") or 0) > 0,
            home=bool(_get(node, "HomeSupported")), status=True)

    # -- PTZ: the PtzBackend protocol -----------------------------------------------------------------

    async def _ptz(self) -> tuple[Any, str]:
        if self.ptz_profile is None:
            await self.profiles(with_uris=False)
        if self.ptz_profile is None:
            raise PtzUnsupported("PTZ", "the camera lists no media profile")
        return await self._service("ptz"), self.ptz_profile

    async def continuous_move(self, velocity: Velocity, timeout: float | None = None) -> str | None:
        """ContinuousMove; ``timeout`` (seconds): the ONVIF Timeout after which the camera stops by itself."""
        ptz, token = await self._ptz()
        v = velocity.clamped()
        request: dict[str, Any] = {"ProfileToken": token,
                                   "Velocity": {"PanTilt": {"x": v.pan, "y": v.tilt}, "Zoom": {"x": v.zoom}}}
        if timeout is not None:
            request["Timeout"] = timedelta(seconds=round(timeout, 3))  # xs:duration, e.g. PT1S
        return await self._command("ContinuousMove", lambda: ptz.ContinuousMove(request))

    async def stop(self) -> str | None:
        ptz, token = await self._ptz()
        return await self._command("Stop", lambda: ptz.Stop({"ProfileToken": token, "PanTilt": True, "Zoom": True}))

    async def absolute_move(self, position: Position) -> str | None:
        ptz, token = await self._ptz()
        p = position.clamped()
        request = {"ProfileToken": token, "Position": {"PanTilt": {"x": p.pan, "y": p.tilt}, "Zoom": {"x": p.zoom}}}
        return await self._command("AbsoluteMove", lambda: ptz.AbsoluteMove(request))

    async def relative_move(self, delta: Position) -> str | None:
        ptz, token = await self._ptz()
        request = {"ProfileToken": token,
                   "Translation": {"PanTilt": {"x": delta.pan, "y": delta.tilt}, "Zoom": {"x": delta.zoom}}}
        return await self._command("RelativeMove", lambda: ptz.RelativeMove(request))

    async def goto_home(self) -> str | None:
        ptz, token = await self._ptz()
        return await self._command("GotoHomePosition", lambda: ptz.GotoHomePosition({"ProfileToken": token}))

    async def get_status(self) -> Position:
        ptz, token = await self._ptz()
        status = await self._call("GetStatus", lambda: ptz.GetStatus({"ProfileToken": token}))
        pan_tilt = _get(status, "Position", "PanTilt")
        zoom = _get(status, "Position", "Zoom")
        if pan_tilt is None and zoom is None:
            raise OnvifBadReply("GetStatus", "no Position in the reply")
        return Position(float(_get(pan_tilt, "x") or 0.0), float(_get(pan_tilt, "y") or 0.0),
                        float(_get(zoom, "x") or 0.0))

    async def get_presets(self) -> list[Preset]:
        ptz, token = await self._ptz()
        raw = await self._call("GetPresets", lambda: ptz.GetPresets({"ProfileToken": token}))
        out: list[Preset] = []
        for item in raw or []:
            pt = _get(item, "PTZPosition", "PanTilt")
            zoom = _get(item, "PTZPosition", "Zoom")
            position = None
            if pt is not None:
                position = Position(float(_get(pt, "x") or 0), float(_get(pt, "y") or 0), float(_get(zoom, "x") or 0))
            ptoken = _text(_get(item, "token"))
            out.append(Preset(_text(_get(item, "Name")) or ptoken, PresetSource.CAMERA, ptoken, position))
        return out

    async def goto_preset(self, token: str) -> str | None:
        ptz, profile = await self._ptz()
        request = {"ProfileToken": profile, "PresetToken": token}
        return await self._command("GotoPreset", lambda: ptz.GotoPreset(request))

    async def set_preset(self, name: str) -> str:
        ptz, profile = await self._ptz()
        reply = await self._call("SetPreset", lambda: ptz.SetPreset({"ProfileToken": profile, "PresetName": name}))
        return _text(reply)

    async def remove_preset(self, token: str) -> str | None:
        ptz, profile = await self._ptz()
        return await self._command("RemovePreset",
                                   lambda: ptz.RemovePreset({"ProfileToken": profile, "PresetToken": token}))
