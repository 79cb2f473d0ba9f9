"""Rules for one row of a city camera register (CSV or JSON), free of any file or database code.

The registers come from kecamatan offices and are edited by hand in spreadsheets, so every rule here
answers "what exactly is wrong with line N" with a reason code an operator can act on. Reading the
file and writing the database live in ``videowall.services.register_import``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from videowall.domain.camera import Area, Camera, CameraKind, ServiceStatus
from videowall.domain.register_recorder import RECORDER_ALIASES, RecorderCells, recorder_cells
from videowall.domain.urls import STREAM_SCHEMES, Credentials, redact, split_credentials

T = TypeVar("T")


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
class Defect:
    """One thing wrong with a row; a row may have several."""

    code: ProblemCode
    message: str


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A rejected row. ``line`` is the file line (header = line 1) for CSV, the item number for JSON.

    ``code`` and ``message`` are the first defect; ``more`` holds the row's other defects, so a line is
    reported for everything wrong with it, not for its first defect only.
    """

    line: int
    camera_id: str
    code: ProblemCode
    message: str
    more: tuple[Defect, ...] = ()

    @property
    def defects(self) -> tuple[Defect, ...]:
        return (Defect(self.code, self.message), *self.more)

    @property
    def codes(self) -> tuple[ProblemCode, ...]:
        return tuple(d.code for d in self.defects)

    @property
    def text(self) -> str:
        """Every defect's message, in order, for one report line."""
        return "; ".join(d.message for d in self.defects)


def problem_of(line: int, camera_id: str, defects: Sequence[Defect]) -> RowProblem:
    """The rejection for a row with at least one defect."""
    first, *rest = defects
    return RowProblem(line, camera_id, first.code, first.message, tuple(rest))


