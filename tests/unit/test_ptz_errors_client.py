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
    OnvifHttpError,
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


class _Replies:
    """A loopback HTTP server answering every POST with one fixed status, content type and body."""

    def __init__(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _Replies:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _connect_error(port: int, *, timeout: float = 2.0) -> Exception:
    async def scenario() -> Exception:
        client = OnvifClient("127.0.0.1", port, Credentials("admin", "pw"), timeout=timeout, connect_timeout=timeout)
        try:
            await client.connect()
        except Exception as exc:
            return exc
        finally:
            await client.close()
        raise AssertionError("connected")

    return asyncio.run(scenario())


_PAGE = b"<html><head><title>500 Internal Server Error</title></head><body><h1>Oops</h1></body></html>"
_LIBRARY_WORDS = ("ssl:default", "Error:", "Exception", "Connect call failed", "Unknown fault", "<html")


def test_an_http_500_error_page_is_said_as_such() -> None:
    with _Replies(500, _PAGE) as server:
        error = _connect_error(server.port)
    assert isinstance(error, OnvifHttpError) and error.status == 500
    assert str(error) == "GetServices/GetCapabilities: the camera answered HTTP 500 Internal Server Error"


def test_http_errors_without_soap_read_by_their_status() -> None:
    with _Replies(401, _PAGE) as server:
        refused = _connect_error(server.port)
    assert isinstance(refused, OnvifAuthError) and "HTTP 401 Unauthorized" in str(refused)
    with _Replies(404, b"not here", "text/plain") as server:
        missing = _connect_error(server.port)
    assert isinstance(missing, PtzUnsupported) and "HTTP 404 Not Found" in str(missing)


def test_a_soap_fault_at_http_500_is_still_the_camera_s_fault() -> None:
    fault = (b'<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
             b'<s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason><s:Text xml:lang="en">'
             b'Device busy</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>')
    with _Replies(500, fault, "application/soap+xml") as server:
        error = _connect_error(server.port)
    assert isinstance(error, OnvifFault) and "Device busy" in str(error), error


def test_an_unreachable_camera_reads_in_words() -> None:
    error = _connect_error(_free_port())
    assert str(error) == "GetServices/GetCapabilities: camera unreachable (connection refused)"
    dns = classify("GetServices", aiohttp.ClientConnectorDNSError(
        aiohttp.client_reqrep.ConnectionKey("cam.invalid", 80, False, True, None, None, None),
        socket.gaierror(-2, "Name or service not known")))
    assert str(dns) == "GetServices: camera unreachable (host name not found)"


def test_no_library_wording_or_exception_names_reach_the_operator() -> None:
    samples = [classify("GetStatus", KeyError("PanTilt")), classify("GetStatus", AttributeError("'NoneType' x")),
               classify("X", RuntimeError("weird")), classify("X", aiohttp.ServerDisconnectedError()),
               classify("X", TransportError("Server returned response (200) with invalid XML: junk", status_code=200)),
               classify("X", TransportError("", status_code=503))]
    texts = [str(e) for e in samples]
    assert texts[-1] == "X: the camera answered HTTP 503 Service Unavailable"
    for text in texts:
        assert not any(word in text for word in _LIBRARY_WORDS), text
        assert not any(name in text for name in ("KeyError", "AttributeError", "RuntimeError", "Disconnected")), text


def test_the_timeout_bounds_the_connect_phase_too() -> None:
    """``open_controller(timeout=...)`` (``videowall ptz --timeout``) gives up connecting after that long."""
    from videowall.domain.access import Role, User
    from videowall.services.ptz_service import PtzTarget, open_controller

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts (the kernel does) and never answers
    port = listener.getsockname()[1]

    async def scenario() -> tuple[float, Exception]:
        start = time.monotonic()
        try:
            await open_controller(PtzTarget("SILENT", "127.0.0.1", port), user=User("op", Role.OPERATOR), timeout=1.0)
        except Exception as exc:
            return time.monotonic() - start, exc
        raise AssertionError("connected to a silent camera")

    try:
        elapsed, error = asyncio.run(scenario())
    finally:
        listener.close()
    assert isinstance(error, OnvifTimeout) and "no answer within 1 s" in str(error), error
    assert elapsed < 1.8, elapsed  # not the 10 s connect limit of before


def test_videowall_ptz_timeout_covers_connecting(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``videowall ptz ADDRESS --timeout 1 info`` on a silent camera: one line, exit 7, after about a second."""
    import contextlib
    import io

    from videowall.cli import build_parser
    from videowall.domain.access import Role, User
    from videowall.services.access import create_user
    from videowall.storage.writer import DatabaseWriter

    db = tmp_path / "v.db"
    with DatabaseWriter(db) as writer:
        create_user(writer, None, "admin-1", Role.ADMIN, "op-password-1")
        create_user(writer, User("admin-1", Role.ADMIN), "op-1", Role.OPERATOR, "op-password-1")
    monkeypatch.setenv("VIDEOWALL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VIDEOWALL_PASSWORD", "op-password-1")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    args = build_parser().parse_args(["ptz", f"127.0.0.1:{port}", "--db", str(db), "--user", "op-1",
                                      "--timeout", "1", "info"])
    err = io.StringIO()
    start = time.monotonic()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = int(args.func(args))
    finally:
        listener.close()
    elapsed = time.monotonic() - start
    assert (code, err.getvalue()) == (7, f"videowall ptz 127.0.0.1:{port}: GetServices/GetCapabilities: "
                                         "no answer within 1 s\n")
    assert elapsed < 3.0, elapsed  # sign-in included; connecting alone had a fixed 10 s limit
