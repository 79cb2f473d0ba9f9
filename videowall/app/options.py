"""The console's command-line options, as one frozen value."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from videowall.config import app_paths


@dataclass(frozen=True)
class AppOptions:
    db: Path
    key: Path
    layout: str
    screenshot: Path | None
    quit_after: float | None
    status_json: Path | None
    demo: bool
    port: int
    cameras: tuple[str, ...] = ()
    commands: Path | None = None
    open_window: str = ""  # --open dashboard | briefing-editor
    user: str = ""  # --user NAME (or VIDEOWALL_USER): sign in without the dialog
    lang: str = ""  # --lang id|en (else the saved setting, else the system locale)
    present: str = ""  # --present NAME / `videowall present --briefing NAME`: a briefing full screen
    share_database: bool = False  # --share-database: beside other consoles that share it (PTZ locks)
    wall_broker: str = ""  # --wall-broker mqtt://HOST:PORT: follow and drive the wall agents there (issue 21)
    wall_credentials: Path | None = None  # --wall-credentials FILE (0600, USERNAME:PASSWORD)
    wall_site: str = "default"
    wall_ca: Path | None = None  # --wall-ca FILE: the CA of an mqtts:// wall broker's certificate


def options_from(args: argparse.Namespace) -> AppOptions:
    paths = app_paths()
    default_db = paths.data_dir / ("demo.db" if args.demo else "videowall.db")
    return AppOptions(
        db=Path(args.db) if args.db else default_db,
        key=paths.key_path,
        layout=args.layout or "",
        screenshot=Path(args.screenshot) if args.screenshot else None,
        quit_after=args.quit_after,
        status_json=Path(args.status_json) if args.status_json else None,
        demo=bool(args.demo),
        port=int(getattr(args, "port", 8554)),
        cameras=tuple(c.strip() for c in (getattr(args, "cameras", None) or "").split(",") if c.strip()),
        commands=Path(args.commands) if getattr(args, "commands", None) else None,
        open_window=getattr(args, "open", None) or "",
        user=getattr(args, "user", None) or os.environ.get("VIDEOWALL_USER", ""),
        lang=getattr(args, "lang", None) or "",
        present=getattr(args, "present", None) or getattr(args, "briefing", None) or "",
        share_database=bool(getattr(args, "share_database", False)),
        wall_broker=getattr(args, "wall_broker", None) or "",
        wall_credentials=Path(args.wall_credentials) if getattr(args, "wall_credentials", None) else None,
        wall_site=getattr(args, "wall_site", None) or "default",
        wall_ca=Path(args.wall_ca) if getattr(args, "wall_ca", None) else None,
    )
