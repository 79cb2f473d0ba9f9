"""Rules for one row of a city camera register (CSV or JSON), free of any file or database code.

The registers come from kecamatan offices and are edited by hand in spreadsheets, so every rule here
answers "what exactly is wrong with line N" with a reason code an operator can act on. Reading the
file and writing the database live in ``videowall.services.register_import``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus
from videowall.domain.urls import STREAM_SCHEMES, Credentials, redact, split_credentials


class ProblemCode(StrEnum):
    """Why a row was rejected; stable strings, used in reports and JSON output."""

    MALFORMED = "malformed"  # wrong field count or broken quoting
    MISSING_ID = "missing_id"
    DUP_ID = "dup_id"
    EMPTY_NAME = "empty_name"
    MISSING_URL = "missing_url"
    BAD_SCHEME = "bad_scheme"
    BAD_LAT = "bad_lat"
    BAD_LON = "bad_lon"
    BAD_PORT = "bad_port"
    BAD_VALUE = "bad_value"  # a ptz or status word we do not understand
    CREDENTIAL_CONFLICT = "credential_conflict"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A rejected row. ``line`` is the file line (header = line 1) for CSV, the item number for JSON."""

    line: int
    camera_id: str
    code: ProblemCode
    message: str


@dataclass(frozen=True, slots=True)
class ValidRow:
    """An accepted row: the camera (URLs already without passwords) and the credentials taken out."""

    line: int
    camera: Camera
    credentials: Credentials | None


class RegisterFormatError(ValueError):
    """The file as a whole cannot be read as a register (no usable header, not a list of objects)."""


# Canonical field names are the English ones; Indonesian register headers map onto them.
FIELD_ALIASES: Mapping[str, str] = {
    "id_titik": "id", "id": "id", "camera_id": "id", "kode": "id",
    "nama_titik": "name", "nama": "name", "name": "name",
    "jenis": "kind", "type": "kind", "kind": "kind",
    "kecamatan": "kecamatan", "district": "kecamatan",
    "kelurahan": "kelurahan", "village": "kelurahan", "desa": "kelurahan",
    "rw": "rw", "rt": "rt",
    "latitude": "latitude", "lat": "latitude", "lintang": "latitude",
    "longitude": "longitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
    "bujur": "longitude",
    "rtsp_utama": "main_url", "main_url": "main_url", "url_utama": "main_url",
    "rtsp_sub": "sub_url", "sub_url": "sub_url", "url_sub": "sub_url",
    "onvif_host": "onvif_host", "onvif_port": "onvif_port",
    "ptz": "ptz",
    "status_layanan": "status", "status": "status",
    "keterangan": "notes", "notes": "notes", "catatan": "notes",
    "tags": "tags", "label": "tags",
}  # fmt: skip
REQUIRED_FIELDS = ("id", "name", "main_url")

_TRUE = frozenset({"ya", "y", "yes", "true", "1", "benar"})
_FALSE = frozenset({"tidak", "t", "no", "n", "false", "0", "salah", ""})
_STATUS = {
    **dict.fromkeys(("aktif", "active", "enabled", ""), ServiceStatus.ACTIVE),
    **dict.fromkeys(
        ("nonaktif", "non-aktif", "non aktif", "tidak aktif", "inactive", "disabled"), ServiceStatus.INACTIVE
    ),
}
_KINDS = {
    "rt": CameraKind.RT, "publik": CameraKind.PUBLIC, "public": CameraKind.PUBLIC,
    "atcs": CameraKind.TRAFFIC, "traffic": CameraKind.TRAFFIC, "lalu lintas": CameraKind.TRAFFIC,
    "lainnya": CameraKind.OTHER, "other": CameraKind.OTHER, "": CameraKind.OTHER,
}  # fmt: skip
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")
_DECIMAL_POINT = re.compile(r"^\s*[-+]?\d+\.\d+\s*$")


def normalise_header(column: str) -> str:
    """``" Nama Titik "`` -> ``"nama_titik"``, so spreadsheet spelling differences do not matter."""
    return re.sub(r"[\s\-]+", "_", column.strip().lstrip("\ufeff").strip().lower())


