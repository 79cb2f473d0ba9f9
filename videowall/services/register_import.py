"""Import a city camera register (CSV or JSON) into the database.

Reading is forgiving about the file (delimiter, BOM, encoding, decimal comma, Indonesian or English
headers) and strict about rows: every defective row is reported with its line and reason. A run is
all-or-nothing unless the caller asks for ``valid_only``; either way the write is one transaction.
Passwords found in stream URLs are moved to the credential store before anything is written.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from videowall.domain.access import Permission, User, require
from videowall.domain.register import (
    FIELD_ALIASES,
    ProblemCode,
    RegisterFormatError,
    RowProblem,
    RowValidator,
    ValidRow,
    detect_decimal,
    map_columns,
    normalise_header,
)
from videowall.security import audit
from videowall.security.secrets import CredentialBackend
from videowall.storage.cameras import CameraRepository
from videowall.storage.recorder_sources import RecorderSourceRepository

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
PROGRESS_EVERY = 250
_DELIMITERS = (",", ";", "\t")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (missing, empty, undecodable, not CSV or JSON)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True, slots=True)
class ParsedRegister:
    """The file read and every row checked; nothing written yet."""

    format: str
    rows_read: int
    valid: list[ValidRow]
    problems: list[RowProblem]
    encoding: str = "utf-8"
    delimiter: str = ""
    decimal: str = "."


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did. ``rejected`` is sorted by line; ``imported`` is 0 when a strict run had defects."""

    source: Path
    rows_read: int
    imported: int
    rejected: list[RowProblem]
    credentials_stored: int
    duration: float
    valid_only: bool = False
    format: str = "csv"
    details: dict[str, str] = field(default_factory=dict)
    added: int = 0  # of ``imported``: cameras new to the register
    updated: int = 0  # of ``imported``: cameras that were there and were replaced
    restored: int = 0  # of ``updated``: retired cameras (see register_sync) the file lists again

    @property
    def complete(self) -> bool:
        return not self.rejected and self.imported == self.rows_read

    def to_json(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "format": self.format,
            "rows_read": self.rows_read,
            "imported": self.imported,
            "added": self.added,
            "updated": self.updated,
            "restored": self.restored,
            "rejected": [
                {"line": p.line, "camera_id": p.camera_id, "code": p.code.value, "message": p.text,
                 **({"codes": [c.value for c in p.codes]} if p.more else {})}
                for p in self.rejected
            ],
            "credentials_stored": self.credentials_stored,
            "duration_s": round(self.duration, 4),
            "valid_only": self.valid_only,
            **self.details,
        }


def credential_ref_for(camera_id: str) -> str:
    """One credential row per camera, so a re-import replaces rather than piles up secrets."""
    return f"camera:{camera_id}"


