"""Cameras and the area hierarchy a city register describes.

Frozen dataclasses: the register is read far more than written, and immutable rows are safe to hand
between the database worker and the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class CameraKind(StrEnum):
    """What sort of site the camera watches; the register's ``jenis`` column."""

    RT = "RT"  # neighbourhood (rukun tetangga) camera, often privately hung
    PUBLIC = "publik"  # public space: squares, markets, bridges
    TRAFFIC = "ATCS"  # area traffic control system junction camera
    OTHER = "lainnya"


class ServiceStatus(StrEnum):
    """Whether the city runs the camera; a disabled camera is shown as such, never probed."""

    ACTIVE = "aktif"
    INACTIVE = "nonaktif"


class StreamKind(StrEnum):
    MAIN = "main"
    SUB = "sub"


@dataclass(frozen=True, slots=True)
class Area:
    """Where a camera hangs: kecamatan (district) > kelurahan (village) > RW > RT.

    RW and RT are empty for cameras that are not neighbourhood cameras.
    """

    kecamatan: str
    kelurahan: str = ""
    rw: str = ""
    rt: str = ""

    def path(self) -> tuple[str, ...]:
        """The non-empty levels from the top, used to build the camera tree."""
        rw = f"RW {self.rw}" if self.rw else ""
        rt = f"RT {self.rt}" if self.rt else ""
        levels = (self.kecamatan, self.kelurahan, rw, rt)
        out: list[str] = []
        for level in levels:
            if not level:
                break
            out.append(level)
        return tuple(out)

    def label(self) -> str:
        return " / ".join(self.path())


@dataclass(frozen=True, slots=True)
class Camera:
    """One row of the camera register.

    Stream URLs never carry a password: credentials are held apart (see ``credential_ref``), so a
    ``Camera`` can be logged, shown or exported as it is.
    """

    id: str
    name: str
    kind: CameraKind = CameraKind.OTHER
    area: Area = field(default_factory=lambda: Area(""))
    latitude: float | None = None
    longitude: float | None = None
    main_url: str = ""
    sub_url: str = ""
    onvif_host: str = ""
    onvif_port: int | None = None
    ptz: bool = False
    status: ServiceStatus = ServiceStatus.ACTIVE
    tags: tuple[str, ...] = ()
    notes: str = ""
    credential_ref: str | None = None
    via_relay: bool = False  # watched through the relay (domain/relay.py), not straight from the camera

    @property
    def enabled(self) -> bool:
        return self.status is ServiceStatus.ACTIVE

    def url_for(self, stream: StreamKind) -> str:
        """The URL of the asked stream, falling back to the other one when a camera has only one."""
        if stream is StreamKind.SUB:
            return self.sub_url or self.main_url
        return self.main_url or self.sub_url