@dataclass(frozen=True, slots=True)
class ValidRow:
    """An accepted row: the camera (URLs already without passwords) and the credentials taken out."""

    line: int
    camera: Camera
    credentials: Credentials | None
    recorder: RecorderCells | None = None  # the recorder columns, when the file has them


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
    "lewat_relay": "via_relay", "via_relay": "via_relay", "relay": "via_relay",
    "status_layanan": "status", "status": "status",
    "keterangan": "notes", "notes": "notes", "catatan": "notes",
    "tags": "tags", "label": "tags",
    **RECORDER_ALIASES,  # the camera's recorder (domain/register_recorder.py)
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
    """Validates rows one at a time, then settles duplicated ids once the whole file is read.

    ``validate`` checks a row on its own and lists every defect it has. A register may give one id to
    two rows, and the row kept must not depend on the order: ``settle`` keeps, of the rows sharing an
    id, the one whose main URL names that id (the other's id was mistyped), and rejects them all when
    none or several do, so nobody clicking the id gets another camera's stream.
    """

    def __init__(self, decimal: str = ".") -> None:
        self.decimal = decimal
        self._rows: dict[str, list[tuple[int, str]]] = {}  # id -> [(line, raw main URL)] in file order

    def validate(
        self, line: int, fields: Mapping[str, object], extras: Sequence[tuple[str, object]] = ()
    ) -> ValidRow | RowProblem:
        """Check one row given as canonical field -> raw value; unknown columns come as ``extras``."""
        camera_id = _text(fields.get("id"))
        defects: list[Defect] = []
        if camera_id:
            self._rows.setdefault(camera_id, []).append((line, _text(fields.get("main_url"))))
        else:
            defects.append(Defect(ProblemCode.MISSING_ID, "no camera id"))
        camera, credentials = self._build(camera_id, fields, extras, defects)
        recorder = recorder_cells(camera_id, fields, self.decimal)
        defects.extend(Defect(ProblemCode.BAD_VALUE, problem) for problem in recorder.problems)
        if defects or camera is None:
            return problem_of(line, camera_id, defects)
        return ValidRow(line, camera, credentials, recorder if recorder.given else None)

    def settle(self, results: Sequence[ValidRow | RowProblem]) -> tuple[list[ValidRow], list[RowProblem]]:
        """Split checked rows into kept and rejected, rejecting the rows of duplicated ids as described above."""
        good = {r.line for r in results if isinstance(r, ValidRow)}
        duplicates = {cid: duplicate_verdict(cid, rows, good) for cid, rows in self._rows.items() if len(rows) > 1}
        valid: list[ValidRow] = []
        problems: list[RowProblem] = []
        for result in results:
            camera_id = result.camera.id if isinstance(result, ValidRow) else result.camera_id
            verdict = duplicates.get(camera_id)
            dup = verdict.get(result.line) if verdict is not None else None
            if dup is None:
                (valid if isinstance(result, ValidRow) else problems).append(result)  # type: ignore[arg-type]
            elif isinstance(result, ValidRow):
                problems.append(problem_of(result.line, camera_id, [dup]))
            else:
                problems.append(problem_of(result.line, camera_id, [dup, *result.defects]))
        return valid, problems

    def _build(
        self, camera_id: str, fields: Mapping[str, object], extras: Sequence[tuple[str, object]],
        defects: list[Defect],
    ) -> tuple[Camera | None, Credentials | None]:
        def check(fn: Callable[[], T], default: T) -> T:
            try:
                return fn()
            except _Reject as reject:
                defects.append(Defect(reject.code, reject.message))
                return default

        name = _text(fields.get("name"))
        if not name:
            defects.append(Defect(ProblemCode.EMPTY_NAME, "camera name is empty"))
        raw_main = _text(fields.get("main_url"))
        raw_sub = _text(fields.get("sub_url"))
        no_url: tuple[str, Credentials | None] | None = None
        main: tuple[str, Credentials | None] | None = no_url
        if not raw_main:
            hint = " (only a sub stream URL is given)" if raw_sub else ""
            defects.append(Defect(ProblemCode.MISSING_URL, "no main stream URL" + hint))
        else:
            main = check(lambda: _stream_url(raw_main, "main"), no_url)
        sub = check(lambda: _stream_url(raw_sub, "sub"), no_url) if raw_sub else ("", None)
        main_creds = main[1] if main else None
        sub_creds = sub[1] if sub else None
        if main_creds and sub_creds and main_creds != sub_creds:
            defects.append(Defect(ProblemCode.CREDENTIAL_CONFLICT, "main and sub URLs carry different credentials"))
        bad = len(defects)
        latitude = check(lambda: self._coordinate(fields.get("latitude"), ProblemCode.BAD_LAT, "latitude", 90.0), None)
        longitude = check(
            lambda: self._coordinate(fields.get("longitude"), ProblemCode.BAD_LON, "longitude", 180.0), None
        )
        if len(defects) == bad and (latitude is None) != (longitude is None):
            code, which = (ProblemCode.BAD_LON, "longitude") if longitude is None else (ProblemCode.BAD_LAT, "latitude")
            defects.append(Defect(code, f"{which} is missing while the other coordinate is given"))
        onvif_port = check(lambda: _port(fields.get("onvif_port")), None)
        ptz = check(lambda: _flag(fields.get("ptz")), False)
        via_relay = check(lambda: _flag(fields.get("via_relay"), "lewat_relay"), False)
        status = check(lambda: _status(fields.get("status")), ServiceStatus.ACTIVE)
        if defects or main is None or sub is None:
            return None, None
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
            main_url=main[0],
            sub_url=sub[0],
            onvif_host=_text(fields.get("onvif_host")),
            onvif_port=onvif_port,
            ptz=ptz,
            via_relay=via_relay,
            status=status,
            tags=parse_tags(fields.get("tags")),
            notes="; ".join(n for n in notes if n),
        )
        return camera, main_creds or sub_creds

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


SHOWN_LINES = 5  # a duplicate's message names at most this many other lines


def duplicate_verdict(camera_id: str, rows: Sequence[tuple[int, str]], good: Collection[int] = ()) -> dict[int, Defect]:
    """line -> DUP_ID defect for every row of one duplicated id that is not kept (see ``RowValidator``).

    ``good``: the lines without a defect of their own, to say whether the row that names the id is kept.
    """
    naming = [line for line, url in rows if camera_id in url]
    keeper = naming[0] if len(naming) == 1 else None
    lines = [line for line, _ in rows]
    verdict: dict[int, Defect] = {}
    for line in lines:
        if line == keeper:
            continue
        if keeper is not None:
            kept = "and is kept" if keeper in good else "(rejected for its own defects)"
            message = (f"id also on line {keeper}, whose URL names {camera_id} {kept}: "
                       f"this row's URL does not, so its id looks mistyped")
        else:
            others = [n for n in lines if n != line]
            shown = ", ".join(str(n) for n in others[:SHOWN_LINES])
            if len(others) > SHOWN_LINES:
                shown += f" and {len(others) - SHOWN_LINES:,} more"
            why = (f"several of them name {camera_id} in their URL" if naming
                   else f"none of their URLs names {camera_id}")
            plural = "s" if len(others) > 1 else ""
            message = f"id also on line{plural} {shown}; {why}, so all {len(rows):,} are rejected"
        verdict[line] = Defect(ProblemCode.DUP_ID, message)
    return verdict


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


def _flag(value: object, column: str = "ptz") -> bool:
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Reject(ProblemCode.BAD_VALUE, f"{column} {text!r} is not ya/tidak/yes/no/true/false/1/0")


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
