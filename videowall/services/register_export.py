"""Export the camera register as CSV (the city's Indonesian header) or JSON; both re-import losslessly.

Exports never contain passwords: stream URLs in the database carry none and the credential reference
is internal. JSON says so in a ``note``; the CLI and the console say so when they write a CSV.
The file still gives every camera's place and stream address, private cameras included, so
``videowall export`` signs in and needs EXPORT_REGISTER (the administrator's, who imports it); audited.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from videowall.domain.access import AccessDenied, Permission, User, require
from videowall.domain.camera import Camera
from videowall.domain.recorder_source import RecorderSource
from videowall.domain.register_rows import (
    NO_PASSWORDS_NOTE,
    REGISTER_HEADER,
    camera_to_register_json,
    camera_to_register_row,
    tags_need_json,
)
from videowall.security import audit
from videowall.services.cli_options import add_sign_in_options, add_store_options, run_signed_in
from videowall.storage.cameras import CameraRepository
from videowall.storage.recorder_sources import recorder_sources
from videowall.storage.writer import DatabaseWriter


def export_register(cameras: Sequence[Camera], path: Path,
                    recorders: Mapping[str, RecorderSource] | None = None) -> Path:
    """Write ``.json`` as JSON, anything else as CSV (UTF-8, comma, header first). Atomic: tmp then rename.
    ``recorders``: each camera's recorder source by camera id (never its account)."""
    by_id = recorders or {}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix.lower() == ".json":
        doc = {"note": NO_PASSWORDS_NOTE, "cameras": [camera_to_register_json(c, by_id.get(c.id)) for c in cameras]}
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(REGISTER_HEADER)
            out.writerows(camera_to_register_row(c, by_id.get(c.id)) for c in cameras)
    tmp.replace(path)
    return path


def export_whole_register(writer: DatabaseWriter, user: User, path: Path) -> list[Camera]:
    """Blocking: every camera of the register to ``path`` as ``user`` (EXPORT_REGISTER), audited; the cameras.

    Raises ``AccessDenied`` before anything is read, ``OSError`` when the file cannot be written (no row then).
    """
    require(user, Permission.EXPORT_REGISTER)
    cameras = writer.submit(lambda db: CameraRepository(db).all(), transaction=False).result(60)
    recorders = writer.submit(recorder_sources, transaction=False).result(60)
    export_register(cameras, path, recorders)
    writer.submit(lambda db: audit.append(db, user.name, audit.Action.REGISTER_EXPORT, str(path.resolve()),
                                          f"{len(cameras)} cameras, command line")).result(30)
    return cameras


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("export", help="write the camera register as CSV or JSON (never with passwords; "
                                           "signed in; admin)",
                            description="Export the register; `videowall import` reads the file back unchanged. "
                                        "Signed in (--user NAME) with a role that may export it (admin): the file "
                                        "gives every camera's place and stream address. Audited.")
    parser.add_argument("out", type=Path, help="FILE.csv or FILE.json")
    add_store_options(parser, key_file=False)
    add_sign_in_options(parser)
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    def work(writer: DatabaseWriter, user: User) -> int:
        try:
            cameras = export_whole_register(writer, user, args.out)
        except AccessDenied:  # a PermissionError, so an OSError too: a refusal, not a file problem
            raise
        except OSError as exc:
            print(f"videowall export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"exported {len(cameras)} cameras to {args.out}")
        print(NO_PASSWORDS_NOTE)
        lossy = tags_need_json(cameras) if args.out.suffix.lower() != ".json" else []
        if lossy:
            print(f"warning: {len(lossy)} cameras have tags with ; , or | that CSV splits; use .json",
                  file=sys.stderr)
        return 0

    return run_signed_in(args, work, prog="videowall export")
