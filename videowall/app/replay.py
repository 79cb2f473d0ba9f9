"""The replay feature (issue 22): play a camera's recording from its recorder, from a live tile's menu,
the R key (instant replay, the last 30 s) and Review's bookmarks, through ``services.recorder_replay``
(REVIEW checked there) and the replay window (``ui.replay_window``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from videowall.app.context import AppContext
from videowall.app.feature import Feature

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow
    from videowall.ui.replay_actions import ReplayActions


class ReplayFeature(Feature):
    name = "replay"

    def __init__(self) -> None:
        self.actions: ReplayActions | None = None

    def install(self, ctx: AppContext, window: MainWindow) -> None:
        from videowall.media.replay import ReplayPlayer
        from videowall.services.recorder_replay import RecorderReplays
        from videowall.ui.replay_actions import ReplayActions

        privacy = ctx.privacy
        service = RecorderReplays(ctx.writer.readers, ctx.opts.key, ctx.user, privacy.visibility,
                                  lambda action, target, detail: privacy.audit(action, target, detail))
        runtime, masks = ctx.runtime, privacy.picture_masks  # every replayed picture carries the camera's masks
        self.actions = ReplayActions(window, ctx.console, ctx.console_view, service,
                                     lambda: ReplayPlayer(runtime, masks), ctx.loop, ctx.directory.get)
        self.actions.install()
        window.replays = self.actions  # the typed hook: Review reaches it there

    def close(self) -> None:
        if self.actions is not None:
            self.actions.close()

    def status(self) -> dict[str, object]:
        return {"replay": self.actions.status() if self.actions is not None else None}
