"""Play from the recorder where a person works: a live tile's context menu ("Play from recorder...",
"Instant replay: last 30 s") and one key (R) on the focused tile, and Review's bookmarks.

Only a role that may review recordings is offered the entries (the tile menu adds none, the R action
is gated); the service checks again whatever the menu offered (``services.recorder_replay``). The
recorder is asked on the app's loop; the window opens when its answer is in, and a refusal or a failed
call is one line in the status bar.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from videowall.domain.access import AccessDenied, Permission
from videowall.domain.camera import Camera
from videowall.media.replay import ReplayPlayer
from videowall.recording.search import RecorderError
from videowall.services.recorder_replay import INSTANT_REPLAY_S, NoRecorder, RecorderReplays
from videowall.services.wall_control import WallController
from videowall.ui.policy_view import gate
from videowall.ui.refusal_words import refusal_text
from videowall.ui.replay_window import ReplayWindow
from videowall.ui.wall_view import WallView

if TYPE_CHECKING:
    from videowall.ui.main_window import MainWindow

TIMELINE_HALF_S = 1800.0  # the timeline spans an hour around the instant asked (up to now)
PLAY_BACK_S = 300.0  # "Play from recorder...": five minutes back, then the person picks the instant


class ReplayActions(QObject):
    def __init__(self, window: MainWindow, console: WallController, view: WallView, service: RecorderReplays,
                 make_player: Callable[[], ReplayPlayer], loop: asyncio.AbstractEventLoop,
                 lookup: Callable[[str], Camera | None]) -> None:
        super().__init__(window)
        self._window = window
        self._console = console
        self._view = view
        self._service = service
        self._make_player = make_player
        self._loop = loop
        self._lookup = lookup
        self._tasks: set[asyncio.Task[None]] = set()
        self.replay: ReplayWindow | None = None
        self.last_menu: list[str] = []  # the entries of the last tile menu shown (the status file)
        self.last_message = ""

    def install(self) -> None:
        act = gate(QAction(self.tr("Instant replay: last 30 s (R)"), self._window), Permission.REVIEW)
        act.setShortcut(QKeySequence("R"))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # on the wall, not in the tree's
        act.triggered.connect(lambda _checked=False: self.instant_replay(None))  # type-ahead or a text field
        self._view.addAction(act)  # the key works on the focused tile; hidden (and dead) for other roles
        self.instant_action = act
        self._view.tile_menu.connect(self._tile_menu)

    def _tile_menu(self, index: int, menu: QMenu) -> None:
        camera = self._camera(index)
        if camera is not None and self._may_replay():
            menu.addSeparator()
            menu.addAction(self.tr("Play from &recorder..."), lambda: self.play(index, PLAY_BACK_S))
            menu.addAction(self.tr("&Instant replay: last 30 s (R)"), lambda: self.play(index, INSTANT_REPLAY_S))
        self.last_menu = [a.text().replace("&", "") for a in menu.actions() if a.text()]

    def _may_replay(self) -> bool:
        try:
            self._service.require()
        except AccessDenied:
            return False
        return True

    def _camera(self, index: int | None) -> Camera | None:
        tiles = self._console.tiles()
        if index is None or not 0 <= index < len(tiles):
            return None
        return tiles[index].camera

    def instant_replay(self, index: int | None) -> None:
        """R: the last 30 s of the focused tile's camera (else the only camera shown)."""
        if index is None:
            index = self._view.focused_index()
        if index is None:
            shown = [i for i, t in enumerate(self._console.tiles()) if t.camera is not None]
            index = shown[0] if len(shown) == 1 else None
        self.play(index, INSTANT_REPLAY_S)

    def play(self, index: int | None, seconds_back: float) -> None:
        camera = self._camera(index)
        if camera is None:
            self._say(self.tr("Click a tile with a camera first, then press R"))
            return
        self.play_camera(camera, time.time() - seconds_back)

    def play_bookmark(self, camera_id: str, at: float) -> None:
        """From Review: a bookmark's camera (by id, from the register) at ``at``."""
        camera = self._lookup(camera_id)
        if camera is None:
            self._say(self.tr("%1 is not in the register").replace("%1", camera_id))
            return
        self.play_camera(camera, at)

    def play_camera(self, camera: Camera, at: float) -> None:
        """Open the replay window on ``camera``'s recording from ``at`` (true time); refused if not allowed."""
        try:
            self._service.require(camera)
        except AccessDenied as exc:
            self._say(refusal_text(exc))
            return
        self._say(self.tr("Asking the recorder for %1...").replace("%1", camera.name))
        task = self._loop.create_task(self._open(camera, at))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _open(self, camera: Camera, at: float) -> None:
        try:
            target = await self._service.target(camera)
        except AccessDenied as exc:
            self._say(refusal_text(exc))
            return
        except NoRecorder:
            self._say(self.tr("%1 has no recording on a recorder").replace("%1", camera.name))
            return
        except RecorderError as exc:
            self._say(self.tr("The recorder did not answer: %1").replace("%1", str(exc)))
            return
        if self.replay is None:
            self.replay = ReplayWindow(self._make_player())
            self.replay.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # Esc or close: its player goes too
            self.replay.destroyed.connect(self._gone)
            self.replay.resize(1000, 640)
        self.replay.show()
        self.replay.raise_()
        self.replay.play_target(target, at)
        self._say(self.tr("Playing %1 from the recorder").replace("%1", camera.name))
        end = min(at + TIMELINE_HALF_S, time.time())
        start = min(at - TIMELINE_HALF_S, end - 2 * TIMELINE_HALF_S)
        data = await self._service.timeline(target, start, end)
        if self.replay is not None:
            self.replay.set_timeline(data.start, data.end, data.ranges, data.bookmarks)
        if data.problem:
            self._say(self.tr("The recorder did not answer: %1").replace("%1", data.problem))

    def _say(self, text: str) -> None:
        self.last_message = text
        self._window.statusBar().showMessage(text, 8000)

    def _gone(self, _obj: object = None) -> None:
        self.replay = None

    def status(self) -> dict[str, object]:
        window = self.replay
        shown = window is not None and window.isVisible()
        return {"menu": self.last_menu, "message": self.last_message,
                "window": None if window is None or not shown else {
                    "frames": window.player.buffer.frames, "rect": window.picture_on_screen(),
                    "status": window.status.text(), "recording": window.recording.currentText(),
                    "ingest_pid": window.player.ingest_pid,
                    "timeline": {"span": [window.timeline.start, window.timeline.end],
                                 "ranges": [list(r) for r in window.timeline.ranges],
                                 "bookmarks": [at for at, _text in window.timeline.bookmarks]}}}

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self.replay is not None:
            self.replay.close()