def map_columns(columns: Sequence[str]) -> dict[str, str]:
    """Map each source column to a canonical field, or to itself when unknown (kept in notes).

    Raises ``RegisterFormatError`` when a required field has no column or two columns mean one field.
    """
    mapping: dict[str, str] = {}
    taken: dict[str, str] = {}
    for column in columns:
        field = FIELD_ALIASES.get(normalise_header(column))
        if field is None:
            continue
        if field in taken:
            raise RegisterFormatError(f"columns {taken[field]!r} and {column!r} both mean {field!r}")
        taken[field] = column
        mapping[column] = field
    missing = [f for f in REQUIRED_FIELDS if f not in taken]
    if missing:
        raise RegisterFormatError(
            "no column for " + ", ".join(missing) + f" (found: {', '.join(columns) or 'nothing'})"
        )
    return mapping


def detect_decimal(values: Iterable[str]) -> str:
    """``","`` when coordinates are mostly written ``-6,93`` (Indonesian locale), else ``"."``."""
    comma = point = 0
    for value in values:
        if _DECIMAL_COMMA.match(value):
            comma += 1
        elif _DECIMAL_POINT.match(value):
            point += 1
    return "," if comma > point else "."


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


class _Reject(Exception):
    def __init__(self, code: ProblemCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class RowValidator:
    """Validates rows in file order; remembers ids so a later duplicate is rejected and the first kept."""

    def __init__(self, decimal: str = ".") -> None:
        self.decimal = decimal
        self._seen: dict[str, tuple[int, str]] = {}  # id -> (line, main URL) of the row kept

    def validate(
        self, line: int, fields: Mapping[str, object], extras: Sequence[tuple[str, object]] = ()
    ) -> ValidRow | RowProblem:
        """Check one row given as canonical field -> raw value; unknown columns come as ``extras``."""
        camera_id = _text(fields.get("id"))
        try:
            if not camera_id:
                raise _Reject(ProblemCode.MISSING_ID, "no camera id")
            first = self._seen.get(camera_id)
            main_url = _text(fields.get("main_url"))
            if first is not None:
                raise _Reject(ProblemCode.DUP_ID, _duplicate_message(camera_id, first, main_url))
            self._seen[camera_id] = (line, main_url)
            return self._build(line, camera_id, fields, extras)
        except _Reject as reject:
            return RowProblem(line, camera_id, reject.code, reject.message)

    def _build(
        self, line: int, camera_id: str, fields: Mapping[str, object], extras: Sequence[tuple[str, object]]
    ) -> ValidRow:
        name = _text(fields.get("name"))
        if not name:
            raise _Reject(ProblemCode.EMPTY_NAME, "camera name is empty")
        raw_main = _text(fields.get("main_url"))
        raw_sub = _text(fields.get("sub_url"))
        if not raw_main:
            hint = " (only a sub stream URL is given)" if raw_sub else ""
            raise _Reject(ProblemCode.MISSING_URL, "no main stream URL" + hint)
        main_url, main_creds = _stream_url(raw_main, "main")
        sub_url, sub_creds = _stream_url(raw_sub, "sub") if raw_sub else ("", None)
        if main_creds and sub_creds and main_creds != sub_creds:
            raise _Reject(ProblemCode.CREDENTIAL_CONFLICT, "main and sub URLs carry different credentials")
        latitude = self._coordinate(fields.get("latitude"), ProblemCode.BAD_LAT, "latitude", 90.0)
        longitude = self._coordinate(fields.get("longitude"), ProblemCode.BAD_LON, "longitude", 180.0)
        if (latitude is None) != (longitude is None):
            code, which = (ProblemCode.BAD_LON, "longitude") if longitude is None else (ProblemCode.BAD_LAT, "latitude")
            raise _Reject(code, f"{which} is missing while the other coordinate is given")
        notes = [_text(fields.get("notes"))]
        kind_text = _text(fields.get("kind"))
        kind = _KINDS.get(kind_text.lower())
        if kind is None:  # an unfamiliar site type is no reason to drop a camera: keep the word
            kind = CameraKind.OTHER
            notes.append(f"jenis: {kind_text}")
        notes.extend(f"{column}: {_text(value)}" for column, value in extras if _text(value))
        notes = [_scrub(n) for n in notes]
        camera = Camera(
            id=camera_id,
            name=name,
            kind=kind,
            area=Area(*(_text(fields.get(k)) for k in ("kecamatan", "kelurahan", "rw", "rt"))),
            latitude=latitude,
            longitude=longitude,
            main_url=main_url,
            sub_url=sub_url,
            onvif_host=_text(fields.get("onvif_host")),
            onvif_port=_port(fields.get("onvif_port")),
            ptz=_flag(fields.get("ptz")),
            status=_status(fields.get("status")),
            tags=parse_tags(fields.get("tags")),
            notes="; ".join(n for n in notes if n),
        )
        return ValidRow(line, camera, main_creds or sub_creds)

    def _coordinate(self, value: object, code: ProblemCode, label: str, limit: float) -> float | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        else:
            text = _text(value)
            if not text:
                return None
            if self.decimal == ",":
                if "." in text:
                    raise _Reject(code, f"{label} {text!r} uses '.' but this file writes decimals with ','")
                text = text.replace(",", ".")
            try:
                number = float(text)
            except ValueError:
                raise _Reject(code, f"{label} {_text(value)!r} is not a number") from None
        if not math.isfinite(number) or not -limit <= number <= limit:
            raise _Reject(code, f"{label} {number:g} is outside -{limit:g}..{limit:g}")
        return number


def _duplicate_message(camera_id: str, first: tuple[int, str], main_url: str) -> str:
    """Say which line holds the id, and flag the likely culprit when only this row's URL names the id."""
    line, first_url = first
    message = f"id already used on line {line}"
    if camera_id in main_url and first_url and camera_id not in first_url:
        message += f" (whose URL does not mention {camera_id}: that row's id may be mistyped)"
    return message


def _stream_url(url: str, which: str) -> tuple[str, Credentials | None]:
    """Check the URL is a stream URL and take any ``user:pass@`` out of it."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise _Reject(ProblemCode.BAD_SCHEME, f"{which} URL cannot be parsed: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in STREAM_SCHEMES:
        shown = f"scheme {scheme!r}" if scheme else "no scheme"
        raise _Reject(
            ProblemCode.BAD_SCHEME,
            f"{which} URL has {shown}; expected one of {', '.join(sorted(STREAM_SCHEMES))}",
        )
    if scheme != "file" and not parts.hostname:
        raise _Reject(ProblemCode.BAD_SCHEME, f"{which} URL has no host")
    if any(c.isspace() for c in url):
        raise _Reject(ProblemCode.BAD_SCHEME, f"{which} URL contains spaces")
    return split_credentials(url)


def _scrub(text: str) -> str:
    """Hide passwords of any URL written into notes or extra columns (they are kept nowhere else)."""
    if "://" not in text or "@" not in text:
        return text
    return re.sub(r"[A-Za-z][A-Za-z0-9+.\-]*://\S+", lambda m: _redact_or_keep(m.group(0)), text)


def _redact_or_keep(url: str) -> str:
    try:
        return redact(url)
    except (ValueError, IndexError):
        return url.split("://", 1)[0] + "://***"


def _port(value: object) -> int | None:
    text = _text(value)
    if not text:
        return None
    try:
        port = int(float(text)) if re.fullmatch(r"\d+\.0+", text) else int(text)  # spreadsheets write 8080.0
    except ValueError:
        raise _Reject(ProblemCode.BAD_PORT, f"ONVIF port {text!r} is not a number") from None
    if not 1 <= port <= 65535:
        raise _Reject(ProblemCode.BAD_PORT, f"ONVIF port {port} is outside 1..65535")
    return port


def _flag(value: object) -> bool:
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Reject(ProblemCode.BAD_VALUE, f"ptz {text!r} is not ya/tidak/yes/no/true/false/1/0")


def _status(value: object) -> ServiceStatus:
    text = _text(value).lower()
    status = _STATUS.get(text)
    if status is None:
        raise _Reject(ProblemCode.BAD_VALUE, f"status {text!r} is not aktif/nonaktif/active/inactive")
    return status


def parse_tags(value: object) -> tuple[str, ...]:
    """Tags from a JSON list or a ``a; b | c`` string, trimmed and without repeats, order kept."""
    items: Iterable[object] = value if isinstance(value, list | tuple) else re.split(r"[;,|]", _text(value))
    out: dict[str, None] = {}
    for item in items:
        tag = _text(item)
        if tag:
            out.setdefault(tag, None)
    return tuple(out)
