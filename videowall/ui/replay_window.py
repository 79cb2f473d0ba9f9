"""Play from a recorder: pick a recording, an instant and a speed (reverse too); the picture below.

The picture comes through the same libVLC path as a live tile (``media.replay``). The window knows
nothing of ONVIF: it gets the recordings as (label, replay address) pairs, found by the recorder
search (``recording.search``) off the UI thread.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QDateTime, QRect, Qt, QTimer, QTimeZone, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from videowall.media.frames import FrameBuffer
from videowall.media.replay import ReplayEnd, ReplayPlayer, ReplayRequest
from videowall.ui.replay_timeline import ReplayTimeline


class Playable(Protocol):
    """A recording that knows how to ask for itself (``services.recorder_replay.ReplayTarget``)."""

    @property
    def label(self) -> str: ...

    @property
    def camera_id(self) -> str: ...  # whose privacy masks the replayed pictures carry

    def request(self, at: float, rate: float = 1.0) -> ReplayRequest: ...


SPEEDS = (-16.0, -8.0, -4.0, -2.0, -1.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


class ReplayPicture(QWidget):
    def __init__(self, buffer: FrameBuffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer = buffer
        self.drawn = QRect()
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b0f14"))
        with self._buffer.reading() as buf:
            if buf is not None:
                h, w = buf.shape[:2]
                image = QImage(buf.data, w, h, w * 4, QImage.Format.Format_RGB32)
                scale = min(self.width() / w, self.height() / h)
                tw, th = int(w * scale), int(h * scale)
                self.drawn = QRect((self.width() - tw) // 2, (self.height() - th) // 2, tw, th)
                p.drawImage(self.drawn, image)
        p.end()


class ReplayWindow(QWidget):
    """``recordings``: (label, replay RTSP address) of what the recorder search found; a camera's recording
    found by the console (:class:`Playable`) is added and played with :meth:`play_target`."""

    ended = Signal(str)  # from the ingest's thread to the UI thread

    def __init__(self, player: ReplayPlayer, recordings: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Play from recorder"))
        self.player = player
        self.recording = QComboBox()
        for label, url in recordings or []:
            self.recording.addItem(label, url)
        self.at = QDateTimeEdit()
        self.at.setTimeZone(QTimeZone.systemTimeZone())  # city time, as the tiles' clocks and the bookmarks
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm:ss t")
        self.at.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(self.tr("{speed}x reverse").format(speed=f"{-speed:g}") if speed < 0
                               else f"{speed:g}x", speed)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.play = QPushButton(self.tr("Play from here"))
        self.play.clicked.connect(lambda: self.start())
        self.speed.activated.connect(lambda _index: self._speed_changed())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(lambda: self.stop())
        self.live_button = QPushButton(self.tr("Back to live"))
        self.live_button.setToolTip(self.tr("Stop the replay and close this window; the wall stays live"))
        self.live_button.clicked.connect(lambda: self.close())
        self.status = QLabel(self.tr("Pick a recording, an instant and a speed"))
        self.picture = ReplayPicture(player.buffer)
        self.timeline = ReplayTimeline()
        self.timeline.scrubbed.connect(self.start)
        controls = QHBoxLayout()
        for widget in (self.recording, self.at, self.speed, self.play, self.stop_button, self.live_button):
            controls.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.timeline)
        layout.addWidget(self.status)
        self.ended.connect(self.status.setText)
        self._playing: tuple[float, float, int] | None = None  # (from, rate, frames before) of what plays
        self._since: float | None = None  # monotonic time of its first picture
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(40)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def instant(self) -> datetime:
        return datetime.fromtimestamp(self.at.dateTime().toSecsSinceEpoch(), UTC)

    def play_target(self, target: Playable, at: float) -> None:
        """Pick ``target`` (added once), set the instant ``at`` (true time, epoch seconds) and play at 1x."""
        index = next((i for i in range(self.recording.count()) if self.recording.itemText(i) == target.label), -1)
        if index < 0:
            self.recording.addItem(target.label, target)
            index = self.recording.count() - 1
        else:
            self.recording.setItemData(index, target)
        self.recording.setCurrentIndex(index)
        self.at.setDateTime(QDateTime.fromSecsSinceEpoch(int(at), QTimeZone.utc()))
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.start()

    def set_timeline(self, start: float, end: float, ranges: tuple[tuple[float, float], ...],
                     bookmarks: tuple[tuple[float, str], ...]) -> None:
        """What the recorder holds from ``start`` to ``end`` (true time) and the bookmarks there."""
        self.timeline.set_data(start, end, ranges, bookmarks)

    def position(self) -> float | None:
        """Where the replay is (true time), reckoned from its first picture at its rate; None before one."""
        if self._playing is None or self._since is None:
            return None
        start, rate, _frames = self._playing
        return start + rate * (time.monotonic() - self._since)

    def _tick(self) -> None:
        if self._playing is not None and self._since is None and self.player.buffer.frames > self._playing[2]:
            self._since = time.monotonic()
        self.timeline.set_position(self.position())
        self.picture.update()

    def _speed_changed(self) -> None:
        at = self.position()
        if at is not None:  # playing: the new speed from where the picture is
            self.start(at)

    def start(self, at: float | None = None) -> None:
        """Play from ``at`` (a drop on the timeline; true time) or the instant field, at the chosen speed."""
        data = self.recording.currentData()
        if not data:
            self.status.setText(self.tr("No recording to play"))
            return
        rate = float(self.speed.currentData())
        if at is not None:
            self.at.setDateTime(QDateTime.fromMSecsSinceEpoch(int(at * 1000), QTimeZone.utc()))
        instant = at if at is not None else self.instant().timestamp()
        request = ReplayRequest(data, instant, rate) if isinstance(data, str) else data.request(instant, rate)
        self._playing, self._since = (instant, rate, self.player.buffer.frames), None
        self.player.open(request, self._on_end, "" if isinstance(data, str) else data.camera_id)
        shown = datetime.fromtimestamp(instant).strftime("%Y-%m-%d %H:%M:%S ") + time.strftime("%Z")
        self.status.setText(self.tr("Playing {name} from {at} at {speed}").format(
            name=self.recording.currentText(), at=shown, speed=self.speed.currentText()))

    def stop(self) -> None:
        self._playing = None
        self.player.close()
        self.status.setText(self.tr("Stopped"))

    def _on_end(self, end: ReplayEnd) -> None:
        refused = self.tr("The recorder refuses replay: {detail}")
        text = refused if end.refused else self.tr("Replay ended: {detail}")
        self.ended.emit(text.format(detail=end.detail))

    def picture_on_screen(self) -> tuple[int, int, int, int] | None:
        """The last painted picture in screen coordinates (x, y, w, h); None before one."""
        rect = self.picture.drawn
        if rect.isEmpty():
            return None
        top_left = self.picture.mapToGlobal(rect.topLeft())
        return top_left.x(), top_left.y(), rect.width(), rect.height()

    def closeEvent(self, event: object) -> None:  # type: ignore[override]
        self._timer.stop()
        self.player.close()
        super().closeEvent(event)  # type: ignore[arg-type]
