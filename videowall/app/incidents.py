"""The incidents feature: bookmarks (B on a tile), clips from the segment rings, the Review window and
evidence export, and the main-stream recorders behind them. Recorded pictures
(Review playback, exports, bookmark thumbnails) carry each camera's full mask set from the privacy
service (``picture_masks``: every camera id showing that picture, a live lift ignored).
"""

from __future__ import annotations

import shutil
from dataclasses import asdict
from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature
from videowall.config import app_paths
from videowall.services.evidence_recorder import MainStreamRecorders
from videowall.services.evidence_service import EvidenceService

if TYPE_CHECKING:
    from videowall.ui.incidents import IncidentActions
    from videowall.ui.main_window import MainWindow


class IncidentsFeature(Feature):
    name = "incidents"

    def __init__(self) -> None:
        self.service: EvidenceService | None = None
        self.actions: IncidentActions | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        self.service, self.actions = attach_incidents(ctx, window)

    def close(self) -> None:
        if self.service is not None:
            self.service.close()

    def status(self) -> dict[str, object]:
        return {"review": review_json(self.actions) if self.actions is not None else None}


def attach_incidents(ctx: AppContext, window: MainWindow) -> tuple[EvidenceService, IncidentActions]:
    """The evidence service (acting as the signed-in user) and the console's bookmark and Review entries."""
    from videowall.media.clip_player import ClipPlayer
    from videowall.security.signing import installation_key, public_key_path
    from videowall.ui.incidents import IncidentActions
    from videowall.ui.settings_dialog import attach_settings

    privacy, runtime, loop, buffer_root = ctx.privacy, ctx.runtime, ctx.loop, ctx.buffer_root
    shutil.rmtree(buffer_root, ignore_errors=True)  # segments of an earlier run: nobody can bookmark them now
    key = installation_key(app_paths().signing_key_path)
    service = EvidenceService(ctx.writer, loop, buffer_root.parent, buffer_root, user=ctx.user,
                              masks=privacy.picture_masks, signing_key=key)
    public = public_key_path(app_paths().signing_key_path)
    attach_settings(window, ctx.writer, ctx.user, key.fingerprint if key is not None else "",
                    public if key is not None and public.exists() else None)  # the fingerprint, for everyone
    loop.create_task(service.load_settings())
    recorders = MainStreamRecorders(runtime, loop, buffer_root, ctx.resolver, lambda: service.settings.keep_main,
                                    lambda: service.settings.post_s + 5.0)
    ctx.tile_hooks.add(recorders.on_tile_report)
    service.stop_with_me(recorders.close)
    service.start_cleaner()
    actions = IncidentActions(window, ctx.console, ctx.console_view, service,
                              lambda: ClipPlayer(runtime, privacy.picture_masks))
    actions.install()
    window.incidents = actions  # the typed hook: tests and the command dispatcher reach it there
    return service, actions


def review_json(actions: IncidentActions) -> dict[str, object] | None:
    """The open Review window's state for the status file (None when it is closed)."""
    review = actions.review_status()
    return asdict(review) if review is not None else None
