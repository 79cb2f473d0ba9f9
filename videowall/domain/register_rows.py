"""A camera as a register row: the columns the city's registers use, written so the importer reads them back.

Lossless by construction: coordinates as ``repr`` floats, RW/RT as text (leading zeros kept), tags in
the ``label`` column joined with ``; ``. Never a password: URLs in a ``Camera`` carry none, and the
credential reference is internal, so it is not written at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from videowall.domain.camera import Camera
from videowall.domain.recorder_source import RecorderSource
from videowall.domain.register_recorder import RECORDER_COLUMNS, recorder_row

#: The city register's own columns (its CSV header), in its order: the one table every writer of a
#: register uses (the export, the simulated fleet, the load responder, the generated city).
CITY_COLUMNS: tuple[str, ...] = (
    "id_titik", "nama_titik", "jenis", "kecamatan", "kelurahan", "rw", "rt", "latitude", "longitude",
    "rtsp_utama", "rtsp_sub", "onvif_host", "onvif_port", "ptz", "status_layanan", "keterangan",
)  # fmt: skip
#: videowall's export: the city's columns, the tags (``label``), the relay mark (``lewat_relay``) and the
#: camera's recorder (``perekam_*``, domain/register_recorder.py) the console adds.
REGISTER_HEADER: tuple[str, ...] = (*CITY_COLUMNS, "label", "lewat_relay", *RECORDER_COLUMNS)
NO_PASSWORDS_NOTE = (
    "Exported without passwords: stream credentials stay encrypted in the videowall database and are "
    "never written to an export. Re-importing into the same database keeps the stored credentials."
)
TAG_SEPARATOR = "; "


def _coordinate(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def camera_to_register_row(camera: Camera, recorder: RecorderSource | None = None) -> list[str]:
    """One CSV row under ``REGISTER_HEADER`` (``recorder``: the camera's, if it has one)."""
    return [
        camera.id, camera.name, camera.kind.value, camera.area.kecamatan, camera.area.kelurahan, camera.area.rw,
        camera.area.rt, _coordinate(camera.latitude), _coordinate(camera.longitude), camera.main_url,
        camera.sub_url, camera.onvif_host, "" if camera.onvif_port is None else str(camera.onvif_port),
        "ya" if camera.ptz else "tidak", camera.status.value, camera.notes, TAG_SEPARATOR.join(camera.tags),
        "ya" if camera.via_relay else "tidak", *recorder_row(recorder),
    ]  # fmt: skip


def camera_to_register_json(camera: Camera, recorder: RecorderSource | None = None) -> dict[str, Any]:
    """One JSON object with the same Indonesian keys; tags as a list so no separator can split a tag."""
    row: dict[str, Any] = dict(zip(REGISTER_HEADER, camera_to_register_row(camera, recorder), strict=True))
    row["latitude"] = camera.latitude
    row["longitude"] = camera.longitude
    row["onvif_port"] = camera.onvif_port
    row["label"] = list(camera.tags)
    return row


def tags_need_json(cameras: Iterable[Camera]) -> list[str]:
    """Ids of cameras whose tags a CSV could not carry (a tag holding ``;``, ``,`` or ``|``)."""
    return [c.id for c in cameras if any(ch in t for t in c.tags for ch in ";,|")]