def import_register(
    path: Path | str,
    db: Database,
    credentials: CredentialBackend,
    *,
    user: User,
    valid_only: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Read, check and (if allowed) write the register in one transaction on ``db``, as ``user``.

    ``user`` must have IMPORT_REGISTER (else ``AccessDenied``, before the file is read). Every import
    that reads a register is audited (who, file, rows added/updated/rejected), in the same
    transaction as its rows. Run it where ``db`` lives: on the ``DatabaseWriter`` thread in the app,
    so ``progress(done, total)`` is called on that thread too (emit a Qt signal from it, never touch
    widgets). Raises ``ImportFileError`` for a file that cannot be read as a register at all.
    """
    require(user, Permission.IMPORT_REGISTER)
    started = time.perf_counter()
    path = Path(path)
    parsed = read_register(path, progress=progress)
    imported = stored = added = restored = 0
    write = bool(parsed.valid) and (valid_only or not parsed.problems)
    with db.atomic():
        if write:
            imported, stored, added, restored = write_rows(db, credentials, parsed.valid)
        audit.append(db, user.name, audit.Action.IMPORT, str(path.resolve()),
                     f"rows read {parsed.rows_read}, added {added}, updated {imported - added}, "
                     f"rejected {len(parsed.problems)}{f', restored {restored}' if restored else ''}"
                     f"{', valid rows only' if valid_only else ''}"
                     f"{'' if write or not parsed.problems else '; nothing imported'}")
    if progress is not None:
        progress(parsed.rows_read, parsed.rows_read)
    report = ImportReport(
        source=path,
        rows_read=parsed.rows_read,
        imported=imported,
        rejected=sorted(parsed.problems, key=lambda p: p.line),
        credentials_stored=stored,
        duration=time.perf_counter() - started,
        valid_only=valid_only,
        format=parsed.format,
        details={"encoding": parsed.encoding, "delimiter": parsed.delimiter, "decimal": parsed.decimal},
        added=added,
        updated=imported - added,
        restored=restored,
    )
    log.info(
        "import %s: %d rows read, %d imported, %d rejected, %d credentials in %.3f s",
        path, report.rows_read, report.imported, len(report.rejected), stored, report.duration,
    )  # fmt: skip
    return report


def write_rows(db: Database, credentials: CredentialBackend,
               rows: Sequence[ValidRow]) -> tuple[int, int, int, int]:
    """(written, credentials stored, of the written: new to the register, and retired ones restored).
    A retired camera the file lists is in service again: the register names it."""
    cameras = CameraRepository(db)
    stored = 0
    with db.atomic():
        known = {r[0] for r in db.execute("SELECT id FROM cameras")}
        added = len({row.camera.id for row in rows} - known)
        kept_refs = cameras.credential_refs()
        out = []
        for row in rows:
            camera = row.camera
            if row.credentials is not None:
                ref = credentials.put(row.credentials, credential_ref_for(camera.id))
                camera = replace(camera, credential_ref=ref)
                stored += 1
            elif camera.id in kept_refs:  # the register no longer carries the password: keep ours
                camera = replace(camera, credential_ref=kept_refs[camera.id])
            out.append(camera)
        written = cameras.upsert_many(out)
        restored = cameras.restore(c.id for c in out)
        recorders = RecorderSourceRepository(db, credentials)
        for row in rows:  # a row without the recorder columns leaves the stored recorder as it is
            cells = row.recorder
            if cells is not None and cells.source is not None:
                recorders.save(cells.source, cells.credentials)  # no account in the file: the stored one stays
                stored += cells.credentials is not None
            elif cells is not None:
                recorders.remove(row.camera.id)
    return written, stored, added, restored


def read_register(path: Path | str, *, progress: ProgressCallback | None = None) -> ParsedRegister:
    """Decode the file, tell CSV from JSON, and check every row."""
    path = Path(path)
    text, encoding = _decode(path)
    stripped = text.lstrip()
    try:
        if path.suffix.lower() == ".json" or stripped[:1] in ("[", "{"):
            return _read_json(path, stripped, encoding, progress)
        return _read_csv(path, text, encoding, progress)
    except RegisterFormatError as exc:
        raise ImportFileError(path, str(exc)) from None


def _decode(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(path, "file not found") from None
    except IsADirectoryError:
        raise ImportFileError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ImportFileError(path, "is empty")
    if raw.startswith(b"PK\x03\x04"):
        raise ImportFileError(path, "is a zip archive or Excel workbook; save it as CSV (UTF-8) or JSON first")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates: tuple[str, ...] = ("utf-16",)
    elif (bom_less := _utf16_without_bom(raw[:4096])) is not None:
        candidates = (bom_less,)
    elif b"\x00" in raw[:4096]:
        raise ImportFileError(path, "is a binary file, not a CSV or JSON camera register")
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ImportFileError(path, "cannot be decoded as UTF-8, UTF-16 or Windows-1252 text")
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n")
    if "\x00" in sample or controls > len(sample) // 100:
        raise ImportFileError(path, "is a binary file, not a CSV or JSON camera register")
    if encoding == "cp1252":
        log.warning("%s is not UTF-8; read it as Windows-1252", path)
    return text.lstrip("\ufeff"), "utf-8" if encoding == "utf-8-sig" else encoding


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 text saved without a byte order mark, else None.

    Registers are mostly ASCII, so in UTF-16 every other byte is zero: the odd bytes for little
    endian, the even ones for big endian. A binary file has zeros (and everything else) anywhere.
    """
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0 : pairs * 2 : 2], sample[1 : pairs * 2 : 2]
    zero_even, zero_odd = even.count(0), odd.count(0)
    if zero_odd >= 0.7 * pairs and zero_even <= 0.02 * pairs:
        return "utf-16-le"
    if zero_even >= 0.7 * pairs and zero_odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _sniff_delimiter(first_line: str) -> str:
    """The delimiter used most in the header line (quoted parts ignored); ``,`` when none is used."""
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(reader: Iterator[list[str]], line_of: Callable[[], int]) -> Iterator[tuple[int, list[str] | str]]:
    """(start line, fields) per record, or (line, error text) when quoting is broken."""
    while True:
        start = line_of() + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, str(exc)
            continue
        if record:  # a blank line is no row
            yield start, record


