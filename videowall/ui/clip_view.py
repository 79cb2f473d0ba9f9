"""A clip viewer for review: the picture, play/pause, frame step, a position slider and time.

The player burns the recording camera's privacy masks into each picture (see ``ClipPlayer``), so
``open`` takes the camera id with the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QVBoxLayout, QWidget

from videowall.media.clip_player import ClipPlayer


class _Picture(QWidget):
    def __init__(self, player: ClipPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._player = player
        self.message = ""
        self.drawn = QRect()  # where the last picture was painted, in this widget's coordinates
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, _event: QPaintEvent) -> None:  # Qt's name
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0b0f14"))
        with self._player.buffer.reading() as buf:
            if buf is not None and self.message == "":
                h, w = buf.shape[:2]
                image = QImage(buf.data, w, h, w * 4, QImage.Format.Format_RGB32)
                scale = min(self.width() / w, self.height() / h)
                tw, th = int(w * scale), int(h * scale)
                self.drawn = QRect((self.width() - tw) // 2, (self.height() - th) // 2, tw, th)
                p.drawImage(self.drawn, image)
        if self.message:
            p.setPen(QColor("#dfe6ee"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        p.end()


class ClipView(QWidget):
    def __init__(self, player: ClipPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.picture = _Picture(player)
        self.play = QPushButton(self.tr("Play/Pause"))
        self.play.clicked.connect(player.toggle_pause)
        self.step = QPushButton(self.tr("Next frame"))
        self.step.setToolTip(self.tr("Pause and advance one frame"))
        self.step.clicked.connect(player.next_frame)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 1000)
        self.slider.sliderMoved.connect(lambda v: player.seek(v / 1000))
        self.clock = QLabel("0.0 / 0.0 s")
        controls = QHBoxLayout()
        for w in (self.play, self.step, self.slider, self.clock):
            controls.addWidget(w)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.picture, 1)
        lay.addLayout(controls)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        self._timer.start(40)
        self.show_message(self.tr("Select a bookmark to play its clip"))

    def open(self, path: Path | None, camera_id: str, message: str = "") -> None:
        """Play ``path``, recorded by ``camera_id`` (whose masks are burned in), or show ``message``."""
        if path is None or not path.exists():
            self.player.close()
            self.show_message(message or self.tr("No clip for this bookmark"))
            return
        self.picture.message = ""
        self.player.open(path, camera_id)

    def picture_on_screen(self) -> tuple[int, int, int, int] | None:
        """The last painted picture's rectangle in screen coordinates (x, y, w, h); None before one."""
        rect = self.picture.drawn
        if self.picture.message or rect.isEmpty():
            return None
        top_left = self.picture.mapToGlobal(rect.topLeft())
        return top_left.x(), top_left.y(), rect.width(), rect.height()

    def show_message(self, text: str) -> None:
        self.picture.message = text
        self.picture.update()

    def _refresh(self) -> None:
        self.picture.update()
        now, length = self.player.position()
        self.clock.setText(f"{now:.1f} / {length:.1f} s")
        if length > 0 and not self.slider.isSliderDown():
            self.slider.setValue(int(1000 * now / length))

    def close_player(self) -> None:
        self._timer.stop()
        self.player.close()
