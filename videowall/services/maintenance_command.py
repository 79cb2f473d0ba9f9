"""``videowall maintenance``: the cameras dark for longer than N hours as CSV, for a technician's scheduled job.

The same list as the dashboard's "Export maintenance list" (``domain.dashboard.dark_for`` over the stored
health), its times in the city's zone (``city_timezone``) and its "what is wrong" column in the saved
language (``ui_language``), unless ``--tz``/``--lang`` say otherwise. It names dark cameras and where they
are, so it is VIEW_REPORTS like the availability report, signed in and audited.
Exit codes: 0 written, 1 the database could not be used, no such area, signing in or writing failed, 3 refused.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from videowall.domain.access import AccessDenied, Permission, User, require
from videowall.domain.dashboard import DarkCamera, dark_for, maintenance_csv
from videowall.security import audit
from videowall.services.city import camera_health
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in
from videowall.services.report_command import NoSuchArea, add_locale_options, report_locale
from videowall.storage.writer import DatabaseWriter


def maintenance_list(writer: DatabaseWriter, user: User, out: Path, *, min_hours: float = 1.0, area: str = "",
                     lang: str | None = None, tz_name: str | None = None,
                     now: float | None = None) -> list[DarkCamera]:  # fmt: skip
    """Blocking: write the long-dark list at ``out`` (atomically) as ``user`` (VIEW_REPORTS); audited."""
    require(user, Permission.VIEW_REPORTS)
    now = time.time() if now is None else now
    db = writer.readers.get()
    items = [i for i in camera_health(db) if not area or i.camera.area.kecamatan == area]
    if area and not items:
        raise NoSuchArea(f"no cameras in kecamatan {area!r}")
    lang, tz_name = report_locale(db, lang, tz_name)
    rows = dark_for(items, now, min_hours)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(f".{out.name}.part")
    part.write_text(maintenance_csv(rows, lang, tz_name), encoding="utf-8")
    os.replace(part, out)  # a scheduled job's reader never sees half a file
    writer.submit(lambda d: audit.append(d, user.name, audit.Action.MAINTENANCE_LIST, str(out.resolve()),
                                         f"{len(rows)} cameras dark >= {min_hours:g} h, "
                                         f"{area or 'whole city'}")).result(30)  # fmt: skip
    return rows


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("maintenance", help="write the cameras dark for more than N hours as CSV (signed in; "
                                                "supervisor, admin)",
                            description="The maintenance list from the stored health, times in the city's zone. "
                                        "Signed in (--user NAME) with a role that may see reports; audited.")
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)
    parser.add_argument("--hours", type=float, default=1.0, metavar="N", help="dark for at least N hours (1)")
    parser.add_argument("--area", default="", metavar="KECAMATAN", help="one kecamatan (default: the whole city)")
    add_locale_options(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    parser.set_defaults(func=run_maintenance)


def run_maintenance(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        try:
            rows = maintenance_list(writer, user, args.out, min_hours=args.hours, area=args.area, lang=args.lang,
                                    tz_name=args.tz)  # fmt: skip
        except NoSuchArea as exc:
            print(f"videowall maintenance: {exc}", file=sys.stderr)
            return 1
        except AccessDenied:
            raise
        except OSError as exc:
            print(f"videowall maintenance: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"maintenance: {args.out} ({len(rows)} cameras dark for at least {args.hours:g} h)")
        return 0

    return run_signed_in(args, work, prog="videowall maintenance")
