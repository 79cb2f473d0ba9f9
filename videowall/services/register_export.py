"""Export the camera register as CSV (the city's Indonesian header) or JSON; both re-import losslessly.

Exports never contain passwords: stream URLs in the database carry none and the credential reference
is internal. JSON says so in a ``note``; the CLI and the console say so when they write a CSV.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from videowall.domain.camera import Camera
from videowall.domain.register_rows import (
    NO_PASSWORDS_NOTE,
    REGISTER_HEADER,
    camera_to_register_json,
    camera_to_register_row,
    tags_need_json,
)
from videowall.services.cli_options import add_store_options, store_paths
from videowall.storage.cameras import CameraRepository
from videowall.storage.database import open_database
from videowall.storage.errors import StorageError


def export_register(cameras: Sequence[Camera], path: Path) -> Path:
    """Write ``.json`` as JSON, anything else as CSV (UTF-8, comma, header first). Atomic: tmp then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix.lower() == ".json":
        doc = {"note": NO_PASSWORDS_NOTE, "cameras": [camera_to_register_json(c) for c in cameras]}
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(REGISTER_HEADER)
            out.writerows(camera_to_register_row(c) for c in cameras)
    tmp.replace(path)
    return path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("export", help="write the camera register as CSV or JSON (never with passwords)",
                            description="Export the register; `videowall import` reads the file back unchanged.")
    parser.add_argument("out", type=Path, help="FILE.csv or FILE.json")
    add_store_options(parser, key_file=False)
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    db_path: Path = store_paths(args)[0]
    try:
        cameras = CameraRepository(open_database(db_path, migrate=False)).all()
    except StorageError as exc:
        print(f"videowall export: {exc}", file=sys.stderr)
        return 1
    try:
        export_register(cameras, args.out)
    except OSError as exc:
        print(f"videowall export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"exported {len(cameras)} cameras to {args.out}")
    print(NO_PASSWORDS_NOTE)
    lossy = tags_need_json(cameras) if args.out.suffix.lower() != ".json" else []
    if lossy:
        print(f"warning: {len(lossy)} cameras have tags with ; , or | that CSV splits; use .json", file=sys.stderr)
    return 0
