"""Incident bookmarking on the console: one key (B) or one toolbar click, and the review window.

Kept out of main_window.py: the console only forwards the tile's BOOKMARK action here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from videowall.domain.access import AccessDenied, Permission
from videowall.media.clip_player import ClipPlayer
from videowall.services.evidence_service import EvidenceService
from videowall.services.wall_control import WallController
from videowall.ui.bookmark_dialog import BookmarkDialog
from videowall.ui.policy_view import gate
from videowall.ui.refusal_words import refusal_text
from videowall.ui.review_window import ReviewStatus, ReviewWindow
from videowall.ui.wall_view import WallView

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow


class IncidentActions:
    def __init__(self, window: MainWindow, console: WallController, view: WallView, service: EvidenceService,
                 make_player: Callable[[], ClipPlayer]) -> None:
        self._window = window
        self._console = console
        self._view = view
        self._service = service
        self._make_player = make_player
        self.review: ReviewWindow | None = None
        self.dialogs: list[BookmarkDialog] = []

    def install(self) -> None:
        self._window.on_bookmark = self.bookmark
        bar = self._window.findChild(QToolBar, "wall")
        if bar is not None:
            bar.addSeparator()
            act = gate(bar.addAction(self._window.tr("Bookmark (B)"), lambda: self.bookmark(None)), Permission.BOOKMARK)
            act.setToolTip(self._window.tr("Bookmark an incident on the focused tile: snapshot and clip"))
            review = gate(bar.addAction(self._window.tr("Review..."), self.open_review), Permission.REVIEW)
            review.setShortcut(QKeySequence("Ctrl+R"))
            review.setToolTip(self._window.tr("Review bookmarks, build cases, export evidence (Ctrl+R)"))

    def bookmark(self, index: int | None) -> int | None:
        """Bookmark the tile (default: the focused one, else the only camera shown); returns the tile index."""
        tiles = self._console.tiles()
        if index is None:
            index = self._view.focused_index()
        if index is None:
            shown = [i for i, t in enumerate(tiles) if t.camera is not None]
            index = shown[0] if len(shown) == 1 else None
        if index is None or not 0 <= index < len(tiles) or tiles[index].camera is None:
            self._window.statusBar().showMessage(self._window.tr("Click a tile first, then press B"), 5000)
            return None
        tile = tiles[index]
        assert tile.camera is not None
        try:
            pending = self._service.bookmark(tile.camera, tile.snapshot())  # as the signed-in user
        except AccessDenied as exc:
            self._window.statusBar().showMessage(refusal_text(exc), 8000)
            return None
        if index < len(self._view.tiles):
            self._view.tiles[index].flash(self._window.tr("Bookmarked - clip in %1 s")
                                          .replace("%1", f"{self._service.settings.post_s:.0f}"))
        dialog = BookmarkDialog(pending, self._service, self._window)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()  # non-modal: the wall keeps playing, more bookmarks can follow
        return index

    def open_review(self) -> ReviewWindow | None:
        try:
            self._service.require(Permission.REVIEW)
        except AccessDenied as exc:
            self._window.statusBar().showMessage(refusal_text(exc), 8000)
            return None
        if self.review is None:
            replays = self._window.replays
            self.review = ReviewWindow(self._service, self._make_player(), on_recorder=None if replays is None else
                                       lambda b: replays.play_bookmark(b.camera_id, b.at - b.pre_s))
            self.review.destroyed.connect(self._review_gone)
        self.review.show()
        self.review.raise_()
        self.review.refresh()
        return self.review

    def review_status(self) -> ReviewStatus | None:
        """What the open Review window shows (None when it is closed)."""
        return self.review.status() if self.review is not None else None

    def _review_gone(self, _obj: object = None) -> None:
        self.review = None
