"""Composition of the console's evidence parts: bookmarks (B on a tile), clips from the segment rings,
the Review window and evidence export.

Part of the composition root (like ``app``): it builds the evidence service and the incident actions
and wires them to the console, so ``app.py`` only calls ``attach_incidents``. Recorded pictures
(Review playback, exports, bookmark thumbnails) carry each camera's full mask set from the privacy
service (``picture_masks``: every camera id showing that picture, a live lift ignored).
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from videowall.config import app_paths
from videowall.domain.camera import Camera, StreamKind
from videowall.media.runtime import MediaRuntime
from videowall.services.evidence_recorder import MainStreamRecorders
from videowall.services.evidence_service import EvidenceService
from videowall.services.live import TileReport
from videowall.services.privacy import PrivacyService
from videowall.services.wall_control import WallController
from videowall.storage.writer import DatabaseWriter

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from videowall.ui.incidents import IncidentActions
    from videowall.ui.wall_view import WallView


def attach_incidents(window: QMainWindow, console: WallController, view: WallView, writer: DatabaseWriter,
                     loop: asyncio.AbstractEventLoop, runtime: MediaRuntime, buffer_root: Path,
                     privacy: PrivacyService, tile_hooks: list[Callable[[TileReport], None]],
                     url_for: Callable[[Camera, StreamKind], str]) -> tuple[EvidenceService, IncidentActions]:
    """The evidence service (acting as the signed-in user) and the console's bookmark and Review entries."""
    from videowall.media.clip_player import ClipPlayer
    from videowall.security.signing import installation_key, public_key_path
    from videowall.ui.incidents import IncidentActions
    from videowall.ui.settings_dialog import attach_settings

    shutil.rmtree(buffer_root, ignore_errors=True)  # segments of an earlier run: nobody can bookmark them now
    key = installation_key(app_paths().signing_key_path)
    service = EvidenceService(writer, loop, buffer_root.parent, buffer_root, user=lambda: privacy.user,
                              masks=privacy.picture_masks, signing_key=key)
    public = public_key_path(app_paths().signing_key_path)
    attach_settings(window, writer, lambda: privacy.user, key.fingerprint if key is not None else "",
                    public if key is not None and public.exists() else None)  # the fingerprint, for everyone
    loop.create_task(service.load_settings())
    recorders = MainStreamRecorders(runtime, loop, buffer_root, url_for, lambda: service.settings.keep_main,
                                    lambda: service.settings.post_s + 5.0)
    tile_hooks.append(recorders.on_tile_report)
    service.stop_with_me(recorders.close)
    service.start_cleaner()
    actions = IncidentActions(window, console, view, service, lambda: ClipPlayer(runtime, privacy.picture_masks))
    actions.install()
    window.incidents = actions  # type: ignore[attr-defined]  # tests and the command dispatcher reach it here
    return service, actions


def review_json(actions: IncidentActions) -> dict[str, object] | None:
    """The open Review window's state for the status file (None when it is closed)."""
    review = actions.review_status()
    return asdict(review) if review is not None else None