def _read_csv(path: Path, text: str, encoding: str, progress: ProgressCallback | None) -> ParsedRegister:
    delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ImportFileError(path, f"has no readable header line ({exc or 'empty'})") from None
    mapping = map_columns(header)
    fields = [mapping.get(h) for h in header]
    records = list(_records(reader, lambda: reader.line_num))
    if not records:
        raise ImportFileError(path, "has a header but no camera rows")
    coordinate_columns = [i for i, f in enumerate(fields) if f in ("latitude", "longitude")]
    decimal = detect_decimal(
        rec[i] for _, rec in records if isinstance(rec, list) for i in coordinate_columns if i < len(rec)
    )
    validator = RowValidator(decimal)
    results: list[ValidRow | RowProblem] = []
    total = len(records)
    width = len(header)
    for done, (line, record) in enumerate(records, 1):
        if isinstance(record, str):
            results.append(RowProblem(line, "", ProblemCode.MALFORMED, f"broken quoting: {record}"))
        elif len(record) != width and not (len(record) > width and not any(v.strip() for v in record[width:])):
            results.append(
                RowProblem(
                    line,
                    record[0].strip(),
                    ProblemCode.MALFORMED,
                    f"{len(record)} fields, the header has {width}",
                )
            )
        else:
            row = {f: v for f, v in zip(fields, record, strict=False) if f is not None}
            extras = [(h, v) for h, f, v in zip(header, fields, record, strict=False) if f is None]
            results.append(validator.validate(line, row, extras))
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, total)
    valid, problems = validator.settle(results)
    return ParsedRegister("csv", total, valid, problems, encoding, delimiter, decimal)


def _read_json(path: Path, text: str, encoding: str, progress: ProgressCallback | None) -> ParsedRegister:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(path, f"is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(data, Mapping) and isinstance(data.get("cameras"), list):
        data = data["cameras"]
    if not isinstance(data, list):
        raise ImportFileError(path, 'JSON must be a list of cameras or {"cameras": [...]}')
    if not data:
        raise ImportFileError(path, "holds no cameras")
    coordinates = [
        str(item.get(key, "")) for item in data if isinstance(item, Mapping)
        for key in item if FIELD_ALIASES.get(normalise_header(str(key))) in ("latitude", "longitude")
    ]  # fmt: skip
    decimal = detect_decimal(coordinates)
    validator = RowValidator(decimal)
    results: list[ValidRow | RowProblem] = []
    for number, item in enumerate(data, 1):  # for JSON the "line" is the item number, from 1
        if not isinstance(item, Mapping):
            results.append(RowProblem(number, "", ProblemCode.MALFORMED, "item is not an object"))
            continue
        row: dict[str, object] = {}
        extras: list[tuple[str, object]] = []
        for key, value in item.items():
            canonical = FIELD_ALIASES.get(normalise_header(str(key)))
            if canonical is None:
                extras.append((str(key), value))
            elif row.get(canonical) in (None, ""):
                row[canonical] = value
        results.append(validator.validate(number, row, extras))
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(data))
    valid, problems = validator.settle(results)
    return ParsedRegister("json", len(data), valid, problems, encoding, "", decimal)
