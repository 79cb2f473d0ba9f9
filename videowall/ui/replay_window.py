"""Play from a recorder: pick a recording, an instant and a speed (reverse too); the picture below.

The picture comes through the same libVLC path as a live tile (``media.replay``). The window knows
nothing of ONVIF: it gets the recordings as (label, replay address) pairs, found by the recorder
search (``recording.search``) off the UI thread.
"""

from __future__ import annotations

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


class Playable(Protocol):
    """A recording that knows how to ask for itself (``services.recorder_replay.ReplayTarget``)."""

    @property
    def label(self) -> str: ...

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
        self.at.setTimeZone(QTimeZone.utc())
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm:ss 'UTC'")
        self.at.setDateTime(QDateTime.currentDateTimeUtc().addSecs(-3600))
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(self.tr("{speed}x reverse").format(speed=f"{-speed:g}") if speed < 0
                               else f"{speed:g}x", speed)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.play = QPushButton(self.tr("Play from here"))
        self.play.clicked.connect(lambda: self.start())
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(lambda: self.stop())
        self.status = QLabel(self.tr("Pick a recording, an instant and a speed"))
        self.picture = ReplayPicture(player.buffer)
        controls = QHBoxLayout()
        for widget in (self.recording, self.at, self.speed, self.play, self.stop_button):
            controls.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.status)
        self.ended.connect(self.status.setText)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.picture.update)
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

    def start(self) -> None:
        data = self.recording.currentData()
        if not data:
            self.status.setText(self.tr("No recording to play"))
            return
        rate = float(self.speed.currentData())
        at = self.instant()
        request = ReplayRequest(data, at.timestamp(), rate) if isinstance(data, str) else data.request(
            at.timestamp(), rate)
        self.player.open(request, self._on_end)
        self.status.setText(self.tr("Playing {name} from {at} at {speed}").format(
            name=self.recording.currentText(), at=at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            speed=self.speed.currentText()))

    def stop(self) -> None:
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
