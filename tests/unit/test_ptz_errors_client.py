"""Error classification, and the ONVIF client's time limits against real loopback sockets."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import aiohttp
import pytest
from zeep.exceptions import Fault, TransportError

from videowall.domain.urls import Credentials
from videowall.ptz.client import OnvifClient
from videowall.ptz.errors import (
    OnvifAuthError,
    OnvifBadReply,
    OnvifFault,
    OnvifTimeout,
    OnvifUnreachable,
    PtzUnsupported,
    classify,
)


def test_classify_faults() -> None:
    assert isinstance(classify("GetStatus", Fault("Sender not authorized")), OnvifAuthError)
    unsupported = classify("GetPresets", Fault("Optional Action Not Implemented"))
    assert isinstance(unsupported, PtzUnsupported)
    assert str(unsupported).startswith("GetPresets is not supported")
    assert isinstance(classify("Stop", Fault("Device busy")), OnvifFault)


def test_classify_transport_and_parse_errors() -> None:
    bad = classify("GetStatus", TransportError("Server returned response (200) with invalid XML: x.\nContent: b'<'",
                                               status_code=200, content=b"<"))
    assert isinstance(bad, OnvifBadReply) and bad.accepted and "Content" not in str(bad)
    assert isinstance(classify("X", TransportError("", status_code=401)), OnvifAuthError)
    assert isinstance(classify("X", TransportError("", status_code=404)), PtzUnsupported)
    parsed = classify("GetPresets", ValueError("Invalid tag name 'tptz:Preset'"))
    assert isinstance(parsed, OnvifBadReply)
    assert parsed.operation == "GetPresets" and "tptz:Preset" in parsed.detail


def test_classify_network() -> None:
    assert isinstance(classify("X", TimeoutError()), OnvifTimeout)
    assert "no answer within 2 s" in str(classify("X", TimeoutError(), timeout=2))
    assert isinstance(classify("X", ConnectionRefusedError()), OnvifUnreachable)
    assert isinstance(classify("X", aiohttp.ClientConnectionError("boom")), OnvifUnreachable)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connect_to_closed_port_is_unreachable_quickly() -> None:
    async def scenario() -> float:
        client = OnvifClient("127.0.0.1", _free_port(), Credentials("admin", "pw"), timeout=2, connect_timeout=2)
        start = time.monotonic()
        try:
            with pytest.raises(OnvifUnreachable):
                await client.connect()
        finally:
            await client.close()
        return time.monotonic() - start

    assert asyncio.run(scenario()) < 2.0


def test_silent_camera_times_out_within_the_limit() -> None:
    """A camera that accepts the connection and never answers must not hang the caller."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()

    async def scenario() -> tuple[float, str]:
        client = OnvifClient("127.0.0.1", port, None, timeout=0.5, connect_timeout=0.8)
        start = time.monotonic()
        try:
            with pytest.raises(OnvifTimeout) as info:
                await client.connect()
        finally:
            await client.close()
        return time.monotonic() - start, str(info.value)

    try:
        elapsed, message = asyncio.run(scenario())
    finally:
        stop.set()
        thread.join()
        for sock in held:
            sock.close()
        listener.close()
    assert elapsed < 10.0  # bounded by the 0.8 s limit, not by the socket (generous: CI may be loaded)
    assert "no answer within 0.8 s" in message


def test_client_repr_hides_password() -> None:
    client = OnvifClient("127.0.0.1", 80, Credentials("admin", "s3cret"))
    assert "s3cret" not in repr(client)


def test_camera_without_credentials_that_is_down_reads_unreachable() -> None:
    """No credentials must not turn into a library TypeError ("reply does not parse")."""
    import asyncio
    import socket

    from videowall.ptz.client import OnvifClient
    from videowall.ptz.errors import OnvifUnreachable

    with socket.socket() as s:  # a loopback port with nothing listening once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    async def connect() -> None:
        client = OnvifClient("127.0.0.1", port, None, timeout=3)
        try:
            await client.connect()
        finally:
            await client.close()

    with pytest.raises(OnvifUnreachable):
        asyncio.run(connect())
