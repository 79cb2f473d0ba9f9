"""Typed PTZ/ONVIF failures, each able to say in one line what went wrong and where.

Cameras fail in many ways (wrong password, clock skew, half-implemented services, replies that are
not valid XML); the operator needs the precise one, not "ONVIF error". ``classify`` maps whatever
zeep, aiohttp or onvif-zeep-async raised onto these types. Messages never contain credentials.
"""

from __future__ import annotations

import asyncio

import aiohttp
from onvif.exceptions import ONVIFAuthError as _LibAuthError
from onvif.exceptions import ONVIFError, ONVIFTimeoutError
from onvif.util import is_auth_error, stringify_onvif_error
from zeep.exceptions import Fault, TransportError, ValidationError, XMLParseError, XMLSyntaxError

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


def classify(operation: str, exc: BaseException, *, timeout: float | None = None) -> PtzError:
    """Turn any exception from an ONVIF call into the precise ``PtzError``."""
    if isinstance(exc, PtzError):
        return exc
    if type(exc) is ONVIFError and exc.__cause__ is not None:  # safe_func's wrapper: judge the cause
        return classify(operation, exc.__cause__, timeout=timeout)
    if isinstance(exc, TimeoutError | asyncio.TimeoutError | ONVIFTimeoutError | aiohttp.ServerTimeoutError):
        return OnvifTimeout(operation, f"{timeout:g} s" if timeout else "the time limit")
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
        if status in (401, 403):
            return OnvifAuthError(operation, f"HTTP {status}")
        if status in (404, 405, 501):
            return PtzUnsupported(operation, f"HTTP {status}")
        first = str(exc).split("\nContent:", 1)[0]
        return OnvifBadReply(operation, first, accepted=status == 200)
    if isinstance(exc, aiohttp.ClientResponseError):
        if exc.status in (401, 403):
            return OnvifAuthError(operation, f"HTTP {exc.status}")
        return OnvifBadReply(operation, f"HTTP {exc.status}")
    if isinstance(exc, aiohttp.ClientConnectionError | ConnectionError | OSError):
        return OnvifUnreachable(operation, str(exc) or type(exc).__name__)
    if isinstance(exc, XMLSyntaxError | XMLParseError | ValidationError | ValueError | LookupError
                   | AttributeError | TypeError):
        # zeep got a reply and failed while reading it: the HTTP exchange itself succeeded
        return OnvifBadReply(operation, f"{type(exc).__name__}: {exc}", accepted=True)
    if isinstance(exc, ONVIFError):
        text = str(exc)
        if any(word in text.lower() for word in _UNSUPPORTED_WORDS):
            return PtzUnsupported(operation, text)
        return OnvifFault(operation, text)
    return PtzError(operation, f"{type(exc).__name__}: {exc}")
