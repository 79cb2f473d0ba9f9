"""Probe stream endpoints with RTSP OPTIONS + DESCRIBE over raw asyncio TCP, thousands at a time.

A probe opens no media: two requests, the SDP read for its codec, the connection closed. Each probe
has a connect timeout and a total timeout, so a city of dead cameras costs seconds, not minutes; a
fixed pool of workers bounds how many connections are open at once.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from videowall.domain.health import (
    HealthRecord,
    ProbeFacts,
    Reason,
    check_url,
    classify,
)
from videowall.domain.urls import Credentials, redact, split_credentials
from videowall.health.rtsp import (
    MAX_BODY_BYTES,
    MAX_HEADER_BYTES,
    Authenticator,
    RtspProtocolError,
    RtspResponse,
    build_request,
    parse_challenges,
    parse_head,
    parse_sdp_tracks,
)

log = logging.getLogger(__name__)

DEFAULT_PORT = 554


@dataclass(frozen=True, slots=True)
class ProbeTarget:
    """What to probe: the URL (no password in it) and where the camera's credentials are kept."""

    camera_id: str
    url: str
    credential_ref: str | None = None


# Called at most once per probe, and only after a 401: the store is not touched for open cameras.
CredentialLookup = Callable[[ProbeTarget], Credentials | None]


@dataclass(frozen=True, slots=True)
class ProbeSettings:
    connect_timeout: float = 2.0
    total_timeout: float = 3.0
    concurrency: int = 300


class _Failed(Exception):
    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


def _os_reason(exc: OSError) -> Reason:
    if isinstance(exc, socket.gaierror):
        return Reason.DNS
    if isinstance(exc, ConnectionRefusedError):
        return Reason.REFUSED
    if isinstance(exc, ConnectionResetError | BrokenPipeError | ConnectionAbortedError):
        return Reason.RESET
    return {
        errno.EHOSTUNREACH: Reason.HOST_UNREACHABLE,
        errno.ENETUNREACH: Reason.NETWORK_UNREACHABLE,
        errno.ECONNREFUSED: Reason.REFUSED,
        errno.ECONNRESET: Reason.RESET,
        errno.ETIMEDOUT: Reason.CONNECT_TIMEOUT,
    }.get(exc.errno or 0, Reason.ERROR)


