"""Stream URL rules: split credentials out, and show URLs without secrets."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

STREAM_SCHEMES = frozenset({"rtsp", "rtsps", "rtmp", "http", "https", "srt", "udp", "file"})


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str

    def __repr__(self) -> str:  # never print the password, even by accident in a traceback
        return f"Credentials(username={self.username!r}, password='***')"


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """Return the URL without ``user:pass@`` and the credentials it carried (decoded), if any."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port is not None else host
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    creds = Credentials(unquote(parts.username or ""), unquote(parts.password or ""))
    return clean, creds


def redact(url: str) -> str:
    """The URL as it may be shown or logged: any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def with_credentials(url: str, creds: Credentials | None) -> str:
    """The URL to hand to the ingest process only: credentials put back, percent-encoded."""
    if creds is None:
        return url
    from urllib.parse import quote

    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    userinfo = f"{quote(creds.username, safe='')}:{quote(creds.password, safe='')}"
    return urlunsplit((parts.scheme, f"{userinfo}@{host}", parts.path, parts.query, parts.fragment))
