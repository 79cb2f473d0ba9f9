"""``videowall report``: the availability report for a period and area, from health history, as a PDF.

The report names the cameras that are dark and where, so it is a use case of its own: VIEW_REPORTS
(supervisor, admin; not the presenter's public screens), signed in like every command that reveals
data, and audited (who, which file, area, period). Building the numbers (history, register) happens
here; drawing happens in ``evidence.availability_report``.
Exit codes: 0 written, 1 the database could not be used, no such area, or signing in failed,
2 a bad period, 3 the role may not see reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from videowall.domain.access import AccessDenied, Permission, User, require
from videowall.domain.dashboard import ReportData, dark_for, fleet_series, pick_step, rank_areas, summarise
from videowall.domain.figures import city_figures, period_availability
from videowall.domain.health import Uptime
from videowall.domain.i18n import normalise, system_language, zone
from videowall.domain.settings_model import ConsoleSettings
from videowall.security import audit
from videowall.services.city import camera_health
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.settings import SettingsRepository
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from videowall.evidence.availability_report import ReportFiles


def report_data(db: Database, start: float, end: float, area: str = "", *, now: float | None = None) -> ReportData:
    """Availability of one kecamatan (``area``) or the city over [start, end); dark cameras as of now."""
    now = time.time() if now is None else now
    asked_end, end = end, min(end, now)
    items = [i for i in camera_health(db) if not area or i.camera.area.kecamatan == area]
    ids = [i.camera.id for i in items]
    history = HealthHistoryRepository(db)
    per_camera = history.uptime(start, end, group_by="camera", camera_ids=ids)
    cameras_in: dict[str, int] = {}
    groups: dict[str, Uptime] = {}
    for i in items:
        key = i.camera.area.kelurahan if area else i.camera.area.kecamatan
        key = key or "(no area)"
        cameras_in[key] = cameras_in.get(key, 0) + 1
        u = per_camera.get(i.camera.id)
        if u is not None:
            groups.setdefault(key, Uptime()).add(u)
    changes = history.changes(start, end, ids)
    figures = city_figures(items, now, availability=period_availability(changes, start, end), period_start=start)
    series = fleet_series(changes, start, end, pick_step(asked_end - start))
    history_from, _last = history.span(ids)
    return ReportData(area, start, end, now, figures.availability, summarise(items).city, series,
                      rank_areas(groups, cameras_in), dark_for(items, now), asked_end, history_from,
                      figures.last_check, figures)  # fmt: skip


def report_locale(db: Database, lang: str | None = None, tz_name: str | None = None) -> tuple[str, str]:
    """The language and zone of a report: as asked, else the shared settings (``ui_language``, ``city_timezone``)."""
    settings = SettingsRepository(db).load(ConsoleSettings)  # the UI's language and the city's zone
    return normalise(lang or settings.language or system_language()), tz_name or settings.timezone


class NoSuchArea(LookupError):
    """The kecamatan asked for has no camera in the register."""


def availability_report(writer: DatabaseWriter, user: User, out: Path, area: str = "", *,
                        start: float | None = None, end: float | None = None, days: float = 7.0,
                        lang: str | None = None, tz_name: str | None = None, audited: bool = True) -> ReportFiles:
    """Blocking: [start, end) (default the last ``days``) for ``area`` as a PDF, as ``user`` (VIEW_REPORTS).

    Raises ``AccessDenied`` before anything is read, ``NoSuchArea`` for an unknown kecamatan. The
    language and zone default to the shared settings (``ui_language``, ``city_timezone``). Audited.
    """
    require(user, Permission.VIEW_REPORTS)
    now = time.time()
    end = now if end is None else end
    start = end - days * 86400 if start is None else start
    db = writer.readers.get()
    data = report_data(db, start, end, area, now=now)
    if area and data.counts.total == 0:
        raise NoSuchArea(f"no cameras in kecamatan {area!r}")
    lang, tz_name = report_locale(db, lang, tz_name)
    from videowall.evidence.availability_report import render_report  # matplotlib: only when drawing

    files = render_report(data, out, lang=lang, tz_name=tz_name)
    if audited:  # else the caller audits once the files are where they belong (the scheduled report)
        audit_report(writer, user, files.pdf, area, start, min(end, now))
    return files


def audit_report(writer: DatabaseWriter, user: User, pdf: Path, area: str, start: float, end: float,
                 note: str = "") -> None:  # fmt: skip
    """The audit row of a written report: who, which file, area and period (and ``note``)."""
    detail = f"{area or 'whole city'}, {_iso(start)} to {_iso(end)}" + (f", {note}" if note else "")
    writer.submit(lambda d: audit.append(d, user.name, audit.Action.REPORT, str(pdf.resolve()), detail)).result(30)


def write_report(writer: DatabaseWriter, user: User, out: Path, area: str = "", *, days: float = 7.0) -> Path:
    """Blocking: the last ``days`` for ``area`` as a PDF (the dashboard runs this on a worker thread)."""
    return availability_report(writer, user, out, area, days=days).pdf


def _iso(at: float) -> str:
    return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def _time(text: str, tz_name: str = "UTC") -> float:
    """ISO date or date-time, read in the city's zone unless it names one: ``2026-11-01``, ``2026-11-01T08:00``."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC if tz_name == "UTC" else zone(tz_name))
    return value.timestamp()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("report", help="write the camera availability report (PDF + PNG charts; signed in; "
                                           "supervisor, admin)",
                            description="Availability for a period and area from the stored health history. "
                                        "Signed in (--user NAME) with a role that may see reports (supervisor, "
                                        "admin); every report is audited.")
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help="period start, ISO date/time in the city's zone unless it names one (7 days ago)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="period end, as --from (now)")
    parser.add_argument("--area", default="", metavar="KECAMATAN", help="one kecamatan (default: the whole city)")
    add_locale_options(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.set_defaults(func=run_report)


def add_locale_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("id", "en"), help="language (default: the setting ui_language)")
    parser.add_argument("--tz", metavar="ZONE", type=_zone_name,
                        help="time zone, e.g. Asia/Jakarta (default: the setting city_timezone, else WIB)")


def _zone_name(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}") from exc
    return text


def _period(args: argparse.Namespace, tz_name: str, now: float) -> tuple[float, float]:
    end = _time(args.end, tz_name) if args.end else now
    return (_time(args.start, tz_name) if args.start else end - 7 * 86400), end


def run_report(args: argparse.Namespace) -> int:
    now = time.time()
    try:
        start, end = _period(args, "UTC", now)  # checked before signing in; read in the city's zone below
    except ValueError as exc:
        print(f"videowall report: {exc}", file=sys.stderr)
        return 2
    if end <= start:
        print("videowall report: --to must be after --from", file=sys.stderr)
        return 2

    def work(writer: DatabaseWriter, user: User) -> int:
        require(user, Permission.VIEW_REPORTS)  # before the settings are read
        lang, tz_name = report_locale(writer.readers.get(), args.lang, args.tz)
        start, end = _period(args, tz_name, now)
        try:
            files = availability_report(writer, user, args.out, args.area, start=start, end=end, lang=lang,
                                        tz_name=tz_name)  # fmt: skip
        except NoSuchArea as exc:
            print(f"videowall report: {exc}", file=sys.stderr)
            return 1
        except AccessDenied:  # a PermissionError, so an OSError too: a refusal, not a file problem
            raise
        except OSError as exc:
            print(f"videowall report: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"report: {files.pdf} ({', '.join(str(c) for c in (*files.charts, files.dark_csv))})")
        return 0

    return run_signed_in(args, work, prog="videowall report")
