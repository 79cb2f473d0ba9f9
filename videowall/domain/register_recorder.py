"""A camera's recorder in the register's columns (issue 22 item 1): read from an imported row, written to an export.

Columns (Indonesian, as the rest of the register; English names are read too): ``perekam_jenis`` (onvif,
hikvision, dahua; ``tidak`` for none), ``perekam_alamat`` (``host:port`` or the vendor URL template),
``perekam_rekaman`` (the recording token, empty: found by the search), ``perekam_zona_waktu`` and
``perekam_selisih_s`` (the recorder's clock minus true time). A ``user:pass@`` in the address is taken
out, as a stream URL's is, for the credential store; an export never carries it.
"""

from __future__ import annotations

from collections.abc import Mapping

from videowall.domain.recorder_source import RecorderKind, RecorderSource, recorder_source
from videowall.domain.urls import Credentials

RECORDER_COLUMNS: tuple[str, ...] = (
    "perekam_jenis", "perekam_alamat", "perekam_rekaman", "perekam_zona_waktu", "perekam_selisih_s",
)  # fmt: skip
RECORDER_ALIASES: Mapping[str, str] = {
    "perekam_jenis": "recorder_kind", "recorder_kind": "recorder_kind",
    "perekam_alamat": "recorder_address", "recorder_address": "recorder_address",
    "perekam_rekaman": "recorder_token", "recorder_token": "recorder_token", "recording_token": "recorder_token",
    "perekam_zona_waktu": "recorder_timezone", "recorder_timezone": "recorder_timezone",
    "perekam_selisih_s": "recorder_offset_s", "recorder_clock_offset_s": "recorder_offset_s",
}  # fmt: skip
_NONE = frozenset({"tidak", "none", "no", "-"})


class RecorderCells:
    """What a row says about its camera's recorder: nothing (``given`` False: keep what is stored), none
    (``source`` None: remove it), or a source and the account taken out of its address."""

    def __init__(self, given: bool, source: RecorderSource | None = None, credentials: Credentials | None = None,
                 problems: tuple[str, ...] = ()) -> None:
        self.given, self.source, self.credentials, self.problems = given, source, credentials, problems


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def recorder_cells(camera_id: str, fields: Mapping[str, object], decimal: str = ".") -> RecorderCells:
    kind = _text(fields.get("recorder_kind")).lower()
    address = _text(fields.get("recorder_address"))
    if not kind and not address:
        return RecorderCells(False)
    if kind in _NONE:
        return RecorderCells(True)
    if kind not in {k.value for k in RecorderKind}:
        return RecorderCells(True, problems=(f"recorder kind {kind or '(empty)'!r} is not onvif, hikvision, dahua "
                                             "or tidak",))
    offset_text = _text(fields.get("recorder_offset_s")) or "0"
    try:
        offset = float(offset_text.replace(",", ".") if decimal == "," else offset_text)
    except ValueError:
        return RecorderCells(True, problems=(f"recorder clock offset {offset_text!r} is not a number of seconds",))
    source, creds = recorder_source(camera_id, kind, address, recording_token=_text(fields.get("recorder_token")),
                                    timezone=_text(fields.get("recorder_timezone")) or "UTC", clock_offset_s=offset)
    problems = tuple(f"recorder: {p}" for p in source.problems())
    return RecorderCells(True, None if problems else source, creds, problems)


def recorder_row(source: RecorderSource | None) -> list[str]:
    """The five columns of an export (no account: it stays in the credential store)."""
    if source is None:
        return ["tidak", "", "", "", ""]
    return [source.kind.value, source.address, source.recording_token, source.timezone, repr(source.clock_offset_s)]
