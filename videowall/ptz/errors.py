"""Typed PTZ/ONVIF failures, each able to say in one line what went wrong and where.

Cameras fail in many ways (wrong password, clock skew, half-implemented services, replies that are
not valid XML); the operator needs the precise one, not "ONVIF error". ``classify`` maps whatever
zeep, aiohttp or onvif-zeep-async raised onto these types. Messages never contain credentials.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
from http import HTTPStatus

import aiohttp
from onvif.exceptions import ONVIFAuthError as _LibAuthError
from onvif.exceptions import ONVIFError, ONVIFTimeoutError
from onvif.util import is_auth_error, stringify_onvif_error
from zeep.exceptions import Fault, TransportError, ValidationError, XMLParseError, XMLSyntaxError

log = logging.getLogger(__name__)
_DETAIL_MAX = 240


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _DETAIL_MAX else text[: _DETAIL_MAX - 3] + "..."


class PtzError(Exception):
    """Base: ``operation`` is the ONVIF operation (or step) that failed."""

    def __init__(self, operation: str, detail: str = "") -> None:
        self.operation = operation
        self.detail = _short(detail)
        super().__init__(self.describe())

    def describe(self) -> str:
        return f"{self.operation}: {self.detail}" if self.detail else self.operation


class PtzUnsupported(PtzError):
    """The camera has no such service or operation (or no PTZ at all)."""

    def describe(self) -> str:
        return f"{self.operation} is not supported by this camera" + (f" ({self.detail})" if self.detail else "")


class OnvifAuthError(PtzError):
    def describe(self) -> str:
        return f"{self.operation}: the camera refused the credentials" + (f" ({self.detail})" if self.detail else "")


class OnvifTimeout(PtzError):
    def describe(self) -> str:
        return f"{self.operation}: no answer within {self.detail}"


class OnvifUnreachable(PtzError):
    def describe(self) -> str:
        return f"{self.operation}: camera unreachable ({self.detail})"


class OnvifHttpError(PtzError):
    """The camera answered with an HTTP error status and no SOAP envelope (an error page, say)."""

    def __init__(self, operation: str, status: int) -> None:
        self.status = status
        super().__init__(operation, http_text(status))

    def describe(self) -> str:
        return f"{self.operation}: the camera answered {self.detail}"


class HttpStatusError(Exception):
    """Raised by the client's transport for an HTTP error reply that carries no SOAP envelope."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(http_text(status))


def http_text(status: int) -> str:
    """``HTTP 500 Internal Server Error``; the bare number for codes without a standard phrase."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


class OnvifFault(PtzError):
    """The camera answered with a SOAP fault that is neither auth nor 'unsupported'."""

    def describe(self) -> str:
        return f"{self.operation}: camera reported a fault: {self.detail}"


class OnvifBadReply(PtzError):
    """The camera answered but the reply does not parse. ``accepted``: HTTP 200, so a command was taken."""

    def __init__(self, operation: str, detail: str = "", *, accepted: bool = False) -> None:
        self.accepted = accepted
        super().__init__(operation, detail)

    def describe(self) -> str:
        return f"{self.operation}: the camera's reply does not parse ({self.detail})"


class PositionUnknown(PtzError):
    """No position to store: the camera does not report it and we have not commanded one."""

    def describe(self) -> str:
        return f"{self.operation}: current position unknown ({self.detail})"


_UNSUPPORTED_WORDS = ("not supported", "notsupported", "actionnotsupported", "not implemented", "unknown action",
                      "doesn`t support", "doesn't support", "no such operation", "optional action not implemented")


def _fault_text(exc: Fault) -> str:
    return stringify_onvif_error(exc)


_ERRNO_WORDS = {errno.ECONNREFUSED: "connection refused", errno.EHOSTUNREACH: "no route to the camera",
                errno.ENETUNREACH: "network unreachable", errno.ETIMEDOUT: "connection timed out",
                errno.ECONNRESET: "connection reset by the camera", errno.EADDRNOTAVAIL: "address not available",
                errno.EPIPE: "the camera closed the connection"}


def _network_words(exc: BaseException) -> str:
    """Why a connection failed, in words: no library wording (``ssl:default``), no exception names."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError | socket.gaierror):
        return "host name not found"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the camera closed the connection without answering"
    cause = exc.os_error if isinstance(exc, aiohttp.ClientConnectorError) else exc
    code = getattr(cause, "errno", None)
    if isinstance(code, int):
        return _ERRNO_WORDS.get(code) or os.strerror(code).lower()
    if isinstance(exc, aiohttp.ClientConnectionResetError):
        return "connection reset by the camera"
    return "connection failed"


def classify(operation: str, exc: BaseException, *, timeout: float | None = None) -> PtzError:
    """Turn any exception from an ONVIF call into the precise ``PtzError``."""
    if isinstance(exc, PtzError):
        return exc
    if type(exc) is ONVIFError and exc.__cause__ is not None:  # safe_func's wrapper: judge the cause
        return classify(operation, exc.__cause__, timeout=timeout)
    if isinstance(exc, TimeoutError | asyncio.TimeoutError | ONVIFTimeoutError | aiohttp.ServerTimeoutError):
        return OnvifTimeout(operation, f"{timeout:g} s" if timeout else "the time limit")
    if isinstance(exc, HttpStatusError):
        return _http_error(operation, exc.status)
    if isinstance(exc, _LibAuthError):
        return OnvifAuthError(operation, str(exc))
    if isinstance(exc, Fault):
        text = _fault_text(exc)
        if is_auth_error(exc):
            return OnvifAuthError(operation, text)
        if any(word in text.lower() for word in _UNSUPPORTED_WORDS):
            return PtzUnsupported(operation, text)
        return OnvifFault(operation, text)
    if isinstance(exc, TransportError):
        status = exc.status_code
        if status == 200:
            return OnvifBadReply(operation, "invalid XML", accepted=True)
        return _http_error(operation, status)
    if isinstance(exc, aiohttp.ClientResponseError):
        return _http_error(operation, exc.status)
    if isinstance(exc, aiohttp.ClientConnectionError | ConnectionError | OSError):
        return OnvifUnreachable(operation, _network_words(exc))
    if isinstance(exc, XMLSyntaxError | XMLParseError | ValidationError | ValueError | LookupError
                   | AttributeError | TypeError):
        # zeep got a reply and failed while reading it: the HTTP exchange itself succeeded
        log.debug("%s: reply not understood", operation, exc_info=exc)
        return OnvifBadReply(operation, _reading_words(exc), accepted=True)
    if isinstance(exc, ONVIFError):
        text = str(exc)
        if any(word in text.lower() for word in _UNSUPPORTED_WORDS):
            return PtzUnsupported(operation, text)
        return OnvifFault(operation, text)
    log.warning("%s: unexpected failure", operation, exc_info=exc)
    return PtzError(operation, "unexpected failure (details in the log)")


def _http_error(operation: str, status: int) -> PtzError:
    if status in (401, 403):
        return OnvifAuthError(operation, http_text(status))
    if status in (404, 405, 501):
        return PtzUnsupported(operation, http_text(status))
    return OnvifHttpError(operation, status)


def _reading_words(exc: BaseException) -> str:
    """What in the reply could not be read: the parser's own words, never its exception class."""
    if isinstance(exc, XMLSyntaxError | XMLParseError):
        return "invalid XML"
    text = str(exc).strip()
    if isinstance(exc, LookupError | AttributeError | TypeError) or not text:
        return "unexpected content"
    return text
