"""The hand-written RTSP bits: response heads, SDP tracks, challenges and Digest/Basic headers."""

from __future__ import annotations

import base64

import pytest

from videowall.domain.health import Track
from videowall.domain.urls import Credentials
from videowall.health.rtsp import (
    Authenticator,
    Challenge,
    RtspProtocolError,
    build_request,
    digest_response,
    parse_challenges,
    parse_head,
    parse_sdp_tracks,
)
from videowall.sim.load_responder import digest_ok


def test_request_has_cseq_and_ends_with_a_blank_line() -> None:
    raw = build_request("DESCRIBE", "rtsp://h/x", 7, {"Accept": "application/sdp"})
    assert raw.startswith(b"DESCRIBE rtsp://h/x RTSP/1.0\r\nCSeq: 7\r\n")
    assert b"Accept: application/sdp\r\n" in raw and raw.endswith(b"\r\n\r\n")


def test_parse_head_status_headers_and_repeated_challenges() -> None:
    head = (
        b"RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nContent-Length: 0\r\n"
        b'WWW-Authenticate: Digest realm="cam", nonce="abc"\r\nWWW-Authenticate: Basic realm="cam"\r\n\r\n'
    )
    r = parse_head(head)
    assert (r.status, r.reason, r.cseq, r.content_length) == (401, "Unauthorized", 2, 0)
    kinds = [c.scheme for c in parse_challenges(r.header("WWW-Authenticate"))]
    assert kinds == ["digest", "basic"]
    assert parse_head(b"RTSP/1.0 200\r\n\r\n").status == 200


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 400 Bad Request\r\n\r\n",
        b"\x00\x01garbage\r\n\r\n",
        b"RTSP/1.0 OK\r\n\r\n",
        b"RTSP/1.0 200 OK\r\nNoColon\r\n\r\n",
    ],
)
def test_parse_head_rejects_what_is_not_rtsp(head: bytes) -> None:
    with pytest.raises(RtspProtocolError):
        parse_head(head)


def test_bad_content_length_is_a_protocol_error() -> None:
    with pytest.raises(RtspProtocolError):
        _ = parse_head(b"RTSP/1.0 200 OK\r\nContent-Length: lots\r\n\r\n").content_length


def test_sdp_tracks_from_rtpmap_and_static_payloads() -> None:
    sdp = (
        "v=0\r\no=- 1 1 IN IP4 10.0.0.2\r\ns=cam\r\nt=0 0\r\n"
        "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\n"
        "m=audio 0 RTP/AVP 8\r\n"
        "m=video 0 RTP/AVP 26\r\n"
        "m=video 0 RTP/AVP 98\r\na=rtpmap:98 h265/90000\r\n"
        "m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\n"
    )
    assert parse_sdp_tracks(sdp) == (
        Track("video", "H264"),
        Track("audio", "PCMA"),
        Track("video", "JPEG"),
        Track("video", "H265"),
        Track("application", "VND.ONVIF.METADATA"),
    )
    assert parse_sdp_tracks("") == ()


def test_digest_matches_the_rfc_2617_example() -> None:
    creds = Credentials("Mufasa", "Circle Of Life")
    response = digest_response(creds, "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET",
                               "/dir/index.html", qop="auth", nc="00000001", cnonce="0a4f113b")  # fmt: skip
    assert response == "6629fae49393a05397450978507c4ef1"


def test_challenge_parsing_handles_quotes_commas_and_bare_tokens() -> None:
    (c,) = parse_challenges('Digest realm="IP Camera(12345)", nonce="a,b", stale=FALSE, qop="auth,auth-int"')
    assert c.params == {"realm": "IP Camera(12345)", "nonce": "a,b", "stale": "FALSE", "qop": "auth,auth-int"}


def test_digest_header_is_accepted_by_an_independent_checker() -> None:
    from videowall.sim.load_responder import PASSWORD, REALM, USERNAME

    auth = Authenticator(Credentials(USERNAME, PASSWORD), [Challenge("digest", {"realm": REALM, "nonce": "n1"})])
    header = auth.header("DESCRIBE", "rtsp://127.0.0.1/x")
    assert header.startswith("Digest ") and 'uri="rtsp://127.0.0.1/x"' in header
    assert digest_ok(header, "DESCRIBE", "n1")
    assert not digest_ok(header, "OPTIONS", "n1")  # the method is part of the hash
    wrong = Authenticator(Credentials(USERNAME, "nope"), [Challenge("digest", {"realm": REALM, "nonce": "n1"})])
    assert not digest_ok(wrong.header("DESCRIBE", "rtsp://127.0.0.1/x"), "DESCRIBE", "n1")
    qop = Authenticator(
        Credentials(USERNAME, PASSWORD),
        [Challenge("digest", {"realm": REALM, "nonce": "n1", "qop": "auth", "opaque": "o"})],
    )
    h1, h2 = qop.header("DESCRIBE", "rtsp://h/x"), qop.header("DESCRIBE", "rtsp://h/x")
    assert "nc=00000001" in h1 and "nc=00000002" in h2 and 'opaque="o"' in h1
    assert digest_ok(h1, "DESCRIBE", "n1")


def test_basic_is_used_only_when_no_digest_is_offered() -> None:
    creds = Credentials("admin", "Rahasia!23")
    basic = Authenticator(creds, [Challenge("basic", {"realm": "x"})]).header("OPTIONS", "rtsp://h/")
    assert basic == "Basic " + base64.b64encode(b"admin:Rahasia!23").decode()
    both = Authenticator(creds, [Challenge("basic"), Challenge("digest", {"realm": "r", "nonce": "n"})])
    assert both.header("OPTIONS", "rtsp://h/").startswith("Digest ")
    with pytest.raises(RtspProtocolError):
        Authenticator(creds, [Challenge("ntlm")])