async def read_response(reader: asyncio.StreamReader) -> RtspResponse:
    """One response: head up to the blank line, then ``Content-Length`` bytes of body."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial.strip():
            raise RtspProtocolError(f"reply cut short: {exc.partial[:40]!r}") from None
        raise _Failed(Reason.CLOSED) from None
    except asyncio.LimitOverrunError:
        raise RtspProtocolError("reply head too long") from None
    response = parse_head(head)
    length = response.content_length
    if length > MAX_BODY_BYTES:
        raise RtspProtocolError(f"body of {length} bytes is too long")
    if length:
        try:
            body = await reader.readexactly(length)
        except asyncio.IncompleteReadError:
            raise RtspProtocolError("body cut short") from None
        response = RtspResponse(response.status, response.reason, response.headers, body)
    return response


class RtspProber:
    """Probes one URL at a time (``probe``) or many with a bounded pool of workers (``run``)."""

    def __init__(self, settings: ProbeSettings | None = None, credentials: CredentialLookup | None = None,
                 *, clock: Callable[[], float] = time.time) -> None:  # fmt: skip
        self.settings = settings or ProbeSettings()
        self._credentials = credentials
        self._clock = clock

    async def probe(self, target: ProbeTarget) -> HealthRecord:
        """The verdict for one camera; never raises except ``CancelledError``."""
        started = time.perf_counter()
        url, inline = split_credentials(target.url)
        bad = check_url(url)
        if bad is not None:
            return HealthRecord(target.camera_id, bad[0], str(bad[1]), self._clock())
        facts = await self.facts(url, lambda: inline or self._lookup(target))
        state, reason = classify(facts)
        latency = (time.perf_counter() - started) * 1000.0
        return HealthRecord(target.camera_id, state, reason, self._clock(), round(latency, 2), facts.detail)

    def _lookup(self, target: ProbeTarget) -> Credentials | None:
        if self._credentials is None:
            return None
        try:
            return self._credentials(target)
        except Exception as exc:  # a broken store must not stop the sweep: report the camera as unauthorised
            log.warning("credentials for %s unavailable: %s", target.camera_id, exc)
            return None

    async def facts(self, url: str, credentials: Callable[[], Credentials | None]) -> ProbeFacts:
        """OPTIONS then DESCRIBE on one connection; what happened, without judging it."""
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port or DEFAULT_PORT
        s = self.settings
        connected = False
        try:
            async with asyncio.timeout(s.total_timeout):
                try:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection(host, port, limit=MAX_HEADER_BYTES), s.connect_timeout
                    )
                except TimeoutError:
                    return ProbeFacts(Reason.CONNECT_TIMEOUT)
                connected = True
                try:
                    return await self._exchange(reader, writer, url, credentials)
                finally:
                    writer.close()
        except TimeoutError:
            return ProbeFacts(Reason.NO_REPLY if connected else Reason.CONNECT_TIMEOUT)
        except _Failed as exc:
            return ProbeFacts(exc.reason, detail=exc.detail)
        except RtspProtocolError as exc:
            return ProbeFacts(Reason.BAD_REPLY, detail=str(exc))
        except OSError as exc:
            reason = _os_reason(exc)
            if reason is Reason.ERROR:
                log.debug("probe %s: %s", redact(url), exc)
            return ProbeFacts(reason, detail=exc.strerror or str(exc))

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str,
                        credentials: Callable[[], Credentials | None]) -> ProbeFacts:  # fmt: skip
        cseq = 0
        auth: Authenticator | None = None
        auth_sent = False

        async def request(method: str, extra: dict[str, str]) -> RtspResponse:
            nonlocal cseq, auth, auth_sent
            for _attempt in range(2):
                cseq += 1
                headers = dict(extra)
                if auth is not None:
                    headers["Authorization"] = auth.header(method, url)
                    auth_sent = True
                writer.write(build_request(method, url, cseq, headers))
                response = await read_response(reader)
                if response.status != 401 or auth is not None:
                    return response
                creds = credentials()
                if creds is None:
                    return response
                auth = Authenticator(creds, parse_challenges(response.header("www-authenticate")))
            return response

        options = await request("OPTIONS", {})
        if options.status in (401, 403):
            return ProbeFacts(status=options.status, auth_sent=auth_sent, detail="OPTIONS refused")
        describe = await request("DESCRIBE", {"Accept": "application/sdp"})
        if describe.status != 200:
            return ProbeFacts(status=describe.status, auth_sent=auth_sent, detail=describe.reason)
        sdp = describe.body.decode("utf-8", "replace")
        tracks = parse_sdp_tracks(sdp)
        base = describe.header("content-base")
        detail = " ".join(f"{t.media}:{t.codec or '?'}" for t in tracks)
        if base and base.rstrip("/") != url.rstrip("/"):
            detail += f" base={redact(base)}"
        return ProbeFacts(status=200, auth_sent=auth_sent, tracks=tracks, detail=detail)

    async def run(self, targets: Iterable[ProbeTarget], on_record: Callable[[HealthRecord], None],
                  *, concurrency: int | None = None) -> int:  # fmt: skip
        """Probe every target, ``concurrency`` at a time, handing each verdict to ``on_record`` as it comes.

        Cancelling stops the workers; every verdict already handed over stays handed over.
        Returns how many were probed.
        """
        it = iter(targets)
        done = 0

        async def worker() -> None:
            nonlocal done
            for target in it:  # the shared iterator hands each target to exactly one worker
                record = await self.probe(target)
                done += 1
                on_record(record)

        n = max(1, concurrency or self.settings.concurrency)
        workers = [asyncio.create_task(worker()) for _ in range(n)]
        try:
            await asyncio.gather(*workers)
        finally:
            for w in workers:
                w.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        return done
