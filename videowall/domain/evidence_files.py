"""Names of evidence files and the UTC stamps in them (clips, snapshots and their thumbnails)."""

from __future__ import annotations

import time


def utc_iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def utc_day(at: float) -> str:
    """The day folder a file of ``at`` goes into."""
    return time.strftime("%Y-%m-%d", time.gmtime(at))


def utc_stamp(at: float) -> str:
    """A file-name stamp to the millisecond: 20261201T235755.139Z."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime(at)) + f"{at % 1:.3f}"[1:] + "Z"


def thumb_of(rel: str) -> str:
    """The thumbnail beside a snapshot ("" for none)."""
    return rel.rsplit(".", 1)[0] + ".thumb.jpg" if rel else ""
