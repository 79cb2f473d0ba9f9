"""Where a camera's recordings are (issue 22 item 1): none, an ONVIF Profile G recorder, or a vendor URL.

Pure data and checks. The address never carries a password: :func:`recorder_source` takes one out of a
URL given with ``user:pass@`` and hands it back apart, for the credential store (as stream URLs are).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from videowall.domain.urls import Credentials, split_credentials


class RecorderKind(StrEnum):
    ONVIF = "onvif"  # Profile G: address host:port of the recorder's ONVIF device service
    HIKVISION = "hikvision"  # /Streaming/tracks/<ch>01?starttime=...Z&endtime=...Z (UTC)
    DAHUA = "dahua"  # /cam/playback?channel=..&starttime=YYYY_MM_DD_hh_mm_ss&endtime=... (recorder local time)


VENDOR_FIELDS = ("{start}", "{end}")


class RecorderProblem(StrEnum):
    """What :meth:`RecorderSource.findings` finds; the value is the English line."""

    NO_CAMERA = "no camera"
    NO_ADDRESS = "no recorder address"
    CREDENTIALS_IN_ADDRESS = "the address must not carry credentials"
    VENDOR_NOT_RTSP = "a vendor playback URL must be rtsp://"
    MISSING_FIELDS = "the playback URL needs"  # detail: "{start}", "{end}" or both
    ONVIF_NOT_HOST_PORT = "an ONVIF recorder address is host:port"
    UNKNOWN_TIMEZONE = "unknown time zone"  # detail: the zone given
    OFFSET_BEYOND_A_WEEK = "clock offset beyond a week"


@dataclass(frozen=True, slots=True)
class RecorderSource:
    """``address``: ``host:port`` (ONVIF) or a URL template with ``{start}`` and ``{end}`` (vendors).
    ``recording_token`` empty: found by the recorder search (the recording whose SourceId is the camera's).
    ``clock_offset_s``: the recorder's clock minus true time."""

    camera_id: str
    kind: RecorderKind
    address: str
    recording_token: str = ""
    timezone: str = "UTC"
    clock_offset_s: float = 0.0

    def findings(self) -> list[tuple[RecorderProblem, str]]:
        """What is wrong, typed (a window words it in its language), with the detail (fields, zone) or ''."""
        out: list[tuple[RecorderProblem, str]] = []
        if not self.camera_id.strip():
            out.append((RecorderProblem.NO_CAMERA, ""))
        if not self.address.strip():
            out.append((RecorderProblem.NO_ADDRESS, ""))
        if "@" in self.address.split("?", 1)[0]:
            out.append((RecorderProblem.CREDENTIALS_IN_ADDRESS, ""))
        if self.kind is not RecorderKind.ONVIF:
            if not self.address.startswith(("rtsp://", "rtsps://")):
                out.append((RecorderProblem.VENDOR_NOT_RTSP, ""))
            missing = [f for f in VENDOR_FIELDS if f not in self.address]
            if missing:
                out.append((RecorderProblem.MISSING_FIELDS, " and ".join(missing)))
        elif "://" in self.address:
            out.append((RecorderProblem.ONVIF_NOT_HOST_PORT, ""))
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            out.append((RecorderProblem.UNKNOWN_TIMEZONE, self.timezone))
        if not abs(self.clock_offset_s) <= 7 * 24 * 3600:  # NaN too
            out.append((RecorderProblem.OFFSET_BEYOND_A_WEEK, ""))
        return out

    def problems(self) -> list[str]:
        """The findings in English (the register import's lines, the storage's refusal)."""
        words = {RecorderProblem.MISSING_FIELDS: "the playback URL needs {}",
                 RecorderProblem.UNKNOWN_TIMEZONE: "unknown time zone {!r}"}
        return [words[p].format(detail) if p in words else p.value for p, detail in self.findings()]


def recorder_source(camera_id: str, kind: str, address: str, *, recording_token: str = "", timezone: str = "UTC",
                    clock_offset_s: float = 0.0) -> tuple[RecorderSource, Credentials | None]:
    """A source from register text; a ``user:pass@`` in the address comes back apart, never kept in it."""
    text = address.strip()
    creds: Credentials | None = None
    if "://" in text:
        text, creds = split_credentials(text.replace("{", "%7B").replace("}", "%7D"))
        text = text.replace("%7B", "{").replace("%7D", "}")
    elif "@" in text:
        userinfo, text = text.rsplit("@", 1)
        user, _, password = userinfo.partition(":")
        creds = Credentials(user, password)
    source = RecorderSource(camera_id.strip(), RecorderKind(kind.strip().lower()), text, recording_token.strip(),
                            timezone.strip() or "UTC", float(clock_offset_s))
    return source, creds
