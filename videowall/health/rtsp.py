"""The little RTSP a health probe needs: requests, response parsing, Basic/Digest auth and SDP tracks.

Written by hand rather than borrowed from a media library: a probe must be cheap (thousands a
minute), must never decode video, and must say exactly which step failed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field

from videowall.domain.health import Track
from videowall.domain.urls import Credentials

USER_AGENT = "videowall-health/1"
MAX_HEADER_BYTES = 16 * 1024
MAX_BODY_BYTES = 64 * 1024
_STATUS_RE = re.compile(r"^RTSP/(\d)\.(\d) (\d{3})(?: (.*))?$")


class RtspProtocolError(Exception):
    """The peer answered, but not with an RTSP response we can read."""


@dataclass(frozen=True, slots=True)
class RtspResponse:
    status: int
    reason: str
    headers: dict[str, str]  # names lower-cased; a repeated header keeps every value, joined by "\n"
    body: bytes = b""

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    @property
    def content_length(self) -> int:
        try:
            return max(0, int(self.header("content-length", "0")))
        except ValueError:
            raise RtspProtocolError("bad Content-Length") from None

    @property
    def cseq(self) -> int | None:
        try:
            return int(self.header("cseq"))
        except ValueError:
            return None


def build_request(method: str, url: str, cseq: int, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {url} RTSP/1.0", f"CSeq: {cseq}", f"User-Agent: {USER_AGENT}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def parse_head(head: bytes) -> RtspResponse:
    """Status line and headers (everything before the blank line); the body is read separately."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("latin-1")
    lines = text.replace("\r\n", "\n").split("\n")
    status_line = lines[0].strip()
    m = _STATUS_RE.match(status_line)
    if m is None:
        raise RtspProtocolError(f"not an RTSP status line: {status_line[:40]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise RtspProtocolError(f"bad header line: {line[:40]!r}")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}\n{value.strip()}" if key in headers else value.strip()
    return RtspResponse(int(m.group(3)), (m.group(4) or "").strip(), headers)


def parse_sdp_tracks(sdp: str) -> tuple[Track, ...]:
    """Media sections and their first codec: ``m=video 0 RTP/AVP 96`` + ``a=rtpmap:96 H264/90000``.

    Static payload types without an rtpmap (26 JPEG, 32 MPV, 33 MP2T) are named from the RFC 3551 table.
    """
    static = {"26": "JPEG", "32": "MPV", "33": "MP2T", "0": "PCMU", "8": "PCMA", "14": "MPA"}
    tracks: list[Track] = []
    media = ""
    payloads: list[str] = []
    maps: dict[str, str] = {}

    def flush() -> None:
        if media:
            codec = next((maps[p] for p in payloads if p in maps), "")
            if not codec:
                codec = next((static[p] for p in payloads if p in static), "")
            tracks.append(Track(media, codec))

    for raw in sdp.splitlines():
        line = raw.strip()
        if line.startswith("m="):
            flush()
            parts = line[2:].split()
            media, payloads, maps = (parts[0].lower() if parts else ""), parts[3:], {}
        elif line.startswith("a=rtpmap:") and media:
            pt, _, rest = line[len("a=rtpmap:") :].partition(" ")
            maps[pt.strip()] = rest.split("/", 1)[0].strip().upper()
    flush()
    return tuple(tracks)


# -- authentication ---------------------------------------------------------------------------------

_PARAM_RE = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


@dataclass(frozen=True, slots=True)
class Challenge:
    scheme: str  # "digest" or "basic"
    params: dict[str, str] = field(default_factory=dict)


def parse_challenges(www_authenticate: str) -> list[Challenge]:
    """Every challenge in one or more ``WWW-Authenticate`` values (joined by newlines)."""
    out: list[Challenge] = []
    for value in www_authenticate.split("\n"):
        value = value.strip()
        if not value:
            continue
        scheme, _, rest = value.partition(" ")
        params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _PARAM_RE.finditer(rest)}  # fmt: skip
        out.append(Challenge(scheme.lower(), params))
    return out


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def digest_response(creds: Credentials, realm: str, nonce: str, method: str, uri: str,
                    *, qop: str = "", nc: str = "00000001", cnonce: str = "") -> str:  # fmt: skip
    """RFC 2617 MD5 digest; with ``qop=auth`` when the server offers it (most cameras do not)."""
    ha1 = _md5(f"{creds.username}:{realm}:{creds.password}")
    ha2 = _md5(f"{method}:{uri}")
    if qop:
        return _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")
    return _md5(f"{ha1}:{nonce}:{ha2}")


class Authenticator:
    """Builds the ``Authorization`` header for each request once a challenge has been seen."""

    def __init__(self, creds: Credentials, challenges: list[Challenge]) -> None:
        self.creds = creds
        digest = next((c for c in challenges if c.scheme == "digest"), None)
        basic = next((c for c in challenges if c.scheme == "basic"), None)
        chosen = digest or basic
        if chosen is None:
            raise RtspProtocolError("401 without a Basic or Digest challenge")
        self.challenge = chosen
        self._nc = 0

    def header(self, method: str, uri: str) -> str:
        if self.challenge.scheme == "basic":
            token = base64.b64encode(f"{self.creds.username}:{self.creds.password}".encode()).decode("ascii")
            return f"Basic {token}"
        p = self.challenge.params
        realm, nonce = p.get("realm", ""), p.get("nonce", "")
        qops = [q.strip() for q in p.get("qop", "").split(",") if q.strip()]
        qop = "auth" if "auth" in qops else ""
        fields = [f'username="{self.creds.username}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"']
        if qop:
            self._nc += 1
            nc = f"{self._nc:08x}"
            cnonce = os.urandom(8).hex()
            response = digest_response(self.creds, realm, nonce, method, uri, qop=qop, nc=nc, cnonce=cnonce)
            fields += [f"qop={qop}", f"nc={nc}", f'cnonce="{cnonce}"']
        else:
            response = digest_response(self.creds, realm, nonce, method, uri)
        fields.append(f'response="{response}"')
        if "opaque" in p:
            fields.append(f'opaque="{p["opaque"]}"')
        fields.append("algorithm=MD5")
        return "Digest " + ", ".join(fields)
