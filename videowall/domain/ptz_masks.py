"""Masks on a PTZ camera: drawn on its home view, so they only fit while it is there.

A mask is a set of polygons in picture coordinates. Once a PTZ camera turns, the masked house front
moves across the picture (or out of it) and the polygons cover something else. Without a camera
model mapping pan/tilt/zoom to pixels, the only safe answer is the one control rooms use for
"privacy zones" on cheap domes: a masked PTZ camera is blanked whole from the moment a movement is
asked for until it is sent back home, where its masks fit again. A camera without masks is never
blanked by this rule.

Several camera ids can carry the same picture (a register listing a camera twice, a relay, the sub
stream registered as its own camera): masks belong to the picture, not the id, so cameras sharing a
stream address share their masks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from videowall.domain.privacy import MaskPolygon
from videowall.domain.ptz import UNKNOWN_POSITION, KnownPosition, PositionSource

#: The whole picture: what a masked PTZ camera shows while away from its home view.
FULL_FRAME = MaskPolygon(((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)))


@dataclass(frozen=True, slots=True)
class PtzPose:
    """What this console knows of a PTZ camera's view, from its own commands."""

    has_moved: bool = False  # any movement asked for since the console started
    in_motion: bool = False  # moving, or a movement asked for and not yet sent
    known: KnownPosition = UNKNOWN_POSITION

    @property
    def at_home(self) -> bool:
        """Where its masks were drawn: never moved by us, or sent home and not moved since."""
        if not self.has_moved:
            return True
        return not self.in_motion and self.known.source is PositionSource.HOME


REST = PtzPose()
AWAY = PtzPose(has_moved=True, in_motion=True)


def masks_in_view(polygons: tuple[MaskPolygon, ...], pose: PtzPose) -> tuple[MaskPolygon, ...]:
    """The polygons to burn in: as drawn at home; the whole picture elsewhere; none if there are none."""
    if not polygons or pose.at_home:
        return polygons
    return (FULL_FRAME,)


def stream_key(url: str) -> str:
    """A stream address without credentials, case of the host, default port or trailing slash."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port or (554 if parts.scheme.lower() in ("rtsp", "rtsps") else None)
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{host}:{port}{path}{query}"


def same_picture_groups(streams: Iterable[tuple[str, Iterable[str]]]) -> dict[str, frozenset[str]]:
    """Camera id -> every camera id (itself included) that shows the same picture.

    ``streams`` gives each camera's stream URLs (main and sub). Sharing one address is enough, and it
    carries over: A's main is B's main and B's sub is C's sub puts A, B and C in one group.
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for camera_id, urls in streams:
        parent.setdefault(camera_id, camera_id)
        for key in {k for k in (stream_key(u) for u in urls) if k}:
            if key in owner:
                parent[root(camera_id)] = root(owner[key])
            else:
                owner[key] = camera_id
    members: dict[str, set[str]] = {}
    for camera_id in parent:
        members.setdefault(root(camera_id), set()).add(camera_id)
    return {camera_id: frozenset(members[root(camera_id)]) for camera_id in parent}
