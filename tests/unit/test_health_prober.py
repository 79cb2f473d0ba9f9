"""The prober against tiny in-test servers: every way an endpoint can answer, or not."""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Awaitable, Callable

import pytest

from videowall.domain.health import HealthRecord, HealthState, Reason
from videowall.domain.urls import Credentials
from videowall.health.prober import ProbeSettings, ProbeTarget, RtspProber

S = HealthState
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
SDP = b"v=0\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
FAST = ProbeSettings(connect_timeout=0.5, total_timeout=0.6, concurrency=10)


async def read_request(reader: asyncio.StreamReader) -> dict[str, str]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    lines = head.split("\r\n")
    out = {"method": lines[0].split(" ")[0]}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def reply(cseq: str, status: str, headers: str = "", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    return f"RTSP/1.0 {status}\r\nCSeq: {cseq}\r\n{headers}{length}\r\n".encode() + body


def rtsp_server(describe: Callable[[dict[str, str]], bytes], options: Callable[[dict[str, str]], bytes] | None = None
                ) -> Handler:  # fmt: skip
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                req = await read_request(reader)
                if req["method"] == "OPTIONS":
                    writer.write(options(req) if options else reply(req["cseq"], "200 OK", "Public: DESCRIBE\r\n"))
                else:
                    writer.write(describe(req))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    return handle


async def probe_with(handler: Handler, creds: Credentials | None = None, settings: ProbeSettings = FAST,
                     path: str = "/cam") -> HealthRecord:  # fmt: skip
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        prober = RtspProber(settings, (lambda t: creds) if creds else None)
        return await prober.probe(ProbeTarget("CAM-1", f"rtsp://127.0.0.1:{port}{path}", "ref"))
    finally:
        server.close()


def run(coro: Awaitable[HealthRecord]) -> HealthRecord:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_live_with_content_base_and_codec_in_detail() -> None:
    def describe(req: dict[str, str]) -> bytes:
        assert req["accept"] == "application/sdp"
        return reply(req["cseq"], "200 OK", "Content-Base: rtsp://10.9.9.9/other/\r\n", SDP)

    r = run(probe_with(rtsp_server(describe)))
    assert (r.state, r.reason) == (S.LIVE, "")
    assert "video:H264" in r.detail and "base=rtsp://10.9.9.9/other/" in r.detail
    assert r.latency_ms is not None and r.latency_ms > 0 and r.camera_id == "CAM-1"


def test_not_found() -> None:
    r = run(probe_with(rtsp_server(lambda req: reply(req["cseq"], "404 Not Found"))))
    assert (r.state, r.reason) == (S.NOT_FOUND, "404")


def digest_server(accept: Credentials) -> Handler:
    from videowall.health.rtsp import digest_response

    def check(req: dict[str, str], method: str) -> bool:
        auth = req.get("authorization", "")
        want = digest_response(accept, "r", "n0", method, auth.split('uri="')[1].split('"')[0]) if auth else ""
        return bool(auth) and f'response="{want}"' in auth

    def respond(req: dict[str, str], ok: bytes) -> bytes:
        if not check(req, req["method"]):
            return reply(req["cseq"], "401 Unauthorized", 'WWW-Authenticate: Digest realm="r", nonce="n0"\r\n')
        return ok

    return rtsp_server(lambda req: respond(req, reply(req["cseq"], "200 OK", "", SDP)),
                       lambda req: respond(req, reply(req["cseq"], "200 OK")))  # fmt: skip


def test_digest_auth_with_the_stored_credentials() -> None:
    good = Credentials("admin", "Rahasia!23")
    assert run(probe_with(digest_server(good), good)).state is S.LIVE
    r = run(probe_with(digest_server(good), Credentials("admin", "wrong")))
    assert (r.state, r.reason) == (S.AUTH_FAILURE, Reason.REJECTED.value)
    r = run(probe_with(digest_server(good)))
    assert (r.state, r.reason) == (S.AUTH_FAILURE, Reason.NO_CREDENTIALS.value)


def test_credentials_in_the_url_are_used_and_never_looked_up() -> None:
    async def go() -> HealthRecord:
        server = await asyncio.start_server(digest_server(Credentials("u", "p@ss")), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        looked_up: list[str] = []
        prober = RtspProber(FAST, lambda t: looked_up.append(t.camera_id) or None)  # type: ignore[func-returns-value]
        try:
            r = await prober.probe(ProbeTarget("C", f"rtsp://u:p%40ss@127.0.0.1:{port}/x"))
        finally:
            server.close()
        assert looked_up == []
        return r

    assert run(go()).state is S.LIVE


def test_basic_auth_and_403() -> None:
    import base64

    token = base64.b64encode(b"admin:pw").decode()

    def describe(req: dict[str, str]) -> bytes:
        if req.get("authorization") == f"Basic {token}":
            return reply(req["cseq"], "200 OK", "", SDP)
        return reply(req["cseq"], "401 Unauthorized", 'WWW-Authenticate: Basic realm="cam"\r\n')

    assert run(probe_with(rtsp_server(describe), Credentials("admin", "pw"))).state is S.LIVE
    r = run(probe_with(rtsp_server(lambda req: reply(req["cseq"], "403 Forbidden"))))
    assert (r.state, r.reason) == (S.AUTH_FAILURE, "forbidden")


def test_no_reply_times_out_with_its_own_reason() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)

    r = run(probe_with(silent))
    assert (r.state, r.reason) == (S.UNREACHABLE, "no_reply")
    assert r.latency_ms is not None and 550 < r.latency_ms < 1500


def test_reset_and_closed_are_told_apart() -> None:
    async def reset(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.close()

    assert run(probe_with(reset)).reason == "reset"
    assert run(probe_with(hang_up)).reason == "closed"


def test_refused_port() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # bound then closed: nothing listens there

    async def go() -> HealthRecord:
        return await RtspProber(FAST).probe(ProbeTarget("C", f"rtsp://127.0.0.1:{port}/x"))

    r = run(go())
    assert (r.state, r.reason) == (S.UNREACHABLE, "refused")


@pytest.mark.parametrize(
    "garbage",
    [b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", b"\x16\x03\x01\x00\xa5garbage\r\n\r\n", b"RTSP/1.0 OK\r\n\r\n"],
)
def test_garbled_reply(garbage: bytes) -> None:
    async def garbled(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(garbage)
        await writer.drain()
        await asyncio.sleep(2)

    r = run(probe_with(garbled))
    assert (r.state, r.reason) == (S.UNREACHABLE, "bad_reply")


def test_cut_short_reply_is_bad_not_closed() -> None:
    async def cut(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(b"RTSP/1.0 200 OK\r\nCSeq: 1\r\n")
        writer.close()

    assert run(probe_with(cut)).reason == "bad_reply"


def test_unsupported_sdp_and_server_error() -> None:
    mjpeg = b"v=0\r\nm=video 0 RTP/AVP 26\r\n"
    r = run(probe_with(rtsp_server(lambda req: reply(req["cseq"], "200 OK", "", mjpeg))))
    assert (r.state, r.reason) == (S.UNSUPPORTED, "unsupported_codec_JPEG")
    r = run(probe_with(rtsp_server(lambda req: reply(req["cseq"], "503 Service Unavailable"))))
    assert (r.state, r.reason) == (S.UNREACHABLE, "server_error_503")


def test_bad_urls_are_never_connected() -> None:
    async def go() -> list[HealthRecord]:
        prober = RtspProber(FAST)
        return [await prober.probe(ProbeTarget("C", u)) for u in ("rtsp://:554/x", "htp://h/x", "")]

    states = [r.state for r in asyncio.run(go())]
    assert states == [S.BAD_URL, S.UNSUPPORTED, S.BAD_URL]


def test_run_bounds_concurrency_and_cancel_keeps_what_finished() -> None:
    open_now = 0
    peak = 0

    async def slow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal open_now, peak
        open_now += 1
        peak = max(peak, open_now)
        try:
            await rtsp_server(lambda req: reply(req["cseq"], "404 Not Found"))(reader, writer)
        finally:
            open_now -= 1

    async def go() -> tuple[int, list[HealthRecord]]:
        server = await asyncio.start_server(slow, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        got: list[HealthRecord] = []
        targets = [ProbeTarget(f"C{i}", f"rtsp://127.0.0.1:{port}/{i}") for i in range(60)]
        prober = RtspProber(FAST)
        done = await prober.run(targets, got.append, concurrency=7)
        assert done == 60 and {r.state for r in got} == {S.NOT_FOUND}
        # now a run that is cancelled half-way: what was handed over stays handed over
        silent_server = await asyncio.start_server(lambda r, w: asyncio.sleep(10), "127.0.0.1", 0)
        sport = silent_server.sockets[0].getsockname()[1]
        mixed = targets[:5] + [ProbeTarget(f"S{i}", f"rtsp://127.0.0.1:{sport}/s") for i in range(5)]
        partial: list[HealthRecord] = []
        task = asyncio.create_task(RtspProber(ProbeSettings(1, 5)).run(mixed, partial.append, concurrency=10))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        server.close()
        silent_server.close()
        return peak, partial

    peak_seen, partial = asyncio.run(go())
    assert peak_seen <= 7
    assert sorted(r.camera_id for r in partial) == [f"C{i}" for i in range(5)]
