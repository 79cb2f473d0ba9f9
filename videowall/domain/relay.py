"""The camera relay's rules: where a camera stream is served on the relay, and its upstream's state.

A camera marked ``via_relay`` in the register is watched through the relay (``videowall relay serve``):
the relay pulls each of its streams once and serves it at ``/cam/<camera id>/<main|sub>`` to every
console and wall agent, which sign in with the relay's own account, never with the camera's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from videowall.domain.camera import Camera, StreamKind

#: The credential store's reference for the relay's own client account (``videowall relay account``).
RELAY_ACCOUNT_REF = "relay-account"
#: Setting: the relay's address as clients reach it, e.g. ``rtsp://10.0.0.5:8600`` (empty: no relay).
RELAY_URL_SETTING = "relay_url"
STATES = ("idle", "connecting", "up", "down", "reconnecting")


def relay_path(camera_id: str, stream: StreamKind) -> str:
    return f"/cam/{quote(camera_id, safe='-_.~')}/{stream.value}"


def relay_base(url: str) -> str:
    """``rtsp://host:port`` from a relay address setting; ValueError when it is not one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("rtsp", "rtsps") or not parts.hostname or parts.username or parts.password:
        raise ValueError(f"relay address {url!r} must be rtsp://HOST:PORT without an account in it")
    return f"{parts.scheme}://{parts.netloc}"


def relay_stream_url(base: str, camera: Camera, stream: StreamKind) -> str:
    """The relay URL of a camera stream (no credentials; the client adds the relay account's).

    A camera with one stream is served once, as ``main``; its sub stream is that one."""
    if stream is StreamKind.SUB and not _has_own_sub(camera):
        stream = StreamKind.MAIN
    return relay_base(base) + relay_path(camera.id, stream)


def _has_own_sub(camera: Camera) -> bool:
    return bool(camera.sub_url) and camera.sub_url != camera.main_url


def relayed_streams(cameras: list[Camera]) -> list[tuple[Camera, StreamKind]]:
    """Every (camera, stream) the relay serves: the enabled cameras marked ``via_relay``, each stream they have."""
    out: list[tuple[Camera, StreamKind]] = []
    for camera in cameras:
        if not (camera.via_relay and camera.enabled):
            continue
        out.append((camera, StreamKind.MAIN))
        if _has_own_sub(camera):
            out.append((camera, StreamKind.SUB))
    return out


@dataclass(frozen=True)
class UpstreamState:
    """What the relay knows of one relayed stream's pull from its camera."""

    path: str
    state: str  # idle | connecting | up | down | reconnecting
    since: float  # epoch seconds of the last change of state
    viewers: int = 0
    restarts: int = 0
    error: str = ""

    @classmethod
    def from_json(cls, path: str, item: Mapping[str, Any]) -> UpstreamState:
        state = str(item.get("state", "idle"))
        return cls(path=path, state=state if state in STATES else "idle", since=float(item.get("since", 0.0)),
                   viewers=int(item.get("viewers", 0)), restarts=int(item.get("restarts", 0)),
                   error=str(item.get("error", "")))

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, "since": self.since, "viewers": self.viewers, "restarts": self.restarts,
                "error": self.error}

    def line(self) -> str:
        """One line for ``videowall relay status``: ``/cam/X/sub  down since 22:41:05 UTC (2 viewers) ...``."""
        since = datetime.fromtimestamp(self.since, UTC).strftime("%H:%M:%S UTC")
        word = f"{self.state} since {since}"
        extra = f" restarts {self.restarts}" if self.restarts else ""
        error = f" ({self.error})" if self.error and self.state != "up" else ""
        return f"{self.path:<32} {word:<28} viewers {self.viewers}{extra}{error}"
