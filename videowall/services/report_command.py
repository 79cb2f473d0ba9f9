"""``videowall report``: the availability report for a period and area, from health history, as a PDF.

Building the numbers (history, register) happens here; drawing happens in ``evidence.availability_report``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from sqlite_utils import Database

from videowall.domain.dashboard import ReportData, dark_for, fleet_series, pick_step, rank_areas, summarise
from videowall.domain.health import Uptime, total_uptime
from videowall.domain.i18n import DEFAULT_TIMEZONE, system_language
from videowall.services.city import camera_health
from videowall.services.cli_options import add_store_options, store_paths
from videowall.storage.database import open_database
from videowall.storage.errors import StorageError
from videowall.storage.health_history import HealthHistoryRepository
from videowall.storage.readers import ReadConnections
from videowall.storage.settings import SettingsRepository


def report_data(db: Database, start: float, end: float, area: str = "", *, now: float | None = None) -> ReportData:
    """Availability of one kecamatan (``area``) or the city over [start, end); dark cameras as of now."""
    now = time.time() if now is None else now
    end = min(end, now)
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
    overall = total_uptime(per_camera.values()).ratio
    series = fleet_series(history.changes(start, end, ids), start, end, pick_step(end - start))
    return ReportData(area, start, end, now, overall, summarise(items).city, series,
                      rank_areas(groups, cameras_in), dark_for(items, now))  # fmt: skip


def write_report(readers: ReadConnections, out: Path, area: str = "", *, days: float = 7.0) -> Path:
    """Blocking: the last ``days`` for ``area`` as a PDF (the dashboard runs this on a worker thread)."""
    now = time.time()
    db = readers.get()
    data = report_data(db, now - days * 86400, now, area, now=now)
    settings = SettingsRepository(db)  # the UI's language and the city's zone (app_briefing.py keys)
    lang = str(settings.get("ui_language", "") or system_language())
    tz_name = str(settings.get("city_timezone", "") or DEFAULT_TIMEZONE)
    from videowall.evidence.availability_report import render_report  # matplotlib: only when drawing

    return render_report(data, out, lang=lang, tz_name=tz_name).pdf


def _time(text: str) -> float:
    """ISO date or date-time, read as UTC: ``2026-11-01`` or ``2026-11-01T08:00``."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.timestamp()


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("report", help="write the camera availability report (PDF + PNG charts)",
                            description="Availability for a period and area from the stored health history.")
    add_store_options(parser, key_file=False)
    parser.add_argument("--from", dest="start", metavar="DATE", help="period start, ISO date/time UTC (7 days ago)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="period end, ISO date/time UTC (now)")
    parser.add_argument("--area", default="", metavar="KECAMATAN", help="one kecamatan (default: the whole city)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.set_defaults(func=run_report)


def run_report(args: argparse.Namespace) -> int:
    now = time.time()
    try:
        end = _time(args.end) if args.end else now
        start = _time(args.start) if args.start else end - 7 * 86400
    except ValueError as exc:
        print(f"videowall report: {exc}", file=sys.stderr)
        return 2
    if end <= start:
        print("videowall report: --to must be after --from", file=sys.stderr)
        return 2
    try:
        db = open_database(store_paths(args)[0], migrate=False)
    except StorageError as exc:
        print(f"videowall report: {exc}", file=sys.stderr)
        return 1
    try:
        data = report_data(db, start, end, args.area, now=now)
    finally:
        db.close()
    if args.area and data.counts.total == 0:
        print(f"videowall report: no cameras in kecamatan {args.area!r}", file=sys.stderr)
        return 1
    from videowall.evidence.availability_report import render_report  # matplotlib: only when drawing

    files = render_report(data, args.out)
    print(f"report: {files.pdf} ({', '.join(str(c) for c in files.charts)})")
    return 0
